"""Feed parsing: bytes in, identified entries out, under a hard time limit.

RSS 0.9x/1.0/2.0 and Atom go through feedparser, JSON Feed through `jsonfeed`. Why the shape
of this module:

* feedparser gets the BYTES plus `response_headers` (content-type with the HTTP charset,
  content-location with the final URL), never a URL (its own fetching has no timeout): so the
  charset is decided from HTTP + XML declaration + fallbacks, and relative links resolve
  against the URL the feed really came from, not the one before the redirects.
* `bozo` is a warning (most real feeds have some flaw) — but a body that yields no feed at all
  (an HTML page, nothing, garbage) is a `FeedParseError` that says what the body looked like,
  because that text is what an operator sees in ops.
* feedparser has a quadratic regex on author e-mails (10 000 characters take ~0.4 s, and a feed
  can have many such authors), so XML parsing runs in a throw-away child process that is
  killed at the time limit. A process works where `signal.alarm` does not (a non-main thread,
  a Celery prefork child that already uses SIGALRM for its own limits), and killing a process
  is the only way to stop a running regex. The child is forked from a small single-threaded
  fork server, not from the worker: see `forkserver` for why.
* Entry identity is decided here, once, for every format (SPEC section 1): hash of GUID/id,
  else link, else title + content; entries sharing a GUID inside one feed are told apart by
  adding their link.
"""

from __future__ import annotations

import calendar
import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import feedparser

from workers.errors import FeedParseError, ParserUnavailableError
from workers.models import FeedEntry
from workers.pipeline import forkserver

T = TypeVar("T")

#: Entries carry at most this much summary text: it is a teaser for dedup and payloads, the
#: article itself is fetched separately.
MAX_SUMMARY_CHARS = 20_000


@dataclass
class ParsedFeed:
    """A parsed feed: its metadata and its identified entries."""

    title: str | None
    #: feedparser's version string (rss20, rss10, rss091u, atom10 ...) or json10/json11
    format: str
    entries: list[FeedEntry] = field(default_factory=list)
    #: RSS <ttl> converted to seconds
    ttl: int | None = None
    #: WebSub hub advertised by the feed (link rel="hub")
    hub: str | None = None
    #: the feed's own URL as it states it (link rel="self" / JSON Feed feed_url)
    self_url: str | None = None
    #: the site's home page
    link: str | None = None
    #: feedparser's bozo text when the feed had flaws we parsed around (a warning only)
    warning: str | None = None


# --- entry identity --------------------------------------------------------------------------


def entry_identity(
    *, guid: str | None, link: str | None, title: str | None, content: str | None
) -> str:
    """Stable id of an entry within its feed: hash of GUID, else link, else title + content.

    The prefixes keep a GUID that happens to equal another entry's link from colliding.
    """
    if guid:
        key = "guid:" + guid
    elif link:
        key = "link:" + link
    else:
        key = "text:" + (title or "") + "\n" + (content or "")
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def assign_ids(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Fill `entry_id` for every entry and drop exact repeats (same id) after the first.

    Entries sharing a GUID get hash(GUID + link) — all of them, not just the later ones: if the
    first kept the bare GUID id, a new item published under a recycled GUID at the top of the
    feed would inherit the old id and be silently skipped as already seen.
    """
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.guid:
            counts[entry.guid] = counts.get(entry.guid, 0) + 1
    seen: set[str] = set()
    out: list[FeedEntry] = []
    for entry in entries:
        guid = entry.guid
        if guid and counts[guid] > 1:
            guid = guid + "\n" + (entry.link or entry.title or "")
        entry.entry_id = entry_identity(
            guid=guid, link=entry.link, title=entry.title, content=entry.summary
        )
        if entry.entry_id in seen:
            continue
        seen.add(entry.entry_id)
        out.append(entry)
    return out


def clean_link(link: object, base: str) -> str | None:
    """`link` resolved against `base`, kept only if it is an http(s) URL."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        resolved = urljoin(base, link.strip())
        scheme = urlsplit(resolved).scheme.lower()
    except ValueError:
        return None
    return resolved if scheme in ("http", "https") else None


def clean_tags(values: list[str]) -> list[str]:
    """Tag terms stripped and de-duplicated (case-insensitively), order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        term = " ".join(value.split()) if isinstance(value, str) else ""
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            out.append(term)
    return out


# --- hard time limit ------------------------------------------------------------------------


def run_with_time_limit(
    func: Callable[..., T], *args: Any, time_limit: float, what: str
) -> T:
    """Run `func(*args)` in a throw-away process and return its result within `time_limit`.

    The process is forked from this process's fork server (`forkserver`), never from the
    worker itself, so no lock held by another thread of the worker can hang it. `func` must be
    a module-level function (it is pickled). Raises `FeedParseError` if the limit passes (the
    child is SIGKILLed) or the child dies; an exception inside `func` comes back as
    `FeedParseError` with its text, except that a `FeedParseError` keeps its own message.
    `ParserUnavailableError` (transient) when no child could be started. Without `os.fork`
    (not POSIX) `func` runs inline with no hard limit.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - newsrelay runs on POSIX
        return func(*args)
    try:
        outcome = forkserver.server(_CHILD_PRELOAD).run(func, args, time_limit)
    except OSError as exc:
        raise ParserUnavailableError(
            f"{what}: could not start the parser process: {exc}", url=what
        ) from exc
    if outcome.kind == "ok":
        result: T = outcome.value
        return result
    if outcome.kind == "timeout":
        raise FeedParseError(f"{what}: parse exceeded {time_limit:g}s (hard time limit)")
    if outcome.kind == "unavailable":
        raise ParserUnavailableError(
            f"{what}: could not start the parser process (the fork server forked none)", url=what
        )
    if outcome.kind == "died":
        raise FeedParseError(f"{what}: the parser process died without a result")
    failure = outcome.value
    if isinstance(failure, FeedParseError):
        raise FeedParseError(failure.message)
    text = failure if isinstance(failure, str) else f"{type(failure).__name__}: {failure}"
    raise FeedParseError(f"{what}: parser failed: {text}")


#: what the fork server imports once, so each child starts with the parser ready; the expat
#: reader is what feedparser's strict parse creates, imported lazily otherwise
_CHILD_PRELOAD = ("workers.pipeline.feeds", "xml.sax.expatreader")


# --- body sniffing -------------------------------------------------------------------------

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_TITLE_RE = re.compile(rb"<title[^>]*>(.{0,200}?)</title", re.I | re.S)
_ROOT_RE = re.compile(rb"<([A-Za-z_][\w:.-]*)")


def _head(body: bytes) -> bytes:
    head = body[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
    return head.lstrip()


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = _head(body)[:1024].lower()
    return (
        head.startswith(b"<!doctype html")
        or head.startswith(b"<html")
        or (b"<html" in head and b"<rss" not in head and b"<feed" not in head)
        or (
            content_type in ("text/html", "application/xhtml+xml")
            and b"<rss" not in head
            and b"<feed" not in head
            and b"<rdf" not in head
        )
    )


def describe_body(body: bytes, content_type: str = "") -> str:
    """A short human description of a body that is not a feed, for the error message."""
    head = _head(body)
    if not head:
        return "the body is empty" if not body else "the body is only whitespace"
    if _looks_like_html(body, content_type):
        match = _TITLE_RE.search(body[:65536])
        title = ""
        if match:
            title = " ".join(match.group(1).decode("utf-8", "replace").split())[:80]
        return "the body is an HTML page" + (f" (title {title!r})" if title else "")
    if head.startswith(b"<"):
        match = _ROOT_RE.search(head)
        root = match.group(1).decode("ascii", "replace") if match else "?"
        return f"the body is XML but not RSS or Atom (root element <{root}>)"
    if head[:1] in (b"{", b"["):
        return "the body is JSON but not a JSON Feed"
    return f"the body is neither XML nor JSON (it starts with {head[:40]!r})"


def _content_type(headers: Mapping[str, str]) -> tuple[str, str]:
    """(full content-type header, bare lower-case media type)."""
    full = ""
    for key, value in headers.items():
        if key.lower() == "content-type":
            full = value
    return full, full.split(";", 1)[0].strip().lower()


def _is_json_feed(body: bytes, media_type: str) -> bool:
    """JSON Feed by content type or by a JSON body naming a jsonfeed.org version.

    The body wins over the header when it plainly starts with markup: servers label feeds
    with all kinds of wrong types.
    """
    head = _head(body)
    if head.startswith(b"<"):
        return False
    if media_type in ("application/feed+json", "application/json", "text/json"):
        return True
    if media_type.endswith("+json"):
        return True
    return head.startswith(b"{") and b"jsonfeed.org/version" in body[:65536]


# --- feedparser -----------------------------------------------------------------------------


def _struct_to_iso(value: object) -> str | None:
    """feedparser's UTC struct_time -> timezone-aware ISO 8601."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _entry_image(entry: Mapping[str, Any], base: str) -> str | None:
    """The entry's image: media:content (image), media:thumbnail, then image enclosures."""
    for media in entry.get("media_content") or []:
        kind = (media.get("medium") or media.get("type") or "image").lower()
        if kind.startswith("image"):
            url = clean_link(media.get("url"), base)
            if url:
                return url
    for thumb in entry.get("media_thumbnail") or []:
        url = clean_link(thumb.get("url"), base)
        if url:
            return url
    for enclosure in entry.get("enclosures") or []:
        mime = (enclosure.get("type") or "").lower()
        href = enclosure.get("href") or enclosure.get("url")
        if mime.startswith("image/") or (
            not mime
            and isinstance(href, str)
            and href.lower().split("?")[0].endswith((".jpg", ".jpeg", ".png", ".gif", ".webp"))
        ):
            url = clean_link(href, base)
            if url:
                return url
    image = entry.get("image")
    if isinstance(image, Mapping):
        return clean_link(image.get("href") or image.get("url"), base)
    return None


def _entry_summary(entry: Mapping[str, Any]) -> str | None:
    summary = entry.get("summary")
    if not summary:
        for content in entry.get("content") or []:
            if content.get("value"):
                summary = content["value"]
                break
    if not isinstance(summary, str) or not summary.strip():
        return None
    return summary[:MAX_SUMMARY_CHARS]


def _parse_ttl(value: object) -> int | None:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if minutes > 0 else None


def _feed_links(feed: Mapping[str, Any], base: str) -> tuple[str | None, str | None]:
    hub = self_url = None
    for link in feed.get("links") or []:
        rel = (link.get("rel") or "").lower()
        if rel == "hub" and hub is None:
            hub = clean_link(link.get("href"), base)
        elif rel == "self" and self_url is None:
            self_url = clean_link(link.get("href"), base)
    return hub, self_url


def _feedparser_headers(body: bytes, headers: Mapping[str, str], url: str) -> dict[str, str]:
    """The response headers feedparser should see.

    content-location = the final URL (base for relative links). The content type is passed on,
    except that an XML body served as text/html or with no type is declared as XML, so
    feedparser does not give up on a real feed from a misconfigured server.
    """
    full, media = _content_type(headers)
    out = {"content-location": url}
    head = _head(body)[:512].lower()
    xmlish = head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))
    if xmlish and media in ("", "text/html", "text/plain", "application/octet-stream"):
        charset = ""
        if "charset=" in full.lower():
            charset = full[full.lower().index("charset=") :]
        full = "application/xml" + (f"; {charset}" if charset else "")
    if full:
        out["content-type"] = full
    return out


def _parse_xml(body: bytes, url: str, feed_url: str, headers: Mapping[str, str]) -> ParsedFeed:
    """Parse RSS/Atom with feedparser and build identified entries (runs in the child)."""
    parsed = feedparser.parse(body, response_headers=_feedparser_headers(body, headers, url))
    version = parsed.get("version") or ""
    raw_entries = parsed.get("entries") or []
    if not version and not raw_entries:
        _full, media = _content_type(headers)
        detail = describe_body(body, media)
        bozo = parsed.get("bozo_exception")
        if bozo is not None and not _looks_like_html(body, media) and _head(body):
            detail += f"; parser said: {bozo}"
        raise FeedParseError(f"{url}: not a feed: {detail}")
    feed = parsed.get("feed") or {}
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not raw_entries and bozo is not None and not feed.get("title"):
        # bozo is only a warning when something was read; a body cut off after its root
        # element yields nothing at all, and "ok, 0 entries" would hide that the feed is broken
        raise FeedParseError(
            f"{url}: not a feed: the XML is broken ({type(bozo).__name__}: {bozo}) and "
            "nothing was read (no title, no entries)"
        )
    entries: list[FeedEntry] = []
    for raw in raw_entries:
        link = clean_link(raw.get("link"), url)
        guid = raw.get("id") or raw.get("guid")
        title = (raw.get("title") or "").strip() or None
        summary = _entry_summary(raw)
        if not (link or title or summary):
            continue  # debris of a broken item: nothing to identify or share
        author_detail = raw.get("author_detail") or {}
        author = author_detail.get("name") or raw.get("author") or ""
        entries.append(
            FeedEntry(
                feed_url=feed_url,
                entry_id="",
                link=link,
                title=title,
                summary=summary,
                published=_struct_to_iso(raw.get("published_parsed"))
                or _struct_to_iso(raw.get("updated_parsed")),
                guid=(str(guid).strip() or None) if guid else None,
                tags=clean_tags([t.get("term") for t in raw.get("tags") or []]),
                author=author.strip() or None,
                image=_entry_image(raw, url),
            )
        )
    hub, self_url = _feed_links(feed, url)
    bozo_exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    return ParsedFeed(
        title=(feed.get("title") or "").strip() or None,
        format=version or "unknown",
        entries=assign_ids(entries),
        ttl=_parse_ttl(feed.get("ttl")),
        hub=hub,
        self_url=self_url,
        link=clean_link(feed.get("link"), url),
        warning=f"{type(bozo_exc).__name__}: {bozo_exc}" if bozo_exc is not None else None,
    )


def parse_feed(
    body: bytes,
    *,
    url: str,
    headers: Mapping[str, str] | None = None,
    time_limit: float = 10.0,
    feed_url: str | None = None,
) -> ParsedFeed:
    """Parse a feed body fetched from `url` (the FINAL URL, after redirects).

    `headers` are the response headers (content-type matters for the charset and the format).
    `feed_url` is the feed's identity stored on each entry (the URL the operator listed);
    it defaults to `url`. Raises `FeedParseError` when the body is not a feed or the parse
    exceeds `time_limit` seconds.
    """
    headers = headers or {}
    identity = feed_url or url
    if not _head(body):
        raise FeedParseError(f"{url}: not a feed: {describe_body(body)}")
    _full, media = _content_type(headers)
    if _is_json_feed(body, media):
        from workers.pipeline import jsonfeed

        return jsonfeed.parse_json_feed(body, url=url, headers=headers, feed_url=identity)
    return run_with_time_limit(
        _parse_xml, body, url, identity, dict(headers), time_limit=time_limit, what=url
    )
