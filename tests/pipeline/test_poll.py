"""poll_feed against a real local server: conditional GET, errors as results, state."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
from email.utils import formatdate

import pytest
from support.httpserver import LocalServer, Reply, Request

from workers.models import FeedSpec
from workers.pipeline import netguard
from workers.pipeline.http import HttpSettings, build_client
from workers.pipeline.poll import UNCONDITIONAL_EVERY, FeedState, parse_max_age, poll_feed
from workers.pipeline.schedule_policy import should_disable

SETTINGS = HttpSettings(allow_loopback=True, connect_timeout=1.0, total_timeout=2.0)
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "feeds")
NOW = 1_714_600_000.0  # 2024-05-01 21:46 UTC
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 01 May 2024 09:30:00 GMT"


def rss() -> bytes:
    with open(os.path.join(FIXTURES, "rss20.xml"), "rb") as fh:
        return fh.read()


class ConditionalFeed:
    """A feed endpoint that honours If-None-Match like a well-behaved server."""

    def __init__(
        self,
        body: bytes,
        etag: str = ETAG,
        last_modified: str = LAST_MODIFIED,
        extra: list[tuple[str, str]] | None = None,
    ) -> None:
        self.body, self.etag, self.last_modified = body, etag, last_modified
        self.extra = extra or []

    def __call__(self, request: Request) -> Reply:
        validators = [("ETag", self.etag), ("Last-Modified", self.last_modified)]
        if request.headers.get("if-none-match") == self.etag:
            return Reply(304, b"", validators)
        return Reply(
            200, self.body, [("Content-Type", "application/rss+xml"), *validators, *self.extra]
        )


def test_first_poll_fetches_parses_and_remembers(local_server: LocalServer) -> None:
    url = local_server.add(
        "/feed.xml", ConditionalFeed(rss(), extra=[("Cache-Control", "public, max-age=900")])
    )
    result, state = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.status == "ok" and result.error is None
    assert result.http_status == 200
    assert len(result.entries) == 3
    assert all(e.feed_url == url for e in result.entries)
    assert result.format == "rss20" and result.title == "Example News — World"
    assert result.ttl == 1800 and result.max_age == 900
    assert result.hub == "https://pubsubhubbub.example.com/"
    assert result.final_url == url and result.moved_to is None
    assert result.etag == ETAG and result.last_modified == LAST_MODIFIED
    assert state.etag == ETAG and state.last_modified == LAST_MODIFIED
    assert state.last_unconditional == NOW and state.last_success_at == NOW
    assert state.consecutive_failures == 0 and state.last_status == 200
    assert state.recent_entry_times and state.recent_entry_times[0] >= state.recent_entry_times[-1]
    sent = local_server.requests[0].headers
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_304_is_not_modified_and_keeps_state(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", ConditionalFeed(rss()))
    _, state = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    result, state2 = poll_feed(FeedSpec(url=url), state, settings=SETTINGS, now=NOW + 600)
    sent = local_server.requests[1].headers
    assert sent["if-none-match"] == ETAG and sent["if-modified-since"] == LAST_MODIFIED
    assert result.status == "not_modified" and result.http_status == 304
    assert result.entries == []
    assert state2.etag == ETAG and state2.last_unconditional == NOW
    assert state2.last_success_at == NOW + 600


def test_304_takes_a_new_last_modified(local_server: LocalServer) -> None:
    newer = "Thu, 02 May 2024 10:00:00 GMT"
    url = local_server.add("/feed.xml", Reply(304, b"", [("Last-Modified", newer)]))
    state = FeedState(etag=ETAG, last_modified=LAST_MODIFIED, last_unconditional=NOW)
    result, state2 = poll_feed(FeedSpec(url=url), state, settings=SETTINGS, now=NOW + 60)
    assert result.status == "not_modified"
    assert state2.last_modified == newer and state2.etag == ETAG
    assert state.last_modified == LAST_MODIFIED  # the caller's state is not mutated


def test_200_with_same_etag_is_unchanged_and_not_parsed(local_server: LocalServer) -> None:
    # The server ignores If-None-Match and answers 200 with the same ETag; the body is junk
    # to prove it is not parsed (parsing would fail).
    url = local_server.add("/feed.xml", Reply(200, b"<<junk>>", [("ETag", 'W/"v1"')]))
    state = FeedState(etag=ETAG, last_unconditional=NOW)
    result, state2 = poll_feed(FeedSpec(url=url), state, settings=SETTINGS, now=NOW + 60)
    assert result.status == "not_modified" and result.http_status == 200
    assert result.error is None and state2.consecutive_failures == 0


def test_200_with_same_last_modified_is_unchanged(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(200, b"<<junk>>", [("Last-Modified", LAST_MODIFIED)]))
    state = FeedState(last_modified=LAST_MODIFIED, last_unconditional=NOW)
    result, _ = poll_feed(FeedSpec(url=url), state, settings=SETTINGS, now=NOW + 60)
    assert result.status == "not_modified"


def test_unconditional_fetch_every_12_hours(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(200, rss(), [("ETag", ETAG)]))
    state = FeedState(etag=ETAG, last_modified=LAST_MODIFIED, last_unconditional=NOW)
    later = NOW + UNCONDITIONAL_EVERY + 1
    result, state2 = poll_feed(FeedSpec(url=url), state, settings=SETTINGS, now=later)
    sent = local_server.requests[0].headers
    assert "if-none-match" not in sent and "if-modified-since" not in sent
    # same ETag, but this is the forced full fetch: parsed anyway
    assert result.status == "ok" and len(result.entries) == 3
    assert state2.last_unconditional == later
    assert state2.last_modified is None  # the server stopped sending it: dropped


def test_per_feed_user_agent(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(200, rss()))
    poll_feed(FeedSpec(url=url, user_agent="Special/1.0"), None, settings=SETTINGS, now=NOW)
    assert local_server.requests[0].headers["user-agent"] == "Special/1.0"


def test_moved_permanently_vs_temporarily(local_server: LocalServer) -> None:
    new = local_server.add("/new.xml", Reply(200, rss()))
    local_server.add("/perm", Reply(301, headers=[("Location", "/new.xml")]))
    local_server.add("/temp", Reply(302, headers=[("Location", "/new.xml")]))
    with build_client(SETTINGS) as client:
        moved, _ = poll_feed(
            FeedSpec(url=local_server.url("/perm")), None, settings=SETTINGS, client=client, now=NOW
        )
        temp, _ = poll_feed(
            FeedSpec(url=local_server.url("/temp")), None, settings=SETTINGS, client=client, now=NOW
        )
    assert moved.moved_to == new and moved.final_url == new
    assert temp.moved_to is None and temp.final_url == new
    assert moved.entries[0].feed_url == local_server.url("/perm")  # identity: the listed URL


# --- errors become results --------------------------------------------------------------------


def test_server_error_result_and_counters(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(500, b"boom"))
    result, state = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.status == "error" and result.error_kind == "server_error"
    assert result.http_status == 500 and url in (result.error or "")
    assert state.error_count == 1 and state.consecutive_failures == 1
    assert state.first_failure_at == NOW and state.last_error_at == NOW
    assert state.last_error == result.error and state.last_error_kind == "server_error"
    _, state2 = poll_feed(FeedSpec(url=url), state, settings=SETTINGS, now=NOW + 300)
    assert state2.consecutive_failures == 2 and state2.first_failure_at == NOW
    # recovery resets the streak but keeps the total
    local_server.add("/feed.xml", Reply(200, rss()))
    result3, state3 = poll_feed(FeedSpec(url=url), state2, settings=SETTINGS, now=NOW + 900)
    assert result3.status == "ok"
    assert state3.consecutive_failures == 0 and state3.first_failure_at is None
    assert state3.error_count == 2


def test_rate_limited_keeps_retry_after(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(429, b"", [("Retry-After", "30")]))
    result, _ = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.error_kind == "rate_limited" and result.retry_after == 30
    assert result.http_status == 429


def test_gone_disables(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(410, b""))
    result, state = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.error_kind == "gone" and result.http_status == 410 and state.gone
    assert should_disable(state, NOW)[0]


def test_challenge_reported_clearly(local_server: LocalServer) -> None:
    url = local_server.add("/feed.xml", Reply(403, b"", [("cf-mitigated", "challenge")]))
    result, _ = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.error_kind == "challenge" and "Cloudflare" in (result.error or "")


def test_parse_error_result(local_server: LocalServer) -> None:
    url = local_server.add(
        "/feed.xml",
        Reply(200, b"<html><title>Home</title></html>", [("Content-Type", "text/html")]),
    )
    result, state = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.status == "error" and result.error_kind == "feed_parse"
    assert result.http_status == 200 and "HTML page" in (result.error or "")
    assert state.etag is None


def test_network_error_result() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    url = f"http://127.0.0.1:{port}/feed.xml"
    result, state = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.error_kind == "network" and result.http_status is None
    assert url in (result.error or "") and state.consecutive_failures == 1


def test_blocked_address_result(monkeypatch: pytest.MonkeyPatch) -> None:
    connects: list[str] = []
    monkeypatch.setattr(
        netguard, "resolve", lambda host, port: [(socket.AF_INET, "169.254.169.254")]
    )
    monkeypatch.setattr(netguard, "create_connection", lambda *a: connects.append(a[1]))
    result, _ = poll_feed(
        FeedSpec(url="http://metadata.test/feed"), None, settings=SETTINGS, now=NOW
    )
    assert result.error_kind == "blocked_address" and "169.254.169.254" in (result.error or "")
    assert connects == []


def test_unexpected_exception_becomes_internal_error(
    monkeypatch: pytest.MonkeyPatch, local_server: LocalServer
) -> None:
    from workers.pipeline import poll

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(poll, "parse_feed", broken)
    url = local_server.add("/feed.xml", Reply(200, rss()))
    result, _ = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW)
    assert result.status == "error" and result.error_kind == "internal"
    assert "KeyError" in (result.error or "")


# --- state and helpers ------------------------------------------------------------------------


def test_state_round_trips_through_json() -> None:
    state = FeedState(etag=ETAG, error_count=2, recent_entry_times=[NOW, NOW - 60])
    raw = json.loads(json.dumps(dataclasses.asdict(state)))
    assert FeedState(**raw) == state
    assert FeedState.from_dict({**raw, "future_field": 1}) == state
    assert FeedState.from_dict(None) == FeedState()


def test_parse_max_age() -> None:
    assert parse_max_age({"cache-control": "public, max-age=600"}, now=NOW) == 600
    assert parse_max_age({"cache-control": "no-cache"}, now=NOW) is None
    date = formatdate(NOW, usegmt=True)
    expires = formatdate(NOW + 3600, usegmt=True)
    assert parse_max_age({"expires": expires, "date": date}, now=NOW + 100) == 3600
    assert parse_max_age({"expires": expires}, now=NOW) == 3600
    assert parse_max_age({"expires": "0"}, now=NOW) is None
    # max-age wins over Expires
    assert parse_max_age({"cache-control": "max-age=60", "expires": expires}, now=NOW) == 60


def test_after_fetch_runs_once_before_parsing_and_headers_are_handed_out(
    local_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The poll task frees its per-host slot in `after_fetch`: before the (slow) parse."""
    from workers.pipeline import poll

    events: list[str] = []
    real_parse = poll.parse_feed

    def parse(*args: object, **kwargs: object) -> object:
        events.append("parse")
        return real_parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(poll, "parse_feed", parse)
    url = local_server.add("/feed.xml", ConditionalFeed(rss(), extra=[("Cache-Control",
                                                                       "max-age=60")]))
    headers: dict[str, str] = {}
    result, _ = poll_feed(FeedSpec(url=url), None, settings=SETTINGS, now=NOW,
                          after_fetch=lambda: events.append("fetched"), headers_out=headers)
    assert result.status == "ok" and events == ["fetched", "parse"]
    assert headers["cache-control"] == "max-age=60" and headers["etag"] == ETAG
    events.clear()
    failed, _ = poll_feed(FeedSpec(url=local_server.url("/missing")), None, settings=SETTINGS,
                          now=NOW, after_fetch=lambda: events.append("fetched"))
    assert failed.status == "error" and events == ["fetched"]

