"""Time lxml's parse and tree walk alone over the extraction corpus.

Why: when extraction runs slow on a machine, this tells a slow host from a slow lxml
release (run it under each lxml in its own venv; ``extraction``'s corpus loader needs only
the standard library). Run: ``NEWSRELAY_SHARED=../shared python3 bench/lxml_parse.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import lxml
import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import load_corpus

ROUNDS = 3


def main() -> None:
    """Print the mean parse-and-walk time per corpus page."""
    pages = [page.html for page in load_corpus()]
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for page in pages:
            sum(1 for _ in lxml.html.fromstring(page).iter())
    per_page = (time.perf_counter() - start) / ROUNDS / len(pages) * 1000
    print(f"lxml {lxml.__version__}: {len(pages)} pages, {per_page:.2f} ms/page parse+walk")


if __name__ == "__main__":
    main()
