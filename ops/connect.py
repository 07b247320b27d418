"""How every ops command finds the system: settings, Redis, the broker, a Celery app.

Why ops builds its own Celery app instead of calling `workers.celery_app.configure`: that
function reconfigures the process-wide app that workers also use, and Celery caches its broker
connection pool on first use, so re-pointing it later (another broker, RabbitMQ) would keep
talking to the old one; and when ops runs inside a process that also hosts a worker (tests,
`newsrelay up` one day), changing the shared app's settings would change the worker's. A
private app with the same routes and transport options sends to the same queues and reaches the
same workers through control/inspect, over Redis and RabbitMQ alike, and never needs the task
code (so ops starts fast and does not import trafilatura & co).

`workers.celery_app` is imported only when a command runs, never when `newsrelay` loads the
ops group: it loads settings at import, and a bad setting must reach the CLI's one-line error
instead of a traceback.

Without NEWSRELAY_REDIS_URL, ops watches the embedded Redis of the data directory when an
earlier `newsrelay up` is running it, and otherwise fails with one clear line: starting a
fresh, empty Redis just to report that nothing is there would only mislead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import click
from celery import Celery
from kombu import Connection
from redis import Redis, RedisError

from workers.cli_common import command_settings, redact
from workers.config import Settings
from workers.errors import ConfigError
from workers.keys import Keys
from workers.redis_client import connect, get_redis, to_kombu_url
from workers.telemetry import TelemetryKeys

REDIS_SCHEMES = ("redis", "rediss", "redis+socket", "unix")
AMQP_SCHEMES = ("amqp", "amqps", "pyamqp")

#: default time to wait for worker replies to ping/inspect (seconds)
DEFAULT_TIMEOUT = 1.0

_apps: dict[tuple[str, int], Celery] = {}
_apps_lock = threading.Lock()


def broker_kind(url: str) -> str:
    """`redis` or `amqp` (anything else is reported as its scheme)."""
    scheme = urlsplit(url).scheme
    if scheme in REDIS_SCHEMES:
        return "redis"
    if scheme in AMQP_SCHEMES:
        return "amqp"
    return scheme


def make_app(settings: Settings) -> Celery:
    """A private Celery app talking to `settings.broker` with the workers' routing.

    Cached per broker URL: the app holds the connection pool, and one per process keeps the
    ops process's connection count and memory flat over thousands of `top` refreshes.
    """
    broker = to_kombu_url(settings.broker)
    key = (broker, settings.visibility_timeout)
    with _apps_lock:
        app = _apps.get(key)
        if app is not None:
            return app
        from workers.celery_app import TASK_ROUTES
        from workers.celery_app import app as worker_app

        app = Celery("newsrelay-ops", set_as_current=False)
        transport = dict(worker_app.conf.broker_transport_options or {})
        transport["visibility_timeout"] = settings.visibility_timeout
        if broker_kind(broker) == "redis":
            # kombu polls replies with BRPOP for `polling_interval` seconds (default 1) and
            # must wait out the pending BRPOP when the connection closes: keep it short so a
            # status call costs the reply timeout, not a second more per control broadcast
            transport.setdefault("polling_interval", 0.1)
        app.conf.update(
            broker_url=broker,
            broker_transport_options=transport,
            task_serializer="json",
            result_serializer="json",
            accept_content=["json"],
            task_ignore_result=True,
            task_routes=TASK_ROUTES,
            task_default_queue="default",
            task_create_missing_queues=True,
            task_send_sent_event=True,
            broker_connection_retry_on_startup=False,
            broker_connection_timeout=3,
            broker_connection_max_retries=1,
            task_publish_retry_policy={"max_retries": 2, "interval_start": 0.2,
                                       "interval_step": 0.5, "interval_max": 1.0},
            enable_utc=True,
            timezone="UTC",
        )
        _apps[key] = app
        return app


@dataclass
class OpsEnv:
    """Everything a command needs: settings, state Redis, key names, broker and app."""

    settings: Settings
    redis: Redis
    keys: Keys
    tkeys: TelemetryKeys
    app: Celery
    broker_url: str
    broker_kind: str
    timeout: float = DEFAULT_TIMEOUT
    _broker_redis: Redis | None = None

    @property
    def known_queues(self) -> tuple[str, ...]:
        """The queues this system uses: one per stage plus Celery's default."""
        from workers.celery_app import QUEUES

        return (*QUEUES, "default")

    @property
    def transport_options(self) -> dict[str, Any]:
        return dict(self.app.conf.broker_transport_options or {})

    @contextmanager
    def control_connection(self) -> Iterator[Connection]:
        """A fresh broker connection for one control broadcast, closed afterwards.

        Why not the pooled one: on the Redis transport a reply consumer that timed out can
        leave a blocking pop pending on its connection, which then swallows the reply to the
        next broadcast made over that connection (an `inspect stats` right after a `ping`
        came back empty). Closing the connection cancels the pending pop.
        """
        conn = self.app.connection_for_write()
        try:
            yield conn
        finally:
            conn.close()

    def ping(self) -> list[str]:
        """Names of the workers that answered ping within the timeout."""
        with self.control_connection() as conn:
            replies = self.app.control.ping(timeout=self.timeout, connection=conn) or []
        return sorted({name for reply in replies for name in reply})

    def broker_redis(self) -> Redis:
        """A client for the broker's Redis (the state Redis when they are the same server)."""
        if self.broker_kind != "redis":
            raise ConfigError(f"broker {redact(self.broker_url)} is not Redis")
        if self._broker_redis is None:
            same = self.settings.redis_url and (
                to_kombu_url(self.settings.redis_url) == to_kombu_url(self.broker_url)
            )
            self._broker_redis = self.redis if same else connect(self.broker_url)
        return self._broker_redis


def resolve_settings() -> Settings:
    """Settings with a live Redis to watch (see workers.cli_common)."""
    return command_settings("watch")


def open_env(settings: Settings | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> OpsEnv:
    """Connect to Redis (checked with PING) and build the app; one clear error on failure."""
    settings = settings or resolve_settings()
    try:
        client = get_redis(settings)
        client.ping()
    except (RedisError, ConfigError, OSError) as exc:
        raise click.ClickException(
            f"cannot reach Redis at {redact(str(settings.redis_url))}: {exc}"
        ) from None
    try:
        broker = settings.broker
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    return OpsEnv(
        settings=settings,
        redis=client,
        keys=Keys(settings.key_prefix),
        tkeys=TelemetryKeys(settings.key_prefix),
        app=make_app(settings),
        broker_url=to_kombu_url(broker),
        broker_kind=broker_kind(broker),
        timeout=timeout,
    )
