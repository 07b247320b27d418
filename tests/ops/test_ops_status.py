"""`ops status`, `ops top` and `ops queues` against a real worker whose tasks run, fail and retry.

The `scenario` fixture (conftest.py) runs tasks that succeed, fail and retry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from workers.celery_app import app
from workers.config import Settings


def test_status_json_and_text_show_workers_queues_rates_and_problems(
    scenario: dict[str, Any], ops_cli: Any, worker_name: str, wait_for: Callable[..., Any]
) -> None:
    # the fetch retry waits out its countdown inside the worker: an unacked, scheduled message
    status = wait_for(lambda: (s := ops_cli.json("status", "--timeout", "0.5"))
                      and any(q["name"] == "fetch" and q["unacked"] >= 1 for q in s["queues"])
                      and s, what="the fetch retry held unacked by the worker")

    worker = next(w for w in status["workers"] if w["name"] == worker_name)
    assert worker["state"] == "online" and worker["ping"] is True
    assert worker["pool"]["implementation"] == "thread"
    assert worker["pool"]["max_concurrency"] == 4
    assert worker["heartbeat_age"] is not None and worker["heartbeat_age"] < 10
    assert "fetch" in worker["queues"] and "poll" in worker["queues"]
    assert any(t["name"] == "newsrelay.fetch" for t in worker["scheduled"])
    assert status["workers_online"] >= 1

    queues = {q["name"]: q for q in status["queues"]}
    assert set(queues) >= {"dispatch", "poll", "fetch", "extract", "dedup", "format", "deliver",
                           "default"}
    assert queues["fetch"]["unacked"] >= 1 and queues["fetch"]["total"] >= 1
    assert queues["fetch"]["oldest_unacked_age"] is not None
    assert queues["fetch"]["consumers"] >= 1

    tasks = {t["task"]: t for t in status["tasks"]}
    poll = tasks["newsrelay.poll"]
    assert poll["last_minute"]["succeeded"] >= 2 and poll["last_minute"]["failed"] >= 1
    assert poll["totals"]["succeeded"] >= 2 and poll["totals"]["failed"] >= 1
    assert poll["runtime_avg"] is not None and poll["runtime_avg"] >= 0
    assert tasks["newsrelay.fetch"]["last_minute"]["retried"] >= 1
    assert status["counters"].get("polls:ok", 0) >= 1
    assert status["counters"].get("polls:error", 0) >= 1

    assert status["feeds"]["total"] == 2 and status["feeds"]["failing"] == 1
    assert status["dispatcher"]["last_tick"] is None and status["dispatcher"]["alive"] is False
    assert status["failures_recorded"] >= 1
    assert status["redis"]["up"] is True and isinstance(status["redis"]["aof_enabled"], bool)
    assert status["redis"]["used_memory"] > 0
    assert set(status["payloads"]) == {"whatsapp", "facebook", "twitter", "linkedin",
                                       "telegram"}
    assert "dispatcher has never ticked (is the scheduler running?)" in status["problems"]
    assert "1 feed(s) failing" in status["problems"]

    text = ops_cli.run("status", "--timeout", "0.5").stdout
    for needle in ("Workers (1 online)", worker_name, "online", "thread", "Queues", "fetch",
                   "newsrelay.poll", "newsrelay.fetch", "Dispatcher: NOT ticking",
                   "Feeds: 2 registered, 1 ok, 1 failing", "Payload streams", "Problems:",
                   "1 feed(s) failing", "Broker: redis"):
        assert needle in text, needle

    # --strict turns problems into exit status 1 (for cron and probes)
    ops_cli.run("status", "--timeout", "0.5", "--strict", expect=1)


def test_top_once_and_queues(
    scenario: dict[str, Any], ops_cli: Any, worker_name: str
) -> None:
    frame = ops_cli.run("top", "--once", "--timeout", "0.5").stdout
    assert "newsrelay top" in frame and worker_name in frame and "newsrelay.poll" in frame
    # a bounded live run refreshes and exits by itself
    live = ops_cli.run("top", "--iterations", "2", "--interval", "0.2", "--timeout", "0.3")
    assert "newsrelay.poll" in live.stdout

    # a ready message on a queue nobody consumes, at two priorities (kombu priority lists)
    app.send_task("newsrelay.noop", queue="default")
    app.send_task("newsrelay.noop", queue="default", priority=6)
    data = ops_cli.json("queues", "--timeout", "0.3")
    default = next(q for q in data["queues"] if q["name"] == "default")
    assert default["ready"] == 2 and default["by_priority"]["0"] == 1
    assert default["by_priority"]["6"] == 1 and default["consumers"] == 0
    assert data["broker"] == "redis" and "telegram" in data["payloads"]
    text = ops_cli.run("queues", "--timeout", "0.3").stdout
    assert "default" in text and "Payload streams" in text

    # purge asks first; "no" keeps the messages, --yes removes them
    refused = ops_cli.run("queues", "purge", "default", input="n\n", expect=1)
    assert "Purge queue 'default' (2 ready messages)" in refused.output
    assert next(q for q in ops_cli.json("queues", "--timeout", "0.3")["queues"]
                if q["name"] == "default")["ready"] == 2
    purged = ops_cli.json("queues", "purge", "default", "--yes")
    assert purged == {"queue": "default", "purged": 2}
    assert "purged 0 messages from queue default" in ops_cli.run(
        "queues", "purge", "default", "--yes").stdout
    bad = ops_cli.run("queues", "purge", "nosuchqueue", "--yes", expect=2)
    assert "is not one of" in bad.output


def test_status_without_workers_reports_it(ops_cli: Any, settings: Settings) -> None:
    started = time.monotonic()
    status = ops_cli.json("status", "--timeout", "0.3")
    assert time.monotonic() - started < 10
    assert status["workers_online"] == 0 and status["workers"] == []
    assert "no worker answered ping" in status["problems"]
    assert "no worker answered ping" in ops_cli.run("status", "--timeout", "0.3").stdout
