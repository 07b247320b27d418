#!/usr/bin/env python3
"""Count the instructions one pass of `extract_article` over the corpus costs (callgrind).

Why: on the development machines the milliseconds of `bench/extraction.py` move by a third
from one run to the next (the same code measured 10.5 to 15.7 ms median in one session), so
two versions of the code are compared by the instructions they execute, which the machine's
load and speed do not change. Each measurement is two runs under ``valgrind
--tool=callgrind``: one that imports the package and reads the 91 pages, one that also
extracts them; the difference is the extraction's cost.

    python3 bench/extraction_instructions.py [--repo PATH] [--pages N]

``--repo`` measures another checkout (for example a ``git worktree`` of an older commit) with
this script; the default is the checkout the script sits in. Needs valgrind
(``apt-get install valgrind``); the two runs take a few minutes together and run in
parallel. The corpus is found as `bench/extraction.py` finds it (``$NEWSRELAY_SHARED``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

_SUMMARY = re.compile(r"^(?:summary|totals):\s*(\d+)", re.MULTILINE)


def instructions(callgrind_output: str) -> int:
    """The instruction count of a callgrind output file (its ``summary:`` line)."""
    match = _SUMMARY.search(callgrind_output)
    if match is None:
        raise ValueError("no summary: line in the callgrind output")
    return int(match.group(1))


def child(repo: Path, mode: str, pages: int | None) -> None:
    """The measured program: import, read the pages, and with mode 'run' extract them."""
    sys.path.insert(0, str(repo))
    sys.path.insert(1, str(HERE))
    import trafilatura  # noqa: F401 - its import is part of the baseline, not the cost
    from extraction import load_corpus

    from workers.errors import NewsrelayError
    from workers.pipeline.extract import extract_article

    if not str(Path(sys.modules["workers"].__file__ or "").resolve()).startswith(str(repo)):
        raise SystemExit(f"workers was imported from {sys.modules['workers'].__file__}, not {repo}")
    corpus = load_corpus()[:pages]
    if mode == "run":
        for page in corpus:
            try:
                extract_article(page.html, url=page.url)
            except NewsrelayError:
                continue  # a page with no text still counts the work spent on it


def measure(repo: Path, pages: int | None) -> tuple[int, int]:
    """(instructions of the baseline run, of the run with extraction)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for mode in ("import", "run"):
            out = Path(tmp) / f"callgrind.{mode}"
            command = [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,  # the interpreter itself: valgrind does not follow a shim's exec
                str(Path(__file__).resolve()),
                "--child",
                mode,
                "--repo",
                str(repo),
            ]
            if pages is not None:
                command += ["--pages", str(pages)]
            runs[mode] = (
                out,
                subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
                ),
            )
        counts = {}
        for mode, (out, process) in runs.items():
            _, err = process.communicate()
            if process.returncode != 0 or not out.exists():
                raise SystemExit(f"the {mode} run failed:\n{err[-2000:]}")
            counts[mode] = instructions(out.read_text(encoding="utf-8", errors="replace"))
    return counts["import"], counts["run"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="checkout to measure")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages")
    parser.add_argument("--child", choices=("import", "run"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    if args.child:
        child(repo, args.child, args.pages)
        return 0
    base, total = measure(repo, args.pages)
    print(f"checkout: {repo}")
    print(f"import and read: {base / 1e9:.2f} billion instructions")
    print(f"with extraction: {total / 1e9:.2f} billion")
    print(f"extraction:      {(total - base) / 1e9:.2f} billion")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same hash order in both runs
    sys.exit(main())
