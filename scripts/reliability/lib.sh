# Shared by the reliability scripts: a fresh database on the local PostgreSQL server, the
# packaged jar started against it, and cleanup of both. Only ever talks to 127.0.0.1.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_ARGS=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -w)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hello-books-reliability.XXXXXX")
DB="hello_books_reliability_$$_$(date +%s)"
APP_PID=
# other processes a script starts (a second server), stopped with the app
EXTRA_PIDS=()

cleanup() {
    local rc=$? pid
    for pid in "$APP_PID" "${EXTRA_PIDS[@]}"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    dropdb "${PG_ARGS[@]}" --if-exists "$DB" 2>/dev/null || true
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

jar() {
    local found
    found=$(ls -t "$ROOT"/target/hello-books-api-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
    if [[ -z $found ]]; then
        (cd "$ROOT" && ./mvnw -B -q package -Dmaven.test.skip=true) >&2
        found=$(ls -t "$ROOT"/target/hello-books-api-*.jar | grep -v '\.original$' | head -n 1)
    fi
    echo "$found"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_app PORT [extra args...]: starts the jar on a fresh database and waits for /books.
start_app() {
    createdb "${PG_ARGS[@]}" "$DB"
    launch_app "$@"
}

# launch_app PORT [extra args...]: starts the jar again on the same database (after a kill).
launch_app() {
    local port=$1
    shift
    (cd "$WORK" && exec env SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
        SPRING_DATASOURCE_USERNAME="$PG_USER" "$JAVA" ${JAVA_OPTS:-} -jar "$(jar)" \
        --server.port="$port" --server.address=127.0.0.1 "$@") >>"$WORK/app.log" 2>&1 &
    APP_PID=$!
    wait_ready "http://127.0.0.1:$port/books" "$APP_PID" "$WORK/app.log"
}

# wait_ready URL PID LOG: until URL answers 2xx; fails when PID exits first (its LOG's tail shown).
wait_ready() {
    # about 8 s on an idle machine; the limit is for a busy one, not for a hung server
    for _ in $(seq 1 180); do
        curl -sf -o /dev/null "$1" && return 0
        kill -0 "$2" 2>/dev/null || { tail -n 40 "$3"; echo "$1: the server died at startup" >&2; return 1; }
        sleep 1
    done
    echo "$1: no answer within 180 s" >&2
    return 1
}

# need_wrk: installs wrk (Debian's package) when it is missing.
need_wrk() {
    command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}

# cpu_ticks PID: the user + system clock ticks the process has used so far (from /proc).
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# rss_mb PID [VmRSS|VmHWM]: the process's resident memory now (or at its peak), in MB (from /proc).
rss_mb() {
    awk -v k="${2:-VmRSS}" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# TCP retransmission timeouts so far, the whole machine's (TcpExt's TCPTimeouts, /proc/net/netstat)
tcp_timeouts() {
    awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) col[$i] = i; n = 1 } else print $col["TCPTimeouts"] }' /proc/net/netstat
}

psql_value() {
    psql "${PG_ARGS[@]}" -X -q -At -d "$DB" -c "$1"
}
