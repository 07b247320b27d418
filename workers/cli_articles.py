"""`newsrelay articles ...`: stored articles and their duplicates."""

from __future__ import annotations

import click


@click.group()
def articles() -> None:
    """Stored articles: list, show, search (with the duplicates of each)."""
