"""`ops status` / `ops queues` with RabbitMQ as the broker (state still in the test Redis).

Uses a queue name of its own, so it neither sees nor touches anyone else's messages on the
shared broker, and deletes that queue afterwards.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from support.rabbitmq import AMQP_URL, SKIP_REASON, rabbitmq_answers

from ops.connect import make_app
from workers.config import Settings

pytestmark = pytest.mark.skipif(not rabbitmq_answers(), reason=SKIP_REASON)


@pytest.fixture
def amqp_queue(settings: Settings) -> Iterator[tuple[Settings, str]]:
    amqp = dataclasses.replace(settings, broker_url=AMQP_URL)
    name = f"nr-ops-test-{uuid.uuid4().hex[:10]}"
    yield amqp, name
    with make_app(amqp).connection_for_write() as conn:
        channel = conn.channel()
        try:
            channel.queue_delete(name)
            channel.exchange_delete(name)
        finally:
            channel.close()


def test_status_queue_lengths_over_rabbitmq(
    amqp_queue: tuple[Settings, str], ops_cli: Any, wait_for: Callable[..., Any]
) -> None:
    amqp, name = amqp_queue
    app = make_app(amqp)
    for _ in range(3):
        app.send_task("newsrelay.noop", queue=name)
    env = {"NEWSRELAY_BROKER_URL": AMQP_URL}

    def row() -> dict[str, Any] | None:
        status = ops_cli.json("status", "--queue", name, "--timeout", "0.3", env=env)
        found = next(q for q in status["queues"] if q["name"] == name)
        return status if found["ready"] == 3 else None

    status = wait_for(row, timeout=15, what="three ready messages on RabbitMQ")
    assert status["broker"] == {"kind": "amqp", "url": "amqp://guest:***@127.0.0.1:5672//"}
    q = next(q for q in status["queues"] if q["name"] == name)
    assert q == {"name": name, "ready": 3, "unacked": 0, "total": 3, "held_by_workers": 0,
                 "consumers": 0, "oldest_unacked_age": None, "exists": True}
    assert {q["name"] for q in status["queues"]} >= {"poll", "fetch", "default", name}
    assert status["errors"] == []
    assert status["redis"]["up"] is True  # state stays in Redis

    text = ops_cli.run("queues", "--queue", name, "--timeout", "0.3", env=env).stdout
    assert name in text
    missing = f"nr-ops-missing-{uuid.uuid4().hex[:6]}"
    data = ops_cli.json("queues", "--queue", missing, "--timeout", "0.3", env=env)
    assert next(q for q in data["queues"] if q["name"] == missing)["exists"] is False

    purged = ops_cli.json("queues", "purge", name, "--force", "--yes", env=env)
    assert purged == {"queue": name, "purged": 3}
