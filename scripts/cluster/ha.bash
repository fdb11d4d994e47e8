# Sourced by cluster.sh for `ha` and `ha-long`: a PostgreSQL cluster that survives the loss
# of its primary, made of proven engines only. One etcd member holds the leader key; three
# PostgreSQL 15 servers, each run by its own Patroni, elect a new primary from the
# synchronous standby; HAProxy sends connections to whichever node Patroni's REST API says
# leads (primary port) or is the synchronous standby (replica port). Every process is ours,
# on free ports of 127.0.0.1, with its files in one temp directory, stopped by PID at exit.
# Uses need, as_pg and PG_BIN from cluster.sh.

HA_DIR=
HA_ETCD_PID=
HA_HAPROXY_PID=
HA_ETCD_PORT=
HA_PRIMARY_PORT=
HA_REPLICA_PORT=
HA_NODES=(node1 node2 node3)
# Every psql of the HA scripts gives up on a connection after a few seconds: through HAProxy,
# a connection to a port whose server is not up yet can otherwise hang for minutes.
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-3}
HA_DB=hellobooks
# The timings of the leader race. A dead primary's leader key expires after HA_TTL; each
# Patroni wakes every HA_LOOP_WAIT and retries etcd for up to HA_RETRY_TIMEOUT. Patroni
# demotes a primary that could not renew its key within retry_timeout, so
# loop_wait + 2 x retry_timeout must stay within ttl, or an old primary may still be writable
# when a standby takes over (Patroni 3.0.2 does not check this itself).
HA_TTL=${HA_TTL:-8}
HA_LOOP_WAIT=${HA_LOOP_WAIT:-1}
HA_RETRY_TIMEOUT=${HA_RETRY_TIMEOUT:-3}
# How often HAProxy asks each Patroni, and after how many failed answers it gives up on a node.
HA_CHECK_INTER=${HA_CHECK_INTER:-500ms}
HA_CHECK_FALL=${HA_CHECK_FALL:-2}

# Runs a server as the postgres user (PostgreSQL refuses root) as the same process, so $! is
# the PID of the server itself, not of a runuser wrapper that would survive or forward signals.
ha_as_pg_exec() {
    if ((EUID == 0)); then
        echo "exec setpriv --reuid=postgres --regid=postgres --init-groups env HOME=$HA_DIR"
    else
        echo "exec"
    fi
}

ha_install() {
    need etcd etcd-server
    need patroni patroni
    need haproxy haproxy
    # need also stops a system service that an install started (stop_started_service).
}

# The PostgreSQL parameters and the failover rules live in the cluster's configuration in
# etcd (bootstrap.dcs), written once by the first node; each node's own file only says where
# it listens and keeps its data.
ha_write_node_config() {
    local name=$1 pg_port=$2 rest_port=$3
    cat >"$HA_DIR/$name.yml" <<EOF
scope: hellobooks-ha
namespace: /hellobooks-$$/
name: $name
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$rest_port
  connect_address: 127.0.0.1:$rest_port
etcd3:
  hosts: 127.0.0.1:$HA_ETCD_PORT
bootstrap:
  dcs:
    ttl: $HA_TTL
    loop_wait: $HA_LOOP_WAIT
    retry_timeout: $HA_RETRY_TIMEOUT
    # A primary whose postmaster died fails over at once, instead of being restarted in place
    # while HAProxy already sends writes to it (the default waits 300 s for that).
    primary_start_timeout: 0
    maximum_lag_on_failover: 1048576
    # Only the synchronous standby may be promoted, and with strict mode a primary without one
    # accepts no commit: no acknowledged write can exist on the primary alone.
    synchronous_mode: true
    synchronous_mode_strict: true
    postgresql:
      # The old primary usually has WAL the new one never got (its last, unacknowledged
      # commits); pg_rewind lets it rejoin as a standby instead of needing a new base backup.
      use_pg_rewind: true
      # Without slots: a new primary creates its members' slots a loop after its promotion,
      # and until then the synchronous standby cannot stream, so no commit can return (about
      # 2 s of the outage here). wal_keep_size keeps the WAL a standby behind would need.
      use_slots: ${HA_USE_SLOTS:-false}
      parameters:
        wal_log_hints: 'on'
        wal_keep_size: 256MB
        # A commit returns once the synchronous standby has applied it, so a read there right
        # after the 201 sees it (read your writes through the replica port). HA_SYNC_COMMIT=local
        # shows that the checker sees stale reads and lost writes when commits do not wait.
        synchronous_commit: ${HA_SYNC_COMMIT:-remote_apply}
        # A standby whose new primary is not ready yet asks again after this (default 5 s).
        wal_retrieve_retry_interval: 500ms
        max_connections: 100
        max_wal_senders: 10
        max_replication_slots: 10
        hot_standby: 'on'
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - auth: trust
postgresql:
  listen: 127.0.0.1:$pg_port
  connect_address: 127.0.0.1:$pg_port
  data_dir: $HA_DIR/$name
  bin_dir: $PG_BIN
  pgpass: $HA_DIR/$name.pgpass
  authentication:
    superuser:
      username: postgres
    replication:
      username: postgres
    rewind:
      username: postgres
  parameters:
    unix_socket_directories: '$HA_DIR'
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication all 127.0.0.1/32 trust
EOF
    # The checker starts a node again with the same script after a fault; the PID it writes
    # to $name.patroni.pid is the one ha_cleanup stops.
    cat >"$HA_DIR/start-$name.sh" <<EOF
#!/bin/sh
echo \$\$ >"$HA_DIR/$name.patroni.pid"
$(ha_as_pg_exec) /usr/bin/python3 /usr/bin/patroni "$HA_DIR/$name.yml" >>"$HA_DIR/$name.log" 2>&1
EOF
    chmod +x "$HA_DIR/start-$name.sh"
}

ha_write_haproxy_config() {
    local name port rest primary_servers="" replica_servers=""
    for name in "${HA_NODES[@]}"; do
        read -r port rest <"$HA_DIR/$name.ports"
        primary_servers+="    server $name 127.0.0.1:$port check port $rest"$'\n'
        replica_servers+="    server $name 127.0.0.1:$port check port $rest"$'\n'
    done
    cat >"$HA_DIR/haproxy.cfg" <<EOF
global
    maxconn 1000

defaults
    mode tcp
    timeout connect 1s
    timeout check 1s
    # Idle pool connections must not be cut under the pool (Hikari's max lifetime is 10 min).
    timeout client 35m
    timeout server 35m
    # A node that stops passing its check loses its sessions at once: the app's pooled
    # connections to a demoted primary, or to a standby no longer synchronous, must not go on
    # being used. OPTIONS, not GET: a GET makes Patroni 3.0.2 log a traceback per check.
    default-server inter $HA_CHECK_INTER fall $HA_CHECK_FALL rise 1 on-marked-down shutdown-sessions

# Writes: only the node whose Patroni holds the leader key answers OPTIONS /primary with 200.
listen primary
    bind 127.0.0.1:$HA_PRIMARY_PORT
    option httpchk OPTIONS /primary
    http-check expect status 200
$primary_servers
# Reads: only the synchronous standby answers OPTIONS /sync with 200 (the asynchronous one is
# for failover only: commits do not wait for it, so it could serve a stale read).
listen replica
    bind 127.0.0.1:$HA_REPLICA_PORT
    balance roundrobin
    option httpchk OPTIONS /sync
    http-check expect status 200
$replica_servers
EOF
}

ha_rest() {
    curl -s --max-time 2 "http://127.0.0.1:$(cut -d' ' -f2 "$HA_DIR/$1.ports")$2"
}

# Waits until one node leads, one is its synchronous standby and the third streams too.
ha_wait_healthy() {
    local waited members
    for ((waited = 0; waited < 120; waited++)); do
        members=$(ha_rest "${HA_NODES[0]}" /cluster | python3 -c '
import json, sys
try:
    members = json.load(sys.stdin)["members"]
except Exception:
    sys.exit(1)
roles = sorted(m["role"] for m in members if m.get("state") in ("running", "streaming"))
print(" ".join(roles))' 2>/dev/null || true)
        [[ $members == "leader replica sync_standby" ]] && return 0
        sleep 0.5
    done
    echo "ha: FAIL the cluster did not become healthy (roles: '$members')" >&2
    for name in "${HA_NODES[@]}"; do tail -n 15 "$HA_DIR/$name.log"; done
    return 1
}

ha_start() {
    # Two JVMs starting next to three PostgreSQL servers on two shared cores can take more
    # than the 90 s that is plenty elsewhere (wait_instances).
    READY_SECONDS=${READY_SECONDS:-240}
    ha_install
    HA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hello-books-ha.XXXXXX")
    HA_ETCD_PORT=$(free_port)
    local etcd_peer_port name pg_port rest_port used=" $HA_ETCD_PORT "
    etcd_peer_port=$(free_port)
    used+="$etcd_peer_port "
    # free_port releases the port before we use it: draw again on a repeat.
    ha_port() {
        local p
        p=$(free_port)
        while [[ $used == *" $p "* ]]; do p=$(free_port); done
        used+="$p "
        echo "$p"
    }
    HA_PRIMARY_PORT=$(ha_port)
    HA_REPLICA_PORT=$(ha_port)
    for name in "${HA_NODES[@]}"; do
        pg_port=$(ha_port)
        rest_port=$(ha_port)
        echo "$pg_port $rest_port" >"$HA_DIR/$name.ports"
        ha_write_node_config "$name" "$pg_port" "$rest_port"
    done
    ha_write_haproxy_config
    ((EUID != 0)) || chown -R postgres: "$HA_DIR"

    # One etcd member, as the DCS of a single machine; production runs three (docs/high-availability.md).
    cat >"$HA_DIR/start-etcd.sh" <<EOF
#!/bin/sh
$(ha_as_pg_exec) etcd --name ha-etcd --data-dir "$HA_DIR/etcd" \\
    --listen-client-urls http://127.0.0.1:$HA_ETCD_PORT --advertise-client-urls http://127.0.0.1:$HA_ETCD_PORT \\
    --listen-peer-urls http://127.0.0.1:$etcd_peer_port --initial-advertise-peer-urls http://127.0.0.1:$etcd_peer_port \\
    --initial-cluster ha-etcd=http://127.0.0.1:$etcd_peer_port --initial-cluster-token hello-books-$$ \\
    --initial-cluster-state new --log-level warn >"$HA_DIR/etcd.log" 2>&1
EOF
    chmod +x "$HA_DIR/start-etcd.sh"
    "$HA_DIR/start-etcd.sh" &
    HA_ETCD_PID=$!
    local waited
    for ((waited = 0; waited < 50; waited++)); do
        curl -sf -o /dev/null "http://127.0.0.1:$HA_ETCD_PORT/health" && break
        kill -0 "$HA_ETCD_PID" 2>/dev/null || { cat "$HA_DIR/etcd.log"; echo "ha: FAIL etcd died" >&2; return 1; }
        sleep 0.2
    done

    # The first node bootstraps (initdb) alone; the others then clone it with pg_basebackup.
    # Disowned: the checker may SIGKILL them, and bash would report each as a killed job.
    "$HA_DIR/start-${HA_NODES[0]}.sh" &
    disown
    for ((waited = 0; waited < 120; waited++)); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS --max-time 2 \
            "http://127.0.0.1:$(cut -d' ' -f2 "$HA_DIR/${HA_NODES[0]}.ports")/primary") == 200 ]] && break
        sleep 0.5
    done
    for name in "${HA_NODES[@]:1}"; do "$HA_DIR/start-$name.sh" & disown; done
    haproxy -db -f "$HA_DIR/haproxy.cfg" >"$HA_DIR/haproxy.log" 2>&1 &
    HA_HAPROXY_PID=$!
    ha_wait_healthy
    # HAProxy's checks run every HA_CHECK_INTER; a server starts DOWN until its first pass.
    for ((waited = 0; waited < 40; waited++)); do
        [[ $(timeout 5 psql -h 127.0.0.1 -p "$HA_REPLICA_PORT" -U postgres -w -X -At -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null) == t ]] && break
        sleep 0.25
    done
    psql -h 127.0.0.1 -p "$HA_PRIMARY_PORT" -U postgres -w -X -q -d postgres -c "CREATE DATABASE $HA_DB"
    local roles
    roles=$(ha_rest "${HA_NODES[0]}" /cluster | python3 -c '
import json, sys
print(", ".join("%s %s (:%s)" % (m["name"], m["role"], m["port"]) for m in json.load(sys.stdin)["members"]))')
    echo "ha: etcd :$HA_ETCD_PORT; $roles; HAProxy primary :$HA_PRIMARY_PORT, replica (sync standby) :$HA_REPLICA_PORT"
}

# Called by cluster_cleanup once the app instances are gone, whatever step failed. Every
# Patroni gets SIGTERM (it stops its PostgreSQL), then whatever is left is stopped by PID: a
# Patroni that would not stop, a postmaster orphaned by a SIGKILLed Patroni, HAProxy, etcd.
ha_cleanup() {
    [[ -n $HA_DIR && -d $HA_DIR ]] || return 0
    local name pid pids=() waited
    for name in "${HA_NODES[@]}"; do
        [[ -f $HA_DIR/$name.patroni.pid ]] || continue
        pid=$(cat "$HA_DIR/$name.patroni.pid")
        kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    done
    for pid in "${pids[@]}"; do
        for ((waited = 0; waited < 100 && $(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0); waited++)); do sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    for name in "${HA_NODES[@]}"; do
        [[ -f $HA_DIR/$name/postmaster.pid ]] || continue
        pid=$(head -n 1 "$HA_DIR/$name/postmaster.pid")
        # SIGQUIT: immediate shutdown; the data goes with the directory anyway.
        if kill -QUIT "$pid" 2>/dev/null; then
            for ((waited = 0; waited < 50 && $(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0); waited++)); do sleep 0.2; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    for pid in "$HA_HAPROXY_PID" "$HA_ETCD_PID"; do
        [[ -n $pid ]] || continue
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n ${HA_KEEP_LOGS:-} ]]; then
        mkdir -p "$HA_KEEP_LOGS"
        cp "$HA_DIR"/*.log "$WORK"/instance-*.log "$HA_KEEP_LOGS"/ 2>/dev/null || true
    fi
    rm -rf "$HA_DIR"
}

mode_ha() {
    local runs=$1
    ha_start
    local url="jdbc:postgresql://127.0.0.1:$HA_PRIMARY_PORT/$HA_DB"
    start_instances 2 "$url" --hellobooks.datasource.replica.url="jdbc:postgresql://127.0.0.1:$HA_REPLICA_PORT/$HA_DB"
    wait_instances
    start_nginx "${PORTS[@]}"
    local name nodes=()
    for name in "${HA_NODES[@]}"; do
        nodes+=("$name:$(tr ' ' ':' <"$HA_DIR/$name.ports"):$HA_DIR/$name:$HA_DIR/start-$name.sh:$HA_DIR/$name.patroni.pid")
    done
    # The fast mode (CI) injures the primary once; ha-long every way, RUNS times each.
    local faults=${HA_FAULTS:-kill-postmaster} pairs=${HA_PAIRS:-100}
    ((runs == 1)) || { faults=${HA_FAULTS:-kill-postmaster,term-patroni,kill-patroni,switchover}; pairs=${HA_PAIRS:-500}; }
    python3 "$HERE/ha_checker.py" --base "http://127.0.0.1:$NGINX_PORT" --app-pids "${PIDS[@]}" \
        --app-logs "$WORK"/instance-*.log --nodes "${nodes[@]}" --database "$HA_DB" \
        --primary-port "$HA_PRIMARY_PORT" --replica-port "$HA_REPLICA_PORT" \
        --patronictl "patronictl -c $HA_DIR/${HA_NODES[0]}.yml" --faults "$faults" --runs "$runs" --pairs "$pairs" \
        ${HA_TARGETS:+--targets} || {
        echo "ha: the Patroni logs' last lines (they go with the temp directory):"
        for name in "${HA_NODES[@]}"; do { grep -E 'ERROR|WARNING|FATAL' "$HA_DIR/$name.log" || true; } | tail -n 5 | cut -c1-300; done
        echo "ha: FAIL" >&2
        exit 1
    }
    echo "ha: check passed in $SECONDS s"
}
