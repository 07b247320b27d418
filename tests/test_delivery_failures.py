"""SPEC section 6 for delivery, on real Celery worker processes and a fake Telegram on 127.0.0.1.

- SIGKILL of the worker's main process during a share: the deliver task is redelivered once
  (after the visibility timeout) to another worker, and the post exists exactly once.
- SIGKILL of a pool child during a share: the task is requeued at once and runs again in a new
  child, which does not post a second time (the attempt that died may have posted, and a bot
  cannot check, so the payload waits in the dead-letter list as "outcome unknown").
- A platform API that times out after it posted: no second post, through the real task.

Each test asserts on what the fake platform itself accepted.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import redis
from support.fakeplatforms import (
    Behaviour,
    FakePlatform,
    FakeTelegram,
    channels_toml,
    sample_article,
    secrets_env,
)

from workers.channels import load_channel_config
from workers.config import Settings, load_settings
from workers.keys import Keys
from workers.pipeline.deadletter import OUTCOME_UNKNOWN, dead_letters
from workers.pipeline.outbox import GROUP, Outbox
from workers.pipeline.sharing import queue_payloads
from workers.runner import System

DELIVERY = {"timeout": 2.0, "lease_margin_seconds": 0.5, "claim_idle_seconds": 0.5,
            "settle_seconds": 0.5, "backoff_seconds": 0.5}


def _wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram("777:delivery-failures") as f:
        yield f


@pytest.fixture
def channels_path(
    fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A live telegram channel pointing at the fake; its secret in the environment (which the
    worker subprocesses inherit) and the file in both NEWSRELAY_CHANNELS_FILE and settings."""
    fakes: dict[str, FakePlatform] = {"telegram": fake}
    path = tmp_path / "channels.toml"
    path.write_text(channels_toml(fakes, delivery=DELIVERY), encoding="utf-8")
    for name, value in secrets_env(fakes).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("NEWSRELAY_CHANNELS_FILE", str(path))
    return path


@pytest.fixture
def settings(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path, channels_path: Path
) -> Settings:
    """The suite's settings plus the channels file and a short visibility timeout, so a task
    whose worker died is handed out again within seconds."""
    return load_settings(env={}, redis_url=redis_url, data_dir=tmp_path / "data",
                         allow_loopback=True, connect_timeout=2.0, total_timeout=4.0,
                         channels_file=channels_path, visibility_timeout=3)


def _queue_one(settings: Settings, r: redis.Redis) -> None:
    config = load_channel_config(settings.channels_file, dict(os.environ))
    queue_payloads(r, Keys(settings.key_prefix), sample_article(1), channels=config)


def _send_deliver() -> None:
    from workers.tasks import deliver

    deliver.apply_async(args=["telegram"])


def _kill_group(proc_pid: int) -> None:
    """Kill whatever is left of a worker we started (its pool children share its group)."""
    try:
        os.killpg(proc_pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(p) for p in fh.read().split()]
    except FileNotFoundError:
        return []


def _broker_idle(r: redis.Redis) -> bool:
    """No deliver task waiting in the queue or handed out without an ack."""
    return r.llen("deliver") == 0 and r.hlen("unacked") == 0


def test_sigkill_of_the_main_process_mid_share_redelivers_once_and_posts_once(
    settings: Settings, redis_client: redis.Redis, fake: FakeTelegram
) -> None:
    fake.then(Behaviour("slow", delay=1.5))  # the post lands, the answer takes 1.5 s
    keys = Keys(settings.key_prefix)
    first = System(settings, workers=1, concurrency=1, queues=("deliver",),
                   worker_log_level="WARNING", name="first").start()
    main_pid = first.procs[0][1].pid
    try:
        _queue_one(settings, redis_client)
        _send_deliver()
        _wait_for(fake.received.is_set, 30, "the share to reach the platform")
        first_holder = redis_client.hget(keys.posting("article-1", "telegram-test"), "holder")
        os.kill(main_pid, signal.SIGKILL)  # the main process dies mid-share
        first.procs[0][1].wait(10)
        assert redis_client.hlen("unacked") == 1  # the task was neither acked nor requeued
        # a worker starting after the visibility timeout (a restart by the supervisor) puts
        # the abandoned task back in the queue and runs it; kombu's periodic sweep would too,
        # but only every unacked_restore_interval x unacked_restore_throttle (100 s default)
        [(_tag, taken_at)] = cast(list[tuple[bytes, float]],
                                  redis_client.zrange("unacked_index", 0, -1, withscores=True))
        _wait_for(lambda: time.time() > taken_at + settings.visibility_timeout + 0.3, 10,
                  "the visibility timeout")
        with System(settings, workers=1, concurrency=1, queues=("deliver",),
                    worker_log_level="WARNING", name="second"):
            # the visibility timeout runs out and the task is handed to the second worker
            _wait_for(lambda: _broker_idle(redis_client), 40, "the task to be redelivered")
            _wait_for(lambda: Outbox(redis_client, keys).pending("telegram") == 0, 20,
                      "the stream entry to be acknowledged")
    finally:
        _kill_group(main_pid)
        first.stop()
    assert len(fake.posts) == 1
    posting = redis_client.hgetall(keys.posting("article-1", "telegram-test"))
    # billiard kills pool children with their parent (PDEATHSIG), so the call in flight never
    # learnt its outcome: the redelivered task took the lapsed claim over (another holder)
    # and, a bot being unable to read the chat, left it for ops as "outcome unknown". Where
    # the child outlives its parent it marks the post done itself. Never a second post.
    if posting[b"state"] == b"unknown":
        assert posting[b"holder"] != first_holder
        [letter] = dead_letters(redis_client, keys, "telegram")
        assert letter.reason == OUTCOME_UNKNOWN
    else:
        assert posting[b"state"] == b"done" and posting[b"post_id"] == fake.posts[0].id.encode()


def test_sigkill_of_a_pool_child_mid_share_requeues_at_once_and_never_posts_twice(
    settings: Settings, redis_client: redis.Redis, fake: FakeTelegram
) -> None:
    fake.then(Behaviour("slow", delay=10))
    keys = Keys(settings.key_prefix)
    stream = keys.stream("telegram")
    with System(settings, workers=1, concurrency=1, queues=("deliver",),
                worker_log_level="WARNING", name="child") as system:
        main_pid = system.procs[0][1].pid
        try:
            _queue_one(settings, redis_client)
            _send_deliver()
            _wait_for(fake.received.is_set, 30, "the share to reach the platform")
            raw_holder = redis_client.hget(keys.posting("article-1", "telegram-test"), "holder")
            assert isinstance(raw_holder, bytes)
            holder = raw_holder.decode()
            child = int(holder.rsplit(":", 1)[1])
            assert child in _children(main_pid)
            os.kill(child, signal.SIGKILL)
            killed_at = time.monotonic()

            def taken_by_new_child() -> bool:
                """The requeued task ran: it took the stream entry (XPENDING shows another
                consumer) or, once the dead attempt's lease lapsed, the posting key."""
                rows = cast(list[dict[str, Any]], redis_client.xpending_range(
                    stream, GROUP, min="-", max="+", count=1))
                now_holder = redis_client.hget(keys.posting("article-1", "telegram-test"),
                                               "holder")
                return (bool(rows) and rows[0]["consumer"].decode() != holder) or (
                    now_holder is not None and now_holder != raw_holder)

            # requeued at once (the visibility timeout would take far longer: see above)
            _wait_for(taken_by_new_child, 10, "the requeued task to take the entry")
            assert time.monotonic() - killed_at < 10
            # the dead attempt's lease lapses; its outcome cannot be checked on Telegram
            _wait_for(lambda: dead_letters(redis_client, keys, "telegram"), 40,
                      "the payload to reach the dead-letter list")
            _wait_for(lambda: Outbox(redis_client, keys).pending("telegram") == 0, 10,
                      "the stream entry to be acknowledged")
            system.check_alive()  # the main process survived its child
        finally:
            _kill_group(main_pid)
    assert len(fake.posts) == 1
    [letter] = dead_letters(redis_client, keys, "telegram")
    assert letter.state == "unknown" and letter.reason == OUTCOME_UNKNOWN
    assert letter.channel == "telegram-test"


def test_a_platform_that_times_out_after_posting_gets_no_second_post(
    celery_worker: Settings, redis_client: redis.Redis, fake: FakeTelegram
) -> None:
    """Through the real deliver task (in-process worker): the answer arrives after the 2 s
    client timeout; the task records the unknown outcome instead of retrying the post."""
    fake.then(Behaviour("slow", delay=3.0))
    keys = Keys(celery_worker.key_prefix)
    _queue_one(celery_worker, redis_client)
    _send_deliver()
    _wait_for(lambda: dead_letters(redis_client, keys, "telegram"), 20,
              "the unknown outcome to be recorded")
    _send_deliver()  # a further nudge (or a redelivery) changes nothing
    _wait_for(lambda: _broker_idle(redis_client)
              and Outbox(redis_client, keys).pending("telegram") == 0, 20, "delivery to end")
    time.sleep(1.2)  # let the slow answer go out
    assert len(fake.posts) == 1
    [letter] = dead_letters(redis_client, keys, "telegram")
    assert letter.state == "unknown" and "2s" in letter.error


def test_settings_used_here_are_a_copy(settings: Settings) -> None:
    """The overridden fixture keeps the suite's other settings (guards the override above)."""
    assert settings.allow_loopback and settings.visibility_timeout == 3
    assert dataclasses.replace(settings).channels_file == settings.channels_file
