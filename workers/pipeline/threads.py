"""Reader-comment sections found by their names, and threads by what they say and hold.

trafilatura removes a comment thread only when its class or id *starts* with "comment", so
"sf_comment_list" or "story-comments" come in with the story whenever its container is not
found by name (no ``<article>``, a ``<div class="box-nota">``); `remove_comment_sections`
removes blocks named for comments anywhere in their names. A template whose names say nothing
("c-box", or names scrambled by a build tool) passes both, and the thread comes in with the
story: its readers' names, "says:", dates and "Reply" links as lines of it, and the comment
form's labels ("Save my name, email, and website in this browser for the next time I
comment.") after them.

So on a page with a comment form (a ``<textarea>``), a thread is removed before the
extractor runs when it shows itself: a heading that names a comment section ("3 thoughts on
“<title>”", "12 Comments", "Leave a Reply", "Kommentare", "Laisser un commentaire"), and
after it what only comments have: the form, "Reply" links, entries that open "<name> says:",
the form's notices ("Your email address will not be published."), or two times such as
"March 3, 2019 at 5:12 pm" or "2 hours ago" ("Hace 28 minutos", "vor 2 Stunden"). The form's
heading may be a verb ("Comentar", "Kommentieren"), and its words may stand beside links
within the page ("Kommentare <a href="#reply-title">Schreibe einen Kommentar</a>"). The
heading goes with everything after it in its parent, after climbing out of the wrappers it opens
(`_section_start`). A story's own subheading "Comments" is followed by sentences, none of
those, and stays; so does a link that names the thread ("Leave a comment" in the byline
line, above the story), and anything that would take the page's headline with it, or half
of its paragraphs unless a story's worth of prose lies between the headline and the
heading (a thread longer than the story follows it; a heading above the story does not).
The comment form goes too, wherever it is, unless it holds the story (ASP.NET pages wrap
the whole page in one ``<form>``).

A thread without a form is found by its entries' links to themselves ("#comment-3516", the
date line of WordPress's and Disqus's entries; SPIP's "#forum226836"): a list of two or more
entries that hold one goes, with the heading before it, however long
(`_remove_permalinked_entries`). An entry's own list of its details, whose items all link to
that one comment, is no such list: the entry around it is the thread's.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from workers.pipeline.boilerplate import CJK_CHAR
from workers.pipeline.prepare import class_and_id
from workers.pipeline.related import in_page

__all__ = ["remove_comment_sections", "remove_comment_threads"]

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: elements that sites use as a section's heading when they do not use a heading element
_LABELS = ("p", "div", "span", "strong", "b", "header", "legend", "label")
#: a heading's length at most: a count and a quoted title of a long headline
_HEADING_CHARS = 240
#: a run of text this long is a sentence or more: prose (`_prose_chars`)
_PROSE_RUN = 40
#: elements whose text is no prose on the page
_NO_PROSE = frozenset(("script", "style", "noscript", "template", "textarea", "option", "title"))

_NUMBER = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|un|une|uno|una|um)"
_QUOTED = r"(?:[“\"«„‘'‚»].*[”\"»“’'‘«])"
#: headings that name a comment section (whole-text matches, case folded)
_HEADING = re.compile(
    r"(?:"
    # "3 thoughts on “Title”", "One Response to “Title”", "12 Comments", "Comments (12)"
    rf"{_NUMBER} (?:thoughts?|responses?|comments?|replies|reply|reactions?|kommentare?|"
    r"gedanken|antworten|commentaires?|réflexions?|réponses?|comentarios?|respuestas?|commenti|"
    r"risposte|pensieri|comentários|respostas?|reacties|reactie|komentarze?|komentáře)"
    rf"(?: (?:on|to|zu|sur|à|en|a|em|auf|für|su|op|do|k) {_QUOTED})?"
    r"|(?:reader |user |visitor |readers' |readers’ )?(?:comments?|responses|discussion|kommentare|"
    r"leserkommentare|commentaires|comentarios|commenti|comentários|reacties|komentarze|"
    r"komentáře)(?: ?[(\[]\d+[)\]]|: ?\d+)?"
    # the comment form's heading: WordPress's "Leave a Reply" in its translations
    r"|(?:leave|post|add|write|submit|share) (?:a|your) (?:reply|comment|response)"
    r"(?: to \S.{0,80})?(?: cancel reply)?"
    r"|(?:join|start) the (?:discussion|conversation)|have your say|what do you think\?"
    # the form's heading as a verb: "Comentar", "Kommentieren", "Commenter", "Commenta"
    r"|comentar|comente|kommentieren|commenter|commenta|commentare|reageren|skomentuj"
    r"|schreibe einen kommentar|hinterlasse einen kommentar|kommentar (?:schreiben|verfassen)"
    r"|(?:laisser|laissez|écrire) un commentaire|deja (?:un comentario|una respuesta)"
    r"|dejar un comentario|lascia un commento|deixe (?:um comentário|uma resposta)"
    r"|geef een reactie|laat een reactie achter|dodaj komentarz|napsat komentář"
    r")[.:!]?",
    re.IGNORECASE,
)
#: a reader's entry: "Mark T. says:", "jenny_r sagt:", "Paul dit :"
_SAYS = re.compile(
    r"^\s*\S[^\n.!?]{0,60}?\s(?:says|said|wrote|sagt|schreibt|dit|écrit|dice|escribió|diz)\s?:",
    re.IGNORECASE,
)
#: a comment's time: "March 3, 2019 at 5:12 pm", "3. März 2019 um 17:12", "2 hours ago",
#: "27 Sep 2011 | 15:22"
_STAMP = re.compile(
    r"\b(?:at|um|à|a las|alle|às) \d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?\b"
    r"|\b(?:\d+|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago\b"
    # a date's year, then the time: "27 Sep 2011 | 15:22", "8. April 2019 @ 11:38"
    r"|\b(?:19|20)\d{2},?\s*[|@-]?\s*\d{1,2}:\d{2}\b"
    # the same in the corpus's other languages: "Hace 28 minutos", "vor 2 Stunden", "il y a
    # 3 heures", "há 2 horas", "2 ore fa", "3 uur geleden"
    r"|\bhace (?:\d+|una?) (?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)\b"
    r"|\bvor (?:\d+|einer?|einem) (?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?"
    r"|jahr(?:en)?)\b"
    r"|\bil y a (?:\d+|une?) (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b"
    r"|\bhá (?:\d+|uma?) (?:segundos?|minutos?|horas?|dias?|semanas?|mês|meses|anos?)\b"
    r"|\b\d+ (?:secondi|minuti|ore|giorni|settimane|mesi|anni) fa\b"
    r"|\b\d+ (?:seconden|minuten|uur|dagen|weken|maanden|jaar) geleden\b",
    re.IGNORECASE,
)
#: the link that answers one comment
_REPLY = re.compile(
    r"\s*(?:reply|antworten|répondre|responder|rispondi|beantwoorden|odpowiedz)\s*",
    re.IGNORECASE,
)
#: the notices of a comment form
_FORM_NOTICE = re.compile(
    r"your email address will not be published|required fields are marked"
    r"|you must be logged in to post a comment|comments are closed"
    r"|ihre e-mail-adresse wird nicht veröffentlicht|deine e-mail-adresse wird nicht veröffentlicht"
    r"|votre adresse (?:e-mail|de messagerie) ne sera pas publiée"
    r"|tu dirección de correo electrónico no será publicada"
    r"|il tuo indirizzo email non sarà pubblicato|o seu endereço de email não será publicado",
    re.IGNORECASE,
)


def remove_comment_threads(tree: HtmlElement) -> None:
    """Remove the comment threads and comment forms of the page (see the module docstring).

    Every short block of the page is read for a label only on a page with a text box: a
    thread is shown with its form on nearly every page that shows one, and that search
    reads every short block of the page (about 0.5 ms a page), while looking for a text box
    is one walk of the tree in C. On a page without one (comments closed, or sign-in
    required) the heading elements alone are read, a few a page: a thread under its
    ``<h3>Comment</h3>`` whose entries show their times ("2 hours ago") goes too.
    """
    _remove_permalinked_entries(tree)
    boxes = list(tree.iter("textarea"))
    candidates = tree.iter(*_HEADINGS, *_LABELS) if boxes else tree.iter(*_HEADINGS)
    headings = [h for h in candidates if _is_heading(h)]
    if not headings and not boxes:
        return
    forms = [form for box in boxes if (form := next(box.iterancestors("form"), None)) is not None]
    total = _prose_chars(tree)
    for heading in headings:
        if not in_page(heading):
            continue  # went with an earlier thread
        section = _section(_section_start(heading, total))
        if _marks_story(section) or not _is_thread(section):
            continue
        if _holds_story(section, total) and _prose_after_headline(tree, section[0]) < _STORY_CHARS:
            continue  # half of the page's prose, and no story before it: it may be the story
        for element in section:
            element.drop_tree()
    for form in forms:  # found first: a label of a form ("Comment") may take its text box
        if in_page(form) and not _holds_story([form], total):
            form.drop_tree()


#: the links to single comments that a thread's entries hold ("#comment-3516": WordPress's
#: date line, Disqus's; "#forum226836", "#comment81474": SPIP's)
_PERMALINK = re.compile(r"#(?:comment|forum)-?\d+$")
#: a thread has at least this many entries with a permalink each
_MIN_ENTRIES = 2


def _remove_permalinked_entries(tree: HtmlElement) -> None:
    """Remove each list whose entries (``<li>``, or ``<article>`` in newer themes, the item
    around it when it sits right inside one) hold a
    link to a single comment ("#comment-3516"), with the heading before it that names the
    thread: a thread whose form is closed, on a template whose names say nothing (an old
    post's "6 Responses to “It turns out”" on jsomers.net, under the bench's
    ``--scramble-classes``: F1 0.998 -> 0.428). No story is a list of such entries, so a
    thread longer than the story goes too; one that holds the page's headline or its
    marked story stays."""
    found: list[tuple[str, HtmlElement]] = []  # (the comment linked to, its entry)
    # each link's address tested for a substring before the pattern: cheaper in all than an
    # XPath over the page that selects the same links (0.21 against 0.28 ms a page)
    for link in tree.iter("a"):
        href = link.get("href")
        if not href or ("#comment" not in href and "#forum" not in href):
            continue
        match = _PERMALINK.search(href)
        if match is None:
            continue
        entry = _entry(link)
        if entry is not None and entry.tag == "article" and entry.xpath(".//h1|.//h2"):
            continue  # a post's card with its latest comment's link: a comment has no headline
        if entry is not None and entry.getparent() is not None:
            found.append((match.group(), entry))
    linked: dict[HtmlElement, set[str]] = {}  # each list's comments
    for permalink, entry in found:
        linked.setdefault(entry.getparent(), set()).add(permalink)
    lists: dict[HtmlElement, set[HtmlElement]] = {}
    for _, entry in found:
        if len(linked[entry.getparent()]) < _MIN_ENTRIES:
            # a comment's own list of its details (its "Reply" link, name and permalinked
            # time, a SciLogs blog's), whose items link to that comment alone: the
            # comment's entry is the item around the list
            outer = _entry(entry)
            entry = outer if outer is not None else entry
        if entry.getparent() is not None:
            lists.setdefault(entry.getparent(), set()).add(entry)
    for thread, entries in lists.items():
        if len(entries) < _MIN_ENTRIES or thread.tag in ("body", "html"):
            continue
        if not in_page(thread) or _marks_story([thread]):
            continue  # went with an outer list (replies nest in their comment's entry)
        heading = thread.getprevious()
        while heading is not None and not isinstance(heading.tag, str):
            heading = heading.getprevious()
        if heading is not None and _is_heading(heading):
            heading.drop_tree()
        thread.drop_tree()


def _entry(element: HtmlElement) -> HtmlElement | None:
    """The list entry around `element`: the nearest ``<li>`` or ``<article>``, the item
    around an article that sits right inside one."""
    entry = next(element.iterancestors("li", "article"), None)
    if entry is not None and entry.tag == "article" and _in_item(entry):
        entry = entry.getparent()  # <li><article>: the list's entry is the item
    return entry


def _in_item(element: HtmlElement) -> bool:
    """Whether `element` sits right inside a ``<li>`` (a theme that writes each comment as
    ``<li><article>``, its replies in a list beside the article)."""
    parent = element.getparent()
    return parent is not None and parent.tag == "li"


def _is_heading(element: HtmlElement) -> bool:
    """Whether `element` is a heading or a label that names a comment section, and not a
    link to one: the "Leave a comment" or "3 Comments" link of a post's byline line leads
    to the thread from above the story, and all of the story follows it."""
    if element.tag in _LABELS:
        if any(isinstance(child.tag, str) and child.tag not in ("a", "span") for child in element):
            return False  # a label is text, perhaps in a span; a box holds more
    text = element.text_content()
    if len(text) > 2 * _HEADING_CHARS:  # most paragraphs: no need to collapse their spaces
        return False
    text = " ".join(text.split())
    if not 0 < len(text) <= _HEADING_CHARS:
        return False
    if _HEADING.fullmatch(text) is None:
        return _names_thread_beside_link(element)
    linked = "".join(" ".join(link.text_content().split()) for link in element.iter("a"))
    return len(linked) < len(text) / 2


#: the heading's words outside its links
_UNLINKED_TEXT = etree.XPath(".//text()[not(ancestor::a)]")


def _names_thread_beside_link(element: HtmlElement) -> bool:
    """Whether the words of `element` outside its links name a comment section and its
    links lead within the page (to the form): "Kommentare <a href="#reply-title">Schreibe
    einen Kommentar</a>" (a SciLogs blog's), "<span>Visitor comments</span> <a
    href="#thanks_for_comment">Add your comment</a>" (Accountancy Age's)."""
    links = list(element.iter("a"))
    if not links or not all((link.get("href") or "").startswith("#") for link in links):
        return False
    unlinked = " ".join(" ".join(str(t) for t in _UNLINKED_TEXT(element)).split())
    return bool(unlinked) and _HEADING.fullmatch(unlinked) is not None


def _section_start(heading: HtmlElement, total: int) -> HtmlElement:
    """The heading, or the outermost wrapper that it opens: a ``<div>`` whose first element
    is the heading, with no text before it, climbing while the wrapper is not the story."""
    start = heading
    parent = start.getparent()
    while (
        parent is not None
        and parent.tag not in ("body", "html", "article", "main")
        and start.getprevious() is None
        and not (parent.text or "").strip()
        and not _holds_story([parent], total)
    ):
        start, parent = parent, parent.getparent()
    return start


def _section(start: HtmlElement) -> list[HtmlElement]:
    """`start` and the elements after it in its parent, up to the first that holds prose
    and nothing of a thread: the story going on (a template that puts its thread between
    two parts of the story), or what follows the thread. An entry of the thread holds its
    "Reply" link or its time."""
    section = [start]
    for sibling in start.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _prose_chars(sibling) >= _PROSE_RUN and not _is_thread([sibling], stamps=1):
            break
        section.append(sibling)
    return section


def _is_thread(section: list[HtmlElement], stamps: int = 2) -> bool:
    """Whether `section` holds what only a comment thread or its form holds: a text box, a
    "Reply" link, an entry opening "<name> says:", a form's notice, or `stamps` comment
    times (one could be a story's "at 7:30 pm")."""
    needed, stamps = stamps, 0
    for element in section:
        if element.tag == "textarea" or element.find(".//textarea") is not None:
            return True
        for link in element.iter("a"):
            if _REPLY.fullmatch(link.text_content()):
                return True
        for part in element.iter():
            if not isinstance(part.tag, str):
                continue
            for text in (part.text, part.tail):
                if not text:
                    continue
                if _SAYS.match(text) or _FORM_NOTICE.search(text):
                    return True
                stamps += len(_STAMP.findall(text))
    return stamps >= needed


#: the prose between the headline and a thread that follows the story: a story's worth
_STORY_CHARS = 1500


def _prose_after_headline(tree: HtmlElement, start: HtmlElement) -> int:
    """The characters of prose (`_prose_run`) between the last ``<h1>`` before `start` and
    `start`, in the page's order; 0 without an ``<h1>`` before it. A thread that holds half
    of the page's prose may still follow the story: a post read by many whose comments run
    to five times its length (a SciLogs blog's, under the bench's ``--scramble-classes
    --plain-tags``), with the story between the headline and the thread's heading."""
    ancestors = set(start.iterancestors())
    chars, seen = 0, False
    for node in tree.iter():
        if node is start:
            return chars if seen else 0
        if node.tag == "h1":
            chars, seen = 0, True
            continue
        if not seen:
            continue
        if isinstance(node.tag, str) and node.tag not in _NO_PROSE:
            chars += _prose_run(node.text)
        if node not in ancestors:  # an ancestor's tail comes after `start`
            chars += _prose_run(node.tail)
    return 0


def _marks_story(elements: list[HtmlElement]) -> bool:
    """Whether `elements` hold the page's headline or its marked story."""
    return any(
        element.tag == "h1"
        or element.find(".//h1") is not None
        or element.xpath(".//*[@itemprop='articleBody']")
        for element in elements
    )


def _holds_story(elements: list[HtmlElement], total: int) -> bool:
    """Whether `elements` hold the page's headline, its marked story, or half of its prose:
    the story's container, never a thread, its wrapper or a comment form. (So a thread
    longer than its story stays, as it did before this module: a heading above the story
    that names comments, and all that follows it, look the same.)"""
    if _marks_story(elements):
        return True
    return 2 * sum(_prose_chars(element) for element in elements) > total


def _prose_chars(element: HtmlElement) -> int:
    """The characters of the sentence-long runs of text in `element`, in ``<p>`` or not: a
    story written as text and ``<br>`` in a ``<div>`` has its prose there, not in ``<p>``,
    and a thread's short entries would outweigh it if only ``<p>`` counted. A Chinese or
    Japanese character counts `_CJK_WEIGHT` times: it says as much as a short word, and a
    paywalled Japanese story's one paragraph was outweighed by an English thread below it."""
    chars = 0
    for node in element.iter():
        if node is not element:
            chars += _prose_run(node.tail)
        if not isinstance(node.tag, str) or node.tag in _NO_PROSE:
            continue
        chars += _prose_run(node.text)
    return chars


#: a Chinese or Japanese character counts as this many characters of prose
_CJK_WEIGHT = 3


def _prose_run(text: str | None) -> int:
    """The weighted characters of `text` when it is a sentence-long run, else 0."""
    if not text or len(text) * _CJK_WEIGHT < _PROSE_RUN:
        return 0
    chars = len(text.strip())
    if not text.isascii():
        chars += (_CJK_WEIGHT - 1) * len(CJK_CHAR.findall(text))
    # a run as long as a sentence counts whatever its spaces (as it did before the weight)
    return chars if len(text) >= _PROSE_RUN or chars >= _PROSE_RUN else 0


#: a class or id word that names reader comments: "comments", "sf_comment_list" -> "comment",
#: "postComments", "recentcomments", "most_commented"; not "commentary"/"commentator", which
#: name opinion columns and their writers. In Spanish "comentarios" (El Mundo's
#: "comentarios_lectores"; names are matched in ASCII, so Portuguese "comentários" is not),
#: in German the plural "Kommentare" ("Kommentar" alone is also an opinion column)
_COMMENT_WORD = re.compile(
    r"[a-z]*comment(?:s|ed|ing)?[a-z]*|comentarios?|kommentare", re.IGNORECASE
)
_NOT_COMMENTS = re.compile(r"comment(?:ar|at)", re.IGNORECASE)
#: a name that states whether a story takes comments: "has-comments", "comments-open",
#: "commentsEnabled", "no-comments" (the story's own container often carries it)
_COMMENT_FLAG = re.compile(
    r"(?:has|with|allow|enable|disable|no|show)[-_]?comments?|"
    r"comments?[-_]?(?:enabled|disabled|open|closed|on|off|allowed)",
    re.IGNORECASE,
)
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_COMMENT_SECTIONS = ("div", "section", "ol", "ul", "aside", "footer", "form")


def _may_name_comments(element: HtmlElement) -> bool:
    """A substring test first: the regexes of `_names_comments` cost 1 ms a page when run
    over every block."""
    names = class_and_id(element)
    return "omment" in names or "OMMENT" in names or "oment" in names


def _names_comments(element: HtmlElement) -> bool:
    names = class_and_id(element)
    if _COMMENT_FLAG.search(names):
        return False
    return any(
        _COMMENT_WORD.fullmatch(word) and not _NOT_COMMENTS.search(word)
        for word in _NAME_WORDS.findall(names)
    )


def remove_comment_sections(tree: HtmlElement) -> None:
    """Delete reader-comment sections that trafilatura's comment rules do not name.

    trafilatura drops an element as comments only when its class or id *starts* with
    "comment" (or is "article-comments", "disqus_thread", ...); "sf_comment_list",
    "story-comments", "postComments", "echo_container_pb_comments" or El Mundo's
    "comentarios_lectores" pass, and when the page's story container is not found by name,
    the comments come in with the story. Here a block whose class or id holds a word naming
    comments goes, unless the name only states whether comments are on ("has-comments",
    "comments-open"), or the block holds the page's headline (``<h1>``), its
    ``articleBody``, or half of the text of its paragraphs: those are the story's container
    with a flag about its comments, not the thread.
    """
    found = [
        element
        for element in tree.iter(_COMMENT_SECTIONS)
        if _may_name_comments(element)
        and _names_comments(element)
        and element.find(".//h1") is None
        and not element.xpath(".//*[@itemprop='articleBody']")
    ]
    if not found:
        return
    total = _paragraph_chars(tree)
    for element in found:
        if element.getparent() is None or any(a in found for a in element.iterancestors()):
            continue
        if 2 * _paragraph_chars(element) > total:
            continue
        element.drop_tree()


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))
