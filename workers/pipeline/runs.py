"""Run tracking for `newsrelay once`: when is a run's work all done?

Every task of a run is added to the run's pending set *before* it is sent and removed when it
reaches a final outcome (success, permanent failure, retries exhausted). A parent always adds
its children before removing itself, so the set is empty only when nothing of the run is
queued, running or waiting to retry. A redelivered task removes itself again: harmless.
"""

from __future__ import annotations

import json
from typing import Any

import redis

from workers.keys import Keys
from workers.redis_client import as_str

RUN_TTL = 86400


class RunTracker:
    def __init__(self, client: redis.Redis, keys: Keys, run_id: str) -> None:
        self.r = client
        self.keys = keys
        self.run_id = run_id

    def add_pending(self, *task_ids: str) -> None:
        if task_ids:
            pipe = self.r.pipeline()
            pipe.sadd(self.keys.run_pending(self.run_id), *task_ids)
            pipe.expire(self.keys.run_pending(self.run_id), RUN_TTL)
            pipe.execute()

    def finish(self, task_id: str) -> None:
        self.r.srem(self.keys.run_pending(self.run_id), task_id)

    def pending(self) -> int:
        return int(self.r.scard(self.keys.run_pending(self.run_id)))

    def record_feed(self, url: str, result: dict[str, Any]) -> None:
        key = self.keys.run_feeds(self.run_id)
        self.r.hset(key, url, json.dumps(result, ensure_ascii=False))
        self.r.expire(key, RUN_TTL)

    def record_article(self, article_id: str, order: float) -> None:
        key = self.keys.run_articles(self.run_id)
        self.r.zadd(key, {article_id: order}, nx=True)
        self.r.expire(key, RUN_TTL)

    def record_error(self, what: dict[str, Any]) -> None:
        key = self.keys.run_errors(self.run_id)
        self.r.rpush(key, json.dumps(what, ensure_ascii=False))
        self.r.expire(key, RUN_TTL)

    def feeds(self) -> dict[str, dict[str, Any]]:
        raw = self.r.hgetall(self.keys.run_feeds(self.run_id))
        return {as_str(k): json.loads(v) for k, v in raw.items()}

    def article_ids(self) -> list[str]:
        return [as_str(a) for a in self.r.zrange(self.keys.run_articles(self.run_id), 0, -1)]

    def errors(self) -> list[dict[str, Any]]:
        return [json.loads(e) for e in self.r.lrange(self.keys.run_errors(self.run_id), 0, -1)]
