"""WhatsApp Cloud API: a text message with link preview, and a template variant.

Why the link goes right under the title: WhatsApp builds the preview from the *first* URL in
the body. A title that itself contains a domain ("Amazon.com cuts ...") would hijack the
preview, so then the link moves above the title (`link_first`), and after rendering we check
that the first URL in the body really is the article's.

Why a template variant: outside the 24-hour customer-service window WhatsApp delivers only
pre-approved templates. Their body parameters may not contain newlines or tabs or more than four
consecutive spaces, and the template body is at most 1024 characters, so parameters are
flattened and shrunk to a budget.
"""

from __future__ import annotations

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
    prepare,
)
from workers.formatters.settings import PLACEHOLDERS, ChannelTarget, FormatSettings
from workers.formatters.utm import WHATSAPP_INTENT, intent_link
from workers.models import Article, Payload

PLATFORM = "whatsapp"
BODY_LIMIT = 4096
TEMPLATE_PARAM_LIMIT = 1024


def _url_positions(body: str) -> list[int]:
    return sorted({start for start, _ in tx.url_spans(body)})


def first_url_is(body: str, url: str) -> bool:
    """True when the first URL WhatsApp would find in `body` is `url` (so it drives the
    preview)."""
    at = body.find(url)
    if at < 0:
        return False
    return all(pos >= at for pos in _url_positions(body))


def _has_url(value: str) -> bool:
    return bool(value) and bool(_url_positions(value))


def _destination(channel: ChannelTarget) -> tuple[str, str]:
    return (channel.phone_number_id or PLACEHOLDERS["phone_number_id"],
            channel.to or PLACEHOLDERS["to"])


def format_whatsapp(
    prepared: PreparedArticle, settings: FormatSettings, channel: ChannelTarget
) -> Payload:
    """The WhatsApp text payload: `*title*`, the link, a short excerpt; body <= 4096."""
    url = platform_url(prepared, PLATFORM, settings)
    context = base_context(prepared, url)
    context["link_first"] = _has_url(prepared.title)
    renderer = Renderer(PLATFORM, prepared, settings, channel, context, url_is_markup=True)
    fields = Fields.initial(prepared, PLATFORM, settings)
    body, _ = fit(renderer, fields, tx.utf16_len, BODY_LIMIT, platform=PLATFORM,
                  article_id=prepared.id, ellipsis=settings.ellipsis)
    if url and not first_url_is(body, url):
        # a custom template put other text with a URL first: lead with the link
        body = url + "\n\n" + body
        if tx.utf16_len(body) > BODY_LIMIT:
            raise PayloadError(f"whatsapp body for article {prepared.id} exceeds {BODY_LIMIT}")
    phone_number_id, to = _destination(channel)
    return Payload(
        platform=PLATFORM,
        article_id=prepared.id,
        text=body,
        request={
            "method": "POST",
            "path": f"/{phone_number_id}/messages",
            "json": {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "text",
                "text": {"body": body, "preview_url": bool(url and settings.link_preview)},
            },
        },
        share_url=intent_link(WHATSAPP_INTENT, {"text": body}),
        channel=channel.name or f"{PLATFORM}:{to}",
    )


def template_param(value: str) -> str:
    """A template body parameter as Meta requires: one line, no tabs, no run of more than four
    spaces (all whitespace runs become one space), non-empty, at most 1024 characters."""
    flat = tx.single_line(value)
    return tx.truncate(flat, TEMPLATE_PARAM_LIMIT) if len(flat) > TEMPLATE_PARAM_LIMIT else flat


def whatsapp_template_payload(
    article: Article,
    *,
    settings: FormatSettings | None = None,
    channel: ChannelTarget | None = None,
    template_name: str | None = None,
    language: str | None = None,
) -> Payload:
    """The template-message variant for sends outside the 24 h window.

    Body parameters are `settings.whatsapp_template_params` (default title, excerpt, url) in
    that order, i.e. the approved template's {{1}}, {{2}}, {{3}}. Together they stay within
    `settings.whatsapp_template_budget`; the excerpt shrinks first, then the title.
    """
    settings = settings or FormatSettings()
    channel = channel or ChannelTarget()
    prepared = prepare(article, settings)
    url = platform_url(prepared, PLATFORM, settings)
    values: dict[str, str] = {
        "title": prepared.title,
        "excerpt": tx.single_line(prepared.excerpt(settings.excerpt_for(PLATFORM),
                                                   settings.ellipsis)),
        "description": prepared.description,
        "url": url,
        "site": prepared.site,
        "author": prepared.authors[0] if prepared.authors else "",
    }
    names = settings.whatsapp_template_params
    unknown = [n for n in names if n not in values]
    if unknown:
        raise PayloadError(f"whatsapp template parameter(s) {unknown} unknown for article "
                           f"{prepared.id}; use {sorted(values)}")
    params = {n: template_param(values[n]) for n in names}
    if any(len(params[n]) > TEMPLATE_PARAM_LIMIT for n in names if n == "url"):
        raise PayloadError(f"whatsapp template: URL of article {prepared.id} is longer than "
                           f"{TEMPLATE_PARAM_LIMIT} characters")
    budget = settings.whatsapp_template_budget
    for shrinkable in ("excerpt", "description", "title", "author", "site"):
        total = sum(len(v) for v in params.values())
        if total <= budget:
            break
        if shrinkable in params:
            room = len(params[shrinkable]) - (total - budget)
            params[shrinkable] = tx.truncate(params[shrinkable], max(room, 0),
                                             ellipsis=settings.ellipsis)
    if sum(len(v) for v in params.values()) > budget:
        raise PayloadError(f"whatsapp template parameters for article {prepared.id} exceed "
                           f"the budget of {budget} characters")
    fallback = prepared.site or "-"
    texts = [params[n] or fallback for n in names]
    phone_number_id, to = _destination(channel)
    template: dict[str, Any] = {
        "name": template_name or settings.whatsapp_template_name,
        "language": {"code": language or settings.whatsapp_template_language},
        "components": [
            {"type": "body", "parameters": [{"type": "text", "text": t} for t in texts]}
        ],
    }
    shown = "\n".join(texts)
    return Payload(
        platform=PLATFORM,
        article_id=prepared.id,
        text=shown,
        request={
            "method": "POST",
            "path": f"/{phone_number_id}/messages",
            "json": {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "template",
                "template": template,
            },
        },
        share_url=intent_link(WHATSAPP_INTENT, {"text": "\n".join(t for t in texts)}),
        channel=channel.name or f"{PLATFORM}:{to}",
    )
