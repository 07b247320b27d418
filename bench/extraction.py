#!/usr/bin/env python3
"""Score article extraction on the development corpus (shared/corpus/extraction/).

The metric is the ScrapingHub article-extraction benchmark's own, reimplemented exactly as
the corpus README states it, so our figures compare with the reference table there:

1. tokens: the regex ``\\w+`` (Unicode, case kept);
2. a multiset of 4-token shingles per text (a text of fewer than 4 tokens gives one shingle
   of what it has, an empty text none);
3. per page tp = |truth ∩ predicted|, fp = predicted - tp, fn = truth - tp, scaled to sum
   to 1 (an empty pair counts as a perfect page: tp = 1);
4. precision = mean of tp/(tp+fp) over pages with tp+fp > 0, recall = mean of tp/(tp+fn)
   over pages with tp+fn > 0, F1 = 2PR/(P+R) of those two means;
5. accuracy = share of pages whose predicted token sequence equals the truth's.

All extractors run in the same process and run, one page at a time, timed with
perf_counter (median and 90th percentile of milliseconds per page, one core). "trafilatura
default" and "favor_precision" are run with include_comments=False, as the README's
reference figures were (with comments the default scores lower).

    python3 bench/extraction.py [--json] [--repeat N] [--only NAME] [--scramble-classes]
        [--plain-tags] [--div-paragraphs] [--br-paragraphs] [--split-story] [--table-layout]
        [--wrap-paragraphs] [--related-boxes] [--teaser-cards] [--comment-thread]
        [--signup-box] [--tag-row] [--video-playlist] [--label-rows] [--discarded-names]
        [--story-rest] [--opening-block]

The seventeen probe options rewrite every page's markup before any extractor runs (see
`PROBES`), to see how a score holds on sites built unlike the development pages.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from html import escape as html_escape
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]


# --- the metric ------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """The benchmark's tokeniser: every ``\\w+`` run, case kept."""
    return _TOKEN.findall(text)


def shingles(tokens: Sequence[str], n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; fewer than n tokens give one shingle of all of them."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, scaled so that they sum to 1; (1, 0, 0) for an empty pair."""
    true_sh = shingles(tokenize(truth))
    pred_sh = shingles(tokenize(predicted))
    tp = sum((true_sh & pred_sh).values())
    fp = sum(pred_sh.values()) - tp
    fn = sum(true_sh.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


@dataclass(frozen=True)
class Scores:
    f1: float
    precision: float
    recall: float
    accuracy: float


def score(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Benchmark scores of (truth, predicted) text pairs, one pair per page."""
    pairs = list(pairs)
    if not pairs:
        raise ValueError("no pages to score")
    counts = [page_counts(truth, pred) for truth, pred in pairs]
    precisions = [tp / (tp + fp) for tp, fp, _ in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in counts if tp + fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(tokenize(t) == tokenize(p) for t, p in pairs) / len(pairs)
    return Scores(f1=f1, precision=precision, recall=recall, accuracy=accuracy)


# --- the corpus and the extractors -----------------------------------------------------------


def shared_dir() -> Path:
    """shared/ beside the repository, or $NEWSRELAY_SHARED."""
    env = os.environ.get("NEWSRELAY_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared"


@dataclass
class Page:
    id: str
    url: str
    truth: str
    html: bytes


def load_corpus(root: Path | None = None) -> list[Page]:
    corpus = (root or shared_dir()) / "corpus" / "extraction"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        with gzip.open(corpus / "html" / f"{page_id}.html.gz") as fh:
            html = fh.read()
        pages.append(Page(page_id, item.get("url") or "", item.get("articleBody") or "", html))
    return pages


def _newsrelay(html: bytes, url: str) -> str:
    from workers.errors import NewsrelayError
    from workers.pipeline.extract import extract_article

    try:
        return extract_article(html, url=url).text
    except NewsrelayError:
        return ""


def _trafilatura(**options: object) -> Extractor:
    def run(html: bytes, url: str) -> str:
        import trafilatura

        return trafilatura.extract(html, url=url, include_comments=False, **options) or ""  # type: ignore[arg-type]

    return run


EXTRACTORS: dict[str, Extractor] = {
    "newsrelay": _newsrelay,
    "trafilatura default": _trafilatura(),
    "trafilatura favor_precision": _trafilatura(favor_precision=True),
}


@dataclass
class Result:
    name: str
    f1: float
    precision: float
    recall: float
    accuracy: float
    median_ms: float
    p90_ms: float
    pages: int


def run_extractor(
    name: str, extractor: Extractor, pages: Sequence[Page], repeat: int = 1
) -> Result:
    extractor(pages[0].html, pages[0].url)  # warm-up: imports and lazy initialisation
    outputs: list[str] = []
    times: list[float] = []
    for page in pages:
        best = float("inf")
        output = ""
        for _ in range(max(1, repeat)):
            start = time.perf_counter()
            output = extractor(page.html, page.url)
            best = min(best, (time.perf_counter() - start) * 1000)
        outputs.append(output)
        times.append(best)
    scores = score((page.truth, out) for page, out in zip(pages, outputs, strict=True))
    times.sort()
    p90 = times[min(len(times) - 1, round(0.9 * (len(times) - 1)))]
    return Result(
        name, **asdict(scores), median_ms=statistics.median(times), p90_ms=p90, pages=len(pages)
    )


#: a class or id attribute in raw HTML (quoted value)
_CLASS_ATTR = re.compile(rb"""(\s(?:class|id)\s*=\s*)(["'])(.*?)\2""", re.S | re.I)


def scramble_classes(html: bytes) -> bytes:
    """The page with every class and id name replaced by a meaningless token (the same name
    gets the same token on a page).

    A probe of how much of a score rests on the class names an extractor knows: a site the
    rules were never written for uses names nobody anticipated. Tags, text and structure
    stay as they were.
    """

    def replace(match: re.Match[bytes]) -> bytes:
        tokens = b" ".join(
            b"x" + hashlib.md5(name, usedforsecurity=False).hexdigest()[:8].encode()
            for name in match.group(3).split()
        )
        return match.group(1) + match.group(2) + tokens + match.group(2)

    return _CLASS_ATTR.sub(replace, html)


#: the start or end tag of an element that names a part of the page
_SEMANTIC_TAG = re.compile(rb"<(/?)(?:article|main|section|header|footer|nav|aside)\b", re.I)


def plain_tags(html: bytes) -> bytes:
    """The page with its ``<article>``, ``<main>``, ``<section>``, ``<header>``, ``<footer>``,
    ``<nav>`` and ``<aside>`` written as ``<div>`` (attributes kept).

    A probe of how much of a score rests on those elements: many sites, older ones above
    all, mark their story and their sidebars up with ``<div>`` alone, and an extractor then
    has only class names, text and structure to go by.
    """
    return _SEMANTIC_TAG.sub(rb"<\1div", html)


#: a paragraph's start or end tag
_P_OPEN = re.compile(rb"<p(?:\s[^>]*)?>", re.I)
_P_CLOSE = re.compile(rb"</p\s*>", re.I)


def br_paragraphs(html: bytes) -> bytes:
    """The page with every ``<p>`` written as its text followed by ``<br><br>``.

    A probe of sites that write a story as lines of text between line breaks, as blogs of
    the 2000s and many small news sites still do: the story's text then sits directly in
    its container, between images, ads and embeds, instead of in paragraph elements.
    """
    return _P_CLOSE.sub(b"<br><br>", _P_OPEN.sub(b"", html))


def div_paragraphs(html: bytes) -> bytes:
    """The page with every ``<p>`` written as ``<div>`` (attributes kept): a site whose
    paragraphs are divs, as many CMS templates write them."""
    return _P_CLOSE.sub(b"</div>", _P_OPEN.sub(lambda m: b"<div" + m.group(0)[2:], html))


def div_story(html: bytes) -> bytes:
    """The page with its story's ``<p>`` children written as ``<div>`` (attributes kept) and
    every other ``<p>`` of the page as it was: an editor that writes a story's paragraphs as
    divs (Trix, some page builders) in a template whose cards, bylines and footer are
    ``<p>``. Decoded and written back as `split_story` does; a page without a container of
    four paragraphs or more is returned as it was."""
    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    for paragraph in paragraphs:
        paragraph.tag = "div"
    return _utf8(tree)


def _story_container(tree: object) -> object | None:
    """The element whose own ``<p>`` children hold the most words: the story's container on
    nearly every page."""
    best, most = None, 0
    for element in tree.iter("div", "article", "section", "main"):  # type: ignore[attr-defined]
        words = sum(len(child.text_content().split()) for child in element if child.tag == "p")
        if words > most:
            best, most = element, words
    return best


def split_story(html: bytes) -> bytes:
    """The page with its story's container cut in two at its middle paragraph: the second
    half in a sibling element of the same tag and class, with an ad slot between them.

    A probe of templates that split a long story into blocks of one kind with ads between
    ("post-content", ad, "post-content"): an extractor that takes the first block its rules
    match loses the rest. The page is decoded by newsrelay's charset rules and written back
    as UTF-8 with its charset declaration replaced; a page without a container of four
    paragraphs or more is returned as it was.
    """
    import lxml.html

    story = _with_story(html)
    parent = None if story is None else story[1].getparent()
    if story is None or parent is None:
        return html
    tree, container = story
    children = list(container)
    paragraphs = [i for i, child in enumerate(children) if child.tag == "p"]
    if len(paragraphs) < 4:
        return html
    second = lxml.html.Element(container.tag)
    if container.get("class"):
        second.set("class", container.get("class"))
    for child in children[paragraphs[len(paragraphs) // 2] :]:
        second.append(child)
    slot = lxml.html.fragment_fromstring(
        '<div class="ad-slot"><span>Advertisement</span>'
        '<iframe src="https://ads.example/slot"></iframe></div>'
    )
    at = parent.index(container)
    parent.insert(at + 1, slot)
    parent.insert(at + 2, second)
    return _utf8(tree)


def _pick(html: bytes) -> int:
    """A number drawn from the page's bytes: a probe makes the same choices for a page in
    every run."""
    return int(hashlib.md5(html, usedforsecurity=False).hexdigest()[:8], 16)


def _with_story(html: bytes) -> tuple[Any, Any] | None:
    """The page parsed and its story's container, or None when either is missing (the probe
    returns the page as it was)."""
    tree = _parsed(html)
    container = None if tree is None else _story_container(tree)
    return None if tree is None or container is None else (tree, container)


def _long_story(html: bytes) -> tuple[Any, list[Any]] | None:
    """The page parsed and its story's container's ``<p>`` children, when there are four or
    more; None otherwise (the probe returns the page as it was)."""
    story = _with_story(html)
    if story is None:
        return None
    tree, container = story
    paragraphs = [child for child in container if child.tag == "p"]
    return (tree, paragraphs) if len(paragraphs) >= 4 else None


def _parsed(html: bytes) -> object | None:
    """The page parsed after decoding it by newsrelay's charset rules, or None."""
    import lxml.html

    from workers.pipeline.charset import decode_html

    text, _ = decode_html(html)
    try:
        return lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return None


def _utf8(tree: object) -> bytes:
    """The page written as UTF-8, its charset declaration replaced by one that says so."""
    import lxml.html

    for meta in tree.xpath("//meta[@charset or @http-equiv]"):  # type: ignore[attr-defined]
        if meta.get("charset") or (meta.get("http-equiv") or "").lower() == "content-type":
            meta.drop_tree()
    head = tree.find("head")  # type: ignore[attr-defined]
    if head is not None:
        head.insert(0, lxml.html.Element("meta", charset="utf-8"))
    return lxml.html.tostring(tree, encoding="unicode").encode("utf-8")


def table_layout(html: bytes) -> bytes:
    """The page with its story's container moved into the second cell of a layout table,
    beside a cell of navigation links, as sites laid out with tables write their pages.

    A probe of table-layout sites: an extractor that reads every table as data writes the
    story cell as one table row. Decoded and written back as `split_story` does; a page
    without a story container is returned as it was.
    """
    import lxml.html

    story = _with_story(html)
    parent = None if story is None else story[1].getparent()
    if story is None or parent is None:
        return html
    tree, container = story
    table = lxml.html.fragment_fromstring(
        '<table width="100%" border="0" cellpadding="0"><tr><td width="160" valign="top">'
        '<a href="/">Home</a><br><a href="/news">News</a><br><a href="/sport">Sport</a></td>'
        '<td valign="top"></td></tr></table>'
    )
    table.tail, container.tail = container.tail, None
    parent.replace(container, table)
    table.findall(".//td")[1].append(container)
    return _utf8(tree)


def wrap_paragraphs(html: bytes) -> bytes:
    """The page with each ``<p>`` of its story's container in a ``<div class="text-block">``
    of its own, as component-built sites write every paragraph. Decoded and written back as
    `split_story` does; a page without a story container is returned as it was."""
    import lxml.html

    story = _with_story(html)
    if story is None:
        return html
    tree, container = story
    for paragraph in [child for child in container if child.tag == "p"]:
        block = lxml.html.Element("div", {"class": "text-block"})
        block.tail, paragraph.tail = paragraph.tail, None
        container.replace(paragraph, block)
        block.append(paragraph)
    return _utf8(tree)


#: the headings and headlines of the boxes `related_boxes` puts into a story
_BOX_HEADINGS = (
    "Related", "Related coverage", "More on this story", "Read more", "You may also like",
    "Recommended", "More from Politics", "Trending now",
)  # fmt: skip
_BOX_HEADLINES = (
    "City council delays vote on the new budget until spring",
    "Police search for driver after crash on the coast road",
    "How the drought is changing farming in the valley",
    "Five things to know before the election on Tuesday",
)


def related_boxes(html: bytes) -> bytes:
    """The page with a box of links to other stories after the second and after the middle
    paragraph of its story's container: a related heading (one of `_BOX_HEADINGS`, chosen by
    the page's bytes) and three linked headlines, in a ``<div>`` of a meaningless class, as
    sites put "Related coverage" boxes between a story's paragraphs. Decoded and written
    back as `split_story` does; a page without a container of four paragraphs or more is
    returned as it was."""
    import lxml.html

    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    pick = _pick(html)
    for n, after in enumerate((paragraphs[1], paragraphs[len(paragraphs) // 2])):
        heading = _BOX_HEADINGS[(pick + n) % len(_BOX_HEADINGS)]
        links = "".join(
            f'<li><a href="/news/{k}">{headline}</a></li>'
            for k, headline in enumerate(_BOX_HEADLINES[n : n + 3])
        )
        box = lxml.html.fragment_fromstring(
            f'<div class="bx-{pick % 97}"><h3>{heading}</h3><ul>{links}</ul></div>'
        )
        box.tail, after.tail = after.tail, None
        after.addnext(box)
    return _utf8(tree)


#: the section names `teaser_cards` labels its list with (not related headings: a site's own
#: names for a part of itself)
_CARD_LABELS = ("Deep Dive", "Science", "Island life", "Explore", "The Week", "Culture")
_CARD_STANDFIRSTS = (
    "The vote was meant to happen this month, but two members asked for more time.",
    "The road was closed for six hours while officers looked for witnesses.",
    "Farmers say the dry years have forced them to change what they grow.",
    "From the polling places to the count, here is what happens on the day.",
)


def teaser_cards(html: bytes) -> bytes:
    """The page with a list of teaser cards for other stories right after its story's
    container: a section's name as its label (one of `_CARD_LABELS`, chosen by the page's
    bytes), then three cards, each a headline linked to another page of the site, a sentence
    of its standfirst and a linked byline, in ``<div>`` elements of meaningless classes, as
    sites close a story with "more from this section" cards. Decoded and written back as
    `split_story` does; a page without a story container is returned as it was."""
    import lxml.html

    story = _with_story(html)
    if story is None:
        return html
    tree, container = story
    pick = _pick(html)
    cards = "".join(
        f'<div class="tc-{pick % 89}"><a href="/news/2019/11/story-{k}"><h3>{headline}</h3></a>'
        f"<p>{standfirst}</p><span>By <a href=\"/authors/{k}\">Staff writer {k}</a></span></div>"
        for k, (headline, standfirst) in enumerate(
            zip(_BOX_HEADLINES[:3], _CARD_STANDFIRSTS, strict=False)
        )
    )
    label = _CARD_LABELS[pick % len(_CARD_LABELS)]
    box = lxml.html.fragment_fromstring(
        f'<div class="tw-{pick % 83}"><h3>{label}</h3><div class="tl-{pick % 79}">{cards}</div>'
        "</div>"
    )
    box.tail, container.tail = container.tail, None
    container.addnext(box)
    return _utf8(tree)


def _page_title(tree: object) -> str:
    title = tree.findtext(".//title") or "This story"  # type: ignore[attr-defined]
    return " ".join(title.split()[:12])


#: the headings `comment_thread` opens its thread with ("{title}": the page's own title)
_THREAD_HEADINGS = (
    "3 thoughts on “{title}”", "3 Comments", "Comments", "Reader comments",
    "Join the conversation", "3 Responses to “{title}”",
)  # fmt: skip
_THREAD_ENTRIES = (
    ("Mark T.", "I have been saying this for years and nobody listened to me at the time."),
    ("jenny_r", "Great article, thanks for writing it. The part about the council was new."),
    ("Old Timer", "This is exactly what happened in our town too, and it took a decade."),
)


def comment_thread(html: bytes) -> bytes:
    """The page with a thread of reader comments and its form after its story's container
    (as the last child of the container's parent, so that a story in several containers
    stays whole before it): a heading (one of `_THREAD_HEADINGS`, chosen by the page's
    bytes), three entries (a name and "says:", a time, the comment, a "Reply" link) and a
    "Leave a Reply" form with its notice and its consent line, all in elements of
    meaningless classes, as a blog theme whose names nobody knows writes them. Decoded and
    written back as `split_story` does; a page without a story container is returned as it
    was."""
    import lxml.html

    story = _with_story(html)
    parent = None if story is None else story[1].getparent()
    if story is None or parent is None:
        return html
    tree = story[0]
    pick = _pick(html)
    heading = _THREAD_HEADINGS[pick % len(_THREAD_HEADINGS)].format(title=_page_title(tree))
    entries = "".join(
        f'<li class="e{pick % 7}"><div class="n{pick % 5}"><b>{name}</b> <span>says:</span></div>'
        f'<div class="t{pick % 3}"><a href="#c{k}">March {k + 3}, 2019 at {k + 4}:12 pm</a></div>'
        f'<p>{comment}</p><div class="r{pick % 11}"><a href="?replytocom={k}">Reply</a></div></li>'
        for k, (name, comment) in enumerate(_THREAD_ENTRIES)
    )
    thread = lxml.html.fragment_fromstring(
        f'<div class="k{pick % 97}"><h3>{html_escape(heading)}</h3><ol class="l{pick % 31}">'
        f'{entries}</ol><div class="f{pick % 13}"><h3>Leave a Reply</h3><form action="/c">'
        "<p>Your email address will not be published. Required fields are marked *</p>"
        "<p><label>Comment</label><textarea></textarea></p><p><label>Name *</label><input>"
        '</p><p><label>Email *</label><input type="email"></p><p><input type="checkbox"> '
        "Save my name, email, and website in this browser for the next time I comment.</p>"
        '<p><input type="submit" value="Post Comment"></p></form></div></div>'
    )
    parent.append(thread)
    return _utf8(tree)


#: the headings and pitches of the boxes `signup_box` puts into a story
_SIGNUP_BOXES = (
    ("Sign up for our newsletter", "Get the day's top stories delivered every morning."),
    ("Get the Morning Briefing", "The news you need to start your day, in your inbox."),
    ("Stay informed", "Our free daily email, so you never miss a story."),
    ("Newsletter", "Our best journalism, handpicked by our editors, every weekday."),
)


def signup_box(html: bytes) -> bytes:
    """The page with a newsletter sign-up box after the middle paragraph of its story's
    container: a heading and a pitch (one of `_SIGNUP_BOXES`, chosen by the page's bytes), an
    e-mail field and a "Sign up" button, and the fine print ("By signing up, you agree to our
    Terms of Use ..."), in elements of meaningless classes. Decoded and written back as
    `split_story` does; a page without a container of four paragraphs or more is returned as
    it was."""
    import lxml.html

    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    pick = _pick(html)
    heading, pitch = _SIGNUP_BOXES[pick % len(_SIGNUP_BOXES)]
    box = lxml.html.fragment_fromstring(
        f'<div class="s{pick % 41}"><h4>{heading}</h4><p>{pitch}</p><form>'
        '<input type="email" placeholder="Enter your email"><button>Sign up</button></form>'
        "<small>By signing up, you agree to our Terms of Use and Privacy Policy. You may "
        "unsubscribe at any time.</small></div>"
    )
    after = paragraphs[len(paragraphs) // 2]
    box.tail, after.tail = after.tail, None
    after.addnext(box)
    return _utf8(tree)


def video_playlist(html: bytes) -> bytes:
    """The page with a video player's playlist after the second paragraph of its story's
    container: "Now Playing" and "Up Next", each with a video's title (`_BOX_HEADLINES`) and
    its running time, in elements of meaningless classes, as news sites embed their player.
    Decoded and written back as `split_story` does; a page without a container of four
    paragraphs or more is returned as it was."""
    import lxml.html

    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    pick = _pick(html)
    cards = "".join(
        f'<div class="vc{pick % 7}"><span>{label}</span><h4>{title}</h4><span>{time}</span></div>'
        for label, title, time in (
            ("Now Playing", _BOX_HEADLINES[pick % 4], "0:45"),
            ("Up Next", _BOX_HEADLINES[(pick + 1) % 4], "1:12"),
        )
    )
    box = lxml.html.fragment_fromstring(f'<div class="vp{pick % 37}">{cards}</div>')
    after = paragraphs[1]
    box.tail, after.tail = after.tail, None
    after.addnext(box)
    return _utf8(tree)


#: the labels `tag_row` writes before its terms, none of them with a colon but "More on:"
_TAG_LABELS = ("Tags", "Topics", "Filed under", "More on:", "Keywords", "Posted in")


def tag_row(html: bytes) -> bytes:
    """The page with a row of topic links at the end of its story's container: a label in a
    ``<span>`` (one of `_TAG_LABELS`, chosen by the page's bytes) and three linked terms, in
    a ``<div>`` of a meaningless class, as a theme whose names nobody knows lists a story's
    tags. Decoded and written back as `split_story` does; a page without a story container
    is returned as it was."""
    import lxml.html

    story = _with_story(html)
    if story is None:
        return html
    tree, container = story
    pick = _pick(html)
    label = _TAG_LABELS[pick % len(_TAG_LABELS)]
    row = lxml.html.fragment_fromstring(
        f'<div class="g{pick % 43}"><span>{label}</span> <a href="/tag/politics">Politics</a> '
        '<a href="/tag/city-council">City Council</a> <a href="/tag/budget">Budget</a></div>'
    )
    container.append(row)
    return _utf8(tree)


#: the rows `label_rows` writes at the start, the middle and the end of a story's container:
#: inline elements side by side with no space between them, as a style sheet lays out a row
_START_ROWS = (
    '<span>By <a href="/author/jd">Jane Doe</a></span><span>|</span><span>Updated 2 hours ago'
    "</span>",
    "<span>Jane Doe</span><span>·</span><span>4 min read</span>",
    "<span>1.2K</span><span>Shares</span><span>45</span><span>Comments</span>",
    "<button>Play</button><span>Listen to this article</span><span>4 min</span>",
)
_MIDDLE_ROWS = (
    '<span>Also Read</span><a href="/news/other">{headline}</a>',
    '<span>Related Stories</span><a href="/news/other">{headline}</a>',
    '<span>Read More</span><a href="/news/other">{headline}</a>',
)
_END_ROWS = (
    '<a href="#">Share on X</a><a href="#">Share on Facebook</a><a href="#">Share on LinkedIn'
    '</a><a href="#">Share via Email</a>',
    '<span>Join our WhatsApp channel for the latest news:</span><a href="#">click here</a>',
    "<span>What’s your reaction?</span><button>Like</button><button>Love</button>"
    "<button>Wow</button>",
    "<span>Continue reading with a subscription</span><a href=\"/subscribe\">Subscribe now</a>"
    '<a href="/login">Already a subscriber? Log in</a>',
)


def label_rows(html: bytes) -> bytes:
    """The page with three rows of labels in its story's container, each in a ``<div>`` of
    a meaningless class: one at its start (a byline's row, a count row or a player's label:
    `_START_ROWS`), one after its middle paragraph (a teaser's label before a headline:
    `_MIDDLE_ROWS`), one at its end (share buttons, a channel's call, a reaction widget, a
    paywall: `_END_ROWS`), chosen by the page's bytes. The rows' elements stand side by side
    with no space between them, as sites lay out such rows with a style sheet. Decoded and
    written back as `split_story` does; a page without a container of four paragraphs or
    more is returned as it was."""
    import lxml.html

    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    pick = _pick(html)
    container = paragraphs[0].getparent()
    middle = _MIDDLE_ROWS[pick % len(_MIDDLE_ROWS)].format(
        headline=_BOX_HEADLINES[pick % len(_BOX_HEADLINES)]
    )
    rows = [
        lxml.html.fragment_fromstring(f'<div class="r{pick % 31 + n}">{row}</div>')
        for n, row in enumerate(
            (
                _START_ROWS[pick % len(_START_ROWS)],
                middle,
                _END_ROWS[(pick // 7) % len(_END_ROWS)],
            )
        )
    ]
    start, after_middle, end = rows
    container.insert(0, start)
    after = paragraphs[len(paragraphs) // 2]
    after_middle.tail, after.tail = after.tail, None
    after.addnext(after_middle)
    container.append(end)
    return _utf8(tree)


#: class words of a story's container that trafilatura's discard rules match: a script's
#: hook, a layout, an effect, a print style
_DISCARDED_NAMES = (
    "js-share-tracking", "with-sidebar", "widget", "js_expandable-container", "related-enabled",
    "hidden-print", "social-embed-ready", "article-footer-sticky",
)  # fmt: skip


def discarded_names(html: bytes) -> bytes:
    """The page with a class word that trafilatura discards by (one of `_DISCARDED_NAMES`,
    chosen by the page's bytes) added to its story's container's class, as a site's scripts
    and layouts name it for reasons of their own. Decoded and written back as `split_story`
    does; a page without a container of four paragraphs or more is returned as it was."""
    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    container = paragraphs[0].getparent()
    word = _DISCARDED_NAMES[_pick(html) % len(_DISCARDED_NAMES)]
    container.set("class", f"{container.get('class') or ''} {word}".strip())
    return _utf8(tree)


#: what hides a story's container until a script shows it (a paywall, a "Read more" toggle),
#: and a layout's style that trafilatura takes for hiding
_HIDINGS = (
    ("style", "display: none"), ("class", "hideOnInit"), ("aria-hidden", "true"),
    ("style", "overflow: hidden"), ("class", "is-hidden"),
)  # fmt: skip


def hidden_story(html: bytes) -> bytes:
    """The page with its story's container hidden as a paywall or a "Read more" toggle hides
    it until a script shows it (one of `_HIDINGS`, chosen by the page's bytes: an inline
    ``display: none``, a class word, ``aria-hidden``), or given a layout's ``overflow:
    hidden``, which trafilatura's hidden rule deletes as well. Decoded and written back as
    `split_story` does; a page without a container of four paragraphs or more is returned as
    it was."""
    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    container = paragraphs[0].getparent()
    name, value = _HIDINGS[_pick(html) % len(_HIDINGS)]
    if name == "class":
        value = f"{container.get('class') or ''} {value}".strip()
    container.set(name, value)
    return _utf8(tree)


#: the style an editor pastes with a story's text from another page: borders of no width
_PASTED_STYLE = "border: 0px; margin: 0px 0px 1em; padding: 0px; vertical-align: baseline"


def pasted_styles(html: bytes) -> bytes:
    """The page with every ``<p>`` of its story's container given the inline style that an
    editor brings along when it pastes text from another page (`_PASTED_STYLE`): trafilatura's
    precision rule deletes every element whose style mentions "border". Decoded and written
    back as `split_story` does; a page without a container of four paragraphs or more is
    returned as it was."""
    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    for paragraph in paragraphs:
        paragraph.set("style", _PASTED_STYLE)
    return _utf8(tree)


#: the styles of a story's box that mention a border: none drawn, and a line above it
_BOX_STYLES = (
    "border: 0px; margin: 0px auto; padding: 0px",
    "border-top: 1px solid #eee; padding-top: 20px",
)


def bordered_story(html: bytes) -> bytes:
    """The page with its story's container given an inline style that mentions a border (one
    of `_BOX_STYLES`, chosen by the page's bytes): trafilatura's precision rule deletes every
    element whose style does. Decoded and written back as `split_story` does; a page without
    a container of four paragraphs or more is returned as it was."""
    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    paragraphs[0].getparent().set("style", _BOX_STYLES[_pick(html) % len(_BOX_STYLES)])
    return _utf8(tree)


#: what marks a paragraph for a style sheet in ways trafilatura's precision rule deletes: a
#: spacing class, a link colour's class, a highlighted paragraph's visible left border
_PARAGRAPH_MARKS = (
    ("class", "text-bottom"), ("class", "link"),
    ("style", "border-left: 3px solid #c00; padding-left: 1em"),
)  # fmt: skip


def paragraph_marks(html: bytes) -> bytes:
    """The page with every third ``<p>`` of its story's container from the second on marked
    in one of the ways of `_PARAGRAPH_MARKS` (in turn, starting at one chosen by the page's
    bytes). Decoded and written back as `split_story` does; a page without a container of
    four paragraphs or more is returned as it was."""
    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    start = _pick(html)
    for index, paragraph in enumerate(paragraphs):
        if index % 3 == 1:
            name, value = _PARAGRAPH_MARKS[(start + index // 3) % len(_PARAGRAPH_MARKS)]
            if name == "class":
                value = f"{paragraph.get('class') or ''} {value}".strip()
            paragraph.set(name, value)
    return _utf8(tree)


def linked_headings(html: bytes) -> bytes:
    """The page with the words of each subheading (``<h2>`` to ``<h4>`` of words alone) in
    its story's container made a link to the heading itself (``<a href="#why-it-matters">``),
    as sites do for a table of contents: trafilatura's precision mode deletes headings by
    their link density. Decoded and written back as `split_story` does; a page without a
    story's container is returned as it was."""
    import lxml.html

    story = _with_story(html)
    if story is None:
        return html
    tree, container = story
    for heading in container.iter("h2", "h3", "h4"):
        if len(heading) == 0 and (heading.text or "").strip():
            slug = re.sub(r"\W+", "-", heading.text.strip().lower()).strip("-")
            link = lxml.html.Element("a", href=f"#{slug or 'section'}")
            link.text, heading.text = heading.text, None
            heading.append(link)
    return _utf8(tree)


#: the next story of an endless page: its own headline, byline and paragraphs
_NEXT_STORY = (
    '<article class="k{n}"><h1>Council approves new bridge after two-year fight</h1>'
    '<div class="k{m}">By Jane Roe</div>'
    + "".join(
        f"<p>Paragraph {n} of the next story: the council voted seven to two on Tuesday night "
        "to approve the new bridge, ending a fight that began two years ago over its cost and "
        "its route across the river.</p>"
        for n in range(8)
    )
    + "</article>"
)


def next_story(html: bytes) -> bytes:
    """The page with the next story of an endless page (`_NEXT_STORY`: an ``<article>`` with
    its own ``<h1>``, a byline and eight paragraphs, longer than many stories) after its
    story: right after the story's container, or after the outermost block that holds it,
    as the page's bytes choose. Decoded and written back as `split_story` does; a page
    without a story's container is returned as it was."""
    import lxml.html

    story = _with_story(html)
    if story is None:
        return html
    tree, container = story
    pick = _pick(html)
    block = lxml.html.fragment_fromstring(_NEXT_STORY.format(n=pick % 47, m=pick % 43))
    anchor = container
    if pick % 2:
        while anchor.getparent() is not None and anchor.getparent().tag != "body":
            anchor = anchor.getparent()
    anchor.addnext(block)
    return _utf8(tree)


def _moved_out(html: bytes, after: bool) -> bytes:
    """The page with one end of its story's container moved into a ``<div>`` of a
    meaningless class beside it: from its second-to-last paragraph on, after it (`after`),
    or up to its first paragraph, before it; the elements keep their order."""
    import lxml.html

    story = _long_story(html)
    if story is None:
        return html
    tree, paragraphs = story
    container = paragraphs[0].getparent()
    children = list(container)
    if after:
        moved = children[children.index(paragraphs[-2]) :]
    else:
        moved = children[: children.index(paragraphs[0]) + 1]
    block = lxml.html.Element("div", {"class": f"k{_pick(html) % 47}"})
    if after:
        container.addnext(block)
        block.tail, container.tail = container.tail, None  # the text after it stays after
    else:
        container.addprevious(block)
    block.extend(moved)
    return _utf8(tree)


def story_rest(html: bytes) -> bytes:
    """The page with its story's last two paragraphs (and what follows them) in a block of
    their own after the container, as templates put the rest of a story behind a paywall's
    or a "read more" button's block ("article-body", then "article-body-rest"). Decoded and
    written back as `split_story` does; a page without a container of four paragraphs or
    more is returned as it was."""
    return _moved_out(html, after=True)


def opening_block(html: bytes) -> bytes:
    """The page with its story's first paragraph (and what comes before it) in a block of its
    own before the container, as templates give a story's opening a block of its own
    ("story-top", then "story-body"). Decoded and written back as `split_story` does; a
    page without a container of four paragraphs or more is returned as it was."""
    return _moved_out(html, after=False)


#: the markup probes: option name, what it does to a page, and what it measures
PROBES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "scramble_classes": (
        scramble_classes,
        "replace every class and id name with a meaningless token first: how much each score "
        "rests on class names, as on a site whose names nobody knows",
    ),
    "plain_tags": (
        plain_tags,
        "write article/main/section/header/footer/nav/aside as div first: how much each "
        "score rests on those elements, as on a site marked up with div alone",
    ),
    "div_paragraphs": (
        div_paragraphs,
        "write every <p> as <div> first: a site whose paragraphs are divs",
    ),
    "br_paragraphs": (
        br_paragraphs,
        "write every <p> as its text and <br><br> first: a site that writes its stories as "
        "lines of text between line breaks",
    ),
    "div_story": (
        div_story,
        "write the story's <p> children as <div> first, the page's other <p> as they were: "
        "an editor that writes a story's paragraphs as divs in a template of paragraphs",
    ),
    "split_story": (
        split_story,
        "cut the story's container in two at its middle paragraph first, the halves in two "
        "elements of one class with an ad slot between: a template that splits long stories",
    ),
    "table_layout": (
        table_layout,
        "move the story's container into a layout table's cell beside a navigation cell "
        "first: a site laid out with tables",
    ),
    "wrap_paragraphs": (
        wrap_paragraphs,
        "put each of the story's <p> in a <div> of its own first: a site built of "
        "components, one per paragraph",
    ),
    "related_boxes": (
        related_boxes,
        "put two boxes of a related heading and linked headlines between the story's "
        "paragraphs first: a site whose related boxes have class names nobody knows",
    ),
    "comment_thread": (
        comment_thread,
        "put a thread of reader comments and its form (a heading, entries with a name, "
        "'says:', a time and a Reply link) after the story's container first: a blog theme "
        "whose class names nobody knows",
    ),
    "signup_box": (
        signup_box,
        "put a newsletter sign-up box (a heading, a pitch, an e-mail field, the fine print) "
        "after the story's middle paragraph first: a box whose class names nobody knows",
    ),
    "tag_row": (
        tag_row,
        "put a row of topic links under a label without a colon ('Topics') at the end of the "
        "story's container first: a tag row whose class names nobody knows",
    ),
    "video_playlist": (
        video_playlist,
        "put a video player's playlist ('Now Playing', a title, a running time, 'Up Next', ...) "
        "after the story's second paragraph first: a player whose class names nobody knows",
    ),
    "label_rows": (
        label_rows,
        "put three rows of labels side by side with no space between them (a byline's row, "
        "a teaser's label before its headline, share buttons or a channel's call) at the "
        "start, middle and end of the story's container first: rows whose class names nobody "
        "knows, laid out by a style sheet",
    ),
    "discarded_names": (
        discarded_names,
        "add a class word that trafilatura discards elements by ('js-share-tracking', "
        "'with-sidebar', 'widget', ...) to the story's container's class first: a site whose "
        "scripts and layouts name the container for reasons of their own",
    ),
    "hidden_story": (
        hidden_story,
        "hide the story's container as a paywall or a 'Read more' toggle does until a "
        "script shows it ('display: none', a 'hideOnInit' class, aria-hidden) or give it a "
        "layout's 'overflow: hidden' first: a story that trafilatura's hidden rule deletes",
    ),
    "pasted_styles": (
        pasted_styles,
        "give every paragraph of the story the inline style an editor pastes with text from "
        "another page ('border: 0px; margin: ...') first: trafilatura's precision rule "
        "deletes every element whose style mentions a border",
    ),
    "bordered_story": (
        bordered_story,
        "give the story's container an inline style that mentions a border ('border: 0px', "
        "'border-top: 1px solid') first: trafilatura's precision rule deletes every element "
        "whose style does",
    ),
    "paragraph_marks": (
        paragraph_marks,
        "mark every third paragraph of the story for a style sheet ('text-bottom', 'link', "
        "a highlighted paragraph's left border) first: marks that trafilatura's precision "
        "rule deletes paragraphs by",
    ),
    "linked_headings": (
        linked_headings,
        "make the words of each subheading in the story's container a link to the heading "
        "itself ('#why-it-matters') first: a site with a table of contents, whose headings "
        "trafilatura's precision mode deletes by their link density",
    ),
    "next_story": (
        next_story,
        "put the next story of an endless page (an <article> with its own <h1>, a byline and "
        "eight paragraphs) after the story's container or after the outermost block around "
        "it first: two stories on a page, the page's own named by its title",
    ),
    "story_rest": (
        story_rest,
        "move the story's last two paragraphs into a block of a meaningless class after its "
        "container first: a template that puts the rest of a story in a block of its own",
    ),
    "opening_block": (
        opening_block,
        "move the story's first paragraph into a block of a meaningless class before its "
        "container first: a template that gives a story's opening a block of its own",
    ),
    "teaser_cards": (
        teaser_cards,
        "put a list of teaser cards (a section's name, then linked headlines of the same "
        "site with a standfirst and a byline) after the story's container first: a site "
        "whose card lists have class names nobody knows",
    ),
}


def add_probe_options(parser: argparse.ArgumentParser) -> None:
    """One ``--scramble-classes``-style flag per entry of `PROBES`."""
    for name, (_, what) in PROBES.items():
        parser.add_argument(f"--{name.replace('_', '-')}", action="store_true", help=what)


def probed(html: bytes, args: argparse.Namespace) -> bytes:
    """The page with the probes asked for on the command line applied, in `PROBES` order."""
    for name, (probe, _) in PROBES.items():
        if getattr(args, name):
            html = probe(html)
    return html


def probe_names(args: argparse.Namespace) -> list[str]:
    return [name.replace("_", "-") for name in PROBES if getattr(args, name)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page, the fastest counts")
    parser.add_argument(
        "--only", action="append", choices=sorted(EXTRACTORS), help="run only these"
    )
    add_probe_options(parser)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
    pages = [Page(p.id, p.url, p.truth, probed(p.html, args)) for p in load_corpus()]
    names = args.only or list(EXTRACTORS)
    results = [run_extractor(name, EXTRACTORS[name], pages, args.repeat) for name in names]
    if args.json:
        print(json.dumps({"corpus": str(shared_dir() / "corpus" / "extraction"),
                          "results": [asdict(r) for r in results]}, indent=2))  # fmt: skip
        return 0
    probes = "".join(f", --{name}" for name in probe_names(args))
    print(f"{len(pages)} pages, {shared_dir() / 'corpus' / 'extraction'}{probes}")
    header = f"{'extractor':30s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'acc':>6s}"
    header += f" {'med ms':>7s} {'p90 ms':>7s}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:30s} {r.f1:6.4f} {r.precision:6.4f} {r.recall:6.4f} {r.accuracy:6.3f}"
            f" {r.median_ms:7.1f} {r.p90_ms:7.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
