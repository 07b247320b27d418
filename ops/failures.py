"""`newsrelay ops failures`: recent failed tasks and payload dead letters; retry or discard.

Task failures live in the capped Redis list `Keys.failures` (written by `pipeline_task`, and by
`workers.telemetry` for failures that never reached the task body), each with the task name,
id, exception, message and positional arguments, so a retry is simply the same task sent
again with the same arguments, through the same queue; the stages are idempotent (Redis claims),
so retrying something that partly ran does not double its effects. A retried or discarded
entry leaves the list; a retried task that fails again is recorded again.

Payload dead letters (`--dead PLATFORM|all`) are owned by the delivery code: ops reads, retries
and discards them only through `workers.pipeline.deadletter` (`dead_letters`,
`retry_dead_letter`, `discard_dead_letter`), whose scripts are atomic against workers and
other operators, and never touches the lists itself. Each letter has a `state`:

- `failed` / `dead` / `unconfigured`: fix the cause, then `retry` (queued again, then a
  `newsrelay.deliver` task nudges the platform's delivery).
- `unknown`: an attempt may have posted. Check the channel first: if the post is there,
  `discard --posted-as POST_ID` (the article is then never posted there again); if it is not,
  `retry --force` (or answer the prompt on a terminal). `retry` never re-posts these silently.

Failures are chosen by task id, dead letters by letter id or article id (an article id picks
every letter of that article); any unique prefix of at least 4 characters will do, as with
git hashes.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ops.connect import OpsEnv, open_env
from ops.options import json_option
from ops.render import age, ago, echo_json, make_console
from workers.models import PLATFORMS
from workers.pipeline.deadletter import (
    DeadLetter,
    dead_letters,
    discard_dead_letter,
    retry_dead_letter,
)
from workers.telemetry import FAILURES_KEPT

MIN_PREFIX = 4
#: what `retry` says about a letter whose earlier attempt may have posted
CHECK_FIRST = "outcome unknown: check the channel first"
STATE_STYLE = {"unknown": "bold yellow", "failed": "red", "dead": "red", "unconfigured": "cyan"}


@dataclass
class Entry:
    """One list element: its exact stored bytes (for LREM) and its decoded content."""

    raw: bytes | str
    data: dict[str, Any]
    index: int

    @property
    def ident(self) -> str:
        return str(self.data.get("task_id") or "")


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


def load_dead(env: OpsEnv, dead: str | None) -> list[DeadLetter]:
    """The letters of platform `dead` (`all`/None: every platform), newest first."""
    platform = None if dead in (None, "all") else dead
    try:
        return dead_letters(env.redis, env.keys, platform)
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"unreadable dead letter ({exc!r}); the list holds an "
                                   "entry in an unknown format") from None


def _check_prefix(wanted: str) -> None:
    if len(wanted) < MIN_PREFIX:
        raise click.BadParameter(f"{wanted!r}: give at least {MIN_PREFIX} characters",
                                 param_hint="ID")


def select(entries: list[Entry], ids: tuple[str, ...], everything: bool) -> list[Entry]:
    """Failures named by task id prefix (each must name exactly one), or all of them."""
    if everything:
        return list(entries)
    if not ids:
        raise click.UsageError("name at least one ID, or use --all")
    chosen: list[Entry] = []
    for wanted in ids:
        _check_prefix(wanted)
        matches = [e for e in entries if e.ident.startswith(wanted)]
        if not matches:
            raise click.ClickException(f"no entry with id {wanted!r}")
        if len({m.ident for m in matches}) > 1:
            raise click.ClickException(f"{wanted!r} is ambiguous: "
                                       + ", ".join(sorted({m.ident for m in matches})))
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def select_dead(letters: list[DeadLetter], ids: tuple[str, ...],
                everything: bool) -> list[DeadLetter]:
    """Letters named by letter id prefix (exactly one letter) or article id prefix (every
    letter of exactly one article), or all of them."""
    if everything:
        return list(letters)
    if not ids:
        raise click.UsageError("name at least one letter or article ID, or use --all")
    chosen: dict[str, DeadLetter] = {}
    for wanted in ids:
        _check_prefix(wanted)
        by_letter = sorted({x.id for x in letters if x.id.startswith(wanted)})
        by_article = sorted({x.article_id for x in letters if x.article_id.startswith(wanted)})
        if not by_letter and not by_article:
            raise click.ClickException(f"no dead letter with letter or article id {wanted!r}")
        if len(by_letter) + len(by_article) > 1:
            named = [f"letter {i}" for i in by_letter] + [f"article {a}" for a in by_article]
            raise click.ClickException(f"{wanted!r} is ambiguous: " + ", ".join(named))
        for x in letters:
            if x.id in by_letter or x.article_id in by_article:
                chosen.setdefault(x.id, x)
    return list(chosen.values())


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


def dead_row(letter: DeadLetter, now: float) -> dict[str, Any]:
    """The letter as stored (payload included), plus its age in seconds."""
    return {**letter.to_dict(), "age_seconds": round(max(now - letter.at, 0.0), 1)}


def _why(letter: DeadLetter) -> str:
    """Reason and error, without saying the same thing twice."""
    reason, error = letter.reason.strip(), letter.error.strip()
    if not error or error == reason or error in reason:
        return reason or "-"
    if not reason or reason in error:
        return error
    return f"{reason}: {error}"


def _brief(letter: DeadLetter) -> str:
    return f"{letter.platform} {letter.channel} article {letter.article_id} " \
           f"(letter {letter.id[:12]})"


PLATFORM_CHOICE = click.Choice([*PLATFORMS, "all"])


# --- list ------------------------------------------------------------------------------------


def show_dead(env: OpsEnv, dead: str, json_out: bool) -> None:
    now = time.time()
    letters = load_dead(env, dead)
    if json_out:
        echo_json({"dead_letters": [dead_row(x, now) for x in letters]})
        return
    table = Table(title=f"Payload dead letters ({len(letters)})", title_justify="left")
    for col in ("id", "platform", "channel", "article", "state", "attempts", "reason / error",
                "age"):
        table.add_column(col, overflow="fold")
    for x in letters:
        table.add_row(x.id[:12], x.platform, x.channel, x.article_id,
                      Text(x.state, style=STATE_STYLE.get(x.state, "")), str(x.attempts),
                      Text(_why(x)), age(max(now - x.at, 0.0)))
    console = make_console()
    console.print(table)
    if not letters:
        return
    unknown = sum(1 for x in letters if x.state == "unknown")
    if unknown:
        console.print(
            f"{unknown} letter(s) in state unknown: {CHECK_FIRST}. Post there: "
            "newsrelay ops failures discard --dead PLATFORM ID --posted-as POST_ID; "
            "missing: newsrelay ops failures retry --dead PLATFORM ID --force",
            style="yellow")
    console.print("retry: newsrelay ops failures retry --dead PLATFORM ID...   discard: "
                  "newsrelay ops failures discard --dead PLATFORM ID...")


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
    newsrelay ops failures --dead all          # payloads delivery gave up on
    newsrelay ops failures retry --dead twitter --all
    newsrelay ops failures discard --dead telegram 7c1e --posted-as 4711
    """
    if ctx.invoked_subcommand is not None:
        return
    env = open_env()
    if dead is not None:
        show_dead(env, dead, json_out)
        return
    now = time.time()
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


def _letter_ref(letter: DeadLetter) -> dict[str, Any]:
    return {"id": letter.id, "platform": letter.platform, "channel": letter.channel,
            "article_id": letter.article_id, "state": letter.state}


def _interactive() -> bool:
    """Whether a human can answer a prompt (stdin is a terminal)."""
    return sys.stdin.isatty()


def _confirm_unknown(letter: DeadLetter) -> bool:
    return click.confirm(
        f"{_brief(letter)}: {CHECK_FIRST}. Is the post NOT on the channel "
        "(retrying posts it again)?", default=False)


def retry_dead(env: OpsEnv, chosen: list[DeadLetter], *, force: bool,
               ask: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Retry each letter through `retry_dead_letter`, then nudge delivery of the platforms
    that got something queued. Letters in state `unknown` need `force` (or a yes when `ask`).
    Returns (outcomes, skipped)."""
    done: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    retention = env.settings.retention_days
    for letter in chosen:
        if letter.state == "unknown" and not force and not (ask and _confirm_unknown(letter)):
            skipped.append({**_letter_ref(letter), "reason": CHECK_FIRST})
            continue
        outcome = retry_dead_letter(env.redis, env.keys, letter.platform, letter.id,
                                    retention_days=retention)
        done.append({**_letter_ref(letter), "outcome": outcome})
    nudged = sorted({d["platform"] for d in done if d["outcome"] == "queued"})
    for platform in nudged:
        env.app.send_task("newsrelay.deliver", args=[platform])
    return done, skipped


RETRY_SAYS = {
    "queued": "queued again",
    "already_posted": "already posted: letter removed, nothing queued",
    "gone": "gone (retried or discarded meanwhile): nothing done",
}


@failures.command("retry")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "everything", is_flag=True, help="Every recorded entry (after --task).")
@click.option("--task", help="With --all: only failures of this task.")
@click.option("--dead", type=PLATFORM_CHOICE, default=None,
              help="Retry dead letters of PLATFORM (IDs are letter or article ids).")
@click.option("--force", is_flag=True,
              help="With --dead: also retry letters whose outcome is unknown (you checked "
                   "the channel and the post is not there).")
@json_option
@click.pass_context
def retry_cmd(ctx: click.Context, ids: tuple[str, ...], everything: bool, task: str | None,
              dead: str | None, force: bool, json_out: bool) -> None:
    """Send failed tasks again with their recorded arguments (or requeue dead letters).

    A dead letter in state `unknown` may already be on the channel: it is retried only with
    --force (or a yes at the prompt on a terminal); otherwise it is skipped and the command
    exits with status 1.
    """
    if force and dead is None:
        raise click.UsageError("--force only applies to dead letters (--dead)")
    env = open_env()
    if dead is None:
        done = retry_failures(env, select(load_failures(env, task=task), ids, everything))
        if json_out:
            echo_json({"retried": done})
            return
        for d in done:
            click.echo(f"sent {d['task']} again as {d['task_id']} (was {d['old_task_id']})")
        click.echo(f"{len(done)} retried")
        return

    chosen = select_dead(load_dead(env, dead), ids, everything)
    outcomes, skipped = retry_dead(env, chosen, force=force,
                                   ask=not json_out and _interactive())
    if json_out:
        echo_json({"retried": outcomes, "skipped": skipped})
    else:
        for d in outcomes:
            click.echo(f"{d['platform']} {d['channel']} article {d['article_id']} "
                       f"(letter {d['id'][:12]}): {RETRY_SAYS[d['outcome']]}")
        for d in skipped:
            click.echo(f"{d['platform']} {d['channel']} article {d['article_id']} "
                       f"(letter {d['id'][:12]}): NOT retried: {CHECK_FIRST}; retry with "
                       "--force if the post is not there, or discard with --posted-as "
                       "POST_ID if it is", err=True)
        counts = {o: sum(1 for d in outcomes if d["outcome"] == o) for o in RETRY_SAYS}
        summary = (f"{counts['queued']} queued, {counts['already_posted']} already posted, "
                   f"{counts['gone']} gone")
        if skipped:
            summary += f", {len(skipped)} skipped (outcome unknown)"
        click.echo(summary)
    if skipped:
        ctx.exit(1)


@failures.command("discard")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "everything", is_flag=True, help="Every recorded entry (after --task).")
@click.option("--task", help="With --all: only failures of this task.")
@click.option("--dead", type=PLATFORM_CHOICE, default=None,
              help="Discard dead letters of PLATFORM (IDs are letter or article ids).")
@click.option("--posted-as", "posted_as", metavar="POST_ID", default=None,
              help="With --dead and one letter: the post IS on the channel with this id; mark "
                   "the article posted there so it is never sent again.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation with --all.")
@json_option
def discard_cmd(ids: tuple[str, ...], everything: bool, task: str | None, dead: str | None,
                posted_as: str | None, yes: bool, json_out: bool) -> None:
    """Forget failed tasks (or dead letters) without running them again."""
    if posted_as is not None:
        if dead is None:
            raise click.UsageError("--posted-as only applies to dead letters (--dead)")
        if not posted_as.strip():
            raise click.BadParameter("must not be empty", param_hint="--posted-as")
    env = open_env()
    if dead is None:
        chosen_f = select(load_failures(env, task=task), ids, everything)
        if everything and chosen_f and not yes:
            click.confirm(f"Discard {len(chosen_f)} recorded failure(s)?", abort=True)
        removed: list[dict[str, Any]] = []
        for e in chosen_f:
            _lrem(env, env.keys.failures, e.raw)
            removed.append({"task": e.data.get("task"), "task_id": e.ident})
        if json_out:
            echo_json({"discarded": removed})
            return
        click.echo(f"{len(removed)} discarded")
        return

    chosen = select_dead(load_dead(env, dead), ids, everything)
    if posted_as is not None and len(chosen) != 1:
        raise click.UsageError(f"--posted-as names one post: select exactly one letter "
                               f"({len(chosen)} selected)")
    if everything and chosen and not yes:
        click.confirm(f"Discard {len(chosen)} dead letter(s)?", abort=True)
    results: list[dict[str, Any]] = []
    for letter in chosen:
        ok = discard_dead_letter(env.redis, env.keys, letter.platform, letter.id,
                                 posted_as=posted_as,
                                 retention_days=env.settings.retention_days)
        results.append({**_letter_ref(letter), "outcome": "discarded" if ok else "gone",
                        "posted_as": posted_as if ok else None})
    if json_out:
        echo_json({"discarded": results})
        return
    for d in results:
        what = f"{d['platform']} {d['channel']} article {d['article_id']} " \
               f"(letter {d['id'][:12]})"
        if d["outcome"] == "gone":
            click.echo(f"{what}: gone (retried or discarded meanwhile)")
        elif d["posted_as"]:
            click.echo(f"{what}: discarded, marked posted as {d['posted_as']} "
                       "(never sent again)")
        else:
            click.echo(f"{what}: discarded")
    click.echo(f"{sum(1 for d in results if d['outcome'] == 'discarded')} discarded")


if __name__ == "__main__":  # pragma: no cover - script entry point
    failures(prog_name="python -m ops.failures")
