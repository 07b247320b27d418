"""`newsrelay ops serve`: Prometheus `/metrics`, `/healthz` for probes, `/status.json`.

Why a custom collector that reads Redis at scrape time instead of Flower's approach (counters
kept in the exporter's memory, fed by an event stream): the exporter then holds no state, so
its memory is flat, a restart loses nothing and the counters do not reset (the workers keep
them in Redis, see `workers.telemetry`), and several replicas report the same numbers. It also
adds what Flower cannot see: queue lengths with unacked messages, feed health, payloads and
dedup outcomes.

Metric names (Flower's equivalent in brackets):

    newsrelay_tasks_total{task,state}                 [flower_events_total{task,type}]
        state: succeeded | failed | retried | revoked | expired | rejected | ignored
    newsrelay_task_runtime_seconds{task} (histogram)  [flower_task_runtime_seconds]
    newsrelay_tasks_last_minute{task,state}           (rate without PromQL)
    newsrelay_task_last_timestamp_seconds{task,state}
    newsrelay_worker_online{worker}                   [flower_worker_online]
    newsrelay_worker_active_tasks{worker}   [flower_worker_number_of_currently_executing_tasks]
    newsrelay_worker_reserved_tasks{worker}           [flower_worker_prefetched_tasks]
    newsrelay_worker_scheduled_tasks{worker}, newsrelay_worker_pool_size{worker},
    newsrelay_worker_heartbeat_age_seconds{worker}, newsrelay_workers_online
    newsrelay_queue_messages{queue,state}             (state: ready | unacked; not in Flower)
    newsrelay_queue_consumers{queue}, newsrelay_queue_oldest_unacked_age_seconds{queue}
    newsrelay_feeds{health}, newsrelay_feeds_overdue
    newsrelay_feed_polls_total{status}, newsrelay_feed_entries_new_total
    newsrelay_articles, newsrelay_dedup_total{outcome} (original | seen_url | duplicate_text)
    newsrelay_payloads{platform,state}                (state: queued | pending | dead | sent)
    newsrelay_payloads_queued_total, newsrelay_deliveries_total{platform}
    newsrelay_failures_recorded
    newsrelay_dispatcher_last_tick_timestamp_seconds, newsrelay_dispatcher_alive
    newsrelay_redis_up, newsrelay_redis_used_memory_bytes, newsrelay_redis_maxmemory_bytes,
    newsrelay_redis_aof_enabled, newsrelay_redis_keys
    newsrelay_scrape_duration_seconds, newsrelay_scrape_errors
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import click
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector, CollectorRegistry

from ops.collect import (
    collect_dispatcher,
    collect_feeds,
    collect_payloads,
    collect_queues,
    collect_redis,
    collect_status,
    collect_workers,
    feed_summary,
)
from ops.connect import OpsEnv, open_env
from ops.options import timeout_option
from workers import telemetry


def _gauge(name: str, doc: str, labels: list[str] | None = None) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, labels=labels)


class OpsCollector(Collector):
    """Reads everything at scrape time; keeps nothing between scrapes (flat memory)."""

    def __init__(self, env: OpsEnv) -> None:
        self.env = env
        self._lock = threading.Lock()

    def collect(self) -> Iterator[Metric]:
        # one scrape at a time: concurrent scrapes would only multiply broker round trips
        with self._lock:
            yield from self._collect()

    def _collect(self) -> Iterator[Metric]:
        started = time.monotonic()
        errors = 0
        env = self.env
        up = _gauge("newsrelay_redis_up", "1 when the state Redis answers")
        try:
            env.redis.ping()
            up.add_metric([], 1)
        except Exception:
            up.add_metric([], 0)
            yield up
            yield from self._scrape_meta(started, 1)
            return
        yield up
        for part in (self._workers_and_queues, self._tasks, self._state):
            try:
                yield from part()
            except Exception:
                errors += 1
        yield from self._scrape_meta(started, errors)

    def _scrape_meta(self, started: float, errors: int) -> Iterator[Metric]:
        d = _gauge("newsrelay_scrape_duration_seconds", "Time this scrape took")
        d.add_metric([], time.monotonic() - started)
        e = _gauge("newsrelay_scrape_errors", "Parts of this scrape that failed")
        e.add_metric([], errors)
        yield d
        yield e

    def _workers_and_queues(self) -> Iterator[Metric]:
        now = time.time()
        data = collect_workers(self.env, now)
        online = _gauge("newsrelay_worker_online", "1 when the worker answers ping", ["worker"])
        active = _gauge("newsrelay_worker_active_tasks", "Tasks executing now", ["worker"])
        reserved = _gauge("newsrelay_worker_reserved_tasks", "Tasks prefetched", ["worker"])
        sched = _gauge("newsrelay_worker_scheduled_tasks", "Tasks waiting for an ETA/countdown",
                       ["worker"])
        pool = _gauge("newsrelay_worker_pool_size", "Pool size (max concurrency)", ["worker"])
        hb = _gauge("newsrelay_worker_heartbeat_age_seconds", "Seconds since the last heartbeat",
                    ["worker"])
        for w in data["workers"]:
            name = [w["name"]]
            online.add_metric(name, 1 if w["state"] == "online" else 0)
            if w["state"] == "online":
                active.add_metric(name, len(w["active"]))
                reserved.add_metric(name, len(w["reserved"]))
                sched.add_metric(name, len(w["scheduled"]))
                if w["pool"].get("max_concurrency") is not None:
                    pool.add_metric(name, float(w["pool"]["max_concurrency"]))
            if w["heartbeat_age"] is not None:
                hb.add_metric(name, w["heartbeat_age"])
        count = _gauge("newsrelay_workers_online", "Workers answering ping")
        count.add_metric([], data["online"])
        yield from (online, active, reserved, sched, pool, hb, count)

        queues = collect_queues(self.env, data["workers"], now=now)
        msgs = _gauge("newsrelay_queue_messages", "Messages per queue: ready (waiting) and "
                      "unacked (held by a worker)", ["queue", "state"])
        cons = _gauge("newsrelay_queue_consumers", "Consumers per queue", ["queue"])
        oldest = _gauge("newsrelay_queue_oldest_unacked_age_seconds",
                        "Age of the oldest unacknowledged message", ["queue"])
        for q in queues["queues"]:
            msgs.add_metric([q["name"], "ready"], q["ready"])
            msgs.add_metric([q["name"], "unacked"], q["unacked"])
            cons.add_metric([q["name"]], q["consumers"])
            if q["oldest_unacked_age"] is not None:
                oldest.add_metric([q["name"]], q["oldest_unacked_age"])
        yield from (msgs, cons, oldest)

    def _tasks(self) -> Iterator[Metric]:
        env = self.env
        totals = telemetry.read_totals(env.redis, env.tkeys)
        counts = CounterMetricFamily("newsrelay_tasks", "Task outcomes recorded by the workers",
                                     labels=["task", "state"])
        last = _gauge("newsrelay_task_last_timestamp_seconds", "When a task last ended so",
                      ["task", "state"])
        runtime = HistogramMetricFamily("newsrelay_task_runtime_seconds", "Task runtime",
                                        labels=["task"])
        for task, t in sorted(totals.items()):
            for state, n in sorted(t.states.items()):
                counts.add_metric([task, state], n)
            for state, ts in sorted(t.last.items()):
                last.add_metric([task, state], ts)
            if t.runtime_count:
                cumulative, buckets = 0.0, []
                for bound in telemetry.RUNTIME_BUCKETS:
                    label = telemetry.runtime_bucket(bound)
                    cumulative += t.runtime_buckets.get(label, 0)
                    buckets.append((label, float(cumulative)))
                buckets.append(("+Inf", float(t.runtime_count)))
                runtime.add_metric([task], buckets, sum_value=t.runtime_sum)
        minute = telemetry.read_window(env.redis, env.tkeys, time.time(), 60)
        minute.pop("#", None)
        recent = _gauge("newsrelay_tasks_last_minute", "Task outcomes in the last minute",
                        ["task", "state"])
        for task, row in sorted(minute.items()):
            for state, count in sorted(row.items()):
                if not state.startswith("rt_"):
                    recent.add_metric([task, state], count)
        yield from (counts, last, runtime, recent)

        counters = telemetry.read_counters(env.redis, env.tkeys)
        dedup = CounterMetricFamily("newsrelay_dedup", "Dedup claim outcomes",
                                    labels=["outcome"])
        polls = CounterMetricFamily("newsrelay_feed_polls", "Feed polls by result",
                                    labels=["status"])
        delivered = CounterMetricFamily("newsrelay_deliveries", "Payloads delivered (or "
                                        "recorded in dry run)", labels=["platform"])
        for outcome in ("original", "seen_url", "duplicate_text"):
            dedup.add_metric([outcome], counters.get(f"dedup:{outcome}", 0))
        for name, value in sorted(counters.items()):
            kind, _, label = name.partition(":")
            if kind == "polls":
                polls.add_metric([label], value)
            elif kind == "delivered":
                delivered.add_metric([label], value)
        entries = CounterMetricFamily("newsrelay_feed_entries_new", "New feed entries sent on")
        entries.add_metric([], counters.get("entries:new", 0))
        queued = CounterMetricFamily("newsrelay_payloads_queued", "Payloads queued by format")
        queued.add_metric([], counters.get("payloads:queued", 0))
        yield from (dedup, polls, delivered, entries, queued)

    def _state(self) -> Iterator[Metric]:
        env = self.env
        now = time.time()
        summary = feed_summary(collect_feeds(env, now))
        feeds = _gauge("newsrelay_feeds", "Registered feeds by health", ["health"])
        for health in ("ok", "failing", "paused", "gone", "never_polled"):
            feeds.add_metric([health], summary.get(health, 0))
        overdue = _gauge("newsrelay_feeds_overdue", "Feeds past their poll time")
        overdue.add_metric([], summary["overdue"])
        yield from (feeds, overdue)

        payloads = _gauge("newsrelay_payloads", "Payloads per platform", ["platform", "state"])
        for platform, p in collect_payloads(env).items():
            for state in ("queued", "pending", "dead", "sent"):
                payloads.add_metric([platform, state], p[state])
        yield payloads

        pipe = env.redis.pipeline(transaction=False)
        pipe.zcard(env.keys.articles_index)
        pipe.llen(env.keys.failures)
        articles, failures = pipe.execute()
        a = _gauge("newsrelay_articles", "Articles stored (retention window)")
        a.add_metric([], int(articles))
        f = _gauge("newsrelay_failures_recorded", "Entries in the failures list (capped)")
        f.add_metric([], int(failures))
        yield from (a, f)

        d = collect_dispatcher(env, now)
        tick = _gauge("newsrelay_dispatcher_last_tick_timestamp_seconds",
                      "Unix time of the dispatcher's last tick")
        if d["last_tick"] is not None:
            tick.add_metric([], d["last_tick"])
        alive = _gauge("newsrelay_dispatcher_alive", "1 when the dispatcher ticked recently")
        alive.add_metric([], 1 if d["alive"] else 0)
        yield from (tick, alive)

        r = collect_redis(env)
        if r.get("up"):
            for name, key, doc in (
                ("newsrelay_redis_used_memory_bytes", "used_memory", "Redis used memory"),
                ("newsrelay_redis_maxmemory_bytes", "maxmemory", "Redis maxmemory (0: none)"),
                ("newsrelay_redis_keys", "keys", "Keys in Redis"),
            ):
                g = _gauge(name, doc)
                g.add_metric([], float(r[key]))
                yield g
            aof = _gauge("newsrelay_redis_aof_enabled", "1 when Redis appends to its AOF")
            aof.add_metric([], 1 if r["aof_enabled"] else 0)
            yield aof


def make_registry(env: OpsEnv) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(OpsCollector(env))
    return registry


def health(env: OpsEnv) -> tuple[int, str]:
    """(200, reason) when Redis answers and a worker answers ping, else (503, reason)."""
    try:
        env.redis.ping()
    except Exception as exc:
        return 503, f"redis down: {exc}"
    try:
        names = env.ping()
    except Exception as exc:
        return 503, f"broker unreachable: {exc}"
    if not names:
        return 503, "no worker answered ping"
    return 200, f"ok: redis up, {len(names)} worker(s) answered ping: {', '.join(names)}"


class OpsServer(ThreadingHTTPServer):
    """HTTP server carrying the env and registry its handler serves from."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], env: OpsEnv) -> None:
        self.env = env
        self.registry = make_registry(env)
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: OpsServer

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        try:
            if path == "/metrics":
                body = generate_latest(self.server.registry)
                self._send(200, body, CONTENT_TYPE_LATEST)
            elif path in ("/healthz", "/health"):
                code, reason = health(self.server.env)
                self._send(code, (reason + "\n").encode(), "text/plain; charset=utf-8")
            elif path == "/status.json":
                data = collect_status(self.server.env)
                body = json.dumps(data, ensure_ascii=False, default=str).encode()
                self._send(200, body, "application/json")
            elif path == "/":
                self._send(200, b"newsrelay ops: /metrics /healthz /status.json\n",
                           "text/plain; charset=utf-8")
            else:
                self._send(404, b"not found\n", "text/plain; charset=utf-8")
        except Exception as exc:  # a broken scrape must answer, not hang the prober
            self._send(500, f"error: {exc}\n".encode(), "text/plain; charset=utf-8")

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a scrape every 15 s must not fill the log."""


def start_server(env: OpsEnv, host: str = "127.0.0.1", port: int = 0) -> OpsServer:
    """Serve in a background thread; `server.server_address` has the bound port."""
    server = OpsServer((host, port), env)
    threading.Thread(target=server.serve_forever, name="ops-serve", daemon=True).start()
    return server


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 in a container).")
@click.option("--port", type=click.IntRange(0, 65535), default=9808, show_default=True)
@timeout_option
def serve(host: str, port: int, timeout: float) -> None:
    """Serve Prometheus /metrics, /healthz (200/503 with the reason) and /status.json."""
    env = open_env(timeout=timeout)
    server = OpsServer((host, port), env)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"newsrelay ops serving on http://{bound_host!s}:{bound_port}/metrics "
               "(/healthz, /status.json); Ctrl-C to stop", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":  # pragma: no cover - script entry point
    serve(prog_name="python -m ops.metrics")
