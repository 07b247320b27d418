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

from workers.tasks.articles import build_article, dedup, extract, fetch_article, format_article
from workers.tasks.base import (
    FAILURES_KEPT,
    HTML_ACCEPT,
    Ctx,
    http_client,
    http_settings,
    pipeline_task,
)
from workers.tasks.delivery import deliver, deliver_sweep
from workers.tasks.feeds import dispatch, maintenance, poll

__all__ = [
    "FAILURES_KEPT",
    "HTML_ACCEPT",
    "Ctx",
    "build_article",
    "dedup",
    "deliver",
    "deliver_sweep",
    "dispatch",
    "extract",
    "fetch_article",
    "format_article",
    "http_client",
    "http_settings",
    "maintenance",
    "pipeline_task",
    "poll",
]
