"""Shared text primitives: entity decoding once, NFC, graphemes, word-boundary truncation."""

from __future__ import annotations

import unicodedata

import pytest

from workers.formatters import text as tx

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
RAINBOW = "🏳️\u200d🌈"
FLAG_FR = "🇫🇷"
THUMB = "👍🏽"
E_ACUTE_DECOMPOSED = "e\u0301"


def test_entities_decoded_exactly_once() -> None:
    assert tx.clean_text("AT&amp;T") == "AT&T"
    assert tx.clean_text("Fish &amp;amp; chips") == "Fish &amp; chips"
    assert tx.clean_text("It&#39;s &quot;fine&quot; &lt;ok&gt;") == "It's \"fine\" <ok>"
    assert tx.clean_text("no entities & here") == "no entities & here"


def test_clean_text_nfc_controls_and_whitespace() -> None:
    assert tx.clean_text("Cafe\u0301") == "Café"
    assert unicodedata.is_normalized("NFC", tx.clean_text("Cafe\u0301"))
    assert tx.clean_text("a\x00b\x07c\ufeff\ufffe") == "a b c"
    assert tx.clean_text("  many\t\n spaces  ") == "many spaces"
    assert tx.clean_text("lone \ud83d surrogate") == "lone surrogate"
    text = tx.clean_text("p1 line\r\nstill p1\n\n\n\np2   x", multiline=True)
    assert text == "p1 line\nstill p1\n\np2 x"


def test_utf16_len() -> None:
    assert tx.utf16_len("abc") == 3
    assert tx.utf16_len("😀") == 2
    assert tx.utf16_len(FAMILY) == 11
    assert tx.utf16_len("日本") == 2


@pytest.mark.parametrize("impl", ["regex", "fallback"])
def test_graphemes_keep_sequences_whole(impl: str) -> None:
    sample = f"a{FAMILY}{FLAG_FR}{E_ACUTE_DECOMPOSED}{RAINBOW}{THUMB}한국\r\nz🏴󠁧󠁢󠁳󠁣󠁴󠁿"
    split = tx.graphemes(sample) if impl == "regex" else tx._fallback_graphemes(sample)
    assert split == ["a", FAMILY, FLAG_FR, E_ACUTE_DECOMPOSED, RAINBOW, THUMB, "한", "국",
                     "\r\n", "z", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"]


def test_fallback_matches_regex_on_flags_and_hangul_jamo() -> None:
    sample = "🇫🇷🇩🇪🇮" + "\u1100\u1161\u11a8" + "x\u0308\u0301"
    assert tx._fallback_graphemes(sample) == tx.graphemes(sample)


def test_truncate_on_word_boundary_with_ellipsis() -> None:
    out = tx.truncate("The quick brown fox jumps over the lazy dog", 20)
    assert out == "The quick brown fox…"
    assert len(out) <= 20
    assert tx.truncate("short", 20) == "short"


def test_truncate_strips_dangling_punctuation() -> None:
    assert tx.truncate("Hello, wonderful world", 8) == "Hello…"
    assert tx.truncate("One (two three) four", 7) == "One…"


def test_truncate_never_cuts_inside_url() -> None:
    s = "Read https://example.com/a/very/long/path?with=query&and=more now please"
    for limit in range(5, len(s)):
        out = tx.truncate(s, limit)
        assert len(out) <= limit
        if "https://" in out:
            assert "https://example.com/a/very/long/path?with=query&and=more" in out
        # an ellipsis never sticks to a URL (linkifiers would swallow it)
        assert "more…" not in out


def test_truncate_never_splits_emoji_sequences() -> None:
    s = (FAMILY + RAINBOW + FLAG_FR + THUMB) * 10
    for limit in range(1, len(s)):
        out = tx.truncate(s, limit)
        assert len(out) <= limit
        body = out.removesuffix("…")
        # the result is a whole number of the original clusters
        assert tx.graphemes(body) == tx.graphemes(s)[: len(tx.graphemes(body))]


def test_truncate_cjk_cuts_between_characters() -> None:
    out = tx.truncate("東京で桜が満開になりました今年は早い", 8)
    assert out == "東京で桜が満開…"


def test_truncate_with_custom_measure() -> None:
    out = tx.truncate("aa bb cc dd", 6, measure=tx.utf16_len)
    assert out == "aa bb…"


def test_word_cut_points_respect_graphemes_and_urls() -> None:
    s = f"go {FAMILY} x http://a.example/b c"
    points = tx.word_cut_points(s)
    assert 2 in points
    bounds = tx.grapheme_boundaries(s)
    assert all(p in bounds for p in points)
    url_start = s.index("http")
    url_end = s.index(" c")
    assert not any(url_start < p < url_end for p in points)


def test_first_sentence() -> None:
    assert tx.first_sentence("One thing. Two things.") == "One thing."
    assert tx.first_sentence("no end") == "no end"
