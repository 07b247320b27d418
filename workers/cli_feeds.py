"""`newsrelay feeds ...`: manage the feed registry, and check one feed by hand.

Why a registry in Redis as well as `schedules/feeds.toml`: the poller keeps per-feed memory
(validators, error streaks, the seen set, the next poll time) that must survive restarts and
be shared by every worker. The TOML list stays the declarative source (`feeds sync` makes the
registry match it); `add`/`remove`/`pause` are for the quick edits people make at a terminal,
and OPML is how they move their list from and to other readers.

Where the registry lives: NEWSRELAY_REDIS_URL when set; otherwise the embedded Redis of the
data directory, reused when `newsrelay up` is running, else started for the command and
stopped after it (its AOF keeps the change for the next `up`).

`feeds check URL` needs no Redis at all: it fetches the feed now with the same safe client and
parser the workers use and explains what it found.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import click
import redis
from rich.console import Console
from rich.table import Table
from rich.text import Text

from workers.config import Settings, load_settings
from workers.errors import ConfigError, NewsrelayError
from workers.models import FeedSpec

#: how many entry titles `feeds check` shows
CHECK_TITLES = 5


# --- plumbing ----------------------------------------------------------------------------------


def _console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return Console(file=stream, highlight=False, width=None if tty else 160,
                   force_terminal=None if tty else False)


def _fail(message: str, code: int = 2) -> NoReturn:
    """One line naming what was wrong, like every other newsrelay command (no traceback)."""
    _console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
    sys.exit(code)


def _settings(**more: Any) -> Settings:
    """Settings as the main command loaded them (env, --config, --data-dir ...)."""
    obj = click.get_current_context().find_root().obj
    if obj is not None and hasattr(obj, "settings"):
        settings: Settings = obj.settings(**more)
        return settings
    try:
        return load_settings(**more)
    except ConfigError as exc:
        _fail(str(exc))


@contextmanager
def _open_store() -> Iterator[Any]:
    """A FeedStore on the configured or embedded Redis (see module docstring)."""
    from workers.embedded_redis import EmbeddedRedis
    from workers.keys import Keys
    from workers.pipeline.feedstore import FeedStore
    from workers.redis_client import get_redis

    settings = _settings()
    embedded: EmbeddedRedis | None = None
    try:
        if not settings.redis_url:
            embedded = EmbeddedRedis(Path(settings.data_dir))
            embedded.start()  # reuses a running `newsrelay up`; stop() then leaves it alone
            settings = dataclasses.replace(settings, redis_url=embedded.url)
        client = get_redis(settings)
        client.ping()
        yield FeedStore(client, Keys(settings.key_prefix))
    except ConfigError as exc:
        _fail(str(exc), 1)
    except redis.RedisError as exc:
        _fail(f"NEWSRELAY_REDIS_URL: cannot reach {settings.redis_url}: {exc}", 1)
    finally:
        if embedded is not None:
            embedded.stop()


def _check_url(url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        _fail(f"{url!r} is not an http(s) feed URL")
    return url


def _age(seconds: float) -> str:
    s = abs(seconds)
    if s < 120:
        return f"{s:.0f}s"
    if s < 7200:
        return f"{s / 60:.0f}m"
    if s < 172800:
        return f"{s / 3600:.1f}h"
    return f"{s / 86400:.1f}d"


def _when(ts: float | None, now: float) -> str:
    if ts is None:
        return "-"
    return f"in {_age(ts - now)}" if ts >= now else f"{_age(now - ts)} ago"


def _iso(ts: float | None) -> str | None:
    return None if ts is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def _find(store: Any, ref: str) -> tuple[str, FeedSpec]:
    """A registered feed by URL (moved URLs followed), id, or unique name."""
    from workers.pipeline.feedstore import feed_id

    registry: dict[str, FeedSpec] = store.all()
    if ref in registry:
        return ref, registry[ref]
    fid = feed_id(store.resolve_url(ref.strip()))
    if fid in registry:
        return fid, registry[fid]
    named = [(f, s) for f, s in registry.items() if s.name and s.name.casefold() == ref.casefold()]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        _fail(f"{ref!r} names {len(named)} feeds; use the URL or the id", 1)
    _fail(f"no registered feed {ref!r} (see `newsrelay feeds list`)", 1)


def _status(spec: FeedSpec, state: dict[str, Any] | None) -> str:
    """The same words as `newsrelay ops feeds`, plus `disabled` for feeds the poller paused."""
    s = state or {}
    if s.get("gone"):
        return "gone"
    if spec.paused:
        return "disabled" if s.get("disabled_reason") else "paused"
    if not s.get("last_poll_at"):
        return "never_polled"
    if int(s.get("consecutive_failures") or 0) > 0:
        return "failing"
    return "ok"


_STYLE = {"ok": "green", "failing": "red", "gone": "red", "disabled": "red",
          "paused": "cyan", "never_polled": "yellow"}


@click.group()
def feeds() -> None:
    """Manage feeds: add, list, remove, pause, resume, import/export OPML, sync, check one now."""


# --- add / remove / pause / resume ------------------------------------------------------------


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="Display name.")
@click.option("--interval", type=click.IntRange(min=1),
              help="Poll interval in seconds (clamped to 5 min .. 24 h) [default: adaptive].")
@click.option("--tag", "tags", multiple=True, help="Tag (repeatable); exported as OPML folders.")
@click.option("--user-agent", help="User-Agent for this feed only.")
@click.option("--paused", is_flag=True, help="Register without polling yet.")
@click.option("--exact", is_flag=True,
              help="Register URL itself even if it is recorded as moved (301/308).")
def add_cmd(url: str, name: str | None, interval: int | None, tags: tuple[str, ...],
            user_agent: str | None, paused: bool, exact: bool) -> None:
    """Register feed URL (or update the options of a registered one); polled at once."""
    from workers.pipeline.feedstore import feed_id

    url = _check_url(url)
    with _open_store() as store:
        if exact:
            store.forget_move(url)
        target = store.resolve_url(url)
        existing = store.get(feed_id(target))
        base = existing.to_dict() if existing else {"url": target}
        given = {"name": name, "interval": interval, "user_agent": user_agent}
        spec = FeedSpec.from_dict({
            **base,
            **{k: v for k, v in given.items() if v is not None},
            **({"tags": list(tags)} if tags else {}),
            **({"paused": True} if paused else {}),
        })
        fid = store.upsert(spec)
        verb = "updated" if existing else "added"
        moved = f" (moved from {url})" if target != url else ""
        nxt = store.next_poll(fid)
    when = "paused" if spec.paused else f"next poll {_when(nxt, time.time())}"
    click.echo(f"{verb} {fid} {target}{moved}; {when}")


@feeds.command("remove")
@click.argument("refs", nargs=-1, required=True, metavar="URL_OR_ID...")
def remove_cmd(refs: tuple[str, ...]) -> None:
    """Remove feeds and everything kept about them (state, seen entries, schedule)."""
    with _open_store() as store:
        for ref in refs:
            fid, spec = _find(store, ref)
            store.purge(fid)
            click.echo(f"removed {fid} {spec.url}")


def _set_paused(refs: tuple[str, ...], paused: bool) -> None:
    from workers.pipeline.poll import FeedState

    with _open_store() as store:
        for ref in refs:
            fid, spec = _find(store, ref)
            if not paused:
                raw = store.load_state(fid)
                if raw:
                    # a fresh chance: a feed the poller disabled must not be disabled again by
                    # the first error of the old streak
                    state = FeedState.from_dict(raw)
                    state.disabled_reason = None
                    state.gone = False
                    state.consecutive_failures = 0
                    state.first_failure_at = None
                    store.save_state(fid, dataclasses.asdict(state))
            store.upsert(dataclasses.replace(spec, paused=paused))
            if not paused:
                store.schedule(fid, time.time())
            click.echo(f"{'paused' if paused else 'resumed'} {fid} {spec.url}")


@feeds.command("pause")
@click.argument("refs", nargs=-1, required=True, metavar="URL_OR_ID...")
def pause_cmd(refs: tuple[str, ...]) -> None:
    """Stop polling feeds (kept registered, with their state)."""
    _set_paused(refs, True)


@feeds.command("resume")
@click.argument("refs", nargs=-1, required=True, metavar="URL_OR_ID...")
def resume_cmd(refs: tuple[str, ...]) -> None:
    """Poll paused or disabled feeds again, starting now (the failure streak is reset)."""
    _set_paused(refs, False)


# --- list ------------------------------------------------------------------------------------


def _rows(store: Any, now: float) -> list[dict[str, Any]]:
    registry: dict[str, FeedSpec] = store.all()
    ids = sorted(registry, key=lambda f: ((registry[f].name or registry[f].url).casefold(), f))
    states = store.states(ids)
    nexts = store.next_polls(ids)
    rows = []
    for fid, state, nxt in zip(ids, states, nexts, strict=True):
        spec, s = registry[fid], state or {}
        rows.append({
            "id": fid, "url": spec.url, "name": spec.name, "tags": list(spec.tags),
            "interval": spec.interval, "paused": spec.paused,
            "status": _status(spec, state),
            "last_poll_at": s.get("last_poll_at"), "last_status": s.get("last_status"),
            "next_poll_at": None if spec.paused else nxt,
            "error_count": int(s.get("error_count") or 0),
            "consecutive_failures": int(s.get("consecutive_failures") or 0),
            "last_error": s.get("last_error"), "last_error_kind": s.get("last_error_kind"),
            "last_error_at": s.get("last_error_at"),
            "disabled_reason": s.get("disabled_reason"),
            "etag": s.get("etag"), "last_modified": s.get("last_modified"),
        })
    return rows


@feeds.command("list")
@click.option("--json", "json_out", is_flag=True, help="One JSON object: feeds, moves, blocks.")
@click.option("--tag", help="Only feeds with this tag.")
def list_cmd(json_out: bool, tag: str | None) -> None:
    """Registered feeds with status, last and next poll, errors; blocked hosts; moved URLs."""
    from workers.pipeline.hostgate import HostGate

    now = time.time()
    with _open_store() as store:
        rows = _rows(store, now)
        moves = store.moves()
        blocks = HostGate(store.r, store.keys.prefix).blocked_hosts(now=now)
    if tag:
        rows = [r for r in rows if tag in r["tags"]]
    if json_out:
        click.echo(json.dumps({
            "feeds": rows, "moved": moves,
            "blocked_hosts": [dataclasses.asdict(b) for b in blocks],
        }, ensure_ascii=False, indent=2))
        return
    console = _console()
    table = Table(title=f"Feeds ({len(rows)})", title_justify="left")
    for col in ("status", "feed", "tags", "last poll", "next poll", "errors", "last error"):
        table.add_column(col, overflow="fold")
    for r in rows:
        name = f"{r['name']}\n{r['url']}" if r["name"] else r["url"]
        errors = str(r["error_count"])
        if r["consecutive_failures"]:
            errors += f" ({r['consecutive_failures']} in a row)"
        last_error = r["disabled_reason"] or r["last_error"] or ""
        if r["last_error_at"] and not r["disabled_reason"] and r["last_error"]:
            last_error += f" ({_when(r['last_error_at'], now)})"
        table.add_row(
            Text(r["status"], style=_STYLE.get(r["status"], "")), Text(name),
            ", ".join(r["tags"]), _when(r["last_poll_at"], now),
            "paused" if r["paused"] else _when(r["next_poll_at"], now), errors, Text(last_error),
        )
    console.print(table)
    for block in blocks:
        console.print(f"host {block.host} blocked {_when(block.until, now)}: {block.reason}")
    for old, new in moves.items():
        console.print(f"moved for good: {old} -> {new}")


# --- OPML ----------------------------------------------------------------------------------


@feeds.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--update", is_flag=True,
              help="Also update name, tags and options of feeds already registered.")
@click.option("--dry-run", is_flag=True, help="Show what would change, change nothing.")
@click.option("--json", "json_out", is_flag=True, help="Print the outcome as JSON.")
def import_cmd(file: Path, update: bool, dry_run: bool, json_out: bool) -> None:
    """Register the feeds of an OPML file (folders and categories become tags)."""
    from workers.pipeline.feedstore import feed_id
    from workers.pipeline.opml import parse_opml

    try:
        parsed = parse_opml(file.read_bytes())
    except (OSError, NewsrelayError) as exc:
        _fail(f"{file}: {exc}")
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    with _open_store() as store:
        for spec in parsed.feeds:
            target = store.resolve_url(spec.url)
            spec = dataclasses.replace(spec, url=target)
            existing = store.get(feed_id(target))
            if existing is None:
                added.append(target)
            elif update and existing != spec:
                updated.append(target)
            else:
                unchanged.append(target)
                continue
            if not dry_run:
                store.upsert(spec)
    outcome = {"file": str(file), "title": parsed.title, "added": added, "updated": updated,
               "unchanged": unchanged, "skipped": parsed.skipped, "dry_run": dry_run}
    if json_out:
        click.echo(json.dumps(outcome, ensure_ascii=False, indent=2))
        return
    for reason in parsed.skipped:
        click.echo(f"skipped {reason}", err=True)
    prefix = "would import" if dry_run else "imported"
    click.echo(f"{prefix} {file}: {len(added)} added, {len(updated)} updated, "
               f"{len(unchanged)} already registered, {len(parsed.skipped)} skipped")


@feeds.command("export")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
def export_cmd(file: Path | None) -> None:
    """Write the registry as OPML 2.0 to FILE (default: standard output)."""
    from workers.pipeline.opml import build_opml

    with _open_store() as store:
        specs = list(store.all().values())
    data = build_opml(specs)
    if file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        file.write_bytes(data)
    except OSError as exc:
        _fail(f"{file}: {exc.strerror or exc}", 1)
    click.echo(f"exported {len(specs)} feeds to {file}", err=True)


# --- sync with the declarative list -----------------------------------------------------------


@feeds.command("sync")
@click.argument("file", required=False,
                type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--prune", is_flag=True, help="Also remove registered feeds the list lacks.")
@click.option("--dry-run", is_flag=True, help="Show what would change, change nothing.")
@click.option("--json", "json_out", is_flag=True, help="Print the changes as JSON.")
def sync_cmd(file: Path | None, prune: bool, dry_run: bool, json_out: bool) -> None:
    """Make the registry match the feed list (FILE, else $NEWSRELAY_FEEDS_FILE, else the
    packaged schedules/feeds.toml): add new feeds, update changed ones, --prune the rest."""
    from schedules import default_feeds_file
    from workers.feedlist import load_feed_list
    from workers.pipeline.feedstore import feed_id

    settings = _settings()
    path = file or settings.feeds_file or default_feeds_file()
    try:
        desired = load_feed_list(Path(path))
    except ConfigError as exc:
        _fail(str(exc))
    changes: dict[str, list[str]] = {"added": [], "updated": [], "removed": [], "unchanged": []}
    not_listed = 0
    with _open_store() as store:
        registry: dict[str, FeedSpec] = store.all()
        wanted: set[str] = set()
        for spec in desired:
            target = store.resolve_url(spec.url)
            spec = dataclasses.replace(spec, url=target)
            fid = feed_id(target)
            wanted.add(fid)
            current = registry.get(fid)
            if current == spec:
                changes["unchanged"].append(target)
                continue
            changes["added" if current is None else "updated"].append(target)
            if not dry_run:
                store.upsert(spec)
        for fid, spec in registry.items():
            if fid in wanted:
                continue
            not_listed += 1
            if prune:
                changes["removed"].append(spec.url)
                if not dry_run:
                    store.purge(fid)
    if json_out:
        click.echo(json.dumps({"file": str(path), "dry_run": dry_run, **changes},
                              ensure_ascii=False, indent=2))
        return
    verbs = {"added": "would add", "updated": "would update", "removed": "would remove"}
    for kind in ("added", "updated", "removed"):
        for url in changes[kind]:
            click.echo(f"{verbs[kind] if dry_run else kind} {url}")
    note = (f"; {not_listed} registered feeds are not in the list (--prune removes them)"
            if not_listed and not prune else "")
    click.echo(f"{'would sync' if dry_run else 'synced'} {path}: {len(changes['added'])} added, "
               f"{len(changes['updated'])} updated, {len(changes['removed'])} removed, "
               f"{len(changes['unchanged'])} unchanged{note}")


# --- check one feed now -------------------------------------------------------------------------


@feeds.command("check")
@click.argument("url")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
@click.option("--user-agent", help="User-Agent to send (default: newsrelay's own).")
@click.option("--interval", type=click.IntRange(min=1),
              help="Interval to compute the next poll with [default: settings].")
@click.option("--allow-loopback", is_flag=True, default=None,
              help="Allow a feed on 127.0.0.0/8 (local testing only).")
def check_cmd(url: str, json_out: bool, user_agent: str | None, interval: int | None,
              allow_loopback: bool | None) -> None:
    """Fetch one feed now (no Redis needed) and explain what was found: format, title, entries,
    validators, caching headers, the next poll time newsrelay would pick, and any error.

    Exit status 0 when the feed was read, 1 when polling it failed.
    """
    from workers.pipeline.http import build_client
    from workers.pipeline.poll import FeedState, poll_feed
    from workers.pipeline.schedule_policy import next_poll_delay
    from workers.tasks import http_settings

    url = _check_url(url)
    settings = _settings(allow_loopback=allow_loopback)
    spec = FeedSpec(url=url, user_agent=user_agent, interval=interval)
    headers: dict[str, str] = {}
    http = http_settings(settings)
    started = time.monotonic()
    now = time.time()
    with build_client(http) as client:
        result, state = poll_feed(spec, FeedState(), settings=http, client=client, now=now,
                                  headers_out=headers)
    elapsed = time.monotonic() - started
    low, high = (
        next_poll_delay(interval, result, state, default_interval=settings.poll_interval,
                        rng=_JitterAt(end), now=now)
        for end in (0, 1)
    )
    delay = (low + high) / 2
    report = {
        "url": url,
        "final_url": result.final_url,
        "status": result.status,
        "http_status": result.http_status,
        "moved_to": result.moved_to,
        "error": result.error,
        "error_kind": result.error_kind,
        "format": result.format,
        "title": result.title,
        "entries": len(result.entries),
        "first_entries": [{"title": e.title, "link": e.link, "published": e.published}
                          for e in result.entries[:CHECK_TITLES]],
        "etag": result.etag,
        "last_modified": result.last_modified,
        "cache_control": headers.get("cache-control"),
        "expires": headers.get("expires"),
        "retry_after": result.retry_after,
        "content_type": headers.get("content-type"),
        "ttl": result.ttl,
        "max_age": result.max_age,
        "hub": result.hub,
        "next_poll_in": round(delay),
        "next_poll_range": [round(low), round(high)],
        "next_poll_at": _iso(now + delay),
        "adaptive_interval": None if interval else _adaptive(state, now),
        "elapsed": round(elapsed, 3),
    }
    if json_out:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_check(report)
    if result.status == "error":
        sys.exit(1)


class _JitterAt(random.Random):
    """A "random" source pinned to one end of every range: the jitter's bounds, for display."""

    def __init__(self, end: int) -> None:
        super().__init__(0)
        self.end = end

    def uniform(self, a: float, b: float) -> float:
        return b if self.end else a


def _adaptive(state: Any, now: float) -> float | None:
    from workers.pipeline.schedule_policy import suggest_interval

    value = suggest_interval(state.recent_entry_times, now=now)
    return None if value is None else round(value)


def _print_check(r: dict[str, Any]) -> None:
    from workers.pipeline.schedule_policy import MAX_INTERVAL

    console = _console()
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")

    def row(label: str, value: Any) -> None:
        if value not in (None, "", []):
            table.add_row(label, Text(str(value)))

    colour = {"ok": "green", "not_modified": "cyan", "error": "red"}[r["status"]]
    table.add_row("status", Text(f"{r['status']}" + (f" (HTTP {r['http_status']})"
                                                    if r["http_status"] else ""), style=colour))
    row("error", r["error"])
    row("error kind", r["error_kind"])
    row("url", r["url"])
    if r["final_url"] and r["final_url"] != r["url"]:
        row("final url", r["final_url"])
    if r["moved_to"]:
        row("moved", f"permanently (301/308) to {r['moved_to']}: the registry would follow")
    row("format", r["format"])
    row("title", r["title"])
    if r["status"] != "error":
        row("entries", r["entries"])
    for i, e in enumerate(r["first_entries"]):
        when = f"  [{e['published']}]" if e["published"] else ""
        row("" if i else "first entries", f"{e['title'] or '(untitled)'}{when}")
    row("content type", r["content_type"])
    row("ETag", r["etag"])
    row("Last-Modified", r["last_modified"])
    row("Cache-Control", r["cache_control"])
    row("Expires", r["expires"])
    row("Retry-After", r["retry_after"])
    row("RSS ttl", f"{r['ttl']} s" if r["ttl"] else None)
    row("WebSub hub", r["hub"])
    if r["adaptive_interval"] and r["adaptive_interval"] >= MAX_INTERVAL:
        row("publishing", "quiet (no entry dated in the last 7 days): polled about daily")
    elif r["adaptive_interval"]:
        row("publishing", f"about one entry per {_age(r['adaptive_interval'])}: polled as often")
    low, high = r["next_poll_range"]
    row("next poll", f"in {_age(r['next_poll_in'])} (between {_age(low)} and {_age(high)} with "
                     f"jitter), at {r['next_poll_at']}")
    row("took", f"{r['elapsed']:.2f} s")
    console.print(table)
