"""Terminal rendering shared by the ops commands (rich tables from the `collect` dicts).

Why one module: `status` and `top` must show the same thing (top is status, refreshing), and
every view formats ages, times and sizes the same way so operators can compare them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

import click
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

STATE_STYLE = {"online": "green", "stale": "yellow", "offline": "red", "ok": "green",
               "failing": "red", "gone": "red", "paused": "cyan", "never_polled": "yellow"}


def make_console(*, stderr: bool = False) -> Console:
    """A console for the current stdout: real width on a terminal, wide when piped (so text
    that scripts and tests grep is not folded mid-word)."""
    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    width = None if tty else int(os.environ.get("COLUMNS", "0") or 0) or 160
    return Console(file=stream, width=width, highlight=False, soft_wrap=False,
                   force_terminal=None if tty else False)


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def age(seconds: float | None) -> str:
    """`42s`, `3m`, `5h`, `2d`; `-` for unknown."""
    if seconds is None:
        return "-"
    s = abs(seconds)
    if s < 120:
        text = f"{s:.0f}s"
    elif s < 7200:
        text = f"{s / 60:.0f}m"
    elif s < 172800:
        text = f"{s / 3600:.0f}h"
    else:
        text = f"{s / 86400:.0f}d"
    return text if seconds >= 0 else f"in {text}"


def ago(ts: float | None, now: float | None = None) -> str:
    if not ts:
        return "never"
    now = time.time() if now is None else now
    delta = now - float(ts)
    return f"{age(delta)} ago" if delta >= 0 else age(delta)


def when(ts: float | None) -> str:
    if not ts:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(ts)))


def size(n: int | None) -> str:
    if n is None:
        return "-"
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f}{unit}" if unit == "B" else f"{value:.1f}{unit}"
        value /= 1024
    return f"{value:.1f}GiB"  # pragma: no cover


def styled(value: str) -> Text:
    return Text(value, style=STATE_STYLE.get(value, ""))


def workers_table(status: dict[str, Any]) -> Table:
    table = Table(title=f"Workers ({status['workers_online']} online)", title_justify="left")
    for col in ("worker", "state", "heartbeat", "pool", "conc", "prefetch", "processed",
                "active", "reserved", "eta", "queues"):
        table.add_column(col)
    for w in status["workers"]:
        pool = w["pool"]
        table.add_row(
            w["name"], styled(w["state"]),
            age(w["heartbeat_age"]) if w["heartbeat_age"] is not None else "-",
            str(pool.get("implementation") or "-"), str(pool.get("max_concurrency") or "-"),
            str(w.get("prefetch_count") or "-"), str(w.get("processed") or 0),
            str(len(w["active"])), str(len(w["reserved"])), str(len(w["scheduled"])),
            ",".join(w["queues"]) or "-",
        )
    if not status["workers"]:
        table.add_row("(none)", styled("offline"), *["-"] * 9)
    return table


def active_table(status: dict[str, Any]) -> Table | None:
    rows = [(w["name"], kind, t) for w in status["workers"]
            for kind in ("active", "scheduled") for t in w[kind]]
    if not rows:
        return None
    table = Table(title="Running and waiting tasks", title_justify="left")
    for col in ("worker", "kind", "task", "id", "queue", "for", "args"):
        table.add_column(col, overflow="fold")
    for name, kind, t in rows:
        table.add_row(name, "eta " + str(t.get("eta") or "") if kind == "scheduled" else kind,
                      str(t["name"]), str(t["id"])[:8], str(t.get("queue") or "-"),
                      age(t.get("running_for")), t["args"])
    return table


def queues_table(queues: list[dict[str, Any]]) -> Table:
    table = Table(title="Queues", title_justify="left")
    for col in ("queue", "ready", "unacked", "total", "consumers", "oldest unacked"):
        table.add_column(col, justify="right" if col not in ("queue",) else "left")
    for q in queues:
        missing = q.get("exists") is False
        table.add_row(q["name"] + (" (not declared)" if missing else ""), str(q["ready"]),
                      str(q["unacked"]), str(q["total"]), str(q["consumers"]),
                      age(q["oldest_unacked_age"]))
    return table


def payloads_table(payloads: dict[str, Any]) -> Table:
    table = Table(title="Payload streams", title_justify="left")
    for col in ("platform", "in stream", "undelivered", "dead letters", "sent"):
        table.add_column(col, justify="left" if col == "platform" else "right")
    for platform, p in payloads.items():
        table.add_row(platform, str(p["queued"]), str(p["pending"]), str(p["dead"]),
                      str(p["sent"]))
    return table


def tasks_table(tasks: list[dict[str, Any]]) -> Table:
    table = Table(title="Tasks: last minute (per-minute average over the last hour)",
                  title_justify="left")
    for col in ("task", "succeeded", "failed", "retried", "avg runtime", "total ok",
                "total failed", "last success"):
        table.add_column(col, justify="left" if col == "task" else "right")
    for t in tasks:
        lm, ph, tot = t["last_minute"], t["per_minute_last_hour"], t["totals"]
        cells = [f"{lm.get(s, 0)} ({ph.get(s, 0):g})" for s in ("succeeded", "failed", "retried")]
        rt = t["runtime_avg_last_minute"] or t["runtime_avg"]
        table.add_row(t["task"], *cells, f"{rt:.3f}s" if rt is not None else "-",
                      str(tot.get("succeeded", 0)), str(tot.get("failed", 0)),
                      ago(t["last"].get("succeeded")))
    if not tasks:
        table.add_row("(no task has run yet)", *["-"] * 7)
    return table


def summary_lines(status: dict[str, Any]) -> Text:
    d, r, f = status["dispatcher"], status["redis"], status["feeds"]
    text = Text()
    tick = ("never" if d["last_tick"] is None else f"{age(d['age'])} ago")
    text.append("Dispatcher: ")
    text.append("alive" if d["alive"] else "NOT ticking", style="green" if d["alive"] else "red")
    text.append(f", last tick {tick}, {d['scheduled_feeds']} feeds scheduled, "
                f"{d['overdue_feeds']} overdue\n")
    if r.get("up"):
        text.append(f"Redis {r['version']}: {r['used_memory_human']} used"
                    + (f" of {size(r['maxmemory'])}" if r["maxmemory"] else "")
                    + f", policy {r['maxmemory_policy']}, AOF "
                    + ("on" + (f" ({r['appendfsync']})" if r["appendfsync"] else "")
                       if r["aof_enabled"] else "OFF")
                    + f", last save {ago(r['rdb_last_save_time'])}, "
                    f"{r['rdb_changes_since_last_save']} changes since, {r['keys']} keys\n")
    else:
        text.append(f"Redis: DOWN ({r.get('error')})\n", style="red")
    text.append(f"Feeds: {f['total']} registered, {f['ok']} ok, {f['failing']} failing, "
                f"{f['paused']} paused, {f['gone']} gone, {f['never_polled']} never polled, "
                f"{f['overdue']} overdue\n")
    c = status["counters"]
    text.append(f"Articles: {status['articles']} stored; dedup originals "
                f"{c.get('dedup:original', 0)}, URL hits {c.get('dedup:seen_url', 0)}, "
                f"text duplicates {c.get('dedup:duplicate_text', 0)}; "
                f"failures recorded {status['failures_recorded']}\n")
    text.append(f"Broker: {status['broker']['kind']} {status['broker']['url']}")
    return text


def problems_text(status: dict[str, Any]) -> Text:
    if not status["problems"]:
        return Text("No problems found.", style="green")
    text = Text("Problems:\n", style="bold red")
    for p in status["problems"]:
        text.append(f"  - {p}\n", style="red")
    return text


def status_view(status: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [summary_lines(status), workers_table(status)]
    active = active_table(status)
    if active is not None:
        parts.append(active)
    parts += [queues_table(status["queues"]), payloads_table(status["payloads"]),
              tasks_table(status["tasks"]), problems_text(status)]
    return Group(*parts)
