#!/usr/bin/env bash
# What an Idempotency-Key costs a POST: POST /books with and without a key, taking turns in
# rounds on one jar and one database, so a change in the machine's load hits both alike.
#
#   bash bench/post-keyed-ab.sh      (ROUNDS=4 SECONDS_PER_TURN=10 WARMUP=30s CONNECTIONS=32)
#
# Prints each turn's req/s and p99, the CPU time per request of the app and of the database
# server (all its processes: user + system, from /proc) and the WAL the database wrote per
# request (pg_stat_wal), then the keyed req/s as a share of the keyless one over all rounds
# (the issue's target: at least 80%). Sends traffic to 127.0.0.1 only.
source "$(dirname "$0")/../scripts/reliability/lib.sh"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)

ROUNDS=${ROUNDS:-4}
SECONDS_PER_TURN=${SECONDS_PER_TURN:-10}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-32}
need_wrk

PORT=$(free_port)
start_app "$PORT"
psql_value "INSERT INTO author (name) SELECT 'Author ' || g FROM generate_series(1, 100) g" >/dev/null
export LUA_PATH="$BENCH_DIR/wrk/?.lua;;" BENCH_AUTHORS=100
BASE="http://127.0.0.1:$PORT"

PG_DATA_DIR=$(psql_value "SHOW data_directory")
db_ticks() { # every process of the database server: backends, WAL writer, checkpointer, and the
    # autovacuum workers that have ended since (their time is in the postmaster's children's time)
    local postmaster total pid
    postmaster=$(head -n 1 "$PG_DATA_DIR/postmaster.pid")
    total=$(awk '{ print $16 + $17 }' "/proc/$postmaster/stat")
    for pid in $(pgrep -u "$(stat -c %U "$PG_DATA_DIR")"); do
        total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
wal_bytes() { psql_value "SELECT wal_bytes FROM pg_stat_wal"; }

turn() { # SCRIPT DURATION: prints "rps p99_ms errors app_cpu_us db_cpu_us wal_bytes" (the last three per request)
    local app db wal out
    app=$(cpu_ticks "$APP_PID") db=$(db_ticks) wal=$(wal_bytes)
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$2" --timeout 10s -s "$BENCH_DIR/wrk/$1" "$BASE")
    awk -v app=$(( $(cpu_ticks "$APP_PID") - app )) -v db=$(( $(db_ticks) - db )) -v wal=$(( $(wal_bytes) - wal )) -v hz="$(getconf CLK_TCK)" '
        /^BENCH / { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                    printf "%.0f %.1f %d %.0f %.0f %.0f\n", v["rps"], v["p99_us"] / 1000, v["non2xx"] + v["socket_errors"],
                        1e6 * app / hz / v["requests"], 1e6 * db / hz / v["requests"], wal / v["requests"] }' <<<"$out"
}

# both paths warmed up, so the first round does not favour the one the JIT saw last
turn post-book.lua "$WARMUP" >/dev/null
turn post-book-keyed.lua "$WARMUP" >/dev/null
keyless_sum=0 keyed_sum=0
for r in $(seq 1 "$ROUNDS"); do
    read -r plain plain_p99 plain_errors plain_app plain_db plain_wal < <(turn post-book.lua "${SECONDS_PER_TURN}s")
    read -r keyed keyed_p99 keyed_errors keyed_app keyed_db keyed_wal < <(turn post-book-keyed.lua "${SECONDS_PER_TURN}s")
    echo "round $r: POST /books $plain req/s (p99 $plain_p99 ms, $plain_errors errors; per request: app $plain_app µs, database $plain_db µs CPU, $plain_wal bytes of WAL);" \
         "with a key $keyed req/s (p99 $keyed_p99 ms, $keyed_errors errors; app $keyed_app µs, database $keyed_db µs, $keyed_wal bytes)"
    keyless_sum=$((keyless_sum + plain)) keyed_sum=$((keyed_sum + keyed))
done
echo "keyed POSTs: $(awk -v a="$keyed_sum" -v b="$keyless_sum" 'BEGIN { printf "%.1f%%", 100 * a / b }') of the keyless req/s over $ROUNDS rounds;" \
     "$(psql_value "SELECT count(*) FROM idempotency_key") keys stored; machine load $(cut -d' ' -f1-3 /proc/loadavg)"
