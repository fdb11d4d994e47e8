#!/usr/bin/env python3
"""The read-replica checker: talks to one instance over HTTP and to the primary and the
standby with psql, to count on each server the statements the app sent it
(pg_stat_statements: a server-side count, whatever the app believes it did).

a. Reads hit the standby: during a write phase, INSERT/UPDATE/DELETE are counted on the
   primary only; during a read load, every SELECT on the book tables runs on the standby and
   none on the primary.
b. Read your writes: 1,000 POST -> GET of the new book and 1,000 PUT -> GET showing the new
   title, from 4 threads; a 404 or an old title is a stale read and fails the check.
   The cost of remote_apply: POST latency from one client, remote_apply and local taking
   turns; with local, the same pairs are run again and their stale reads are reported (this
   shows the check can see what remote_apply prevents).
c. The standby stopped (pg_ctl stop -m fast) under a read load: every request still 2xx and
   the reads counted on the primary; started again: reads go back to the standby.
Prints PASS/FAIL per check and exits 1 if any failed.
"""
import argparse, collections, http.client, json, subprocess, sys, threading, time
from urllib.parse import urlparse

import api_client
from api_client import call

args = argparse.ArgumentParser()
args.add_argument("--base", required=True)
args.add_argument("--primary-port", type=int, required=True)
args.add_argument("--standby-port", type=int, required=True)
args.add_argument("--database", required=True)
args.add_argument("--sync-commit", default="remote_apply")
args.add_argument("--stop-standby", required=True, help="shell command")
args.add_argument("--start-standby", required=True, help="shell command")
args.add_argument("--pairs", type=int, default=1000)
args.add_argument("--threads", type=int, default=4)
args.add_argument("--read-seconds", type=float, default=5)
args.add_argument("--latency-seconds", type=float, default=4)
args.add_argument("--retry-after", type=float, default=5, help="the app's hellobooks.datasource.replica.retry-after")
args = args.parse_args()
base = urlparse(args.base)
failed_checks = []


def check(what, ok, detail=""):
    print(f"  {'PASS' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}", flush=True)
    if not ok:
        failed_checks.append(what)


def psql(port, sql, database=None):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-w", "-X", "-q", "-At",
                          "-d", database or args.database, "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


# Statements of the app's database only, without this checker's own queries. Constants are
# normalised away by pg_stat_statements, so the 'book' below never matches itself. A write is
# an INSERT, UPDATE or DELETE, alone or inside a WITH (POST /books is one).
COUNTS = r"""
SELECT coalesce(sum(calls) FILTER (WHERE query ~* '^\s*select' AND query ~* '\mbook'), 0) || ' ' ||
       coalesce(sum(calls) FILTER (WHERE query ~* '^\s*(insert|update|delete)'
                                      OR query ~* '^\s*with\M.*\m(insert|update|delete)\M'), 0)
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND query !~* 'pg_stat_statements'
"""


def counts(port):
    """(SELECTs on the book tables, INSERT/UPDATE/DELETE) run so far on that server."""
    reads, writes = psql(port, COUNTS).split()
    return int(reads), int(writes)


def delta(after, before):
    return tuple(a - b for a, b in zip(after, before))


def connect():
    return api_client.connect(base)


def create(conn, title):
    status, response, payload = call(conn, "POST", "/books", {"title": title, "description": "replica check"})
    if status != 201:
        raise RuntimeError(f"POST /books -> {status} {payload[:200]!r}")
    return json.loads(payload)["id"], response.getheader("ETag")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def set_sync_commit(value):
    psql(args.primary_port, f"ALTER SYSTEM SET synchronous_commit = '{value}'", "postgres")
    psql(args.primary_port, "SELECT pg_reload_conf()", "postgres")
    time.sleep(0.5)  # the app's sessions take the new value at their next statement


class ReadLoad(api_client.Load):
    """Threads doing GET /books/{id} (4 in 5) and GET /books?limit=20 until stopped."""

    def __init__(self, ids):
        super().__init__()
        self.ids = ids
        self.outcomes = collections.Counter()
        self.failures = []
        self.started = time.time()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(args.threads)]

    def total(self):
        with self.lock:
            return sum(self.outcomes.values())

    def run(self, n):
        conn = connect()
        i = n
        while not self.stop.is_set():
            i += 1
            path = "/books?limit=20" if i % 5 == 0 else f"/books/{self.ids[i % len(self.ids)]}"
            try:
                status, _, _ = call(conn, "GET", path)
                outcome = str(status)
            except (OSError, http.client.HTTPException) as e:
                outcome = f"client error {type(e).__name__}"
                conn.close()
                conn = connect()
            with self.lock:
                self.outcomes[outcome] += 1
                if not outcome.startswith("2"):
                    self.failures.append(f"{time.time() - self.started:5.2f}s GET {path} -> {outcome}")


def pairs(count, label):
    """count POST -> GET and count PUT -> GET pairs over the threads; returns (stale, errors)."""
    return api_client.write_then_read_pairs(connect, args.threads, count, label)


def post_latencies(seconds, label):
    conn = connect()
    latencies = []
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        i += 1
        started = time.perf_counter()
        create(conn, f"{label} {i}")
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


# --- a. reads on the standby, writes on the primary -------------------------------------
print("a. which server runs which statements (pg_stat_statements on each)", flush=True)
conn = connect()
ids = [create(conn, f"seed {i}")[0] for i in range(50)]
p0, s0 = counts(args.primary_port), counts(args.standby_port)
for i in range(200):
    create(conn, f"write phase {i}")
p1, s1 = counts(args.primary_port), counts(args.standby_port)
with ReadLoad(ids) as load:
    time.sleep(args.read_seconds)
p2, s2 = counts(args.primary_port), counts(args.standby_port)
requests = sum(load.outcomes.values())
print(f"  write phase, 200 POSTs:   primary {delta(p1, p0)[1]} writes, {delta(p1, p0)[0]} selects;"
      f" standby {delta(s1, s0)[1]} writes, {delta(s1, s0)[0]} selects")
print(f"  read load, {args.threads} threads x {args.read_seconds:.0f} s: {requests} GETs ({requests / args.read_seconds:.0f}/s)"
      f" {dict(load.outcomes)}; primary {delta(p2, p1)[0]} selects, {delta(p2, p1)[1]} writes;"
      f" standby {delta(s2, s1)[0]} selects, {delta(s2, s1)[1]} writes")
check("writes counted on the primary only", delta(p1, p0)[1] >= 200 and delta(s1, s0)[1] == 0,
      f"primary {delta(p1, p0)[1]}, standby {delta(s1, s0)[1]}")
check("every GET of the read load answered 2xx", set(load.outcomes) <= {"200"} and requests > 0, str(dict(load.outcomes)))
check("the read load ran on the standby: at least one SELECT there per GET, none on the primary",
      delta(s2, s1)[0] >= requests and delta(p2, p1)[0] == 0,
      f"standby {delta(s2, s1)[0]} selects for {requests} GETs, primary {delta(p2, p1)[0]}")

# --- b. read your writes ------------------------------------------------------------------
print(f"b. read your writes with synchronous_commit = {args.sync_commit}: {args.pairs} POST -> GET and "
      f"{args.pairs} PUT -> GET pairs, {args.threads} threads", flush=True)
s_before = counts(args.standby_port)
started = time.time()
stale, errors = pairs(args.pairs, "ryw")
standby_reads = delta(counts(args.standby_port), s_before)[0]
print(f"  {2 * args.pairs} pairs in {time.time() - started:.1f} s; {len(stale)} stale reads, {len(errors)} errors;"
      f" {standby_reads} SELECTs on the standby")
for line in (stale + errors)[:10]:
    print(f"  stale/error: {line}")
check(f"no stale read in {2 * args.pairs} write-then-read pairs", not stale and not errors,
      f"{len(stale)} stale, {len(errors)} errors")
check("those GETs were served by the standby", standby_reads >= 2 * args.pairs, f"{standby_reads} SELECTs there")

# --- the cost of remote_apply -------------------------------------------------------------
print(f"cost of remote_apply: POST latency from 1 client, {args.latency_seconds:.0f} s per turn, remote_apply and local"
      " taking turns twice", flush=True)
latency = collections.defaultdict(list)
try:
    for turn in range(2):
        for mode in ("remote_apply", "local"):
            set_sync_commit(mode)
            latency[mode] += post_latencies(args.latency_seconds, f"latency {mode} {turn}")
    for mode, values in latency.items():
        print(f"  synchronous_commit = {mode:12}: {len(values) / (2 * args.latency_seconds):6.0f} POST/s,"
              f" p50 {percentile(values, 50):.2f} ms, p99 {percentile(values, 99):.2f} ms ({len(values)} POSTs)")
    # The same pairs without waiting for the standby: what remote_apply is there to prevent.
    set_sync_commit("local")
    stale_local, errors_local = pairs(args.pairs, "local")
    print(f"  with local: {len(stale_local)} stale reads in {2 * args.pairs} pairs ({len(errors_local)} errors)"
          " - information, not a check: the standby usually replays within a millisecond on loopback")
finally:
    set_sync_commit(args.sync_commit)

# --- c. the standby goes down under a read load, and comes back ---------------------------
print("c. the standby stopped (pg_ctl stop -m fast) under a read load, then started again", flush=True)
with ReadLoad(ids) as load:
    time.sleep(2)
    p_before = counts(args.primary_port)
    up_before = load.total()
    started = time.time()
    subprocess.run(args.stop_standby, shell=True, check=True, capture_output=True)
    stopped_at = time.time() - load.started
    print(f"  standby stopped in {time.time() - started:.2f} s, {stopped_at:.1f} s into the load", flush=True)
    time.sleep(args.retry_after + 1)
    down_requests = load.total() - up_before
    p_down = delta(counts(args.primary_port), p_before)
    subprocess.run(args.start_standby, shell=True, check=True, capture_output=True)
    started_at = time.time() - load.started
    # Reads go back once the app's retry-after has passed since its last failed attempt.
    time.sleep(args.retry_after + 1)
    # The GETs counted must have run their SELECT inside the servers' window: the window opens
    # before the first GET counted was sent (half a second, far more than a GET takes) and
    # closes after the last one counted was answered. Counted the other way round, GETs in
    # flight at either edge made the SELECTs look a few short (seen once: 3,339 for 3,341).
    p_before, s_before = counts(args.primary_port), counts(args.standby_port)
    time.sleep(0.5)
    back_before = load.total()
    time.sleep(3)
    back_requests = load.total() - back_before
    p_back, s_back = delta(counts(args.primary_port), p_before), delta(counts(args.standby_port), s_before)
sync_state = psql(args.primary_port, "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'", "postgres")
total = sum(load.outcomes.values())
print(f"  {total} GETs in {time.time() - load.started:.1f} s {dict(load.outcomes)}; standby started again "
      f"{started_at:.1f} s into the load")
print(f"  while down: {down_requests} GETs, {p_down[0]} SELECTs on the primary;"
      f" back: {back_requests} GETs, standby {s_back[0]} SELECTs, primary {p_back[0]}")
for line in load.failures[:10]:
    print(f"  failed: {line}")
check("no client-visible error while the standby stopped and started (all 2xx)",
      set(load.outcomes) <= {"200"}, str(dict(load.outcomes)))
check("with the standby down, reads were served by the primary", down_requests > 0 and p_down[0] >= down_requests,
      f"{p_down[0]} SELECTs for {down_requests} GETs")
check("with the standby back, reads run on it again and not on the primary",
      back_requests > 0 and s_back[0] >= back_requests and p_back[0] == 0,
      f"standby {s_back[0]} SELECTs, primary {p_back[0]}, for {back_requests} GETs")
check("the standby is the synchronous standby again", sync_state == "sync", sync_state or "not connected")

sys.exit(1 if failed_checks else 0)
