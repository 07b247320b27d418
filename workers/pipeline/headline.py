"""The page's own headline among several, and whether a text sits under another one.

A page can hold more than its story: an endless page renders the next story below the first,
with its own ``<h1>``, its byline and its paragraphs; a paywalled page shows a short preview
of its story and a longer story beneath. trafilatura takes the first ``<article>`` it finds,
which may be the next story's, and when the story's own container reads short, its full
cascade compares its result with Readability's and jusText's and keeps the longest, which is
then the other story, whole, or both stories read together (the bench's ``--next-story``
probe: 0.8655 -> 0.9551 in session 23, 0.9954 in session 24; with
``--scramble-classes`` 0.9202 -> 0.9888).

The page says which story is its own: its titles (`page_titles`: ``<title>``, ``og:title``,
``twitter:title``, which may each say it differently) repeat its headline, an ``<h1>``, or on
an old WordPress theme that gives the site's name the ``<h1>``, an ``<h2>``, or on Medium
an ``<h3>``, taken only over a story that the next story's ``<article>`` follows; a heading that
matches only the site's part of a title ("Headline | Site") is not the page's, nor is one
that no story's words follow (a title of the site's name alone, "The Courier", matches the
site's ``<h1>``, and the story in the ``<article>`` after it, under an ``<h1>`` of its own,
is the page's). Without an ``<h1>`` that matches, the first ``<h1>`` is the page's when it
heads an ``<article>`` and a later ``<h1>`` heads another (the next story comes after the
page's own), and so is the ``<h1>`` over a story's words that such an ``<article>``
follows (a site's name over the story, Simon Willison's); a page that writes its section
headings as ``<h1>`` has no such pair, and no own headline is known. A cookie notice's
words are no story's.
`another_headline` tells whether a block of text sits under another story's ``<h1>``: the
nearest headline before it in the page's order is not one of the page's own (a site's header
that repeats the headline matches the title too). `headline_region` is where the page's own
story is then read from: the smallest element around its headline whose paragraphs hold
words of their own and that holds no other ``<h1>``; where there is none (the story is text
in ``<div>`` elements, the headline has a block of its own), the page is read without the
other story (`story_article`, `other_region`); a text that holds none of the other
story's paragraphs (`holds_story_of`) is the page's, wherever its container is.
`cut_at_another_headline` ends a text at the next story's headline, or at its first
paragraph where its headline was not read, when both stories were read together; where the
page's story goes on after the other one (a template that shows another story in the middle
of the page's), only the other story's lines go.
Chinese and Japanese headlines and stories are measured by their characters, as those
scripts put no spaces between words. Pure functions of the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree
from lxml.html import HtmlElement

from .blocks import BLOCKS_BUT_PICTURES, holding
from .boilerplate import CJK_CHAR, is_boilerplate, word_count
from .lines import loose_text

__all__ = [
    "another_headline",
    "cut_at_another_headline",
    "headline_region",
    "holds_story_of",
    "other_region",
    "own_headlines",
    "page_titles",
    "paragraph_starts",
    "story_article",
]

_WORD = re.compile(r"\w+")
#: a headline's first words are compared with the title's ...
_HEADLINE_WORDS = 12
#: ... and this share of them must be among the title's words
_MATCH_SHARE = 0.6
#: the headline's region holds at least this many words in its paragraphs
_REGION_WORDS = 60


#: the page's titles: its ``<title>`` (not an icon's, in an ``<svg>``: "Menu", "Chevron")
#: and the social and analytics titles in its metadata
_TITLES = etree.XPath(
    "//title[not(ancestor::svg)]/text() | //meta[@property='og:title' or @name='og:title'"
    " or @name='twitter:title' or @property='twitter:title' or @name='sailthru.title'"
    " or @name='parsely-title'"
    " or @name='title' or @name='dc.title' or @name='DC.title']/@content"
)


def page_titles(tree: HtmlElement) -> list[str]:
    """The titles the page gives itself (``<title>``, ``og:title``, ``twitter:title`` and
    the like), each once. A site may write a different headline in each (the BBC's
    ``og:title`` is a short one, its ``<title>`` repeats the ``<h1>``), so each is tried.
    Read before the tree is cleaned."""
    titles: list[str] = []
    for value in _TITLES(tree):
        title = " ".join(str(value).split())
        if title and title not in titles:
            titles.append(title)
    return titles


#: what sets a site's name (or a section's) apart from the headline in a page's title
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·»:]{1,2}\s+")


def _title_words(title: str) -> tuple[set[str], set[str]]:
    """The words of a title, and those of its headline part (`_headline_part`): a heading
    must hold two words of the latter, as the site's name, a heading of its own on many
    pages, does not."""
    return set(_words(title)), set(_words(_headline_part(title)))


#: a part of a title that is a domain ("iloveponysmag.com"): the site's name
_DOMAIN = re.compile(r"\S+\.[a-z]{2,6}", re.IGNORECASE)


def _headline_part(title: str) -> str:
    """The part of a title between separators that is its headline: the longest of those
    that are not a domain, and not the last of several when that is shorter than the first
    (sites put their name last: "Headline | Section | Site", "OUTDOOR LOVERS |
    iloveponysmag.com", "Jangan Membenci Satu Kaum | Kabar tentang Dunia Islam")."""
    parts = [part for part in _TITLE_SEPARATOR.split(title) if not _DOMAIN.fullmatch(part)]
    if len(parts) > 1 and len(parts[-1]) < len(parts[0]):
        parts = parts[:-1]
    return max(parts, key=len) if parts else ""


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _weight(word: str) -> int:
    """What a word counts for in a heading: one, or its length when it is Chinese or Japanese,
    where a run of word characters is a phrase (a headline of two runs and the author's name
    of two short ones is mostly headline)."""
    return len(word) if CJK_CHAR.search(word) else 1


def _size(text: str) -> int:
    """How many words a heading has, a Chinese or Japanese run counted by its characters."""
    return sum(map(_weight, _words(text)))


def _matches(heading: HtmlElement, wanted: tuple[set[str], set[str]]) -> bool:
    """Whether most of the heading's first words are among the title's, two of them in the
    title's headline part (`_title_words`); a heading of one word is the whole headline
    part ("Mandelplätzchen | kulinaria@home")."""
    title, headline = wanted
    words = _words(heading.text_content())[:_HEADLINE_WORDS]
    size = sum(map(_weight, words))  # not _size: only the first words count
    if size == 1:
        return set(words) == headline
    return (
        size >= 2
        and sum(_weight(word) for word in words if word in title) >= _MATCH_SHARE * size
        and sum(map(_weight, headline.intersection(words))) >= min(2, sum(map(_weight, headline)))
    )


def own_headlines(tree: HtmlElement, title: str | Sequence[str] | None) -> list[HtmlElement]:
    """The ``<h1>`` elements that match the title, or one of the titles (`page_titles`);
    without one, the ``<h2>`` elements that do (an old WordPress theme's headline is an
    ``<h2>`` under the site's name in an ``<h1>``), when a story's words follow them outside
    the next ``<article>`` that another ``<h1>`` heads (`_heads_a_story`: a title of the
    site's name alone matches the site's ``<h1>``, over no story). Without either, the
    ``<h3>`` elements that do (a Medium story's headline), but only over a story that
    another story's ``<article>`` follows: an ``<h3>`` is a section's heading as often.
    Without any, the first ``<h1>`` of two words or more when it heads an ``<article>`` and
    a later one heads another (the next story of an endless page comes after the page's
    own), or the ``<h1>`` over a story that such an ``<article>`` follows
    (`_before_next_story`); a page that uses ``<h1>`` for its sections (a Squarespace blog,
    its first in a sidebar) has no such pair, and no own headline is known."""
    titles = [title] if isinstance(title, str) else list(title or ())
    wanted = [_title_words(each) for each in titles if each]
    for level in ("h1", "h2"):
        own = [h for h in tree.iter(level) if any(_matches(h, words) for words in wanted)]
        if own:
            return own if _heads_a_story(tree, own) else []
    own = [h for h in tree.iter("h3") if any(_matches(h, words) for words in wanted)]
    if own and _heads_a_story(tree, own, before_another=True):
        return own
    headings = list(tree.iter("h1"))
    first = next((h for h in headings if _size(h.text_content()) >= 2), None)
    own_article = next(first.iterancestors("article"), None) if first is not None else None
    if own_article is not None:
        for heading in headings[headings.index(first) + 1 :]:
            article = next(heading.iterancestors("article"), None)
            if article is not None and article is not own_article:
                return [first]
    return _before_next_story(tree, headings)


def _before_next_story(tree: HtmlElement, headings: list[HtmlElement]) -> list[HtmlElement]:
    """The ``<h1>`` over a story that another story's ``<article>`` follows: the last
    ``<h1>`` before the first later one that heads an ``<article>`` of its own, when a
    story's words lie between the two (`_story_follows`: the page's story under a site's name
    or a one-word headline, then an endless page's next story). Without them the later
    ``<h1>`` heads the page's own story."""
    for index, later in enumerate(headings[1:], start=1):
        article = story_article(later, [])
        if article is None:
            continue
        before = [h for h in headings[:index] if article not in h.iterancestors()]
        if before and _story_follows(tree, before[-1], article):
            return [before[-1]]
        return []
    return []


def _heads_a_story(
    tree: HtmlElement, own: list[HtmlElement], before_another: bool = False
) -> bool:
    """Whether a story's words (`_story_follows`) follow the page's `own` headline outside the
    first ``<article>`` that another ``<h1>`` heads after it, before or after that
    ``<article>`` (a template may put the next story between the headline and the story).
    A title that is the site's name alone ("The Courier") matches the site's ``<h1>`` ("The
    Courier Online"), and the story under the ``<article>``'s own ``<h1>`` is the page's,
    not the next one. True when no such ``<article>`` follows, unless the headline must be
    `before_another` story's to be the page's."""
    last: HtmlElement | None = None
    for heading in tree.iter(*dict.fromkeys(("h1", *(h.tag for h in own)))):
        if heading in own:
            last = heading
        elif last is not None and heading.tag == "h1":
            article = story_article(heading, own)
            if article is not None:
                return _story_follows(tree, last, article, own)
    return not before_another


#: the blocks whose words are a story's: all of them when they hold no block themselves, the
#: lines between their blocks when they do
_STORY_BLOCKS = ("p", "div", "li", "blockquote", "dd", "td", "pre", "article", "section", "main")


def _story_follows(
    tree: HtmlElement,
    start: HtmlElement,
    other: HtmlElement,
    own: list[HtmlElement] | None = None,
) -> bool:
    """Whether `_REGION_WORDS` words of a story lie in the blocks after the heading `start`
    in the page's order (a story's paragraphs, its text ``<div>`` elements, or its lines
    between ``<br>``) outside the other story's ``<article>`` `other`: up to `other`, or,
    given the page's `own` headlines, up to the next ``<h1>`` that is not one of them. A
    notice's words (a cookie banner's, `is_boilerplate`) are no story's. The count stops
    at `_REGION_WORDS`: each block's words are weighed against the notices."""
    holders = holding(tree, BLOCKS_BUT_PICTURES)
    words, started = 0, False
    for element in tree.iter(start.tag, "h1", *_STORY_BLOCKS):
        if element is start:
            started = True
        elif not started:
            continue
        elif element is other:
            if own is None:
                break
        elif any(ancestor is other for ancestor in element.iterancestors()):
            continue
        elif element.tag == "h1":
            if own is not None and element not in own:
                break
        else:
            words += _notice_free(
                loose_text(element) if element in holders else element.text_content()
            )
            if words >= _REGION_WORDS:
                return True
    return False


def _notice_free(text: str) -> int:
    """The words of `text`, none when it is a notice (a cookie banner's, `is_boilerplate`)."""
    count = word_count(text)
    return count if count and not is_boilerplate(text, count) else 0


def another_headline(
    tree: HtmlElement, block: HtmlElement, own: list[HtmlElement]
) -> HtmlElement | None:
    """The nearest ``<h1>`` (or own headline) before `block` (or its first, inside it) in
    the page's order when it is another story's ``<h1>`` (not one of the page's `own`),
    else None."""
    if not own:
        return None

    def heads(element: HtmlElement) -> bool:
        return element.tag == "h1" or element in own

    nearest: HtmlElement | None = None
    for element in tree.iter("h1", "h2", block.tag):
        if element is block:
            break
        if heads(element):
            nearest = element
    inside = next((h for h in block.iter("h1", "h2") if heads(h)), None)
    if inside is not None:
        nearest = inside
    return nearest if nearest is not None and nearest not in own else None


def holds_story_of(text: str, heading: HtmlElement, own: list[HtmlElement]) -> bool:
    """Whether `text` holds a paragraph of the story that another story's `heading` heads
    in an ``<article>`` of its own (`story_article`): the first 40 characters of one of its
    paragraphs of 20 or more. A story's container may hold the other story (a template's
    box after the page's story, where an endless page put the next one) while the text
    read from it is the page's alone; that text is not under the other headline. True when
    the heading heads no such ``<article>``: nothing tells the text from that story's."""
    article = story_article(heading, own)
    if article is None:
        return True
    flat = " ".join(text.split())
    return any(start in flat for start in paragraph_starts(article))


def paragraph_starts(article: HtmlElement) -> list[str]:
    """The first 40 characters of each paragraph of `article` of 20 characters or more,
    spaces collapsed: how a text is found to hold a story's paragraphs."""
    starts = (" ".join(p.text_content().split())[:40] for p in article.iter("p"))
    return [start for start in starts if len(start) >= 20]


def headline_region(own: list[HtmlElement]) -> HtmlElement | None:
    """The smallest element around one of the page's `own` ``<h1>`` whose paragraphs hold
    `_REGION_WORDS` words and that holds no other ``<h1>``: the page's own story with its
    headline. None when there is no such element."""
    for headline in own:
        region = _region(headline, lambda heading: heading not in own)
        if region is not None:
            return region
    return None


def story_article(heading: HtmlElement, own: list[HtmlElement]) -> HtmlElement | None:
    """The ``<article>`` that another story's `heading` (two words or more) heads: its
    nearest, when it holds none of the page's `own` headlines. None for a heading of no
    story of its own (a section heading a page builder writes as an ``<h1>``, a box's
    one-word "Redaktionstipp" inside the page's own ``<article>``)."""
    if _size(heading.text_content()) < 2:
        return None
    article = next(heading.iterancestors("article"), None)
    if article is None or any(article in h.iterancestors() for h in own):
        return None
    return article


def other_region(heading: HtmlElement) -> HtmlElement | None:
    """The smallest element around another story's `heading` whose paragraphs hold
    `_REGION_WORDS` words and that holds no other ``<h1>`` (none of the page's `own`): the
    other story, to be read around when the page's own headline has no region of its own (its
    story is text in ``<div>`` elements, or its headline sits in a block of its own beside
    the story's). None when there is no such element."""
    return _region(heading, lambda other: other is not heading)


def _region(heading: HtmlElement, foreign: Callable[[HtmlElement], bool]) -> HtmlElement | None:
    """The smallest ancestor of `heading` below ``<body>`` with `_REGION_WORDS` words in its
    paragraphs, before one that holds a `foreign` ``<h1>``."""
    for ancestor in heading.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if any(foreign(other) for other in ancestor.iter("h1")):
            break
        # a Chinese or Japanese character is a word: few runs of word characters there
        words = sum(word_count(p.text_content()) for p in ancestor.iter("p"))
        if words >= _REGION_WORDS:
            return ancestor
    return None


def cut_at_another_headline(tree: HtmlElement, text: str, own: list[HtmlElement]) -> str:
    """`text` up to the line that is another story's ``<h1>``, or its first paragraph where
    the headline was not read: an endless page's next story in its own ``<article>`` after
    the page's, read with it. The line must follow the story (`_REGION_WORDS` words before
    it), and the ``<h1>`` must head an ``<article>`` that holds neither the page's own
    headline nor a paragraph before the line: a section heading written as an ``<h1>`` (a
    page builder's) heads no story, and stays. Where the page's story goes on after the
    other one, only the other story's lines go, and the rest is looked at again (a loop:
    each pass removes lines). `own` are the page's own headlines (`own_headlines`)."""
    if not own:
        return text
    while True:
        cut = _cut_once(tree, text, own)
        if cut is None:
            return text
        text, ended = cut
        if ended:
            return text


def _cut_once(tree: HtmlElement, text: str, own: list[HtmlElement]) -> tuple[str, bool] | None:
    """One pass of `cut_at_another_headline`: the text cut at the first other story found
    and whether it ends there, or None when no other story is in it."""
    lines = text.split("\n")
    flat = [" ".join(line.split()) for line in lines]
    for heading in tree.iter("h1"):
        if heading in own:
            continue
        article = story_article(heading, own)
        if article is None:
            continue  # no story of its own: a section heading (a page builder's <h1>)
        words = " ".join(heading.text_content().split())
        starts = paragraph_starts(article)
        at = _line_of(flat, words, starts[:1])
        if at is None:
            continue
        before = " ".join(flat[:at])
        if word_count(before) < _REGION_WORDS:
            continue
        if any(start in before for start in starts):
            continue  # the story's own paragraphs are in its <article>
        rest = _own_rest(flat, at, article, own)
        if rest is None:
            return "\n".join(lines[:at]), True
        # the other story sits inside the page's: its lines go, the page's story goes on
        return "\n".join(lines[:at] + lines[rest:]), False
    return None


def _own_rest(
    flat: list[str], at: int, article: HtmlElement, own: list[HtmlElement]
) -> int | None:
    """Where the page's own story goes on after the other story's lines that start at `at`
    (`flat` are the text's lines, spaces collapsed): the first line after them that is
    not the other `article`'s and lies in the page's story: the ``<article>`` around the
    page's `own` headline, or without one the smallest element around both stories below
    ``<body>``. None when no line after them is the page's (the next story ends the text,
    or what follows it is outside the page's story: a footer, a third story)."""
    page_article = next(own[0].iterancestors("article"), None)
    if page_article is None:
        around = set(article.iterancestors())
        page_article = next((a for a in own[0].iterancestors() if a in around), None)
        if page_article is None or page_article.tag in ("body", "html"):
            return None
    other = " ".join(article.text_content().split())
    end = at + 1  # the line found is the other story's, whatever follows it
    while end < len(flat) and (not flat[end] or flat[end] in other):
        end += 1
    if end == len(flat):
        return None
    page = " ".join(page_article.text_content().split()).replace(other, " ")
    return end if any(line and line in page for line in flat[end:]) else None


def _line_of(flat: list[str], headline: str, opening: list[str]) -> int | None:
    """The index of the line that is `headline`, else of the first line that starts with
    the `opening` words of its story's first paragraph (a template that drops the next
    story's headline keeps its paragraphs); None when neither is there."""
    if headline in flat:
        return flat.index(headline)
    for start in opening:
        for at, line in enumerate(flat):
            if line.startswith(start):
                return at
    return None
