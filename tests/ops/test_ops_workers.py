"""`ops workers`: list and control real `celery worker` processes (prefork, as in production).

A subprocess worker started by `workers.runner.System`, like `newsrelay up` starts them: this
also proves that the telemetry signal handlers record from prefork children and that the
worker's ready/shutdown signals reach ops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from workers.config import Settings
from workers.runner import System


@pytest.fixture
def system(settings: Settings) -> Iterator[System]:
    with System(settings, workers=1, concurrency=1, worker_log_level="WARNING",
                name="opsctl") as s:
        yield s


def _worker(ops_cli: Any) -> dict[str, Any] | None:
    data = ops_cli.json("workers", "--timeout", "0.3")
    return next((w for w in data["workers"] if w["name"].startswith("opsctl-")), None)


def test_workers_list_pool_grow_shrink_and_shutdown(
    system: System, ops_cli: Any, wait_for: Callable[..., Any],
    task_count: Callable[[str, str], int],
) -> None:
    w = wait_for(lambda: (x := _worker(ops_cli)) and x["state"] == "online" and x,
                 timeout=60, what="the subprocess worker to answer ping")
    name = w["name"]
    assert w["pool"]["implementation"] == "prefork" and w["pool"]["max_concurrency"] == 1
    assert len(w["pool"]["processes"]) == 1 and w["pid"] != w["pool"]["processes"][0]
    # worker_ready / heartbeats mirrored into Redis: the worker can answer a ping a moment
    # before its worker_ready handler has written, so this is waited for, not read at once
    wait_for(lambda: (x := _worker(ops_cli)) and x["heartbeat_age"] is not None,
             timeout=20, what="the worker's heartbeat mirrored into Redis")
    text = ops_cli.run("workers", "--timeout", "0.3").stdout
    assert name in text and "prefork" in text and "Workers (1 online)" in text

    # a task in the prefork child is recorded by the child's signal handlers
    ops_cli.run("trigger", "share", "missing", expect=1)  # refused before sending
    from ops.connect import make_app

    make_app(system.settings).send_task("newsrelay.format", args=["not-stored"])
    wait_for(lambda: task_count("newsrelay.format", "succeeded") == 1, timeout=30,
             what="the format task's outcome")
    assert ops_cli.json("failures", "--task", "format")["failures"][0]["kind"] == "permanent"

    grown = ops_cli.json("workers", "pool-grow", "1", "--worker", name, "--timeout", "2")
    assert grown["replies"][name]["ok"] == "pool will grow"
    shrunk = ops_cli.run("workers", "pool-shrink", "--timeout", "2").stdout
    assert f"{name}: pool will shrink" in shrunk

    assert "name at least one WORKER" in ops_cli.run("workers", "shutdown", expect=2).output
    ops_cli.run("workers", "shutdown", name, input="n\n", expect=1)
    assert _worker(ops_cli)["state"] == "online"  # type: ignore[index]
    assert "no online worker named nobody@x" in ops_cli.run(
        "workers", "shutdown", "nobody@x", "--yes", "--timeout", "0.3", expect=1).output
    out = ops_cli.json("workers", "shutdown", name, "--yes", "--timeout", "0.5")
    assert out == {"action": "shutdown", "sent_to": [name]}
    gone = wait_for(lambda: (x := _worker(ops_cli)) and x["state"] == "offline" and x,
                    timeout=30, what="the worker to record its shutdown")
    assert gone["ping"] is False and gone["offline_at"] is not None
    status = ops_cli.json("status", "--timeout", "0.3")
    assert "no worker answered ping" in status["problems"]
