"""Worst-case time of every regular expression in the package on long-word inputs.

Page text is written by whoever runs the site, so a pattern whose matching time grows faster
than its input (a quantified group whose item can end anywhere inside a word, such as
``(?:[A-Z]\\w*\\s*)+``) lets one paragraph hold a worker for minutes: session 8 found a
capitalised byline on a development page that took 18 s in `is_boilerplate`. This script
tries every compiled pattern of `workers` and `workers.pipeline`, and the line rules as
`is_boilerplate` calls them, on runs of one character shape (``xxxx``, ``XxXx``, ``A-A-``,
spaces, digits ...) after each word the pattern itself contains, followed by endings that
make a match fail, and prints every pattern whose worst case is over the limit.

    python3 bench/regex_backtracking.py [--size 200] [--limit-ms 20]

Each attempt is stopped after 0.3 s (it then counts as 9 s). Exit status 1 when a pattern is
over the limit. Run from a checkout; nothing is fetched.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import pkgutil
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: characters repeated to make one long "word" or a long run of short ones
SHAPES = (
    "x", "X", "Xx", "1", " ", "a ", "A ", "-", ".", "Aa.", "x,", "/", "é", "@x", "x/", "| ",
    "A-", "1:", "%", "\t",
)  # fmt: skip
#: what follows the run, chosen to make a pattern fail after it has consumed the run
ENDINGS = ("", "!", ")", " (x", "\n", "”", ":", " a b c d e f g!")
#: a stopped attempt counts as this many seconds
STOPPED = 9.0


class _Stopped(Exception):
    pass


def _stop(_signum: int, _frame: FrameType | None) -> None:
    raise _Stopped


def _timed(call: Callable[[], object], budget: float = 0.3) -> float:
    signal.setitimer(signal.ITIMER_REAL, budget)
    start = time.perf_counter()
    try:
        call()
        return time.perf_counter() - start
    except _Stopped:
        return STOPPED
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def package_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled text pattern bound to a module-level name, once each."""
    import workers
    import workers.pipeline

    seen: set[int] = set()
    for package in (workers, workers.pipeline):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if (
                    isinstance(value, re.Pattern)
                    and isinstance(value.pattern, str)
                    and id(value) not in seen
                ):
                    seen.add(id(value))
                    yield f"{module.__name__}.{name}", value


def inputs(words: Sequence[str], size: int) -> Iterator[str]:
    """Each opening word (or none), then a long run of one shape, then an ending."""
    openings = ["", *(f"{w} " for w in words), *(f"{w.capitalize()} " for w in words)]
    for opening, shape, ending in itertools.product(openings, SHAPES, ENDINGS):
        yield opening + shape * (size // len(shape)) + ending


def worst_case(call: Callable[[str], object], words: Sequence[str], size: int) -> tuple[float, str]:
    worst, example = 0.0, ""
    for text in inputs(words, size):
        seconds = _timed(lambda text=text: call(text))
        if seconds > worst:
            worst, example = seconds, text
    return worst, example


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=200, help="length of the long run")
    parser.add_argument("--limit-ms", type=float, default=20.0, help="report above this")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _stop)
    from workers.pipeline.boilerplate import is_boilerplate, is_related_heading, is_teaser

    checks: list[tuple[str, Callable[[str], object], list[str]]] = []
    all_words: set[str] = set()
    for name, pattern in package_patterns():
        words = sorted(set(re.findall(r"[a-zA-Zäöüéàç]{2,}", pattern.pattern)))[:60]
        all_words.update(words)

        def run(text: str, pattern: re.Pattern[str] = pattern) -> None:
            pattern.search(text)
            pattern.fullmatch(text)

        checks.append((name, run, words))
    line_words = sorted(all_words)[:400]
    checks += [
        ("boilerplate.is_boilerplate", is_boilerplate, line_words),
        ("boilerplate.is_teaser", is_teaser, line_words[:40]),
        ("boilerplate.is_related_heading", is_related_heading, line_words),
    ]
    start = time.perf_counter()
    over = 0
    print(f"{len(checks)} checks, runs of {args.size} characters, limit {args.limit_ms} ms")
    for name, call, words in checks:
        worst, example = worst_case(call, words, args.size)
        if worst * 1000 > args.limit_ms:
            over += 1
            print(f"{worst * 1000:9.1f} ms  {name}  on {example[:60]!r}...")
    print(f"{over} over the limit; {time.perf_counter() - start:.0f} s in all")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
