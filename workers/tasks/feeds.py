"""Scheduling and polling: the dispatcher tick, maintenance, and the poll task with its
per-host gate."""

from __future__ import annotations

import logging
import random
import time
import uuid
from dataclasses import asdict
from typing import Any

import redis

from workers.celery_app import app
from workers.models import FeedEntry, FeedSpec
from workers.pipeline.feedstore import FeedStore, feed_id
from workers.pipeline.hostgate import (
    BLOCK_END_JITTER,
    GateDecision,
    HostGate,
    host_key,
)
from workers.pipeline.poll import FeedState, poll_feed
from workers.pipeline.schedule_policy import next_poll_delay, should_disable
from workers.tasks.articles import fetch_article
from workers.tasks.base import (
    Ctx,
    http_client,
    http_settings,
    pipeline_task,
)

log = logging.getLogger(__name__)


# --- scheduling --------------------------------------------------------------------------------


#: dispatcher: feeds claimed per Lua call, polls sent per tick at most, and the tick's time budget
DISPATCH_BATCH = 500
DISPATCH_LIMIT = 20_000
DISPATCH_TIME_BUDGET = 10.0
#: a claimed feed is due again after this long if its poll never reported (lost message)
CLAIM_LEASE = 900.0
#: no more polls are dispatched while this many wait in the poll queue (see `dispatch`)
POLL_BACKLOG_MAX = 10_000
#: a poll's host slot lease: longer than the poll task's hard time limit
POLL_LEASE = 120.0
#: a `once` run waits for a blocked host at most this long, then reports the feed unpolled
RUN_BLOCK_WAIT = 60.0
#: how many times a `once` poll may find its host full before it is reported unpolled
RUN_GATE_RETRIES = 500


@pipeline_task("newsrelay.dispatch", soft_time_limit=30, time_limit=60, max_retries=0)
def dispatch(ctx: Ctx, limit: int = DISPATCH_LIMIT) -> int:
    """Beat tick: claim due feeds atomically and send one poll each; returns polls sent.

    Claims in batches (one Lua step each, so a second scheduler never gets the same feed for
    the same slot) until nothing is due, `limit` polls are sent or the tick's time budget is
    spent. Feeds of a host that is blocked (429/503 Retry-After, bot challenge) are put back
    at the block's end without sending anything. While the poll queue already holds a backlog,
    fewer feeds are claimed: a poll waiting in the broker longer than the claim lease would be
    claimed and sent a second time.
    """
    store = FeedStore(ctx.r, ctx.keys)
    gate = HostGate(ctx.r, ctx.keys.prefix)
    started = time.monotonic()
    backlog = _poll_backlog(ctx)
    budget = limit if backlog is None else min(limit, max(0, POLL_BACKLOG_MAX - backlog))
    sent = 0
    with app.producer_or_acquire() as producer:
        while sent < budget and time.monotonic() - started < DISPATCH_TIME_BUDGET:
            batch = min(DISPATCH_BATCH, budget - sent)
            claimed_at = time.time()
            due = store.claim_due(now=claimed_at, limit=batch, lease=CLAIM_LEASE)
            if not due:
                break
            specs = store.get_many(due)
            hosts = {fid: host_key(spec.url) for fid, spec in zip(due, specs, strict=True)
                     if spec is not None}
            blocks = gate.blocked_many(hosts.values())
            gone: list[str] = []
            later: dict[str, float] = {}
            for fid, spec in zip(due, specs, strict=True):
                if spec is None or spec.paused:
                    gone.append(fid)
                    continue
                block = blocks.get(hosts[fid])
                if block is not None:
                    later[fid] = block.until + random.uniform(*BLOCK_END_JITTER)
                    continue
                if ctx.run is not None:
                    ctx.send(poll, spec.to_dict(), claimed_at=claimed_at)
                else:
                    poll.apply_async(args=[spec.to_dict()], kwargs={"claimed_at": claimed_at},
                                     producer=producer, argsrepr=repr(spec.url), kwargsrepr="")
                sent += 1
            if gone:
                ctx.r.zrem(ctx.keys.schedule, *gone)
            store.schedule_many(later)
            if len(due) < batch:
                break
    ctx.r.set(ctx.keys.dispatcher_heartbeat, f"{time.time():.3f}")
    return sent


def _poll_backlog(ctx: Ctx) -> int | None:
    """Polls waiting in the broker's poll queue, when the broker is this Redis (else None).

    kombu keeps a Redis queue as a list named after it, plus one list per priority step.
    """
    settings = ctx.settings
    if settings.broker_url and settings.broker_url != settings.redis_url:
        return None
    pipe = ctx.r.pipeline(transaction=False)
    for name in ("poll", *(f"poll\x06\x16{p}" for p in (3, 6, 9))):
        pipe.llen(name)
    try:
        return sum(int(n) for n in pipe.execute())
    except redis.ResponseError:  # not a list: someone else's key; do not throttle on it
        return None


@pipeline_task("newsrelay.maintenance", soft_time_limit=300, time_limit=360, max_retries=0)
def maintenance(ctx: Ctx) -> None:
    """Hourly: trim per-feed seen sets and the article index to the retention window."""
    horizon = time.time() - ctx.settings.retention_days * 86400
    store = FeedStore(ctx.r, ctx.keys)
    for fid in store.all():
        store.trim_seen(fid, horizon)
    ctx.r.zremrangebyscore(ctx.keys.articles_index, "-inf", horizon)




@pipeline_task("newsrelay.poll", soft_time_limit=60, time_limit=90, max_retries=0)
def poll(
    ctx: Ctx, spec_dict: dict[str, Any], claimed_at: float | None = None
) -> dict[str, Any]:
    """Poll one feed; send a fetch for every linked entry this feed has not carried before.

    Politeness first: the poll takes one of its host's slots (`HostGate`). A host that is
    full or blocked never makes this worker wait: a scheduled poll goes back into the
    schedule (block end, or a few seconds), a poll of a `once` run is retried shortly (or, for
    a long block, reported as not polled), and the worker moves on to other hosts' feeds.
    The slot is freed as soon as the HTTP exchange ends, before parsing.

    After the poll: a 429/503 blocks the whole host for its Retry-After and a bot challenge
    backs off from it; a permanent redirect (301/308 only) moves the registered feed to its new
    URL before new entries are picked, so the seen set the check uses is the moved one; entries
    whose GUID changed but whose link the feed already carried are not sent again.

    `claimed_at` (set by `dispatch`) guards against a duplicate message: a feed polled after
    the claim was made is not polled again.
    """
    spec = FeedSpec.from_dict(spec_dict)
    requested = spec.url
    fid = feed_id(spec.url)
    store = FeedStore(ctx.r, ctx.keys)
    registered, raw_state = store.load(fid)
    if registered is None and (target := store.resolve_url(spec.url)) != spec.url:
        # a message sent before its feed moved: poll the new URL with the moved seen set
        # (polling the old one would find every entry "new" in an empty seen set)
        spec = FeedSpec.from_dict({**spec.to_dict(), "url": target})
        fid = feed_id(target)
        registered, raw_state = store.load(fid)
    state = FeedState.from_dict(raw_state) if raw_state else None
    if (
        claimed_at is not None
        and state is not None
        and state.last_poll_at is not None
        and state.last_poll_at >= claimed_at
    ):
        # Polled since this message was claimed: a stale duplicate (the broker held it past the
        # claim lease and the feed was claimed again). Polling again would be impolite.
        return {"url": requested, "status": "stale", "error": None, "error_kind": None,
                "http_status": None, "new_items": 0, "entries": 0}
    gate = HostGate(ctx.r, ctx.keys.prefix, cap=ctx.settings.host_concurrency, lease=POLL_LEASE)
    host = host_key(spec.url)
    token = ctx.task_id
    decision = gate.acquire(host, token)
    if not decision.acquired:
        return _poll_deferred(ctx, store, requested, registered, decision, gate.cap)

    released = False

    def release() -> None:
        nonlocal released
        if released:
            return
        released = True
        try:
            gate.release(host, token)
        except redis.RedisError:  # the lease frees the slot anyway
            log.warning("could not release the %s slot of %s", host, spec.url)

    try:
        result, new_state = poll_feed(
            spec, state, settings=http_settings(ctx.settings), client=http_client(ctx.settings),
            parse_time_limit=ctx.settings.parse_time_limit, after_fetch=release,
        )
    finally:
        release()
    now = time.time()
    if result.error_kind == "rate_limited":
        gate.block(host, result.retry_after, result.error or "rate limited")
    elif result.error_kind == "challenge":
        gate.block_for_challenge(host, result.error or "bot challenge")

    if result.moved_to and registered is not None:
        fid, merged = store.move(fid, result.moved_to)
        log.warning("feed %s moved permanently to %s%s", spec.url, result.moved_to,
                    " (merged into the feed already registered there)" if merged else "")
        registered = store.get(fid)
    fresh, reguided = store.triage(fid, result.entries, now=now)
    # An entry without an http(s) link has no article to fetch: sending it would only push a
    # "has no link" failure per entry into the capped failures list, evicting real ones.
    fetchable = [e for e in fresh if e.link]
    if len(fetchable) < len(fresh):
        log.info("%s: %d new entries have no link to fetch", spec.url, len(fresh) - len(fetchable))
    _send_fetches(ctx, fetchable)
    # children first, then mark seen: a crash in between re-sends (dedup absorbs it)
    store.mark_entries_seen(fid, [*fresh, *reguided], now=now)

    next_at: float | None = None
    if registered is not None and not registered.paused:
        disable, reason = should_disable(new_state, now)
        if disable:
            new_state.disabled_reason = reason
            store.upsert(FeedSpec.from_dict({**registered.to_dict(), "paused": True}))
            log.warning("feed %s disabled: %s", registered.url, reason)
        else:
            next_at = now + next_poll_delay(
                registered.interval, result, new_state,
                default_interval=ctx.settings.poll_interval,
            )
    store.save_poll(fid, asdict(new_state), next_at)

    report = {
        "url": requested,
        "status": result.status,
        "error": result.error,
        "error_kind": result.error_kind,
        "http_status": result.http_status,
        "new_items": len(fresh),
        "entries": len(result.entries),
        "without_link": len(fresh) - len(fetchable),
        "reguided": len(reguided),
        "moved_to": result.moved_to,
    }
    if ctx.run is not None:
        ctx.run.record_feed(requested, report)
    return report


def _send_fetches(ctx: Ctx, entries: list[FeedEntry]) -> None:
    """One fetch per new entry, as `ctx.send` would, but cheaper per entry: the run's pending
    set gets every id in one round trip, one producer serves all the sends, and the task's
    args repr (shown by events/Flower) is the entry's link instead of a repr of the whole dict.
    A feed's first poll can carry hundreds of entries, and kombu's per-message cost is the
    poll stage's largest after parsing (see bench/RESULTS.md)."""
    if not entries:
        return
    task_ids = [str(uuid.uuid4()) for _ in entries]
    if ctx.run is not None:
        ctx.run.add_pending(*task_ids)
    with app.producer_or_acquire() as producer:
        for entry, task_id in zip(entries, task_ids, strict=True):
            fetch_article.apply_async(
                args=[entry.to_dict()], kwargs={"run_id": ctx.run_id}, task_id=task_id,
                producer=producer, argsrepr=repr(entry.link or entry.entry_id)[:200],
                kwargsrepr="",
            )


def _poll_deferred(
    ctx: Ctx,
    store: FeedStore,
    url: str,
    registered: FeedSpec | None,
    decision: GateDecision,
    cap: int,
) -> dict[str, Any]:
    """The feed's host is full or blocked: free this worker without polling (see `poll`)."""
    if decision.status == "blocked":
        when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(decision.retry_at))
        why = f"host {decision.host} is blocked until {when} ({decision.reason})"
        kind = "host_blocked"
    else:
        why = f"host {decision.host} already has {decision.holders} polls in flight (limit {cap})"
        kind = "host_busy"
    report: dict[str, Any] = {
        "url": url, "status": "deferred", "error": why, "error_kind": kind,
        "http_status": None, "new_items": 0, "entries": 0, "retry_at": decision.retry_at,
    }
    if ctx.run is None:
        if registered is not None and not registered.paused:
            store.schedule(feed_id(registered.url), decision.retry_at)
        return report
    # A `once` run must report every feed: wait for a busy host (slots free in seconds) and for
    # a short block; a long block is reported instead of holding the run for it.
    wait = max(0.0, decision.retry_at - time.time())
    if (kind == "host_blocked" and wait > RUN_BLOCK_WAIT) or (
        ctx.task.request.retries >= RUN_GATE_RETRIES
    ):
        report.update(status="error", error=f"{url}: not polled: {why}")
        ctx.run.record_feed(url, report)
        return report
    raise ctx.task.retry(countdown=wait, max_retries=RUN_GATE_RETRIES)
