"""X API v2: POST {base}/2/tweets `{"text": ...}` as the account's OAuth 2 user token (Bearer).

Answers (https://docs.x.com/x-api/posts/creation-of-a-post):
- success: 201 `{"data": {"id": "1445880548472328192", "text": "..."}}`
- rate limit: 429 with `x-rate-limit-reset` (unix seconds when the window resets)
- duplicate text: 403 `{"detail": "You are not allowed to create a Tweet with duplicate
  content.", "type": "about:blank", "title": "Forbidden", "status": 403}` -> already posted
- refused: 400 (invalid request), 401 (token), 403 (other: suspended, not permitted)
- 5xx: 500/502/503 transient; 504 outcome unknown

No reconciliation: the timeline read (GET /2/users/:id/tweets) needs a paid read tier and
returns links rewritten to t.co, so our text cannot be matched reliably. X's own duplicate
rule is not a documented guarantee either, so an unknown outcome is dead-lettered.
"""

from __future__ import annotations

import time
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

DUPLICATE_MARK = "duplicate content"


def _reset_wait(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(1.0, float(value) - time.time())
    except ValueError:
        return None


class TwitterPoster(Poster):
    platform = "twitter"
    can_reconcile = False

    def send(self, ctx: PostContext, request: dict[str, Any]) -> PostResult:
        url = ctx.base + str(request["path"])
        headers = {"Authorization": f"Bearer {ctx.secret}", **(request.get("headers") or {})}
        response = call(ctx, str(request.get("method", "POST")), url,
                        json_body=request.get("json"), headers=headers)
        body = json_of(response)
        status = response.status_code
        if status in (200, 201) and isinstance(body.get("data"), dict):
            return PostResult(str(body["data"].get("id", "")))
        detail = str(body.get("detail") or body.get("title") or snippet(response))
        where = f"{ctx.channel.name}: X {status}"
        if status == 403 and DUPLICATE_MARK in detail.lower():
            return PostResult("", duplicate=True)
        if status == 429:
            wait = (_reset_wait(response.headers.get("x-rate-limit-reset"))
                    or retry_after_header(response) or 60.0)
            raise RateLimitedError(f"{where}: {detail}", url=url, retry_after=wait)
        if status == 504:
            raise OutcomeUnknownError(f"{where}: gateway timeout; the post may exist", url=url)
        if status >= 500:
            raise ServerError(f"{where}: {detail}", url=url)
        raise DeliveryError(f"{where}: {detail}", url=url)
