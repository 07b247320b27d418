"""The CLI as a user runs it: real subprocesses, real workers, real HTTP on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from support.procs import processes

from workers.demo import DemoSite
from workers.models import PLATFORMS

SITE = Path(__file__).parent / "fixtures" / "site"
SEED = "Putin Proposes Direct Peace Talks"


def newsrelay(*args: str, env: dict[str, str] | None = None,
              timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workers.cli", *args],
        capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "NEWSRELAY_LOG_LEVEL": "WARNING", **(env or {})},
    )


@pytest.fixture
def site() -> Iterator[DemoSite]:
    with DemoSite(root=SITE, feeds=("rss.xml", "atom.xml")) as s:
        yield s


def test_demo_json_shows_clean_seed_article_and_five_payloads(redis_client: redis.Redis) -> None:
    proc = newsrelay("demo", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert all(f["status"] == "ok" for f in report["feeds"]), report["feeds"]
    seed = next(a for a in report["articles"] if a["title"] and SEED in a["title"])
    assert "Istanbul" in seed["text"]
    assert "The Ukrainian government has yet to officially respond" in seed["text"]
    for junk in ("Kindly share this story", "Share on whatsapp", "Related Articles", "Top News"):
        assert junk not in seed["text"]
    originals = [a for a in report["articles"] if a["duplicate_of"] is None]
    for platform in PLATFORMS:
        assert len(report["payloads"][platform]) == len(originals)
        ids = {p["article_id"] for p in report["payloads"][platform]}
        assert seed["id"] in ids


def test_demo_text_output_is_readable(redis_client: redis.Redis) -> None:
    proc = newsrelay("demo")
    assert proc.returncode == 0, proc.stderr
    assert SEED in proc.stdout
    for platform in PLATFORMS:
        assert platform in proc.stdout
    assert "Share on whatsapp" not in proc.stdout


def test_once_json_report(site: DemoSite, tmp_path: Path, redis_url: str,
                          redis_client: redis.Redis) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.feed_urls[0]}\n{site.base_url}/missing.xml\n")
    env = {"NEWSRELAY_REDIS_URL": redis_url, "NEWSRELAY_ALLOW_LOOPBACK": "true"}
    proc = newsrelay("once", "--feeds", str(feeds), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert [f["status"] for f in report["feeds"]] == ["ok", "error"]
    assert "404" in report["feeds"][1]["error"]
    assert report["feeds"][0]["new_items"] == 2
    for a in report["articles"]:
        assert set(a) >= {"id", "url", "title", "text", "feed_url", "duplicate_of"}
        assert a["feed_url"] == site.feed_urls[0]
    assert sorted(report["payloads"]) == sorted(PLATFORMS)
    assert all(len(v) == 2 for v in report["payloads"].values())
    # again: nothing new
    again = json.loads(newsrelay("once", "--feeds", str(feeds), "--json", env=env).stdout)
    assert again["articles"] == [] and again["feeds"][0]["new_items"] == 0


def test_once_refuses_loopback_unless_allowed(site: DemoSite, tmp_path: Path, redis_url: str,
                                              redis_client: redis.Redis) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.feed_urls[0]}\n")
    proc = newsrelay("once", "--feeds", str(feeds), "--json",
                     env={"NEWSRELAY_REDIS_URL": redis_url, "NEWSRELAY_ALLOW_LOOPBACK": "false"})
    assert proc.returncode == 0, proc.stderr
    feed = json.loads(proc.stdout)["feeds"][0]
    assert feed["status"] == "error" and "127.0.0.1" in feed["error"]


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["once", "--feeds", "/nonexistent.toml"], {}, "does not exist"),
        (["once", "--feeds", "{bad}"], {}, "feed url"),
        (["demo"], {"NEWSRELAY_REDIS_URL": "http://nowhere"}, "NEWSRELAY_REDIS_URL"),
        (["demo"], {"NEWSRELAY_POLL_INTERVAL": "often"}, "NEWSRELAY_POLL_INTERVAL"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, args: list[str], env: dict[str, str],
                                     message: str) -> None:
    if "{bad}" in args:
        bad = tmp_path / "bad.txt"
        bad.write_text("not-a-url\n")
        args = [a.replace("{bad}", str(bad)) for a in args]
    proc = newsrelay(*args, env=env, timeout=60)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_up_runs_polls_and_stops_cleanly_keeping_state(site: DemoSite, tmp_path: Path) -> None:
    """`up` on the embedded Redis: payloads appear, Ctrl-C stops it, the AOF keeps them."""
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.feed_urls[0]}\n")
    data = tmp_path / "data"
    env = {**os.environ, "NEWSRELAY_ALLOW_LOOPBACK": "true", "NEWSRELAY_LOG_LEVEL": "WARNING"}
    env.pop("NEWSRELAY_REDIS_URL", None)
    # started as a shell starts a background job, with SIGINT ignored: SIGINT still stops it
    proc = subprocess.Popen(
        [sys.executable, "-m", "workers.cli", "--data-dir", str(data), "up", "--feeds",
         str(feeds)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    sock = None
    try:
        deadline = time.monotonic() + 120
        count = 0
        while time.monotonic() < deadline:
            candidates = list(data.glob("redis.sock"))
            if candidates:
                sock = candidates[0]
                try:
                    count = redis.Redis(unix_socket_path=str(sock)).xlen("nr:stream:telegram")
                except redis.RedisError:
                    count = 0
                if count == 2:
                    break
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.5)
        assert count == 2
        assert _foreign_fork_servers()  # the feed was parsed in a child of a pool's server
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    assert "stopped" in err
    assert (sock is not None and not sock.exists()) or not _answers(sock)
    # the pool processes' feed-parse fork servers went with them
    deadline = time.monotonic() + 15
    while _foreign_fork_servers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _foreign_fork_servers()
    assert (data / "appendonlydir").exists() or (data / "appendonly.aof").exists()
    # the data survives: restart the embedded Redis alone and read the stream back
    from workers.embedded_redis import EmbeddedRedis

    with EmbeddedRedis(data) as again:
        client = redis.Redis(unix_socket_path=str(again.socket))
        assert client.xlen("nr:stream:telegram") == 2
        assert client.zcard("nr:schedule") == 1


def _foreign_fork_servers() -> list[int]:
    """Fork servers (`workers.pipeline.forkserver`) not started by this test process."""
    return [p.pid for p in processes()
            if p.alive and p.ppid != os.getpid()
            and b"workers.pipeline.forkserver" in p.cmdline()]


def _answers(sock: Path) -> bool:
    try:
        return bool(redis.Redis(unix_socket_path=str(sock), socket_timeout=1).ping())
    except redis.RedisError:
        return False
