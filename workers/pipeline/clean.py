"""The cleaning pass after extraction: remove the boilerplate that sits *inside* the article
container, where every extractor keeps it.

Each paragraph is first judged alone by the line-level rules of `workers.pipeline.boilerplate`
(share rows, ad labels, prompts, credits, bylines, notices). Then a few block rules, which
need the paragraph's neighbours:

* a standalone "Related Articles"/"Top News"/"Read more" heading takes with it the run of short
  headline-like lines that follows it; a heading that can only introduce other stories
  ("Related ...", "Top News", "Most read", "You may also like") also takes everything after it
  when it sits in the last quarter of the text;
* a list of two or more Title Case headlines at the very end is a related-links list, and so
  are two or more headlines of one series there ("Design Week 2018 | ...");
* an author box at the very end ("About the author", "Über Moritz Bachmann" and a short bio
  that names him) goes;
* WordPress's comment heading ("10 thoughts on “Title”", "5 Gedanken zu „Titel“") takes the
  reader comments after it;
* three or more Title Case headlines before the story's first sentence are a topic box;
* a press release's company description at the very end ("Ascom is a global solutions
  provider ...", with at least two facts: headquarters, staff, listing, countries) goes, with
  its "About ..." heading;
* the headline repeated as the first paragraph (and a short section label above it) goes, as
  does a standfirst equal to the page description when it reads as a headline.

None is tuned to one site; bench/extraction.py measures them, and no rule lowers precision or
recall on any page of the development corpus.

The pass also normalises text: NFC, whitespace collapsed inside paragraphs (non-breaking and
zero-width spaces included), paragraphs separated by one blank line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from workers.pipeline.boilerplate import (
    NAME,
    WORD,
    core_text,
    is_boilerplate,
    is_related_heading,
    is_teaser,
    is_title_case,
    word_count,
)

__all__ = ["clean_paragraphs", "clean_text", "normalize_paragraph", "split_paragraphs"]

_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")

#: WordPress's comment-section heading, "10 thoughts on “Business Focus: ...”": everything
#: after it is reader comments
_COMMENTS_HEADING = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:thoughts?|responses?|"
    r"comments?|replies|reactions?|kommentare?|commentaires?|comentarios?|gedanken?|antworten|"
    r"réponses?|réflexions?|respuestas?|risposte|commenti|comentários|respostas?) (?:on|to|zu|"
    r"sur|à|en|a|em|auf|für|su) [“\"«„‘'].*[”\"»“’']",
    re.IGNORECASE,
)

#: headings that introduce other stories, never a section of the story itself: only these cut
#: everything after them at the end of a text
_STRONG_HEADING = re.compile(
    r"related|recommend|you (?:may|might|will|could)|\btop\b|\bmost\b|trending|popular|latest"
    r"|more from|(?:more|other) (?:[\w’'-]+ ){0,2}(?:stories|news|articles|headlines|columns|reads)"
    r"|must[- ]reads?"
    r"|around the web"
    r"|from the web|our partners|sponsored|promoted|paid|editor|relacionad|similaires|correlati"
    r"|ähnliche|verwandte|meistgelesen|plus lus|más leído|mais lidas|похожие|популярн"
    r"|другие новости|по теме|terkait|terpopuler|相关|相關|延伸|推荐|猜你|関連|人気|おすすめ|관련"
    r"|많이|추천",
    re.IGNORECASE,
)


def normalize_paragraph(text: str) -> str:
    """NFC, invisible characters removed, every run of whitespace (non-breaking included)
    collapsed to one space, stripped."""
    text = unicodedata.normalize("NFC", text)
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text or "\u00ad" in text:
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of an extracted text: one per non-empty line (not yet normalised)."""
    return [line for line in text.splitlines() if line and not line.isspace()]


def _folded_words(text: str) -> list[str]:
    """The words of `text`, case folded: how a paragraph is compared with the headline,
    the description or a series kicker."""
    return [word.casefold() for word in WORD.findall(text)]


def _same_as_title(paragraph: str, title_tokens: list[str]) -> bool:
    tokens = _folded_words(paragraph)
    if not tokens or not title_tokens:
        return False
    if tokens == title_tokens:
        return True
    shorter, longer = sorted((tokens, title_tokens), key=len)
    return (
        len(shorter) >= 4 and longer[: len(shorter)] == shorter and len(longer) - len(shorter) <= 4
    )


def clean_paragraphs(
    paragraphs: Sequence[str],
    *,
    title: str | Sequence[str] | None = None,
    description: str | None = None,
) -> list[str]:
    """Drop boilerplate paragraphs (see the module docstring); keep the order of the rest.

    `title` (one headline, or several variants such as og:title and the ``<h1>``) removes a
    leading paragraph that repeats the headline: the share has the title in its own field,
    and the body should start with the story. `description` removes a leading standfirst
    that repeats the page description, but only when it reads as a headline (no sentence
    ending): a description copied from the first real paragraph ends with a full stop and
    stays.
    """
    paras: list[str] = []
    for raw in paragraphs:
        paragraph = normalize_paragraph(raw)
        if paragraph[-14:].lower() == "click to tweet":  # the ClickToTweet plugin's label
            paragraph = paragraph[:-14].rstrip()
        if paragraph:
            paras.append(paragraph)
    counts = [word_count(p) for p in paras]
    total_words = sum(counts) or 1
    keep = [True] * len(paras)

    titles = [title] if isinstance(title, str) else list(title or ())
    for variant in titles:
        title_tokens = _folded_words(variant)
        for i in range(min(3, len(paras))):
            if _same_as_title(paras[i], title_tokens):
                keep[i] = False
                # a section label ("News", "World | Europe") above the headline goes with it
                for j in range(i):
                    if counts[j] <= 4:
                        keep[j] = False

    if description:
        desc_tokens = _folded_words(description)
        for i in range(min(3, len(paras))):
            if not keep[i]:
                continue
            if (
                counts[i] <= 35
                and _folded_words(paras[i]) == desc_tokens
                and not re.search(r"[.!?。！？…\"”»]$", paras[i])
            ):
                keep[i] = False
            break

    words_after = [0] * (len(paras) + 1)
    for i in range(len(paras) - 1, -1, -1):
        words_after[i] = words_after[i + 1] + counts[i]

    i = 0
    while i < len(paras):
        paragraph = paras[i]
        if i > 0 and counts[i] <= 40 and _COMMENTS_HEADING.fullmatch(paragraph.strip()):
            for j in range(i, len(paras)):  # reader comments follow, to the end
                keep[j] = False
            break
        if counts[i] <= 8 and is_related_heading(paragraph):
            keep[i] = False
            # trailing block: a related heading in the last quarter takes everything after it
            strong = _STRONG_HEADING.search(paragraph) is not None
            if strong and i > 0 and words_after[i + 1] <= max(40, total_words // 4):
                for j in range(i + 1, len(paras)):
                    keep[j] = False
                break
            # otherwise only the run of headline-like lines that follows it
            j = i + 1
            while j < len(paras) and (is_teaser(paras[j]) or is_boilerplate(paras[j], counts[j])):
                keep[j] = False
                j += 1
            i = j
            continue
        if is_boilerplate(paragraph, counts[i]):
            keep[i] = False
        i += 1
    _drop_trailing_link_list(paras, counts, keep)
    _drop_trailing_series_list(paras, counts, keep)
    _drop_leading_headline_list(paras, counts, keep)
    _drop_press_release_boilerplate(paras, keep)
    _drop_author_box(paras, counts, keep)
    return [p for p, k in zip(paras, keep, strict=True) if k]


def _drop_trailing_link_list(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """A list of two or more Title Case headlines at the very end of the text (at most one
    short line after it) is a related-links list whose heading was lost, not the story."""
    kept = [i for i, k in enumerate(keep) if k]
    end = len(kept)
    if end and counts[kept[-1]] <= 12 and not paras[kept[-1]].startswith(("- ", "• ")):
        end -= 1  # "Originally published on ..." may follow the list
    start = end
    while start > 0:
        i = kept[start - 1]
        if not (
            paras[i].startswith(("- ", "• ", "* "))
            and counts[i] <= 15
            and is_teaser(paras[i])
            and is_title_case(paras[i])
        ):
            break
        start -= 1
    if end - start >= 2 and start > 0:
        for i in kept[start:end]:
            keep[i] = False


#: "Milan Design Week 2018 | FLOS pays tribute to ...": a series kicker, a bar, a headline
_KICKER = re.compile(r"^([^|]{3,60}?)\s+\|\s+\S")


def _drop_trailing_series_list(
    paras: Sequence[str], counts: Sequence[int], keep: list[bool]
) -> None:
    """Two or more headlines of one series at the very end ("Design Week 2018 | ...") are
    links to the series' other stories: their kickers share most of their words."""
    kept = [i for i, k in enumerate(keep) if k]
    run: list[int] = []
    kickers: list[set[str]] = []
    for i in reversed(kept):
        match = _KICKER.match(paras[i])
        if not match or counts[i] > 20 or not is_teaser(paras[i]):
            break
        run.append(i)
        kickers.append(set(_folded_words(match.group(1))))
    if len(run) < 2 or len(run) == len(kept):
        return
    common = set.intersection(*kickers)
    if all(len(common) * 2 >= len(k) for k in kickers):
        for i in run:
            keep[i] = False


def _drop_leading_headline_list(
    paras: Sequence[str], counts: Sequence[int], keep: list[bool]
) -> None:
    """Three or more Title Case headlines before the story's first sentence are a block of
    links to other stories (a topic box placed above the text), not the story."""
    kept = [i for i, k in enumerate(keep) if k]
    run = 0
    while run < len(kept):
        i = kept[run]
        if counts[i] > 20 or not is_teaser(paras[i]) or not is_title_case(paras[i]):
            break
        run += 1
    if run >= 3 and run < len(kept):
        for i in kept[:run]:
            keep[i] = False


#: the "About <company>" section that ends a press release, with or without its heading:
#: "<Name> is a global provider of ...", then where it is based, whom it employs, where its
#: shares are listed
_ABOUT_HEADING = re.compile(r"^about (?:[A-Z0-9][\w.&'’-]*\s?){1,5}:?$", re.IGNORECASE)
_COMPANY_INTRO = re.compile(
    r"^(?:[A-Z0-9][\w.&'’-]*\s){1,4}(?:\([A-Z.:\s]+\)\s)?is (?:a|an|the|one of the)\s"
)
_COMPANY_FACT = re.compile(
    r"headquartered|head office|\bemploys\b|\bemployees\b|\blisted on\b|stock exchange|"
    r"subsidiaries|\bnasdaq\b|\bnyse\b|\bfounded in\b|\bpresence in \d+|offices in \d+|"
    r"\b\d+ countries\b",
    re.IGNORECASE,
)


def _drop_press_release_boilerplate(paras: Sequence[str], keep: list[bool]) -> None:
    """The company description at the end of a press release: at most three paragraphs, the
    first introducing the company ("Ascom is a global solutions provider ..."), with at least
    two company facts between them (headquarters, staff, listing, countries)."""
    kept = [i for i, k in enumerate(keep) if k]
    for size in (1, 2, 3):
        if size >= len(kept):
            return
        block = kept[-size:]
        first = paras[block[0]]
        heading = _ABOUT_HEADING.match(first) is not None
        intro = paras[block[1]] if heading and size > 1 else first
        if not _COMPANY_INTRO.match(intro):
            continue
        facts = sum(len(_COMPANY_FACT.findall(paras[i])) for i in block)
        if facts >= 2:
            for i in block:
                keep[i] = False
            heading_before = kept[-size - 1]
            if _ABOUT_HEADING.match(paras[heading_before]) and len(kept) > size + 1:
                keep[heading_before] = False
            return


#: the heading of an author box: "About the author", "Über den Autor", or "About"/"Über"/"À
#: propos de" and a name of two to four capitalised words
_AUTHOR_HEADING = re.compile(
    r"(?i:about the authors?|about the writer|über (?:den autor|die autorin)|"
    r"à propos de l['’]auteur|sobre (?:el|o) autor|sobre a autora|l['’]autore|об авторе)"
    rf"|(?i:about|über|à propos de|sobre) (?P<name>{NAME}(?: {NAME}){{1,3}})"
)
#: an author box holds a sentence or three about the writer, never a section of the story
_AUTHOR_BIO_MAX_WORDS = 120


def _drop_author_box(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """An author box at the very end: its heading and at most two short paragraphs, which
    name the author when the heading does ("Über Moritz Bachmann" / "Als Inbound Sales
    Manager bildet Moritz Bachmann ...")."""
    kept = [i for i, k in enumerate(keep) if k]
    for size in (1, 2):
        if size + 1 >= len(kept):
            return
        heading, block = kept[-size - 1], kept[-size:]
        match = _AUTHOR_HEADING.fullmatch(core_text(paras[heading]))
        if match is None or sum(counts[i] for i in block) > _AUTHOR_BIO_MAX_WORDS:
            continue
        name = match.group("name")
        if name and name not in paras[block[0]]:
            continue
        for i in (heading, *block):
            keep[i] = False
        return


def clean_text(
    text: str, *, title: str | Sequence[str] | None = None, description: str | None = None
) -> str:
    """Clean an extracted text (one paragraph per line or per blank-line-separated block);
    returns paragraphs separated by a blank line."""
    paragraphs = clean_paragraphs(split_paragraphs(text), title=title, description=description)
    return "\n\n".join(paragraphs)
