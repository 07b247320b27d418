#!/usr/bin/env python3
"""How fast the share formatters are: payloads per second for each platform and for all five.

Articles are built from the extraction corpus' ground-truth texts
(shared/corpus/extraction/ground-truth.json: real article bodies and URLs). Each text yields
several articles (title = its first sentence, a longer title, tags, with and without an
image, and one with markup characters) so the formatters meet the cases they meet in
production: long titles to cut, hashtags to clean, captions to fit, HTML to escape.

Every payload is timed one at a time with perf_counter on one core; the table gives payloads
per second, median, 95th percentile and maximum milliseconds per payload, and how many
articles raised PayloadError.

    python3 bench/share.py [--articles N] [--repeat R] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workers.errors import PayloadError  # noqa: E402
from workers.formatters import FormatSettings, format_payloads  # noqa: E402
from workers.formatters.text import first_sentence  # noqa: E402
from workers.models import PLATFORMS, Article  # noqa: E402

TAG_SETS = [
    ["News", "World > Europe", "climate change"],
    ["Technology", "AI", "COVID-19", "2024", "Uncategorized"],
    ["business, markets; economy", "Wall Street"],
    [],
]


def shared_dir() -> Path:
    env = os.environ.get("NEWSRELAY_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def build_articles(count: int) -> list[Article]:
    """`count` articles from the ground-truth texts, cycling through variants."""
    path = shared_dir() / "corpus" / "extraction" / "ground-truth.json"
    truth: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    items = [(key, value) for key, value in sorted(truth.items()) if value.get("articleBody")]
    if not items:
        raise SystemExit(f"no article texts in {path}")
    articles: list[Article] = []
    variant = 0
    while len(articles) < count:
        for key, value in items:
            if len(articles) >= count:
                break
            body: str = value["articleBody"]
            url: str = value.get("url") or f"https://example.com/{key[:12]}"
            title = first_sentence(body.strip().split("\n")[0])[:160]
            if variant % 4 == 1:
                title = " ".join([title] * 3)  # a long title that must be cut
            elif variant % 4 == 3:
                title = f"{title} (update) & <more> #1 [live]"
            articles.append(
                Article(
                    id=f"{key[:16]}-{variant}",
                    url=url,
                    title=title,
                    text=body,
                    description=None if variant % 2 else body[:300],
                    image="https://example.com/lead.jpg" if variant % 2 == 0 else None,
                    site_name=None,
                    tags=TAG_SETS[variant % len(TAG_SETS)],
                )
            )
        variant += 1
    return articles


def _stats(samples: list[float], failures: int) -> dict[str, float | int]:
    total = sum(samples)
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0
    return {
        "payloads": len(samples),
        "seconds": round(total, 4),
        "payloads_per_s": round(len(samples) / total, 1) if total else 0.0,
        "median_ms": round(statistics.median(samples) * 1000, 3) if samples else 0.0,
        "p95_ms": round(p95 * 1000, 3),
        "max_ms": round(max(samples) * 1000, 3) if samples else 0.0,
        "errors": failures,
    }


def run(articles: list[Article], repeat: int) -> dict[str, dict[str, float | int]]:
    settings = FormatSettings()
    results: dict[str, dict[str, float | int]] = {}
    format_payloads(articles[0], settings=settings)  # warm caches (templates, emoji regex)
    for platform in (*PLATFORMS, "all"):
        platforms = list(PLATFORMS) if platform == "all" else [platform]
        samples: list[float] = []
        failures = 0
        for _ in range(repeat):
            for article in articles:
                start = time.perf_counter()
                try:
                    format_payloads(article, platforms=platforms, settings=settings)
                except PayloadError:
                    failures += 1
                    continue
                elapsed = time.perf_counter() - start
                # "all" makes five payloads per call
                per = len(platforms)
                samples.extend([elapsed / per] * per)
        results[platform] = _stats(samples, failures)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles to format (300)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the articles (1)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    articles = build_articles(max(1, args.articles))
    results = run(articles, max(1, args.repeat))
    if args.json:
        print(json.dumps({"articles": len(articles), "repeat": args.repeat,
                          "platforms": results}, indent=2))
        return 0
    print(f"share payload formatting: {len(articles)} articles x {args.repeat} pass(es), "
          "one core")
    header = f"{'platform':<10} {'payloads':>8} {'payloads/s':>11} {'median ms':>10} " \
             f"{'p95 ms':>8} {'max ms':>8} {'errors':>6}"
    print(header)
    print("-" * len(header))
    for platform, row in results.items():
        print(f"{platform:<10} {row['payloads']:>8} {row['payloads_per_s']:>11} "
              f"{row['median_ms']:>10} {row['p95_ms']:>8} {row['max_ms']:>8} {row['errors']:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
