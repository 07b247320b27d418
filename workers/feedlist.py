"""Reading a feed list file: TOML (`[[feeds]]` tables) or plain text (one URL a line).

Why both: TOML carries per-feed options for the declarative list in `schedules/`; a plain list
is what people paste. OPML import/export lives with the feed management commands.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from workers.errors import ConfigError
from workers.models import FeedSpec


def _check_url(where: str, url: object) -> str:
    if not isinstance(url, str) or urlsplit(url.strip()).scheme not in ("http", "https"):
        raise ConfigError(f"{where}: feed url {url!r} is not an http(s) URL")
    return url.strip()


def load_feed_list(path: Path) -> list[FeedSpec]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"feed list {str(path)!r}: {exc.strerror or exc}") from None
    if path.suffix == ".toml" or "[[feeds]]" in text:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"feed list {str(path)!r} is not valid TOML: {exc}") from None
        specs = []
        for i, item in enumerate(data.get("feeds", [])):
            where = f"{path}: feeds[{i}]"
            if not isinstance(item, dict) or "url" not in item:
                raise ConfigError(f"{where}: each [[feeds]] entry needs a url")
            unknown = set(item) - {"url", "name", "interval", "user_agent", "paused", "tags"}
            if unknown:
                raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
            interval = item.get("interval")
            if interval is not None and (not isinstance(interval, int) or interval <= 0):
                raise ConfigError(f"{where}: interval must be a positive number of seconds")
            specs.append(
                FeedSpec(
                    url=_check_url(where, item["url"]),
                    name=item.get("name"),
                    interval=interval,
                    user_agent=item.get("user_agent"),
                    paused=bool(item.get("paused", False)),
                    tags=tuple(item.get("tags", ())),
                )
            )
        return specs
    specs = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            specs.append(FeedSpec(url=_check_url(f"{path}:{lineno}", line)))
    return specs
