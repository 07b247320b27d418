"""Telegram payloads: HTML escaping, allowed tags, caption/text limits in UTF-16, splitting."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from workers.errors import PayloadError
from workers.formatters import ChannelTarget, FormatSettings, format_payloads
from workers.formatters import text as tx
from workers.formatters.telegram import (
    check_html,
    count_entities,
    split_html,
    visible_text,
)
from workers.models import Article, Payload

FAMILY = "👨\u200d👩\u200d👧\u200d👦"


def _telegram(article: Article, **settings: object) -> Payload:
    return format_payloads(article, platforms=["telegram"],
                           settings=FormatSettings(**settings))["telegram"]  # type: ignore[arg-type]


def _messages(payload: Payload) -> list[dict[str, object]]:
    return [payload.request, *payload.followups]


def _body(request: dict[str, object]) -> str:
    body = request["json"]
    assert isinstance(body, dict)
    return str(body.get("text", body.get("caption")))


def test_send_message_shape(make_article: Callable[..., Article]) -> None:
    payload = _telegram(make_article(title="Hello", text="Body text here."))
    req = payload.request
    assert req["method"] == "POST"
    assert req["path"] == "/bot{token}/sendMessage"
    body = req["json"]
    assert body["chat_id"] == "@newsrelay_demo"
    assert body["parse_mode"] == "HTML"
    assert body["link_preview_options"] == {
        "is_disabled": False,
        "url": "https://example.com/story?utm_source=telegram&utm_medium=social",
        "prefer_large_media": True,
        "show_above_text": False,
    }
    assert body["text"].startswith("<b>Hello</b>")
    assert check_html(body["text"]) is None
    assert payload.followups == []


def test_link_preview_off(make_article: Callable[..., Article]) -> None:
    payload = _telegram(make_article(), link_preview=False)
    assert payload.request["json"]["link_preview_options"] == {"is_disabled": True}


def test_channel_target(make_article: Callable[..., Article]) -> None:
    payload = format_payloads(
        make_article(), platforms=["telegram"],
        channels={"telegram": ChannelTarget(chat_id=-1001234567890, message_thread_id=7)},
    )["telegram"]
    assert payload.request["json"]["chat_id"] == -1001234567890
    assert payload.request["json"]["message_thread_id"] == 7
    assert payload.channel == "telegram:-1001234567890"


def test_article_text_is_escaped(article_loader: Callable[[str], Article]) -> None:
    payload = _telegram(article_loader("special_chars"), telegram_photo=False)
    html = payload.request["json"]["text"]
    assert check_html(html) is None
    assert "&lt;b&gt;merge&lt;/b&gt;" in html
    assert "AT&amp;T" in html
    assert "<b>AT&amp;T (NYSE: T)" in html  # the template's own <b> stays markup
    # every < > & in the HTML is a tag of ours or an entity
    stripped = re.sub(r"</?(b|a)( href=\"[^\"]*\")?>", "", html)
    assert "<" not in stripped and ">" not in stripped
    assert not re.search(r"&(?!(amp|lt|gt|quot);)", stripped)
    assert visible_text(html).startswith("AT&T (NYSE: T) & Verizon <b>merge</b>?")
    assert payload.text == visible_text(html)


def test_entities_decoded_once(make_article: Callable[..., Article]) -> None:
    html = _telegram(make_article(title="Fish &amp;amp; chips at AT&amp;T"))
    shown = html.text
    assert "Fish &amp; chips at AT&T" in shown
    assert "Fish &amp;amp; chips at AT&amp;T" in html.request["json"]["text"]


def test_send_photo_when_image_fits(seed_article: Article) -> None:
    payload = _telegram(seed_article)
    req = payload.request
    assert req["path"] == "/bot{token}/sendPhoto"
    body = req["json"]
    assert body["photo"] == "https://www.example-news.com/images/putin.jpg"
    assert body["parse_mode"] == "HTML"
    assert tx.utf16_len(body["caption"]) <= 1024
    assert check_html(body["caption"]) is None
    assert "text" not in body


def test_caption_counts_utf16(make_article: Callable[..., Article]) -> None:
    # 700 emoji = 1400 UTF-16 units but 700 code points: must not go out as a caption as is
    article = make_article(title="Emoji", text="😀" * 700, image="https://example.com/i.jpg")
    payload = _telegram(article, excerpt_chars={"telegram": 4000})
    body = payload.request["json"]
    if payload.request["path"].endswith("sendPhoto"):
        assert tx.utf16_len(body["caption"]) <= 1024
    else:
        assert tx.utf16_len(body["text"]) <= 4096


def test_long_text_is_split_on_paragraphs(seed_article: Article) -> None:
    seed_article.text = "\n\n".join([seed_article.text] * 6)
    payload = _telegram(seed_article, telegram_full_text=True)
    messages = _messages(payload)
    assert len(messages) >= 2
    for index, msg in enumerate(messages):
        assert msg["path"] == "/bot{token}/sendMessage"
        text = _body(msg)
        assert 1 <= tx.utf16_len(text) <= 4096
        assert check_html(text) is None, text[:200]
        assert count_entities(text) <= 100
        preview = msg["json"]["link_preview_options"]  # type: ignore[index]
        assert preview["is_disabled"] is (index > 0)
    # every part but the last ends at a paragraph end
    paragraphs = {p.strip() for p in seed_article.text.split("\n\n")}
    for msg in messages[:-1]:
        last_line = visible_text(_body(msg)).split("\n")[-1].strip()
        assert last_line in paragraphs
    # nothing lost: the visible words are the same
    joined = " ".join(visible_text(_body(m)) for m in messages)
    expected = visible_text(_body({"json": {"text": format_whole(seed_article)}}))
    assert joined.split() == expected.split()


def format_whole(article: Article) -> str:
    from workers.formatters.base import Fields, Renderer, base_context, platform_url, prepare
    from workers.formatters.settings import ChannelTarget as CT

    settings = FormatSettings(telegram_full_text=True)
    prepared = prepare(article, settings)
    url = platform_url(prepared, "telegram", settings)
    renderer = Renderer("telegram", prepared, settings, CT(), base_context(prepared, url),
                        full_text=True)
    from workers.formatters.base import platform_hashtags

    return renderer(Fields(prepared.title, "", platform_hashtags(prepared, "telegram", settings)))


def test_split_closes_and_reopens_tags() -> None:
    html = "<b>" + " ".join(f"word{i}" for i in range(200)) + "</b> tail"
    parts = split_html(html, 100)
    assert len(parts) > 5
    for part in parts:
        assert tx.utf16_len(part) <= 100
        assert check_html(part) is None
    assert all(p.startswith("<b>") for p in parts[:-1])
    words = " ".join(visible_text(p) for p in parts).split()
    assert words == visible_text(html).split()


def test_split_keeps_link_tag_and_nested_tags() -> None:
    html = '<a href="https://e.com/x?a=1&amp;b=2"><i>' + "link text " * 40 + "</i></a>"
    parts = split_html(html, 120)
    for part in parts:
        assert check_html(part) is None
        assert part.startswith('<a href="https://e.com/x?a=1&amp;b=2"><i>')
        assert part.endswith("</i></a>")
        assert tx.utf16_len(part) <= 120


def test_split_never_breaks_entities() -> None:
    html = "&amp;&lt;&gt;" * 300
    parts = split_html(html, 50)
    for part in parts:
        assert check_html(part) is None
        assert tx.utf16_len(part) <= 50
    assert "".join(visible_text(p) for p in parts) == "&<>" * 300


def test_split_never_breaks_surrogate_pairs_or_graphemes() -> None:
    html = ("😀" + FAMILY + "🇫🇷") * 200
    parts = split_html(html, 64)
    for part in parts:
        assert tx.utf16_len(part) <= 64
        part.encode("utf-16")  # no lone surrogates
    clusters = [g for p in parts for g in tx.graphemes(p)]
    assert clusters == tx.graphemes(html)


def test_split_prefers_sentences_then_words() -> None:
    text = " ".join([f"This is sentence number {i} of the text." for i in range(40)])
    parts = split_html(text, 200)
    for part in parts[:-1]:
        assert part.endswith(".")
        assert tx.utf16_len(part) <= 200


def test_split_never_inside_url() -> None:
    url = "https://example.com/" + "x" * 60
    text = " ".join(["word"] * 30 + [url] + ["word"] * 30)
    parts = split_html(text, 90)
    assert any(url in p for p in parts)


def test_split_limits_entities() -> None:
    html = " ".join(f"#tag{i} <b>b{i}</b>" for i in range(300))
    parts = split_html(html, 4096)
    assert len(parts) >= 6
    for part in parts:
        assert count_entities(part) <= 100
        assert check_html(part) is None


def test_unsplittable_raises() -> None:
    with pytest.raises(PayloadError):
        split_html('<a href="https://e.com/' + "x" * 300 + '">x</a>', 100)


def test_disallowed_template_tag_is_payload_error(make_article: Callable[..., Article]) -> None:
    settings = FormatSettings(templates={"telegram": "<div>{{ title }}</div>"})
    with pytest.raises(PayloadError, match=r"telegram.*t-1.*<div>"):
        format_payloads(make_article(), platforms=["telegram"], settings=settings)


@pytest.mark.parametrize(
    ("html", "ok"),
    [
        ("<b>x</b>", True),
        ('<a href="https://e.com">x</a>', True),
        ('<pre><code class="language-python">x</code></pre>', True),
        ("<blockquote expandable>x</blockquote>", True),
        ("<tg-spoiler>x</tg-spoiler>", True),
        ("<b>x", False),
        ("<b>x</i>", False),
        ("a < b", False),
        ("a > b", False),
        ("AT&T", False),
        ("&nbsp;", False),
        ("<script>x</script>", False),
        ('<a href="javascript:alert(1)">x</a>', False),
        ('<b class="x">x</b>', False),
    ],
)
def test_check_html(html: str, ok: bool) -> None:
    assert (check_html(html) is None) is ok


def test_share_link(seed_article: Article) -> None:
    payload = _telegram(seed_article)
    parts = urlsplit(payload.share_url)
    assert payload.share_url.startswith("https://t.me/share/url?")
    query = parse_qs(parts.query)
    assert query["url"][0].endswith("utm_source=telegram&utm_medium=social")
    assert query["text"] == [seed_article.title]
