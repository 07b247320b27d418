"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) parser.

Why our own: feedparser 6.0.14 returns nothing for JSON Feed. The format is small and plain
JSON, so a strict-where-it-matters, lenient-elsewhere reader is a few dozen lines: a body
that is not JSON, or JSON without a jsonfeed.org version, is a `FeedParseError`; a missing
optional field or one odd item is not (the item is skipped or the field left empty), just as
feedparser treats a flawed RSS feed.

No hard time limit here: `json.loads` is linear in the (already size-capped) body, and a
pathologically nested document fails fast with RecursionError, which we report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from workers.errors import FeedParseError
from workers.models import FeedEntry
from workers.pipeline.feeds import (
    MAX_SUMMARY_CHARS,
    ParsedFeed,
    assign_ids,
    clean_link,
    clean_tags,
    describe_body,
)

VERSION_PREFIX = "https://jsonfeed.org/version/"
_FORMATS = {"1": "json10", "1.0": "json10", "1.1": "json11"}


def _text(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def parse_date(value: object) -> str | None:
    """RFC 3339 date -> timezone-aware ISO 8601 in UTC; a date without offset is taken as UTC."""
    text = _text(value)
    if text is None:
        return None
    try:
        when = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


def _decode(body: bytes, headers: Mapping[str, str]) -> str:
    """JSON text is UTF-8 (RFC 8259); honour a BOM or a declared UTF-16/32 charset."""
    charset = ""
    for key, value in headers.items():
        if key.lower() == "content-type" and "charset=" in value.lower():
            charset = value.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"')
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16")
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return body.decode("utf-8-sig", errors="replace")


def _author(item: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    """1.1 `authors` list, else 1.0 `author` object, of the item, else of the feed."""
    for source in (item, feed):
        authors = source.get("authors")
        if isinstance(authors, list):
            names = [_text(a.get("name")) for a in authors if isinstance(a, Mapping)]
            joined = ", ".join(n for n in names if n)
            if joined:
                return joined
        author = source.get("author")
        if isinstance(author, Mapping) and _text(author.get("name")):
            return _text(author.get("name"))
    return None


def parse_json_feed(
    body: bytes,
    *,
    url: str,
    headers: Mapping[str, str] | None = None,
    feed_url: str | None = None,
) -> ParsedFeed:
    """Parse a JSON Feed body fetched from `url` (the final URL; base for relative links)."""
    headers = headers or {}
    try:
        data = json.loads(_decode(body, headers))
    except (ValueError, RecursionError) as exc:
        if not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
            detail = describe_body(body)  # served as JSON, but it is something else
        else:
            detail = f"the body is invalid JSON ({exc})"
        raise FeedParseError(f"{url}: not a feed: {detail}") from None
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, str) and version.startswith("http://"):
        version = "https://" + version[len("http://") :]  # seen in the wild
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        raise FeedParseError(
            f"{url}: not a feed: JSON without a jsonfeed.org version (version={version!r})"
        )
    fmt = _FORMATS.get(version[len(VERSION_PREFIX) :].strip("/"), "json1x")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedParseError(f"{url}: JSON Feed without an 'items' list")
    identity = feed_url or url
    entries: list[FeedEntry] = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        link = clean_link(item.get("url"), url) or clean_link(item.get("external_url"), url)
        summary = (
            _text(item.get("content_html"))
            or _text(item.get("content_text"))
            or _text(item.get("summary"))
        )
        tags = item.get("tags")
        entries.append(
            FeedEntry(
                feed_url=identity,
                entry_id="",
                link=link,
                title=_text(item.get("title")),
                summary=summary[:MAX_SUMMARY_CHARS] if summary else None,
                published=parse_date(item.get("date_published"))
                or parse_date(item.get("date_modified")),
                guid=_text(item.get("id")),
                tags=clean_tags([t for t in tags if isinstance(t, str)])
                if isinstance(tags, list)
                else [],
                author=_author(item, data),
                image=clean_link(item.get("image"), url)
                or clean_link(item.get("banner_image"), url),
            )
        )
    hub = None
    hubs = data.get("hubs")
    if isinstance(hubs, list):
        for candidate in hubs:
            if isinstance(candidate, Mapping):
                hub = clean_link(candidate.get("url"), url)
                if hub:
                    break
    return ParsedFeed(
        title=_text(data.get("title")),
        format=fmt,
        entries=assign_ids(entries),
        ttl=None,
        hub=hub,
        self_url=clean_link(data.get("feed_url"), url),
        link=clean_link(data.get("home_page_url"), url),
    )
