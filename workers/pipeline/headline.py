"""The page's own headline among several, and whether a text sits under another one.

A page can hold more than its story: an endless page renders the next story below the first,
with its own ``<h1>``, its byline and its paragraphs; a paywalled page shows a short preview
of its story and a longer story beneath. trafilatura takes the first ``<article>`` it finds,
which may be the next story's, and when the story's own container reads short, its full
cascade compares its result with Readability's and jusText's and keeps the longest, which is
then the other story, whole, or both stories read together (the bench's ``--next-story``
probe: 0.8655 -> 0.9551).

The page says which story is its own: its title (``og:title``, ``<title>``) repeats its
headline. Without an ``<h1>`` that matches the title, the first ``<h1>`` is the page's when it
heads an ``<article>`` and a later ``<h1>`` heads another (the next story comes after the
page's own); a page that writes its section headings as ``<h1>`` has no such pair, and no
own headline is known. `under_another_headline` tells whether a block of text sits under
another story's ``<h1>``: the nearest ``<h1>`` before it in the page's order is not one of
the page's own (a site's header that repeats the headline matches the title too).
`headline_region` is where the page's own story is then read from: the smallest element
around its headline whose paragraphs hold words of their own and that holds no other
``<h1>``. `cut_at_another_headline` ends a text at the next story's headline when both
stories were read together. Pure functions of the tree.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

__all__ = [
    "cut_at_another_headline",
    "headline_region",
    "own_headlines",
    "under_another_headline",
]

_WORD = re.compile(r"\w+")
#: a headline's first words are compared with the title's ...
_HEADLINE_WORDS = 12
#: ... and this share of them must be among the title's words
_MATCH_SHARE = 0.6
#: the headline's region holds at least this many words in its paragraphs
_REGION_WORDS = 60


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _matches(heading: HtmlElement, wanted: set[str]) -> bool:
    """Whether most of the heading's first words are among the title's."""
    words = _words(heading.text_content())[:_HEADLINE_WORDS]
    return len(words) >= 2 and sum(word in wanted for word in words) >= _MATCH_SHARE * len(words)


def own_headlines(tree: HtmlElement, title: str | None) -> list[HtmlElement]:
    """The ``<h1>`` elements that match the title. Without one, the first ``<h1>`` of two
    words or more when it heads an ``<article>`` and a later one heads another (the next
    story of an endless page comes after the page's own); a page that uses ``<h1>`` for its
    sections (a Squarespace blog, its first in a sidebar) has no such pair, and no own
    headline is known."""
    wanted = set(_words(title or ""))
    headings = list(tree.iter("h1"))
    own = [heading for heading in headings if wanted and _matches(heading, wanted)]
    if own:
        return own
    first = next((h for h in headings if len(_words(h.text_content())) >= 2), None)
    if first is None:
        return []
    own_article = next(first.iterancestors("article"), None)
    if own_article is None:
        return []
    for heading in headings[headings.index(first) + 1 :]:
        article = next(heading.iterancestors("article"), None)
        if article is not None and article is not own_article:
            return [first]
    return []


def under_another_headline(
    tree: HtmlElement, block: HtmlElement, own: list[HtmlElement]
) -> bool:
    """Whether the nearest ``<h1>`` before `block` (or its first, inside it) in the page's
    order is another story's: not one of the page's `own` (`own_headlines`)."""
    if not own:
        return False
    nearest: HtmlElement | None = None
    for element in tree.iter("h1", block.tag):
        if element is block:
            break
        if element.tag == "h1":
            nearest = element
    inside = next(block.iter("h1"), None)
    if inside is not None:
        nearest = inside
    return nearest is not None and nearest not in own


def headline_region(own: list[HtmlElement]) -> HtmlElement | None:
    """The smallest element around one of the page's `own` ``<h1>`` whose paragraphs hold
    `_REGION_WORDS` words and that holds no other ``<h1>``: the page's own story with its
    headline. None when there is no such element."""
    for headline in own:
        for ancestor in headline.iterancestors():
            if ancestor.tag in ("body", "html"):
                break
            if any(heading not in own for heading in ancestor.iter("h1")):
                break
            words = sum(len(_WORD.findall(p.text_content())) for p in ancestor.iter("p"))
            if words >= _REGION_WORDS:
                return ancestor
    return None


def cut_at_another_headline(tree: HtmlElement, text: str, own: list[HtmlElement]) -> str:
    """`text` up to the line that is another story's ``<h1>``: an endless page's next story
    in its own ``<article>`` after the page's, read with it. The line must follow the story
    (`_REGION_WORDS` words before it), and the ``<h1>`` must head an ``<article>`` that holds
    neither the page's own headline nor a paragraph before the line: a section heading
    written as an ``<h1>`` (a page builder's) heads no story, and stays. `own` are the
    page's own headlines (`own_headlines`)."""
    if not own:
        return text
    lines = text.split("\n")
    flat = [" ".join(line.split()) for line in lines]
    for heading in tree.iter("h1"):
        if heading in own:
            continue
        words = " ".join(heading.text_content().split())
        if len(_words(words)) < 2 or words not in flat:
            continue
        at = flat.index(words)
        before = " ".join(flat[:at])
        if len(_WORD.findall(before)) < _REGION_WORDS:
            continue
        article = next(heading.iterancestors("article"), None)
        if article is None or any(article in h.iterancestors() for h in own):
            continue  # no story of its own: a section heading (a page builder's <h1>)
        if any(
            start in before
            for start in (" ".join(p.text_content().split())[:40] for p in article.iter("p"))
            if len(start) >= 20
        ):
            continue  # the story's own paragraphs are in its <article>
        return "\n".join(lines[:at])
    return text
