"""How the checkers talk to the API: plain HTTP/1.1 connections to one base URL, JSON bodies."""
import http.client
import json
import threading
import uuid


def connect(base):
    """A new connection to base (a urlparse result); each caller keeps its own."""
    return http.client.HTTPConnection(base.hostname, base.port, timeout=30)


def call(conn, method, path, body=None, headers=None):
    """Sends one request (body as JSON when given); returns the status, the response and its bytes."""
    headers = dict(headers or {})
    if body is not None:
        body = json.dumps(body)
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body, headers)
    response = conn.getresponse()
    payload = response.read()
    return response.status, response, payload


class Load:
    """Client threads that run while a with block does: subclasses set self.threads and use
    self.stop (set on leaving the block, then every thread is joined) and self.lock."""

    def __init__(self):
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = []

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def write_then_read_pairs(connect, threads, count, label, keyed=False):
    """count POST -> GET and count PUT -> GET pairs over the threads, each on connections of its
    own (connect()); a GET that does not show the write just acknowledged is stale. keyed sends
    each POST with a fresh Idempotency-Key. Returns (stale, errors), lists of descriptions."""
    lock = threading.Lock()
    stale, errors = [], []
    per_thread = [count // threads + (1 if n < count % threads else 0) for n in range(threads)]

    def run(n):
        conn = connect()
        for i in range(per_thread[n]):
            try:
                title = f"{label} {n}-{i}"
                headers = {"Idempotency-Key": str(uuid.uuid4())} if keyed else None
                status, response, payload = call(conn, "POST", "/books", {"title": title, "description": "pairs"}, headers)
                if status != 201:
                    raise RuntimeError(f"POST /books -> {status} {payload[:200]!r}")
                book, etag = json.loads(payload)["id"], response.getheader("ETag")
                status, _, payload = call(conn, "GET", f"/books/{book}")
                if status != 200 or json.loads(payload)["title"] != title:
                    with lock:
                        stale.append(f"POST then GET /books/{book} -> {status}")
                new_title = f"{title} edited"
                status, _, payload = call(conn, "PUT", f"/books/{book}", {"title": new_title, "description": "edited"},
                                          {"If-Match": etag})
                if status != 204:
                    raise RuntimeError(f"PUT /books/{book} -> {status} {payload[:200]!r}")
                status, _, payload = call(conn, "GET", f"/books/{book}")
                if status != 200 or json.loads(payload)["title"] != new_title:
                    with lock:
                        stale.append(f"PUT then GET /books/{book} -> {status} {json.loads(payload).get('title')!r}")
            except (OSError, http.client.HTTPException, RuntimeError, ValueError) as e:
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
                conn.close()
                conn = connect()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return stale, errors
