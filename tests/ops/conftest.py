"""Fixtures for the ops tests: a real worker with heartbeats, a loopback HTTP site, a CLI runner.

Why a worker fixture of our own next to `celery_worker`: ops reads Celery's heartbeats (the
workers mirror them into Redis), which the shared fixture turns off, and it needs a known
hostname to check output against. Everything else is the same: a real threads-pool worker
consuming every queue of the test Redis, so tasks are serialised, routed, acked and retried
for real.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import redis
from click.testing import CliRunner, Result

from workers.celery_app import app
from workers.config import Settings
from workers.keys import Keys
from workers.models import FeedSpec
from workers.pipeline.feedstore import FeedStore
from workers.telemetry import TelemetryKeys, read_totals

WORKER_NAME = f"ops-test-{os.getpid()}@localhost"


@pytest.fixture
def ops_worker(settings: Settings) -> Iterator[Settings]:
    """A real Celery worker (threads pool, 4 slots, heartbeats on) on the test Redis."""
    from support.worker import running_worker

    import workers.telemetry  # noqa: F401  (connects the signal handlers)

    with running_worker(settings, without_heartbeat=False, hostname=WORKER_NAME):
        yield settings


class Site:
    """A tiny HTTP site on 127.0.0.1: path -> (status, body, content type)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, str]] = {}
        self.hits: dict[str, int] = {}
        routes, hits = self.routes, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                hits[path] = hits.get(path, 0) + 1
                status, body, ctype = routes.get(path, (404, b"not found", "text/plain"))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, status: int, body: bytes | str,
            ctype: str = "text/html; charset=utf-8") -> str:
        self.routes[path] = (status, body.encode() if isinstance(body, str) else body, ctype)
        return self.base + path

    def rss(self, path: str, items: list[tuple[str, str]]) -> str:
        """An RSS 2.0 feed at `path` listing (title, link) items."""
        entries = "".join(
            f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
            "<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>" for t, link in items)
        xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
               f"<title>Ops test</title><link>{self.base}/</link><description>d</description>"
               f"{entries}</channel></rss>")
        return self.add(path, 200, xml, "application/rss+xml")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


class OpsCli:
    """Runs `newsrelay ops ARGS` in-process (CliRunner) against the test Redis."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, *args: str, input: str | None = None, expect: int | None = 0,
            env: dict[str, str | None] | None = None) -> Result:
        from workers.cli import main

        full_env: dict[str, str | None] = {
            "NEWSRELAY_REDIS_URL": self.settings.redis_url,
            "NEWSRELAY_BROKER_URL": None,
            "NEWSRELAY_CONFIG": None,
            "NEWSRELAY_KEY_PREFIX": None,
            "NEWSRELAY_DATA_DIR": str(self.settings.data_dir),
            "COLUMNS": "200",
            **(env or {}),
        }
        result = CliRunner().invoke(main, ["ops", *args], env=full_env, input=input)
        if expect is not None and result.exit_code != expect:
            raise AssertionError(
                f"ops {' '.join(args)} exited {result.exit_code} (expected {expect})\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\n"
                f"exception: {result.exception!r}"
            )
        return result

    def json(self, *args: str, env: dict[str, str | None] | None = None) -> Any:
        """Run with --json and decode stdout."""
        return json.loads(self.run(*args, "--json", env=env).stdout)


@pytest.fixture
def ops_cli(settings: Settings) -> OpsCli:
    return OpsCli(settings)


def _wait_for(predicate: Callable[[], Any], timeout: float = 20.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or predicate}")


@pytest.fixture
def wait_for() -> Callable[..., Any]:
    """wait_for(predicate, timeout=20, what="") -> the first truthy value of predicate()."""
    return _wait_for


@pytest.fixture
def worker_name() -> str:
    return WORKER_NAME


@pytest.fixture(autouse=True)
def _telemetry_not_paused() -> None:
    """An earlier test that killed Redis may have paused telemetry writes in this process."""
    import workers.telemetry

    workers.telemetry._pause_until = 0.0


@pytest.fixture(autouse=True)
def _no_pidbox_leftovers(redis_url: str) -> Iterator[None]:
    """Control replies leave `<uuid>.reply.celery.pidbox` lists behind; the session's Redis
    check (tests/conftest.py) would take them for someone else's keys on the next run."""
    yield
    from workers.redis_client import connect

    client = connect(redis_url)
    try:
        stale = list(client.scan_iter(match="*.reply.celery.pidbox", count=1000))
        if stale:
            client.delete(*stale)
    finally:
        client.close()


def _count(r: redis.Redis, settings: Settings, task: str, state: str) -> int:
    t = read_totals(r, TelemetryKeys(settings.key_prefix)).get(task)
    return t.states.get(state, 0) if t else 0


@pytest.fixture
def scenario(ops_worker: Settings, redis_client: redis.Redis, site: Any, ops_cli: Any,
             wait_for: Callable[..., Any]) -> dict[str, Any]:
    """Tasks that run, fail and retry, started through `ops trigger poll --all`.

    Two registered feeds on a loopback site: "good" (its only story links to a page answering
    500, so the fetch task retries with a countdown) and "bad" (the feed answers 500: the poll
    succeeds and records a feed error); plus a poll sent with arguments the task cannot take
    (a real task failure, recorded in the failures list).
    """
    broken_page = site.add("/news/broken.html", 500, "server trouble")
    good = site.rss("/good.xml", [("Broken story", broken_page)])
    bad = site.add("/bad.xml", 500, "no feed today", "text/plain")
    store = FeedStore(redis_client, Keys(ops_worker.key_prefix))
    store.upsert(FeedSpec(url=good, name="good"))
    store.upsert(FeedSpec(url=bad, name="bad"))

    sent = ops_cli.json("trigger", "poll", "--all")["sent"]
    assert sorted(s["args"][0]["url"] for s in sent) == sorted([good, bad])
    assert {s["queue"] for s in sent} == {"poll"}
    app.send_task("newsrelay.poll", args=[{"nope": 1}])  # TypeError inside the task: failed

    wait_for(lambda: _count(redis_client, ops_worker, "newsrelay.poll", "succeeded") >= 2
             and _count(redis_client, ops_worker, "newsrelay.poll", "failed") >= 1
             and _count(redis_client, ops_worker, "newsrelay.fetch", "retried") >= 1,
             what="two polls, one failed poll and one fetch retry")
    return {"good": good, "bad": bad, "broken_page": broken_page}


@pytest.fixture
def task_count(redis_client: redis.Redis, settings: Settings) -> Callable[[str, str], int]:
    """task_count("newsrelay.poll", "failed") -> the workers' all-time telemetry count."""
    return lambda task, state: _count(redis_client, settings, task, state)
