"""`ops failures --dead`: list, retry and discard dead letters made by the real delivery path.

Every letter here comes from `Deliverer.drain` against fake platform APIs on 127.0.0.1: X
answering 401 (state `failed`) and Telegram answering after the client's timeout, once the
message was posted (state `unknown`). What "posted" means is counted by the fakes themselves.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import redis
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from support.fakeplatforms import (
    Behaviour,
    FakePlatform,
    live_config,
    running_fakes,
    sample_article,
    secrets_env,
)

import ops.failures
from ops.connect import open_env
from ops.metrics import make_registry
from workers.channels import ChannelConfig
from workers.config import Settings
from workers.keys import Keys
from workers.pipeline.deadletter import OUTCOME_UNKNOWN, discard_dead_letter
from workers.pipeline.deliver import Deliverer
from workers.pipeline.outbox import Outbox
from workers.pipeline.sharing import queue_payloads

#: short timeouts so the failure paths take fractions of a second
FAST = {"timeout": 0.4, "settle_seconds": 0.2, "lease_margin_seconds": 0.2,
        "backoff_seconds": 0.1, "claim_idle_seconds": 0.0, "max_attempts": 2,
        "inline_wait_seconds": 0.0}
CHECK_FIRST = "outcome unknown: check the channel first"


@pytest.fixture
def fakes() -> Iterator[dict[str, FakePlatform]]:
    with running_fakes("telegram", "twitter") as f:
        yield f


@pytest.fixture
def channels(fakes: dict[str, FakePlatform], tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> ChannelConfig:
    """Live channels `telegram-test` / `twitter-test` pointing at the fakes; the secrets are in
    the environment too, so the worker's `deliver` task reads the same channels."""
    for name, value in secrets_env(fakes).items():
        monkeypatch.setenv(name, value)
    return live_config(fakes, tmp_path, delivery=FAST)


@pytest.fixture
def settings(settings: Settings, tmp_path: Path, channels: ChannelConfig) -> Settings:
    """The shared settings, with the fakes' channels file (what `ops_worker` delivers with)."""
    return dataclasses.replace(settings, channels_file=tmp_path / "channels.toml")


@dataclasses.dataclass
class Letters:
    """The letters `letters` made: ids by (platform, article id), and the keys."""

    keys: Keys
    ids: dict[tuple[str, str], str]
    rows: list[dict[str, Any]]

    def id(self, platform: str, article_id: str) -> str:
        return self.ids[(platform, article_id)]


@pytest.fixture
def letters(settings: Settings, redis_client: redis.Redis, channels: ChannelConfig,
            fakes: dict[str, FakePlatform], ops_cli: Any) -> Letters:
    """article-1 and article-2 go to both channels. X refuses both with 401 (two `failed`
    letters); Telegram posts article-1 but answers after the timeout (an `unknown` letter)
    and posts article-2 normally."""
    keys = Keys(settings.key_prefix)
    for n in (1, 2):
        queue_payloads(redis_client, keys, sample_article(n), channels=channels)
    fakes["twitter"].then("unauthorized", "unauthorized")
    fakes["telegram"].then(Behaviour("slow", delay=0.8))
    deliverer = Deliverer(redis_client, keys, consumer="ops-test", config=channels)
    assert deliverer.drain("twitter").failed == 2
    assert deliverer.drain("telegram").failed == 1
    assert len(fakes["telegram"].posts) == 2 and fakes["twitter"].posts == []
    rows = ops_cli.json("failures", "--dead", "all")["dead_letters"]
    ids = {(r["platform"], r["article_id"]): r["id"] for r in rows}
    assert set(ids) == {("twitter", "article-1"), ("twitter", "article-2"),
                        ("telegram", "article-1")}
    return Letters(keys, ids, rows)


def _dead(ops_cli: Any, platform: str = "all") -> list[dict[str, Any]]:
    return list(ops_cli.json("failures", "--dead", platform)["dead_letters"])


def _metrics(settings: Settings) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = generate_latest(make_registry(open_env(settings, timeout=0.3))).decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


# --- list ------------------------------------------------------------------------------------


def test_dead_letters_are_listed_with_state_reason_and_age(
    letters: Letters, ops_cli: Any, settings: Settings
) -> None:
    by_key = {(r["platform"], r["article_id"]): r for r in letters.rows}
    failed = by_key[("twitter", "article-1")]
    assert failed["state"] == "failed" and failed["channel"] == "twitter-test"
    assert "Unauthorized" in failed["reason"] and "Unauthorized" in failed["error"]
    assert failed["attempts"] == 1 and 0 <= failed["age_seconds"] < 60
    assert failed["payload"]["article_id"] == "article-1"
    assert failed["payload"]["request"]["path"] == "/2/tweets"
    unknown = by_key[("telegram", "article-1")]
    assert unknown["state"] == "unknown" and unknown["channel"] == "telegram-test"
    assert unknown["reason"] == OUTCOME_UNKNOWN and unknown["error"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["id"]) for r in letters.rows)

    assert {r["platform"] for r in _dead(ops_cli, "telegram")} == {"telegram"}
    assert [r["article_id"] for r in _dead(ops_cli, "twitter")] == ["article-2", "article-1"]

    text = ops_cli.run("failures", "--dead", "all").stdout
    for needle in ("Payload dead letters (3)", "twitter-test", "telegram-test", "article-2",
                   "failed", "unknown", "Unauthorized", "outcome unknown",
                   "1 letter(s) in state unknown", "--posted-as POST_ID", "--force",
                   *(i[:12] for i in letters.ids.values())):
        assert needle in text, needle
    twitter_line = next(line for line in text.splitlines()
                        if letters.id("twitter", "article-1")[:12] in line)
    assert re.search(r"\b1\b.*Unauthorized.*\b\d+s\b", twitter_line), twitter_line
    assert "Payload dead letters (0)" in ops_cli.run("failures", "--dead", "facebook").stdout

    # status and metrics count them through dead_letter_counts
    status = ops_cli.json("status", "--timeout", "0.3")
    assert status["payloads"]["twitter"]["dead"] == 2
    assert status["payloads"]["telegram"]["dead"] == 1
    assert "3 payload(s) in dead-letter lists" in status["problems"]
    samples = _metrics(settings)
    assert samples[("newsrelay_payloads", (("platform", "twitter"), ("state", "dead")))] == 2
    assert samples[("newsrelay_payloads", (("platform", "telegram"), ("state", "dead")))] == 1


# --- retry -----------------------------------------------------------------------------------


def test_retry_of_an_unknown_letter_needs_force_or_a_yes(
    letters: Letters, ops_cli: Any, redis_client: redis.Redis, channels: ChannelConfig,
    fakes: dict[str, FakePlatform], monkeypatch: pytest.MonkeyPatch,
) -> None:
    letter_id = letters.id("telegram", "article-1")
    outbox = Outbox(redis_client, letters.keys)
    queued_before = outbox.length("telegram")

    # not forced, not a terminal: refused, with the reason, and nothing queued
    result = ops_cli.run("failures", "retry", "--dead", "telegram", letter_id[:8], expect=1)
    assert f"NOT retried: {CHECK_FIRST}" in result.stderr
    assert "--posted-as POST_ID" in result.stderr
    assert "0 queued, 0 already posted, 0 gone, 1 skipped (outcome unknown)" in result.stdout
    result = ops_cli.run("failures", "retry", "--dead", "telegram", letter_id[:8], "--json",
                         expect=1)
    data = json.loads(result.stdout)
    assert data["retried"] == []
    assert [(s["id"], s["state"], s["reason"]) for s in data["skipped"]] == [
        (letter_id, "unknown", CHECK_FIRST)]
    # selecting by article picks both of its letters: the failed one goes, the unknown stays
    result = ops_cli.run("failures", "retry", "--dead", "all", "article-1", expect=1)
    assert "twitter twitter-test article article-1" in result.stdout
    assert "1 queued, 0 already posted, 0 gone, 1 skipped" in result.stdout
    assert [r["id"] for r in _dead(ops_cli, "telegram")] == [letter_id]
    assert outbox.length("telegram") == queued_before

    # on a terminal it asks; "no" is a refusal too
    monkeypatch.setattr(ops.failures, "_interactive", lambda: True)
    result = ops_cli.run("failures", "retry", "--dead", "telegram", letter_id[:8],
                         input="n\n", expect=1)
    assert CHECK_FIRST in result.stdout and "Is the post NOT on the channel" in result.stdout
    assert [r["id"] for r in _dead(ops_cli, "telegram")] == [letter_id]

    # "yes" (the operator looked, the post is not there) queues it: an explicit repost
    result = ops_cli.run("failures", "retry", "--dead", "telegram", letter_id[:8], input="y\n")
    assert "telegram telegram-test article article-1" in result.stdout
    assert "queued again" in result.stdout and "1 queued" in result.stdout
    assert _dead(ops_cli, "telegram") == []
    assert outbox.length("telegram") == queued_before + 1
    Deliverer(redis_client, letters.keys, consumer="ops-test", config=channels).drain("telegram")
    assert len(fakes["telegram"].posts) == 3

    # another operator takes a letter between our read and our retry: "gone"
    select = ops.failures.select_dead

    def racing(*args: Any) -> Any:
        chosen = select(*args)
        for letter in chosen:
            assert discard_dead_letter(redis_client, letters.keys, letter.platform, letter.id)
        return chosen

    monkeypatch.setattr(ops.failures, "select_dead", racing)
    out = ops_cli.run("failures", "retry", "--dead", "twitter", "article-2").stdout
    assert "gone (retried or discarded meanwhile): nothing done" in out
    assert "0 queued, 0 already posted, 1 gone" in out


def test_retry_requeues_reports_and_nudges_delivery(
    ops_worker: Settings, letters: Letters, ops_cli: Any, redis_client: redis.Redis,
    fakes: dict[str, FakePlatform], wait_for: Callable[..., Any],
) -> None:
    tg, x = fakes["telegram"], fakes["twitter"]
    # one-line errors for bad selections and options
    assert "ambiguous" in ops_cli.run("failures", "retry", "--dead", "all", "article-",
                                      expect=1).output
    assert "no dead letter" in ops_cli.run("failures", "retry", "--dead", "telegram",
                                           "article-2", expect=1).output
    assert "--force only applies" in ops_cli.run("failures", "retry", "--force", "abcd",
                                                 expect=2).output

    # --force: both letters of article-1 are queued again, and the deliver nudge posts them
    data = ops_cli.json("failures", "retry", "--dead", "all", "article-1", "--force")
    assert data["skipped"] == []
    assert sorted((d["platform"], d["state"], d["outcome"]) for d in data["retried"]) == [
        ("telegram", "unknown", "queued"), ("twitter", "failed", "queued")]
    wait_for(lambda: len(x.posts) == 1 and len(tg.posts) == 3, what="the retried posts")
    # the worker records the outcome only after the fake platform's answer reaches it
    posting = letters.keys.posting("article-1", "twitter-test")
    wait_for(lambda: redis_client.hget(posting, "state") == b"done",
             what="X's posting of article-1 recorded as done")
    assert [(r["platform"], r["article_id"]) for r in _dead(ops_cli)] == [
        ("twitter", "article-2")]

    # the post is known done meanwhile (say: a redelivery got through): nothing is queued
    redis_client.hset(letters.keys.posting("article-2", "twitter-test"), "state", "done")
    out = ops_cli.run("failures", "retry", "--dead", "twitter",
                      letters.id("twitter", "article-2")[:10]).stdout
    assert "already posted: letter removed, nothing queued" in out
    assert "0 queued, 1 already posted, 0 gone" in out
    assert _dead(ops_cli) == []



# --- discard ---------------------------------------------------------------------------------


def test_discard_and_discard_as_posted(
    letters: Letters, ops_cli: Any, redis_client: redis.Redis, channels: ChannelConfig,
    fakes: dict[str, FakePlatform],
) -> None:
    tg = fakes["telegram"]
    unknown_id = letters.id("telegram", "article-1")
    assert "--posted-as only applies" in ops_cli.run(
        "failures", "discard", "abcd", "--posted-as", "1", expect=2).output
    assert "select exactly one letter" in ops_cli.run(
        "failures", "discard", "--dead", "all", "article-1", "--posted-as", "1",
        expect=2).output

    # the operator found the post on the channel: discard it as posted, with its id
    post_id = tg.posts[0].id
    out = ops_cli.run("failures", "discard", "--dead", "telegram", unknown_id[:8],
                      "--posted-as", post_id).stdout
    assert f"marked posted as {post_id} (never sent again)" in out and "1 discarded" in out
    posting = redis_client.hgetall(letters.keys.posting("article-1", "telegram-test"))
    assert posting[b"state"] == b"done" and posting[b"post_id"] == post_id.encode()
    assert _dead(ops_cli, "telegram") == []
    # a redelivery of that payload (its stream entry, added again) is not posted again
    stream = letters.keys.stream("telegram")
    entry = next(r for r in letters.rows if r["id"] == unknown_id)["stream_id"]
    [(_sid, fields)] = cast(list[Any], redis_client.xrange(stream, entry, entry))
    redis_client.xadd(stream, fields)
    report = Deliverer(redis_client, letters.keys, consumer="ops-test",
                       config=channels).drain("telegram")
    assert report.already_done == 1 and report.delivered == []
    assert len(tg.posts) == 2

    # a plain discard, as JSON
    data = ops_cli.json("failures", "discard", "--dead", "twitter",
                        letters.id("twitter", "article-2"))
    assert data == {"discarded": [{
        "id": letters.id("twitter", "article-2"), "platform": "twitter",
        "channel": "twitter-test", "article_id": "article-2", "state": "failed",
        "outcome": "discarded", "posted_as": None}]}
    assert "no dead letter" in ops_cli.run("failures", "discard", "--dead", "twitter",
                                           letters.id("twitter", "article-2"), expect=1).output

    # --all asks first
    ops_cli.run("failures", "discard", "--dead", "all", "--all", input="n\n", expect=1)
    assert len(_dead(ops_cli)) == 1
    out = ops_cli.run("failures", "discard", "--dead", "all", "--all", "--yes").stdout
    assert "twitter twitter-test article article-1" in out and "1 discarded" in out
    assert _dead(ops_cli) == [] and fakes["twitter"].posts == []
    status = ops_cli.json("status", "--timeout", "0.3")
    assert all(p["dead"] == 0 for p in status["payloads"].values())
