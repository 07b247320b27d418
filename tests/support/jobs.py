"""Module-level jobs for tests of the time-limited child process (jobs are pickled by name)."""

from __future__ import annotations

import os
import sys
import time

from workers.errors import FeedParseError


def echo(value: object) -> object:
    return value


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def boom() -> None:
    raise ValueError("bad things")


def feed_error() -> None:
    raise FeedParseError("x.test: not a feed: an HTML page")


def die() -> None:
    os._exit(3)


def unpicklable() -> object:
    return lambda: None


def pid_and_threads() -> tuple[int, int, int]:
    """The child's pid, its parent's pid and its thread count."""
    import threading

    return os.getpid(), os.getppid(), threading.active_count()


def import_from(path: str, name: str) -> bool:
    """Import module `name` from directory `path` in the child."""
    import importlib

    sys.path.insert(0, path)
    importlib.import_module(name)
    return True
