#!/usr/bin/env bash
# Scale-out on one machine, with proven engines only: N copies of the packaged jar behind
# nginx, on one PostgreSQL (and, for `replica`, a primary with a synchronous streaming
# standby). Everything listens on 127.0.0.1 and is torn down when the script ends.
#
#   scripts/cluster/cluster.sh check     N=3 instances started at once on an empty database,
#                                        Flyway ran once, Link headers through nginx, an
#                                        If-Match race across instances, mixed load with one
#                                        instance SIGTERMed and another SIGKILLed (default)
#   scripts/cluster/cluster.sh bench     req/s of GET /books/{id} through nginx with 1, 2, 3
#                                        instances (wrk, DURATION=15s each)
#   scripts/cluster/cluster.sh replica   a primary and a synchronous pg_basebackup standby
#                                        (remote_apply) on two free ports, one instance with
#                                        the replica URL: reads counted on each server,
#                                        read-your-writes over 2 x 1,000 pairs, the cost of
#                                        remote_apply, the standby stopped and started under
#                                        reads (replica_checker.py)
#   scripts/cluster/cluster.sh start     N instances and nginx, until Ctrl-C
#   scripts/cluster/cluster.sh ha        high availability (ha.bash, ha_checker.py): etcd, three
#                                        Patroni-managed PostgreSQL nodes, HAProxy, 2 instances
#                                        behind nginx; read-your-writes before and after, one
#                                        SIGKILL of the primary's postmaster under load (CI)
#   scripts/cluster/cluster.sh ha-long   the same with RUNS=5 runs of each fault: postmaster
#                                        SIGKILLed, Patroni SIGTERMed, Patroni SIGKILLed, a
#                                        switchover; the old primary rejoining after each
#   scripts/cluster/cluster.sh ha-start  the HA cluster and 2 instances, until Ctrl-C
#
# Needs root or sudo-less apt-get for nginx and wrk (and, for ha, etcd-server, patroni and
# haproxy) when they are missing, java, python3,
# curl and the PostgreSQL 15 client tools; the local PostgreSQL at 127.0.0.1:5432 (trust
# auth, user postgres) holds the throwaway database.
source "$(dirname "$0")/../reliability/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

MODE=${1:-check}
N=${N:-3}
DURATION=${DURATION:-15s}
# Idle connections nginx keeps open to each instance. Off by default: an instance that is
# shutting down closes its idle connections, and a POST nginx sends down one at that moment
# is "already sent", so it cannot be retried and the client gets a 502. With a new
# connection per request, a stopping instance refuses the connect, which nginx retries
# safely elsewhere. On loopback a connect costs little (see "Throughput" in docs/scale-out.md).
UPSTREAM_KEEPALIVE=${UPSTREAM_KEEPALIVE:-0}
# When nginx sends a request to the next instance (see start_nginx). NEXT_UPSTREAM=off shows
# that `check` fails when requests keep going to a stopped instance.
NEXT_UPSTREAM=${NEXT_UPSTREAM:-error timeout}
NGINX_DIR="$WORK/nginx"
NGINX_PORT=
PORTS=()
# each instance's probe port (hellobooks.probes.port), where the scripts ask readiness
PROBE_PORTS=()
PIDS=()

cluster_cleanup() {
    local rc=$? pid
    # Not under set -e: "(exit $rc)" below would end the trap before lib.sh's cleanup.
    set +e
    # Wait for each to be gone before lib.sh's cleanup: dropdb fails while an instance still
    # holds connections, and rm -rf races with nginx writing into its directory.
    stop_nginx
    for pid in "${PIDS[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [[ $(type -t replica_cleanup) != function ]] || replica_cleanup
    [[ $(type -t ha_cleanup) != function ]] || ha_cleanup
    (exit "$rc")
    cleanup
}
trap cluster_cleanup EXIT

need() {
    local command=$1 package=$2
    command -v "$command" >/dev/null && return 0
    echo "cluster: installing $package (Debian package)"
    [[ -n ${APT_UPDATED:-} ]] || { apt-get update -qq >/dev/null; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    stop_started_service "$package"
}

# Debian packages enable and start their systemd units where systemd runs: a system nginx,
# etcd, Patroni or HAProxy would be left running next to ours (nginx on port 80). Only a unit
# of a package this run just installed is stopped, never one that was there before.
stop_started_service() {
    local unit
    [[ -d /run/systemd/system ]] || return 0
    case $1 in
        nginx-light) unit=nginx ;;
        etcd-server) unit=etcd ;;
        patroni | haproxy) unit=$1 ;;
        *) return 0 ;;
    esac
    if systemctl is-active --quiet "$unit"; then
        echo "cluster: stopping the $unit service its package install started"
        systemctl stop "$unit"
        systemctl disable --quiet "$unit" || true
    fi
}

# start_instances COUNT DB_URL [extra args...]: COUNT jars launched together (no waiting
# between them, so they race for Flyway's lock), each on its own port and probe port, logs in $WORK.
start_instances() {
    local count=$1 url=$2 i port probe_port
    shift 2
    local jar_file
    jar_file=$(jar)
    for ((i = 0; i < count; i++)); do
        port=$(free_port)
        probe_port=$(free_port)
        # forward-headers-strategy=framework: Link and Location URLs name nginx (its Host and
        # X-Forwarded-* headers), not the instance a request happened to reach.
        (cd "$WORK" && exec env SPRING_DATASOURCE_URL="$url" SPRING_DATASOURCE_USERNAME="$PG_USER" \
            "$JAVA" ${JAVA_OPTS:--Xmx256m} -jar "$jar_file" --server.port="$port" --server.address=127.0.0.1 \
            --server.forward-headers-strategy=framework --hellobooks.probes.port="$probe_port" "$@") >"$WORK/instance-$i.log" 2>&1 &
        PIDS+=($!)
        PORTS+=("$port")
        PROBE_PORTS+=("$probe_port")
    done
}

# About 10 s each on an idle machine; the limit is for a busy one (three instances starting at
# once beside other work took over 90 s), not for a hung instance.
wait_instances() {
    local i waited
    for i in "${!PORTS[@]}"; do
        for ((waited = 0; ; waited++)); do
            curl -sf -o /dev/null "http://127.0.0.1:${PROBE_PORTS[$i]}/actuator/health/readiness" && break
            if ! kill -0 "${PIDS[$i]}" 2>/dev/null || ((waited >= ${READY_SECONDS:-180})); then
                tail -n 40 "$WORK/instance-$i.log"
                echo "cluster: instance $i did not become ready" >&2
                return 1
            fi
            sleep 1
        done
    done
}

# start_nginx PORT...: nginx on a free port of 127.0.0.1 in front of the given ports, with
# its config, pid, logs and temp files under $WORK (never /etc/nginx).
start_nginx() {
    need nginx nginx-light
    mkdir -p "$NGINX_DIR/logs"
    NGINX_PORT=$(free_port)
    local servers="" port
    for port in "$@"; do
        # Passive health checks, the only kind open-source nginx has: after max_fails failed
        # attempts (a refused connection, a time-out) the server is skipped for fail_timeout,
        # then tried again with one request.
        servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"$'\n'
    done
    cat >"$NGINX_DIR/nginx.conf" <<EOF
$( ((EUID == 0)) && echo "user root;")
worker_processes auto;
pid nginx.pid;
error_log logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    upstream hellobooks {
$servers$( ((UPSTREAM_KEEPALIVE > 0)) && echo "        keepalive $UPSTREAM_KEEPALIVE;")
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://hellobooks;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # Without it the app assumes the scheme's default port (80) once it sees a proto.
            proxy_set_header X-Forwarded-Port \$server_port;
            # Which instance answered; the checker uses it to show requests were spread.
            add_header X-Upstream \$upstream_addr always;
            # Retry on another instance only when it is safe. "error timeout" covers a
            # refused or failed connection (the request never reached the instance) and, for
            # GET/HEAD/PUT/DELETE, a failure after sending. Without "non_idempotent", a POST
            # or PATCH that was already sent is never sent again: the first instance may
            # have committed it, and a second try would create a second book. Such a request
            # gets a 502 instead, and the client decides. No http_502/http_503: a 503 from
            # the app is its own answer (overload, database down) with Retry-After.
            proxy_next_upstream $NEXT_UPSTREAM;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
        }
    }
}
EOF
    nginx -p "$NGINX_DIR" -c nginx.conf -e logs/error.log
    for _ in $(seq 1 20); do
        curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break
        sleep 0.2
    done
    echo "cluster: nginx on http://127.0.0.1:$NGINX_PORT in front of ports $*"
}

stop_nginx() {
    [[ -f $NGINX_DIR/nginx.pid ]] || return 0
    local pid
    pid=$(cat "$NGINX_DIR/nginx.pid")
    kill -QUIT "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$NGINX_DIR/nginx.pid"
}

stop_instances() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
    PORTS=()
    PROBE_PORTS=()
}

db_url() { echo "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"; }

mode_check() {
    createdb "${PG_ARGS[@]}" "$DB"
    echo "cluster: starting $N instances at the same moment on the empty database $DB"
    start_instances "$N" "$(db_url)"
    wait_instances
    echo "cluster: all $N instances ready"

    local duplicates versions applied up_to_date
    versions=$(psql_value "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL")
    duplicates=$(psql_value "SELECT count(*) FROM (SELECT version FROM flyway_schema_history GROUP BY version HAVING count(*) > 1) d")
    applied=$(grep -l "Successfully applied" "$WORK"/instance-*.log | wc -l)
    up_to_date=$(grep -l "is up to date" "$WORK"/instance-*.log | wc -l)
    echo "flyway: $versions versions in flyway_schema_history, $duplicates recorded twice;" \
        "$applied instance(s) applied migrations, $up_to_date found the schema up to date"
    ((duplicates == 0 && applied == 1 && up_to_date == N - 1)) || { echo "cluster: FAIL Flyway did not run exactly once" >&2; exit 1; }

    start_nginx "${PORTS[@]}"
    # A failed check still goes on to the database checks below, and shows what nginx and the
    # instances said, since their logs go with the temp directory.
    local checker=0
    python3 "$HERE/checker.py" --base "http://127.0.0.1:$NGINX_PORT" --pids "${PIDS[@]}" --out "$WORK/acknowledged" \
        --failed-posts "$WORK/failed-posts" || checker=$?
    if ((checker != 0)); then
        # The first errors are the SIGTERM's (the SIGKILL's come later and are expected).
        # "|| true": a grep that finds nothing must not end the script under set -e.
        echo "cluster: nginx's first errors:"
        { grep -F '[error]' "$NGINX_DIR/logs/error.log" || true; } | head -n 12 | cut -c1-300
        echo "cluster: the instances' warnings and errors (last lines):"
        { grep -hE ' (WARN|ERROR) ' "$WORK"/instance-*.log || true; } | tail -n 15 | cut -c1-300
    fi

    local acknowledged found duplicate_titles
    acknowledged=$(grep -c . "$WORK/acknowledged" || true)
    # One session: the temp table lives only as long as it.
    found=$( { echo "CREATE TEMP TABLE ack(id bigint);"; echo "COPY ack FROM STDIN;"; cat "$WORK/acknowledged"; echo '\.'
               echo "SELECT count(*) FROM ack JOIN book USING (id);"; } | psql "${PG_ARGS[@]}" -X -q -At -d "$DB" | tail -n 1)
    duplicate_titles=$(psql_value "SELECT count(*) FROM (SELECT title FROM book GROUP BY title HAVING count(*) > 1) d")
    echo "cluster: $found of $acknowledged acknowledged books in the database; $duplicate_titles titles stored twice"
    # A POST that got a 502 or no answer may have been committed just before its instance died;
    # the checker sent each again with its Idempotency-Key, so each must now be stored once.
    local failed_posts=0 stored=0 title
    while IFS= read -r title; do
        failed_posts=$((failed_posts + 1))
        stored=$((stored + $(psql_value "SELECT count(*) FROM book WHERE title = '$title'")))
    done <"$WORK/failed-posts"
    echo "cluster: $failed_posts POSTs failed at the client and were sent again with their key; $stored stored" \
         "($((stored > failed_posts ? stored - failed_posts : 0)) doubled, $((failed_posts > stored ? failed_posts - stored : 0)) lost)"
    ((found == acknowledged && duplicate_titles == 0 && stored == failed_posts && checker == 0)) || { echo "cluster: FAIL" >&2; exit 1; }
    echo "cluster: check passed"
}

mode_bench() {
    need wrk wrk
    createdb "${PG_ARGS[@]}" "$DB"
    local count id
    for count in 1 2 3; do
        start_instances "$count" "$(db_url)"
        wait_instances
        start_nginx "${PORTS[@]}"
        id=$(curl -s -X POST "http://127.0.0.1:$NGINX_PORT/books" -H 'Content-Type: application/json' \
            -d '{"title":"Bench","description":"wrk"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
        # warm-up, so the JIT has compiled the hot path on every instance
        wrk -t2 -c32 -d5s "http://127.0.0.1:$NGINX_PORT/books/$id" >/dev/null
        echo "bench: $count instance(s), GET /books/$id through nginx, $DURATION, 2 threads, 64 connections"
        wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:$NGINX_PORT/books/$id" \
            | grep -E 'Requests/sec|Non-2xx|Socket errors|50%|99%'
        stop_nginx
        stop_instances
    done
}

mode_start() {
    createdb "${PG_ARGS[@]}" "$DB"
    start_instances "$N" "$(db_url)"
    wait_instances
    start_nginx "${PORTS[@]}"
    echo "cluster: $N instances (ports ${PORTS[*]}), database $DB; Ctrl-C stops and removes everything"
    while true; do sleep 3600; done
}

# --- replica: a primary and a synchronous streaming standby of our own ------------------
# Both are private servers (initdb in a temp directory, free ports on 127.0.0.1, sockets in
# that directory), so the shared server on 5432 is never touched. PostgreSQL refuses to run
# as root, so as root the server commands run as the postgres user.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# remote_apply is the choice (read your writes on the standby); SYNC_COMMIT=local shows that
# the read-your-writes check can fail.
SYNC_COMMIT=${SYNC_COMMIT:-remote_apply}
REPL_DIR=
PRIMARY_PORT=
STANDBY_PORT=
REPL_DB=hellobooks

as_pg() {
    if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [[ -n $REPL_DIR && -f $REPL_DIR/$1/postmaster.pid ]]; }

# Stops a server cleanly (fast: sessions are ended, a shutdown checkpoint is written), and
# immediately if that has not finished in 30 s.
pg_stop() {
    pg_running "$1" || return 0
    as_pg "$PG_BIN/pg_ctl" -D "$REPL_DIR/$1" -m fast -t 30 -w stop >/dev/null 2>&1 \
        || as_pg "$PG_BIN/pg_ctl" -D "$REPL_DIR/$1" -m immediate -w stop >/dev/null 2>&1 || true
}

pg_start() {
    as_pg "$PG_BIN/pg_ctl" -D "$REPL_DIR/$1" -l "$REPL_DIR/$1.log" -t 60 -w start >/dev/null
}

# Called by cluster_cleanup once the instances are gone, whatever step failed: the standby
# first (a failed run may have left it half made, or stopped), then the primary, then files.
replica_cleanup() {
    [[ -n $REPL_DIR ]] || return 0
    pg_stop standby
    pg_stop primary
    rm -rf "$REPL_DIR"
}

repl_psql() {
    local port=$1
    shift
    psql -h 127.0.0.1 -p "$port" -U postgres -w -X -q -At "$@"
}

start_replication() {
    REPL_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hello-books-replica.XXXXXX")
    ((EUID != 0)) || chown postgres: "$REPL_DIR"
    PRIMARY_PORT=$(free_port)
    STANDBY_PORT=$(free_port)
    while [[ $STANDBY_PORT == "$PRIMARY_PORT" ]]; do STANDBY_PORT=$(free_port); done

    as_pg "$PG_BIN/initdb" -D "$REPL_DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
    # initdb's pg_hba.conf already lets local and 127.0.0.1 connections replicate (trust).
    {
        echo
        echo "# --- cluster.sh replica ---"
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $PRIMARY_PORT"
        echo "unix_socket_directories = '$REPL_DIR'"
        echo "max_connections = 50"
        echo "shared_preload_libraries = 'pg_stat_statements'"
    } >>"$REPL_DIR/primary/postgresql.conf"
    pg_start primary
    repl_psql "$PRIMARY_PORT" -d postgres -c "CREATE DATABASE $REPL_DB"
    repl_psql "$PRIMARY_PORT" -d "$REPL_DB" -c "CREATE EXTENSION pg_stat_statements"

    # The standby: a base backup of the running primary; -R writes standby.signal and a
    # primary_conninfo whose application_name makes it the synchronous standby.
    as_pg "$PG_BIN/pg_basebackup" -d "host=127.0.0.1 port=$PRIMARY_PORT user=postgres application_name=standby1" \
        -D "$REPL_DIR/standby" -R -X stream -c fast
    # The copied postgresql.conf names the primary's port; the last setting wins.
    echo "port = $STANDBY_PORT" >>"$REPL_DIR/standby/postgresql.conf"
    pg_start standby

    # Only now the standby is synchronous: named before it is connected, every commit on the
    # primary (CREATE DATABASE above included) would wait for it forever. From here a commit,
    # and so a 201 or 204, returns once standby1 has applied it: a read there right after sees it.
    repl_psql "$PRIMARY_PORT" -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" \
        -c "ALTER SYSTEM SET synchronous_commit = '$SYNC_COMMIT'" -c "SELECT pg_reload_conf()" >/dev/null
    local state=
    for _ in $(seq 1 50); do
        state=$(repl_psql "$PRIMARY_PORT" -d postgres -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")
        [[ $state == sync ]] && break
        sleep 0.2
    done
    [[ $state == sync ]] || { echo "replica: FAIL the standby did not become the synchronous standby (state '$state')" >&2; exit 1; }
    echo "replica: primary on 127.0.0.1:$PRIMARY_PORT, standby on 127.0.0.1:$STANDBY_PORT" \
        "(in recovery: $(repl_psql "$STANDBY_PORT" -d postgres -c 'SELECT pg_is_in_recovery()'), sync_state $state," \
        "synchronous_commit $(repl_psql "$PRIMARY_PORT" -d postgres -c 'SHOW synchronous_commit'))"
}

mode_replica() {
    start_replication
    start_instances 1 "jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$REPL_DB" \
        --hellobooks.datasource.replica.url="jdbc:postgresql://127.0.0.1:$STANDBY_PORT/$REPL_DB"
    wait_instances
    echo "replica: the app on port ${PORTS[0]}: writes to the primary, reads (read-only connections) to the standby"
    local pg_ctl_as_pg="runuser -u postgres -- $PG_BIN/pg_ctl"
    ((EUID == 0)) || pg_ctl_as_pg="$PG_BIN/pg_ctl"
    python3 "$HERE/replica_checker.py" --base "http://127.0.0.1:${PORTS[0]}" \
        --primary-port "$PRIMARY_PORT" --standby-port "$STANDBY_PORT" --database "$REPL_DB" \
        --sync-commit "$SYNC_COMMIT" \
        --stop-standby "$pg_ctl_as_pg -D $REPL_DIR/standby -m fast -w stop" \
        --start-standby "$pg_ctl_as_pg -D $REPL_DIR/standby -l $REPL_DIR/standby.log -w start" || {
        echo "replica: the app's warnings and errors (the log goes with the temp directory):"
        { grep -E ' (WARN|ERROR) |Exception' "$WORK/instance-0.log" || true; } | tail -n 30 | cut -c1-400
        echo "replica: FAIL" >&2
        exit 1
    }
    echo "replica: the app read $(grep -c 'reading it again from the primary' "$WORK/instance-0.log" || true) time(s) again" \
        "after its replica session ended, and skipped the replica $(grep -c 'Read replica unavailable' "$WORK/instance-0.log" || true) time(s)"
    echo "replica: check passed"
}

source "$HERE/ha.bash"

mode_ha_start() {
    ha_start
    start_instances 2 "jdbc:postgresql://127.0.0.1:$HA_PRIMARY_PORT/$HA_DB" \
        --hellobooks.datasource.replica.url="jdbc:postgresql://127.0.0.1:$HA_REPLICA_PORT/$HA_DB"
    wait_instances
    start_nginx "${PORTS[@]}"
    echo "ha: 2 instances (ports ${PORTS[*]}); patronictl -c $HA_DIR/${HA_NODES[0]}.yml list; Ctrl-C stops everything"
    # Short sleeps: bash runs the exit trap of a SIGTERM only once its foreground command ends.
    while true; do sleep 1; done
}

case $MODE in
    check) mode_check ;;
    bench) mode_bench ;;
    start) mode_start ;;
    replica) mode_replica ;;
    ha) mode_ha 1 ;;
    ha-long) mode_ha "${RUNS:-5}" ;;
    ha-start) mode_ha_start ;;
    *) echo "usage: $0 [check|bench|replica|start|ha|ha-long|ha-start]" >&2; exit 2 ;;
esac
