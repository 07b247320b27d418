"""`newsrelay demo`: a small bundled news site served on 127.0.0.1, so the whole pipeline can be
seen working with no network at all.

The feeds under `site/feeds/` hold `{{BASE}}` where the server's own address goes, because the
port is chosen at start.
"""

from __future__ import annotations

import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from types import TracebackType

SITE = Path(str(files(__package__) / "site"))

FEEDS = ("feeds/rss.xml", "feeds/atom.xml")


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer

    def do_GET(self) -> None:
        root = self.server.root
        rel = self.path.split("?", 1)[0].lstrip("/") or "index.html"
        path = (root / rel).resolve()
        if root not in path.parents or not path.is_file():
            self.send_error(404, "not found")
            return
        body = path.read_bytes()
        if path.suffix == ".xml":
            body = body.replace(b"{{BASE}}", self.server.base_url.encode())
        ctype = {
            ".xml": "application/rss+xml" if "rss" in path.name else "application/atom+xml",
            ".html": "text/html; charset=utf-8",
        }.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    base_url = ""
    root = SITE


class DemoSite:
    """A static site on 127.0.0.1 (random port) in a background thread; `{{BASE}}` in .xml
    files becomes the server's address. Defaults to the bundled demo site."""

    def __init__(self, root: Path = SITE, feeds: tuple[str, ...] = FEEDS) -> None:
        self.feeds = feeds
        self.server = _SiteServer(("127.0.0.1", 0), _Handler)
        self.server.root = root.resolve()
        host, port = self.server.server_address[:2]
        self.server.base_url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def feed_urls(self) -> list[str]:
        return [f"{self.base_url}/{f}" for f in self.feeds]

    def __enter__(self) -> DemoSite:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
