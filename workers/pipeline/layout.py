"""Layout tables: a page laid out with ``<table>``, whose cell holds the story.

Sites built before style sheets did layout (and many small news sites, shops and blogs still
built so) put the navigation in one cell and the story in the next. trafilatura reads every
``<table>`` as a data table (with ``include_tables``, which real data tables in stories need):
the story cell comes out as one table row, its paragraphs run together with the navigation
("| Home News Sport | The promise of Google Stadia ..."), and lists and embedded posts inside
it are lost. Without ``include_tables`` the story would be lost whole.

A table is a layout table when one of its own cells holds the structure of a page rather than
a value: two paragraphs or more of running text (`_MIN_WORDS` words each, in ``<p>`` or in a
block of its own), or a heading and a paragraph. Such a table, its rows and its cells become
``<div>`` elements, as a browser without tables would lay them out, and the extractor reads
the cells as the blocks of a page. A data table's cells hold a figure, a name or a sentence;
they stay a table. Tables inside a layout table are judged on their own.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

__all__ = ["unwrap_layout_tables"]

#: a paragraph of running text has at least this many words
_MIN_WORDS = 8
#: the blocks whose text counts as a paragraph of the cell
_TEXT_BLOCKS = ("p", "div", "blockquote", "li")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: the parts of a table's own structure, which become divs with it
_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th", "caption")
#: presentational attributes of layout tables, meaningless on a div
_LAYOUT_ATTRIBUTES = (
    "width", "height", "border", "cellpadding", "cellspacing", "align", "valign", "bgcolor",
    "colspan", "rowspan", "nowrap", "background", "summary", "frame", "rules",
)  # fmt: skip
_WORD = re.compile(r"\w+")


def _own_parts(table: HtmlElement) -> list[HtmlElement]:
    """The sections, rows and cells of `table` itself, not of the tables inside it."""
    parts: list[HtmlElement] = []
    stack = [child for child in table if isinstance(child.tag, str)]
    while stack:
        element = stack.pop()
        if element.tag in _PARTS:
            parts.append(element)
            if element.tag not in ("td", "th", "caption"):
                stack.extend(child for child in element if isinstance(child.tag, str))
    return parts


def _own_text_words(element: HtmlElement) -> int:
    """Words of `element`'s own text and of its inline children's, not of blocks inside it."""
    words = len(_WORD.findall(element.text or ""))
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _TEXT_BLOCKS + _HEADINGS:
            words += len(_WORD.findall(child.text_content()))
        words += len(_WORD.findall(child.tail or ""))
    return words


def _holds_a_page(cell: HtmlElement) -> bool:
    """Two paragraphs of running text, or a heading and one, somewhere inside the cell
    (inside the tables in it too: a cell that holds a layout table holds the page)."""
    paragraphs = 0
    heading = False
    for element in cell.iter(*_TEXT_BLOCKS, *_HEADINGS):
        if element.tag in _HEADINGS:
            heading = heading or bool(_WORD.search(element.text_content()))
            continue
        if _own_text_words(element) >= _MIN_WORDS:
            paragraphs += 1
            if paragraphs >= 2 or heading:
                return True
    return False


def unwrap_layout_tables(tree: HtmlElement) -> None:
    """Write every layout table of the page, with its rows and cells, as ``<div>``."""
    for table in list(tree.iter("table")):
        parts = _own_parts(table)
        if not any(part.tag in ("td", "th") and _holds_a_page(part) for part in parts):
            continue
        for element in (table, *parts):
            element.tag = "div"
            for name in _LAYOUT_ATTRIBUTES:
                element.attrib.pop(name, None)
        for col in table.findall("colgroup") + table.findall("col"):
            col.drop_tree()
