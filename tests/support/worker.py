"""A real Celery worker thread for tests (celery.contrib.testing), consuming every queue."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from workers.config import Settings


@contextmanager
def running_worker(settings: Settings, **options: Any) -> Iterator[Settings]:
    """Point the app at `settings` and run a threads-pool worker (4 slots) until exit.

    Thread pools have no time limits, so the soft limit is off while it runs and the app's
    settings (limits included) are put back afterwards.
    """
    from celery.contrib.testing.worker import start_worker

    from workers.celery_app import QUEUES, app, configure

    configure(settings)  # also drops pools cached for another broker
    app.conf.task_soft_time_limit = None
    kwargs: dict[str, Any] = dict(pool="threads", concurrency=4, perform_ping_check=False,
                                  queues=list(QUEUES), loglevel="WARNING", shutdown_timeout=30)
    try:
        with start_worker(app, **{**kwargs, **options}):
            yield settings
    finally:
        configure(settings)
