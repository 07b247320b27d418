"""`newsrelay ops ...`: see and steer the running system.

Every subcommand also runs without the `newsrelay` wrapper (`python -m ops status --json`, or
`python -m ops.status`), for people who prefer scripts and for minimal ops containers.

The subcommands are imported only when one is used (`LazyGroup`): `newsrelay` loads this
group on every invocation, and the ops modules pull in Celery, kombu and prometheus-client,
which would slow every other command (and `--help`) by a quarter of a second.
"""

from __future__ import annotations

import importlib

import click

#: subcommand name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "status": "ops.status:status_cmd",
    "top": "ops.top:top_cmd",
    "feeds": "ops.feeds:feeds_cmd",
    "failures": "ops.failures:failures",
    "trigger": "ops.triggers:trigger",
    "queues": "ops.queues:queues",
    "workers": "ops.workerctl:workers",
    "serve": "ops.metrics:serve",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):  # pragma: no cover - wiring error
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def ops() -> None:
    """See and steer the running system (status, queues, failures, triggers, metrics).

    \b
    newsrelay ops status [--json]        is it working? what is stuck?
    newsrelay ops top                    the same, live
    newsrelay ops feeds [--failing]      feed health
    newsrelay ops failures               what failed and why; retry / discard
    newsrelay ops trigger poll FEED      run work now, through the normal queues
    newsrelay ops queues [purge NAME]    queue lengths, purge
    newsrelay ops workers [shutdown|pool-grow|pool-shrink]
    newsrelay ops serve                  Prometheus /metrics and /healthz

    Connects to NEWSRELAY_REDIS_URL (and NEWSRELAY_BROKER_URL when set), else to the
    embedded Redis of a running `newsrelay up` in the data directory.
    """
