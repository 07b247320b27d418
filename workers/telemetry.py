"""Task outcome history for ops, recorded by the workers themselves through Celery signals.

Why the workers write it, into Redis: Flower keeps task history in the memory of the Flower
process, so its memory grows with every task, a restart loses everything, and two Flower
instances disagree. Here every worker adds its outcomes to a few small Redis structures whose
size does not depend on how many tasks ran; `newsrelay ops` (status, top, /metrics) only reads
them, so the ops process stays flat however long it runs and can restart at will.

What is kept (keys under `<prefix>:tel:`, see `TelemetryKeys`):

- `b:<start>` HASH per 10-second bucket, expiring after an hour: `<task>|<state>` counts,
  `<task>|rt_sum` / `<task>|rt_n` runtimes, `#<counter>` pipeline counters. Per-minute rates
  for the last minute and the last hour are sums over these buckets (at most 364 live).
- `totals` HASH, never expiring, fixed size: the same counts since the deployment started
  (Prometheus counters), runtime sums and histogram buckets per task, last time of each state.
- `counters` HASH: pipeline outcomes that only the task result knows (dedup originals and
  duplicates, feed polls by status, new entries, payloads queued, deliveries).
- `workers` HASH hostname -> JSON (last heartbeat, pid, active, processed, online/offline),
  written on Celery's own heartbeat (every 2 s with events on), so ops can tell a worker that
  went away from one that never existed (Flower's "stale workers"). Entries older than a day
  are dropped by the writer.

Nothing here may break or slow a task: every write is one pipelined round trip on a client
with 1-second timeouts, a Redis error is logged and swallowed, and after one telemetry pauses
for 5 seconds (the task's own outcome matters more than its statistics; a Redis outage must
not add a timeout to every task).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import redis
from celery import signals

log = logging.getLogger(__name__)

#: width of one history bucket; the "last minute" is the current bucket plus the 6 before
#: it (60 to 70 s), so counts are exact to within one bucket
BUCKET_SECONDS = 10
#: how much per-bucket history is kept (status shows the last minute and the last hour)
HISTORY_SECONDS = 3600
#: buckets live a little longer than the history so the oldest one read is still there
BUCKET_TTL = HISTORY_SECONDS + 3 * BUCKET_SECONDS
#: Prometheus histogram upper bounds for task runtimes (seconds); close to Flower's defaults
#: but extended to the 300 s soft limits of maintenance tasks
RUNTIME_BUCKETS: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
                                      120.0, 300.0)
#: worker records not refreshed for this long are removed
WORKER_FORGET_SECONDS = 86400
#: states a task can end in, as recorded (Celery state -> our label)
STATE_LABELS: dict[str, str] = {
    "SUCCESS": "succeeded",
    "FAILURE": "failed",
    "RETRY": "retried",
    "REJECTED": "rejected",
    "IGNORED": "ignored",
    "REVOKED": "revoked",
}
#: the states ops shows as columns, in order
SHOWN_STATES: tuple[str, ...] = ("succeeded", "failed", "retried")
#: failures kept in the shared failures list (the same cap workers.tasks uses)
FAILURES_KEPT = 1000


@dataclass(frozen=True)
class TelemetryKeys:
    """Key names of the telemetry structures (kept beside `workers.keys.Keys`' prefix)."""

    prefix: str = "nr"

    def bucket(self, start: int) -> str:
        return f"{self.prefix}:tel:b:{start}"

    @property
    def totals(self) -> str:
        return f"{self.prefix}:tel:totals"

    @property
    def counters(self) -> str:
        return f"{self.prefix}:tel:counters"

    @property
    def workers(self) -> str:
        return f"{self.prefix}:tel:workers"

    @property
    def failures(self) -> str:
        """The same list `workers.tasks` writes (`Keys.failures`)."""
        return f"{self.prefix}:failures"

    @property
    def pattern(self) -> str:
        """SCAN pattern matching every telemetry key (bench and tests check the bound)."""
        return f"{self.prefix}:tel:*"


def bucket_start(now: float) -> int:
    return int(now // BUCKET_SECONDS) * BUCKET_SECONDS


def runtime_bucket(runtime: float) -> str:
    """The histogram field label for `runtime`: the smallest upper bound that holds it."""
    for bound in RUNTIME_BUCKETS:
        if runtime <= bound:
            return _fmt_bound(bound)
    return "+Inf"


def _fmt_bound(bound: float) -> str:
    return repr(float(bound))


# --- writing -------------------------------------------------------------------------------


def record_outcome(
    pipe: Any,
    keys: TelemetryKeys,
    task: str,
    state: str,
    runtime: float | None,
    now: float,
) -> None:
    """Add one task outcome to `pipe` (a redis pipeline; the caller executes it).

    Taking a pipeline lets a signal handler add counters in the same round trip, and lets
    the memory benchmark replay 200 000 outcomes through this very function in batches.
    """
    bucket = keys.bucket(bucket_start(now))
    pipe.hincrby(bucket, f"{task}|{state}", 1)
    pipe.hincrby(keys.totals, f"{task}|{state}", 1)
    pipe.hset(keys.totals, f"{task}|last:{state}", f"{now:.3f}")
    if runtime is not None:
        rt = max(runtime, 0.0)
        pipe.hincrbyfloat(bucket, f"{task}|rt_sum", rt)
        pipe.hincrby(bucket, f"{task}|rt_n", 1)
        pipe.hincrbyfloat(keys.totals, f"{task}|rt_sum", rt)
        pipe.hincrby(keys.totals, f"{task}|rt_n", 1)
        pipe.hincrby(keys.totals, f"{task}|rt_le:{runtime_bucket(rt)}", 1)
    pipe.expire(bucket, BUCKET_TTL)


def record_counter(pipe: Any, keys: TelemetryKeys, name: str, amount: int, now: float) -> None:
    """Add `amount` to a pipeline counter (all-time and in the current bucket)."""
    if amount <= 0:
        return
    bucket = keys.bucket(bucket_start(now))
    pipe.hincrby(keys.counters, name, amount)
    pipe.hincrby(bucket, f"#{name}", amount)
    pipe.expire(bucket, BUCKET_TTL)


def result_counters(task: str, args: Iterable[Any], result: Any) -> dict[str, int]:
    """Pipeline counters a successful task's result implies (what only the stage knows).

    Read defensively: results are the stages' return values, which may change shape.
    """
    out: dict[str, int] = {}
    if task == "newsrelay.dedup" and isinstance(result, Mapping):
        if result.get("state") == "seen":
            out["dedup:seen_url"] = 1
        elif result.get("duplicate_of"):
            out["dedup:duplicate_text"] = 1
        elif result.get("state") == "created":
            out["dedup:original"] = 1
    elif task == "newsrelay.poll" and isinstance(result, Mapping):
        status = str(result.get("status") or "unknown")
        out[f"polls:{status}"] = 1
        new_items = result.get("new_items")
        if isinstance(new_items, int) and new_items > 0:
            out["entries:new"] = new_items
    elif task == "newsrelay.format" and isinstance(result, list):
        out["payloads:queued"] = len(result)
    elif task == "newsrelay.deliver" and isinstance(result, int):
        arg_list = list(args)
        platform = arg_list[0] if arg_list and isinstance(arg_list[0], str) else "unknown"
        out[f"delivered:{platform}"] = result
    return out


def failure_entry(
    task: str,
    task_id: str,
    exc: BaseException,
    args: Any,
    kwargs: Mapping[str, Any] | None,
    now: float,
) -> dict[str, Any]:
    """A failures-list entry in the shape `workers.tasks.Ctx.record_failure` writes."""
    kwargs = dict(kwargs or {})
    return {
        "task": task,
        "task_id": task_id,
        "kind": "failure",
        "error": str(exc) or exc.__class__.__name__,
        "exception": exc.__class__.__name__,
        "args": list(args or []),
        "kwargs": {k: v for k, v in kwargs.items() if k != "run_id"},
        "retries": None,
        "at": now,
        "run_id": kwargs.get("run_id"),
        "traceback": "".join(traceback.format_exception(exc)[-3:])[-2000:],
    }


def record_failure_once(
    client: redis.Redis, keys: TelemetryKeys, entry: dict[str, Any], *, look_back: int = 50
) -> bool:
    """Push `entry` unless the task already recorded its own failure (pipeline_task does).

    Failures that never reach the task body (a signature mismatch, a hard crash) are caught
    here, so `ops failures` shows every failed task, each once.
    """
    task_id = str(entry.get("task_id") or "")
    if task_id:
        needle = json.dumps(task_id)
        for raw in client.lrange(keys.failures, 0, look_back - 1):
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            if needle in text:
                return False
    pipe = client.pipeline(transaction=False)
    pipe.lpush(keys.failures, json.dumps(entry, ensure_ascii=False, default=str))
    pipe.ltrim(keys.failures, 0, FAILURES_KEPT - 1)
    pipe.execute()
    return True


def record_worker(
    client: redis.Redis, keys: TelemetryKeys, hostname: str, info: Mapping[str, Any],
    now: float,
) -> None:
    """Store a worker's latest heartbeat record (and forget workers gone for a day)."""
    record = {**info, "at": round(now, 3)}
    client.hset(keys.workers, hostname, json.dumps(record, default=str))


def prune_workers(client: redis.Redis, keys: TelemetryKeys, now: float) -> int:
    """Drop worker records older than WORKER_FORGET_SECONDS (the hash stays bounded)."""
    stale = [name for name, rec in read_workers(client, keys).items()
             if now - float(rec.get("at") or 0) > WORKER_FORGET_SECONDS]
    if stale:
        client.hdel(keys.workers, *stale)
    return len(stale)


# --- reading -------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _num(value: Any) -> float:
    try:
        return float(_text(value))
    except ValueError:
        return 0.0


def read_window(
    client: redis.Redis, keys: TelemetryKeys, now: float, seconds: int
) -> dict[str, dict[str, float]]:
    """Sums over the buckets of the last `seconds`: the current, partial bucket plus the
    `seconds // BUCKET_SECONDS` before it, so the window spans between `seconds` and
    `seconds + BUCKET_SECONDS` and never misses an outcome of the last `seconds`.

    Returns `{task: {state: count, "rt_sum": s, "rt_n": n}}` plus a `"#"` entry holding the
    pipeline counters.
    """
    current = bucket_start(now)
    starts = range(current - seconds, current + BUCKET_SECONDS, BUCKET_SECONDS)
    pipe = client.pipeline(transaction=False)
    for start in starts:
        pipe.hgetall(keys.bucket(start))
    out: dict[str, dict[str, float]] = {}
    for bucket in pipe.execute():
        for field, value in bucket.items():
            name = _text(field)
            if name.startswith("#"):
                counters = out.setdefault("#", {})
                counters[name[1:]] = counters.get(name[1:], 0.0) + _num(value)
                continue
            task, _, what = name.rpartition("|")
            row = out.setdefault(task, {})
            row[what] = row.get(what, 0.0) + _num(value)
    return out


@dataclass
class TaskTotals:
    """All-time figures of one task name (from the `totals` hash)."""

    states: dict[str, int]
    last: dict[str, float]
    runtime_sum: float
    runtime_count: int
    #: histogram, non-cumulative: upper bound label ("0.1", "+Inf") -> count
    runtime_buckets: dict[str, int]


def read_totals(client: redis.Redis, keys: TelemetryKeys) -> dict[str, TaskTotals]:
    out: dict[str, TaskTotals] = {}
    for field, value in client.hgetall(keys.totals).items():
        task, _, what = _text(field).rpartition("|")
        row = out.setdefault(task, TaskTotals({}, {}, 0.0, 0, {}))
        if what == "rt_sum":
            row.runtime_sum = _num(value)
        elif what == "rt_n":
            row.runtime_count = int(_num(value))
        elif what.startswith("rt_le:"):
            row.runtime_buckets[what[6:]] = int(_num(value))
        elif what.startswith("last:"):
            row.last[what[5:]] = _num(value)
        else:
            row.states[what] = int(_num(value))
    return out


def read_counters(client: redis.Redis, keys: TelemetryKeys) -> dict[str, int]:
    return {_text(k): int(_num(v)) for k, v in client.hgetall(keys.counters).items()}


def read_workers(client: redis.Redis, keys: TelemetryKeys) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, raw in client.hgetall(keys.workers).items():
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out[_text(name)] = rec
    return out


# --- Celery signal handlers (run inside the workers) ----------------------------------------

#: task id -> monotonic start; popped at postrun. Bounded by the pool size in normal
#: operation; `_MAX_STARTED` guards against leaks from tasks killed between the two signals.
_started: dict[str, float] = {}
_MAX_STARTED = 10_000
_started_lock = threading.Lock()

#: Redis timeouts of the telemetry client: the handlers run inside tasks and inside the
#: worker's timer (heartbeats), so a Redis outage must cost them a second, not the default
#: client's 10 s socket timeout with retries
CLIENT_TIMEOUT = 1.0
#: after a failed write, telemetry stays silent this long (outcomes meanwhile are not
#: counted): a dead Redis must not add a timeout to every task while the workers wait for it
PAUSE_AFTER_ERROR = 5.0
_pause_until = 0.0


def _target() -> tuple[redis.Redis, TelemetryKeys]:
    """This process's telemetry client and keys: the shared per-process cache of
    `redis_client.get_redis` (prefork children get their own), with short timeouts."""
    from workers.celery_app import current_settings  # late: the app loads settings
    from workers.redis_client import get_redis

    settings = current_settings()
    return get_redis(settings, timeout=CLIENT_TIMEOUT), TelemetryKeys(settings.key_prefix)


def _guarded(what: str, write: Callable[[redis.Redis, TelemetryKeys], Any]) -> None:
    """Run one telemetry write; never raise (statistics must never fail a task)."""
    global _pause_until
    if time.monotonic() < _pause_until:
        return
    try:
        client, keys = _target()
        write(client, keys)
    except Exception:
        _pause_until = time.monotonic() + PAUSE_AFTER_ERROR
        log.warning("telemetry: could not record %s; pausing for %.0fs", what,
                    PAUSE_AFTER_ERROR, exc_info=True)


def _on_prerun(task_id: str | None = None, **_: Any) -> None:
    if not task_id:
        return
    with _started_lock:
        if len(_started) >= _MAX_STARTED:
            _started.clear()
        _started[task_id] = time.monotonic()


def _on_postrun(
    task_id: str | None = None,
    task: Any = None,
    args: Any = None,
    retval: Any = None,
    state: str | None = None,
    **_: Any,
) -> None:
    with _started_lock:
        started = _started.pop(task_id or "", None)
    runtime = time.monotonic() - started if started is not None else None
    name = str(getattr(task, "name", None) or "unknown")
    label = STATE_LABELS.get(str(state), str(state or "unknown").lower())
    now = time.time()

    def write(client: redis.Redis, keys: TelemetryKeys) -> None:
        pipe = client.pipeline(transaction=False)
        record_outcome(pipe, keys, name, label, runtime, now)
        if label == "succeeded":
            for counter, amount in result_counters(name, args or (), retval).items():
                record_counter(pipe, keys, counter, amount, now)
        pipe.execute()

    _guarded(f"{name} {label}", write)


def _on_failure(
    sender: Any = None,
    task_id: str | None = None,
    exception: BaseException | None = None,
    args: Any = None,
    kwargs: Any = None,
    **_: Any,
) -> None:
    if exception is None:
        return
    name = str(getattr(sender, "name", None) or "unknown")
    entry = failure_entry(name, str(task_id or ""), exception, args, kwargs, time.time())
    _guarded(f"the failure of {name}",
             lambda client, keys: record_failure_once(client, keys, entry))


def _record_one(name: str, state: str) -> Callable[[redis.Redis, TelemetryKeys], None]:
    def write(client: redis.Redis, keys: TelemetryKeys) -> None:
        pipe = client.pipeline(transaction=False)
        record_outcome(pipe, keys, name, state, None, time.time())
        pipe.execute()

    return write


def _on_revoked(sender: Any = None, request: Any = None, expired: bool = False,
                **_: Any) -> None:
    name = str(getattr(sender, "name", None) or getattr(request, "task_name", None)
               or "unknown")
    state = "expired" if expired else "revoked"
    _guarded(f"{name} {state}", _record_one(name, state))


def _on_unknown(**_: Any) -> None:
    """A message for a task this worker does not know (a deploy mismatch): one label only,
    whatever the name, so a flood of junk messages cannot grow the totals hash."""
    _guarded("an unknown task", _record_one("unknown", "rejected"))


def _worker_info(hostname: str, state: str, **extra: Any) -> dict[str, Any]:
    return {"hostname": hostname, "state": state, "pid": os.getpid(), **extra}


def _on_heartbeat(sender: Any = None, **_: Any) -> None:
    """Celery's own heartbeat (events on, every 2 s): mirror it into Redis."""
    from celery.worker.state import active_requests, all_total_count

    eventer = getattr(sender, "eventer", None)
    hostname = str(getattr(eventer, "hostname", None) or "unknown")
    info = _worker_info(
        hostname, "online",
        active=len(active_requests), processed=int(all_total_count[0]),
        freq=float(getattr(sender, "interval", 2.0)),
    )
    _guarded("a heartbeat",
             lambda client, keys: record_worker(client, keys, hostname, info, time.time()))


def _on_worker_ready(sender: Any = None, **_: Any) -> None:
    hostname = str(getattr(sender, "hostname", None) or "unknown")

    def write(client: redis.Redis, keys: TelemetryKeys) -> None:
        now = time.time()
        record_worker(client, keys, hostname,
                      _worker_info(hostname, "online", started_at=round(now, 3)), now)
        prune_workers(client, keys, now)

    _guarded("worker_ready", write)


def _on_worker_shutdown(sender: Any = None, **_: Any) -> None:
    hostname = str(getattr(sender, "hostname", None) or "unknown")

    def write(client: redis.Redis, keys: TelemetryKeys) -> None:
        now = time.time()
        record_worker(client, keys, hostname,
                      _worker_info(hostname, "offline", offline_at=round(now, 3)), now)

    _guarded("worker_shutdown", write)


def connect_signals() -> None:
    """Connect the handlers (idempotent: dispatch_uid keeps one connection per handler)."""
    pairs: tuple[tuple[Any, Any], ...] = (
        (signals.task_prerun, _on_prerun),
        (signals.task_postrun, _on_postrun),
        (signals.task_failure, _on_failure),
        (signals.task_revoked, _on_revoked),
        (signals.task_unknown, _on_unknown),
        (signals.heartbeat_sent, _on_heartbeat),
        (signals.worker_ready, _on_worker_ready),
        (signals.worker_shutdown, _on_worker_shutdown),
    )
    for signal, handler in pairs:
        signal.connect(handler, weak=False, dispatch_uid=f"newsrelay.telemetry.{handler.__name__}")


connect_signals()
