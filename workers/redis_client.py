"""One way to reach Redis from every process, whatever spelling the URL uses.

kombu spells a unix socket `redis+socket:///path`, redis-py spells it `unix:///path`; operators
will paste either. We accept both and hand each library its own spelling.

Clients are cached per process id: a prefork pool child must never reuse its parent's sockets.
"""

from __future__ import annotations

import os
import threading
from urllib.parse import urlsplit

import redis

from workers.config import Settings
from workers.errors import ConfigError

_lock = threading.Lock()
_clients: dict[tuple[int, str, float | None], redis.Redis] = {}


def to_kombu_url(url: str) -> str:
    """`unix:///s` -> `redis+socket:///s`; other URLs unchanged."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return f"redis+socket://{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return url


def to_redis_py_url(url: str) -> str:
    """`redis+socket:///s` -> `unix:///s`; other URLs unchanged."""
    parts = urlsplit(url)
    if parts.scheme == "redis+socket":
        return f"unix://{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return url


def connect(url: str, *, timeout: float | None = None) -> redis.Redis:
    """A new client for `url`: bytes in and out, health checks.

    By default it waits 5 s to connect and 10 s for a reply, and retries a command once on
    a timeout. With `timeout`, it waits that long for either and never retries: for a caller
    that must not stall when Redis is gone (telemetry writes from inside every task).
    """
    return redis.Redis.from_url(
        to_redis_py_url(url),
        socket_timeout=10 if timeout is None else timeout,
        socket_connect_timeout=5 if timeout is None else timeout,
        health_check_interval=30,
        retry_on_timeout=timeout is None,
    )


def get_redis(settings: Settings, *, timeout: float | None = None) -> redis.Redis:
    """The process-wide client for the configured Redis (one per `timeout`, see `connect`)."""
    if not settings.redis_url:
        raise ConfigError("NEWSRELAY_REDIS_URL: not set and no embedded Redis is running")
    key = (os.getpid(), settings.redis_url, timeout)
    with _lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = connect(settings.redis_url, timeout=timeout)
        return client


def reset_clients() -> None:
    """Forget cached clients (tests that restart Redis, forked children)."""
    with _lock:
        _clients.clear()


def as_bytes(value: object) -> bytes:
    """A Redis reply as bytes (our clients return bytes; the stubs allow str too)."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"expected a Redis string reply, got {type(value).__name__}")


def as_str(value: object) -> str:
    """A Redis reply as text."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
