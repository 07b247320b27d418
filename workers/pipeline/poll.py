"""Poll one feed: conditional GET, parse, and the per-feed memory between polls.

`poll_feed` never raises for a feed's own problems: one broken feed must never stop the
others, so every failure becomes `FeedResult(status="error", ...)` with a clear message, the
error kind (`exc.kind`, so the caller can tell transient from permanent) and any Retry-After,
and the `FeedState` error counters move. The state is plain JSON-able data: the caller stores
it (Redis) and hands it back next time.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from workers.errors import FeedGoneError, NewsrelayError, TransientError
from workers.models import FeedEntry, FeedResult, FeedSpec, FetchedPage
from workers.pipeline.feeds import parse_feed
from workers.pipeline.http import HttpSettings, fetch, parse_retry_after

log = logging.getLogger(__name__)

#: Servers that mishandle validators (a stale ETag forever) still get a full fetch this often.
UNCONDITIONAL_EVERY = 12 * 3600.0
#: How many recent entry timestamps we keep for the adaptive interval.
RECENT_ENTRY_TIMES = 50
#: Time budget for parsing, in seconds (hard limit; see feeds.run_with_time_limit).
PARSE_TIME_LIMIT = 10.0


@dataclass
class FeedState:
    """What the poller remembers about one feed between polls (stored as JSON by the caller)."""

    etag: str | None = None
    last_modified: str | None = None
    #: unix time of the last fetch sent without validators
    last_unconditional: float | None = None
    last_status: int | None = None
    last_poll_at: float | None = None
    last_success_at: float | None = None
    #: errors ever seen (never reset), and the current run of failures (reset on success)
    error_count: int = 0
    consecutive_failures: int = 0
    first_failure_at: float | None = None
    last_error: str | None = None
    last_error_kind: str | None = None
    last_error_at: float | None = None
    #: the feed answered 410 Gone: disable at once
    gone: bool = False
    #: why the poller disabled (paused) the feed; cleared when an operator resumes it
    disabled_reason: str | None = None
    #: unix times of the most recent entries (publication dates), newest first, for the
    #: adaptive polling interval
    recent_entry_times: list[float] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> FeedState:
        """Build from stored JSON, ignoring keys this version does not know."""
        if not data:
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def _strip_weak(etag: str | None) -> str | None:
    """ETags compared weakly (W/"x" == "x"): servers flip the prefix behind compressing proxies."""
    if etag is None:
        return None
    etag = etag.strip()
    return etag[2:] if etag[:2] in ("W/", "w/") else etag


def parse_max_age(headers: dict[str, str], *, now: float) -> int | None:
    """Freshness lifetime in seconds from Cache-Control max-age, else Expires (minus Date)."""
    cache_control = headers.get("cache-control", "")
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name.strip().lower() == "max-age":
            try:
                return max(0, int(value.strip().strip('"')))
            except ValueError:
                break
    expires = headers.get("expires")
    if expires:
        try:
            when = parsedate_to_datetime(expires)
        except (TypeError, ValueError, IndexError):
            return None  # "Expires: 0" and friends mean "already expired"
        if when is None:
            return None
        reference = now
        date = headers.get("date")
        if date:
            try:
                date_dt = parsedate_to_datetime(date)
                if date_dt is not None:
                    reference = date_dt.timestamp()
            except (TypeError, ValueError, IndexError):
                pass
        return max(0, int(when.timestamp() - reference))
    return None


def _entry_times(entries: list[FeedEntry]) -> list[float]:
    out: list[float] = []
    for entry in entries:
        if entry.published:
            try:
                out.append(datetime.fromisoformat(entry.published).timestamp())
            except ValueError:
                continue
    return out


def _merge_times(old: list[float], new: list[float], *, now: float) -> list[float]:
    """Newest-first union of entry times, future dates dropped (clock-skewed feeds)."""
    merged = sorted({round(t, 3) for t in [*old, *new] if t <= now + 3600}, reverse=True)
    return merged[:RECENT_ENTRY_TIMES]


def _success_state(state: FeedState, page: FetchedPage, *, now: float) -> None:
    state.last_status = page.status
    state.last_success_at = now
    state.consecutive_failures = 0
    state.first_failure_at = None
    state.gone = False


def poll_feed(
    spec: FeedSpec,
    state: FeedState | None,
    *,
    settings: HttpSettings,
    client: httpx.Client | None = None,
    now: float | None = None,
    parse_time_limit: float = PARSE_TIME_LIMIT,
    after_fetch: Callable[[], None] | None = None,
    headers_out: dict[str, str] | None = None,
) -> tuple[FeedResult, FeedState]:
    """Poll `spec.url` once; return what was found and the feed's new state.

    The state passed in is not modified (a copy is returned), so a caller that fails to
    store the new state polls again from the old one.

    `after_fetch` is called once, as soon as the HTTP exchange is over (whatever its outcome)
    and before parsing: the poll task frees its per-host slot there, so a slow parse of a big
    feed does not count as a request to the host. `headers_out` receives the response
    headers (`newsrelay feeds check` shows Cache-Control and friends from it).
    """
    now = time.time() if now is None else now
    state = dataclasses.replace(state or FeedState())
    state.recent_entry_times = list(state.recent_entry_times)
    state.last_poll_at = now

    unconditional = (
        state.last_unconditional is None or now - state.last_unconditional >= UNCONDITIONAL_EVERY
    )
    headers: dict[str, str] = {}
    if spec.user_agent:
        headers["User-Agent"] = spec.user_agent
    if not unconditional:
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified

    page: FetchedPage | None = None
    fetched = False

    def done_fetching() -> None:
        nonlocal fetched
        if not fetched:
            fetched = True
            if after_fetch is not None:
                after_fetch()

    try:
        try:
            page = fetch(spec.url, settings=settings, client=client, headers=headers)
        finally:
            done_fetching()
        if headers_out is not None:
            headers_out.update(page.headers)
        return _handle_page(
            spec,
            state,
            page,
            now=now,
            unconditional=unconditional,
            parse_time_limit=parse_time_limit,
        )
    except NewsrelayError as exc:
        return _error_result(spec, state, exc, now=now, page=page)
    except Exception as exc:  # a bug of ours must not stop the other feeds either
        log.exception("unexpected error polling %s", spec.url)
        wrapped = NewsrelayError(
            f"{spec.url}: internal error: {type(exc).__name__}: {exc}", url=spec.url
        )
        wrapped.kind = "internal"
        return _error_result(spec, state, wrapped, now=now, page=page)


def _handle_page(
    spec: FeedSpec,
    state: FeedState,
    page: FetchedPage,
    *,
    now: float,
    unconditional: bool,
    parse_time_limit: float,
) -> tuple[FeedResult, FeedState]:
    etag = page.headers.get("etag")
    last_modified = page.headers.get("last-modified")
    result = FeedResult(
        url=spec.url,
        status="ok",
        http_status=page.status,
        final_url=page.final_url,
        moved_to=page.moved_to,
        max_age=parse_max_age(page.headers, now=now),
        retry_after=parse_retry_after(page.headers.get("retry-after"), now=now),
    )
    if unconditional:
        state.last_unconditional = now

    if page.status == 304:
        # Keep the entries (we have them); take fresh validators when the server sends them.
        if etag:
            state.etag = etag
        if last_modified:
            state.last_modified = last_modified
        _success_state(state, page, now=now)
        result.status = "not_modified"
        result.etag, result.last_modified = state.etag, state.last_modified
        return result, state

    if not unconditional and (
        (etag and state.etag and _strip_weak(etag) == _strip_weak(state.etag))
        or (last_modified and state.last_modified and last_modified == state.last_modified)
    ):
        # A 200 carrying the validators we already hold: the server ignored our conditional
        # headers; the content is the one we parsed last time, so do not parse it again.
        _success_state(state, page, now=now)
        result.status = "not_modified"
        result.etag, result.last_modified = state.etag, state.last_modified
        return result, state

    parsed = parse_feed(
        page.body,
        url=page.final_url,
        headers=page.headers,
        time_limit=parse_time_limit,
        feed_url=spec.url,
    )
    # Validators are replaced, not merged: a server that stopped sending an ETag must not be
    # asked with the stale one forever.
    state.etag = etag
    state.last_modified = last_modified
    state.recent_entry_times = _merge_times(
        state.recent_entry_times, _entry_times(parsed.entries), now=now
    )
    _success_state(state, page, now=now)
    result.entries = parsed.entries
    result.etag, result.last_modified = etag, last_modified
    result.format = parsed.format
    result.title = parsed.title
    result.ttl = parsed.ttl
    result.hub = parsed.hub
    return result, state


def _error_result(
    spec: FeedSpec,
    state: FeedState,
    exc: NewsrelayError,
    *,
    now: float,
    page: FetchedPage | None = None,
) -> tuple[FeedResult, FeedState]:
    """Record the failure in the state and describe it in a FeedResult (never raise)."""
    status = getattr(exc, "status", None)
    http_status = status if isinstance(status, int) and status > 0 else None
    if http_status is None and page is not None:  # fetched fine, then failed (parse)
        http_status = page.status
    message = str(exc)
    if spec.url not in message:
        message = f"{spec.url}: {message}"
    state.error_count += 1
    state.consecutive_failures += 1
    if state.first_failure_at is None:
        state.first_failure_at = now
    state.last_error = message
    state.last_error_kind = exc.kind
    state.last_error_at = now
    state.last_status = http_status
    if isinstance(exc, FeedGoneError):
        state.gone = True
    result = FeedResult(
        url=spec.url,
        status="error",
        http_status=http_status,
        error=message,
        error_kind=exc.kind,
        retry_after=exc.retry_after if isinstance(exc, TransientError) else None,
        etag=state.etag,
        last_modified=state.last_modified,
        final_url=page.final_url if page is not None else None,
    )
    return result, state
