"""The legal lines of a site's footer, judged a paragraph at a time.

A page's footer holds the site's copyright and rights line, its ban on reproducing what it
publishes, the terms a reader accepts by using it, the company's registration, the company
that owns the site and the site's policy on complaints. Extractors leave the footer out by its
markup (``<footer>``, a class named "footer"); on a site marked up with ``<div>`` alone and
class names nobody knows, the footer comes in with the story's container, and these lines
are the part of it that the other line rules do not know.

Each rule is a whole paragraph of up to 45 words (`workers.pipeline.boilerplate` never asks
about longer ones) that speaks as the site or of the site, never a story's sentence that
merely reports such a notice: a story about copyright quotes it ("The photos may not be
reproduced without permission, the court said") or says whose it is, and `notices.REPORTED` or the
missing site voice keeps it.
"""

from __future__ import annotations

import re

from workers.pipeline.notices import REPORTED

__all__ = ["is_legal_line", "opens_with_copyright"]

#: cheap substring tests before the regular expressions (most paragraphs have none of them)
_HINTS = (
    "reserv", "réserv", "reservad", "riserv", "vorbehalten", "защищены", "dilindungi",
    "voorbehouden", "förbehållna", "zastrzeżone", "vyhrazena", "saklıdır", "rezervate",
    "fenntartva", "pidätetään", "bản quyền", "الحقوق", "सर्वाधिकार",
    "reproduc", "republish", "redistribut", "nachdruck", "vervielfält", "weiterverbreit",
    "interdite", "prohibida", "proibida", "vietata", "acceptance", "agree to", "you accept",
    "signifies", "registered", "company", "hrb", "handelsregister", "sitz der",
    "registergericht", "complaint", "personalis", "personaliz", "版权", "版權", "無断", "무단",
    "subsidiary", "division of",
)  # fmt: skip

#: "All rights reserved" as a sentence of its own or after the owner's name, in the languages
#: of the corpus and the others the cleaning knows (Dutch to Hindi); "All Right Reserved" as
#: some themes misspell it; "Tous droits réservés", "Alle Rechte vorbehalten", "版权所有".
#: Inside a sentence ("the studio keeps all rights reserved in the contract") it is a
#: story's words.
_RIGHTS = re.compile(
    r"(?:^|[.!?,;:|–—-]\s*|©\s*|\d{4}\s*|\b(?i:ltd|inc|llc|plc|gmbh|ag|sa|co)\.?\s+)"
    r"(?:all rights? (?:are )?reserved|alle rechte vorbehalten|tous droits (?:de reproduction )?"
    r"réservés|todos los derechos reservados|todos os direitos reservados"
    r"|tutti i diritti riservati|все права защищены|hak cipta dilindungi(?: undang-undang)?"
    r"|alle rechten voorbehouden|alla rättigheter förbehållna|wszelkie prawa zastrzeżone"
    r"|všechna práva vyhrazena|tüm hakları saklıdır|toate drepturile rezervate"
    r"|minden jog fenntartva|kaikki oikeudet pidätetään|جميع الحقوق محفوظة|सर्वाधिकार सुरक्षित"
    # "Bản quyền thuộc về VnExpress": the owner, and nothing after it
    r"|bản quyền thuộc về(?: [^\s.!?]+){1,6}$)\b"
    r"|版权所有|版權所有|無断転載を禁じます|무단 ?전재",
    re.IGNORECASE,
)

#: the ban on reproduction: "The material on this site may not be reproduced, distributed,
#: transmitted, cached or otherwise used, except with the prior written permission of
#: Cleveland.com", "Reproduction of news articles ... without express written permission of
#: moneycontrol.com is prohibited", "Nachdruck nur mit Genehmigung"
_NO_REPRODUCTION = re.compile(
    r"\b(?:may|must|shall|can)(?: not|not)(?: be)? (?:\w+ )?(?:reproduced|republished|copied"
    r"|redistributed|distributed|published|rewritten|transmitted|reprinted)\b"
    r"[^\n]{0,200}?\b(?:without|except with|unless|other than with)\b[^\n]{0,80}?"
    r"\b(?:permission|consent|authori[sz]ation)\b"
    # "no part may be reproduced without the written permission" (phys.org's footer line)
    r"|\bno part(?: of [^\n]{1,60}?)? (?:may|must|shall|can) be (?:reproduced|republished"
    r"|copied|redistributed|distributed|transmitted|reprinted)\b[^\n]{0,80}?"
    r"\b(?:without|except with)\b[^\n]{0,80}?\b(?:permission|consent|authori[sz]ation)\b"
    r"|\b(?:reproduction|republication|redistribution|reprinting|copying)\b[^\n]{0,200}?"
    r"\b(?:is|are) (?:strictly |expressly )?(?:prohibited|forbidden|not permitted)\b"
    r"|\breproduction (?:interdite|prohibida|proibida|vietata)\b",
    re.IGNORECASE,
)
#: the German footer's reprint line needs no owner: "Nachdruck nur mit Genehmigung des Verlags"
_NO_REPRINT = re.compile(
    r"^(?:[^.!?]{0,60}[.!?|]\s*)?(?:nachdruck|vervielfältigung|weiterverbreitung)\b"
    r"[^\n]{0,80}?\b(?:nur mit|ohne)\b[^\n]{0,60}?\b(?:genehmigung|zustimmung|erlaubnis)\b",
    re.IGNORECASE,
)
#: whose material it is: the site's own ("this site", "our content") or a domain's
_OWN_MATERIAL = re.compile(
    r"\b(?:this|our) (?:site|website|web site|page|service|publication|newspaper|magazine"
    r"|content|material|articles?|document)\b|\bon this (?:site|website)\b"
    r"|\b[\w-]+\.(?:com|net|org|co\.uk|uk|de|fr|es|it|in|com\.au|au|ca|ie|nz|za|br|pt)\b"
    r"|©",
    re.IGNORECASE,
)

#: "Registration on or use of this site constitutes acceptance of our User Agreement", "By
#: using this site, you agree to our Terms of Use and Privacy Policy"
_TERMS = re.compile(
    r"\bby (?:signing up|subscribing|registering|creating an account|clicking[^.!?\n]{1,30}?)"
    r",? you (?:agree|consent) to (?:our|the) [^.!?\n]{0,40}?\b(?:terms|privacy)\b"
    r"|\b(?:use of|using|registration on|access to|accessing) (?:or use of )?"
    r"(?:this|our) (?:site|website|web site|service|app)\b[^\n]{0,60}?"
    r"\b(?:constitutes acceptance of|you agree to|you accept|signifies (?:your )?(?:agreement"
    r"|acceptance))\b[^\n]{0,40}?\b(?:terms|user agreement|conditions|privacy policy"
    r"|policies)\b",
    re.IGNORECASE,
)

#: a company's form, which a registration line names
_COMPANY = re.compile(r"\b(?:limited|ltd|plc|llp|gmbh|ag|inc|llc|registered)\b", re.IGNORECASE)
#: a company's registration in a footer: "News Group Newspapers Limited in England No.
#: 679215 Registered office: 1 London Bridge Street", "Registered in England and Wales,
#: company number 123456" (or two companies' "numbers 04252091 & 04252093"), "Sitz der
#: Gesellschaft: ... Handelsregister: HRB 1234"
_REGISTRATION = re.compile(
    r"\bregistered office\s*:|\bregistered (?:in|at) (?:england|scotland|wales|ireland"
    r"|northern ireland)\b[^\n]{0,60}?\b(?:no\.?|numbers?)\s*:?\s*\d"
    r"|\b(?:in )?(?:england|scotland|wales) (?:and wales )?no\.?\s*\d{5,}"
    r"|\bcompany (?:registration )?(?:no\.?|numbers?)\s*:?\s*\d{5,}"
    r"|\b(?:sitz der gesellschaft|registergericht|handelsregister)\s*:|\bhrb\s*\d{3,}",
    re.IGNORECASE,
)

#: the site's complaints and corrections policy: "Our journalists strive for accuracy but on
#: occasion we make mistakes. For further details of our complaints policy ...", "If you
#: have a complaint about the editorial content, please ..."
_COMPLAINTS = re.compile(
    r"\bour (?:complaints?|corrections?|editorial complaints) (?:policy|procedure|process)\b"
    r"|\b(?:to make|wish to make|want to make) a complaint about (?:our|this) "
    r"(?:content|coverage|journalism|articles?|stories|reporting)\b",
    re.IGNORECASE,
)

#: a consent notice that is not about cookies: "This feature allows The Sun to personalise
#: your experience ... You can find out more about personalisation in our privacy policy"
_PERSONALISATION = re.compile(
    r"\bpersonali[sz]e (?:your|the) (?:experience|content|visit)\b[^\n]{0,200}"
    r"\b(?:privacy (?:policy|notice|statement)|consent|opt out|settings)\b",
    re.IGNORECASE,
)

#: who owns the site, a company's name at its end: "The Hollywood Reporter, LLC is a
#: subsidiary of Prometheus Global Media, LLC", "Billboard is a subsidiary of ..." (a
#: story says so of a company inside a sentence, not as a paragraph of its own that ends
#: with the owner's form)
_OWNER = re.compile(
    r"^[^.!?\n]{1,80}? is (?:a|an) (?:(?:wholly[- ]owned|indirect|direct) )?"
    r"(?:subsidiary|division) of [^.!?\n]{1,80}?,? (?:llc|inc|ltd|limited|plc|gmbh|corp"
    r"|corporation)\.?$",
    re.IGNORECASE,
)

_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


#: a footer's paragraph that opens with its copyright sign may run to this many words ...
_COPYRIGHT_WORDS = 150
#: ... others to this many
_LINE_WORDS = 45
_COPYRIGHT_START = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def opens_with_copyright(text: str) -> bool:
    """Whether `text` opens with the copyright sign or the word (a footer's paragraph)."""
    return _COPYRIGHT_START.match(text.lstrip()) is not None


def is_legal_line(core: str, words: int, lower: str) -> bool:
    """Whether `core` (a paragraph without bullets and trailing punctuation, `words` long,
    `lower` its lower case) is one of the legal lines of a site's footer: of up to 45 words,
    or 150 when it opens with the copyright sign (The Sun's "©News Group Newspapers Limited
    in England No. 679215 Registered office: ... Standard Terms and Conditions ...", 60 or
    100 words as its template shows it)."""
    limit = _COPYRIGHT_WORDS if opens_with_copyright(core) else _LINE_WORDS
    if words > limit or not any(hint in lower for hint in _HINTS):
        return False
    if REPORTED.search(core):
        return False
    if _RIGHTS.search(core) or _TERMS.search(core) or _NO_REPRINT.search(core):
        return True
    if _REGISTRATION.search(core) and _COMPANY.search(core):
        return True
    if _NO_REPRODUCTION.search(core) and _OWN_MATERIAL.search(core):
        return True
    if _COMPLAINTS.search(core) or _OWNER.search(core):
        return True
    return _PERSONALISATION.search(core) is not None and _FIRST_PERSON.search(core) is not None
