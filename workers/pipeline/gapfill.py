"""A second opinion on the paragraphs that precision mode drops from the middle of a story.

trafilatura's ``favor_precision`` is the better setting for a whole page (it leaves out
more related-story lists, bylines and link rows), but some of its extra rules also remove
story text: a ``<p>`` shorter than 200 characters that is mostly link text (a product name
in a deals post, a cited URL), a heading that is a single link, a paragraph whose class
names a "link" or "bottom" box. Its default mode keeps those.

So when the story as precision mode kept it has a hole, a block of three words or more
(a paragraph, a list item, a heading, a quote; on a page without paragraph text, which
trafilatura reads in its div mode, a text div as well) or a subheading of fewer (a page
whose names trafilatura does not know is read as its loose paragraphs, and "Fazit" is
lost with every other subheading) that sits between two kept blocks
of the page and was not kept itself (`has_gap`), the story's container (the smallest
element holding every kept block) is read again, alone, in default mode, and each paragraph
that default mode keeps *between two paragraphs that both modes kept* is put back in its
place (`fill_gaps`), a line that default mode holds more often than precision mode (a
reply repeated through a story) each time it is missing. Reading the container rather than
the page keeps the cost to about 1.5 ms on the pages that need it. Paragraphs that default
mode adds before the story's start or after its end are not taken: that is where
related-story lists, newsletter boxes and author boxes sit, and precision mode's judgement
of where the story starts and ends stands. A boilerplate line both modes kept at the
container's end (a share row) marks no end of the story: the lines between it and the story
are not put back either.

Four kinds of line are never put back: shouted promotion lines in capitals ("CLICK HERE
TO GET THE FOX NEWS APP", capitalised teaser headlines), labels of one or two words
("Explore further"; a subheading of the container over a paragraph of running text both
modes kept is no label), a line of eight words or more that mostly repeats text already kept
(the two modes can render one paragraph differently), and a video's or a podcast's card
title, which its running time follows ("0:45"): put back alone, it read as a subheading,
and the cleaning pass drops a title by the time after it. The cleaning pass runs over the
result afterwards, so boilerplate inside the story is removed by the same rules either way.

Pure functions of the tree and of the two extracted texts; the trafilatura calls are in
`workers.pipeline.extract`.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from workers.pipeline.blocks import BLOCKS_BUT_PICTURES, div_mode, holding
from workers.pipeline.boilerplate import (
    is_boilerplate,
    is_episode_length,
    is_running_time,
    is_shouted,
    word_count,
)
from workers.pipeline.legal import opens_with_copyright

__all__ = [
    "fill_gaps",
    "has_gap",
    "kept_starts",
    "locate_story",
    "story_container",
    "subheadings",
]

#: the block elements whose text trafilatura keeps or drops as one paragraph
_BLOCKS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote")
#: blocks and added lines shorter than this many words are labels, not story text
_MIN_WORDS = 3
#: ... unless they are subheadings (`_subheading`)
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: a block counts as kept when this many characters of its start appear in the kept text
_PREFIX = 40
#: a kept copyright line and the kept blocks after it hold at most this many words when they
#: are the page's footer (its legal lines, a notice or two), not a licence's text
_FOOTER_WORDS = 60
#: share of an added line's word 4-grams already kept above which it is a repeat; only lines
#: of `_REPEAT_MIN_WORDS` or more are checked, since a short line (a product name heading its
#: paragraph, a cited title) is often named again in the story's sentences
_REPEAT_SHARE = 0.5
_REPEAT_MIN_WORDS = 8
#: a short subheading heads a paragraph of running text this long at least (an author
#: box's "About me" heads a greeting, a fact check's "About this statement" a dateline)
_RUNNING_WORDS = 12

_WORD = re.compile(r"\w+")
#: for `workers.pipeline.widgets`, which matches the kept text's first line to its block as
#: `_kept_blocks` matches every kept line
BLOCKS = _BLOCKS
PREFIX = _PREFIX
#: ... and for `workers.pipeline.continuation`, which looks for a story's first and last
#: blocks among the same blocks
SUBHEADINGS = _SUBHEADINGS


def _kept_blocks(
    tree: HtmlElement, kept_text: str
) -> tuple[list[HtmlElement], list[bool], list[bool]]:
    """The page's blocks of three words or more and its subheadings of fewer, whether each
    is in the kept text, and whether each may end the story's span: a kept block that is
    no repeat (one kept by its start after as many blocks with that start as the kept text
    holds: a comment below the story quoting one of its subheadings) and no short
    subheading (a "Contents" or "Share" heading kept beside the story stretches nothing; a
    short one dropped inside it is still a gap, a page read as loose paragraphs loses
    "Fazit"), nor a kept footer (`_drop_footer_anchors`).

    Blocks are matched to the kept text by the start of their text, so this costs one pass
    over the page's paragraphs and list items (under a millisecond on a news page)."""
    flat = " ".join(kept_text.split())
    blocks: list[HtmlElement] = []
    kept: list[bool] = []
    anchors: list[bool] = []
    if not flat:
        return blocks, kept, anchors
    # a block shorter than the prefix is kept as a line of its own, not as the start of a
    # longer one nor inside one: "Lupita Nyong'o", a headline's first line, is not the
    # story's "Lupita Nyong'o's now-famous Oscar dress ...", and a site's logo "MIT
    # Technology Review" is not the digest's "... (MIT Technology Review)"
    flat_lines = [" ".join(line.split()) for line in kept_text.splitlines()]
    lines = "\n" + "\n".join(flat_lines) + "\n"
    # the kept lines, a list item's also without trafilatura's "- ", and their starts: most
    # kept blocks open a line, and finding one there spares a search of the whole text
    # (which made a page of 20,000 paragraphs quadratic)
    bodies = _bodies(flat_lines)
    starts = {body[:_PREFIX] for body in bodies}
    heads = {body[:_HEAD] for body in bodies}
    # a heading's line, as far as a heading's start is compared (`_HEADING_START`)
    heading_lines = {body[:_HEADING_START] for body in bodies}
    # a page without paragraph text writes its paragraphs as text divs, which trafilatura
    # reads as paragraphs (its div mode): they are the page's blocks too
    divs = div_mode(tree)
    holders = holding(tree, BLOCKS_BUT_PICTURES) if divs else set()  # no text div holds one
    # the blocks matched so far by each start: the last of them, whether it was a repeat,
    # how many there were, and how often the kept text holds the start (counted once)
    matched: dict[str, tuple[HtmlElement, bool, int, int]] = {}
    # the first anchor after another that opens with the copyright sign: a footer's, maybe
    footer: int | None = None
    anchored = False  # an anchor came before
    for element in tree.iter(*_BLOCKS, "div") if divs else tree.iter(*_BLOCKS):
        if element.tag == "div" and element in holders:
            continue
        text = " ".join(element.text_content().split())
        short = text.count(" ") < _MIN_WORDS - 1 and len(_WORD.findall(text)) < _MIN_WORDS
        if short and (element.tag not in _SUBHEADINGS or not _WORD.search(text)):
            continue  # a label; a cited URL is one "word" to split() but several to \w+
        blocks.append(element)
        prefix = text[:_PREFIX]
        whole = False
        if len(text) < _PREFIX:
            # a short block kept is most often a line of its own: found in the set, not
            # searched
            whole = text in bodies
            # and one that opens no line is not searched for either (a search each was
            # quadratic on a page of 10,000 sections)
            opens = len(text) < _HEAD or text[:_HEAD] in heads
            hit = whole or (opens and _starts_a_line(text, lines))
        elif element.tag in _SUBHEADINGS:
            # a heading is a line of its own, and the line goes on as it does: a standfirst's
            # "The home-improvement retailer earned $2.8 billion in the third quarter." above
            # the story is not the story's paragraph that opens with its first 40 characters
            hit = text[:_HEADING_START] in heading_lines
        else:
            hit = prefix in starts or prefix in flat
        kept.append(hit)
        # a short block kept whole is held as a line of its own: "Portion Fix Containers:
        # 1 Purple" also opens a meal plan's longer lines, which are not it
        held_in = flat_lines if whole else flat
        anchor = hit and not short and not _repeat(element, prefix, held_in, matched)
        if anchor and footer is None:
            if anchored and opens_with_copyright(text):
                footer = len(anchors)
            anchored = True
        anchors.append(anchor)
    if footer is not None:
        _drop_footer_anchors(blocks, kept, anchors, footer)
    return blocks, kept, anchors


def _drop_footer_anchors(
    blocks: list[HtmlElement], kept: list[bool], anchors: list[bool], footer: int
) -> None:
    """Take the span's end off a kept footer: the kept block at `footer`, after the story's,
    that opens with the copyright sign, when it and the kept blocks after it hold at most
    `_FOOTER_WORDS` words (its legal lines, a market data notice). On a page whose names
    trafilatura does not know it keeps such lines, and the story's container then stretched
    to the page's wrapper, beside which no later part of a split story was found (the
    cleaning drops the lines themselves later). A licence's own copyright line, with the
    licence after it, stays."""
    words = sum(
        word_count(block.text_content())
        for block, hit in zip(blocks[footer:], kept[footer:], strict=True)
        if hit
    )
    if words <= _FOOTER_WORDS:
        anchors[footer:] = [False] * (len(anchors) - footer)


def _bodies(flat_lines: list[str]) -> set[str]:
    """The kept lines (whitespace folded), a list item's also without trafilatura's "- "."""
    return set(flat_lines) | {line[2:] for line in flat_lines if line.startswith("- ")}


def kept_starts(kept_text: str) -> set[str]:
    """The first `_PREFIX` characters of each kept line, whitespace folded, a list item's
    also without its "- ": a block that the kept text holds opens one (for
    `workers.pipeline.continuation`, which looks a block up as `_kept_blocks` does first)."""
    flat_lines = [" ".join(line.split()) for line in kept_text.splitlines()]
    return {body[:_PREFIX] for body in _bodies(flat_lines)}


def _repeat(
    element: HtmlElement,
    prefix: str,
    held_in: str | list[str],
    matched: dict[str, tuple[HtmlElement, bool, int, int]],
) -> bool:
    """Whether `element`, whose start `prefix` is in the kept text, comes after as many
    blocks with that start as the kept text holds (`held_in`: the kept text, or its lines
    for a short block kept whole; counted at the second match only); a block inside the
    last one matched (a quote's heading) is the same text, and a repeat as it is.
    `matched` is updated."""
    earlier = matched.get(prefix)
    if earlier is None:
        matched[prefix] = (element, False, 1, 0)
        return False
    last, repeat, times, held = earlier
    if any(ancestor is last for ancestor in element.iterancestors()):
        return repeat
    if not held:
        held = (
            held_in.count(prefix)
            if isinstance(held_in, str)
            else sum(line in (prefix, f"- {prefix}") for line in held_in)
        )
    repeat = times >= held
    matched[prefix] = (element, repeat, times + 1, held)
    return repeat


#: the characters of a line's start indexed to rule out a heading that opens no line
_HEAD = 8
#: the characters of a heading of `_PREFIX` or more that its kept line opens with: the whole
#: heading when it is shorter (a line is looked up in a set, never searched for: a search
#: each was quadratic on a page of 10,000 sections)
_HEADING_START = 2 * _PREFIX


def _starts_a_line(text: str, lines: str) -> bool:
    """Whether `text` opens a line of `lines` (a list item's after trafilatura's "- ") as
    words of their own: what follows it is the line's end, a space, or punctuation that no
    letter follows ("Lupita Nyong'o" does not open "Lupita Nyong'o's ...")."""
    for lead in ("\n", "\n- "):
        needle = lead + text
        at = lines.find(needle)
        while at != -1:
            end = at + len(needle)
            after = lines[end : end + 2]
            if after[:1].isspace() or not (after[:1].isalnum() or after[1:2].isalnum()):
                return True
            at = lines.find(needle, at + 1)
    return False


def locate_story(tree: HtmlElement, kept_text: str) -> tuple[HtmlElement | None, bool]:
    """The story's container (the smallest element holding every kept block, or None when
    no block was kept) and whether a block inside it was not kept, in one pass. A block
    that repeats one kept before it, more often than the kept text holds its start, is no
    kept block (a comment quoting the story's subheading stretched Lifehacker's container
    to the page's column, beside which a split story's later part was not found)."""
    blocks, kept, anchors = _kept_blocks(tree, kept_text)
    # a repeat of a kept block below the story does not stretch the story to it
    span = _span(anchors)
    if span is None:
        return None, False
    container = _common_ancestor(blocks[span[0]], blocks[span[1]])
    return container, not all(kept[span[0] : span[1] + 1])


def story_container(tree: HtmlElement, kept_text: str) -> HtmlElement | None:
    """The smallest element holding every kept block: the story's container."""
    return locate_story(tree, kept_text)[0]


def has_gap(tree: HtmlElement, kept_text: str) -> HtmlElement | None:
    """The story's container (`story_container`), when a block inside it was not kept.

    A gap is a block of the page between two kept blocks that was itself not kept. The
    element returned is the story's container: reading it alone in default mode costs a
    fraction of reading the page.
    """
    container, gap = locate_story(tree, kept_text)
    return container if gap else None


def _span(flags: list[bool]) -> tuple[int, int] | None:
    """The indexes of the first and the last true flag, or None when none is true."""
    if True not in flags:
        return None
    return flags.index(True), len(flags) - 1 - flags[::-1].index(True)


def _common_ancestor(first: HtmlElement, last: HtmlElement) -> HtmlElement:
    # the elements themselves, not their id(): lxml makes a new proxy object for a node each
    # time one is asked for once the last one is gone, so an id() can be reused by another node
    ancestors = {first, *first.iterancestors()}
    element: HtmlElement | None = last
    while element is not None and element not in ancestors:
        element = element.getparent()
    return element if element is not None else first.getroottree().getroot()


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 4:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


#: a rule of underscores between a story's parts ("___", the Associated Press's), which the
#: annotators keep and precision mode drops under the bench's ``--plain-tags``
_RULE = re.compile(r"\s*_{3,}\s*")


def _takes(line: str, kept_grams: set[tuple[str, ...]]) -> bool:
    """Whether a line default mode kept inside the story is story text worth putting back."""
    # a Chinese or Japanese character is a word: "再起動して完了" is one run of \w, a
    # subheading of seven words
    if word_count(line) < _MIN_WORDS or is_shouted(line):
        return _RULE.fullmatch(line) is not None
    words = _WORD.findall(line)
    if len(words) < _REPEAT_MIN_WORDS:
        return True
    grams = _grams(words)
    return len(grams & kept_grams) <= _REPEAT_SHARE * len(grams)


def _short_items(lines: list[str], kept_grams: set[tuple[str, ...]]) -> set[int]:
    """The positions of the list items too short for `_takes` ("- camera") in lists of
    which `_takes` puts back half the items or more: a list of a story's things keeps them
    all (a hiking kit's "- baby carrier" and "- camera" were lost between "- Arrowhead
    bottled water" and "- healthy snack bars" under the bench's ``--scramble-classes
    --plain-tags``). A list of mostly short items is a menu's or a list of labels, and its
    short items stay out. Each list is read once."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        if not lines[index].startswith("- "):
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and lines[end + 1].startswith("- "):
            end += 1
        items = range(index, end + 1)
        short = [
            at
            for at in items
            if word_count(lines[at]) < _MIN_WORDS and not is_boilerplate(lines[at])
        ]
        if short and 2 * sum(_takes(lines[at], kept_grams) for at in items) >= len(items):
            found.update(short)
        index = end + 1
    return found


def _card_title(lines: list[str], index: int) -> bool:
    """Whether the line at `index` is a video's or a podcast's card title: its running time
    or its episode and length follow it ("0:45", "Episode 42 · 23 min"). Put back alone, a
    card's title reads as a subheading of the story, and the cleaning pass, which drops a
    title by the time after it, would no longer see the time."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return is_running_time(following) or is_episode_length(following)


def _previous_shared(shared: list[bool], index: int) -> int:
    return index - 1 - shared[index - 1 :: -1].index(True)


def subheadings(block: HtmlElement) -> frozenset[str]:
    """The texts of the subheadings in `block`, whitespace folded (for `fill_gaps`)."""
    texts = (" ".join(heading.text_content().split()) for heading in block.iter(*_SUBHEADINGS))
    return frozenset(texts)


def _subheading(
    fuller: list[str], shared: list[bool], index: int, headings: frozenset[str]
) -> bool:
    """Whether the line at `index` is one of the container's `headings` over story text: the
    first line after it that is no heading is a paragraph both readings kept. Such a line may be
    shorter than `_MIN_WORDS` ("Fazit", "Status Quo"): a page whose names trafilatura does
    not know is read in precision mode as its loose paragraphs, every subheading lost."""
    line = fuller[index]
    if word_count(line) >= _MIN_WORDS or " ".join(line.split()) not in headings:
        return False  # a longer one is taken or refused as any line is (`_takes`)
    if is_boilerplate(line) or is_shouted(line):
        return False
    for following in range(index + 1, len(fuller)):
        line = fuller[following]
        if " ".join(line.split()) not in headings:
            return shared[following] and word_count(line) >= _RUNNING_WORDS
    return False


def fill_gaps(kept_text: str, fuller_text: str, headings: frozenset[str] = frozenset()) -> str:
    """`kept_text` with the lines of `fuller_text` that lie between two shared lines added.

    Both texts hold one paragraph per line, in page order. Lines of `kept_text` keep their
    order and text; a line of `fuller_text` that `kept_text` lacks is inserted after the
    shared line that precedes it, when a shared line also follows it and `_takes` accepts it.
    A shared line that `kept_text` holds only *before* the lines already copied (the two
    readings ordered it differently) anchors nothing, so nothing is ever put out of order;
    but a line that `fuller_text` holds more often than `kept_text` is missing there that
    many times, and its later copies are put back like any other line. `headings` are the
    texts (whitespace folded) of the story's subheadings, put back however short
    (`_subheading`).
    """
    kept = [line for line in kept_text.split("\n") if line.strip()]
    fuller = [line for line in fuller_text.split("\n") if line.strip()]
    where: dict[str, list[int]] = {}
    for position, line in enumerate(kept):
        where.setdefault(line.strip(), []).append(position)
    shared = [line.strip() in where for line in fuller]
    span = _span(shared)
    if span is None:
        return kept_text
    first, last = span
    # a boilerplate line both modes kept at the container's end (a share row) is no end of
    # the story: what lies before it is not the story's middle. At the start, a byline's row
    # above the story's key points is: the points stay (measured on the scrambled pages)
    while last > first and is_boilerplate(fuller[last]):
        last = _previous_shared(shared, last)
    kept_grams = _grams(_WORD.findall(kept_text))
    short_items = _short_items(fuller, kept_grams)
    result: list[str] = []
    position = 0
    added = False
    seen: dict[str, int] = {}  # how often each shared line has come in `fuller` so far
    for index, line in enumerate(fuller):
        if shared[index]:
            key = line.strip()
            seen[key] = seen.get(key, 0) + 1
            later = [p for p in where[key] if p >= position]
            if later:
                # copy the kept lines up to and including this shared one
                result.extend(kept[position : later[0] + 1])
                position = later[0] + 1
                continue
            if seen[key] <= len(where[key]) or (result and result[-1].strip() == key):
                # read in another order: it anchors nothing, and is not repeated; nor is a
                # line right after itself (a template's heading shown twice, for two screens)
                continue
            # one more time than `kept_text` holds it: a repeat that precision mode dropped
            # (a meal plan's "Eat every 2–3 hours" under each meal), taken like any line
        if not first < index < last or _card_title(fuller, index):
            continue
        if (
            _takes(line, kept_grams)
            or _subheading(fuller, shared, index, headings)
            or index in short_items
        ):
            result.append(line)
            added = True
    if not added:
        return kept_text
    result.extend(kept[position:])
    return "\n".join(result)
