#!/usr/bin/env python3
"""The high-availability checker: clients talk to nginx only (two app instances behind it,
writes through HAProxy's primary port, reads through its synchronous-standby port); the
checker talks to Patroni's REST API to learn who leads, and injures the leader.

1. Read your writes: POST -> GET and PUT -> GET pairs through nginx, counted as read
   transactions on the synchronous standby (and none on the other standby); again after the
   failovers, on the new synchronous standby.
2. Fault runs under mixed load (POSTs, each with a fresh Idempotency-Key, and GETs), each
   fault --runs times: SIGKILL of the primary's postmaster, SIGTERM of its Patroni, SIGKILL of
   its Patroni, `patronictl switchover`; then the old primary rejoins (its Patroni started
   again when the fault stopped it) and must come back as a replica by itself. Per run:
   seconds without a successful write, every status clients saw, the app's log lines for
   them, acknowledged writes missing afterwards (every POST that failed is sent again with
   its key and must then be stored exactly once), reads served throughout.
3. The same app PIDs at the end.

Checks print ok/FAIL and make the exit code 1. Targets of the in-request retry (writes back
within 5 s, most requests that hit the failover succeeding) print ok/MISS and only fail the
run with --targets, so the same checker shows the improvement once the app has that retry.
"""
import argparse, collections, http.client, json, os, re, signal, subprocess, sys, threading, time, urllib.request, uuid
from urllib.parse import urlparse

import api_client
from api_client import call

args = argparse.ArgumentParser()
args.add_argument("--base", required=True)
args.add_argument("--app-pids", type=int, nargs="+", required=True)
args.add_argument("--app-logs", nargs="+", required=True)
args.add_argument("--nodes", nargs="+", required=True,
                  help="name:pg_port:rest_port:data_dir:start_script:patroni_pidfile, one per node")
args.add_argument("--database", required=True)
args.add_argument("--primary-port", type=int, required=True, help="HAProxy's primary port")
args.add_argument("--replica-port", type=int, required=True, help="HAProxy's synchronous-standby port")
args.add_argument("--patronictl", required=True, help="shell command, without the subcommand")
args.add_argument("--faults", default="kill-postmaster,term-patroni,kill-patroni,switchover")
args.add_argument("--runs", type=int, default=1, help="runs of each fault")
args.add_argument("--writers", type=int, default=4)
args.add_argument("--readers", type=int, default=2)
args.add_argument("--pairs", type=int, default=200, help="POST -> GET and PUT -> GET pairs, each, before and after")
args.add_argument("--before-seconds", type=float, default=3, help="load before the fault")
args.add_argument("--after-seconds", type=float, default=4, help="load once writes are back, before the rejoin")
args.add_argument("--rejoin-timeout", type=float, default=90)
args.add_argument("--adopt-timeout", type=float, default=20,
                  help="after kill-patroni, how long the restarted Patroni may take to adopt its running postmaster")
args.add_argument("--client-timeout", type=float, default=45, help="longer than nginx's 30 s proxy_read_timeout")
args.add_argument("--targets", action="store_true", help="the in-request retry's targets fail the run too")
args.add_argument("--write-target", type=float, default=5.0, help="seconds")
args.add_argument("--hit-success-target", type=float, default=0.75)
args = args.parse_args()
base = urlparse(args.base)
failed_checks, missed_targets = [], []
FAULTS = args.faults.split(",")


class Node:
    def __init__(self, spec):
        self.name, pg_port, rest_port, self.data_dir, self.start_script, self.pidfile = spec.split(":")
        self.pg_port, self.rest_port = int(pg_port), int(rest_port)
        self.started = []

    def patroni_pid(self):
        with open(self.pidfile) as f:
            return int(f.read().strip())

    def postmaster_pid(self):
        with open(os.path.join(self.data_dir, "postmaster.pid")) as f:
            return int(f.readline().strip())

    def start(self):
        # Its own session: the new Patroni must outlive neither this checker's signals nor
        # depend on it; the script writes its PID where the shell's cleanup reads it.
        self.started.append(subprocess.Popen([self.start_script], start_new_session=True, stdin=subprocess.DEVNULL))


NODES = {n.name: n for n in map(Node, args.nodes)}


def check(what, ok, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}", flush=True)
    if not ok:
        failed_checks.append(what)


def target(what, ok, detail=""):
    print(f"  {'ok  ' if ok else 'MISS'} target: {what}{': ' + detail if detail else ''}", flush=True)
    if not ok:
        missed_targets.append(what)


def connect():
    return http.client.HTTPConnection(base.hostname, base.port, timeout=args.client_timeout)


def members():
    """Patroni's view of the cluster, asked of any node that answers: {name: member}."""
    for node in NODES.values():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{node.rest_port}/cluster", timeout=2) as r:
                return {m["name"]: m for m in json.load(r)["members"]}
        except OSError:
            continue
    return {}


def role_of(role, cluster=None):
    cluster = members() if cluster is None else cluster
    return next((name for name, m in cluster.items() if m["role"] == role), None)


def running(m):
    return m.get("state") in ("running", "streaming")


def psql(port, sql, database=None):
    # On stdin: a list of thousands of acknowledged ids is longer than one argument may be.
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-w", "-X", "-q", "-At",
                          "-v", "ON_ERROR_STOP=1", "-d", database or args.database], input=sql, check=True,
                         capture_output=True, text=True, timeout=30)
    return out.stdout.strip()


def wait_healthy(timeout=120):
    """One leader, its synchronous standby and a second replica, all running on the leader's
    timeline, and HAProxy's ports on the leader and the synchronous standby."""
    deadline = time.time() + timeout
    state = ""
    while time.time() < deadline:
        cluster = members()
        leader, sync = role_of("leader", cluster), role_of("sync_standby", cluster)
        state = ", ".join(f"{n} {m['role']} {m.get('state')} tl{m.get('timeline')}" for n, m in sorted(cluster.items()))
        if leader and sync and len(cluster) == len(NODES) and all(running(m) for m in cluster.values()) \
                and len({m.get("timeline") for m in cluster.values()}) == 1:
            try:
                if psql(args.primary_port, "SELECT inet_server_port() || ' ' || pg_is_in_recovery()", "postgres") \
                        == f"{NODES[leader].pg_port} false" and \
                        psql(args.replica_port, "SELECT inet_server_port() || ' ' || pg_is_in_recovery()", "postgres") \
                        == f"{NODES[sync].pg_port} true":
                    return leader, sync
            except (subprocess.SubprocessError, OSError):
                pass
        time.sleep(0.5)
    raise SystemExit(f"FAIL the cluster did not become healthy within {timeout:.0f} s: {state}")


def xacts(port):
    """Transactions the app's database has run on that server (each server counts its own)."""
    return int(psql(port, f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{args.database}'",
                    "postgres"))


# --- 1. read your writes ----------------------------------------------------------------
def post_book(conn, title, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return call(conn, "POST", "/books", {"title": title, "description": "ha"}, headers)


def read_your_writes(label):
    leader, sync = wait_healthy()
    other = next(n for n in NODES if n not in (leader, sync))
    time.sleep(1.2)  # a server publishes its statistics about once a second
    sync_before, other_before = xacts(NODES[sync].pg_port), xacts(NODES[other].pg_port)
    started = time.time()
    stale, errors = api_client.write_then_read_pairs(connect, 4, args.pairs, f"ryw {label}", keyed=True)
    elapsed = time.time() - started
    time.sleep(1.2)
    on_sync, on_other = xacts(NODES[sync].pg_port) - sync_before, xacts(NODES[other].pg_port) - other_before
    print(f"1. read your writes {label}: primary {leader}, synchronous standby {sync}; {2 * args.pairs} pairs in"
          f" {elapsed:.1f} s, {len(stale)} stale, {len(errors)} errors; read transactions on {sync} {on_sync},"
          f" on {other} {on_other}", flush=True)
    for line in (stale + errors)[:5]:
        print(f"  stale/error: {line}")
    check(f"no stale read in {2 * args.pairs} write-then-read pairs {label}", not stale and not errors,
          f"{len(stale)} stale, {len(errors)} errors")
    # Reads on the primary are safe too (the app's fall-back while it skips a replica that
    # failed); a read on the asynchronous standby could be stale.
    check(f"no read on the asynchronous standby {other}; reads on the synchronous standby {sync}",
          on_other == 0 and on_sync > 0, f"{on_other} and {on_sync} transactions ({2 * args.pairs} GETs)")


# --- 2. fault runs ----------------------------------------------------------------------
class Load(api_client.Load):
    """Writers POST /books with a fresh key each; readers GET a book or a page. Every request
    is kept: (start, end, kind, outcome, detail, key, title, id)."""

    def __init__(self, label, ids):
        super().__init__()
        self.label, self.ids = label, ids
        self.requests = []
        self.threads = [threading.Thread(target=self.write, args=(n,)) for n in range(args.writers)] + \
                       [threading.Thread(target=self.read, args=(n,)) for n in range(args.readers)]

    def record(self, *request):
        with self.lock:
            self.requests.append(request)

    def send(self, conn, method, path, body=None, headers=None):
        started = time.time()
        try:
            status, response, payload = call(conn, method, path, body, headers)
            detail = ""
            if status >= 500:
                try:
                    detail = json.loads(payload).get("detail", "")
                except ValueError:
                    detail = payload[:60].decode(errors="replace")
            return conn, started, str(status), detail, payload
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            outcome = "unanswered (client time-out)" if isinstance(e, TimeoutError) else f"client error {type(e).__name__}"
            return connect(), started, outcome, "", b""

    def write(self, n):
        conn = connect()
        i = 0
        while not self.stop.is_set():
            i += 1
            key, title = str(uuid.uuid4()), f"{self.label} w{n}-{i}"
            conn, started, outcome, detail, payload = self.send(conn, "POST", "/books",
                                                                {"title": title, "description": "ha"},
                                                                {"Idempotency-Key": key})
            book = json.loads(payload)["id"] if outcome == "201" else None
            self.record(started, time.time(), "POST", outcome, detail, key, title, book)

    def read(self, n):
        conn = connect()
        i = n
        while not self.stop.is_set():
            i += 1
            path = "/books?limit=20" if i % 5 == 0 else f"/books/{self.ids[i % len(self.ids)]}"
            conn, started, outcome, detail, _ = self.send(conn, "GET", path)
            self.record(started, time.time(), "GET", outcome, detail, None, None, None)


def longest_gap(times, start, end):
    """The longest stretch of [start, end] without any of the given moments: (length, its end)."""
    points = [start] + sorted(t for t in times if start < t < end) + [end]
    return max((b - a, b) for a, b in zip(points, points[1:]))


def log_offsets():
    return [os.path.getsize(path) for path in args.app_logs]


# What the app logged about failed requests, by kind: the causes item 3 of the issue is about.
CAUSES = [
    ("no connection from the pool in time", re.compile(r"Connection is not available, request timed out")),
    ("connection refused", re.compile(r"Connection to .* refused|Connection refused")),
    ("read-only transaction (25006)", re.compile(r"read-only transaction|25006")),
    ("terminated by the server (57P01-57P03)", re.compile(r"terminating connection|57P0[123]|the database system is")),
    ("I/O error on an open connection", re.compile(r"An I/O error occurred|This connection has been closed|Connection is closed")),
]
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT")
STACK = re.compile(r"^\s+at |^Caused by|^\s*\.\.\. \d+ more")


def cause(text):
    return next((name for name, pattern in CAUSES if pattern.search(text)), None)


def classify(record):
    """One WARN/ERROR record (its message lines, stack trace left out) -> a short kind."""
    first, text = record[0], " ".join(record)
    message = first.split(" : ", 1)[-1]
    pool = "replica pool" if " replica - " in first else "primary pool"
    if message.startswith("Database unavailable"):
        return f"503 database unavailable: {cause(text) or text[-80:]}"
    if "threw exception" in message:
        exception = next((line for line in record[1:] if "Exception" in line), "")
        return f"500 from an exception outside the handler: {exception.split(':', 1)[0]}: {cause(exception) or exception[-60:]}"
    if "marked as broken" in message:
        return f"{pool}: connection broken in use ({cause(text) or '?'})"
    if "Failed to validate connection" in message:
        return f"{pool}: dead idle connection dropped at borrow"
    if "Read replica unavailable" in message:
        return "replica skipped for retry-after, read on the primary"
    if "reading it again from the primary" in message:
        return "read retried on the primary"
    return "other: " + message.strip()[:90]


def log_lines_since(offsets):
    counts = collections.Counter()
    for path, offset in zip(args.app_logs, offsets):
        record = None
        with open(path, errors="replace") as f:
            f.seek(offset)
            for line in f:
                if TIMESTAMP.match(line):
                    if record:
                        counts[classify(record)] += 1
                    record = [line.strip()] if " WARN " in line or " ERROR " in line else None
                elif record is not None and len(record) < 40 and not STACK.match(line):
                    record.append(line.strip())
        if record:
            counts[classify(record)] += 1
    return counts


def inject(fault, leader, sync):
    node = NODES[leader]
    if fault == "kill-postmaster":
        os.kill(node.postmaster_pid(), signal.SIGKILL)
    elif fault == "term-patroni":
        os.kill(node.patroni_pid(), signal.SIGTERM)
    elif fault == "kill-patroni":
        os.kill(node.patroni_pid(), signal.SIGKILL)
    elif fault == "switchover":
        subprocess.run(f"{args.patronictl} switchover --leader {leader} --candidate {sync} --force", shell=True,
                       check=True, capture_output=True, timeout=60)
    else:
        raise SystemExit(f"unknown fault {fault}")


def patroni_alive(node):
    # A Patroni this checker started again is its child: once it exits it stays a zombie
    # (still there for kill -0) until reaped.
    for process in node.started:
        process.poll()
    try:
        with open(f"/proc/{node.patroni_pid()}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, ValueError):
        return False


def stop_orphan(node, pid):
    try:
        os.kill(pid, signal.SIGQUIT)
    except (OSError, ValueError):
        return False
    print(f"  {node.name}: Patroni did not take over its orphaned postmaster (pid {pid}) within"
          f" {args.adopt_timeout:.0f} s; stopped it (SIGQUIT)", flush=True)
    return True


def resend(requests):
    """Every POST that did not get its 201, sent again with its key until it gets one."""
    replayed = stored_now = 0
    still_failing = []
    conn = connect()
    for r in requests:
        for attempt in range(10):
            try:
                status, response, payload = post_book(conn, r[6], r[5])
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = connect()
                status = None
            if status == 201:
                if response.getheader("Idempotent-Replayed") == "true":
                    replayed += 1
                else:
                    stored_now += 1
                break
            time.sleep(1)
        else:
            still_failing.append(r[6])
    return replayed, stored_now, still_failing


summary = collections.defaultdict(list)


def fault_run(fault, run, ids):
    leader, sync = wait_healthy()
    label = f"ha {fault} {run}"
    print(f"2. {fault}, run {run}: primary {leader}, synchronous standby {sync}", flush=True)
    offsets = log_offsets()
    with Load(label, ids) as load:
        time.sleep(args.before_seconds)
        postmaster = NODES[leader].postmaster_pid()
        t0 = time.time()
        inject(fault, leader, sync)
        # Writes are back when a POST sent after the last failed one gets its 201 (a POST sent
        # right after a SIGTERM may still succeed on the old primary while it shuts down).
        back = None
        while time.time() < t0 + 60 and back is None:
            time.sleep(0.1)
            with load.lock:
                posts = [r for r in load.requests if r[2] == "POST" and r[1] >= t0]
                last_failure = max((r[0] for r in posts if r[3] != "201"), default=None)
                if last_failure is not None and time.time() > last_failure + 2:
                    back = min((r[1] for r in posts if r[3] == "201" and r[0] > last_failure), default=None)
                elif last_failure is None and time.time() > t0 + 10:
                    back = t0  # no POST failed at all
        # The old node may come back only once another holds the leader key: a Patroni started
        # again before its key expired would simply lead again (seen with kill-patroni).
        while time.time() < t0 + 60 and role_of("leader") in (None, leader):
            time.sleep(0.25)
        elected = role_of("leader") not in (None, leader)
        time.sleep(args.after_seconds)
        old = NODES[leader]
        if fault in ("term-patroni", "kill-patroni"):
            # SIGTERM: Patroni first stops its PostgreSQL, which can take a while under load.
            while patroni_alive(old) and time.time() < t0 + 60:
                time.sleep(0.25)
        t_rejoin = time.time()
        restarted = not patroni_alive(old)
        if restarted:
            old.start()
        # The old primary is back when Patroni lists it as a running replica on the new timeline.
        rejoined = None
        orphan_stopped = False
        while time.time() < t_rejoin + args.rejoin_timeout:
            if restarted and fault == "kill-patroni" and not orphan_stopped and time.time() > t_rejoin + args.adopt_timeout:
                # Patroni 3.0.2 adopts a running postmaster only if its PID file's start time is
                # within a few seconds of the process's start time as the kernel tells it; on a
                # machine whose clock drifts from that, it loops on "Process ... is not
                # postmaster" and never starts. Stopped the way a watchdog or a unit's stop
                # would, the node then rejoins with pg_rewind.
                orphan_stopped = stop_orphan(old, postmaster)
            cluster = members()
            m = cluster.get(leader, {})
            new_leader = role_of("leader", cluster)
            if new_leader and new_leader != leader and m.get("role") in ("replica", "sync_standby") and running(m) \
                    and m.get("timeline") == cluster[new_leader].get("timeline"):
                rejoined = time.time()
                break
            time.sleep(0.25)
        time.sleep(2)
        t_end = time.time()
    new_leader, new_sync = role_of("leader"), role_of("sync_standby")
    requests = load.requests
    posts = [r for r in requests if r[2] == "POST"]
    gets = [r for r in requests if r[2] == "GET"]
    ok_post_ends = [r[1] for r in posts if r[3] == "201"]
    ok_get_ends = [r[1] for r in gets if r[3] == "200"]
    write_gap, gap_end = longest_gap(ok_post_ends, t0, t_rejoin)
    rejoin_write_gap = longest_gap(ok_post_ends, t_rejoin, t_end)[0]
    read_gap = longest_gap(ok_get_ends, t0, t_end)[0]
    back_s = (gap_end - t0) if back else float("inf")
    # The requests that hit the failover: answered after the fault, sent before writes were back.
    # Writes are what a failover stops: the POSTs that hit it are those in flight at some
    # moment of the longest stretch without a successful write (with an in-request retry,
    # they end after it, slowly but with a 201).
    hit = [r for r in posts if r[1] >= gap_end - write_gap and r[0] <= gap_end]
    hit_ok = [r for r in hit if r[3] == "201"]
    statuses = {kind: collections.Counter(r[3] + (f" ({r[4]})" if r[4] else "") for r in requests if r[2] == kind)
                for kind in ("POST", "GET")}
    slowest = max(r[1] - r[0] for r in requests)
    failed_posts = [r for r in posts if r[3] != "201"]
    replayed, stored_now, still_failing = resend(failed_posts)
    # Every acknowledged id there; every title of the run stored exactly once.
    acked = [str(r[7]) for r in posts if r[3] == "201"]
    found = int(psql(args.primary_port, f"SELECT count(*) FROM book WHERE id IN ({','.join(acked) or 'NULL'})"))
    titles = psql(args.primary_port, "SELECT count(*) || ' ' || count(DISTINCT title) || ' ' || "
                                     "coalesce(max(c), 0) FROM (SELECT title, count(*) c FROM book "
                                     f"WHERE title LIKE '{label} w%' GROUP BY title) t")
    stored_titles, distinct_titles, most_copies = map(int, titles.split())
    logs = log_lines_since(offsets)

    print(f"  {len(requests)} requests in {t_end - t0 + args.before_seconds:.1f} s; new primary {new_leader},"
          f" synchronous standby {new_sync}")
    print(f"  writes: no successful write for {write_gap:.2f} s; writes back {back_s:.2f} s after the fault")
    print(f"  POST statuses: {dict(statuses['POST'])}")
    print(f"  GET statuses:  {dict(statuses['GET'])}; longest time without a successful read {read_gap:.2f} s")
    print(f"  POSTs that hit the failover (in flight while no write succeeded): {len(hit)},"
          f" {len(hit_ok)} succeeded; slowest request {slowest:.2f} s")
    print("  app log records (WARN/ERROR) in this run:" + ("".join(f"\n    {n:4} {k}" for k, n in logs.most_common()) or " none"))
    if restarted:
        print(f"  rejoin: {leader}'s Patroni started again; a replica again after"
              f" {(rejoined - t_rejoin) if rejoined else float('inf'):.1f} s; no successful write for"
              f" {rejoin_write_gap:.2f} s meanwhile")
    else:
        print(f"  rejoin: {leader}'s Patroni kept running; a replica again"
              f" {(rejoined - t0) if rejoined else float('inf'):.1f} s after the fault")
    print(f"  failed POSTs sent again with their keys: {len(failed_posts)}; {replayed} had been committed (replayed),"
          f" {stored_now} stored now, {len(still_failing)} still failing")
    lost = len(acked) - found
    check(f"{fault} {run}: every acknowledged write in the database", lost == 0, f"{found} of {len(acked)}")
    check(f"{fault} {run}: every POST stored exactly once after the retries",
          not still_failing and distinct_titles == len({r[6] for r in posts}) and most_copies == 1,
          f"{distinct_titles} titles for {len({r[6] for r in posts})} POSTs, at most {most_copies} copies")
    check(f"{fault} {run}: writes came back", back is not None)
    check(f"{fault} {run}: another node took the leader key", elected, f"{leader} -> {new_leader}")
    check(f"{fault} {run}: the old primary {leader} rejoined as a replica by itself", rejoined is not None)
    check(f"{fault} {run}: reads were answered throughout (one every 5 s at least)", read_gap < 5, f"{read_gap:.2f} s")
    bad = [r for r in requests if r[3] == "500" or r[3].startswith("unanswered")]
    target(f"{fault} {run}: no 500 and no unanswered request", not bad, f"{len(bad)}")
    target(f"{fault} {run}: writes back within {args.write_target:.0f} s of the fault", back_s <= args.write_target,
           f"{back_s:.2f} s")
    share = len(hit_ok) / len(hit) if hit else 1.0
    target(f"{fault} {run}: at least {args.hit_success_target:.0%} of the POSTs that hit the failover succeeded",
           share >= args.hit_success_target, f"{share:.0%}")
    target(f"{fault} {run}: no request slower than 8 s (the retry budget)", slowest <= 8, f"{slowest:.2f} s")
    summary[fault].append({
        "gap": write_gap, "back": back_s, "post": statuses["POST"], "get": statuses["GET"], "read_gap": read_gap,
        "hit": len(hit), "hit_ok": len(hit_ok), "lost": lost, "replayed": replayed, "stored_now": stored_now,
        "rejoin": (rejoined - (t_rejoin if restarted else t0)) if rejoined else None, "logs": logs,
        "rejoin_gap": rejoin_write_gap, "slowest": slowest, "orphan_stopped": orphan_stopped})


conn = connect()
ids = []
for i in range(50):
    status, _, payload = post_book(conn, f"seed {i}", str(uuid.uuid4()))
    if status != 201:
        raise SystemExit(f"FAIL seeding: POST -> {status} {payload[:200]!r}")
    ids.append(json.loads(payload)["id"])

read_your_writes("before the failovers")
for run in range(1, args.runs + 1):
    for fault in FAULTS:
        fault_run(fault, run, ids)
read_your_writes("after the failovers")

alive = []
for pid in args.app_pids:
    try:
        os.kill(pid, 0)
        alive.append(pid)
    except OSError:
        pass
check("the same app processes at the end", alive == args.app_pids, f"{alive} of {args.app_pids}")

print("summary per fault (over its runs):")
for fault, runs in summary.items():
    def span(key, fmt="{:.2f}"):
        values = [r[key] for r in runs if r[key] is not None]
        return (fmt.format(min(values)) + (" to " + fmt.format(max(values)) if len(values) > 1 else "")) if values else "n/a"
    post = sum((r["post"] for r in runs), collections.Counter())
    logs = sum((r["logs"] for r in runs), collections.Counter())
    print(f"  {fault} ({len(runs)} runs): no write for {span('gap')} s; writes back after {span('back')} s;"
          f" lost {sum(r['lost'] for r in runs)}; committed although failed {sum(r['replayed'] for r in runs)};"
          f" hit the failover {sum(r['hit'] for r in runs)}, succeeded {sum(r['hit_ok'] for r in runs)};"
          f" longest without a read {span('read_gap')} s; slowest {span('slowest')} s; rejoin {span('rejoin', '{:.1f}')} s"
          f" (no write meanwhile for {span('rejoin_gap')} s)"
          + (f"; orphaned postmaster stopped by the checker in {sum(r['orphan_stopped'] for r in runs)} run(s)"
             if any(r["orphan_stopped"] for r in runs) else ""))
    print(f"    POST statuses: {dict(post)}")
    print("    app log records:" + ("".join(f"\n      {n:4} {k}" for k, n in logs.most_common()) or " none"))
if missed_targets:
    print(f"targets missed: {len(missed_targets)}" + ("" if args.targets else " (reported only; --targets makes them fail)"))
if failed_checks:
    print(f"FAIL: {len(failed_checks)} check(s) failed")
sys.exit(1 if failed_checks or (args.targets and missed_targets) else 0)
