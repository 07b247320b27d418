"""A story's lines written loose, as text between line breaks and blocks, made paragraphs.

A story written as lines of text between ``<br>`` and blocks has its text in its container
and in the tails of those blocks, in no element of its own, and trafilatura loses some of
it: each run of loose text in a container written so becomes a ``<p>`` (`wrap_loose_lines`),
as a browser shows it and as Readability wraps it. Between a story's text divs on a page
read in div mode, a loose line becomes a ``<div>`` like them (`loose_lines_as_divs`), and the
words a block cut off from a ``<p>`` become a ``<p>`` of their own
(`rewrap_broken_paragraphs`). `loose_text` is the text of an element that stands in no
block of its own, which the shield and the headline's reading use to find such stories.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement, defs

from workers.pipeline.blocks import BLOCKS, INLINE, div_mode, own_texts
from workers.pipeline.boilerplate import is_shouted, word_count
from workers.pipeline.legal import opens_with_copyright
from workers.pipeline.related import in_page

__all__ = [
    "LINE_CONTAINERS",
    "loose_lines_as_divs",
    "loose_text",
    "remove_microdata",
    "rewrap_broken_paragraphs",
    "wrap_loose_lines",
]

_WORD = re.compile(r"\w+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def loose_text(element: HtmlElement) -> str:
    """The text of `element` that stands in no block of its own: its text, its children's
    tails and the text of its inline children (the shield's story written without ``<p>``,
    the headline's story between ``<br>``)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in INLINE:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join(parts)


#: the elements whose children may be a story's lines written loose between blocks (the
#: shield finds a story written without ``<p>`` by the same elements)
LINE_CONTAINERS = ("div", "article", "section", "main", "td", "blockquote")
#: the block elements a loose line stops at (media are inline here: a line runs past them)
_LINE_BREAKERS = BLOCKS - {"img", "svg", "video", "audio", "picture", "iframe"}
#: a container is written in loose lines when they hold this many words in all, half of its
#: words, and two lines of `_LINE_MIN_WORDS` or more; a line shorter than 3 words stays loose
_LOOSE_MIN_WORDS = 30
_LINE_MIN_WORDS = 8


#: a run of loose text: the element it follows (None: the container's own text first) and
#: the inline elements in it
_Run = tuple[HtmlElement | None, list[HtmlElement]]


def wrap_loose_lines(tree: HtmlElement) -> None:
    """Wrap each run of loose text in a container written in loose lines into a ``<p>``.

    A story written as lines of text between ``<br>`` and blocks (a caption ``<div>``, an
    embedded post, an ad) has its text in the container itself and in the tails of those
    blocks, in no element of its own. trafilatura reads such a container as one paragraph
    only when it holds no block; beside a block it drops the text after the block, or keeps
    only the block: a story of loose lines with one WordPress caption (``<div
    class="wp-caption"><img><p>...</p></div>``) came out as nothing but the caption. A
    browser shows each such run as a paragraph of its own; so does Readability, which wraps
    them in ``<p>`` the same way. Only a container whose loose runs are most of its text is
    changed: elsewhere loose text is a label or a separator between blocks, which the
    extractor judges better where it stands. Link text is not counted as a run's words
    (`_run_words`): lines of links between breaks are a sidebar's list of posts and ads.
    """
    unbroken: list[HtmlElement] = []  # containers of lines and no block
    skipped: list[tuple[HtmlElement, list[_Run], list[int]]] = []  # not written in lines
    containers = [*_unknown_line_containers(tree), *tree.iter(*LINE_CONTAINERS)]
    for container in [c for c in containers if _has_loose_words(c)]:
        if not any(child.tag in _LINE_BREAKERS for child in container):
            unbroken.append(container)
            continue
        runs = _runs(container, _LINE_BREAKERS)
        counts = [_run_words(container, a, i, _count_words) for a, i in runs]
        loose = sum(counts)
        if (
            loose < _LOOSE_MIN_WORDS
            or not _lines_of_text(container)
            or 2 * loose < len(_WORD.findall(container.text_content()))
        ):
            skipped.append((container, runs, counts))
            continue
        if _drop_link_lines(container):
            runs = _runs(container, _LINE_BREAKERS)  # the same words, fewer elements
        paragraphs = 0
        for (before, elements), words in zip(runs, counts, strict=True):
            if words >= 3:
                _wrap_run(container, before, elements)
                paragraphs += 1
        if paragraphs >= 2:
            _text_divs_as_paragraphs(container)
    if div_mode(tree):
        # trafilatura reads a text-only div's lines itself, but of another element's (a
        # <section>'s) it loses the text before the first break
        unbroken = [container for container in unbroken if container.tag != "div"]
    if not unbroken:
        return
    # trafilatura reads no text-only div now (or, in div mode, reads this one's lines but
    # its first): a container of lines would lose its text
    wrapped = [
        container
        for container in unbroken
        if _lines_of_text(container) and not opens_with_copyright(container.text_content())
    ]  # a footer's legal lines stay as they are
    around: set[HtmlElement] = set()  # the elements that hold a wrapped container
    for container in wrapped:
        _wrap_lines(container)
        for ancestor in container.iterancestors():
            if ancestor in around:
                break
            around.add(ancestor)
    # and so would a line of running text beside such a container (the first line of a
    # story above the block that holds its rest)
    for container, runs, counts in skipped:
        if container not in around:
            continue
        for (before, elements), words in zip(runs, counts, strict=True):
            if words >= _LINE_MIN_WORDS:
                _wrap_run(container, before, elements)


#: the elements of HTML, and those of HTML5 that lxml does not list
_HTML_TAGS = frozenset(defs.tags) | {"main", "template", "picture", "svg", "math", "search"}


def _unknown_line_containers(tree: HtmlElement) -> list[HtmlElement]:
    """The elements of no HTML name that hold line breaks: an SEC filing's ``<text>`` of
    its ``<document>`` (EDGAR's wrapping, read as elements), which holds the press release
    as lines between ``<br>``. They come first, before the containers around them, which
    would otherwise take such an element for an inline one and wrap it whole into one
    paragraph. Found by their breaks (a walk of the tree's ``<br>`` in C) rather than by
    reading every element's name."""
    found: dict[HtmlElement, None] = {}
    for br in tree.iter("br"):
        parent = br.getparent()
        if parent is not None and isinstance(parent.tag, str) and parent.tag not in _HTML_TAGS:
            found[parent] = None
    return list(found)


def _text_divs_as_paragraphs(container: HtmlElement) -> None:
    """Make each text div of a container after its first line, now a paragraph, a ``<p>``,
    as `_divs_as_paragraphs` makes a text div among two paragraphs one: it ran while the
    lines were loose text (Politifact's subheadings, ``<div class="pf_subheadline">``,
    between lines of a story written between ``<br>``, and phys.org's "More information:"
    after them, which trafilatura dropped as divs). A label above the lines ("WebMD Health
    News") stays."""
    children = list(container)
    tags = [child.tag for child in children]
    if "p" not in tags:
        return
    for child in children[tags.index("p") + 1 :]:
        if (
            child.tag == "div"
            and _WORD.search(child.text_content())
            and next(child.iterdescendants(*BLOCKS), None) is None
        ):
            child.tag = "p"


def _drop_link_lines(container: HtmlElement) -> bool:
    """Remove each of a container's loose lines that is a link and nothing else, when it is
    shouted in capitals ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'") or comes
    after the container's last line of words of its own (9to5Mac's "Subscribe to the
    9to5Toys YouTube Channel ..." and its three linked video titles). trafilatura drops
    such a line as a paragraph of its own (a link alone, in precision mode; the second
    opinion puts back only what lies between two kept paragraphs, and no shouted line) but
    keeps it among loose lines, where it reads as a sentence of the story. Whether any was."""
    lines = [
        (before, inline, _run_words(container, before, inline, _count_words))
        for before, inline in _runs(container, _LINE_ENDS)
    ]
    # the last line with words outside links
    last = max((at for at, (_, _, words) in enumerate(lines) if words), default=-1)
    dropped = False
    for at, (before, inline, words) in enumerate(lines):
        if not inline or words:
            continue  # no element, or words outside links
        text = _run_text(container, before, inline)
        if _count_words(text) >= 3 and (at > last or is_shouted(text)):
            for element in inline:
                element.drop_tree()  # its tail, white space, stays in place
            dropped = True
    return dropped


def _wrap_lines(container: HtmlElement) -> None:
    """Wrap each line of a container of lines between ``<br>`` (and no block) in a ``<p>``:
    the line's text and inline elements up to the next ``<br>``."""
    for before, elements in _runs(container, _BREAK):
        if word_count(_run_text(container, before, elements)) >= 3:  # a CJK character a word
            _wrap_run(container, before, elements)


def _lines_of_text(container: HtmlElement) -> bool:
    """Whether a container holds lines of text between ``<br>`` and blocks: two lines of
    `_LINE_MIN_WORDS` words or more, `_LOOSE_MIN_WORDS` in all."""
    # a block's own words are no loose line; a CJK character is a word
    runs = _runs(container, _LINE_ENDS)
    counts = [_run_words(container, before, inline, word_count) for before, inline in runs]
    return sum(counts) >= _LOOSE_MIN_WORDS and sum(n >= _LINE_MIN_WORDS for n in counts) >= 2


def _has_loose_words(container: HtmlElement) -> bool:
    """A quick look first: most containers hold elements and white space between them.

    Loose words are the container's own text, or the text of styling elements each followed
    by a line break (two such lines at least): an old editor writes each paragraph as
    ``<span style=...>...</span><br><br>`` (or in ``<font>``), which a browser shows as lines
    of text just the same."""
    if any(
        not text.isspace() and len(_WORD.findall(text)) >= 3 for text in own_texts(container)
    ):
        return True
    if container.find("br") is None:
        return False
    lines = 0
    for child in container:
        if child.tag in _STYLING and _breaks_after(child):
            lines += len(_WORD.findall(child.text_content())) >= 3
            if lines == 2:
                return True
    return False


def _breaks_after(element: HtmlElement) -> bool:
    """Whether a line break follows `element`, with nothing but white space between."""
    following = element.getnext()
    return following is not None and following.tag == "br" and not (element.tail or "").strip()


#: the elements an editor wraps a line of text in for its look alone
_STYLING = frozenset("span font b strong em i u small".split())


#: the line break, as a set of elements a run stops at
_BREAK = frozenset(("br",))
#: what ends a line of loose text: a line break or a block
_LINE_ENDS = _LINE_BREAKERS | _BREAK


def _runs(container: HtmlElement, breakers: frozenset[str]) -> list[_Run]:
    """The runs of `container`'s loose text between its children of the `breakers` tags:
    each the element it follows (None for the first) and the other children in it."""
    runs: list[_Run] = [(None, [])]
    for child in container:
        if child.tag in breakers:
            runs.append((child, []))
        else:
            runs[-1][1].append(child)
    return runs


def _run_text(
    container: HtmlElement, before: HtmlElement | None, inline: list[HtmlElement]
) -> str:
    lead = container.text if before is None else before.tail
    parts = [lead or ""]
    for element in inline:
        if isinstance(element.tag, str):
            parts.append(element.text_content())
        parts.append(element.tail or "")
    return " ".join(parts)


def _run_words(
    container: HtmlElement,
    before: HtmlElement | None,
    inline: list[HtmlElement],
    count: Callable[[str], int],
) -> int:
    """The words of a run of loose text (`_run_text`) outside links, as `count` counts
    them: a sidebar's lines of links between ``<br>`` (a blog's list of its own posts and
    ads) are a list, not a story's lines, whatever their length."""
    words = count(_run_text(container, before, inline))
    for element in inline:
        if isinstance(element.tag, str):
            words -= sum(count(link.text_content()) for link in element.iter("a"))
    return words


def _count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _wrap_run(
    container: HtmlElement,
    before: HtmlElement | None,
    inline: list[HtmlElement],
    tag: str = "p",
) -> None:
    paragraph = container.makeelement(tag, {})
    if before is None:
        paragraph.text, container.text = container.text, None
        container.insert(0, paragraph)
    else:
        paragraph.text, before.tail = before.tail, None
        before.addnext(paragraph)
    for element in inline:
        paragraph.append(element)  # moved with its tail


#: the blocks at whose start libxml2's HTML parser closes an open ``<p>`` (the HTML standard
#: closes it at more, ``<aside>`` and ``<figure>`` among them; libxml2 leaves those inside)
_PARAGRAPH_CLOSERS = (
    "div", "table", "ul", "ol", "dl", "blockquote", "form", "pre", "hr", "center", "address",
    "fieldset", *_HEADINGS,
)  # fmt: skip
#: a remainder of fewer words is a label or a separator more often than a paragraph's end
_REMAINDER_MIN_WORDS = 8


def rewrap_broken_paragraphs(tree: HtmlElement) -> None:
    """Wrap the words a block cut off from a ``<p>`` into a ``<p>`` of their own (repair 8).

    The remainder runs from the block's tail over the inline elements after it, up to the
    next block, as a browser shows it.
    """
    blocks = [
        block
        for block in tree.iter(*_PARAGRAPH_CLOSERS)
        if block.tail and not block.tail.isspace()  # the cheap test first: most have none
    ]
    for block in blocks:
        previous, container = block.getprevious(), block.getparent()
        if previous is None or previous.tag != "p" or container is None:
            continue
        inline: list[HtmlElement] = []
        following = block.getnext()
        while following is not None and following.tag not in _LINE_BREAKERS:
            inline.append(following)
            following = following.getnext()
        if len(_WORD.findall(_run_text(container, block, inline))) >= _REMAINDER_MIN_WORDS:
            _wrap_run(container, block, inline)


def loose_lines_as_divs(container: HtmlElement) -> None:
    """Wrap each line of loose text between a story's text divs, read in div mode, in a
    ``<div>`` of its own, as its paragraphs are: trafilatura reads a run of loose text as
    one line, across its line breaks (Moneycontrol's disclaimer, "<em>Disclaimer: ...
    decisions.</em><br><br><a>Get access to ... Moneycontrol Pro for as little as Rs 599
    ...</a>", one line under the bench's ``--div-paragraphs``, which no rule could drop
    whole). A div, not a ``<p>``: text in a ``<p>`` would end the page's div mode. A
    container whose loose lines are half its words or more is written in lines, not in
    divs, and `wrap_loose_lines` reads it."""
    runs = _runs(container, _LINE_ENDS)
    counts = [_run_words(container, before, elements, _count_words) for before, elements in runs]
    if 2 * sum(counts) >= len(_WORD.findall(container.text_content())):
        return
    for (before, elements), words in zip(runs, counts, strict=True):
        if words >= 3:
            _wrap_run(container, before, elements, "div")


#: an inline microdata item: its properties' values written out for machines
_MICRODATA_ITEMS = etree.XPath("//span[@itemscope]")


def remove_microdata(tree: HtmlElement) -> None:
    """Remove each inline microdata item whose words are all its properties' values and
    include an address, with the value-only properties beside it: a theme's structured
    data, hidden by its style sheet (Enfold's ``<span class="av-structured-data"
    itemprop="image" itemscope><span itemprop="url">http://.../photo.jpeg</span><span
    itemprop="height">1200</span>...``, then its author's, dates' and headline's spans).
    Between a story's loose lines it read as a line of addresses, numbers, dates and the
    headline again (a theatre's blog under the bench's ``--br-paragraphs``); a reader sees
    nothing there. An item or a property with words of its own outside its values, or with
    words between it and the item, is left alone: a byline's ``<span itemprop="author">``
    in running text."""
    for item in _MICRODATA_ITEMS(tree):
        if not in_page(item) or not _values_only(item) or "://" not in item.text_content():
            continue  # gone with an item before it, or no machine's values
        run = [item]
        before = item  # the properties after it: no words between any two
        for sibling in item.itersiblings():
            if (before.tail or "").strip() or not _value_property(sibling):
                break
            run.append(sibling)
            before = sibling
        for sibling in item.itersiblings(preceding=True):
            if (sibling.tail or "").strip() or not _value_property(sibling):
                break
            run.append(sibling)
        for element in run:
            element.drop_tree()  # its tail stays


def _value_property(element: HtmlElement) -> bool:
    """Whether `element` is a span of a property's value alone."""
    return element.tag == "span" and element.get("itemprop") is not None and _values_only(element)


def _values_only(item: HtmlElement) -> bool:
    """Whether all the text in `item` is the value of a property (its own, or its
    descendants'): the text of a property that is no item of its own."""
    if (item.text or "").strip() and not _value(item):
        return False
    for element in item.iterdescendants():
        if (element.tail or "").strip():
            return False
        if isinstance(element.tag, str) and (element.text or "").strip() and not _value(element):
            return False
    return True


def _value(element: HtmlElement) -> bool:
    return element.get("itemprop") is not None and element.get("itemscope") is None
