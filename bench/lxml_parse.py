"""Time lxml's parse and tree walk alone over the extraction corpus.

Why: when extraction runs slow on a machine, this tells a slow host from a slow lxml
release (run it under each lxml in its own venv). Run:
``NEWSRELAY_SHARED=../shared python3 bench/lxml_parse.py``.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import lxml
import lxml.html

ROUNDS = 3


def main() -> None:
    """Print the mean parse-and-walk time per corpus page."""
    shared = Path(
        os.environ.get("NEWSRELAY_SHARED", Path(__file__).resolve().parents[2] / "shared")
    )
    files = sorted(p for p in (shared / "corpus" / "extraction").rglob("*") if ".htm" in p.name)
    pages = [
        gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in files
    ]
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for page in pages:
            sum(1 for _ in lxml.html.fromstring(page).iter())
    per_page = (time.perf_counter() - start) / ROUNDS / len(pages) * 1000
    print(f"lxml {lxml.__version__}: {len(pages)} pages, {per_page:.2f} ms/page parse+walk")


if __name__ == "__main__":
    main()
