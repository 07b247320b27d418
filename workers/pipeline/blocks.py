"""What a page's elements are to the extractor: blocks, pictures, inline elements, and
whether trafilatura reads the page's text-only divs as paragraphs (its "div mode").

Shared by the repairs before extraction (`workers.pipeline.prepare`, `workers.pipeline.lines`)
and the passes after it, which judge the same elements the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

__all__ = [
    "BLOCKS",
    "BLOCKS_BUT_PICTURES",
    "INLINE",
    "PICTURES",
    "div_mode",
    "holding",
    "own_texts",
]

#: the elements that start a block of their own (media among them: a picture sits apart)
BLOCKS = frozenset(
    "address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tr ul "
    "iframe img video audio picture svg".split()
)
#: a text div may open with a picture and still be a paragraph (TMZ's "<div><img ...>
#: <strong>Lupita Nyong'o</strong>'s now-famous Oscar dress ...</div>")
PICTURES = frozenset(("img", "picture", "svg"))
BLOCKS_BUT_PICTURES = BLOCKS - PICTURES
#: the elements that style words inside a line
INLINE = frozenset("a span em strong b i u small sup sub mark abbr cite q code font time".split())


def holding(tree: HtmlElement, tags: frozenset[str]) -> set[HtmlElement]:
    """The elements that hold one of `tags`: marked bottom-up, each ancestor once."""
    holders: set[HtmlElement] = set()
    for element in tree.iter(*tags):
        parent = element.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


#: trafilatura reads text-only divs as paragraphs only while the text of a page's ``<p>``
#: elements is below this many characters (its min_extracted_size in precision mode)
_DIV_MODE_CHARS = 250


def div_mode(tree: HtmlElement) -> bool:
    """Whether trafilatura reads the page's text-only divs (and containers of lines) as
    paragraphs: its ``<p>`` text is under `_DIV_MODE_CHARS` characters."""
    chars = 0
    for paragraph in tree.iter("p"):  # the first paragraphs settle it on most pages
        chars += len(paragraph.text_content())
        if chars >= _DIV_MODE_CHARS:
            return False
    return True


def own_texts(element: HtmlElement) -> Iterator[str]:
    """The text that sits in `element` itself: its text and the tails of its children."""
    if element.text:
        yield element.text
    for child in element:
        if child.tail:
            yield child.tail
