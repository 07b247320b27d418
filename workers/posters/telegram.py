"""Telegram Bot API: POST {base}/bot{token}/sendMessage or sendPhoto.

Answers (https://core.telegram.org/bots/api#making-requests):
- success: 200 `{"ok": true, "result": {"message_id": 42, "chat": {...}, "date": ...}}`
- flood control: 429 `{"ok": false, "error_code": 429, "description": "Too Many Requests:
  retry after 7", "parameters": {"retry_after": 7}}`
- refused: 400 ("Bad Request: chat not found", "can't parse entities", "message is too long"),
  401 (bad token), 403 ("bot is not a member of the channel chat", "bot was blocked by the user");
  a group upgraded to a supergroup answers 400 with `parameters.migrate_to_chat_id`
- 5xx: Telegram's front end (nginx) answers 502/504 with an HTML page while the bot servers
  restart. 504 means the gateway gave up on a backend that may still post: outcome unknown.

No reconciliation: a bot cannot read a chat's history (there is no getChatHistory for bots and
a bot receives no updates for its own messages), so an unknown outcome goes to the dead-letter
list for a human to check.

The token sits in the URL path, so it is kept out of every message, and a logging filter takes
it out of httpx's own INFO line ("HTTP Request: POST .../bot<token>/sendMessage").
"""

from __future__ import annotations

import logging
import re
from typing import Any

from workers.errors import DeliveryError, RateLimitedError, ServerError
from workers.posters.base import (
    OutcomeUnknownError,
    PostContext,
    Poster,
    PostResult,
    call,
    json_of,
    retry_after_header,
    snippet,
)

_TOKEN_IN_PATH = re.compile(r"/bot[^/\s]+/")


class _RedactBotTokens(logging.Filter):
    """Rewrite httpx log records so `/bot<token>/` never reaches a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/bot" in message:
            record.msg = _TOKEN_IN_PATH.sub("/bot<token>/", message)
            record.args = ()
        return True


_FILTER = _RedactBotTokens()
logging.getLogger("httpx").addFilter(_FILTER)


class TelegramPoster(Poster):
    platform = "telegram"
    can_reconcile = False

    def send(self, ctx: PostContext, request: dict[str, Any]) -> PostResult:
        path = str(request["path"])
        url = ctx.base + path.replace("{token}", ctx.secret)
        shown = ctx.base + path.replace("{token}", "<token>")
        response = call(ctx, str(request.get("method", "POST")), url,
                        json_body=request.get("json"), shown_url=shown)
        body = json_of(response)
        if response.status_code == 200 and body.get("ok") is True:
            result = body.get("result") or {}
            return PostResult(str(result.get("message_id", "")))
        code = int(body.get("error_code") or response.status_code)
        description = str(body.get("description") or snippet(response))
        params = body.get("parameters") or {}
        where = f"{ctx.channel.name}: telegram {code}"
        if code == 429:
            retry_after = params.get("retry_after") or retry_after_header(response) or 5.0
            raise RateLimitedError(f"{where}: {description}", url=shown,
                                   retry_after=float(retry_after))
        if response.status_code == 504:
            raise OutcomeUnknownError(f"{where}: gateway timeout; the message may have been "
                                      f"sent", url=shown)
        if response.status_code >= 500 or code >= 500:
            raise ServerError(f"{where}: {description}", url=shown)
        if "migrate_to_chat_id" in params:
            description += (f" (the group is now supergroup {params['migrate_to_chat_id']}: "
                            f"set chat_id to it)")
        raise DeliveryError(f"{where}: {description}", url=shown)
