"""Boxes of links to other stories, found by their markup: a related heading and a list.

Sites put "Related coverage", "More from Politics" or "Recommended" boxes between a story's
paragraphs. trafilatura removes the box when its class names it ("related", "more-stories"),
and otherwise drops the links, whose density it judges, and keeps the heading as a line of
the story. The cleaning pass then sees a related heading among the story's paragraphs, and a
strong one ("More from ...", "Recommended") near the end takes everything after it, as it
must when the list's entries are not headline-like enough to be judged one by one: the
story's last paragraphs went with it.

So a box is removed before the extractor runs when its markup says what it is: a heading
(``<h2>``-``<h6>``, or a short ``<p>``, ``<div>``, ``<span>``, ``<strong>`` of its own)
whose text is a related heading (`boilerplate.is_related_heading`), or a wrapper that holds
such a heading alone (``<header><h3>Other People Are Reading</h3></header>``), and after it
only links (at least two, and nearly all the rest of the box's words), in the heading's
parent or in the list that follows the heading. One link is a box too when it holds a
headline in a heading element (a teaser card: the other story's tagline, headline and
excerpt), and a picture with its credit may come before the heading. A story's own
subheading is followed by sentences, not by a list of links, and stays.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from workers.pipeline.boilerplate import is_related_heading

__all__ = ["in_page", "remove_related_boxes"]

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: elements that sites use as a box's heading when they do not use a heading element
_LABELS = ("p", "div", "span", "strong", "b")
#: a heading is this short at most (eight words of a related heading, with room to spare)
_LABEL_CHARS = 80
#: the rest of the box is links: at least this many ...
_MIN_LINKS = 2
#: ... holding at least this share of its words
_LINK_SHARE = 0.8
#: a box holds no more words than this (a story's container that opens with a related
#: heading is a page gone wrong, not a box)
_MAX_BOX_WORDS = 400
_LISTS = ("ul", "ol")
#: elements that wrap a box's heading alone
_WRAPPERS = ("header", "div")
#: a picture's credit before a box's heading has this many words at most
_CREDIT_WORDS = 10
_WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _only_links(elements: list[HtmlElement]) -> bool:
    """Whether `elements` hold links and little else."""
    words = sum(_words(element.text_content()) for element in elements)
    links = [link for element in elements for link in element.iter("a")]
    linked = sum(_words(link.text_content()) for link in links)
    return len(links) >= _MIN_LINKS and words > 0 and linked >= _LINK_SHARE * words


def _only_picture(elements: list[HtmlElement]) -> bool:
    """Whether `elements` (what comes before a box's heading) are nothing, or a picture and
    its credit: a teaser card shows the other story's picture above its label."""
    if not elements:
        return True
    # the text after each counts too (a story's lines between <br> elements)
    words = sum(_words(e.text_content()) + _words(e.tail or "") for e in elements)
    return words <= _CREDIT_WORDS and any(next(e.iter("img"), None) is not None for e in elements)


def _teaser_card(elements: list[HtmlElement]) -> bool:
    """Whether `elements` are one link to another story, with its headline in a heading
    element and its excerpt (Horizont's "Mehr zum Thema" card inside a story's text)."""
    links = [link for element in elements for link in element.iter("a")]
    if len(links) != 1 or next(links[0].iter(*_HEADINGS), None) is None:
        return False
    words = sum(_words(element.text_content()) for element in elements)
    return words > 0 and _words(links[0].text_content()) >= _LINK_SHARE * words


def _teaser_list(elements: list[HtmlElement]) -> bool:
    """Whether `elements` are one list of teaser cards: two entries or more, each with a
    linked headline in a heading element (and an excerpt and a "Read more" link beside
    it: too many words outside links for `_only_links`). novalanalove.com's "Related Posts"
    cards, each an ``<article>`` that trafilatura took for the story when class names said
    nothing (the bench's ``--scramble-classes``)."""
    if len(elements) != 1 or elements[0].tag not in _LISTS:
        return False
    entries = [entry for entry in elements[0] if isinstance(entry.tag, str)]
    return len(entries) >= _MIN_LINKS and all(
        any(heading.find(".//a") is not None for heading in entry.iter(*_HEADINGS))
        for entry in entries
    )


def _is_heading(element: HtmlElement) -> bool:
    if element.tag in _LABELS:
        if len(element):
            return False  # a label is text alone; a linked heading is one of the list's entries
        text = element.text or ""
    else:
        text = element.text_content()
    return 0 < len(text) <= _LABEL_CHARS and is_related_heading(text)


def _wrapped(heading: HtmlElement) -> HtmlElement:
    """The wrapper of a heading that is last in it, when the heading is all it holds and
    something follows the wrapper (``<header><h3>Other People Are Reading</h3></header>``
    before the list), so that the list is the heading's sibling; else the heading itself."""
    if heading.getprevious() is not None:
        return heading
    wrapper = heading.getparent()
    if (
        wrapper is not None
        and wrapper.tag in _WRAPPERS
        and wrapper.getnext() is not None
        and not (wrapper.text or "").strip()
        and not (heading.tail or "").strip()
    ):
        return wrapper
    return heading


def in_page(element: HtmlElement) -> bool:
    """Whether `element` is still in the page (not in a box removed before it): a pass that
    removes boxes found in one walk checks it before each removal."""
    top, parent = element, element.getparent()
    while parent is not None:
        top, parent = parent, parent.getparent()
    return top.tag == "html"


def remove_related_boxes(tree: HtmlElement) -> None:
    """Remove each related box (see the module docstring), keeping the text after it."""
    # a heading, or the wrapper it fills, has something after it (most short spans and divs
    # of a page, its menu entries, are last in their parent); the pattern runs on those alone
    headings = []
    for element in tree.iter(*_HEADINGS, *_LABELS):
        box_heading = element if element.getnext() is not None else _wrapped(element)
        if box_heading.getnext() is not None and _is_heading(element):
            headings.append(box_heading)
    for heading in headings:
        parent = heading.getparent()
        if parent is None or not in_page(heading):
            continue  # removed with an earlier box
        following = [s for s in heading.itersiblings() if isinstance(s.tag, str)]
        preceding = [s for s in heading.itersiblings(preceding=True) if isinstance(s.tag, str)]
        if (
            _only_picture(preceding)
            and following
            and parent.tag not in ("body", "html")
            and _words(parent.text_content()) <= _MAX_BOX_WORDS
            and (_only_links(following) or _teaser_card(following) or _teaser_list(following))
            and not (parent.text or "").strip()
        ):
            parent.drop_tree()  # the heading opens a box of links
        elif following and following[0].tag in _LISTS and _only_links(following[:1]):
            following[0].drop_tree()
            heading.drop_tree()  # the heading and the list after it, in the story's container
