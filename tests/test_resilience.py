"""Failure cases from SPEC section 6 that concern the whole system, on real processes.

- Redis killed (SIGKILL) and restarted with AOF: workers reconnect, nothing acknowledged is lost.
- SIGTERM of a worker that holds work: the running task finishes, the rest goes back to the
  queue, and a new worker does it, each page fetched exactly once.

Both run real `celery worker` subprocesses over an embedded Redis of their own.
"""

from __future__ import annotations

import collections
import dataclasses
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.httpserver import LocalServer, Reply, Request

from workers.config import Settings, load_settings
from workers.demo import DemoSite
from workers.embedded_redis import EmbeddedRedis
from workers.models import PLATFORMS, FeedSpec
from workers.redis_client import get_redis, reset_clients
from workers.runner import System, run_feeds_once

SITE = Path(__file__).parent / "fixtures" / "site"


def _settings(tmp_path: Path, **kw: Any) -> Settings:
    return load_settings(env={}, data_dir=tmp_path / "data", allow_loopback=True,
                         connect_timeout=2.0, total_timeout=8.0, log_level="WARNING", **kw)


def test_workers_survive_a_redis_kill_and_restart(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    with DemoSite(root=SITE, feeds=("rss.xml", "atom.xml")) as site, \
            System(settings, concurrency=2, quiet=True) as system:
        assert system.embedded is not None
        r = get_redis(system.settings)
        first = system.run_once([FeedSpec(url=site.feed_urls[0])], timeout=120)
        assert len(first["articles"]) == 2
        time.sleep(1.5)  # appendfsync everysec: what is older than ~1 s is on disk

        proc = system.embedded._proc
        assert proc is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with pytest.raises(Exception):  # noqa: B017 - any connection error will do
            r.ping()

        system.embedded = EmbeddedRedis(settings.data_dir).start()
        reset_clients()
        r = get_redis(system.settings)
        # the first run's payloads survived the kill
        assert r.xlen("nr:stream:telegram") == 2
        # and the same workers reconnected: a second run over the other feed completes
        second = system.run_once([FeedSpec(url=site.feed_urls[1])], timeout=120)
    assert second["feeds"][0]["status"] == "ok"
    assert len(second["articles"]) == 1  # the flood story is already known; the library is new
    assert all(len(second["payloads"][p]) == 1 for p in PLATFORMS)


@pytest.fixture
def slow_site() -> Iterator[tuple[LocalServer, str, collections.Counter[str]]]:
    """A feed of four articles whose pages each take 1.5 s to serve; counts page requests."""
    hits: collections.Counter[str] = collections.Counter()
    html = (SITE / "news" / "library.html").read_text()
    with LocalServer() as server:
        def page(request: Request) -> Reply:
            hits[request.path] += 1
            time.sleep(1.5)
            n = request.path.rsplit("/", 1)[-1]
            body = (html.replace("Library reopens", f"Story {n}: library reopens")
                    .replace("The town library", f"In story {n}, the town library")
                    .replace('href="/news/library.html"', f'href="/slow/{n}"'))
            return Reply(200, body.encode(), [("Content-Type", "text/html; charset=utf-8")])

        items = []
        for i in range(4):
            path = f"/slow/{i}"
            server.add(path, page)
            items.append(f"<item><title>Story {i}</title><link>{server.url(path)}</link>"
                         f"<guid>slow-{i}</guid></item>")
        feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Slow</title>"
                + "".join(items) + "</channel></rss>").encode()
        url = server.add("/feed.xml", Reply(200, feed, [("Content-Type", "application/rss+xml")]))
        yield server, url, hits


def test_sigterm_puts_held_work_back_and_nothing_runs_twice(
    tmp_path: Path, slow_site: tuple[LocalServer, str, collections.Counter[str]]
) -> None:
    _server, feed_url, hits = slow_site
    with EmbeddedRedis(tmp_path / "redis") as redis_server:
        settings = dataclasses.replace(_settings(tmp_path), redis_url=redis_server.url)
        reports: list[dict[str, Any]] = []
        first = System(settings, concurrency=1, quiet=True).start()
        try:
            runner = threading.Thread(
                target=lambda: reports.append(
                    run_feeds_once(first.settings, [FeedSpec(url=feed_url)], timeout=180)
                ),
                daemon=True,
            )
            runner.start()
            deadline = time.monotonic() + 60
            while sum(hits.values()) == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert sum(hits.values()) == 1, "the first page fetch never started"
            # SIGTERM the worker's main process while it runs a fetch and more are queued
            _role, proc = first.procs[0]
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(60) == 0
        finally:
            first.stop()
        fetched_before = sum(hits.values())
        assert fetched_before < 4  # the rest waits in Redis, not lost with the worker
        # a new worker picks the rest up
        with System(settings, concurrency=2, quiet=True):
            runner.join(120)
        assert reports, "the run did not finish"
        report = reports[0]
    assert report["feeds"][0]["new_items"] == 4
    assert len(report["articles"]) == 4
    assert all(count == 1 for count in hits.values()), hits
    assert sorted(hits) == [f"/slow/{i}" for i in range(4)]
