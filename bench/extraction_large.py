"""Seconds newsrelay's extraction takes on large and badly nested pages, beside trafilatura's.

A page is capped at 5 MiB before it is parsed, and a task has a time limit; inside those, a
rule that looks at each paragraph's siblings or searches the whole kept text once per block
grows with the square of the page, and a page of 20,000 paragraphs then takes half a minute.
This script builds such pages (no corpus needed) and times `extract_article` on each, the
best of `--repeat` runs, with trafilatura's own `extract` on the same bytes in the same run
as the reference:

- paragraphs written as ``<div>`` elements, side by side (a long archive page, a forum
  thread's posts);
- the same number of ``<p>`` elements;
- ``<div>`` paragraphs each left open, so that each nests in the one before, each holding
  forty ``<span>`` elements (a template's missing ``</div>``, repeated);
- one list of as many items;
- half as many sections, each a ``<h2>`` and a ``<p>`` (a heading that precision mode drops
  was searched for in the whole kept text, once per heading).

Usage::

    python3 bench/extraction_large.py [--scale 1.0] [--repeat 3]

``--scale`` multiplies the sizes (20,000 paragraphs, 300 open divs, 20,000 items at 1.0).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

#: a paragraph's words: a sentence long, different on each line
_LINE = "Line {n} of the story, written in a block of its own with enough words to be read."


def pages(scale: float = 1.0) -> list[tuple[str, bytes]]:
    """(name, html) of the large pages at `scale`."""
    wide = max(1, round(20_000 * scale))
    deep = max(1, round(300 * scale))
    spans = "".join(f"<span>word{i} of the line</span> " for i in range(40))

    def page(body: str) -> bytes:
        head = "<html><head><title>A large page</title></head><body>"
        return f"{head}{body}</body></html>".encode()

    return [
        (f"{wide:,} <div> paragraphs", page("".join(
            f"<div>{_LINE.format(n=n)}</div>" for n in range(wide)))),
        (f"{wide:,} <p> paragraphs", page("".join(
            f"<p>{_LINE.format(n=n)}</p>" for n in range(wide)))),
        (f"{deep:,} <div> left open, 40 <span> each", page("".join(
            f"<div>{spans}{_LINE.format(n=n)}" for n in range(deep)) + "</div>" * deep)),
        (f"{wide:,} list items", page("<ul>" + "".join(
            f"<li>{_LINE.format(n=n)}</li>" for n in range(wide)) + "</ul>")),
        (f"{wide // 2:,} sections, <h2> and <p>", page("".join(
            f"<h2>Section {n} of the page</h2><p>{_LINE.format(n=n)}</p>"
            for n in range(wide // 2)))),
    ]  # fmt: skip


def _newsrelay(html: bytes) -> str:
    from workers.errors import NewsrelayError
    from workers.pipeline.extract import extract_article

    try:
        return extract_article(html, url="https://large.example/page").text
    except NewsrelayError:
        return ""


def _trafilatura(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html, url="https://large.example/page") or ""


def best_of(run: Callable[[bytes], str], html: bytes, repeat: int) -> tuple[float, int]:
    """The fastest of `repeat` runs in seconds, and the words of the text it returned."""
    best = float("inf")
    text = ""
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        text = run(html)
        best = min(best, time.perf_counter() - start)
    return best, len(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the page sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page, the fastest counts")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
    print(f"{'page':40s} {'MB':>5s} {'newsrelay s':>12s} {'words':>7s} "
          f"{'trafilatura s':>14s} {'words':>7s}")  # fmt: skip
    for name, html in pages(args.scale):
        ours, our_words = best_of(_newsrelay, html, args.repeat)
        theirs, their_words = best_of(_trafilatura, html, args.repeat)
        print(f"{name:40s} {len(html) / 1e6:5.2f} {ours:12.2f} {our_words:7d} "
              f"{theirs:14.2f} {their_words:7d}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
