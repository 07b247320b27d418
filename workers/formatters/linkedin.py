"""LinkedIn Posts API: POST /rest/posts with an article card.

Why escaping matters most here: `commentary` is "little text", where `\\ | { } @ [ ] ( ) < > #
* _ ~` are markup. An unescaped one makes LinkedIn accept the post and silently cut it at that
character ("LinkedIn posts cut at `(`", the first complaint in SPEC section 4). Every article
field and literal is escaped by the template engine's finalize; hashtags are written in the
documented HashtagTemplate form `{hashtag|\\#|Name}`. The 3000-character cap applies to the
escaped text, so the fitting loop measures after escaping (in UTF-16 units, LinkedIn being Java:
never shorter than the character count).

The article card's `title` and `description` are plain strings, not little text: not escaped.
"""

from __future__ import annotations

import re
from typing import Any

from workers.errors import PayloadError
from workers.formatters import text as tx
from workers.formatters.base import (
    Fields,
    PreparedArticle,
    Renderer,
    base_context,
    fit,
    platform_url,
)
from workers.formatters.settings import PLACEHOLDERS, ChannelTarget, FormatSettings
from workers.formatters.templates import LITTLE_RESERVED
from workers.formatters.utm import LINKEDIN_INTENT, intent_link
from workers.models import Payload

PLATFORM = "linkedin"
COMMENTARY_LIMIT = 3000

_HASHTAG_TEMPLATE = re.compile(r"\{hashtag\|\\#\|([^\\|{}@\[\]()<>#*_~\s]+)\}")


def unescape_little(commentary: str) -> str:
    """What LinkedIn shows for `commentary`: hashtag templates as #Name, escapes removed."""
    shown = _HASHTAG_TEMPLATE.sub(lambda m: "#" + m.group(1), commentary)
    return re.sub(r"\\(.)", r"\1", shown, flags=re.S)


def unescaped_reserved(commentary: str) -> list[int]:
    """Offsets of reserved characters that are neither backslash-escaped nor part of a
    well-formed hashtag template: each would make LinkedIn cut the post there."""
    bad: list[int] = []
    covered = [False] * len(commentary)
    for m in _HASHTAG_TEMPLATE.finditer(commentary):
        for k in range(m.start(), m.end()):
            covered[k] = True
    i = 0
    while i < len(commentary):
        ch = commentary[i]
        if covered[i]:
            i += 1
            continue
        if ch == "\\":
            if i + 1 < len(commentary) and commentary[i + 1] in LITTLE_RESERVED:
                i += 2
                continue
            bad.append(i)  # a lone backslash escapes whatever follows: also a problem
        elif ch in LITTLE_RESERVED:
            bad.append(i)
        i += 1
    return bad


def format_linkedin(
    prepared: PreparedArticle, settings: FormatSettings, channel: ChannelTarget
) -> Payload:
    """The LinkedIn payload: escaped commentary + article card (source, title, description)."""
    url = platform_url(prepared, PLATFORM, settings)
    context = base_context(prepared, url)
    context["article_card"] = bool(url)
    renderer = Renderer(PLATFORM, prepared, settings, channel, context)
    fields = Fields.initial(prepared, PLATFORM, settings)
    commentary, _ = fit(renderer, fields, tx.utf16_len, settings.linkedin_max_chars,
                        platform=PLATFORM, article_id=prepared.id, ellipsis=settings.ellipsis)
    bad = unescaped_reserved(commentary)
    if bad:
        raise PayloadError(
            f"linkedin commentary for article {prepared.id} has an unescaped reserved "
            f"character {commentary[bad[0]]!r} at {bad[0]} (check the template's literal text)"
        )
    body: dict[str, Any] = {
        "author": channel.author_urn or PLACEHOLDERS["author_urn"],
        "commentary": commentary,
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
    }
    if url:
        card_title = tx.truncate(prepared.title or prepared.site or url,
                                 settings.linkedin_title_max_chars, ellipsis=settings.ellipsis)
        description = tx.truncate(prepared.excerpt_source(),
                                  settings.linkedin_description_max_chars,
                                  ellipsis=settings.ellipsis)
        article: dict[str, Any] = {"source": url, "title": card_title}
        if description:
            article["description"] = description
        body["content"] = {"article": article}
    body["lifecycleState"] = "PUBLISHED"
    body["isReshareDisabledByAuthor"] = False
    return Payload(
        platform=PLATFORM,
        article_id=prepared.id,
        text=unescape_little(commentary),
        request={
            "method": "POST",
            "path": "/rest/posts",
            "headers": {
                "LinkedIn-Version": settings.linkedin_version,
                "X-Restli-Protocol-Version": "2.0.0",
                "Content-Type": "application/json",
            },
            "json": body,
        },
        share_url=intent_link(LINKEDIN_INTENT, {"url": url}) if url else "",
        channel=channel.name or f"{PLATFORM}:{body['author']}",
    )
