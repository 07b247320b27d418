"""What every poster shares: the call, the context, and the line between "not sent" and "maybe".

The one distinction that makes exactly-once possible: an error raised before the request left
this machine (connection refused, connect timeout, no pooled connection free) proves nothing
was posted, so retrying is safe (`NetworkError`). Any error after the request may have been
sent (read timeout, connection dropped before the answer, a 504 from a gateway that gave up on
a backend still working) leaves the outcome unknown (`OutcomeUnknownError`), and delivery must
reconcile instead of posting again.
"""

from __future__ import annotations

import email.utils
import json
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import httpx

from workers.channels import Channel
from workers.errors import NetworkError


class OutcomeUnknownError(NetworkError):
    """The request may have reached the platform and been acted on; we never saw the answer."""

    kind = "outcome_unknown"


@dataclass(frozen=True)
class PostResult:
    """A post that exists on the platform: its id (may be "" for a duplicate without one)."""

    post_id: str
    duplicate: bool = False


@dataclass(frozen=True)
class PostContext:
    """Everything one post needs besides the request itself."""

    client: httpx.Client
    channel: Channel
    secret: str
    base: str
    timeout: float
    graph_version: str = "v21.0"


class Poster(ABC):
    """One platform's API: post a request, and (where the API allows) find a post again."""

    platform: str = ""
    #: the API can list the channel's recent posts, so an unknown outcome can be checked
    can_reconcile: bool = False

    @abstractmethod
    def send(self, ctx: PostContext, request: dict[str, Any]) -> PostResult:
        """Send one API request (a Payload.request or followup) and classify the answer."""

    def find_post(self, ctx: PostContext, request: dict[str, Any], since: float) -> str | None:
        """The id of the post `request` would create, if it was created after `since`.

        Only for platforms with `can_reconcile`; None means "looked, it is not there".
        """
        raise NotImplementedError(f"{self.platform} cannot list its own posts")


def call(
    ctx: PostContext,
    method: str,
    url: str,
    *,
    json_body: Any = None,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
    shown_url: str | None = None,
) -> httpx.Response:
    """One HTTP exchange, with httpx errors turned into "not sent" or "outcome unknown".

    `shown_url` is the URL used in messages (Telegram's carries the bot token in its path).
    """
    shown = shown_url or url
    timeout = httpx.Timeout(ctx.timeout, connect=min(ctx.timeout, 5.0))
    try:
        return ctx.client.request(method, url, json=json_body, headers=headers, params=params,
                                  timeout=timeout)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise NetworkError(f"{ctx.channel.name}: cannot connect to {shown}: "
                           f"{type(exc).__name__}", url=shown) from None
    except httpx.TimeoutException as exc:
        raise OutcomeUnknownError(
            f"{ctx.channel.name}: no answer from {shown} within {ctx.timeout:g}s "
            f"({type(exc).__name__}) after the request was sent", url=shown) from None
    except httpx.TransportError as exc:
        raise OutcomeUnknownError(
            f"{ctx.channel.name}: connection to {shown} broke after the request was sent "
            f"({type(exc).__name__})", url=shown) from None


def json_of(response: httpx.Response) -> dict[str, Any]:
    """The JSON object of a response, or {} (an HTML error page from a proxy, an empty 201)."""
    try:
        data = json.loads(response.content or b"null")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def retry_after_header(response: httpx.Response) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), None when absent/unreadable."""
    raw = response.headers.get("retry-after")
    if not raw:
        return None
    raw = raw.strip()
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def snippet(response: httpx.Response, limit: int = 200) -> str:
    """The start of a response body for error messages."""
    return response.text[:limit].replace("\n", " ")
