"""`newsrelay feeds ...`: manage the feed list."""

from __future__ import annotations

import click


@click.group()
def feeds() -> None:
    """Manage feeds: add, list, remove, pause, resume, import/export OPML, check one now."""
