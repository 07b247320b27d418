"""WhatsApp Cloud API: POST {base}/{version}/{phone_number_id}/messages, Bearer token.

Answers (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages):
- success: 200 `{"messaging_product": "whatsapp", "contacts": [{"input": "...", "wa_id":
  "..."}], "messages": [{"id": "wamid.HBgL..."}]}`
- errors: the Graph error object (graph.py). Throttling: 4, 80007 (account rate limit),
  130429 (throughput reached), 131048 (spam rate limit), 131056 (pair rate limit: too many
  messages to one recipient). Transient: 1, 2, 131000 (something went wrong), 131016 (service
  unavailable), 133004 (server temporarily unavailable). Everything else is refused for good:
  131047 (more than 24 h since the recipient wrote: only templates), 131026 (undeliverable),
  131030 (recipient not in the test allow list), 190 (token), 100 (parameter).

No reconciliation: the Cloud API has no endpoint listing sent messages (status arrives only by
webhook), so an unknown outcome is dead-lettered.
"""

from __future__ import annotations

from typing import Any

from workers.posters.base import PostContext, Poster, PostResult, call, json_of
from workers.posters.graph import raise_graph_error

WHATSAPP_RATE_LIMIT_CODES = frozenset({4, 80007, 130429, 131048, 131056})
WHATSAPP_TRANSIENT_CODES = frozenset({1, 2, 131000, 131016, 133004})


class WhatsAppPoster(Poster):
    platform = "whatsapp"
    can_reconcile = False

    def send(self, ctx: PostContext, request: dict[str, Any]) -> PostResult:
        url = f"{ctx.base}/{ctx.graph_version}{request['path']}"
        headers = {"Authorization": f"Bearer {ctx.secret}", **(request.get("headers") or {})}
        response = call(ctx, str(request.get("method", "POST")), url,
                        json_body=request.get("json"), headers=headers)
        data = json_of(response)
        messages = data.get("messages")
        if response.status_code == 200 and isinstance(messages, list) and messages:
            first = messages[0] if isinstance(messages[0], dict) else {}
            return PostResult(str(first.get("id", "")))
        raise_graph_error(response, f"{ctx.channel.name}: WhatsApp", url,
                          rate_codes=WHATSAPP_RATE_LIMIT_CODES,
                          transient_codes=WHATSAPP_TRANSIENT_CODES, default_wait=6.0)
