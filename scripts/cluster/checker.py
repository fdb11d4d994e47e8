#!/usr/bin/env python3
"""The cluster checker: talks to nginx only, and knows the instances only by their pids.

1. Link headers point at nginx, not at an instance.
2. An If-Match race: many PUTs with the same ETag, spread over the instances; one wins.
3. Mixed load (POST, GET, GET + PUT with If-Match) from several threads; one instance gets
   SIGTERM, a later one SIGKILL; failed requests are counted per phase.
Writes the ids of every 201 to --out; the shell script checks them in the database.
"""
import argparse, collections, http.client, json, os, random, signal, sys, threading, time
from urllib.parse import urlparse

import api_client
from api_client import call

args = argparse.ArgumentParser()
args.add_argument("--base", required=True)
args.add_argument("--pids", type=int, nargs="+", required=True)
args.add_argument("--out", required=True)
args.add_argument("--failed-posts", required=True)
args.add_argument("--threads", type=int, default=12)
args.add_argument("--phase-seconds", type=float, default=5)
args = args.parse_args()
base = urlparse(args.base)
failed_checks = []


def connect():
    return api_client.connect(base)


def check(what, ok, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}")
    if not ok:
        failed_checks.append(what)


# --- 1. Link headers name nginx -------------------------------------------------------
conn = connect()
for i in range(3):
    call(conn, "POST", "/books", {"title": f"link {i}", "description": "link"})
status, response, _ = call(conn, "GET", "/books?limit=2")
link = response.getheader("Link") or ""
check("Link header through nginx points at nginx", link.startswith(f"<{args.base}/books?"), link[:80])
status, response, payload = call(conn, "POST", "/books", {"title": "location", "description": "l"})
check("POST through nginx: 201 with Location", status == 201 and response.getheader("Location", "").endswith(f"/books/{json.loads(payload)['id']}"),
      response.getheader("Location", ""))

# --- 2. If-Match race across instances ------------------------------------------------
status, _, payload = call(conn, "POST", "/books", {"title": "race", "description": "v0"})
race_id = json.loads(payload)["id"]
_, response, _ = call(conn, "GET", f"/books/{race_id}")
etag = response.getheader("ETag")
racers = 30
barrier = threading.Barrier(racers)
race_results, race_upstreams = [], set()


def racer(n):
    c = connect()  # a connection each, so nginx spreads them over the instances
    barrier.wait()
    status, response, _ = call(c, "PUT", f"/books/{race_id}", {"title": "race", "description": f"by {n}"}, {"If-Match": etag})
    race_results.append(status)
    race_upstreams.add(response.getheader("X-Upstream"))


threads = [threading.Thread(target=racer, args=(n,)) for n in range(racers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
counts = collections.Counter(race_results)
check(f"{racers} concurrent PUTs with one If-Match over {len(race_upstreams)} instances: one 204, {racers - 1} 412s",
      counts == {204: 1, 412: racers - 1}, str(dict(counts)))

# --- 3. Mixed load, one instance SIGTERMed, another SIGKILLed -------------------------
lock = threading.Lock()
stop = threading.Event()
acknowledged = []
phase = ["all up"]
stats = collections.defaultdict(collections.Counter)  # phase -> outcome -> count
upstreams = collections.defaultdict(collections.Counter)
failures = []
failed_post_titles = []
kill_at = [None]
started = time.time()


def record(outcome, upstream=None, what=""):
    with lock:
        stats[phase[0]][outcome] += 1
        if upstream:
            upstreams[phase[0]][upstream] += 1
        if outcome not in ("201", "200", "204"):
            since_kill = f" ({time.time() - kill_at[0]:.2f} s after SIGKILL)" if kill_at[0] else ""
            failures.append(f"{time.time() - started:5.1f}s{since_kill} {phase[0]}: {what} -> {outcome}")


def worker(n):
    c = connect()
    mine = []
    i = 0
    while not stop.is_set():
        i += 1
        roll = random.random()
        try:
            if roll < 0.5 or not mine:
                what = "POST /books"
                title = f"w{n}-{i}"
                try:
                    status, response, payload = call(c, "POST", "/books", {"title": title, "description": "load"})
                except (OSError, http.client.HTTPException):
                    failed_post_titles.append(title)
                    raise
                if status != 201:
                    failed_post_titles.append(title)
                if status == 201:
                    book = json.loads(payload)["id"]
                    mine.append(book)
                    with lock:
                        acknowledged.append(book)
            elif roll < 0.8:
                what = "GET /books/{id}"
                status, response, _ = call(c, "GET", f"/books/{random.choice(mine)}")
            else:
                book = random.choice(mine)
                what = "GET+PUT If-Match /books/{id}"
                status, response, _ = call(c, "GET", f"/books/{book}")
                if status == 200:
                    status, response, _ = call(c, "PUT", f"/books/{book}", {"title": f"edited {book}", "description": f"edit {i}"},
                                               {"If-Match": response.getheader("ETag")})
            record(str(status), response.getheader("X-Upstream"), what)
        except (OSError, http.client.HTTPException) as e:
            record(f"client error {type(e).__name__}", None, what)
            c.close()
            c = connect()


workers = [threading.Thread(target=worker, args=(n,)) for n in range(args.threads)]
for t in workers:
    t.start()
time.sleep(args.phase_seconds)
if len(args.pids) >= 2:
    with lock:
        phase[0] = "after SIGTERM"
    term_at = time.time()
    os.kill(args.pids[0], signal.SIGTERM)
    time.sleep(args.phase_seconds)
if len(args.pids) >= 3:
    with lock:
        phase[0] = "after SIGKILL"
    os.kill(args.pids[1], signal.SIGKILL)
    kill_at[0] = time.time()
    time.sleep(args.phase_seconds)
stop.set()
for t in workers:
    t.join()

with open(args.failed_posts, "w") as f:
    f.write("".join(f"{t}\n" for t in failed_post_titles))
with open(args.out, "w") as f:
    f.write("".join(f"{i}\n" for i in acknowledged))
print(f"load: {args.threads} threads, {args.phase_seconds:.0f} s per phase, {len(acknowledged)} books acknowledged, "
      f"{len(set(acknowledged))} distinct ids")
for name in stats:
    total = sum(stats[name].values())
    print(f"  {name:14} {total:6} requests {dict(sorted(stats[name].items()))}; instances {dict(upstreams[name])}")
for line in failures[:20]:
    print(f"  failed: {line}")
check("no duplicate ids among 201s", len(acknowledged) == len(set(acknowledged)))
check("no failed request while all instances are up", set(stats["all up"]) <= {"200", "201", "204"}, str(dict(stats["all up"])))
check("no failed request after a SIGTERM (graceful shutdown drains)",
      set(stats["after SIGTERM"]) <= {"200", "201", "204"}, str(dict(stats["after SIGTERM"])))
late = [line for line in failures if "after SIGKILL" in line and float(line.split("(")[1].split(" ")[0]) > 1.0]
check("after a SIGKILL, only requests in flight at the kill fail (none later than 1 s after it)", not late, "; ".join(late[:3]))
sys.exit(1 if failed_checks else 0)
