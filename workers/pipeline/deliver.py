"""Delivery: drain one platform's payload stream and post each payload once per channel.

The stream entry is the unit of work; the Celery task that calls `drain` is only a nudge, so
duplicate nudges are harmless. A drain reads its own unacknowledged entries first (left for
later by an earlier drain), then entries another consumer left unacknowledged once idle for
`min_idle_ms` (it died, or gave up for now: XAUTOCLAIM), then new ones. Which worker holds an
entry never matters for correctness: the posting key below decides who may post.

Exactly once per (article, channel) rests on the posting key (a Redis HASH, `keys.posting`),
never on the stream or the broker, which both redeliver:

1. claim (`claim_posting.lua`, atomic): state `pending` with this attempt's random token and a
   lease (request timeout x requests + margin). A key already `done` is acknowledged and
   skipped; one held under a live lease is left alone (someone is posting it right now).
2. post with httpx; 3. `done` + the platform's post id (`posting_done.lua`), then XACK.

What breaks step 2 decides what happens next:

- certainly not posted (connection refused, 429, 5xx, Telegram's flood wait): the claim is
  released with a back-off (`posting_release.lua`); after `max_attempts` failed attempts the
  payload goes to the dead-letter list (state `dead`). 429s and our own rate limits do not
  count as attempts.
- refused for good (401, 403, 400, "chat not found"): dead letter, state `failed`.
- duplicate content (X 403, LinkedIn 422 DUPLICATE_POST, Facebook 506): the post exists, so
  the key is marked `done` (how=duplicate).
- outcome unknown (read timeout after sending, connection dropped before the answer, 504,
  or a worker killed mid-post, which shows as a pending claim whose lease lapsed): the post
  may exist. Posting again could double-post (Postiz does exactly that), so we reconcile:
  where the platform's API lists the channel's own recent posts (Facebook page feed, LinkedIn
  posts-by-author finder) we wait `settle_seconds` and look for ours; found -> `done` with its
  id, not found -> post again. Where it cannot (Telegram bots cannot read history, WhatsApp
  has no sent-message listing, X's timeline read is tier-gated and rewrites links), or when a
  multi-part post broke mid-way, the key is marked `unknown` and the payload goes to the
  dead-letter list with reason "outcome unknown: check the channel before retrying". A lost
  post that ops re-sends is a small cost; a double post to a news channel's subscribers is not.

Multi-part posts (a long Telegram text) record each part as it lands (`posting_progress.lua`)
so a retry resumes after the last part that is known to be on the platform.

Rate limits (workers.pipeline.ratelimit) are checked per request; a channel over its limit is
skipped while it waits (keeping its posts in order). A short wait (Telegram's one message per
second per chat) is slept through inside the drain; a longer one ends it, and `drain` raises
RateLimitedError(retry_after) after acknowledging everything else, so the Celery task comes
back when the bucket has refilled. Any other entry left pending for a transient reason makes
`drain` raise TransientError with the earliest useful retry time.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

import httpx
import redis

from workers.channels import Channel, ChannelConfig, channel_config_for
from workers.config import Settings
from workers.errors import PermanentError, RateLimitedError, TransientError
from workers.keys import Keys
from workers.models import Payload
from workers.pipeline import scripts
from workers.pipeline.deadletter import OUTCOME_UNKNOWN, LetterState, build_letter
from workers.pipeline.outbox import GROUP, Entry, entries_of
from workers.pipeline.ratelimit import MAX_WAIT, RateLimiter
from workers.posters import OutcomeUnknownError, PostContext, Poster, poster_for

log = logging.getLogger(__name__)

#: approximate cap of each platform's `sent` stream (what was posted, for outside readers)
SENT_STREAM_CAP = 100_000
#: page size when reading this consumer's own pending entries
PAGE = 100

_local = threading.local()


def shared_http_client() -> httpx.Client:
    """One pooled client per thread and process (httpx clients are not fork-safe).

    No proxy from the environment (trust_env=False), like the fetch client: a stray
    HTTPS_PROXY must not route platform tokens through an unknown host.
    """
    key = os.getpid()
    client: httpx.Client | None = getattr(_local, "client", None)
    if client is None or getattr(_local, "pid", None) != key:
        client = httpx.Client(
            trust_env=False,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16,
                                keepalive_expiry=5.0),
            headers={"User-Agent": "newsrelay/0.1 (+https://github.com/newsrelay/newsrelay)"},
        )
        _local.client, _local.pid = client, key
    return client


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def backoff(attempts: int, base: float = 5.0) -> float:
    """Seconds before the next attempt after `attempts` failed ones: 5, 10, 20 ... <= 300."""
    return float(min(base * 2 ** max(attempts - 1, 0), 300.0))


@dataclass
class DrainReport:
    platform: str
    delivered: list[str] = field(default_factory=list)  # post ids (dry-run ids included)
    already_done: int = 0
    #: payloads moved to the dead-letter list by this drain
    failed: int = 0
    dry_run: int = 0
    duplicates: int = 0
    reconciled: int = 0
    #: entries left pending for later (rate limit, back-off, another worker's live claim)
    deferred: int = 0
    rate_limited: bool = False
    dead_lettered: list[str] = field(default_factory=list)  # "<channel> <article_id>"


class DeliveryPending(TransientError):
    """Entries remain undelivered for transient reasons; `report` has what this drain did."""

    def __init__(self, message: str, *, retry_after: float, report: DrainReport) -> None:
        super().__init__(message, retry_after=retry_after)
        self.report = report


class DeliveryRateLimited(RateLimitedError):
    """Entries wait for a rate limit; `report` has what this drain did."""

    def __init__(self, message: str, *, retry_after: float, report: DrainReport) -> None:
        super().__init__(message, retry_after=retry_after)
        self.report = report


@dataclass(frozen=True)
class _Job:
    """One stream entry being delivered to one channel."""

    platform: str
    entry_id: str
    raw: str
    payload: Payload
    name: str
    #: the posting key of (article, channel)
    key: str


@dataclass
class _Claim:
    token: str
    attempts: int
    suspect: bool
    parts_done: int
    since: float


class Deliverer:
    """Drains platform streams for one consumer (one worker process)."""

    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        *,
        consumer: str,
        retention_days: int = 30,
        min_idle_ms: int | None = None,
        settings: Settings | None = None,
        config: ChannelConfig | None = None,
        http: httpx.Client | None = None,
        rate_limits: bool | None = None,
    ) -> None:
        """`config` defaults to the configured channels (`settings.channels_file`, else
        NEWSRELAY_CHANNELS_FILE, else dry defaults); `rate_limits` overrides its option."""
        self.r = client
        self.keys = keys
        self.consumer = consumer
        self.ttl = retention_days * 86400
        self.config = config if config is not None else channel_config_for(settings)
        self.options = self.config.delivery
        self.min_idle_ms = (int(self.options.claim_idle_seconds * 1000) if min_idle_ms is None
                            else min_idle_ms)
        enabled = self.options.rate_limits if rate_limits is None else rate_limits
        self.limiter = RateLimiter(client, keys, enabled=enabled)
        self._http = http

    @property
    def http(self) -> httpx.Client:
        return self._http if self._http is not None else shared_http_client()

    # --- reading the stream ------------------------------------------------------------------
    def _own_pending(self, stream: str) -> list[Entry]:
        """Entries this consumer took and has not acknowledged (deferred earlier), oldest
        first. Entries trimmed from the stream meanwhile come back empty: acknowledged here."""
        own: list[Entry] = []
        cursor: bytes | str = "0"
        while True:
            result = cast(list[Any], self.r.xreadgroup(GROUP, self.consumer, {stream: cursor},
                                                       count=PAGE) or [])
            raw = cast(list[Any], result[0][1]) if result else []
            if not raw:
                return own
            gone = [e[0] for e in raw if not e[1]]
            if gone:
                self.r.xack(stream, GROUP, *gone)
            own.extend(entries_of(raw))
            if len(raw) < PAGE:
                return own
            cursor = raw[-1][0]

    def _entries(self, platform: str, count: int) -> list[Entry]:
        """Own pending entries, then other consumers' idle ones, then new ones (by id once)."""
        stream = self.keys.stream(platform)
        taken = self._own_pending(stream)
        # entries another consumer took and never acknowledged (it died or gave up for now)
        claimed = self.r.xautoclaim(
            stream, GROUP, self.consumer, min_idle_time=self.min_idle_ms, start_id="0-0",
            count=count,
        )
        taken.extend(entries_of(cast(list[Any], claimed)[1]))
        fresh = self.r.xreadgroup(GROUP, self.consumer, {stream: ">"}, count=count)
        for _stream, entries in cast(list[Any], fresh or []):
            taken.extend(entries_of(entries))
        unique: dict[bytes, Entry] = {}
        for entry in taken:
            unique.setdefault(entry[0], entry)
        return list(unique.values())

    def _pending_waits(self, platform: str, mine: set[bytes]) -> list[float]:
        """Seconds until each pending entry held by another consumer becomes ours to take."""
        rows = cast(list[dict[str, Any]], self.r.xpending_range(
            self.keys.stream(platform), GROUP, min="-", max="+", count=100) or [])
        waits = []
        for row in rows:
            mid = row.get("message_id")
            mid_b = mid if isinstance(mid, bytes) else str(mid).encode()
            if mid_b in mine:
                continue
            idle = int(row.get("time_since_delivered") or 0)
            waits.append(max(self.min_idle_ms - idle, 0) / 1000.0 + 0.1)
        return waits

    # --- the drain ---------------------------------------------------------------------------
    def drain(
        self, platform: str, *, max_entries: int = 500, budget_seconds: float = 40.0,
        batch: int = 20,
    ) -> DrainReport:
        """Deliver what the platform's stream holds; raise to be called again when needed.

        Entries are read `batch` at a time (so few sit taken-but-untouched while others
        wait) until the stream is empty, `max_entries` were handled or `budget_seconds` (kept
        below the task's soft time limit) ran out. A channel that must wait is skipped for the
        rest of the pass, keeping its posts in order; when nothing else can be done and the
        shortest wait is under `inline_wait_seconds`, the drain sleeps through it (Telegram's
        one message per second per chat), else it stops.

        Raises DeliveryRateLimited / DeliveryPending (RateLimitedError / TransientError, with
        `retry_after` and the report) after acknowledging what succeeded, when entries remain
        that a later call can deliver.
        """
        report = DrainReport(platform=platform)
        deadline = time.monotonic() + budget_seconds
        held_until: dict[str, float] = {}  # channel -> monotonic time it may post again
        deferred: dict[bytes, str] = {}  # entry id -> its channel, left pending for now
        finished: set[bytes] = set()  # handled in this drain (never twice, even unacked)
        handled = 0
        out_of_time = False
        while handled < max_entries:
            progress = False
            for entry_id, fields in self._entries(platform, batch):
                if entry_id in finished:
                    continue
                now = time.monotonic()
                if now > deadline:
                    out_of_time = True
                    break
                raw = _text(fields[b"payload"])
                payload = Payload.from_dict(json.loads(raw))
                name = payload.channel or _text(fields.get(b"channel", b"")) or \
                    f"{platform}:default"
                if held_until.get(name, 0.0) > now:
                    deferred[entry_id] = name
                    continue
                wait = self._deliver(platform, _text(entry_id), raw, payload, name, report)
                if wait is None:
                    deferred.pop(entry_id, None)
                    finished.add(entry_id)
                    handled += 1
                    progress = True
                else:
                    held_until[name] = time.monotonic() + wait
                    deferred[entry_id] = name
            if out_of_time:
                break
            if progress:
                continue
            upcoming = [t for t in held_until.values() if t > time.monotonic()]
            if not upcoming:
                break
            pause = min(upcoming) - time.monotonic()
            if pause > self.options.inline_wait_seconds or time.monotonic() + pause > deadline:
                break
            time.sleep(max(pause, 0.0))

        now = time.monotonic()
        waits = [max(held_until.get(name, now) - now, 0.0) for name in set(deferred.values())]
        if out_of_time or handled >= max_entries:
            waits.append(0.05)  # more to do: come back at once
        waits.extend(self._pending_waits(platform, set(deferred) | finished))
        report.deferred = len(deferred)
        if waits:
            retry_after = min(max(min(waits), 0.05), MAX_WAIT)
            left = len(deferred) or len(waits)
            message = (f"{platform}: {left} payload(s) not delivered yet; "
                       f"next try in {retry_after:.1f}s")
            if report.rate_limited:
                raise DeliveryRateLimited(message, retry_after=retry_after, report=report)
            raise DeliveryPending(message, retry_after=retry_after, report=report)
        return report

    # --- one entry ---------------------------------------------------------------------------
    def _ack(self, platform: str, entry_id: str) -> None:
        self.r.xack(self.keys.stream(platform), GROUP, entry_id)

    def _deliver(
        self, platform: str, entry_id: str, raw: str, payload: Payload, name: str,
        report: DrainReport,
    ) -> float | None:
        """Deliver one entry; None when finished (acknowledged), else seconds to wait."""
        job = _Job(platform, entry_id, raw, payload, name,
                   self.keys.posting(payload.article_id, name))
        channel = self.config.get(name)
        problem = None
        if channel is None:
            problem = f"channel {name!r} is not configured"
        elif not channel.enabled:
            problem = f"channel {name!r} is disabled"
        elif channel.platform != platform:
            problem = f"channel {name!r} is a {channel.platform} channel, not {platform}"
        if problem is not None or channel is None:
            return self._dead(job, "", "unconfigured", problem or "", problem or "", 0, 0, report)
        if channel.dry:
            new, post_id = scripts.run(
                self.r, "record_dry_run",
                keys=[job.key, self.keys.sent(platform)],
                args=[raw, f"{time.time():.3f}", self.ttl, name, SENT_STREAM_CAP],
            )
            if int(new):
                report.delivered.append(_text(post_id))
                report.dry_run += 1
                log.info("dry run: would post to %s: %s", name, payload.text[:80])
            else:
                report.already_done += 1
            self._ack(platform, entry_id)
            return None
        return self._post(job, channel, report)

    def _lease(self, payload: Payload) -> float:
        requests = 2 + len(payload.followups)  # every part, plus one reconciliation lookup
        return self.options.timeout * requests + self.options.lease_margin_seconds

    def _claim(self, key: str, payload: Payload, name: str) -> _Claim | tuple[str, str]:
        token = uuid.uuid4().hex
        result = scripts.run(
            self.r, "claim_posting", keys=[key],
            args=[token, f"{self._lease(payload):.3f}", self.ttl, name, self.consumer],
        )
        status = _text(result[0])
        if status != "claimed":
            return status, _text(result[1])
        return _Claim(token=token, attempts=int(_text(result[1])), suspect=_text(result[2]) == "1",
                      parts_done=int(_text(result[3])), since=float(_text(result[4])))

    def _release(
        self, key: str, claim: _Claim, error: str, *, next_in: float, count: bool,
        suspect: bool = False,
    ) -> int:
        return int(scripts.run(
            self.r, "posting_release", keys=[key],
            args=[claim.token, error[:1000], f"{max(next_in, 0.0):.3f}", "1" if count else "0",
                  "1" if suspect else "0"],
        ))

    def _dead(
        self, job: _Job, token: str, state: LetterState, reason: str, error: str,
        attempts: int, parts_done: int, report: DrainReport,
    ) -> float | None:
        """Dead-letter (article, channel) and acknowledge; a wait when the claim was lost."""
        post_ids = tuple(_text(self.r.hget(job.key, "post_ids") or b"").split())
        letter_id, letter = build_letter(
            payload_json=job.raw, platform=job.platform, channel=job.name,
            article_id=job.payload.article_id, state=state, reason=reason, error=error[:2000],
            attempts=attempts, stream_id=job.entry_id, parts_done=parts_done, post_ids=post_ids,
        )
        pushed = int(scripts.run(
            self.r, "posting_dead", keys=[job.key, self.keys.dead_letter(job.platform)],
            args=[token, state, reason, letter, letter_id, self.ttl, job.name],
        ))
        if pushed < 0:  # our lease lapsed and another attempt holds the key: leave it to it
            return 1.0
        if pushed:
            report.failed += 1
            report.dead_lettered.append(f"{job.name} {job.payload.article_id}")
            log.warning("dead letter %s %s (%s): %s", job.name, job.payload.article_id, state,
                        error)
        self._ack(job.platform, job.entry_id)
        return None

    def _done(self, job: _Job, post_id: str, how: str, report: DrainReport) -> None:
        new, final_id = scripts.run(
            self.r, "posting_done", keys=[job.key, self.keys.sent(job.platform)],
            args=[post_id, self.ttl, job.name, job.raw, how, SENT_STREAM_CAP],
        )
        if int(new):
            if how == "duplicate":
                report.duplicates += 1
            elif how == "reconciled":
                report.reconciled += 1
            else:
                report.delivered.append(_text(final_id))
        else:
            report.already_done += 1
        self._ack(job.platform, job.entry_id)

    def _rate_wait(self, job: _Job, claim: _Claim, channel: Channel,
                   report: DrainReport) -> float:
        """Take a rate-limit token; when there is none, give the claim back (not counted)."""
        wait = self.limiter.take(channel)
        if wait > 0:
            self._release(job.key, claim, "waiting for the channel's rate limit", next_in=0,
                          count=False)
            report.rate_limited = True
        return wait

    def _post(self, job: _Job, channel: Channel, report: DrainReport) -> float | None:
        claim = self._claim(job.key, job.payload, job.name)
        if not isinstance(claim, _Claim):
            status, value = claim
            if status in ("done", "dead"):
                report.already_done += 1
                self._ack(job.platform, job.entry_id)
                return None
            return float(value)  # busy (a live claim elsewhere) or backing off

        poster = poster_for(job.platform)
        assert channel.secret is not None  # live channels have one
        # the HTTP client first: the first one of a process takes a tenth of a second to
        # build, and a token taken before it would space the requests less than the limit
        ctx = PostContext(client=self.http, channel=channel, secret=channel.secret,
                          base=channel.api_base, timeout=self.options.timeout,
                          graph_version=self.options.graph_version)
        if (wait := self._rate_wait(job, claim, channel, report)) > 0:
            return wait
        requests = [job.payload.request, *job.payload.followups]

        if claim.suspect:
            verdict = self._reconcile(job, poster, ctx, claim, requests, report)
            if verdict is not True:
                return verdict if verdict is not False else None

        first_id = _text(self.r.hget(job.key, "post_id") or b"") if claim.parts_done else ""
        how = "posted"
        for index in range(claim.parts_done, len(requests)):
            if index > claim.parts_done and (
                wait := self._rate_wait(job, claim, channel, report)
            ) > 0:
                return wait
            try:
                result = poster.send(ctx, requests[index])
            except OutcomeUnknownError as exc:
                if poster.can_reconcile and len(requests) == 1 \
                        and claim.attempts < self.options.max_attempts:
                    # check the platform once it has had time to list the post
                    self._release(job.key, claim, str(exc), next_in=self.options.settle_seconds,
                                  count=True, suspect=True)
                    return max(self.options.settle_seconds, 0.05)
                return self._dead(job, claim.token, "unknown", OUTCOME_UNKNOWN, str(exc),
                                  claim.attempts, index, report)
            except RateLimitedError as exc:
                blocked = self.limiter.block(channel, exc.retry_after or 60.0)
                self._release(job.key, claim, str(exc), next_in=0, count=False)
                report.rate_limited = True
                return blocked
            except TransientError as exc:
                if claim.attempts >= self.options.max_attempts:
                    return self._dead(job, claim.token, "dead",
                                      f"gave up after {claim.attempts} attempts", str(exc),
                                      claim.attempts, index, report)
                next_in = backoff(claim.attempts, self.options.backoff_seconds)
                self._release(job.key, claim, str(exc), next_in=next_in, count=True)
                return next_in
            except PermanentError as exc:
                return self._dead(job, claim.token, "failed", str(exc), str(exc),
                                  claim.attempts, index, report)
            post_id = result.post_id or ("duplicate" if result.duplicate else "")
            first_id = first_id or post_id
            if result.duplicate and len(requests) == 1:
                how = "duplicate"
            if index < len(requests) - 1:
                kept = int(scripts.run(self.r, "posting_progress", keys=[job.key],
                                       args=[claim.token, index + 1, post_id,
                                             f"{self._lease(job.payload):.3f}"]))
                if not kept:  # our lease lapsed and another attempt took over
                    return 1.0
        self._done(job, first_id, how, report)
        return None

    def _reconcile(
        self, job: _Job, poster: Poster, ctx: PostContext, claim: _Claim,
        requests: list[dict[str, Any]], report: DrainReport,
    ) -> float | bool:
        """An earlier attempt may have posted. True: not there, post now; False: finished
        (found it, or dead-lettered as unknown); a float: seconds to wait."""
        last_error = _text(self.r.hget(job.key, "last_error") or b"an earlier attempt timed out")

        def unknown(error: str, state: LetterState = "unknown") -> float | bool:
            reason = (OUTCOME_UNKNOWN if state == "unknown"
                      else f"gave up after {claim.attempts} attempts")
            wait = self._dead(job, claim.token, state, reason, error, claim.attempts,
                              claim.parts_done, report)
            return False if wait is None else wait

        if not poster.can_reconcile or claim.parts_done > 0:
            return unknown(last_error)
        try:
            found = poster.find_post(ctx, requests[0], claim.since)
        except RateLimitedError as exc:
            blocked = self.limiter.block(ctx.channel, exc.retry_after or 60.0)
            self._release(job.key, claim, str(exc), next_in=0, count=False)
            report.rate_limited = True
            return blocked
        except TransientError as exc:
            if claim.attempts >= self.options.max_attempts:
                return unknown(f"{last_error}; checking failed: {exc}")
            next_in = backoff(claim.attempts, self.options.backoff_seconds)
            self._release(job.key, claim, f"checking for an earlier post failed: {exc}",
                          next_in=next_in, count=True)
            return next_in
        except PermanentError as exc:
            return unknown(f"{last_error}; checking failed: {exc}")
        if found is not None:
            log.info("%s: an earlier attempt did post %s (%s)", job.name,
                     job.payload.article_id, found)
            self._done(job, found, "reconciled", report)
            return False
        now_s, now_us = cast(tuple[int, int], self.r.time())
        suspect_at = float(_text(self.r.hget(job.key, "suspect_at") or b"0"))
        settle_left = suspect_at + self.options.settle_seconds - (now_s + now_us / 1e6)
        if settle_left > 0:
            # the platform may not list a post made moments ago yet: look again later
            self._release(job.key, claim, last_error, next_in=settle_left, count=False)
            return max(settle_left, 0.05)
        if claim.attempts > self.options.max_attempts:
            return unknown(last_error, "dead")
        return True
