"""The rest of a story that a site split into several containers, and its opening in a block of
its own.

Many templates cut a long story into blocks with an advertisement or a picture between them:
``<div class="post-content">`` part one, ``<div class="ad-slot">``, ``<div
class="post-content">`` part two. trafilatura takes the first element that its container
rules match and reads nothing after it, so every part after the first is lost, in both of
its modes (on the development pages split so, it keeps 95 % of the story's words; the
bench's split probe measures it).

`continuations` finds those parts: the following siblings of the story's container (the
smallest element holding every kept block) that are of the same kind (the same element and
the same first class name), or such elements inside a wrapper that holds little else (an ad
and the part, two levels down at most; an empty block of the kind is an ad's slot), with
nothing between them that has words of its own beyond a label ("Advertisement") or a
picture's caption, and that read as story text. When the container holds two paragraphs or
more and has no such sibling, its outermost wrapper that holds nothing else stands for it
(InfoWorld wraps each part three deep; a wrapper without a class matches wrappers of a block
of the container's kind, as MIT Technology Review's). `story_parts` finds the parts of the kind
before the container too: trafilatura's fallback may keep a middle part, the longest.

Same-class siblings are also where sites put a related list, an author box, the comments or
the next story of an infinitely scrolling page, so a part must look like the rest of the
story: paragraphs of running text (`_MIN_PARAGRAPH_WORDS` words each), little of it link
text (a box inside it that trafilatura deletes by name when it reads the part, such as the
"See also" list at the end of TMZ's last block, counts neither way), and no headline of a
story of its own (an ``<h1>``, or a heading before its first paragraph of a level the story
has not used between its paragraphs); the last part must hold two such paragraphs, since a
one-paragraph block at the end is an author box or a note, unless every part is one
paragraph long (a template that gives each paragraph a block of its own).

A sibling of another kind is a part too when it is a block with names of its own, holds two
such paragraphs itself, and its names (its class and id, and those of a box inside it that
holds most of its words) say nothing of a page's chrome: a template that puts the rest of a
story in a block of its own ("article-body" and "article-body-rest", a paywall's
"story-more"), as Readability joins the siblings of its best candidate that read as
paragraphs. What follows a story with two paragraphs of its own and another kind is
otherwise a subscription pitch ("cta-abonnement"), an error-report widget
("article__report") or the footer (``id="footer"``): so named on each of the three of the
428 development and outside pages where such a block follows the story, which stay as they
were. A block without names says nothing either way (a cookie dialog's settings, whose names
were taken away by the bench's ``--plain-tags`` probe, followed a story so), and is left
alone.

The same holds at the start: a template that gives the story's first paragraph a block of its
own before the container ("story-top", then "story-body") loses it to trafilatura, which reads
the container alone. `opening` finds such a block: the nearest named block before the
container (only an ad or a label between them) that holds a paragraph of running text and no
heading before it, and whose names say nothing of chrome nor of a header's parts. A
standfirst ("lead", "intro", "dek") sits there too, and the benchmark's annotators leave it
out more often than not (on the 428 development and outside pages, the three blocks before a
container that hold a paragraph are each a standfirst so named, and stay out), as is a
picture's caption; a block whose text is the page's description is a standfirst too
(session 18 found the annotators leaving out each description shown outside the story; a
description cut from a block's start was made from the story's first paragraph).

Inside the container, on a page that trafilatura reads in div mode, precision mode deletes a
first or last paragraph shorter than 200 characters for a link in it (`linked_ends`); the
story keeps such a div when it is a sentence beside the kept text's first or last block.

A standfirst that the template shows above the story is the page's description again, in a
``<p>`` before a block of the story's paragraphs or in a subheading before the story's body
(`standfirst`): the benchmark's annotators leave it out, and `workers.pipeline.extract` takes
its line out of the kept text. A ``<p>`` alone in a block before the story's is not looked at
past its block: that is the story's first paragraph as often.

Pure functions of the tree and of the text kept so far; `workers.pipeline.extract` reads
each part with trafilatura and appends its text, and puts the opening's before it (and a
linked first or last paragraph's text where it stands).
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterator

from lxml.html import Element, HtmlElement

from workers.pipeline.blocks import BLOCKS_BUT_PICTURES, div_mode, holding
from workers.pipeline.boilerplate import content_words, word_count
from workers.pipeline.gapfill import PREFIX, SUBHEADINGS, kept_starts, story_container
from workers.pipeline.prepare import class_and_id
from workers.pipeline.shield import discarded_by_name

__all__ = ["continuations", "linked_ends", "opening", "standfirst", "story_parts"]

#: a paragraph of running text has at least this many words
_MIN_PARAGRAPH_WORDS = 12
#: ... and the last part at least this many such paragraphs (`continuations`)
_MIN_PARAGRAPHS = 2
#: a story's opening in a block of its own is a paragraph this long at least: a lede may be
#: short ("A half century on, The Doobie Brothers are still smoking.": ten words)
_OPENING_WORDS = 8
#: precision mode deletes a div shorter than this many characters that holds a link
#: (trafilatura's ``delete_by_link_density`` with backtracking; `linked_ends`)
_LINKED_DIV_CHARS = 200
#: ... and a paragraph whose link text is this share of its characters or more (its rule
#: for ``<p>``)
_MOSTLY_LINKED = 0.8
#: a block of fewer words is a label, passed over when looking for a story's first block
_LABEL_WORDS = 3
#: an opening stands beside the story's first kept block: their common ancestor is at most
#: this many levels up from each (`linked_ends`)
_BESIDE_LEVELS = 2
#: the end of a sentence: its stop, and a closing quote or bracket after it (an ellipsis
#: ends a teaser's excerpt, cut short: "Das gängige Franzosen-Klischee ... Franzosen...")
_SENTENCE_END = re.compile(r"(?<![.…])[.!?][\"'”’»)\]]*$")
#: an element between two parts may hold a label, no more, outside a picture's caption
_MAX_WORDS_BETWEEN = 40
#: at most this share of a part's words may be link text (a related list is nearly all)
_MAX_LINK_SHARE = 0.3
#: parts of one story after its first
_MAX_PARTS = 16
#: how deep inside a wrapper a part is looked for
_WRAP_DEPTH = 2
_WORD = re.compile(r"\w+")
#: a block after the story of one paragraph is its last when this share of its distinct
#: words of four letters or more are the story's (measured: the story's last paragraphs
#: 0.28-0.65, TMZ's update and SlashGear's last paragraph 0.29 read without their related
#: boxes; calls to follow a site and author boxes 0-0.27)
_ECHO_SHARE = 0.28
_HEADINGS = ("h1", "h2", "h3")
#: the elements a part of another kind may be (a list, a table or a figure is no story's rest)
_BLOCKS = frozenset(("div", "section"))
#: the words of class and id names that mark a page's chrome, Readability's "unlikely" and
#: "negative" names with those of subscription pitches and widgets and an organisation's
#: "mission-statement" (below gnu.org's pages), names split at ``-``, ``_``, spaces and
#: lower-to-upper case changes and compared in lower case
_CHROME_NAMES = frozenset(
    (
        "abo", "abonnement", "ad", "ads", "author", "banner", "bio", "byline", "comment",
        "comments", "community", "consent", "contact", "cookie", "cookies", "cta",
        "disclaimer", "disqus", "footer", "gdpr", "login", "meta", "mission", "modal",
        "newsletter", "outbrain", "overlay", "pagination", "paywall", "popup", "privacy",
        "promo", "related", "report", "share", "sharing", "sidebar", "signup", "social",
        "sponsor", "sponsored", "subscribe", "subscription", "tags", "taboola", "teaser",
        "widget",
    )
)  # fmt: skip
#: the words of names of a header's parts, which sit before a story's container and are
#: no story text: a standfirst ("lead", "intro", "dek", "chapo") and a picture's caption
_HEADER_NAMES = frozenset(
    (
        "abstract", "caption", "chapo", "credit", "deck", "dek", "description", "entradilla",
        "excerpt", "figure", "image", "img", "intro", "kicker", "lead", "lede", "media",
        "photo", "picture", "sapo", "standfirst", "strapline", "subheadline", "subtitle",
        "summary", "sumario", "teaser", "vorspann",
    )
)  # fmt: skip
#: the names that make a block before the container no opening of the story
_NOT_OPENING_NAMES = _CHROME_NAMES | _HEADER_NAMES
#: the elements without a class that are of their tag's kind (`_kind`)
_KIND_BY_TAG = frozenset(("article", "section"))
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _kind(element: HtmlElement) -> tuple[str, str] | None:
    """The element and its first class name; None for a ``<div>`` without a class, whose
    siblings of the same tag are any ``<div>`` of the page. An ``<article>`` or a
    ``<section>`` without one is of its tag's kind: a blog that writes its story as two
    ``<article>`` elements with an ad between them (joshua.hu under the bench's
    ``--split-story``) names nothing."""
    if not isinstance(element.tag, str):
        return None
    names = (element.get("class") or "").split()
    if names:
        return element.tag, names[0]
    return (element.tag, "") if element.tag in _KIND_BY_TAG else None


def _words(element: HtmlElement) -> int:
    """The words of `element`, counted as the cleaning counts them (a CJK character is a
    word: Chinese and Japanese write no spaces)."""
    return word_count(element.text_content())


def _running_paragraphs(
    part: HtmlElement,
    subheadings: set[str] | None = None,
    opening: bool = False,
    least: int = _MIN_PARAGRAPH_WORDS,
) -> int:
    """How many paragraphs of running text `part` holds; 0 when it is not story text (much
    link text, an ``<h1>``, or a heading before its first paragraph).

    `subheadings` is given for the story's container and the blocks of its kind: the
    heading tags the story has used between its paragraphs so far. Such a block may open
    with one of those (InfoWorld cuts its stories into blocks at ads, and a block may start
    at a section's ``<h2>``), and the headings it uses so are added to them; and on a page
    that trafilatura reads in div mode its text-only divs are paragraphs too. Other blocks
    must hold ``<p>`` (in div mode, CNN's column of teasers beside the story and a
    caption's div before it hold text divs of a sentence or two). An `opening` part, one
    before the part kept, may open with headings: the story's first part holds its header
    (Quanta's byline and share row are ``<h3>`` headings above its first paragraph)."""
    if part.find(".//h1") is not None:
        return 0
    dropped = _dropped_boxes(part)
    divs = subheadings is not None and div_mode(part.getroottree().getroot())
    holders = holding(part, BLOCKS_BUT_PICTURES) if divs else set()
    running = 0
    for element in part.iter("p", "div", *_HEADINGS):
        if element.tag == "div" and (not divs or element in holders):
            continue
        if dropped and _inside(element, dropped, part):
            continue
        if element.tag in _HEADINGS:
            if running:
                if subheadings is not None:
                    subheadings.add(element.tag)
            elif not opening and (subheadings is None or element.tag not in subheadings):
                return 0  # a heading before any paragraph: another story, or a list's
            continue
        words = _words(element)
        if element.tag == "p" and _link_only(element, words):
            dropped.add(element)  # a link alone: a line trafilatura drops, no story text
        elif words >= least:
            running += 1
    total = _words(part) - sum(_words(box) for box in dropped)
    linked = sum(
        _linked_words(link, dropped)
        for link in part.iter("a")
        if not (dropped and _inside(link, dropped, part))
    )
    return running if total > 0 and linked <= _MAX_LINK_SHARE * total else 0


def _linked_words(link: HtmlElement, dropped: set[HtmlElement]) -> int:
    """The words of `link` outside the `dropped` boxes inside it: a teaser card linked whole
    (Süddeutsche's ``<figure>`` after a story's last paragraphs) holds its summary in a box
    that trafilatura deletes, whose words count neither in the part's text nor in its
    links."""
    words = _words(link)
    if dropped:
        words -= sum(_words(box) for box in link.iterdescendants() if box in dropped)
    return words


def _link_only(paragraph: HtmlElement, words: int) -> bool:
    """Whether `paragraph`, of `words` words, is a line of link text no longer than a
    headline (a "watch our review" line; a longer one is another story's teaser, with its
    standfirst)."""
    if not 0 < words <= _HEADLINE_MAX_WORDS:
        return False
    return sum(_words(link) for link in paragraph.iter("a")) >= words


def _dropped_boxes(part: HtmlElement) -> set[HtmlElement]:
    """The outermost boxes inside `part` that trafilatura deletes by their names when it
    reads the part (a "related" list of links at the end of the story's last block): they
    say nothing of whether the part is story text."""
    boxes: set[HtmlElement] = set()
    for element in part.iterdescendants():
        if (
            isinstance(element.tag, str)
            and discarded_by_name(element)
            and not _inside(element, boxes, part)
        ):
            boxes.add(element)
    return boxes


def _inside(element: HtmlElement, boxes: set[HtmlElement], part: HtmlElement) -> bool:
    """Whether an ancestor of `element` below `part` is one of `boxes`."""
    for ancestor in element.iterancestors():
        if ancestor is part:
            return False
        if ancestor in boxes:
            return True
    return False


def _named_for(element: HtmlElement, words: frozenset[str]) -> bool:
    """Whether the names of `element`, or of an element inside it that holds most of its
    words (a wrapper's box), hold one of `words`. An ad or a share row inside a story's
    block does not count: the story is most of the block; nor does a box that trafilatura
    deletes by name when it reads the block (`_dropped_boxes`), whatever its size."""
    dropped = _dropped_boxes(element)
    total = _words(element) - sum(_words(box) for box in dropped)
    item: HtmlElement | None = element
    while item is not None:
        if any(word.lower() in words for word in _NAME_WORD.findall(class_and_id(item))):
            return True
        item = next(
            (
                child
                for child in item
                if isinstance(child.tag, str)
                and child not in dropped
                and 2 * _words(child) > total
            ),
            None,
        )
    return False


def _uncaptioned_words(element: HtmlElement) -> int:
    """The words of a block between two parts outside a picture's caption: Quanta's
    captions under a figure between the parts of a story run to fifty words."""
    captions = element.xpath("descendant-or-self::figcaption")
    return _words(element) - sum(_words(caption) for caption in captions)


def _named_block(element: HtmlElement) -> bool:
    return element.tag in _BLOCKS and bool(element.get("class") or element.get("id"))


def _rest_of_story(sibling: HtmlElement, story: _Story) -> int:
    """The paragraphs of running text of a sibling of another kind than the container when
    it reads as the rest of the story (a block of two such paragraphs or more, or of one
    that uses the story's words, whose names say nothing of chrome), else 0."""
    if not _named_block(sibling):
        return 0
    running = _running_paragraphs(sibling)
    if not running or _named_for(sibling, _CHROME_NAMES):
        return 0
    if running < _MIN_PARAGRAPHS and not story.echoed_by(sibling):
        return 0
    return running


def _wrapped_part(wrapper: HtmlElement, kind: tuple[str, str]) -> HtmlElement | None:
    """A part of the story's kind inside a wrapper that holds little else (an ad and the
    part in a ``<div class="inline-group">``), at most `_WRAP_DEPTH` levels down."""
    frontier = [wrapper]
    for _ in range(_WRAP_DEPTH):
        frontier = [child for item in frontier for child in item if isinstance(child.tag, str)]
        # an empty block of the kind is an ad's slot (InfoWorld's ads are such wrappers)
        found = next((child for child in frontier if _kind(child) == kind and _words(child)), None)
        if found is not None:
            rest = _words(wrapper) - _words(found)
            return found if rest <= _MAX_WORDS_BETWEEN else None
    return None


def continuations(
    tree: HtmlElement, kept_text: str, container: HtmlElement | None = None
) -> list[HtmlElement]:
    """The parts of the story after its container that were not kept, in page order.

    `container` is the story's container when the caller has found it already
    (`gapfill.locate_story`); otherwise it is found here."""
    return story_parts(tree, kept_text, container)[1]


def story_parts(
    tree: HtmlElement, kept_text: str, container: HtmlElement | None = None
) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The parts of the story before its container and after it that were not kept, each
    in page order.

    trafilatura's fallback takes the longest part of a split story, which need not be the
    first (InfoWorld's, under the bench's ``--scramble-classes --plain-tags
    --div-paragraphs``). Before the container only blocks of its kind count: a block of
    another kind there is a story's header, a standfirst or a caption far more often than
    its opening (`opening` finds that one, by stricter rules). The earlier parts are read
    first, so that a later part may open with a subheading that only they used."""
    if container is None:
        container = story_container(tree, kept_text)
    if container is None:
        return [], []
    flat = " ".join(kept_text.split())
    story = _Story(container, flat)
    kind = _kind(container)
    wrapper: HtmlElement | None = None
    found: list[list[HtmlElement]] = []
    for before in (True, False):
        parts = _parts_beside(container, kind, flat, story, before)
        if not parts:
            # a part of a story that is all its wrappers hold: a template that wraps each
            # part in wrappers of its own ("block" > "inner" > "body"), whose outermost are
            # siblings of the wrapper's kind, or wrap a block of the container's (MIT
            # Technology Review's parts each sit in a <div> without names); a lone
            # paragraph's wrapper is a standfirst's box (laviedesidees.fr's "chapo")
            wrapper = _only_content_of(container) if wrapper is None else wrapper
            if wrapper is not container and story.running() >= _MIN_PARAGRAPHS:
                parts = _parts_beside(wrapper, _kind(wrapper) or kind, flat, story, before)
        found.append(parts[::-1] if before else parts)
    return found[0], found[1]


class _Story:
    """The story's container as kept: the heading tags it uses between its paragraphs and
    how many paragraphs of running text it holds (`_running_paragraphs`), counted when first
    asked for: most pages have no part beside the container to compare, and counting a long
    story's paragraphs costs a fraction of a millisecond."""

    def __init__(self, container: HtmlElement, flat: str) -> None:
        self.container = container
        self.flat = flat
        self._subheadings: set[str] | None = None
        self._running = 0
        self._words: set[str] | None = None

    def subheadings(self) -> set[str]:
        """The story's subheadings so far: the parts read add theirs."""
        if self._subheadings is None:
            self._subheadings = set()
            self._running = _running_paragraphs(self.container, self._subheadings)
        return self._subheadings

    def running(self) -> int:
        """The paragraphs of running text the container holds."""
        self.subheadings()
        return self._running

    def echoed_by(self, block: HtmlElement) -> bool:
        """Whether `block` uses the story's words: at least `_ECHO_SHARE` of its distinct
        words of four letters or more are in the kept text. A story's last paragraph names
        what the story named ("Menghina Siti Aisyah ra, Abu Bakar ra ..."); an author box,
        a forum's or a newsletter's call names the author or the site. A box inside the
        block that trafilatura deletes by name when it reads the block (SlashGear's "Story
        Timeline" list after its last paragraph) is read both with the block and without
        it: its headlines may name what the story named, or nothing of it."""
        if self._words is None:
            self._words = content_words(self.flat)
        return any(
            words and len(words & self._words) >= _ECHO_SHARE * len(words)
            for words in map(content_words, _readings(block))
        )


def _readings(block: HtmlElement) -> Iterator[str]:
    """The text of `block`, and then its text without the boxes inside it that trafilatura
    deletes by name (`_dropped_boxes`), when it holds any."""
    yield block.text_content()
    if _dropped_boxes(block):
        read = copy.deepcopy(block)
        for box in _dropped_boxes(read):
            box.drop_tree()
        yield read.text_content()


def _only_content_of(container: HtmlElement) -> HtmlElement:
    """The outermost ancestor of `container` that holds no words but the container's
    (the container itself when its parent holds more)."""
    while True:
        parent = container.getparent()
        if parent is None or parent.tag == "body" or not _holds_only(parent, container):
            return container
        container = parent


def _holds_only(parent: HtmlElement, child: HtmlElement) -> bool:
    """Whether `parent` holds no words but those of its `child` (its other children are
    read, not the child: a long story's text is not gone through again)."""
    if _WORD.search(parent.text or ""):
        return False
    for other in parent:
        if _WORD.search(other.tail or ""):
            return False
        if other is not child and isinstance(other.tag, str) and _WORD.search(other.text_content()):
            return False
    return True


def _parts_beside(
    container: HtmlElement,
    kind: tuple[str, str] | None,
    flat: str,
    story: _Story,
    before: bool,
) -> list[HtmlElement]:
    """The siblings of `container` after it (before it, when `before`; nearest first) that
    are parts of the `story` whose kept text (whitespace folded) is `flat`, of `kind` or
    wrapping a block of it, as `continuations` describes them."""
    parts: list[tuple[HtmlElement, int]] = []
    step = HtmlElement.getprevious if before else HtmlElement.getnext
    sibling = step(container)
    while sibling is not None and len(parts) < _MAX_PARTS:
        if not isinstance(sibling.tag, str):
            sibling = step(sibling)  # a comment or processing instruction
            continue
        part = None
        running = 0
        if kind is not None:
            part = sibling if _kind(sibling) == kind else _wrapped_part(sibling, kind)
        if part is None and not before:
            running = _rest_of_story(sibling, story)  # counted once, here
            part = sibling if running else None
        if part is not None:
            start = " ".join(part.text_content().split())[:40]
            running = running or _running_paragraphs(part, story.subheadings(), before)
            if not running or (start and _read_already(start, flat, container, parts)):
                break
            parts.append((part, running))
        elif _uncaptioned_words(sibling) > _MAX_WORDS_BETWEEN:
            break  # the story is over: something with words of its own follows
        sibling = step(sibling)
    # a last part of one paragraph is an author box or a note (a first one, a standfirst),
    # unless every part is one paragraph long (a template that puts each paragraph in a
    # block of its own) or, after the story, it uses the story's words (its last paragraph)
    one_each = len(parts) >= 2 and all(running == 1 for _, running in parts)
    while parts and parts[-1][1] < _MIN_PARAGRAPHS and not one_each:
        if not before and story.echoed_by(parts[-1][0]):
            break
        parts.pop()
    return [part for part, _ in parts]


def _read_already(
    start: str, flat: str, container: HtmlElement, parts: list[tuple[HtmlElement, int]]
) -> bool:
    """Whether the kept text `flat` holds the part that opens with `start`: it holds that
    start more often than the `container` and the `parts` found before it do (a meal plan
    repeats its lines from one part to the next, so the start alone says nothing). Counted
    only when the start is there at all."""
    if start not in flat:
        return False
    blocks = (container, *(part for part, _ in parts))
    held = sum(" ".join(block.text_content().split()).count(start) for block in blocks)
    return flat.count(start) > held


def opening(
    tree: HtmlElement,
    kept_text: str,
    container: HtmlElement | None = None,
    description: str | None = None,
) -> HtmlElement | None:
    """The block just before the story's container that holds the story's first paragraph
    when it was not kept, or None.

    A template that gives the first paragraph a block of its own ("story-top" before
    "story-body") loses it to trafilatura, which reads the container alone. A block before
    the container is its opening when it has names of its own that say nothing of chrome nor
    of a header's parts (a standfirst, which the benchmark's annotators leave out more often
    than not, or a caption), and holds a paragraph of running text and no heading before it
    (a header's block holds the headline); only an ad or a label (`_MAX_WORDS_BETWEEN`) may
    stand between it and the container. A block whose text is the page's `description`
    is the standfirst whatever its names (with class names scrambled, Sputnik's
    "b-article__lead" came back so). A block that opens with something else (a box with a
    heading: heise's promotion of the magazine issue) but ends in paragraphs, and holds no
    ``<h1>``, is judged by those paragraphs alone (`_trailing_paragraphs`): they are the
    story's first."""
    if container is None:
        container = story_container(tree, kept_text)
    if container is None:
        return None
    sibling = container.getprevious()
    while sibling is not None:
        if not isinstance(sibling.tag, str):
            sibling = sibling.getprevious()  # a comment or processing instruction
            continue
        block = _opening_block(sibling)
        if block is not None:
            start = " ".join(block.text_content().split())[:40]
            if start in " ".join(kept_text.split()):
                return None
            if _runs_on(block, description, kept_text):
                return block  # whatever its names: the description reads on into the story
            if _named_for(block, _NOT_OPENING_NAMES) or _shows(block, description):
                return None
            return block
        if _words(sibling) > _MAX_WORDS_BETWEEN:
            return None
        sibling = sibling.getprevious()
    return None


def _opening_block(sibling: HtmlElement) -> HtmlElement | None:
    """`sibling` when it is a named block that holds a paragraph of running text; else the
    paragraphs that end it after a box (`_trailing_paragraphs`), when they hold one and it
    holds no ``<h1>``; else None, and the walk goes on past `sibling` itself (an ad or a
    label between the opening and the container). Each is counted once."""
    if not _named_block(sibling):
        return None
    if _running_paragraphs(sibling, least=_OPENING_WORDS) >= 1:
        return sibling
    trailing = _trailing_paragraphs(sibling)
    if trailing is None or sibling.find(".//h1") is not None:
        return None
    return trailing if _running_paragraphs(trailing, least=_OPENING_WORDS) >= 1 else None


def _trailing_paragraphs(block: HtmlElement) -> HtmlElement | None:
    """A copy of the paragraphs that end `block` (its last children, ``<p>`` each, after its
    last other child), under the block's names; None when it ends otherwise."""
    children = [child for child in block if isinstance(child.tag, str)]
    run: list[HtmlElement] = []
    for child in reversed(children):
        if child.tag != "p":
            break
        run.append(child)
    if not run or len(run) == len(children):
        return None
    copy_ = Element(block.tag, {k: v for k, v in block.attrib.items() if k in ("class", "id")})
    copy_.extend(copy.deepcopy(p) for p in reversed(run))
    return copy_


#: the words of the kept text's start that a description reading on into it must hold
_RUN_ON_WORDS = 6


def _runs_on(block: HtmlElement, description: str | None, kept_text: str) -> bool:
    """Whether the page's `description` is the text of `block` read on into the kept
    text's start: an excerpt made of the story's first paragraphs, so that the block is the
    first of them whatever its names (TechCrunch's ``<p id="speakable-summary">``, which
    the description runs on from into the container's first paragraph, lost under the
    bench's ``--opening-block``: a standfirst named "summary" is shown whole or cut)."""
    if not description:
        return False
    want, have = _folded_words(description), _folded_words(block.text_content())
    if len(have) < _OPENING_WORDS or want[: len(have)] != have:
        return False
    rest = want[len(have) : len(have) + _RUN_ON_WORDS]
    kept = itertools.islice(_WORD.finditer(kept_text), _RUN_ON_WORDS)
    return len(rest) == _RUN_ON_WORDS and rest == [word.group().casefold() for word in kept]


def linked_ends(
    tree: HtmlElement, kept_text: str, container: HtmlElement
) -> tuple[str | None, str | None]:
    """The texts of the divs just before the first kept block of the story's `container`
    and just after its last when precision mode dropped them for their links, or None.

    On a page that trafilatura reads in div mode, precision mode deletes every div shorter
    than `_LINKED_DIV_CHARS` characters that holds a link, whatever share of its words the
    link holds: a story's first or last paragraph is often that short and links a name or
    another story of the site (CNN's "Hong Kong (CNN Business) A muddled view of US-China
    trade talks ...", Fox News's "James Van Der Beek has been eliminated from ...", The
    Local's "Earlier this week, the Liberals announced plans for a new five-year
    probationary period ..."). Such a div of `_OPENING_WORDS` words or more that ends a
    sentence is the story's when it stands beside the kept block next to it (their common
    ancestor two levels up at most from each: a photo's credit in the page's header is
    further away). A gap inside the story is put back by `workers.pipeline.gapfill`, which
    takes nothing before the story's start nor after its end. The div holds no block, so its
    text is its line: default mode, which keeps it, spaces a link's words apart from the
    quotes around them ("“ Dancing with the Stars .”"). Precision mode tests a div that
    wraps a ``<p>`` alone in the same way on any page, and drops the paragraph with it
    (CNN's first paragraph, "Hong Kong (CNN Business) A muddled view ...", once the bench's
    ``--wrap-paragraphs`` put it in a div of its own): off div mode only such a ``<p>`` is
    looked at, as a text div is not read there at all."""
    divs = div_mode(tree)
    if not divs and not _wraps_a_paragraph(container):
        return None, None  # most pages: nothing to look at, and no words counted
    holders = holding(container, BLOCKS_BUT_PICTURES)  # no text div holds one
    # a kept block opens a kept line: looking its start up in a set, not searching the text,
    # keeps a page of 20,000 divs linear
    starts = kept_starts(kept_text)
    blocks: list[HtmlElement] = []
    kept: list[int] = []
    for element in container.iter("p", "div", "li", "blockquote", *SUBHEADINGS):
        if element.tag == "div" and element in holders:
            continue
        text = " ".join(element.text_content().split())
        if word_count(text) < _LABEL_WORDS:
            continue
        if text[:PREFIX] in starts:
            kept.append(len(blocks))
        blocks.append(element)
    if not kept:
        return None, None
    first, last = kept[0], kept[-1]
    before = _linked_line(blocks[first - 1], blocks[first], divs) if first > 0 else None
    after = (
        _linked_line(blocks[last + 1], blocks[last], divs) if last + 1 < len(blocks) else None
    )
    return before, after


def _linked_line(block: HtmlElement, kept: HtmlElement, divs: bool) -> str | None:
    """The text of `block`, a div beside the `kept` block that precision mode dropped for
    its link (on a page read in div mode, `divs`), or a ``<p>`` in such a div of its own,
    when it is a sentence (`linked_ends`)."""
    if block.tag == "div":
        div = block if divs else None
    else:
        div = _wrapping_div(block) if block.tag == "p" else None
    if div is None or not _beside(div, kept) or not _linked_div(div):
        return None
    line = " ".join(block.text_content().split())
    return line if _SENTENCE_END.search(line) else None


def _wraps_a_paragraph(container: HtmlElement) -> bool:
    """Whether a ``<p>`` of `container` is alone in a div (`_lone_in_div`): a cheap first
    look, by elements alone, each div's children counted once."""
    seen: set[HtmlElement] = set()
    for paragraph in container.iter("p"):
        parent = paragraph.getparent()
        if parent is None or parent in seen:
            continue
        seen.add(parent)
        if _lone_in_div(paragraph) is not None:
            return True
    return False


def _lone_in_div(paragraph: HtmlElement) -> HtmlElement | None:
    """The ``<div>`` around `paragraph` when the paragraph is its only element, or None."""
    parent = paragraph.getparent()
    if parent is None or parent.tag != "div":
        return None
    return parent if sum(isinstance(child.tag, str) for child in parent) == 1 else None


def _wrapping_div(paragraph: HtmlElement) -> HtmlElement | None:
    """The div around `paragraph` alone (`_lone_in_div`) when it holds the paragraph's words
    and no others, or None."""
    div = _lone_in_div(paragraph)
    if div is None or (div.text or "").strip():
        return None
    words = _words(paragraph)
    return div if words and _words(div) == words else None


def _beside(first: HtmlElement, second: HtmlElement) -> bool:
    """Whether the common ancestor of `first` and `second` is two levels up at most from
    each."""
    near = set(itertools.islice(first.iterancestors(), _BESIDE_LEVELS))
    parents = itertools.islice(second.iterancestors(), _BESIDE_LEVELS)
    return any(ancestor in near for ancestor in parents)


def _linked_div(element: HtmlElement) -> bool:
    """Whether `element` is a text div of a paragraph's length that precision mode drops for
    its link: shorter than `_LINKED_DIV_CHARS`, holding a link and no picture nor line
    break, and no picture's caption (inside a figure, beside a picture without words, or
    so named: a WordPress "wp-caption-text" credits its photo with two links) nor a
    standfirst."""
    if element.tag != "div" or element.find(".//a") is None:
        return False
    if element.find(".//img") is not None or element.find(".//br") is not None:
        return False
    if element.xpath("ancestor::figure | ancestor::figcaption"):
        return False
    if any(_picture(sibling) for sibling in (element.getprevious(), element.getnext())):
        return False
    text = element.text_content().strip()
    if len(text) >= _LINKED_DIV_CHARS or _words(element) < _OPENING_WORDS:
        return False
    # a line that is nearly all link is a call or a teaser's ("Subscribe to the 9to5Toys
    # YouTube Channel ..."), which precision mode drops as a paragraph too
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    if linked >= _MOSTLY_LINKED * len(text):
        return False
    return not _named_for(element, _NOT_OPENING_NAMES)


def _picture(element: HtmlElement | None) -> bool:
    """Whether `element` is a picture without words (an ``<img>``, or a link around one)."""
    if element is None or not isinstance(element.tag, str) or _words(element):
        return False
    return element.tag in ("img", "picture") or element.find(".//img") is not None


def standfirst(tree: HtmlElement, kept_text: str, description: str | None) -> str | None:
    """The line of the kept text that is a standfirst above the story, or None: one of its
    first three lines (a headline and a section's label may come first, never a paragraph
    of `_HEADLINE_MAX_WORDS` words: a quote the description repeats), the text of a
    ``<p>`` or a subheading that is the page's `description` (`_shows`) and is followed,
    past an ad or a label at most, by a block that holds two paragraphs of running text or
    more, the story's body: a block of its own parent (The Local's "Liberal (Venstre) party
    leader ..." before an ad and the body's ``<div>``, its class names scrambled by the
    bench) or, for a subheading that nothing follows there, of its parent's or
    grandparent's (the Express's ``<h3>`` at the end of its header). A first paragraph
    among the story's paragraphs (TechCrunch's, which its description repeats) is followed
    by paragraphs, not by a block of them, and is the story's."""
    if not description:
        return None
    # only a line that opens as the description does is looked for in the page
    want = _first_words(description)
    if not want:
        return None  # a description without words names no line
    lines = []
    for line in kept_text.split("\n", 8)[:8]:
        if line.strip():
            lines.append(line)
            if len(lines) == 3 or word_count(line) >= _HEADLINE_MAX_WORDS:
                break  # a paragraph of the story's came before any later line
    starts = {
        " ".join(line.split())[:40]: line
        for line in lines
        if len(line.strip()) >= 40 and _first_words(line) == want
    }
    if not starts:
        return None
    first = want[0]
    for paragraph in tree.iter("p", "h2", "h3", "h4"):
        # its own first word, when it opens with words: its whole text only when it fits
        lead = _WORD.search(paragraph.text or "") or _WORD.search(paragraph.text_content())
        if lead is None or lead.group().casefold() != first:
            continue
        shown = starts.get(" ".join(paragraph.text_content().split())[:40])
        if shown is not None:
            # the first paragraph of the line's start is the line's
            return shown if _shows(paragraph, description) and _heads_a_body(paragraph) else None
    return None


def _folded_words(text: str) -> list[str]:
    """The words of `text`, case folded, as the description and a block are compared."""
    return [word.casefold() for word in _WORD.findall(text)]


def _first_words(text: str) -> list[str]:
    """The first twelve words of `text`, case folded, as `_shows` compares them."""
    return [match.group() for match in itertools.islice(_WORD.finditer(text.casefold()), 12)]


def _heads_a_body(paragraph: HtmlElement) -> bool:
    """Whether a block that holds two paragraphs of running text or more follows
    `paragraph`, past an ad or a label at most: a block of its parent, or, for a
    subheading that is the last there to hold words, of an ancestor's (`_STANDFIRST_LEVELS`
    levels up), read as `_body` reads a body. A ``<p>`` alone in a block before the story's
    is the story's first paragraph as often as a standfirst (its description repeats it):
    under the bench's ``--opening-block`` nine development pages lost it so."""
    element: HtmlElement | None = paragraph
    heading = paragraph.tag != "p"
    for _ in range(_STANDFIRST_LEVELS if heading else 1):
        if element is None or element.tag in ("body", "html"):
            return False
        between = 0
        sibling = element.getnext()
        while sibling is not None:
            if isinstance(sibling.tag, str):
                if sibling.tag in _BLOCKS and _body(sibling, heading):
                    return True
                between += _words(sibling)
                if between > _MAX_WORDS_BETWEEN:
                    return False
            sibling = sibling.getnext()
        element = element.getparent()
    return False


def _body(block: HtmlElement, after_heading: bool) -> bool:
    """Whether `block` holds two paragraphs of running text or more. After a heading, the
    paragraphs may come after a heading of the body's own (Fox Business's body opens with a
    video's card and its headline, which kept the standfirst once its header was a
    ``<div>``: the bench's ``--plain-tags``), and on a page read in div mode text divs count
    (the Express's ``<h3>`` standfirst above a body of divs)."""
    if after_heading:
        return _running_paragraphs(block, set(), opening=True) >= _MIN_PARAGRAPHS
    return _running_paragraphs(block) >= _MIN_PARAGRAPHS


#: a subheading's body may follow its parent or its grandparent (a header's)
_STANDFIRST_LEVELS = 3
#: a line before the standfirst is a headline or a label, shorter than this
_HEADLINE_MAX_WORDS = 25


#: a standfirst is the page's description give or take this many words (a source's name)
_DESCRIPTION_SLACK = 3


def _shows(block: HtmlElement, description: str | None) -> bool:
    """Whether the block's text is the page's description (its first twelve words, case
    folded, and as many words within `_DESCRIPTION_SLACK`): the description shown above the
    story, a standfirst. A description cut from the block's start ("... The VW…") or run on
    into the next paragraph was made from the story's first paragraph, which the block is
    (SlashGear's, TechCrunch's, under the bench's ``--opening-block``)."""
    if not description:
        return False
    want, have = _folded_words(description), _folded_words(block.text_content())
    return (
        bool(want)
        and want[:12] == have[:12]
        and abs(len(have) - len(want)) <= _DESCRIPTION_SLACK
    )
