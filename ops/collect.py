"""Read the system's state into plain JSON-able dicts: the one model behind status, top,
queues, workers and /metrics.

Why plain dicts read fresh every time: `--json` must be exactly what the text views show, and
the ops process must not keep anything between calls (Flower's memory grows with its event
history; ours stays flat because the history lives in Redis, see `workers.telemetry`).

Sources, and why each:
- workers: Celery control `ping` (who answers now) plus inspect `stats/active/reserved/
  scheduled/active_queues` addressed only to those that answered (so each returns as soon as
  they all replied), plus the heartbeat records the workers mirror into Redis (who was there
  and went silent: Flower's stale-worker problem made visible).
- queues: straight from the broker. Redis: LLEN of each queue and its priority lists, and the
  `unacked` hash (messages handed to a worker, not yet acknowledged: running, prefetched, or
  waiting for a retry countdown) grouped by queue, with the oldest age from `unacked_index`.
  RabbitMQ: a passive queue_declare (ready messages, consumers); unacknowledged ones are
  counted from the workers' inspect replies, as AMQP itself does not expose them.
- tasks: the telemetry buckets and totals written by the workers.
- dispatcher, payloads, articles, failures, Redis memory/persistence: Redis keys and INFO.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any

import redis

from ops.connect import OpsEnv, redact
from schedules import DISPATCH_EVERY_SECONDS
from workers import telemetry
from workers.models import PLATFORMS
from workers.pipeline.deadletter import dead_letter_counts
from workers.pipeline.outbox import Outbox

#: kombu's Redis transport defaults (overridable through broker_transport_options)
KOMBU_SEP = "\x06\x16"
KOMBU_PRIORITY_STEPS = (0, 3, 6, 9)
#: unacked entries parsed per status call at most (they are bounded by prefetch x workers;
#: this only protects ops from a pathological broker)
UNACKED_SCAN_LIMIT = 20_000
#: worker heartbeat records older than this are not listed
WORKER_LIST_SECONDS = 3600
#: a heartbeat older than this means the worker stopped sending (Celery sends every 2 s)
HEARTBEAT_STALE_SECONDS = 10.0
#: the dispatcher is considered dead after this many missed ticks
DISPATCHER_MISSED_TICKS = 3
ENTRY_DAYS = 7


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _short(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- workers ---------------------------------------------------------------------------------


def _task_brief(info: dict[str, Any], now: float) -> dict[str, Any]:
    """One task from an inspect reply, reduced to what an operator reads."""
    request = info.get("request", info)  # scheduled entries wrap the request
    delivery = request.get("delivery_info") or {}
    started = request.get("time_start")
    return {
        "id": request.get("id"),
        "name": request.get("name") or request.get("type"),
        "args": _short(request.get("args", [])),
        "queue": delivery.get("routing_key") or delivery.get("queue"),
        "worker_pid": request.get("worker_pid"),
        "eta": info.get("eta"),
        # time_start is wall clock only on some pools (monotonic on others): show it when sane
        "running_for": round(now - float(started), 3)
        if isinstance(started, (int, float)) and started > 1e9 else None,
    }


def collect_workers(env: OpsEnv, now: float | None = None) -> dict[str, Any]:
    """Workers that answer ping now, plus those whose heartbeat record says they were here."""
    now = time.time() if now is None else now
    errors: list[str] = []
    beats = telemetry.read_workers(env.redis, env.tkeys)
    try:
        pinged = env.ping()
    except Exception as exc:  # broker down: say so, keep the rest of the status
        pinged = []
        errors.append(f"ping failed: {exc}")
    replies: dict[str, dict[str, Any]] = {}
    if pinged:
        for method in ("stats", "active", "reserved", "scheduled", "active_queues"):
            try:
                with env.control_connection() as conn:
                    insp = env.app.control.inspect(destination=pinged, timeout=env.timeout,
                                                   limit=len(pinged), connection=conn)
                    replies[method] = getattr(insp, method)() or {}
            except Exception as exc:
                errors.append(f"inspect {method} failed: {exc}")
    stats = replies.get("stats", {})
    active = replies.get("active", {})
    reserved = replies.get("reserved", {})
    scheduled = replies.get("scheduled", {})
    queues = replies.get("active_queues", {})
    names = set(pinged) | {
        name for name, rec in beats.items()
        if now - float(rec.get("at") or 0) < WORKER_LIST_SECONDS
    }
    rows: list[dict[str, Any]] = []
    for name in sorted(names):
        beat = beats.get(name) or {}
        stat = stats.get(name) or {}
        pool = stat.get("pool") or {}
        hb_at = float(beat["at"]) if beat.get("at") else None
        online = name in pinged
        if online:
            state = "online"
        elif beat.get("state") == "offline":
            state = "offline"
        else:
            state = "stale"  # heartbeat record, but no answer: crashed, hung or partitioned
        implementation = str(pool.get("implementation") or "")
        rows.append({
            "name": name,
            "state": state,
            "ping": online,
            "heartbeat_age": round(now - hb_at, 3) if hb_at is not None else None,
            "pid": stat.get("pid") or beat.get("pid"),
            "pool": {
                "implementation": implementation.rsplit(".", 1)[-1].split(":")[0]
                if implementation else None,
                "max_concurrency": pool.get("max-concurrency"),
                "processes": pool.get("processes"),
            },
            "prefetch_count": stat.get("prefetch_count"),
            "uptime": stat.get("uptime"),
            "processed": sum((stat.get("total") or {}).values()) if stat else beat.get(
                "processed"),
            "active": [_task_brief(t, now) for t in active.get(name) or []],
            "reserved": [_task_brief(t, now) for t in reserved.get(name) or []],
            "scheduled": [_task_brief(t, now) for t in scheduled.get(name) or []],
            "queues": sorted(q.get("name") for q in queues.get(name) or [] if q.get("name")),
            "offline_at": beat.get("offline_at"),
        })
    return {"workers": rows, "online": len(pinged), "errors": errors}


# --- queues ----------------------------------------------------------------------------------


def _held_by_workers(workers: list[dict[str, Any]]) -> dict[str, int]:
    """Messages workers hold per queue (active + prefetched + waiting for an ETA)."""
    held: dict[str, int] = {}
    for w in workers:
        for kind in ("active", "reserved", "scheduled"):
            for t in w.get(kind) or []:
                q = t.get("queue") or "?"
                held[q] = held.get(q, 0) + 1
    return held


def _redis_queues(env: OpsEnv, names: list[str], now: float) -> dict[str, dict[str, Any]]:
    opts = env.transport_options
    sep = str(opts.get("sep", KOMBU_SEP))
    steps = tuple(opts.get("priority_steps", KOMBU_PRIORITY_STEPS))
    prefix = str(opts.get("global_keyprefix", ""))
    unacked_key = prefix + str(opts.get("unacked_key", "unacked"))
    index_key = prefix + str(opts.get("unacked_index_key", "unacked_index"))
    r = env.broker_redis()
    pipe = r.pipeline(transaction=False)
    for name in names:
        for pri in steps:
            pipe.llen(prefix + (f"{name}{sep}{pri}" if pri else name))
    lengths = iter(pipe.execute())
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        by_pri = {str(pri): int(next(lengths)) for pri in steps}
        out[name] = {"ready": sum(by_pri.values()), "by_priority": by_pri, "unacked": 0,
                     "oldest_unacked_age": None}
    # unacked: tag -> [message, exchange, routing_key]; group by routing key (= queue)
    tags_by_queue: dict[str, list[str]] = {}
    seen = 0
    for tag, raw in r.hscan_iter(unacked_key, count=500):
        seen += 1
        if seen > UNACKED_SCAN_LIMIT:
            break
        try:
            _msg, exchange, routing_key = json.loads(raw)
            queue = str(routing_key or exchange or "?")
        except (ValueError, TypeError):
            queue = "?"
        tags_by_queue.setdefault(queue, []).append(_text(tag))
    for queue, tags in tags_by_queue.items():
        row = out.setdefault(queue, {"ready": 0, "by_priority": {}, "unacked": 0,
                                     "oldest_unacked_age": None, "extra": True})
        row["unacked"] = len(tags)
        scores = [s for s in r.zmscore(index_key, tags) if s is not None]
        if scores:
            row["oldest_unacked_age"] = round(max(0.0, now - min(scores)), 3)
    return out


def _amqp_queues(env: OpsEnv, names: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with env.app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1)
        channel = conn.channel()
        try:
            for name in names:
                try:
                    _q, count, consumers = channel.queue_declare(queue=name, passive=True)
                    out[name] = {"ready": int(count), "consumers": int(consumers),
                                 "exists": True, "unacked": 0, "oldest_unacked_age": None}
                except conn.channel_errors:
                    # 404: the queue was never declared; the broker closed the channel
                    out[name] = {"ready": 0, "consumers": 0, "exists": False, "unacked": 0,
                                 "oldest_unacked_age": None}
                    channel = conn.channel()
        finally:
            try:
                channel.close()
            except Exception:
                pass
    return out


def collect_queues(
    env: OpsEnv, workers: list[dict[str, Any]], extra: Iterable[str] = (),
    now: float | None = None,
) -> dict[str, Any]:
    """Every queue's ready and unacknowledged messages, and its consumers."""
    now = time.time() if now is None else now
    consumed: dict[str, int] = {}
    for w in workers:
        if w.get("state") == "online":
            for q in w.get("queues") or []:
                consumed[q] = consumed.get(q, 0) + 1
    names = list(dict.fromkeys([*env.known_queues, *extra, *sorted(consumed)]))
    errors: list[str] = []
    held = _held_by_workers(workers)
    try:
        if env.broker_kind == "redis":
            raw = _redis_queues(env, names, now)
        elif env.broker_kind == "amqp":
            raw = _amqp_queues(env, names)
            for name, row in raw.items():  # AMQP hides unacked counts: ask the workers
                row["unacked"] = held.get(name, 0)
        else:
            raw = {}
            errors.append(f"queue lengths are not supported for {env.broker_kind} brokers")
    except Exception as exc:
        raw = {}
        errors.append(f"broker {redact(env.broker_url)}: {exc}")
    rows: list[dict[str, Any]] = []
    for name, row in raw.items():
        if row.get("extra") and name not in names and not row.get("unacked"):
            continue
        rows.append({
            "name": name,
            "ready": row.get("ready", 0),
            "unacked": row.get("unacked", 0),
            "total": row.get("ready", 0) + row.get("unacked", 0),
            "held_by_workers": held.get(name, 0),
            "consumers": row.get("consumers", consumed.get(name, 0)),
            "oldest_unacked_age": row.get("oldest_unacked_age"),
            **({"by_priority": row["by_priority"]} if row.get("by_priority") else {}),
            **({"exists": row["exists"]} if "exists" in row else {}),
        })
    return {"broker": env.broker_kind, "queues": rows, "errors": errors}


# --- tasks -----------------------------------------------------------------------------------


def collect_tasks(env: OpsEnv, now: float | None = None) -> dict[str, Any]:
    """Per task type: outcomes in the last minute, per-minute averages over the last hour,
    average runtimes, and all-time totals (from the workers' telemetry in Redis)."""
    now = time.time() if now is None else now
    minute = telemetry.read_window(env.redis, env.tkeys, now, 60)
    hour = telemetry.read_window(env.redis, env.tkeys, now, telemetry.HISTORY_SECONDS)
    totals = telemetry.read_totals(env.redis, env.tkeys)
    counters_hour = hour.pop("#", {})
    minute.pop("#", None)
    rows: list[dict[str, Any]] = []
    for task in sorted(set(totals) | set(minute) | set(hour)):
        m, h, t = minute.get(task, {}), hour.get(task, {}), totals.get(task)
        states = sorted({*telemetry.SHOWN_STATES,
                         *(k for k in (*m, *h) if not k.startswith("rt_")),
                         *(t.states if t else {})})
        rows.append({
            "task": task,
            "last_minute": {s: int(m.get(s, 0)) for s in states},
            "per_minute_last_hour": {s: round(h.get(s, 0) / 60.0, 3) for s in states},
            "runtime_avg_last_minute": round(m["rt_sum"] / m["rt_n"], 4)
            if m.get("rt_n") else None,
            "totals": {s: (t.states.get(s, 0) if t else 0) for s in states},
            "runtime_avg": round(t.runtime_sum / t.runtime_count, 4)
            if t and t.runtime_count else None,
            "last": {s: v for s, v in (t.last.items() if t else ())},
        })
    return {
        "tasks": rows,
        "counters": telemetry.read_counters(env.redis, env.tkeys),
        "counters_last_hour": {k: int(v) for k, v in sorted(counters_hour.items())},
    }


# --- dispatcher, payloads, Redis -------------------------------------------------------------


def collect_dispatcher(env: OpsEnv, now: float | None = None) -> dict[str, Any]:
    """The beat-driven dispatcher's last tick, and feeds overdue because nobody claimed them."""
    now = time.time() if now is None else now
    r, keys = env.redis, env.keys
    pipe = r.pipeline(transaction=False)
    pipe.get(keys.dispatcher_heartbeat)
    pipe.zcard(keys.schedule)
    pipe.zcount(keys.schedule, "-inf", now - 2 * DISPATCH_EVERY_SECONDS)
    pipe.zrange(keys.schedule, 0, 0, withscores=True)
    raw, scheduled, overdue, first = pipe.execute()
    last = None
    if raw:
        try:
            last = float(_text(raw))
        except ValueError:
            last = None
    age = round(now - last, 3) if last is not None else None
    limit = DISPATCH_EVERY_SECONDS * DISPATCHER_MISSED_TICKS
    return {
        "last_tick": last,
        "age": age,
        "alive": age is not None and age < limit,
        "interval": DISPATCH_EVERY_SECONDS,
        "scheduled_feeds": int(scheduled),
        "overdue_feeds": int(overdue),
        "next_due_at": float(first[0][1]) if first else None,
    }


def collect_payloads(env: OpsEnv) -> dict[str, Any]:
    """Per platform: queued stream entries, not yet delivered, dead letters, sent."""
    r, keys = env.redis, env.keys
    pipe = r.pipeline(transaction=False)
    for p in PLATFORMS:
        pipe.xlen(keys.stream(p))
        pipe.xlen(keys.sent(p))
    values = iter(pipe.execute())
    dead = dead_letter_counts(r, keys)  # the delivery code owns the dead-letter format
    outbox = Outbox(r, keys)
    out: dict[str, Any] = {}
    for p in PLATFORMS:
        queued, sent = (int(next(values)) for _ in range(2))
        out[p] = {"queued": queued, "pending": outbox.pending(p), "dead": dead.get(p, 0),
                  "sent": sent}
    return out


def collect_redis(env: OpsEnv) -> dict[str, Any]:
    """Memory and persistence (SPEC section 5: AOF on, noeviction, else restarts lose work)."""
    r = env.redis
    try:
        info = r.info()
    except redis.RedisError as exc:
        return {"up": False, "error": str(exc), "warnings": [f"Redis: {exc}"]}
    fsync = None
    try:
        got = r.config_get("appendfsync")
        fsync = _text(next(iter(got.values()))) if got else None
    except redis.RedisError:
        pass  # managed Redis often forbids CONFIG
    used = int(info.get("used_memory", 0))
    maxmemory = int(info.get("maxmemory", 0))
    out = {
        "up": True,
        "url": redact(str(env.settings.redis_url)),
        "version": info.get("redis_version"),
        "used_memory": used,
        "used_memory_human": info.get("used_memory_human"),
        "used_memory_peak": int(info.get("used_memory_peak", 0)),
        "maxmemory": maxmemory,
        "maxmemory_policy": info.get("maxmemory_policy"),
        "aof_enabled": bool(int(info.get("aof_enabled", 0))),
        "appendfsync": fsync,
        "aof_last_write_status": info.get("aof_last_write_status"),
        "rdb_last_bgsave_status": info.get("rdb_last_bgsave_status"),
        "rdb_changes_since_last_save": info.get("rdb_changes_since_last_save"),
        "rdb_last_save_time": info.get("rdb_last_save_time"),
        "connected_clients": info.get("connected_clients"),
        "keys": sum(int(v.get("keys", 0)) for k, v in info.items()
                    if k.startswith("db") and isinstance(v, dict)),
    }
    warnings = []
    if not out["aof_enabled"]:
        warnings.append("AOF is off: a Redis restart loses queues, schedule and dedup keys")
    if out["maxmemory_policy"] not in (None, "noeviction"):
        warnings.append(f"maxmemory-policy is {out['maxmemory_policy']}: Redis may evict "
                        "queued work and dedup keys (use noeviction)")
    if maxmemory and used > 0.9 * maxmemory:
        warnings.append(f"Redis uses {used / maxmemory:.0%} of maxmemory")
    for key in ("aof_last_write_status", "rdb_last_bgsave_status"):
        if out[key] not in (None, "ok"):
            warnings.append(f"Redis {key} is {out[key]}")
    out["warnings"] = warnings
    return out


# --- feeds -----------------------------------------------------------------------------------


def feed_health(spec: dict[str, Any], state: dict[str, Any] | None) -> str:
    """ok / failing / paused / gone / never_polled, from the registry entry and poll state."""
    if state and state.get("gone"):
        return "gone"
    if spec.get("paused"):
        return "paused"
    if not state or not state.get("last_poll_at"):
        return "never_polled"
    if int(state.get("consecutive_failures") or 0) > 0:
        return "failing"
    last_error_at = state.get("last_error_at")
    last_success_at = state.get("last_success_at")
    if last_error_at and (not last_success_at or float(last_error_at) > float(last_success_at)):
        return "failing"
    return "ok"


def collect_feeds(env: OpsEnv, now: float | None = None) -> list[dict[str, Any]]:
    """Every registered feed's health, read defensively (the poll state may gain fields)."""
    now = time.time() if now is None else now
    r, keys = env.redis, env.keys
    registry = {_text(k): v for k, v in r.hgetall(keys.feeds).items()}
    ids = sorted(registry)
    pipe = r.pipeline(transaction=False)
    for fid in ids:
        pipe.get(keys.feed_state(fid))
        pipe.zscore(keys.schedule, fid)
        pipe.zcount(keys.feed_seen(fid), now - 86400, "+inf")
        pipe.zcount(keys.feed_seen(fid), now - ENTRY_DAYS * 86400, "+inf")
        pipe.zcard(keys.feed_seen(fid))
    values = iter(pipe.execute())
    rows: list[dict[str, Any]] = []
    for fid in ids:
        raw_state, next_at, day, week, seen_total = (next(values) for _ in range(5))
        try:
            spec = json.loads(registry[fid])
        except ValueError:
            spec = {}
        if not isinstance(spec, dict):
            spec = {}
        state: dict[str, Any] | None
        try:
            loaded = json.loads(raw_state) if raw_state else None
            state = loaded if isinstance(loaded, dict) else None
        except ValueError:
            state = None
        s = state or {}
        health = feed_health(spec, state)
        next_poll = float(next_at) if next_at is not None else None
        rows.append({
            "id": fid,
            "url": spec.get("url"),
            "name": spec.get("name"),
            "health": health,
            "paused": bool(spec.get("paused")),
            "last_poll_at": s.get("last_poll_at"),
            "last_success_at": s.get("last_success_at"),
            "http_status": s.get("last_status"),
            "error_count": int(s.get("error_count") or 0),
            "consecutive_failures": int(s.get("consecutive_failures") or 0),
            "last_error": s.get("last_error"),
            "last_error_kind": s.get("last_error_kind"),
            "last_error_at": s.get("last_error_at"),
            "next_poll_at": next_poll,
            "next_poll_in": round(next_poll - now, 1) if next_poll is not None else None,
            "overdue": bool(next_poll is not None and not spec.get("paused")
                            and next_poll < now - 2 * DISPATCH_EVERY_SECONDS),
            "entries_last_day": int(day),
            "entries_per_day": round(int(week) / ENTRY_DAYS, 2),
            "entries_seen": int(seen_total),
        })
    order = {"failing": 0, "gone": 1, "never_polled": 2, "paused": 3, "ok": 4}
    rows.sort(key=lambda row: (order.get(row["health"], 9), row["url"] or ""))
    return rows


def feed_summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    out = {"total": len(rows), "ok": 0, "failing": 0, "paused": 0, "gone": 0,
           "never_polled": 0, "overdue": 0}
    for row in rows:
        out[row["health"]] = out.get(row["health"], 0) + 1
        out["overdue"] += int(row["overdue"])
    return out


# --- everything ------------------------------------------------------------------------------


def collect_status(env: OpsEnv, *, extra_queues: Iterable[str] = (),
                   now: float | None = None) -> dict[str, Any]:
    """The `status` object (also what `top` renders); `problems` lists what needs a human."""
    now = time.time() if now is None else now
    workers = collect_workers(env, now)
    queues = collect_queues(env, workers["workers"], extra_queues, now)
    tasks = collect_tasks(env, now)
    dispatcher = collect_dispatcher(env, now)
    redis_info = collect_redis(env)
    feeds = feed_summary(collect_feeds(env, now))
    payloads = collect_payloads(env)
    pipe = env.redis.pipeline(transaction=False)
    pipe.zcard(env.keys.articles_index)
    pipe.llen(env.keys.failures)
    articles, failures = pipe.execute()
    status = {
        "at": round(now, 3),
        "broker": {"url": redact(env.broker_url), "kind": env.broker_kind},
        "workers": workers["workers"],
        "workers_online": workers["online"],
        "queues": queues["queues"],
        "tasks": tasks["tasks"],
        "counters": tasks["counters"],
        "counters_last_hour": tasks["counters_last_hour"],
        "dispatcher": dispatcher,
        "feeds": feeds,
        "payloads": payloads,
        "articles": int(articles),
        "failures_recorded": int(failures),
        "redis": redis_info,
        "errors": [*workers["errors"], *queues["errors"]],
    }
    status["problems"] = problems(status)
    return status


def problems(status: dict[str, Any]) -> list[str]:
    """What an operator should look at first, as short sentences."""
    out: list[str] = []
    if not status["workers_online"]:
        out.append("no worker answered ping")
    for w in status["workers"]:
        if w["state"] == "stale":
            age = w.get("heartbeat_age")
            out.append(f"worker {w['name']} does not answer (last heartbeat "
                       f"{age:.0f}s ago)" if age is not None else
                       f"worker {w['name']} does not answer")
    for q in status["queues"]:
        if q["ready"] and not q["consumers"] and q["name"] != "default":
            out.append(f"queue {q['name']}: {q['ready']} ready messages and no consumer")
    d = status["dispatcher"]
    if status["feeds"]["total"] and not d["alive"]:
        out.append("dispatcher has never ticked (is the scheduler running?)"
                   if d["age"] is None else
                   f"dispatcher last ticked {d['age']:.0f}s ago (is the scheduler running?)")
    if status["feeds"]["failing"]:
        out.append(f"{status['feeds']['failing']} feed(s) failing")
    failed = sum(t["last_minute"].get("failed", 0) for t in status["tasks"])
    if failed:
        out.append(f"{failed} task(s) failed in the last minute")
    dead = sum(p["dead"] for p in status["payloads"].values())
    if dead:
        out.append(f"{dead} payload(s) in dead-letter lists")
    out.extend(status["redis"].get("warnings", []))
    out.extend(status["errors"])
    return out
