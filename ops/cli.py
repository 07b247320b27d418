"""`newsrelay ops ...`: see and steer the running system."""

from __future__ import annotations

import click


@click.group()
def ops() -> None:
    """See and steer the running system (status, queues, failures, triggers, metrics)."""
