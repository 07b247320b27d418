"""WhatsApp payloads: text message with preview from the first URL, and the template variant."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from workers.errors import PayloadError
from workers.formatters import (
    ChannelTarget,
    FormatSettings,
    format_payloads,
    whatsapp_template_payload,
)
from workers.formatters import text as tx
from workers.formatters.whatsapp import first_url_is
from workers.models import Article, Payload


def _whatsapp(article: Article, **settings: object) -> Payload:
    return format_payloads(article, platforms=["whatsapp"],
                           settings=FormatSettings(**settings))["whatsapp"]  # type: ignore[arg-type]


def test_request_shape(seed_article: Article) -> None:
    payload = _whatsapp(seed_article)
    req = payload.request
    assert req["method"] == "POST"
    assert req["path"] == "/PHONE_NUMBER_ID/messages"
    body = req["json"]
    assert body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "RECIPIENT_PHONE_NUMBER",
        "type": "text",
        "text": {"body": payload.text, "preview_url": True},
    }
    text = body["text"]["body"]
    assert text.startswith(f"*{seed_article.title}*\n")
    url = ("https://www.example-news.com/world/putin-proposes-direct-peace-talks?id=42&ref=rss"
           "&utm_source=whatsapp&utm_medium=social")
    assert text.split("\n")[1] == url
    assert first_url_is(text, url)
    assert tx.utf16_len(text) <= 4096
    assert "#" not in text  # hashtags are off for WhatsApp by default


def test_channel(seed_article: Article) -> None:
    payload = format_payloads(seed_article, platforms=["whatsapp"], channels={
        "whatsapp": ChannelTarget(phone_number_id="106540352242922", to="15551234567")})["whatsapp"]
    assert payload.request["path"] == "/106540352242922/messages"
    assert payload.request["json"]["to"] == "15551234567"


def test_title_with_domain_puts_link_first(make_article: Callable[..., Article]) -> None:
    article = make_article(title="Amazon.com cuts prices at example.org stores",
                           url="https://news.example/amazon")
    body = _whatsapp(article).request["json"]["text"]["body"]
    url = "https://news.example/amazon?utm_source=whatsapp&utm_medium=social"
    assert body.startswith(url + "\n\n*Amazon.com")
    assert first_url_is(body, url)


def test_custom_template_with_url_first_is_repaired(make_article: Callable[..., Article]) -> None:
    settings = FormatSettings(templates={"whatsapp": "See https://other.example {{ title }}"})
    article = make_article(url="https://news.example/a")
    body = format_payloads(article, platforms=["whatsapp"], settings=settings)[
        "whatsapp"].request["json"]["text"]["body"]
    assert first_url_is(body, "https://news.example/a?utm_source=whatsapp&utm_medium=social")


def test_format_markers_in_fields_cannot_break_bold(
    article_loader: Callable[[str], Article],
) -> None:
    body = _whatsapp(article_loader("special_chars")).text
    title_line = next(line for line in body.split("\n") if line.startswith("*"))
    assert title_line.startswith("*") and title_line.endswith("*")
    assert title_line[1:-1].count("*") == 0 and "_" not in title_line and "~" not in title_line
    # the URL keeps its own underscores (utm_source)
    assert "utm_source=whatsapp" in body


def test_long_body_capped(make_article: Callable[..., Article]) -> None:
    text = "word " * 3000
    payload = _whatsapp(make_article(title="T", text=text, description=text),
                        excerpt_chars={"whatsapp": 10000})
    assert tx.utf16_len(payload.text) <= 4096
    assert payload.text.endswith("…")


def test_share_link(seed_article: Article) -> None:
    payload = _whatsapp(seed_article)
    assert payload.share_url.startswith("https://wa.me/?text=")
    assert parse_qs(urlsplit(payload.share_url).query)["text"] == [payload.text]


def test_template_variant(seed_article: Article) -> None:
    payload = whatsapp_template_payload(seed_article)
    body = payload.request["json"]
    assert payload.request["path"] == "/PHONE_NUMBER_ID/messages"
    assert body["messaging_product"] == "whatsapp"
    assert body["type"] == "template"
    template = body["template"]
    assert template["name"] == "news_update"
    assert template["language"] == {"code": "en"}
    (component,) = template["components"]
    assert component["type"] == "body"
    texts = [p["text"] for p in component["parameters"]]
    assert all(p["type"] == "text" for p in component["parameters"])
    assert texts[0] == seed_article.title
    assert texts[2].endswith("utm_source=whatsapp&utm_medium=social")
    for t in texts:
        assert 0 < len(t) <= 1024
        assert "\n" not in t and "\t" not in t
        assert not re.search(r" {5,}", t)
    assert sum(len(t) for t in texts) <= 900


def test_template_params_flattened_and_budgeted(make_article: Callable[..., Article]) -> None:
    desc = "Line one.\n\tLine      two. " + "filler words " * 200
    article = make_article(title="A\ttitle   with\nbreaks", description=desc)
    payload = whatsapp_template_payload(
        article, settings=FormatSettings(excerpt_chars={"whatsapp": 3000},
                                         whatsapp_template_budget=400),
        template_name="daily_digest", language="de")
    template = payload.request["json"]["template"]
    assert template["name"] == "daily_digest" and template["language"] == {"code": "de"}
    texts = [p["text"] for p in template["components"][0]["parameters"]]
    assert texts[0] == "A title with breaks"
    assert texts[1].startswith("Line one. Line two.")
    assert sum(len(t) for t in texts) <= 400
    for t in texts:
        assert "\n" not in t and "\t" not in t and "     " not in t


def test_template_unknown_param(seed_article: Article) -> None:
    with pytest.raises(PayloadError, match="seed-000"):
        whatsapp_template_payload(
            seed_article, settings=FormatSettings(whatsapp_template_params=("nope",)))
