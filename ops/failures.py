"""`newsrelay ops failures`: recent failed tasks and payload dead letters; retry or discard.

Task failures live in the capped Redis list `Keys.failures` (written by `pipeline_task`, and by
`workers.telemetry` for failures that never reached the task body), each with the task name,
id, exception, message and positional arguments, so a retry is simply the same task sent
again with the same arguments, through the same queue; the stages are idempotent (Redis claims),
so retrying something that partly ran does not double its effects. A retried or discarded
entry leaves the list; a retried task that fails again is recorded again.

Payload dead letters (`Keys.dead_letter(platform)`, a list per platform) hold payloads that
kept failing delivery: either the payload JSON itself or `{"payload": {...}, "error": ...}`.
Retrying one appends it to the platform's stream with XADD (the same fields
`enqueue_payload.lua` writes) and nudges delivery. `Outbox.enqueue` cannot be used: the
payload's claim key still exists, so it would answer "already queued" and do nothing. The
posting key per (article, channel) still guarantees that a payload is posted at most once.

Entries are chosen by task id (or article id for dead letters); any unique prefix of at
least 4 characters will do, as with git hashes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ops.connect import OpsEnv, open_env
from ops.options import json_option
from ops.render import ago, echo_json, make_console
from workers.models import PLATFORMS
from workers.telemetry import FAILURES_KEPT

MIN_PREFIX = 4


@dataclass
class Entry:
    """One list element: its exact stored bytes (for LREM) and its decoded content."""

    raw: bytes | str
    data: dict[str, Any]
    index: int

    @property
    def ident(self) -> str:
        return str(self.data.get("task_id") or "")


@dataclass
class DeadEntry:
    """One dead letter: the list it sits in, its stored bytes, and the payload inside."""

    platform: str
    raw: bytes | str
    wrapper: dict[str, Any]
    payload: dict[str, Any]
    index: int

    @property
    def ident(self) -> str:
        return str(self.payload.get("article_id") or "")


def _lrem(env: OpsEnv, key: str, raw: bytes | str) -> int:
    """Remove one exact element (redis-py's stubs say str; bytes is what we read back)."""
    return int(env.redis.lrem(key, 1, raw))  # type: ignore[arg-type]


def _decode(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (ValueError, TypeError):
        return {"error": "unreadable entry", "raw": str(raw)[:200]}
    return value if isinstance(value, dict) else {"value": value}


def load_failures(env: OpsEnv, *, task: str | None = None,
                  limit: int = FAILURES_KEPT) -> list[Entry]:
    raws = env.redis.lrange(env.keys.failures, 0, max(limit, 1) - 1)
    out = [Entry(raw, _decode(raw), i) for i, raw in enumerate(raws)]
    if task:
        out = [e for e in out if _task_matches(str(e.data.get("task") or ""), task)]
    return out


def _task_matches(name: str, wanted: str) -> bool:
    """`poll` matches `newsrelay.poll`: operators type the short stage name."""
    return name == wanted or name.rsplit(".", 1)[-1] == wanted


def load_dead(env: OpsEnv, platforms: tuple[str, ...]) -> list[DeadEntry]:
    out = []
    for platform in platforms:
        for i, raw in enumerate(env.redis.lrange(env.keys.dead_letter(platform), 0, -1)):
            wrapper = _decode(raw)
            inner = wrapper.get("payload")
            payload = inner if isinstance(inner, dict) else wrapper
            out.append(DeadEntry(platform, raw, wrapper, payload, i))
    return out


def select(entries: list[Any], ids: tuple[str, ...], everything: bool) -> list[Any]:
    """Entries named by id prefix (each must name exactly one), or all of them."""
    if everything:
        return list(entries)
    if not ids:
        raise click.UsageError("name at least one ID, or use --all")
    chosen: list[Any] = []
    for wanted in ids:
        if len(wanted) < MIN_PREFIX:
            raise click.BadParameter(f"{wanted!r}: give at least {MIN_PREFIX} characters",
                                     param_hint="ID")
        matches = [e for e in entries if e.ident.startswith(wanted)]
        if not matches:
            raise click.ClickException(f"no entry with id {wanted!r}")
        if len({m.ident for m in matches}) > 1:
            raise click.ClickException(f"{wanted!r} is ambiguous: "
                                       + ", ".join(sorted({m.ident for m in matches})))
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def failure_row(e: Entry) -> dict[str, Any]:
    d = e.data
    return {
        "index": e.index,
        "task_id": d.get("task_id"),
        "task": d.get("task"),
        "kind": d.get("kind"),
        "exception": d.get("exception"),
        "error": d.get("error"),
        "args": d.get("args"),
        "retries": d.get("retries"),
        "at": d.get("at"),
        "run_id": d.get("run_id"),
    }


def dead_row(e: DeadEntry) -> dict[str, Any]:
    p, w = e.payload, e.wrapper
    return {
        "index": e.index,
        "platform": e.platform,
        "article_id": p.get("article_id"),
        "channel": p.get("channel"),
        "error": w.get("error") or w.get("last_error"),
        "attempts": w.get("attempts"),
        "at": w.get("at"),
        "text": p.get("text"),
    }


def _platforms(dead: str | None) -> tuple[str, ...]:
    if dead in (None, "all"):
        return PLATFORMS
    assert dead is not None
    return (dead,)


PLATFORM_CHOICE = click.Choice([*PLATFORMS, "all"])


# --- list ------------------------------------------------------------------------------------


@click.group("failures", invoke_without_command=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many recent failures to show.")
@click.option("--task", help="Only this task (`poll` or `newsrelay.poll`).")
@click.option("--dead", type=PLATFORM_CHOICE, default=None,
              help="Show payload dead letters of PLATFORM (or all) instead.")
@json_option
@click.pass_context
def failures(ctx: click.Context, limit: int, task: str | None, dead: str | None,
             json_out: bool) -> None:
    """Recent failed tasks with exception and arguments; `retry` / `discard` them.

    \b
    newsrelay ops failures                     # the last 20 failed tasks
    newsrelay ops failures retry 3f2a 91bc     # send these again (same task, same args)
    newsrelay ops failures discard --all       # forget them all
    newsrelay ops failures --dead all          # payloads that kept failing delivery
    newsrelay ops failures retry --dead twitter --all
    """
    if ctx.invoked_subcommand is not None:
        return
    env = open_env()
    now = time.time()
    if dead is not None:
        rows = [dead_row(e) for e in load_dead(env, _platforms(dead))]
        if json_out:
            echo_json({"dead_letters": rows})
            return
        table = Table(title=f"Payload dead letters ({len(rows)})", title_justify="left")
        for col in ("platform", "article", "channel", "error", "when", "text"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["platform"], str(r["article_id"]), str(r["channel"] or "-"),
                          Text(str(r["error"] or "-")), ago(r["at"], now),
                          Text((r["text"] or "")[:80]))
        make_console().print(table)
        return
    total = int(env.redis.llen(env.keys.failures))
    entries = load_failures(env, task=task, limit=FAILURES_KEPT if task else limit)[:limit]
    rows = [failure_row(e) for e in entries]
    if json_out:
        echo_json({"total": total, "failures": rows})
        return
    table = Table(title=f"Failed tasks ({len(rows)} shown of {total})", title_justify="left")
    for col in ("when", "task", "id", "kind", "error", "args"):
        table.add_column(col, overflow="fold")
    for r in rows:
        error = f"{r['exception']}: {r['error']}" if r["exception"] else str(r["error"])
        table.add_row(ago(r["at"], now), str(r["task"]), str(r["task_id"] or "-")[:12],
                      str(r["kind"]), Text(error),
                      Text(json.dumps(r["args"], ensure_ascii=False, default=str)[:160]))
    console = make_console()
    console.print(table)
    if rows:
        console.print("retry: newsrelay ops failures retry ID...   discard: "
                      "newsrelay ops failures discard ID...")


# --- retry / discard -------------------------------------------------------------------------


def retry_failures(env: OpsEnv, chosen: list[Entry]) -> list[dict[str, Any]]:
    """Send each chosen task again (same name and arguments), then drop its entry."""
    done = []
    for e in chosen:
        name = e.data.get("task")
        if not name:
            raise click.ClickException(f"entry {e.index} names no task; discard it instead")
        args = e.data.get("args") or []
        kwargs = e.data.get("kwargs") or {}
        result = env.app.send_task(str(name), args=list(args), kwargs=dict(kwargs))
        _lrem(env, env.keys.failures, e.raw)
        done.append({"task": name, "old_task_id": e.ident, "task_id": result.id, "args": args})
    return done


def retry_dead(env: OpsEnv, chosen: list[DeadEntry]) -> list[dict[str, Any]]:
    """Put dead payloads back on their stream (XADD, see the module docstring), then nudge."""
    done = []
    for e in chosen:
        payload = e.payload
        target = e.platform
        fields = {"article_id": str(payload.get("article_id") or ""),
                  "payload": json.dumps(payload, ensure_ascii=False)}
        pipe = env.redis.pipeline(transaction=True)
        pipe.xadd(env.keys.stream(target), fields)  # type: ignore[arg-type]
        pipe.lrem(env.keys.dead_letter(e.platform), 1, e.raw)  # type: ignore[arg-type]
        stream_id, _removed = pipe.execute()
        sid = stream_id.decode() if isinstance(stream_id, bytes) else str(stream_id)
        done.append({"platform": target, "article_id": e.ident, "stream_id": sid})
    for target in sorted({d["platform"] for d in done}):
        env.app.send_task("newsrelay.deliver", args=[target])
    return done


@failures.command("retry")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "everything", is_flag=True, help="Every recorded entry (after --task).")
@click.option("--task", help="With --all: only failures of this task.")
@click.option("--dead", type=PLATFORM_CHOICE, default=None,
              help="Retry dead-letter payloads of PLATFORM (IDs are article ids).")
@json_option
def retry_cmd(ids: tuple[str, ...], everything: bool, task: str | None, dead: str | None,
              json_out: bool) -> None:
    """Send failed tasks again with their recorded arguments (or requeue dead payloads)."""
    env = open_env()
    if dead is not None:
        done = retry_dead(env, select(load_dead(env, _platforms(dead)), ids, everything))
    else:
        done = retry_failures(env, select(load_failures(env, task=task), ids, everything))
    if json_out:
        echo_json({"retried": done})
        return
    for d in done:
        if dead is not None:
            click.echo(f"requeued {d['platform']} payload of article {d['article_id']} "
                       f"as {d['stream_id']}")
        else:
            click.echo(f"sent {d['task']} again as {d['task_id']} (was {d['old_task_id']})")
    click.echo(f"{len(done)} retried")


@failures.command("discard")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "everything", is_flag=True, help="Every recorded entry (after --task).")
@click.option("--task", help="With --all: only failures of this task.")
@click.option("--dead", type=PLATFORM_CHOICE, default=None,
              help="Discard dead-letter payloads of PLATFORM (IDs are article ids).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation with --all.")
@json_option
def discard_cmd(ids: tuple[str, ...], everything: bool, task: str | None, dead: str | None,
                yes: bool, json_out: bool) -> None:
    """Forget failed tasks (or dead payloads) without running them again."""
    env = open_env()
    removed: list[dict[str, Any]] = []
    if dead is not None:
        chosen_d = select(load_dead(env, _platforms(dead)), ids, everything)
        if everything and chosen_d and not yes:
            click.confirm(f"Discard {len(chosen_d)} dead-letter payload(s)?", abort=True)
        for d in chosen_d:
            _lrem(env, env.keys.dead_letter(d.platform), d.raw)
            removed.append({"platform": d.platform, "article_id": d.ident})
    else:
        chosen_f = select(load_failures(env, task=task), ids, everything)
        if everything and chosen_f and not yes:
            click.confirm(f"Discard {len(chosen_f)} recorded failure(s)?", abort=True)
        for e in chosen_f:
            _lrem(env, env.keys.failures, e.raw)
            removed.append({"task": e.data.get("task"), "task_id": e.ident})
    if json_out:
        echo_json({"discarded": removed})
        return
    click.echo(f"{len(removed)} discarded")


if __name__ == "__main__":  # pragma: no cover - script entry point
    failures(prog_name="python -m ops.failures")
