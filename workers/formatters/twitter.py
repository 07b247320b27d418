"""X (Twitter): POST /2/tweets {"text": ...} within 280 weighted characters.

Why twitter-text and not len(): X counts every URL as 23 whatever its length, most non-Latin
code points (CJK, many symbols) as 2, and a whole emoji sequence (ZWJ family, flag, skin tone) as
2, after NFC. `len()` gets emoji and CJK wrong in both directions (SPEC: "wrong X length for emoji
and CJK"). twitter-text-parser is the reference implementation's Python port and passes the
official conformance data (tests/formatters/test_twitter_conformance.py runs it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from twitter_text import extract_emojis_with_indices, extract_urls_with_indices
from twitter_text.config import config as _tt_config
from twitter_text.has_invalid_characters import has_invalid_characters

from workers.errors import PayloadError
from workers.formatters.base import (
    Fields,
    PreparedArticle,
    Renderer,
    base_context,
    fit,
    platform_url,
)
from workers.formatters.settings import PLACEHOLDERS, ChannelTarget, FormatSettings
from workers.formatters.text import TOKEN_SPLIT, may_hold_url
from workers.formatters.utm import TWITTER_INTENT, intent_link
from workers.models import Payload

PLATFORM = "twitter"

#: X's current counting (twitter-text v3: emoji parsing on)
V3_CONFIG: dict[str, Any] = dict(_tt_config["version3"])
#: v2: the same weights without the emoji discount. twitter-text-parser's own "version2" dict
#: omits the emoji flag, so it is added here (README of the conformance data).
V2_CONFIG: dict[str, Any] = {**_tt_config["version2"], "emoji_parsing_enabled": False}


#: Characters that can begin (or be part of) an emoji in twitter-text's table: © ®, ‼ ⁉, ZWJ,
#: the keycap mark, letterlike symbols to misc. symbols and arrows, 〰 〽 ㊗ ㊙, variation
#: selectors and everything from U+1F000 (pictographs, flags, skin tones, tags). Text without
#: any of them has no emoji, so the costly emoji scan is skipped (checked against the full
#: table for every code point, and by the property tests against parse_tweet).
_MAY_BE_EMOJI = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u200d\u20e3\u2100-\u2bff\u3030\u303d\u3297\u3299"
    "\ufe00-\ufe0f\U0001f000-\U0010ffff]"
)


def _char_weights(config: dict[str, Any]) -> tuple[tuple[int, int, int], ...]:
    return tuple((int(r["start"]), int(r["end"]), int(r["weight"])) for r in config["ranges"])


def _weigh_chars(chunk: str, ranges: tuple[tuple[int, int, int], ...], default: int) -> int:
    total = 0
    for ch in chunk:
        cp = ord(ch)
        weight = default
        for start, end, w in ranges:
            if start <= cp <= end:
                weight = w
                break
        total += weight
    return total


@lru_cache(maxsize=8192)
def _token_weight(token: str, emoji: bool, ranges: tuple[tuple[int, int, int], ...],
                  default: int, url_weight: int) -> int:
    """Scaled weight of one whitespace-free token (URLs and emoji never span whitespace)."""
    urls: dict[int, int] = {}
    if may_hold_url(token):
        for entity in extract_urls_with_indices(token):
            urls[int(entity["indices"][0])] = len(entity["url"])
    emojis: dict[int, int] = {}
    if emoji and _MAY_BE_EMOJI.search(token):
        for entity in extract_emojis_with_indices(token):
            emojis[int(entity["indices"][0])] = len(entity["emoji"])
    if not urls and not emojis:
        return _weigh_chars(token, ranges, default)
    total = 0
    i = 0
    while i < len(token):
        if i in urls:
            total += url_weight
            i += urls[i]
        elif i in emojis:
            total += default
            i += emojis[i]
        else:
            total += _weigh_chars(token[i], ranges, default)
            i += 1
    return total


def weighted_length(text: str, config: dict[str, Any] | None = None) -> int:
    """X's weighted length of `text` (twitter-text v3 unless another config is given).

    The same algorithm as twitter-text-parser's `parse_tweet` (checked against it by the
    conformance and property tests), made fit for a loop that measures a post a dozen times:
    the text is weighed one whitespace-separated token at a time (no URL or emoji crosses
    a space, tab or newline) with a cache, so each trial only weighs the token that changed;
    the emoji scan runs only on tokens holding a character that can start an emoji.
    The cache also bounds twitter-text's slow URL pattern on hostile tokens to one run.
    """
    cfg = config or V3_CONFIG
    scale = int(cfg["scale"])
    default = int(cfg["default_weight"])
    url_weight = int(cfg["transformed_url_length"]) * scale
    ranges = _char_weights(cfg)
    emoji = bool(cfg.get("emoji_parsing_enabled"))
    normalized = re.sub(r"\r\n|\r|\n", "\n", unicodedata.normalize("NFC", text))
    total = 0
    pos = 0
    for match in TOKEN_SPLIT.finditer(normalized):
        if match.start() > pos:
            total += _token_weight(normalized[pos:match.start()], emoji, ranges, default,
                                   url_weight)
        total += _weigh_chars(match.group(0), ranges, default)
        pos = match.end()
    if pos < len(normalized):
        total += _token_weight(normalized[pos:], emoji, ranges, default, url_weight)
    return int(total / scale)


def is_valid_tweet(text: str, max_weighted: int = 280) -> bool:
    """True when X accepts `text`: non-empty, no invalid characters (U+FFFE, U+FEFF,
    U+FFFF), weighted length within the cap (twitter-text's `valid`, checked on every
    character rather than only outside URLs and emoji)."""
    if has_invalid_characters(unicodedata.normalize("NFC", text)):
        return False
    return 0 < weighted_length(text) <= max_weighted


def format_twitter(
    prepared: PreparedArticle, settings: FormatSettings, channel: ChannelTarget
) -> Payload:
    """The X payload: the post text fitted to the weighted limit, the API request, the intent."""
    url = platform_url(prepared, PLATFORM, settings)
    renderer = Renderer(PLATFORM, prepared, settings, channel, base_context(prepared, url))
    fields = Fields.initial(prepared, PLATFORM, settings)
    limit = settings.twitter_max_weighted
    text, _ = fit(renderer, fields, weighted_length, limit, platform=PLATFORM,
                     article_id=prepared.id, ellipsis=settings.ellipsis)
    if not is_valid_tweet(text, limit):
        raise PayloadError(
            f"twitter post for article {prepared.id} is not a valid tweet "
            f"(weighted length {weighted_length(text)}, limit {limit})"
        )
    # The intent page appends `url` itself, so its text is the post without the link.
    intent_text = text
    if url:
        lines = [re.sub(r"  +", " ", line).strip() for line in text.replace(url, "", 1).split("\n")]
        intent_text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    account = channel.account or PLACEHOLDERS["account"]
    return Payload(
        platform=PLATFORM,
        article_id=prepared.id,
        text=text,
        request={"method": "POST", "path": "/2/tweets", "json": {"text": text}},
        share_url=intent_link(TWITTER_INTENT, {"text": intent_text, "url": url}),
        channel=channel.name or f"{PLATFORM}:{account}",
    )
