"""The story's container kept from trafilatura's discards by class name.

Inside the part of the page it takes for the story (an ``<article>``, a "post-body"; the
whole page when it falls back), trafilatura deletes every ``<div>``, ``<section>``, ``<p>``
or ``<span>`` whose class or id holds one of some hundred words of boilerplate: "share-",
"social", "widget", "sidebar", "related", "footer", "meta", "expand", "-stories", "bottom"
(the lists are in ``trafilatura.xpaths``). A story's own container or one of its wrappers
often carries such a word for reasons of its own: a script's hook ("js-share-tracking"), a
layout ("with-sidebar", "elementor-widget"), an effect ("js_expandable-container" on
Gizmodo). trafilatura undoes the deletion only when it would leave less than a seventh of
that part's text; where the part holds more than that besides the story (a heading, a
related list, comments), the story went, and what was left was read instead (measured: one
such word added to the container's class cost 11 of the 91 development pages their story,
F1 0.9945 -> 0.9635).

So before trafilatura runs, the element whose own paragraphs hold most of the page's
paragraph text (the story's container, as Readability would score it; an item of a list that
is a sentence of running text, not a link, is a paragraph of the list's container when that
holds a ``<p>`` too: a roundup written as a list) and each of its wrappers that holds
little more than the story are tested with trafilatura's own discard
expressions, each alone in a page of its own, and so is each other part of a story split
into containers of the container's element and first class name that holds two paragraphs of
running text (BuzzFeed names one of its "buzz_superlist_item" blocks "widget" too: the
bench's ``--discarded-names`` on Readability's BuzzFeed page, 0.52 -> 0.88). The story must
hold half of the page's paragraph text: its container's paragraphs at any depth (quotes in a
``<blockquote>``) and those of the other parts of a story split into containers of the
container's element and first class name count (with class names scrambled, three
development pages built so had been left unshielded: `--scramble-classes --discarded-names`
0.9759 -> 0.9899). Where one would be deleted, the words that cause it are taken out of its
class (its id, when the id causes it); what is left of its names still matches trafilatura's
rules for a story's container. Nothing else on the page changes: related lists, share rows
and footers beside the story are deleted as before. A container that is a sidebar's own
block by its names, or sits in one that holds little more (WordPress's "widget widget_text"
and "textwidget", a block named "sidebar"), is no story: a short story beside a long text
widget in a sidebar written with divs leaves the widget the most paragraph text, and its
names are what lets trafilatura delete it (`_in_sidebar`).

Print-only classes ("hidden-print", "noprint") hide nothing on a screen, and are taken out
like the rest.

trafilatura also deletes what it takes for hidden (``display:none`` or "hidden" in the
style, ``aria-hidden``, a class word from " hide" to "message"). Half of a page's paragraph
text hidden so, or three times the text of any other block (`_far_ahead`: beside an open
consent dialog of many blocks, The Local's under ``--scramble-classes --plain-tags
--div-paragraphs``, 0.000 -> 0.891), is the story waiting for a script: a paywall that shows
the story to a subscriber (``<div id="articleBody" style="display: none">`` on The Local),
the rest of a story behind a "Read more" toggle (``class="toggle-group target hideOnInit"``
on Salon), and the annotators of both outside sets that hold such pages keep the story.
Without a ``<section>`` or a class name that trafilatura knows around it, the story went,
and a paywall's prompt or the story's first paragraphs were read instead (F1 0.003 and 0.284
on those pages under the bench's ``--scramble-classes`` and ``--plain-tags`` probes). So the
story's container and its wrappers are shown (`_show`): what hides them is taken off their
style, names and attributes; so is each other part of a story split into blocks of one kind
(one of BuzzFeed's superlist items hidden alone: the bench's ``--hidden-story`` 0.687 ->
0.934 on that page). The page's ``<html>`` and ``<body>`` are shown too: a consent manager
holds the page still while its dialog is open ("overflow: hidden", "modal-open"), and
trafilatura's precision mode deleted the whole page before its readability fallback read it
(the dialog's words then came with the story: The Local's under the bench's
``--scramble-classes --plain-tags --div-paragraphs``, 0.563 -> 0.924). A story written
without ``<p>`` (text-only divs, lines between ``<br>``) is found by its lines where no
container holds enough paragraphs (`_story_of_lines`). A hidden dialog ("modal", "popup", a
cookie notice, a sign-up form, ``role="dialog"``) is never a story's container, and stays
hidden: a long cookie policy may hold half of a short page's paragraph text. Last,
trafilatura's precision rule deletes every element whose style mentions a border; the
container and its wrappers lose their border declarations (`_unbordered`, a line drawn above
a story's box). For that the story need hold only 0.3 of the page's paragraph text: a border
is drawn, not a name or a hiding that says what a box is, and CBS's story (a ``<section>``
with a line above it, 0.37 of a page of teasers) went for it (the bench's
``--bordered-story`` 0.9848 -> 0.9963); or three times the paragraph text of any other
parent (`_far_ahead`: with class names that say nothing, more teasers stay, and CBS's story
is a quarter of the text: F1 0.000 under ``--scramble-classes --bordered-story``, 1.000
now).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable

from lxml.html import Element, HtmlElement

from workers.pipeline.blocks import BLOCKS_BUT_PICTURES, holding
from workers.pipeline.lines import LINE_CONTAINERS, loose_text
from workers.pipeline.prepare import class_and_id, drop_borders, drop_declarations, set_attribute
from workers.pipeline.selectors import fast_selectors, hidden_discard
from workers.pipeline.selectors import install as install_selectors

__all__ = ["discarded_by_name", "shield_story_container"]

#: a story's container holds at least this many characters in its own paragraphs, in at
#: least `_MIN_PARAGRAPHS` of them, and this share of the paragraph text of the page
_MIN_CHARS = 500
_MIN_PARAGRAPHS = 3
_MIN_SHARE = 0.5
#: ... or this share, for its borders only
_BORDER_SHARE = 0.3
#: ... or, for its borders only, this many times the paragraph text of any other parent
_LEAD = 3
#: another part of a split story is shielded alike when it holds this many paragraphs of
#: this many words (a part named "related" holds a list of links)
_MIN_PART_PARAGRAPHS = 2
_RUNNING_WORDS = 12
#: a wrapper of the container is the story's own while it holds at most this many times
#: the container's text (a heading, a byline, a picture around it); above that, it holds
#: other parts of the page too, and is left to trafilatura's judgement
_WRAPPER_SHARE = 1.5
#: the elements trafilatura's discard expressions test (lists and items are converted
#: ``<ul>``/``<li>``, which hold no story container)
_TESTED = frozenset(("div", "section", "p", "span"))
#: class words that hide an element from print only: the story shows on a screen
_PRINT_ONLY = frozenset(
    ("hidden-print", "hide-print", "noprint", "no-print", "print-hidden", "d-print-none")
)


#: the names of a dialog, which holds text hidden until it opens (`_show`)
_DIALOG_NAMES = re.compile(
    r"modal|popup|pop-up|overlay|dialog|lightbox|cookie|consent|gdpr|newsletter|signup"
    r"|subscribe",
    re.IGNORECASE,
)
#: a declaration of a style that hides the element ("display: none", "visibility: hidden"),
#: or that trafilatura takes for hiding it ("overflow: hidden")
_HIDING_STYLE = re.compile(r"none|hidden", re.IGNORECASE)


def shield_story_container(tree: HtmlElement) -> None:
    """Take the words that trafilatura discards by out of the names of the story's container
    and its wrappers (see the module docstring). The tree is changed in place."""
    for page in (tree, tree.find("body")):
        if page is not None and page.tag in ("html", "body"):
            _show(page, page=True)  # "overflow: hidden" while a cookie dialog is open
    found = _story_container(tree)
    if found is None:
        return
    container, share, parts, ahead = found
    if _in_sidebar(container):
        return
    shielded = share >= _MIN_SHARE  # names only at half the page's text ...
    shown = shielded or ahead  # ... a hidden story far ahead of the rest too
    limit = _WRAPPER_SHARE * len(container.text_content())
    for element in (container, *container.iterancestors()):
        if element.tag in ("body", "html"):
            break
        if element is not container and len(element.text_content()) > limit:
            break  # a wrapper of more than the story: its other parts are judged as they were
        if shown:
            _show(element)
        if shielded and element.tag in _TESTED:
            _shield(element)
        if element.tag in _TESTED:
            _unbordered(element)
    if shielded and container.tag in _TESTED:
        for part in parts:
            if _running_paragraphs(part) >= _MIN_PART_PARAGRAPHS:
                _show(part)  # one part behind a "Read more" toggle, as the container may be
                _shield(part)


#: the names of a sidebar's own blocks: WordPress's widgets ("widget widget_text", its text
#: widget's "textwidget") and a sidebar named so and nothing else; not a layout's name for
#: a story beside one ("with-sidebar"), nor Blogger's "widget Blog", which holds the posts
_SIDEBAR_NAME = re.compile(r"(?:^|\s)(?:textwidget|widget_\w+|sidebar)(?=\s|$)")


def _in_sidebar(container: HtmlElement) -> bool:
    """Whether the container of the most paragraph text, or a wrapper of it that holds
    little more, is a sidebar's block by its names (`_SIDEBAR_NAME`): a short story beside a
    long text widget (a party's manifesto in a WordPress sidebar written with divs: the
    bench's ``--plain-tags`` on trafilatura's piratenpartei-mv.de page), which trafilatura
    deletes by those names unless they are taken out. The names are read first: a wrapper
    holds at least its child's text, so only the first one named so needs its text measured."""
    for element in (container, *container.iterancestors()):
        if element.tag in ("body", "html"):
            return False
        if _SIDEBAR_NAME.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            limit = _WRAPPER_SHARE * len(container.text_content())
            return element is container or len(element.text_content()) <= limit
    return False


def _running_paragraphs(part: HtmlElement) -> int:
    """The paragraphs of running text in a part of a split story."""
    return sum(len(p.text_content().split()) >= _RUNNING_WORDS for p in part.iter("p"))


def _story_container(
    tree: HtmlElement,
) -> tuple[HtmlElement, float, list[HtmlElement], bool] | None:
    """The parent of the most paragraph text, when it holds enough of it (see the limits),
    the share of the page's paragraph text its story holds, the story's other parts
    (`_other_parts`), and whether it is far ahead of every other parent (`_far_ahead`)."""
    chars: defaultdict[HtmlElement, int] = defaultdict(int)
    counts: defaultdict[HtmlElement, int] = defaultdict(int)
    total = 0
    for paragraph in tree.iter("p", "li"):
        parent = _holder(paragraph)
        if parent is None:
            continue
        size = len(paragraph.text_content())
        chars[parent] += size
        counts[parent] += 1
        total += size
    best = max(chars, key=chars.__getitem__, default=None)
    if best is None or chars[best] < _MIN_CHARS or counts[best] < _MIN_PARAGRAPHS:
        return _story_of_lines(tree, chars, counts, total)
    parts = _other_parts(best)
    share = _story_chars([best, *parts]) / total
    ahead = _far_ahead(best, chars)
    if share >= _BORDER_SHARE or ahead:
        return best, share, parts, ahead
    return None


def _holder(paragraph: HtmlElement) -> HtmlElement | None:
    """The element whose paragraph `paragraph` is: a ``<p>``'s parent, or for an item of a
    list that is a sentence of running text (a roundup's "10 things" written as a list),
    the list's parent when it holds a ``<p>`` of its own too (the roundup's opening); None
    for an item of a menu, of a list of links or of a list alone (teasers' standfirsts).
    The cheap tests first: a page's menus hold most of its items."""
    parent = paragraph.getparent()
    if paragraph.tag == "p" or parent is None:
        return parent
    if parent.tag not in _LISTS or any(child.tag in _LISTS for child in paragraph):
        return None
    holder = parent.getparent()
    if holder is None or not any(child.tag == "p" for child in holder):
        return None
    words = paragraph.text_content().split()
    if len(words) < _RUNNING_WORDS:
        return None
    linked = sum(len(link.text_content().split()) for link in paragraph.iter("a"))
    return None if 2 * linked > len(words) else holder


_LISTS = frozenset(("ul", "ol"))


def _far_ahead(best: HtmlElement, chars: defaultdict[HtmlElement, int]) -> bool:
    """Whether `best` holds `_LEAD` times the paragraph text of any other parent: the
    story's, among teaser cards of a paragraph each however many there are (CBS's story, a
    quarter of the paragraph text of a page of cards whose names say nothing)."""
    runner_up = max((size for holder, size in chars.items() if holder is not best), default=0)
    return chars[best] >= _LEAD * runner_up


def _story_of_lines(
    tree: HtmlElement,
    chars: defaultdict[HtmlElement, int],
    counts: defaultdict[HtmlElement, int],
    total: int,
) -> tuple[HtmlElement, float, list[HtmlElement], bool] | None:
    """The container of a story written without ``<p>``, when one holds enough of the page's
    text (the limits of `_story_container`), the share it holds and whether it is far ahead
    of every other container (`_far_ahead`); `chars`, `counts` and
    `total` are the page's paragraphs' (`_story_container`), to which its lines are added.

    Two kinds of story have no ``<p>`` after the repairs: text-only ``<div>`` children that
    trafilatura reads as paragraphs itself on a page with no paragraph text (The Local's,
    whose paywalled ``<div style="display: none">`` went with the story in it), and lines of
    text between ``<br>`` in one container (Salon's rest of a story behind a "Read more"
    toggle, ``hideOnInit``, went). A text-only div without a line break is a paragraph of
    its parent; a container's own loose text (its text, its children's tails and the text
    of its inline children) is its own, a line per two ``<br>``.
    """
    holders = holding(tree, BLOCKS_BUT_PICTURES)  # the elements that hold a block
    for element in tree.iter(*LINE_CONTAINERS):
        if element.tag == "div" and element not in holders and element.find("br") is None:
            parent = element.getparent()
            if parent is not None:
                size = len(element.text_content().strip())
                chars[parent] += size
                counts[parent] += 1
                total += size
            continue
        size = len(loose_text(element).strip())
        if size:
            chars[element] += size
            counts[element] += 1 + sum(1 for child in element if child.tag == "br") // 2
            total += size
    if not chars:
        return None
    best = max(chars, key=chars.__getitem__)
    if chars[best] < _MIN_CHARS or counts[best] < _MIN_PARAGRAPHS:
        return None
    inside = sum(
        size for holder, size in chars.items() if holder is best or best in holder.iterancestors()
    )
    share = inside / total
    return (best, share, [], _far_ahead(best, chars)) if share >= _BORDER_SHARE else None


def _other_parts(container: HtmlElement) -> list[HtmlElement]:
    """The other parts of a story split into containers of the container's element and
    first class name (the first part may have a name more: "article__content
    article__content--first"; a part may have a layout's: BuzzFeed's "buzz_superlist_item
    ... widget")."""
    names = (container.get("class") or "").split()
    if not names:
        return []
    return [
        part
        for part in container.getroottree().iter(container.tag)
        if part is not container and (part.get("class") or "").split()[:1] == names[:1]
    ]


def _story_chars(parts: list[HtmlElement]) -> int:
    """The paragraph text of the story whose container holds the most: the paragraphs inside
    it at any depth (a quoted review in a ``<blockquote>``), and inside the other parts of a
    story split into containers of its element and first class name (`_other_parts`), the
    container first in `parts`."""
    seen: set[HtmlElement] = set()
    size = 0
    for part in parts:
        for paragraph in part.iter("p", "li"):
            if paragraph.tag == "li" and _holder(paragraph) is None:
                continue
            if paragraph not in seen:
                seen.add(paragraph)
                size += len(paragraph.text_content())
    return size


def _shield(element: HtmlElement) -> None:
    attributes = {name: element.get(name) or "" for name in ("class", "id")}
    classes = attributes["class"].split()
    shown = [token for token in classes if token.lower() not in _PRINT_ONLY]
    attributes["class"] = " ".join(shown)
    if _discarded(element.tag, attributes):
        attributes["class"] = " ".join(
            token for token in shown if not _discarded(element.tag, {"class": token})
        )
        if attributes["id"] and _discarded(element.tag, {"id": attributes["id"]}):
            attributes["id"] = ""
        if _discarded(element.tag, attributes):
            return  # a word the test finds only in the names together: left as it was
    _reclass(element, attributes["class"])
    set_attribute(element, "id", attributes["id"])


def _show(element: HtmlElement, page: bool = False) -> None:
    """Take off what hides the story's container or a wrapper from trafilatura (see the
    module docstring): the style's hiding declarations, ``aria-hidden``, an id with "hidden"
    in it and the class words its hidden rule finds. A dialog stays as it is; the `page`'s
    ``<html>`` or ``<body>`` is never one (a consent manager names the body "modal-open")."""
    if not hidden_discard(element):
        return
    names = class_and_id(element)
    dialog = _DIALOG_NAMES.search(names) or element.get("role") in ("dialog", "alertdialog")
    if dialog and not page:
        return
    element.attrib.pop("aria-hidden", None)
    drop_declarations(element, lambda declaration: bool(_HIDING_STYLE.search(declaration)))
    if "hidden" in (element.get("id") or ""):
        set_attribute(element, "id", "")
    words = (element.get("class") or "").split()
    _reclass(element, " ".join(word for word in words if not _hiding_word(word)))


@functools.lru_cache(maxsize=1024)
def _hiding_word(word: str) -> bool:
    """Whether trafilatura's hidden rule deletes an element for this class word (after
    another: the rule looks for " hide", a word that is not the first)."""
    return hidden_discard(Element("div", {"class": f"x {word}"}))


def _unbordered(element: HtmlElement) -> None:
    """Take the border declarations off the style of the story's container or a wrapper:
    trafilatura's precision rule deletes every element whose style mentions a border, a
    line drawn above a story's box ("border-top: 1px solid #eee") or none at all
    ("border: 0px")."""
    if "border" in (element.get("style") or ""):
        drop_borders(element)


def _reclass(element: HtmlElement, names: str) -> None:
    """Give `element` the class `names`, and the other parts of a story split into
    containers of its element and class (an ad between them) the same: told apart, the
    parts were no longer read as one story, nor shown alike."""
    original = element.get("class")
    set_attribute(element, "class", names)
    if original and names != original:
        for part in element.getroottree().iter(element.tag):
            if part is not element and part.get("class") == original:
                set_attribute(part, "class", names)


def discarded_by_name(element: HtmlElement) -> bool:
    """Whether trafilatura's discard expressions (those `_discarded` tests) delete `element`
    for its class or id, wherever it stands."""
    class_ = element.get("class") or ""
    id_ = element.get("id") or ""
    return bool(class_ or id_) and _discarded_names(element.tag, class_, id_)


def _discarded(tag: str, attributes: dict[str, str]) -> bool:
    """Whether trafilatura's discard expressions delete an element of this tag and these
    names, tested on a page that holds it alone."""
    return _discarded_names(tag, attributes.get("class") or "", attributes.get("id") or "")


#: the stand-in for a tag name that cannot be created (`_discarded_names`)
_UNNAMED_TAG = "x-unnamed"


@functools.lru_cache(maxsize=4096)
def _discarded_names(tag: str, class_: str, id_: str) -> bool:
    """`_discarded`, remembered: the words of class names recur from page to page of a site
    ("row", "col-md-8", "clearfix"), and each test is four expressions. A tag name that
    the parser kept from broken markup but lxml will not create ("but&#99999999;ton") is
    tested as a tag no expression names, which is what it is to them."""
    root = Element("div")
    names = {name: value for name, value in (("class", class_), ("id", id_)) if value}
    try:
        probe = Element(tag, names)
    except ValueError:
        probe = Element(_UNNAMED_TAG, names)
    root.append(probe)
    with fast_selectors():  # the Python walks of `selectors`, not the XPath engine
        return any(probe in expression(root) for expression in _expressions())


def _expressions() -> list[Callable[[HtmlElement], list[HtmlElement]]]:
    from trafilatura.xpaths import (
        OVERALL_DISCARD_XPATH,
        PRECISION_DISCARD_XPATH,
        TEASER_DISCARD_XPATH,
    )

    install_selectors()
    # the first precision rule deletes <header> by its tag, which no container here has
    return [*OVERALL_DISCARD_XPATH[:1], *TEASER_DISCARD_XPATH, *PRECISION_DISCARD_XPATH[1:]]
