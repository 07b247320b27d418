"""Notices that publishing systems and sites print inside a story, judged a paragraph at a time.

`workers.pipeline.boilerplate` asks `is_notice` about every paragraph of up to 45 words (its
callers never pass longer ones): standard notices of publishing systems (agency licence
lines, comment-form and embed notices, paywall notices, market-data delays, the BBC's share
panel), the typo-report widget, the status messages of sign-up and contact forms, cookie
banners, a site's comment policy, its appeals for donations (and the payment details under
them) and its disclosure of affiliate links. The last four are told from a story about
cookies, comment moderation, a fundraiser or affiliate marketing by who speaks: the banner,
the policy, the appeal and the disclosure speak as the site ("we", "our", its domain) and
are not reported ("..., the company said"); a form's message is told from a story by being
nothing else: every sentence of the paragraph is one of the things such forms say.
"""

from __future__ import annotations

import re

__all__ = ["REPORTED", "is_comment_policy", "is_consent_dialog", "is_market_data", "is_notice"]

_COMMENT_HINTS = (
    "comment", "comentar", "comentár", "kommentar", "коммент", "تعليق", "لا تعبر", "لا تعكس",
)  # fmt: skip


#: a comment policy may run to this many words (a sports site's rules for what may be posted,
#: the right to remove comments and block the account, the right to close the section)
_COMMENT_POLICY_WORDS = 90


def is_comment_policy(core: str, words: int, lower: str) -> bool:
    """Whether `core` (`words` long, `lower` its lower case) is a site's rules for the comments
    under its stories (`_is_comment_policy`); notices are otherwise of up to 45 words."""
    return (
        words <= _COMMENT_POLICY_WORDS
        and any(k in lower for k in _COMMENT_HINTS)
        and _is_comment_policy(core)
    )


def is_market_data(core: str, words: int) -> bool:
    """Whether `core` (`words` long) is a market-data notice (`_MARKET_DATA`)."""
    return words <= _MARKET_DATA_WORDS and _MARKET_DATA.fullmatch(core) is not None


#: the sentences of the IAB consent dialog that consent platforms (Quantcast, Didomi,
#: Sourcepoint) show on many sites, as they open a paragraph: its text is the framework's
#: own, the same on every site, and no story's paragraph opens so
_CONSENT_DIALOG = re.compile(
    r"(?:with respect to advertising, we and (?:\d+ )?(?:selected|our)"
    r"|we and our (?:\d+ )?(?:partners|vendors) (?:store and/or access|process personal data"
    r"|use cookies|need your consent)"
    r"|with your permission,? we and our (?:\d+ )?partners"
    r"|you can freely give, deny,? or withdraw your consent"
    r"|use the [“\"']?accept all[”\"']? button"
    r"|you may click to consent to our and our (?:\d+ )?partners"
    r"|please note that some processing of your personal data may not require your consent"
    r"|your preferences will apply to"
    r"|you can change your preferences at any time)",
    re.IGNORECASE,
)
#: such a paragraph runs to this many words ("With respect to advertising, ..." to 60)
_CONSENT_DIALOG_WORDS = 90


def is_consent_dialog(core: str, words: int) -> bool:
    """Whether `core` (`words` long) opens with a sentence of the IAB consent dialog
    (`_CONSENT_DIALOG`): a consent platform's text pulled in with the story."""
    return words <= _CONSENT_DIALOG_WORDS and _CONSENT_DIALOG.match(core) is not None


def is_notice(core: str, words: int, lower: str) -> bool:
    """Whether `core` (a paragraph without bullets and trailing punctuation, `words` long,
    `lower` its lower case) is one of the notices of this module."""
    if _NOTICE.fullmatch(core) or is_market_data(core, words):
        return True
    if "cookie" in lower and _is_cookie_banner(core):
        return True
    if is_comment_policy(core, words, lower):
        return True
    if any(k in lower for k in _APPEAL_HINTS) and _is_donation_appeal(core, words):
        return True
    if words <= _PAYMENT_WORDS and any(k in lower for k in _PAYMENT_HINTS):
        if _PAYMENT_SERVICE.search(core) and _PAYMENT_ACCOUNT.search(core):
            return True
    if words <= 40 and any(k in lower for k in _FORM_STATUS_HINTS) and _is_form_status(core):
        return True
    if any(k in lower for k in _AFFILIATE_HINTS) and _is_affiliate_disclosure(core):
        return True
    if words <= 40 and "ctrl" in lower and _CTRL_ENTER.search(core):
        return _TYPO_REPORT.search(core) is not None
    return words <= 40 and bool(
        _ERROR_BUTTON.search(core) and _SELECT_TEXT.search(core) and _TO_EDITORS.search(core)
    )


#: standard notices that publishing systems print inside the article body, each a whole
#: paragraph of up to 45 words (the embed notices of Hearst-style sites run past 25)
_NOTICE_PATTERNS = [
    r"our standards: the thomson reuters trust principles",
    r"media playback is (?:unsupported|not supported) on your device",
    r"please enable javascript to view the comments(?: powered by disqus)?",
    r"leave a reply\s*cancel reply",
    r"your email address will not be published(?:\.?\s*required fields are marked\s*\*?)?",
    r"this content is (?:created and maintained by a third party, and imported onto this "
    r"page to help users provide their email addresses|imported from [^.!?]{1,40})"
    r"(?:\.\s*you (?:can|may be able to) find [^\n]{0,200})?",
    r"you (?:can|may be able to) find more information about this and similar content at "
    r"piano\.io",
    r"(?:published|updated|posted) \d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"months?) ago",
    r"(?:print|email|e-mail|save|bookmark|listen to) (?:this|the) (?:article|story|page|post)",
    r"this site uses akismet to reduce spam\.?\s*learn how your comment data is processed",
    r"(?:diese website|diese seite|ce site|este sitio|este site|questo sito) "
    r"(?:verwendet|nutzt|utilise|usa|utiliza|utilizza) akismet[^\n]{0,200}",
    r"this slideshow requires javascript",
    # Advance Local's comment rules (cleveland.com, nola.com, mlive.com, ...)
    r"community rules apply to all content you upload or otherwise submit to this site"
    r"(?:\.?\s*contact interactivity management)?",
    # the notice for readers without scripts: "Please activate JavaScript in your browser to
    # use all interface options.", "Bitte aktivieren Sie JavaScript."
    r"(?:please )?(?:enable|activate|turn on|allow) javascript(?: in your (?:web )?browser)?"
    r"(?: (?:to|for) [^.!?]{1,60})?|javascript (?:is|must be) (?:disabled|required|needed|"
    r"turned off)(?: (?:in|on) your (?:web )?browser)?(?: (?:to|for) (?:view|use|see|display|"
    r"read|access|watch|play|this)[^.!?]{0,60})?|bitte aktivieren sie javascript[^.!?]{0,60}"
    # the same, in the other languages: "Veuillez activer JavaScript pour afficher ce contenu"
    r"|(?:veuillez )?activer (?:le )?javascript[^.!?]{0,60}|(?:por favor,? )?(?:activa|habilita)"
    r" (?:el )?javascript[^.!?]{0,60}|(?:por favor,? )?(?:ative|habilite) o javascript"
    r"[^.!?]{0,60}|(?:per favore,? )?(?:attiva|abilita) javascript[^.!?]{0,60}"
    r"|(?:включите|включите, пожалуйста,) javascript[^.!?]{0,60}"
    r"|(?:schakel|zet) javascript (?:in|aan)[^.!?]{0,60}|włącz javascript[^.!?]{0,60}"
    r"|(?:lütfen )?javascript'?i? etkinleştirin[^.!?]{0,60}|aktivera javascript[^.!?]{0,60}",
    r"your browser does not support (?:the )?(?:html5 )?(?:video|audio|iframes?)(?: (?:tag|"
    r"element|player|playback))?",
    # the BBC's label before a picture's caption: "Image caption The protesters gathered ..."
    r"image caption,? (?-i:[A-Z\"“‘'])[^\n]{1,300}",
    # The Events Calendar's notice on a past event, in the languages it ships
    r"this event has passed|diese veranstaltung ist bereits vorbei|"
    r"cet (?:évènement|événement) est passé|este evento ya pasó|questo evento è passato",
    # market-data notices: "*Data is delayed at least 15 minutes. Global Business ..."
    # paywall notices at the end of a teaser, with the offer that may follow them:
    # "This article is for subscribers only. Subscribe now for unlimited access."
    r"(?:this|the (?:full|rest of the)) (?:article|story|content|post|piece|report) is "
    r"(?:only |exclusively )?(?:available |reserved |accessible )?(?:only )?(?:to|for) "
    r"(?:our )?(?:paying |premium |digital |paid )?(?:subscribers|members)(?: only)?"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"(?:please )?(?:subscribe|sign in|log in|register|sign up)(?: or (?:subscribe|sign in"
    r"|log in|register|sign up))? (?:now |today |here )?to "
    r"(?:access [^.!?]{1,40}|continue reading|keep reading|read (?:the full|the rest|more|"
    r"this|on)[^.!?]{0,40}|unlock [^.!?]{1,40}|(?:leave|post|write|add) a comment)"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"to (?:continue|keep) reading(?: this (?:article|story))?,? (?:please )?(?:subscribe|"
    r"sign in|log in|register|become a (?:member|subscriber))[^\n]{0,200}",
    r"you(?: have|'ve|’ve) (?:reached|used) (?:your|the|all of your) (?:limit|maximum|"
    r"number) of free (?:articles|stories)[^\n]{0,200}",
    # a meter's last count: "This is your last article that you can read this month before
    # you need to register a free LeadDev.com account.", "This is your last free article"
    r"this is your (?:last|final) (?:free )?(?:article|story)(?: (?:that )?you can read)?"
    r"(?: this (?:month|week))?(?:[ ,.][^\n]{0,160})?",
    r"(?:premium|subscribers?|members?)[- ]only(?: content| article| story)?|"
    r"(?:exclusive|only) (?:to|for) (?:subscribers|members)|subscriber exclusive",
    r"(?:dieser|der) (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?für (?:\w+ )?"
    r"(?:abonnenten|abonnentinnen|mitglieder)(?: verfügbar| sichtbar| bestimmt| reserviert)?"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"(?:cet article|la suite de cet article|la suite) est réservée? aux (?:abonnés|membres)"
    r"(?:[.!]\s*[^\n]{0,200})?|il vous reste \d+ ?% de cet article à lire[^\n]{0,200}",
    r"(?:este|esta) (?:artículo|contenido|nota|conteúdo|artigo|matéria) (?:es|é) "
    r"(?:exclusiv[oa] )?(?:solo |sólo |só )?(?:para|a) (?:suscriptores|socios|assinantes)"
    r"(?:[.!]\s*[^\n]{0,200})?|contenido exclusivo para suscriptores|"
    r"conteúdo exclusivo para assinantes",
    r"(?:questo )?(?:articolo|contenuto) (?:è )?riservato agli abbonati"
    r"(?:[.!]\s*[^\n]{0,200})?",
    # the same in Russian, Dutch, Swedish, Polish, Czech, Turkish, Vietnamese, Arabic
    r"(?:(?:этот|данный) )?(?:материал|статья|контент) доступ(?:ен|на) только (?:для )?"
    r"подписчик(?:ам|ов)(?:[.!]\s*[^\n]{0,200})?",
    r"(?:dit|het) (?:artikel|stuk|verhaal) is (?:alleen|enkel|exclusief) (?:beschikbaar )?"
    r"voor (?:abonnees|leden)(?:[.!]\s*[^\n]{0,200})?",
    r"(?:den här|denna) artikel (?:är )?(?:endast|bara) för (?:prenumeranter|medlemmar)"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"(?:ten )?(?:artykuł|materiał|tekst) (?:jest )?dostępny (?:tylko|wyłącznie) dla "
    r"(?:subskrybentów|prenumeratorów|abonentów)(?:[.!]\s*[^\n]{0,200})?",
    r"(?:tento )?(?:článek|obsah) je (?:dostupný )?(?:pouze|jen) pro (?:předplatitele|členy)"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"bu (?:içerik|haber|makale) (?:sadece|yalnızca) (?:abonelere|üyelere) özeldir"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"(?:bài viết|nội dung) (?:này )?(?:chỉ )?dành (?:riêng )?cho (?:thành viên|hội viên|"
    r"người đăng ký)(?:[.!]\s*[^\n]{0,200})?",
    r"(?:هذا )?(?:المحتوى|المقال) (?:متاح )?(?:حصري(?:ا|اً)? )?(?:فقط )?للمشتركين"
    r"(?:[.!]\s*[^\n]{0,200})?",
    r"(?:この)?記事は(?:有料)?会員限定(?:記事)?です[^\n]{0,120}|[［\[【]?有料会員限定[］\]】]?|"
    r"有料会員の方のみご利用になれます[^\n]{0,120}|会員の方はこちら",
    # the BBC's share panel: "These are external links ... Copy this link <url> ..."
    r"these are external links and will open in a new window"
    r"(?:\s*copy this link\s*\S*)?(?:\s*read more about sharing)?",
    # a widget that failed to load: "This feature is temporarily unavailable. Please ..."
    r"this (?:feature|content|video|widget|service) is (?:temporarily |currently )?"
    r"(?:unavailable|not available)(?:[.!]\s*(?:please )?try again later)?",
    # the agencies' licence line, set apart from the copyright line it follows
    # a feedback box's pitch: "We want to hear your suggestions and comments. Email the
    # Truth-O-Meter with feedback ..." (PolitiFact's, 40 words)
    r"we (?:want|would love|'d love|’d love) to hear your (?:suggestions|feedback|thoughts"
    r"|comments|ideas)\b[^\n]{0,300}",
    # News Corp's line in the footer of each of its sites (The Sun, the New York Post)
    r"news corp is a network of leading companies in the worlds? of diversified media,? news,?"
    r" education,? and information services",
    r"this material may not be published, broadcast, rewritten,? or redistributed"
    r"(?:\.?\s*(?:©|\(c\)|copyright)[^\n]{0,120})?",
]
#: a market-data notice under a story's quote table, with the data providers it names:
#: "*Data is delayed at least 15 minutes. Global Business ...", "Quotes delayed at least 15
#: minutes. Real-time quotes provided by BATS BZX Real-Time Price. Market Data provided by
#: Interactive Data ..." (Fox Business's runs to 51 words)
_MARKET_DATA = re.compile(
    r"(?:\*?data is a real-time snapshot\s*)?\*?(?:all )?(?:data|quotes?|prices?) (?:is |are )?"
    r"delayed (?:by )?(?:at least |a minimum of |up to )?\d+ minutes"
    # its other sentences (a story's sentence goes on: "... by 15 minutes on some exchanges")
    r"(?:\s*(?:unless otherwise (?:indicated|noted|stated))?\.[^\n]{0,500})?",
    re.IGNORECASE,
)
#: the longest market-data notice, in words
_MARKET_DATA_WORDS = 90
_NOTICE = re.compile(
    "(?:" + "|".join(f"(?:{pattern})" for pattern in _NOTICE_PATTERNS) + ")", re.IGNORECASE
)

#: the typo-report widget: "Found a mistake? Select the text and press Ctrl+Enter", in any
#: language the corpus has (the key combination alone is also a how-to's instruction)
_CTRL_ENTER = re.compile(r"\bctrl\s*\+\s*enter\b", re.IGNORECASE)
_TYPO_REPORT = re.compile(
    r"mistake|typo|error|select|highlight|fehler|markieren|erreur|sélectionnez|selecciona|"
    r"errore|seleziona|ошибк|опечатк|выделите|kļūd|iezīmējiet|kesalahan|blok",
    re.IGNORECASE,
)

#: ... or with the widget's button instead of the keys: "Iezīmējiet tekstu un spiediet uz
#: Ziņot par kļūdu pogas, lai nosūtītu ... redaktoram!" (Latvian: select the text and press
#: the "Report an error" button to send it to the editor)
_ERROR_BUTTON = re.compile(
    r"report (?:an |a )?(?:error|mistake|typo)|fehler melden|signaler une erreur"
    r"|сообщить об ошибке|ziņot par kļūdu|segnala (?:un )?errore|reportar (?:un )?error",
    re.IGNORECASE,
)
_SELECT_TEXT = re.compile(
    r"\b(?:select|highlight|mark) (?:the |a )?(?:text|words?|passage)|markieren sie"
    r"|sélectionnez|выделите|iezīmējiet|seleziona(?:te)? il testo|selecciona el texto",
    re.IGNORECASE,
)
#: ... and naming the widget's button or the editors it writes to
_TO_EDITORS = re.compile(
    r"button|pogas|knopf|schaltfläche|bouton|кнопк|pulsante|botón|editor|redakt|rédaction"
    r"|редакц|redazione|redacción",
    re.IGNORECASE,
)

#: what a cookie banner that opens with the site's own use of cookies asks of the reader,
#: in the languages of `_COOKIE_NOTICE`
_CONSENT = (
    r"(?:accept|consent|agree|continu|privacy|cookie policy|learn more|read more|opt[- ]out|"
    r"einverstanden|zustimm|akzeptier|datenschutz|erfahren sie|fortfahren|accepte|consentement|"
    r"politique|en savoir plus|continuant|acept|consentimiento|política|más información)"
)
#: a cookie banner pulled into the story that opens with the site speaking of itself ("This
#: website uses cookies ...", "Wir verwenden Cookies ...", "Ce site utilise des cookies") and
#: asks for consent; a story on cookies reports what others do, or quotes a "we" without the
#: banner's words
_COOKIE_NOTICE = re.compile(
    r"(?:(?:this (?:web)?site|our (?:web)?site|we) (?:uses?|is using|are using) cookies|"
    r"(?:diese (?:web)?seite|diese website|wir) (?:verwendet|verwenden|nutzt|nutzen|setzt|"
    r"setzen) cookies|(?:ce site|nous) (?:utilise|utilisons) des cookies|"
    r"(?:este sitio(?: web)?|utilizamos|usamos) (?:utiliza |usa )?cookies)\b"
    rf"(?=[^\n]{{0,300}}\b{_CONSENT})[^\n]{{0,300}}",
    re.IGNORECASE,
)
#: a cookie banner wherever its sentences start: the site speaks of itself and asks for
#: consent (this pattern) or points to its privacy policy (the two below): "Durch die
#: weitere Nutzung der Webseite stimmen Sie der Verwendung von Cookies zu", "By continuing
#: to browse, you agree to our use of cookies"; a story about cookies reports what a site
#: or a regulator does
_COOKIE_CONSENT = re.compile(
    r"\b(?:you (?:agree|consent|accept)|(?:agree|consent) to (?:the|our) use of cookies|"
    r"by (?:continuing|using|browsing)|stimmen sie|"
    r"einverstanden|ihre (?:erlaubnis|zustimmung|einwilligung)|erklären sie sich|"
    r"weitere(?:n)? (?:nutzung|benutzung)|vous acceptez|en poursuivant|en continuant|"
    r"acepta(?:s)? (?:el uso|la utilización)|si continúa|al continuar|accetti|continuando)",
    re.IGNORECASE,
)
#: a privacy policy named as where the site's own use of cookies is explained ("Auf unserer
#: Website werden Cookies gemäß unserer Datenschutzerklärung verwendet"); the policy alone
#: is also a story's words ("We asked Google about its cookie policy")
_COOKIE_POLICY = re.compile(
    r"\b(?:privacy policy|cookie policy|datenschutzerklärung|politique de confidentialité|"
    r"política de (?:privacidad|cookies))",
    re.IGNORECASE,
)
_COOKIE_USE = re.compile(
    r"\b(?:use|uses|using) cookies|\bcookies (?:[\w.-]+ ){0,6}?(?:verwendet|eingesetzt|genutzt)"
    r"|\b(?:verwendet|verwenden|nutzt|nutzen|setzt|setzen) cookies|\butilis\w* des cookies"
    r"|\b(?:usa|usamos|utiliza|utilizamos) cookies",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(?:we|our|us|uns|unsere[rnms]?|wir|nous|notre|nos|utilizamos|usamos|nuestra|nuestro|"
    r"utilizziamo|nostro)\b",
    re.IGNORECASE,
)


#: a story that quotes a banner reports it ("..., the court said", "... sagte sie"); "read"
#: is not among the verbs, banners say "Read more"
REPORTED = re.compile(
    r"\b(?:said|says|told|according to|wrote|ruled|sagte|sagt|schrieb|erklärte|laut|"
    r"a déclaré|selon|dijo|según|afirmó)\b",
    re.IGNORECASE,
)


def _is_cookie_banner(core: str) -> bool:
    """A cookie banner of up to 45 words (longer paragraphs are story: `is_boilerplate`
    returns before this): one that opens with the site's own use of cookies and asks for
    consent (`_COOKIE_NOTICE`), or one anywhere in whose sentences the site speaks of itself
    and asks for consent or names its policy beside its use of cookies, unreported."""
    if _COOKIE_NOTICE.fullmatch(core):
        return True
    asks = _COOKIE_CONSENT.search(core) is not None or (
        _COOKIE_POLICY.search(core) is not None and _COOKIE_USE.search(core) is not None
    )
    return asks and _FIRST_PERSON.search(core) is not None and REPORTED.search(core) is None


#: what a site's comment policy says of the comments under its stories
_COMMENT_RULES = re.compile(
    r"reserves? the right to (?:remove|delete|edit|reject|refuse)|(?:are|is|will be) "
    r"(?:pre-?)?moderated|(?:do|does) not (?:necessarily )?(?:reflect|represent) (?:the )?"
    r"(?:views?|opinions?)|(?:views|opinions) (?:expressed )?(?:in (?:the|these) comments|of "
    r"(?:the )?(?:users|readers|commenters))|(?:are|is) not (?:permitted|allowed|tolerated)"
    r"|opinión de los (?:usuarios|lectores)|se reserva el derecho|no está permitid[oa]"
    r"|opinião dos (?:leitores|usuários)|reserva-se o direito|se réserve le droit"
    r"|(?:sont|seront) modérés|(?:behält sich|behalten uns) (?:das recht )?vor|werden moderiert"
    r"|non (?:è|sono) consentit[io]|si riserva il diritto"
    # Arabic: "... do not express the opinion of the site", "review comments before
    # publishing them", "reserves the right"
    r"|لا (?:تعبر|تعكس|يعبر|يعكس) عن (?:رأي|آراء|وجهة نظر)|مراجعة التعليقات قبل نشرها"
    r"|(?:يحتفظ|نحتفظ) ب(?:ال)?حق"
    # a call to comment that states the rules: "Please keep comments civil, constructive and
    # on topic", "Join the conversation in our comments section below."
    r"|keep (?:your )?comments? (?:civil|respectful|polite|constructive|on[- ]topic|clean)"
    r"|(?:join|start) the (?:conversation|discussion) in (?:our|the) comments?"
    # which comments are not let through: "Comentários com textos ininteligíveis ... não
    # serão aprovados pelo moderador"
    r"|(?:will not|won't) be (?:approved|published)|não serão (?:aprovados|publicados)"
    r"|no serán (?:aprobados|publicados)|ne seront pas (?:publiés|approuvés)"
    r"|werden nicht (?:freigeschaltet|veröffentlicht)",
    re.IGNORECASE,
)
#: who speaks in a comment policy: the site ("we", "our"), by its domain ("ultimahora.es se
#: reserva el derecho ..."), or nobody ("Comments are moderated", after a label:
#: "ATENÇÃO: Comentários ...")
_SITE_VOICE = re.compile(
    r"\b(?:we|our|us|wir|unsere[rnms]?|nous|notre|nos|nuestr[oa]s?|nostr[oi])\b"
    r"|\b[\w-]+\.(?:com|net|org|es|de|fr|it|pt|br|co\.uk|uk|in)\b"
    r"|^(?:\w{1,12}:\s*)?(?:the |les |los |die |i |os )?(?:comments?|user comments"
    r"|reader comments|comentarios"
    r"|commentaires|kommentare|commenti|comentários|el contenido de los comentarios"
    r"|no está permitido)\b"
    r"|\b(?:موقع|التعليقات|نحن)\b",
    re.IGNORECASE,
)


def _is_comment_policy(core: str) -> bool:
    """A site's rules for the comments under its stories: they speak of comments, state a
    rule (moderation, the right to remove them, whose opinion they are) in the site's voice,
    and are not reported ("Facebook reserves the right to remove comments, the company said"
    is a story)."""
    return (
        _COMMENT_RULES.search(core) is not None
        and _SITE_VOICE.search(core) is not None
        and REPORTED.search(core) is None
    )


_APPEAL_HINTS = ("donat", "support", "fav", "chip in", "patron", "contribut", "spend", "un don",
                 "unterstütz", "soutenez", "apoy", "apoi", "sostieni", "doaç", "donazion")

#: the label of a donation button or box, a whole paragraph: "Donate now", "Make a
#: tax-deductible donation today", "Support us", "Become a patron", "Jetzt spenden"
_DONATE_LABEL = re.compile(
    r"(?:please )?donate(?: now| today| here| to us| monthly| once)?"
    r"|(?:please )?(?:make|give) a (?:(?:one-time|monthly|tax-deductible|recurring|small|"
    r"year-end) )*(?:donation|gift|contribution)(?: today| now| here)?"
    r"|support us(?: today| now| here)?|support (?:our|this) (?:work|journalism|reporting|"
    r"newsroom|mission|site|blog|podcast)(?: today| now)?"
    r"|become a (?:patron|sustaining member|donor|monthly donor)(?: (?:on|at) patreon| today| now)?"
    r"|(?:jetzt )?spenden|faire un don|faites un don|(?:haz|haga) una donación|dona(?: ahora| ora)?"
    r"|(?:faça uma )?doação|fai una donazione",
    re.IGNORECASE,
)
#: what an appeal asks for
_APPEAL_ASK = re.compile(
    r"\b(?:donat\w*|chip in|contribut\w*|support(?:ing|s)?|patreon|patrons?|"
    r"small fav(?:ou)?r to ask|unterstützen sie|spende\w*|soutenez|faites un don|apoya|"
    r"apoie|sostieni)\b",
    re.IGNORECASE,
)
#: for whom the appeal asks, in the site's voice: "our journalism", "us", "unseren
#: Journalismus"; the Guardian's "we have a small favour to ask" says it by itself
_APPEAL_FOR = re.compile(
    r"\b(?:our|us|we)\b[^.!?]{0,60}?\b(?:journalism|reporting|newsroom|work|mission|coverage|"
    r"site|website|reporters|journalists|independence|nonprofit|non-profit|podcast|blog)\b"
    r"|\b(?:our|this) (?:journalism|reporting|newsroom|nonprofit|non-profit)\b"
    r"|\bsupport us\b|\bdonate to us\b|\bsmall fav(?:ou)?r to ask\b"
    r"|\b(?:unseren|unabhängigen) journalismus\b|\bnotre (?:journalisme|rédaction|travail)\b"
    r"|\bnuestro (?:periodismo|trabajo)\b|\bnosso (?:jornalismo|trabalho)\b"
    r"|\bil nostro (?:giornalismo|lavoro)\b",
    re.IGNORECASE,
)
#: an appeal speaks to the reader: "you", "please", "readers like you", or an imperative
_APPEAL_ADDRESS = re.compile(
    r"\b(?:you|your|please|readers?|bitte|sie|vous|usted|você|vostro)\b"
    r"|^(?:support|donate|help|chip in|make|become|give|consider|join|keep|unterstützen|"
    r"soutenez|apoya|apoie|sostieni)\b",
    re.IGNORECASE,
)


def _is_donation_appeal(core: str, words: int) -> bool:
    """A site's appeal for donations or support, of up to 45 words: a donate button's label,
    or an unreported paragraph that asks for money or support for the site's own journalism
    and speaks to the reader ("We rely on readers like you to support our work", "Since
    you're here, we have a small favour to ask"). A story about a fundraiser does not speak
    of "our journalism" to "you", and one that quotes an appeal reports it ("..., she said")."""
    if words <= 10 and _DONATE_LABEL.fullmatch(core):
        return True
    return (
        _APPEAL_ASK.search(core) is not None
        and _APPEAL_FOR.search(core) is not None
        and _APPEAL_ADDRESS.search(core) is not None
        and REPORTED.search(core) is None
    )


_PAYMENT_HINTS = ("paypal", "promptpay", "venmo", "patreon", "ko-fi", "liberapay", "cash app",
                  "buymeacoffee", "buy me a coffee", "zelle")  # fmt: skip
#: a line of payment details is short: the service, the account, a label
_PAYMENT_WORDS = 25
#: a payment service named on a donation box's line of details ...
_PAYMENT_SERVICE = re.compile(
    r"\b(?:paypal|promptpay|venmo|patreon|ko-fi|liberapay|cash app|buy ?me ?a ?coffee|zelle)\b",
    re.IGNORECASE,
)
#: ... with the account to pay into: its link ("https://paypal.me/prachatai") or a number
#: of nine digits or more (a PromptPay id, a bank account); a story that names the service
#: has neither ("Schnell, PayPal, Adresse raus"). A handle is no sure account: "@PayPal"
#: and "$PYPL" are the company's, in a story about it
_PAYMENT_ACCOUNT = re.compile(
    r"(?:paypal\.me|patreon\.com|ko-fi\.com|venmo\.com|liberapay\.com|buymeacoffee\.com)/"
    r"|(?<!\d)\d{9,}(?!\d)",
    re.IGNORECASE,
)


_AFFILIATE_HINTS = ("affili", "commission", "provision", "qualifying purchase", "afiliad",
                    "compensat", "share of")  # fmt: skip

#: what a site says of the shop links in its stories: "This post contains affiliate links",
#: "we may earn a commission", "As an Amazon Associate I earn from qualifying purchases",
#: "Links auf Online-Shops in Artikeln können sogenannte Affiliate-Links sein", "erhält
#: MIXED.de vom Anbieter eine Provision", "Cet article contient des liens affiliés"
_AFFILIATE_DISCLOSURE = re.compile(
    r"\b(?:contains?|includes?|uses?|may contain|may include|features?) (?:some )?"
    r"(?:affiliate|sponsored|paid) links?"
    r"|\b(?:may|might|could|will|would) (?:earn|receive|get|make) (?:a |an )?"
    r"(?:small |tiny )?(?:share of (?:the )?(?:sales?|revenue)|(?:affiliate )?(?:commission|fee|"
    r"compensation))"
    r"|\bmay be (?:paid|compensated)\b"
    r"|\bqualifying purchases\b|\bamazon associates?\b|\bat no (?:extra |additional )?cost to you\b"
    # Amazon's own wording: "... is a participant in the Amazon Services LLC Associates
    # Program, an affiliate advertising program designed to provide a means for sites to earn"
    r"|\bamazon services llc associates program\b|\baffiliate advertising program\b"
    r"|\bparticipates? in the [^.!?]{0,60}?affiliate programs?\b"
    r"|\bdesigned to provide a means for (?:sites|us|me|website owners) to earn\b"
    r"|\baffiliate-?links? (?:sein|sind)\b"
    r"|\b(?:sind|sein|enthält|enthalten) (?:sogenannte |so genannte )?affiliate-?links\b"
    r"|\b(?:erhält|erhalten|bekommt|bekommen)\b[^.!?]{0,40}?\bprovision\b"
    r"|\bliens? (?:affiliés|d'affiliation|d’affiliation)|\benlaces? de afiliad[oa]s?\b"
    r"|\blink (?:di )?affiliazione\b",
    re.IGNORECASE,
)
#: what the disclosure is about: the shop links and what readers buy through them
_SHOP_LINKS = re.compile(
    r"\blinks?\b|\bpurchas\w*|\bbuy\b|\bretailers?\b|\bamazon\b|\baffili\w*|\bprovision\b"
    r"|\blien|\benlace",
    re.IGNORECASE,
)
#: who makes the disclosure: the site ("we", "our", "I", "this post", its domain)
_DISCLOSER = re.compile(
    r"\b(?:we|our|us|i|my|me|wir|uns|unsere[rnms]?|nous|nos|notre|nosotros|nuestr[oa]s?)\b"
    r"|\b(?:this|these) (?:post|posts|article|articles|page|site|website|story|review|guide|"
    r"content|newsletter|video)\b|\b(?:dieser|diese|dieses) (?:artikel|beitrag|seite)\b"
    r"|\bin (?:unseren |den )?artikeln\b|\b(?:cet|ce|cette) (?:article|post|page)\b"
    r"|\beste (?:artículo|post)\b|\b[\w-]+\.(?:com|net|org|de|fr|es|it|co\.uk|uk|io)\b",
    re.IGNORECASE,
)


def _is_affiliate_disclosure(core: str) -> bool:
    """A site's disclosure of the affiliate links in its stories, of up to 45 words: it
    discloses (the links are affiliate links, the site may earn a commission) in the site's
    own voice and is not reported. A story about affiliate marketing explains it of others
    ("If you click an influencer's link, they earn a commission") or quotes it ("..., the
    company said")."""
    return (
        _AFFILIATE_DISCLOSURE.search(core) is not None
        and _SHOP_LINKS.search(core) is not None
        and _DISCLOSER.search(core) is not None
        and REPORTED.search(core) is None
    )


_FORM_STATUS_HINTS = ("subscri", "sign", "mail", "inbox", "regist", "try again", "message",
                      "on the list", "submission")  # fmt: skip

#: what one subscribed to: "to our newsletter", "for The Daily Brief" (a name, no clause)
_FORM_LIST = r"(?: (?:to|for) (?:our|the|this|(?-i:[A-Z]))[^.!?,]{0,40})?"
#: the messages a sign-up or contact form shows after it is sent, which sit hidden in the
#: page and come out with its text: "You have been successfully subscribed!", "Thanks for
#: signing up!", "There was a problem subscribing you to the newsletter", "Please enter a
#: valid email address", "Oops! We had a problem sending your message"
_FORM_STATUS = re.compile(
    rf"you(?: have|'ve|’ve)? (?:been |now |successfully |been successfully )?(?:subscribed|"
    rf"signed up|registered){_FORM_LIST}"
    rf"|you(?:'re|’re| are)(?: now)? (?:successfully )?(?:subscribed|signed up|registered|"
    rf"on the list){_FORM_LIST}"
    rf"|thanks?(?: you)?(?: so much)? for (?:subscribing|signing up|registering|your "
    rf"(?:subscription|submission|message)){_FORM_LIST}"
    r"|(?:please |now )?check your (?:inbox|e-?mail)(?: account)?(?: on your (?:mobile )?"
    r"(?:phone|device))?(?: (?:to|and) (?:confirm|verify|complete|activate|download) "
    r"[^.!?]{1,60})?"
    r"|you(?:'ll|’ll| will) (?:get|receive) (?:your first|our|the first) (?:e-?mail|"
    r"newsletter|issue)[^.!?]{0,40}"
    r"|your (?:subscription|sign-?up|message|submission) (?:has been|was) (?:received|"
    r"confirmed|successful|sent)[^.!?]{0,40}"
    r"|there (?:was|has been) (?:a problem|an error|an issue) (?:subscribing you|signing you up|"
    r"sending your message|processing your (?:request|subscription|submission)|with your "
    r"(?:subscription|submission|sign-?up|request))[^.!?]{0,60}"
    r"|we (?:had|ran into) a problem (?:sending|submitting|processing) your (?:message|"
    r"request|subscription|submission)"
    r"|an? (?:confirmation |verification |activation )?(?:e-?mail|message)(?: with an? "
    r"(?:activation|confirmation|verification) link)? has (?:just )?been sent to (?:your|the) "
    r"(?:e-?mail )?(?:address|inbox)[^.!?]{0,40}"
    r"|please (?:activate|confirm|verify) your (?:subscription|sign-?up|e-?mail(?: address)?)"
    r"(?: by clicking (?:on )?the (?:activation |confirmation |verification )?link[^.!?]{0,60})?"
    r"|(?:please )?(?:enter|provide|use) a valid e-?mail(?: address)?"
    r"|(?:invalid|incorrect) e-?mail(?: address)?(?: format)?"
    r"|(?:this|that|your) e-?mail(?: address)? is (?:already (?:subscribed|registered|in use)|"
    r"invalid|not valid)",
    re.IGNORECASE,
)
#: what such a message says around its main sentence: "Great!", "Oops!", "Please try
#: again later", "Double check your email and try again, or email webteam@..."
_FORM_STATUS_ASIDE = re.compile(
    r"(?:great|success|awesome|done|almost (?:done|there)|you(?:'re|’re| are) all set|"
    r"welcome(?: aboard)?|oops|whoops|sorry|uh[- ]oh|thank you|thanks)"
    r"|(?:please )?(?:reload|refresh) the page and try again(?: later)?"
    r"|(?:please )?try again(?: later| in a (?:few minutes|moment))?"
    r"|(?:please )?double[- ]check your e-?mail(?: address)?(?: and try again)?"
    r"(?:,? or (?:e-?mail|contact|write to) \S+)?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _is_form_status(core: str) -> bool:
    """A sign-up or contact form's status message: every sentence of the paragraph is one
    (`_FORM_STATUS`) or what goes with one (`_FORM_STATUS_ASIDE`), and at least one is not
    a mere "Great!" or "Please try again"."""
    if REPORTED.search(core):
        return False
    found = False
    for sentence in _SENTENCE_END.split(core):
        sentence = sentence.strip().rstrip(".!?").strip()
        if not sentence:
            continue
        if _FORM_STATUS.fullmatch(sentence):
            found = True
        elif not _FORM_STATUS_ASIDE.fullmatch(sentence):
            return False
    return found
