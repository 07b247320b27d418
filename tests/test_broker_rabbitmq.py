"""RabbitMQ as the Celery broker (state still in Redis): the same pipeline, end to end.

Runs where RabbitMQ answers at 127.0.0.1:5672 (CI's machine has it); elsewhere it is skipped
with that reason, since a fresh machine has no RabbitMQ and the embedded broker is Redis.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.rabbitmq import AMQP_URL, SKIP_REASON, rabbitmq_answers

from workers.config import Settings
from workers.demo import DemoSite
from workers.models import PLATFORMS, FeedSpec
from workers.runner import run_feeds_once

SITE = Path(__file__).parent / "fixtures" / "site"


pytestmark = pytest.mark.skipif(not rabbitmq_answers(), reason=SKIP_REASON)


@pytest.fixture
def amqp_worker(settings: Settings) -> Iterator[Settings]:
    from celery.contrib.testing.worker import start_worker
    from kombu import Connection

    from workers.celery_app import QUEUES, app, configure

    amqp_settings = dataclasses.replace(settings, broker_url=AMQP_URL)
    configure(amqp_settings)
    with Connection(AMQP_URL) as conn:
        channel = conn.channel()
        for queue in QUEUES:
            try:
                channel.queue_purge(queue)
            except Exception:
                channel = conn.channel()
    with start_worker(app, pool="threads", concurrency=4, perform_ping_check=False,
                      queues=list(QUEUES), loglevel="WARNING", shutdown_timeout=30):
        yield amqp_settings
    configure(settings)


def test_pipeline_over_rabbitmq(amqp_worker: Settings) -> None:
    from workers.celery_app import app

    assert app.conf.broker_url.startswith("amqp://")
    with DemoSite(root=SITE, feeds=("rss.xml", "atom.xml")) as site:
        report = run_feeds_once(amqp_worker, [FeedSpec(url=u) for u in site.feed_urls],
                                timeout=120)
    assert [f["status"] for f in report["feeds"]] == ["ok", "ok"]
    assert len(report["articles"]) == 3
    assert all(len(report["payloads"][p]) == 3 for p in PLATFORMS)
