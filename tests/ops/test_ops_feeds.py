"""`ops feeds`: every feed's health from registry, poll state, schedule and seen entries."""

from __future__ import annotations

from typing import Any

import redis

from workers.config import Settings
from workers.keys import Keys
from workers.models import FeedSpec
from workers.pipeline.feedstore import FeedStore


def test_feeds_health_text_json_and_failing_filter(
    scenario: dict[str, Any], ops_cli: Any, redis_client: redis.Redis, settings: Settings
) -> None:
    store = FeedStore(redis_client, Keys(settings.key_prefix))
    store.upsert(FeedSpec(url="http://127.0.0.1:9/paused.xml", paused=True))
    store.upsert(FeedSpec(url="http://127.0.0.1:9/new.xml"), schedule_now=False)

    data = ops_cli.json("feeds")
    assert data["summary"] == {"total": 4, "ok": 1, "failing": 1, "paused": 1, "gone": 0,
                               "never_polled": 1, "overdue": 0}
    feeds = {f["url"]: f for f in data["feeds"]}
    assert data["feeds"][0]["url"] == scenario["bad"]  # failing feeds come first

    bad = feeds[scenario["bad"]]
    assert bad["health"] == "failing" and bad["http_status"] == 500
    assert bad["error_count"] == 1 and bad["consecutive_failures"] == 1
    assert "500" in bad["last_error"] and bad["last_error_at"] is not None
    assert bad["next_poll_at"] is not None and bad["next_poll_in"] > 0
    assert bad["entries_seen"] == 0

    good = feeds[scenario["good"]]
    assert good["health"] == "ok" and good["http_status"] == 200 and good["error_count"] == 0
    assert good["name"] == "good" and good["last_error"] is None
    assert good["entries_seen"] == 1 and good["entries_last_day"] == 1
    assert good["entries_per_day"] == round(1 / 7, 2)
    assert good["last_poll_at"] is not None and good["next_poll_in"] > 0

    assert feeds["http://127.0.0.1:9/paused.xml"]["health"] == "paused"
    assert feeds["http://127.0.0.1:9/new.xml"]["health"] == "never_polled"

    failing = ops_cli.json("feeds", "--failing")
    assert [f["url"] for f in failing["feeds"]] == [scenario["bad"]]

    text = ops_cli.run("feeds").stdout
    for needle in ("Feeds (4)", scenario["bad"], scenario["good"], "failing", "500",
                   "1 in a row", "paused", "never_polled",
                   "4 feeds: 1 ok, 1 failing, 0 gone, 1 paused, 1 never polled, 0 overdue"):
        assert needle in text, needle
    only_failing = ops_cli.run("feeds", "--failing").stdout
    assert scenario["bad"] in only_failing and scenario["good"] not in only_failing


def test_feed_state_is_read_defensively(
    ops_cli: Any, redis_client: redis.Redis, settings: Settings
) -> None:
    """A state JSON from another version (unknown fields, missing ones, junk) never breaks."""
    keys = Keys(settings.key_prefix)
    store = FeedStore(redis_client, keys)
    a = store.upsert(FeedSpec(url="http://127.0.0.1:9/a.xml"))
    b = store.upsert(FeedSpec(url="http://127.0.0.1:9/b.xml"))
    store.upsert(FeedSpec(url="http://127.0.0.1:9/c.xml"))
    redis_client.set(keys.feed_state(a), '{"last_poll_at": 1.0, "future_field": [1, 2], '
                     '"gone": true}')
    redis_client.set(keys.feed_state(b), "not json")
    data = ops_cli.json("feeds")
    health = {f["url"].rsplit("/", 1)[-1]: f["health"] for f in data["feeds"]}
    assert health == {"a.xml": "gone", "b.xml": "never_polled", "c.xml": "never_polled"}
    # registered feeds scheduled "now" are overdue once the dispatcher missed them
    redis_client.zadd(keys.schedule, {a: 1.0})
    assert ops_cli.json("feeds", "--failing")["summary"]["overdue"] >= 1
