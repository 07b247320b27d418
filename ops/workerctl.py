"""`newsrelay ops workers`: list workers; shutdown / pool-grow / pool-shrink via Celery control.

Control messages go over the broker (Redis or RabbitMQ) to each worker's mailbox and every
reply is shown, so an operator sees which workers obeyed and which refused (a threads or solo
pool cannot grow or shrink; the worker says so). Shutdown is a warm shutdown: running tasks
finish, prefetched ones go back to their queue (acks_late).
"""

from __future__ import annotations

from typing import Any

import click

from ops.collect import collect_workers
from ops.connect import open_env
from ops.options import json_option, timeout_option
from ops.render import active_table, echo_json, make_console, workers_table


def _targets(names: tuple[str, ...], everything: bool) -> list[str] | None:
    """Destination list for a control command (None: broadcast to all)."""
    if everything:
        return None
    if not names:
        raise click.UsageError("name at least one WORKER, or use --all")
    return list(names)


def _replies(raw: list[dict[str, Any]] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for reply in raw or []:
        out.update(reply)
    return out


def _print_replies(action: str, replies: dict[str, Any], json_out: bool) -> None:
    if json_out:
        echo_json({"action": action, "replies": replies})
        return
    if not replies:
        click.echo(f"{action}: no worker replied")
        return
    for name, reply in sorted(replies.items()):
        if isinstance(reply, dict) and "error" in reply:
            click.echo(f"{name}: {action} refused: {reply['error']}")
        else:
            ok = reply.get("ok") if isinstance(reply, dict) else reply
            click.echo(f"{name}: {ok}")


@click.group("workers", invoke_without_command=True)
@json_option
@timeout_option
@click.pass_context
def workers(ctx: click.Context, json_out: bool, timeout: float) -> None:
    """Workers online (ping + heartbeats) with pools and active tasks; control them."""
    if ctx.invoked_subcommand is not None:
        return
    env = open_env(timeout=timeout)
    data = collect_workers(env)
    if json_out:
        echo_json(data)
        return
    console = make_console()
    view = {"workers": data["workers"], "workers_online": data["online"]}
    console.print(workers_table(view))
    active = active_table(view)
    if active is not None:
        console.print(active)


@workers.command("shutdown")
@click.argument("names", nargs=-1, metavar="[WORKER]...")
@click.option("--all", "everything", is_flag=True, help="Every worker.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@timeout_option
@json_option
def shutdown(names: tuple[str, ...], everything: bool, yes: bool, timeout: float,
             json_out: bool) -> None:
    """Warm-shut-down WORKER(s): running tasks finish, prefetched ones are requeued.

    Celery's shutdown command sends no reply; follow it with `ops workers` to see the
    worker go offline.
    """
    env = open_env(timeout=timeout)
    dest = _targets(names, everything)
    if not yes:
        click.confirm(f"Shut down {'ALL workers' if dest is None else ', '.join(dest)}?",
                      abort=True)
    known = env.ping()
    unknown = [n for n in dest or () if n not in known]
    if unknown:
        raise click.ClickException(f"no online worker named {', '.join(unknown)} "
                                   f"(online: {', '.join(known) or 'none'})")
    targets = dest if dest is not None else known
    # Celery's shutdown command never replies (the worker raises WorkerShutdown at once)
    with env.control_connection() as conn:
        env.app.control.shutdown(destination=dest, connection=conn)
    if json_out:
        echo_json({"action": "shutdown", "sent_to": targets})
        return
    for name in targets:
        click.echo(f"{name}: shutdown sent (running tasks finish first)")


def _pool(action: str, n: int, names: tuple[str, ...], timeout: float, json_out: bool) -> None:
    env = open_env(timeout=timeout)
    # address the workers by name so the call returns as soon as each has replied
    dest = list(names) or env.ping()
    if not dest:
        raise click.ClickException("no worker answered ping")
    control = env.app.control
    method = control.pool_grow if action == "pool-grow" else control.pool_shrink
    with env.control_connection() as conn:
        replies = _replies(method(n=n, destination=dest, reply=True, timeout=timeout,
                                  limit=len(dest), connection=conn))
    _print_replies(action, replies, json_out)


@workers.command("pool-grow")
@click.argument("n", type=click.IntRange(min=1), default=1)
@click.option("--worker", "names", multiple=True, help="Only this worker; repeatable.")
@timeout_option
@json_option
def pool_grow(n: int, names: tuple[str, ...], timeout: float, json_out: bool) -> None:
    """Add N processes to the pools (prefork); all workers unless --worker."""
    _pool("pool-grow", n, names, timeout, json_out)


@workers.command("pool-shrink")
@click.argument("n", type=click.IntRange(min=1), default=1)
@click.option("--worker", "names", multiple=True, help="Only this worker; repeatable.")
@timeout_option
@json_option
def pool_shrink(n: int, names: tuple[str, ...], timeout: float, json_out: bool) -> None:
    """Remove N processes from the pools (prefork); all workers unless --worker."""
    _pool("pool-shrink", n, names, timeout, json_out)


if __name__ == "__main__":  # pragma: no cover - script entry point
    workers(prog_name="python -m ops.workerctl")
