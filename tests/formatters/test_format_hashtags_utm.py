"""Hashtags made valid per platform, and UTM tagging that keeps the publisher's query."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from workers.formatters.hashtags import hashtag_name, make_hashtags, render_hashtags
from workers.formatters.settings import DEFAULT_HASHTAG_STOPLIST
from workers.formatters.utm import add_utm, clean_url, intent_link, is_http_url


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("climate change", "ClimateChange"),
        ("COVID-19", "COVID19"),
        ("AT&T", "ATT"),
        ("#Python", "Python"),
        ("snake_case_tag", "SnakeCaseTag"),
        ("2024", None),
        ("2024 election", "2024Election"),
        ("   ", None),
        ("🌸", None),
        ("气候变化", "气候变化"),
        ("São Paulo", "SãoPaulo"),
        ("kindly share this story with friends", None),  # a sentence, not a tag
        ("x" * 40, None),
    ],
)
def test_hashtag_name(tag: str, expected: str | None) -> None:
    assert hashtag_name(tag) == expected


def test_make_hashtags_dedup_stoplist_hierarchy_and_max() -> None:
    tags = ["News", "World > Europe", "europe", "climate change", "Climate-Change", "2025",
            "Uncategorized", "tech, science; space", "AI"]
    names = make_hashtags(tags, max_count=10, stoplist=DEFAULT_HASHTAG_STOPLIST)
    assert names == ["Europe", "ClimateChange", "tech", "science", "space", "AI"]
    assert make_hashtags(tags, max_count=2, stoplist=DEFAULT_HASHTAG_STOPLIST) == [
        "Europe", "ClimateChange"]
    assert make_hashtags(tags, max_count=0) == []


def test_only_word_characters() -> None:
    for name in make_hashtags(["a.b", "c/d", "e'f", "g(h)", "i–j", "k@l"], max_count=10):
        assert all(ch.isalnum() for ch in name), name


def test_render_per_platform() -> None:
    assert render_hashtags(["A", "B"], "twitter") == "#A #B"
    assert render_hashtags(["A", "B"], "linkedin") == "{hashtag|\\#|A} {hashtag|\\#|B}"
    assert render_hashtags([], "telegram") == ""


def test_add_utm_preserves_query_and_fragment() -> None:
    url = "https://example.com/a/b?x=1&y=a%20b&flag&z=%2B#frag"
    out = add_utm(url, source="twitter", campaign="spring sale")
    assert out == ("https://example.com/a/b?x=1&y=a%20b&flag&z=%2B&utm_source=twitter"
                   "&utm_medium=social&utm_campaign=spring%20sale#frag")


def test_add_utm_replaces_our_keys_only() -> None:
    url = "https://example.com/?utm_source=rss&utm_content=top&q=1"
    out = add_utm(url, source="facebook")
    query = parse_qs(urlsplit(out).query)
    assert query["utm_source"] == ["facebook"]
    assert query["utm_content"] == ["top"]
    assert query["q"] == ["1"]
    assert out.count("utm_source") == 1


def test_add_utm_bare_host() -> None:
    assert add_utm("https://example.com", source="telegram") == (
        "https://example.com/?utm_source=telegram&utm_medium=social")


def test_clean_url_encodes_only_breaking_characters() -> None:
    assert clean_url("https://example.com/a b/ü?q=a b") == "https://example.com/a%20b/ü?q=a%20b"


def test_is_http_url() -> None:
    assert is_http_url("https://example.com/x")
    assert not is_http_url("javascript:alert(1)")
    assert not is_http_url("ftp://example.com/")
    assert not is_http_url("/relative")


def test_intent_link_percent_encodes() -> None:
    link = intent_link("https://twitter.com/intent/tweet", {"text": "a&b c#d+é", "url": ""})
    assert link == "https://twitter.com/intent/tweet?text=a%26b%20c%23d%2B%C3%A9"
