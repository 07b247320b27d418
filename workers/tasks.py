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
from workers.errors import NewsrelayError, PermanentError, StoreUnavailableError, TransientError
from workers.keys import Keys
from workers.models import PLATFORMS, Article, ExtractedArticle, FeedEntry, FeedSpec, FetchedPage
from workers.pipeline.canonical import choose_canonical
from workers.pipeline.deliver import Deliverer
from workers.pipeline.extract import extract_article
from workers.pipeline.feedstore import FeedStore, feed_id
from workers.pipeline.http import HttpSettings, build_client, fetch
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


@pipeline_task("newsrelay.dispatch", soft_time_limit=30, time_limit=60, max_retries=0)
def dispatch(ctx: Ctx, limit: int = 1000) -> int:
    """Beat tick: claim due feeds atomically and send one poll each."""
    store = FeedStore(ctx.r, ctx.keys)
    due = store.claim_due(limit=limit)
    for fid in due:
        spec = store.get(fid)
        if spec is None or spec.paused:
            ctx.r.zrem(ctx.keys.schedule, fid)
            continue
        ctx.send(poll, spec.to_dict())
    ctx.r.set(ctx.keys.dispatcher_heartbeat, f"{time.time():.3f}")
    return len(due)


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
def poll(ctx: Ctx, spec_dict: dict[str, Any]) -> dict[str, Any]:
    """Poll one feed; send a fetch for every entry this feed has not carried before."""
    spec = FeedSpec.from_dict(spec_dict)
    fid = feed_id(spec.url)
    store = FeedStore(ctx.r, ctx.keys)
    raw_state = store.load_state(fid)
    state = FeedState.from_dict(raw_state) if raw_state else None
    result, new_state = poll_feed(
        spec, state, settings=http_settings(ctx.settings), client=http_client(ctx.settings)
    )
    entries = result.entries
    unseen = store.unseen(fid, [e.entry_id for e in entries])
    fresh = [e for e, new in zip(entries, unseen, strict=True) if new]
    for entry in fresh:
        ctx.send(fetch_article, entry.to_dict())
    # children first, then mark seen: a crash in between re-sends (dedup absorbs it)
    store.mark_seen(fid, [e.entry_id for e in fresh])
    store.save_state(fid, asdict(new_state))

    registered = store.get(fid)
    if registered is not None:
        disable, reason = should_disable(new_state, time.time())
        if disable:
            store.upsert(FeedSpec.from_dict({**registered.to_dict(), "paused": True}))
            log.warning("feed %s disabled: %s", spec.url, reason)
        else:
            delay = next_poll_delay(
                spec.interval, result, new_state, default_interval=ctx.settings.poll_interval
            )
            store.schedule(fid, time.time() + delay)

    report = {
        "url": spec.url,
        "status": result.status,
        "error": result.error,
        "error_kind": result.error_kind,
        "http_status": result.http_status,
        "new_items": len(fresh),
        "entries": len(entries),
    }
    if ctx.run is not None:
        ctx.run.record_feed(spec.url, report)
    return report


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
    store = ArticleStore(ctx.r, ctx.keys, retention_days=ctx.settings.retention_days)
    claim = store.claim(article, owner=ctx.task_id, source=article.feed_url)
    if ctx.run is not None:
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
    queued = queue_payloads(ctx.r, ctx.keys, article, retention_days=ctx.settings.retention_days)
    for platform in sorted({q.platform for q in queued}):
        ctx.send(deliver, platform)
    return [q.stream_id for q in queued]


@pipeline_task("newsrelay.deliver", soft_time_limit=60, time_limit=90)
def deliver(ctx: Ctx, platform: str) -> int:
    """Drain one platform's payload stream (dry run without credentials)."""
    if platform not in PLATFORMS:
        raise PermanentError(f"unknown platform {platform!r}")
    consumer = f"{socket.gethostname()}:{os.getpid()}"
    deliverer = Deliverer(
        ctx.r, ctx.keys, consumer=consumer, retention_days=ctx.settings.retention_days
    )
    report = deliverer.drain(platform)
    return len(report.delivered)
