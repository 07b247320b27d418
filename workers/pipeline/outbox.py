"""The durable per-platform payload queues: one Redis Stream per platform.

Why Streams: they are durable (AOF), ordered, and any outside consumer can read them with its
own consumer group without disturbing ours (`XREADGROUP GROUP <theirs> ...`). Our delivery
workers use the group `delivery`; an entry stays in the group's pending list until a worker
acknowledges it, so a worker killed mid-delivery leaves it there for another to claim.

One entry per (article, channel): a platform with three channels gets three entries for one
article, each queued once (`enqueue_channel_payload.lua`) and each delivered once (the posting
key, see deliver.py). Entries carry `article_id`, `channel` and `payload` (the Payload JSON).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

import redis

from workers.keys import Keys
from workers.models import PLATFORMS, Payload
from workers.pipeline import scripts

GROUP = "delivery"

#: one stream entry as redis-py returns it: (id, {field: value})
Entry = tuple[bytes, dict[bytes, bytes]]


def entries_of(result: Any) -> list[Entry]:
    """XRANGE/XREADGROUP/XCLAIM results typed once (redis-py's stubs say "maybe None")."""
    return [e for e in cast(list[Entry], result or []) if e and e[1]]


@dataclass(frozen=True)
class Queued:
    """One (article, channel) payload after queueing: new, queued before, or not buildable."""

    platform: str
    stream_id: str
    new: bool
    channel: str = ""
    #: set when the channel's payload could not be built (bad template ...); nothing queued
    error: str | None = None


def channel_of(payload: Payload) -> str:
    """The channel a payload goes to; payloads without one belong to `<platform>:default`."""
    return payload.channel or f"{payload.platform}:default"


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _sid_key(sid: str) -> tuple[int, int]:
    """Stream ids order numerically ("...-10" after "...-9")."""
    ms, _, seq = sid.partition("-")
    try:
        return int(ms), int(seq or 0)
    except ValueError:
        return (0, 0)


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
        """Queue `payload` unless the payload for its (article, channel) was queued before."""
        channel = channel_of(payload)
        new, stream_id = scripts.run(
            self.r,
            "enqueue_channel_payload",
            keys=[
                self.keys.channel_payload_claim(payload.article_id, channel),
                self.keys.stream(payload.platform),
                self.keys.article_payloads(payload.article_id),
            ],
            args=[json.dumps(payload.to_dict(), ensure_ascii=False), self.ttl, payload.article_id,
                  channel, payload.platform],
        )
        return Queued(platform=payload.platform, stream_id=_text(stream_id), new=bool(int(new)),
                      channel=channel)

    def _entry_payload(self, platform: str, sid: str) -> Payload | None:
        entries = entries_of(self.r.xrange(self.keys.stream(platform), min=sid, max=sid))
        if not entries:
            return None
        _id, fields = entries[0]
        return Payload.from_dict(json.loads(fields[b"payload"]))

    def _index(self, article_id: str) -> list[tuple[str, str, str]]:
        """(channel, platform, stream id) of every payload queued for `article_id`."""
        rows = []
        index = cast(dict[bytes, bytes], self.r.hgetall(self.keys.article_payloads(article_id)))
        for channel, value in index.items():
            platform, _, sid = _text(value).partition(" ")
            rows.append((_text(channel), platform, sid))
        return rows

    def payloads_for(self, article_id: str) -> dict[str, Payload]:
        """channel -> queued payload, for every channel `article_id` was queued for."""
        found: dict[str, Payload] = {}
        for channel, platform, sid in sorted(self._index(article_id), key=lambda r: _sid_key(r[2])):
            payload = self._entry_payload(platform, sid)
            if payload is not None:
                found[channel] = payload
        return found

    def payload_for(self, article_id: str, platform: str) -> Payload | None:
        """The queued payload of (article, platform): its `<platform>:default` channel's, else
        the first channel of that platform it was queued for."""
        rows = [r for r in self._index(article_id) if r[1] == platform]
        rows.sort(key=lambda r: (r[0] != f"{platform}:default", _sid_key(r[2])))
        for _channel, _platform, sid in rows:
            payload = self._entry_payload(platform, sid)
            if payload is not None:
                return payload
        # queued before channels existed: one claim per (article, platform)
        legacy = self.r.get(self.keys.payload_claim(article_id, platform))
        return self._entry_payload(platform, _text(legacy)) if legacy else None

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
            batch = cast(list[Entry], self.r.xrange(stream, min=start, max="+", count=page) or [])
            count += len(batch)
            if len(batch) < page:
                return count
            start = "(" + _text(batch[-1][0])
