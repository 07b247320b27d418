"""`newsrelay ops feeds`: every feed's health (`python -m ops.feeds`).

Reads the registry, each feed's poll state (written by the poller; read as a plain dict so a
field added or renamed there never breaks ops), its next time in the schedule and its seen-set
(entries per day). `--failing` keeps the feeds that need a look: failing, gone or overdue.
"""

from __future__ import annotations

import time
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ops.collect import collect_feeds, feed_summary
from ops.connect import open_env
from ops.options import json_option
from ops.render import age, ago, echo_json, make_console, styled


def failing_only(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r["health"] in ("failing", "gone") or r["overdue"]]


def feeds_table(rows: list[dict[str, Any]], now: float) -> Table:
    table = Table(title=f"Feeds ({len(rows)})", title_justify="left")
    for col in ("health", "feed", "last poll", "http", "errors", "last error", "next poll",
                "entries/day"):
        table.add_column(col, overflow="fold")
    for r in rows:
        nxt = r["next_poll_in"]
        next_text = ("paused" if r["paused"] else "-" if nxt is None
                     else ("due " + age(-nxt) + " ago" if nxt < 0 else "in " + age(nxt)))
        if r["overdue"]:
            next_text += " (overdue)"
        err = r["last_error"] or ""
        if err and r["last_error_at"]:
            err = f"{err} ({ago(r['last_error_at'], now)})"
        table.add_row(
            styled(r["health"]), Text(r["url"] or r["id"]), ago(r["last_poll_at"], now),
            str(r["http_status"] or "-"),
            f"{r['error_count']}" + (f" ({r['consecutive_failures']} in a row)"
                                     if r["consecutive_failures"] else ""),
            Text(err), next_text, f"{r['entries_per_day']:g}",
        )
    return table


@click.command("feeds")
@click.option("--failing", is_flag=True, help="Only feeds that are failing, gone or overdue.")
@json_option
def feeds_cmd(failing: bool, json_out: bool) -> None:
    """Feed health: last poll, status, HTTP code, errors, last error, next poll, entries/day."""
    env = open_env()
    now = time.time()
    rows = collect_feeds(env, now)
    summary = feed_summary(rows)
    if failing:
        rows = failing_only(rows)
    if json_out:
        echo_json({"summary": summary, "feeds": rows})
        return
    console = make_console()
    console.print(feeds_table(rows, now))
    console.print(f"{summary['total']} feeds: {summary['ok']} ok, {summary['failing']} failing, "
                  f"{summary['gone']} gone, {summary['paused']} paused, "
                  f"{summary['never_polled']} never polled, {summary['overdue']} overdue")


if __name__ == "__main__":  # pragma: no cover - script entry point
    feeds_cmd(prog_name="python -m ops.feeds")
