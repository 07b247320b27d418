"""Property-based tests: random unicode (emoji sequences, CJK, RTL, markup characters, URLs,
entities) through every formatter. Every payload must obey its platform's limit and escaping,
and no cut may land inside a surrogate pair, a grapheme cluster or a URL."""

from __future__ import annotations

import os
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from workers.formatters import FormatSettings, format_payloads
from workers.formatters import text as tx
from workers.formatters.linkedin import unescape_little
from workers.formatters.telegram import check_html, split_html, visible_text
from workers.formatters.templates import escape_html
from workers.formatters.twitter import V2_CONFIG, V3_CONFIG, is_valid_tweet, weighted_length
from workers.models import Article, Payload

PIECES = [
    "👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "🇫🇷", "🇯🇵", "👍🏽", "😀", "🌸", "e\u0301", "1️⃣",
    "東京", "気候変動", "한국어", "مرحبا", "שלום", "\u200f", "\u202a", "Ωμέγα",
    "<", ">", "&", "&amp;", "&amp;amp;", "&lt;b&gt;", "(", ")", "[", "]", "{", "}", "#", "@",
    "*", "_", "~", "\\", "|", "`", '"', "'", " ", " ", " ", "\n", "\n\n", "\t", ".", ",", "!",
    "https://example.com/a_b?x=1&y=(2)", "example.org", "word", "Lorem", "ipsum",
]
SHORT_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60
).map("".join)
LONG_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=400
).map("".join)
#: pieces that probe twitter-text's URL and emoji edge cases (preceding characters, unusual
#: whitespace, keycaps, t.co, IDN, ports)
URLISH = [
    "example.com", "a.co", ".com", "-x.com", "_y.org", "/z.net", "@u.com", "#h.com", "$c.io",
    "t.co/abcdef", "http://t.co/" + "x" * 45, "www.例え.jp", "例え.テスト", "bit.ly/x?y=1",
    "http://localhost:8080/", "https://x.com:443/p", "\u00a0", "\u3000", "\r\n", "\r", "\x0b",
    "\x85", "\u2028", "\u200b", "\u202a", "\u2066", "#️⃣", "1⃣", "©", "©️", "㊗️", "〰",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "🧑🏿‍🦰", "🫠",
]
URL_TEXT = st.lists(st.sampled_from(PIECES + URLISH), max_size=50).map("".join)
TAGS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=6)

#: NEWSRELAY_HYPOTHESIS_EXAMPLES=2000 for a deeper run than the default CI one
EXAMPLES = int(os.environ.get("NEWSRELAY_HYPOTHESIS_EXAMPLES", "60"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _article(title: str, text: str, description: str, tags: list[str], image: bool) -> Article:
    return Article(id="prop-1", url="https://example.com/story/ü?q=1&r=(x)", title=title,
                   text=text, description=description or None, tags=tags,
                   image="https://example.com/i.jpg" if image else None)


def _is_cluster_prefix(prefix: str, whole: str) -> bool:
    """`prefix` is made of whole grapheme clusters of `whole`, from its start."""
    if not whole.startswith(prefix):
        return False
    return len(prefix) in tx.grapheme_boundaries(whole)


@PROFILE
@given(title=SHORT_TEXT, text=LONG_TEXT, description=SHORT_TEXT, tags=TAGS, image=st.booleans())
def test_every_payload_obeys_its_platform(
    title: str, text: str, description: str, tags: list[str], image: bool,
    platform_rules: Callable[[dict[str, Payload]], None],
) -> None:
    article = _article(title, text, description, tags, image)
    payloads = format_payloads(article)
    platform_rules(payloads)
    clean_title = tx.clean_text(title)
    # X: the first line is the title, whole or cut at a grapheme boundary with an ellipsis
    first = payloads["twitter"].text.split("\n")[0]
    if clean_title and not clean_title.startswith("https://"):
        kept = first.removesuffix("…")
        assert first == clean_title or _is_cluster_prefix(kept, clean_title), (first, clean_title)
    # LinkedIn: what readers see starts with the title (escaping round-trips)
    shown = unescape_little(payloads["linkedin"].request["json"]["commentary"])
    assert shown == payloads["linkedin"].text
    # the URL always arrives whole
    for platform in ("twitter", "whatsapp"):
        assert "https://example.com/story/ü?q=1&r=(x)&utm_source=" in payloads[platform].text


@PROFILE
@given(title=SHORT_TEXT, text=LONG_TEXT)
def test_telegram_full_text_split(title: str, text: str,
                                  platform_rules: Callable[[dict[str, Payload]], None]) -> None:
    article = _article(title, text * 8, "", [], False)
    payloads = format_payloads(article, platforms=["telegram"],
                               settings=FormatSettings(telegram_full_text=True))
    platform_rules(payloads)


@PROFILE
@given(value=LONG_TEXT, limit=st.integers(min_value=1, max_value=300))
def test_truncate_never_cuts_graphemes_or_urls(value: str, limit: int) -> None:
    out = tx.truncate(value, limit)
    assert len(out) <= limit
    if out == value:
        return
    kept = out.removesuffix("…").removesuffix(" ")
    if not out:
        return
    assert value.startswith(kept)
    assert len(kept) in tx.grapheme_boundaries(value)
    for start, end in tx.url_spans(value):
        assert not start < len(kept) < end, (kept, value[start:end])


@PROFILE
@given(chunks=st.lists(st.tuples(st.sampled_from(["", "b", "i", "u", "s", "code", "tg-spoiler"]),
                                 SHORT_TEXT), min_size=1, max_size=40),
       limit=st.integers(min_value=40, max_value=400))
def test_split_html_parts_are_valid(chunks: list[tuple[str, str]], limit: int) -> None:
    source = "".join(f"<{tag}>{escape_html(t)}</{tag}>" if tag else escape_html(t)
                     for tag, t in chunks)
    try:
        parts = split_html(source, limit)
    except Exception as exc:  # only an unbreakable run longer than the limit may fail
        assert "cannot be split" in str(exc)
        return
    for part in parts:
        assert tx.utf16_len(part) <= limit
        assert check_html(part) is None, part
        part.encode("utf-16", "strict")
    # nothing lost or reordered except whitespace at the cuts
    before = "".join(visible_text(source).split())
    after = "".join("".join(visible_text(p).split()) for p in parts)
    assert after == before
    # and no grapheme cluster was split: clusters of the parts are clusters of the source
    src_clusters = [g for g in tx.graphemes(visible_text(source)) if not g.isspace()]
    part_clusters = [g for p in parts for g in tx.graphemes(visible_text(p)) if not g.isspace()]
    assert part_clusters == src_clusters


@PROFILE
@given(value=st.one_of(LONG_TEXT, URL_TEXT, st.text(max_size=300)))
def test_fast_weighted_length_matches_twitter_text(value: str) -> None:
    for config in (V3_CONFIG, V2_CONFIG):
        assert weighted_length(value, config) == parse_tweet(value, config).weightedLength
    if not any(ch in value for ch in "\ufffe\ufeff\uffff"):
        assert is_valid_tweet(value) == parse_tweet(value).valid
