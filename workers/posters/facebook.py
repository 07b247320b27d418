"""Facebook Pages: POST {base}/{version}/{page_id}/feed `{message, link, access_token}`.

Answers (https://developers.facebook.com/docs/pages-api/posts):
- success: 200 `{"id": "<page_id>_<post_id>"}`
- errors: the Graph error object (see graph.py); rate limits are codes 4, 17, 32, 613 and
  80001 (with `estimated_time_to_regain_access` in X-Business-Use-Case-Usage), 368 means
  "temporarily blocked for going too fast", 1/2 are transient, 190 an invalid token, 200 a
  missing permission, 100 a bad parameter, 506 "Duplicate status message" (already posted).

Reconciliation is possible and implemented: GET {base}/{version}/{page_id}/feed?fields=id,
message,link,created_time&since=<unix> lists the page's recent posts; ours is the one with the
same message. The token travels in the body (POST) or the Authorization header (GET), never in
a URL, so it stays out of access logs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workers.posters.base import PostContext, Poster, PostResult, call, json_of
from workers.posters.graph import (
    GRAPH_RATE_LIMIT_CODES,
    GRAPH_TRANSIENT_CODES,
    graph_error,
    raise_graph_error,
)

DUPLICATE_CODE = 506
BLOCKED_CODE = 368


def _created(value: Any) -> float:
    """Graph times look like 2024-05-01T10:00:00+0000."""
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return 0.0


class FacebookPoster(Poster):
    platform = "facebook"
    can_reconcile = True

    def _url(self, ctx: PostContext, path: str) -> str:
        return f"{ctx.base}/{ctx.graph_version}{path}"

    def send(self, ctx: PostContext, request: dict[str, Any]) -> PostResult:
        url = self._url(ctx, str(request["path"]))
        body = {**(request.get("json") or {}), "access_token": ctx.secret}
        response = call(ctx, str(request.get("method", "POST")), url, json_body=body,
                        headers=request.get("headers"))
        data = json_of(response)
        if response.status_code == 200 and data.get("id"):
            return PostResult(str(data["id"]))
        code, _message = graph_error(response)
        if code == DUPLICATE_CODE:
            return PostResult("", duplicate=True)
        where = f"{ctx.channel.name}: Facebook"
        raise_graph_error(response, where, url,
                          rate_codes=GRAPH_RATE_LIMIT_CODES | {BLOCKED_CODE},
                          transient_codes=GRAPH_TRANSIENT_CODES,
                          default_wait=900.0 if code == BLOCKED_CODE else 60.0)

    def find_post(self, ctx: PostContext, request: dict[str, Any], since: float) -> str | None:
        path = str(request["path"])  # /{page_id}/feed
        url = self._url(ctx, path)
        message = (request.get("json") or {}).get("message")
        response = call(ctx, "GET", url, headers={"Authorization": f"Bearer {ctx.secret}"},
                        params={"fields": "id,message,link,created_time",
                                "since": int(since) - 60, "limit": 50})
        if response.status_code != 200:
            raise_graph_error(response, f"{ctx.channel.name}: Facebook (checking posts)", url,
                              rate_codes=GRAPH_RATE_LIMIT_CODES,
                              transient_codes=GRAPH_TRANSIENT_CODES)
        for post in json_of(response).get("data") or []:
            if not isinstance(post, dict):
                continue
            if post.get("message") == message and _created(post.get("created_time")) >= since - 60:
                return str(post.get("id", ""))
        return None
