"""Does the ops process stay flat while the system runs 200 000 tasks? (issue 6)

    python3 bench/ops_memory.py                  # 200 000 task outcomes
    python3 bench/ops_memory.py --tasks 20000 --json

Flower's users report its memory growing with every task (it keeps task history in its own
process). newsrelay's ops keeps nothing: the workers write bounded history into Redis
(workers/telemetry.py) and every `status` / `/metrics` scrape reads it fresh. This checks both
halves at once:

1. A driver process plays the workers: for each of N task outcomes it calls the very Celery
   signal handlers a worker runs (`task_prerun`/`task_postrun`, and `task_failure` for the
   failures), with the results the real stages return (poll reports, dedup claims, payload
   ids), so every write is the production write, one pipelined round trip per task. The mix:
   the eight pipeline task names, ~3% failed, ~5% retried, the rest succeeded.
2. Meanwhile this process, the ops process, runs `status` collections (everything `ops status
   --json` gathers) and Prometheus scrapes (`ops serve`'s collector rendered with
   generate_latest), over and over, and samples its own RSS (psutil) at every 10% of progress,
   then keeps collecting for a while after the last task.
3. Redis side: number of telemetry keys and their MEMORY USAGE, and the failures list length,
   before and after: bounded by design (buckets expire after an hour, totals are per task
   name and state, the failures list is capped at 1000).

Redis: an embedded redis-server in a temporary directory unless NEWSRELAY_REDIS_URL is set;
keys use a private prefix (`nrbench<pid>`), removed at the end. No workers run, so each
collection's ping waits its (short) timeout.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workers import telemetry  # noqa: E402
from workers.config import Settings, load_settings  # noqa: E402
from workers.redis_client import connect  # noqa: E402

TASKS = ("newsrelay.dispatch", "newsrelay.poll", "newsrelay.fetch", "newsrelay.extract",
         "newsrelay.dedup", "newsrelay.format", "newsrelay.deliver", "newsrelay.maintenance")
PLATFORMS = ("whatsapp", "facebook", "twitter", "linkedin", "telegram")


# --- the driver (plays the workers) ---------------------------------------------------------


class _FakeTask:
    """What the handlers read from Celery's task object: its name."""

    def __init__(self, name: str) -> None:
        self.name = name


def _retval(task: str, rng: random.Random) -> tuple[list[Any], Any]:
    """(args, result) shaped like the real stages' (see workers/tasks/)."""
    if task == "newsrelay.poll":
        return [{"url": "https://example.org/feed"}], {
            "status": rng.choice(("ok", "ok", "not_modified", "error")),
            "new_items": rng.randint(0, 3)}
    if task == "newsrelay.dedup":
        state = rng.choice(("created", "created", "seen"))
        dup = "abc" if state == "created" and rng.random() < 0.1 else None
        return [{}, {}, "https://example.org/a"], {"article_id": "x", "state": state,
                                                    "duplicate_of": dup}
    if task == "newsrelay.format":
        return ["article"], [f"{i}-0" for i in range(5)]
    if task == "newsrelay.deliver":
        return [rng.choice(PLATFORMS)], rng.randint(0, 2)
    return [{"k": "v"}], None


def drive(settings: Settings, tasks: int, progress_key: str) -> None:
    """Record `tasks` outcomes through the worker-side signal handlers."""
    from celery.exceptions import Retry

    from workers.celery_app import configure

    configure(settings)
    client = connect(str(settings.redis_url))
    rng = random.Random(6)
    fakes = {name: _FakeTask(name) for name in TASKS}
    for i in range(tasks):
        name = TASKS[i % len(TASKS)]
        task_id = f"bench-{i}"
        args, result = _retval(name, rng)
        roll = rng.random()
        telemetry._on_prerun(task_id=task_id)
        if roll < 0.03:
            exc = ValueError(f"bench failure {i}")
            telemetry._on_failure(sender=fakes[name], task_id=task_id, exception=exc,
                                  args=args, kwargs={})
            telemetry._on_postrun(task_id=task_id, task=fakes[name], args=args, retval=exc,
                                  state="FAILURE")
        elif roll < 0.08:
            telemetry._on_postrun(task_id=task_id, task=fakes[name], args=args,
                                  retval=Retry(), state="RETRY")
        else:
            telemetry._on_postrun(task_id=task_id, task=fakes[name], args=args,
                                  retval=result, state="SUCCESS")
        if i % 1000 == 999 or i == tasks - 1:
            client.set(progress_key, i + 1)


# --- the ops side ----------------------------------------------------------------------------


def rss_mib() -> float:
    return float(psutil.Process().memory_info().rss) / (1024 * 1024)


def redis_side(client: Any, tkeys: telemetry.TelemetryKeys) -> dict[str, Any]:
    keys = list(client.scan_iter(match=tkeys.pattern, count=1000))
    used = sum(int(client.memory_usage(k) or 0) for k in keys)
    failures = int(client.llen(tkeys.failures))
    failures_bytes = int(client.memory_usage(tkeys.failures) or 0)
    return {"telemetry_keys": len(keys), "telemetry_bytes": used,
            "failures_list": failures, "failures_bytes": failures_bytes}


def seed_feeds(client: Any, settings: Settings, count: int) -> None:
    """Registered feeds with poll states, so `status` reads a realistic feed registry."""
    from workers.keys import Keys
    from workers.models import FeedSpec
    from workers.pipeline.feedstore import FeedStore, feed_id

    store = FeedStore(client, Keys(settings.key_prefix))
    now = time.time()
    for i in range(count):
        url = f"https://feeds.example.org/{i}.xml"
        store.upsert(FeedSpec(url=url, name=f"feed {i}"))
        failing = i % 10 == 0
        store.save_state(feed_id(url), {
            "last_poll_at": now - 60, "last_success_at": None if failing else now - 60,
            "last_status": 500 if failing else 200, "error_count": 3 if failing else 0,
            "consecutive_failures": 3 if failing else 0,
            "last_error": "HTTP 500" if failing else None, "last_error_at": now - 60})
        store.mark_seen(feed_id(url), [f"e{i}-{j}" for j in range(20)], now - 3600)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from prometheus_client import generate_latest

    from ops.collect import collect_status
    from ops.connect import open_env
    from ops.metrics import make_registry
    from workers.embedded_redis import EmbeddedRedis

    tmp = tempfile.TemporaryDirectory(prefix="newsrelay-opsbench-")
    embedded = None
    url = args.redis_url or os.environ.get("NEWSRELAY_REDIS_URL")
    if not url:
        embedded = EmbeddedRedis(Path(tmp.name), appendonly=False).start()
        url = embedded.url
    prefix = f"nrbench{os.getpid()}"
    settings = load_settings(env={}, redis_url=url, key_prefix=prefix,
                             data_dir=Path(tmp.name))
    client = connect(url)
    tkeys = telemetry.TelemetryKeys(prefix)
    progress_key = f"{prefix}:bench:progress"
    try:
        seed_feeds(client, settings, args.feeds)
        env = open_env(settings, timeout=args.ping_timeout)
        registry = make_registry(env)

        def collect_once() -> float:
            started = time.perf_counter()
            status = collect_status(env)
            json.dumps(status, default=str)  # what `ops status --json` prints
            generate_latest(registry)        # one Prometheus scrape
            return time.perf_counter() - started

        for _ in range(args.warmup):
            collect_once()
        gc.collect()
        rows: list[dict[str, Any]] = []

        def sample(tasks_done: int, phase: str, seconds: list[float]) -> None:
            rows.append({"phase": phase, "tasks": tasks_done, "ops_rss_mib": round(rss_mib(), 1),
                         "collections": len(seconds),
                         "collect_ms": round(1000 * sum(seconds) / max(len(seconds), 1), 1),
                         **redis_side(client, tkeys)})

        sample(0, "before", [collect_once() for _ in range(args.collections)])

        env_vars = {**os.environ, "PYTHONPATH": str(ROOT)}
        driver = subprocess.Popen(
            [sys.executable, __file__, "--drive", "--tasks", str(args.tasks),
             "--redis-url", url, "--prefix", prefix],
            env=env_vars, cwd=ROOT,
        )
        started = time.monotonic()
        next_mark, step = args.tasks // 10, max(args.tasks // 10, 1)
        window: list[float] = []
        while True:
            window.append(collect_once())
            done = int(client.get(progress_key) or 0)
            finished = driver.poll() is not None
            if done >= next_mark or finished:
                sample(done, "during" if not finished else "end", window)
                window = []
                next_mark = (done // step + 1) * step
            if finished:
                break
        drive_seconds = time.monotonic() - started
        if driver.returncode != 0:
            raise SystemExit(f"driver failed with status {driver.returncode}")
        sample(args.tasks, "after", [collect_once() for _ in range(args.collections)])
        gc.collect()
        sample(args.tasks, "after+gc", [collect_once() for _ in range(args.collections)])

        totals = telemetry.read_totals(client, tkeys)
        recorded = sum(sum(t.states.values()) for t in totals.values())
        # steady state: the largest bucket times the most buckets that can be alive at once,
        # plus the fixed-size hashes and the capped failures list
        buckets = [int(client.memory_usage(k) or 0)
                   for k in client.scan_iter(match=tkeys.bucket(0)[:-1] + "*", count=1000)]
        fixed = sum(int(client.memory_usage(k) or 0)
                    for k in (tkeys.totals, tkeys.counters, tkeys.workers))
        max_buckets = telemetry.BUCKET_TTL // telemetry.BUCKET_SECONDS + 1
        bound = max(buckets, default=0) * max_buckets + fixed + rows[-1]["failures_bytes"]
        return {
            "tasks": args.tasks,
            "recorded_outcomes": recorded,
            "drive_seconds": round(drive_seconds, 1),
            "tasks_per_second": round(args.tasks / drive_seconds),
            "feeds": args.feeds,
            "rows": rows,
            "ops_rss_growth_mib": round(rows[-1]["ops_rss_mib"] - rows[0]["ops_rss_mib"], 1),
            "redis_history_bound_bytes": bound,
            "redis_history_bound_note": f"largest bucket x {max_buckets} live buckets "
                                        "+ totals/counters/workers + capped failures list",
            "redis": "embedded 6.2" if embedded else url,
        }
    finally:
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)
        client.close()
        if embedded is not None:
            embedded.stop()
        tmp.cleanup()


def print_table(result: dict[str, Any]) -> None:
    print(f"ops process memory while the workers record {result['tasks']:,} task outcomes "
          f"({result['tasks_per_second']:,}/s through the signal handlers, "
          f"{result['recorded_outcomes']:,} recorded; {result['feeds']} feeds; "
          f"Redis: {result['redis']})")
    head = (f"{'phase':<9} {'tasks':>8} {'ops RSS MiB':>11} {'collections':>11} "
            f"{'ms/collect':>10} {'tel keys':>8} {'tel bytes':>10} {'failures':>8}")
    print(head)
    print("-" * len(head))
    for r in result["rows"]:
        print(f"{r['phase']:<9} {r['tasks']:>8,} {r['ops_rss_mib']:>11.1f} "
              f"{r['collections']:>11} {r['collect_ms']:>10.1f} {r['telemetry_keys']:>8} "
              f"{r['telemetry_bytes']:>10,} {r['failures_list']:>8}")
    print(f"ops RSS growth from before to after: {result['ops_rss_growth_mib']:+.1f} MiB")
    print(f"Redis history bound at any task rate: {result['redis_history_bound_bytes']:,} "
          f"bytes ({result['redis_history_bound_note']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--collections", type=int, default=20,
                        help="status+metrics collections per before/after sample")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--ping-timeout", type=float, default=0.05)
    parser.add_argument("--redis-url", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--drive", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        settings = dataclasses.replace(
            load_settings(env={}, redis_url=args.redis_url), key_prefix=args.prefix)
        drive(settings, args.tasks, f"{args.prefix}:bench:progress")
        return
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
