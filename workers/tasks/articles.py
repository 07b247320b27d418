"""The article stages: fetch -> extract -> dedup -> format."""

from __future__ import annotations

import json
import logging
import time
import zlib
from typing import Any

from workers.errors import (
    PayloadError,
    PermanentError,
)
from workers.models import Article, ExtractedArticle, FeedEntry, FetchedPage
from workers.pipeline.canonical import choose_canonical
from workers.pipeline.extract import extract_article
from workers.pipeline.http import fetch
from workers.pipeline.neardup import DedupSettings
from workers.pipeline.sharing import queue_payloads
from workers.pipeline.store import ArticleStore, article_id_for
from workers.redis_client import as_bytes
from workers.tasks.base import (
    HTML_ACCEPT,
    PAGE_TTL,
    Ctx,
    http_client,
    http_settings,
    pipeline_task,
)
from workers.tasks.delivery import deliver

log = logging.getLogger(__name__)


def _pack_page(page: FetchedPage) -> bytes:
    head = json.dumps(
        {"url": page.url, "final_url": page.final_url, "status": page.status,
         "headers": page.headers}
    ).encode()
    return zlib.compress(head + b"\n" + page.body, 3)


def _unpack_page(data: bytes) -> FetchedPage:
    head, _, body = zlib.decompress(data).partition(b"\n")
    meta = json.loads(head)
    return FetchedPage(body=body, **meta)


def _fetch_page(ctx: Ctx, url: str) -> FetchedPage:
    return fetch(
        url, settings=http_settings(ctx.settings), client=http_client(ctx.settings),
        accept=HTML_ACCEPT,
    )


@pipeline_task("newsrelay.fetch", soft_time_limit=45, time_limit=60)
def fetch_article(ctx: Ctx, entry_dict: dict[str, Any]) -> None:
    """Fetch an entry's article page and hand it to extract through Redis (not the broker)."""
    entry = FeedEntry.from_dict(entry_dict)
    if not entry.link:
        name = entry.title or entry.entry_id
        raise PermanentError(f"entry {name!r} of {entry.feed_url} has no link")
    page = _fetch_page(ctx, entry.link)
    token = f"{entry.entry_id}:{ctx.task_id}"
    ctx.r.set(ctx.keys.page(token), _pack_page(page), ex=PAGE_TTL)
    ctx.send(extract, entry.to_dict(), token)


@pipeline_task("newsrelay.extract", soft_time_limit=30, time_limit=45)
def extract(ctx: Ctx, entry_dict: dict[str, Any], page_token: str) -> None:
    """Extract the clean article; a page gone from Redis (expired) is simply fetched again."""
    entry = FeedEntry.from_dict(entry_dict)
    raw = ctx.r.get(ctx.keys.page(page_token))
    page = _unpack_page(as_bytes(raw)) if raw else _fetch_page(ctx, entry.link or "")
    extracted = extract_article(page.body, url=page.final_url, headers=page.headers)
    ctx.send(dedup, entry.to_dict(), extracted.to_dict(), page.final_url)
    ctx.r.delete(ctx.keys.page(page_token))


def build_article(entry: FeedEntry, ex: ExtractedArticle, fetched_url: str) -> Article:
    canonical = choose_canonical(fetched_url or entry.link or "", ex.url)
    tags = list(dict.fromkeys([*entry.tags, *ex.tags]))
    return Article(
        id=article_id_for(canonical),
        url=canonical,
        title=ex.title or entry.title,
        text=ex.text,
        feed_url=entry.feed_url,
        description=ex.description or entry.summary,
        image=ex.image or entry.image,
        authors=ex.authors or ([entry.author] if entry.author else []),
        published=ex.published or entry.published,
        modified=ex.modified,
        site_name=ex.site_name,
        language=ex.language,
        word_count=ex.word_count,
        tags=tags,
        fetched_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )


@pipeline_task("newsrelay.dedup", soft_time_limit=20, time_limit=30)
def dedup(
    ctx: Ctx, entry_dict: dict[str, Any], extracted_dict: dict[str, Any], fetched_url: str
) -> dict[str, Any]:
    """Claim the article in Redis; only the first sighting of an original goes on to format."""
    article = build_article(
        FeedEntry.from_dict(entry_dict), ExtractedArticle.from_dict(extracted_dict), fetched_url
    )
    store = ArticleStore(
        ctx.r,
        ctx.keys,
        retention_days=ctx.settings.retention_days,
        dedup=DedupSettings(
            window_days=ctx.settings.dedup_window_days,
            min_jaccard=ctx.settings.dedup_min_jaccard,
        ),
    )
    claim = store.claim(article, owner=ctx.task_id, source=article.feed_url)
    if ctx.run is not None and claim.state == "created":
        # a later sighting of a known story is not news of this run
        ctx.run.record_article(article.id, time.time())
    if claim.is_new_original:
        ctx.send(format_article, article.id)
    return {"article_id": article.id, "state": claim.state, "duplicate_of": claim.duplicate_of}


@pipeline_task("newsrelay.format", soft_time_limit=20, time_limit=30)
def format_article(ctx: Ctx, article_id: str) -> list[str]:
    """Build one payload per platform, queue each once, and nudge each platform's delivery."""
    store = ArticleStore(ctx.r, ctx.keys, retention_days=ctx.settings.retention_days)
    article = store.get(article_id)
    if article is None:
        raise PermanentError(f"article {article_id} is not stored (expired?)")
    queued = queue_payloads(
        ctx.r, ctx.keys, article, retention_days=ctx.settings.retention_days,
        settings=ctx.settings,
    )
    for q in queued:
        if q.error:  # one channel's bad template must not stop the other channels
            ctx.record_failure(PayloadError(q.error), kind="payload", args=[article_id, q.channel])
    for platform in sorted({q.platform for q in queued if not q.error}):
        ctx.send(deliver, platform)
    return [q.stream_id for q in queued if not q.error]
