"""LinkedIn Posts API: POST {base}/rest/posts with LinkedIn-Version and X-Restli-Protocol-Version.

Answers (https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api):
- success: 201 with an empty body and the post URN in the `x-restli-id` header
  (`urn:li:share:7049...` or `urn:li:ugcPost:...`)
- duplicate: 422 `{"code": "DUPLICATE_POST", "message": "Content is a duplicate of
  urn:li:share:7049...", "status": 422}` -> already posted (with that URN when given)
- throttled: 429 (member and application day limits), Retry-After when LinkedIn sends one
- refused: 400, 401 `INVALID_ACCESS_TOKEN`, 403 `ACCESS_DENIED`, 422 other validation errors
- 5xx: transient; 504 outcome unknown

Reconciliation is possible and implemented: the "find posts by author" finder
(GET /rest/posts?q=author&author=<urn>&sortBy=CREATED, header X-RestLi-Method: FINDER) lists
the author's recent posts with their `commentary`, which we compare with ours.
"""

from __future__ import annotations

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

_URN = re.compile(r"urn:li:(?:share|ugcPost):[0-9A-Za-z_-]+")


class LinkedInPoster(Poster):
    platform = "linkedin"
    can_reconcile = True

    def _headers(self, ctx: PostContext, request: dict[str, Any]) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {ctx.secret}",
                   "X-Restli-Protocol-Version": "2.0.0"}
        headers.update(request.get("headers") or {})
        return headers

    def send(self, ctx: PostContext, request: dict[str, Any]) -> PostResult:
        url = ctx.base + str(request["path"])
        response = call(ctx, str(request.get("method", "POST")), url,
                        json_body=request.get("json"), headers=self._headers(ctx, request))
        status = response.status_code
        if status in (200, 201):
            post_id = response.headers.get("x-restli-id") or str(json_of(response).get("id", ""))
            return PostResult(post_id)
        body = json_of(response)
        message = str(body.get("message") or snippet(response))
        where = f"{ctx.channel.name}: LinkedIn {status}"
        if status == 422 and (body.get("code") == "DUPLICATE_POST"
                              or "duplicate" in message.lower()):
            found = _URN.search(message)
            return PostResult(found.group(0) if found else "", duplicate=True)
        if status == 429:
            raise RateLimitedError(f"{where}: {message}", url=url,
                                   retry_after=retry_after_header(response) or 60.0)
        if status == 504:
            raise OutcomeUnknownError(f"{where}: gateway timeout; the post may exist", url=url)
        if status >= 500:
            raise ServerError(f"{where}: {message}", url=url)
        raise DeliveryError(f"{where}: {message}", url=url)

    def find_post(self, ctx: PostContext, request: dict[str, Any], since: float) -> str | None:
        body = request.get("json") or {}
        author, commentary = body.get("author"), body.get("commentary")
        url = ctx.base + "/rest/posts"
        headers = self._headers(ctx, request)
        headers.pop("Content-Type", None)
        headers["X-RestLi-Method"] = "FINDER"
        response = call(ctx, "GET", url, headers=headers,
                        params={"q": "author", "author": author, "count": 50,
                                "sortBy": "CREATED"})
        if response.status_code == 429:
            raise RateLimitedError(f"{ctx.channel.name}: LinkedIn 429 while checking posts",
                                   url=url, retry_after=retry_after_header(response) or 60.0)
        if response.status_code >= 500:
            raise ServerError(f"{ctx.channel.name}: LinkedIn {response.status_code} while "
                              f"checking posts", url=url)
        if response.status_code != 200:
            raise DeliveryError(f"{ctx.channel.name}: LinkedIn {response.status_code} while "
                                f"checking posts: {snippet(response)}", url=url)
        for element in json_of(response).get("elements") or []:
            if not isinstance(element, dict):
                continue
            created = float(element.get("createdAt") or 0) / 1000.0
            if element.get("commentary") == commentary and created >= since - 60:
                return str(element.get("id", ""))
        return None
