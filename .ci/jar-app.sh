# Sourced, not run: what the CI scripts that run the packaged jar share (smoke-jar.sh,
# swagger-ui-check.sh). It finds the jar ./mvnw -B verify built, gives it a throwaway
# database on the local PostgreSQL, starts it on a free port of 127.0.0.1 the way it is
# deployed (the database from SPRING_DATASOURCE_URL), and always cleans up: app stopped,
# database dropped, temp files removed, whatever way the script ends.
#
# From the repository root, with JAR_APP_NAME set (messages, temp and database names):
#   jar_app_init        JAR, WORK, LOG; installs the cleanup trap
#   pg_reachable        is there a PostgreSQL server to run against?
#   jar_app_start       DB, PORT, BASE, APP_PID: the jar running on a fresh database
#   jar_app_wait_ready  returns once the app answers (within JAR_APP_START_TIMEOUT seconds, 180 by
#                       default); non-zero with JAR_APP_ERROR if it never does
#
# Needs: java, python3 (for a free port), curl, psql/createdb/dropdb/pg_isready.
# Talks to 127.0.0.1 only.

PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
# -w: never prompt for a password (trust auth is expected); a prompt would hang CI.
PG_ARGS=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -w)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"   # the same java ./mvnw uses

JAR=
WORK=
LOG=
DB=
DB_CREATED=false
APP_PID=
PORT=
BASE=
JAR_APP_ERROR=

jar_app_init() {
    # The repackaged jar from ./mvnw verify (not *.jar.original, the plain one). If an older
    # version's jar is still lying in target/, take the newest.
    local jar
    jar=$(ls -t target/hello-books-api-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
    if [[ -z $jar ]]; then
        echo "$JAR_APP_NAME: no target/hello-books-api-*.jar; run ./mvnw -B verify first" >&2
        exit 1
    fi
    JAR="$PWD/$jar"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hello-books-$JAR_APP_NAME.XXXXXX")
    LOG="$WORK/app.log"
    DB="hello_books_${JAR_APP_NAME//[^a-z0-9]/_}_$$_$(date +%s)"
    trap jar_app_cleanup EXIT
    # Turn Ctrl-C / kill into a normal exit so the EXIT trap still cleans up.
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

jar_app_cleanup() {
    local rc=$?
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$APP_PID" 2>/dev/null; then
            echo "$JAR_APP_NAME: app did not stop within 30 s of SIGTERM; sending SIGKILL" >&2
            kill -KILL "$APP_PID" 2>/dev/null || true
        fi
        wait "$APP_PID" 2>/dev/null || true
    fi
    if $DB_CREATED; then
        dropdb "${PG_ARGS[@]}" --if-exists "$DB" \
            || echo "$JAR_APP_NAME: WARNING: could not drop database $DB; drop it by hand" >&2
    fi
    [[ -z $WORK ]] || rm -rf "$WORK"
    exit "$rc"
}

pg_reachable() {
    if command -v pg_isready >/dev/null; then
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
    elif command -v psql >/dev/null; then
        psql "${PG_ARGS[@]}" -X -q -At -c 'select 1' postgres >/dev/null 2>&1
    else
        return 1
    fi
}

jar_app_start() {
    createdb "${PG_ARGS[@]}" "$DB"
    DB_CREATED=true

    # Let the OS pick a free port (a small race with other processes, but no guessing).
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    BASE="http://127.0.0.1:$PORT"
    echo "$JAR_APP_NAME: starting the jar on $BASE with database $DB"

    # Run from the temp dir so no ./application.properties or ./config/ of the checkout can
    # change the app. Only the URL and user: trust auth; no password from the caller's environment.
    (cd "$WORK" && exec env -u SPRING_DATASOURCE_PASSWORD \
        SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
        SPRING_DATASOURCE_USERNAME="$PG_USER" \
        "$JAVA" -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1) >"$LOG" 2>&1 &
    APP_PID=$!
}

# A start takes about 8 s on an idle 2-CPU machine; the limit is for a machine busy with other
# work too (a start took 50 s while four builds ran beside it), not for a hung app.
JAR_APP_START_TIMEOUT=${JAR_APP_START_TIMEOUT:-180}

jar_app_wait_ready() {
    local waited code
    for ((waited = 0; ; waited++)); do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            JAR_APP_ERROR="the app exited during startup"
            return 1
        fi
        code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$BASE/books" || true)
        [[ $code == 000 || -z $code ]] || break
        if ((waited >= JAR_APP_START_TIMEOUT)); then
            JAR_APP_ERROR="no answer from $BASE/books within $JAR_APP_START_TIMEOUT s"
            return 1
        fi
        sleep 1
    done
    echo "$JAR_APP_NAME: up after ~${waited} s"
}

jar_app_log_tail() {
    echo "--- last 50 lines of the app log ---"
    tail -n 50 "$LOG" 2>/dev/null || true
    echo "---"
}
