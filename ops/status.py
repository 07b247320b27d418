"""`newsrelay ops status`: is it working, what is stuck, what failed (`python -m ops.status`).

One call gathers workers (ping + inspect + heartbeats), every queue with its unacknowledged
messages, per-task outcomes over the last minute and hour, the dispatcher's last tick, feed
health counts, payload streams and Redis memory/persistence; `problems` lists what needs a
human. `--json` prints the same object for scripts and alerting.
"""

from __future__ import annotations

import sys

import click

from ops.collect import collect_status
from ops.connect import open_env
from ops.options import json_option, timeout_option
from ops.render import echo_json, make_console, status_view


@click.command("status")
@json_option
@timeout_option
@click.option("--queue", "extra_queues", multiple=True, metavar="NAME",
              help="Also report this queue (custom -Q queues); repeatable.")
@click.option("--strict", is_flag=True,
              help="Exit with status 1 when problems were found (for cron and probes).")
def status_cmd(json_out: bool, timeout: float, extra_queues: tuple[str, ...],
               strict: bool) -> None:
    """Workers, queues (with unacked), task rates, dispatcher, feeds, payloads and Redis."""
    env = open_env(timeout=timeout)
    status = collect_status(env, extra_queues=extra_queues)
    if json_out:
        echo_json(status)
    else:
        make_console().print(status_view(status))
    if strict and status["problems"]:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover - script entry point
    status_cmd(prog_name="python -m ops.status")
