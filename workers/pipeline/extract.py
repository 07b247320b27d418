"""The extraction stage: page bytes in, `ExtractedArticle` out (pure function, no I/O).

Steps, and why each is here:

1. refuse what is not a page (`charset.sniff_not_html`): a PDF or an image behind an article
   link is a permanent condition, reported as `NotHTMLError` naming the URL and what it is;
2. cap the input (`max_bytes`, 5 MiB by default) so one huge page costs bounded time and
   memory, then decode it with the charset rules of `charset.decode_html` (no mojibake);
3. parse once with lxml; libxml2 stops at 256 levels of nesting by itself, which keeps
   the recursion in the extractor shallow, with no timer or signal (this runs in Celery
   pool threads too), but it stopped reading the page there: a page that leaves a
   ``<font>`` or ``<div>`` open per paragraph lost every paragraph past the 254th. Such a
   page is read again with the elements past 200 levels left out and their text kept, as
   Chrome keeps them (`tagsoup.flatten_nesting`: the parse of 100 000 nested ``<div>`` takes
   0.5 s, `bench/broken_markup.py --deep`). Two
   more kinds of broken markup that libxml2 reads as less than a browser shows are repaired
   (`workers.pipeline.tagsoup`): a self-closing root ``<html/>`` (an empty tree) and an
   ``</html>`` before the end of the page (nothing read after it);
4. metadata from OpenGraph/JSON-LD/meta tags (`metadata.extract_metadata`), read before the
   body step removes ``<head>``, scripts and other elements that never hold article text;
5. elements that never hold story text are deleted (scripts, navigation, footers, form
   widgets, sidebars that hold no ``<h1>`` or ``<article>``, newsletter sign-up boxes found
   by their e-mail field or their words, reader-comment blocks named for comments anywhere
   in their class or id and threads whose names say nothing (`threads`), boxes of a related
   heading and links, `related.remove_related_boxes`, whose
   heading trafilatura would keep as a line of the story, and lists of teaser cards for the
   site's other stories, `teasers.remove_teaser_lists`, which it keeps as headline and
   standfirst pairs): trafilatura deletes most of them too,
   but only after scanning the raw page with regex XPaths, and deleting them first saves
   about a sixth of the time with the same output; a layout table (a cell that holds
   paragraphs, as on sites laid out with tables) is written as divs
   (`layout.unwrap_layout_tables`), since trafilatura reads every table as data and runs
   the story cell into one row with the navigation; then the repairs of the tree
   (`prepare.repair_tree`) where trafilatura's markup rules lose story text on any site that
   writes its markup that way (a row of labels whose words run together, embedded posts in
   "social" wrappers, a phrase in mid-sentence
   with class "link", each paragraph in a ``<div>`` of its own, a ``<div>`` used as a
   paragraph or subheading among ``<p>`` siblings, a paragraph a block cut in two, a
   heading with a spacer ``<div>`` inside, the words after an element that is empty or
   that trafilatura's cleaning empties, such as an image's or an ad's ``<div>``, a story
   written as loose lines between line breaks and blocks, a story of text divs on a page of
   paragraphs, a paragraph marked with a border or a "bottom"/"link" name, a subheading
   that links to itself) or keep a pop-up card that opens over a name in running text;
   last, the story's container and its wrappers lose the class words, the hiding and the
   borders for which trafilatura would delete them before looking for the story
   (`shield.shield_story_container`: "js-share-tracking", "with-sidebar", "widget", a
   paywall's ``display: none``, a "Read more" toggle's class);
6. the body with trafilatura, the most accurate library on the benchmark (corpus README, and
   bench/extraction.py): ``favor_precision=True, include_comments=False, include_tables=True``
   (F1 0.975 on the development pages against 0.965 for its defaults; keeping comments costs
   0.002 more). Its fast mode runs first; only when that yields little text (under
   `_RETRY_BELOW_CHARS`) or looks incomplete (`_needs_full_cascade`) does the full cascade
   (readability/justext comparison) run: the cascade costs about 60 % more per page and
   changed the result on 1 of the 91 development pages, one with a short extraction; on a
   page with two ``<h1>`` or more (an endless page's next story), a result under another
   story's headline than the one the page's title names is read again from around the
   page's own, and one that runs into the next story ends at its headline
   (`workers.pipeline.headline`); during these calls trafilatura's slowest XPath selectors
   (``re:test`` chains, a third of the extraction time) are answered by Python walks that
   return the same elements
   (`selectors.fast_selectors`);
7. when the story's container is followed by more containers of its kind (same element,
   same first class name, or such a block two wrappers down) with nothing but ads or
   captions between them, and they read as story text (`continuation.story_parts`), each is
   read alone and its text appended: a template that splits a long story into blocks with
   ads between, of which trafilatura reads only the first (no real page of the four sets is
   built so; the bench's ``--split-story`` probe measures it); such blocks before the
   container are read and put first (trafilatura's fallback takes the longest part, which
   need not be the first); so is a block of another kind after it that holds two
   paragraphs of running text and is not named for a page's chrome (the rest of a story
   in a block of its own, "article-body-rest"); and a named block just before the
   container that holds the story's first paragraph, whose names say nothing of chrome,
   a standfirst or a caption (`continuation.opening`), is read alone and put first;
8. when a block of the page between two kept blocks was not kept (`gapfill.has_gap`, 36 of
   the 91 development pages), a default-mode reading of the story's container (spanning
   the parts of step 7) puts back the paragraphs it keeps between two paragraphs both
   modes kept (`gapfill.fill_gaps`): precision mode's link density rules also drop product
   names, cited URLs and short linked paragraphs inside a story, and in div mode it drops a
   part's opening subheading, while its judgement of where the story starts and ends is
   the better one (it changed 3 development pages, each for the better);
9. the cleaning pass (`clean.clean_paragraphs`) removes share rows, related-article lists,
   newsletter prompts and other in-container boilerplate, and the headline repeated as the
   first paragraph; a code block goes through it as one paragraph and keeps its line
   breaks and indentation (`_keep_code_layout`), and the other line breaks of the page's
   source are spaces, as a browser shows them (`_body_text`); when the markup gave fewer
   than 30 words, JSON-LD's ``articleBody`` is the story, cleaned the same way
   (`_story_from_metadata`: a page that writes its story with JavaScript);
10. a page that declares no language gets the one its text names for certain
   (`language.detect_language`: a script of one language, such as Chinese, Japanese, Korean,
   Thai or Greek, or else the function words of a language written in Latin, Cyrillic,
   Arabic or Devanagari script);
11. a story saved as plain text (no markup at all) has no ``<title>``: its first line that
   reads as a headline, after at most two short section labels, becomes the title and leaves
   the body (`_plain_text_headline`).
"""

from __future__ import annotations

import copy
import functools
import itertools
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from lxml import etree
from lxml.html import (
    Element,
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)

from workers.errors import ExtractionError, NotHTMLError
from workers.models import ExtractedArticle
from workers.pipeline.boilerplate import content_words, is_teaser, is_title_case, word_count
from workers.pipeline.charset import decode_html, header_value, sniff_not_html
from workers.pipeline.clean import clean_paragraphs, split_paragraphs
from workers.pipeline.continuation import linked_ends, opening, standfirst, story_parts
from workers.pipeline.gapfill import fill_gaps, locate_story, story_container, subheadings
from workers.pipeline.headline import (
    another_headline,
    cut_at_another_headline,
    headline_region,
    holds_story_of,
    other_region,
    own_headlines,
    page_titles,
    paragraph_starts,
    story_article,
)
from workers.pipeline.language import detect_language
from workers.pipeline.layout import unwrap_layout_tables
from workers.pipeline.metadata import extract_metadata
from workers.pipeline.prepare import repair_tree
from workers.pipeline.related import remove_related_boxes
from workers.pipeline.selectors import caption_boxes, fast_selectors
from workers.pipeline.selectors import install as install_selectors
from workers.pipeline.shield import shield_story_container
from workers.pipeline.signup import remove_login_boxes, remove_signup_boxes
from workers.pipeline.tagsoup import (
    MAX_DEPTH,
    drop_early_html_ends,
    flatten_nesting,
    open_self_closed_root,
)
from workers.pipeline.teasers import remove_lone_cards, remove_teaser_lists
from workers.pipeline.threads import remove_comment_sections, remove_comment_threads
from workers.pipeline.widgets import without_leading_widget

if TYPE_CHECKING:  # trafilatura is imported at its first use: the CLI starts without it
    from trafilatura.settings import Extractor

__all__ = ["DEFAULT_MAX_BYTES", "extract_article", "extract_body", "parse_html"]

#: parse at most this much of a page; article text sits in the first few hundred KiB of even
#: the heaviest news pages, and the feed fetcher's own body cap is 15 MiB
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: a fast-mode extraction shorter than this gets the full trafilatura cascade as a second try
_RETRY_BELOW_CHARS = 1500

#: control characters, deleted from the page's UTF-8 bytes (a byte below 0x80 is always a
#: character of its own there; `bytes.translate` takes a tenth of the time of a regex over
#: the decoded text, which was a third of the parse)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
#: a code block's line breaks, spaces and tabs, written as the symbols for them (U+240A, U+2420,
#: U+2409: printable, so trafilatura's text output keeps them, and neither word characters nor
#: white space, so line splitting and cleaning leave them alone) until the text is final
#: (`_keep_code_layout`, `_restore_code_layout`); `parse_html` deletes them from the page, so
#: none can come from it. All three start with the same two bytes in UTF-8
_CODE_SYMBOLS = {"\n": "\u240a", " ": "\u2420", "\t": "\u2409"}
_CODE_LAYOUT = str.maketrans(_CODE_SYMBOLS)
_CODE_RESTORE = str.maketrans({symbol: char for char, symbol in _CODE_SYMBOLS.items()})
_CONTROL_PICTURES = tuple(symbol.encode() for symbol in _CODE_SYMBOLS.values())
_CONTROL_PICTURE_PREFIX = b"\xe2\x90"
#: a character reference to a control character ("&#11;", "&#x1b") or to one of the code
#: symbols: libxml2 writes the character into the tree, where lxml then refuses every text
#: that holds it ("All strings must be XML compatible") as soon as a step joins two texts
_CONTROL_REFERENCE = re.compile(
    rb"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127|922[56]|9248|6553[45])(?![0-9])"
    rb"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|24(?:0[9aA]|20)|[fF]{3}[eEfF])"
    rb"(?![0-9a-fA-F]));?"
)
#: U+FFFE and U+FFFF in UTF-8: not characters, and as unwelcome to lxml as the controls
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WORD = re.compile(r"\w+")
#: a tag or a comment: text without one is a story saved as plain text
_MARKUP = re.compile(r"<[a-zA-Z!/?]")
_local = threading.local()
#: nesting limits for a page too deep for libxml2: `tagsoup.MAX_DEPTH`, then, should libxml2
#: have added more levels of its own than that leaves room for, a quarter of it
_FLATTEN_LIMITS = (MAX_DEPTH, MAX_DEPTH // 4)


class _NoDiscardNotice(logging.Filter):
    """Drops trafilatura's "discarding data: <url>" warning, logged each time one of its
    passes finds too little text. Here that is a step, not a failure: the fuller cascade
    runs next, and a page that still has no text raises `ExtractionError` naming the URL,
    which the fetch task records; the warning would only repeat it in every worker's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


logging.getLogger("trafilatura.core").addFilter(_NoDiscardNotice())


def _parser() -> HTMLParser:
    """One parser per thread: lxml parsers must not be shared between threads.

    Every element is an `HtmlElement`. lxml.html's own lookup picks a class per tag (forms,
    inputs, labels) by calling Python code each time an element object is made, thousands
    of times a page; one class for all is chosen in C, which saves about a tenth of the
    extraction time. Nothing here uses the form classes (inputs are removed before
    extraction).
    """
    parser: HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
            default_doctype=False,
            no_network=True,
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=HtmlElement,
                comment=HtmlComment,
                pi=HtmlProcessingInstruction,
                entity=HtmlEntity,
            )
        )
        _local.parser = parser
    return parser


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into an lxml tree; None when there is no document at all.

    Three kinds of broken markup that libxml2 reads as less than a browser shows are
    repaired first, or read again (`workers.pipeline.tagsoup`)."""
    text = _XML_DECLARATION.sub("", text, count=1)
    data = text.encode("utf-8", "replace").translate(None, _CONTROL_BYTES)
    if _CONTROL_PICTURE_PREFIX in data:
        for picture in _CONTROL_PICTURES:
            data = data.replace(picture, b"")
    if b"\xef\xbf" in data:
        for noncharacter in _NONCHARACTERS:
            data = data.replace(noncharacter, b"")
    data = _CONTROL_REFERENCE.sub(b"", data)
    if not data or data.isspace():
        return None
    data = open_self_closed_root(data)
    parser = _parser()
    try:
        tree = document_fromstring(data, parser=parser)
        if parser.error_log:  # markup libxml2 had to repair (none on most pages)
            whole = drop_early_html_ends(data)
            if whole is not data:  # libxml2 read no text after the first </html>
                data = whole
                tree = document_fromstring(data, parser=parser)
        for limit in _FLATTEN_LIMITS:
            if not _too_deep(parser):
                break
            # libxml2 stopped at its nesting limit and the rest of the page is lost: read
            # again with the elements past the limit left out and their text kept
            flat = flatten_nesting(data.decode("utf-8", "replace"), limit)
            tree = document_fromstring(flat.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def _too_deep(parser: HTMLParser) -> bool:
    """Whether the last parse stopped at libxml2's limit of nested elements (a fatal error,
    "Excessive depth in document: 256"); other errors of broken markup are repaired as a
    browser repairs them and need nothing."""
    fatal = parser.error_log.filter_from_level(etree.ErrorLevels.FATAL)
    return any("depth" in entry.message for entry in fatal)


#: elements that never hold article text; trafilatura deletes them too, but only after copying
#: the tree and running dozens of XPath scans over them (inline SVG icons alone can be a third
#: of a page's elements), so deleting them first saves time without changing the result
_NEVER_CONTENT = (
    "head", "script", "style", "noscript", "svg", "link", "meta", "iframe", "object", "embed",
    "canvas", "video", "audio", "picture", "input", "button", "select", "textarea",
    "nav", "footer", "menu", "dialog", "noindex", "fieldset", "map", "applet", "area",
    "datalist", "frame", "frameset", "marquee", "menuitem", "optgroup", "option", "output",
    "param", "progress", "rp", "rt", "rtc", "source", "track", "fencedframe",
)  # fmt: skip


#: a block that says it is a sidebar as an ``<aside>`` does (ARIA's "complementary" role)
_COMPLEMENTARY = etree.XPath("//*[@role = 'complementary']")


def _strip_sidebars(tree: HtmlElement) -> None:
    """Delete the ``<aside>`` elements that hold no story (no ``<h1>``, no ``<article>``),
    and the blocks that say they are one (``role="complementary"``).

    trafilatura deletes every aside too, but only after two regex XPath scans of the raw
    page, and related-story sidebars are often the largest part of it (about 2 ms a page).
    An aside that holds an ``<h1>`` or an ``<article>`` is a site putting its story in the
    wrong element; it stays, so the readability/justext cascade can still find the story.
    A ``<div role="complementary">`` is a sidebar written without ``<aside>``, which
    trafilatura keeps when its class names say nothing (MSPoweruser's column of headlines
    under "Windows 10" and "Deals" came after the story, its names scrambled).
    """
    for aside in [*tree.iter("aside"), *_COMPLEMENTARY(tree)]:
        if aside.getparent() is None:
            continue  # named twice (an <aside role="complementary">), or the page's root
        if aside.find(".//h1") is None and aside.find(".//article") is None:
            aside.drop_tree()


def extract_body(
    tree: HtmlElement,
    url: str | None = None,
    *,
    plain_text: bool = False,
    description: str | None = None,
    titles: Sequence[str] = (),
) -> str:
    """The article body as trafilatura finds it (one paragraph per line), or ''.

    The tree is modified: elements that never hold text are removed first (read the metadata
    before calling this). `plain_text` says the page is a story saved as text, whose line
    breaks are its paragraphs; in a page of HTML a line break in the source is a space.
    `description` is the page's description from its metadata: a block before the story's
    container that opens with it is a standfirst, not the story's opening. `titles` are the
    page's titles (`headline.page_titles`): they name its own headline, and a text that
    lies under another story's (an endless page's next story) is not taken
    (`headline.another_headline`).
    """
    remove_signup_boxes(tree)  # before the form fields that identify them are deleted
    remove_login_boxes(tree)
    remove_comment_sections(tree)
    remove_comment_threads(tree)  # and those whose names say nothing, by what they hold
    remove_related_boxes(tree)
    etree.strip_elements(tree, *_NEVER_CONTENT, with_tail=False)
    _strip_sidebars(tree)
    remove_teaser_lists(tree, url)  # after the menus and sidebars, whose links it need not read
    remove_lone_cards(tree, url)
    unwrap_layout_tables(tree)
    repair_tree(tree)
    shield_story_container(tree)  # last: after the repairs, its paragraphs are <p>
    # an endless page's next story has an <h1> of its own: only pages with one are checked
    own = own_headlines(tree, titles) if titles and _AN_H1(tree) else []
    if all(heading in own for heading in tree.iter("h1")):
        own = []  # no <h1> is another story's: nothing to look for (the work is skipped)
    document = _trafilatura(tree, url, fast=True)
    text = _body_text(document, plain_text)
    if own and (_drop_other_story(tree, text, own) or _drop_stories_read(tree, text, own)):
        # trafilatura took the first <article>, the next story's: the page is read without it
        document = _trafilatura(tree, url, fast=True)
        text = _body_text(document, plain_text)
    parts: list[HtmlElement] = []  # the containers of a story split into several, when read
    if _needs_full_cascade(tree, document, text):
        # a story split into containers of one kind looks short to the cascade's rules, and
        # the cascade may then prefer a longer related list: when later parts of the story
        # follow the container, the container is the story, and they are read instead
        whole, parts = _continued(tree, url, text)
        if parts:
            text = whole
        else:
            # trafilatura's own judgement between its result, readability's and justext's,
            # unless it took another story of the page (the next one of an endless page)
            cascade = _body_text(_trafilatura(tree, url, fast=False), plain_text)
            other = _another_story(tree, text, cascade, own) if cascade else None
            if other is not None:
                # the cascade's judgement on the page as it would be without that story
                page = _without_story(tree, other, own)
                cascade = ""
                if page is not None:
                    cascade = _body_text(_trafilatura(page, url, fast=False), plain_text)
            if cascade:
                text = _without_captions(tree, cascade)
    text = _own_story(tree, url, text, own)
    # a sidebar's paragraph would stretch the story's container over the sidebar
    text = without_leading_widget(tree, text)
    container, gap = locate_story(tree, text)
    if container is None:
        return text
    if not parts:  # else the parts were read already: the container spans them all
        whole, parts = _continued(tree, url, text, container)
        if parts:  # the story's container now spans its parts and what is between
            text = whole
            spanning, gap = locate_story(tree, text)
            container = spanning if spanning is not None else container
    if gap:
        # default mode's second opinion on what precision mode dropped inside the story (a
        # part's opening subheading, which precision mode drops in div mode, sits in one).
        # A split story's parts are read as one block of their contents: the container
        # spanning them is read by default mode as its first part only, and a part read
        # alone loses the subheading that ends it (trafilatura ends no text on a heading)
        block = _joined(parts) if parts else container
        fuller = _trafilatura(_alone(block), url, fast=True, precise=False)
        text = fill_gaps(text, _body_text(fuller, plain_text), subheadings(block))
    text = _with_ends(tree, url, text, container, description)
    shown = standfirst(tree, text, description)
    if shown is not None:  # the annotators leave out a description shown above the story
        text = text.replace(shown, "", 1)
    # a later part or a gap's text may be the next story's, in the page's own <article>
    return cut_at_another_headline(tree, text, own)


#: a page with two ``<h1>`` or more, or one in an ``<article>``: the next story's may be the
#: page's only one, its own headline an ``<h2>`` that matches its title (a Medium story's, a
#: HEY World post's); a section's name alone in an ``<h1>`` heads no other story
_AN_H1 = etree.XPath("count(//h1) > 1 or boolean(//article//h1)")


def _another_story(
    tree: HtmlElement, kept: str, cascade: str, own: list[HtmlElement]
) -> HtmlElement | None:
    """The other story's headline when the full cascade's text is another story than the one
    kept so far: the two share nothing, and the cascade's lies under an ``<h1>`` that is not
    one of the page's `own`. None when it is the page's story."""
    start = " ".join(kept.split())[:40]
    if not own or not start or start in " ".join(cascade.split()):
        return None
    container = story_container(tree, cascade)
    return another_headline(tree, container, own) if container is not None else None


def _drop_other_story(tree: HtmlElement, text: str, own: list[HtmlElement]) -> bool:
    """Remove the other story that `text` was read from, when it lies under another story's
    ``<h1>`` heading an ``<article>`` of its own (`headline.story_article`), from the tree;
    whether one was removed. The text is placed by the paragraph that holds its first
    sentence-long line (locating every block of it is ten times the work), or, without
    one, by its container."""
    if not text.strip():
        return False
    block = _first_paragraph(tree, text)
    if block is None:
        block = story_container(tree, text)
    other = another_headline(tree, block, own) if block is not None else None
    region = _other_story(other, own) if other is not None else None
    if region is None:
        return False
    region.drop_tree()
    return True


def _drop_stories_read(tree: HtmlElement, text: str, own: list[HtmlElement]) -> bool:
    """Remove each other story whose paragraphs `text` holds (`_STORY_READ` of them) even
    when cut at another story's headline (`headline.cut_at_another_headline`, which ends a
    text where the next story begins) from the tree: an ``<article>`` headed by another
    story's ``<h1>`` (`headline.story_article`); whether one was removed. The page's
    standfirst opened the text, under its own headline, and the next story followed it, too
    soon for a cut; the page's story is text in ``<div>`` elements that precision mode did
    not read, and a block named for the story's body held only its source line."""
    dropped = False
    flat = " ".join(cut_at_another_headline(tree, text, own).split())
    for heading in list(tree.iter("h1")):
        if heading in own:
            continue
        article = story_article(heading, own)
        if article is None or article.getparent() is None:
            continue
        starts = paragraph_starts(article)
        if len(starts) >= _STORY_READ and sum(start in flat for start in starts) >= _STORY_READ:
            article.drop_tree()
            dropped = True
    return dropped


#: a text that holds this many of another story's paragraphs has read that story
_STORY_READ = 2


def _other_story(headline: HtmlElement, own: list[HtmlElement]) -> HtmlElement | None:
    """The other story that `headline` heads: the smallest element around it with words of
    its own (`headline.other_region`), never more than its ``<article>`` (a short next story
    would take the page's story beside it with it), or None when it heads no ``<article>``
    of its own (`headline.story_article`)."""
    article = story_article(headline, own)
    if article is None:
        return None
    region = other_region(headline)
    if region is None or region is article or article in region.iterdescendants():
        return article
    return region


def _first_paragraph(tree: HtmlElement, text: str) -> HtmlElement | None:
    """The ``<p>`` that opens with the first line of `text` of 40 characters or more."""
    line = next((" ".join(ln.split()) for ln in text.split("\n") if len(ln.strip()) >= 40), "")
    if not line:
        return None
    start = line[:40]
    for paragraph in tree.iter("p"):
        if " ".join(paragraph.text_content().split()).startswith(start):
            return paragraph
    return None


def _without_story(
    tree: HtmlElement, headline: HtmlElement, own: list[HtmlElement]
) -> HtmlElement | None:
    """A copy of the page without the other story that `headline` heads in an ``<article>``
    of its own (`_other_story`), or None when it heads no such story."""
    region = _other_story(headline, own)
    return _without(tree, region) if region is not None else None


def _own_story(tree: HtmlElement, url: str | None, text: str, own: list[HtmlElement]) -> str:
    """`text`, or the page's own story when `text` lies under another story's ``<h1>``
    (trafilatura took the first ``<article>``, the next story's): read from around its
    headline, or, when the headline has no region of its own, from the page without the
    other story; cut at the next story's headline when both were read together."""
    if not own or not text.strip():
        return text
    text = cut_at_another_headline(tree, text, own)
    container = story_container(tree, text)
    other = another_headline(tree, container, own) if container is not None else None
    if other is None or not holds_story_of(text, other, own):
        return text
    region = headline_region(own)
    if region is not None:
        story = _body_text(_trafilatura(_alone(region), url, fast=True))
    else:
        page = _without_story(tree, other, own)
        if page is None:
            return text
        story = _body_text(_trafilatura(page, url, fast=True))
    return story if story.strip() else text


def _without(tree: HtmlElement, element: HtmlElement) -> HtmlElement:
    """A copy of the page `tree` without `element` (the text after it stays)."""
    path = tree.getroottree().getpath(element)
    page = copy.deepcopy(tree)
    for match in page.getroottree().xpath(path):
        match.drop_tree()
    return page


def _continued(
    tree: HtmlElement, url: str | None, text: str, container: HtmlElement | None = None
) -> tuple[str, list[HtmlElement]]:
    """`text` with the rest of a story split into containers of one kind, with ads between
    them (`continuation.story_parts`: those after it, and those before it when the part kept
    is not the first), each part read alone in precision mode; and the parts in page order,
    the kept one among them (none when the story is not split)."""
    if container is None:
        container = story_container(tree, text)
        if container is None:
            return text, []
    before, after = story_parts(tree, text, container)
    if not before and not after:
        return text, []
    whole = "\n".join([*_read_alone(before, url), text, *_read_alone(after, url)])
    if whole == text:  # no part held text of its own
        return text, []
    return whole, [*before, container, *after]


def _read_alone(parts: list[HtmlElement], url: str | None) -> list[str]:
    """The texts of `parts`, each read alone in precision mode; those without text left out.

    A ``<div>`` that gives no text is read again as a ``<section>``: precision mode deletes a
    div shorter than 200 characters that holds a link, and a part read alone is often that
    short (the rest of a story, its last paragraph and a "Disclaimer" link; an opening of one
    sentence that links a name), where on its page the div was one among the story's. Only
    then: of a section's lines between ``<br>``, trafilatura loses the first."""
    texts = []
    for part in parts:
        text = _body_text(_trafilatura(_alone(part), url, fast=True))
        if not text.strip() and part.tag == "div":
            text = _body_text(_trafilatura(_alone(part, section=True), url, fast=True))
        if text.strip():
            texts.append(text)
    return texts


def _with_ends(
    tree: HtmlElement,
    url: str | None,
    text: str,
    container: HtmlElement,
    description: str | None = None,
) -> str:
    """`text` after the story's first paragraph when a block of its own before the
    container holds it (`continuation.opening`), read alone in precision mode; else with
    the divs inside the container before its first kept line and after its last that
    precision mode dropped for their links (`continuation.linked_ends`)."""
    block = opening(tree, text, container, description)
    if block is not None:
        return "\n".join([*_read_alone([block], url), text])
    first, last = linked_ends(tree, text, container)
    return "\n".join(line for line in (first, text, last) if line is not None)


def _without_captions(tree: HtmlElement, text: str) -> str:
    """`text`, the full cascade's, without the lines that are a picture's caption whole: the
    text of a ``<figcaption>`` or of a box whose class or id names a caption
    (`selectors.caption_boxes`). trafilatura's own reading deletes those; its readability
    and justext fallbacks keep them (BBC Chinese's caption under its first picture opened
    the story, under the bench's ``--scramble-classes --div-paragraphs``, once `prepare`
    had named it)."""
    captions = {
        " ".join(element.text_content().split())
        for element in itertools.chain(tree.iter("figcaption"), caption_boxes(tree))
    }
    captions.discard("")
    if not captions:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if " ".join(line.split()) not in captions]
    return "\n".join(kept) if len(kept) < len(lines) else text


def _joined(parts: list[HtmlElement]) -> HtmlElement:
    """One ``<div>`` holding copies of the contents of `parts`, in order (not the parts
    themselves: trafilatura would find the first by its name and read only that one)."""
    block = Element("div")
    for part in parts:
        if part.text and part.text.strip():
            loose = Element("p")
            loose.text = part.text
            block.append(loose)
        block.extend(copy.deepcopy(child) for child in part)
    return block


def _alone(element: HtmlElement, *, section: bool = False) -> HtmlElement:
    """A copy of `element` as the story of a page of its own.

    The copy is wrapped in ``<article>``: trafilatura looks for the story's container by
    class names and element names, and a container it found on the whole page through an
    ancestor ("the first <article>") matches nothing on its own. Without a match it only
    gathers loose paragraphs, and headings and lists are lost. The whole ``<body>`` (the
    container when the kept text runs from a header's line to a footer's) has its children
    wrapped so too: on a page whose names trafilatura does not know, its second opinion was
    the same loose paragraphs, and a story's list between them stayed lost (LeadDev's
    takeaways under the bench's ``--scramble-classes --plain-tags``).

    With `section`, a ``<div>`` is copied as a ``<section>`` (`_read_alone` says why).
    """
    if element.tag == "html":
        return element
    page = Element("html")
    if element.tag == "body":
        body = copy.deepcopy(element)
        story = Element("article")
        story.text, body.text = body.text, None
        story.extend(list(body))
        body.append(story)
        page.append(body)
        return page
    body = Element("body")
    page.append(body)
    story = Element("article")
    body.append(story)
    block = copy.deepcopy(element)
    if section and block.tag == "div":
        block.tag = "section"
    story.append(block)
    return page


def _trafilatura(
    tree: HtmlElement, url: str | None, *, fast: bool, precise: bool = True
) -> object | None:
    import trafilatura

    install_selectors()
    try:
        with fast_selectors():
            return trafilatura.bare_extraction(tree, url=url, options=_options(fast, precise))
    except (ValueError, TypeError, RecursionError, etree.LxmlError):
        return None


@functools.cache
def _options(fast: bool, precise: bool) -> Extractor:
    """trafilatura's options for one mode, made once (`bare_extraction` otherwise builds them
    from its config parser on every call: 360,000 instructions, 0.5 % of an extraction).
    They name no page: with links off, trafilatura reads the page's URL only for its log
    lines, and the date limit they hold is for the metadata, which is not asked for."""
    from trafilatura.settings import Extractor

    return Extractor(
        fast=fast,
        precision=precise,
        comments=False,
        tables=True,
        images=False,
        links=False,
        with_metadata=False,
        dedup=False,
        # "txt": the result tree without trafilatura's own text of it ("python" format
        # writes it out with xmltotxt), which `_body_text` writes out once, its own way
        output_format="txt",
    )


def _needs_full_cascade(tree: HtmlElement, document: object | None, text: str) -> bool:
    """When the full cascade could change the fast result: the conditions under which
    trafilatura prefers readability or justext (little text, no paragraph in the result,
    tables outnumbering paragraphs, or a page whose paragraphs hold more than twice the text
    we kept). On the development corpus this is 17 pages of 91."""
    if len(text) < _RETRY_BELOW_CHARS:
        return True
    body = getattr(document, "body", None)
    if body is None or not body.xpath(".//p//text()"):
        return True
    if len(body.findall(".//table")) > len(body.findall(".//p")):
        return True
    page_text = sum(len(p.text_content()) for p in tree.iter("p"))
    return page_text > 2 * len(text)


def _body_text(document: object, plain_text: bool = False) -> str:
    """The text of trafilatura's result, with HTML entities decoded exactly once and, in a
    page of HTML, the source's line breaks read as the spaces they are.

    trafilatura's own ``Document.text`` runs ``html.unescape`` over text that the HTML parser
    has already decoded, so a page that shows a literal "&amp;amp;" would come out as "&" and
    "&lt;script&gt;" as markup. Escaping "&" in the result tree first makes that second
    decoding a no-op.

    trafilatura keeps the source's line breaks inside a paragraph that holds a ``<br>`` (and
    in what its readability fallback returns): "of the Underwater Photographer of the⏎Year
    awards", wrapped so in the page's file, became two lines, and so two paragraphs, each
    judged alone by the cleaning rules. A browser shows a space there. Code blocks are
    written as symbols by then (`_keep_code_layout`); a story saved as plain text
    (`plain_text`) keeps its line breaks, which are its paragraphs.
    """
    body = getattr(document, "body", None)
    if body is None:
        return getattr(document, "text", None) or ""
    from trafilatura.xml import xmltotxt

    _keep_code_layout(body)
    for element in body.iter():
        text, tail = element.text, element.tail
        if text:
            if "&" in text:
                text = text.replace("&", "&amp;")
            if not plain_text:
                text = _spaced(text, element[0] if len(element) else None)
            element.text = text
        if tail:
            if "&" in tail:
                tail = tail.replace("&", "&amp;")
            if not plain_text and not _is_code_block(element):
                tail = _spaced(tail, element.getnext())
            element.tail = tail
    return xmltotxt(body, include_formatting=False) or ""


def _spaced(text: str, following: etree._Element | None) -> str:
    """`text` with each line break of the page's source, and the white space around it, made
    one space. White space alone is left as it is (it lies between blocks, where no sentence
    is split), and so is a line break just before a code block, which begins a line."""
    if "\n" not in text or text.isspace():
        return text
    before_code = following is not None and _is_code_block(following)
    spaced = _one_space_per_break(text.rstrip() if before_code else text)
    return f"{spaced}\n" if before_code and text[len(text.rstrip()) :].count("\n") else spaced


def _one_space_per_break(text: str) -> str:
    """`text` with each line break, and the white space around it, made one space.

    Written without a regex: a pattern of white space, a line break and white space retries
    its way through a long run of spaces that no line break ends, a second for 20,000."""
    if "\n" not in text:
        return text
    first, *middle, last = text.split("\n")
    pieces = [first.rstrip(), *(line.strip() for line in middle if line.strip()), last.lstrip()]
    return " ".join(pieces)


def _is_code_block(element: etree._Element) -> bool:
    """A code block of more than one line, as `_keep_code_layout` writes it."""
    return element.tag == "code" and _CODE_SYMBOLS["\n"] in (element.text or "")


def _keep_code_layout(body: etree._Element) -> None:
    """Make each code block of more than one line a single line of text that keeps its layout.

    trafilatura writes ``<pre>`` and ``<pre><code>`` as ``<code>`` with the page's line
    breaks and indentation. Read as plain text, each line of the program became a paragraph
    of its own with its indentation gone, and a line of lone punctuation ("}") was dropped
    as an empty paragraph. A block becomes one paragraph instead, its line breaks and
    spaces stored as symbols that no cleaning rule reads as words or white space.
    Inline code (one line, inside a sentence) stays as it is.
    """
    for code in list(body.iter("code")):
        if any(ancestor.tag == "code" for ancestor in code.iterancestors()):
            continue  # the outer block takes the text of the blocks inside it
        text = "".join(code.itertext())
        if "\n" not in text.strip("\n"):
            continue
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        for child in list(code):
            code.remove(child)  # the children's tails are inside the block's text
        code.text = "\n".join(lines).translate(_CODE_LAYOUT)


def _restore_code_layout(text: str) -> str:
    """The text with the line breaks and spaces of its code blocks back (`_keep_code_layout`)."""
    return text.translate(_CODE_RESTORE) if _CODE_SYMBOLS["\n"] in text else text


def _where(url: str | None) -> str:
    return url or "the page"


def extract_article(
    html: bytes | str,
    *,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ExtractedArticle:
    """Extract the clean article and its metadata from a page.

    `html` is the response body (bytes: decoded here with the charset rules of
    `workers.pipeline.charset`; str: taken as already decoded). `url` is the URL it was
    fetched from (used to resolve relative links and to accept the page's canonical URL only
    on the same site). `headers` are the response headers (``content-type`` matters).
    At most `max_bytes` of the body are parsed (characters, for a str).

    Raises `NotHTMLError` for PDFs, images, archives, binary data or a content type that is
    clearly not a page, and `ExtractionError` when no article text can be found. Dates in
    the result are timezone-aware ISO 8601; a page date without a zone is taken as UTC.
    """
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive")
    content_type = header_value(headers, "content-type")
    if isinstance(html, str):
        text = html[:max_bytes]
        probe = text[:4096].encode("utf-8", "replace")
        what = sniff_not_html(probe, content_type)
    elif isinstance(html, bytes | bytearray | memoryview):
        data = bytes(html)
        what = sniff_not_html(data[:8192], content_type)
        text = ""
        if what is None:
            text, _encoding = decode_html(
                data[:max_bytes], content_type, truncated=len(data) > max_bytes
            )
    else:
        raise TypeError(f"html must be bytes or str, not {type(html).__name__}")
    if what is not None:
        raise NotHTMLError(f"{_where(url)} is not an HTML page: it looks like {what}", url=url)

    tree = parse_html(text)
    if tree is None:
        raise ExtractionError(f"{_where(url)}: empty page, no article text", url=url)
    meta = extract_metadata(tree, url)
    titles = [t for t in (meta.title, _h1(tree)) if t]
    # an endless page's next story has an <h1> of its own: only such pages need the titles
    headlines = [t for t in (meta.title, *page_titles(tree)) if t] if _AN_H1(tree) else []
    plain_text = not _MARKUP.search(text, 0, 65536)
    body = extract_body(
        tree, url, plain_text=plain_text, description=meta.description, titles=headlines
    )

    def clean(text: str) -> list[str]:
        return clean_paragraphs(
            split_paragraphs(text),
            title=titles,
            description=meta.description,
            authors=meta.authors,
            urls=[u for u in (url, meta.url) if u],
        )

    paragraphs = clean(body)
    paragraphs = _story_from_metadata(paragraphs, meta.article_body, clean)
    title = meta.title
    if title is None and plain_text:
        title, paragraphs = _plain_text_headline(paragraphs)
    if not paragraphs:
        raise ExtractionError(f"{_where(url)}: no article text could be extracted", url=url)
    article_text = _restore_code_layout("\n\n".join(paragraphs))
    return ExtractedArticle(
        title=title,
        text=article_text,
        url=meta.url or url,
        description=meta.description,
        image=meta.image,
        authors=meta.authors,
        published=meta.published,
        modified=meta.modified,
        site_name=meta.site_name,
        language=meta.language or detect_language(article_text),
        word_count=len(_WORD.findall(article_text)),
        tags=meta.tags,
    )


#: below this many words the page's markup gave no story (a caption, a teaser line) ...
_NO_STORY_WORDS = 30
#: ... and JSON-LD's articleBody of at least this many words is taken instead
_METADATA_STORY_WORDS = 50


def _story_from_metadata(
    paragraphs: list[str], article_body: str | None, clean: Callable[[str], list[str]]
) -> list[str]:
    """The story from JSON-LD's ``articleBody`` when the page's markup gave none.

    Sites that write their story into the page with JavaScript (the South China Morning
    Post's, among the test pages of trafilatura) serve HTML that holds a caption and the
    byline, while the full text sits in ``articleBody`` for search engines. Only when the
    markup gave fewer than 30 words is it used (cleaned the same way): where the markup has
    a story, it is what the reader sees, and on the 13 pages of the four test sets with an
    ``articleBody`` the markup's text is the better one (``articleBody`` is often joined
    differently, cut short, or the full text behind a paywall's teaser). Or when it is
    `_MARKUP_SHARE` of it or less and not the same text: less than half of its words of four
    letters or more are in ``articleBody`` (the Morning Post's markup read without its
    caption: a section label, the byline, the standfirst and the author's biography); a
    paywall's teaser is the start of ``articleBody``, and stays.
    """
    if not article_body:
        return paragraphs
    words = sum(word_count(p) for p in paragraphs)
    if words >= _NO_STORY_WORDS and not _another_text(paragraphs, words, article_body):
        return paragraphs
    story = clean(article_body)
    if sum(word_count(p) for p in story) < _METADATA_STORY_WORDS:
        return paragraphs
    return story


#: the markup's text is no story beside an ``articleBody`` this many times as long ...
_MARKUP_SHARE = 1 / 3
#: ... whose words it shares less than this share of (words of four letters or more)
_SHARED_WORDS = 0.5


def _another_text(paragraphs: list[str], words: int, article_body: str) -> bool:
    """Whether the markup's `paragraphs` (`words` long) are short beside `article_body`
    and say something else (`_story_from_metadata`)."""
    if words > _MARKUP_SHARE * word_count(article_body):
        return False
    own = content_words("\n".join(paragraphs))
    return bool(own) and len(own & content_words(article_body)) < _SHARED_WORDS * len(own)


def _plain_text_headline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """The headline of a story saved as plain text, and the story without it.

    A page copied as text ("News", the headline, the story) has no ``<title>`` to name it;
    its headline is the first line that reads as one (Title Case, no sentence ending, at
    most 20 words) after at most two section labels of up to three words, and a story
    paragraph must follow it. Otherwise there is no title and the text stays as it is.
    """
    for start in range(min(3, len(paragraphs))):
        line = paragraphs[start]
        if is_teaser(line) and is_title_case(line) and word_count(line) <= 20:
            rest = paragraphs[start + 1 :]
            labels = paragraphs[:start]
            if rest and all(word_count(label) <= 3 for label in labels):
                return line, rest
            break
        if word_count(line) > 3:
            break
    return None, paragraphs


def _h1(tree: HtmlElement) -> str | None:
    """The first ``<h1>``'s text: extractors often keep it as the body's first line."""
    for element in tree.iter("h1"):
        text = element.text_content().strip()
        if text:
            return text
    return None
