"""Channels: where share posts go, which feeds feed them, and how delivery behaves.

A channel is one platform plus one destination (a Telegram chat, a Facebook page, a LinkedIn
organisation, a WhatsApp number, an X account), the feeds that feed it and its template. They
are configured in TOML (`NEWSRELAY_CHANNELS_FILE`, `Settings.channels_file`)::

    [delivery]                        # optional, every key has a default
    rate_limits = true                # false: no token buckets at all (benchmarks)
    max_attempts = 5                  # failed attempts per (article, channel) before dead letter
    timeout = 15.0                    # seconds per API request
    claim_idle_seconds = 5.0          # take over another worker's stream entry after this idle
    inline_wait_seconds = 5.0         # a drain sleeps through rate-limit waits up to this
    settle_seconds = 30.0             # wait after an ambiguous outcome before re-checking
    lease_margin_seconds = 5.0        # posting lease = timeout * requests + this margin
    backoff_seconds = 5.0             # first wait after a failed attempt (doubles, <= 300 s)
    graph_version = "v21.0"           # Facebook / WhatsApp Graph API version
    [delivery.api_base]               # per-platform API base (tests point these at fakes)
    telegram = "https://api.telegram.org"

    [[channels]]
    name = "tg-news"                  # unique; [A-Za-z0-9][A-Za-z0-9_.:@-]*
    platform = "telegram"             # telegram | twitter (or x) | linkedin | facebook | whatsapp
    chat_id = "@mychannel"            # destination keys: see DESTINATION_KEYS
    feeds = ["https://example.org/feed.xml"]   # default ["*"]: every feed
    template = "<b>{{ title }}</b> {{ url }}"  # optional, overrides the platform default
    enabled = true
    secret_env = "TG_BOT_TOKEN"       # optional: the env var holding the secret
    rate_limits = [{ count = 20, seconds = 60 }]   # optional override; [] = none for it
    api_base = "http://127.0.0.1:8081"              # optional override for this channel

Why secrets only from the environment: TOML files get committed, copied and pasted into
issues; a token in one is a leak waiting to happen. A channel's secret (Telegram bot token, X
OAuth 2 user access token, LinkedIn access token, Facebook page access token, WhatsApp Cloud API
access token) is read from the variable named by `secret_env`, else from
`NEWSRELAY_SECRET_<NAME>` where NAME is the channel name upper-cased with every character
outside A-Z and 0-9 replaced by `_` (`tg-news` -> `NEWSRELAY_SECRET_TG_NEWS`). A secret-looking
key in the TOML (`token`, `access_token`, ...) is refused with a ConfigError.

A channel without a secret runs dry: it records what it would post (the `sent` stream) and
never touches the network. `Settings.dry_run` forces every channel dry. Without a channels
file there is one dry channel per platform named `<platform>:default`, which is what the
pipeline did before channels existed; those default channels are dry whatever the
environment holds, so a stray token on a laptop never makes a test post for real.

API base URLs: the channel's `api_base`, else `NEWSRELAY_API_BASE_<PLATFORM>`, else
`[delivery.api_base]`, else the real endpoint. Plain `http://` is accepted only for loopback
hosts (the fake servers in tests): a token must never cross a network in clear text.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workers.config import Settings
from workers.errors import ConfigError
from workers.formatters.settings import ChannelTarget
from workers.models import PLATFORMS

#: the real API endpoints; Facebook and WhatsApp paths get the Graph version prefixed
DEFAULT_API_BASES: Mapping[str, str] = {
    "telegram": "https://api.telegram.org",
    "twitter": "https://api.x.com",
    "linkedin": "https://api.linkedin.com",
    "facebook": "https://graph.facebook.com",
    "whatsapp": "https://graph.facebook.com",
}

PLATFORM_ALIASES: Mapping[str, str] = {"x": "twitter"}

#: ChannelTarget fields each platform takes from the channel table
DESTINATION_KEYS: Mapping[str, tuple[str, ...]] = {
    "telegram": ("chat_id", "message_thread_id"),
    "twitter": ("account",),
    "linkedin": ("author_urn",),
    "facebook": ("page_id",),
    "whatsapp": ("phone_number_id", "to"),
}

#: destination keys a live (credentialed) channel cannot do without
REQUIRED_KEYS: Mapping[str, tuple[str, ...]] = {
    "telegram": ("chat_id",),
    "twitter": (),
    "linkedin": ("author_urn",),
    "facebook": ("page_id",),
    "whatsapp": ("phone_number_id", "to"),
}

_COMMON_KEYS = frozenset(
    {"name", "platform", "feeds", "template", "enabled", "secret_env", "api_base", "rate_limits"}
)
_SECRET_LOOKING = frozenset(
    {"token", "secret", "access_token", "bot_token", "password", "api_key", "bearer",
     "client_secret", "app_secret"}
)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$")
_DELIVERY_KEYS = frozenset(
    {"rate_limits", "max_attempts", "timeout", "claim_idle_seconds", "inline_wait_seconds",
     "settle_seconds",
     "lease_margin_seconds", "backoff_seconds", "graph_version", "api_base"}
)

SECRET_ENV_PREFIX = "NEWSRELAY_SECRET_"
API_BASE_ENV_PREFIX = "NEWSRELAY_API_BASE_"
CHANNELS_FILE_ENV = "NEWSRELAY_CHANNELS_FILE"


@dataclass(frozen=True)
class RateLimit:
    """At most `count` posts per `seconds`, refilled smoothly (a token bucket of `count`)."""

    count: int
    seconds: float


@dataclass(frozen=True)
class Channel:
    """One destination on one platform, with everything delivery needs to post there."""

    name: str
    platform: str
    target: ChannelTarget
    #: feed URLs whose articles go to this channel; ("*",) means every feed
    feeds: tuple[str, ...] = ("*",)
    template: str | None = None
    enabled: bool = True
    #: None: the platform's defaults (workers.pipeline.ratelimit); (): no channel limit
    rate_limits: tuple[RateLimit, ...] | None = None
    #: the platform credential; None means the channel runs dry
    secret: str | None = field(default=None, repr=False, compare=False)
    #: the environment variable the secret was (or would be) read from, for messages
    secret_env: str = ""
    api_base: str = ""

    @property
    def dry(self) -> bool:
        """No credentials: record what would be posted instead of posting."""
        return self.secret is None

    def feeds_from(self, feed_url: str | None) -> bool:
        """Whether an article from `feed_url` goes to this channel."""
        if "*" in self.feeds:
            return True
        return feed_url is not None and _norm_feed(feed_url) in {_norm_feed(f) for f in self.feeds}


@dataclass(frozen=True)
class DeliveryOptions:
    """How delivery behaves; the `[delivery]` table of the channels file."""

    rate_limits: bool = True
    max_attempts: int = 5
    timeout: float = 15.0
    claim_idle_seconds: float = 5.0
    inline_wait_seconds: float = 5.0
    settle_seconds: float = 30.0
    lease_margin_seconds: float = 5.0
    backoff_seconds: float = 5.0
    graph_version: str = "v21.0"
    api_bases: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_API_BASES))


@dataclass(frozen=True)
class ChannelConfig:
    """The loaded channels file: channels plus delivery options."""

    channels: tuple[Channel, ...]
    delivery: DeliveryOptions = field(default_factory=DeliveryOptions)
    source: Path | None = None

    def get(self, name: str) -> Channel | None:
        for channel in self.channels:
            if channel.name == name:
                return channel
        return None

    def for_feed(self, feed_url: str | None) -> list[Channel]:
        """Enabled channels that `feed_url`'s articles go to, in file order."""
        return [c for c in self.channels if c.enabled and c.feeds_from(feed_url)]

    def platforms(self) -> list[str]:
        return sorted({c.platform for c in self.channels})


def _norm_feed(url: str) -> str:
    return url.strip().rstrip("/")


def secret_env_name(channel_name: str) -> str:
    """`tg-news` -> `NEWSRELAY_SECRET_TG_NEWS`."""
    return SECRET_ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", channel_name.upper())


def default_channel_name(platform: str) -> str:
    return f"{platform}:default"


def default_channels() -> tuple[Channel, ...]:
    """One dry channel per platform, fed by every feed: the behaviour without a channels file."""
    return tuple(
        Channel(name=default_channel_name(p), platform=p,
                target=ChannelTarget(name=default_channel_name(p)))
        for p in PLATFORMS
    )


def _check_base(where: str, url: str) -> str:
    """Refuse bases that would leak a token: not http(s), or http to a non-loopback host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
    if parts.scheme == "http":
        host = parts.hostname
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            raise ConfigError(f"{where}: {url!r} uses plain http to a non-loopback host; "
                              f"tokens must travel over https")
    return url.rstrip("/")


def _float(where: str, raw: Any, *, minimum: float = 0.0, strict: bool = False) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ConfigError(f"{where}: expected a number, got {raw!r}")
    value = float(raw)
    if value < minimum or (strict and value == minimum):
        raise ConfigError(f"{where}: must be {'>' if strict else '>='} {minimum}, got {raw!r}")
    return value


def _parse_delivery(where: str, data: Any, env: Mapping[str, str]) -> DeliveryOptions:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: [delivery] must be a table")
    unknown = sorted(set(data) - _DELIVERY_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown [delivery] key(s) {', '.join(unknown)}; "
                          f"known: {', '.join(sorted(_DELIVERY_KEYS))}")
    bases = dict(DEFAULT_API_BASES)
    raw_bases = data.get("api_base", {})
    if not isinstance(raw_bases, dict):
        raise ConfigError(f"{where}: [delivery.api_base] must be a table of platform = URL")
    for platform, url in raw_bases.items():
        platform = PLATFORM_ALIASES.get(platform, platform)
        if platform not in DEFAULT_API_BASES:
            raise ConfigError(f"{where}: [delivery.api_base] unknown platform {platform!r}")
        bases[platform] = _check_base(f"{where}: delivery.api_base.{platform}", str(url))
    for platform in DEFAULT_API_BASES:
        name = API_BASE_ENV_PREFIX + platform.upper()
        if env.get(name):
            bases[platform] = _check_base(name, env[name])
    kwargs: dict[str, Any] = {"api_bases": bases}
    if "rate_limits" in data:
        if not isinstance(data["rate_limits"], bool):
            raise ConfigError(f"{where}: delivery.rate_limits must be true or false")
        kwargs["rate_limits"] = data["rate_limits"]
    if "max_attempts" in data:
        raw = data["max_attempts"]
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise ConfigError(f"{where}: delivery.max_attempts must be an integer >= 1")
        kwargs["max_attempts"] = raw
    if "timeout" in data:
        kwargs["timeout"] = _float(f"{where}: delivery.timeout", data["timeout"], strict=True)
    for key in ("claim_idle_seconds", "inline_wait_seconds", "settle_seconds",
                "lease_margin_seconds", "backoff_seconds"):
        if key in data:
            kwargs[key] = _float(f"{where}: delivery.{key}", data[key])
    if "graph_version" in data:
        version = str(data["graph_version"])
        if not re.fullmatch(r"v\d+\.\d+", version):
            raise ConfigError(f"{where}: delivery.graph_version {version!r} is not like 'v21.0'")
        kwargs["graph_version"] = version
    return DeliveryOptions(**kwargs)


def _parse_rate_limits(where: str, raw: Any) -> tuple[RateLimit, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: rate_limits must be a list of {{count, seconds}} tables")
    limits = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"count", "seconds"}:
            raise ConfigError(f"{where}: each rate limit is {{ count = N, seconds = S }}, "
                              f"got {item!r}")
        count = item["count"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ConfigError(f"{where}: rate limit count must be an integer >= 1")
        limits.append(RateLimit(count, _float(f"{where}: rate limit seconds", item["seconds"],
                                              strict=True)))
    return tuple(limits)


def _parse_channel(
    where: str, index: int, data: Any, env: Mapping[str, str], delivery: DeliveryOptions,
    dry_run: bool,
) -> Channel:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: channels[{index}] must be a table")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ConfigError(f"{where}: channels[{index}].name must be a string of letters, digits "
                          f"and _ . : @ - (got {name!r})")
    here = f"{where}: channel {name!r}"
    secretish = sorted(k for k in data if k.lower() in _SECRET_LOOKING)
    if secretish:
        raise ConfigError(f"{here}: key {secretish[0]!r} looks like a secret; secrets come from "
                          f"the environment only (set {secret_env_name(name)} or name another "
                          f"variable with secret_env)")
    raw_platform = data.get("platform")
    platform = PLATFORM_ALIASES.get(str(raw_platform), str(raw_platform))
    if platform not in DESTINATION_KEYS:
        raise ConfigError(f"{here}: platform {raw_platform!r} is not one of "
                          f"{', '.join(sorted(DESTINATION_KEYS))}")
    allowed = _COMMON_KEYS | set(DESTINATION_KEYS[platform])
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigError(f"{here}: unknown key(s) {', '.join(unknown)} for platform "
                          f"{platform}; known: {', '.join(sorted(allowed))}")

    feeds_raw = data.get("feeds", ["*"])
    if isinstance(feeds_raw, str):
        feeds_raw = [feeds_raw]
    if not isinstance(feeds_raw, list) or not feeds_raw or not all(
        isinstance(f, str) and f for f in feeds_raw
    ):
        raise ConfigError(f"{here}: feeds must be a non-empty list of feed URLs or [\"*\"]")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{here}: enabled must be true or false")
    template = data.get("template")
    if template is not None and not isinstance(template, str):
        raise ConfigError(f"{here}: template must be a string")

    destination: dict[str, Any] = {}
    for key in DESTINATION_KEYS[platform]:
        if key in data:
            value = data[key]
            if key == "message_thread_id":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ConfigError(f"{here}: message_thread_id must be an integer")
            elif key == "chat_id":
                if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
                    raise ConfigError(f"{here}: chat_id must be an integer or \"@username\"")
            elif not isinstance(value, str) or not value:
                raise ConfigError(f"{here}: {key} must be a non-empty string")
            destination[key] = value
    try:
        target = ChannelTarget(name=name, template=template, **destination)
    except ConfigError as exc:
        raise ConfigError(f"{here}: template: {exc}") from None

    secret_var = data.get("secret_env") or secret_env_name(name)
    if not isinstance(secret_var, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", secret_var):
        raise ConfigError(f"{here}: secret_env must name an environment variable")
    secret = env.get(secret_var) or None
    if dry_run:
        secret = None
    if secret is not None:
        missing = [k for k in REQUIRED_KEYS[platform] if k not in destination]
        if missing:
            raise ConfigError(f"{here}: has credentials ({secret_var}) but no {missing[0]}; "
                              f"a live {platform} channel needs {', '.join(missing)}")

    api_base = delivery.api_bases[platform]
    if "api_base" in data:
        api_base = _check_base(f"{here}: api_base", str(data["api_base"]))
    limits = (_parse_rate_limits(here, data["rate_limits"]) if "rate_limits" in data else None)
    return Channel(
        name=name, platform=platform, target=target, feeds=tuple(feeds_raw), template=template,
        enabled=enabled, rate_limits=limits, secret=secret, secret_env=secret_var,
        api_base=api_base,
    )


def load_channel_config(
    path: Path | None, env: Mapping[str, str] | None = None, *, dry_run: bool = False
) -> ChannelConfig:
    """Load channels and delivery options from `path` (None: the default dry channels).

    Raises ConfigError naming the file, the channel and the key for anything invalid, so a
    typo fails at start rather than as a silently undelivered post.
    """
    env = os.environ if env is None else env
    if path is None:
        delivery = _parse_delivery("delivery", {}, env)
        channels = tuple(
            Channel(name=c.name, platform=c.platform, target=c.target,
                    api_base=delivery.api_bases[c.platform],
                    secret_env=secret_env_name(c.name))
            for c in default_channels()
        )
        return ChannelConfig(channels=channels, delivery=delivery, source=None)
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"NEWSRELAY_CHANNELS_FILE: {where!r} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"NEWSRELAY_CHANNELS_FILE: {where!r} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"channels", "delivery"})
    if unknown:
        raise ConfigError(f"{where}: unknown top-level key(s) {', '.join(unknown)}; "
                          f"expected [[channels]] and [delivery]")
    delivery = _parse_delivery(where, data.get("delivery"), env)
    raw_channels = data.get("channels", [])
    if not isinstance(raw_channels, list):
        raise ConfigError(f"{where}: channels must be [[channels]] tables")
    parsed = [
        _parse_channel(where, i, c, env, delivery, dry_run) for i, c in enumerate(raw_channels)
    ]
    seen: set[str] = set()
    for channel in parsed:
        if channel.name in seen:
            raise ConfigError(f"{where}: channel {channel.name!r} is defined twice")
        seen.add(channel.name)
    return ChannelConfig(channels=tuple(parsed), delivery=delivery, source=Path(path))


def load_channels(
    path: Path | None, env: Mapping[str, str] | None = None, *, dry_run: bool = False
) -> list[Channel]:
    """The channels of `path` (None: one dry `<platform>:default` channel per platform)."""
    return list(load_channel_config(path, env, dry_run=dry_run).channels)


@lru_cache(maxsize=8)
def _cached(
    path: str | None, mtime_ns: int, dry_run: bool, env_items: frozenset[tuple[str, str]]
) -> ChannelConfig:
    return load_channel_config(Path(path) if path else None, dict(env_items), dry_run=dry_run)


def channel_config_for(
    settings: Settings | None = None, env: Mapping[str, str] | None = None
) -> ChannelConfig:
    """The channel config a worker should use, re-read when the file or environment changes.

    With `settings`, its `channels_file` and `dry_run` apply; without (a caller that has no
    Settings at hand) `NEWSRELAY_CHANNELS_FILE` / `NEWSRELAY_DRY_RUN` are read from `env`.
    Cached on the file's mtime so each task does not parse TOML again.
    """
    env = os.environ if env is None else env
    if settings is not None:
        path, dry_run = settings.channels_file, settings.dry_run
    else:
        raw = env.get(CHANNELS_FILE_ENV)
        path = Path(raw).expanduser() if raw else None
        dry_run = env.get("NEWSRELAY_DRY_RUN", "").strip().lower() in ("1", "true", "yes", "on")
    mtime = 0
    if path is not None:
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            raise ConfigError(f"NEWSRELAY_CHANNELS_FILE: {str(path)!r} does not exist") from None
    relevant = frozenset((k, v) for k, v in env.items()
                         if not k.startswith(("_", "PYTEST_")))
    return _cached(str(path) if path else None, mtime, dry_run, relevant)


def channels_by_name(channels: Sequence[Channel]) -> dict[str, Channel]:
    return {c.name: c for c in channels}
