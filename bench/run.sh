#!/usr/bin/env bash
# Hello Books benchmark: the packaged jar against PostgreSQL on this machine, measured with
# wrk, next to pgbench running the equivalent SQL on the same database at the same
# concurrency, then the jar and bench/floor/ side by side with their defaults. Prints one
# Markdown report and writes it to bench/results/latest.md.
#
#   bash bench/run.sh              # full run, about 9 minutes
#   QUICK=1 bash bench/run.sh      # smoke run, about 2 minutes
#
# See bench/README.md for what it measures and the variables. It creates a fresh database
# on the PostgreSQL at PG_HOST:PG_PORT (127.0.0.1:5432), and on exit, however it exits,
# stops the app and drops that database. It sends traffic to 127.0.0.1 only.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
cd "$ROOT"

# --- Settings ------------------------------------------------------------------------------

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
    DURATION=${DURATION:-3s}
    MIXED_DURATION=${MIXED_DURATION:-5s}
    WARMUP=${WARMUP:-2s}
    WARMUP_FIRST=${WARMUP_FIRST:-5s}
    DEEP_BOOKS=${DEEP_BOOKS:-100000}
    STARTUP_RUNS=${STARTUP_RUNS:-1}
    CDS=${CDS:-1}
    ROUNDS=${ROUNDS:-1}
else
    DURATION=${DURATION:-15s}
    MIXED_DURATION=${MIXED_DURATION:-60s}
    WARMUP=${WARMUP:-5s}
    WARMUP_FIRST=${WARMUP_FIRST:-30s}
    DEEP_BOOKS=${DEEP_BOOKS:-1000000}
    STARTUP_RUNS=${STARTUP_RUNS:-3}
    CDS=${CDS:-1}
    ROUNDS=${ROUNDS:-3}
fi
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
BOOKS=${BOOKS:-10000}
AUTHORS=${AUTHORS:-100}
SMALL_BOOKS=${SMALL_BOOKS:-1000}

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_PASSWORD=${PG_PASSWORD:-}
BENCH_DB=${BENCH_DB:-hello_books_bench_$$}

# The flags bench/README.md recommends (see "JVM flags" there): a small, capped heap with the
# serial collector, and the C1 compiler only. On 2 CPUs shared with PostgreSQL and the load
# generator, C2's compilations compete with the requests for a long time after the start;
# C1-only started about a third faster, used about 80 MB less and served more GETs in our
# interleaved comparison.
JAVA_OPTS=${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

RESULTS_DIR="$BENCH_DIR/results"
LOG_DIR="$RESULTS_DIR/last-run"   # every tool's raw output, for a second look (not committed)

say() { echo "bench: $*" >&2; }
die() {
    say "ERROR: $*"
    exit 1
}

# "15s", "1m" or "15" -> whole seconds.
to_seconds() {
    local d=$1
    case $d in
        *ms) die "durations are whole seconds or minutes, not $d" ;;
        *s) echo "${d%s}" ;;
        *m) echo $((${d%m} * 60)) ;;
        *h) echo $((${d%h} * 3600)) ;;
        *) echo "$d" ;;
    esac
}
for v in DURATION MIXED_DURATION WARMUP WARMUP_FIRST; do
    [[ $(to_seconds "${!v}") =~ ^[0-9]+$ ]] || die "$v=${!v} is not a duration such as 15s or 1m"
done
[[ $CDS == 0 || $CDS == 1 ]] || die "CDS must be 0 or 1"
for v in CONNECTIONS THREADS BOOKS AUTHORS SMALL_BOOKS DEEP_BOOKS STARTUP_RUNS ROUNDS PG_PORT; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v=${!v} is not a positive integer"
done
((BOOKS >= 5 * AUTHORS)) || die "BOOKS must be at least 5 x AUTHORS (the seed gives each author 4 of every 5 books)"
((BOOKS % (5 * AUTHORS) == 0)) || die "BOOKS must be a multiple of 5 x AUTHORS, so that every author has as many books"
((DEEP_BOOKS > SMALL_BOOKS + 2000)) || die "DEEP_BOOKS must be well above SMALL_BOOKS"
((SMALL_BOOKS > 100)) || die "SMALL_BOOKS must be above 100 (the page size)"
[[ $BENCH_DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_DB=$BENCH_DB: use lower-case letters, digits and _"

# Only ever this machine: the database server must be on a loopback address.
case $PG_HOST in
    localhost) PG_HOST=127.0.0.1 ;;
    127.*) [[ $PG_HOST =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "PG_HOST=$PG_HOST is not an IPv4 address" ;;
    *) die "PG_HOST=$PG_HOST: the benchmark only talks to PostgreSQL on this machine (127.x.x.x or localhost)" ;;
esac

# --- Tools: install what is missing ------------------------------------------------------

# On Debian the pgbench in PATH may be pg_wrapper without a PostgreSQL behind it: run it.
have() { "$@" >/dev/null 2>&1; }
missing=()
command -v wrk >/dev/null || missing+=(wrk)
have pgbench --version || missing+=(postgresql-contrib)  # Debian ships pgbench with the server package
for tool in psql createdb dropdb pg_isready; do
    have "$tool" --version || { missing+=(postgresql-client) && break; }
done
have curl --version || missing+=(curl)
if ((${#missing[@]} > 0)); then
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and no apt-get to install them with"
    sudo=()
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null || die "missing ${missing[*]}; install them as root"
        sudo=(sudo)
    fi
    say "installing ${missing[*]} with apt-get"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
{ wrk --version 2>&1 || true; } | grep -q '^wrk' || die "wrk does not run"
pgbench --version >/dev/null || die "pgbench does not run"
command -v "$JAVA" >/dev/null || die "no java (set JAVA_HOME or put java in PATH)"

# -w: never prompt for a password (pgbench has no such option, and does not prompt anyway).
PG_ARGS=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -w)
PGBENCH_CONN=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
if [[ -n $PG_PASSWORD ]]; then
    export PGPASSWORD=$PG_PASSWORD
fi
pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || die "no PostgreSQL accepting connections at $PG_HOST:$PG_PORT"

# --- The jar -------------------------------------------------------------------------------

# The newest repackaged jar in target/ (not *.jar.original), built when there is none or when
# BUILD=1 asks for it: a jar left from older sources would measure those.
jar=$(ls -t target/hello-books-api-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
if [[ -z $jar || ${BUILD:-0} == 1 ]]; then
    say "building the jar (./mvnw -B -q -DskipTests package; the benchmark is not the test suite)"
    ./mvnw -B -q -DskipTests package
    jar=$(ls -t target/hello-books-api-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
    [[ -n $jar ]] || die "the build made no target/hello-books-api-*.jar"
fi
JAR="$ROOT/$jar"

# --- Cleanup, always -----------------------------------------------------------------------

RUN_DIR=$(mktemp -d -t hello-books-bench.XXXXXX)
DB_CREATED=false
APP_PID=
CHILD_PID=

stop_app() {
    [[ -n $APP_PID ]] || return 0
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$APP_PID" 2>/dev/null; then
            say "the app did not stop within 30 s of SIGTERM; sending SIGKILL"
            kill -KILL "$APP_PID" 2>/dev/null || true
        fi
    fi
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $CHILD_PID ]] && kill -0 "$CHILD_PID" 2>/dev/null; then
        kill -TERM "$CHILD_PID" 2>/dev/null || true
        wait "$CHILD_PID" 2>/dev/null || true
    fi
    stop_app
    if $DB_CREATED; then
        dropdb "${PG_ARGS[@]}" --if-exists --force "$BENCH_DB" \
            || say "WARNING: could not drop database $BENCH_DB; drop it by hand"
    fi
    rm -rf "$RUN_DIR"
    if ((rc != 0)); then
        say "stopped with exit code $rc; the raw output of every step is in bench/results/last-run/"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it, so that Ctrl-C or a TERM is acted on
# at once (bash runs traps only between foreground commands) and cleanup can stop it.
run_child() {
    "$@" &
    CHILD_PID=$!
    local rc=0
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=
    return "$rc"
}

rm -rf "$LOG_DIR"
mkdir -p "$LOG_DIR"
START_EPOCH=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
load1=${LOAD_START%% *}
if awk -v l="$load1" 'BEGIN { exit !(l > 0.7) }'; then
    say "WARNING: load average is $LOAD_START before starting: something else is using the CPUs, and the numbers will show it"
fi

# --- Database --------------------------------------------------------------------------------

psql_db() { psql "${PG_ARGS[@]}" -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }

if [[ -n $(psql "${PG_ARGS[@]}" -X -At -d postgres -c "select 1 from pg_database where datname = '$BENCH_DB'") ]]; then
    die "database $BENCH_DB already exists; the benchmark only uses a database it creates (set BENCH_DB to another name)"
fi
createdb "${PG_ARGS[@]}" "$BENCH_DB"
DB_CREATED=true
say "database $BENCH_DB on $PG_HOST:$PG_PORT"

# The seed. Every 5th book has no author (and no book has genres), so its ETag is "<version>"
# and the PUT scenario can send If-Match without reading first (see wrk/common.lua). The other
# books go 4 at a time to the authors in turn: book 5k+j (j = 1..4) belongs to author
# 1 + k % AUTHORS, which pgbench/author-books-as-app.sql relies on. Titles are random-looking
# (md5), so that sort=title walks the (title, id) index in an order unrelated to ids.
# Explicit ids, then the identity sequences moved past them, so POST /books goes on from there.
BOOK_ROWS="SELECT i, 'Book ' || substr(md5(i::text), 1, 16),
       'Seeded book number ' || i || '. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.',
       CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + (i / 5) % $AUTHORS END, 0"

seed_books() { # FROM TO: adds books FROM..TO
    psql_db <<SQL
INSERT INTO book (id, title, description, author_id, version)
$BOOK_ROWS FROM generate_series($1, $2) i;
SELECT setval(pg_get_serial_sequence('book', 'id'), $2);
SQL
}

seed_main() {
    psql_db >/dev/null <<SQL
TRUNCATE book_genre, book, genre, author RESTART IDENTITY;
INSERT INTO author (id, name, version) SELECT a, 'Author ' || a, 0 FROM generate_series(1, $AUTHORS) a;
SELECT setval(pg_get_serial_sequence('author', 'id'), $AUTHORS);
SQL
    seed_books 1 "$BOOKS" >/dev/null
    psql_db -c "VACUUM ANALYZE"
}

# Between scenarios: the seeded data again, whatever a write scenario added or changed, so no
# scenario depends on the ones before it.
reset_main() {
    psql_db >/dev/null <<SQL
DELETE FROM book WHERE id > $BOOKS;
TRUNCATE idempotency_key;
UPDATE book SET (title, description, author_id, version) = (s.title, s.description, s.author_id, 0)
FROM (SELECT i AS id, 'Book ' || substr(md5(i::text), 1, 16) AS title,
             'Seeded book number ' || i || '. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.' AS description,
             CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + (i / 5) % $AUTHORS END AS author_id
      FROM generate_series(1, $BOOKS) i) s
WHERE book.id = s.id AND book.version <> 0;
SELECT setval(pg_get_serial_sequence('book', 'id'), $BOOKS);
VACUUM ANALYZE book;
SQL
}

# --- The app ---------------------------------------------------------------------------------

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "found no free port"
}
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
read -r -a JAVA_ARGS <<<"$JAVA_OPTS"

STARTUP_MS=
# Only the database settings from here; none of the caller's SPRING_DATASOURCE_*.
DB_ENV=(SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB" SPRING_DATASOURCE_USERNAME="$PG_USER")
[[ -z $PG_PASSWORD ]] || DB_ENV+=(SPRING_DATASOURCE_PASSWORD="$PG_PASSWORD")

# java_app JAR [JVM ARGS...]: runs the app in the foreground, from an empty directory (no
# ./application.properties or ./config/ of the checkout), on 127.0.0.1:PORT.
java_app() {
    local jar=$1
    shift
    cd "$RUN_DIR" && exec env -u SPRING_DATASOURCE_PASSWORD "${DB_ENV[@]}" \
        "$JAVA" "${JAVA_ARGS[@]}" "$@" -jar "$jar" --server.port="$PORT" --server.address=127.0.0.1
}

# start_app LOG [JAR [JVM ARGS...]]: launches the jar (the packaged one unless named) and
# waits for the first 200 on /books; STARTUP_MS is the time from launch to that 200 (polled
# every 50 ms).
start_app() {
    local log=$1 jar=${2:-$JAR} t0 code
    shift $(($# < 2 ? $# : 2))
    t0=$(date +%s%N)
    (java_app "$jar" "$@") >"$log" 2>&1 &
    APP_PID=$!
    while :; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            tail -n 40 "$log" >&2
            die "the app exited during startup (log above)"
        fi
        code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$BASE/books" || true)
        [[ $code == 200 ]] && break
        if (($(date +%s%N) - t0 > 180 * 1000000000)); then
            tail -n 40 "$log" >&2
            die "no 200 from $BASE/books within 180 s (last status: $code)"
        fi
        sleep 0.05
    done
    STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
}

rss_mb() { awk -v k="$1" '$1 == k":" { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status"; }

# --- Measuring -------------------------------------------------------------------------------

declare -A REQUESTS DURATION_US RPS P50 P99 NON2XX SOCKERR STALE TPS TPS_LAT TPS_FAILED

export LUA_PATH="$BENCH_DIR/wrk/?.lua;;"
export BENCH_BOOKS=$BOOKS BENCH_AUTHORS=$AUTHORS BENCH_THREADS=$THREADS

# wrk_once NAME DURATION SCRIPT [ARG]: one wrk run; its numbers go into RPS[NAME] and so on.
wrk_once() {
    local name=$1 duration=$2 script=$3 out="$LOG_DIR/wrk-$1.txt"
    shift 3
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$(to_seconds "$duration")s" --timeout 10s
        -s "$BENCH_DIR/wrk/$script" "$BASE")
    (($# == 0)) || args+=(-- "$@")
    run_child wrk "${args[@]}" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($name)"; }
    local line
    line=$(grep '^BENCH ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no result ($name)"; }
    REQUESTS[$name]=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
    DURATION_US[$name]=$(sed -n 's/.* duration_us=\([0-9]*\).*/\1/p' <<<"$line")
    RPS[$name]=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$line")
    P50[$name]=$(sed -n 's/.* p50_us=\([0-9]*\).*/\1/p' <<<"$line")
    P99[$name]=$(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' <<<"$line")
    NON2XX[$name]=$(sed -n 's/.* non2xx=\([0-9]*\).*/\1/p' <<<"$line")
    SOCKERR[$name]=$(sed -n 's/.* socket_errors=\([0-9]*\).*/\1/p' <<<"$line")
    STALE[$name]=$(sed -n 's/.* stale412=\([0-9]*\).*/\1/p' <<<"$line")
}

# scenario NAME SCRIPT [ARG]: a warm-up (not counted), then the measured run. A scenario that
# writes starts from the seeded data again after its warm-up and after its run: the PUT
# script's ETags start at "0" (see wrk/common.lua), and no later scenario should see its rows.
scenario() {
    local name=$1 duration=$DURATION writes=false
    [[ $name != mixed ]] || duration=$MIXED_DURATION
    [[ $name != mixed && $name != post-book* && $name != put-if-match ]] || writes=true
    say "wrk  $name ($WARMUP warm-up, then $duration)"
    wrk_once "$name-warmup" "$WARMUP" "${@:2}"
    ! $writes || reset_main
    wrk_once "$name" "$duration" "${@:2}"
    say "     ${RPS[$name]} req/s, p50 $(ms "${P50[$name]}") ms, p99 $(ms "${P99[$name]}") ms, non-2xx ${NON2XX[$name]}"
    [[ $name == mixed ]] || ! $writes || reset_main   # mixed: after the RSS reading
}

# page_rounds NAME=PATH...: list pages compared with each other. Each gets its warm-up, then
# they take turns: ROUNDS rounds, in each of which every page runs for DURATION / ROUNDS. So
# a change in the machine's load during the comparison hits every page alike, instead of
# whichever ran at that moment. req/s is over all rounds; p50 and p99 are the medians of the
# rounds' p50s and p99s; non-2xx add up.
page_rounds() {
    local spec name path r secs
    secs=$(($(to_seconds "$DURATION") / ROUNDS))
    ((secs >= 1)) || secs=1
    for spec in "$@"; do
        name=${spec%%=*} path=${spec#*=}
        say "wrk  $name ($WARMUP warm-up)"
        wrk_once "$name-warmup" "$WARMUP" list-page.lua "$path"
    done
    for r in $(seq 1 "$ROUNDS"); do
        say "     round $r of $ROUNDS: ${secs}s each"
        for spec in "$@"; do
            name=${spec%%=*} path=${spec#*=}
            wrk_once "$name-round$r" "${secs}s" list-page.lua "$path"
        done
    done
    for spec in "$@"; do
        aggregate_rounds "${spec%%=*}"
    done
}

# pgbench_once NAME SECONDS SCRIPT[@WEIGHT]...: prepared statements, the same connections
# and threads as wrk, on the same database.
pgbench_once() {
    local name=$1 secs=$2 out="$LOG_DIR/pgbench-$1.txt"
    shift 2
    local files=() f
    for f in "$@"; do files+=(-f "$BENCH_DIR/pgbench/$f"); done
    run_child pgbench "${PGBENCH_CONN[@]}" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$secs" \
        -D books="$BOOKS" -D authors="$AUTHORS" "${files[@]}" "$BENCH_DB" >"$out" 2>&1 \
        || { cat "$out" >&2; die "pgbench failed ($name)"; }
    TPS[$name]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
    TPS_LAT[$name]=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")
    TPS_FAILED[$name]=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
    [[ -n ${TPS[$name]} ]] || { cat "$out" >&2; die "pgbench printed no tps ($name)"; }
}

# The pgbench scripts that write, and so are followed by reset_main.
pgbench_writes() { [[ $1 == *insert* || $1 == *update* || $1 == mixed* ]]; }

# paired NAME WRK_SCRIPT CEILING=SCRIPT[@WEIGHT][,SCRIPT@WEIGHT]...: a wrk scenario and the
# pgbench ceilings it is compared with take turns, ROUNDS rounds of DURATION / ROUNDS each,
# after the scenario's warm-up: a ratio between the app and pgbench then compares numbers
# measured under the same load, not minutes apart while other work came and went. req/s and
# tps are over all rounds; p50 and p99 the medians of the rounds'.
paired() {
    local name=$1 script=$2 r secs spec ceiling writes=false
    shift 2
    [[ $name != post-book* && $name != put-if-match ]] || writes=true
    secs=$(($(to_seconds "$DURATION") / ROUNDS))
    ((secs >= 1)) || secs=1
    say "wrk  $name, with pgbench ${*%%=*} ($WARMUP warm-up, then turns: $ROUNDS x ${secs}s)"
    wrk_once "$name-warmup" "$WARMUP" "$script"
    ! $writes || reset_main
    for r in $(seq 1 "$ROUNDS"); do
        wrk_once "$name-round$r" "${secs}s" "$script"
        ! $writes || reset_main
        for spec in "$@"; do
            ceiling=${spec%%=*}
            local files
            IFS=',' read -r -a files <<<"${spec#*=}"
            pgbench_once "$ceiling-round$r" "$secs" "${files[@]}"
            ! pgbench_writes "$ceiling" || reset_main
        done
    done
    aggregate_rounds "$name"
    for spec in "$@"; do
        ceiling=${spec%%=*}
        local tps=() lat=() failed=0
        for r in $(seq 1 "$ROUNDS"); do
            tps+=("${TPS[$ceiling-round$r]}")
            lat+=("${TPS_LAT[$ceiling-round$r]}")
            failed=$((failed + ${TPS_FAILED[$ceiling-round$r]:-0}))
        done
        TPS[$ceiling]=$(printf '%s\n' "${tps[@]}" | awk '{ s += $1 } END { printf "%.1f", s / NR }')
        TPS_LAT[$ceiling]=$(printf '%s\n' "${lat[@]}" | awk '{ s += $1 } END { printf "%.3f", s / NR }')
        TPS_FAILED[$ceiling]=$failed
        say "     pgbench $ceiling: ${TPS[$ceiling]} tps, latency average ${TPS_LAT[$ceiling]} ms"
    done
}

# aggregate_rounds NAME: NAME's numbers from NAME-round1..ROUNDS.
aggregate_rounds() {
    local name=$1 r requests=0 duration=0 non2xx=0 sockerr=0 stale=0 p50s=() p99s=()
    for r in $(seq 1 "$ROUNDS"); do
        requests=$((requests + REQUESTS[$name-round$r]))
        duration=$((duration + DURATION_US[$name-round$r]))
        non2xx=$((non2xx + NON2XX[$name-round$r]))
        sockerr=$((sockerr + SOCKERR[$name-round$r]))
        stale=$((stale + STALE[$name-round$r]))
        p50s+=("${P50[$name-round$r]}")
        p99s+=("${P99[$name-round$r]}")
    done
    RPS[$name]=$(awk -v n="$requests" -v us="$duration" 'BEGIN { printf "%.1f", n / (us / 1e6) }')
    P50[$name]=$(median "${p50s[@]}")
    P99[$name]=$(median "${p99s[@]}")
    NON2XX[$name]=$non2xx SOCKERR[$name]=$sockerr STALE[$name]=$stale
    say "     $name: ${RPS[$name]} req/s, p50 $(ms "${P50[$name]}") ms, p99 $(ms "${P99[$name]}") ms, non-2xx $non2xx"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2f" : "%.1f"), us / 1000 }'; }

# get_page PATH: checks a list URL answers 200 with a page of 100 books; prints the first id.
get_page() {
    local body code
    body=$(curl -s --max-time 10 -w '\n%{http_code}' "$BASE$1")
    code=${body##*$'\n'}
    body=${body%$'\n'*}
    [[ $code == 200 ]] || die "GET $1 answered $code: ${body:0:300}"
    local count
    count=$(grep -o '"description":' <<<"$body" | wc -l)
    ((count == 100)) || die "GET $1 gave $count books, not 100"
    sed -n 's/^\[{"id":\([0-9]*\),.*/\1/p' <<<"$body"
}

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
b64url_decode() {
    local s
    s=$(tr -- '-_' '+/' <<<"$1")
    while ((${#s} % 4)); do s+="="; done
    base64 -d <<<"$s"
}

# The "sort" a cursor for SORT carries, as the app writes it: taken from a real Link, so
# that a hand-made cursor stays right if the app changes how it spells a sort.
sort_key_of() {
    local link cursor
    link=$(curl -s -D - -o /dev/null "$BASE/books?limit=1&sort=$1" | tr -d '\r' | grep -i '^link:' || true)
    cursor=$(sed -n 's/.*[?&]cursor=\([^&>]*\).*/\1/p' <<<"$link")
    [[ -n $cursor ]] || die "no Link with a cursor from /books?limit=1&sort=$1"
    b64url_decode "$cursor" | sed -n 's/.*"sort":"\([^"]*\)".*/\1/p'
}

# --- 1. Start, seed, and time the start -----------------------------------------------------

say "jar $jar, JAVA_OPTS: $JAVA_OPTS"
say "first start, on the empty database (Flyway creates the schema)"
start_app "$LOG_DIR/app-first-start.log"
FIRST_START_MS=$STARTUP_MS
say "     first 200 after $FIRST_START_MS ms"

say "seeding $AUTHORS authors and $BOOKS books with SQL"
t0=$(date +%s%N)
seed_main
say "     seeded in $((($(date +%s%N) - t0) / 1000000)) ms"
stop_app

# The same starts with class data sharing, the way Spring Boot documents it: the jar
# extracted (java -Djarmode=tools -jar ... extract), one training run that starts the context
# and exits after the refresh, then starts with what it recorded. On JDK 25+ that is the AOT
# cache (JEP 483 and 514: classes loaded and linked, and method profiles), otherwise an AppCDS
# archive (classes loaded). Reported beside the plain starts; the scenarios run the packaged
# jar as it is.
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if ((${JAVA_MAJOR:-17} >= 25)); then
    CDS_KIND='an AOT cache from a training run (JDK 25), `-XX:AOTCache`'
    cds_train_flag=-XX:AOTCacheOutput cds_use_flag=-XX:AOTCache
else
    CDS_KIND='an AppCDS archive from a training run, `-XX:SharedArchiveFile`'
    cds_train_flag=-XX:ArchiveClassesAtExit cds_use_flag=-XX:SharedArchiveFile
fi
CDS_STARTUPS=()
if [[ $CDS == 1 ]]; then
    cds_dir="$RUN_DIR/cds"
    say "class data sharing: extracting the jar and a training run ($cds_train_flag)"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$cds_dir/app" >"$LOG_DIR/cds-extract.log" 2>&1 \
        || { cat "$LOG_DIR/cds-extract.log" >&2; die "could not extract the jar for CDS"; }
    cds_jar="$cds_dir/app/$(basename "$JAR")"
    (java_app "$cds_jar" "$cds_train_flag=$cds_dir/app.archive" -Dspring.context.exit=onRefresh) \
        >"$LOG_DIR/cds-training.log" 2>&1 || { tail -n 40 "$LOG_DIR/cds-training.log" >&2; die "the CDS training run failed"; }
    [[ -s $cds_dir/app.archive ]] || die "the CDS training run wrote no archive"
    for run in $(seq 1 "$STARTUP_RUNS"); do
        start_app "$LOG_DIR/app-cds-start-$run.log" "$cds_jar" "$cds_use_flag=$cds_dir/app.archive"
        CDS_STARTUPS+=("$STARTUP_MS")
        say "CDS start $run of $STARTUP_RUNS: first 200 on /books after $STARTUP_MS ms"
        stop_app
    done
fi

STARTUPS=()
for run in $(seq 1 "$STARTUP_RUNS"); do
    start_app "$LOG_DIR/app-start-$run.log"
    STARTUPS+=("$STARTUP_MS")
    say "start $run of $STARTUP_RUNS (schema and data in place): first 200 on /books after $STARTUP_MS ms"
    ((run == STARTUP_RUNS)) || stop_app
done
STARTUP_MEDIAN=$(median "${STARTUPS[@]}")
APP_LOG="$LOG_DIR/app-start-$STARTUP_RUNS.log"

# --- 2. The main scenarios: 10,000 books -------------------------------------------------------

# A server that has run for a while, as in production: the JIT compilers have done their work
# before the first measurement, not during it.
say "warm-up: the mixed scenario for $WARMUP_FIRST"
wrk_once warmup-first "$WARMUP_FIRST" mixed-80-20.lua
reset_main
paired get-book get-book.lua select-book=select-book.sql select-book-as-app=select-book-as-app.sql
paired author-books author-books.lua author-books-as-app=author-books-as-app.sql
paired first-page list-page.lua first-page-as-app=first-page-as-app.sql
paired post-book post-book.lua insert-book=insert-book.sql insert-book-as-app=insert-book-as-app.sql
# The same POST with a new Idempotency-Key each: what storing the answer costs.
paired post-book-keyed post-book-keyed.lua
paired put-if-match put-if-match.lua update-book-as-app=update-book-as-app.sql

# The mixed run stays one run of MIXED_DURATION (the RSS is read right after it), with its
# pgbench mix right after it.
scenario mixed mixed-80-20.lua
RSS_MB=$(rss_mb VmRSS)
RSS_PEAK_MB=$(rss_mb VmHWM)
say "RSS after the mixed run: $RSS_MB MB (peak $RSS_PEAK_MB MB)"
reset_main
say "pgbench mixed-as-app ($DURATION)"
pgbench_once mixed-as-app "$(to_seconds "$DURATION")" select-book-as-app.sql@50 author-books-as-app.sql@15 \
    first-page-as-app.sql@15 insert-book-as-app.sql@10 update-book-as-app.sql@10
say "     ${TPS[mixed-as-app]} tps, latency average ${TPS_LAT[mixed-as-app]} ms"
reset_main

# --- 4. Pages: 1,000 books, then 1,000,000 ---------------------------------------------------

say "pages: $SMALL_BOOKS books"
psql_db -c "TRUNCATE book_genre, book RESTART IDENTITY"
seed_books 1 "$SMALL_BOOKS" >/dev/null
psql_db -c "VACUUM ANALYZE book"
[[ $(get_page '/books?limit=100') == 1 ]] || die "the first page does not start at book 1"
page_rounds "first-page-small=/books?limit=100"

say "pages: growing the table to $DEEP_BOOKS books"
t0=$(date +%s%N)
seed_books $((SMALL_BOOKS + 1)) "$DEEP_BOOKS" >/dev/null
psql_db -c "VACUUM ANALYZE book"
DEEP_SEED_MS=$((($(date +%s%N) - t0) / 1000000))
say "     inserted and analysed in $DEEP_SEED_MS ms"

# A page near the end: the cursor of the row 1,000 rows before the last one, made the way the
# app makes cursors (base64url of {"sort": ..., "after": {...}}, see web/Cursors.java). Each
# page is checked once with curl (200, 100 books, the expected first book) before wrk.
after_id=$((DEEP_BOOKS - 1000))
id_sort=$(sort_key_of id)
id_cursor=$(printf '{"sort":"%s","after":{"id":%d}}' "$id_sort" "$after_id" | b64url)
DEEP_ID_PATH="/books?limit=100&cursor=$id_cursor"
[[ $(get_page "$DEEP_ID_PATH") == $((after_id + 1)) ]] || die "the deep page does not start after book $after_id"

title_sort=$(sort_key_of title)
IFS='|' read -r after_title after_title_id < <(psql_db -At -c \
    "SELECT title, id FROM book ORDER BY title, id OFFSET $((DEEP_BOOKS - 1001)) LIMIT 1")
next_title_id=$(psql_db -At -c \
    "SELECT id FROM book ORDER BY title, id OFFSET $((DEEP_BOOKS - 1000)) LIMIT 1")
title_cursor=$(printf '{"sort":"%s","after":{"title":"%s","id":%d}}' "$title_sort" "$after_title" "$after_title_id" | b64url)
DEEP_TITLE_PATH="/books?limit=100&sort=title&cursor=$title_cursor"
[[ $(get_page "$DEEP_TITLE_PATH") == "$next_title_id" ]] || die "the deep page by title does not start where expected"
get_page '/books?limit=100&sort=title' >/dev/null

page_rounds "first-page-deep=/books?limit=100" "deep-page=$DEEP_ID_PATH" \
    "first-page-title-deep=/books?limit=100&sort=title" "deep-page-title=$DEEP_TITLE_PATH"

# The app's log should hold no error after all that. wrk closes its connections at the end of
# each run with responses still in flight; the app logs each such write as a WARN ("Broken
# pipe", "Connection reset by peer"), which says nothing about the app: counted apart.
CLIENT_ABORT='Broken pipe|Connection reset by peer'
APP_BROKEN_PIPES=$(grep -E ' (ERROR|WARN) ' "$APP_LOG" | grep -cE "$CLIENT_ABORT" || true)
APP_ERRORS=$(grep -E ' (ERROR|WARN) ' "$APP_LOG" | grep -vcE "$CLIENT_ABORT" || true)

stop_app
END_EPOCH=$(date +%s)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 5. The table ----------------------------------------------------------------------------

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
yes_no() { if "$@"; then echo yes; else echo "**no**"; fi; }
int() { awk -v x="$1" 'BEGIN { printf "%d", x + 0.5 }'; }
thousands() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }

row() { # NAME LABEL CEILING_NAME TARGET MET
    local name=$1 label=$2 ceiling=$3 target=$4 met=$5 vs="—"
    [[ -z $ceiling ]] || vs="$(pct "${RPS[$name]}" "${TPS[$ceiling]}") of $ceiling"
    local non2xx=${NON2XX[$name]}
    ((STALE[$name] == 0)) || non2xx="$non2xx (${STALE[$name]} stale-ETag 412s)"
    ((SOCKERR[$name] == 0)) || non2xx="$non2xx (+${SOCKERR[$name]} socket errors)"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(int "${RPS[$name]}")" \
        "$(ms "${P50[$name]}")" "$(ms "${P99[$name]}")" "$non2xx" "$vs" "$target" "$met"
}
pg_row() { # NAME LABEL
    local failed=${TPS_FAILED[$1]:-0}
    printf '| %s | %s | avg %s | — | %s failed | ceiling | — | — |\n' "$2" "$(int "${TPS[$1]}")" "${TPS_LAT[$1]}" "$failed"
}

get_ok() { ge "${RPS[get-book]}" "$(awk -v t="${TPS[select-book]}" 'BEGIN { print t / 4 }')" && lt "${P99[get-book]}" 20000; }
post_ok() { ge "${RPS[post-book]}" "$(awk -v t="${TPS[insert-book]}" 'BEGIN { print t / 4 }')"; }
keyed_ok() { ge "${RPS[post-book-keyed]}" "$(awk -v t="${RPS[post-book]}" 'BEGIN { print t * 0.8 }')"; }
small_x=$(ratio "${P50[first-page-deep]}" "${P50[first-page-small]}")
deep_x=$(ratio "${P50[deep-page]}" "${P50[first-page-deep]}")
deep_title_x=$(ratio "${P50[deep-page-title]}" "${P50[first-page-title-deep]}")
deep_k=$(thousands "$DEEP_BOOKS")
small_k=$(thousands "$SMALL_BOOKS")
books_k=$(thousands "$BOOKS")

JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n 1)
JAVA_RUNTIME=$("$JAVA" -version 2>&1 | sed -n 2p)
PG_VERSION=$(psql "${PG_ARGS[@]}" -X -At -d postgres -c "show server_version")
MEM_GB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain -- src pom.xml 2>/dev/null) ]] || COMMIT="$COMMIT (with uncommitted changes)"
mode="full"
[[ $QUICK != 1 ]] || mode="QUICK=1, a smoke run: not comparable with a full run"

cds_line() {
    ((${#CDS_STARTUPS[@]} > 0)) || return 0
    local m
    m=$(median "${CDS_STARTUPS[@]}")
    printf ' With class data sharing (the jar extracted, %s): **%s ms** (median of %s: %s); < 5000 ms: %s.' \
        "$CDS_KIND" "$m" "${#CDS_STARTUPS[@]}" "${CDS_STARTUPS[*]}" "$(yes_no lt "$m" 5000)"
}

report() {
    cat <<EOF
# Hello Books benchmark, $(date -u +%Y-%m-%d)

\`bash bench/run.sh\` ($mode); commit $COMMIT; $(date -u '+%Y-%m-%d %H:%M UTC'), $((END_EPOCH - START_EPOCH)) s in all.
wrk -t$THREADS -c$CONNECTIONS, ${DURATION} per scenario after a ${WARMUP} warm-up, all after a ${WARMUP_FIRST} mixed warm-up of the JVM; pgbench -M prepared -c$CONNECTIONS -j$THREADS on the same database. Each scenario takes turns with its pgbench ceilings, and the pages with each other, ${ROUNDS} x $(($(to_seconds "$DURATION") / ROUNDS))s (p50, p99: medians of the turns). The mixed run is one run of ${MIXED_DURATION}, followed by its pgbench mix for ${DURATION}.
Data: $AUTHORS authors and $books_k books (4 in 5 with an author, no genres); pages at $small_k and $deep_k books. Latencies in ms.

| scenario | req/s | p50 | p99 | non-2xx | vs pgbench | target | met? |
|---|---:|---:|---:|---:|---|---|---|
$(row get-book "GET /books/{id}" select-book "≥ 25% of select-book, p99 < 20 ms" "$(yes_no get_ok)")
$(row author-books "GET /authors/{id}/books (80 books)" author-books-as-app "—" "")
$(row first-page "GET /books?limit=100, $books_k books" first-page-as-app "—" "")
$(row post-book "POST /books" insert-book "≥ 25% of insert-book" "$(yes_no post_ok)")
$(row post-book-keyed "POST /books, Idempotency-Key" "" "≥ 80% of POST /books ($(pct "${RPS[post-book-keyed]}" "${RPS[post-book]}"))" "$(yes_no keyed_ok)")
$(row put-if-match "PUT /books/{id}, If-Match" update-book-as-app "—" "")
$(row mixed "mixed 80/20, ${MIXED_DURATION}" mixed-as-app "—" "")
$(row first-page-small "first page, $small_k books" "" "baseline" "")
$(row first-page-deep "first page, $deep_k books" "" "p50 ≤ 1.5× $small_k-book page (${small_x}×)" "$(yes_no ge 1.5 "$small_x")")
$(row deep-page "page near the end, $deep_k books" "" "p50 ≤ 1.5× first page (${deep_x}×)" "$(yes_no ge 1.5 "$deep_x")")
$(row first-page-title-deep "first page by title, $deep_k books" "" "baseline" "")
$(row deep-page-title "page near the end by title, $deep_k books" "" "p50 ≤ 1.5× first page by title (${deep_title_x}×)" "$(yes_no ge 1.5 "$deep_title_x")")
$(pg_row select-book "pgbench select-book.sql")
$(pg_row select-book-as-app "pgbench select-book-as-app.sql")
$(pg_row author-books-as-app "pgbench author-books-as-app.sql")
$(pg_row first-page-as-app "pgbench first-page-as-app.sql")
$(pg_row insert-book "pgbench insert-book.sql")
$(pg_row insert-book-as-app "pgbench insert-book-as-app.sql")
$(pg_row update-book-as-app "pgbench update-book-as-app.sql")
$(pg_row mixed-as-app "pgbench mixed 50/15/15/10/10 as-app")

Against the app's own SQL: GET /books/{id} $(pct "${RPS[get-book]}" "${TPS[select-book-as-app]}") of select-book-as-app, POST /books $(pct "${RPS[post-book]}" "${TPS[insert-book-as-app]}") of insert-book-as-app.

- Startup, launch to the first 200 on /books, schema and data in place: **${STARTUP_MEDIAN} ms** (median of ${STARTUP_RUNS}: ${STARTUPS[*]}); target < 5000 ms: $(yes_no lt "$STARTUP_MEDIAN" 5000). First start on an empty database, Flyway migrations included: ${FIRST_START_MS} ms.$(cds_line)
- RSS after the ${MIXED_DURATION} mixed run: **${RSS_MB} MB** (peak ${RSS_PEAK_MB} MB); target < 400 MB: $(yes_no lt "$RSS_MB" 400).
- JVM flags: \`$JAVA_OPTS\`
- Warnings and errors in the app's log: $APP_ERRORS, besides $APP_BROKEN_PIPES warnings ("Broken pipe", "Connection reset by peer") for the responses in flight when wrk closed its connections at the end of each run. Growing the table to $deep_k books took $DEEP_SEED_MS ms.
- Machine: $(nproc) CPUs ($CPU_MODEL), $MEM_GB GiB; $JAVA_VERSION, $JAVA_RUNTIME; PostgreSQL $PG_VERSION; $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2); load average $LOAD_START at the start, $LOAD_END at the end.
EOF
}

report >"$RESULTS_DIR/latest.md"

# --- 6. Beside the floor, both jars with their defaults --------------------------------------
# The issue "Fast by default" measures the jar as shipped, without the flags above, against
# bench/floor/ in the same run: bench/floor-ab.sh, with its own database. FLOOR=0 skips it.
if [[ ${FLOOR:-1} == 1 ]]; then
    stop_app
    say "Hello Books beside the Spring Boot floor, both with their default settings"
    if [[ $QUICK == 1 ]]; then floor_args=(ROUNDS=1 SECONDS_PER_TURN=3 WARMUP=5s); else floor_args=(ROUNDS=3 SECONDS_PER_TURN=10 WARMUP=30s); fi
    {
        printf '\n## Beside the Spring Boot floor, both jars with their default settings (no JVM flags)\n\n'
        run_child env -u JAVA_OPTS "${floor_args[@]}" CONNECTIONS="$CONNECTIONS" bash "$BENCH_DIR/floor-ab.sh" 2>>"$LOG_DIR/floor-ab.log"
    } >>"$RESULTS_DIR/latest.md"
fi
echo
cat "$RESULTS_DIR/latest.md"
echo
say "written to bench/results/latest.md; raw output in bench/results/last-run/"
