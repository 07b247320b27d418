#!/usr/bin/env python3
"""Real pages mutated at random, run through `extract_article`: crashes and hangs counted.

The issue asks that broken pages never crash or hang the extractor: a page gets its article,
or a clear permanent error (`NotHTMLError`, `ExtractionError`), and nothing else. The hand-
written cases of the tests cover the breakage we thought of; this script looks for the rest.
Each run takes one page (the development corpus, plus any ``--pages`` folder of HTML files),
applies 1 to ``--mutations`` random edits, all drawn from the run's seed:

* cut the page short, delete a stretch of it, or repeat a stretch up to 20 times;
* insert random bytes;
* insert markup that parsers treat specially (``</html>``, ``<html/>``, ``<plaintext>``, an
  unknown marked section ``<![endif-typo``, 300 open ``<div>``), references to control
  characters and non-characters (``&#11;``, ``&#xFFFE;``), charsets that lie
  (``<meta charset=utf-16>``), broken JSON-LD and broken metadata values;
* break tags by the dozen (``<`` made ``<x``, ``</``, ``<!`` or ``<?``);

and calls `extract_article` with a random URL and content type. A `NewsrelayError` is the
expected answer to garbage; any other exception is a crash, listed with its seed, and a run
over ``--slow`` seconds is listed as slow (each run is also stopped by an alarm after
``--timeout`` seconds, which a loop in C would not answer: the next line would then be the
last the script prints).

    NEWSRELAY_SHARED=../shared python3 bench/extraction_fuzz.py [--count 2000] [--seed 0]
        [--mutations 8] [--pages DIR ...]
    python3 bench/extraction_fuzz.py --repro SEED [same options]   # one run, its traceback

Two crashes were found this way and fixed (session 20): a reference to a control character
(libxml2 writes the character into the tree, and lxml then refused every text holding it),
and a marked section Python 3.11's ``html.parser`` rejects (in the flattening of pages nested
too deep).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import signal
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSRELAY_SHARED", ROOT.parent / "shared"))

#: the markup put in at random places
INSERTS = (
    b"<p>", b"</p>", b"<div>", b"</div>", b"<table>", b"<td>", b"</tr>", b"<script>",
    b"</script>", b"<!--", b"-->", b"<![CDATA[", b"<html/>", b"</html>", b"<body>",
    b"</body>", b"<head>", b"<meta charset=utf-16>", b"<meta charset='shift_jis'>",
    b"<svg>", b"<math>", b"<template>", b"<noscript>", b"<style>", b"<br>", b"<li>",
    b"<ul>", b"<h1>", b"</h1>", b"<article>", b"</article>", b"<time datetime='9999-99-99'>",
    b"\x00", b"\xff\xfe", b"&#0;", b"&#11;", b"&#x1b;", b"&#xFFFE;", b"&#xD800;",
    b"&#99999999;", b"<a href='javascript:x'>", b"<img src=''>", b"<base href='::'>",
    b"<link rel=canonical href='http://[::1'>",
    b'<script type="application/ld+json">{"@type":"NewsArticle","datePublished":'
    b'"2020-13-45T99:99","author":{"name":[1,2]}}</script>',
    b"<meta property='og:image' content='http://[bad'>",
    b"<meta property='article:published_time' content='0000-00-00'>",
    b"<select>", b"<option>", b"<frameset>", b"<plaintext>", b"<xmp>", b"<textarea>",
    b"<form>", b"\r", b"\x0c", b"<![endif-typo ", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"<?xml version='1.0' encoding='ebcdic'?>", b"<div>" * 300,
)  # fmt: skip
URLS = (None, "https://example.com/a/b.html", "http://x/", "https://ex.com/%zz")
CONTENT_TYPES = (None, "text/html; charset=utf-8", "text/html; charset=bogus", "text/plain")


def mutate(rng: random.Random, data: bytes, most: int) -> bytes:
    """`data` with 1 to `most` random edits (see the module docstring)."""
    for _ in range(rng.randint(1, most)):
        size = len(data)
        at = rng.randrange(size) if size else 0
        kind = rng.randrange(7)
        if kind == 0:
            data = data[:at]
        elif kind == 1:
            data = data[:at] + data[min(size, at + rng.randint(1, 5000)) :]
        elif kind == 2:
            data = data[:at] + rng.choice(INSERTS) * rng.choice((1, 1, 3, 300)) + data[at:]
        elif kind == 3:
            noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
            data = data[:at] + noise + data[at:]
        elif kind == 4:
            end = min(size, at + rng.randint(1, 3000))
            data = data[:end] + data[at:end] * rng.randint(1, 20) + data[end:]
        elif kind == 5:
            broken = b"<" + rng.choice((b"x", b"/", b"!", b"?"))
            data = data.replace(b"<", broken, rng.randint(1, 50))
        else:
            data = data[:at] + rng.choice(INSERTS) + data[at:]
    return data


@dataclass
class Run:
    seed: int
    page: str
    seconds: float
    outcome: str  # "article", an error's class name, or "crash"
    detail: str = ""


@dataclass
class Report:
    runs: list[Run] = field(default_factory=list)

    @property
    def crashes(self) -> list[Run]:
        return [run for run in self.runs if run.outcome == "crash"]

    def slow(self, seconds: float) -> list[Run]:
        return [run for run in self.runs if run.seconds > seconds]


class _Timeout(Exception):
    """Raised by the alarm in a run that takes too long (never by the extractor)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def one_run(
    seed: int,
    pages: Sequence[tuple[str, bytes]],
    most: int,
    extract: Callable[..., Any],
    timeout: int = 0,
) -> Run:
    """Run `seed`: pick a page, mutate it, extract it; the outcome and its time."""
    from workers.errors import NewsrelayError

    rng = random.Random(seed)
    name, data = rng.choice(pages)
    data = mutate(rng, data, most)
    url = rng.choice(URLS)
    content_type = rng.choice(CONTENT_TYPES)
    headers = {"content-type": content_type} if content_type else None
    start = time.perf_counter()
    if timeout:
        signal.alarm(timeout)
    try:
        extract(data, url=url, headers=headers)
        outcome, detail = "article", ""
    except NewsrelayError as error:
        outcome, detail = type(error).__name__, ""
    except _Timeout:
        outcome, detail = "crash", f"no answer after {timeout} s"
    except Exception as error:  # the finding: anything but our own errors
        where = traceback.extract_tb(error.__traceback__)[-1]
        outcome = "crash"
        detail = f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})"
    finally:
        if timeout:
            signal.alarm(0)
    return Run(seed, name, time.perf_counter() - start, outcome, detail)


def fuzz(
    seeds: range,
    pages: Sequence[tuple[str, bytes]],
    most: int,
    extract: Callable[..., Any],
    timeout: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Report:
    report = Report()
    for done, seed in enumerate(seeds, 1):
        report.runs.append(one_run(seed, pages, most, extract, timeout))
        if progress is not None:
            progress(done)
    return report


def load_pages(folders: Sequence[Path]) -> list[tuple[str, bytes]]:
    """The development corpus's pages, then every .html/.htm file under `folders`."""
    pages = []
    corpus = SHARED / "corpus" / "extraction" / "html"
    for path in sorted(corpus.glob("*.html.gz")):
        pages.append((path.name, gzip.decompress(path.read_bytes())))
    for folder in folders:
        for path in sorted(folder.rglob("*.htm*")):
            if path.is_file():
                pages.append((str(path.relative_to(folder)), path.read_bytes()))
    return [(name, data) for name, data in pages if len(data) > 200]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000, help="runs (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="the first run's seed")
    parser.add_argument("--mutations", type=int, default=8, help="most edits a run makes")
    parser.add_argument("--pages", type=Path, action="append", default=[],
                        help="a folder of more HTML pages to mutate (repeatable)")  # fmt: skip
    parser.add_argument("--slow", type=float, default=3.0, help="seconds that count as slow")
    parser.add_argument("--timeout", type=int, default=30, help="seconds before a run stops")
    parser.add_argument("--repro", type=int, help="run this seed alone and show its traceback")
    args = parser.parse_args(argv)

    from workers.pipeline.extract import extract_article

    pages = load_pages(args.pages)
    if not pages:
        parser.error(f"no pages: {SHARED / 'corpus' / 'extraction' / 'html'} is empty")
    signal.signal(signal.SIGALRM, _alarm)
    if args.repro is not None:
        run = one_run(args.repro, pages, args.mutations, _raising(extract_article))
        print(f"seed {run.seed}: {run.page}, {run.seconds:.2f} s, {run.outcome}")
        return 0
    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 500 == 0:
            print(f"  {done}/{args.count} runs, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)  # fmt: skip

    seeds = range(args.seed, args.seed + args.count)
    report = fuzz(seeds, pages, args.mutations, extract_article, args.timeout, progress)
    outcomes = Counter(run.outcome for run in report.runs)
    times = sorted(run.seconds * 1000 for run in report.runs)
    print(f"{len(pages)} pages, {args.count} runs (seeds {seeds.start}-{seeds.stop - 1}), "
          f"1-{args.mutations} edits a run")  # fmt: skip
    for outcome, n in outcomes.most_common():
        print(f"  {outcome:24s} {n:6d}")
    print(f"  ms a run: median {statistics.median(times):.1f}, "
          f"p99 {times[int(len(times) * 0.99) - 1]:.1f}, max {times[-1]:.1f}")  # fmt: skip
    for run in report.crashes:
        print(f"  CRASH seed {run.seed} ({run.page}): {run.detail}")
    for run in report.slow(args.slow):
        print(f"  SLOW seed {run.seed} ({run.page}): {run.seconds:.1f} s")
    return 1 if report.crashes else 0


def _raising(extract: Callable[..., Any]) -> Callable[..., Any]:
    """`extract`, printing the whole traceback of a crash before it is counted."""

    def run(*args: Any, **kwargs: Any) -> Any:
        from workers.errors import NewsrelayError

        try:
            return extract(*args, **kwargs)
        except NewsrelayError:
            raise
        except Exception:
            traceback.print_exc()
            raise

    return run


if __name__ == "__main__":
    raise SystemExit(main())
