"""The durable per-platform payload queues: one Redis Stream per platform.

Why Streams: they are durable (AOF), ordered, and any outside consumer can read them with its
own consumer group without disturbing ours (`XREADGROUP GROUP <theirs> ...`). Our delivery
workers use the group `delivery`; an entry stays in the group's pending list until a worker
acknowledges it, so a worker killed mid-delivery leaves it there for another to claim.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import redis

from workers.keys import Keys
from workers.models import PLATFORMS, Payload
from workers.pipeline import scripts

GROUP = "delivery"


@dataclass(frozen=True)
class Queued:
    platform: str
    stream_id: str
    new: bool


class Outbox:
    def __init__(self, client: redis.Redis, keys: Keys, *, retention_days: int = 30) -> None:
        self.r = client
        self.keys = keys
        self.ttl = retention_days * 86400

    def ensure_groups(self, platforms: tuple[str, ...] = PLATFORMS) -> None:
        for platform in platforms:
            try:
                self.r.xgroup_create(self.keys.stream(platform), GROUP, id="0", mkstream=True)
            except redis.ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise

    def enqueue(self, payload: Payload) -> Queued:
        """Queue `payload` unless the payload for its (article, platform) was queued before."""
        new, stream_id = scripts.run(
            self.r,
            "enqueue_payload",
            keys=[
                self.keys.payload_claim(payload.article_id, payload.platform),
                self.keys.stream(payload.platform),
            ],
            args=[json.dumps(payload.to_dict(), ensure_ascii=False), self.ttl, payload.article_id],
        )
        sid = stream_id.decode() if isinstance(stream_id, bytes) else str(stream_id)
        return Queued(platform=payload.platform, stream_id=sid, new=bool(int(new)))

    def payload_for(self, article_id: str, platform: str) -> Payload | None:
        """The queued payload of (article, platform), if any."""
        sid = self.r.get(self.keys.payload_claim(article_id, platform))
        if not sid:
            return None
        entries = self.r.xrange(self.keys.stream(platform), min=sid, max=sid)
        if not entries:
            return None
        _id, fields = entries[0]
        return Payload.from_dict(json.loads(fields[b"payload"]))

    def length(self, platform: str) -> int:
        return int(self.r.xlen(self.keys.stream(platform)))

    def pending(self, platform: str) -> int:
        """Entries our delivery group has not finished: unacknowledged plus never read."""
        stream = self.keys.stream(platform)
        try:
            groups = self.r.xinfo_groups(stream)
        except redis.ResponseError:
            return 0
        for g in groups:
            info = {(k.decode() if isinstance(k, bytes) else k): v for k, v in g.items()}
            name = info.get("name")
            if name not in (GROUP, GROUP.encode()):
                continue
            unacked = int(info.get("pending") or 0)
            lag = info.get("lag")
            if lag is not None:  # Redis >= 7 keeps the count for us
                return unacked + int(lag)
            last = info.get("last-delivered-id") or b"0-0"
            last_s = last.decode() if isinstance(last, bytes) else str(last)
            return unacked + self._count_after(stream, last_s)
        return 0

    def _count_after(self, stream: str, last_id: str, page: int = 1000) -> int:
        """Entries after `last_id` (Redis 6.2 has no `lag` in XINFO GROUPS)."""
        count, start = 0, f"({last_id}"
        while True:
            batch = self.r.xrange(stream, min=start, max="+", count=page)
            count += len(batch)
            if len(batch) < page:
                return count
            start = "(" + (batch[-1][0].decode() if isinstance(batch[-1][0], bytes)
                           else str(batch[-1][0]))
