"""Article claims on a real Redis: one winner under concurrency, redelivery-safe."""

from __future__ import annotations

import threading

import redis

from workers.keys import Keys
from workers.models import Article
from workers.pipeline.store import ArticleStore, article_id_for, text_hash


def _article(url: str, text: str = "Some article text about the harbour.") -> Article:
    return Article(id=article_id_for(url), url=url, title="T", text=text, feed_url="f1")


def test_first_sighting_creates_and_later_ones_are_seen(redis_client: redis.Redis) -> None:
    store = ArticleStore(redis_client, Keys("t"))
    a = _article("https://example.com/a")
    assert store.claim(a, owner="task-1", source="feed-1").is_new_original
    again = store.claim(a, owner="task-2", source="feed-2")
    assert again.state == "seen"
    stored = store.get(a.id)
    assert stored is not None and stored.text == a.text
    assert stored.sources == ["feed-1", "feed-2"]


def test_redelivered_creator_carries_on(redis_client: redis.Redis) -> None:
    """A crash after the claim must not lose the article: the same task id claims again."""
    store = ArticleStore(redis_client, Keys("t"))
    a = _article("https://example.com/a")
    assert store.claim(a, owner="task-1", source="f").is_new_original
    assert store.claim(a, owner="task-1", source="f").is_new_original


def test_same_text_under_another_url_is_a_duplicate(redis_client: redis.Redis) -> None:
    store = ArticleStore(redis_client, Keys("t"))
    a = _article("https://one.example/a", "The  same\nstory text.")
    b = _article("https://two.example/b", "the same story TEXT.")
    assert text_hash(a.text) == text_hash(b.text)
    assert store.claim(a, owner="t1", source="f1").is_new_original
    claim = store.claim(b, owner="t2", source="f2")
    assert claim.state == "created" and claim.duplicate_of == a.id
    assert not claim.is_new_original
    stored_b = store.get(b.id)
    assert stored_b is not None and stored_b.duplicate_of == a.id
    original = store.get(a.id)
    assert original is not None and "f2" in original.sources


def test_fifty_concurrent_claims_have_one_winner(redis_url: str,
                                                 redis_client: redis.Redis) -> None:
    from workers.redis_client import connect

    a = _article("https://example.com/hot-story")
    barrier = threading.Barrier(50)
    results: list[bool] = []
    lock = threading.Lock()

    def claim(i: int) -> None:
        store = ArticleStore(connect(redis_url), Keys("t"))
        barrier.wait()
        won = store.claim(a, owner=f"task-{i}", source=f"feed-{i % 7}").is_new_original
        with lock:
            results.append(won)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 50
    assert results.count(True) == 1
    stored = ArticleStore(redis_client, Keys("t")).get(a.id)
    assert stored is not None and len(stored.sources) == 7


def test_records_expire_with_retention(redis_client: redis.Redis) -> None:
    store = ArticleStore(redis_client, Keys("t"), retention_days=2)
    a = _article("https://example.com/a")
    store.claim(a, owner="x", source="f")
    ttl = redis_client.ttl(Keys("t").article(a.id))
    assert 2 * 86400 - 10 < ttl <= 2 * 86400
