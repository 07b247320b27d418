"""Facebook Pages: Graph POST /{page-id}/feed {"message", "link"}.

Why no URL in the message: the `link` field makes Facebook build the preview card from the
page's OpenGraph tags; repeating the URL in the text only adds noise. Why plain text: Facebook
renders no markup, so any `*`, `<b>` or `&amp;` would show literally (entities are decoded once
in base.prepare). Why short: about 400 characters show before "See more" (configurable).
"""

from __future__ import annotations

from typing import Any

from workers.formatters.base import (
    Fields,
    PreparedArticle,
    Renderer,
    base_context,
    fit,
    platform_url,
)
from workers.formatters.settings import PLACEHOLDERS, ChannelTarget, FormatSettings
from workers.formatters.utm import FACEBOOK_INTENT, intent_link
from workers.models import Payload

PLATFORM = "facebook"


def format_facebook(
    prepared: PreparedArticle, settings: FormatSettings, channel: ChannelTarget
) -> Payload:
    """The Facebook payload: a short plain message plus the link for the preview card."""
    url = platform_url(prepared, PLATFORM, settings)
    context = base_context(prepared, url)
    context["link_field"] = bool(url)
    renderer = Renderer(PLATFORM, prepared, settings, channel, context)
    fields = Fields.initial(prepared, PLATFORM, settings)
    message, _ = fit(renderer, fields, len, settings.facebook_max_chars, platform=PLATFORM,
                     article_id=prepared.id, ellipsis=settings.ellipsis)
    page_id = channel.page_id or PLACEHOLDERS["page_id"]
    body: dict[str, Any] = {"message": message}
    if url:
        body["link"] = url
    return Payload(
        platform=PLATFORM,
        article_id=prepared.id,
        text=message,
        request={"method": "POST", "path": f"/{page_id}/feed", "json": body},
        share_url=intent_link(FACEBOOK_INTENT, {"u": url}) if url else "",
        channel=channel.name or f"{PLATFORM}:{page_id}",
    )
