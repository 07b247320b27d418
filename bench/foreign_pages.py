"""The extraction stage on every file of other projects' test folders: crashes and time.

The issue asks that bad input get a clear error and that broken HTML never crash or hang
the stage. This script feeds `extract_article` every file below the folders it is given
(web pages, feeds, plain text and mail in many charsets, from the source packages that
`bench/extraction_elsewhere.py`, `bench/metadata.py` and `bench/charsets.py` use) and
counts the files extracted, the typed errors (`NewsrelayError`: not a page, no article
text) and anything else raised, which is a bug, with the median and the slowest times.

    python3 bench/foreign_pages.py /tmp/sd/chardet-5.2.0/tests /tmp/sd/htmldate-1.4.0/tests/cache \\
        /tmp/sd/trafilatura-1.0.0/tests/cache /tmp/sd/newspaper4k-0.9.6/tests/data/html \\
        /tmp/sd/rn/package/test/test-pages

Exit status 1 when anything but a typed error was raised.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run


def main(argv: Sequence[str] | None = None) -> int:
    from workers.errors import NewsrelayError
    from workers.pipeline.extract import extract_article

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--slowest", type=int, default=5, help="how many slowest files to list")
    args = parser.parse_args(argv)
    files = sorted(p for folder in args.folders for p in folder.rglob("*") if p.is_file())
    if not files:
        parser.error("no files below the folders given")
    extracted, typed = 0, 0
    crashes: list[tuple[Path, str]] = []
    times: list[tuple[float, Path]] = []
    for path in files:
        data = path.read_bytes()
        start = time.perf_counter()
        try:
            extract_article(data, url="https://example.com/page")
            extracted += 1
        except NewsrelayError:
            typed += 1
        except Exception as exc:  # the point of the script: anything else is a bug
            crashes.append((path, f"{type(exc).__name__}: {exc}"[:200]))
        times.append(((time.perf_counter() - start) * 1000, path))
    times.sort()
    print(f"{len(files)} files: {extracted} extracted, {typed} typed errors, "
          f"{len(crashes)} other exceptions")
    print(f"median {statistics.median(t for t, _ in times):.1f} ms, slowest:")
    for ms, path in times[-args.slowest :]:
        print(f"  {ms:7.0f} ms  {path}")
    for path, error in crashes:
        print(f"  EXCEPTION {path}: {error}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
