#!/usr/bin/env bash
# Hello Books beside the Spring Boot floor (bench/floor/: MVC, Jackson, Hikari, one JdbcClient
# statement, nothing else), both jars with their default settings (no JVM flags), on one
# database, taking turns in rounds (who goes first alternating) so that a change in the
# machine's load hits both alike: GET /books/{id} and POST /books, req/s and p50/p99, and
# Hello Books as a share of the floor (issue "Fast by default", item 5).
#
#   bash bench/floor-ab.sh      (ROUNDS=3 SECONDS_PER_TURN=10 WARMUP=30s CONNECTIONS=32 LAUNCHES=1)
#
# LAUNCHES=n starts both jars n times, each launch warmed up and measured for ROUNDS rounds:
# the same jar's CPU per request moved by up to a third from one launch to the next here, so
# an A/B of a change worth a few percent needs several.
# FLOOR_JAR=another-hello-books.jar puts an earlier build in the floor's place: the A/B of a
# change, in the same way. FLOOR_ARGS='--some.property=value' gives the floor's jar arguments:
# with FLOOR_JAR=target/hello-books-api-*.jar, the A/B of one setting on one jar. Each turn also
# gives the server's CPU time per request (user + system, from /proc), which a busy machine
# disturbs less than req/s, and the TCP retransmission timeouts the kernel counted meanwhile:
# one of them holds a request for 200 ms or more, and wrk's correction for coordinated omission
# turns that into a p99 of hundreds of ms.
#
# Sends traffic to 127.0.0.1 only.
source "$(dirname "$0")/../scripts/reliability/lib.sh"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)

ROUNDS=${ROUNDS:-3}
SECONDS_PER_TURN=${SECONDS_PER_TURN:-10}
WARMUP=${WARMUP:-30s}
LAUNCHES=${LAUNCHES:-1}
CONNECTIONS=${CONNECTIONS:-32}
SCRIPTS=${SCRIPTS:-get-book post-book}   # bench/wrk/*.lua; post-book-keyed too for two Hello Books jars
need_wrk

FLOOR_JAR=${FLOOR_JAR:-$BENCH_DIR/floor/target/floor-1.jar}
[[ -f $FLOOR_JAR ]] || (cd "$ROOT" && ./mvnw -B -q -f bench/floor/pom.xml package -DskipTests) >&2

PORT=$(free_port)
start_app "$PORT"
APP_BASE="http://127.0.0.1:$PORT"
psql_value "INSERT INTO author (name) SELECT 'Author ' || g FROM generate_series(1, 100) g" >/dev/null
psql_value "INSERT INTO book (title, description, author_id) SELECT 'Book ' || g, 'd', CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 100 END FROM generate_series(1, 10000) g" >/dev/null
psql_value "VACUUM ANALYZE" >/dev/null

FLOOR_PORT=$(free_port)
start_floor() {
    (cd "$WORK" && exec env SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" SPRING_DATASOURCE_USERNAME="$PG_USER" \
        "$JAVA" -jar "$FLOOR_JAR" --server.port="$FLOOR_PORT" --server.address=127.0.0.1 ${FLOOR_ARGS:-}) >>"$WORK/floor.log" 2>&1 &
    FLOOR_PID=$!
    EXTRA_PIDS+=("$FLOOR_PID")
    wait_ready "http://127.0.0.1:$FLOOR_PORT/books/1" "$FLOOR_PID" "$WORK/floor.log"
}
start_floor
FLOOR_BASE="http://127.0.0.1:$FLOOR_PORT"
export LUA_PATH="$BENCH_DIR/wrk/?.lua;;" BENCH_AUTHORS=100 BENCH_BOOKS=10000

turn() { # SCRIPT BASE DURATION PID: prints "rps p50_ms p99_ms errors cpu_us_per_request tcp_timeouts"
    local before timeouts out
    before=$(cpu_ticks "$4") timeouts=$(tcp_timeouts)
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$3" --timeout 10s -s "$BENCH_DIR/wrk/$1" "$2")
    awk -v ticks=$(( $(cpu_ticks "$4") - before )) -v timeouts=$(( $(tcp_timeouts) - timeouts )) -v hz="$(getconf CLK_TCK)" '/^BENCH / {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%.0f %.1f %.1f %d %.0f %d\n", v["rps"], v["p50_us"] / 1000, v["p99_us"] / 1000,
                v["non2xx"] + v["socket_errors"], 1e6 * ticks / hz / v["requests"], timeouts }' <<<"$out"
}

warm_up() { # both jars on both requests before anything counts
    local base pid
    for base in "$APP_BASE" "$FLOOR_BASE"; do
        pid=$([[ $base == "$APP_BASE" ]] && echo "$APP_PID" || echo "$FLOOR_PID")
        turn get-book.lua "$base" "$WARMUP" "$pid" >/dev/null
        turn post-book.lua "$base" 10s "$pid" >/dev/null
    done
}
echo "| round | request | Hello Books req/s (p50, p99 ms) | floor req/s (p50, p99 ms) | Hello Books / floor | CPU µs per request, Hello Books / floor | TCP timeouts |"
echo "|---|---|---:|---:|---:|---:|---:|"
declare -A ours_sum floor_sum
for launch in $(seq 1 "$LAUNCHES"); do
    if ((launch > 1)); then
        # new JVMs for both: the JIT's choices, and so a jar's CPU per request, differ by launch
        kill -KILL "$APP_PID" "$FLOOR_PID" 2>/dev/null || true
        wait "$APP_PID" "$FLOOR_PID" 2>/dev/null || true
        launch_app "$PORT"
        start_floor
    fi
    warm_up
    for round in $(seq 1 "$ROUNDS"); do
        r=$(((launch - 1) * ROUNDS + round))
        for script in $SCRIPTS; do
            script=$script.lua
            # Who goes first alternates by round: always second, the jar in the floor's place served
            # 4-5% more than the same work on the left (bench/results/2026-12-03-session-15.md).
            if ((r % 2 == 1)); then
                ours=$(turn "$script" "$APP_BASE" "${SECONDS_PER_TURN}s" "$APP_PID")
                floor=$(turn "$script" "$FLOOR_BASE" "${SECONDS_PER_TURN}s" "$FLOOR_PID")
            else
                floor=$(turn "$script" "$FLOOR_BASE" "${SECONDS_PER_TURN}s" "$FLOOR_PID")
                ours=$(turn "$script" "$APP_BASE" "${SECONDS_PER_TURN}s" "$APP_PID")
            fi
            read -r a a50 a99 aerr acpu atcp <<<"$ours"
            read -r f f50 f99 ferr fcpu ftcp <<<"$floor"
            ((aerr == 0 && ferr == 0)) || echo "round $r $script: $aerr errors on Hello Books, $ferr on the floor" >&2
            echo "| $r | ${script%.lua} | $a ($a50, $a99) | $f ($f50, $f99) | $(awk -v a="$a" -v f="$f" 'BEGIN { printf "%.1f%%", 100 * a / f }') | $acpu / $fcpu | $atcp / $ftcp |"
            ours_sum[$script]=$(( ${ours_sum[$script]:-0} + a )) floor_sum[$script]=$(( ${floor_sum[$script]:-0} + f ))
        done
    done
done
for script in $SCRIPTS; do
    script=$script.lua
    echo "${script%.lua}: Hello Books $(awk -v a="${ours_sum[$script]}" -v f="${floor_sum[$script]}" 'BEGIN { printf "%.1f%%", 100 * a / f }') of the floor's req/s over $((ROUNDS * LAUNCHES)) rounds ($LAUNCHES launch(es) of each jar)"
done
echo "resident memory at the end: Hello Books $(rss_mb "$APP_PID") MB, floor $(rss_mb "$FLOOR_PID") MB"
echo "machine load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $("$JAVA" -version 2>&1 | head -n 1)"
