"""`newsrelay ops queues`: queue lengths (with unacked) and `purge` behind a confirmation.

Purging goes through kombu (`queue_purge`), so it works on Redis (the queue and its priority
lists) and on RabbitMQ alike. It removes ready messages only: messages a worker already holds
(unacked) are not in the queue; they finish, or return to it when their worker dies.
"""

from __future__ import annotations

import click

from ops.collect import collect_payloads, collect_queues, collect_workers
from ops.connect import open_env
from ops.options import json_option, timeout_option
from ops.render import echo_json, make_console, payloads_table, queues_table


@click.group("queues", invoke_without_command=True)
@json_option
@timeout_option
@click.option("--queue", "extra_queues", multiple=True, metavar="NAME",
              help="Also report this queue; repeatable.")
@click.pass_context
def queues(ctx: click.Context, json_out: bool, timeout: float,
           extra_queues: tuple[str, ...]) -> None:
    """Every queue's ready and unacked messages and consumers, and the payload streams."""
    if ctx.invoked_subcommand is not None:
        return
    env = open_env(timeout=timeout)
    workers = collect_workers(env)
    data = collect_queues(env, workers["workers"], extra_queues)
    payloads = collect_payloads(env)
    if json_out:
        echo_json({**data, "payloads": payloads})
        return
    console = make_console()
    console.print(queues_table(data["queues"]))
    console.print(payloads_table(payloads))
    for err in data["errors"]:
        console.print(f"[red]{err}[/]")


@queues.command("purge")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True, help="Allow a queue name newsrelay does not use.")
@json_option
def purge(name: str, yes: bool, force: bool, json_out: bool) -> None:
    """Delete every ready message of queue NAME (asks first)."""
    env = open_env()
    if name not in env.known_queues and not force:
        raise click.BadParameter(f"{name!r} is not one of {', '.join(env.known_queues)} "
                                 "(--force for another queue)", param_hint="NAME")
    data = collect_queues(env, [], (name,))
    row = next((q for q in data["queues"] if q["name"] == name), None)
    ready = row["ready"] if row else 0
    if not yes:
        click.confirm(f"Purge queue {name!r} ({ready} ready messages) on "
                      f"{env.broker_kind} broker? This cannot be undone", abort=True)
    with env.app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        channel = conn.channel()
        try:
            purged = channel.queue_purge(name) or 0
        except conn.channel_errors as exc:
            raise click.ClickException(f"cannot purge {name!r}: {exc}") from None
        finally:
            try:
                channel.close()
            except Exception:
                pass
    if json_out:
        echo_json({"queue": name, "purged": int(purged)})
        return
    click.echo(f"purged {int(purged)} messages from queue {name}")


if __name__ == "__main__":  # pragma: no cover - script entry point
    queues(prog_name="python -m ops.queues")
