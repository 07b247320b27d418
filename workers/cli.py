"""`newsrelay`: the one command line for running, trying and watching the system.

Every subcommand loads settings the same way (env, optional TOML, flags) and turns a bad
setting or input into one line naming what was wrong and exit status 2, never a traceback.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from workers import __version__
from workers.config import Settings, configure_logging, load_settings
from workers.errors import ConfigError, NewsrelayError, SystemRunError
from workers.models import PLATFORMS, Article, ExtractedArticle

err_console = Console(stderr=True, soft_wrap=True)  # an error stays one line
out = Console()
log = logging.getLogger("newsrelay")


def fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    sys.exit(code)


class Ctx:
    def __init__(self, config: Path | None, overrides: dict[str, Any]) -> None:
        self.config = config
        self.overrides = overrides

    def settings(self, **more: Any) -> Settings:
        try:
            return load_settings(config_file=self.config, **{**self.overrides, **more})
        except ConfigError as exc:
            fail(str(exc))


pass_ctx = click.make_pass_decorator(Ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newsrelay")
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False),
              help="TOML settings file (default: $NEWSRELAY_CONFIG, else ./newsrelay.toml).")
@click.option("--data-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where the embedded Redis keeps its data [default: ./.newsrelay].")
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"],
              case_sensitive=False), help="Log level [default: INFO].")
@click.pass_context
def main(ctx: click.Context, config: Path | None, data_dir: Path | None,
         log_level: str | None) -> None:
    """newsrelay: poll news feeds, extract clean articles, deduplicate them across feeds and
    queue share payloads for WhatsApp, Facebook, X, LinkedIn and Telegram.

    \b
    Quick start:
      newsrelay demo                      # see the whole pipeline on a bundled local site
      newsrelay up                        # run it for real on schedules/feeds.toml
      newsrelay once --feeds feeds.toml   # poll once, wait, print a report

    Without NEWSRELAY_REDIS_URL an embedded Redis (AOF on) is started under --data-dir.
    """
    overrides: dict[str, Any] = {"data_dir": data_dir, "log_level": log_level}
    ctx.obj = Ctx(config, {k: v for k, v in overrides.items() if v is not None})
    level = log_level or os.environ.get("NEWSRELAY_LOG_LEVEL", "WARNING")
    configure_logging(level if level.upper() in ("DEBUG", "INFO", "WARNING", "ERROR") else "INFO")


# --- running ---------------------------------------------------------------------------------


def _load_feeds(path: Path) -> list[Any]:
    from workers.feedlist import load_feed_list

    try:
        feeds = load_feed_list(path)
    except ConfigError as exc:
        fail(str(exc))
    if not feeds:
        fail(f"feed list {str(path)!r} lists no feeds")
    return feeds


@main.command()
@click.option("--feeds", "feeds_file", type=click.Path(path_type=Path, dir_okay=False,
              exists=True), help="Feed list [default: $NEWSRELAY_FEEDS_FILE, else "
              "the packaged schedules/feeds.toml].")
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
@click.option("--concurrency", type=int, help="Pool size per worker [default: 2].")
@pass_ctx
def up(ctx: Ctx, feeds_file: Path | None, workers: int, concurrency: int | None) -> None:
    """Run the system: Redis (embedded unless configured), workers and the scheduler.

    Feeds from the feed list are registered and polled on schedule; Ctrl-C stops everything
    cleanly and queued work stays in Redis for the next start.
    """
    from schedules import default_feeds_file
    from workers.keys import Keys
    from workers.pipeline.feedstore import FeedStore
    from workers.redis_client import get_redis
    from workers.runner import System

    settings = ctx.settings(log_level=ctx.overrides.get("log_level", "INFO"))
    path = feeds_file or settings.feeds_file or default_feeds_file()
    feeds = _load_feeds(path)

    def _stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    # a shell starts a background job with SIGINT ignored, and Python then leaves it so:
    # Ctrl-C (or `kill -INT`) must stop `up` however it was started
    signal.signal(signal.SIGINT, _stop)
    system = System(settings, workers=workers, concurrency=concurrency, beat=True)
    try:
        with system:
            store = FeedStore(get_redis(system.settings), Keys(settings.key_prefix))
            for spec in feeds:
                store.upsert(spec)
            err_console.print(
                f"[green]newsrelay up[/]: {len(feeds)} feeds from {path}; Redis "
                f"{system.settings.redis_url}; {workers} worker(s). Ctrl-C to stop.",
                highlight=False,
            )
            system.wait()
    except KeyboardInterrupt:
        err_console.print("stopping: scheduler, workers, then Redis ...")
    except NewsrelayError as exc:
        fail(str(exc), 1)
    err_console.print("stopped; queued work is kept in Redis.")


def _run_once(settings: Settings, feeds: list[Any], *, timeout: float, json_out: bool,
              concurrency: int | None) -> dict[str, Any]:
    from workers.runner import System

    try:
        with System(settings, concurrency=concurrency, worker_log_level="WARNING",
                    quiet=True) as system:
            if sys.stderr.isatty() and not json_out:
                with err_console.status("running the pipeline ...") as status:
                    def progress(pending: int, elapsed: float) -> None:
                        status.update(f"running the pipeline: {pending} tasks in flight, "
                                      f"{elapsed:.0f}s")
                    return system.run_once(feeds, timeout=timeout, progress=progress)
            return system.run_once(feeds, timeout=timeout)
    except ConfigError as exc:
        fail(str(exc), 1)
    except SystemRunError as exc:
        fail(str(exc), 1)


def _print_report(report: dict[str, Any], *, full_text: bool) -> None:
    feeds = Table(title="Feeds", show_lines=False)
    for col in ("status", "new", "feed", "error"):
        feeds.add_column(col)
    colors = {"ok": "green", "not_modified": "cyan", "error": "red"}
    for f in report["feeds"]:
        feeds.add_row(Text(f["status"], style=colors.get(f["status"], "white")),
                      str(f["new_items"]), Text(f["url"]), Text(f["error"] or ""))
    out.print(feeds)
    for a in report["articles"]:
        dup = f"  [yellow](duplicate of {a['duplicate_of']})[/]" if a["duplicate_of"] else ""
        text = a["text"] if full_text else (a["text"][:400] + ("…" if len(a["text"]) > 400 else ""))
        out.print(Panel(Text(text), title=f"[bold]{escape(a['title'] or '(untitled)')}[/]{dup}",
                        subtitle=escape(a["url"]), subtitle_align="left", border_style="green"))
        for platform, items in report["payloads"].items():
            for p in items:
                if p["article_id"] == a["id"]:
                    out.print(Panel(Text(p["text"]), title=f"[bold magenta]{platform}[/]",
                                    subtitle=escape(p["share_url"][:100]), subtitle_align="left",
                                    padding=(0, 1, 0, 4)))
    n = sum(len(v) for v in report["payloads"].values())
    out.print(f"{len(report['feeds'])} feeds, {len(report['articles'])} articles, "
              f"{n} payloads queued", highlight=False)


@main.command()
@click.option("--feeds", "feeds_file", required=True,
              type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Feed list: TOML ([[feeds]] url=...) or one URL per line.")
@click.option("--json", "json_out", is_flag=True, help="Print the report as one JSON object.")
@click.option("--timeout", default=600.0, show_default=True, help="Give up after SECONDS.")
@click.option("--concurrency", type=int, help="Worker pool size [default: 2].")
@click.option("--allow-loopback", is_flag=True, default=None,
              help="Allow feeds and pages on 127.0.0.0/8 (local testing only).")
@pass_ctx
def once(ctx: Ctx, feeds_file: Path, json_out: bool, timeout: float, concurrency: int | None,
         allow_loopback: bool | None) -> None:
    """Poll every feed in FILE once through the whole pipeline, wait, and print a report.

    Exit status 0 when the run completed (even if some feeds failed), 1 when the system could
    not run, 2 on bad input or configuration.
    """
    settings = ctx.settings(allow_loopback=allow_loopback)
    feeds = _load_feeds(feeds_file)
    report = _run_once(settings, feeds, timeout=timeout, json_out=json_out,
                       concurrency=concurrency)
    if json_out:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(report, full_text=False)


@main.command()
@click.option("--json", "json_out", is_flag=True, help="Print the report as one JSON object.")
@click.option("--timeout", default=300.0, show_default=True, help="Give up after SECONDS.")
@pass_ctx
def demo(ctx: Ctx, json_out: bool, timeout: float) -> None:
    """Run the whole pipeline over a bundled news site served on 127.0.0.1 (no network).

    Shows each cleaned article and one payload per platform. Uses a fresh temporary data
    directory and an embedded Redis unless NEWSRELAY_REDIS_URL is set.
    """
    from workers.demo import DemoSite
    from workers.models import FeedSpec

    with tempfile.TemporaryDirectory(prefix="newsrelay-demo-") as tmp, DemoSite() as site:
        settings = ctx.settings(allow_loopback=True, data_dir=Path(tmp),
                                key_prefix=f"nrdemo{os.getpid()}")
        feeds = [FeedSpec(url=u, name=u.rsplit("/", 1)[-1]) for u in site.feed_urls]
        if not json_out:
            err_console.print(f"demo site on {site.base_url}", highlight=False)
        report = _run_once(settings, feeds, timeout=timeout, json_out=json_out, concurrency=2)
    if json_out:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    _print_report(report, full_text=True)


# --- single stages ---------------------------------------------------------------------------


@main.command()
@click.argument("source")
@click.option("--url", "original_url", help="The page's original URL (for a local file).")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
@click.option("--allow-loopback", is_flag=True, default=None,
              help="Allow fetching from 127.0.0.0/8.")
@pass_ctx
def extract(ctx: Ctx, source: str, original_url: str | None, json_out: bool,
            allow_loopback: bool | None) -> None:
    """Extract the clean article from SOURCE: a local .html/.html.gz file or an http(s) URL."""
    from workers.pipeline.extract import extract_article

    settings = ctx.settings(allow_loopback=allow_loopback)
    headers: dict[str, str] | None = None
    url: str | None
    try:
        if source.startswith(("http://", "https://")):
            from workers.pipeline.http import fetch
            from workers.tasks import HTML_ACCEPT, http_settings

            page = fetch(source, settings=http_settings(settings), accept=HTML_ACCEPT)
            body, url, headers = page.body, original_url or page.final_url, page.headers
        else:
            path = Path(source)
            if not path.is_file():
                fail(f"{source!r} is neither a file nor an http(s) URL")
            raw = path.read_bytes()
            body = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
            url = original_url
        article = extract_article(body, url=url, headers=headers)
    except NewsrelayError as exc:
        fail(str(exc), 1)
    if json_out:
        click.echo(json.dumps(article.to_json_dict(), ensure_ascii=False, indent=2))
        return
    meta = " · ".join(x for x in (article.site_name, ", ".join(article.authors),
                                  article.published) if x)
    # the page's words are shown as they are: "[/i]" in a story is text, not rich markup
    subtitle = "  ".join(x for x in (article.url, meta) if x)
    out.print(Panel(Text(article.text), title=f"[bold]{escape(article.title or '(untitled)')}[/]",
                    subtitle=escape(subtitle) if subtitle else None, subtitle_align="left"))


def article_from_json(data: dict[str, Any]) -> Article:
    """An Article from `extract --json` output (or a stored article's JSON)."""
    from workers.pipeline.canonical import canonical_url
    from workers.pipeline.store import article_id_for

    if "id" in data and "url" in data:
        return Article.from_dict(data)
    ex = ExtractedArticle.from_dict(data)
    if not ex.url:
        raise ConfigError("article JSON has no 'url'")
    url = canonical_url(ex.url)
    fields = {**dataclasses.asdict(ex), "id": article_id_for(url), "url": url}
    return Article.from_dict(fields)


@main.command(name="format")
@click.argument("article_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--platform", default="all", show_default=True,
              type=click.Choice([*PLATFORMS, "all"]), help="One platform, or all.")
@click.option("--json", "json_out", is_flag=True,
              help="One object per platform: text, request, share_url.")
@pass_ctx
def format_cmd(ctx: Ctx, article_file: Path, platform: str, json_out: bool) -> None:
    """Print the share payloads for an article given as `newsrelay extract --json` output."""
    from workers.formatters import format_payloads

    try:
        data = json.loads(article_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"{article_file}: not a JSON article: {exc}")
    if not isinstance(data, dict):
        fail(f"{article_file}: expected a JSON object")
    try:
        article = article_from_json(data)
        platforms = PLATFORMS if platform == "all" else (platform,)
        payloads = format_payloads(article, platforms=platforms)
    except NewsrelayError as exc:
        fail(f"{article_file}: {exc}")
    if json_out:
        obj = {name: {"text": p.text, "request": p.request, "share_url": p.share_url,
                      **({"followups": p.followups} if p.followups else {})}
               for name, p in payloads.items()}
        click.echo(json.dumps(obj, ensure_ascii=False, indent=2))
        return
    for name, p in payloads.items():
        out.print(Panel(Text(p.text), title=f"[bold magenta]{name}[/]",
                        subtitle=escape(p.share_url) if p.share_url else None,
                        subtitle_align="left"))


# --- process entry points (docker-compose, systemd) -----------------------------------------


def _exec_celery(ctx: Ctx, args: list[str]) -> NoReturn:
    """Replace this process with `celery -A workers.celery_app:app ARGS` (same env)."""
    settings = ctx.settings()
    if not settings.redis_url and not settings.broker_url:
        fail("NEWSRELAY_REDIS_URL: must be set for `worker`/`scheduler`/`flower` "
             "(use `newsrelay up` for an embedded Redis)")
    argv = [sys.executable, "-m", "celery", "-A", "workers.celery_app:app", *args]
    os.execv(sys.executable, argv)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--queues", "-Q", default=",".join(
    ("dispatch", "poll", "fetch", "extract", "dedup", "format", "deliver")), show_default=True,
    help="Comma-separated queues to consume (scale stages separately).")
@click.option("--concurrency", "-c", type=int, help="Pool size [default: CPU count].")
@click.pass_context
def worker(cctx: click.Context, queues: str, concurrency: int | None) -> None:
    """Run one Celery worker (what docker-compose scales). Extra args go to celery worker."""
    args = ["worker", "-Q", queues, "-E", "-l", os.environ.get("NEWSRELAY_LOG_LEVEL", "INFO")]
    if concurrency:
        args += ["-c", str(concurrency)]
    _exec_celery(cctx.obj, [*args, *cctx.args])


@main.command()
@click.option("--schedule-file", default=None,
              help="Beat's state file [default: DATA_DIR/beat-schedule].")
@click.option("--sync-feeds", is_flag=True,
              help="First register the feed list ($NEWSRELAY_FEEDS_FILE) in Redis.")
@pass_ctx
def scheduler(ctx: Ctx, schedule_file: str | None, sync_feeds: bool) -> None:
    """Run the scheduler (Celery beat driving the feed dispatcher).

    Running two is safe (the dispatcher claims due feeds atomically) but pointless.
    """
    settings = ctx.settings()
    if not settings.redis_url:
        fail("NEWSRELAY_REDIS_URL: must be set for `scheduler` (use `newsrelay up` for an "
             "embedded Redis)")
    if sync_feeds:
        from schedules import default_feeds_file
        from workers.keys import Keys
        from workers.pipeline.feedstore import FeedStore
        from workers.redis_client import get_redis

        feeds = _load_feeds(settings.feeds_file or default_feeds_file())
        store = FeedStore(get_redis(settings), Keys(settings.key_prefix))
        for spec in feeds:
            store.upsert(spec)
    path = schedule_file or str(Path(settings.data_dir) / "beat-schedule")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    _exec_celery(ctx, ["beat", "-s", path, "-l", settings.log_level])


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def flower(cctx: click.Context) -> None:
    """Run Flower against the configured broker (needs the `flower` extra)."""
    try:
        import flower as _flower  # noqa: F401
    except ImportError:
        fail("flower is not installed: pip install 'newsrelay[flower]'")
    _exec_celery(cctx.obj, ["flower", *cctx.args])


def _register_groups() -> None:
    """Command groups that live in their own modules (ops, feeds, articles)."""
    from ops.cli import ops
    from workers.cli_articles import articles
    from workers.cli_feeds import feeds

    for group in (ops, feeds, articles):
        main.add_command(group)


_register_groups()

if __name__ == "__main__":  # pragma: no cover
    main()
