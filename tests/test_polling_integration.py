"""The poller through a real Celery worker, a real Redis and real HTTP servers on 127.0.0.1.

* every hostile or broken feed of the issue in ONE run: each gets a clear outcome, and the good
  feed of the same run still completes;
* a host blocked by 429 Retry-After does not delay feeds on other hosts (run and schedule);
* a full host makes its feeds wait in the broker/schedule, not in a worker, and never sees
  more than the cap of concurrent requests;
* two dispatchers at once never poll a feed twice (counted on the server);
* moved feeds (301) and feeds that change their GUIDs.

Network rule: no packet may leave 127.0.0.1. Feed fixtures link to example.com hosts, so every
test here stubs name resolution (`netguard.resolve`: only the names in a table resolve,
IP literals resolve to themselves, everything else fails like NXDOMAIN) and `netguard.create_
connection` (refuses anything but 127.0.0.1), so even article fetches of fixture links stay
local.
"""

from __future__ import annotations

import dataclasses
import gzip
import ipaddress
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.httpserver import LocalServer, RawServer, Reply, Request, read_request_head

from workers.config import Settings
from workers.demo import DemoSite
from workers.keys import Keys
from workers.models import FeedSpec
from workers.pipeline import netguard
from workers.pipeline.feedstore import FeedStore, feed_id
from workers.pipeline.hostgate import HostGate, host_key
from workers.pipeline.poll import FeedState
from workers.redis_client import get_redis
from workers.runner import run_feeds_once

HERE = Path(__file__).parent
FEEDS = HERE / "fixtures" / "feeds"
SITE = HERE / "fixtures" / "site"
MiB = 1024 * 1024


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared fixture with a 6 s parse limit so the ReDoS feed hits it quickly (it needs
    about 20 s on this machine), while an ordinary feed parsed in a forked child keeps a wide
    margin on a loaded 2-core machine (4 s was once too little there)."""
    return dataclasses.replace(settings, total_timeout=3.0, parse_time_limit=6.0)


@pytest.fixture(autouse=True)
def local_only_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Stub resolution and connect (see module docstring); returns the name table."""
    table: dict[str, list[str]] = {}
    real_connect = netguard.create_connection

    def resolve(host: str, port: int) -> list[tuple[int, str]]:
        try:  # an IP literal resolves to itself, as getaddrinfo does (no lookup is sent)
            literal = ipaddress.ip_address(host)
        except ValueError:
            pass
        else:
            family = socket.AF_INET6 if literal.version == 6 else socket.AF_INET
            return [(family, str(literal))]
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, ip) for ip in table[host]]

    def connect(family: int, ip: str, port: int, timeout: float | None) -> socket.socket:
        if ip != "127.0.0.1":
            raise AssertionError(f"connect to {ip} reached: the SSRF guard is broken")
        return real_connect(family, ip, port, timeout)

    monkeypatch.setattr(netguard, "resolve", resolve)
    monkeypatch.setattr(netguard, "create_connection", connect)
    return table


@pytest.fixture
def site() -> Iterator[DemoSite]:
    with DemoSite(root=SITE, feeds=("rss.xml", "atom.xml")) as s:
        yield s


def _fixture(name: str, base: str = "") -> bytes:
    """A feed fixture with its example.com links pointed at `base` (a local server that
    answers 404), so article fetches fail at once instead of retrying an unresolvable name."""
    body = (FEEDS / name).read_bytes()
    return re.sub(rb"https?://[a-z0-9.-]+\.example\.com", base.encode(), body) if base else body


def _rss(items: list[tuple[str | None, str]], title: str = "Feed") -> bytes:
    """RSS 2.0 with (guid, link) items."""
    body = "".join(
        f"<item><title>Story {guid or link}</title><link>{link}</link>"
        + (f'<guid isPermaLink="false">{guid}</guid>' if guid else "")
        + "</item>"
        for guid, link in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"{body}</channel></rss>").encode()


def _author_bomb(items: int = 60) -> bytes:
    author = "a" * 10_000
    entries = "".join(f"<item><title>t{i}</title><author>{author}</author></item>"
                      for i in range(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'.encode()


def _stall(conn: socket.socket, stop: threading.Event) -> None:
    read_request_head(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                 b"Content-Length: 100000\r\n\r\n<rss")
    stop.wait(20)


def _wait_for(predicate: Any, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# --- bad input: one run, every case --------------------------------------------------------


def test_every_bad_feed_fails_clearly_and_the_good_feed_completes(
    celery_worker: Settings, site: DemoSite, local_only_dns: dict[str, list[str]]
) -> None:
    local_only_dns["metadata.test"] = ["169.254.169.254"]
    local_only_dns["intranet.test"] = ["10.0.0.1"]
    rss = "application/rss+xml"

    def fifty_mb() -> Iterator[bytes]:
        chunk = b"<!-- padding -->" * 4096
        for _ in range(50 * MiB // len(chunk)):
            yield chunk

    bomb = gzip.compress(b"\0" * (64 * MiB), compresslevel=6)
    five_thousand = _rss([(f"g{i}", f"mailto:nobody{i}@example.com") for i in range(5000)],
                         title="Big")
    with LocalServer() as srv, RawServer(_stall) as stall:
        port = srv.port
        base = srv.url("/gone")

        def feed(path: str, body: bytes | Iterator[bytes], *extra: tuple[str, str],
                 ctype: str = rss, length: bool = True) -> str:
            return srv.add(path, Reply(200, body, [("Content-Type", ctype), *extra],
                                       length=length))

        urls = {
            "malformed": feed("/malformed.xml", _fixture("malformed.xml", base)),
            "broken_xml": feed("/broken.xml", b"<?xml version='1.0'?><rss><chan"),
            "html": feed("/html.xml", _fixture("html-as-feed.html", base)),
            "empty": feed("/empty.xml", b""),
            "fifty_mb": feed("/50mb.xml", fifty_mb(), length=False),
            "gzip_bomb": feed("/bomb.xml", bomb, ("Content-Encoding", "gzip")),
            "billion_laughs": feed("/laughs.xml", _fixture("billion-laughs.xml", base)),
            "xxe": feed("/xxe.xml", _fixture("xxe.xml", base)),
            "redos": feed("/redos.xml", _author_bomb()),
            "no_charset": feed("/cp1252.xml", _fixture("windows-1252.xml", base),
                               ctype="text/xml"),
            "wrong_charset": feed(
                "/latin1.xml",
                "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                "<title>Ünïcödé ✓</title><item><title>Café</title>"
                "<link>mailto:x@example.com</link></item></channel></rss>".encode(),
                ctype="application/rss+xml; charset=iso-8859-1"),
            "redirect_loop": srv.add("/loop-a", Reply(302, headers=[("Location", "/loop-b")])),
            "to_zero": srv.add("/zero", Reply(302, headers=[
                ("Location", f"http://0.0.0.0:{port}/feed.xml")])),
            "metadata": "http://metadata.test/latest/feed.xml",
            "intranet": "http://intranet.test/feed.xml",
            "stall": stall.url("/feed.xml"),
            "five_thousand": feed("/5000.xml", five_thousand),
            "duplicate_guids": feed("/dupes.xml", _fixture("duplicate-guids.xml", base)),
            "no_guids": feed("/noguids.xml", _fixture("no-guids.xml", base)),
            "good": site.feed_urls[0],
        }
        srv.add("/loop-b", Reply(302, headers=[("Location", "/loop-a")]))
        started = time.monotonic()
        report = run_feeds_once(celery_worker, [FeedSpec(url=u) for u in urls.values()],
                                timeout=120)
        elapsed = time.monotonic() - started
    rows = {name: next(f for f in report["feeds"] if f["url"] == url)
            for name, url in urls.items()}

    def failed(name: str, *needles: str) -> None:
        row = rows[name]
        assert row["status"] == "error", (name, row)
        assert urls[name] in row["error"], (name, row["error"])
        for needle in needles:
            assert needle in row["error"], (name, needle, row["error"])

    failed("broken_xml", "not a feed", "XML is broken")
    failed("html", "HTML page")
    failed("empty", "empty")
    failed("fifty_mb", "byte limit")
    failed("gzip_bomb", "after decompression")
    failed("redos", "parse exceeded 6s")
    failed("redirect_loop", "redirect loop")
    failed("to_zero", "0.0.0.0", "unspecified")
    failed("metadata", "169.254.169.254")
    failed("intranet", "10.0.0.1")
    failed("stall", "time")
    # neutralised or recovered, not failures: the feed is read, the attack is not
    for name in ("malformed", "billion_laughs", "xxe", "no_charset", "wrong_charset",
                 "duplicate_guids", "no_guids", "five_thousand"):
        assert rows[name]["status"] == "ok", (name, rows[name])
    assert rows["duplicate_guids"]["new_items"] == 3
    assert rows["no_guids"]["new_items"] == 4
    assert rows["five_thousand"]["new_items"] == 5000
    # the good feed of the same run: polled, fetched, extracted, queued
    assert rows["good"] == {"url": urls["good"], "status": "ok", "error": None,
                            "new_items": 2, "http_status": 200}
    assert sorted(a["title"] for a in report["articles"]) == [
        "Fishing fleet returns with record catch", "Harbour council approves new flood barrier"]
    assert all(len(v) == 2 for v in report["payloads"].values())
    assert elapsed < 60


# --- per-host politeness ------------------------------------------------------------------------


def test_a_host_blocked_by_429_does_not_delay_feeds_on_other_hosts(
    celery_worker: Settings,
) -> None:
    r = get_redis(celery_worker)
    keys = Keys(celery_worker.key_prefix)
    with LocalServer() as host_a, LocalServer() as host_b:
        limited = host_a.add("/limited.xml", Reply(429, b"", [("Retry-After", "300")]))
        sibling = host_a.add("/sibling.xml", Reply(200, _rss([("a", "mailto:a@example.com")])))
        other = host_b.add("/other.xml", Reply(200, _rss([("b", "mailto:b@example.com")])))

        first = run_feeds_once(celery_worker, [FeedSpec(url=limited)], timeout=30)
        assert first["feeds"][0]["status"] == "error" and "429" in first["feeds"][0]["error"]
        block = HostGate(r, keys.prefix).blocked_until(host_key(limited))
        assert block is not None and block.until > time.time() + 250

        # a `once` run: the blocked host's feed is reported at once, the other host's polled
        started = time.monotonic()
        second = run_feeds_once(celery_worker, [FeedSpec(url=sibling), FeedSpec(url=other)],
                                timeout=30)
        assert time.monotonic() - started < 5
        rows = {f["url"]: f for f in second["feeds"]}
        assert rows[other]["status"] == "ok" and rows[other]["new_items"] == 1
        assert rows[sibling]["status"] == "error"
        assert "is blocked until" in rows[sibling]["error"] and "429" in rows[sibling]["error"]
        assert [q.path for q in host_a.requests] == ["/limited.xml"]  # never contacted again

        # the scheduled path: the dispatcher puts the blocked host's feed back at the block's
        # end without sending a poll, and polls the other host's feed now
        from workers.tasks import dispatch

        store = FeedStore(r, keys)
        store.upsert(FeedSpec(url=sibling))
        store.upsert(FeedSpec(url=other))
        assert dispatch() == 1
        _wait_for(lambda: len(host_b.requests) == 2, what="the other host's poll")
        next_sibling = store.next_poll(feed_id(sibling))
        assert next_sibling is not None and next_sibling >= block.until
        assert [q.path for q in host_a.requests] == ["/limited.xml"]
        assert [q.path for q in host_b.requests] == ["/other.xml", "/other.xml"]


class SlowFeed:
    """A feed endpoint that takes `delay` seconds and records how many requests overlap."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.inside = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.body = _rss([("s", "mailto:s@example.com")])

    def __call__(self, request: Request) -> Reply:
        with self.lock:
            self.inside += 1
            self.peak = max(self.peak, self.inside)
        time.sleep(self.delay)
        with self.lock:
            self.inside -= 1
        return Reply(200, self.body, [("Content-Type", "application/rss+xml")])


def test_a_full_host_waits_outside_the_workers_and_never_exceeds_its_cap(
    celery_worker: Settings,
) -> None:
    from workers.celery_app import configure

    capped = dataclasses.replace(celery_worker, host_concurrency=1)
    configure(capped)  # the in-process worker reads its settings from the app
    slow = SlowFeed(0.6)
    with LocalServer() as host_a, LocalServer() as host_b:
        busy = [host_a.add(f"/slow{i}.xml", slow) for i in range(3)]
        fast = host_b.add("/fast.xml", Reply(200, _rss([("f", "mailto:f@example.com")])))
        started = time.monotonic()
        seen_fast: list[float] = []
        host_b.routes["/fast.xml"] = lambda req: (
            seen_fast.append(time.monotonic() - started)
            or Reply(200, _rss([("f", "mailto:f@example.com")]))
        )
        report = run_feeds_once(capped, [FeedSpec(url=u) for u in [*busy, fast]], timeout=60)
    assert all(f["status"] == "ok" for f in report["feeds"]), report["feeds"]
    assert slow.peak == 1  # the cap held across the worker's 4 threads
    assert len(host_a.requests) == 3  # every feed polled exactly once: retried, not dropped
    # the other host's feed did not queue behind the busy host (3 x 0.6 s in a row)
    assert seen_fast and seen_fast[0] < 1.0


def test_two_dispatchers_at_once_never_poll_a_feed_twice(celery_worker: Settings) -> None:
    from workers.tasks import dispatch

    r = get_redis(celery_worker)
    store = FeedStore(r, Keys(celery_worker.key_prefix))
    with LocalServer() as host_a, LocalServer() as host_b:
        urls = [srv.add(f"/f{i}.xml", Reply(200, _rss([(f"{i}", f"mailto:{i}@example.com")])))
                for i in range(30) for srv in (host_a, host_b)]
        for url in urls:
            store.upsert(FeedSpec(url=url))
        barrier = threading.Barrier(3)
        sent: list[int] = []

        def tick() -> None:
            barrier.wait()
            sent.append(dispatch(limit=7))  # small batches: many interleaved claims

        threads = [threading.Thread(target=tick) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        while sum(sent) < len(urls):  # the rest, in further ticks (still racing nobody)
            sent.append(dispatch(limit=7))
        _wait_for(lambda: all(s is not None for s in store.states([feed_id(u) for u in urls])),
                  what="every feed polled")
        time.sleep(0.3)
        paths = [q.path for q in host_a.requests + host_b.requests]
        per_server = [Counter(q.path for q in srv.requests) for srv in (host_a, host_b)]
    assert sum(sent) == len(urls) == 60
    assert len(paths) == 60
    assert all(counts == Counter({f"/f{i}.xml": 1 for i in range(30)}) for counts in per_server)
    # every feed got its next poll time from its poll (5 min .. 24 h away)
    next_polls = store.next_polls([feed_id(u) for u in urls])
    assert all(n is not None and n > time.time() + 290 for n in next_polls)
    assert dispatch() == 0


# --- moved feeds and GUID changes ---------------------------------------------------------------


def test_a_permanently_moved_feed_is_re_registered_under_its_new_url(
    celery_worker: Settings,
) -> None:
    r = get_redis(celery_worker)
    store = FeedStore(r, Keys(celery_worker.key_prefix))
    body = _rss([("1", "mailto:1@example.com"), ("2", "mailto:2@example.com")])
    with LocalServer() as srv:
        old = srv.add("/old.xml", Reply(301, headers=[("Location", "/new.xml")]))
        new = srv.add("/new.xml", Reply(200, body, [("ETag", '"e1"')]))
        temp = srv.add("/temp.xml", Reply(302, headers=[("Location", "/new.xml")]))
        store.upsert(FeedSpec(url=old, name="Old name", tags=("news",)))
        store.upsert(FeedSpec(url=temp))
        report = run_feeds_once(celery_worker, [FeedSpec(url=old), FeedSpec(url=temp)],
                                timeout=30)
        assert report["feeds"][0]["new_items"] == 2
        registry = store.all()
        # 301: moved (name, tags, state, seen entries and schedule go along)
        assert feed_id(old) not in registry
        assert registry[feed_id(new)] == FeedSpec(url=new, name="Old name", tags=("news",))
        state = FeedState.from_dict(store.load_state(feed_id(new)))
        assert state.etag == '"e1"' and store.load_state(feed_id(old)) is None
        assert store.next_poll(feed_id(new)) is not None
        # 302: never stored
        assert feed_id(temp) in registry
        # polling the new URL finds nothing new: the seen set moved with the feed
        again = run_feeds_once(celery_worker, [FeedSpec(url=new)], timeout=30)
        assert again["feeds"][0]["new_items"] == 0
        # a poll still naming the old URL (sent before the move) polls the new one directly
        before = len(srv.requests)
        stale = run_feeds_once(celery_worker, [FeedSpec(url=old)], timeout=30)
        assert stale["feeds"][0]["url"] == old and stale["feeds"][0]["new_items"] == 0
        assert [q.path for q in srv.requests[before:]] == ["/new.xml"]
        # a feed list still naming the old URL registers the new one
        assert store.upsert(FeedSpec(url=old)) == feed_id(new)
        assert feed_id(old) not in store.all()


class ReGuidingFeed:
    """A feed whose generator changes every GUID between two polls (a CMS migration)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.version = 1
        self.extra: list[tuple[str, str]] = []

    def __call__(self, request: Request) -> Reply:
        items = [(f"v{self.version}-{i}", f"{self.base}/story/{i}?utm_source=rss")
                 for i in range(3)]
        return Reply(200, _rss([*self.extra, *items]), [("Content-Type", "application/rss+xml")])


def test_changed_guids_are_not_new_but_a_new_story_is(celery_worker: Settings) -> None:
    with LocalServer() as srv:
        feed = ReGuidingFeed(srv.url(""))
        url = srv.add("/feed.xml", feed)
        first = run_feeds_once(celery_worker, [FeedSpec(url=url)], timeout=30)
        assert first["feeds"][0]["new_items"] == 3
        feed.version = 2
        feed.extra = [("v2-new", srv.url("/story/new"))]
        second = run_feeds_once(celery_worker, [FeedSpec(url=url)], timeout=30)
    assert second["feeds"][0]["new_items"] == 1


def test_same_link_in_every_item_is_not_taken_for_a_guid_change(
    celery_worker: Settings,
) -> None:
    """Feeds whose items all link to the home page: the link identifies nothing."""
    with LocalServer() as srv:
        home = srv.url("/")
        url = srv.add("/feed.xml", Reply(200, _rss([("a", home), ("b", home)])))
        first = run_feeds_once(celery_worker, [FeedSpec(url=url)], timeout=30)
        srv.add("/feed.xml", Reply(200, _rss([("c", home), ("a", home), ("b", home)])))
        second = run_feeds_once(celery_worker, [FeedSpec(url=url)], timeout=30)
    assert first["feeds"][0]["new_items"] == 2
    assert second["feeds"][0]["new_items"] == 1
