"""`ops failures`: list, retry and discard failed tasks and payload dead letters."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import redis

from workers.config import Settings
from workers.keys import Keys
from workers.pipeline.outbox import Outbox


def _failures(ops_cli: Any, *args: str) -> list[dict[str, Any]]:
    return list(ops_cli.json("failures", *args)["failures"])


def test_failures_list_retry_and_discard(
    scenario: dict[str, Any], ops_cli: Any, wait_for: Callable[..., Any],
    task_count: Callable[[str, str], int],
) -> None:
    data = ops_cli.json("failures")
    assert data["total"] == 1
    [entry] = data["failures"]
    assert entry["task"] == "newsrelay.poll" and entry["exception"] == "TypeError"
    assert entry["kind"] == "bug" and "missing 1 required positional argument" in entry["error"]
    assert entry["args"] == [{"nope": 1}] and entry["at"] is not None
    # retries of the fetch are not failures
    assert _failures(ops_cli, "--task", "fetch") == []
    assert len(_failures(ops_cli, "--task", "newsrelay.poll")) == 1

    text = ops_cli.run("failures").stdout
    for needle in ("Failed tasks (1 shown of 1)", "newsrelay.poll", "TypeError",
                   '[{"nope": 1}]', entry["task_id"][:12], "failures retry ID"):
        assert needle in text, needle

    # retry: the same task with the same args goes out again, and fails again
    old_id = entry["task_id"]
    retried = ops_cli.json("failures", "retry", old_id[:8])["retried"]
    assert [(r["task"], r["old_task_id"], r["args"]) for r in retried] == [
        ("newsrelay.poll", old_id, [{"nope": 1}])]
    new_id = retried[0]["task_id"]
    assert new_id != old_id
    wait_for(lambda: task_count("newsrelay.poll", "failed") >= 2, what="the retried failure")
    again = wait_for(lambda: _failures(ops_cli), what="the new failure entry")
    assert [f["task_id"] for f in again] == [new_id]  # the old entry left the list

    # bad selections are one-line errors
    assert "no entry with id" in ops_cli.run("failures", "retry", "zzzzzz", expect=1).output
    assert "at least 4 characters" in ops_cli.run("failures", "discard", "ab", expect=2).output
    assert "--all" in ops_cli.run("failures", "retry", expect=2).output

    # discard --all asks first
    ops_cli.run("failures", "discard", "--all", input="n\n", expect=1)
    assert len(_failures(ops_cli)) == 1
    assert "1 discarded" in ops_cli.run("failures", "discard", new_id).stdout
    assert _failures(ops_cli) == []


def _payload(platform: str, article_id: str) -> dict[str, Any]:
    return {"platform": platform, "article_id": article_id, "text": f"story {article_id}",
            "request": {"method": "POST", "path": "/x", "json": {}},
            "share_url": f"https://example.org/{article_id}", "channel": None,
            "followups": []}


def test_dead_letters_list_retry_and_discard(
    ops_worker: Settings, ops_cli: Any, redis_client: redis.Redis,
    wait_for: Callable[..., Any],
) -> None:
    keys = Keys(ops_worker.key_prefix)
    Outbox(redis_client, keys).ensure_groups()
    # both shapes a dead-letter writer may use: wrapped with the error, or the bare payload
    redis_client.rpush(keys.dead_letter("twitter"), json.dumps(
        {"payload": _payload("twitter", "art0000aaaa"), "error": "HTTP 503 from api",
         "attempts": 5, "at": 1700000000.0}))
    redis_client.rpush(keys.dead_letter("telegram"),
                       json.dumps(_payload("telegram", "art0000bbbb")))

    rows = ops_cli.json("failures", "--dead", "all")["dead_letters"]
    assert {(r["platform"], r["article_id"], r["error"]) for r in rows} == {
        ("twitter", "art0000aaaa", "HTTP 503 from api"), ("telegram", "art0000bbbb", None)}
    text = ops_cli.run("failures", "--dead", "twitter").stdout
    assert "Payload dead letters (1)" in text and "HTTP 503 from api" in text
    assert "art0000bbbb" not in text

    status = ops_cli.json("status", "--timeout", "0.3")
    assert status["payloads"]["twitter"]["dead"] == 1
    assert "2 payload(s) in dead-letter lists" in status["problems"]

    # retry: back onto the twitter stream, and delivery (dry run here) picks it up
    done = ops_cli.json("failures", "retry", "--dead", "twitter", "art0000a")["retried"]
    assert [(d["platform"], d["article_id"]) for d in done] == [("twitter", "art0000aaaa")]
    assert redis_client.llen(keys.dead_letter("twitter")) == 0
    assert redis_client.xlen(keys.stream("twitter")) == 1
    wait_for(lambda: redis_client.xlen(keys.sent("twitter")) == 1, what="the dry-run delivery")

    assert "no entry with id" in ops_cli.run(
        "failures", "retry", "--dead", "twitter", "art0000b", expect=1).output
    out = ops_cli.run("failures", "discard", "--dead", "all", "--all", "--yes").stdout
    assert "1 discarded" in out
    assert redis_client.llen(keys.dead_letter("telegram")) == 0
    assert ops_cli.json("failures", "--dead", "all")["dead_letters"] == []
