"""Thin Celery tasks: each wires one pipeline stage to its queue, retries and time limits.

poll -> fetch -> extract -> dedup -> format -> deliver, each on its own queue. The stages
themselves live in `workers.pipeline` / `workers.formatters` and know nothing of Celery.

Error policy (one place, `_run_stage`): a `TransientError` (or a Redis outage) is retried with
exponential backoff and jitter, honouring the remote side's Retry-After, up to `max_retries`;
a `PermanentError` is recorded against the item it concerns (failures list, run report) and the
task ends normally, so one broken feed, page or payload never stops the others. Anything else
is a bug: recorded, then re-raised so Celery marks the task failed.

No work is lost or doubled: a task sends its children before it marks its own input done
(a crash in between re-sends; the children are idempotent through the Redis claims), and the
owner token of the article claim is the Celery task id, which a redelivery keeps.
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import threading
import time
import traceback
import uuid
import zlib
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, ParamSpec, TypeVar

import httpx
import redis
from celery import Task
from celery.exceptions import Retry, SoftTimeLimitExceeded

from workers.celery_app import MAX_COUNTDOWN, app, current_settings
from workers.config import Settings
from workers.errors import (
    NewsrelayError,
    PayloadError,
    PermanentError,
    StoreUnavailableError,
    TransientError,
)
from workers.keys import Keys
from workers.models import PLATFORMS, Article, ExtractedArticle, FeedEntry, FeedSpec, FetchedPage
from workers.pipeline.canonical import choose_canonical
from workers.pipeline.deliver import Deliverer
from workers.pipeline.extract import extract_article
from workers.pipeline.feedstore import FeedStore, feed_id
from workers.pipeline.hostgate import (
    BLOCK_END_JITTER,
    GateDecision,
    HostGate,
    host_key,
)
from workers.pipeline.http import HttpSettings, build_client, fetch
from workers.pipeline.neardup import DedupSettings
from workers.pipeline.outbox import Outbox
from workers.pipeline.poll import FeedState, poll_feed
from workers.pipeline.runs import RunTracker
from workers.pipeline.schedule_policy import next_poll_delay, should_disable
from workers.pipeline.sharing import queue_payloads
from workers.pipeline.store import ArticleStore, article_id_for
from workers.redis_client import as_bytes, get_redis

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

FAILURES_KEPT = 1000
PAGE_TTL = 6 * 3600
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


# --- per-process resources -------------------------------------------------------------------

_local = threading.local()


def http_settings(settings: Settings) -> HttpSettings:
    kwargs: dict[str, Any] = dict(
        connect_timeout=settings.connect_timeout,
        total_timeout=settings.total_timeout,
        max_bytes=settings.max_body_bytes,
        allow_loopback=settings.allow_loopback,
        allow_private=settings.allow_private,
    )
    if settings.user_agent:
        kwargs["user_agent"] = settings.user_agent
    return HttpSettings(**kwargs)


def http_client(settings: Settings) -> httpx.Client:
    """One pooled, SSRF-guarded client per thread (httpx clients are not fork-safe)."""
    key = (os.getpid(), settings)
    if getattr(_local, "http_key", None) != key:
        _local.http = build_client(http_settings(settings))
        _local.http_key = key
    client: httpx.Client = _local.http
    return client


class Ctx:
    """What a stage function gets from its task: settings, Redis, run tracking, child sends."""

    def __init__(self, task: Task, run_id: str | None) -> None:
        self.task = task
        self.run_id = run_id
        self.settings = current_settings()
        self.r = get_redis(self.settings)
        self.keys = Keys(self.settings.key_prefix)
        self.run = RunTracker(self.r, self.keys, run_id) if run_id else None

    @property
    def task_id(self) -> str:
        return str(self.task.request.id)

    def send(self, task: Task, *args: Any, **kwargs: Any) -> str:
        """Send a child task; with a run, mark it pending first (see workers.pipeline.runs)."""
        task_id = str(uuid.uuid4())
        if self.run is not None:
            self.run.add_pending(task_id)
        task.apply_async(args=args, kwargs={**kwargs, "run_id": self.run_id}, task_id=task_id)
        return task_id

    def record_failure(self, exc: BaseException, *, kind: str, args: Any) -> None:
        entry = {
            "task": self.task.name,
            "task_id": self.task_id,
            "kind": kind,
            "error": str(exc) or exc.__class__.__name__,
            "exception": exc.__class__.__name__,
            "args": args,
            "retries": self.task.request.retries,
            "at": time.time(),
            "run_id": self.run_id,
        }
        try:
            pipe = self.r.pipeline()
            pipe.lpush(self.keys.failures, json.dumps(entry, ensure_ascii=False, default=str))
            pipe.ltrim(self.keys.failures, 0, FAILURES_KEPT - 1)
            pipe.execute()
            if self.run is not None:
                self.run.record_error(entry)
        except redis.RedisError:  # pragma: no cover - Redis down while recording
            log.exception("could not record failure of %s", self.task.name)


def _backoff(retries: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return min(max(retry_after, 1.0), MAX_COUNTDOWN)
    return min(5.0 * 2**retries * random.uniform(0.8, 1.2), MAX_COUNTDOWN)


def pipeline_task(
    name: str, *, soft_time_limit: int, time_limit: int, max_retries: int = 5
) -> Callable[[Callable[..., Any]], Task]:
    """Register `fn(ctx, *args)` as a Celery task with newsrelay's error and run policy."""

    def decorate(fn: Callable[..., Any]) -> Task:
        @app.task(
            bind=True,
            name=name,
            soft_time_limit=soft_time_limit,
            time_limit=time_limit,
            max_retries=max_retries,
            acks_late=True,
            reject_on_worker_lost=True,
        )
        def task(self: Task, *args: Any, run_id: str | None = None, **kwargs: Any) -> Any:
            ctx = Ctx(self, run_id)
            final = True
            try:
                return fn(ctx, *args, **kwargs)
            except Retry:
                final = False
                raise
            except (TransientError, redis.ConnectionError, redis.TimeoutError) as exc:
                err: NewsrelayError = (
                    exc if isinstance(exc, TransientError) else StoreUnavailableError(str(exc))
                )
                if self.request.retries < self.max_retries:
                    final = False
                    retry_after = getattr(err, "retry_after", None)
                    countdown = _backoff(self.request.retries, retry_after)
                    log.warning("%s: %s; retry in %.0fs", name, err, countdown)
                    raise self.retry(exc=exc, countdown=countdown) from None
                ctx.record_failure(err, kind=f"{err.kind} (retries exhausted)", args=args)
                return None
            except PermanentError as exc:
                log.warning("%s: %s", name, exc)
                ctx.record_failure(exc, kind=exc.kind, args=args)
                return None
            except SoftTimeLimitExceeded as exc:
                ctx.record_failure(exc, kind="time_limit", args=args)
                return None
            except Exception as exc:
                log.error("%s: unexpected error\n%s", name, traceback.format_exc())
                ctx.record_failure(exc, kind="bug", args=args)
                raise
            finally:
                if final and ctx.run is not None:
                    ctx.run.finish(ctx.task_id)

        return task

    return decorate


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


# --- the pipeline ------------------------------------------------------------------------------


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


def _pack_page(page: FetchedPage) -> bytes:
    head = json.dumps(
        {"url": page.url, "final_url": page.final_url, "status": page.status,
         "headers": page.headers}
    ).encode()
    return zlib.compress(head + b"\n" + page.body, 3)


def _unpack_page(data: bytes) -> FetchedPage:
    head, _, body = zlib.decompress(data).partition(b"\n")
    meta = json.loads(head)
    return FetchedPage(body=body, **meta)


def _fetch_page(ctx: Ctx, url: str) -> FetchedPage:
    return fetch(
        url, settings=http_settings(ctx.settings), client=http_client(ctx.settings),
        accept=HTML_ACCEPT,
    )


@pipeline_task("newsrelay.fetch", soft_time_limit=45, time_limit=60)
def fetch_article(ctx: Ctx, entry_dict: dict[str, Any]) -> None:
    """Fetch an entry's article page and hand it to extract through Redis (not the broker)."""
    entry = FeedEntry.from_dict(entry_dict)
    if not entry.link:
        name = entry.title or entry.entry_id
        raise PermanentError(f"entry {name!r} of {entry.feed_url} has no link")
    page = _fetch_page(ctx, entry.link)
    token = f"{entry.entry_id}:{ctx.task_id}"
    ctx.r.set(ctx.keys.page(token), _pack_page(page), ex=PAGE_TTL)
    ctx.send(extract, entry.to_dict(), token)


@pipeline_task("newsrelay.extract", soft_time_limit=30, time_limit=45)
def extract(ctx: Ctx, entry_dict: dict[str, Any], page_token: str) -> None:
    """Extract the clean article; a page gone from Redis (expired) is simply fetched again."""
    entry = FeedEntry.from_dict(entry_dict)
    raw = ctx.r.get(ctx.keys.page(page_token))
    page = _unpack_page(as_bytes(raw)) if raw else _fetch_page(ctx, entry.link or "")
    extracted = extract_article(page.body, url=page.final_url, headers=page.headers)
    ctx.send(dedup, entry.to_dict(), extracted.to_dict(), page.final_url)
    ctx.r.delete(ctx.keys.page(page_token))


def build_article(entry: FeedEntry, ex: ExtractedArticle, fetched_url: str) -> Article:
    canonical = choose_canonical(fetched_url or entry.link or "", ex.url)
    tags = list(dict.fromkeys([*entry.tags, *ex.tags]))
    return Article(
        id=article_id_for(canonical),
        url=canonical,
        title=ex.title or entry.title,
        text=ex.text,
        feed_url=entry.feed_url,
        description=ex.description or entry.summary,
        image=ex.image or entry.image,
        authors=ex.authors or ([entry.author] if entry.author else []),
        published=ex.published or entry.published,
        modified=ex.modified,
        site_name=ex.site_name,
        language=ex.language,
        word_count=ex.word_count,
        tags=tags,
        fetched_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )


@pipeline_task("newsrelay.dedup", soft_time_limit=20, time_limit=30)
def dedup(
    ctx: Ctx, entry_dict: dict[str, Any], extracted_dict: dict[str, Any], fetched_url: str
) -> dict[str, Any]:
    """Claim the article in Redis; only the first sighting of an original goes on to format."""
    article = build_article(
        FeedEntry.from_dict(entry_dict), ExtractedArticle.from_dict(extracted_dict), fetched_url
    )
    store = ArticleStore(
        ctx.r,
        ctx.keys,
        retention_days=ctx.settings.retention_days,
        dedup=DedupSettings(
            window_days=ctx.settings.dedup_window_days,
            min_jaccard=ctx.settings.dedup_min_jaccard,
        ),
    )
    claim = store.claim(article, owner=ctx.task_id, source=article.feed_url)
    if ctx.run is not None and claim.state == "created":
        # a later sighting of a known story is not news of this run
        ctx.run.record_article(article.id, time.time())
    if claim.is_new_original:
        ctx.send(format_article, article.id)
    return {"article_id": article.id, "state": claim.state, "duplicate_of": claim.duplicate_of}


@pipeline_task("newsrelay.format", soft_time_limit=20, time_limit=30)
def format_article(ctx: Ctx, article_id: str) -> list[str]:
    """Build one payload per platform, queue each once, and nudge each platform's delivery."""
    store = ArticleStore(ctx.r, ctx.keys, retention_days=ctx.settings.retention_days)
    article = store.get(article_id)
    if article is None:
        raise PermanentError(f"article {article_id} is not stored (expired?)")
    queued = queue_payloads(
        ctx.r, ctx.keys, article, retention_days=ctx.settings.retention_days,
        settings=ctx.settings,
    )
    for q in queued:
        if q.error:  # one channel's bad template must not stop the other channels
            ctx.record_failure(PayloadError(q.error), kind="payload", args=[article_id, q.channel])
    for platform in sorted({q.platform for q in queued if not q.error}):
        ctx.send(deliver, platform)
    return [q.stream_id for q in queued if not q.error]


@pipeline_task("newsrelay.deliver", soft_time_limit=60, time_limit=90)
def deliver(ctx: Ctx, platform: str) -> int:
    """Drain one platform's payload stream (dry run without credentials)."""
    if platform not in PLATFORMS:
        raise PermanentError(f"unknown platform {platform!r}")
    consumer = f"{socket.gethostname()}:{os.getpid()}"
    deliverer = Deliverer(
        ctx.r, ctx.keys, consumer=consumer, retention_days=ctx.settings.retention_days,
        settings=ctx.settings,
    )
    report = deliverer.drain(platform)
    return len(report.delivered)


@pipeline_task("newsrelay.deliver_sweep", soft_time_limit=20, time_limit=30, max_retries=0)
def deliver_sweep(ctx: Ctx) -> list[str]:
    """Beat, every minute: nudge delivery of every platform with unfinished payloads, so an
    entry whose task ran out of retries (a long rate-limit block) is not left waiting for the
    next article on that platform."""
    outbox = Outbox(ctx.r, ctx.keys)
    waiting = [p for p in PLATFORMS if outbox.pending(p) > 0]
    for platform in waiting:
        ctx.send(deliver, platform)
    return waiting
