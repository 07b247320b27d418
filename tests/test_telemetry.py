"""workers.telemetry: bounded task history in Redis, recorded by the workers' signal handlers.

Unit checks of the recording/reading functions on a real Redis, then a real worker running
tasks that succeed, fail (outside any pipeline wrapper) and retry.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery import Task

from workers import telemetry
from workers.celery_app import app
from workers.config import Settings
from workers.telemetry import TelemetryKeys

KEYS = TelemetryKeys("nr")


@app.task(name="newsrelay.test.boom", bind=True)
def boom(self: Task, what: str) -> None:
    """Fails without the pipeline wrapper: telemetry must record the failure itself."""
    raise ValueError(f"boom {what}")


@app.task(name="newsrelay.test.flaky", bind=True, max_retries=3)
def flaky(self: Task) -> str:
    if self.request.retries < 2:
        raise self.retry(countdown=0.05)
    return "ok"


@app.task(name="newsrelay.test.fine")
def fine(n: int) -> int:
    return n * 2


def reset_broker_pools() -> None:
    """Forget the broker connection and producer pools Celery cached for the first broker
    this process used (`configure` changes the URL but not the pools; see the ops report)."""
    app._pool = None
    app.amqp._producer_pool = None


def _record(r: redis.Redis, task: str, state: str, runtime: float | None, now: float) -> None:
    pipe = r.pipeline(transaction=False)
    telemetry.record_outcome(pipe, KEYS, task, state, runtime, now)
    pipe.execute()


def test_windows_totals_and_histogram(redis_client: redis.Redis) -> None:
    now = 1_700_000_005.0
    _record(redis_client, "newsrelay.poll", "succeeded", 0.2, now)
    _record(redis_client, "newsrelay.poll", "succeeded", 3.0, now - 30)
    _record(redis_client, "newsrelay.poll", "failed", 0.01, now - 59)
    _record(redis_client, "newsrelay.poll", "succeeded", 400.0, now - 600)  # outside 1 min
    _record(redis_client, "newsrelay.fetch", "retried", None, now)

    minute = telemetry.read_window(redis_client, KEYS, now, 60)
    assert minute["newsrelay.poll"]["succeeded"] == 2 and minute["newsrelay.poll"]["failed"] == 1
    assert minute["newsrelay.poll"]["rt_n"] == 3
    assert minute["newsrelay.poll"]["rt_sum"] == pytest.approx(3.21)
    assert minute["newsrelay.fetch"] == {"retried": 1}
    hour = telemetry.read_window(redis_client, KEYS, now, 3600)
    assert hour["newsrelay.poll"]["succeeded"] == 3

    totals = telemetry.read_totals(redis_client, KEYS)
    poll = totals["newsrelay.poll"]
    assert poll.states == {"succeeded": 3, "failed": 1}
    assert poll.runtime_count == 4 and poll.runtime_sum == pytest.approx(403.21)
    # non-cumulative: each runtime counted under the smallest bound that holds it
    assert poll.runtime_buckets == {"0.05": 1, "0.25": 1, "5.0": 1, "+Inf": 1}
    assert poll.last["succeeded"] == pytest.approx(now)
    assert totals["newsrelay.fetch"].runtime_count == 0

    # every bucket expires within the history window; totals never grow with task count
    for key in redis_client.scan_iter(match="nr:tel:b:*"):
        assert 0 < redis_client.ttl(key) <= telemetry.BUCKET_TTL
    fields = redis_client.hlen(KEYS.totals)
    for i in range(500):
        _record(redis_client, "newsrelay.poll", "succeeded", 0.2, now + i)
    assert redis_client.hlen(KEYS.totals) == fields


def test_result_counters() -> None:
    rc = telemetry.result_counters
    assert rc("newsrelay.dedup", [], {"state": "created", "duplicate_of": None}) == {
        "dedup:original": 1}
    assert rc("newsrelay.dedup", [], {"state": "created", "duplicate_of": "x"}) == {
        "dedup:duplicate_text": 1}
    assert rc("newsrelay.dedup", [], {"state": "seen"}) == {"dedup:seen_url": 1}
    assert rc("newsrelay.poll", [], {"status": "ok", "new_items": 3}) == {
        "polls:ok": 1, "entries:new": 3}
    assert rc("newsrelay.format", [], ["1-0", "2-0"]) == {"payloads:queued": 2}
    assert rc("newsrelay.deliver", ["twitter"], 4) == {"delivered:twitter": 4}
    assert rc("newsrelay.dedup", [], None) == {}  # a result of another shape is ignored


def test_failure_recorded_once(redis_client: redis.Redis) -> None:
    entry = telemetry.failure_entry("newsrelay.x", "tid-1", ValueError("bad"), [1],
                                    {"run_id": "r"}, 1.0)
    assert telemetry.record_failure_once(redis_client, KEYS, entry) is True
    assert telemetry.record_failure_once(redis_client, KEYS, entry) is False
    [raw] = redis_client.lrange(KEYS.failures, 0, -1)
    stored = json.loads(raw)
    assert stored["exception"] == "ValueError" and stored["args"] == [1]
    assert stored["run_id"] == "r" and stored["kwargs"] == {}


def test_worker_records_stale_workers_pruned(redis_client: redis.Redis) -> None:
    now = time.time()
    telemetry.record_worker(redis_client, KEYS, "old@x", {"state": "online"},
                            now - telemetry.WORKER_FORGET_SECONDS - 5)
    telemetry.record_worker(redis_client, KEYS, "new@x", {"state": "online"}, now)
    assert telemetry.prune_workers(redis_client, KEYS, now) == 1
    assert set(telemetry.read_workers(redis_client, KEYS)) == {"new@x"}


@pytest.fixture
def worker(settings: Settings) -> Iterator[Settings]:
    """The shared `celery_worker`, after dropping the app's cached broker pool: Celery keeps
    the pool of the first broker it used, so a test that pointed the app at another (now
    dead) Redis would otherwise leave our sends going there."""
    reset_broker_pools()
    telemetry._pause_until = 0.0  # an earlier test that killed Redis may have paused writes
    yield settings


@pytest.fixture
def app_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The app's settings as a worker has them (not whatever an earlier test configured)."""
    import workers.celery_app

    monkeypatch.setattr(workers.celery_app, "current_settings", lambda: settings)
    return settings


def test_a_redis_outage_pauses_telemetry_instead_of_slowing_tasks(
    app_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def broken(client: redis.Redis, keys: TelemetryKeys) -> None:
        calls.append("write")
        raise redis.ConnectionError("down")

    monkeypatch.setattr(telemetry, "_pause_until", 0.0)
    telemetry._guarded("test", broken)  # logged and swallowed, never raised
    telemetry._guarded("test", broken)  # paused: not even attempted
    assert calls == ["write"]
    assert telemetry._pause_until > time.monotonic() + telemetry.PAUSE_AFTER_ERROR - 1


def test_telemetry_client_is_the_shared_one_with_short_timeouts(app_settings: Settings) -> None:
    from workers.redis_client import get_redis, reset_clients

    settings = app_settings
    client, keys = telemetry._target()
    assert telemetry._target()[0] is client  # cached for this process
    options = client.connection_pool.connection_kwargs
    assert options["socket_timeout"] == telemetry.CLIENT_TIMEOUT
    assert options["socket_connect_timeout"] == telemetry.CLIENT_TIMEOUT
    assert not options.get("retry_on_timeout")
    assert client.ping()
    default = get_redis(settings)  # the pipeline's client waits longer and is another one
    assert default is not client
    assert default.connection_pool.connection_kwargs["socket_timeout"] == 10
    reset_clients()  # a test that restarts Redis forgets telemetry's client too
    assert telemetry._target()[0] is not client
    assert keys.prefix == settings.key_prefix


def _totals(r: redis.Redis, task: str) -> dict[str, Any]:
    t = telemetry.read_totals(r, KEYS).get(task)
    return dict(t.states) if t else {}


def _wait(pred: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_real_worker_records_success_failure_and_retry(
    worker: Settings, celery_worker: Settings, redis_client: redis.Redis
) -> None:
    fine.apply_async(args=[2], queue="poll")
    boom.apply_async(args=["now"], queue="poll")
    flaky.apply_async(queue="poll")
    _wait(lambda: _totals(redis_client, "newsrelay.test.fine").get("succeeded") == 1
          and _totals(redis_client, "newsrelay.test.boom").get("failed") == 1
          and _totals(redis_client, "newsrelay.test.flaky").get("succeeded") == 1)
    assert _totals(redis_client, "newsrelay.test.flaky") == {"retried": 2, "succeeded": 1}
    boom_totals = telemetry.read_totals(redis_client, KEYS)["newsrelay.test.boom"]
    assert boom_totals.runtime_count == 1 and "failed" in boom_totals.last

    failures = [json.loads(x) for x in redis_client.lrange(KEYS.failures, 0, -1)]
    [entry] = [f for f in failures if f["task"] == "newsrelay.test.boom"]
    assert entry["kind"] == "failure" and entry["exception"] == "ValueError"
    assert entry["error"] == "boom now" and entry["args"] == ["now"]
    assert "ValueError: boom now" in entry["traceback"]

    minute = telemetry.read_window(redis_client, KEYS, time.time(), 60)
    assert minute["newsrelay.test.flaky"]["retried"] == 2
