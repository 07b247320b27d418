"""What every read-side command (`ops`, `articles`, `feeds`) needs: the settings the root
`newsrelay` command resolved, and a Redis that is really there.

Why a running Redis is required rather than started: these commands look at a live system;
starting an empty embedded Redis would show an empty, healthy-looking system and mislead.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit, urlunsplit

import click

from workers.config import Settings, load_settings
from workers.embedded_redis import EmbeddedRedis
from workers.errors import ConfigError


def redact(url: str) -> str:
    """`url` without its password, for output that ends up in tickets and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


def command_settings(purpose: str) -> Settings:
    """Settings as `newsrelay` resolved them (--config/--data-dir), else from the env, with
    `redis_url` pointing at NEWSRELAY_REDIS_URL or the data dir's running embedded Redis.

    `purpose` completes the error "no Redis to <purpose>" when neither is there.
    """
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    try:
        if obj is not None and callable(getattr(obj, "settings", None)):
            settings = obj.settings()
        else:
            settings = load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if not isinstance(settings, Settings):  # pragma: no cover - defensive
        raise click.ClickException("could not load settings")
    if not settings.redis_url:
        embedded = EmbeddedRedis(settings.data_dir)
        if not embedded.already_running():
            raise click.ClickException(
                f"no Redis to {purpose}: NEWSRELAY_REDIS_URL is not set and no embedded Redis "
                f"is running in {embedded.data_dir} (start `newsrelay up`, or set "
                "NEWSRELAY_REDIS_URL)"
            )
        settings = dataclasses.replace(settings, redis_url=embedded.url)
    return settings
