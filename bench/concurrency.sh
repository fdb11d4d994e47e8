#!/usr/bin/env bash
# How the jar's concurrency settings shape latency, below saturation and far above it (the
# issue "Fast by default", item 2): for each setting, the jar (default JVM flags) on one
# database, warmed up, then GET /books/{id} at 32 connections, then the overload mix at 500
# connections while /actuator/health/liveness is asked every 100 ms.
#
#   bash bench/concurrency.sh            (WARMUP=30s SECONDS_PER_TURN=15s)
#   SETTINGS=$'label|--app.args ...|[another jar]\n...' bash bench/concurrency.sh
#
# Sends traffic to 127.0.0.1 only.
source "$(dirname "$0")/../scripts/reliability/lib.sh"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
WARMUP=${WARMUP:-30s}
SECONDS_PER_TURN=${SECONDS_PER_TURN:-15s}
SETTINGS=${SETTINGS:-"as shipped|
64 permits, 40 threads|--server.tomcat.threads.max=40
16 permits|--hellobooks.http.max-concurrent-requests=16
16 permits, 40 threads|--hellobooks.http.max-concurrent-requests=16 --server.tomcat.threads.max=40"}
need_wrk
export LUA_PATH="$BENCH_DIR/wrk/?.lua;;" BENCH_AUTHORS=100 BENCH_BOOKS=10000

createdb "${PG_ARGS[@]}" "$DB"
seeded=false
stop() { kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "| setting | GET req/s | GET p50 / p99 ms | GET non-2xx | overload req/s | overload non-2xx | overload p99 ms | liveness p50 / p99 / max ms | liveness not 200 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
default_jar=$(jar)
while IFS='|' read -r label args other_jar; do
    [[ -n $label ]] || continue
    PORT=$(free_port)
    jar() { echo "${other_jar:-$default_jar}"; }
    # shellcheck disable=SC2086 # the setting's arguments are words
    launch_app "$PORT" $args
    if ! $seeded; then
        psql_value "INSERT INTO author (name) SELECT 'Author ' || g FROM generate_series(1, 100) g" >/dev/null
        psql_value "INSERT INTO book (title, description, author_id) SELECT 'Book ' || g, 'd', 1 + g % 100 FROM generate_series(1, 10000) g" >/dev/null
        psql_value "VACUUM ANALYZE" >/dev/null
        seeded=true
    fi
    base="http://127.0.0.1:$PORT"
    wrk -t2 -c32 -d"$WARMUP" -s "$BENCH_DIR/wrk/get-book.lua" "$base" >/dev/null
    wrk -t2 -c500 -d10s -s "$BENCH_DIR/wrk/overload-mix.lua" "$base" >/dev/null
    get=$(wrk -t2 -c32 -d"$SECONDS_PER_TURN" --timeout 10s -s "$BENCH_DIR/wrk/get-book.lua" "$base" | grep '^BENCH')
    (while :; do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 "$base/actuator/health/liveness" || echo "000 10"
        sleep 0.1
    done >"$WORK/liveness") &
    probe=$!
    over=$(wrk -t2 -c500 -d"$SECONDS_PER_TURN" --timeout 30s -s "$BENCH_DIR/wrk/overload-mix.lua" "$base" | grep '^BENCH')
    kill "$probe"; wait "$probe" 2>/dev/null || true
    live=$(awk '{ n++; if ($1 != 200) bad++; t[n] = $2 * 1000 } END { asort(t); i = int(n * 0.99); if (i < 1) i = 1; printf "%.0f / %.0f / %.0f|%d", t[int((n + 1) / 2)], t[i], t[n], bad }' "$WORK/liveness")

    printf '| %s | %.0f | %.1f / %.1f | %s | %.0f | %s | %.0f | %s | %s |\n' "$label${args:+ (\`$args\`)}" \
        "$(field rps "$get")" "$(awk -v u="$(field p50_us "$get")" 'BEGIN { print u / 1000 }')" "$(awk -v u="$(field p99_us "$get")" 'BEGIN { print u / 1000 }')" "$(field non2xx "$get")" \
        "$(field rps "$over")" "$(field non2xx "$over")" "$(awk -v u="$(field p99_us "$over")" 'BEGIN { print u / 1000 }')" \
        "${live%|*}" "${live#*|}"
    stop
done <<<"$SETTINGS"
echo
echo "machine load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $("$JAVA" -version 2>&1 | head -n 1)"
