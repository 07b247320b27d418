"""`ops failures`: list, retry and discard failed tasks (dead letters: test_ops_deadletters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


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

