"""The cleaning pass after extraction: remove the boilerplate that sits *inside* the article
container, where every extractor keeps it.

Each paragraph is first judged alone by the line-level rules of `workers.pipeline.boilerplate`
(share rows, ad labels, prompts, credits, bylines, notices). Then a few block rules, which
need the paragraph's neighbours:

* a standalone "Related Articles"/"Top News"/"Read more" heading takes with it the run of short
  headline-like lines that follows it; a heading that can only introduce other stories
  ("Related ...", "Top News", "Most read", "You may also like") also takes everything after it
  when it sits in the last quarter of the text; a list of notes that ends the text, each
  item a sentence of its own ("Further Reading" / "- The website hostleadership.com has
  ongoing information including a blog."), is a blog's reading list, and stays with its
  heading;
* a list of two or more Title Case headlines at the very end is a related-links list, and so
  are two or more headlines of one series there ("Design Week 2018 | ...");
* an author box at the very end ("About the author", "Über Moritz Bachmann" and a short bio
  that names him) goes, and so does a short biography of the byline's author without a
  heading ("Brigit Katz is a freelance writer based in Toronto.");
* WordPress's comment heading ("10 thoughts on “Title”", "5 Gedanken zu „Titel“") takes the
  reader comments after it;
* three or more Title Case headlines before the story's first sentence are a topic box;
* a press release's company description at the very end ("Ascom is a global solutions
  provider ...", with at least two facts: headquarters, staff, listing, countries) goes, with
  its "About ..." heading;
* the headline repeated as the first paragraph (and a short section label above it) goes, as
  does a standfirst equal to the page description when it reads as a headline;
* a line that is nothing but the page's own address (a print template's "where this came
  from") goes; a cited address stays;
* the few short lines after a footer's legal line near the end of the text ("Billboard is a
  subsidiary of Prometheus Global Media, LLC.", then a modal's "The Biz premium subscriber
  content has moved to ...") are the rest of the footer, and go;
* an author box's leftovers at the very end, its heading ("About me") and the author's name
  alone (a signature), go;
* a label of five words or fewer that ends in a colon and ends the story, introducing
  nothing (a list's heading whose list went with the related lists, "See more photos:"),
  goes; a label followed by its text, list or another label stays;
* a cookie notice after the story, from its heading ("Privacy Overview") or its opening
  ("This website uses cookies ...") to the end, every paragraph of it about cookies or a
  switch's label, goes;
* a fact-check's list of sources in the second half of the text (three citations in a row:
  a publisher, a quoted title and a date; an interview and its date) goes with its heading;
* a video card's title before its running time ("0:45"), a podcast card's before its
  episode and length ("Episode 42 · 23 min"), and a poll's question after its label ("Quick
  Poll", "What do you think about the new bridge?") go; a story's own question stays.

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
    WORD,
    core_text,
    is_boilerplate,
    is_episode_length,
    is_poll_label,
    is_related_heading,
    is_running_time,
    is_teaser,
    is_title_case,
    word_count,
)
from workers.pipeline.bylines import BY, NAME, ROLE_RANKS, ROLES
from workers.pipeline.legal import is_legal_line

__all__ = ["clean_paragraphs", "clean_text", "normalize_paragraph", "split_paragraphs"]

_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
#: the notice that Joomla's e-mail cloaking writes where a page's address was, without the
#: script that shows the address: "This email address is being protected from spambots. You
#: need JavaScript enabled to view it.", in a line of its own or in a sentence or a table's
#: cell ("Kontakt: Diese E-Mail-Adresse ist gegen Spambots geschützt! ..."), in six languages
_EMAIL_CLOAK = re.compile(
    r"(?:this e-?mail address|diese e-?mail-?adresse|cette adresse (?:e-?mail|électronique)"
    r"|esta (?:dirección de )?(?:correo electrónico|e-?mail)|questo indirizzo (?:e-?mail)?"
    r"|dit e-?mail-?adres)[^.!\n]{0,60}spam[^.!\n]{0,40}[.!]\s*[^.!\n]{0,50}javascript"
    r"[^.!\n]{0,80}[.!]?",
    re.IGNORECASE,
)
_SPAM = re.compile("spam", re.IGNORECASE)

#: WordPress's comment-section heading, "10 thoughts on “Business Focus: ...”": everything
#: after it is reader comments; it quotes the post's title (`_comments_heading`)
_COMMENTS_HEADING = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:thoughts?|responses?|"
    r"comments?|replies|reactions?|kommentare?|commentaires?|comentarios?|gedanken?|antworten|"
    r"réponses?|réflexions?|respuestas?|risposte|commenti|comentários|respostas?) (?:on|to|zu|"
    r"sur|à|en|a|em|auf|für|su) [“\"«„‘'](?P<quoted>.*)[”\"»“’']",
    re.IGNORECASE,
)

#: the other headings of a comment section ("Comment on this article", "Leave a Reply", "12
#: Comments"): near the end of the text (`_COMMENTS_TAIL_WORDS`, or a third of the text, after
#: them, and twice as many before them: a comment count in a byline line opens a story), what
#: follows them is the thread, its form and its rules ("... moderates comments to facilitate
#: an informed, substantive, civil conversation"). Not "Discussion" or "Responses", which end
#: papers and reports.
_COMMENT_SECTION = re.compile(
    r"comment on this (?:article|story|post)|(?:leave|post|add|write|submit) a (?:comment|reply)"
    r"(?: cancel reply)?|(?:\d+ |no )?(?:reader |readers' |readers’ )?comments?(?: \(\d+\))?"
    r"|join the (?:discussion|conversation)|have your say|\d+ (?:responses|replies)"
    r"|kommentare|kommentar schreiben|schreibe einen kommentar|commentaires"
    r"|laisser un commentaire|comentarios|deja un comentario|commenti|lascia un commento",
    re.IGNORECASE,
)
_COMMENTS_TAIL_WORDS = 80

#: headings that introduce other stories, never a section of the story itself: only these cut
#: everything after them at the end of a text
_STRONG_HEADING = re.compile(
    r"related|recommend|suggested|people (?:are |also )*(?:reading|read|viewed)|similar|icymi|"
    r"in case you missed|hot stories|(?:explore|discover) more|more to (?:explore|discover)|"
    r"people also ask|\balso on\b|"
    r"readers also|others (?:are |also )*read|you (?:may|might|will|could)|\btop\b|\bmost\b"
    r"|trending|popular|latest"
    r"|more from|(?:more|other) (?:[\w’'-]+ ){0,2}(?:stories|news|articles|headlines|columns|reads)"
    r"|must[- ]reads?"
    r"|around the web"
    r"|from the web|our partners|sponsored|promoted|paid|editor|relacionad|similaires|correlati"
    r"|ähnliche|verwandte|meistgelesen|plus lus|más leído|mais lidas|похожие|популярн"
    r"|другие новости|по теме|terkait|terpopuler|相关|相關|延伸|推荐|猜你|関連|人気|おすすめ|관련"
    r"|nachrichten|meldungen|empfohlene|beliebte|neueste|zum thema|lesenswert|últimas"
    r"|recomend|você pode gostar|последние новости|интересно|terkini|rekomendasi|redaksi"
    r"|最新記事|注目記事|quizás te interese|dernières|vous aimerez|à découvrir|fil info"
    r"|\bla une\b|sur le web"
    r"|많이|추천"
    r"|gerelateerd|meest gelezen|relaterade|mest läst|podobne|powiązane|najczęściej|související"
    r"|nejčtenější|ilgili|benzer|çok okunan|similare|cele mai citite|kapcsolódó|luetuimmat"
    r"|liên quan|ذات صلة|الأكثر|संबंधित",
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


def _comments_heading(paragraph: str, titles: Sequence[str]) -> bool:
    """WordPress's comment heading: "10 thoughts on “<the post's title>”". When the page's
    title is known, the quoted words must be mostly its words: a subheading of the story
    such as 'Two responses to “the crisis”' quotes something else."""
    match = _COMMENTS_HEADING.fullmatch(paragraph.strip())
    if match is None:
        return False
    quoted = set(_folded_words(match.group("quoted")))
    if not titles or not quoted:
        return True
    return any(2 * len(quoted & set(_folded_words(t))) >= len(quoted) for t in titles)


#: what an address's key leaves out: the scheme, "www.", a fragment, a trailing slash
_URL_PARTS = re.compile(r"^(?:https?:)?//(?:www\.)?([^/?#\s]+)(/[^#\s]*?)/?(?:#\S*)?$", re.I)


def _url_key(text: str) -> str:
    """The host and path of an absolute http(s) address with a path, or '' ("a.com/x/y")."""
    match = _URL_PARTS.match(text.strip())
    if match is None or match.group(2) in ("", "/"):
        return ""
    return match.group(1).lower() + match.group(2)


def clean_paragraphs(
    paragraphs: Sequence[str],
    *,
    title: str | Sequence[str] | None = None,
    description: str | None = None,
    authors: Sequence[str] = (),
    urls: Sequence[str] = (),
) -> list[str]:
    """Drop boilerplate paragraphs (see the module docstring); keep the order of the rest.

    `urls` (the page's own addresses: where it was fetched from, its canonical URL) removes a
    paragraph that is nothing but one of them, the print edition's "where this came from"
    line that some templates keep in the story's container; a cited address stays.

    `authors` (the byline's names, from the page's metadata) removes a short biography of
    one of them at the very end ("Brigit Katz is a freelance writer based in Toronto."),
    which sites print in the story's container and annotators leave out with the byline.

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
        if _SPAM.search(paragraph):  # Joomla's notice where it hid an e-mail address
            paragraph = " ".join(_EMAIL_CLOAK.sub(" ", paragraph).split())
        if paragraph:
            paras.append(paragraph)
    counts = [word_count(p) for p in paras]
    total_words = sum(counts) or 1
    keep = [True] * len(paras)
    own = {_url_key(url) for url in urls if url} - {""}
    if own:
        for i, paragraph in enumerate(paras):
            if " " not in paragraph and _url_key(paragraph) in own:
                keep[i] = False

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
        if i > 0 and counts[i] <= 40 and (
            _comments_heading(paragraph, titles)
            or (
                counts[i] <= 6
                and words_after[i + 1] <= max(_COMMENTS_TAIL_WORDS, total_words // 3)
                and total_words - words_after[i] >= 2 * words_after[i + 1]
                and _COMMENT_SECTION.fullmatch(core_text(paragraph)) is not None
            )
        ):
            for j in range(i, len(paras)):  # reader comments follow, to the end
                keep[j] = False
            break
        if counts[i] <= 8 and is_related_heading(paragraph):
            notes_end = _reading_notes(paras, i)
            if notes_end is not None:
                for j in range(notes_end, len(paras)):
                    keep[j] = False  # the boilerplate lines after the notes
                break  # the heading and its notes end the text, and stay
            keep[i] = False
            # trailing block: a related heading in the last quarter takes everything after it
            strong = _STRONG_HEADING.search(paragraph) is not None
            tail = max(40, total_words // 4)
            if strong and i > 0 and (
                words_after[i + 1] <= tail or _words_not_boilerplate(paras, counts, i + 1) <= tail
            ):
                for j in range(i + 1, len(paras)):
                    keep[j] = False
                break
            # otherwise only the run of headline-like lines that follows it
            j = i + 1
            while j < len(paras) and (
                is_teaser(paras[j])
                or _is_listed_headline(paras[j], counts[j])
                or is_boilerplate(paras[j], counts[j])
            ):
                keep[j] = False
                j += 1
            i = j
            continue
        if is_boilerplate(paragraph, counts[i]) or _said_over(paragraph, counts[i]):
            keep[i] = False
        i += 1
    _drop_excerpt_list(paras, counts, keep)
    _drop_trailing_link_list(paras, counts, keep)
    _drop_trailing_series_list(paras, counts, keep)
    _drop_leading_headline_list(paras, counts, keep)
    _drop_press_release_boilerplate(paras, keep)
    _drop_contact_lines(paras, keep)
    _drop_footer_tail(paras, counts, keep)
    _drop_blog_greeting(paras, counts, keep)  # before the biography it follows
    _drop_author_box(paras, counts, keep)
    _drop_author_bio(paras, counts, keep, authors)
    _drop_author_byline(paras, keep, authors)
    _drop_box_leftovers(paras, keep, authors)
    _drop_video_cards(paras, counts, keep)
    _drop_poll_questions(paras, counts, keep)
    _drop_dangling_labels(paras, counts, keep)
    _drop_source_label(paras, counts, keep)
    _drop_cookie_notice(paras, counts, keep)
    _drop_source_list(paras, counts, keep)
    _drop_count_list(paras, counts, keep)
    _drop_repeated_runs(paras, counts, keep)
    return [p for p, k in zip(paras, keep, strict=True) if k]


def _words_not_boilerplate(paras: Sequence[str], counts: Sequence[int], start: int) -> int:
    """The words of the paragraphs from `start` on that are not boilerplate: a site's footer
    read with the story (its legal lines, a long "Registration on or use of this site
    constitutes acceptance of our User Agreement ..."), which goes by its own rules, does
    not make a related heading before it the middle of the text (cleveland.com's "Related
    Stories" under the bench's ``--scramble-classes --plain-tags``)."""
    return sum(
        counts[j] for j in range(start, len(paras)) if not is_boilerplate(paras[j], counts[j])
    )


#: a phrase said over in one line is this many words long at least, the line this long at
#: most
_SAID_OVER_WORDS = 4
_SAID_OVER_MAX_WORDS = 60
_LINE_WORD = re.compile(r"\w+")
#: a sentence's end anywhere in a line (`_SENTENCE_END` is one at the line's end)
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")


def _said_over(paragraph: str, words: int) -> bool:
    """Whether the paragraph is one phrase of four words or more said two times or more in
    a row, the last time perhaps cut short in its last word: a template's variants of one
    headline for each screen size, run into one line ("How Stores Manipulate Your Senses So
    You Spend More Money How Stores Manipulate ... How Stores Manipulate Your Senses So You
    Spend Mor", Kinja's inset card under the bench's ``--scramble-classes --plain-tags``).
    A table row's cells that open alike ("| Right-clicking on a page | Right-clicking on a
    link |") differ in a whole word, and stay; so does a sentence said over, which no
    headline is (a test page's filler)."""
    if not 2 * _SAID_OVER_WORDS <= words <= _SAID_OVER_MAX_WORDS or _SENTENCE_STOP.search(
        paragraph
    ):
        return False  # a headline ends no sentence; a page of filler repeats its sentences
    tokens = _LINE_WORD.findall(paragraph)
    total = len(tokens)
    for period in range(_SAID_OVER_WORDS, total // 2 + 1):
        if tokens[period] != tokens[0]:
            continue  # the phrase starts over here, if anywhere
        last = total - period - 1  # the last word may be cut short
        if tokens[:last] == tokens[period : period + last] and tokens[last].startswith(
            tokens[-1]
        ):
            return True
    return False


#: a headline's length repeated this many times in a row or more is a slideshow's title,
#: written once a slide (CNN's "Weather threatens holiday plans", fourteen times under a
#: gallery whose class names say nothing): a story says no such line three times over (a
#: page of filler text repeats its paragraphs of lorem ipsum; a list of links, "link")
_REPEATED_RUN = 3
_REPEATED_WORDS = (3, 15)


def _drop_repeated_runs(paras: list[str], counts: list[int], keep: list[bool]) -> None:
    """Drop each run of `_REPEATED_RUN` identical lines of a headline's length
    (`_REPEATED_WORDS`), the whole run."""
    start = 0
    while start < len(paras):
        end = start + 1
        while end < len(paras) and paras[end] == paras[start]:
            end += 1
        words = counts[start]
        if end - start >= _REPEATED_RUN and _REPEATED_WORDS[0] <= words <= _REPEATED_WORDS[1]:
            keep[start:end] = [False] * (end - start)
        start = end


#: a note of a reading list is a sentence of this many words at least
_NOTE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?。！？]$")


def _reading_notes(paras: list[str], at: int) -> int | None:
    """Where the list of notes ends when a related heading at `at` ("Further Reading") opens
    one that ends the text but for boilerplate lines after it (a tag row, "Filed under
    ..."), which go; else None. Each note is a sentence of its own that says what a linked
    work is ("The website hostleadership.com has ongoing information including a blog."),
    not a headline, which ends in no full stop."""
    end = len(paras)
    while end > at + 1 and is_boilerplate(paras[end - 1], word_count(paras[end - 1])):
        end -= 1
    items = paras[at + 1 : end]
    notes = len(items) >= 2 and all(
        item.lstrip().startswith(("- ", "• ", "* "))
        and word_count(item) >= _NOTE_WORDS
        and _SENTENCE_END.search(item.rstrip()) is not None
        for item in items
    )
    return end if notes else None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: a citation's date: "Oct. 13, 2019", "February 2014", "2018", "13 October 2019"
_CITED = (
    rf"(?:accessed |retrieved |published )?(?:{_MONTH} \d{{1,2}},? \d{{4}}"
    rf"|\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH},? \d{{4}}|\d{{4}})"
)
#: a line of a fact-check's list of sources: a publisher and a quoted title, a document
#: and when it was read, or an interview, each with its date
_CITATION = re.compile(
    rf"(?:e-?mail|phone|telephone|personal|in-person|video) interviews? with [^\n]{{3,200}},"
    rf" {_CITED}"
    rf"|[^\n\"“]{{2,120}}, [\"“][^\n\"”]{{3,250}}[\"”],? (?:[^\n\"“,]{{1,60}}, )?{_CITED}"
    rf"(?: [^\n\"“,.]{{1,30}})?"
    rf"|[^\n\"“]{{2,160}}, (?:accessed|retrieved) {_CITED}",
    re.IGNORECASE,
)
#: the heading of a list of sources
_SOURCES_HEADING = re.compile(
    r"(?:our )?sources?|references|bibliography|citations|works cited|about this statement"
    r"|quellen|fuentes|fontes",
    re.IGNORECASE,
)
#: a list of sources holds at least this many citations in a row
_MIN_CITATIONS = 3


def _cited(paragraph: str) -> bool:
    """Whether `paragraph` is a citation (`_CITATION`), tested cheaply first: a citation
    holds a comma and a quoted title or an interview or an access date."""
    if "," not in paragraph:
        return False
    lower = paragraph.lower()
    if not ('"' in paragraph or "“" in paragraph or "interview" in lower or "accessed" in lower
            or "retrieved" in lower):  # fmt: skip
        return False
    return _CITATION.fullmatch(core_text(paragraph)) is not None


def _drop_source_list(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop a fact-check's list of sources in the second half of the text: three or more
    citations in a row (`_CITATION`: 'CNN, "China exempts US soybeans from tariffs," Sept.
    13, 2019', "Email interview with Mary E. Lovely, Syracuse University economist, Nov. 5,
    2019") and the heading before them ("About this statement:", "Our Sources"). PolitiFact
    marks the box by its names; with names that say nothing, it was read as the story's
    end. A story's sentences are not a publisher's name, a title and a date."""
    total = sum(counts)
    words_before = 0
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and _cited(paras[j]):
            j += 1
        if j - i >= _MIN_CITATIONS and 2 * words_before >= total:
            for k in range(i, j):
                keep[k] = False
            # the heading: the nearest line before them still kept (a date line between
            # them went by its own rule)
            h = next((k for k in range(i - 1, -1, -1) if keep[k]), None)
            if h is not None and counts[h] <= 5 and _SOURCES_HEADING.fullmatch(core_text(paras[h])):
                keep[h] = False
        words_before += sum(counts[i : max(j, i + 1)])
        i = max(j, i + 1)


#: the heading of a cookie notice's settings ("Privacy Overview", CookieYes's for WordPress)
_COOKIE_HEADING = re.compile(
    r"privacy overview|(?:manage )?cookie (?:policy|settings|preferences|consent)"
    r"|privacy (?:&|and) cookies(?: policy)?|privacy preference center|manage consent"
    r"|cookie-einstellungen|datenschutz-einstellungen|paramètres des cookies"
    r"|gestion des cookies|configuración de cookies|preferenze dei cookie",
    re.IGNORECASE,
)
#: the notice's first sentence: "This website uses cookies to improve your experience ..."
_COOKIE_OPENING = re.compile(
    r"(?:this|our) (?:web)?site uses cookies\b|we(?: and our partners)? use cookies\b"
    r"|diese (?:web)?seite (?:verwendet|nutzt) cookies\b|wir (?:verwenden|nutzen) cookies\b"
    r"|ce site utilise des cookies\b|nous utilisons des cookies\b"
    r"|(?:este|nuestro) sitio (?:web )?utiliza cookies\b|utilizamos cookies\b",
    re.IGNORECASE,
)
#: what a cookie notice's heading or opening holds, tested before the expressions
_COOKIE_HINTS = ("ookie", "rivacy", "onsent", "atenschutz")
#: a switch's label in the notice's categories ("Necessary", "Always Enabled")
_COOKIE_LABEL_WORDS = 4


#: an entry of a blog's label cloud or archive: a name and its count of posts, "- Konzerte
#: (7)", "- A-Lin Huang Li Ling (31)", "► 2019 (12)"
_COUNTED_ENTRY = re.compile(r"(?:[-•*►▼▶]\s*)*[^()\n:;,.!?]{1,60}? \(\d{1,5}\)")
#: such entries in a row from this many on are the widget's list
_COUNTED_RUN = 5
#: the widget's heading above them ("Labels", "Blog Archive", "Übersicht Beiträge")
_WIDGET_HEADING_WORDS = 3


def _drop_count_list(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Five entries or more in a row that are a name and a count of posts are a blog's
    label or archive widget, read with the story when the sidebar's names say nothing
    (Blogger's "Labels" list of a thousand singers under the bench's ``--plain-tags``); they
    go with the short heading above them. A name holds no punctuation: a story's list of
    names and figures says more in its lines ("Scorers: Kane, Sterling (2)")."""
    kept = [i for i, k in enumerate(keep) if k]
    start = 0  # where the run of entries starts among the kept paragraphs
    for position, i in enumerate([*kept, None]):
        if i is not None and paras[i].endswith(")") and _COUNTED_ENTRY.fullmatch(paras[i]):
            continue
        run = kept[start:position]
        if len(run) >= _COUNTED_RUN:
            if start > 0 and counts[kept[start - 1]] <= _WIDGET_HEADING_WORDS:
                run.append(kept[start - 1])
            for j in run:
                keep[j] = False
        start = position + 1


def _drop_cookie_notice(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop a cookie notice read after the story: from its heading ("Privacy Overview") or
    its first sentence ("This website uses cookies to improve your experience ...") to the
    end, when every paragraph of that run speaks of cookies or is a switch's label
    ("Necessary", "Always Enabled"). A consent plugin writes its settings dialog into the
    page, and on a site whose names trafilatura does not know, it was read as the story's
    end; a story about cookies has no such opening, or a paragraph without the word."""
    for i in range(1, len(paras)):
        if not any(hint in paras[i] for hint in _COOKIE_HINTS):
            continue  # most paragraphs: no need to read them
        core = core_text(paras[i])
        heading = counts[i] <= 6 and _COOKIE_HEADING.fullmatch(core) is not None
        if not heading and _COOKIE_OPENING.match(core) is None:
            continue
        rest = range(i + 1 if heading else i, len(paras))
        if rest and all(
            "cookie" in paras[j].lower() or counts[j] <= _COOKIE_LABEL_WORDS for j in rest
        ) and any("cookie" in paras[j].lower() for j in rest):
            for j in range(i, len(paras)):
                keep[j] = False
            return


#: a video card's title is a headline of this many words (fewer: a name in a list of
#: results, "Lewis Hamilton" above "1:32:10")
_CARD_TITLE_WORDS = (4, 15)


def _drop_video_cards(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop the titles of video cards: a headline-like line followed by a running time.

    A player's playlist between a story's paragraphs ("Now Playing", "Ferry service resumes
    after the storm", "0:45", "Up Next", ...) loses its labels and times to the line rules
    (a time alone reads as a dateline), and its titles stay as if they were subheadings. A
    live blog writes its time first and its heading after it, so a heading after a time
    stays. A podcast card's title ("The Daily Briefing") goes before its episode and length
    ("Episode 42 · 23 min") whatever its length: no results list is written so.
    """
    for i in range(len(paras) - 1):
        if not keep[i] or counts[i] > _CARD_TITLE_WORDS[1] or not is_teaser(paras[i]):
            continue
        if (
            counts[i] >= _CARD_TITLE_WORDS[0] and is_running_time(paras[i + 1])
        ) or is_episode_length(paras[i + 1]):
            keep[i] = keep[i + 1] = False


#: a poll's question is a short question
_POLL_QUESTION_WORDS = 25


def _drop_poll_questions(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop a poll's question: a short question right after a poll's label ("Quick Poll",
    "What do you think about the new bridge?"). The label, its answers' buttons ("Yes No")
    and its count ("1,234 votes") go by the line rules; the question alone reads as a
    story's question, which a story also asks on a line of its own ("What happens next?"),
    so it goes only after the label."""
    for i in range(len(paras) - 1):
        if (
            is_poll_label(paras[i])
            and counts[i + 1] <= _POLL_QUESTION_WORDS
            and paras[i + 1].rstrip().endswith(("?", "？"))
        ):
            keep[i] = keep[i + 1] = False


#: a label that introduces what follows it ("Zutaten:", "Pros:", "Episode Description:")
_LABEL_MAX_WORDS = 5
_LABEL_END = (":", "：")


def _drop_dangling_labels(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop the labels that end the story: they introduce nothing.

    A list's heading whose list went with the related lists ("Empfehlungen von Tomislav:")
    or a gallery's label whose pictures are gone ("See more photos:") is left last by the
    steps before. Runs last, from the end, so a run of such labels goes whole. A label
    followed by another is kept: a recipe's "Ingredients:" above "For the dough:" is the
    story's own structure, though a template's field labels ("Episode Teaser Image:" above
    "Episode Description:", its field a picture) then stay too.
    """
    for i in range(len(paras) - 1, -1, -1):
        if not keep[i]:
            continue
        if counts[i] > _LABEL_MAX_WORDS or not paras[i].endswith(_LABEL_END):
            return
        keep[i] = False


#: a source's label is a name of this many words at most ("CNN", "The Associated Press")
_SOURCE_LABEL_MAX_WORDS = 3
#: ... and the next paragraph's dateline names it in parentheses this near its start
_DATELINE_CHARS = 80


def _drop_source_label(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop the first paragraph when it is a source's name that the dateline of the next one
    gives in parentheses: "CNN" above "WASHINGTON (CNN) — Not everyone ...", a wire story's
    label on a local station's page (Fox 13's), which the story names already."""
    kept = [i for i, k in enumerate(keep) if k]
    if len(kept) < 2 or counts[kept[0]] > _SOURCE_LABEL_MAX_WORDS:
        return
    if f"({paras[kept[0]]})" in paras[kept[1]][:_DATELINE_CHARS]:
        keep[kept[0]] = False


#: an entry of a related list that `is_teaser` reads as a sentence: dated ("08/01/2014 Castro
#: confía en ...", "2019-11-18 ..."), or a headline that quotes its speaker and so ends in a
#: quotation mark ("Miquel Roca: «La Infanta Cristina quiere que se haga justicia»")
_DATED_ENTRY = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\s+\S")
_QUOTING_HEADLINE = re.compile(
    r"^[A-ZÀ-ÝĀ-Ž][\w'’.-]*+(?: [A-ZÀ-ÝĀ-Ž][\w'’.-]*+){0,4}:\s*+[«“\"‘„][^.!?]{0,150}"
    r"[.!?]?[»”\"’“]$"
)


def _is_listed_headline(paragraph: str, words: int) -> bool:
    """A headline in a related list after its heading, of a form `is_teaser` does not know."""
    if words > 25:
        return False
    if _DATED_ENTRY.match(paragraph):
        return True
    return words <= 20 and _QUOTING_HEADLINE.match(paragraph) is not None


#: an excerpt that a list of other stories cut short: "... Active Noise Cancellat...", "...
#: for which ...", "[…]"; a writer's own trailing ellipsis ("Here's the thing …") has no
#: headline before it, which `_drop_excerpt_list` wants
_CUT_SHORT = re.compile(r"(?:\.{3}|…)$|\[\s*(?:…|\.{3})\s*\]$")
#: how an excerpt cut short ends, tested before `_CUT_SHORT`
_CUT_ENDS = ("...", "…", "]")
#: the shortest excerpt: a related list shows a sentence or two of each story
_EXCERPT_MIN_WORDS = 12


#: a headline cut short ends in the middle of a word: "... with improved Alexa suppor..."
_CUT_HEADLINE = re.compile(r"[^\W_](?:\.{3}|…)$")


def _is_excerpt_headline(paragraph: str) -> bool:
    """A related list's headline: headline-like, or cut short in the middle of a word; a
    line that trails off after a whole phrase ("Here's the thing …") is a writer's."""
    if _CUT_SHORT.search(paragraph):
        return _CUT_HEADLINE.search(paragraph) is not None
    return is_teaser(paragraph)


def _drop_excerpt_list(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Two or more headlines in a row, each followed by an excerpt cut short ("..."), are a
    list of other stories with their teasers, as WordPress themes print under a post and as
    a site's "more in this section" box does; without their markup's class names nothing
    else tells them from the story.

    A headline has four words or more and is a headline-like line (`is_teaser`) or one cut
    short in a word ("Cool 14″ and 15″ Lenovo Yoga C940 laptops with improved Alexa
    suppor..."); an excerpt runs to
    `_EXCERPT_MIN_WORDS` words or more. A single pair stays: a story may end a part with a
    subheading and a sentence that trails off."""
    kept = [i for i, k in enumerate(keep) if k]
    runs: list[list[int]] = [[]]  # runs of headline, excerpt, headline, excerpt, ...
    position = 0
    while position + 1 < len(kept):
        headline, excerpt = kept[position], kept[position + 1]
        if (
            4 <= counts[headline] <= 20
            and _is_excerpt_headline(paras[headline])
            and counts[excerpt] >= _EXCERPT_MIN_WORDS
            and _CUT_SHORT.search(paras[excerpt])
        ):
            runs[-1].extend((headline, excerpt))
            position += 2
        else:
            runs.append([])
            position += 1
    for run in runs:
        if len(run) >= 4:  # two pairs or more
            for i in run:
                keep[i] = False
    _drop_excerpt_run(paras, counts, keep)


#: excerpts cut short in a row without their headlines are a teaser list from this many on
_EXCERPT_RUN = 3


def _drop_excerpt_run(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Three excerpts cut short in a row or more are a list of other stories whose headlines
    went (a city council group's slider of its latest news above the story, read in div
    mode; a blog's "more posts" with "[…]"), as long as they are less than half of the
    text: a page of teasers alone is left as it is."""
    kept = [i for i, k in enumerate(keep) if k]
    total = sum(counts[i] for i in kept)
    run: list[int] = []
    for i in [*kept, None]:
        if (
            i is not None
            and counts[i] >= _EXCERPT_MIN_WORDS
            and paras[i].endswith(_CUT_ENDS)  # before the pattern, which tries every position
            and _CUT_SHORT.search(paras[i])
        ):
            run.append(i)
            continue
        if len(run) >= _EXCERPT_RUN and 2 * sum(counts[j] for j in run) < total:
            for j in run:
                keep[j] = False
        run = []


#: "Best Picture: Parasite", "Saturday: Arsenal v Chelsea": a label and a short value, as in
#: the lists of winners, fixtures and specifications that end a story
_LABELLED_ITEM = re.compile(r"^[-•*]\s+[^:]{1,40}:\s*(?:\S++\s*){1,3}$")


def _drop_trailing_link_list(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """A list of two or more Title Case headlines at the very end of the text (at most one
    short line after it) is a related-links list whose heading was lost, not the story.

    A headline has four words or more; a list the story introduces (the paragraph before it
    ends with a colon) or whose items are mostly a label and a short value ("Best Picture:
    Parasite") is the story's own list of titles, winners or fixtures and stays."""
    kept = [i for i, k in enumerate(keep) if k]
    end = len(kept)
    if end and counts[kept[-1]] <= 12 and not paras[kept[-1]].startswith(("- ", "• ")):
        end -= 1  # "Originally published on ..." may follow the list
    start = end
    while start > 0:
        i = kept[start - 1]
        if not (
            paras[i].startswith(("- ", "• ", "* "))
            and 4 <= counts[i] <= 15
            and is_teaser(paras[i])
            and is_title_case(paras[i])
        ):
            break
        start -= 1
    if end - start < 2 or start == 0:
        return
    if paras[kept[start - 1]].rstrip().endswith((":", "：")):
        return
    items = kept[start:end]
    if 2 * sum(_LABELLED_ITEM.match(paras[i]) is not None for i in items) > len(items):
        return
    for i in items:
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


#: a table's row as the text writes it: its cells between bars
_TABLE_ROW = re.compile(r"\|[^|\n]*\|[^|\n]*\|")


def _drop_leading_headline_list(
    paras: Sequence[str], counts: Sequence[int], keep: list[bool]
) -> None:
    """Three or more Title Case headlines before the story's first sentence are a block of
    links to other stories (a topic box placed above the text), not the story. A table's
    row ("| 1 | Kyle Busch | 5040 | 5 |", as the text writes one) is no headline: a page of
    standings opens with its table once its introduction was left in a block of its own."""
    kept = [i for i, k in enumerate(keep) if k]
    run = 0
    while run < len(kept):
        i = kept[run]
        if counts[i] > 20 or not is_teaser(paras[i]) or not is_title_case(paras[i]):
            break
        if _TABLE_ROW.match(paras[i]):
            break
        run += 1
    if run >= 3 and run < len(kept):
        for i in kept[:run]:
            keep[i] = False


#: the "About <company>" section that ends a press release, with or without its heading:
#: "<Name> is a global provider of ...", then where it is based, whom it employs, where its
#: shares are listed
_ABOUT_HEADING = re.compile(r"^about (?:[A-Z0-9][\w.&'’-]*+\s?){1,5}:?$", re.IGNORECASE)
_COMPANY_INTRO = re.compile(
    r"^(?:[A-Z0-9][\w.&'’-]*\s){1,4}(?:\([A-Z.:\s]+\)\s)?is (?:a|an|the|one of the)\s"
)
_COMPANY_FACT = re.compile(
    r"headquartered|head office|\bemploys\b|\bemployees\b|\blisted on\b|stock exchange|"
    r"subsidiaries|\bnasdaq\b|\bnyse\b|\bfounded in\b|\bpresence in \d+|offices in \d+|"
    r"\b\d+ countries\b",
    re.IGNORECASE,
)


#: how a press release describes its issuer, and a reporter's background paragraph does not:
#: superlatives of reach and a pointer to the company's site
_PR_MARKER = re.compile(
    r"\b(?:leading|global|world'?s|worldwide|premier|pioneer|innovator)\b"
    r"|for more information|www\.|https?://",
    re.IGNORECASE,
)


#: a press release's company description holds at most this many paragraphs ...
_PR_BLOCK = 3
#: ... and the pitch of the company's news service after it this many, each this short
_PR_PITCH = 2
_PR_PITCH_WORDS = 30


def _drop_press_release_boilerplate(paras: Sequence[str], keep: list[bool]) -> None:
    """The company description at the end of a press release: at most three paragraphs, the
    first introducing the company ("Ascom is a global solutions provider ..."), with at least
    two company facts between them (headquarters, staff, listing, countries), under an
    "About ..." heading or in a press release's words (`_PR_MARKER`), and after it at most
    two short lines that name the company (its news service's pitch: "Ascom corporate news
    at your fingertips."). A reporter's closing background paragraph ("WeWork is a provider
    of shared office space headquartered in New York; it employs 12,500 people ...") states
    the same facts plainly and stays."""
    kept = [i for i, k in enumerate(keep) if k]
    for pitch in range(_PR_PITCH + 1):
        end = len(kept) - pitch
        for size in range(1, _PR_BLOCK + 1):
            if size >= end:
                break
            block = kept[end - size : end]
            first = paras[block[0]]
            heading = _ABOUT_HEADING.match(first) is not None
            intro = paras[block[1]] if heading and size > 1 else first
            if not _COMPANY_INTRO.match(intro):
                continue
            facts = sum(len(_COMPANY_FACT.findall(paras[i])) for i in block)
            marked = heading or any(_PR_MARKER.search(paras[i]) for i in block)
            if facts < 2 or not marked or not _pitch(paras, kept[end:], intro.split()[0]):
                continue
            for i in block + kept[end:]:
                keep[i] = False
            heading_before = kept[end - size - 1]
            if _ABOUT_HEADING.match(paras[heading_before]) and end > size + 1:
                keep[heading_before] = False
            return


def _pitch(paras: Sequence[str], lines: list[int], company: str) -> bool:
    """Whether `lines` are short lines that name the `company` (its news service's pitch)."""
    return all(
        company in paras[i] and len(paras[i].split()) <= _PR_PITCH_WORDS for i in lines
    )


#: the heading of an author box: "About the author", "Über den Autor", or "About"/"Über"/"À
#: propos de" and a name of two to four capitalised words
_AUTHOR_HEADING = re.compile(
    r"(?i:about the authors?|about the writer|über (?:den autor|die autorin)|"
    r"à propos de l['’]auteur|sobre (?:el|o) autor|sobre a autora|l['’]autore|об авторе)"
    rf"|(?i:about|über|à propos de|sobre) (?P<name>{NAME}(?: {NAME}){{1,3}})"
)
#: an author box holds a sentence or three about the writer, never a section of the story
_AUTHOR_BIO_MAX_WORDS = 120
#: ... in two paragraphs at most, and after them at most three lines of an address or a
#: contact of this many words each
_AUTHOR_BOX_MAX_PARAGRAPHS = 5
_CONTACT_LINE_WORDS = 6


def _drop_author_box(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """An author box at the very end: its heading and at most two short paragraphs, which
    name the author when the heading does ("Über Moritz Bachmann" / "Als Inbound Sales
    Manager bildet Moritz Bachmann ..."), and the lines of an address or a contact after them
    ("comwrap GmbH" / "Fleischmarkt 1" / "A-1010 Wien"); or its heading alone, left last when
    another rule took the biography ("... Follow her on Twitter @handle")."""
    kept = [i for i, k in enumerate(keep) if k]
    if len(kept) > 1 and _AUTHOR_HEADING.fullmatch(core_text(paras[kept[-1]])):
        keep[kept[-1]] = False  # its biography was dropped by a rule of its own
        return
    for size in range(1, _AUTHOR_BOX_MAX_PARAGRAPHS + 1):
        if size + 1 >= len(kept):
            return
        heading, block = kept[-size - 1], kept[-size:]
        if any(counts[i] > _CONTACT_LINE_WORDS for i in block[2:]):
            return  # a box's third paragraph on is an address's line or a contact's
        match = _AUTHOR_HEADING.fullmatch(core_text(paras[heading]))
        if match is None or sum(counts[i] for i in block) > _AUTHOR_BIO_MAX_WORDS:
            continue
        name = match.group("name")
        if name and name not in paras[block[0]]:
            continue
        for i in (heading, *block):
            keep[i] = False
        return


#: a line of a contact's details, a label and a number or an address: "Phone: 316-831-6143",
#: "E-Mail: stats@example.com", "Tel.: 08322 978 520"
_CONTACT_FIELD = re.compile(
    r"(?i:e-?mail|phone|telephone|tel|fax|mobile|cell|telefon|téléphone|teléfono)\.?\s*:?\s*"
    r"(?:[+(]?\d[\d\s().\-/]{4,}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)
#: ... and the label above such lines: "Station Contact Info:", "Contact us", "Kontakt"
_CONTACT_HEADING = re.compile(
    r"(?:[\w.&'’-]+\s+){0,3}(?i:contact(?: info(?:rmation)?| details| us)?|kontakt|contacto)"
)


def _drop_contact_lines(paras: Sequence[str], keep: list[bool]) -> None:
    """A contact's details at the very end: two lines or more that are each a label and a
    number or an address ("Phone: 316-831-6143" / "Fax: 316-831-6187"), and the label above
    them ("Station Contact Info:"). A footer's, read with the story when its names say
    nothing; a story's sentence that gives a number ("Call 316-831-6143 for tickets.") is no
    such line."""
    kept = [i for i, k in enumerate(keep) if k]
    run = 0
    while run < len(kept) - 1 and _CONTACT_FIELD.fullmatch(core_text(paras[kept[-run - 1]])):
        run += 1
    if run < 2:
        return
    start = len(kept) - run
    if start > 1 and _CONTACT_HEADING.fullmatch(core_text(paras[kept[start - 1]])):
        start -= 1
    for i in kept[start:]:
        keep[i] = False


#: a blogger's greeting, which opens a sidebar's "About me" box: "Hi there! I'm Regan.",
#: "Thank you for stopping by!", "Welcome to my blog"
_BLOG_GREETING = re.compile(
    r"(?:hi|hey|hello)(?: there| friends| everyone| all)?[!,.]*\s+(?:i'm|i’m|i am|my name is)\b"
    r"|(?:thanks?|thank you) (?:so much )?for (?:stopping by|visiting|dropping by)"
    r"|welcome to (?:my|our) (?:blog|site|little)",
    re.IGNORECASE,
)
#: an "About me" box says this many words at most
_ABOUT_BOX_MAX_WORDS = 100


#: the lines after a footer's legal line that are the rest of the footer: this many at most,
#: of this many words in all and each
_FOOTER_TAIL_LINES = 3
_FOOTER_TAIL_WORDS = 40
_FOOTER_LINE_WORDS = 15


def _drop_footer_tail(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """Drop the few short lines that follow the text's last legal line (`legal.is_legal_line`:
    a copyright, ownership or terms line, dropped already), when kept lines come before it.

    A site marked up with divs alone brings its footer in with the story's container; the
    legal line goes by its own rule, but a line of the footer after it, or a modal's notice
    after the footer ("The Biz premium subscriber content has moved to Billboard.com/
    business.", after "Billboard is a subsidiary of Prometheus Global Media, LLC.", under
    the bench's ``--scramble-classes --plain-tags``), matched none. A story does not go on
    past the site's legal line; at most `_FOOTER_TAIL_LINES` lines of `_FOOTER_TAIL_WORDS`
    words are taken, none longer than `_FOOTER_LINE_WORDS`, so that a legal line quoted
    inside a story, or the footer of a template that puts the story's last paragraph after
    it (CNBC's under the bench's ``--scramble-classes --story-rest``), leaves the rest."""
    lines = words = 0
    for i in range(len(paras) - 1, 0, -1):
        if keep[i]:
            lines += 1
            words += counts[i]
            if (
                lines > _FOOTER_TAIL_LINES
                or words > _FOOTER_TAIL_WORDS
                or counts[i] > _FOOTER_LINE_WORDS
            ):
                return
            continue
        if not lines:
            continue
        core = core_text(paras[i])
        if is_legal_line(core, word_count(core), core.lower()) and any(keep[:i]):
            for j in range(i + 1, len(paras)):
                keep[j] = False
            return


def _drop_blog_greeting(paras: Sequence[str], counts: Sequence[int], keep: list[bool]) -> None:
    """A blogger's "About me" box at the end of the text: one of the last three paragraphs
    opens with a greeting (`_BLOG_GREETING`), and it and what follows it hold at most
    `_ABOUT_BOX_MAX_WORDS` words. A sidebar's box whose names trafilatura does not know
    (the bench's ``--scramble-classes --plain-tags`` on a blog) is read after the story; a
    story does not greet its reader at its end."""
    kept = [i for i, k in enumerate(keep) if k]
    start = None  # the earliest greeting: "Hi there! I'm Regan." before "Thank you for ..."
    for position in range(len(kept) - 1, max(len(kept) - 4, 0), -1):
        if sum(counts[i] for i in kept[position:]) > _ABOUT_BOX_MAX_WORDS:
            break
        if _BLOG_GREETING.match(paras[kept[position]]):
            start = position
    for i in kept[start:] if start is not None else ():
        keep[i] = False


#: a biography is short, and what may follow it is a contact line ("Follow her on ...")
_BIO_MAX_WORDS = 80
_AFTER_BIO_MAX_WORDS = 30


#: a writer's role said without an article: "is senior editor at", "ist Head of Social",
#: "ist freie Journalistin", "est journaliste", "es periodista"
_BIO_ROLE = (
    rf"(?:{ROLE_RANKS}|chief )?"
    rf"(?:(?:{ROLES}|head|director|founder|co-founder"
    r"|periodista|redactor|corresponsal|columnista|fundador)\b"
    # German and French words are stems: "Redakteurin", "Chefredakteur", "rédactrice"
    r"|redakteur|journalist|autor|korrespondent|chef|leiter|gründer"
    r"|rédact|correspondant|chroniqueu|fondat)"
)
#: what follows the author's name in a biography: up to three more words, then "is a", "was the"
#: or their like in German, French and Spanish, or a writer's role (`_BIO_ROLE`)
_BIO_AFTER_NAME = re.compile(
    r"(?:\s+[\w.'’-]+){0,3}?\s+(?:(?:(?:is|was)\s+(?:a|an|the|one of)"
    # the same in German, French and Spanish: "ist seit 2018 Direktor", "est une journaliste"
    r"|(?:ist|war)\s+(?:ein|eine|der|die|seit)|(?:est|était)\s+(?:un|une|le|la|depuis)"
    r"|(?:es|fue)\s+(?:un|una|el|la|desde))\s"
    rf"|(?:is|was|ist|war|est|était|es|fue)\s+(?i:{_BIO_ROLE}))"
)


def _opens_bio(paragraph: str, names: set[str]) -> bool:
    """True when `paragraph` opens with one of `names` followed by "is a"/"was the"...

    One fixed pattern tried after each name the paragraph starts with: a pattern built from
    the page's names took about 1 ms a page to compile, a fifth of all cleaning's time.
    """
    return any(
        paragraph.startswith(name) and _BIO_AFTER_NAME.match(paragraph, len(name))
        for name in names
    )


def _byline_names(authors: Sequence[str]) -> set[str]:
    """The byline's names as a line may give them: whole, the first name or the last."""
    return {
        name
        for author in authors
        for name in (author, *author.split()[:1], *author.split()[-1:])
        if len(name) >= 3 and name[:1].isupper()
    }


def _drop_author_bio(
    paras: Sequence[str], counts: Sequence[int], keep: list[bool], authors: Sequence[str]
) -> None:
    """A paragraph of at most 80 words among the last two that opens with an author's name
    (whole, first or last) and says who the author is ("... is a freelance writer", "... was
    the paper's Moscow correspondent"), or that is a writer's biography by its own words
    (`_is_writer_bio`), with at most a short line after it."""
    names = _byline_names(authors)
    kept = [i for i, k in enumerate(keep) if k]
    for position in range(len(kept) - 1, max(len(kept) - 3, 0), -1):
        i = kept[position]
        after = sum(counts[j] for j in kept[position + 1 :])
        if counts[i] > _BIO_MAX_WORDS or after > _AFTER_BIO_MAX_WORDS:
            continue
        if (names and _opens_bio(paras[i], names)) or _is_writer_bio(paras[i]):
            keep[i] = False
            return


#: a byline of one name: "By Elba", "Par Elba" (whose name alone says nothing: "By Tuesday")
_ONE_NAME_BYLINE = re.compile(rf"{BY}\s*:?\s+(\S+)")
#: a byline stands among the text's first paragraphs
_BYLINE_PARAGRAPHS = 3


def _drop_author_byline(paras: Sequence[str], keep: list[bool], authors: Sequence[str]) -> None:
    """Drop a byline of one name among the first paragraphs when the name is the page's
    author's (whole, first or last): a blog's pseudonym ("Par Elba" in Mediapart's list of
    the post's date, author and blog), which `bylines.BYLINE` does not take alone, since
    one capitalised word after "By" is a day or a place as often."""
    names = {name.casefold() for name in _byline_names(authors)}
    if not names:
        return
    kept = [i for i, k in enumerate(keep) if k][:_BYLINE_PARAGRAPHS]
    for i in kept:
        match = _ONE_NAME_BYLINE.fullmatch(core_text(paras[i]))
        if match is not None and match.group(1).casefold() in names:
            keep[i] = False


#: the heading of a blogger's or an author's box: "About me", "About the author"
_ABOUT_BOX_HEADING = re.compile(
    r"about (?:me|us|the authors?|the writer)|über (?:mich|uns)|à propos de moi|sobre mí"
    r"|sobre mim",
    re.IGNORECASE,
)


def _drop_box_leftovers(paras: Sequence[str], keep: list[bool], authors: Sequence[str]) -> None:
    """Drop what the boxes after the story leave last once the steps before took their
    sentences: a box's heading ("About me") and the author's name alone, the post's
    signature or the box's name line (a blog's "Regan", then its sidebar's "About me" over
    a biography and a greeting, which went: the bench's ``--scramble-classes --plain-tags``
    on a blog). Runs from the end, over such lines only; the byline's names are the
    page's metadata's, whole or the first name alone."""
    names = {name.casefold() for name in _byline_names(authors)}
    for i in range(len(paras) - 1, -1, -1):
        if not keep[i]:
            continue
        core = core_text(paras[i])
        if core.casefold() not in names and _ABOUT_BOX_HEADING.fullmatch(core) is None:
            return
        keep[i] = False


#: a biography of a writer the page's metadata does not name: a name, "is a" and a newsroom
#: role ("Maria Gonzalez is a senior correspondent covering health policy ...")
_WRITER_BIO = re.compile(
    rf"{NAME}(?: {NAME}){{1,3}} (?:is|was) (?:a|an|the) (?:[\w'’-]+ ){{0,4}}?"
    r"(?:reporter|writer|correspondent|journalist|editor|columnist|contributor|freelancer"
    r"|producer|photographer|photojournalist|blogger|intern)s?\b"
)
#: what only a biography says besides the role: the beat, the base, the career, the handle
_BIO_CUE = re.compile(
    r"\b(?:covers|covering|writes (?:about|on|for)|has written|based in|previously|joined"
    r"|before joining|his work|her work|their work|follow (?:him|her|them)|reach (?:him|her"
    r"|them))\b|@\w",
    re.IGNORECASE,
)


def _is_writer_bio(paragraph: str) -> bool:
    """A writer's biography by its words alone: `_WRITER_BIO` at its start and a `_BIO_CUE`
    ("covering", "based in", "@handle"); a story's closing fact about a reporter it tells of
    ("Jane Doe is a reporter for the Times.") says none of those."""
    return _WRITER_BIO.match(paragraph) is not None and _BIO_CUE.search(paragraph) is not None


def clean_text(
    text: str, *, title: str | Sequence[str] | None = None, description: str | None = None
) -> str:
    """Clean an extracted text (one paragraph per line or per blank-line-separated block);
    returns paragraphs separated by a blank line."""
    paragraphs = clean_paragraphs(split_paragraphs(text), title=title, description=description)
    return "\n\n".join(paragraphs)
