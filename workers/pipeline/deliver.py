"""Delivery: drain one platform's payload stream and post each payload once per channel.

The stream entry is the unit of work; the Celery task that calls `drain` is only a nudge, so
duplicate nudges are harmless. Entries a dead worker left unacknowledged are taken over with
XAUTOCLAIM once idle for `min_idle_ms`. Exactly-once per (article, channel) rests on the
posting key (see `record_dry_run.lua`; real platform posting lands with the channel code).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field

import redis

from workers.keys import Keys
from workers.models import Payload
from workers.pipeline import scripts
from workers.pipeline.outbox import GROUP

log = logging.getLogger(__name__)


@dataclass
class DrainReport:
    platform: str
    delivered: list[str] = field(default_factory=list)  # post ids
    already_done: int = 0
    failed: int = 0


class Deliverer:
    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        *,
        consumer: str,
        retention_days: int = 30,
        min_idle_ms: int = 300_000,
    ) -> None:
        self.r = client
        self.keys = keys
        self.consumer = consumer
        self.ttl = retention_days * 86400
        self.min_idle_ms = min_idle_ms

    def _entries(self, platform: str, count: int) -> list[tuple[bytes, dict[bytes, bytes]]]:
        stream = self.keys.stream(platform)
        taken: list[tuple[bytes, dict[bytes, bytes]]] = []
        # first, entries another consumer took and never acknowledged (it died)
        claimed = self.r.xautoclaim(
            stream, GROUP, self.consumer, min_idle_time=self.min_idle_ms, start_id="0-0",
            count=count,
        )
        taken.extend(e for e in claimed[1] if e and e[1])
        if len(taken) < count:
            fresh = self.r.xreadgroup(GROUP, self.consumer, {stream: ">"}, count=count - len(taken))
            for _stream, entries in fresh or []:
                taken.extend(entries)
        return taken

    def drain(self, platform: str, *, max_entries: int = 100) -> DrainReport:
        report = DrainReport(platform=platform)
        for entry_id, fields in self._entries(platform, max_entries):
            payload = Payload.from_dict(json.loads(fields[b"payload"]))
            channel = payload.channel or f"{platform}:default"
            new, post_id = scripts.run(
                self.r,
                "record_dry_run",
                keys=[self.keys.posting(payload.article_id, channel), self.keys.sent(platform)],
                args=[fields[b"payload"], f"{time.time():.3f}", self.ttl, channel],
            )
            if int(new):
                pid = post_id.decode() if isinstance(post_id, bytes) else str(post_id)
                report.delivered.append(pid)
                log.info("dry run: would post to %s: %s", channel, payload.text[:80])
            else:
                report.already_done += 1
            self.r.xack(self.keys.stream(platform), GROUP, entry_id)
        return report
