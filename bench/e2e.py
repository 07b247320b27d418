"""End-to-end throughput: articles per second through `once` vs extraction alone.

Serves N article pages (bodies from ../shared/corpus/extraction/html/, each page copied with a
unique lead paragraph so every copy is its own article) and RSS feeds listing them from a local
HTTP server on 127.0.0.1, then:

1. runs the whole pipeline (poll -> fetch -> extract -> dedup -> format -> queue -> deliver) on
   real Celery worker processes (prefork, `--workers` x `--concurrency`) over an embedded Redis,
   timing from the first poll sent to the run being idle (worker start-up excluded);
2. runs the same page bodies through `extract_article` alone in this one process.

Usage: python3 bench/e2e.py [--pages 273] [--concurrency 2] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workers.config import load_settings  # noqa: E402
from workers.demo import DemoSite  # noqa: E402
from workers.models import FeedSpec  # noqa: E402
from workers.pipeline.extract import extract_article  # noqa: E402
from workers.runner import System  # noqa: E402

WORDS = ("harbour council river market school winter budget library railway festival "
         "museum bridge election hospital farmers weather theatre airport").split()


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSRELAY_SHARED", ROOT.parent / "shared"))


def build_site(root: Path, pages: int, per_feed: int) -> list[str]:
    """Write `pages` article pages and feeds of `per_feed` items; return the feed paths."""
    corpus = sorted((shared_dir() / "corpus" / "extraction" / "html").glob("*.html.gz"))
    if not corpus:
        raise SystemExit(f"no corpus under {shared_dir()}")
    rng = random.Random(7)
    (root / "a").mkdir(parents=True)
    items = []
    for i in range(pages):
        src = corpus[i % len(corpus)]
        html = gzip.decompress(src.read_bytes()).decode("utf-8", errors="replace")
        lead = " ".join(rng.choice(WORDS) for _ in range(40))
        marker = f"<p>Edition {i}: {lead}.</p>"
        body_at = html.lower().find("<body")
        body_end = html.find(">", body_at) + 1 if body_at >= 0 else 0
        html = html[:body_end] + marker + html[body_end:]
        (root / "a" / f"{i}.html").write_text(html, encoding="utf-8")
        items.append((f"Story {i}", f"a/{i}.html"))
    feeds = []
    for f in range(0, pages, per_feed):
        chunk = items[f:f + per_feed]
        xml = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>",
               f"<title>Bench feed {f}</title><link>{{{{BASE}}}}/</link>"]
        for title, path in chunk:
            xml.append(f"<item><title>{escape(title)}</title><link>{{{{BASE}}}}/{path}</link>"
                       f"<guid>{path}</guid></item>")
        xml.append("</channel></rss>")
        name = f"feed{f}.xml"
        (root / name).write_text("".join(xml), encoding="utf-8")
        feeds.append(name)
    return feeds


def run_pipeline(site_root: Path, feeds: list[str], concurrency: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="nr-bench-") as data, \
            DemoSite(root=site_root, feeds=tuple(feeds)) as site:
        settings = load_settings(env={k: v for k, v in os.environ.items()
                                      if k == "NEWSRELAY_REDIS_URL"},
                                 data_dir=Path(data), allow_loopback=True,
                                 key_prefix=f"nrbench{os.getpid()}", log_level="WARNING")
        with System(settings, workers=workers, concurrency=concurrency,
                    worker_log_level="ERROR") as system:
            # warm-up: let the workers boot (excluded from the timing)
            time.sleep(3)
            started = time.perf_counter()
            report = system.run_once([FeedSpec(url=u) for u in site.feed_urls], timeout=1800)
            elapsed = time.perf_counter() - started
    n = len(report["articles"])
    return {
        "articles": n,
        "originals": sum(1 for a in report["articles"] if a["duplicate_of"] is None),
        "payloads": sum(len(v) for v in report["payloads"].values()),
        "errors": len(report["errors"]),
        "seconds": round(elapsed, 2),
        "articles_per_second": round(n / elapsed, 2),
    }


def run_extraction_only(site_root: Path, pages: int) -> dict:
    bodies = [(site_root / "a" / f"{i}.html").read_bytes() for i in range(pages)]
    times = []
    started = time.perf_counter()
    for i, body in enumerate(bodies):
        t = time.perf_counter()
        try:
            extract_article(body, url=f"http://127.0.0.1/a/{i}.html")
        except Exception:
            pass
        times.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - started
    return {
        "pages": pages,
        "seconds": round(elapsed, 2),
        "pages_per_second": round(pages / elapsed, 2),
        "median_ms": round(statistics.median(times) * 1000, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=273, help="article pages (>= 200)")
    ap.add_argument("--per-feed", type=int, default=30, help="items per feed")
    ap.add_argument("--concurrency", type=int, default=2, help="pool size per worker")
    ap.add_argument("--workers", type=int, default=1, help="worker processes")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nr-site-") as tmp:
        root = Path(tmp)
        feeds = build_site(root, args.pages, args.per_feed)
        alone = run_extraction_only(root, args.pages)
        pipe = run_pipeline(root, feeds, args.concurrency, args.workers)
    result = {
        "command": "python3 bench/e2e.py " + " ".join(sys.argv[1:]),
        "pipeline": pipe,
        "extraction_only": alone,
        "ratio_pipeline_to_extraction": round(
            pipe["articles_per_second"] / alone["pages_per_second"], 3),
        "worker_processes": args.workers * args.concurrency,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"pages: {args.pages} in {len(feeds)} feeds; pipeline on "
          f"{args.workers}x{args.concurrency} worker processes")
    print(f"{'':28}{'items':>8}{'seconds':>10}{'per second':>12}")
    print(f"{'whole pipeline (once)':28}{pipe['articles']:>8}{pipe['seconds']:>10}"
          f"{pipe['articles_per_second']:>12}")
    print(f"{'extract_article alone':28}{alone['pages']:>8}{alone['seconds']:>10}"
          f"{alone['pages_per_second']:>12}")
    print(f"ratio pipeline/extraction: {result['ratio_pipeline_to_extraction']}  "
          f"(originals {pipe['originals']}, payloads {pipe['payloads']}, "
          f"errors {pipe['errors']})")


if __name__ == "__main__":
    main()
