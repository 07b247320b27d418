"""Python equivalents of trafilatura's slowest XPath selectors, used during our own calls.

Why: trafilatura finds the story's container and prunes boilerplate with a dozen XPath
expressions over the whole tree, each a chain of ``re:test()`` calls. lxml implements EXSLT's
``re:test`` as a call back into Python for every candidate element and every clause, and
libxml2's XPath engine builds and sorts a node set for each step, so these selectors take
about a third of an extraction (0.72 s of 2.3 s over the 91 development pages, measured
with `bench/extraction.py`'s pages). The same conditions written as one walk over the
elements with compiled patterns (`memo.SearchMemo`: their answers remembered by class name;
the 25 memos hold at most about 6 MB) return the same elements in the same order in a
fraction of that time.

How it stays safe:

* each equivalent is tied to the exact source text of the expression it replaces (a
  SHA-256 of ``XPath.path``); `install` swaps an expression for a `Selector` only when the
  installed trafilatura's text is that one, so an upgraded trafilatura with changed rules
  keeps its own XPath for every rule that changed;
* a `Selector` answers with the Python walk only inside `fast_selectors()` (a context
  variable set by `workers.pipeline.extract` around its own trafilatura calls); anyone else
  in the process who calls trafilatura (the benchmark's reference rows) gets trafilatura's
  own XPath, unchanged;
* the tests compare each walk with its XPath element for element on real pages, raw and as
  trafilatura converts them, and on the attribute-order cases XPath defines.

The semantics copied from XPath 1.0 and lxml's EXSLT functions:

* ``.//*[...]`` is every element below the context element, in document order, never the
  context element itself; ``.//*[...][1]`` keeps, under each parent, the first child that
  matches, while ``(.//*[...])[1]`` keeps only the first match of all;
* an attribute that is absent reads as the empty string (``contains``, ``starts-with``,
  ``re:test``), and no pattern here matches the empty string (checked at import), so an
  absent attribute never matches;
* ``@id|@class`` as a string is the value of whichever of the two the element writes first
  (a node set's string value is that of its first node in document order, and attributes
  are in the order the tag writes them);
* ``re:test(s, p)`` is ``re.search(p, s)`` (flag ``'i'``: ``re.IGNORECASE``), as lxml runs it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Any

from lxml import etree
from lxml.etree import _Element

from workers.pipeline.memo import SearchMemo

__all__ = [
    "SELECTORS", "Selector", "caption_boxes", "fast_selectors", "hidden_discard", "install",
]  # fmt: skip

logger = logging.getLogger(__name__)

_fast: ContextVar[bool] = ContextVar("newsrelay_fast_selectors", default=False)


@contextmanager
def fast_selectors() -> Iterator[None]:
    """Within this block (this thread or task only), installed selectors walk in Python."""
    token = _fast.set(True)
    try:
        yield
    finally:
        _fast.reset(token)


def _first_of(
    element: _Element, first: str, a: str | None, second: str, b: str | None
) -> str | None:
    """The string value of ``@first|@second`` (`a` and `b`: their values, read already by
    the caller): whichever attribute the tag writes first."""
    if a is None:
        return b
    if b is None:
        return a
    for key in element.keys():  # the tag's own order
        if key == first:
            return a
        if key == second:
            return b
    return a  # pragma: no cover - both were found above


# -- the patterns, as trafilatura 2.3.1's xpaths.py writes them -----------------------------

_OVERALL_ID = SearchMemo(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    r"|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related"
    r"|message-container|premium|^ad-"
)
_OVERALL_CLASS = SearchMemo(
    r"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    r"|^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-"
    r"|(?:^| )ad-|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline"
    r"|Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated"
    r"|next-|-stories|most-popular|more-on|meta|rating|attachment|timestamp|user-info"
    r"|user-profile|-icon|article-infos|message-container|slide|viewport|overlay|options"
    r"|expand|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline"
)
_COOKIE = SearchMemo("cookie")
_HIDDEN = SearchMemo("hidden")
#: ``contains(translate(@x, 'N', 'n'), 'nav')`` and its kind: only the letters named are
#: folded to lower case, so each is a class of two in the pattern and the rest stay as written
_NAV = SearchMemo("[Nn]av")
_TEASER = SearchMemo("[Tt]easer")
_MAIN_CONTENT = SearchMemo("[Mm]ain-[Cc]ontent")
_PAGE_CONTENT = SearchMemo("[Pp]age-[Cc]ontent")
_CAPTION = SearchMemo("caption")
_READER_COMMENTS = SearchMemo("reader-comments|akismet")
_HIDE_CLASS = SearchMemo(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
    "| hidden| hide|noprint|notloaded"
)
_COMMENTS_ID = SearchMemo("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENTS_ID_SHORT = SearchMemo("^(?:[Cc]omment(?!ary)|comol)")
_COMMENTS_CLASS = SearchMemo("^[Cc]omment(?!ary)|(?:article|post)-comments")
_INFINITE = SearchMemo("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_MVP = SearchMemo("mvp-post-add-(?:box|wrap)")
_BOTTOM = SearchMemo(r"(^|\s)bottom|bottom(\s|$)")
_LINK = SearchMemo(r"(^|\s)link(\s|$)")
_BODY0_ID = SearchMemo(
    "(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text"
)
_BODY0_CLASS = SearchMemo(
    "post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper"
    "|article-?text|articleText|(?:entry|page|text|article|art)-content|article__content"
    "|article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)
_BODY2_ID = SearchMemo("^primary|story-body")
_FULLTEXT = SearchMemo("fulltext", re.IGNORECASE)
_BODY2_CLASS = SearchMemo(
    "^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post"
    "|main-column|wpb_text_column|story-body|field-body"
)
_BODY3_ID = SearchMemo("content-main|content-body|contentBody")
_BODY3_CLASS = SearchMemo("content[-_]main|content(?:-|__)body")

#: every pattern above; an absent attribute reads as "", so the walks below may skip it only
#: because none of them matches the empty string
PATTERNS = tuple(value for value in list(globals().values()) if isinstance(value, SearchMemo))
if any(pattern.pattern.search("") for pattern in PATTERNS):  # pragma: no cover - a mistake here
    raise RuntimeError("a selector pattern matches the empty string")

_BOXES = ("div", "item", "list", "p", "section", "span")
_CONTAINERS = ("article", "div", "main", "section")


# -- the conditions, one function an expression ----------------------------------------------


def _overall_discard(e: _Element) -> bool:
    if e.get("data-lp-replacement-content") is not None:
        return True
    role = e.get("role")
    if role and _NAV(role):
        return True
    component = e.get("data-component")
    if component and "MostPopularStories" in component:
        return True
    ident = e.get("id")
    cls = e.get("class")
    either = _first_of(e, "id", ident, "class", cls)
    if either and _COOKIE(either):
        return True
    if ident and _OVERALL_ID(ident):
        return True
    return bool(cls and _OVERALL_CLASS(cls))


def hidden_discard(e: _Element) -> bool:
    """Whether trafilatura's second overall discard rule (hidden elements, replies) deletes
    `e`: ``OVERALL_DISCARD_XPATH[1]`` in Python."""
    cls = e.get("class")
    ident = e.get("id")
    style = e.get("style")
    if cls is None and ident is None and style is None:
        return e.get("aria-hidden") == "true"
    if cls == "comments-title":
        return True
    either = _first_of(e, "id", ident, "class", cls)
    if either and either.startswith("reply-"):
        return True
    either = _first_of(e, "id", ident, "style", style)
    if either and _HIDDEN(either):
        return True
    if style and ("display:none" in style or "display: none" in style):
        return True
    if ident and _READER_COMMENTS(ident):
        return True
    if cls and _HIDE_CLASS(cls):
        return True
    return e.get("aria-hidden") == "true"


def _id_or_class(e: _Element, id_test: SearchMemo, class_test: SearchMemo | None = None) -> bool:
    """``re:test(@id, p) or re:test(@class, q)``, each attribute read on its own (`q`: `p`)."""
    ident = e.get("id")
    if ident and id_test(ident):
        return True
    cls = e.get("class")
    return bool(cls and (class_test or id_test)(cls))


def _comments(e: _Element) -> bool:
    return _id_or_class(e, _COMMENTS_ID, _COMMENTS_CLASS)


def _comments_and_lists(e: _Element) -> bool:
    if not _comments(e):
        return False
    return e.tag not in ("ol", "ul") or _id_or_class(e, _COMMENTS_ID_SHORT, _COMMENTS_CLASS)


def _infinite_scroll(e: _Element) -> bool:
    if not _id_or_class(e, _INFINITE):
        return False
    return next(e.iterdescendants("h1"), None) is None or _id_or_class(e, _MVP)


def _elementor_share(e: _Element) -> bool:
    cls = e.get("class")
    return bool(cls and "elementor-share-buttons" in cls)


def _precision_discard(e: _Element) -> bool:
    either = _first_of(e, "id", e.get("id"), "class", e.get("class"))
    if either and (_BOTTOM(either) or _LINK(either)):
        return True
    style = e.get("style")
    return bool(style and "border" in style)


def _teaser(e: _Element) -> bool:
    return _id_or_class(e, _TEASER)


def _caption(e: _Element) -> bool:
    return _id_or_class(e, _CAPTION)


def caption_boxes(tree: _Element) -> Iterator[_Element]:
    """The elements that ``DISCARD_IMAGE_ELEMENTS`` deletes as a picture's caption by their
    names ("caption" in the id or class of a box), for code that must do as trafilatura's
    own reading does where its fallbacks do not."""
    return (e for e in tree.iter(*_BOXES) if _caption(e))


def _body_0(e: _Element) -> bool:
    cls = e.get("class")
    ident = e.get("id")
    return bool(
        cls == "post"
        or cls == "entry"
        or e.get("itemprop") == "articleBody"
        or ident == "articleContent"
        or (ident and _BODY0_ID(ident))
        or (cls and _BODY0_CLASS(cls))
    )


def _body_2(e: _Element) -> bool:
    cls = e.get("class")
    ident = e.get("id")
    return bool(
        e.get("role") == "article"
        or ident in ("article", "story")
        or cls in ("postarea", "art-postcontent", "text", "cell", "story")
        or (ident and _BODY2_ID(ident))
        or (cls and (_FULLTEXT(cls) or _BODY2_CLASS(cls)))
    )


def _body_3(e: _Element) -> bool:
    cls = e.get("class")
    ident = e.get("id")
    return bool(
        ident == "content"
        or cls == "content"
        or (ident and _BODY3_ID(ident))
        or (cls and _BODY3_CLASS(cls))
        or (ident and _MAIN_CONTENT(ident))
        or (cls and (_MAIN_CONTENT(cls) or _PAGE_CONTENT(cls)))
    )


# -- the walks -------------------------------------------------------------------------------

Walk = Callable[[_Element], list[_Element]]


def _all(tags: tuple[str, ...] | None, test: Callable[[_Element], bool]) -> Walk:
    """``.//*[tags][test]``: every match below the context element, in document order."""
    if tags is None:
        return lambda root: [e for e in root.iterdescendants(etree.Element) if test(e)]
    return lambda root: [e for e in root.iterdescendants(*tags) if test(e)]


def _first_per_parent(tags: tuple[str, ...], test: Callable[[_Element], bool]) -> Walk:
    """``.//*[tags][test][1]``: under each parent, its first child that matches."""

    def walk(root: _Element) -> list[_Element]:
        found: list[_Element] = []
        parents: set[_Element] = set()
        for e in root.iterdescendants(*tags):
            if test(e):
                parent = e.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(e)
        return found

    return walk


def _first(tags: tuple[str, ...], test: Callable[[_Element], bool]) -> Walk:
    """``(.//*[tags][test])[1]``: the first match below the context element, if any."""

    def walk(root: _Element) -> list[_Element]:
        for e in root.iterdescendants(*tags):
            if test(e):
                return [e]
        return []

    return walk


#: (trafilatura's list, index, SHA-256 prefix of the expression's source text, the walk)
SELECTORS: tuple[tuple[str, int, str, Walk], ...] = (
    ("OVERALL_DISCARD_XPATH", 0, "a837e58a1b1ea116", _all(_BOXES, _overall_discard)),
    ("OVERALL_DISCARD_XPATH", 1, "c1d5b70b8cd03783", _all(None, hidden_discard)),
    (
        "REMOVE_COMMENTS_AND_LISTS_XPATH",
        0,
        "9cc18d34e6e2d258",
        _all(("div", "list", "section", "details", "ol", "ul"), _comments_and_lists),
    ),
    (
        "REMOVE_COMMENTS_XPATH",
        0,
        "5d97216ca15d0558",
        _all(("div", "list", "section", "details"), _comments),
    ),
    (
        "RAW_TREE_PRUNE_XPATH",
        0,
        "01e7c660fd6406f2",
        _all(("div", "section", "aside"), _infinite_scroll),
    ),
    (
        "RAW_TREE_PRUNE_XPATH",
        1,
        "3c7afe92279543d5",
        _all(("div", "section", "aside"), _elementor_share),
    ),
    ("PRECISION_DISCARD_XPATH", 1, "53d31ea1df47920a", _all(_BOXES, _precision_discard)),
    ("TEASER_DISCARD_XPATH", 0, "ebb02f066626551d", _all(_BOXES, _teaser)),
    ("DISCARD_IMAGE_ELEMENTS", 0, "cb1ab981e44913f7", _all(_BOXES, _caption)),
    ("BODY_XPATH", 0, "caaa561ceca17064", _first_per_parent(_CONTAINERS, _body_0)),
    ("BODY_XPATH", 2, "6c9b5e1fdc092943", _first(_CONTAINERS, _body_2)),
    ("BODY_XPATH", 3, "10a7ceacc0ff8cdf", _first(_CONTAINERS, _body_3)),
)


def source_digest(path: str) -> str:
    """The prefix of an expression's SHA-256 that `SELECTORS` pins."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]


class Selector:
    """Stands in trafilatura's list for one XPath: the Python walk inside
    `fast_selectors()`, the XPath itself everywhere else (and for anything but an element,
    or a call with XPath variables)."""

    __slots__ = ("name", "walk", "xpath")

    def __init__(self, name: str, xpath: etree.XPath, walk: Walk) -> None:
        self.name = name
        self.xpath = xpath
        self.walk = walk

    @property
    def path(self) -> str:
        return str(self.xpath.path)

    def __call__(self, node: Any, **variables: Any) -> Any:
        if _fast.get() and not variables and isinstance(node, _Element):
            return self.walk(node)
        return self.xpath(node, **variables)

    def __str__(self) -> str:
        return str(self.xpath)

    def __repr__(self) -> str:
        return f"<Selector {self.name} for {self.xpath!r}>"


_installed: list[str] | None = None


def install(module: ModuleType | None = None) -> list[str]:
    """Put a `Selector` in trafilatura's lists (`module`: ``trafilatura.xpaths``) for each
    expression whose source text is pinned here; return the names put in ("LIST[i]").
    Idempotent; an expression whose text differs keeps its XPath, and is logged once."""
    global _installed
    if module is None:
        if _installed is None:
            from trafilatura import xpaths

            _installed = _install(xpaths)
        return _installed
    return _install(module)


def _install(module: ModuleType) -> list[str]:
    done: list[str] = []
    for list_name, index, digest, walk in SELECTORS:
        name = f"{list_name}[{index}]"
        expressions = getattr(module, list_name, None)
        if not isinstance(expressions, list) or index >= len(expressions):
            logger.info("trafilatura has no %s: nothing to stand in for", name)
            continue
        current = expressions[index]
        if isinstance(current, Selector):
            done.append(name)
            continue
        if not isinstance(current, etree.XPath) or source_digest(current.path) != digest:
            logger.info("trafilatura's %s is not the one pinned here: its own XPath stays", name)
            continue
        expressions[index] = Selector(name, current, walk)
        done.append(name)
    return done
