"""Words of a page that a browser reads and a parser drops, with broken markup put in.

newsrelay parses pages with lxml (libxml2), which repairs broken markup its own way; where
it reads less than a browser shows, the story loses text before any extraction rule runs.
This script puts one piece of broken markup at a random tag boundary in the body of each
development page (one kind at a time, the same places for every parser) and counts, for
each kind, the words that a parser of the WHATWG algorithm that browsers follow (html5lib)
reads and the parser under test does not: newsrelay's `parse_html`, and trafilatura's
`load_html` beside it, in the same run. Text of scripts, styles, comments and titles is
left out on both sides.

The kinds are a stray ``</html>`` or ``</body></html>`` (a template part that closes the
document mid-page), a self-closing root ``<html/>``, 300 elements left open (``<font>``,
``<span>``, ``<div>``), and the start tags and end tags that HTML parsers treat specially
(``<frameset>``, ``<table>``, ``<svg>``, ``<xmp>``, ``<form>``, ``<select>`` ...).

html5lib is not a dependency of newsrelay; install it first::

    python3 -m pip install html5lib
    NEWSRELAY_SHARED=../shared python3 bench/broken_markup.py [--pages 40]

``--deep`` only times newsrelay's parse of three pages nested past libxml2's limit, which it
reads again flattened (no html5lib needed).

An unclosed ``<select>`` shows nothing after it in a browser either (its text sits inside
the select box); html5lib keeps that text in the tree, so a loss there is not a loss on
screen.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSRELAY_SHARED", ROOT.parent / "shared"))
_WORD = re.compile(r"\w+")
_NO_TEXT = frozenset({"script", "style", "noscript", "template", "title"})
_HTML_START = re.compile(r"<html\b[^>]*>", re.IGNORECASE)

#: what is put in at the random place (the root's repair is applied to the root instead)
INSERTS = (
    "</html>", "</body></html>", "<font>" * 300, "<span>" * 300, "<div>" * 300, "<frameset>",
    "<table>", "<p><table>", "<svg>", "<math>", "<xmp>", "<noembed>", "<noframes>",
    "<iframe>", "<textarea>", "<form><form>", "</form>", "<select>", "<button>",
    "<a href=x>", "<object>", "<template>", "<caption>", "<tr>", "<td>", "<head>",
    "<body>", "<html>", "</div></div></div>", "<!DOCTYPE html>", "<![if !IE]>", "<p/>",
)  # fmt: skip
SELF_CLOSED_ROOT = "<html .../>"


def _words(root: object) -> Counter[str]:
    """The words of a tree's text, without scripts, styles, comments and titles."""
    kept: list[str] = []
    for element in root.iter():  # type: ignore[attr-defined]
        tag = element.tag
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None
        if name is not None and name not in _NO_TEXT and element.text:
            kept.append(element.text)
        if element.tail:
            kept.append(element.tail)
    return Counter(_WORD.findall(" ".join(kept)))


def _browser(text: str) -> Counter[str]:
    import html5lib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _words(html5lib.parse(text, treebuilder="etree"))


def _newsrelay(text: str) -> Counter[str]:
    from workers.pipeline.extract import parse_html

    tree = parse_html(text)
    return Counter() if tree is None else _words(tree)


def _trafilatura(text: str) -> Counter[str]:
    from trafilatura.utils import load_html

    tree = load_html(text)
    return Counter() if tree is None else _words(tree)


PARSERS: dict[str, Callable[[str], Counter[str]]] = {
    "newsrelay parse_html": _newsrelay,
    "trafilatura load_html": _trafilatura,
}


def broken(text: str, insert: str, rng: random.Random) -> str:
    """`text` with `insert` at a random tag boundary of its body (or its root closed by
    itself, for `SELF_CLOSED_ROOT`)."""
    if insert == SELF_CLOSED_ROOT:
        root = _HTML_START.search(text)
        if root is None:
            return text
        return f"{text[: root.start()]}{root.group()[:-1].rstrip()} />{text[root.end() :]}"
    body = text.find("<body")
    start = text.find(">", body) + 1 if body >= 0 else 0
    at = text.find("<", rng.randrange(start, len(text)))
    return text if at < 0 else text[:at] + insert + text[at:]


#: pages nested past libxml2's limit of 256, which `parse_html` reads again flattened
DEEP_PAGES = (
    ("100,000 nested <div>", "<div>" * 100_000 + "<p>The deep end.</p>" + "</div>" * 100_000),
    ("800,000 open <span> (4.8 MB)", "<span>" * 800_000 + "<p>The deep end.</p>"),
    ("300 paragraphs, each opening a <font>", "<font color=red><p>A paragraph.</p>" * 300),
)


def _time_deep_pages() -> int:
    """Seconds `parse_html` takes on `DEEP_PAGES` (best of three), and whether the text after
    the deep part is read."""
    import time

    from workers.pipeline.extract import parse_html

    print(f"{'page':40s} {'seconds':>8s}  last words read")
    for name, body in DEEP_PAGES:
        page = f"<html><body><p>First.</p>{body}<p>The last words.</p></body></html>"
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            tree = parse_html(page)
            best = min(best, time.perf_counter() - start)
        read = tree is not None and tree.text_content().endswith("The last words.")
        print(f"{name:40s} {best:8.2f}  {read}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=40, help="development pages to use")
    parser.add_argument("--seed", type=int, default=7, help="seed of the random places")
    parser.add_argument(
        "--deep",
        action="store_true",
        help="only time newsrelay's parse of pages nested past libxml2's limit",
    )
    args = parser.parse_args(argv)
    if args.deep:
        return _time_deep_pages()
    try:
        import html5lib  # noqa: F401
    except ImportError:
        parser.error("html5lib is needed: python3 -m pip install html5lib")
    from workers.pipeline.charset import decode_html

    corpus = SHARED / "corpus" / "extraction"
    ids = sorted(json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8")))
    texts = [
        decode_html(gzip.decompress((corpus / "html" / f"{page}.html.gz").read_bytes()))[0]
        for page in ids[: args.pages]
    ]
    print(f"{len(texts)} development pages, {corpus}")
    print("share of the words a browser's parser reads that each parser drops")
    print(f"{'broken markup':24s}" + "".join(f"{name:>24s}" for name in PARSERS))
    rng = random.Random(args.seed)
    for insert in (SELF_CLOSED_ROOT, *INSERTS):
        pages = [broken(text, insert, rng) for text in texts]
        browser = [_browser(page) for page in pages]
        total = sum(sum(words.values()) for words in browser)
        shares = []
        for read in PARSERS.values():
            pairs = zip(browser, pages, strict=True)
            lost = sum(sum((seen - read(page)).values()) for seen, page in pairs)
            shares.append(lost / max(total, 1))
        label = insert if len(insert) <= 22 else f"{insert[:8]} x{insert.count('<')}"
        print(f"{label:24s}" + "".join(f"{share:24.4f}" for share in shares), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
