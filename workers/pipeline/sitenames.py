"""The site's own name in titles and bylines: where it is, and what is left without it.

Shares show the site on their own, so a title keeps only the headline and a byline only the
people who wrote the story. Titles read from ``<title>`` usually carry the site's name, after
the headline ("... | CNN Politics", "... | Kanzlei Viehbacher" on viehbacher.com, "...-新华网")
or before it ("Internet-Law » ..."); bylines close with the newsroom ("..., and Tom Watkins,
CNN"), a writer's role ("TOM KRISHER, AP Auto Writer") or degrees ("Ilana Muhlstein, MS,
RDN"), and CMSs fill them with logins ("admin"). The site's name is what it declares
(og:site_name and the like) or what its host says. A headline or a name that merely contains
the site's name ("... - Washington Post responds", "Martina Berg" on her own blog) stays.

Pure functions of strings; `workers.pipeline.metadata` calls them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

__all__ = [
    "author_name",
    "host_of",
    "is_person_or_agency",
    "is_publisher",
    "names_in_byline",
    "names_the_site",
    "site_in_title",
    "site_labels",
    "title_without_site",
]

_TITLE_SEPARATORS = (" | ", " -- ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ")
#: what is left of a separator around a part once the title is cut at it
_SEPARATOR_CHARS = " |-–—:·»/"

#: a Chinese site's name at the end of its titles ("短缺药品保供稳价-新华网"): a portal
#: ("网"), a paper or a channel, joined without spaces
_CJK_SITE_SUFFIX = re.compile(
    r"^(?P<head>.{4,}?)\s*[-_|｜—]\s*\S{1,8}(?:网|網|新闻|新聞|日报|日報|电视台|频道|頻道)$"
)
#: a suffix longer than this many words is part of the headline, not a site's name
_SUFFIX_MAX_WORDS = 6
_SQUASH = re.compile(r"[\W_]+")


#: host labels that are a country's second level, not a site's name ("bbc.co.uk")
_NOT_A_NAME = frozenset("co com org net gov edu ac ne or go gv nic".split())


def host_of(url: str) -> str:
    """The URL's host, lower-cased, without a trailing dot; '' when there is none."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def site_labels(url: str | None) -> list[str]:
    """The names a site goes by in its URL's host: "www.womencantalksports.com" -> the
    label "womencantalksports"; "scilogs.spektrum.de" -> "scilogs" and "spektrum"."""
    labels = host_of(url).split(".")[:-1] if url else []  # the top-level domain names no site
    return [
        label.replace("-", "")
        for label in labels
        if label not in ("www", "m", "amp") and label not in _NOT_A_NAME
    ]


def names_the_site(tail: str, site_name: str | None, labels: Sequence[str]) -> bool:
    """Whether a title's last part is the site's name: its declared name, that name with a
    section ("CNN Politics"), or the name in its host, capitalised as a name or written as
    a domain ("Kanzlei Viehbacher" on viehbacher.com, "Women Can Talk Sports" on
    womencantalksports.com, "DW | 10.06.2013" on dw.com, "iloveponysmag.com"). A part that
    reads as a phrase ("Washington Post responds") is the headline's."""
    words = tail.split()
    if not words or len(words) > _SUFFIX_MAX_WORDS:
        return False
    folded = tail.casefold()
    if site_name:
        site = site_name.casefold()
        if folded == site or folded.startswith(site + " "):
            return True
    squashed = _host_form(tail)
    if not squashed:
        return False
    named = all(not w[:1].isalpha() or w[:1].isupper() for w in words) or (
        len(words) == 1 and "." in tail
    )
    for label in labels:
        if squashed == label:
            return True
        if not named:
            continue
        if len(label) >= 4 and (squashed.startswith(label) or squashed.endswith(label)):
            return True
        # a short name ("DW", "PSL") only alone or before a date
        first = _SQUASH.sub("", words[0].casefold())
        if first == label and not any(c.isalpha() for c in "".join(words[1:])):
            return True
    return False


def title_without_site(title: str, site_name: str | None, labels: Sequence[str] = ()) -> str:
    """ "Headline | Site" -> "Headline" when "Site" names the page's own site (see
    `names_the_site`), and "Site | Headline" -> "Headline" when it is the declared name.

    Titles read from ``<title>`` usually carry the site's name, sometimes after a section or
    before a date ("Headline | DW | 10.06.2013"): the last three separators are tried, and
    the headline that remains must keep at least two words.
    """
    if site_name:
        site, folded = site_name.casefold(), title.casefold()
        for sep in _TITLE_SEPARATORS:
            # a declared name that has a separator of its own ("Martina Berg - Lady 50plus")
            if folded.endswith(sep + site) and len(title) > len(sep + site):
                return title[: -len(sep + site)].strip()
            head, _, rest = title.partition(sep)
            if rest and head.strip().casefold() == site:
                return rest.strip()
    cuts = sorted(
        (m.start() for sep in _TITLE_SEPARATORS for m in re.finditer(re.escape(sep), title)),
        reverse=True,
    )[:3]
    for cut in cuts:
        head = title[:cut].strip()
        tail = title[cut:].strip(_SEPARATOR_CHARS)
        if len(head.split()) >= 2 and names_the_site(tail, site_name, labels):
            return head
    if cuts:
        # the name before the headline: "Internet-Law » Verstößt der Ausschluss ..."
        first = min(cuts)
        head, rest = title[:first].strip(), title[first:].strip(_SEPARATOR_CHARS)
        if len(rest.split()) >= 2 and _SQUASH.sub("", head.casefold()) in labels:
            return rest  # only the bare name: "Tesla Model 3 - first drive" keeps its model
    match = _CJK_SITE_SUFFIX.match(title)
    if match:
        return match.group("head").strip()
    return title


def site_in_title(title: str, headline: str, labels: Sequence[str]) -> str | None:
    """The site's name as its ``<title>`` writes it, for a page that declares none: what
    `title_without_site` cut off after the headline, when it is the name in the host
    ("L’évaluation et les listes de revues - La Vie des idées" on laviedesidees.fr gives
    "La Vie des idées"). A section before the name ("Politics | CNN") is not the name."""
    if not title.startswith(headline):
        return None
    tail = title[len(headline) :].strip(_SEPARATOR_CHARS)
    if not tail or any(sep in tail for sep in _TITLE_SEPARATORS):
        return None
    squashed = _host_form(tail)
    return tail if squashed and squashed in labels else None


def _host_form(name: str) -> str:
    """A name as a host writes it: lower case, no accents, no spaces or punctuation ("La Vie
    des idées" -> "laviedesidees")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return _SQUASH.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


#: a name and, after a comma, a bar or a full stop, the writer's role or newsroom ("TOM
#: KRISHER, AP Auto Writer", "Troy L. Smith, Cleveland.com", "Amy Kuperinsky | NJ Advance
#: Media for NJ.com", "Finian Cunningham. Sputnik International")
_NAME_AND_ROLE = re.compile(
    r"^(?P<name>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3}?)\s*(?:,|\||\.\s)\s*(?P<role>.+)$"
)
_ROLE = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|contributor|columnist|staff|journalist|media|"
    r"news|international|press|for)\b|\.(?:com|net|org|co\.uk|de|fr|in|ca|au)\b",
    re.IGNORECASE,
)


def author_name(author: str) -> str:
    """The name alone, when the byline adds the writer's role or newsroom after it (the
    share says "By <name>", the site is shown on its own), and in capitals only where its
    words begin."""
    match = _NAME_AND_ROLE.match(author)
    if match and _ROLE.search(match.group("role")):
        author = match.group("name")
    if author.isupper() and " " in author:
        # a wire byline in capitals ("TOM KRISHER") reads as shouting in a post
        author = author.title()
    return author


#: a company's legal form: an author value that holds one names the publisher
_PUBLISHER = re.compile(r"\b(?:GmbH|Inc|Ltd|LLC|Corp|plc|SARL)\b")


def is_publisher(value: str) -> bool:
    """Whether an author value is the publishing company ("Süddeutsche.de GmbH, Munich,
    Germany"), whose commas must not split it into names."""
    return _PUBLISHER.search(value) is not None


#: degrees and licences that a byline puts after a name ("Ilana Muhlstein, MS, RDN"),
#: which splitting the byline at its commas turns into names of their own
_CREDENTIALS = frozenset(
    "md ms ma mph rd rdn rn phd dds do dvm mba jd llm cpa cfa cfp cpt cscs lcsw psyd bsn msc "
    "bsc facs faap esq jr sr".split()
)


def is_person_or_agency(author: str, site_name: str | None, among: int = 1) -> bool:
    """Whether a name from a byline (one of `among`) names who wrote the story. Not: the
    site closing a byline of people ("..., and Tom Watkins, CNN"; "Jill Disis, CNN
    Business" on CNN), the site's name as a login ("LinkNaija", "Al-Bawaba"), a degree split
    off a name ("MS", "RDN"), or a CMS login ("admin", "gto"); nor the site's name alone,
    which the share shows anyway. A blogger whose site carries her name ("Martina Berg" on
    "Martina Berg - Lady 50plus") is the author."""
    folded = author.casefold()
    squashed = _SQUASH.sub("", folded)
    if squashed in _CREDENTIALS:
        return False
    if " " not in author and (author.islower() or "admin" in folded):
        return False
    if site_name:
        site = site_name.casefold()
        same_letters = squashed == _SQUASH.sub("", site)
        if folded == site or (" " not in author and same_letters):
            return False
        if among > 1 and (
            same_letters
            or folded.startswith(site + " ")
            or site.startswith(folded + " ")
        ):
            return False
    return True


#: the labels a Chinese byline puts before its names ("记者：王小明"), and the titles a Korean
#: or Japanese one puts after them ("김민수 기자", "山田太郎記者")
_CJK_LABELS_BEFORE = ("责任编辑", "責任編輯", "记者", "記者", "编辑", "編輯", "作者", "撰文",
                      "来源", "來源", "文")  # fmt: skip
_CJK_TITLES_AFTER = ("기자", "특파원", "記者", "特派員", "编辑", "編輯")
#: what a byline in a page's markup says before the names ("By", "Posted by", "Autor:",
#: "Geschrieben von", "Par", "Por", "Door", "记者：")
_BYLINE_LABEL = re.compile(
    r"^(?:(?:(?:written|posted|submitted|reported|text|words|story)\s+by|by|geschrieben\s+von|"
    r"von|autor(?:in)?|author|verfasst\s+von|par|por|door|di|av|af|texte?|texto|"
    rf"redakteur(?:in)?)\b|(?:{'|'.join(_CJK_LABELS_BEFORE)})(?=[：:\s]))"
    r"[\s:：]*",
    re.IGNORECASE,
)
_BYLINE_TITLE_AFTER = re.compile(rf"\s*(?:{'|'.join(_CJK_TITLES_AFTER)})$")
#: where the names of a byline in markup end and its date begins: a figure, a month with a
#: figure after it or nothing after it ("November 20, 2019", "... Arnold November"), a date
#: label; a month name that is part of a name stays ("Theresa May")
_BYLINE_DATE = re.compile(
    r"\s(?:\d|(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|"
    r"juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre)\.?(?:\s+\d|\s*$)|(?:published|updated|posted|veröffentlicht|"
    r"aktualisiert|publié|publicado|actualizado)\b).*$",
    re.IGNORECASE,
)
#: words that make a byline in markup a label of the page's tools, not a name
_TOOL_WORDS = frozenset(
    "username password login logout sign submitted share shares teilen empfehlen artikel "
    "kommentar kommentare comment comments reply follow subscribe print email newsletter "
    "menu search home".split()
)
#: lower-case words inside a person's name ("Ludwig van Beethoven", "Ana de Armas")
_NAME_PARTICLES = frozenset(
    "de da das do dos du del della der den di la le van von zu ten ter bin al el y e".split()
)


def names_in_byline(byline: str) -> list[str]:
    """The people a byline that a page shows in its markup names, or [] when it reads as
    anything but names.

    Markup is a noisier source than metadata: the element named "author" may hold the
    byline's label and date ("By Carrie Arnold November 20, 2019"), a login form
    ("Username"), a share button ("Artikel empfehlen") or a dateline ("Berlin"). A name
    here has two to five words that each start with a capital (or are particles such as
    "van" or "de", or are written in a script without capitals), no digits and one word
    of three letters or more; an agency's acronym ("AFP") and a name of two to four
    letters in a script without capitals ("张伟") may stand alone. A byline in capitals
    before its agency ("JILL LAWLESS Associated Press") gives both.
    """
    text = _BYLINE_TITLE_AFTER.sub("", " ".join(byline.split()))
    while True:
        stripped = _BYLINE_LABEL.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    cut = (text[:1] + _BYLINE_DATE.sub("", text[1:])).strip(" ,;|-–—·/").split()
    while cut and cut[-1].islower():
        cut.pop()  # what joined the name to its date ("Max Muster am 3. März", "... on")
    words = cut if len(cut) >= 2 or len(text.split()) == 1 else text.split()
    text = " ".join(words)
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}", text):
        return [text]
    if len(words) == 1 and 2 <= len(text) <= 4 and all(_caseless_letter(c) for c in text):
        # a name in a script without capitals, written as one word ("张伟"), unless it is
        # a label alone ("作者", "记者"): the label pattern wants a name after it
        return [] if text in _CJK_LABELS_BEFORE or text in _CJK_TITLES_AFTER else [text]
    caps = 0
    while caps < len(words) and words[caps].isupper() and len(words[caps]) > 1:
        caps += 1
    if 2 <= caps < len(words):
        return names_in_byline(" ".join(words[:caps]).title()) + names_in_byline(
            " ".join(words[caps:])
        )
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return []
    if any(w.casefold().strip(".,:") in _TOOL_WORDS for w in words):
        return []
    if not any(len(w.strip(".")) >= 3 or _caseless_letter(w[:1]) for w in words):
        return []
    for word in words:
        first = word[:1]
        if not (first.isupper() or _caseless_letter(first) or word in _NAME_PARTICLES):
            return []
    return [text]


def _caseless_letter(char: str) -> bool:
    """A letter of a script without capitals (Chinese, Japanese, Korean, Arabic, Hebrew,
    Thai ...), where the capital that marks a name elsewhere cannot be asked for."""
    return char.isalpha() and not char.isupper() and not char.islower()
