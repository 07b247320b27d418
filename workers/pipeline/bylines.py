"""Who wrote a story and when: the names, agencies, bylines and date lines that sit beside a
story and are no part of it.

`workers.pipeline.boilerplate` judges a paragraph by these rules, with its credit and chrome
rules, which write agencies and relative times the same way: "By Jane Doe", "Robert Burns, AP
National Security Writer", "5:45 AM PST 11/19/2019 by Jane Doe", "Associated Press November
19, 2019, 9:02 AM", "14 hours ago". Each is a whole paragraph's rule; a story's sentence that
holds a name or a date keeps its verbs, which none of these allow.
"""

from __future__ import annotations

import re

__all__ = [
    "AGENCY",
    "BY",
    "BYLINE",
    "NAME",
    "RELATIVE_TIME",
    "ROLES",
    "ROLE_BYLINE",
    "ROLE_LINE",
    "ROLE_RANKS",
    "UPDATED",
    "YEAR",
    "is_dateline",
]

#: the agencies and picture libraries that sign a story or credit a photo (the credit rules
#: of `workers.pipeline.boilerplate` write them as this module's bylines do)
AGENCY = (
    r"(?:getty(?: images)?|reuters|ap|ap photo|afp|afp via getty images|epa|epa-efe|efe|"
    r"shutterstock|istock(?:photo)?|alamy|dpa|picture alliance|pa|pa wire|pa images|sipa|"
    r"xinhua|tass|ria novosti|anadolu|bloomberg|nasa|imago|keystone|ansa|dapd|ddp|"
    r"the associated press|associated press|wire services?|news agencies|agencies)"
)


#: a time told as how long ago it was: "14 hours ago", "vor 2 Stunden", "3 小时前"; a related
#: list's time label, or the time in a byline's row
RELATIVE_TIME = (
    r"\d++ ?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago"
    r"|vor \d++ (?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)"
    r"|il y a \d++ (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans)"
    r"|hace \d++ (?:segundos?|minutos?|horas?|días?|semanas?|meses|años?)"
    r"|há \d++ (?:segundos?|minutos?|horas?|dias?|semanas?|meses|anos?)"
    r"|\d++ (?:secondi|minuti|ore|giorni|settimane|mesi|anni) fa"
    r"|\d++ (?:секунд|минут|час|дн|недел|месяц|лет|год)\w* назад"
    r"|\d++\s*(?:秒|分钟|分鐘|小时|小時|天|周|个月|年)前|\d++\s*(?:秒|分|時間|日|週間|か月|年)前"
)
_RELATIVE_TIME_RE = re.compile(RELATIVE_TIME, re.IGNORECASE)
#: a word every relative time holds: a search for the pattern itself tries its alternatives
#: at every position of every line (a millisecond a page)
_RELATIVE_MARKS = ("ago", "vor ", "il y a", "hace ", "há ", " fa", "назад", "前")


def _has_relative_time(text: str) -> bool:
    lower = text.lower()
    return any(mark in lower for mark in _RELATIVE_MARKS) and (
        _RELATIVE_TIME_RE.search(text) is not None
    )


#: one capitalised word of a name, taken whole (possessive)
NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’-]*+"
#: the word a byline opens with: "By", "Von", "Par", "Por", "Oleh", "Автор"
BY = r"(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Oo]leh|[Аа]втор|[Тт]екст)"

#: "By Jane Doe", "By JOHN SMITH and Jane Roe, Associated Press", and the credits of the
#: people who wrote, edited or checked a story ("Medically reviewed by Hansa D. Bhargava, MD",
#: "Fact-checked by Jane Roe"): case-sensitive on purpose, a byline needs at least two
#: capitalised words ("By Tuesday, the company ..." is kept), or an agency ("By REUTERS").
#: `NAME` takes a whole word and the spaces around a joining word are taken whole too
#: (possessive matches): with the words between names optional, a name that could end
#: anywhere inside a word, or spaces that could go to either side of a missing "and", made a
#: capitalised byline that does not match ("By JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43")
#: take 18 s, and longer ones forever
BYLINE = re.compile(
    r"(?:(?:(?:[Mm]edically )?[Rr]eviewed|[Ww]ritten|[Ee]dited|[Ff]act[- ][Cc]hecked|[Rr]eported"
    r"|[Rr]esearched"
    r"|[Ss]tory|[Ww]ords|[Ii]nterview|[Cc]ompiled|[Pp]roduced) (?=by))?"
    rf"{BY}(?:\s*+:\s++|\s++)"
    rf"(?:{NAME}(?:\s*+(?:,|&|and|und|et|y|e)?\s*+{NAME})+|(?i:(?:the )?{AGENCY}))"
    r"(?:\s*[,|/–—-]\s*(?:[\w.&'’-]++\s*){0,3})?"
    # and the handle that follows the name: "By Michael Russell Follow @tdmrussell"
    r"(?:\s+(?:[Ff]ollow(?: (?:him|her|them))?(?: on [Tt]witter)?:?\s+)?@\w+)?"
)

#: the newsroom's roles in English, as a byline, an author box's line or a biography names
#: them (`ROLE_BYLINE`, `ROLE_LINE`, the cleaning pass's biographies)
ROLES = "writer|correspondent|reporter|editor|columnist"
#: what stands before such a role, in English and German: "Senior Editor", "freie Journalistin"
ROLE_RANKS = (
    "senior |staff |contributing |deputy |managing |executive |freie[rn]? |stellvertretende[rn]? "
    "|leitende[rn]? "
)
#: "Robert Burns, AP National Security Writer", "Tim Childers, Live Science Contributor": a
#: name and a newsroom role, as agencies and magazines sign a story
ROLE_BYLINE = re.compile(
    rf"{NAME}(?:\s+{NAME}){{1,3}},\s+(?:[\w.&'’-]+\s+){{0,5}}"
    rf"(?i:{ROLES}|contributor)s?"
)
#: a newsroom role without the name it belongs to, an author box's line left after the name
#: went as a byline: "Redakteur in der Wirtschaft.", "Korrespondentin für Wirtschaftspolitik
#: in Berlin", "Senior Editor at Wired", "Staff Writer"; a sentence about a role has a verb
#: ("Reporter in a war zone is a lonely job.")
ROLE_LINE = re.compile(
    rf"(?i:(?:{ROLE_RANKS})?(?:redakteur(?:in)?|korrespondent(?:in)?"
    rf"|ressortleiter(?:in)?|chefredakteur(?:in)?|{ROLES})"
    r"(?![^.!?\n]*\b(?:is|was|are|were|has|have|had|will|ist|war|wurde|wird|sind|hat|hatte)\b)"
    r"(?: (?:in|im|für|der|des|bei|at|for|with|of|on)\b[^.!?\n]{0,80})?)"
)
_MONTHS_AND_DAYS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|"
    "sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "januar|februar|märz|mai|juni|juli|oktober|dezember|montag|dienstag|mittwoch|donnerstag|"
    "freitag|samstag|sonntag|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|enero|febrero|marzo|"
    "abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|lunes|"
    "martes|miércoles|jueves|viernes|sábado|domingo|janeiro|fevereiro|março|maio|junho|julho|"
    "setembro|outubro|novembro|dezembro|segunda|terça|quarta|quinta|sexta|feira|gennaio|"
    "febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maret|"
    "juni|juli|agustus|oktober|desember|senin|selasa|rabu|kamis|jumat|sabtu|minggu|"
    "maart|mei|augustus|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
#: the labels of a date line in Korean, Japanese and Chinese ("기사입력 2013-10-24 03:00
#: 기사수정 ...", "公開日：2019年11月19日", "发布时间：2019-11-19"); their scripts have no spaces
#: between a label and its colon, so they are listed whole
_CJK_UPDATE_LABELS = "기사수정|최종수정|수정|업데이트|更新日時|更新日|更新时间|更新時間|更新"
_CJK_DATE_LABELS = (
    f"기사입력|입력|등록|승인|송고|{_CJK_UPDATE_LABELS}|公開日時|公開日|配信日時|配信|掲載日|"
    "投稿日|発布|发布时间|发布日期|发布于|發佈時間|發布時間|时间|日期|時間"
)
#: a date written with the characters for year, month, day, hour and minute ("2019年11月19日
#: 10時45分"), and a Japanese weekday in brackets ("(火)")
_CJK_DATE_PARTS = r"(?:\d{1,4}[年月日时時分秒])+|[月火水木金土日](?:曜日?)?"
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTHS_AND_DAYS}|am|pm|a\.m|p\.m|at|on|um|le|el|de|em|il|op|om|às|as|alle|в|г|"
    r"года|uhr|h|"
    r"utc|gmt|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|jst|kst|wat|eat|sast|"
    r"aest|aedt|msk|hkt|sgt|et|pt|ct|mt|updated|published|posted|modified|edited|first|last|aktualisiert|"
    r"veröffentlicht|mis à jour|publié|actualizado|publicado|atualizado|aggiornato|pubblicato|"
    r"diperbarui|опубликовано|обновлено|gepubliceerd|bijgewerkt|opublikowano|zaktualizowano|à|\d{1,2}h\d{2}|\d{1,2}:\d{2}(?:am|pm)|"
    rf"\d{{1,2}}(?:st|nd|rd|th)|{_CJK_DATE_LABELS}|{_CJK_DATE_PARTS})\b\.?",
    re.IGNORECASE,
)
#: "by Jane Doe", "By Matthew Digby , Minh Do and Jane Roe" (names may be listed with commas)
_BY_NAME = re.compile(
    rf"\b(?:by|By|BY|von|par|por)\s+{NAME}(?:(?:\s*+,\s*+|\s+)(?:{NAME}|and|&))*"
    # ... or a blog's user name, in lower case, that ends the line: "11.05.2012, 10:22 von
    # jovelstefan", "March 3, 2019 by admin"
    r"|\b(?:by|von|par|por)\s+[a-z0-9_.-]{2,30}$"
)
#: the agency that signs a story, before the date ("Associated Press November 19, 2019, 9:02
#: AM": a wire story's byline row on a sports site)
_AGENCY_FIRST = re.compile(rf"^(?i:{AGENCY})\b")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_YEAR_ALONE = re.compile(r"(?:19|20)\d{2}年?")
#: a second date that is the update time ("November 19, 2019 | Updated November 19, 2019")
UPDATED = re.compile(
    r"\b(?:updated|modified|aktualisiert|mis à jour|actualizado|atualizado|aggiornato|"
    rf"diperbarui|обновлено|{_CJK_UPDATE_LABELS})\b",
    re.IGNORECASE,
)
_HAS_DATE = re.compile(r"\b(?:19|20)\d{2}(?:\b|年)|\b\d{1,2}:\d{2}\b")


def is_dateline(core: str, words: int) -> bool:
    """A paragraph that is only a date/time, maybe with a byline ("5:45 AM PST 11/19/2019 by
    Jane Doe", "sexta-feira, 22 de outubro de 2010 às 20:13") or an agency before it."""
    updated = UPDATED.search(core) is not None  # two dates: published and updated
    if words > (28 if updated else 18):
        return False
    dated = _HAS_DATE.search(core) is not None
    relative = _has_relative_time(core)
    if not (dated or relative):
        return False
    if _YEAR_ALONE.fullmatch(core):
        return False  # a year alone heads a part of a timeline ("1991", then what happened)
    if len(YEAR.findall(core)) > 1 and not updated:
        return False  # two years: a date range ("29 November 2018 | 20 January 2019"), content
    if relative:
        core = _RELATIVE_TIME_RE.sub(" ", core)
    rest = _DATE_WORDS.sub(" ", _BY_NAME.sub(" ", _AGENCY_FIRST.sub(" ", core)))
    return not re.search(r"[^\W\d_]", rest)
