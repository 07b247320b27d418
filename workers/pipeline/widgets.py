"""A sidebar widget's paragraph kept as the story's first line.

A blog's sidebar is a list of widgets (WordPress writes ``<ul><li class="widget">``), and
one of them may hold a paragraph of running text: a verse of the day, an "about this blog".
When the class names say nothing trafilatura knows (a theme's own, or a page whose classes
were rewritten), precision mode may keep that paragraph as the story's first line, and the
story's container then stretches over the sidebar's column, so that default mode's second
opinion reads the widgets too. A first kept line is taken for a widget's when its block lies
in one item of a list of two or more items and nothing else of that list was kept: a story
written as a list has its other items kept, and a story's own lead-in is no list item.

A pure function of the tree and of the kept text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from workers.pipeline.gapfill import BLOCKS, PREFIX

__all__ = ["without_leading_widget"]

#: a widget's paragraph is running text of this many words at least (a heading over a story
#: in a tab's list item is none)
_RUNNING_WORDS = 12
#: list items in a sidebar of widgets: two at least
_MIN_ITEMS = 2

_WORD = re.compile(r"\w+")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _innermost(tree: HtmlElement, prefix: str) -> HtmlElement | None:
    """The first block whose text starts with `prefix`, or the innermost block inside it
    that does (a list item wrapping a carousel starts with its first card's text)."""
    found: HtmlElement | None = None
    for block in tree.iter(BLOCKS):
        if found is not None and found not in block.iterancestors():
            break
        if _flat(block.text_content()).startswith(prefix):
            found = block
    return found


def without_leading_widget(tree: HtmlElement, kept_text: str) -> str:
    """`kept_text` without its first lines when they are a sidebar widget's (see the
    module's docstring): a paragraph of running text in an item of a list of two items or
    more, and the lines after it that the item holds too, when nothing else of the list is
    kept after them."""
    lines = [line for line in kept_text.splitlines() if line.strip()]
    if len(lines) < 2 or len(_WORD.findall(lines[0])) < _RUNNING_WORDS:
        return kept_text  # a heading over the story, or a label
    block = _innermost(tree, _flat(lines[0]).removeprefix("- ")[:PREFIX])
    if block is None:
        return kept_text
    item = block if block.tag == "li" else next(block.iterancestors("li"), None)
    listing = item.getparent() if item is not None else None
    if item is None or listing is None or listing.tag not in ("ul", "ol"):
        return kept_text
    if sum(1 for child in listing if child.tag == "li") < _MIN_ITEMS:
        return kept_text
    held = _flat(item.text_content())
    widget = 1
    while widget < len(lines) and _flat(lines[widget]).removeprefix("- ") in held:
        widget += 1
    rest = _flat(" ".join(lines[widget:]))
    if not rest:
        return kept_text
    for other in listing.iter(BLOCKS):
        if other is item or item in other.iterancestors():
            continue
        text = _flat(other.text_content())
        if text and text[:PREFIX] in rest:
            return kept_text  # the list's other text is kept: a story written as a list
    return "\n".join(lines[widget:])
