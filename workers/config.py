"""Settings from `NEWSRELAY_*` environment variables and an optional TOML file.

Why both: containers are configured through the environment, people on a laptop prefer a
file. The environment wins over the file, the file over the defaults. Every value is
validated when the settings are loaded, and a bad one fails at start with a message that names
the setting (`NEWSRELAY_REDIS_URL: scheme 'http' is not one of redis, rediss, redis+socket`),
because a worker that starts with a typo and fails on its first task is far harder to debug.

File: `NEWSRELAY_CONFIG=/path/newsrelay.toml`, else `./newsrelay.toml` when present. Keys are
the field names below, at the top level or under `[newsrelay]`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workers.errors import ConfigError

ENV_PREFIX = "NEWSRELAY_"

REDIS_SCHEMES = ("redis", "rediss", "redis+socket", "unix")
BROKER_SCHEMES = (*REDIS_SCHEMES, "amqp", "amqps", "pyamqp")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name}: expected a boolean (true/false/1/0), got {raw!r}")


@dataclass(frozen=True)
class Settings:
    """Everything a newsrelay process needs to know; see the README's configuration table."""

    #: Redis for state, dedup, payload streams (and the broker unless broker_url is set).
    #: None means: start/use the embedded Redis under data_dir.
    redis_url: str | None = None
    #: separate Celery broker (amqp:// for RabbitMQ); None means redis_url
    broker_url: str | None = None
    data_dir: Path = Path(".newsrelay")
    log_level: str = "INFO"
    #: the feed list polled by `newsrelay up` and the scheduler
    feeds_file: Path | None = None
    #: key prefix in Redis, so several deployments can share one database
    key_prefix: str = "nr"
    #: allow fetching from 127.0.0.0/8 (tests and `newsrelay demo`); never in production
    allow_loopback: bool = False
    allow_private: bool = False
    connect_timeout: float = 10.0
    total_timeout: float = 20.0
    max_body_bytes: int = 15 * 1024 * 1024
    user_agent: str | None = None
    #: default polling interval in seconds
    poll_interval: int = 1800
    #: concurrent polls per host (politeness), and the hard limit on parsing one feed (s)
    host_concurrency: int = 4
    parse_time_limit: float = 10.0
    #: default worker pool size for `newsrelay up` / `once`
    concurrency: int = 2
    #: how long article records and dedup keys live (days)
    retention_days: int = 30
    #: near-duplicate window (days) and the word Jaccard similarity that makes a duplicate
    #: (0.72 measured: precision and recall 1.0 on the labelled set, see bench/RESULTS.md)
    dedup_window_days: float = 7.0
    dedup_min_jaccard: float = 0.72
    #: deliver for real when credentials exist; dry_run forces recording only
    dry_run: bool = False
    #: UTM tagging of shared links
    utm: bool = True
    #: Celery visibility timeout (seconds); must exceed every hard time limit and countdown
    visibility_timeout: int = 7200
    channels_file: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def broker(self) -> str:
        """The Celery broker URL (separate broker, else the Redis URL)."""
        if self.broker_url:
            return self.broker_url
        if not self.redis_url:
            raise ConfigError("NEWSRELAY_REDIS_URL: not set and no embedded Redis is running")
        return self.redis_url


_FIELD_TYPES: dict[str, Any] = {f.name: f.type for f in dataclasses.fields(Settings)}


def _coerce(name: str, key: str, raw: Any) -> Any:
    """Turn a raw env/TOML value into the field's type, naming the setting on failure."""
    typ = _FIELD_TYPES[key]
    try:
        if typ in ("bool",):
            return raw if isinstance(raw, bool) else _parse_bool(name, str(raw))
        if typ in ("int",):
            if isinstance(raw, bool):
                raise ValueError
            return int(raw)
        if typ in ("float",):
            return float(raw)
        if typ in ("Path", "Path | None"):
            return Path(str(raw)).expanduser() if str(raw) else None
        if typ in ("str", "str | None"):
            return str(raw) if str(raw) != "" else None
    except ValueError:
        raise ConfigError(f"{name}: expected {typ.replace(' | None', '')}, got {raw!r}") from None
    return raw


def _validate(s: Settings) -> None:
    for name, url, schemes in (
        ("NEWSRELAY_REDIS_URL", s.redis_url, REDIS_SCHEMES),
        ("NEWSRELAY_BROKER_URL", s.broker_url, BROKER_SCHEMES),
    ):
        if url is None:
            continue
        scheme = urlsplit(url).scheme
        if scheme not in schemes:
            raise ConfigError(
                f"{name}: scheme {scheme!r} in {url!r} is not one of {', '.join(schemes)}"
            )
        if scheme in ("redis+socket", "unix") and not urlsplit(url).path:
            raise ConfigError(f"{name}: {url!r} names no socket path")
    if not 0.0 < s.dedup_min_jaccard <= 1.0:
        raise ConfigError(
            f"NEWSRELAY_DEDUP_MIN_JACCARD: must be in (0, 1], got {s.dedup_min_jaccard!r}"
        )
    if s.dedup_window_days <= 0:
        raise ConfigError(f"NEWSRELAY_DEDUP_WINDOW_DAYS: must be > 0, got {s.dedup_window_days!r}")
    if s.log_level.upper() not in LOG_LEVELS:
        raise ConfigError(f"NEWSRELAY_LOG_LEVEL: {s.log_level!r} is not one of {LOG_LEVELS}")
    positive = ("connect_timeout", "total_timeout", "max_body_bytes", "poll_interval")
    for key in (*positive, "concurrency", "retention_days", "visibility_timeout",
                "host_concurrency", "parse_time_limit"):
        if getattr(s, key) <= 0:
            raise ConfigError(f"NEWSRELAY_{key.upper()}: must be > 0, got {getattr(s, key)!r}")
    if s.feeds_file is not None and not s.feeds_file.exists():
        raise ConfigError(f"NEWSRELAY_FEEDS_FILE: {str(s.feeds_file)!r} does not exist")


def load_settings(
    env: Mapping[str, str] | None = None, *, config_file: Path | None = None, **overrides: Any
) -> Settings:
    """Load settings: defaults < TOML file < environment < explicit overrides (CLI flags)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}

    env_path = env.get(f"{ENV_PREFIX}CONFIG")
    path = config_file or (Path(env_path) if env_path else None)
    if path is None and Path("newsrelay.toml").is_file():
        path = Path("newsrelay.toml")
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"NEWSRELAY_CONFIG: file {str(path)!r} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"NEWSRELAY_CONFIG: {str(path)!r} is not valid TOML: {exc}") from None
        data = data.get("newsrelay", data)
        for key, raw in data.items():
            if key not in _FIELD_TYPES or key == "extra":
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(f"{path}: {key}", key, raw)

    for key in _FIELD_TYPES:
        if key == "extra":
            continue
        name = f"{ENV_PREFIX}{key.upper()}"
        if name in env:
            values[key] = _coerce(name, key, env[name])

    for key, raw in overrides.items():
        if raw is not None:
            values[key] = raw

    settings = Settings(**values)
    _validate(settings)
    return settings


def configure_logging(level: str) -> None:
    """One log format for every process, so interleaved worker/scheduler logs stay readable."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)-7s %(processName)s %(name)s: %(message)s",
    )
