"""How both checkers talk to the API: plain HTTP/1.1 connections to one base URL, JSON bodies."""
import http.client
import json


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
