"""`newsrelay feeds ...` on a real Redis (and once on the embedded one, as a user runs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from click.testing import CliRunner, Result
from support.httpserver import LocalServer, Reply

from workers.cli import main
from workers.keys import Keys
from workers.models import FeedSpec
from workers.pipeline.feedstore import FeedStore, feed_id
from workers.pipeline.hostgate import HostGate
from workers.pipeline.poll import FeedState

OPML = Path(__file__).parent / "fixtures" / "opml"
FEEDS = Path(__file__).parent / "fixtures" / "feeds"


@pytest.fixture
def cli(redis_url: str, redis_client: redis.Redis, tmp_path: Path) -> Iterator[Any]:
    """Run `newsrelay ARGS` in-process against the test Redis; returns the click Result."""
    runner = CliRunner()
    env = {"NEWSRELAY_REDIS_URL": redis_url, "NEWSRELAY_DATA_DIR": str(tmp_path / "data"),
           "NEWSRELAY_FEEDS_FILE": "", "NEWSRELAY_CONFIG": "", "COLUMNS": "200"}

    def run(*args: str, code: int = 0) -> Result:
        result = runner.invoke(main, ["feeds", *args], env=env, catch_exceptions=False)
        assert result.exit_code == code, (args, result.output, result.stderr)
        return result

    yield run


@pytest.fixture
def store(redis_client: redis.Redis) -> FeedStore:
    return FeedStore(redis_client, Keys("nr"))


def test_add_list_pause_resume_remove(cli: Any, store: FeedStore) -> None:
    url = "https://example.com/feed.xml"
    out = cli("add", url, "--name", "Example", "--interval", "900", "--tag", "news",
              "--tag", "world").output
    fid = feed_id(url)
    assert out.startswith(f"added {fid} {url}; next poll")
    assert store.get(fid) == FeedSpec(url=url, name="Example", interval=900,
                                      tags=("news", "world"))
    # adding again updates only what is given
    assert cli("add", url, "--name", "Renamed").output.startswith("updated")
    assert store.get(fid) == FeedSpec(url=url, name="Renamed", interval=900,
                                      tags=("news", "world"))
    store.save_state(fid, {**FeedState(last_poll_at=1.0, error_count=3,
                                       consecutive_failures=2, last_error="HTTP 500",
                                       last_error_at=1.0).to_dict()})
    listing = json.loads(cli("list", "--json").output)
    row = listing["feeds"][0]
    assert row["url"] == url and row["status"] == "failing" and row["error_count"] == 3
    assert row["next_poll_at"] is not None and row["tags"] == ["news", "world"]
    text = cli("list").output
    assert "failing" in text and "Renamed" in text and "2 in a row" in text

    cli("pause", url)
    assert store.get(fid).paused and store.next_poll(fid) is None  # type: ignore[union-attr]
    assert json.loads(cli("list", "--json").output)["feeds"][0]["status"] == "paused"
    cli("resume", "Renamed")  # by name
    state = FeedState.from_dict(store.load_state(fid))
    assert state.consecutive_failures == 0 and state.error_count == 3
    assert store.next_poll(fid) is not None
    cli("remove", fid)  # by id
    assert store.all() == {} and store.load_state(fid) is None
    assert "no registered feed" in cli("remove", url, code=1).stderr


def test_add_refuses_non_http_urls(cli: Any) -> None:
    result = cli("add", "file:///etc/passwd", code=2)
    assert "is not an http(s) feed URL" in result.stderr


def test_list_shows_disabled_feeds_moves_and_blocked_hosts(
    cli: Any, store: FeedStore, redis_client: redis.Redis
) -> None:
    a = store.upsert(FeedSpec(url="https://a.example.com/feed", paused=True))
    store.save_state(a, FeedState(last_poll_at=1.0, gone=False,
                                  disabled_reason="failing for 3.2 days").to_dict())
    b = store.upsert(FeedSpec(url="https://b.example.com/old"))
    store.move(b, "https://b.example.com/new")
    HostGate(redis_client, "nr").block("c.example.com", 600, "HTTP 429 Too Many Requests")
    data = json.loads(cli("list", "--json").output)
    statuses = {f["url"]: f["status"] for f in data["feeds"]}
    assert statuses == {"https://a.example.com/feed": "disabled",
                        "https://b.example.com/new": "never_polled"}
    assert data["moved"] == {"https://b.example.com/old": "https://b.example.com/new"}
    assert data["blocked_hosts"][0]["host"] == "c.example.com"
    text = cli("list").output
    assert "failing for 3.2 days" in text and "host c.example.com blocked in" in text
    assert "moved for good: https://b.example.com/old -> https://b.example.com/new" in text
    # adding the old URL registers the new one; --exact insists on the old URL
    assert "(moved from https://b.example.com/old)" in cli("add", "https://b.example.com/old").output
    cli("add", "https://b.example.com/old", "--exact")
    assert feed_id("https://b.example.com/old") in store.all()


def test_import_export_round_trip(cli: Any, store: FeedStore, tmp_path: Path) -> None:
    out = cli("import", str(OPML / "feedly.opml")).output
    assert "4 added, 0 updated, 0 already registered, 1 skipped" in out
    assert store.get(feed_id("https://lwn.net/headlines/rss")) == FeedSpec(
        url="https://lwn.net/headlines/rss", name="LWN", tags=("Tech", "News"))
    again = json.loads(cli("import", str(OPML / "feedly.opml"), "--json").output)
    assert again["added"] == [] and len(again["unchanged"]) == 4
    exported = cli("export").stdout_bytes
    assert exported.startswith(b"<?xml") and b'xmlUrl="https://lwn.net/headlines/rss"' in exported
    target = tmp_path / "out.opml"
    cli("export", str(target))
    assert target.read_bytes() == exported or target.read_bytes()[:60] == exported[:60]
    # into an empty registry: the same feeds come back
    for fid in list(store.all()):
        store.purge(fid)
    cli("import", str(target))
    assert sorted(s.url for s in store.all().values()) == sorted(
        ["https://feeds.arstechnica.com/arstechnica/index", "https://lwn.net/headlines/rss",
         "https://feeds.bbci.co.uk/news/world/rss.xml", "https://example.org/feed.xml"])


def test_import_refuses_hostile_opml(cli: Any, store: FeedStore) -> None:
    result = cli("import", str(OPML / "billion-laughs.opml"), code=2)
    assert "DTDs and entities are not allowed" in result.stderr
    assert store.all() == {}


def test_sync_adds_updates_and_prunes(cli: Any, store: FeedStore, tmp_path: Path) -> None:
    listing = tmp_path / "feeds.toml"
    listing.write_text('[[feeds]]\nurl = "https://a.example.com/feed"\nname = "A"\n\n'
                       '[[feeds]]\nurl = "https://b.example.com/feed"\ninterval = 900\n')
    store.upsert(FeedSpec(url="https://b.example.com/feed"))
    store.upsert(FeedSpec(url="https://stale.example.com/feed"))
    dry = json.loads(cli("sync", str(listing), "--dry-run", "--json").output)
    assert dry["added"] == ["https://a.example.com/feed"]
    assert dry["updated"] == ["https://b.example.com/feed"] and dry["removed"] == []
    assert len(store.all()) == 2  # nothing changed
    out = cli("sync", str(listing)).output
    assert "1 added, 1 updated, 0 removed, 0 unchanged" in out
    assert "1 registered feeds are not in the list" in out
    assert store.get(feed_id("https://b.example.com/feed")) == FeedSpec(
        url="https://b.example.com/feed", interval=900)
    out = cli("sync", str(listing), "--prune").output
    assert "removed https://stale.example.com/feed" in out and "2 unchanged" in out
    assert len(store.all()) == 2


def test_check_explains_a_feed(cli: Any) -> None:
    with LocalServer() as srv:
        url = srv.add("/feed.xml", Reply(200, (FEEDS / "rss20.xml").read_bytes(), [
            ("Content-Type", "application/rss+xml"), ("ETag", '"v1"'),
            ("Cache-Control", "max-age=3600")]))
        report = json.loads(cli("check", url, "--json", "--allow-loopback").output)
        pinned = json.loads(cli("check", url, "--json", "--allow-loopback", "--interval",
                                "600").output)
        text = cli("check", url, "--allow-loopback").output
        gone = srv.add("/gone.xml", Reply(410, b""))
        failed = cli("check", gone, "--allow-loopback", code=1).output
        refused = cli("check", url, code=1).output  # loopback not allowed by default
    assert report["status"] == "ok" and report["format"] == "rss20"
    assert report["title"] == "Example News — World" and report["entries"] == 3
    assert report["etag"] == '"v1"' and report["cache_control"] == "max-age=3600"
    assert report["ttl"] == 1800 and report["max_age"] == 3600
    assert report["hub"] == "https://pubsubhubbub.example.com/"
    # next poll: the fixture's newest entry is from 2024, a quiet feed: polled daily (+10-20 %)
    assert report["next_poll_range"] == [95040, 103680]
    # with a pinned interval the max of interval/ttl/max-age (1 h here) wins, plus jitter
    assert pinned["next_poll_range"] == [3960, 4320] and pinned["next_poll_in"] == 4140
    assert len(report["first_entries"]) == 3 and report["first_entries"][0]["title"]
    assert "rss20" in text and "ETag" in text and "next poll" in text
    assert "410 Gone" in failed and "gone" in failed
    assert "loopback" in refused


def test_embedded_redis_keeps_the_registry_between_commands(tmp_path: Path) -> None:
    """No NEWSRELAY_REDIS_URL: each command starts the data dir's embedded Redis (AOF) and
    stops it again; what one command registered, the next sees."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRELAY_")}
    env["NEWSRELAY_LOG_LEVEL"] = "WARNING"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workers.cli", "--data-dir", str(tmp_path / "d"), "feeds",
             *args], capture_output=True, text=True, timeout=60, env=env, check=True)

    run("add", "https://example.com/feed.xml", "--name", "Kept")
    listed = json.loads(run("list", "--json").stdout)
    assert [f["name"] for f in listed["feeds"]] == ["Kept"]
    assert not (tmp_path / "d" / "redis.sock").exists()  # stopped after each command
