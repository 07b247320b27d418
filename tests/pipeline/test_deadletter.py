"""The dead-letter lists as ops use them: show, retry (queued once), discard (optionally posted)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from support.fakeplatforms import Behaviour, FakePlatform, live_config, running_fakes
from support.fakeplatforms import sample_article as article

from workers.channels import ChannelConfig
from workers.keys import Keys
from workers.pipeline.deadletter import (
    dead_letter_counts,
    dead_letters,
    discard_dead_letter,
    retry_dead_letter,
)
from workers.pipeline.deliver import Deliverer
from workers.pipeline.outbox import Outbox
from workers.pipeline.sharing import queue_payloads

KEYS = Keys("t")
FAST = {"timeout": 0.4, "settle_seconds": 0.2, "lease_margin_seconds": 0.2,
        "backoff_seconds": 0.1, "claim_idle_seconds": 0.0, "max_attempts": 2,
        "inline_wait_seconds": 0.0}


@pytest.fixture
def fakes() -> Iterator[dict[str, FakePlatform]]:
    with running_fakes("telegram", "twitter") as f:
        yield f


@pytest.fixture
def config(fakes: dict[str, FakePlatform], tmp_path: Path) -> ChannelConfig:
    return live_config(fakes, tmp_path, delivery=FAST)


def _deliverer(r: redis.Redis, config: ChannelConfig) -> Deliverer:
    return Deliverer(r, KEYS, consumer="w", config=config)


def _unknown_letter(r: redis.Redis, config: ChannelConfig, fake: FakePlatform) -> None:
    """A post whose answer came after the timeout: dead-lettered as unknown."""
    fake.then(Behaviour("slow", delay=0.8))
    queue_payloads(r, KEYS, article(1), channels=config)
    assert _deliverer(r, config).drain("telegram").failed == 1


def test_letters_show_what_failed_and_why(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["twitter"].then("unauthorized")
    queue_payloads(redis_client, KEYS, article(1), channels=config)
    _deliverer(redis_client, config).drain("twitter")
    [letter] = dead_letters(redis_client, KEYS)
    assert letter.platform == "twitter" and letter.channel == "twitter-test"
    assert letter.state == "failed" and "Unauthorized" in letter.error
    assert letter.payload.article_id == "article-1" and letter.payload.channel == "twitter-test"
    assert letter.to_dict()["payload"]["request"]["path"] == "/2/tweets"
    assert dead_letter_counts(redis_client, KEYS)["twitter"] == 1


def test_retrying_a_failed_letter_posts_it_once(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["twitter"].then("unauthorized")
    queue_payloads(redis_client, KEYS, article(1), channels=config)
    d = _deliverer(redis_client, config)
    d.drain("twitter")
    [letter] = dead_letters(redis_client, KEYS, "twitter")
    assert retry_dead_letter(redis_client, KEYS, "twitter", letter.id) == "queued"
    assert retry_dead_letter(redis_client, KEYS, "twitter", letter.id) == "gone"
    assert dead_letters(redis_client, KEYS, "twitter") == []
    assert len(d.drain("twitter").delivered) == 1
    assert len(fakes["twitter"].posts) == 1
    assert Outbox(redis_client, KEYS).pending("twitter") == 0


def test_two_operators_retrying_at_once_queue_it_once(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["twitter"].then("unauthorized")
    queue_payloads(redis_client, KEYS, article(1), channels=config)
    _deliverer(redis_client, config).drain("twitter")
    [letter] = dead_letters(redis_client, KEYS, "twitter")
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(
        retry_dead_letter(redis_client, KEYS, "twitter", letter.id))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count("queued") == 1
    assert Outbox(redis_client, KEYS).length("twitter") == 2  # the original + one re-queue


def test_an_unknown_letter_retried_after_checking_posts_again(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    tg = fakes["telegram"]
    _unknown_letter(redis_client, config, tg)
    assert len(tg.posts) == 1
    [letter] = dead_letters(redis_client, KEYS, "telegram")
    assert letter.state == "unknown"
    # ops looked at the chat, did not find it, and retries: that is an explicit repost
    assert retry_dead_letter(redis_client, KEYS, "telegram", letter.id) == "queued"
    assert len(_deliverer(redis_client, config).drain("telegram").delivered) == 1
    assert len(tg.posts) == 2


def test_discarding_as_posted_stops_any_later_repost(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    tg = fakes["telegram"]
    _unknown_letter(redis_client, config, tg)
    [letter] = dead_letters(redis_client, KEYS, "telegram")
    assert discard_dead_letter(redis_client, KEYS, "telegram", letter.id,
                               posted_as=tg.posts[0].id)
    assert not discard_dead_letter(redis_client, KEYS, "telegram", letter.id)
    assert dead_letters(redis_client, KEYS, "telegram") == []
    posting = redis_client.hgetall(KEYS.posting("article-1", "telegram-test"))
    assert posting[b"state"] == b"done" and posting[b"post_id"] == tg.posts[0].id.encode()


def test_retrying_a_letter_whose_post_is_known_done_queues_nothing(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    tg = fakes["telegram"]
    _unknown_letter(redis_client, config, tg)
    [letter] = dead_letters(redis_client, KEYS, "telegram")
    redis_client.hset(KEYS.posting("article-1", "telegram-test"), "state", "done")
    before = Outbox(redis_client, KEYS).length("telegram")
    assert retry_dead_letter(redis_client, KEYS, "telegram", letter.id) == "already_posted"
    assert Outbox(redis_client, KEYS).length("telegram") == before
    assert dead_letters(redis_client, KEYS, "telegram") == []
