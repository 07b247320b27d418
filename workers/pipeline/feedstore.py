"""Feed registry, per-feed poll state, per-feed seen entries and the poll schedule in Redis.

The schedule is a sorted set of next-poll times; `claim_due` leases due feeds in one Lua step so
that two schedulers never dispatch the same feed for the same slot (SPEC section 5). The poll
task then writes the feed's real next time.

Entry identity has two layers (SPEC section 1: "survive feeds that change GUIDs"):

* the seen set holds entry ids (hash of GUID, else link, else title + content; see
  `workers.pipeline.feeds.entry_identity`);
* the links set holds the normalised (canonical) link of every entry the feed carried. An entry
  whose id is new but whose link this feed already carried within the window is a re-GUIDed
  old entry (a CMS migration, a feed generator that puts the date into the GUID), not news.
  Two exceptions keep real news flowing: an entry dated after its link was first seen is a
  new story at a recycled URL, and a link that entries with different titles share in one
  fetch (items that all point at the home page) identifies nothing.

Moved feeds: a permanent redirect moves the feed to the id of its new URL (`move`); the id is
a hash of the URL, so keeping the old id under a new URL would make `feed_id(url)` lie. The
old URL is remembered as an alias, so a feed list that still names it registers the new URL.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import redis

from workers.keys import Keys, digest
from workers.models import FeedEntry, FeedSpec
from workers.pipeline import scripts
from workers.pipeline.canonical import canonical_url
from workers.redis_client import as_str

#: how far back the link cross-check looks (the maintenance task trims older links)
LINK_WINDOW = 30 * 86400.0
#: an entry dated this long after its link was first seen is a new story at a recycled URL
RECYCLE_SLACK = 3600.0
#: alias chains longer than this are treated as loops
MAX_ALIAS_HOPS = 10


def feed_id(url: str) -> str:
    return digest(url, 16)


def link_key(link: str) -> str:
    """The links-set member for an entry link: hash of its canonical form, so tracking tails
    (utm_*) and spelling (case of the host, default port) do not make an old entry look new."""
    return digest(canonical_url(link), 24)


def _published(entry: FeedEntry) -> float | None:
    if not entry.published:
        return None
    try:
        return datetime.fromisoformat(entry.published).timestamp()
    except ValueError:
        return None


def _link_keys(entries: Sequence[FeedEntry]) -> tuple[dict[int, str], set[str]]:
    """(index -> link key, link keys that identify nothing).

    A link carried in this fetch by entries with different titles (items that all point at
    the home page) does not identify an item, so it cannot prove a GUID change.
    """
    keys: dict[int, str] = {}
    titles: dict[str, set[str]] = {}
    for i, entry in enumerate(entries):
        if entry.link:
            k = link_key(entry.link)
            keys[i] = k
            titles.setdefault(k, set()).add(" ".join((entry.title or "").split()).casefold())
    return keys, {k for k, t in titles.items() if len(t) > 1}


class FeedStore:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.r = client
        self.keys = keys

    # --- keys only this module writes ----------------------------------------------------------
    def links_key(self, fid: str) -> str:
        """ZSET link key -> first-seen time: the links a feed carried (GUID-change check)."""
        return f"{self.keys.prefix}:feed:{fid}:links"

    @property
    def moved_key(self) -> str:
        """HASH old url -> new url: feeds that moved for good (301/308)."""
        return f"{self.keys.prefix}:feeds:moved"

    # --- registry --------------------------------------------------------------------------
    def upsert(self, spec: FeedSpec, *, schedule_now: bool = True) -> str:
        """Register or update `spec`; returns its id.

        A URL that is known to have moved is registered under its new URL (see `resolve_url`),
        so a feed list that still names the old URL does not bring it back as a second feed
        with an empty seen set.
        """
        target = self.resolve_url(spec.url)
        if target != spec.url:
            spec = FeedSpec.from_dict({**spec.to_dict(), "url": target})
        fid = feed_id(spec.url)
        self.r.hset(self.keys.feeds, fid, json.dumps(spec.to_dict()))
        if schedule_now and not spec.paused:
            self.r.zadd(self.keys.schedule, {fid: time.time()}, nx=True)
        if spec.paused:
            self.r.zrem(self.keys.schedule, fid)
        return fid

    def get(self, fid: str) -> FeedSpec | None:
        raw = self.r.hget(self.keys.feeds, fid)
        return FeedSpec.from_dict(json.loads(raw)) if raw else None

    def get_many(self, fids: Sequence[str]) -> list[FeedSpec | None]:
        """Several registrations in one round trip (the dispatcher's batch)."""
        if not fids:
            return []
        raws = self.r.hmget(self.keys.feeds, list(fids))
        return [FeedSpec.from_dict(json.loads(raw)) if raw else None for raw in raws]

    def all(self) -> dict[str, FeedSpec]:
        return {
            as_str(k): FeedSpec.from_dict(json.loads(v))
            for k, v in self.r.hgetall(self.keys.feeds).items()
        }

    def remove(self, fid: str) -> None:
        self.r.hdel(self.keys.feeds, fid)
        self.r.zrem(self.keys.schedule, fid)

    def purge(self, fid: str) -> None:
        """Remove a feed and everything kept about it (state, seen entries, links, aliases)."""
        spec = self.get(fid)
        pipe = self.r.pipeline()
        pipe.hdel(self.keys.feeds, fid)
        pipe.zrem(self.keys.schedule, fid)
        pipe.delete(self.keys.feed_state(fid), self.keys.feed_seen(fid), self.links_key(fid))
        pipe.execute()
        if spec is not None:
            aliases = [
                as_str(old)
                for old, new in self.r.hgetall(self.moved_key).items()
                if as_str(new) == spec.url
            ]
            if aliases:
                self.r.hdel(self.moved_key, *aliases)

    # --- moved feeds ---------------------------------------------------------------------------
    def resolve_url(self, url: str) -> str:
        """Where `url` lives now: follows recorded permanent moves (loops and long chains stop
        at the last URL reached)."""
        seen = {url}
        current = url
        for _ in range(MAX_ALIAS_HOPS):
            raw = self.r.hget(self.moved_key, current)
            if raw is None:
                break
            nxt = as_str(raw)
            if nxt in seen:
                break
            seen.add(nxt)
            current = nxt
        return current

    def moves(self) -> dict[str, str]:
        """Every recorded move, old url -> new url."""
        return {as_str(k): as_str(v) for k, v in self.r.hgetall(self.moved_key).items()}

    def forget_move(self, old_url: str) -> None:
        """Drop an alias (an operator who wants the old URL back)."""
        self.r.hdel(self.moved_key, old_url)

    def move(self, fid: str, new_url: str) -> tuple[str, bool]:
        """Move feed `fid` to `new_url` (state, seen, links, schedule); (new id, merged).

        `merged` is True when `new_url` was registered already: the old feed is folded into it.
        """
        spec = self.get(fid)
        if spec is None:
            raise KeyError(fid)
        new_fid = feed_id(new_url)
        if new_fid == fid:
            return fid, False
        new_spec = FeedSpec.from_dict({**spec.to_dict(), "url": new_url})
        merged = scripts.run(
            self.r,
            "feed_move",
            keys=[
                self.keys.feeds,
                self.keys.schedule,
                self.moved_key,
                self.keys.feed_state(fid),
                self.keys.feed_state(new_fid),
                self.keys.feed_seen(fid),
                self.keys.feed_seen(new_fid),
                self.links_key(fid),
                self.links_key(new_fid),
            ],
            args=[fid, new_fid, json.dumps(new_spec.to_dict()), spec.url, new_url],
        )
        return new_fid, bool(int(merged))

    # --- state -----------------------------------------------------------------------------
    def load_state(self, fid: str) -> dict[str, Any] | None:
        raw = self.r.get(self.keys.feed_state(fid))
        return json.loads(raw) if raw else None

    def save_state(self, fid: str, state: dict[str, Any]) -> None:
        self.r.set(self.keys.feed_state(fid), json.dumps(state, ensure_ascii=False))

    def save_poll(self, fid: str, state: dict[str, Any], next_at: float | None) -> None:
        """A poll's outcome in one round trip: the new state and (unless the feed is not
        scheduled: unregistered, paused, disabled) its next poll time."""
        pipe = self.r.pipeline(transaction=False)
        pipe.set(self.keys.feed_state(fid), json.dumps(state, ensure_ascii=False))
        if next_at is not None:
            pipe.zadd(self.keys.schedule, {fid: next_at})
        pipe.execute()

    def load(self, fid: str) -> tuple[FeedSpec | None, dict[str, Any] | None]:
        """Registration and poll state in one round trip (what a poll starts with)."""
        pipe = self.r.pipeline(transaction=False)
        pipe.hget(self.keys.feeds, fid)
        pipe.get(self.keys.feed_state(fid))
        raw_spec, raw_state = pipe.execute()
        spec = FeedSpec.from_dict(json.loads(raw_spec)) if raw_spec else None
        return spec, (json.loads(raw_state) if raw_state else None)

    def states(self, fids: Sequence[str]) -> list[dict[str, Any] | None]:
        """Poll states of several feeds in one round trip (`feeds list`)."""
        if not fids:
            return []
        raws = self.r.mget([self.keys.feed_state(f) for f in fids])
        return [json.loads(raw) if raw else None for raw in raws]

    def next_polls(self, fids: Sequence[str]) -> list[float | None]:
        if not fids:
            return []
        scores = self.r.zmscore(self.keys.schedule, list(fids))
        return [float(s) if s is not None else None for s in scores]

    # --- seen entries ------------------------------------------------------------------------
    def unseen(self, fid: str, entry_ids: list[str]) -> list[bool]:
        """For each entry id, True when this feed has not carried it before."""
        if not entry_ids:
            return []
        scores = self.r.zmscore(self.keys.feed_seen(fid), entry_ids)
        return [s is None for s in scores]

    def mark_seen(self, fid: str, entry_ids: Iterable[str], now: float | None = None) -> None:
        ids = list(entry_ids)
        if ids:
            at = time.time() if now is None else now
            self.r.zadd(self.keys.feed_seen(fid), dict.fromkeys(ids, at), nx=True)

    def triage(
        self,
        fid: str,
        entries: Sequence[FeedEntry],
        *,
        now: float | None = None,
        window: float = LINK_WINDOW,
    ) -> tuple[list[FeedEntry], list[FeedEntry]]:
        """Split a fetch's entries into (fresh, reguided); one round trip.

        Entries already seen by id are in neither list. An entry new by id is `reguided` (a
        GUID change, not news) when this feed carried its canonical link within `window`,
        unless the entry is dated after that link was first seen (a new story at a recycled
        URL) or the link is shared in this fetch by entries with different titles (it
        identifies nothing). Otherwise it is `fresh`.
        """
        if not entries:
            return [], []
        at = time.time() if now is None else now
        links, vague = _link_keys(entries)
        members = [k for k in dict.fromkeys(links.values()) if k not in vague]
        pipe = self.r.pipeline(transaction=False)
        pipe.zmscore(self.keys.feed_seen(fid), [e.entry_id for e in entries])
        if members:
            pipe.zmscore(self.links_key(fid), members)
        replies = pipe.execute()
        id_scores = replies[0]
        first_seen = dict(zip(members, replies[1], strict=True)) if members else {}
        horizon = at - window
        fresh: list[FeedEntry] = []
        reguided: list[FeedEntry] = []
        for i, entry in enumerate(entries):
            if id_scores[i] is not None:
                continue
            seen_at = first_seen.get(links.get(i, ""))
            published = _published(entry)
            if (
                seen_at is not None
                and float(seen_at) >= horizon
                and (published is None or published <= float(seen_at) + RECYCLE_SLACK)
            ):
                reguided.append(entry)
            else:
                fresh.append(entry)
        return fresh, reguided

    def mark_entries_seen(
        self, fid: str, entries: Iterable[FeedEntry], now: float | None = None
    ) -> None:
        """Remember entries by id and by link (first sighting kept: NX)."""
        at = time.time() if now is None else now
        ids: dict[str, float] = {}
        links: dict[str, float] = {}
        for entry in entries:
            ids[entry.entry_id] = at
            if entry.link:
                links[link_key(entry.link)] = at
        if not ids:
            return
        pipe = self.r.pipeline(transaction=False)
        pipe.zadd(self.keys.feed_seen(fid), ids, nx=True)
        if links:
            pipe.zadd(self.links_key(fid), links, nx=True)
        pipe.execute()

    def trim_seen(self, fid: str, older_than: float) -> int:
        """Forget entries (and links) first seen before `older_than`; returns entries removed."""
        self.r.zremrangebyscore(self.links_key(fid), "-inf", older_than)
        return int(self.r.zremrangebyscore(self.keys.feed_seen(fid), "-inf", older_than))

    # --- schedule ----------------------------------------------------------------------------
    def schedule(self, fid: str, at: float) -> None:
        self.r.zadd(self.keys.schedule, {fid: at})

    def schedule_many(self, when: dict[str, float]) -> None:
        if when:
            self.r.zadd(self.keys.schedule, when)

    def next_poll(self, fid: str) -> float | None:
        score = self.r.zscore(self.keys.schedule, fid)
        return float(score) if score is not None else None

    def claim_due(
        self, *, now: float | None = None, lease: float = 900, limit: int = 500
    ) -> list[str]:
        at = time.time() if now is None else now
        due = scripts.run(self.r, "claim_due", keys=[self.keys.schedule], args=[at, lease, limit])
        return [d.decode() if isinstance(d, bytes) else str(d) for d in due]
