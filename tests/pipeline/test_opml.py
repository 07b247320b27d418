"""OPML import/export: other readers' exports, hostile files, and round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.models import FeedSpec
from workers.pipeline.opml import OpmlError, build_opml, parse_opml

OPML = Path(__file__).resolve().parents[1] / "fixtures" / "opml"


def test_feedly_style_export_with_nested_folders_and_categories() -> None:
    result = parse_opml((OPML / "feedly.opml").read_bytes())
    assert result.title == "Jane subscriptions in feedly Cloud"
    by_url = {f.url: f for f in result.feeds}
    assert list(by_url) == [
        "https://feeds.arstechnica.com/arstechnica/index",
        "https://lwn.net/headlines/rss",
        "https://feeds.bbci.co.uk/news/world/rss.xml",
        "https://example.org/feed.xml",
    ]
    assert by_url["https://feeds.arstechnica.com/arstechnica/index"] == FeedSpec(
        url="https://feeds.arstechnica.com/arstechnica/index", name="Ars Technica", tags=("Tech",)
    )
    # listed in two folders: one feed, both tags
    assert by_url["https://lwn.net/headlines/rss"].tags == ("Tech", "News")
    assert by_url["https://feeds.bbci.co.uk/news/world/rss.xml"].tags == (
        "News/World", "Daily", "Europe/UK")
    assert by_url["https://example.org/feed.xml"].name == "No folder & an ampersand"
    assert by_url["https://example.org/feed.xml"].tags == ()
    assert len(result.skipped) == 1 and "gopher://" in result.skipped[0]


def test_freshrss_export() -> None:
    result = parse_opml((OPML / "freshrss.opml").read_bytes())
    assert [(f.name, f.tags) for f in result.feeds] == [
        ("Miniflux releases", ("Uncategorized",)), ("Julia Evans", ("Blogs",))]


@pytest.mark.parametrize("name", ["billion-laughs.opml", "xxe.opml"])
def test_dtds_and_entities_are_refused(name: str) -> None:
    with pytest.raises(OpmlError, match="DTDs and entities are not allowed"):
        parse_opml((OPML / name).read_bytes())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<opml><body><outline", "not well-formed"),
        (b'<rss version="2.0"><channel/></rss>', "root element is <rss>"),
        (b"\x00\x01binary", "not well-formed"),
    ],
)
def test_not_opml(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError, match=message):
        parse_opml(data)


def test_round_trip_keeps_names_tags_and_options() -> None:
    feeds = [
        FeedSpec(url="https://example.com/a.xml", name="A & <B>", tags=("News/World", "Daily")),
        FeedSpec(url="https://example.com/b.xml", interval=900, paused=True,
                 user_agent="Special/1.0"),
        FeedSpec(url="https://example.com/c.xml", name="C", tags=("Tech",)),
        FeedSpec(url="https://example.com/d.xml", name="D", tags=("News",)),
    ]
    data = build_opml(feeds, now=1_714_600_000)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<opml")
    assert b'version="2.0"' in data and b"<dateCreated>Wed, 01 May 2024" in data
    assert b'category="/News/World,/Daily"' in data
    back = parse_opml(data)
    assert back.title == "newsrelay feeds" and back.skipped == []
    assert sorted(back.feeds, key=lambda f: f.url) == feeds


def test_export_nests_folders_by_first_tag() -> None:
    import xml.etree.ElementTree as ET

    data = build_opml([FeedSpec(url="https://example.com/a.xml", name="A",
                                tags=("News/World",))])
    body = ET.fromstring(data).find("body")
    assert body is not None
    news = body.find("outline")
    assert news is not None and news.get("text") == "News"
    world = news.find("outline")
    assert world is not None and world.get("text") == "World"
    feed = world.find("outline")
    assert feed is not None and feed.get("xmlUrl") == "https://example.com/a.xml"
    assert feed.get("type") == "rss"
