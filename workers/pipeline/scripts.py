"""Registered Lua scripts per Redis client (EVALSHA with automatic reload on NOSCRIPT)."""

from __future__ import annotations

import weakref
from typing import Any

import redis
from redis.commands.core import Script

from workers.lua import source

_scripts: weakref.WeakKeyDictionary[redis.Redis, dict[str, Script]] = (
    weakref.WeakKeyDictionary()
)


def script(client: redis.Redis, name: str) -> Script:
    per_client = _scripts.setdefault(client, {})
    if name not in per_client:
        per_client[name] = client.register_script(source(name))
    return per_client[name]


def run(client: redis.Redis, name: str, keys: list[str], args: list[Any]) -> Any:
    return script(client, name)(keys=keys, args=args)
