"""Share payload formatters: one Article in, one ready-to-send Payload per platform out.

Pure functions (no Celery, Redis or HTTP), so the pipeline's format stage, `newsrelay format`
and the benchmark all call exactly `format_payloads`.

For every platform the Payload holds:
- `text`: what the reader sees (Telegram: the HTML's visible text, all parts; LinkedIn: the
  commentary with its little-text escapes resolved);
- `request`: {"method", "path", "json"[, "headers"]}, the exact body of the platform's API
  (SPEC section 4). Telegram paths hold the literal `{token}` for the delivery worker to fill;
- `share_url`: the platform's share-intent link with the UTM-tagged URL;
- `followups`: the further sendMessage requests of a Telegram text that had to be split.

Template variables (see templates.DEFAULT_TEMPLATES): title, excerpt, description, body, url,
canonical_url, site, site_name, domain, author, authors, published, language, image, hashtags
(already formatted for the platform), tags (the hashtag names), plus link_first (WhatsApp),
article_card (LinkedIn) and link_field (Facebook).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from workers.errors import ConfigError, PayloadError
from workers.formatters.base import PreparedArticle, prepare
from workers.formatters.facebook import format_facebook
from workers.formatters.linkedin import format_linkedin
from workers.formatters.settings import ChannelTarget, FormatSettings
from workers.formatters.telegram import format_telegram
from workers.formatters.twitter import format_twitter
from workers.formatters.whatsapp import format_whatsapp, whatsapp_template_payload
from workers.models import PLATFORMS, Article, Payload

Formatter = Callable[[PreparedArticle, FormatSettings, ChannelTarget], Payload]

FORMATTERS: Mapping[str, Formatter] = {
    "twitter": format_twitter,
    "telegram": format_telegram,
    "linkedin": format_linkedin,
    "whatsapp": format_whatsapp,
    "facebook": format_facebook,
}

__all__ = [
    "FORMATTERS",
    "ChannelTarget",
    "FormatSettings",
    "format_payloads",
    "whatsapp_template_payload",
]


def format_payloads(
    article: Article,
    *,
    platforms: Sequence[str] = PLATFORMS,
    settings: FormatSettings | None = None,
    channels: Mapping[str, ChannelTarget] | None = None,
) -> dict[str, Payload]:
    """Build the share payload of `article` for each platform in `platforms`.

    `channels` maps a platform to its destination (chat id, page id, author URN, ...); a
    platform without one gets clearly-named placeholders so a dry run is complete in shape.
    Raises PayloadError (naming platform and article id) when a valid payload cannot be built,
    and ConfigError for an unknown platform.
    """
    settings = settings or FormatSettings()
    unknown = [p for p in platforms if p not in FORMATTERS]
    if unknown:
        raise ConfigError(f"unknown platform(s) {unknown}; known: {sorted(FORMATTERS)}")
    prepared = prepare(article, settings)
    payloads: dict[str, Payload] = {}
    for platform in platforms:
        channel = (channels or {}).get(platform) or ChannelTarget()
        try:
            payloads[platform] = FORMATTERS[platform](prepared, settings, channel)
        except PayloadError:
            raise
        except (ValueError, TypeError, KeyError) as exc:  # a bug or bad input: name it
            raise PayloadError(
                f"{platform} payload for article {article.id} could not be built: {exc}",
                url=article.url or None,
            ) from exc
    return payloads
