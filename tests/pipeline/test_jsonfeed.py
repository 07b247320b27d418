"""JSON Feed 1.0/1.1 parser."""

from __future__ import annotations

import json
import os

import pytest
from support.httpserver import LocalServer, Reply

from workers.errors import FeedParseError
from workers.pipeline.http import HttpSettings, fetch
from workers.pipeline.jsonfeed import parse_date, parse_json_feed

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "feeds")
BASE = "https://json.example.com/feed.json"


def fixture(name: str) -> bytes:
    with open(os.path.join(FIXTURES, name), "rb") as fh:
        return fh.read()


def doc(**fields: object) -> bytes:
    data: dict[str, object] = {"version": "https://jsonfeed.org/version/1.1", "items": []}
    data.update(fields)
    return json.dumps(data).encode()


def test_json_feed_11_from_local_server(local_server: LocalServer) -> None:
    url = local_server.add(
        "/feeds/feed.json",
        Reply(200, fixture("jsonfeed11.json"), [("Content-Type", "application/feed+json")]),
    )
    page = fetch(url, settings=HttpSettings(allow_loopback=True, total_timeout=3))
    feed = parse_json_feed(page.body, url=page.final_url, headers=page.headers)
    assert feed.format == "json11"
    assert feed.title == "Example JSON Feed"
    assert feed.link == "https://json.example.com/"
    assert feed.self_url == "https://json.example.com/feed.json"
    assert feed.hub == "https://hub.example.com/"
    first, second, third = feed.entries
    assert first.guid == "https://json.example.com/2024/05/02/first"
    assert first.link == local_server.url("/2024/05/02/first")  # relative url resolved
    assert first.image == local_server.url("/img/first.png")
    assert first.summary == "<p>Hello <b>world</b></p>"
    assert first.published == "2024-05-02T08:00:00+00:00"
    assert first.tags == ["Hello", "World"]
    assert first.author == "Ana, Ben"
    assert first.feed_url == url
    assert second.guid == "2"  # a 1.0-style numeric id becomes a string
    assert second.published == "2024-05-01T08:00:00+00:00"  # date_modified fallback
    assert second.author == "Feed Author"  # the feed's authors
    assert third.link is None and third.title is None
    assert third.summary == "A micro post with no title and no url"
    assert len({e.entry_id for e in feed.entries}) == 3


def test_json_feed_10() -> None:
    feed = parse_json_feed(fixture("jsonfeed10.json"), url=BASE)
    assert feed.format == "json10"
    entry = feed.entries[0]
    assert entry.author == "Solo Writer"  # 1.0 "author" object
    assert entry.published == "2024-01-01T00:00:00+00:00"  # no offset: taken as UTC


def test_http_version_url_and_bom_accepted() -> None:
    body = b"\xef\xbb\xbf" + doc(version="http://jsonfeed.org/version/1", items=[{"id": "x"}])
    feed = parse_json_feed(body, url=BASE)
    assert feed.format == "json10" and feed.entries[0].guid == "x"


def test_external_url_and_banner_image_fallbacks() -> None:
    body = doc(
        items=[
            {
                "id": "1",
                "external_url": "https://elsewhere.example/a",
                "banner_image": "https://img.example/b.png",
                "title": " T ",
            }
        ]
    )
    entry = parse_json_feed(body, url=BASE).entries[0]
    assert entry.link == "https://elsewhere.example/a"
    assert entry.image == "https://img.example/b.png"
    assert entry.title == "T"


def test_odd_items_and_fields_are_skipped_not_fatal() -> None:
    body = doc(
        items=[
            "junk",
            3,
            None,
            {
                "id": "ok",
                "url": "javascript:alert(1)",
                "tags": ["a", 5, None],
                "date_published": "yesterday",
            },
        ]
    )
    feed = parse_json_feed(body, url=BASE)
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.link is None  # only http(s) links are kept
    assert entry.tags == ["a"]
    assert entry.published is None


def test_duplicate_ids_told_apart_by_url() -> None:
    body = doc(
        items=[
            {"id": "same", "url": "https://a.example/1"},
            {"id": "same", "url": "https://a.example/2"},
        ]
    )
    ids = [e.entry_id for e in parse_json_feed(body, url=BASE).entries]
    assert len(set(ids)) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"{not json", "invalid JSON"),
        (b'{"title": "no version", "items": []}', "jsonfeed.org version"),
        (b'{"version": "https://example.com/v1", "items": []}', "jsonfeed.org version"),
        (b"[1, 2, 3]", "jsonfeed.org version"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "items"),
        (b"<html><title>Oops</title></html>", "HTML page"),
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON|jsonfeed"),
    ],
)
def test_not_a_json_feed(body: bytes, expected: str) -> None:
    with pytest.raises(FeedParseError, match=expected) as info:
        parse_json_feed(body, url=BASE)
    assert BASE in str(info.value)


def test_parse_date() -> None:
    assert parse_date("2024-05-02T10:00:00+02:00") == "2024-05-02T08:00:00+00:00"
    assert parse_date("2024-05-02T10:00:00Z") == "2024-05-02T10:00:00+00:00"
    assert parse_date("2024-05-02T10:00:00.123z") == "2024-05-02T10:00:00.123000+00:00"
    assert parse_date("2024-05-02") == "2024-05-02T00:00:00+00:00"
    assert parse_date("not a date") is None
    assert parse_date(None) is None
    assert parse_date(12) is None
