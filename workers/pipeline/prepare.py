"""Tree repairs before trafilatura: ten general losses of story text, and losses of precision.

trafilatura reads a page by its markup, and ten of its rules drop text that is part of the
story on any site that happens to write its markup that way. Each repair below changes only
the markup that triggers the loss, and only where the element sits *inside running text or
among the story's paragraphs*, so the extractor's own judgement of which container is the
article stays as it was:

1. embedded posts: a ``<blockquote class="twitter-tweet">`` (or Instagram, TikTok, Threads,
   Bluesky, Mastodon embed) is quoted material of the story, and the benchmark's annotators
   keep it; trafilatura keeps it too, except when a wrapper's class names "social" or
   "embed" and its boilerplate rules remove the wrapper. Such wrappers are unwrapped.
2. a phrase in the middle of a sentence: ``<span class="link"><a ...>the NFL will fine
   Rudolph</a></span>`` is removed by the precision rules, which target link *lists* with
   class "link"/"bottom" or a bordered box, and the sentence loses its object. An inline
   element with words on both sides inside a paragraph (a ``<p>``, or a ``<div>`` that holds
   running text itself, as on sites that write paragraphs as divs; the pop-up cards below are
   looked for in the same places) is part of that sentence, so those class tokens and styles
   are taken off it (never "hidden"/display:none ones); so are names for which the
   Readability fallback deletes any element ("popup", "comment", "footer"...; on a page it
   reads in div mode, a study site's glossary links took a word or two from every sentence).
3. a paragraph in a ``<div>`` (or ``<section>``) of its own, as component-built sites
   write every paragraph (``<div class="text-block"><p>...</p></div>``, one after another):
   trafilatura's link density rules for ``<div>`` are stricter than for ``<p>``, at the
   start and end of the story most of all, and a first or last paragraph with a link in it
   was dropped. A run of three or more such wrappers of one element and class in one
   container, whose paragraphs average 15 words or more and are mostly not link text (a
   related list's are nearly all), is unwrapped; the wrapper's class names go onto the
   paragraph, so class rules still apply.
4. a ``<div>`` used as a paragraph or subheading between ``<p>`` siblings ("Who pays the cost
   of a tariff?") is dropped whole, even when it holds a long paragraph: trafilatura only
   reads a text-only div as a paragraph when the container has no ``<p>``. Such a div is
   read as a ``<p>`` when it holds text and no block element and at least two of its
   siblings are paragraphs. Class-named boilerplate (captions, share rows, ads, bylines) is
   still removed by trafilatura's own class rules, which apply to ``<p>`` as well, and the
   cleaning pass removes the text-only kinds. A story written wholly as text-only divs (an
   editor such as Trix) is lost the same way whenever the page has 250 characters of
   ``<p>`` text anywhere (teaser cards' standfirsts, a footer): trafilatura tests the whole
   page, not the story's container, before it reads divs as paragraphs. Runs of three or
   more text-only divs in one container that average 15 words (8, when they hold 250
   together: a meal plan's short lines among its sentences), none holding half of them
   (a page's copy of its story for scripts beside its title), are mostly not link text,
   and together hold more words than any container's ``<p>`` children are read as ``<p>``
   too (the bench's ``--div-story`` probe: 0.9372 -> 0.9892); where the page has less
   ``<p>`` text, trafilatura reads the divs itself and the repair leaves them divs, but
   takes the links out of those whose words are mostly not link text: trafilatura's
   precision mode deletes a short div that holds a link as a menu's (a story's last line,
   "... Read our review here."; ``--div-paragraphs`` 0.9662 -> 0.9685), and from the text
   divs of a quote among them (an embedded post's text and its author's "— Name (@handle)
   November 18, 2019", whose date is a link), each of which ends in a line break: in div
   mode trafilatura writes a quote's divs as one line; and a loose line between the story's
   text divs becomes a div of its own (`lines.loose_lines_as_divs`). A div
   that opens with a picture is a text div too when it holds 15 words and no name of a
   picture's block (TMZ's "<div><img ...><strong>Lupita Nyong'o</strong>'s now-famous Oscar
   dress ..."; a caption's "media" block and a social box's icons stay out).
5. a heading with a ``<div>`` inside (invalid HTML that CMS editors produce with spacer
   divs, ``<h2><strong><div class="spacer"></div>Menu for Plan A</strong></h2>``) is dropped
   whole; the divs are unwrapped so the heading is a heading again.
6. an empty element (``<span id="ref-3"></span>``, ``<div class="fake-br"></div>``) is
   deleted in precision mode *together with the text after it*, so a paragraph loses
   everything from an empty anchor onwards. An empty inline element followed by three words
   or more is removed with its text kept; an empty block becomes the line break it stands
   for. Inside a link or button the rule stands: there it removes icon labels ("Share on
   Facebook"). Empty also means empty once trafilatura's cleaning has run (an image's
   ``<div>``, an ad slot's ``<ins>``, a video's ``<iframe>`` go before this rule does), and a
   block of no words at all (a gallery of linked thumbnails, a ``<section>`` around a
   picture) counts too, since some of trafilatura's rules delete it with the text after it
   in both modes. On a site that writes its story as lines of text between such blocks
   (``<br><br>``, no ``<p>``), the line after every picture, ad or video was lost.
7. a story written as loose lines of text between ``<br>`` and blocks (a caption, an embedded
   post) has no element of its own for its paragraphs; beside a block trafilatura drops the
   text after it or keeps nothing but the block. In a container whose text is mostly such
   loose lines, each line is wrapped in a ``<p>``, as a browser and Readability read it
   (`lines.wrap_loose_lines`). A line an old editor wrapped in a ``<span style>`` or ``<font>``
   between the line breaks is a loose line too. A container of lines and no block is read
   by trafilatura only while the page holds under 250 characters of ``<p>`` text; once it
   holds more (a container of lines beside a picture, wrapped here, takes a page of lines
   over that mark), each such container's own text went (the first line of each section of
   a story split by pictures: Readability's keep-images page under ``--br-paragraphs``
   0.891 -> 0.981), and its lines are wrapped too, a ``<p>`` each; so are those of a
   container of lines that is no ``<div>`` (a ``<section>``) on a page with less, of which
   trafilatura loses the first line (CBS News's under ``--br-paragraphs`` 0.944 -> 1.000).
   Lines are counted between line breaks and blocks alike, a Chinese or Japanese character
   a word.
8. a paragraph that a block interrupts: a CMS that puts a related-stories box, an image
   container or an ad slot inside a ``<p>`` (``<p><div class="related">...</div>SAN
   FRANCISCO (AP) - Steve Jobs ...</p>``) writes markup that HTML parsers repair by closing
   the paragraph at the block, so the words after the block are left loose in the story's
   container, and all three extraction modes drop them: on Yahoo's page the story's first
   paragraph was lost. Text of eight words or more right after a block that follows a
   ``<p>`` is that paragraph's remainder and is wrapped in a ``<p>`` of its own
   (`lines.rewrap_broken_paragraphs`). Both repairs live in `workers.pipeline.lines`.
9. a paragraph of the story marked for a style sheet: trafilatura's precision rule deletes
   every ``<p>`` whose style mentions a border or whose class or id holds "link" or a word
   that starts or ends with "bottom", a rule meant for link lists and boxes. An editor that
   pastes text from another page brings "border: 0px" along on every paragraph, and the
   story went (the bench's ``--pasted-styles`` probe: 0.9418 -> 0.9898); on the story's
   own box ("border: 0px; margin: 0px auto"), the whole story. A style's borders of no
   width or none draw nothing, and lose their declarations on any element
   (`_drop_invisible_borders`). A ``<p>`` of running text (eight words or more, at most
   half of them link text) with a visible border or such a name loses those marks between
   two paragraphs of running text; at either end of the story, only when it runs to 20
   words, since a bordered box or a "bottom" line there is often a note of a sentence or
   two (a comment policy), which stays as trafilatura judges it (`_protect_paragraphs`;
   ``--paragraph-marks``: 0.9793 -> 0.9921), or when two paragraphs of running text follow
   it: the story's short first paragraph (The Republic's, under a "Staff Reports" line; a
   blogger's disclosure, which the annotators keep). A shorter line that is no link loses
   them between two of the story's lines (a subheading or a paragraph each side: a meal
   plan's "Eat every 2-3 hours" under each meal's heading).
   The story's container and its wrappers lose a visible border too
   (`workers.pipeline.shield`).
10. a subheading whose words link to itself (``<h2><a href="#why-it-matters">Why it
   matters</a></h2>``, for a table of contents) is all link text, and precision mode
   deletes headings by their link density. Links to a place on the page (not the scripts'
   bare "#") that hold a heading's words are unwrapped, the words kept
   (`_unlink_heading_anchors`; ``--linked-headings``: 0.9932 -> 0.9945). An icon's anchor
   beside the words (GitHub's) holds no words and stays.

And losses of precision. The pop-up card that opens over a name in running text (a
``<span class="rollover-people-block">`` with a photo and links to other stories, inside the
``<p>``) is kept by trafilatura as part of the sentence. A "rollover"/"tooltip"/"popover"/
"hovercard" element inside a paragraph that holds an image or two links is removed, and so is
such an element of any class that follows a link and opens with a link to the same place or
of the same words (the card's heading repeats the name it opens over); the name stays.
A row of labels laid out by a style sheet (``<span>1.2K</span><span>Shares</span>``, a
teaser's label before its headline) has no space between its elements, and their words,
run together ("2KShares", "ReadGovernor"), matched no cleaning rule; a space is put between
them where the join makes one word of two (`_space_between_labels`). Where an inline
element's words change script at its edge, Chinese or Japanese on one side and Latin letters
on the other ("アプリ<a>Kindle for PC</a>に関する話"), a space goes there too, as CJK
typesetting spaces Latin words and as the benchmark's annotators wrote each such edge
(`_space_at_script_changes`); a drop capital's Latin edge ("T<span>he</span>") stays joined.
trafilatura deletes a picture's caption by its name, "caption" in a block's class or id, but
in that case only: Express's "newsCaption" spans were read as lines of the story once its
paragraphs were divs (``--div-paragraphs``); on a page read in div mode such a block is
named "caption" too (`_name_captions`). So is a short ``<p>`` or text ``<div>`` that shares
a ``<div>`` with a picture and nothing else, a figure written without ``<figure>`` (BBC
Chinese's, whose caption came in once its class was scrambled), and a ``<p>`` or text
``<div>`` near a picture that repeats its alternative text or the start of it (Fox
Business's video card; a gallery whose alt text adds the credit: `_name_picture_captions`).
Newsletter sign-up boxes and reader comments are removed by modules of their own
(`workers.pipeline.signup`, `workers.pipeline.threads`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from workers.pipeline.blocks import (
    BLOCKS,
    BLOCKS_BUT_PICTURES,
    INLINE,
    PICTURES,
    div_mode,
    holding,
    own_texts,
)
from workers.pipeline.boilerplate import CJK_CHAR, CJK_RANGES, word_count
from workers.pipeline.lines import (
    loose_lines_as_divs,
    remove_microdata,
    rewrap_broken_paragraphs,
    wrap_loose_lines,
)

__all__ = ["class_and_id", "drop_borders", "drop_declarations", "repair_tree", "set_attribute"]

_EMBED_CLASSES = re.compile(
    r"\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|text-post-media|"
    r"bluesky-embed|mastodon-embed|fb-xfbml-parse-ignore)\b"
)
#: what a wrapper of an embedded post is called when trafilatura's rules remove it
_EMBED_WRAPPER = re.compile(r"social|embed|share|twitter|tweet|instagram", re.IGNORECASE)

#: trafilatura's precision rule: the class/id token "link", a token starting or ending with
#: "bottom", or a bordered style
_PRECISION_TARGET = re.compile(r"(?:^|\s)link(?:\s|$)|(?:^|\s)bottom|bottom(?:\s|$)")
_HIDDEN = re.compile(r"hidden|\bhide\b|-hide|sr-only|visually-hidden|screen-reader", re.I)

#: the names of a picture's block, whose text is its caption
_PICTURE_NAMES = re.compile(
    r"media|image|img|photo|picture|figure|caption|gallery|video|slide", re.IGNORECASE
)
_WORD = re.compile(r"\w+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: a link to a place on the page itself ("#why-it-matters"), not the script's "#" alone
_SELF_ANCHOR = re.compile(r"#[^\s#]")


def repair_tree(tree: HtmlElement) -> None:
    """Apply the repairs in place (see the module docstring)."""
    if div_mode(tree):  # elsewhere a caption's block is no paragraph, and is not read
        _name_captions(tree)
        _break_quote_lines(tree)
    _name_picture_captions(tree)
    _space_between_labels(tree)  # while a row of labels is still a <div>, not read as a <p>
    _space_at_script_changes(tree)
    _unwrap_embeds(tree)
    _unwrap_paragraph_wrappers(tree)
    _protect_inline_phrases(tree)
    _divs_as_paragraphs(tree)
    _drop_invisible_borders(tree)
    _protect_paragraphs(tree)  # after the divs that are paragraphs became <p>
    _unwrap_divs_in_headings(tree)
    _unlink_heading_anchors(tree)
    _remove_hover_cards(tree)
    rewrap_broken_paragraphs(tree)
    _keep_text_after_empty_elements(tree)
    remove_microdata(tree)  # before a story's loose lines are read as paragraphs
    wrap_loose_lines(tree)


#: a picture's caption named in another case than trafilatura's rule looks for ("newsCaption",
#: "imageCaption": its rule is ``contains(@class, 'caption')``), in the blocks it tests; a
#: block named for having none ("withoutCaption") is a picture's alone
_CAMEL_CAPTIONS = etree.XPath(
    "//*[self::div or self::p or self::section or self::span]"
    "[contains(translate(@class, 'CAPTION', 'caption'), 'caption') and not(contains(@class,"
    " 'caption')) or contains(translate(@id, 'CAPTION', 'caption'), 'caption') and not("
    "contains(@id, 'caption'))]"
)
_NO_CAPTION = re.compile(r"(?:without|no)[-_]?caption", re.IGNORECASE)


def _name_captions(tree: HtmlElement) -> None:
    """Name the captions that trafilatura's rule misses for their case "caption" too, so
    that it deletes them as it deletes the rest (with a page's paragraphs written as divs,
    Express's "newsCaption" spans were read as paragraphs of the story). Only a page that
    trafilatura reads in div mode needs it: the search takes a millisecond a page."""
    for element in _CAMEL_CAPTIONS(tree):
        if not _NO_CAPTION.search(class_and_id(element)):
            _name_caption(element)


def _break_quote_lines(tree: HtmlElement) -> None:
    """End each text div of a quote that more of the quote follows with a line break: in
    div mode trafilatura writes a quote's divs as one line ("... https://t.co/HO1ZRs9T1P—
    tall glass of coquito (@_orabora) November 19, 2019", an embedded post's text and its
    author), and a line break is a line of its own to it."""
    for quote in tree.iter("blockquote"):
        holders = holding(quote, BLOCKS_BUT_PICTURES)
        for div in quote.iter("div"):
            if div in holders:
                continue
            following = div.getnext()
            if _WORD.search(div.tail or "") or (
                following is not None and _WORD.search(following.text_content())
            ):
                # trafilatura drops a line break that nothing follows, not even a space
                etree.SubElement(div, "br").tail = "\n"


def _name_caption(element: HtmlElement) -> None:
    """Add "caption" to the element's class, the name trafilatura deletes captions by."""
    set_attribute(element, "class", f"{element.get('class') or ''} caption".strip())


#: a caption under a picture is a sentence or two
_CAPTION_MAX_WORDS = 30


def _name_picture_captions(tree: HtmlElement) -> None:
    """Name "caption" a picture's caption written as a ``<p>`` or a text ``<div>``
    (`_paragraph_like`), so that trafilatura deletes it as it deletes a caption so named: a
    short one that shares a ``<div>`` with the picture and nothing else, a figure written
    without ``<figure>`` (BBC Chinese's "<div><img><p>梁振英同时遭到泛民主派和亲北京阵营议员质问。
    </p></div>", its class scrambled by the bench), and one near a picture whose words are
    its alternative text or open it (Fox Business's video card, whose description repeats
    its still's; a gallery's caption, whose picture's alt text adds the credit). A story's
    paragraph beside a picture shares its block with the story's other paragraphs, and says
    more than the picture's description."""
    described: list[tuple[HtmlElement, tuple[str, ...]]] = []  # (box, alt words)
    for image in tree.iter("img"):
        holder, box = image, image.getparent()
        while box is not None and box.tag in INLINE:
            holder, box = box, box.getparent()  # the picture's link
        if box is None:
            continue
        caption = _alone_with(box, holder)
        if caption is not None:
            _name_caption(caption)
            continue
        alt = image.get("alt") or ""
        if alt.count(" ") >= _ALT_MIN_WORDS - 1:  # a cheap first look
            words = tuple(_WORD.findall(alt.casefold()))
            if len(words) < _ALT_MIN_WORDS:
                continue
            if box.tag == "div" and words == tuple(_WORD.findall(box.text_content().casefold())):
                _name_caption(box)  # a slide: the picture, and its description as its words
            else:
                described.append((box, words))
    if not described:
        return
    # the page's paragraphs that open as a description does, by their words, read once
    firsts = {words[0] for _, words in described}
    paragraphs: dict[tuple[str, ...], list[HtmlElement]] = {}
    for paragraph in _candidates(tree, [box for box, _ in described]):
        # its own first words when it opens with them: the whole text is read only then,
        # or when it opens with an element (Mediapart's picture, a <span>); a div that
        # opens with a block is a block of blocks, whose text a text div inside it holds
        first = _WORD.search(paragraph.text or "")
        if first is None:
            opening = paragraph.find("*")  # its first element, in C
            if paragraph.tag == "div" and (opening is None or opening.tag not in INLINE):
                continue
            first = _WORD.search(paragraph.text_content())
        if first is None or first.group().casefold() not in firsts:
            continue
        if _paragraph_like(paragraph):
            words = tuple(_WORD.findall(paragraph.text_content().casefold()))
            paragraphs.setdefault(words, []).append(paragraph)
    for box, words in described:
        # the description whole, or its start: a gallery's alt text adds the photo's credit
        # ("... in Las Vegas. Photo: John Locher, AP / Copyright 2019 ...")
        for length in range(len(words), _ALT_MIN_WORDS - 1, -1):
            found = paragraphs.get(words[:length])
            caption = _near(box, found) if found else None
            if caption is not None:
                _name_caption(caption)
                break


def _candidates(tree: HtmlElement, boxes: list[HtmlElement]) -> Iterator[HtmlElement]:
    """The page's ``<p>``, and the ``<div>`` inside the boxes' ancestors `_ALT_LEVELS`
    levels up (where `_near` looks): a page holds thousands of wrapper divs, and reading
    them all cost a third of a millisecond a page."""
    yield from tree.iter("p")
    tops: dict[HtmlElement, None] = {}
    for box in boxes:
        top = box
        for _ in range(_ALT_LEVELS - 1):
            parent = top.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            top = parent
        tops[top] = None
    for top in tops:
        if not any(ancestor in tops for ancestor in top.iterancestors()):
            yield from top.iter("div")


def _paragraph_like(element: HtmlElement) -> bool:
    """A ``<p>``, or a ``<div>`` of text, inline elements and line breaks only (a page's
    paragraphs written as divs; a credit and a caption on two lines)."""
    if element.tag == "p":
        return True
    return element.tag == "div" and all(
        child.tag in INLINE or child.tag == "br"
        for child in element.iterdescendants()
        if isinstance(child.tag, str)
    )


def _alone_with(box: HtmlElement, holder: HtmlElement) -> HtmlElement | None:
    """The short ``<p>`` (or text ``<div>``) after `holder`, the picture or its link, when
    `box` is a ``<div>`` that holds the two and nothing else with words."""
    if box.tag != "div" or (box.text or "").strip():
        return None
    if holder.tag != "img" and _WORD.search(holder.text_content()):
        return None  # a teaser's link, its picture and headline in one
    caption = None
    for child in box:
        if child is holder or not isinstance(child.tag, str):
            pass
        elif _paragraph_like(child) and caption is None and child.getprevious() is holder:
            caption = child
        elif _WORD.search(child.text_content()):
            return None
        if (child.tail or "").strip():
            return None
    if caption is None or not 0 < word_count(caption.text_content()) <= _CAPTION_MAX_WORDS:
        return None
    return caption


#: a picture's description names what it shows in this many words at least
_ALT_MIN_WORDS = 5
#: ... and a ``<p>`` or text ``<div>`` that repeats it sits this many levels above the
#: picture's box at most
_ALT_LEVELS = 3


def _near(box: HtmlElement, paragraphs: list[HtmlElement]) -> HtmlElement | None:
    """The first of `paragraphs` that is or is inside `box` or an ancestor of it
    `_ALT_LEVELS` levels up at most (short of the page's body)."""
    around: HtmlElement | None = box
    for _ in range(_ALT_LEVELS):
        if around is None or around.tag in ("body", "html"):
            return None
        for paragraph in paragraphs:
            # Mediapart's <p> holds the picture and its caption's <span>: its words are
            # the caption's
            if paragraph is around or any(a is around for a in paragraph.iterancestors()):
                return paragraph
        around = around.getparent()
    return None


def class_and_id(element: HtmlElement) -> str:
    """The element's class and id, which is what trafilatura's class rules read."""
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _unwrap_embeds(tree: HtmlElement) -> None:
    for quote in tree.iter("blockquote"):
        if not _EMBED_CLASSES.search(quote.get("class") or ""):
            continue
        parent = quote.getparent()
        # unwrap the wrappers that hold nothing but the embed (and scripts already removed)
        while (
            parent is not None
            and parent.tag in ("div", "figure", "section", "span", "aside")
            and _EMBED_WRAPPER.search(class_and_id(parent))
            and not (parent.text or "").strip()
            and len(parent) == 1
        ):
            grand = parent.getparent()
            parent.drop_tag()
            parent = grand


#: the names for which trafilatura's Readability fallback deletes any element ("unlikely
#: candidates"), unless one of the second list's names it too
_UNLIKELY = re.compile(
    r"combx|comment|community|disqus|extra|foot|header|menu|remark|rss|shoutbox|sidebar|"
    r"sponsor|ad-break|agegate|pagination|pager|popup|tweet|twitter"
)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow")


def _unlikely_for_readability(element: HtmlElement) -> bool:
    """Whether trafilatura's Readability fallback deletes `element` for its names (a
    glossary's "popup" links in the middle of each sentence of Melville's Bartleby on a
    study site, whose every sentence lost its linked words when the page's paragraphs were
    divs and the fallback read it), and nothing hides it."""
    names = class_and_id(element).lower()
    if not _UNLIKELY.search(names) or _MAYBE.search(names):
        return False
    return not _hidden(element, names)


def _marked_for_precision(element: HtmlElement) -> bool:
    """Whether trafilatura's precision rule deletes `element` for its names ("link", a word
    that starts or ends with "bottom") or a border in its style, and nothing hides it."""
    names = class_and_id(element)
    if not (_PRECISION_TARGET.search(names) or "border" in (element.get("style") or "")):
        return False
    return not _hidden(element, names)


def _hidden(element: HtmlElement, names: str) -> bool:
    """Whether `element`'s `names` or its style (none: "display: none") hide it."""
    return bool(_HIDDEN.search(names)) or "none" in (element.get("style") or "").replace(" ", "")


def _protect_inline_phrases(tree: HtmlElement) -> None:
    for paragraph in _outermost(_paragraphs(tree)):
        for element in paragraph.iterdescendants(*INLINE):
            if not (_marked_for_precision(element) or _unlikely_for_readability(element)):
                continue
            if not _words_before(element) or not _WORD.search(element.tail or ""):
                continue
            for name in ("class", "id", "style"):
                element.attrib.pop(name, None)


#: a paragraph of running text has at least this many words (`_protect_paragraphs`) ...
_RUNNING_WORDS = 8
#: ... and one at either end of the story at least this many, as a note in a box (a comment
#: policy, a correction) is a sentence or two and a story's paragraph runs longer
_EDGE_WORDS = 20
#: a style whose borders are all none or of no width ("border: 0px; margin: 0px", as an
#: editor copies it from another page with the text; "border:none windowtext 1.0pt" from a
#: word processor): no box is drawn
_NO_BORDER = re.compile(
    r"(?:\s*(?:border(?:-[a-z]+)*\s*:(?:[^;]*\b(?:none|hidden)\b[^;]*"
    r"|\s*0(?:px|em|pt)?(?=[\s;]|$)[^;1-9]*)|(?!border)[a-z-]+\s*:[^;]*)(?:;|$))*\s*",
    re.IGNORECASE,
)


def _protect_paragraphs(tree: HtmlElement) -> None:
    """Repair 9 (see the module docstring): a paragraph of the story that trafilatura's
    precision rule deletes for a bordered style or a "bottom"/"link" name loses them."""
    for paragraph in tree.iter("p"):
        if not _marked_for_precision(paragraph):
            continue
        style = paragraph.get("style") or ""
        words = word_count(paragraph.text_content())  # a CJK character is a word
        linked = _linked_words(paragraph)
        if not words or 2 * linked > words:
            continue
        if words < _RUNNING_WORDS:
            # a short line among the story's lines (a meal plan's "Eat every 2-3 hours"
            # under a meal's subheading), not a link: a link list's items are links
            if linked or not (_line(paragraph.getprevious()) and _line(paragraph.getnext())):
                continue
        elif words < _EDGE_WORDS:
            # a note before or after the story (a comment policy in a bordered box) stays as
            # trafilatura judges it; the story's short first paragraph has two more after it
            after = _running_siblings(paragraph, before=False, most=2)
            if not (after == 2 or (after and _running_siblings(paragraph, before=True, most=1))):
                continue
        for name in ("class", "id"):
            value = paragraph.get(name)
            if value and _PRECISION_TARGET.search(value):
                kept = " ".join(t for t in value.split() if not _PRECISION_TARGET.search(t))
                set_attribute(paragraph, name, kept)
        if "border" in style:
            drop_borders(paragraph)


def _line(element: HtmlElement | None) -> bool:
    """Whether `element` is a subheading or a ``<p>`` with words that nothing marks for
    precision mode: a line of the story."""
    if element is None or element.tag not in ("p", *_HEADINGS[1:]):
        return False
    return not _marked_for_precision(element) and bool(_WORD.search(element.text_content()))


def _drop_invisible_borders(tree: HtmlElement) -> None:
    """Repair 9's first half: a style's borders of no width or none lose their declarations,
    wherever they are (they draw no box)."""
    for element in _BORDERED(tree):
        if _NO_BORDER.fullmatch(element.get("style") or "") is not None:
            drop_borders(element)


def drop_borders(element: HtmlElement) -> None:
    """Take the border declarations off `element`'s style: trafilatura's precision rule
    deletes every element whose style mentions a border."""
    drop_declarations(element, lambda declaration: "border" in declaration)


def drop_declarations(element: HtmlElement, dropped: Callable[[str], bool]) -> None:
    """Take off `element`'s style the declarations for which `dropped` is true (the
    attribute goes when nothing else is left)."""
    style = element.get("style") or ""
    kept = "; ".join(
        part.strip() for part in style.split(";") if part.strip() and not dropped(part)
    )
    set_attribute(element, "style", kept)


def set_attribute(element: HtmlElement, name: str, value: str) -> None:
    """Set attribute `name` of `element` to `value`; an empty value removes it."""
    if value:
        element.set(name, value)
    else:
        element.attrib.pop(name, None)


#: the elements whose style mentions a border, found in C
_BORDERED = etree.XPath("//*[contains(@style, 'border')]")


def _running_siblings(paragraph: HtmlElement, *, before: bool, most: int) -> int:
    """How many ``<p>`` of running text come after `paragraph` (before it, when `before`) in
    its container, counted up to `most`."""
    found = 0
    for sibling in paragraph.itersiblings(preceding=before):
        if sibling.tag == "p" and word_count(sibling.text_content()) >= _RUNNING_WORDS:
            found += 1
            if found == most:
                break
    return found


def _paragraphs(tree: HtmlElement, *, inline_divs: bool = False) -> list[HtmlElement]:
    """The ``<p>`` elements, and the ``<div>`` elements that hold running text themselves
    (words in their own text or after one of their children): sites that write paragraphs
    as ``<div>`` put the same phrases and cards in them."""
    found = list(tree.iter("p"))
    # the XPath finds the few <div> with text of their own in C; the words test runs on those
    found.extend(
        div
        for div in _DIVS_WITH_TEXT(tree)
        if any(_WORD.search(text) for text in own_texts(div))
    )
    if not inline_divs:
        return found
    # a <div> paragraph whose text is all inside inline elements (<div><span style="...">A
    # New York man ... <span class="rollover-people">...</span></span></div>); only the card
    # repair asks for these, since the scan costs about half a millisecond a page
    seen = set(found)
    found.extend(
        div
        for div in _DIVS_OF_INLINE_TEXT(tree)
        if div not in seen and len(_WORD.findall(div.text_content())) >= _INLINE_PARAGRAPH_WORDS
    )
    return found


def _outermost(paragraphs: list[HtmlElement]) -> list[HtmlElement]:
    """The `paragraphs` that no other of them holds: a ``<div>`` paragraph may hold another
    (a page of divs left open nests each in the one before), and reading the inner one's
    elements again from each paragraph around it was quadratic in the depth."""
    divs = [paragraph for paragraph in paragraphs if paragraph.tag == "div"]
    if not divs:
        return paragraphs  # a <p> holds no block: only a <div> paragraph holds another
    div_set = set(divs)
    inner = {div for div in divs if any(a in div_set for a in div.iterancestors("div"))}
    for div in divs:
        if div not in inner:
            inner.update(div.iter("p"))  # a <p> inside a <div> paragraph
    return [paragraph for paragraph in paragraphs if paragraph not in inner]


#: ``<div>`` elements with a text node of their own that is not white space
_DIVS_WITH_TEXT = etree.XPath("//div[text()[normalize-space()]]")
#: ``<div>`` elements with no text of their own whose children are all inline, with a
#: link or a ``<span>`` among them (the elements that hold a phrase or a pop-up card)
_DIVS_OF_INLINE_TEXT = etree.XPath(
    "//div[span or a][not(text()[normalize-space()])][not(*[not(self::a or self::span"
    " or self::em or self::strong or self::b or self::i or self::u or self::br or self::small"
    " or self::sup or self::sub or self::mark or self::abbr or self::cite or self::q"
    " or self::code or self::font or self::time or self::img)])]"
)
#: ... and running text: at least this many words
_INLINE_PARAGRAPH_WORDS = 8


def _words_before(element: HtmlElement) -> bool:
    previous = element.getprevious()
    text = (previous.tail if previous is not None else element.getparent().text) or ""
    if _WORD.search(text):
        return True
    return previous is not None and bool(_WORD.search(previous.text_content() or ""))


#: a run of paragraph wrappers: this many of one class among a container's children ...
_MIN_WRAPPERS = 3
#: ... whose paragraphs average this many words and are mostly not link text
_WRAPPED_MIN_WORDS = 15
_WRAPPED_MAX_LINK_SHARE = 0.5


def _wrapped_paragraph(div: HtmlElement) -> HtmlElement | None:
    """The ``<p>`` that is all `div` holds (no other element, no text of its own), or None."""
    children = [child for child in div if isinstance(child.tag, str)]
    if len(children) != 1 or children[0].tag != "p":
        return None
    paragraph = children[0]
    if (div.text or "").strip() or (paragraph.tail or "").strip():
        return None
    return paragraph


def _unwrap_paragraph_wrappers(tree: HtmlElement) -> None:
    # a run is of one element and class in one container
    groups: dict[tuple[HtmlElement, str, str], list[tuple[HtmlElement, HtmlElement]]] = {}
    for div in tree.iter("div", "section"):
        parent = div.getparent()
        paragraph = _wrapped_paragraph(div)
        if parent is not None and paragraph is not None:
            key = (parent, div.tag, div.get("class") or "")
            groups.setdefault(key, []).append((div, paragraph))
    for (_, _, names), members in groups.items():
        if len(members) < _MIN_WRAPPERS:
            continue
        texts = [paragraph.text_content() for _, paragraph in members]
        words = sum(len(_WORD.findall(text)) for text in texts)
        linked = sum(
            len(_WORD.findall(link.text_content()))
            for _, paragraph in members
            for link in paragraph.iter("a")
        )
        if words < _WRAPPED_MIN_WORDS * len(members) or linked > _WRAPPED_MAX_LINK_SHARE * words:
            continue
        for div, paragraph in members:
            if names:
                paragraph.set("class", f"{paragraph.get('class') or ''} {names}".strip())
            paragraph.tail = div.tail
            div.getparent().replace(div, paragraph)


def _divs_as_paragraphs(tree: HtmlElement) -> None:
    # which elements hold a block element: marked bottom-up, each ancestor once
    holds_block = holding(tree, BLOCKS_BUT_PICTURES)
    runs: dict[HtmlElement, list[HtmlElement]] = {}
    # each parent's paragraphs, counted once and kept up to date as its divs become <p>:
    # counting them again for each div was quadratic (a page of 20,000 divs took 30 s)
    paragraphs: dict[HtmlElement, int] = {}
    for div in [d for d in tree.iter("div") if d not in holds_block]:
        parent = div.getparent()
        if parent is None or not _WORD.search(div.text_content()):
            continue
        if next(div.iter(*PICTURES), None) is not None and not _picture_paragraph(div):
            continue
        if parent not in paragraphs:
            paragraphs[parent] = sum(1 for sibling in parent if _paragraph_or_quote(sibling))
        if paragraphs[parent] >= 2:
            div.tag = "p"
            paragraphs[parent] += 1
            if parent.tag == "blockquote":  # now a quote of paragraphs: count its parent's again
                paragraphs.pop(parent.getparent(), None)
        else:
            runs.setdefault(parent, []).append(div)
    # the containers of a story written as text divs, and its divs
    containers = [parent for parent, divs in runs.items() if _story_of_divs(divs)]
    story = [div for parent in containers for div in runs[parent]]
    if not story:
        return
    if div_mode(tree):
        # trafilatura reads text-only divs as paragraphs itself, but in precision mode it
        # deletes a short one that holds a link as a menu's: the story's keep their words,
        # and so do those of a quote among them (an embedded post's text and its "— Name
        # (@handle) November 18, 2019", whose date is a link)
        quoted = (
            div
            for parent in containers
            for quote in _QUOTES_AMONG(parent)
            for div in quote.iter("div")
            if div not in holds_block
        )
        for div in itertools.chain(story, quoted):
            if _linked_words(div) * 2 <= word_count(div.text_content()):
                etree.strip_tags(div, "a")  # a link in running text; a link alone stays
        for parent in containers:
            loose_lines_as_divs(parent)
        return
    paragraph_words: dict[HtmlElement, int] = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        paragraph_words[parent] = paragraph_words.get(parent, 0) + _words_of([paragraph])
    if _words_of(story) > max(paragraph_words.values(), default=0):
        for div in story:
            div.tag = "p"


#: the quotes among the paragraphs of an element: its ``<blockquote>`` children, and those of
#: its children (an embed's box)
_QUOTES_AMONG = etree.XPath("blockquote | */blockquote")


def _linked_words(element: HtmlElement) -> int:
    return sum(word_count(link.text_content()) for link in element.iter("a"))


def _paragraph_or_quote(element: HtmlElement) -> bool:
    """Whether `element` is a paragraph, or a quote of paragraphs: a text div among them is a
    paragraph too (a review page's quotes in ``<blockquote><p>``, its own words and each
    quote's author in divs between them, under the bench's ``--div-story``)."""
    return element.tag == "p" or (element.tag == "blockquote" and element.find("p") is not None)


def _picture_paragraph(div: HtmlElement) -> bool:
    """Whether a text div that holds a picture is a paragraph that opens with it (TMZ's):
    a sentence's words, and no name of a picture's block (a caption's "media", a social
    box's icons say fewer words)."""
    if _PICTURE_NAMES.search(class_and_id(div)):
        return False
    return word_count(div.text_content()) >= _DIV_PARAGRAPH_WORDS


def _words_of(elements: list[HtmlElement]) -> int:
    return sum(word_count(element.text_content()) for element in elements)


#: a story written as text-only divs: at least this many of them in one container ...
_MIN_DIV_PARAGRAPHS = 3
#: ... with this many words or more each on average, mostly not link text
_DIV_PARAGRAPH_WORDS = 15
#: ... or this many, when they hold this many words together (a recipe's or a meal plan's
#: story: its ingredients and times are short lines among the sentences)
_SHORT_DIV_PARAGRAPH_WORDS = 8
_LONG_DIV_STORY = 250


def _story_of_divs(divs: list[HtmlElement]) -> bool:
    """Whether the text-only ``<div>`` children of one container are a story's paragraphs:
    three or more, of running text on average, none holding half of their words (a page's
    copy of its story as one text for scripts, beside its title and keywords), little of it
    link text (a menu's or a related list's items are short or all links)."""
    if len(divs) < _MIN_DIV_PARAGRAPHS:
        return False
    counts = [word_count(div.text_content()) for div in divs]  # a CJK character is a word
    words = sum(counts)
    least = _DIV_PARAGRAPH_WORDS if words < _LONG_DIV_STORY else _SHORT_DIV_PARAGRAPH_WORDS
    if words < least * len(divs) or 2 * max(counts) > words:
        return False  # short items, or one text of which the rest are labels (a data copy)
    linked = sum(map(_linked_words, divs))
    return linked <= _WRAPPED_MAX_LINK_SHARE * words


def _unwrap_divs_in_headings(tree: HtmlElement) -> None:
    for heading in tree.iter(*_HEADINGS):
        for div in heading.findall(".//div"):
            div.drop_tag()


#: what the pop-up cards that open over a name in running text are called
_HOVER_CARD = re.compile(
    r"(?:^|[\s_-])(?:rollover|tooltip|popover|popup|pop-up|hovercard|hover-card|hover)(?:[\s_-]|$)",
    re.IGNORECASE,
)


def _unlink_heading_anchors(tree: HtmlElement) -> None:
    """Repair 10 (see the module docstring): a subheading that links to itself keeps its
    words, not the link."""
    for heading in tree.iter(*_HEADINGS[1:]):
        links = list(heading.iter("a"))
        if not links or not all(_SELF_ANCHOR.match(link.get("href") or "") for link in links):
            continue
        if not any(_WORD.search(link.text_content()) for link in links):
            continue  # an icon's anchor beside the words (GitHub's): the words are no link
        for link in links:
            link.drop_tag()


def _remove_hover_cards(tree: HtmlElement) -> None:
    cards: dict[HtmlElement, None] = {}  # in order, once
    for paragraph in _outermost(_paragraphs(tree, inline_divs=True)):
        for element in paragraph.iterdescendants("span", "div", "aside"):
            if element.find(".//img") is None and len(element.findall(".//a")) < 2:
                continue  # the name itself ("rollover-people-link"), not the card
            if _HOVER_CARD.search(class_and_id(element)) or _repeats_the_name_before(element):
                cards[element] = None
    for card in cards:
        # the innermost card only: the outer span also holds the name the card belongs to
        if any(inner in cards for inner in card.iterdescendants()):
            continue
        card.drop_tree()


def _repeats_the_name_before(element: HtmlElement) -> bool:
    """Whether `element` comes right after a link and opens with a link to the same place.

    That is how a card is built whatever its class is called: the name in the sentence is
    a link, and the card that opens over it shows the name again as its heading, linked to
    the same page ("Kristi Noem" in the sentence, "Kristi Lynn Noem" on the card), then the
    photo and the links. A phrase of the story never repeats the link just before it.
    """
    before = element.getprevious()
    if before is None or before.tag != "a" or (before.tail or "").strip():
        return False
    first = element.find(".//a")
    if first is None:
        return False
    target = (before.get("href") or "").strip()
    if target and (first.get("href") or "").strip() == target:
        return True
    name = " ".join(before.text_content().split())
    return bool(name) and " ".join(first.text_content().split()) == name


_LINKS = frozenset(("a", "button", "label"))
#: blocks that, when they hold no words at all, some of trafilatura's rules delete with the
#: text after them, in both of its modes: a ``<section>`` around a picture, a gallery of
#: linked thumbnails named "gallery-icon"; which rule fires depends on the tags and class
#: names, and a block without words holds no text to lose, so each becomes a line break
_WORDLESS_BLOCKS = frozenset("div section figure dl ul ol table blockquote".split())


def _keep_text_after_empty_elements(tree: HtmlElement) -> None:
    emptiable = _vanishing_tags()[0]
    before_images = {image.getprevious() for image in tree.iter("img")}
    empties = [
        element
        for element in tree.iter(*emptiable, *_WORDLESS_BLOCKS)
        # the cheap tests first: two elements in a hundred have words after them
        if _may_have_words_after(element, before_images)
        and not (element.text or "").strip()
        and len(_WORD.findall(_text_after(element))) >= 3
        and (
            (element.tag in emptiable and _empty_once_cleaned(element))
            or (element.tag in _WORDLESS_BLOCKS and not _WORD.search(element.text_content()))
        )
        and not any(a.tag in _LINKS for a in element.iterancestors())
    ]
    found = set(empties)
    for element in empties:
        if element.getparent() is None or any(a in found for a in element.iterancestors()):
            continue  # inside an empty element that has already gone
        if element.tag in BLOCKS:
            # an empty block is a line break ("fake-br-for-article-body"): keep it as one
            tail = element.tail
            element.clear()  # the image or ad it held goes, and clear() takes the tail too
            element.tag, element.tail = "br", tail
        else:
            element.drop_tree()  # its tail joins the text before it


@functools.cache
def _vanishing_tags() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """trafilatura's tag lists: the elements its precision mode deletes, once they are empty,
    with the text after them; what it deletes before that with all they hold; and what it
    unwraps (images among them: they are not extracted)."""
    from trafilatura.settings import CUT_EMPTY_ELEMS, MANUALLY_CLEANED, MANUALLY_STRIPPED

    return frozenset(CUT_EMPTY_ELEMS), frozenset(MANUALLY_CLEANED), frozenset(MANUALLY_STRIPPED)


def _empty_once_cleaned(element: HtmlElement, *, spaced: bool | None = None) -> bool:
    """Whether `element` holds no words and nothing trafilatura keeps.

    An element that is empty in the page (``<span id="ref-3"></span>``) is one; so is one that
    only trafilatura's cleaning empties: an image's ``<div>`` (``<div class="bigboy"><img>
    </div>``), an ad slot (``<div class="ad"><ins></ins></div>``), a video's ``<iframe>``.
    Precision mode deletes both kinds with the text that follows them, so on a site that
    writes its paragraphs as text between such blocks a paragraph after every picture is lost.
    A block is deleted so even when it holds white space; an inline element that holds white
    space is not (and removing it would join the words on each side), so it stays.
    """
    if spaced is None:
        spaced = element.tag in BLOCKS
    if (element.text or "").strip() if spaced else element.text:
        return False
    emptiable, cleaned, stripped = _vanishing_tags()
    for child in element:
        if (child.tail or "").strip() if spaced else child.tail:
            return False
        tag = child.tag
        if not isinstance(tag, str) or tag in cleaned:
            continue  # a comment, or gone with all it holds
        if tag in stripped or tag in emptiable:
            if not _empty_once_cleaned(child, spaced=spaced):
                return False
            continue
        return False
    return True


def _may_have_words_after(element: HtmlElement, before_images: set[HtmlElement | None]) -> bool:
    """A quick look for text after `element`: a tail that is not white space, or an image
    next (`before_images`: the element before each image, found once for the page, since
    asking every element for its next sibling took most of this pass's time)."""
    tail = element.tail
    return bool(tail and not tail.isspace()) or element in before_images


def _text_after(element: HtmlElement) -> str:
    """The text that follows `element` up to the next element other than an image.

    Images are removed by trafilatura before the empty elements are, and their tails join
    the text of the element before them.
    """
    parts = [element.tail or ""]
    following = element.getnext()
    while following is not None and following.tag == "img":
        parts.append(following.tail or "")
        following = following.getnext()
    return " ".join(parts)


#: inline elements that sit side by side with no space between them, in a row a style sheet
#: sets apart (sub and sup are left out: "H<sub>2</sub>O" is one word)
_SIDE_BY_SIDE = frozenset("span a b strong em i button label time small".split())


def _runs_together(before: str, after: str) -> bool:
    """Whether two labels' texts, joined, would make one word of two: a letter or digit, then
    a capital ("Also Read" + "Governor", "45" + "Comments"), or a letter then a digit or the
    other way ("article" + "4 min"). A word split over two elements ("<b>T</b>he", "Ex" +
    "ample") joins lower case to a letter; scripts without capitals (Chinese, Japanese) have
    no spaces to put back, and their characters have no case."""
    if not before or not after:
        return False
    last, first = before[-1], after[0]
    if not (last.isupper() or last.islower() or last.isdigit()):
        return False
    if first.isupper():
        return True
    return (first.islower() and last.isdigit()) or (first.isdigit() and not last.isdigit())


def _space_between_labels(tree: HtmlElement) -> None:
    """A space between inline elements that a browser shows apart but whose text runs
    together: a row of labels (``<span>1.2K</span><span>Shares</span>``), a label and its
    link (``<span>Also Read</span><a>Governor signs ...</a>``), a player's label and its time.

    Their text, joined, made words no rule knows ("ReadGovernor", "2KShares45Comments"), so
    the row survived the cleaning pass, and a heading's last word ran into a headline's first.
    Only in a row of elements: a parent that is no paragraph and holds no loose text of its
    own (inside running text, ``<a>Smith</a><a>Jones</a>`` shows as one word in a browser
    too); only where no text at all stands between them; and only where the join makes one
    word of two (`_runs_together`).
    """
    rows: dict[HtmlElement, bool] = {}
    for element in tree.iter(*_SIDE_BY_SIDE):
        if element.tail:
            continue
        following = element.getnext()
        if following is None or following.tag not in _SIDE_BY_SIDE:
            continue
        parent = element.getparent()
        row = rows.get(parent)
        if row is None:
            row = rows[parent] = parent.tag not in ("p", *_HEADINGS) and not _loose_text(parent)
        if row and _runs_together(element.text_content()[-1:], following.text_content()[:1]):
            element.tail = " "


#: the letters and digits of the scripts that put spaces between words (not Chinese or
#: Japanese, `CJK_CHAR`)
_SPACED_CHAR = re.compile(rf"[^\W{CJK_RANGES}]")


#: the text of the whole page, as one string
_PAGE_TEXT = etree.XPath("string(/*)")


def _script_change(before: str, after: str) -> bool:
    """Whether a Chinese or Japanese character meets a Latin (or other spaced) letter or
    digit: `before` is the last character, `after` the first."""
    return bool(
        (CJK_CHAR.match(before) and _SPACED_CHAR.match(after))
        or (_SPACED_CHAR.match(before) and CJK_CHAR.match(after))
    )


def _space_at_script_changes(tree: HtmlElement) -> None:
    """A space where an inline element's words change script at its edge: "Kindleデスクトップ
    アプリ<a>Kindle for PC</a>に関する話" reads "アプリ Kindle for PC に関する話", as Japanese
    and Chinese typesetting spaces Latin words and as the benchmark's annotators wrote it
    (each of the four such edges on its one Japanese page; its Latin edges, a drop capital's
    "T<span>he</span>", run together, and stay so)."""
    if not CJK_CHAR.search(_PAGE_TEXT(tree)):
        return  # one scan of the page's text in C instead of one per inline element
    for element in tree.iter(*INLINE):
        words = element.text_content()
        if not words:
            continue
        previous = element.getprevious()
        before = (previous.tail if previous is not None else element.getparent().text) or ""
        if before and _script_change(before[-1], words[0]):
            if previous is not None:
                previous.tail = before + " "
            else:
                element.getparent().text = before + " "
        tail = element.tail or ""
        if tail and _script_change(words[-1], tail[0]):
            element.tail = " " + tail


def _loose_text(element: HtmlElement) -> bool:
    """Whether `element` holds words outside its children: running text."""
    return any(text.strip() for text in own_texts(element))
