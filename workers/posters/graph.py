"""The Graph API error object shared by Facebook Pages and the WhatsApp Cloud API.

Every Graph error is `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`;
the HTTP status says little (most are 400), the `code` says what happened
(https://developers.facebook.com/docs/graph-api/guides/error-handling).
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

import httpx

from workers.errors import DeliveryError, RateLimitedError, ServerError
from workers.posters.base import OutcomeUnknownError, json_of, retry_after_header, snippet

#: 4 app, 17 user, 32 page, 613 "calls within one hour exceeded", 80001 Page business use case
GRAPH_RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001})
#: 1 "unknown error, retry", 2 "service temporarily unavailable"
GRAPH_TRANSIENT_CODES = frozenset({1, 2})


def graph_error(response: httpx.Response) -> tuple[int, str]:
    """(code, message) of a Graph error answer; code 0 when the body is not a Graph error."""
    err = json_of(response).get("error")
    if not isinstance(err, dict):
        return 0, snippet(response)
    try:
        code = int(err.get("code") or 0)
    except (TypeError, ValueError):
        code = 0
    return code, str(err.get("message") or "")


def usage_wait(response: httpx.Response) -> float | None:
    """Seconds until access is back, from X-Business-Use-Case-Usage / X-App-Usage headers
    (`estimated_time_to_regain_access` is in minutes), else Retry-After."""
    for header in ("x-business-use-case-usage", "x-page-usage", "x-app-usage"):
        raw = response.headers.get(header)
        if not raw:
            continue
        try:
            data: Any = json.loads(raw)
        except ValueError:
            continue
        entries = [v for vs in data.values() for v in vs] if isinstance(data, dict) and all(
            isinstance(v, list) for v in data.values()) else [data]
        minutes = [float(e.get("estimated_time_to_regain_access") or 0)
                   for e in entries if isinstance(e, dict)]
        if minutes and max(minutes) > 0:
            return max(minutes) * 60.0
    return retry_after_header(response)


def raise_graph_error(
    response: httpx.Response, where: str, url: str, *, rate_codes: frozenset[int],
    transient_codes: frozenset[int], default_wait: float = 60.0,
) -> NoReturn:
    """Raise the error a Graph answer means (the caller handled success and duplicates)."""
    code, message = graph_error(response)
    status = response.status_code
    text = f"{where} {status} (code {code}): {message}"
    if code in rate_codes or status == 429:
        raise RateLimitedError(text, url=url, retry_after=usage_wait(response) or default_wait)
    if status == 504:
        raise OutcomeUnknownError(f"{text}; gateway timeout, the post may exist", url=url)
    if code in transient_codes or status >= 500:
        raise ServerError(text, url=url)
    raise DeliveryError(text, url=url)
