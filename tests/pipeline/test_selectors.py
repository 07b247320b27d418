"""selectors: the Python walks give exactly the elements of the XPath each stands in for."""

from __future__ import annotations

import contextlib
import copy
import gzip
import json
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import xpaths
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor

from workers.pipeline import extract as extract_module
from workers.pipeline import selectors
from workers.pipeline.charset import decode_html
from workers.pipeline.extract import extract_article, extract_body, parse_html
from workers.pipeline.selectors import SELECTORS, Selector, fast_selectors, install

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NAMES = [f"{name}[{index}]" for name, index, _digest, _walk in SELECTORS]


def _installed() -> list[Selector]:
    install()
    found = []
    for name, index, _digest, _walk in SELECTORS:
        expression = getattr(xpaths, name)[index]
        if isinstance(expression, Selector):
            found.append(expression)
    return found


def _same(tree: etree._Element, where: str) -> None:
    """Every installed walk returns the XPath's elements, in the XPath's order."""
    for selector in _installed():
        expected = selector.xpath(tree)
        got = selector.walk(tree)
        assert got == expected, (
            f"{selector.name} on {where}: XPath {[e.tag for e in expected]}, "
            f"walk {[e.tag for e in got]}"
        )


def _trees(html: bytes) -> Iterator[tuple[str, etree._Element]]:
    """The trees trafilatura runs these expressions on: the raw page, its body, the page as
    newsrelay prepares it, and trafilatura's cleaned and converted tree (list, item, head ...)."""
    text, _encoding = decode_html(html, None)
    tree = parse_html(text)
    assert tree is not None
    yield "the raw page", tree
    for body in tree.iterdescendants("body"):
        yield "the body", body
    prepared = copy.deepcopy(tree)
    extract_body(prepared)  # modifies the tree as newsrelay does before trafilatura
    yield "the prepared page", prepared
    options = Extractor(output_format="txt")
    yield "the converted page", convert_tags(tree_cleaning(copy.deepcopy(tree), options), options)


# --- the pinned expressions are the installed trafilatura's ----------------------------------


def test_every_pinned_expression_whose_text_matches_is_installed() -> None:
    names = install()
    for name, index, digest, _walk in SELECTORS:
        expression = getattr(xpaths, name)[index]
        matches = selectors.source_digest(expression.path) == digest
        assert (f"{name}[{index}]" in names) == matches
        assert isinstance(expression, Selector) == matches


def test_the_trafilatura_these_were_written_for_gets_all_of_them() -> None:
    # each walk was written from trafilatura 2.3.1's xpaths.py; on that version none may be
    # left out (a version with other rules keeps its XPath, which the test above checks)
    if trafilatura.__version__ == "2.3.1":
        assert install() == NAMES


def test_an_expression_with_other_text_keeps_its_xpath() -> None:
    changed = etree.XPath(".//*[self::div][contains(@class, 'something-else')]")
    pinned = etree.XPath(xpaths.TEASER_DISCARD_XPATH[0].path)
    module = types.SimpleNamespace(OVERALL_DISCARD_XPATH=[changed], TEASER_DISCARD_XPATH=[pinned])
    names = install(module)  # type: ignore[arg-type]
    assert names == ["TEASER_DISCARD_XPATH[0]"]
    assert module.OVERALL_DISCARD_XPATH[0] is changed
    assert isinstance(module.TEASER_DISCARD_XPATH[0], Selector)
    assert install(module) == names  # type: ignore[arg-type]  # idempotent


def test_no_pattern_matches_the_empty_string() -> None:
    # the walks skip an absent attribute, which XPath reads as "": right only because of this
    assert selectors.PATTERNS
    for pattern in selectors.PATTERNS:
        assert pattern.pattern.search("") is None, pattern.pattern.pattern


# --- who gets the walk ------------------------------------------------------------------------


def _page(body: str) -> HtmlElement:
    tree = parse_html(f"<html><body>{body}</body></html>")
    assert tree is not None
    return tree


def test_the_walk_answers_only_inside_fast_selectors() -> None:
    install()
    selector = xpaths.TEASER_DISCARD_XPATH[0]
    assert isinstance(selector, Selector)
    tree = _page('<div class="Teaser">a</div>')
    calls: list[etree._Element] = []
    original = selector.walk

    def spy(root: etree._Element) -> list[etree._Element]:
        calls.append(root)
        return original(root)

    selector.walk = spy
    try:
        outside = selector(tree)
        with fast_selectors():
            inside = selector(tree)
        after = selector(tree)
    finally:
        selector.walk = original
    assert calls == [tree]
    assert [e.get("class") for e in outside] == ["Teaser"]
    assert inside == outside == after


def test_xpath_variables_and_whole_documents_go_to_the_xpath() -> None:
    install()
    selector = xpaths.TEASER_DISCARD_XPATH[0]
    assert isinstance(selector, Selector)
    tree = _page('<div class="teaser">a</div>')
    with fast_selectors():
        # an ElementTree's context is the document node, which the walks do not model
        assert [e.tag for e in selector(tree.getroottree())] == ["div"]
    assert selector.path == selector.xpath.path
    assert str(selector) == str(selector.xpath)


def test_newsrelay_extraction_uses_the_walks(monkeypatch: pytest.MonkeyPatch) -> None:
    install()
    used: list[str] = []
    for selector in _installed():
        walk = selector.walk

        def spy(root: etree._Element, walk=walk, name=selector.name) -> list[etree._Element]:
            used.append(name)
            return walk(root)

        monkeypatch.setattr(selector, "walk", spy)
    page = (FIXTURES / "pages" / "putin-proposes-direct-peace-talks-istanbul.html").read_bytes()
    extract_article(page, url="https://news.example/putin")
    assert "OVERALL_DISCARD_XPATH[0]" in used
    assert "BODY_XPATH[0]" in used
    used.clear()
    trafilatura.extract(page)  # anyone else gets trafilatura's own XPath
    assert used == []


# --- XPath's own rules, case by case ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # @id|@class is the attribute the tag writes first
        ('<div class="plain" id="cookie-bar">x</div><div id="cookie-bar" class="plain">y</div>', 1),
        ('<div id="plain" class="cookie">x</div><div class="cookie" id="plain">y</div>', 1),
        ('<div class="cookie">x</div><div id="cookie">y</div>', 2),
        # translate() folds only the letters it names
        ('<div role="mainNav">x</div><div role="NAVIGATION">y</div><div role="Nav">z</div>', 2),
        ('<div class="" id="">x</div><span>no attributes</span>', 0),
        ('<p data-lp-replacement-content="">x</p><section data-component="MostPopularStories">', 2),
    ],
)
def test_overall_discard_cases(body: str, kept: int) -> None:
    tree = _page(body)
    _same(tree, body)
    assert len(xpaths.OVERALL_DISCARD_XPATH[0](tree)) == kept


@pytest.mark.parametrize(
    "body",
    [
        '<div id="a" style="color: red" class="x">x</div><div style="hidden" id="a">y</div>',
        '<div style="x" id="hidden">x</div><div id="reply-1" class="y">y</div>',
        '<div class="reply-1" id="y">x</div><p aria-hidden="true">y</p><p aria-hidden="TRUE">z</p>',
        '<div style="display: none">x</div><div class="comments-title">y</div>',
        '<div class="post hidden">x</div><div class="hidden">y</div>',
    ],
)
def test_hidden_discard_cases(body: str) -> None:
    _same(_page(body), body)


def test_teaser_and_main_content_fold_only_the_letters_translate_names() -> None:
    body = (
        '<div class="Teaser">a</div><div class="TEASER">b</div><div id="xteaserx">c</div>'
        '<div class="MAIN-CONTENT">d</div><div class="Main-Content">e</div>'
        '<div class="Page-Content">f</div>'
    )
    tree = _page(body)
    _same(tree, body)
    assert [e.text for e in xpaths.TEASER_DISCARD_XPATH[0](tree)] == ["a", "c"]
    assert [e.text for e in xpaths.BODY_XPATH[3](tree)] == ["e"]


def test_the_first_container_under_each_parent() -> None:
    # .//*[...][1] keeps, under each parent, the first child that matches
    body = (
        '<div class="post">one</div><div class="entry">two</div>'
        '<section><div class="x"><div class="article-body">three</div></div>'
        '<div class="article-body">four</div><div class="article-body">five</div></section>'
    )
    tree = _page(body)
    _same(tree, body)
    assert [e.text for e in xpaths.BODY_XPATH[0](tree)] == ["one", "three", "four"]
    # (...)[1]: only the first of all
    story = _page('<div class="x"><div id="story">a</div></div><div class="story">b</div>')
    _same(story, "two story containers")
    assert [e.text for e in xpaths.BODY_XPATH[2](story)] == ["a"]


def test_comment_lists_and_infinite_scroll() -> None:
    body = (
        '<ul id="comments">a</ul><ul id="disqus_thread">b</ul><ol class="commentlist">c</ol>'
        '<div id="disqus_thread">d</div><div class="commentary">e</div>'
        '<div class="infinite-scroll"><h1>kept: it holds the headline</h1></div>'
        '<div class="infinitescroll">f</div><section class="mvp-post-add-box"><h1>g</h1></section>'
        '<aside class="elementor-share-buttons">h</aside>'
    )
    tree = _page(body)
    _same(tree, body)
    assert [e.text for e in xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH[0](tree)] == ["a", "c", "d"]
    assert [e.text for e in xpaths.RAW_TREE_PRUNE_XPATH[0](tree)] == ["f", None]


def test_the_context_element_itself_is_never_matched() -> None:
    tree = _page('<div class="teaser"><div class="teaser">inner</div></div>')
    outer = tree.find(".//div")
    assert outer is not None
    _same(outer, "a nested teaser")
    assert [e.text for e in xpaths.TEASER_DISCARD_XPATH[0](outer)] == ["inner"]


# --- real pages -------------------------------------------------------------------------------


def _fixture_pages() -> list[Path]:
    return sorted((FIXTURES / "pages").glob("*.html"))


@pytest.mark.parametrize("path", _fixture_pages(), ids=lambda p: p.name)
def test_walks_equal_xpaths_on_the_fixture_pages(path: Path) -> None:
    for where, tree in _trees(path.read_bytes()):
        _same(tree, f"{path.name}, {where}")


def test_walks_equal_xpaths_on_the_development_pages(shared: Path) -> None:
    corpus = shared / "corpus" / "extraction"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(truth) >= 90
    for page_id in sorted(truth):
        html = gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())
        for where, tree in _trees(html):
            _same(tree, f"development page {page_id}, {where}")


def test_the_extraction_is_the_same_with_trafilaturas_own_xpath(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = [*_fixture_pages(), *sorted((FIXTURES / "site").rglob("*.html"))]
    fast = [extract_article(p.read_bytes(), url="https://news.example/a") for p in pages]
    monkeypatch.setattr(extract_module, "fast_selectors", contextlib.nullcontext)
    slow = [extract_article(p.read_bytes(), url="https://news.example/a") for p in pages]
    assert fast == slow
