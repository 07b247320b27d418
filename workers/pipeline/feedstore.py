"""Feed registry, per-feed poll state, per-feed seen entries and the poll schedule in Redis.

The schedule is a sorted set of next-poll times; `claim_due` leases due feeds in one Lua step so
that two schedulers never dispatch the same feed for the same slot (SPEC section 5). The poll
task then writes the feed's real next time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any

import redis

from workers.keys import Keys, digest
from workers.models import FeedSpec
from workers.pipeline import scripts
from workers.redis_client import as_str


def feed_id(url: str) -> str:
    return digest(url, 16)


class FeedStore:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.r = client
        self.keys = keys

    # --- registry --------------------------------------------------------------------------
    def upsert(self, spec: FeedSpec, *, schedule_now: bool = True) -> str:
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

    def all(self) -> dict[str, FeedSpec]:
        return {
            as_str(k): FeedSpec.from_dict(json.loads(v))
            for k, v in self.r.hgetall(self.keys.feeds).items()
        }

    def remove(self, fid: str) -> None:
        self.r.hdel(self.keys.feeds, fid)
        self.r.zrem(self.keys.schedule, fid)

    # --- state -----------------------------------------------------------------------------
    def load_state(self, fid: str) -> dict[str, Any] | None:
        raw = self.r.get(self.keys.feed_state(fid))
        return json.loads(raw) if raw else None

    def save_state(self, fid: str, state: dict[str, Any]) -> None:
        self.r.set(self.keys.feed_state(fid), json.dumps(state, ensure_ascii=False))

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

    def trim_seen(self, fid: str, older_than: float) -> int:
        return int(self.r.zremrangebyscore(self.keys.feed_seen(fid), "-inf", older_than))

    # --- schedule ----------------------------------------------------------------------------
    def schedule(self, fid: str, at: float) -> None:
        self.r.zadd(self.keys.schedule, {fid: at})

    def next_poll(self, fid: str) -> float | None:
        score = self.r.zscore(self.keys.schedule, fid)
        return float(score) if score is not None else None

    def claim_due(
        self, *, now: float | None = None, lease: float = 900, limit: int = 500
    ) -> list[str]:
        at = time.time() if now is None else now
        due = scripts.run(self.r, "claim_due", keys=[self.keys.schedule], args=[at, lease, limit])
        return [d.decode() if isinstance(d, bytes) else str(d) for d in due]
