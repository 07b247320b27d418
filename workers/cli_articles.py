"""`newsrelay articles ...`: stored articles and their duplicates.

Read-only views of what the dedup stage stored, so an operator can check why a story was or
was not shared: every original lists the sources that carried it and the ids of the articles
stored as its duplicates; every duplicate names its original (`duplicate_of`).

It connects the way `newsrelay ops` does: NEWSRELAY_REDIS_URL when set, else the embedded Redis
of a running `newsrelay up` in the data directory; anything else is one clear error line.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import click
import redis

from workers.cli_common import command_settings, redact
from workers.config import Settings
from workers.errors import ConfigError
from workers.keys import Keys
from workers.models import Article
from workers.pipeline.store import ArticleStore
from workers.redis_client import get_redis

#: how many of the newest articles `search` looks through at most (a bounded scan)
DEFAULT_SCAN = 5000
BATCH = 200


def _settings() -> Settings:
    return command_settings("read articles from")


def _store() -> ArticleStore:
    settings = _settings()
    try:
        client = get_redis(settings)
        client.ping()
    except (redis.RedisError, ConfigError, OSError) as exc:
        raise click.ClickException(
            f"cannot reach Redis at {redact(str(settings.redis_url))}: {exc}"
        ) from None
    return ArticleStore(client, Keys(settings.key_prefix), retention_days=settings.retention_days)


def _summary(article: Article, duplicates: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "site": article.site_name or urlsplit(article.url).hostname,
        "published": article.published,
        "duplicate_of": article.duplicate_of,
        "duplicates": duplicates,
        "sources": article.sources,
    }


def _print_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _print_table(rows: list[dict[str, Any]], empty: str) -> None:
    if not rows:
        click.echo(empty)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("id", "title", "site", "dups", "sources", "url"):
        table.add_column(col, overflow="fold")
    for r in rows:
        title = r["title"] or ""
        if r["duplicate_of"]:
            title = f"{title} (duplicate of {r['duplicate_of']})"
        table.add_row(r["id"], title, r["site"] or "", str(r["duplicates"]),
                      str(len(r["sources"])), r["url"])
    Console(width=160).print(table)


def _rows(store: ArticleStore, ids: list[str]) -> list[dict[str, Any]]:
    articles = store.get_many(ids)
    counts = store.duplicate_counts(ids)
    return [_summary(a, n) for a, n in zip(articles, counts, strict=True) if a is not None]


@click.group()
def articles() -> None:
    """Stored articles: list, show, search (with the duplicates of each)."""


@articles.command("list")
@click.option("--limit", "-n", type=click.IntRange(1, 10000), default=20, show_default=True,
              help="How many of the newest articles.")
@click.option("--originals", is_flag=True, help="Only originals (hide stored duplicates).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(limit: int, originals: bool, as_json: bool) -> None:
    """The newest stored articles: id, title, site, duplicate count, sources, URL."""
    store = _store()
    rows: list[dict[str, Any]] = []
    offset = 0
    while len(rows) < limit:
        ids = store.recent_ids(BATCH if originals else limit, offset)
        if not ids:
            break
        offset += len(ids)
        rows += [r for r in _rows(store, ids) if not (originals and r["duplicate_of"])]
    rows = rows[:limit]
    if as_json:
        _print_json(rows)
    else:
        _print_table(rows, "no articles stored")


@articles.command("show")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show_cmd(article_id: str, as_json: bool) -> None:
    """One article in full: text, duplicate_of, sources and the ids of its duplicates."""
    store = _store()
    article = store.get(article_id)
    if article is None:
        raise click.ClickException(f"article {article_id!r} is not stored (or has expired)")
    duplicates = store.duplicates(article_id)
    obj = {**article.to_dict(), "duplicates": duplicates}
    if as_json:
        _print_json(obj)
        return
    click.echo(f"id:           {article.id}")
    click.echo(f"title:        {article.title or ''}")
    click.echo(f"url:          {article.url}")
    click.echo(f"site:         {article.site_name or urlsplit(article.url).hostname or ''}")
    click.echo(f"published:    {article.published or ''}")
    click.echo(f"fetched:      {article.fetched_at or ''}")
    click.echo(f"duplicate of: {article.duplicate_of or '-'}")
    click.echo(f"sources:      {', '.join(article.sources) or '-'}")
    click.echo(f"duplicates:   {', '.join(duplicates) or '-'}")
    click.echo("")
    click.echo(article.text)


@articles.command("search")
@click.argument("text")
@click.option("--limit", "-n", type=click.IntRange(1, 10000), default=20, show_default=True,
              help="At most this many matches.")
@click.option("--scan", type=click.IntRange(1, 1_000_000), default=DEFAULT_SCAN,
              show_default=True, help="Look through at most this many of the newest articles.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def search_cmd(text: str, limit: int, scan: int, as_json: bool) -> None:
    """Articles whose title or URL contains TEXT (case-insensitive), newest first."""
    needle = text.casefold()
    if not needle.strip():
        raise click.ClickException("search: TEXT must not be empty")
    store = _store()
    rows: list[dict[str, Any]] = []
    offset = 0
    while offset < scan and len(rows) < limit:
        ids = store.recent_ids(min(BATCH, scan - offset), offset)
        if not ids:
            break
        offset += len(ids)
        for r in _rows(store, ids):
            if needle in (r["title"] or "").casefold() or needle in r["url"].casefold():
                rows.append(r)
    rows = rows[:limit]
    if as_json:
        _print_json(rows)
    else:
        _print_table(rows, f"no article title or URL contains {text!r} "
                           f"(looked through the newest {offset})")
