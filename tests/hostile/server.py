"""A small hostile OQTOPUS server on loopback: each test scripts exactly how it misbehaves.

Unlike the emulator's polite fault injection, a route here can stall, trickle a body byte by
byte, send a gzip bomb, echo the caller's token, or point storage URLs at local files. Routes
are ``(method, path) -> handler``; a handler gets the request and writes the raw answer.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[["Request"], None]


@dataclass
class Request:
    """What a route handler sees, and how it answers."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    raw: BaseHTTPRequestHandler

    def send(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        length: int | None = None,
    ) -> None:
        """Write a status line, headers and ``body`` (``length`` may claim another size)."""
        self.raw.send_response(status)
        all_headers = {"Content-Length": str(len(body) if length is None else length)}
        all_headers.update(headers or {})
        for key, value in all_headers.items():
            self.raw.send_header(key, value)
        self.raw.end_headers()
        if body:
            self.raw.wfile.write(body)
            self.raw.wfile.flush()

    def json(self, status: int, value: Any, headers: dict[str, str] | None = None) -> None:
        """Answer with a JSON body."""
        self.send(
            status,
            json.dumps(value).encode(),
            {"Content-Type": "application/json", **(headers or {})},
        )

    def trickle(self, status: int, body: bytes, every: float) -> None:
        """Send the headers, then the body one byte per ``every`` seconds."""
        self.send(status, b"", {"Content-Type": "application/json"}, length=len(body))
        for byte in body:
            time.sleep(every)
            try:
                self.raw.wfile.write(bytes([byte]))
                self.raw.wfile.flush()
            except OSError:
                return  # the client gave up, as it should


@dataclass
class HostileServer:
    """A loopback HTTP server whose routes the test sets; counts every request."""

    routes: dict[tuple[str, str], Handler] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)
    base_url: str = ""

    def route(self, method: str, path: str) -> Callable[[Handler], Handler]:
        """Decorator registering a handler for one method and exact path."""

        def register(handler: Handler) -> Handler:
            self.routes[(method, path)] = handler
            return handler

        return register

    def count(self, method: str | None = None) -> int:
        """Requests received (of one method)."""
        return sum(1 for m, _ in self.seen if method is None or m == method)


def _handler_class(server: HostileServer) -> type[BaseHTTPRequestHandler]:
    class Handle(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def _dispatch(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?", 1)[0]
            server.seen.append((self.command, path))
            request = Request(self.command, path, dict(self.headers.items()), body, self)
            handler = server.routes.get((self.command, path))
            if handler is None:
                request.json(404, {"message": f"no route {self.command} {path}"})
                return
            handler(request)

        do_GET = do_POST = do_DELETE = do_PATCH = _dispatch

    return Handle


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    """Run a HostileServer on 127.0.0.1 (a free port) for the duration of the block."""
    state = HostileServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(state))
    httpd.daemon_threads = True
    # A client giving up mid-answer is the point of several tests: no traceback for it.
    httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
