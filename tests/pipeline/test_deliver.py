"""Delivery through Deliverer against fake platform APIs on 127.0.0.1 and a real Redis.

Every "posted once" below is counted by the fake platform itself (`fake.posts`): the posts it
accepted, whatever our side believes.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import redis
from support.fakeplatforms import (
    Behaviour,
    FakePlatform,
    live_config,
    running_fakes,
    sample_article,
)

from workers.channels import ChannelConfig, load_channel_config
from workers.formatters import FormatSettings
from workers.keys import Keys
from workers.models import Payload
from workers.pipeline import scripts
from workers.pipeline.deadletter import OUTCOME_UNKNOWN, dead_letters
from workers.pipeline.deliver import (
    Deliverer,
    DeliveryPending,
    DeliveryRateLimited,
    DrainReport,
)
from workers.pipeline.outbox import GROUP, Outbox, entries_of
from workers.pipeline.sharing import queue_payloads

KEYS = Keys("t")
#: short timeouts so failure paths take fractions of a second
FAST: dict[str, Any] = {"timeout": 0.5, "settle_seconds": 0.3, "lease_margin_seconds": 0.2,
                        "backoff_seconds": 0.1, "claim_idle_seconds": 0.0, "max_attempts": 3,
                        "inline_wait_seconds": 0.0}


@pytest.fixture
def fakes() -> Iterator[dict[str, FakePlatform]]:
    with running_fakes() as f:
        yield f


@pytest.fixture
def config(fakes: dict[str, FakePlatform], tmp_path: Path) -> ChannelConfig:
    return live_config(fakes, tmp_path, delivery=FAST)


def _queue(r: redis.Redis, config: ChannelConfig, *numbers: int, **kw: Any) -> None:
    for n in numbers or (1,):
        queue_payloads(r, KEYS, sample_article(n), channels=config, **kw)


def _deliverer(r: redis.Redis, config: ChannelConfig, consumer: str = "w1") -> Deliverer:
    return Deliverer(r, KEYS, consumer=consumer, config=config)


def _drain_until_settled(d: Deliverer, platform: str, rounds: int = 30) -> list[DrainReport]:
    """Drain, sleeping whatever the drain asks for, until it stops asking."""
    reports = []
    for _ in range(rounds):
        try:
            reports.append(d.drain(platform))
            return reports
        except (DeliveryPending, DeliveryRateLimited) as exc:
            reports.append(exc.report)
            time.sleep(min(exc.retry_after or 0.1, 2.0))
    raise AssertionError(f"{platform} did not settle in {rounds} drains")


def _posting(r: redis.Redis, article: str, channel: str) -> dict[str, str]:
    raw = cast(dict[bytes, bytes], r.hgetall(KEYS.posting(article, channel)))
    return {k.decode(): v.decode() for k, v in raw.items()}


def test_every_platform_posts_each_payload_once_with_its_post_id(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    _queue(redis_client, config, 1, 2)
    d = _deliverer(redis_client, config)
    for platform, fake in fakes.items():
        report = d.drain(platform)
        assert len(fake.posts) == 2, platform
        assert report.delivered == [p.id for p in fake.posts], platform
        for n, post in zip((1, 2), fake.posts, strict=True):
            state = _posting(redis_client, f"article-{n}", f"{platform}-test")
            assert state["state"] == "done" and state["post_id"] == post.id, platform
        sent = entries_of(redis_client.xrange(KEYS.sent(platform)))
        assert [e[1][b"post_id"].decode() for e in sent] == [p.id for p in fake.posts]
        assert Outbox(redis_client, KEYS).pending(platform) == 0
        assert d.drain(platform).delivered == []
    # queueing the same articles again changes nothing
    _queue(redis_client, config, 1, 2)
    for platform, fake in fakes.items():
        d.drain(platform)
        assert len(fake.posts) == 2, platform


def test_a_crash_between_posting_and_ack_never_posts_again(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _queue(redis_client, config)
    dying = _deliverer(redis_client, config, "dying")
    monkeypatch.setattr(dying, "_ack", lambda platform, entry_id: None)  # died before XACK
    dying.drain("telegram")
    assert len(fakes["telegram"].posts) == 1
    assert Outbox(redis_client, KEYS).pending("telegram") == 1
    report = _deliverer(redis_client, config, "other").drain("telegram")
    assert report.already_done == 1 and report.delivered == []
    assert len(fakes["telegram"].posts) == 1
    assert Outbox(redis_client, KEYS).pending("telegram") == 0


def test_a_platform_429_blocks_the_channel_until_retry_after(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    tg = fakes["telegram"]
    tg.then(Behaviour("rate_limit", retry_after=1))
    _queue(redis_client, config, 1, 2)
    d = _deliverer(redis_client, config)
    with pytest.raises(DeliveryRateLimited) as err:
        d.drain("telegram")
    assert 0.5 < (err.value.retry_after or 0) <= 1.0
    assert err.value.report.deferred == 2 and tg.posts == []
    assert _posting(redis_client, "article-1", "telegram-test")["attempts"] == "0"  # not counted
    asked = len(tg.requests)
    with pytest.raises(DeliveryRateLimited):
        d.drain("telegram")
    assert len(tg.requests) == asked  # blocked: nobody asked the platform again early
    time.sleep(1.05)
    assert len(d.drain("telegram").delivered) == 2
    assert len(tg.posts) == 2


def test_server_errors_back_off_and_end_in_the_dead_letter_list(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["twitter"].then("server_error", "server_error", "server_error")
    _queue(redis_client, config)
    reports = _drain_until_settled(_deliverer(redis_client, config), "twitter")
    assert reports[-1].failed == 1
    assert fakes["twitter"].posts == []
    [letter] = dead_letters(redis_client, KEYS, "twitter")
    assert letter.state == "dead" and letter.attempts == 3
    assert "gave up after 3 attempts" in letter.reason and "503" in letter.error
    assert letter.channel == "twitter-test" and letter.payload.article_id == "article-1"
    assert Outbox(redis_client, KEYS).pending("twitter") == 0


def test_a_transient_error_then_success_posts_once(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["telegram"].then("server_error")
    _queue(redis_client, config)
    _drain_until_settled(_deliverer(redis_client, config), "telegram")
    assert len(fakes["telegram"].posts) == 1
    state = _posting(redis_client, "article-1", "telegram-test")
    assert state["state"] == "done" and state["attempts"] == "2"


def test_a_refused_post_is_dead_lettered_at_once(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["whatsapp"].then("unauthorized")
    _queue(redis_client, config)
    report = _deliverer(redis_client, config).drain("whatsapp")
    assert report.failed == 1
    [letter] = dead_letters(redis_client, KEYS, "whatsapp")
    assert letter.state == "failed" and "190" in letter.reason and letter.attempts == 1
    assert len([r for r in fakes["whatsapp"].requests if r.method == "POST"]) == 1


def test_duplicate_answers_are_recorded_as_already_posted(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fakes["twitter"].then("duplicate")
    _queue(redis_client, config)
    d = _deliverer(redis_client, config)
    assert d.drain("twitter").duplicates == 1
    state = _posting(redis_client, "article-1", "twitter-test")
    assert state["state"] == "done" and state["how"] == "duplicate"
    # LinkedIn names the post it duplicates: that becomes our post id
    li = fakes["linkedin"]
    first = Outbox(redis_client, KEYS).payload_for("article-1", "linkedin")
    assert first is not None
    li.dispatch("POST", "/rest/posts", {"authorization": f"Bearer {li.token}",
                                        "linkedin-version": "202601",
                                        "x-restli-protocol-version": "2.0.0"},
                first.request["json"])  # posted by someone else already
    assert d.drain("linkedin").duplicates == 1
    assert _posting(redis_client, "article-1", "linkedin-test")["post_id"] == li.posts[0].id
    assert len(li.posts) == 1


def test_timeout_after_the_platform_posted_is_dead_lettered_as_unknown_not_reposted(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    tg = fakes["telegram"]
    tg.then(Behaviour("slow", delay=1.2))  # posts, then answers after our 0.5 s timeout
    _queue(redis_client, config)
    d = _deliverer(redis_client, config)
    report = d.drain("telegram")
    assert report.failed == 1 and len(tg.posts) == 1
    [letter] = dead_letters(redis_client, KEYS, "telegram")
    assert letter.state == "unknown" and letter.reason == OUTCOME_UNKNOWN
    assert "0.5s" in letter.error
    assert _posting(redis_client, "article-1", "telegram-test")["state"] == "unknown"
    # nothing that comes later posts it again: another drain, a redelivered entry
    assert d.drain("telegram").delivered == []
    payload = json.loads(letter.raw)["payload"]
    redis_client.xadd(KEYS.stream("telegram"), {"article_id": "article-1",
                                                 "channel": "telegram-test",
                                                 "payload": json.dumps(payload)})
    assert d.drain("telegram").already_done == 1
    time.sleep(1.0)  # let the slow answer finish
    assert len(tg.posts) == 1
    assert len(dead_letters(redis_client, KEYS, "telegram")) == 1


def test_timeout_after_the_platform_posted_is_reconciled_where_the_api_can_list_posts(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fb = fakes["facebook"]
    fb.then(Behaviour("slow", delay=1.2))
    _queue(redis_client, config)
    d = _deliverer(redis_client, config)
    with pytest.raises(DeliveryPending) as err:
        d.drain("facebook")
    assert 0 < (err.value.retry_after or 0) <= FAST["settle_seconds"] + 0.01
    reports = _drain_until_settled(d, "facebook")
    assert reports[-1].reconciled == 1
    assert len([p for p in fb.posts]) == 1
    state = _posting(redis_client, "article-1", "facebook-test")
    assert state["state"] == "done" and state["how"] == "reconciled"
    assert state["post_id"] == fb.posts[0].id
    assert dead_letters(redis_client, KEYS, "facebook") == []


def _abandoned_claim(r: redis.Redis, article: str, channel: str, lease: float) -> None:
    """What a worker killed right after claiming leaves behind: a pending claim, a lease."""
    scripts.run(r, "claim_posting", keys=[KEYS.posting(article, channel)],
                args=[uuid.uuid4().hex, f"{lease}", 3600, channel, "killed-worker:1"])


def test_a_lapsed_claim_is_checked_and_posted_once_when_the_post_is_not_there(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    _queue(redis_client, config)
    _abandoned_claim(redis_client, "article-1", "linkedin-test", lease=0.1)
    time.sleep(0.15)
    d = _deliverer(redis_client, config)
    with pytest.raises(DeliveryPending):  # not listed yet: give the platform time to settle
        d.drain("linkedin")
    assert fakes["linkedin"].posts == []
    _drain_until_settled(d, "linkedin")
    assert len(fakes["linkedin"].posts) == 1
    finder = [r for r in fakes["linkedin"].requests if r.method == "GET"]
    assert finder, "the author's posts were checked before posting again"


def test_a_lapsed_claim_is_unknown_where_the_platform_cannot_be_checked(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    _queue(redis_client, config)
    _abandoned_claim(redis_client, "article-1", "whatsapp-test", lease=0.05)
    time.sleep(0.1)
    report = _deliverer(redis_client, config).drain("whatsapp")
    assert report.failed == 1 and fakes["whatsapp"].posts == []
    [letter] = dead_letters(redis_client, KEYS, "whatsapp")
    assert letter.state == "unknown" and "killed-worker:1" in letter.error


def test_a_live_claim_of_another_worker_is_left_alone(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    _queue(redis_client, config)
    _abandoned_claim(redis_client, "article-1", "telegram-test", lease=60)
    with pytest.raises(DeliveryPending) as err:
        _deliverer(redis_client, config).drain("telegram")
    assert 55 < (err.value.retry_after or 0) <= 60
    assert fakes["telegram"].requests == []
    assert Outbox(redis_client, KEYS).pending("telegram") == 1


def test_a_split_telegram_post_resumes_after_the_last_part_that_landed(
    redis_client: redis.Redis, config: ChannelConfig, fakes: dict[str, FakePlatform]
) -> None:
    fmt = FormatSettings(telegram_full_text=True, telegram_photo=False)
    queue_payloads(redis_client, KEYS, sample_article(1, words=700), channels=config,
                   format_settings=fmt)
    payload = Outbox(redis_client, KEYS).payload_for("article-1", "telegram")
    assert payload is not None and len(payload.followups) >= 2
    parts = [payload.request, *payload.followups]
    tg = fakes["telegram"]
    tg.then("ok", "server_error")
    _drain_until_settled(_deliverer(redis_client, config), "telegram")
    assert [p.text for p in tg.posts] == [p["json"]["text"] for p in parts]  # each part once
    state = _posting(redis_client, "article-1", "telegram-test")
    assert state["post_ids"].split() == [p.id for p in tg.posts[:-1]]
    assert state["post_id"] == tg.posts[0].id


def test_our_own_rate_limit_spaces_posts_and_keeps_their_order(
    redis_client: redis.Redis, fakes: dict[str, FakePlatform], tmp_path: Path
) -> None:
    config = live_config(fakes, tmp_path, delivery={**FAST, "rate_limits": True},
                         extra={"telegram": {"rate_limits": [{"count": 1, "seconds": 0.3}]}})
    _queue(redis_client, config, 1, 2, 3)
    d = _deliverer(redis_client, config)
    with pytest.raises(DeliveryRateLimited) as err:
        d.drain("telegram")
    assert err.value.report.delivered and err.value.report.deferred == 2
    assert 0 < (err.value.retry_after or 0) <= 0.3
    _drain_until_settled(d, "telegram")
    tg = fakes["telegram"]
    assert ["part 1" in t for t in tg.texts()] == [True, False, False]
    assert ["part 3" in t for t in tg.texts()] == [False, False, True]
    gaps = [b.at - a.at for a, b in zip(tg.posts, tg.posts[1:], strict=False)]
    assert all(g >= 0.25 for g in gaps), gaps


def test_short_waits_are_slept_through_within_one_drain(
    redis_client: redis.Redis, fakes: dict[str, FakePlatform], tmp_path: Path
) -> None:
    """One message per second per chat: the drain paces itself instead of giving up."""
    config = live_config(fakes, tmp_path,
                         delivery={**FAST, "rate_limits": True, "inline_wait_seconds": 1.0},
                         extra={"telegram": {"rate_limits": [{"count": 1, "seconds": 0.3}]}})
    _queue(redis_client, config, 1, 2, 3)
    report = _deliverer(redis_client, config).drain("telegram")
    assert len(report.delivered) == 3 and report.deferred == 0
    assert len(fakes["telegram"].posts) == 3


def test_an_unconfigured_channel_goes_to_the_dead_letter_list(
    redis_client: redis.Redis, config: ChannelConfig
) -> None:
    outbox = Outbox(redis_client, KEYS)
    outbox.ensure_groups()
    outbox.enqueue(Payload(platform="telegram", article_id="a9", text="hi",
                           request={"method": "POST", "path": "/bot{token}/sendMessage",
                                    "json": {"chat_id": 1, "text": "hi"}},
                           share_url="", channel="removed-channel"))
    report = _deliverer(redis_client, config).drain("telegram")
    assert report.failed == 1
    [letter] = dead_letters(redis_client, KEYS, "telegram")
    assert letter.state == "unconfigured" and "removed-channel" in letter.reason


def test_a_channel_without_credentials_records_and_sends_nothing(
    redis_client: redis.Redis, fakes: dict[str, FakePlatform], tmp_path: Path
) -> None:
    live_config(fakes, tmp_path)  # writes the file
    dry = load_channel_config(tmp_path / "channels.toml", {})  # ... but no secrets
    _queue(redis_client, dry)
    report = _deliverer(redis_client, dry).drain("telegram")
    assert report.dry_run == 1 and report.delivered[0].startswith("dry-run:")
    [(_id, fields)] = entries_of(redis_client.xrange(KEYS.sent("telegram")))
    assert fields[b"dry_run"] == b"1" and fields[b"channel"] == b"telegram-test"
    assert all(f.requests == [] for f in fakes.values())


def test_entries_pending_elsewhere_make_the_drain_come_back(
    redis_client: redis.Redis, fakes: dict[str, FakePlatform], tmp_path: Path
) -> None:
    config = live_config(fakes, tmp_path, delivery={**FAST, "claim_idle_seconds": 2.0})
    _queue(redis_client, config)
    # another consumer read it a moment ago (and may be posting it right now)
    redis_client.xreadgroup(GROUP, "busy", {KEYS.stream("telegram"): ">"})
    with pytest.raises(DeliveryPending) as err:
        _deliverer(redis_client, config).drain("telegram")
    assert 1.0 < (err.value.retry_after or 0) <= 2.1
    assert fakes["telegram"].requests == []
