"""Real Celery worker, real Redis: 50 dedup tasks for one story produce one article and one
set of payloads, and a redelivered task produces nothing twice (issue 4)."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery.signals import task_prerun

from workers.config import Settings
from workers.keys import Keys
from workers.models import PLATFORMS, ExtractedArticle, FeedEntry
from workers.pipeline.runs import RunTracker
from workers.pipeline.store import ArticleStore

STORY = "\n\n".join(
    f"Paragraph {i}: the harbour authority said on Tuesday that flood barrier section {i} "
    f"will be finished before the winter storms reach the bay, the project engineers added."
    for i in range(10)
)


def _messages(i: int, *, variant: bool) -> tuple[dict[str, Any], dict[str, Any], str]:
    """What extract hands to dedup: the entry, the extracted article and the fetched URL.

    variant=False: 50 sightings of one article (one URL, e.g. one feed polled twice and
    redelivered). variant=True: 50 outlets' republications of one wire story (own URL with a
    tracking tail, own boilerplate, one word changed).
    """
    if variant:
        url = f"https://outlet{i}.example/news/harbour-barrier?utm_source=feed{i}&fbclid=x{i}"
        text = (f"Outlet {i} news desk\n\n" + STORY.replace("winter", f"w{i}", 1)
                + f"\n\nRead more at outlet {i}.")
        feed = f"https://outlet{i}.example/feed.xml"
    else:
        url = f"https://harbour.example/news/barrier?utm_source=feed{i}&utm_medium=rss#top"
        text = STORY
        feed = f"https://feed{i % 7}.example/rss.xml"
    entry = FeedEntry(feed_url=feed, entry_id=f"e{i}", link=url, title="Barrier nearly done")
    extracted = ExtractedArticle(title="Harbour barrier nearly done", text=text, url=None,
                                 site_name="Harbour News", word_count=len(text.split()))
    return entry.to_dict(), extracted.to_dict(), url


@pytest.fixture
def started() -> Iterator[Counter[str]]:
    """Counts the tasks the worker starts, by name."""
    counts: Counter[str] = Counter()
    lock = threading.Lock()

    def on_prerun(sender: Any = None, **_: Any) -> None:
        with lock:
            counts[sender.name] += 1

    task_prerun.connect(on_prerun, weak=False)
    yield counts
    task_prerun.disconnect(on_prerun)


def _send_and_wait(client: redis.Redis, keys: Keys, sends: list[tuple[str, tuple[Any, ...]]],
                   timeout: float = 120.0) -> None:
    """Send every (task_id, args) dedup task at once as one run, wait until the run is idle."""
    from workers.tasks import dedup

    run_id = uuid.uuid4().hex
    run = RunTracker(client, keys, run_id)
    run.add_pending(*(tid for tid, _ in sends))
    for tid, args in sends:
        dedup.apply_async(args=args, kwargs={"run_id": run_id}, task_id=tid)
    deadline = time.monotonic() + timeout
    while run.pending() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert run.pending() == 0, f"run not idle after {timeout}s"


def _streams(client: redis.Redis, keys: Keys) -> dict[str, int]:
    return {p: int(client.xlen(keys.stream(p))) for p in PLATFORMS}


@pytest.mark.parametrize("variant", [False, True], ids=["same-article", "near-duplicates"])
def test_fifty_dedup_tasks_make_one_article_and_one_set_of_payloads(
    celery_worker: Settings, redis_client: redis.Redis, started: Counter[str], variant: bool
) -> None:
    keys = Keys(celery_worker.key_prefix)
    sends = [(str(uuid.uuid4()), _messages(i, variant=variant)) for i in range(50)]
    _send_and_wait(redis_client, keys, sends)

    assert started["newsrelay.dedup"] == 50
    assert started["newsrelay.format"] == 1
    assert _streams(redis_client, keys) == dict.fromkeys(PLATFORMS, 1)
    store = ArticleStore(redis_client, keys)
    ids = store.recent_ids(100)
    originals = [a for a in store.get_many(ids) if a is not None and a.duplicate_of is None]
    assert len(originals) == 1
    if variant:  # 50 URLs: one original, 49 stored duplicates of it, all 50 feeds credited
        assert len(ids) == 50
        assert len(store.duplicates(originals[0].id)) == 49
        assert len(originals[0].sources) == 50
    else:  # one URL: one article record, every feed credited
        assert len(ids) == 1
        assert len(originals[0].sources) == 7
    assert not redis_client.lrange(keys.failures, 0, -1)


def test_redelivered_dedup_task_produces_nothing_twice(
    celery_worker: Settings, redis_client: redis.Redis
) -> None:
    """Celery redelivers with the same task id: the claim lets the creator carry on (the
    format task runs again) and the payload claims keep one payload per platform."""
    keys = Keys(celery_worker.key_prefix)
    tid = str(uuid.uuid4())
    args = _messages(0, variant=False)
    _send_and_wait(redis_client, keys, [(tid, args)])
    first = _streams(redis_client, keys)
    _send_and_wait(redis_client, keys, [(tid, args)])
    assert first == _streams(redis_client, keys) == dict.fromkeys(PLATFORMS, 1)
    assert len(ArticleStore(redis_client, keys).recent_ids(10)) == 1
