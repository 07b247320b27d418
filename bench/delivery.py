"""Delivery throughput: payloads posted per second through `Deliverer`, rate limits off.

Starts the five fake platform APIs of tests/support/fakeplatforms.py on 127.0.0.1 (nothing
leaves the machine), a Redis (embedded in a temporary directory, or NEWSRELAY_REDIS_URL under a
throw-away key prefix), queues `n` payloads (n/5 articles, one live channel per platform), then
times `Deliverer.drain` until every stream is empty. Each payload costs the real path: claim
the posting key (Lua), one HTTP POST with keep-alive, mark done + sent stream (Lua), XACK.

The figure is bound by the local fakes (Python's http.server) and Redis round trips, not by
any platform: real APIs allow far less (SPEC section 4), which is why rate limits exist.

Usage: python3 bench/delivery.py [--payloads 2000] [--consumers 1] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workers.embedded_redis import EmbeddedRedis  # noqa: E402
from workers.keys import Keys  # noqa: E402
from workers.models import PLATFORMS  # noqa: E402
from workers.pipeline.deliver import Deliverer, DeliveryPending  # noqa: E402
from workers.pipeline.sharing import queue_payloads  # noqa: E402
from workers.redis_client import connect  # noqa: E402


def _fakeplatforms() -> ModuleType:
    """tests/support/fakeplatforms.py, imported by path (tests/ is not a package)."""
    path = ROOT / "tests" / "support" / "fakeplatforms.py"
    spec = importlib.util.spec_from_file_location("newsrelay_fakeplatforms", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def _drain_all(deliverer: Deliverer, platforms: list[str]) -> int:
    delivered = 0
    for platform in platforms:
        while True:
            try:
                report = deliverer.drain(platform, max_entries=200, budget_seconds=600)
            except DeliveryPending as exc:  # another consumer's entries still in flight
                delivered += len(exc.report.delivered)
                time.sleep(0.01)
                continue
            delivered += len(report.delivered)
            if not report.delivered and not report.already_done:
                break
    return delivered


def measure_delivery(n: int, *, consumers: int = 1) -> dict[str, Any]:
    """Post `n` payloads (rounded down to whole articles x 5 platforms) and time it."""
    fp = _fakeplatforms()
    articles = max(1, n // len(PLATFORMS))
    url = os.environ.get("NEWSRELAY_REDIS_URL")
    with tempfile.TemporaryDirectory(prefix="newsrelay-bench-") as tmp:
        server = None if url else EmbeddedRedis(Path(tmp) / "redis", appendonly=False).start()
        client = connect(url or (server.url if server else ""))
        keys = Keys(f"bench-{uuid.uuid4().hex[:8]}")
        try:
            with fp.running_fakes() as fakes:
                config = fp.live_config(fakes, Path(tmp),
                                        delivery={"rate_limits": False, "timeout": 10.0})
                started = time.perf_counter()
                for i in range(articles):
                    queue_payloads(client, keys, fp.sample_article(i, words=20), channels=config)
                queued_s = time.perf_counter() - started

                platforms = list(PLATFORMS)
                counts: list[int] = []

                def run(i: int) -> None:
                    d = Deliverer(client, keys, consumer=f"bench-{i}", config=config,
                                  min_idle_ms=60_000)
                    counts.append(_drain_all(d, platforms[i % len(platforms):]
                                             + platforms[:i % len(platforms)]))

                started = time.perf_counter()
                threads = [threading.Thread(target=run, args=(i,)) for i in range(consumers)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                seconds = time.perf_counter() - started
                posts = {p: len(f.posts) for p, f in fakes.items()}
        finally:
            for key in client.scan_iter(match=f"{keys.prefix}:*", count=1000):
                client.delete(key)
            client.close()
            if server is not None:
                server.stop()
    total = articles * len(PLATFORMS)
    assert sum(counts) == total == sum(posts.values()), (counts, posts)
    assert all(v == articles for v in posts.values()), posts  # each payload posted once
    return {
        "payloads": total,
        "consumers": consumers,
        "seconds": round(seconds, 3),
        "per_second": round(total / seconds, 1),
        "queue_seconds": round(queued_s, 3),
        "queued_per_second": round(total / queued_s, 1),
        "posts_per_platform": posts,
        "redis": "NEWSRELAY_REDIS_URL" if url else "embedded",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=2000)
    parser.add_argument("--consumers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [measure_delivery(args.payloads, consumers=c) for c in args.consumers]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(f"{r['payloads']} payloads, {r['consumers']} consumer(s): "
              f"{r['per_second']}/s delivered ({r['seconds']} s); "
              f"format+queue {r['queued_per_second']}/s; redis {r['redis']}; "
              f"posts per platform {r['posts_per_platform']}")


if __name__ == "__main__":
    main()
