"""`newsrelay ops top`: the status view, refreshing in place (`python -m ops.top`).

Rates are the workers' own counts over the last minute (10-second buckets in Redis), so a
freshly started `top` shows real rates at once instead of warming up like an event listener.
Each refresh reads everything again and keeps nothing, so `top` can run for weeks.
"""

from __future__ import annotations

import time

import click
from rich.console import Group
from rich.live import Live
from rich.text import Text

from ops.collect import collect_status
from ops.connect import open_env
from ops.options import timeout_option
from ops.render import make_console, status_view


@click.command("top")
@click.option("--interval", type=click.FloatRange(min=0.2), default=2.0, show_default=True,
              help="Seconds between refreshes.")
@click.option("--once", is_flag=True, help="Print one frame and exit (snapshots, tests).")
@click.option("--iterations", type=click.IntRange(min=1), default=None,
              help="Stop after N refreshes [default: run until Ctrl-C].")
@timeout_option
def top_cmd(interval: float, once: bool, iterations: int | None, timeout: float) -> None:
    """Live view of workers, queues and task rates over the last minute (Ctrl-C quits)."""
    env = open_env(timeout=timeout)
    console = make_console()

    def frame() -> Group:
        status = collect_status(env)
        header = Text(f"newsrelay top: {time.strftime('%H:%M:%S')}, every {interval:g}s, "
                      "Ctrl-C to quit", style="bold")
        return Group(header, status_view(status))

    if once:
        console.print(frame())
        return
    count = 0
    try:
        with Live(frame(), console=console, refresh_per_second=4, screen=False) as live:
            count = 1
            while iterations is None or count < iterations:
                time.sleep(interval)
                live.update(frame())
                count += 1
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":  # pragma: no cover - script entry point
    top_cmd(prog_name="python -m ops.top")
