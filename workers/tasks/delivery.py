"""Delivery: drain a platform's payload stream, and the beat sweep that keeps it moving."""

from __future__ import annotations

import logging
import os
import socket

from workers.errors import (
    PermanentError,
)
from workers.models import PLATFORMS
from workers.pipeline.deliver import Deliverer
from workers.pipeline.outbox import Outbox
from workers.tasks.base import (
    Ctx,
    pipeline_task,
)

log = logging.getLogger(__name__)


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
