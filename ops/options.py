"""Options every ops command shares, so `--json` and `--timeout` mean the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ops.connect import DEFAULT_TIMEOUT

F = TypeVar("F", bound=Callable[..., Any])


def json_option(fn: F) -> F:
    """`--json`: one JSON document on stdout, for machines (same data as the text view)."""
    return click.option("--json", "json_out", is_flag=True,
                        help="Print one JSON document instead of tables.")(fn)


def timeout_option(fn: F) -> F:
    """`--timeout`: how long to wait for worker replies (ping/inspect/control)."""
    return click.option("--timeout", type=click.FloatRange(min=0.05), default=DEFAULT_TIMEOUT,
                        show_default=True,
                        help="Seconds to wait for worker replies.")(fn)
