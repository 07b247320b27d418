"""Text primitives every formatter shares: cleaning, measuring, grapheme-safe word truncation.

Why one module: the complaints SPEC section 4 lists ("HTML entities leaking into posts",
"truncation mid-word or inside a URL", "splits that break surrogate pairs", "wrong length for
emoji and CJK") are all the same few operations done slightly wrong in five places. Doing them
once, here, means every platform cuts text the same, safe way.

Grapheme clusters come from the `regex` module's ``\\X`` (full Unicode extended grapheme cluster
rules, kept current with Unicode). `regex` already reaches this project through trafilatura
(htmldate -> dateparser -> regex); if it is ever missing, `_fallback_graphemes` implements the
rules that matter for posts: combining marks, ZWJ emoji sequences, skin tones, variation
selectors, tag sequences (subdivision flags), regional-indicator flag pairs, CR LF and Hangul
jamo.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

_find_clusters: Callable[[str], list[str]] | None
try:  # pragma: no cover - exercised through whichever branch is installed
    import regex as _regex

    _find_clusters = _regex.compile(r"\X").findall
except ImportError:  # pragma: no cover
    _find_clusters = None

ELLIPSIS = "…"

#: U+FFFE/U+FFFF are non-characters and U+FEFF a stray BOM: twitter-text marks a post holding any
#: of them invalid, and other platforms show them as boxes.
_INVALID_CHARS = re.compile("[\ufffe\uffff\ufeff]")
#: C0/C1 controls other than tab and newline (they come from broken feeds and break JSON
#: consumers and Telegram's parser).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_HSPACE = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
_MANY_NEWLINES = re.compile(r"\n{3,}")

#: URLs as posts show them: an explicit scheme up to the next space or markup delimiter.
URL_RE = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)

#: characters stripped from the end of a cut before the ellipsis, so a cut never reads
#: "word,…" or "word (…"
_TRAILING_JUNK = " \t\n,;:-–—([{«“‘\"'/\\|·•"

#: sentence-final punctuation (Latin, CJK, Arabic, Devanagari)
SENTENCE_END = ".!?…。！？؟।"
#: closing quotes/brackets that may follow a sentence end
CLOSERS = "\"'”’»)]}」』）"


# --- cleaning --------------------------------------------------------------------------------


def decode_entities_once(value: str) -> str:
    """Decode HTML entities exactly once.

    Why once: feeds double-escape (``&amp;amp;``). Decoding in a loop would turn a title that is
    *about* HTML ("Use &amp;lt; in XML") into something else; one decode is what a browser does,
    so "AT&amp;T" reads "AT&T" and "Fish &amp;amp; chips" reads "Fish &amp; chips".
    """
    if "&" not in value:
        return value
    return html.unescape(value)


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Make an article field safe to post: entities decoded once, NFC, no control characters.

    `multiline` keeps paragraphs (blank-line separated) and single line breaks; otherwise all
    whitespace collapses to single spaces (titles, descriptions, tags).
    """
    if not value:
        return ""
    if not isinstance(value, str):  # a number from a loosely typed feed
        value = str(value)
    text = _SURROGATES.sub("", value)  # lone surrogates cannot be encoded to JSON/UTF-8
    text = decode_entities_once(text)
    text = _SURROGATES.sub("", text)  # &#xD800; decodes to one
    text = unicodedata.normalize("NFC", text)
    text = _INVALID_CHARS.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL_CHARS.sub(" ", text)
    if not multiline:
        return _ANY_SPACE.sub(" ", text).strip()
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def single_line(value: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space."""
    return _ANY_SPACE.sub(" ", value).strip()


def paragraphs(text: str) -> list[str]:
    """The non-empty paragraphs of a cleaned multi-line text."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


# --- measuring -------------------------------------------------------------------------------


def utf16_len(value: str) -> int:
    """Length in UTF-16 code units: what Telegram, LinkedIn (Java) and JavaScript count."""
    return len(value) + sum(1 for ch in value if ord(ch) > 0xFFFF)


# --- graphemes -------------------------------------------------------------------------------


def graphemes(value: str) -> list[str]:
    """Split into user-perceived characters (extended grapheme clusters, UAX #29)."""
    if not value:
        return []
    if value.isascii() and "\r" not in value:
        return list(value)
    if _find_clusters is not None:
        return _find_clusters(value)
    return _fallback_graphemes(value)


def _compute_boundaries(value: str) -> frozenset[int]:
    offsets = {0}
    pos = 0
    for cluster in graphemes(value):
        pos += len(cluster)
        offsets.add(pos)
    return frozenset(offsets)


@lru_cache(maxsize=256)
def _grapheme_boundaries_cached(value: str) -> frozenset[int]:
    return _compute_boundaries(value)


def grapheme_boundaries(value: str) -> frozenset[int]:
    """Every code-point offset at which `value` may be cut without splitting a grapheme."""
    if value.isascii() and "\r" not in value:
        return frozenset(range(len(value) + 1))
    if len(value) > 2000:  # long bodies are seen once: caching them would only hold memory
        return _compute_boundaries(value)
    return _grapheme_boundaries_cached(value)


def _is_extend(ch: str) -> bool:
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or 0xE0100 <= cp <= 0xE01EF
        or 0x1F3FB <= cp <= 0x1F3FF  # emoji skin-tone modifiers
        or 0xE0020 <= cp <= 0xE007F  # tag characters (subdivision flags)
        or ch == "\u200c"
    )


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _hangul_kind(ch: str) -> str:
    cp = ord(ch)
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return "L"
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return "V"
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return "T"
    if 0xAC00 <= cp <= 0xD7A3:
        return "LV" if (cp - 0xAC00) % 28 == 0 else "LVT"
    return ""


def _fallback_graphemes(value: str) -> list[str]:
    """A compact extended-grapheme segmentation for when `regex` is unavailable.

    Covers the cases posts meet: CR LF, combining marks and spacing marks, variation
    selectors, skin tones, ZWJ sequences, tag sequences, regional-indicator pairs, Hangul.
    """
    clusters: list[str] = []
    current = ""
    ri_run = 0
    for ch in value:
        if not current:
            current = ch
            ri_run = 1 if _is_regional_indicator(ch) else 0
            continue
        prev = current[-1]
        join = False
        if prev == "\r" and ch == "\n":
            join = True
        elif prev in "\r\n" or ch in "\r\n":
            join = False
        elif _is_extend(ch) or ch == "\u200d":
            join = True
        elif prev == "\u200d" and len(current) > 1:
            join = True  # ZWJ sequence: the next pictograph joins the cluster
        elif _is_regional_indicator(ch) and _is_regional_indicator(prev) and ri_run % 2 == 1:
            join = True
        else:
            hp, hc = _hangul_kind(prev), _hangul_kind(ch)
            if (hp == "L" and hc in ("L", "V", "LV", "LVT")) or (
                hp in ("LV", "V") and hc in ("V", "T")
            ) or (hp in ("LVT", "T") and hc == "T"):
                join = True
        if join:
            current += ch
            if _is_regional_indicator(ch):
                ri_run += 1
        else:
            clusters.append(current)
            current = ch
            ri_run = 1 if _is_regional_indicator(ch) else 0
    if current:
        clusters.append(current)
    return clusters


# --- cutting ---------------------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    """Scripts written without spaces between words, where any character boundary is a word
    boundary (Han, kana, CJK punctuation, fullwidth forms)."""
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x30FF
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x31F0 <= cp <= 0x31FF
        or 0x20000 <= cp <= 0x3FFFF
    )


#: whitespace that ends every URL and every emoji sequence (twitter-text's own URL pattern
#: stops at these too), so text can be scanned one token at a time
TOKEN_SPLIT = re.compile(r"[ \t\n]+")
#: a bare domain longer than this is not linked by anyone in practice; twitter-text's URL
#: pattern takes cubic time on long dotted runs ("a.a.a.a..."), so longer tokens are only
#: checked for explicit http(s) URLs
BARE_DOMAIN_SCAN_MAX = 100


def _tld_pattern() -> re.Pattern[str]:
    from twitter_text.regexp.valid_cctld import valid_cctld
    from twitter_text.regexp.valid_gtld import valid_gtld
    from twitter_text.regexp.valid_punycode import valid_punycode

    return re.compile(
        r"\.(?:" + "|".join(p.pattern for p in (valid_gtld, valid_cctld, valid_punycode)) + ")",
        re.IGNORECASE,
    )


_TLD_RE = _tld_pattern()


_TLD_HINT = re.compile(r"\.(?:[^\W\d_]{2}|xn--)", re.IGNORECASE)


def may_hold_url(token: str) -> bool:
    """False when twitter-text cannot find a URL in `token`: its URL pattern (with or
    without scheme) always ends the host with "." + a known TLD or punycode label.

    Why: that pattern takes cubic time on long dotted runs without a TLD ("a.a.a.a..."), and
    this exact pre-check skips it for them (hostile feeds send such titles).
    """
    return (
        "." in token
        and _TLD_HINT.search(token) is not None  # every TLD has two letters or more
        and _TLD_RE.search(token) is not None
    )


def url_spans(value: str) -> list[tuple[int, int]]:
    """(start, end) of every URL in `value`: explicit http(s) URLs plus the bare domains
    twitter-text would link (e.g. "example.com/path"), so no cut ever lands inside one."""
    from twitter_text import extract_urls_with_indices

    spans = [(m.start(), m.end()) for m in URL_RE.finditer(value)]
    if "." not in value:
        return spans
    pos = 0
    for token in TOKEN_SPLIT.split(value):
        start = value.index(token, pos) if token else pos
        pos = start + len(token)
        if len(token) > BARE_DOMAIN_SCAN_MAX or not may_hold_url(token):
            continue
        for entity in extract_urls_with_indices(token):
            a, b = entity["indices"]
            spans.append((start + int(a), start + int(b)))
    return sorted(set(spans))


def _inside_mask(length: int, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """mask[i] is True when offset i lies strictly inside one of `spans` (linear time)."""
    mask = [False] * (length + 1)
    for start, end in spans:
        for i in range(start + 1, min(end, length + 1)):
            mask[i] = True
    return mask


def _ends_url(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(end == pos for _, end in spans)


def word_cut_points(value: str) -> list[int]:
    """Offsets where `value` may be cut between words, ascending.

    A cut point is the start of a whitespace run (so the prefix ends on a word), or a boundary
    next to a CJK character. Cuts inside a URL or a grapheme cluster are excluded.
    """
    bounds = grapheme_boundaries(value)
    # A URL never holds whitespace, so only the CJK cut points can fall inside one (an IDN
    # such as http://例え.テスト/): the costly URL scan runs only when there are some.
    mask: list[bool] | None = None
    points: list[int] = []
    prev_space = True
    for i, ch in enumerate(value):
        space = ch.isspace()
        if i > 0 and i in bounds:
            if space and not prev_space:
                points.append(i)
            elif not space and not prev_space and (is_cjk(ch) or is_cjk(value[i - 1])):
                if mask is None:
                    mask = _inside_mask(len(value), url_spans(value))
                if not mask[i]:
                    points.append(i)
        prev_space = space
    return points


def grapheme_cut_points(value: str) -> list[int]:
    """Every grapheme boundary inside `value` that is not inside a URL, ascending."""
    spans = url_spans(value) if ("://" in value or "." in value) else []
    mask = _inside_mask(len(value), spans)
    return sorted(p for p in grapheme_boundaries(value) if 0 < p < len(value) and not mask[p])


def finish_cut(value: str, pos: int, ellipsis: str = ELLIPSIS) -> str:
    """`value[:pos]` made presentable: trailing spaces and dangling punctuation stripped, then the
    ellipsis. Returns "" when nothing readable is left.

    A cut right after a URL gets a space before the ellipsis, so the ellipsis never becomes
    part of the link when the platform linkifies it.
    """
    prefix = value[:pos].rstrip(_TRAILING_JUNK)
    if not prefix.strip():
        return ""
    if URL_RE.search(prefix) and _ends_url(len(prefix), url_spans(prefix)):
        return prefix + " " + ellipsis
    return prefix + ellipsis


def largest_fitting(count: int, fits: Callable[[int], bool]) -> int:
    """Largest index in range(count) for which `fits` holds, assuming it holds for a prefix of
    the range (binary search); -1 when none does.

    Why binary search: the exact measures (twitter-text, rendered and escaped templates) are
    costly, and candidates number in the hundreds.
    """
    lo, hi = 0, count - 1
    best = -1
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(mid):
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def truncate(
    value: str,
    limit: int,
    *,
    measure: Callable[[str], int] = len,
    ellipsis: str = ELLIPSIS,
) -> str:
    """Shorten `value` so `measure(result) <= limit`, cutting on a word boundary + ellipsis.

    Falls back to grapheme boundaries only when no word boundary leaves any text (one huge
    word, or a script without spaces that is not CJK). Never cuts inside a URL or a grapheme
    cluster (emoji ZWJ sequences, flags, combining marks, surrogate pairs). Returns "" when
    not even one character plus the ellipsis fits.
    """
    if measure(value) <= limit:
        return value
    for cut_points in (word_cut_points, grapheme_cut_points):  # graphemes only if needed
        candidates = cut_points(value)

        def fits(i: int, candidates: list[int] = candidates) -> bool:
            text = finish_cut(value, candidates[i], ellipsis)
            return bool(text) and measure(text) <= limit

        best = largest_fitting(len(candidates), fits)
        # finish_cut may strip punctuation, so the measure is only nearly monotonic: step
        # back until a candidate really fits
        while best >= 0 and not fits(best):
            best -= 1
        if best >= 0:
            return finish_cut(value, candidates[best], ellipsis)
    return ""


def first_sentence(text: str) -> str:
    """The first sentence of a text (for a headline when an article has no title)."""
    match = re.search(r"[.!?。！？](?=[\s\"'”’»)]|$)", text)
    return text[: match.end()] if match else text
