"""Lists of teasers for the site's other stories, found by their markup alone.

Below a story many sites print cards for their other stories with no heading that names
them ("Related", "More from ..."), or with a section's name for one ("Deep Dive",
"Artificial intelligence"): each card a linked headline, a line or two of its standfirst,
perhaps a byline. trafilatura removes such a list when its class names it; under other names
it keeps the cards as headline and standfirst pairs at the end of the story, which the
cleaning pass cannot tell from a story's own subheadings and paragraphs (a gift guide is
written so). The markup can: every card opens with a link to another page of the same site.

So a list is removed before the extractor runs when it is an element whose every child with
words is a card (`_is_card`): at most `_CARD_MAX_WORDS` words, opening with a link of a
headline's length (not a statement) to a page of the page's own site, every other link in
it to the same site too (or a toggle, "#"), or linked whole by an empty link laid over it
(The Sun's), its words a headline's length; at least `_MIN_CARDS` of them, all of one kind
(the same element and first class name), when the page's paragraphs outside all such lists
are a story (`_STORY_PARAGRAPHS`, in ``<p>`` or text-only ``<div>``). A container left
holding only the list's label goes with it. A story's own list of links to other sites (a
gift guide's shops, a round-up's sources), a table of contents (links to the page itself)
and anything longer than a standfirst stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from workers.pipeline.blocks import holding
from workers.pipeline.boilerplate import word_count

__all__ = ["remove_lone_cards", "remove_teaser_lists"]

#: a card is a headline and a standfirst of a sentence or two, with a byline
_CARD_MAX_WORDS = 60
#: a headline is this long (words) ...
_HEADLINE_WORDS = (3, 20)
#: ... and does not end as a statement does (a headline may ask or exclaim)
_SENTENCE_END = re.compile(r"[.。:]$")
#: a list has this many cards at least (a related block of two is common)
_MIN_CARDS = 2
#: ... and this many at most (a longer run of same-site links is a menu or an archive)
_MAX_CARDS = 12
#: the page's paragraphs outside its lists of cards hold this many of running text
#: (`_RUNNING_WORDS` words or more, a CJK character counted as a word): a page without them
#: is a section's front page, whose cards are what it has to say
_STORY_PARAGRAPHS = 2
_RUNNING_WORDS = 20
#: a container left with this many words once its list is gone holds only the list's label
_LABEL_WORDS = 6
#: a card's headline link sits this many levels below the list at most
_CARD_DEPTH = 4
_LISTS = ("div", "ul", "ol", "section")
#: a list's own words between its cards are a separator or two at most: a text div whose
#: every link is a headline's length to the site (SpaceNews's paragraphs) is no list
_LOOSE_WORDS = 2
#: a text-only div holds none of these (`_tells_a_story`)
_HOLDERS = frozenset(("p", "div", "ul", "ol", "table", "section"))
_NEVER_LABELS = ("body", "html", "article", "main")


def _words(element: HtmlElement) -> int:
    """Words as runs of non-space (a regex over every child of every candidate list cost
    more than the rest of the search)."""
    return len(element.text_content().split())


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _leads_away(href: str) -> bool:
    """Whether a link leads to another page (not a toggle: "#", "javascript:...")."""
    href = href.strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


def _same_site(href: str, host: str) -> bool:
    """Whether a link leads to another page of the site at `host` (a relative link does).

    Read with string operations: ``urlsplit`` on every link of a page cost 2 ms."""
    href = href.strip()
    if href.startswith("/"):
        return not href.startswith("//") or _link_host(href[2:]) == host != ""
    scheme, colon, rest = href.partition(":")
    if not colon or "/" in scheme:
        return True  # "story.html", "../2026/story"
    if scheme.lower() not in ("http", "https") or not rest.startswith("//"):
        return False  # mailto:, tel:, data:
    return host != "" and _link_host(rest[2:]) == host


def _link_host(rest: str) -> str:
    """The host of a URL from what follows its "//", without "www."."""
    authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    name = authority.rpartition("@")[2].split(":", 1)[0].lower()
    return name[4:] if name.startswith("www.") else name


def _kind(element: HtmlElement) -> tuple[str, str]:
    names = (element.get("class") or "").split()
    return str(element.tag), names[0] if names else ""


def _is_card(item: HtmlElement, item_text: str, host: str) -> bool:
    """A teaser: at most `_CARD_MAX_WORDS` words, opening with a link whose text is a
    headline (not a statement), to another page of the site, and linking nowhere else.
    `item_text` is the item's text, as `_cards` read it."""
    text = " ".join(item_text.split())
    if text.count(" ") >= _CARD_MAX_WORDS:
        return False
    links = [a for a in item.iter("a") if _leads_away(a.get("href") or "")]
    if not links or not all(_same_site(a.get("href") or "", host) for a in links):
        return False
    # a picture's link may come first, with no words (ZDNet's cards)
    worded = (" ".join(a.text_content().split()) for a in links)
    headline = next((words for words in worded if words), "")
    if not headline and any(_overlay(a) for a in links):
        headline = text  # the whole card is its link: its words are the headline
    if not _HEADLINE_WORDS[0] <= word_count(headline) <= _HEADLINE_WORDS[1]:
        return False  # "« previous episode" is two words
    return not _SENTENCE_END.search(headline) and text.startswith(headline)


def _overlay(link: HtmlElement) -> bool:
    """Whether `link` is laid over its card: an ``<a>`` with nothing in it, which a style
    stretches over the card's picture and headline (The Sun's cards, a kicker in an
    ``<h3>`` and the headline in a ``<span>``, are linked so)."""
    return not len(link) and not (link.text or "").strip()


def _cards(container: HtmlElement, host: str) -> bool:
    """Whether every child of `container` that has words is a card, all of one kind."""
    if len(container) > 2 * _MAX_CARDS:
        return False  # a menu, an archive (children without words are rare)
    loose = [container.text or "", *(child.tail or "" for child in container)]
    if len(" ".join(loose).split()) > _LOOSE_WORDS:
        return False  # a paragraph's links, with its words between them
    items, kinds = [], set()
    for child in container:
        text = child.text_content() if isinstance(child.tag, str) else ""
        if text and not text.isspace():
            items.append((child, text))
            kinds.add(_kind(child))
            if len(kinds) > 1 or len(items) > _MAX_CARDS:
                return False
    return len(items) >= _MIN_CARDS and all(_is_card(item, text, host) for item, text in items)


def remove_teaser_lists(tree: HtmlElement, url: str | None) -> None:
    """Remove each list of teaser cards (see the module docstring), with a container that
    held nothing else but its label. Without the page's URL only relative links count as
    the site's own.

    Lists are looked for from their links: an element is a candidate when links of a
    headline's length to the site reach it through two of its children or more, within
    `_CARD_DEPTH` levels. Testing every ``<div>`` of a page instead cost a third of an
    extraction's time.
    """
    host = _host(url) if url else ""
    reached: dict[HtmlElement, set[HtmlElement]] = {}
    for link in tree.iter("a"):
        href = link.get("href")
        if not href:
            continue
        text = link.text_content() if len(link) else link.text or ""
        if not _overlay(link):  # an overlay's card's words are counted by `_is_card`
            if not _HEADLINE_WORDS[0] <= len(text.split()) <= _HEADLINE_WORDS[1] * 2:
                continue  # a cheap first look; the words are counted below
            if not _HEADLINE_WORDS[0] <= word_count(text) <= _HEADLINE_WORDS[1]:
                continue
        if not _leads_away(href) or not _same_site(href, host):
            continue
        child, parent = link, link.getparent()
        for _ in range(_CARD_DEPTH):
            if parent is None:
                break
            reached.setdefault(parent, set()).add(child)
            child, parent = parent, parent.getparent()
    candidates = {
        element for element, children in reached.items()
        if len(children) >= _MIN_CARDS and element.tag in _LISTS
    }  # fmt: skip
    if not candidates:
        return
    lists: list[HtmlElement] = []
    for container in sorted(candidates, key=_depth):  # outer lists first
        if any(outer in lists for outer in container.iterancestors()):
            continue  # inside a list of cards found already, which goes whole
        if _cards(container, host):
            lists.append(container)
    if not lists:
        return
    # the story is what the page's paragraphs say outside every list of cards; a page that
    # has none is a section's front page, whose cards are what it has to say
    if not _tells_a_story(tree, lists):
        return
    for container in lists:
        box, parent = container, container.getparent()
        while (
            parent is not None
            and parent.tag not in _NEVER_LABELS
            and _words(parent) - _words(box) <= _LABEL_WORDS
        ):
            box, parent = parent, parent.getparent()
        box.drop_tree()


def _tells_a_story(tree: HtmlElement, lists: list[HtmlElement]) -> bool:
    """Whether the page's paragraphs outside every list of cards are a story: this many
    of running text (`_STORY_PARAGRAPHS`), in ``<p>`` or, on a page that has too few, in
    text-only ``<div>`` (CNN's "zn-body__paragraph": the repairs that read them as
    paragraphs run later, and a list of cards after CNN's story stayed)."""
    in_lists = {p for container in lists for p in container.iter("p", "div")}
    running = sum(
        1 for p in tree.iter("p")
        if p not in in_lists and word_count(p.text_content()) >= _RUNNING_WORDS
    )  # fmt: skip
    if running >= _STORY_PARAGRAPHS:
        return True
    wrappers = holding(tree, _HOLDERS)
    for div in tree.iter("div"):
        if div in in_lists or div in wrappers:
            continue  # a wrapper's words are its paragraphs', counted in them
        running += word_count(div.text_content()) >= _RUNNING_WORDS
        if running >= _STORY_PARAGRAPHS:
            return True
    return False


def _depth(element: HtmlElement) -> int:
    return sum(1 for _ in element.iterancestors())


#: a lone card's picture link and headline link meet this many levels above the picture's
_LONE_CARD_DEPTH = 4
#: a lone card holds this many words at most: its headline, a standfirst of up to three
#: sentences, a section's name and a date (the Los Angeles Times's run to 77)
_LONE_CARD_WORDS = 90


def remove_lone_cards(tree: HtmlElement, url: str | None) -> None:
    """Remove each card for another story of the site that stands alone, between a story's
    paragraphs (the Los Angeles Times's "PromoSmall": a picture, a section's name, a
    headline, its standfirst and a date): a block of `_LONE_CARD_WORDS` words at most in
    which a picture and a headline (`_HEADLINE_WORDS`) link to one page of the site. A
    story's own picture links to the picture, or to a larger copy of it, never beside a
    headline to the same page. trafilatura drops such a card when its paragraphs are
    ``<p>`` (the standfirst's share of links is too low to drop; it sits in a ``<div>``,
    which it does not read), but reads its standfirst as a paragraph of the story when the
    page writes its paragraphs as divs."""
    host = _host(url) if url else ""
    pictures: list[HtmlElement] = []  # the links a picture is in, to the site
    for image in tree.iter("img", "picture"):
        link = _linked_by(image)
        href = (link.get("href") or "").strip() if link is not None else ""
        if link is not None and _leads_away(href) and _same_site(href, host):
            pictures.append(link)
    cards: list[HtmlElement] = []
    for picture in pictures:
        top = picture  # the headline's link meets it this far up at most
        for _ in range(_LONE_CARD_DEPTH):
            parent = top.getparent()
            if parent is None:
                break
            top = parent
        address = picture.get("href")  # as written: most cards write it once for both
        for headline in top.iter("a"):
            if headline.get("href") != address or headline is picture:
                continue
            if not _HEADLINE_WORDS[0] <= word_count(headline.text_content()) <= _HEADLINE_WORDS[1]:
                continue
            card = _meeting(picture, headline)
            if card is not None and _words(card) <= _LONE_CARD_WORDS and _inside_story(card):
                cards.append(card)
                break
    if not cards or not _tells_a_story(tree, cards):
        return
    for card in cards:
        if card.getparent() is not None:
            card.drop_tree()


def _inside_story(card: HtmlElement) -> bool:
    """Whether a paragraph of running text (`_RUNNING_WORDS`) comes before the card and
    another after it, next to it or to the wrappers that hold it alone, past blocks of a
    label's words at most (an ad's slot, "Advertisement"). A front page's cards stand among
    other cards, of their own kind, whose standfirsts may be as long."""
    box = card
    parent = box.getparent()
    while parent is not None and _words(parent) == _words(box):
        box, parent = parent, parent.getparent()
    kind = _kind(box)
    return _running_beside(box.itersiblings(preceding=True), kind) and _running_beside(
        box.itersiblings(), kind
    )


def _running_beside(siblings: Iterator[HtmlElement], kind: tuple[str, str]) -> bool:
    """Whether the first of `siblings` with more than a label's words is a paragraph of
    running text, not of the card's `kind`."""
    for sibling in siblings:
        if not isinstance(sibling.tag, str):
            continue
        words = word_count(sibling.text_content())
        if words > _LOOSE_WORDS:
            return (
                words >= _RUNNING_WORDS
                and sibling.tag in ("p", "div")
                and _kind(sibling) != kind
            )
    return False


#: a picture sits this many levels below the link it is in at most
_PICTURE_DEPTH = 3


def _linked_by(image: HtmlElement) -> HtmlElement | None:
    """The ``<a>`` that `image` is in, within `_PICTURE_DEPTH` levels, or None."""
    element = image.getparent()
    for _ in range(_PICTURE_DEPTH):
        if element is None:
            return None
        if element.tag == "a":
            return element
        element = element.getparent()
    return None


def _meeting(picture: HtmlElement, headline: HtmlElement) -> HtmlElement | None:
    """The element in which `picture` and `headline` meet, within `_LONE_CARD_DEPTH` levels
    above the picture's link, or None."""
    above = set(headline.iterancestors())
    for depth, ancestor in enumerate(picture.iterancestors()):
        if depth >= _LONE_CARD_DEPTH:
            return None
        if ancestor in above:
            return ancestor
    return None
