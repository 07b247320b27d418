"""`ops trigger`: manual work goes through the same queues and the same dedup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis

from workers.config import Settings
from workers.keys import Keys
from workers.models import PLATFORMS, FeedSpec
from workers.pipeline.feedstore import FeedStore, feed_id
from workers.pipeline.outbox import Outbox

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"


def test_trigger_fetch_and_share_are_deduplicated(
    ops_worker: Settings, ops_cli: Any, site: Any, redis_client: redis.Redis,
    wait_for: Callable[..., Any], task_count: Callable[[str, str], int],
) -> None:
    keys = Keys(ops_worker.key_prefix)
    Outbox(redis_client, keys).ensure_groups()
    url = site.add("/news/flood-barrier.html", 200,
                   (SITE / "news" / "flood-barrier.html").read_bytes())

    sent = ops_cli.json("trigger", "fetch", url)["sent"]
    assert [(s["task"], s["queue"]) for s in sent] == [("newsrelay.fetch", "fetch")]
    assert sent[0]["args"][0]["feed_url"] == "manual" and sent[0]["args"][0]["link"] == url
    wait_for(lambda: all(redis_client.xlen(keys.stream(p)) == 1 for p in PLATFORMS),
             what="one payload per platform")
    [article_id] = [a.decode() for a in redis_client.zrange(keys.articles_index, 0, -1)]

    # the same URL again: fetched, extracted, and stopped by the dedup claim
    text = ops_cli.run("trigger", "fetch", url).stdout
    assert f"sent newsrelay.fetch for {url} to queue fetch" in text
    wait_for(lambda: task_count("newsrelay.dedup", "succeeded") >= 2, what="second dedup")
    counters = ops_cli.json("status", "--timeout", "0.3")["counters"]
    assert counters["dedup:original"] == 1 and counters["dedup:seen_url"] == 1

    # share again: the payload claims make it a no-op per platform
    shared = ops_cli.json("trigger", "share", article_id, "--channel", "twitter")
    assert shared["sent"][0]["task"] == "newsrelay.format"
    assert "not used yet" in shared["note"]
    wait_for(lambda: task_count("newsrelay.format", "succeeded") >= 2, what="second format")
    assert all(redis_client.xlen(keys.stream(p)) == 1 for p in PLATFORMS)

    assert "no stored article" in ops_cli.run("trigger", "share", "nope", expect=1).output
    assert "Invalid value for '--channel'" in ops_cli.run(
        "trigger", "share", article_id, "--channel", "myspace", expect=2).output
    assert "http(s) URL" in ops_cli.run("trigger", "fetch", "ftp://x/y", expect=2).output


def test_trigger_poll_by_url_id_and_name(
    ops_worker: Settings, ops_cli: Any, site: Any, redis_client: redis.Redis,
    wait_for: Callable[..., Any], task_count: Callable[[str, str], int],
) -> None:
    store = FeedStore(redis_client, Keys(ops_worker.key_prefix))
    url = site.rss("/feed.xml", [])
    store.upsert(FeedSpec(url=url, name="local"))
    store.upsert(FeedSpec(url=site.base + "/paused.xml", paused=True))

    for ref in (url, feed_id(url), "local"):
        sent = ops_cli.json("trigger", "poll", ref)["sent"]
        assert [(s["task"], s["args"][0]["url"]) for s in sent] == [("newsrelay.poll", url)]
    wait_for(lambda: task_count("newsrelay.poll", "succeeded") == 3, what="three polls")
    assert site.hits["/feed.xml"] == 3
    # --all skips paused feeds
    assert [s["args"][0]["url"] for s in ops_cli.json("trigger", "poll", "--all")["sent"]] == [url]

    assert "no registered feed" in ops_cli.run("trigger", "poll", "elsewhere", expect=1).output
    assert "name a FEED, or use --all" in ops_cli.run("trigger", "poll", expect=2).output
