#!/usr/bin/env bash
# Overload: far more concurrent clients than threads and database connections. The app must
# answer every request quickly - with a 200, or with a 503 and Retry-After once the
# connection pool stays exhausted - rather than pile requests up into long time-outs. And the
# liveness probe, asked every 100 ms meanwhile as an orchestrator would, on the API port and on
# the probe port (hellobooks.probes.port, threads of its own), must keep answering 200 on both
# (their latencies are printed against the 100 ms of the issue "Fast by default"; only their
# outcome fails the run).
#
#   scripts/reliability/overload.sh          (CONNECTIONS=500 DURATION=15s)
#
# Needs wrk (installed with apt-get when missing). Prints one summary line; exit 1 if any
# request took longer than MAX_LATENCY_MS, failed at the socket, or got a 5xx other than 503.
source "$(dirname "$0")/lib.sh"

CONNECTIONS=${CONNECTIONS:-500}
DURATION=${DURATION:-15s}
MAX_LATENCY_MS=${MAX_LATENCY_MS:-5000}
need_wrk

PORT=$(free_port)
PROBE_PORT=$(free_port)
while [[ $PROBE_PORT == "$PORT" ]]; do PROBE_PORT=$(free_port); done
start_app "$PORT" --hellobooks.probes.port="$PROBE_PORT"
psql_value "INSERT INTO author (name) SELECT 'Author ' || g FROM generate_series(1, 100) g" >/dev/null
psql_value "INSERT INTO book (title, description, author_id) SELECT 'Book ' || g, 'd', 1 + g % 100 FROM generate_series(1, 10000) g" >/dev/null
psql_value "ANALYZE" >/dev/null

cat >"$WORK/overload.lua" <<'LUA'
-- a mix that holds database connections: single books and author pages
request = function()
  if math.random() < 0.5 then
    return wrk.format("GET", "/books/" .. math.random(1, 10000))
  end
  return wrk.format("GET", "/authors/" .. math.random(1, 100) .. "/books?limit=100")
end
done = function(summary, latency, requests)
  io.write(string.format("latency_max_ms=%d p99_ms=%.1f socket_errors=%d timeouts=%d\n",
    latency.max / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
LUA
# wrk counts non-2xx but cannot see headers without slowing itself down, so a curl client
# samples the API meanwhile: every 503 it gets must carry Retry-After.
(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$WORK/overload.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk.out" 2>&1) &
WRK_PID=$!
# ask_liveness PORT: asks liveness every 100 ms while wrk runs; "status seconds" per answer.
ask_liveness() {
    while kill -0 "$WRK_PID" 2>/dev/null; do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 "http://127.0.0.1:$1/actuator/health/liveness" || echo "000 10"
        sleep 0.1
    done
}
ask_liveness "$PORT" >"$WORK/liveness-api" &
API_PROBE_PID=$!
ask_liveness "$PROBE_PORT" >"$WORK/liveness-probe" &
PROBE_PID=$!
samples=0; unavailable=0; without_retry=0; other5xx=0
while kill -0 "$WRK_PID" 2>/dev/null; do
    status=$(curl -s -o /dev/null -D "$WORK/h" -w '%{http_code}' --max-time 30 "http://127.0.0.1:$PORT/books/$((RANDOM % 10000 + 1))" || echo 000)
    samples=$((samples + 1))
    if [[ $status == 503 ]]; then
        unavailable=$((unavailable + 1))
        grep -qi '^retry-after:' "$WORK/h" || without_retry=$((without_retry + 1))
    elif [[ $status == 5* || $status == 000 ]]; then
        other5xx=$((other5xx + 1))
    fi
done
wait "$WRK_PID" || true
wait "$API_PROBE_PID" "$PROBE_PID" || true
load=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$WORK/wrk.out"
# liveness_summary FILE: answers, answers other than 200, p50, p99 and max in ms
liveness_summary() {
    awk '{ n++; if ($1 != 200) bad++; t[n] = $2 * 1000 }
        END { asort(t); m = int(n * 0.5); i = int(n * 0.99); if (m < 1) m = 1; if (i < 1) i = 1
              printf "%d %d %.0f %.0f %.0f\n", n, bad, t[m], t[i], t[n] }' "$1"
}
read -r api_probes api_failed api_p50_ms api_p99_ms api_max_ms < <(liveness_summary "$WORK/liveness-api")
read -r probes probes_failed probe_p50_ms probe_p99_ms probe_max_ms < <(liveness_summary "$WORK/liveness-probe")
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.out"); non2xx=${non2xx:-0}
eval "$(grep '^latency_max_ms=' "$WORK/wrk.out" | tr ' ' '\n')"
echo "overload: $CONNECTIONS connections for $DURATION: $requests requests, $non2xx non-2xx, max latency ${latency_max_ms} ms, p99 ${p99_ms} ms, socket errors $socket_errors, time-outs $timeouts; sampled $samples: $unavailable 503 ($without_retry without Retry-After), $other5xx other 5xx or failures"
echo "overload: liveness on the API port asked $api_probes times, $api_failed not 200; p50 ${api_p50_ms} ms, p99 ${api_p99_ms} ms, max ${api_max_ms} ms"
echo "overload: liveness on the probe port asked $probes times, $probes_failed not 200; p50 ${probe_p50_ms} ms, p99 ${probe_p99_ms} ms, max ${probe_max_ms} ms (target 100 ms); load average $load"
if ((latency_max_ms > MAX_LATENCY_MS || socket_errors > 0 || timeouts > 0 || without_retry > 0 || other5xx > 0 \
    || api_failed > 0 || api_probes == 0 || probes_failed > 0 || probes == 0)); then
    echo "overload: 0 passed, 1 failed"
    exit 1
fi
echo "overload: 1 passed, 0 failed"
