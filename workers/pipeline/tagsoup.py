"""Page sources that libxml2 reads as less than a browser shows: three ways text was lost.

lxml's HTML parser (libxml2) and a browser agree on nearly every page, but not on three
kinds of broken markup, and in each libxml2 drops text silently, so a page with a story
gave a short story or none ("no article text could be extracted"):

1. a self-closing root, ``<html lang="de" />`` (XHTML templates of the 2000s): libxml2
   closes the document there and the tree is empty. A browser ignores the slash.
   trafilatura's own loader repairs this when the tag ends its line; newsrelay parses the
   page itself, so it repairs it here, wherever it ends (`open_self_closed_root`).
2. an ``</html>`` before the end of the page (a widget's or a footer's template that closes
   the document, included mid-page): libxml2 reads no text after it, though it goes on
   reporting the end tags it meets. A browser ignores the end tag and reads on, so the end
   tags are removed (`drop_early_html_ends`). A widget written as a whole document of its own,
   ``<html>`` to ``</html>``, closes only itself, in both.
3. nesting deeper than libxml2's limit of 256 elements (pages that open a ``<font>``,
   ``<span>`` or ``<div>`` per paragraph and never close it, 300 times): libxml2 stops at
   the limit with a fatal error and the rest of the page is lost. Chrome keeps such
   elements at its own limit (512) as siblings rather than children, so every word stays.
   `flatten_nesting` does the same to the source when the parser reports the error: start
   tags past `MAX_DEPTH` open elements are dropped with their end tags, and their text is
   kept where it was; paragraphs and headings there keep their own elements.

Pure functions of the page's source; `workers.pipeline.extract.parse_html` calls them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["MAX_DEPTH", "drop_early_html_ends", "flatten_nesting", "open_self_closed_root"]

#: open elements kept by `flatten_nesting`: below libxml2's 256, with room for the elements
#: it adds itself (``<html>``, ``<body>``, a ``<tbody>`` or ``<p>`` it implies)
MAX_DEPTH = 200
#: ... except for paragraphs, headings and list items, which may open this many levels more,
#: so that the text past the limit keeps its paragraphs (a ``<font>`` or ``<div>`` left open
#: per paragraph is dropped there, the ``<p>`` beside it stays)
_PARAGRAPH_ROOM = 16
_PARAGRAPHS = frozenset("p h1 h2 h3 h4 h5 h6 li dt dd pre blockquote".split())
#: the root's start tag, in the page's first bytes (closed by itself when it ends in "/>")
_ROOT_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_ROOT_SEARCH_BYTES = 4096
_HTML_END_TAG = re.compile(rb"</html\s*>", re.IGNORECASE)
#: an end tag with more than white space after it (one case-blind scan: three `bytes.find`
#: calls for its spellings took three times as long)
_HTML_END_BEFORE_MORE = re.compile(rb"</html\s*>\s*\S", re.IGNORECASE)

#: elements without content: they never add a level
_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param "
    "source track wbr".split()
)
#: an element that a start tag of the same name closes, and the elements that bound the
#: search for it (a nested list's ``<li>`` does not close the outer list's)
_CLOSED_BY_SAME = {
    "li": frozenset({"ul", "ol", "menu"}),
    "dt": frozenset({"dl"}),
    "dd": frozenset({"dl"}),
    "tr": frozenset({"table", "tbody", "thead", "tfoot"}),
    "td": frozenset({"tr", "table"}),
    "th": frozenset({"tr", "table"}),
    "option": frozenset({"select", "datalist"}),
}
#: start tags that close an open ``<p>`` (HTML's rule: a block cannot sit inside a paragraph)
_CLOSES_P = frozenset(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
)


def open_self_closed_root(data: bytes) -> bytes:
    """`data` with a self-closing root, ``<html lang="de" />``, written as a start tag
    (case 1 of the module's docstring); `data` itself when its root is not so written.

    It costs a search of the page's first 4 KiB, so it runs on every page before the parse.
    """
    root = _ROOT_TAG.search(data, 0, _ROOT_SEARCH_BYTES)
    if root is None:
        return data
    inside = root.group()[:-1].rstrip()
    if not inside.endswith(b"/"):
        return data
    return data[: root.start()] + inside[:-1].rstrip() + b">" + data[root.end() :]


def drop_early_html_ends(data: bytes) -> bytes:
    """`data` without its ``</html>`` end tags when one of them has more than white space
    after it (case 2); `data` itself otherwise, as on the usual page, whose one end tag
    is its end.

    One scan of the page (0.1 ms on a news page of 500 KB, 1 % of an extraction), so the
    parse calls it only when libxml2 reported markup it had to repair: the end tags that
    follow an early ``</html>`` (the page's own ``</div>``, ``</body>``) are such errors,
    and most pages have none.
    """
    if _HTML_END_BEFORE_MORE.search(data) is None:
        return data
    return _HTML_END_TAG.sub(b"", data)


def flatten_nesting(text: str, max_depth: int = MAX_DEPTH) -> str:
    """`text` with the start tags that would open more than `max_depth` elements dropped,
    and their end tags with them; every character of text stays (case 3).

    A tokenizer pass in Python (Python's `html.parser`: about 0.4 s for 100,000 tags), run
    only on the pages where libxml2 reported the limit. Its count of open elements follows
    the rules that close elements implicitly only as far as `_CLOSED_BY_SAME` and
    `_CLOSES_P` go, so it may count more levels than libxml2 builds, never fewer by more
    than the elements libxml2 adds itself: it may drop a tag that could have stayed, which
    loses markup, not text.
    """
    flattener = _Flattener(max_depth)
    flattener.feed(text)
    flattener.close()
    return "".join(flattener.out)


class _Flattener(HTMLParser):
    """Writes the page back token by token, leaving out start tags past the depth limit.

    `stack` holds every element open at this point of the source, innermost last, each with
    whether its start tag was written; `kept` counts those written, the depth libxml2 sees.
    """

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.kept = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            self.out.append(raw)
            return
        self._close_implied(tag)
        room = _PARAGRAPH_ROOM if tag in _PARAGRAPHS else 0
        written = self.kept < self.max_depth + room
        self.stack.append((tag, written))
        if written:
            self.kept += 1
            self.out.append(raw)

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P and self.stack and self.stack[-1][0] == "p":
            self._close_from(len(self.stack) - 1)
        bounds = _CLOSED_BY_SAME.get(tag)
        if bounds is None:
            return
        for at in range(len(self.stack) - 1, -1, -1):
            name = self.stack[at][0]
            if name == tag:
                self._close_from(at)
                return
            if name in bounds:
                return

    def _close_from(self, at: int) -> list[tuple[str, bool]]:
        """Pops the elements from `at` up, as libxml2 closes them: without end tags."""
        closed = self.stack[at:]
        del self.stack[at:]
        self.kept -= sum(written for _, written in closed)
        return closed

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        for at in range(len(self.stack) - 1, -1, -1):
            if self.stack[at][0] == tag:
                if self._close_from(at)[0][1]:
                    self.out.append(f"</{tag}>")
                return
        self.out.append(f"</{tag}>")  # an end tag with no element open: libxml2 ignores it

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """A marked section as `html.parser` reads it, or one it cannot read
        (``<![endif-typo ...``, on which Python 3.11 raises `AssertionError`) written back as
        it stands, up to its ``>``: libxml2 makes of it what it does either way."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self._verbatim_to_gt(i)

    def parse_declaration(self, i: int) -> int:
        """A ``<!DOCTYPE ...>`` as `html.parser` reads it, or one it cannot read written back
        as it stands, as `parse_marked_section` does."""
        try:
            return super().parse_declaration(i)
        except AssertionError:
            return self._verbatim_to_gt(i)

    def _verbatim_to_gt(self, i: int) -> int:
        end = self.rawdata.find(">", i + 2)
        if end < 0:
            return -1  # incomplete: the parser waits for more, or writes it as text at close
        self.out.append(self.rawdata[i : end + 1])
        return end + 1
