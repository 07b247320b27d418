"""Schedules: the beat schedule (dispatcher tick, maintenance) and the declarative feed list.

`feeds.toml` beside this file is the default feed list of `newsrelay up`; point
`NEWSRELAY_FEEDS_FILE` at your own.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

#: how often the dispatcher looks for due feeds; a feed is polled at most this late
DISPATCH_EVERY_SECONDS = 15.0

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "dispatch-due-feeds": {
        "task": "newsrelay.dispatch",
        "schedule": DISPATCH_EVERY_SECONDS,
        "options": {"expires": DISPATCH_EVERY_SECONDS * 2},
    },
    "deliver-sweep": {
        "task": "newsrelay.deliver_sweep",
        "schedule": 60.0,
        "options": {"expires": 50.0},
    },
    "maintenance": {
        "task": "newsrelay.maintenance",
        "schedule": 3600.0,
        "options": {"expires": 1800.0},
    },
}


def default_feeds_file() -> Path:
    """The packaged `schedules/feeds.toml`."""
    return Path(str(files(__package__) / "feeds.toml"))
