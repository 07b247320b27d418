"""`newsrelay ops trigger ...`: run one piece of work now, exactly as scheduled work runs.

Why "the same way": a manual trigger that bypassed the queues or the Redis claims would be a
second code path with its own bugs (double posts, lost dedup). So each trigger sends the very
task the pipeline sends, by name, through the same routing, and lets the stages' claims make it
idempotent: polling a feed twice fetches only unseen entries, fetching a URL twice ends in the
dedup claim ("seen"), and sharing an article twice queues each platform's payload once.
"""

from __future__ import annotations

from typing import Any

import click

from ops.connect import OpsEnv, open_env
from ops.options import json_option
from ops.render import echo_json
from workers.keys import digest
from workers.models import PLATFORMS, FeedEntry, FeedSpec
from workers.pipeline.feedstore import FeedStore, feed_id


def send(env: OpsEnv, task: str, args: list[Any]) -> dict[str, Any]:
    """Send `task` through its normal route and describe what was sent."""
    from workers.celery_app import TASK_ROUTES

    result = env.app.send_task(task, args=args)
    return {"task": task, "task_id": result.id,
            "queue": TASK_ROUTES.get(task, {}).get("queue", "default"), "args": args}


def find_feed(store: FeedStore, feed: str) -> tuple[str, FeedSpec]:
    """A registered feed by id, URL or name (the operator types whichever they have)."""
    spec = store.get(feed)
    if spec is not None:
        return feed, spec
    spec = store.get(feed_id(feed))
    if spec is not None:
        return feed_id(feed), spec
    named = [(fid, s) for fid, s in store.all().items() if s.name == feed]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise click.ClickException(f"{len(named)} feeds are named {feed!r}; use the URL or id")
    raise click.ClickException(f"no registered feed {feed!r} (id, URL or name); register it "
                               "first (newsrelay feeds add / newsrelay up)")


def _report(sent: list[dict[str, Any]], json_out: bool, note: str | None = None) -> None:
    if json_out:
        echo_json({"sent": sent, **({"note": note} if note else {})})
        return
    for s in sent:
        what = s.get("what") or s["args"]
        click.echo(f"sent {s['task']} for {what} to queue {s['queue']} (task {s['task_id']})")
    if note:
        click.echo(note)


@click.group("trigger")
def trigger() -> None:
    """Run work now through the normal queues and dedup (poll, fetch, share)."""


@trigger.command("poll")
@click.argument("feeds", nargs=-1, metavar="[FEED]...")
@click.option("--all", "everything", is_flag=True, help="Every registered, unpaused feed.")
@json_option
def trigger_poll(feeds: tuple[str, ...], everything: bool, json_out: bool) -> None:
    """Poll FEED (registered id, URL or name) now; --all polls every unpaused feed.

    New entries go on to fetch/extract/dedup as usual; entries the feed carried before are
    skipped, so an extra poll never duplicates anything.
    """
    if not feeds and not everything:
        raise click.UsageError("name a FEED, or use --all")
    env = open_env()
    store = FeedStore(env.redis, env.keys)
    chosen: list[tuple[str, FeedSpec]]
    if everything:
        chosen = sorted(((fid, s) for fid, s in store.all().items() if not s.paused),
                        key=lambda item: item[1].url)
        if not chosen:
            raise click.ClickException("no registered, unpaused feeds")
    else:
        chosen = [find_feed(store, f) for f in feeds]
    sent = []
    for _fid, spec in chosen:
        row = send(env, "newsrelay.poll", [spec.to_dict()])
        sent.append({**row, "what": spec.url})
    _report(sent, json_out)


@trigger.command("fetch")
@click.argument("url")
@json_option
def trigger_fetch(url: str, json_out: bool) -> None:
    """Fetch URL as a new article (feed "manual"): fetch, extract, dedup, format, deliver.

    The dedup claim on the canonical URL makes a second trigger of the same story a no-op.
    """
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="URL")
    env = open_env()
    entry = FeedEntry(feed_url="manual", entry_id=digest(url, 16), link=url)
    row = send(env, "newsrelay.fetch", [entry.to_dict()])
    _report([{**row, "what": url}], json_out)


@trigger.command("share")
@click.argument("article_id")
@click.option("--channel", type=click.Choice(PLATFORMS),
              help="Accepted and checked against the platforms; not yet used: the format "
                   "task queues every platform's payload (each at most once) until channels "
                   "exist.")
@json_option
def trigger_share(article_id: str, channel: str | None, json_out: bool) -> None:
    """Queue share payloads for a stored ARTICLE_ID (format -> payload streams -> deliver).

    Payload claims make this idempotent: platforms that already have this article's payload
    are skipped.
    """
    env = open_env()
    if not env.redis.exists(env.keys.article(article_id)):
        raise click.ClickException(f"no stored article {article_id!r} (expired, or a typo?)")
    row = send(env, "newsrelay.format", [article_id])
    note = (f"note: --channel {channel} is not used yet; payloads are queued for every "
            "platform that has none for this article" if channel else None)
    _report([{**row, "what": article_id, "channel": channel}], json_out, note)


if __name__ == "__main__":  # pragma: no cover - script entry point
    trigger(prog_name="python -m ops.triggers")
