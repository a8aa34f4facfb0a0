"""A local HTTP server that answers recorded exchanges, so adapters to outside services run their
real client code in tests without the network.

A recording is a JSON list of exchanges, each a request to expect and the response to give::

    [{"request": {"method": "POST", "path": "/v1/checkout/sessions"},
      "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                   "body": {"id": "cs_test_a1", "url": "https://checkout.stripe.com/c/pay/cs_test_a1"}}}]

The server listens on 127.0.0.1 on a free port (``server.url``) and answers each request with the
first unused exchange of the same method and path (the query string is not compared; tests read
``server.received`` to check what the client sent). A request that no exchange answers gets a 501
and is kept in ``server.unexpected``; leaving the ``with`` block then fails the test, as does a
recorded exchange that was never asked for when ``strict`` is set.
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode(), keep_blank_values=True)


@dataclass
class Exchange:
    method: str
    path: str
    status: int = 200
    body: object = None  # a dict or list is sent as JSON, a str as it is
    headers: dict[str, str] = field(default_factory=dict)
    used: bool = False

    @classmethod
    def from_recording(cls, item: dict) -> "Exchange":
        request, response = item["request"], item.get("response", {})
        return cls(
            method=request["method"].upper(),
            path=request["path"],
            status=response.get("status", 200),
            body=response.get("body"),
            headers=dict(response.get("headers", {})),
        )

    def payload(self) -> tuple[bytes, str]:
        if isinstance(self.body, dict | list):
            return json.dumps(self.body).encode(), "application/json"
        return (self.body or "").encode(), "text/plain; charset=utf-8"


class ReplayServer:
    def __init__(self, exchanges=(), *, strict: bool = False):
        self.exchanges: list[Exchange] = [
            e if isinstance(e, Exchange) else Exchange.from_recording(e) for e in exchanges
        ]
        self.strict = strict
        self.received: list[Received] = []
        self.unexpected: list[Received] = []
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    @classmethod
    def from_file(cls, path: str | Path, *, strict: bool = False) -> "ReplayServer":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), strict=strict)

    def add(self, method: str, path: str, *, status: int = 200, body=None, headers=None):
        self.exchanges.append(Exchange(method.upper(), path, status, body, dict(headers or {})))

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def _answer(self, received: Received) -> Exchange | None:
        with self._lock:
            self.received.append(received)
            for exchange in self.exchanges:
                if not exchange.used and (exchange.method, exchange.path) == (
                    received.method,
                    received.path,
                ):
                    exchange.used = True
                    return exchange
            self.unexpected.append(received)
            return None

    def _handler(self):
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                received = Received(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers={k: v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                exchange = replay._answer(received)
                if exchange is None:
                    status, headers = 501, {}
                    payload = json.dumps({"error": "no recorded exchange"}).encode()
                    kind = "application/json"
                else:
                    status, headers = exchange.status, exchange.headers
                    payload, kind = exchange.payload()
                self.send_response(status)
                if not any(k.lower() == "content-type" for k in headers):
                    self.send_header("Content-Type", kind)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

            def log_message(self, format, *args):
                return

        return Handler

    def start(self) -> "ReplayServer":
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "ReplayServer":
        return self.start()

    def __exit__(self, kind, error, trace) -> None:
        self.stop()
        if error is not None:
            return
        assert not self.unexpected, "requests no recording answers: " + ", ".join(
            f"{r.method} {r.path}" for r in self.unexpected
        )
        if self.strict:
            unused = [f"{e.method} {e.path}" for e in self.exchanges if not e.used]
            assert not unused, "recorded exchanges never asked for: " + ", ".join(unused)
