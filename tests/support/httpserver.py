"""Real HTTP servers on 127.0.0.1 for the tests (no packet ever leaves the machine).

Two kinds:

* `LocalServer`: a ThreadingHTTPServer with a route table. A route is a `Reply` or a function
  of the `Request` returning one; bodies may be bytes or an iterator of chunks (streamed, with
  no Content-Length when `length=False`).
* `RawServer`: a socket server handing each accepted connection to a function, for the
  misbehaving peers http.server cannot play (headers then stall, drip feeds).

Both bind port 0 (the OS picks a free port) and record the requests they saw.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    #: the client's source port: two requests with the same port shared one connection
    client_port: int = 0


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    #: send a Content-Length (bytes bodies only); False: close-delimited body
    length: bool = True


Route = Reply | Callable[[Request], Reply]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        request = Request(
            "GET",
            self.path,
            {k.lower(): v for k, v in self.headers.items()},
            self.client_address[1],
        )
        self.server.owner.requests.append(request)
        route = self.server.owner.routes.get(self.path.split("?", 1)[0])
        if route is None:
            reply = Reply(404, b"not found", [("Content-Type", "text/plain")])
        else:
            reply = route(request) if callable(route) else route
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        body = reply.body
        if isinstance(body, bytes) and reply.length:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            return
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        chunks = [body] if isinstance(body, bytes) else body
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up mid-body is what several tests do on purpose: stay quiet."""


class LocalServer:
    """An HTTP/1.1 server on 127.0.0.1 with a mutable route table."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route) -> str:
        """Serve `route` at `path`; return its absolute URL."""
        self.routes[path] = route
        return self.url(path)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class RawServer:
    """Accepts connections on 127.0.0.1 and runs `handler(conn, stop_event)` for each."""

    def __init__(self, handler: Callable[[socket.socket, threading.Event], None]) -> None:
        self.handler = handler
        self.stop_event = threading.Event()
        self.connections = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stop_event.is_set():
            try:
                conn, _addr = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            self.handler(conn, self.stop_event)
        except OSError:
            pass
        finally:
            conn.close()

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_event.set()
        self._thread.join(2)
        self._sock.close()


def read_request_head(conn: socket.socket) -> bytes:
    """Read one HTTP request head (up to the blank line) from a raw connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data
