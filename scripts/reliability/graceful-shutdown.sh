#!/usr/bin/env bash
# SIGTERM under load: the app must finish the requests it has accepted, and every 201 a
# client received must be in the database afterwards.
#
#   scripts/reliability/graceful-shutdown.sh        (CLIENTS=16 SECONDS_BEFORE_TERM=3)
#
# Starts the packaged jar against a fresh database on the local PostgreSQL (127.0.0.1:5432),
# has CLIENTS threads POST books as fast as they can, sends SIGTERM after a few seconds,
# and then checks each acknowledged book by id. Prints one summary line; exit 1 on any loss.
source "$(dirname "$0")/lib.sh"

CLIENTS=${CLIENTS:-16}
SECONDS_BEFORE_TERM=${SECONDS_BEFORE_TERM:-3}
PORT=$(free_port)
start_app "$PORT"

python3 - "$PORT" "$CLIENTS" "$SECONDS_BEFORE_TERM" "$APP_PID" "$WORK/acknowledged" <<'PY'
import collections, http.client, json, os, signal, sys, threading, time
port, clients, before_term, pid, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
# every answer that was not a 201, as (status, the start of its body): counted and shown below
acknowledged, refused, others = [], [0], []
lock = threading.Lock()
stop = threading.Event()

def client(n):
    conn = None
    i = 0
    while not stop.is_set():
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            body = json.dumps({"title": f"client {n} book {i}", "description": "graceful"})
            conn.request("POST", "/books", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            with lock:
                if response.status == 201:
                    acknowledged.append(json.loads(payload)["id"])
                else:
                    others.append((response.status, payload[:300].decode(errors='replace')))
            i += 1
        except (ConnectionError, OSError, http.client.HTTPException):
            with lock:
                refused[0] += 1
            conn = None
            if stop.wait(0.05):
                break

threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for t in threads:
    t.start()
time.sleep(before_term)
with lock:
    before = len(acknowledged)
os.kill(pid, signal.SIGTERM)
term_at = time.time()
# keep the load on while the app drains, until it is gone
while True:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        break
    if time.time() - term_at > 60:
        break
    time.sleep(0.05)
stopped_after = time.time() - term_at
stop.set()
for t in threads:
    t.join()
with open(out, "w") as f:
    f.write("".join(f"{i}\n" for i in acknowledged))
print(f"graceful-shutdown: {len(acknowledged)} books acknowledged ({before} before SIGTERM), "
      f"{refused[0]} connections refused or reset after it, other statuses {dict(collections.Counter(status for status, _ in others))}, app stopped {stopped_after:.1f} s after SIGTERM")
# what the app said, so that an unexpected status explains itself
for status, body in others[:5]:
    print(f"graceful-shutdown:   answered {status} {body}")
PY

wait "$APP_PID" 2>/dev/null || true
APP_PID=
acknowledged=$(grep -c . "$WORK/acknowledged" || true)
ids=$(paste -sd, "$WORK/acknowledged")
found=$(psql_value "SELECT count(*) FROM book WHERE id IN (${ids:-0})")
missing=$((acknowledged - found))
grep -q "Graceful shutdown complete\|Commencing graceful shutdown" "$WORK/app.log" && graceful=yes || graceful=no
echo "graceful-shutdown: $found of $acknowledged acknowledged books found in the database, $missing missing; graceful shutdown logged: $graceful"
if ((missing > 0)) || [[ $graceful != yes ]]; then
    tail -n 30 "$WORK/app.log"
    exit 1
fi
echo "graceful-shutdown: 1 passed, 0 failed"
