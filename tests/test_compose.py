"""docker-compose.yml is valid Compose and every service runs a command that exists.

No Docker engine runs here, so the file is parsed and checked structurally: Redis 7 with AOF
and noeviction, scalable workers, one scheduler, Flower, and each `newsrelay ...` command and
option resolvable by the real CLI.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from workers.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def _remaining(ctx: click.Context) -> list[str]:
    """A group's unparsed arguments, subcommand first: Click 8.2+ deprecates `protected_args`
    (removed in 9.0, where `args` alone holds them all)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        protected = getattr(ctx, "protected_args", None)
    return [*(protected or []), *ctx.args]


def _resolve(argv: list[str]) -> click.Command:
    """Walk the click tree like the shell would, failing on an unknown command or option."""
    assert argv[0] == "newsrelay"
    ctx = main.make_context("newsrelay", argv[1:], resilient_parsing=False)
    cmd: click.Command = main
    args = argv[1:]
    while isinstance(cmd, click.Group) and args:
        name, sub, args = cmd.resolve_command(ctx, args)
        assert sub is not None, f"unknown command {name!r} in {argv}"
        cmd = sub
        ctx = cmd.make_context(name or "", list(args), parent=ctx)
        args = _remaining(ctx) if isinstance(cmd, click.Group) else []
    return cmd


def test_services(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"redis", "worker", "scheduler", "flower"} <= set(services)
    redis_cmd = " ".join(services["redis"]["command"])
    assert "--appendonly yes" in redis_cmd
    assert "--maxmemory-policy noeviction" in redis_cmd
    assert services["redis"]["image"].startswith("redis:7")
    # the worker must be scalable: no fixed container_name or host port
    assert "container_name" not in services["worker"]
    assert "ports" not in services["worker"]
    assert services["scheduler"].get("deploy", {}).get("replicas", 1) == 1


def test_every_service_command_exists_in_the_package(compose: dict[str, Any]) -> None:
    checked = 0
    for name, service in compose["services"].items():
        command = service.get("command")
        if name == "redis":
            continue
        assert isinstance(command, list) and command[0] == "newsrelay", name
        _resolve(command)
        checked += 1
    assert checked == 4


def test_resolver_rejects_unknown_commands() -> None:
    with pytest.raises((AssertionError, click.UsageError)):
        _resolve(["newsrelay", "no-such-command"])


def test_environment_points_at_the_redis_service(compose: dict[str, Any]) -> None:
    for name in ("worker", "scheduler", "flower", "ops"):
        env = compose["services"][name]["environment"]
        assert env["NEWSRELAY_REDIS_URL"].startswith("redis://redis:6379")
