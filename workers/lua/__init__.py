"""Lua scripts run inside Redis: each is one atomic check-and-write (see each file's header)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def source(name: str) -> str:
    """The text of `name`.lua, shipped as package data."""
    return (files(__package__) / f"{name}.lua").read_text(encoding="utf-8")
