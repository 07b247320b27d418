"""`ops serve`: Prometheus /metrics read from Redis at scrape time, and /healthz for probes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from ops.connect import open_env
from ops.metrics import start_server
from workers.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


def test_metrics_and_healthz_with_a_worker(
    scenario: dict[str, Any], ops_worker: Settings, worker_name: str,
    wait_for: Callable[..., Any],
) -> None:
    env = open_env(ops_worker, timeout=0.5)
    server = start_server(env)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        code, body = _get(base + "/healthz")
        assert code == 200 and body.startswith("ok: redis up, 1 worker(s)") and worker_name in body

        code, text = _get(base + "/metrics")
        assert code == 200
        s = _samples(text)
        assert _value(s, "newsrelay_tasks_total", task="newsrelay.poll", state="succeeded") >= 2
        assert _value(s, "newsrelay_tasks_total", task="newsrelay.poll", state="failed") >= 1
        assert _value(s, "newsrelay_tasks_total", task="newsrelay.fetch", state="retried") >= 1
        assert _value(s, "newsrelay_tasks_last_minute", task="newsrelay.poll",
                      state="succeeded") >= 2
        count = _value(s, "newsrelay_task_runtime_seconds_count", task="newsrelay.poll")
        assert count >= 3
        assert _value(s, "newsrelay_task_runtime_seconds_bucket", task="newsrelay.poll",
                      le="+Inf") == count
        assert _value(s, "newsrelay_task_runtime_seconds_sum", task="newsrelay.poll") > 0
        assert _value(s, "newsrelay_worker_online", worker=worker_name) == 1
        assert _value(s, "newsrelay_worker_pool_size", worker=worker_name) == 4
        assert _value(s, "newsrelay_workers_online") == 1
        assert _value(s, "newsrelay_queue_messages", queue="poll", state="ready") == 0
        assert ("newsrelay_queue_messages", (("queue", "fetch"), ("state", "unacked"))) in s
        assert _value(s, "newsrelay_feeds", health="failing") == 1
        assert _value(s, "newsrelay_feeds", health="ok") == 1
        assert _value(s, "newsrelay_feed_polls_total", status="error") >= 1
        assert _value(s, "newsrelay_feed_entries_new_total") >= 1
        assert _value(s, "newsrelay_dedup_total", outcome="original") == 0
        assert _value(s, "newsrelay_payloads", platform="twitter", state="dead") == 0
        assert _value(s, "newsrelay_failures_recorded") >= 1
        assert _value(s, "newsrelay_dispatcher_alive") == 0
        assert _value(s, "newsrelay_redis_up") == 1
        assert _value(s, "newsrelay_redis_used_memory_bytes") > 0
        assert _value(s, "newsrelay_scrape_errors") == 0

        code, body = _get(base + "/status.json")
        assert code == 200 and '"workers_online": 1' in body
        assert _get(base + "/nope")[0] == 404
    finally:
        server.shutdown()
        server.server_close()

    # an ops restart loses nothing: the counters live in Redis, not in the exporter
    again = start_server(open_env(ops_worker, timeout=0.3))
    try:
        s2 = _samples(_get(f"http://127.0.0.1:{again.server_address[1]}/metrics")[1])
        assert _value(s2, "newsrelay_tasks_total", task="newsrelay.poll", state="succeeded") \
            >= _value(s, "newsrelay_tasks_total", task="newsrelay.poll", state="succeeded")
    finally:
        again.shutdown()
        again.server_close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_healthz_is_503_without_workers(
    settings: Settings, wait_for: Callable[..., Any]
) -> None:
    """`python -m ops serve` (the script wrapper) as its own process, as a container runs it."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRELAY_")}
    env.update(NEWSRELAY_REDIS_URL=str(settings.redis_url), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ops", "serve", "--port", str(port), "--timeout", "0.3"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        def healthz() -> tuple[int, str] | None:
            try:
                return _get(f"http://127.0.0.1:{port}/healthz")
            except OSError:
                return None

        code, body = wait_for(healthz, timeout=30, what="ops serve to listen")
        assert code == 503 and body.strip() == "no worker answered ping"
        code, text = _get(f"http://127.0.0.1:{port}/metrics")
        s = _samples(text)
        assert code == 200 and _value(s, "newsrelay_workers_online") == 0
        assert _value(s, "newsrelay_redis_up") == 1
    finally:
        proc.terminate()
        proc.wait(10)
