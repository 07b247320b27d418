"""The records that flow through the pipeline, one way: poll -> fetch -> extract -> dedup ->
format -> queue -> deliver.

They are plain dataclasses with `to_dict`/`from_dict` so that they cross Celery (JSON
serialisation) and Redis unchanged, and so that the stages stay free of Celery and Redis.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

PLATFORMS: tuple[str, ...] = ("whatsapp", "facebook", "twitter", "linkedin", "telegram")

FeedStatus = Literal["ok", "not_modified", "error"]

T = TypeVar("T")


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a dataclass from a dict, ignoring unknown keys (forward compatible messages)."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class FeedSpec:
    """One feed as the operator listed it (schedules/feeds.toml, OPML, `feeds add`)."""

    url: str
    name: str | None = None
    #: preferred polling interval in seconds (None: the default from settings)
    interval: int | None = None
    user_agent: str | None = None
    paused: bool = False
    tags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["tags"] = list(self.tags)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedSpec:
        data = dict(data)
        data["tags"] = tuple(data.get("tags") or ())
        return _from_dict(cls, data)


@dataclass
class FeedEntry:
    """One item of a feed, already identified (see `entry_id`)."""

    feed_url: str
    #: stable identity of the entry within its feed (hash of GUID, else link, else title+content)
    entry_id: str
    link: str | None
    title: str | None = None
    summary: str | None = None
    published: str | None = None  # ISO 8601, timezone-aware, or None
    guid: str | None = None
    tags: list[str] = field(default_factory=list)
    author: str | None = None
    image: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedEntry:
        return _from_dict(cls, data)


@dataclass
class FeedResult:
    """What one poll of one feed found."""

    url: str
    status: FeedStatus
    entries: list[FeedEntry] = field(default_factory=list)
    http_status: int | None = None
    error: str | None = None
    error_kind: str | None = None
    final_url: str | None = None
    #: set only when the feed moved permanently (301/308): the URL to store from now on
    moved_to: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    format: str | None = None  # rss20, atom10, json1 ...
    title: str | None = None
    #: hints for the next poll, in seconds (RSS ttl, Cache-Control max-age, Retry-After ...)
    ttl: int | None = None
    max_age: int | None = None
    retry_after: float | None = None
    hub: str | None = None  # WebSub hub, when advertised

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedResult:
        data = dict(data)
        data["entries"] = [FeedEntry.from_dict(e) for e in data.get("entries", [])]
        return _from_dict(cls, data)


@dataclass
class FetchedPage:
    """An HTTP response body we accepted (size-capped, from an allowed address)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    #: set when every redirect hop on the way was permanent (301/308): the URL to store
    moved_to: str | None = None
    #: the redirect chain followed, as (status, url) pairs
    redirects: list[tuple[int, str]] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class ExtractedArticle:
    """The clean article and its metadata, exactly the keys of `newsrelay extract --json`."""

    title: str | None
    text: str
    url: str | None
    description: str | None = None
    image: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 with timezone
    modified: str | None = None
    site_name: str | None = None
    language: str | None = None
    word_count: int = 0
    #: tags/keywords from the page (used for hashtags); not part of the extract --json keys
    tags: list[str] = field(default_factory=list)

    JSON_KEYS = (
        "title",
        "text",
        "url",
        "description",
        "image",
        "authors",
        "published",
        "modified",
        "site_name",
        "language",
        "word_count",
    )

    def to_json_dict(self) -> dict[str, Any]:
        """The `extract --json` object: exactly JSON_KEYS."""
        return {k: getattr(self, k) for k in self.JSON_KEYS}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedArticle:
        data = dict(data)
        data.setdefault("text", "")
        data.setdefault("title", None)
        data.setdefault("url", None)
        return _from_dict(cls, data)


@dataclass
class Article:
    """A stored article: the extracted one plus its identity and where it came from."""

    id: str
    url: str  # canonical URL
    title: str | None
    text: str
    feed_url: str | None = None
    description: str | None = None
    image: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    language: str | None = None
    word_count: int = 0
    tags: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    #: other feeds/URLs that carried the same story
    sources: list[str] = field(default_factory=list)
    fetched_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _from_dict(cls, data)


@dataclass
class Payload:
    """One share payload for one platform: what the user sees, the API request, the intent link."""

    platform: str
    article_id: str
    text: str
    #: {"method": "POST", "path": "/2/tweets", "json": {...}} (headers where the API needs them)
    request: dict[str, Any]
    share_url: str
    channel: str | None = None
    #: further API requests when one post must be split (a long Telegram text): same shape
    followups: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Payload:
        return _from_dict(cls, data)
