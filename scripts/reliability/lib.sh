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

cleanup() {
    local rc=$?
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
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
    # about 8 s on an idle machine; the limit is for a busy one, not for a hung app
    for _ in $(seq 1 180); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/books" && return 0
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app.log"; echo "the app died at startup" >&2; return 1; }
        sleep 1
    done
    echo "the app did not answer within 180 s" >&2
    return 1
}

psql_value() {
    psql "${PG_ARGS[@]}" -X -q -At -d "$DB" -c "$1"
}
