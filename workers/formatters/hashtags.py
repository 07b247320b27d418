"""Hashtags from an article's tags, made valid and tidy for each platform.

Why this much care: SPEC section 4 lists "feed categories dumped as ugly hashtags" among the top
complaints. A feed's categories are things like "Uncategorized", "Politics > Europe",
"climate change", "COVID-19", "2024" or "Kindly share this story"; posted raw they become
"#Uncategorized", "#climate" + "change", "#COVID" and a dangling "-19", a number that no platform
links, and a sentence. Here they become "#Europe", "#ClimateChange", "#COVID19", nothing, nothing.

Only letters, combining marks, digits (and nothing else) are kept: that is the one alphabet
X, Telegram, LinkedIn, Facebook and Instagram all link. Underscore is valid on some platforms
but not on LinkedIn, so it separates words instead (CamelCase), giving one tag that works
everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from workers.formatters.text import clean_text

#: separators between several tags packed into one string ("a, b; c | d")
_LIST_SEP = re.compile(r"[,;|\n]")
#: hierarchy separators: "News > Politics > Europe" -> the most specific level
_HIERARCHY_SEP = re.compile(r"\s*[>»›]\s*")


def _is_tag_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "M") or cat == "Nd"


def _words(tag: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in tag:
        if _is_tag_char(ch):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def hashtag_name(tag: str, *, max_len: int = 30, max_words: int = 4) -> str | None:
    """The hashtag text (without '#') for one tag, or None when it makes no good hashtag.

    Multi-word tags become CamelCase ("climate change" -> "ClimateChange"); the casing of
    inner letters is kept ("iPhone sales" -> "IPhoneSales", "AI" stays "AI"). A tag must hold
    at least one letter: "#2024" is not linked by any platform.
    """
    text = clean_text(tag).lstrip("#＃").strip()
    words = _words(text)
    if not words or len(words) > max_words:
        return None
    if len(words) == 1:
        name = words[0]
    else:
        name = "".join(w[:1].upper() + w[1:] for w in words)
    name = unicodedata.normalize("NFC", name)
    if not any(unicodedata.category(ch)[0] == "L" for ch in name):
        return None
    if unicodedata.category(name[0])[0] == "M":  # a tag cannot start with a combining mark
        return None
    if len(name) > max_len:
        return None
    return name


def expand_tags(tags: Iterable[str]) -> list[str]:
    """Split packed tag strings ("a, b") and keep the leaf of hierarchical ones ("A > B")."""
    out: list[str] = []
    for raw in tags:
        if not isinstance(raw, str):
            continue
        for piece in _LIST_SEP.split(raw):
            leaf = _HIERARCHY_SEP.split(piece.strip())[-1].strip()
            if leaf:
                out.append(leaf)
    return out


def make_hashtags(
    tags: Iterable[str],
    *,
    max_count: int,
    stoplist: Iterable[str] = (),
    max_len: int = 30,
    max_words: int = 4,
) -> list[str]:
    """Hashtag names (without '#') for `tags`: valid, deduplicated case-insensitively, in the
    feed's order, at most `max_count`."""
    if max_count <= 0:
        return []
    stop = {s.casefold() for s in stoplist}
    seen: set[str] = set()
    names: list[str] = []
    for tag in expand_tags(tags):
        if clean_text(tag).lstrip("#").strip().casefold() in stop:
            continue
        name = hashtag_name(tag, max_len=max_len, max_words=max_words)
        if name is None:
            continue
        key = name.casefold()
        if key in seen or key in stop:
            continue
        seen.add(key)
        names.append(name)
        if len(names) >= max_count:
            break
    return names


def render_hashtags(names: Iterable[str], platform: str) -> str:
    """The hashtags as the platform's text wants them.

    LinkedIn commentary is "little text", where a bare '#' is reserved: its documented
    HashtagTemplate `{hashtag|\\#|Name}` is what makes a real, linked hashtag there.
    """
    if platform == "linkedin":
        return " ".join("{hashtag|\\#|" + n + "}" for n in names)
    return " ".join("#" + n for n in names)
