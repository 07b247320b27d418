"""The task wrapper every stage shares: settings, Redis, run tracking, child sends, and the
one error policy (see the package docstring)."""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import httpx
import redis
from celery import Task
from celery.exceptions import Retry, SoftTimeLimitExceeded

from workers.celery_app import MAX_COUNTDOWN, app, current_settings
from workers.config import Settings
from workers.errors import (
    NewsrelayError,
    PermanentError,
    StoreUnavailableError,
    TransientError,
)
from workers.keys import Keys
from workers.pipeline.http import HttpSettings, build_client
from workers.pipeline.runs import RunTracker
from workers.redis_client import get_redis
from workers.telemetry import FAILURES_KEPT  # one bound for the one failures list

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

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
