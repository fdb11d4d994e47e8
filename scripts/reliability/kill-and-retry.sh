#!/usr/bin/env bash
# SIGKILL in the middle of POSTs that carry an Idempotency-Key, then every unanswered one sent
# again, as a client that never learnt its outcome would: each book must end up stored
# exactly once. Without the key, a POST committed just before the kill is written twice.
#
#   scripts/reliability/kill-and-retry.sh        (CLIENTS=8 SECONDS_BEFORE_KILL=3)
#
# Starts the packaged jar against a fresh database on the local PostgreSQL (127.0.0.1:5432),
# has CLIENTS threads POST books with a fresh key each, SIGKILLs the app, starts it again on
# the same database and port, and retries each POST that got no answer (same key, same body).
# Then counts every title in the database. Prints one summary line; exit 1 on a doubled or
# lost book, or on any answer other than 201.
source "$(dirname "$0")/lib.sh"

CLIENTS=${CLIENTS:-8}
SECONDS_BEFORE_KILL=${SECONDS_BEFORE_KILL:-3}
PORT=$(free_port)
start_app "$PORT"

python3 - "$PORT" "$CLIENTS" "$SECONDS_BEFORE_KILL" "$APP_PID" "$WORK/sent.json" <<'PY'
import http.client, json, os, signal, sys, threading, time, uuid
port, clients, before_kill, pid, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
sent = []          # every POST: key, body, and the status it got (None: no answer)
lock = threading.Lock()
stop = threading.Event()

def client(n):
    conn = None
    i = 0
    while not stop.is_set():
        key = str(uuid.uuid4())
        body = json.dumps({"title": f"client {n} book {i} {key[:8]}", "description": "kill and retry"})
        i += 1
        status = None
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", "/books", body, {"Content-Type": "application/json", "Idempotency-Key": key})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (ConnectionError, OSError, http.client.HTTPException):
            conn = None
        with lock:
            sent.append({"key": key, "body": body, "status": status})
        if status is None:
            break  # the app is gone: this client's last POST is the one it never heard back about

threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for t in threads:
    t.start()
time.sleep(before_kill)
os.kill(pid, signal.SIGKILL)
stop.set()
for t in threads:
    t.join()
json.dump(sent, open(out, "w"))
PY
wait "$APP_PID" 2>/dev/null || true
launch_app "$PORT"

python3 - "$PORT" "$WORK/sent.json" "$WORK/outcome.json" <<'PY'
import collections, http.client, json, sys, time
port, sent_file, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
sent = json.load(open(sent_file))
unanswered = [s for s in sent if s["status"] is None]
replayed = written = 0
others = collections.Counter(s["status"] for s in sent if s["status"] not in (None, 201))
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
for s in unanswered:
    conn.request("POST", "/books", s["body"], {"Content-Type": "application/json", "Idempotency-Key": s["key"]})
    response = conn.getresponse()
    response.read()
    s["retry_status"] = response.status
    if response.status == 201:
        if response.getheader("Idempotent-Replayed") == "true":
            replayed += 1
        else:
            written += 1
    else:
        others[response.status] += 1
json.dump({"titles": [json.loads(s["body"])["title"] for s in sent if s["status"] == 201 or s.get("retry_status") == 201],
           "sent": len(sent), "unanswered": len(unanswered), "replayed": replayed, "written": written,
           "others": dict(others)}, open(out, "w"))
PY

read -r sent unanswered replayed written others < <(python3 -c '
import json, sys; o = json.load(open(sys.argv[1]))
print(o["sent"], o["unanswered"], o["replayed"], o["written"], json.dumps(o["others"], separators=(",", ":")))' "$WORK/outcome.json")
python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))["titles"]))' "$WORK/outcome.json" | sort >"$WORK/expected"
psql_value "SELECT title FROM book ORDER BY title" | sort >"$WORK/stored"
doubled=$(uniq -d "$WORK/stored" | wc -l)
lost=$(comm -23 "$WORK/expected" <(sort -u "$WORK/stored") | wc -l)
unexpected=$(comm -13 "$WORK/expected" <(sort -u "$WORK/stored") | wc -l)
echo "kill-and-retry: $sent keyed POSTs, $unanswered unanswered at the SIGKILL and sent again:" \
     "$replayed had been committed (replayed), $written written by the retry; other statuses $others;" \
     "$doubled doubled, $lost lost, $unexpected stored that no answer acknowledged"
if ((doubled > 0 || lost > 0 || unexpected > 0)) || [[ $others != "{}" ]]; then
    tail -n 30 "$WORK/app.log"
    echo "kill-and-retry: 0 passed, 1 failed"
    exit 1
fi
echo "kill-and-retry: 1 passed, 0 failed"
