"""Feed registry and the dispatcher's atomic claims on a real Redis."""

from __future__ import annotations

import threading

import redis

from workers.keys import Keys
from workers.models import FeedSpec
from workers.pipeline.feedstore import FeedStore, feed_id


def test_two_schedulers_never_claim_the_same_slot(redis_url: str,
                                                  redis_client: redis.Redis) -> None:
    from workers.redis_client import connect

    store = FeedStore(redis_client, Keys("t"))
    for i in range(300):
        store.upsert(FeedSpec(url=f"https://example.com/{i}.xml"))
    claimed: list[list[str]] = []
    barrier = threading.Barrier(4)

    def tick() -> None:
        s = FeedStore(connect(redis_url), Keys("t"))
        barrier.wait()
        got: list[str] = []
        for _ in range(10):
            got += s.claim_due(limit=20)
        claimed.append(got)

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    flat = [f for c in claimed for f in c]
    assert len(flat) == len(set(flat)) == 300


def test_leased_feed_is_not_due_until_the_lease_ends(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    fid = store.upsert(FeedSpec(url="https://example.com/a.xml"))
    assert store.claim_due(now=1e10, lease=900) == [fid]
    assert store.claim_due(now=1e10 + 10, lease=900) == []
    assert store.claim_due(now=1e10 + 901, lease=900) == [fid]


def test_paused_feed_leaves_the_schedule(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    url = "https://example.com/a.xml"
    store.upsert(FeedSpec(url=url))
    store.upsert(FeedSpec(url=url, paused=True))
    assert store.next_poll(feed_id(url)) is None
    assert store.get(feed_id(url)) == FeedSpec(url=url, paused=True)


def test_seen_entries(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    assert store.unseen("f", ["a", "b"]) == [True, True]
    store.mark_seen("f", ["a"], now=100)
    assert store.unseen("f", ["a", "b"]) == [False, True]
    assert store.trim_seen("f", older_than=200) == 1
    assert store.unseen("f", ["a"]) == [True]
