"""The Celery app, configured so that work is never lost (SPEC section 5).

- acks_late + reject_on_worker_lost: a task is acknowledged only after it ran, and goes back to
  the queue when its worker process dies.
- prefetch 1: a worker never hoards tasks that another idle worker could run.
- visibility_timeout (Redis broker) in both broker and result transport options, longer than any
  hard time limit and any retry countdown, else Redis hands the task out again while it is
  still running or waiting.
- JSON only; task events on so that Flower and `newsrelay ops` can watch.
- Each stage has its own queue so workers can be scaled per stage.

The broker URL comes from the environment at import (workers, beat) or is set by the CLI after
it has started the embedded Redis (`configure`).
"""

from __future__ import annotations

from celery import Celery

from schedules import BEAT_SCHEDULE
from workers.config import Settings, load_settings
from workers.redis_client import to_kombu_url

#: stage -> queue. Every task lives on its own queue.
QUEUES: tuple[str, ...] = ("dispatch", "poll", "fetch", "extract", "dedup", "format", "deliver")

#: the longest countdown any retry may use; must stay well below the visibility timeout
MAX_COUNTDOWN = 900

TASK_ROUTES = {
    "newsrelay.dispatch": {"queue": "dispatch"},
    "newsrelay.maintenance": {"queue": "dispatch"},
    "newsrelay.poll": {"queue": "poll"},
    "newsrelay.fetch": {"queue": "fetch"},
    "newsrelay.extract": {"queue": "extract"},
    "newsrelay.dedup": {"queue": "dedup"},
    "newsrelay.format": {"queue": "format"},
    "newsrelay.deliver": {"queue": "deliver"},
    "newsrelay.deliver_sweep": {"queue": "dispatch"},
}

app = Celery("newsrelay", include=["workers.tasks", "workers.telemetry"])


def configure(settings: Settings) -> Celery:
    """Apply `settings` to the app (idempotent; call again after the broker URL changes)."""
    transport = {"visibility_timeout": settings.visibility_timeout}
    # Redis broker: sweep for work abandoned by a killed worker on every restore pass
    # (kombu's default scans only every 10th, ~100 s), still only after visibility_timeout
    broker_transport = {**transport, "unacked_restore_throttle": 1}
    conf: dict[str, object] = dict(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options=broker_transport,
        result_backend_transport_options=transport,
        broker_connection_retry_on_startup=True,
        broker_channel_error_retry=True,
        task_soft_time_limit=120,
        task_time_limit=180,
        task_routes=TASK_ROUTES,
        task_default_queue="default",
        task_create_missing_queues=True,
        worker_send_task_events=True,
        task_send_sent_event=False,  # doubles the cost of every send; Flower needs no task-sent
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        beat_schedule=BEAT_SCHEDULE,
        timezone="UTC",
        enable_utc=True,
    )
    if settings.broker_url or settings.redis_url:
        conf["broker_url"] = to_kombu_url(settings.broker)
        if app.conf.get("broker_url") not in (None, conf["broker_url"]):
            # Celery caches its connection and producer pools on first use: drop them, or
            # this process keeps sending to the broker it used first
            app._pool = None
            app.amqp._producer_pool = None
    app.conf.update(conf)
    app.conf.newsrelay_settings = settings
    return app


def current_settings() -> Settings:
    settings = app.conf.get("newsrelay_settings")
    if settings is None:
        settings = load_settings()
        configure(settings)
    assert isinstance(settings, Settings)
    return settings


configure(load_settings())
