"""Facebook payloads: plain short message + link, sharer link."""

from __future__ import annotations

from collections.abc import Callable

from workers.formatters import ChannelTarget, FormatSettings, format_payloads
from workers.models import Article, Payload


def _facebook(article: Article, **settings: object) -> Payload:
    return format_payloads(article, platforms=["facebook"],
                           settings=FormatSettings(**settings))["facebook"]  # type: ignore[arg-type]


def test_request_shape(seed_article: Article) -> None:
    payload = _facebook(seed_article)
    req = payload.request
    assert req["method"] == "POST" and req["path"] == "/PAGE_ID/feed"
    assert set(req["json"]) == {"message", "link"}
    assert req["json"]["link"] == (
        "https://www.example-news.com/world/putin-proposes-direct-peace-talks?id=42&ref=rss"
        "&utm_source=facebook&utm_medium=social")
    message = req["json"]["message"]
    assert message == payload.text
    assert len(message) <= 400
    assert message.startswith(seed_article.title)
    assert "http" not in message  # the link field makes the preview card
    assert payload.share_url == (
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.example-news.com%2F"
        "world%2Fputin-proposes-direct-peace-talks%3Fid%3D42%26ref%3Drss%26utm_source%3Dfacebook"
        "%26utm_medium%3Dsocial")


def test_plain_text_no_entities(article_loader: Callable[[str], Article]) -> None:
    message = _facebook(article_loader("special_chars")).request["json"]["message"]
    assert message.startswith("AT&T (NYSE: T) & Verizon <b>merge</b>?")
    assert "&amp;" not in message and "&lt;" not in message
    assert "\\(" not in message and "\\#" not in message  # no little-text escapes either


def test_cap_configurable(seed_article: Article) -> None:
    for cap in (60, 150, 1000):
        message = _facebook(seed_article, facebook_max_chars=cap,
                            excerpt_chars={"facebook": 2000}).text
        assert len(message) <= cap
    short = _facebook(seed_article, facebook_max_chars=60).text
    title = seed_article.title or ""
    assert short.endswith("…")
    assert short.removesuffix("…") in title  # title cut on a word boundary
    assert title[len(short) - 1] == " "


def test_page_id_from_channel(seed_article: Article) -> None:
    payload = format_payloads(seed_article, platforms=["facebook"],
                              channels={"facebook": ChannelTarget(page_id="1234567890")})
    assert payload["facebook"].request["path"] == "/1234567890/feed"
    assert payload["facebook"].channel == "facebook:1234567890"
