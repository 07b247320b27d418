"""Run the system on one machine: Redis (embedded unless configured), Celery workers, scheduler.

`System` is what `newsrelay up`, `once` and `demo` stand on. Workers and the scheduler are real
`celery` subprocesses (the same commands docker-compose runs), so a run here exercises exactly
what production runs: serialisation, acks, routing, time limits.

Shutdown order on Ctrl-C/SIGTERM: scheduler first (no new work), then workers (warm shutdown:
running tasks finish, reserved ones go back to the queue thanks to acks_late), then Redis, which
writes its AOF on SIGTERM. Queued work therefore waits in Redis for the next start.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import redis

from workers.celery_app import QUEUES, configure
from workers.config import ENV_PREFIX, Settings
from workers.embedded_redis import EmbeddedRedis
from workers.errors import ConfigError, SystemRunError
from workers.keys import Keys
from workers.models import PLATFORMS, FeedSpec
from workers.pipeline.outbox import Outbox
from workers.pipeline.runs import RunTracker
from workers.pipeline.store import ArticleStore
from workers.redis_client import get_redis, reset_clients

log = logging.getLogger(__name__)


def settings_env(settings: Settings) -> dict[str, str]:
    """The `NEWSRELAY_*` environment that reproduces `settings` in a child process."""
    env: dict[str, str] = {}
    defaults = Settings()
    for f in dataclasses.fields(Settings):
        if f.name == "extra":
            continue
        value = getattr(settings, f.name)
        if value == getattr(defaults, f.name) and f.name != "data_dir":
            continue
        if value is None:
            continue
        env[f"{ENV_PREFIX}{f.name.upper()}"] = (
            ("true" if value else "false") if isinstance(value, bool) else str(value)
        )
    return env


class System:
    """Context manager owning Redis (when embedded), worker processes and optionally beat."""

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int = 1,
        concurrency: int | None = None,
        beat: bool = False,
        queues: tuple[str, ...] = QUEUES,
        worker_log_level: str | None = None,
        name: str = "newsrelay",
        quiet: bool = False,
    ) -> None:
        self.requested = settings
        self.settings = settings
        self.workers = workers
        self.concurrency = concurrency or settings.concurrency
        self.beat = beat
        self.queues = queues
        self.worker_log_level = worker_log_level or settings.log_level
        self.name = name
        #: no banner and no root warning from the workers (`once --json`, `demo`)
        self.quiet = quiet
        self.embedded: EmbeddedRedis | None = None
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> System:
        settings = self.requested
        if not settings.redis_url:
            self.embedded = EmbeddedRedis(settings.data_dir).start()
            settings = dataclasses.replace(settings, redis_url=self.embedded.url)
        self.settings = settings
        reset_clients()
        configure(settings)
        try:
            get_redis(settings).ping()
        except redis.RedisError as exc:
            raise ConfigError(
                f"NEWSRELAY_REDIS_URL: cannot reach {settings.redis_url}: {exc}"
            ) from None
        Outbox(get_redis(settings), Keys(settings.key_prefix)).ensure_groups()
        env = {**os.environ, **settings_env(settings)}
        for i in range(self.workers):
            self._spawn(f"worker-{i}", self._worker_cmd(i), env)
        if self.beat:
            schedule = Path(settings.data_dir) / "beat-schedule"
            schedule.parent.mkdir(parents=True, exist_ok=True)
            cmd = [sys.executable, "-m", "celery", "-A", "workers.celery_app:app", "beat",
                   "-s", str(schedule), "-l", self.worker_log_level]
            self._spawn("scheduler", cmd, env)
        return self

    def _worker_cmd(self, i: int) -> list[str]:
        python = [sys.executable]
        if self.quiet:
            python += ["-W", "ignore:You're running the worker with superuser"]
        return [
            *python, "-m", "celery", *(["--quiet"] if self.quiet else []),
            "-A", "workers.celery_app:app", "worker",
            "-Q", ",".join(self.queues), "-c", str(self.concurrency), "--pool", "prefork",
            "-n", f"{self.name}-{i}-{os.getpid()}@%h", "-E",
            "--without-gossip", "--without-mingle", "-l", self.worker_log_level,
        ]  # fmt: skip

    def _spawn(self, role: str, cmd: list[str], env: dict[str, str]) -> None:
        log.info("starting %s: %s", role, " ".join(cmd))
        # children log to our stderr: stdout stays clean for `--json` reports
        try:
            out: int | None = sys.stderr.fileno()
        except (AttributeError, ValueError, OSError):
            out = None
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                start_new_session=True)
        self.procs.append((role, proc))

    def check_alive(self) -> None:
        for role, proc in self.procs:
            if proc.poll() is not None:
                raise SystemRunError(f"{role} exited with status {proc.returncode}")

    def wait(self) -> None:
        """Block until a child dies or a signal arrives (used by `newsrelay up`)."""
        while True:
            self.check_alive()
            time.sleep(0.5)

    def stop(self, timeout: float = 30.0) -> None:
        # scheduler first, then workers: no new work while the workers drain
        ordered = sorted(self.procs, key=lambda rp: rp[0] != "scheduler")
        for role, proc in ordered:
            if proc.poll() is None:
                log.info("stopping %s (pid %s)", role, proc.pid)
                proc.send_signal(signal.SIGTERM)
            if role == "scheduler":
                self._reap(role, proc, timeout)
        for role, proc in ordered:
            self._reap(role, proc, timeout)
        self.procs.clear()
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None

    @staticmethod
    def _reap(role: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop in %ss, killing", role, timeout)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def __enter__(self) -> System:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def run_once(
        self,
        feeds: list[FeedSpec],
        *,
        timeout: float = 600.0,
        progress: Callable[[int, float], None] | None = None,
    ) -> dict[str, Any]:
        """Poll every feed once on this system's workers; see `run_feeds_once`."""
        return run_feeds_once(
            self.settings, feeds, timeout=timeout, progress=progress, alive=self.check_alive
        )


def run_feeds_once(
    settings: Settings,
    feeds: list[FeedSpec],
    *,
    timeout: float = 600.0,
    progress: Callable[[int, float], None] | None = None,
    alive: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Send one poll per feed, wait until the run is idle, and return the report.

    Whatever workers consume the configured broker do the work; `alive` is called while
    waiting and raises when they died, so a dead system fails fast instead of timing out.
    """
    from workers.tasks import poll  # imported late: the app must be configured first

    client = get_redis(settings)
    keys = Keys(settings.key_prefix)
    run_id = uuid.uuid4().hex
    tracker = RunTracker(client, keys, run_id)
    task_ids = [str(uuid.uuid4()) for _ in feeds]
    tracker.add_pending(*task_ids)
    for spec, task_id in zip(feeds, task_ids, strict=False):
        poll.apply_async(args=[spec.to_dict()], kwargs={"run_id": run_id}, task_id=task_id)
    started = time.monotonic()
    while (pending := tracker.pending()) > 0:
        elapsed = time.monotonic() - started
        if progress is not None:
            progress(pending, elapsed)
        if elapsed > timeout:
            raise SystemRunError(
                f"the run did not finish within {timeout:.0f}s ({pending} tasks still pending)"
            )
        if alive is not None:
            alive()
        time.sleep(0.1)
    return build_report(settings, run_id, feeds)


def build_report(settings: Settings, run_id: str, feeds: list[FeedSpec]) -> dict[str, Any]:
    """The `once --json` object: feeds, articles, payloads per platform."""
    client = get_redis(settings)
    keys = Keys(settings.key_prefix)
    tracker = RunTracker(client, keys, run_id)
    polled = tracker.feeds()
    feed_rows = []
    for spec in feeds:
        row = polled.get(spec.url)
        if row is None:
            errors = [e for e in tracker.errors() if e.get("task") == "newsrelay.poll"
                      and e.get("args") and e["args"][0].get("url") == spec.url]
            msg = errors[0]["error"] if errors else "the feed was not polled"
            feed_rows.append({"url": spec.url, "status": "error", "error": msg, "new_items": 0})
        else:
            feed_rows.append({"url": spec.url, "status": row["status"], "error": row["error"],
                              "new_items": row["new_items"], "http_status": row.get("http_status")})
    store = ArticleStore(client, keys)
    outbox = Outbox(client, keys)
    articles = []
    payloads: dict[str, list[dict[str, Any]]] = {p: [] for p in PLATFORMS}
    for aid in tracker.article_ids():
        article = store.get(aid)
        if article is None:
            continue
        articles.append({"id": article.id, "url": article.url, "title": article.title,
                         "text": article.text, "feed_url": article.feed_url,
                         "duplicate_of": article.duplicate_of})
        if article.duplicate_of is None:
            for platform in PLATFORMS:
                payload = outbox.payload_for(aid, platform)
                if payload is not None:
                    payloads[platform].append(payload.to_dict())
    return {"run_id": run_id, "feeds": feed_rows, "articles": articles, "payloads": payloads,
            "errors": [e for e in tracker.errors() if e.get("task") != "newsrelay.poll"]}
