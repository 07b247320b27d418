"""Payload streams on a real Redis: queued once, readable by outside consumers, delivered once."""

from __future__ import annotations

from typing import Any, cast

import redis

from workers.keys import Keys
from workers.models import Payload
from workers.pipeline.deliver import Deliverer
from workers.pipeline.outbox import GROUP, Outbox, entries_of


def _payload(article: str = "a1", platform: str = "telegram") -> Payload:
    return Payload(platform=platform, article_id=article, text="hello",
                   request={"method": "POST", "path": "/x", "json": {"text": "hello"}},
                   share_url="https://t.me/share/url?url=x")


def test_enqueue_is_once_per_article_and_platform(redis_client: redis.Redis) -> None:
    outbox = Outbox(redis_client, Keys("t"))
    outbox.ensure_groups()
    first = outbox.enqueue(_payload())
    second = outbox.enqueue(_payload())
    assert first.new and not second.new
    assert first.stream_id == second.stream_id
    assert outbox.length("telegram") == 1
    assert outbox.payload_for("a1", "telegram") == _payload()
    assert outbox.payload_for("a1", "twitter") is None


def test_enqueue_is_once_per_article_and_channel(redis_client: redis.Redis) -> None:
    """Two channels of one platform get one entry each; each is queued once."""
    outbox = Outbox(redis_client, Keys("t"))
    outbox.ensure_groups()
    for channel in ("tg-a", "tg-b", "tg-a", "tg-b"):
        outbox.enqueue(Payload(**{**_payload().to_dict(), "channel": channel}))
    assert outbox.length("telegram") == 2
    assert sorted(outbox.payloads_for("a1")) == ["tg-a", "tg-b"]
    first = outbox.payload_for("a1", "telegram")
    assert first is not None and first.channel == "tg-a"  # no default channel: the first


def test_outside_consumer_group_reads_without_disturbing_delivery(
    redis_client: redis.Redis,
) -> None:
    keys = Keys("t")
    outbox = Outbox(redis_client, keys)
    outbox.ensure_groups()
    outbox.enqueue(_payload())
    redis_client.xgroup_create(keys.stream("telegram"), "archiver", id="0")
    got = cast(list[Any], redis_client.xreadgroup("archiver", "me", {keys.stream("telegram"): ">"}))
    assert len(got[0][1]) == 1
    assert outbox.pending("telegram") == 1  # still waiting for our delivery group


def test_drain_delivers_each_payload_once_and_acks(redis_client: redis.Redis) -> None:
    keys = Keys("t")
    outbox = Outbox(redis_client, keys)
    outbox.ensure_groups()
    for a in ("a1", "a2", "a3"):
        outbox.enqueue(_payload(a))
    d = Deliverer(redis_client, keys, consumer="w1")
    report = d.drain("telegram")
    assert len(report.delivered) == 3
    assert redis_client.xlen(keys.sent("telegram")) == 3
    assert outbox.pending("telegram") == 0
    assert d.drain("telegram").delivered == []


def test_entries_of_a_dead_consumer_are_taken_over_without_double_posting(
    redis_client: redis.Redis,
) -> None:
    keys = Keys("t")
    outbox = Outbox(redis_client, keys)
    outbox.ensure_groups()
    outbox.enqueue(_payload("a1"))
    outbox.enqueue(_payload("a2"))
    # a consumer reads both, posts a1, and dies before acknowledging anything
    redis_client.xreadgroup(GROUP, "dead", {keys.stream("telegram"): ">"}, count=2)
    dead = Deliverer(redis_client, keys, consumer="dead")
    entries = entries_of(redis_client.xrange(keys.stream("telegram")))
    from workers.pipeline import scripts

    scripts.run(redis_client, "record_dry_run",
                keys=[keys.posting("a1", "telegram:default"), keys.sent("telegram")],
                args=[entries[0][1][b"payload"], "0", 60, "telegram:default"])
    assert dead is not None
    # another worker takes them over once idle long enough
    alive = Deliverer(redis_client, keys, consumer="alive", min_idle_ms=0)
    report = alive.drain("telegram")
    assert len(report.delivered) == 1 and report.already_done == 1
    assert redis_client.xlen(keys.sent("telegram")) == 2
    assert outbox.pending("telegram") == 0
