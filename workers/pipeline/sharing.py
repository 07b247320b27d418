"""Format an article into payloads and queue each once on its platform's stream.

The format task calls only this, so how payloads map onto channels can grow here without the
task changing.
"""

from __future__ import annotations

import redis

from workers.formatters import format_payloads
from workers.keys import Keys
from workers.models import Article
from workers.pipeline.outbox import Outbox, Queued


def queue_payloads(
    client: redis.Redis, keys: Keys, article: Article, *, retention_days: int = 30
) -> list[Queued]:
    """Queue one payload per platform for `article` (idempotent: see Outbox.enqueue)."""
    payloads = format_payloads(article)
    outbox = Outbox(client, keys, retention_days=retention_days)
    outbox.ensure_groups()
    return [outbox.enqueue(p) for p in payloads.values()]
