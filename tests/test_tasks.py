"""The whole pipeline on real parts: a real Redis, a real Celery worker, real HTTP on loopback.

A feed served from a local HTTP server goes all the way to five queued payloads; polling it
again queues nothing new; broken feeds are reported while the others in the same run complete.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.httpserver import LocalServer, RawServer, Reply

from workers.config import Settings
from workers.demo import DemoSite
from workers.keys import Keys
from workers.models import PLATFORMS, FeedSpec
from workers.pipeline.outbox import Outbox
from workers.redis_client import get_redis
from workers.runner import run_feeds_once

SITE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture
def site() -> Iterator[DemoSite]:
    with DemoSite(root=SITE, feeds=("rss.xml", "atom.xml")) as s:
        yield s


def test_feed_goes_all_the_way_to_five_queued_payloads(
    celery_worker: Settings, site: DemoSite
) -> None:
    report = run_feeds_once(celery_worker, [FeedSpec(url=site.feed_urls[0])], timeout=120)

    assert report["feeds"] == [
        {"url": site.feed_urls[0], "status": "ok", "error": None, "new_items": 2,
         "http_status": 200}
    ]
    titles = sorted(a["title"] for a in report["articles"])
    assert titles == ["Fishing fleet returns with record catch",
                      "Harbour council approves new flood barrier"]
    flood = next(a for a in report["articles"] if "flood" in a["url"])
    # canonical URL: tracking parameters gone
    assert flood["url"] == f"{site.base_url}/news/flood-barrier.html"
    assert "nine to two" in flood["text"]
    assert "Share on whatsapp" not in flood["text"]
    assert "Kindly share this story" not in flood["text"]
    assert flood["duplicate_of"] is None
    for platform in PLATFORMS:
        assert len(report["payloads"][platform]) == 2, platform
        for payload in report["payloads"][platform]:
            assert payload["platform"] == platform
            assert payload["request"]["method"] == "POST"
            assert payload["text"]
    # the payloads sit in durable per-platform streams that an outside consumer can read
    r = get_redis(celery_worker)
    keys = Keys(celery_worker.key_prefix)
    for platform in PLATFORMS:
        assert r.xlen(keys.stream(platform)) == 2
    # and delivery ran dry (no credentials): every payload was recorded as would-be-posted
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if all(r.xlen(keys.sent(p)) == 2 for p in PLATFORMS):
            break
        time.sleep(0.1)
    assert {p: r.xlen(keys.sent(p)) for p in PLATFORMS} == dict.fromkeys(PLATFORMS, 2)
    assert all(Outbox(r, keys).pending(p) == 0 for p in PLATFORMS)


def test_polling_the_same_feed_twice_queues_nothing_new(
    celery_worker: Settings, site: DemoSite
) -> None:
    feeds = [FeedSpec(url=site.feed_urls[0])]
    first = run_feeds_once(celery_worker, feeds, timeout=120)
    assert len(first["articles"]) == 2
    second = run_feeds_once(celery_worker, feeds, timeout=120)
    assert second["feeds"][0]["status"] in ("ok", "not_modified")
    assert second["feeds"][0]["new_items"] == 0
    assert second["articles"] == []
    assert all(v == [] for v in second["payloads"].values())
    r = get_redis(celery_worker)
    assert r.xlen(Keys(celery_worker.key_prefix).stream("telegram")) == 2


def test_the_same_story_in_two_feeds_is_one_article(
    celery_worker: Settings, site: DemoSite
) -> None:
    """RSS links the flood story with utm_* tails, Atom with fbclid: one canonical article."""
    report = run_feeds_once(
        celery_worker, [FeedSpec(url=u) for u in site.feed_urls], timeout=120
    )
    urls = [a["url"] for a in report["articles"]]
    assert len(urls) == len(set(urls)) == 3
    assert len(report["payloads"]["twitter"]) == 3


def _stall(conn: socket.socket, stop: threading.Event) -> None:
    conn.recv(65536)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                 b"Content-Length: 100000\r\n\r\n<rss")
    stop.wait(30)


def test_broken_feeds_are_errors_and_the_others_still_complete(
    celery_worker: Settings, site: DemoSite
) -> None:
    with RawServer(_stall) as stall, LocalServer() as broken:
        err500 = broken.add("/500.xml", Reply(500, b"boom", [("Content-Type", "text/plain")]))
        garbage = broken.add("/garbage.xml", Reply(200, b"\x00\x01 this is not a feed \xff" * 50,
                                                    [("Content-Type", "application/rss+xml")]))
        feeds = [FeedSpec(url=err500), FeedSpec(url=garbage), FeedSpec(url=stall.url("/feed")),
                 FeedSpec(url=site.feed_urls[0])]
        report = run_feeds_once(celery_worker, feeds, timeout=120)
    by_url = {f["url"]: f for f in report["feeds"]}
    assert by_url[err500]["status"] == "error"
    assert "500" in by_url[err500]["error"]
    assert by_url[garbage]["status"] == "error"
    assert by_url[garbage]["error"]
    assert by_url[stall.url("/feed")]["status"] == "error"
    assert by_url[site.feed_urls[0]]["status"] == "ok"
    assert len(report["articles"]) == 2
    assert all(len(report["payloads"][p]) == 2 for p in PLATFORMS)
