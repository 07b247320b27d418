"""Line-level boilerplate rules: is this one paragraph boilerplate by itself?

Extractors decide by markup (link density, class names, position), but share rows ("Share on
whatsapp"), "Kindly share this story:", "Related Articles" headings, "Advertisement" labels,
newsletter prompts and photo credits are often plain paragraphs in the same
``<div class="entry-content">`` as the story. They can only be recognised by what they say,
and then only safely when they stand alone.

So every rule here is a rule on a whole, short, standalone paragraph (a full-match pattern or
an imperative that starts it, never a phrase found inside running text): share rows, ad
labels, newsletter and subscription prompts, calls to sign in, get the app or send a tip,
photo credits and captions that end with one ("... in Hialeah, Fla. (AP Photo/Alan Diaz,
File)", when the caption's class was not one the extractor knows), bylines and datelines,
agency copyright lines, WordPress's like button and comment chrome in its languages, and the
labels of a page's tools. The notices publishing systems and sites print in the body
(comment-form and embed notices, paywall notices, cookie banners that ask for consent, a
site's comment policy) are told apart in `workers.pipeline.notices`, and bylines, date
lines and the names, agencies and relative times they are written with in
`workers.pipeline.bylines`; `is_boilerplate` asks both. The rules that look at a
paragraph's neighbours (a heading and the list after it, an author box at the end) are in
`workers.pipeline.clean`, which calls these.

A real sentence that merely contains the words ("He urged readers to share this story with
their families, saying ...", "Related articles in the journal showed ...") is never matched.
Rules cover English first, then German, French, Spanish, Portuguese, Italian, Russian,
Indonesian, Chinese, Japanese and Korean (the languages of the development corpus and of the
feeds we expect); the share labels, related-list headings, "Read also:" teasers, ad labels,
newsletter prompts and follow-us lines also in the other languages `language` names (Dutch,
Polish, Swedish, Turkish, Czech, Romanian, Hungarian, Finnish) and in Vietnamese, Arabic and
Hindi, whose news sites print them as the English ones do ("Czytaj także", "İlgili
Haberler", "Tin liên quan", "اقرأ أيضا", "यह भी पढ़ें"). None is tuned to one site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workers.pipeline.bylines import (
    AGENCY,
    BYLINE,
    NAME,
    RELATIVE_TIME,
    ROLE_BYLINE,
    ROLE_LINE,
    UPDATED,
    YEAR,
    is_dateline,
)
from workers.pipeline.legal import is_legal_line, opens_with_copyright
from workers.pipeline.notices import (
    is_comment_policy,
    is_consent_dialog,
    is_market_data,
    is_notice,
)

__all__ = [
    "CJK_CHAR",
    "CJK_RANGES",
    "MAX_LINE_WORDS",
    "WORD",
    "content_words",
    "core_text",
    "is_boilerplate",
    "is_episode_length",
    "is_poll_label",
    "is_related_heading",
    "is_running_time",
    "is_shouted",
    "is_teaser",
    "is_title_case",
    "word_count",
]

#: a paragraph longer than this is running text, never a boilerplate line
MAX_LINE_WORDS = 25

#: the Chinese and Japanese characters, as ranges of a character class
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: one Chinese or Japanese character
CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
#: a word, or one CJK character (Chinese and Japanese do not separate words with spaces)
WORD = re.compile(rf"[{CJK_RANGES}]|[^\W{CJK_RANGES}]+")
_BULLET = re.compile(r"^(?:[-–—•·*|>»›]++\s*)+")
_BULLET_CHARS = "-–—•·*|>»›"
_TRAIL_CHARS = " :：;,.。!！?？…|»›>→-"

_SOCIAL = (
    r"(?:whats\s?app|facebook|fb|twitter|x|linked\s?in|telegram|e-?mail|mail|pinterest|reddit|"
    r"messenger|viber|tumblr|vk|vkontakte|вконтакте|одноклассники|ok|odnoklassniki|weibo|"
    r"wechat|line|skype|pocket|flipboard|sms|instagram|youtube|tiktok|threads|bluesky|"
    r"mastodon|google\+?|xing|naver|kakao(?:talk)?|qq|微博|微信|телеграм|телеграме|"
    r"телеграмм|ватсап|фейсбук|твиттер|facebooku|twitterze|instagramie|youtubie|"
    r"فيسبوك|فيس بوك|تويتر|واتساب|واتس اب|تيليجرام|تلغرام|"
    r"फेसबुक|ट्विटर|व्हाट्सएप|copy link|print)"
)
#: the address of an account on a social network
_SOCIAL_DOMAIN = (
    r"(?:facebook\.com|fb\.me|fb\.com|twitter\.com|x\.com|instagram\.com|youtube\.com"
    r"|youtu\.be|t\.me|telegram\.me|line\.me|tiktok\.com|linkedin\.com|pinterest\.com"
    r"|vk\.com|weibo\.com|threads\.net)"
)
#: the labels of a story page's tools, as a toolbar lists them
_TOOL = (
    rf"(?:{_SOCIAL}|share|save|bookmark|(?:text|font) size|a[-+]|aa|listen|comments?|download"
    r"|pdf|gift(?: article)?|tweet|more)"
)
_SOCIAL_RE = re.compile(rf"(?<!\w){_SOCIAL}(?!\w)", re.IGNORECASE)


#: verbs and connectives of a sentence: a credit, a copyright line or a "Reporting by" line is
#: a list of names and never holds one ("Copyright law has not kept pace", "Reporting by local
#: media suggested otherwise" are the story's sentences)
_CLAUSE_WORDS = (
    r"is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|can|could|may|"
    r"might|shows?|showed|shown|showing|depicts?|depicted|reveals?|revealed|captured|taken|"
    r"released|shared|posted|went|appears?|appeared|suggests?|suggested|came|comes?|says?|"
    r"said|that|which|where|when|while|who|after|before|during|into|onto"
)
#: no clause word before the first full stop
_NO_CLAUSE = rf"(?![^.\n]*\b(?:{_CLAUSE_WORDS})\b)"
#: one character of a name that may be a domain: anything but the mark that ends a sentence,
#: a dot inside a word ("More from WordPress.com", "Bild: S-F / Shutterstock.com") and
#: after an initial ("Photo: Gene J. Puskar"); the two never match the same dot
_NAME_SPAN = r"(?:[^.!?]|\.(?=\w)|(?<=\b(?-i:[A-Z]))\.(?!\w))"
#: the copyright sign, or the word followed by a sign, a year or a capitalised owner and no
#: clause: "Copyright 2019 The Associated Press", never "Copyright law has not kept pace"
_COPYRIGHT = (
    rf"(?:©|\(c\)|copyright{_NO_CLAUSE}(?=\s*:?\s*(?:©|\(c\)|@|\d{{4}}|(?-i:[A-Z]))))"
)


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


# --- share rows and prompts ------------------------------------------------------------------
_SHARE = _compile(
    [
        # English
        r"(?:kindly |please )?(?:share|spread) (?:this|the|our) (?:story|article|post|page|news"
        r"|video|link|report|piece)(?: with (?:a friend|(?:your )?(?:friends|family|network"
        r"|followers)))?"
        # its buttons after it: "Share this story with a friend: Facebook Twitter Email"
        rf"(?:\s*[:：]?\s*{_SOCIAL}(?:(?:\s*[,|/·•]\s*|\s+){_SOCIAL})*)?",
        rf"(?:click to )?(?:(?:share|tweet|pin|post|send|email|e-mail|mail|print)"
        rf"(?: (?:this|it|article|story|post|page|link))?"
        rf"(?: (?:on|via|to|with|by|in|using) {_SOCIAL})?"
        # WordPress's share buttons: "Click to email a link to a friend (Opens in new window)"
        r"|(?:email|e-mail) (?:a|this) link to a friend)(?: \(opens in (?:a )?new window\))?",
        # Blogger's: "Email This BlogThis! Share to Twitter"
        r"(?:email this )?blogthis!?",
        # a prompt to share: "Like this article? Share it with your friends!", "If you liked
        # this article, please share it."
        r"(?:(?:like|liked|enjoy|enjoyed|love|loved) (?:this|the|our) (?:article|story|post)\?"
        r"|if you (?:liked|enjoyed|loved|found value in) (?:this|the|our) (?:article|story|post)"
        r"(?: [^.!?,\n]{1,30})?,?) (?:please )?share (?:it|this)(?: [^.!?\n]{0,50})?",
        r"share (?:this|article|story)?",
        # a share counter: "This story has been shared 44,976 times. 44,976" (the New York
        # Post's, its count repeated for the icon)
        r"this (?:story|article|post|video) has been shared [\d,.]+ times?(?:\.?\s*[\d,.]+)?",
        # the BBC's share panel, in its news sites: "Share this story About sharing"
        r"share this (?:story|article|page)\s*about sharing",
        # the label before a row of icons: "Share on", "Share via", "Teilen auf", "Partager sur"
        r"(?:share|teilen|partager|compartir|compartilhar|partilhar|condividi|delen|deel|dela"
        r"|udostępnij|paylaş|sdílet|distribuie|jaa) (?:on|via|to|auf|über|per|sur|par|en|por"
        r"|em|no|na|su|op|på|w)",
        # bare share labels in the other languages of the function-word list (language.py)
        r"(?:delen|deel dit artikel|dela|dela artikeln|udostępnij|paylaş|sdílet|distribuie"
        r"|megosztás|jaa)",
        r"(?:share|shares|share this|sharing is caring|like this|spread the word)",
        # WordPress.com's like button, in the languages it ships ("Like Loading...")
        r"(?:like|gefällt mir|j'aime|j’aime|me gusta|mi piace|curtir)(?:\s*:)?"
        r"(?:\s+(?:loading|lade|chargement|cargando|caricamento|carregando)\W*)?",
        rf"{_SOCIAL}(?:(?:\s*[,|/·•]\s*|\s+)(?:{_SOCIAL}|share|tweet|shares?|\d+))*",
        # a story's toolbar, its labels run together: "Print Email Font size A- A+ Save"
        rf"{_TOOL}(?:(?:\s*[,|/·•]\s*|\s+){_TOOL})+",
        rf"(?:share|shares|\d+ shares?)(?:(?:\s*[,|/·•]\s*|\s+)(?:{_SOCIAL}|share|tweet|\d+))+",
        # German
        rf"(?:(?:diesen |den )?(?:artikel|beitrag|seite) )?(?:teilen|teile|twittern|empfehlen)"
        rf"(?: (?:auf|über|per|via|bei|mit|in) {_SOCIAL})?",
        rf"(?:auf|über|per|via|bei) {_SOCIAL} (?:teilen|empfehlen)",
        # "Diesen Inhalt per E-Mail versenden", "Artikel per Mail verschicken"
        r"(?:(?:diesen |den )?(?:inhalt|artikel|beitrag|seite|link) )?per (?:e-?)?mail"
        r" (?:versenden|senden|verschicken|weiterleiten|teilen)",
        # French
        rf"partager(?: (?:cet |l'|l’)?(?:article|page|vidéo))?(?: (?:sur|par|via) {_SOCIAL})?",
        r"(?:envoyer|imprimer)(?: cet article| par e-?mail)?",
        # Spanish, Portuguese, Italian
        rf"(?:compartir|comparte|compártelo|compartilhar|compartilhe|partilhar|partilhe|"
        rf"condividi|condividere)(?: (?:esta|este|la|a|o|l'|l’|questo|questa) ?(?:noticia|nota|"
        rf"artículo|articulo|notícia|noticia|artigo|matéria|materia|página|pagina|storia|"
        rf"articolo|post))?(?: (?:en|no|na|em|por|via|su|con|com) {_SOCIAL})?",
        # Russian
        rf"(?:поделиться|поделитесь|расшарить|рассказать друзьям)(?: (?:новостью|статьей|"
        rf"статьёй|ссылкой|публикацией))?(?: (?:в|во|через|на) {_SOCIAL})?",
        # Indonesian
        rf"(?:bagikan|sebarkan)(?: (?:artikel|berita) ini)?(?: (?:ke|di|via|lewat) {_SOCIAL})?",
        # Chinese, Japanese, Korean
        rf"(?:分享|分享到|分享至|转发到)\s*{_SOCIAL}?",
        r"(?:シェア|シェアする|この(?:記事|ニュース)をシェア|ツイート|はてブ|lineで送る|送る|ポスト)",
        rf"{_SOCIAL}\s*(?:で|に)(?:シェア|シェアする|送る|ポスト)",
        r"(?:공유|공유하기|기사 공유|카카오톡 공유|페이스북 공유|트위터 공유)",
        # Dutch, Polish, Turkish, Swedish with a network: "Deel op Facebook", "Udostępnij na
        # Facebooku" (its locative, in `_SOCIAL`), "Facebook'ta paylaş" (a suffix, the verb)
        rf"(?:delen|deel|dela|udostępnij|podziel się)(?: (?:dit artikel|artykuł|artikeln))?"
        rf" (?:op|via|na|w|på|przez) {_SOCIAL}",
        rf"{_SOCIAL}(?:'|’)?(?:ta|te|da|de|dan|den)? (?:paylaş|paylas)",
        # Vietnamese, Arabic, Hindi
        rf"(?:chia sẻ|chia se)(?: bài viết| bài này)?(?: (?:lên|trên|qua) {_SOCIAL})?",
        rf"(?:مشاركة|شارك|شاركها|شارك المقال|مشاركة المقال)(?: (?:على|عبر) {_SOCIAL})?",
        rf"(?:शेयर करें|शेयर|साझा करें)(?: (?:on )?{_SOCIAL}(?: पर)?)?",
        rf"{_SOCIAL} पर (?:शेयर|साझा) करें",
    ]
)

# --- headings that introduce lists of other stories (also the block rule's trigger) ----------
_RELATED_HEADING = _compile(
    [
        # English
        r"(?:more )?related(?: (?:articles?|stories|story|news|posts?|content|coverage|links|"
        r"reading|topics|videos?|items|headlines|tags))?",
        # "Related coverage from How to Do Everything: Money"
        rf"related (?:articles|stories|coverage|content|posts|reading|videos) (?:from|on|in|"
        rf"about) {_NAME_SPAN}{{1,40}}",
        r"(?:you (?:may|might|will|could) (?:also )?(?:like|enjoy|be interested in|have missed))",
        r"(?:we )?recommend(?:ed|ations)?(?: for you| stories| articles| reading| videos?)?",
        # "Our Latest Stories": CBS Sports's list under its story
        r"(?:our )?(?:top|latest|breaking|popular|trending|featured|other|more|recent|"
        r"editor(?:'s|’s|s'|s’|s)?)(?: news| stories| headlines| articles| posts| picks| videos"
        r"| recommendations| choice| choices)",
        # "Other Opinion Columns", "More World News", "More Sports Stories": a section's name
        r"(?:other|more) (?:[\w’'-]+ ){1,2}(?:news|stories|headlines|articles|posts|columns"
        r"|videos)",
        # "More Must-Reads From TIME", "Must reads", "More Great Reads"
        rf"(?:more |other )?must[- ]reads?(?: (?:from|on|in) {_NAME_SPAN}{{1,30}})?",
        rf"(?:more|other) (?:[\w’'-]+ ){{0,2}}reads(?: (?:from|on|in) {_NAME_SPAN}{{1,30}})?",
        r"(?:trending|popular|latest|recent posts|top picks|editor'?s picks|editors’ picks)"
        r"(?: now)?",
        r"most (?:read|popular|viewed|shared|watched|commented|recent)"
        rf"(?: (?:in|on|from|stories|articles|news) ?{_NAME_SPAN}{{0,30}})?",
        rf"more (?:from|on|in|about) {_NAME_SPAN}{{1,40}}",
        rf"more (?:stories|articles|posts|news|columns) (?:by|from) {_NAME_SPAN}{{1,40}}",
        rf"read more (?:from|by) {_NAME_SPAN}{{1,40}}",
        r"(?:read|see|watch) (?:more|next|also|this next|related)(?: (?:stories|articles|news))?",
        r"(?:also|must|recommended) (?:read|see|watch)",
        r"(?:don'?t|do not|never) miss(?: (?:it|this|out))?",
        r"(?:what to read next|up next|next up|further reading|in other news"
        rf"|elsewhere on {_NAME_SPAN}{{1,30}}|around the web|from (?:around )?the web"
        r"|from our partners"
        r"|sponsored (?:content|stories|links)|promoted (?:stories|content|links)|paid content"
        r"|more like this|keep reading"
        r"|suggested (?:reading|for you|articles|stories|posts|videos|links)"
        r"|more coverage|in case you missed it|icymi|hot stories|now trending|trending topics"
        # a series' contents beside or below one of its parts: "Chapters in this guide",
        # "Other posts in this series"
        r"|(?:(?:more|other|all) )?(?:chapters|posts|articles|parts|episodes|stories|entries)"
        r" in this (?:guide|series|book|course|collection)"
        r"|stories you (?:may|might) (?:like|enjoy|have missed)|similar (?:articles|posts|stories"
        r"|news)|(?:explore|discover) more|more to (?:explore|discover)|continue exploring"
        r"|related searches|people also ask|also on (?:[\w.'’&-]++ ?){1,3}"
        rf"|related stories from {_NAME_SPAN}{{1,30}}"
        r"|(?:other )?people (?:are |also )*(?:reading|read|viewed|watched)|readers also "
        r"(?:read|liked|viewed|enjoyed)|others (?:are |also )*(?:reading|read)|what (?:others|"
        r"people|readers) are (?:reading|watching))",
        r"(?:more|also|related|see also|see more|read more)",
        # a list of links out, in a wiki's or a blog's words: "External links", "Further links"
        r"(?:external|further|useful|more) links(?:\[edit\])?",
        # German
        r"(?:mehr zum thema|auch interessant|das könnte sie auch interessieren|weitere artikel|"
        r"lesen sie auch|lesen sie mehr|ähnliche artikel|verwandte artikel|meistgelesen|"
        r"meistgelesene artikel|weiterlesen|mehr lesen|top-artikel|"
        rf"mehr aus {_NAME_SPAN}{{1,30}}|"
        r"empfehlungen|passend zum thema|ähnliche beiträge|verwandte beiträge|"
        r"ähnliche themen|verwandte themen(?: auf unserem blog)?|weitere nachrichten|"
        r"mehr nachrichten|weitere meldungen|empfohlene artikel|beliebte artikel|"
        r"neueste artikel|(?:artikel )?zum thema|auch lesenswert|top-themen|dazu passend|"
        r"(?:das|dies|dieses)(?: thema)? könnte (?:dich|euch) auch interessieren|"
        r"top-nachrichten|top nachrichten|meistgeklickt|am meisten gelesen|"
        r"das (?:könnte|dürfte) sie auch interessieren|siehe auch|weblinks|externe links|"
        rf"weiterführende links|nützliche links|mehr (?:zu|zum|zur|über) {_NAME_SPAN}{{1,40}})",
        # French
        r"(?:articles? similaires|à lire aussi|a lire aussi|lire aussi|lire la suite|"
        r"plus d['’]actualités|"
        r"sur le même sujet|les plus lus|voir aussi|à lire également|a lire également|"
        r"nos recommandations|dans la même rubrique|à voir aussi|en lien|"
        r"dernières actualités|vous aimerez aussi|à découvrir|le fil info|articles connexes|"
        r"sur le même thème|à lire ensuite|les plus partagés|les plus populaires|"
        r"vous pourriez aussi aimer|ces articles peuvent vous intéresser|à lire sur le même sujet|"
        # "À la une de libération.fr" (the front page's stories), "Sur le web" (partner links)
        rf"(?:à|a) la une(?: (?:de|sur) {_NAME_SPAN}{{1,30}})?|sur le web|ailleurs sur le web)",
        # Spanish, Portuguese, Italian
        r"(?:noticias relacionadas|artículos relacionados|articulos relacionados|"
        r"te puede interesar|también te puede interesar|lee también|lea también|leer más|"
        r"lo más leído|más noticias|ver también|notícias relacionadas|artigos relacionados|"
        r"leia também|leia mais|veja também|mais lidas|posts relacionados|"
        r"entradas relacionadas|publicaciones relacionadas|você também pode gostar|"
        r"matérias relacionadas|articoli correlati|leggi anche|"
        r"potrebbe interessarti|ti potrebbe interessare|più letti|últimas notícias|"
        r"recomendados para você|você pode gostar|últimas noticias|te recomendamos|"
        r"quizás te interese|relacionad[oa]s?|contenido relacionado|lo más visto|más leídas|"
        r"más leídos|"
        r"también le puede interesar|le puede interesar|conteúdo relacionado|mais notícias|"
        r"mais vistas|articoli simili|altre notizie|ultime notizie|i più letti|"
        r"potrebbe interessarti anche|leggi pure)",
        # Russian
        r"(?:читайте также|читайте еще|читайте ещё|похожие статьи|похожие новости|"
        r"похожие записи|читать далее|читать также|популярное|смотрите также|ещё по теме|"
        r"еще по теме|другие новости|новости по теме|по теме|рекомендуем|самое читаемое|"
        r"последние новости|вам может быть интересно|материалы по теме|новости партн[её]ров)",
        # Indonesian
        r"(?:baca juga|berita terkait|artikel terkait|baca selengkapnya|berita lainnya|"
        r"terpopuler|pilihan editor|pilihan redaksi|berita terkini|rekomendasi|"
        r"berita populer|artikel lainnya|baca lainnya|simak juga)",
        # Thai
        r"(?:เรื่องที่เกี่ยวข้อง|ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|ข่าวแนะนำ)",
        # Dutch, Swedish
        r"(?:lees ook|lees meer|lees verder|bekijk ook|gerelateerde artikelen|gerelateerd|"
        r"meer nieuws|meest gelezen|ook interessant|aanbevolen artikelen|"
        r"läs också|läs även|läs mer|relaterade artiklar|mest läst)",
        # Polish, Czech
        r"(?:czytaj także|czytaj też|czytaj więcej|zobacz także|zobacz też|przeczytaj także|"
        r"przeczytaj też|podobne artykuły|powiązane artykuły|najczęściej czytane|polecamy|"
        r"čtěte také|čtěte též|přečtěte si také|související články|nejčtenější)",
        # Turkish
        r"(?:ilgili haberler|benzer haberler|diğer haberler|devamını oku|ayrıca okuyun|"
        r"bunlar da ilginizi çekebilir|ilginizi çekebilir|en çok okunanlar|çok okunanlar)",
        # Romanian, Hungarian, Finnish
        r"(?:citește și|citeste si|articole similare|cele mai citite|"
        r"kapcsolódó cikkek|olvasd el ezt is|legolvasottabb|lue myös|luetuimmat|aiheesta lisää)",
        # Vietnamese
        r"(?:tin liên quan|bài viết liên quan|tin cùng chuyên mục|xem thêm|đọc thêm|"
        r"tin mới nhất|tin nổi bật|có thể bạn quan tâm)",
        # Arabic
        r"(?:اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|إقرأ أيضاً|اقرأ المزيد|شاهد أيضا|شاهد أيضاً|"
        r"مواضيع ذات صلة|أخبار ذات صلة|مقالات ذات صلة|الأكثر قراءة|الأكثر مشاهدة)",
        # Hindi
        r"(?:यह भी पढ़ें|ये भी पढ़ें|और पढ़ें|संबंधित खबरें|संबंधित ख़बरें|सबसे ज्यादा पढ़ी गई)",
        # Chinese, Japanese, Korean
        r"(?:相关文章|相关新闻|相关阅读|延伸阅读|阅读更多|热门新闻|推荐阅读|猜你喜欢|相關文章|"
        r"相關新聞|延伸閱讀|关联文章|関連記事|関連ニュース|あわせて読みたい|続きを読む|人気記事|"
        r"おすすめ記事|こちらもおすすめ|最新記事|注目記事|관련 기사|관련기사|더 보기|많이 본 뉴스|"
        r"추천 기사)",
    ]
)

#: a teaser is a headline: longer lines that open with "Also:" or "More:" are sentences (German
#: "Also: Vreni spricht nicht nur ... an, sondern auch ...")
_TEASER_MAX_WORDS = 16
#: a role line of an author box (`bylines.ROLE_LINE`) is this short
_ROLE_LINE_WORDS = 12
#: "Related: Some other headline", "READ MORE: ...", "Lesen Sie auch: ..." (a teaser link),
#: "WATCH: ..." (a video's), "Also on CBC: ...", "[Related: ...]"
_TEASER_PREFIX = re.compile(
    r"^[\[(]?(?:related(?: articles?| stories| story| coverage| news| videos?)?|read more|"
    r"read also|also read|see more|see also|also see|more|also|don['’]?t miss|must read|"
    r"read (?:this )?next|"
    r"recommended|top news|trending(?: now)?|also on [^:：|\n]{1,30}|"
    r"lesen sie auch|mehr zum thema|auch interessant|lire aussi|à lire aussi|a lire aussi|"
    r"lee también|lea también|leia também|leia mais|veja também|leggi anche|читайте также|"
    r"смотрите также|baca juga|artikel terkait|berita terkait|相关阅读|延伸阅读|相关文章|関連記事|"
    r"관련 ?기사|lees ook|läs också|czytaj także|czytaj też|zobacz też|zobacz także|čtěte také|"
    r"ilgili haber|citește și|lue myös|xem thêm|tin liên quan|اقرأ أيضا|اقرأ أيضاً|"
    r"यह भी पढ़ें|ये भी पढ़ें)\s*[:：|»>]+\s*\S"
    # a video's or a podcast's label, before a headline's capital ("Watch: the mayor said
    # ..." opens a sentence)
    r"|^(?:watch|listen)\s*[:：|»>]+\s*(?-i:[A-Z0-9\"“‘'])",
    re.IGNORECASE,
)
#: the same label with no mark after it, run into its headline ("Also Read Governor signs
#: new budget into law"): only the labels of two words or more, before a capital ("More
#: Americans are ..." and "Recommended Reading is ..." open sentences)
_TEASER_RUN = re.compile(
    r"^(?i:related (?:articles?|stories|story|coverage|news)|read more|read also|also read|"
    r"see also|don'?t miss|must read|top news|lesen sie auch|mehr zum thema|auch interessant|"
    r"lire aussi|à lire aussi|a lire aussi|lee también|lea también|leia também|veja também|"
    r"leggi anche|читайте также|смотрите также|baca juga|artikel terkait|berita terkait|"
    r"lees ook|läs också|czytaj także|czytaj też|zobacz też|zobacz także|čtěte také"
    r"|up next|next up|read this next|read next|what to read next)"
    r"\s+[\"“‘'«„]?[A-Z0-9ÀÁÂÄÇÉÈÊÎÏÑÓÔÖÚÜА-ЯЁ]"
    # a live page's label in capitals before its call: "LIVE Follow our coverage of the
    # storm", "LIVE UPDATES Latest on the storm" ("LIVE Nation said ...", "LIVE coverage
    # drew ..." are sentences)
    r"|^LIVE(?: UPDATES| NOW| BLOG)?:?\s+(?i:follow|watch|read|get|see|latest)\b"
)

# --- advertising labels ----------------------------------------------------------------------
_AD = _compile(
    [
        r"(?:advertisement|advertisements|advert|adverts|advertising|advertorial|ad|ads|sponsored|"
        r"sponsored content|paid post|paid content|promoted|ad ?choices|anzeige|werbung|"
        r"publicité|publicite|"
        r"publicidad|publicidade|pubblicità|реклама|广告|広告|광고|iklan|sponsored (?:links?|ads?)|"
        r"advertentie|annons|reklama|reklam|reclamă|reclama|hirdetés|mainos|quảng cáo|إعلان|"
        r"विज्ञापन|sponsorizzato|contenuto sponsorizzato|patrocinado|contenido patrocinado|"
        r"conteúdo patrocinado|gesponsert|contenu sponsorisé|anúncio|спонсорский материал|"
        r"на правах рекламы|"
        r"スポンサードリンク|スポンサーリンク|赞助链接)",
        # the label and the line under the slot, run together when the slot between them was
        # empty: "ADVERTISEMENTStory continues below advertisement"
        r"(?:(?:advertisement|advert|ad|anzeige|werbung)\s*)?\(?(?:"
        r"(?:story|article|content|text) continues (?:below|after)"
        r"(?: (?:this )?(?:advertisement|ad))?\)?"
        r"|continue reading"
        r"(?: below| the main story| the story| after (?:the )?ad(?:vertisement)?)?)",
        r"advertisement\s*[-–—:]\s*[^.!?]{0,40}",
        r"scroll (?:down )?to continue(?: with content| reading)?",
        r"(?:skip|close|remove|hide) (?:this )?(?:advert|advertisement|ad|ads)",
        rf"(?:ad feedback|report (?:this|an) ad|ads by {_NO_CLAUSE}[^.!?]{{1,30}})",
        r"(?:weiter nach der anzeige|la suite après (?:cette )?(?:publicité|la publicité)|"
        r"continúa después de la publicidad|continua (?:depois da|após a|apos a) publicidade|"
        r"продолжение после рекламы)",
    ]
)

# --- newsletter / subscription prompts -------------------------------------------------------
_NEWSLETTER = re.compile(
    r"newsletter|\binbox\b|\be-?mail (?:alerts|updates)\b|\bmailing ?liste?\b|\binfolettre\b"
    r"|\bboletín\b|\bboletim\b"
    r"|рассылк|nieuwsbrief|nyhetsbrev|bülten|hírlevel|uutiskirje|bản tin|النشرة البريدية"
    r"|النشرة الإخبارية|न्यूज़लेटर|न्यूजलेटर",
    re.IGNORECASE,
)
#: the prompt is an imperative at the start, or speaks of "your inbox" / "our newsletter"
_NEWSLETTER_CALL = re.compile(
    r"^(?:please |why not |don'?t forget to )?(?:subscribe|sign ?up|sign-up|register|join|get|"
    r"receive|want|never miss|don'?t miss|stay (?:up to date|informed|in the know|updated)|"
    r"enter your e-?mail|be the first|jetzt|abonnieren|melden sie sich|trage? dich"
    r"|tragen sie sich|abonnez-vous|"
    r"inscrivez-vous|recevez|suscríbete|suscribete|regístrate|assine|inscreva-se|cadastre-se|"
    r"iscriviti|подпишитесь|подписывайтесь|daftar|langganan|berlangganan|dapatkan|"
    r"schrijf je in|meld je aan|abonneer|prenumerera|anmäl dig|zapisz się|zapisz sie|"
    r"subskrybuj|přihlaste se|odebírejte|iratkozz(?:on)? fel|tilaa (?:\w+ )?uutiskirje|"
    r"đăng ký nhận (?:bản )?tin|اشترك|سجل)(?!\w)"
    # the verb last: "Bültenimize abone olun", "न्यूज़लेटर के लिए साइन अप करें"
    r"|(?:abone olun|kaydolun|साइन अप करें|सब्सक्राइब करें)$"
    r"|\byour inbox\b|\bour (?:[\w-]+ ){0,3}newsletters?\b|\bunseren? newsletter\b"
    r"|\bnotre (?:lettre d'information|newsletter)\b|\bnuestro boletín\b|\bnossa newsletter\b"
    # the German link label puts the verb last: "Newsletter abonnieren", "Zum Newsletter anmelden"
    r"|^(?:(?:den|unseren?|zum) )?newsletter (?:abonnieren|bestellen|anmelden)$"
    r"|\bzum (?:[\w-]+ ){0,2}newsletter\b[^.!?]{0,60}\banmelden\b",
    re.IGNORECASE,
)
#: cheap substring tests before the regular expressions (most paragraphs have none of them)
_NEWSLETTER_HINTS = (
    "newsletter", "inbox", "mail", "infolettre", "bolet", "рассылк", "nieuwsbrief",
    "nyhetsbrev", "bülten", "hírlevel", "uutiskirje", "bản tin", "النشرة", "न्यूज़लेटर",
    "न्यूजलेटर",
)  # fmt: skip
_FOLLOW_HINTS = (
    "follow", "like", "join", "find", "connect", "subscribe", "add ", "chat", "talk", "folg",
    "diskutier", "suivez", "retrouvez", "sígu", "sigu", "siga", "segui", "подпи", "следите",
    "присоедин", "читайте", "bergabung", "gabung", "simak",
    "ikuti", "关注", "フォロー", "volg", "följ", "śledź", "obserwuj", "sleduj", "takip",
    "urmăr", "urmar", "kövess", "seuraa", "theo dõi", "تابع", "फॉलो",
    "únete", "unete", "suscr", "rejoign", "abonn", "entr", "junte", "inscrev", "unisc", "iscriv",
)  # fmt: skip
_NEWSLETTER_HEADING = re.compile(
    r"^(?:[\w'’&+.-]+ ){0,4}(?:newsletters?|newsletter[ -]?(?:sign-?up|anmeldung|abonnement)"
    r"|e-?mail (?:updates|alerts))$",
    re.IGNORECASE,
)

# --- "follow us on ..." ----------------------------------------------------------------------
_FOLLOW_START = re.compile(
    rf"^(?i:please |and |also )?(?i:follow|like|join|find|connect with|subscribe to|add|"
    rf"chat with|talk to)"
    rf" (?:(?i:us|me|him|her|them|the (?:author|writer|reporter))|@\w+"
    rf"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}})"
    rf" (?i:on|at|via|in) (?i:{_SOCIAL})"
    # "Join our WhatsApp channel for the latest news", "Click here to follow our Telegram
    # channel": the site's own channel
    rf"|^(?i:(?:click|tap) here to |please |also )?(?i:follow|join|subscribe to)"
    rf" (?i:our|my)(?i: official)? (?i:{_SOCIAL})"
    r"(?i: (?:channel|group|community|page|account|handle|broadcast))?\b"
    # the same in Spanish, French, Portuguese, Italian: "Únete a nuestro canal de
    # WhatsApp", "Rejoignez notre chaîne WhatsApp", "Entre no nosso canal do WhatsApp"
    r"|^(?i:únete|unete|síguenos|siguenos|sigue|suscríbete|rejoignez|abonnez-vous|entre|entra"
    r"|junte-se|siga|inscreva-se|unisciti|iscriviti|segui)"
    r"(?i: (?:a|à|ao|al|no|na|em|en|nel|sur))?"
    r"(?i: (?:nuestro|nuestra|notre|nosso|nossa|il nostro|al nostro|nel nostro|la nostra))"
    r"(?i: (?:canal|chaîne|canale|grupo|groupe|gruppo|comunidad|communauté|comunidade"
    r"|comunità))"
    rf"(?i: (?:de|do|da|di|en|no|su|sur))? (?i:{_SOCIAL})\b"
    # "Diskutieren Sie mit dem Autor - auf Twitter oder auf Instagram!" (Horizont's)
    r"|^(?i:(?:diskutieren|folgen) sie (?:mit )?dem autor\b)"
    r"|^(?i:folgen sie uns|folge uns|suivez-nous|suivez nous|retrouvez-nous|síguenos|siguenos|"
    r"siga-nos|siga nos|seguici|seguinos|подписывайтесь на нас|подпишитесь на нас|"
    r"подписывайтесь на наш|подпишитесь на наш|следите за нами|присоединяйтесь к нам|"
    r"читайте нас|simak berita (?:lainnya|terkini|menarik)|"
    r"ikuti kami|关注我们|フォローして|volg ons (?:op|via)|följ oss|śledź nas|obserwuj nas|"
    r"sledujte nás|urmărește-ne|urmareste-ne|kövess minket|kövessen minket|seuraa meitä|"
    r"theo dõi chúng tôi|تابعونا|تابعنا|हमें फॉलो करें|bizi [^.!?]{1,60} takip edin$)"
)
#: a site's invitation to its group or channel in a line of its own, in Indonesian, where the
#: large sites end each story so ("Mari bergabung di Grup Telegram "Kompas.com News Update",
#: caranya klik link https://t.me/..., kemudian join.")
_CHANNEL_INVITE = re.compile(
    r"\b(?:(?:mari|ayo) )?(?:bergabung|gabung) (?:di |ke |dengan )?(?:grup|channel|saluran"
    r"|kanal|komunitas) (?:telegram|whatsapp)\b",
    re.IGNORECASE,
)
#: ... and the call that makes it one: "Mari"/"Ayo" before it, or how to join ("caranya klik
#: link https://t.me/..."); "Ratusan warga bergabung di grup Telegram itu" is a story's
_INVITE_CALL = re.compile(
    r"\b(?:mari|ayo) (?:bergabung|gabung)\b|\bklik\b|\bcaranya\b|t\.me/|whatsapp\.com/",
    re.IGNORECASE,
)
_FOLLOW_US = re.compile(r"\b(?:follow|like|join|find|connect with) us (?:on|at|via)\b", re.I)
#: "... may be reached at x@y.com. Follow her on Twitter @handle": an imperative sentence;
#: "Stay up to date on influencer marketing. Follow @handle": a follow button's label last
_FOLLOW_SENTENCE = re.compile(
    rf"(?:^|[.!?]\s+)(?:Follow|FOLLOW) (?:(?i:us|me|him|her|them)|@\w+)"
    rf" (?i:on|at|via) (?i:{_SOCIAL})"
    r"|(?:^|[.!?]\s+)(?:Follow|FOLLOW) @\w+[.!]?$"
)
#: a call to click, in a line shouted in capitals: "CLICK HERE TO GET THE FOX NEWS APP",
#: "GET FOX BUSINESS ON THE GO BY CLICKING HERE" (a story's own "Click here to get more
#: information" is written in sentence case, and stays)
_SHOUTED_CALL = re.compile(r"\b(?:CLICK(?:ING)?|TAP(?:PING)?) HERE\b")
#: a line is shouted when more than this share of its letters are capitals
_SHOUTED_SHARE = 0.7


def is_shouted(line: str) -> bool:
    """Whether `line` is shouted in capitals, as promotions and teaser headlines are
    (a story's sentences are not; an acronym or two does not make a line shouted)."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > _SHOUTED_SHARE * len(letters)


#: "Follow AP's full coverage of Brexit at https://...": a short promo pointing elsewhere
_PROMO_LINK = re.compile(
    r"^(?:follow|read|see|watch|listen to|get|find|check out|visit|download)\b[^\n]{0,200}"
    r"(?:https?://|www\.)",
    re.IGNORECASE,
)
#: a subscription offer: an imperative that sells the publication ("Get Motor Cycle Monthly
#: delivered through your letterbox. 12 issues for £11.99", "Get access to ... Pro for as
#: little as Rs 599 ... Use the code"): the imperative, a price and two terms of a sale
#: ("issues for", "a month", "use the code", "free trial") must all be there; one term is a
#: deal the story reports ("Sign up for Hulu for $11.99 a month")
_OFFER_START = re.compile(
    r"^(?:get|subscribe|sign up|buy|order|claim|unlock|try|start|join|become)\b", re.IGNORECASE
)
_OFFER_WORDS = re.compile(
    r"\bissues for\b|letterbox|\byour door\b|\bpromo code\b|\buse the code\b|\bcoupon code\b"
    r"|\bfor as little as\b|\bfree trial\b|\b(?:a|per) (?:week|month|year|issue)\b"
    r"|\byour first (?:year|month|issue)|\bfirst year\b",
    re.IGNORECASE,
)
_PRICE = re.compile(r"(?:[£$€₹]|\b(?:rs\.?|inr|usd|eur|gbp)\s?)\d", re.IGNORECASE)
#: membership and donation appeals ("If you enjoyed this article ... Join/Support/Donate")
_APPEAL = re.compile(
    r"^if you (?:enjoyed|liked|value|appreciate|found|like|enjoy|love)\b[^\n]{0,120}"
    r"\b(?:join|subscribe|support|donate|member|contribut|become)",
    re.IGNORECASE,
)

#: the buttons of a membership or donation appeal
_CALL = (
    r"(?:donate(?: now| today)?|give now|contribute|subscribe(?: now| today)?|become a (?:member"
    r"|subscriber|supporter|patron)|support us|join (?:now|us|today)"
    r"|(?:already (?:a )?(?:subscriber|member)\?\s*)?(?:sign|log) in)"
)
#: a call to join the site's forum or group
_JOIN = (
    r"join (?:our|the) (?:[\w'’&-]+ ){0,3}(?:forums?|community|discord|subreddit"
    r"|facebook group)\b[^\n]{0,250}"
)
#: ... which, in the site's own voice ("our"), may run on to a second sentence ("Join our
#: Space Forums to keep talking space on the latest missions, night sky and more! And if you
#: have a news tip, correction or comment, let us know at: community@space.com.": 33 words,
#: past the prompts' `MAX_LINE_WORDS`); "Join the community garden ..." opens a story's
_OUR_JOIN_CALL = _compile([_JOIN.replace("(?:our|the)", "our", 1)])

#: short calls to subscribe, sign in, download the app or send a tip, and pointers to the
#: "full story" elsewhere, each a whole paragraph ("Subscribe now", "Already a subscriber?
#: Sign in", "Get the Fox News app", "Have a news tip? Email us at ...")
_PROMPT = _compile(
    [
        r"(?:click here to |please )?subscribe(?: now| today| here)?",
        # the same button in the other languages: "Jetzt abonnieren", "Suscríbete ahora"
        # ... and "CHANGELOG ABONNIEREN", "Podcast abonnieren": the thing, then the verb
        r"(?:jetzt |[\w.-]++ (?:[\w.-]++ )?)?abonnieren|s['’]abonner|abonnez-vous"
        r"|suscr[ií]bete(?: ahora| ya)?"
        r"|assine(?: já| agora)?|подписаться|iscriviti(?: ora)?|abbonati(?: ora)?"
        r"|berlangganan(?: sekarang)?",
        r"(?:already (?:a )?(?:subscriber|member)\?\s*)?(?:sign|log) in(?: here| now)?"
        r"(?: to (?:continue|keep) reading| to read (?:more|the full (?:story|article)))?",
        r"(?:support|fund) (?:independent|quality|local|our) (?:journalism|news|reporting"
        r"|fact-checking|fact checking|media|journalists)"
        r"(?: today| now)?",
        r"become a (?:member|subscriber|supporter|patron)(?: today| now)?",
        # a paywall's pitch: "Continue reading with a subscription", "Get unlimited access to
        # our journalism for just $1 a week"; a plan the story reports names no "our"
        rf"(?:to )?continue reading(?: this (?:article|story))?(?:,| with) (?:a |an )?"
        rf"(?:subscription|subscribe|free account"
        rf"|account|membership)(?: (?:to|for) [^.!?\n]{{1,40}}?)?(?:[.!?]?\s*{_CALL})*",
        r"(?:subscribe (?:for|to get) |(?:get|enjoy|unlock|gain) )unlimited (?:digital )?access"
        r"(?: to (?:our|all (?:of )?our|every)\b[^.!?\n]{0,80})?(?: for (?:just |only )?"
        r"[^.!?\n]{0,40})?",
        # an appeal box's pitch and its buttons: "Independent reporting takes time and money.
        # Become a member today and help us keep our stories free for everyone.", "Donate
        # Become a member"; a call that does not speak for the site ("... Become a member and
        # you get free parking, the club says.") is a story's
        r"(?:[^.!?\n]{0,120}[.!?]\s+)?(?:become a (?:member|subscriber|supporter|patron)|donate"
        r"|make a (?:donation|contribution)|support us)(?: today| now)?(?: and | to )"
        r"[^\n]{0,100}\b(?:us|our)\b[^\n]{0,100}",
        rf"{_CALL}(?:\s*(?:[|·•/]\s*)?{_CALL}){{1,3}}",
        # an appeal's pitch that ends in its call in the other languages: "เท่าไรก็ได้
        # การสนับสนุนจากคุณ คือการร่วมสร้างและรักษาสื่อเสรี ... ร่วมสนับสนุนเรา" (any amount: your
        # support keeps a free press ... support us); the call ends it, as a button does
        r"(?:[^\n]{0,200}?\s)?(?:ร่วม)?สนับสนุนเรา|(?:[^\n]{0,200}?\s)?(?:unterstützen sie uns"
        r"|soutenez-nous|apóyanos|apoie-nos|sostienici|dukung kami|поддержите нас)"
        r"(?: jetzt| maintenant| ahora| hoy| já| ora| sekarang| сейчас)?[.!]?",
        r"(?:download|get|install) (?:the|our) (?:[\w&'’.-]+ ){0,3}app"
        r"(?: now| today| here| for free)?(?: (?:for|to get) [^.!?\n]{1,60})?",
        # a pointer to more of the site: "Click here to read more stories like this", "Read
        # the latest updates on the war in Ukraine here"
        r"click here (?:to read|for) more\b[^.!?\n]{0,60}",
        r"(?:read|get|follow|see) (?:the |all (?:the |of our )?|our )?(?:latest |live |full )?"
        r"(?:updates|coverage|news|stories) (?:on|of|about|from) [^.!?\n]{1,80} here",
        r"(?:got|have) a (?:news )?tip\?\s*[^\n]{0,100}",
        # a feedback box's line: "Questions? Comments? Email us at marketinsider@cnbc.com"
        r"questions\?\s*comments\?\s*(?:e-?mail|write to|contact) us(?: at)?(?: \S{1,60})?",
        # the site's own accounts, a label and an address or a handle: "Facebook:
        # https://www.facebook.com/...", "เฟซบุ๊ก https://fb.me/prachatai", "LINE ID = @prachatai"
        rf"(?:[^\s:：=]{{1,25}}(?: [^\s:：=]{{1,25}}){{0,2}})?\s*+(?:[:：=]\s*+)?(?:https?://)?(?:www\.)?"
        # an account's page, never a post's (a tweet's address is the story's embed)
        rf"{_SOCIAL_DOMAIN}/[\w.@-]*/?",
        rf"{_SOCIAL}(?:\s*+(?:id|ไอดี))?\s*+(?:[:：=]\s*+)?@[\w.]{{2,30}}",
        # a call to click through to the site's group or page: "Buat yang ingin gabung ke grup
        # Islam silahkan klik https://www.facebook.com/groups/mediaislam Dan klik Join/Gabung"
        r"[^\n]{0,80}\b(?:click|klik|klick|cliquez|clique|clicca|haz clic)\b[^\n.,;!?]{0,40}?"
        rf"(?:https?://)?(?:www\.)?{_SOCIAL_DOMAIN}/[\w.@/-]*[^\n]{{0,60}}",
        # a podcast's promotion: "Subscribe to The Daily on Apple Podcasts, Spotify or
        # wherever you get your podcasts"
        r"[^\n]{0,150}wherever you (?:get|listen to|find) (?:your )?podcasts[^\n]{0,60}",
        # a radio show's: "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen
        # back here."
        r"(?:listen|tune in) (?:to )?[^.!?\n]{1,40} live\b[^\n]{0,80}\blisten (?:back|again)"
        r"(?: here| now| on [^.!?\n]{1,40})?",
        # a corrections box: "Spotted an error in this story? Let us know by emailing ..."
        r"(?:spotted|spot|found|see|seen|noticed?) (?:an? )?(?:error|mistake|typo|inaccuracy)"
        r"(?: in this (?:story|article|report|post))?\?\s*[^\n]{0,150}",
        r"(?:click here to )?read (?:the )?(?:full|whole|complete|original) (?:story|article|"
        r"report|interview)(?: here| on [^.!?]{1,40}| at [^.!?]{1,60})?",
        r"click here to read more|source link",
        r"click here for (?:the )?(?:latest|more|all (?:the )?latest) (?:news|stories|updates"
        r"|headlines)(?: [^.!?\n]{1,40})?",
        # account prompts and a paywall's counter: "Create a free account", "Sign in to save",
        # "You have 3 free articles remaining", "You have 1 article left to read this month
        # before you need to register a free LeadDev.com account"
        r"(?:create|open) (?:a|an|your) (?:free )?account(?: to (?:continue|keep) reading| to read"
        r" more| today| now)?|(?:sign|log) in to (?:save|comment|bookmark|follow|continue)"
        r"|register (?:for free |now )?to (?:continue|keep) reading|sign up for free"
        r"|you have (?:\d{1,2}|one|two|three|four|five) (?:free (?:articles?|stories)"
        r"(?: (?:left|remaining))?|(?:articles?|stories) (?:left|remaining))(?: to read)?"
        r"(?: this (?:month|week))?(?: before you (?:need to |must |have to )?(?:register|"
        r"subscribe|sign up|log in)(?:[^.!?\n]|\.(?=\w)){0,80})?"
        r"|get (?:the )?(?:latest |top |breaking )?(?:news|headlines|stories) delivered"
        r"(?: (?:daily|to your inbox|every (?:morning|day)|free))+"
        r"|have your say|we want to hear from you|how to contact us",
        # a box's heading that sells the print magazine or a post alert: "Get The Magazine",
        # "Never miss a post"
        r"(?:get|buy|order|subscribe to) (?:the|our) (?:print )?(?:magazine|print edition"
        r"|newspaper|digital edition|paper)(?: now| today| here)?",
        r"(?:get|sign up for|subscribe to) (?:[\w’'-]+ ){0,2}(?:alerts|notifications)"
        r"(?: (?:by|via) e-?mail)?",
        # "Sign up to receive regular updates with the latest roles suitable for you"
        r"sign up (?:here |now |today )?to (?:receive|get) (?:[^.!?]{0,60} )?(?:updates|alerts"
        r"|offers)(?: [^.!?]{0,60})?",
        r"never miss an? (?:post|story|article|update|thing|beat|episode|deal|headline)"
        r"(?: again)?",
        # the box's pitch and the forum's: "The best in culture from a cultural icon.
        # Subscribe now for more from ...", "Join our Space Forums to keep talking space ..."
        r"(?:[^.!?\n]{0,80}[.!?]\s+)?subscribe (?:now|today) (?:for|to get|to receive|and get"
        r"|and save)\b[^\n]{0,150}",
        _JOIN,
        # shop buttons and the affiliate labels before a product link ("ADD TO CART: US$25
        # Gift Card"); a deal the story lists ("Get it on Amazon for $39.99") has no label,
        # and a gift guide's button under each product ("See it now: Amazon") is the story's
        # to the annotators (ZDNet's), as is its disclosure
        r"(?:add to (?:cart|basket|bag)|buy (?:it )?now|shop now|(?:view|check|see) (?:the )?"
        r"(?:price|deal)s?)(?:\s*[:：|]\s*[^\n]{1,150})?",
    ]
)

# --- photo and source credits ----------------------------------------------------------------
_CREDIT = _compile(
    [
        r"\(?(?:main |top |lead |header |featured |cover |quellen? )?(?:photo|photos|photograph|"
        r"image|images|picture|pictures|pic|pics|video|graphic|illustration|credit|credits|source|"
        r"sources|foto|fotos|bild|bilder|quelle|bildquellen?|bildnachweise?|fotonachweise?|"
        r"crédits? photo|crédit|crédits|crédito|créditos|fonte|fuente|fotografía|fotografia|"
        r"imagem|imagens|vídeo|видео|фотография|"
        r"источник|фото|иллюстрация|图片|图片来源|来源|写真|사진|sumber|gambar|"
        # Polish, Czech, Dutch, Swedish, Turkish, Romanian, Hungarian, Finnish, Vietnamese,
        # Arabic, Hindi
        r"zdjęcie|zdjęcia|źródło|zdroj|bron|beeld|källa|fotoğraf|kaynak|sursa|sursă|fotó|forrás|"
        r"kuva|lähde|ảnh|nguồn|صورة|الصورة|المصدر|फोटो|फ़ोटो|तस्वीर|स्रोत)"
        # the credit may name a domain: "Bild: S-F / Shutterstock.com" (a dot inside a word,
        # never the full stop that ends a sentence and starts another)
        rf"(?: credits?| sources?| by| courtesy| via| \(cc\))?\s*[:：©|=＝]\s*{_NAME_SPAN}{{1,80}}"
        r"[.)]?\)?",
        rf"(?:™\s*&\s*)?{_COPYRIGHT}\s*[^\n]{{0,200}}",
        # the heading of a list of photo credits: "Bildnachweise (von oben nach unten):"
        r"(?:image|photo|picture) credits|(?:bildnachweise?|fotonachweise?|bildquellen?)"
        r"(?: \([^()]{1,40}\))?\s*:?",
        # a caption that ends with its credit: "Installation views, photos © Studio, 2018"
        r"[^.!?]{1,120}[,;|–—-]\s*(?:(?:photos?|images?|pictures?|video|illustration)s?\s*)?"
        rf"{_COPYRIGHT}\s*[^.!?]{{1,60}}",
        r"all rights reserved",
        rf"(?:image|photo|picture) copyright\s+{_NO_CLAUSE}[^.!?]{{1,80}}",
        # "Photos by cmgirl (Shutterstock), Macrovector (Shutterstock), J E Theriot", "Top
        # photo by Joan Bardeletti", "Image courtesy of NASA": a list of names, never a clause
        # ("Video from the scene shows police ..." is the story's sentence)
        r"\(?(?:(?:main|top|lead|header|featured|cover) )?(?:photo|photograph|image|picture"
        rf"|video|illustration|graphic)s? (?:by|courtesy of|courtesy|via|from)\s+{_NO_CLAUSE}"
        r"[^.!?]{1,200}?\.?\)?",
        # Polish writes the label short, with a full stop: "Fot. PAP/Leszek Szymański"
        r"\(?fot\.\s*(?:(?-i:[A-ZĄĆĘŁŃÓŚŹŻ])[^.!?\d]{0,60}|materiały (?:prasowe|własne))\)?",
        # a picture's label alone: "Ảnh minh họa" (an illustration), "صورة أرشيفية" (a file
        # photo), "Zdjęcie ilustracyjne", "Temsili fotoğraf"
        r"\(?(?:ảnh minh họa|ảnh minh hoạ|ảnh tư liệu|صورة تعبيرية|صورة أرشيفية|صورة من الأرشيف|"
        r"zdjęcie ilustracyjne|temsili fotoğraf|arşiv fotoğrafı|illustratiefoto|archieffoto|"
        r"प्रतीकात्मक तस्वीर|फाइल फोटो)\)?",
        # Brazil's credits alone: "Reprodução/Instagram" (a copy of a post), "Divulgação" (a
        # press photo)
        r"\(?(?:reprodução|divulgação)(?:\s*/\s*[^.!?()/]{1,40})?\)?",
        # a credit line alone: "Courtesy of Forests News", "Courtesy G4"
        rf"\(?courtesy(?: of)? {_NO_CLAUSE}[^.!?,;]{{1,50}}\)?",
        # the agency first, then the photographer: "AP Photo/Alan Diaz, File", "dpa/Jens Büttner"
        rf"\(?{AGENCY}(?: photos?)?\s*/\s*{_NO_CLAUSE}[^.!?/()]{{1,60}}"
        r"(?:/\s*file(?: photo)?)?\)?",
        # the editor's credit under Chinese news: "【责任编辑：严玉洁】"
        r"[【\[（(]?\s*(?:责任编辑|責任編輯|编辑|編輯|撰稿|校对|审核|编审)\s*[:：]\s*[^】\]）)\n]{1,30}"
        r"[】\]）)]?",
        rf"[^.!?]{{0,60}}\s*/\s*{AGENCY}\)?",
        rf"\(?{AGENCY}\)?",
        # a credit of names and agencies between bars: "Natalie Naccache | Bloomberg | Getty
        # Images", "Mark Wilson | Getty Images News | Getty Images" (CNBC, NBC)
        rf"(?:[^|.!?]{{1,40}}+\|\s*+){{1,3}}{AGENCY}(?: news)?",
        # a syndication source: "Via SyndiGate.info", "via Reuters"
        rf"via (?:{AGENCY}|(?:[\w-]+\.)+[a-z]{{2,}})",
    ]
)

#: a photo credited under a Creative Commons licence ends with it: "Flower von Flower`s Lover
#: CC BY 2.0", "Photo by Jane Doe (CC BY-SA 4.0)"; searched at the end of the line alone (a
#: leading "anything up to the licence" would be tried from every position of a long word)
_CC_LICENCE = re.compile(r"\(?\bcc (?:by|0)(?:-(?:sa|nc|nd)){0,3}(?: \d\.\d)?\)?\Z", re.IGNORECASE)
#: a full stop, question or exclamation mark that ends a sentence (not the dot of a domain)
_SENTENCE_END = re.compile(r"[.!?](?!\w)")


def _is_cc_credit(core: str) -> bool:
    """A name and a Creative Commons licence, with no sentence before the licence."""
    licence = _CC_LICENCE.search(core)
    return (
        licence is not None
        and 0 < licence.start() <= 100
        and _SENTENCE_END.search(core, 0, licence.start()) is None
    )


#: a caption that ends with its photo credit, the two run together when the caption's
#: class was not one the extractor knows (a story's own sentences do not end this way)
_CAPTION_CREDIT = re.compile(
    # "... in Hialeah, Fla. (AP Photo/Alan Diaz, File)", "... (Manu Fernandez/AP)",
    # "... (NASA via AP, File)", "... (Credit: Getty Images)"
    rf"(?:\((?:[^()]{{0,60}}(?:/|\bvia |: )){AGENCY}(?:\s*[/,][^()]{{0,60}})?\)"
    rf"|\({AGENCY} photos?(?:\s*[/,][^()]{{0,60}})?\)"
    # "... to lose its autonomy (Image: getty )", "... how they happened (Image: EXPRESS)":
    # a picture's credit named so needs no agency
    r"|\((?:image|photo|picture|pic)\s*:\s*[^()\n]{1,60}\)"
    # "... tourists. (Reuters)": an agency alone needs a sentence before it ("the record (ePA)")
    rf"|[.!?\"”’]\s*\({AGENCY}(?:\s*[/,][^()]{{0,60}})?\)"
    # "... in Las Vegas.Photo: John Locher, AP", "... The Islanders ... morePhoto: Gene J. Puskar",
    # German captions: "... zu den Unterstützern. Bild: dpa", "... Foto: Michael Kappeler/dpa"
    r"|(?:[.!?)…]|\bmore)\s*(?:photo|image|picture|credit|bild|foto)s?(?: credit)?\s*:\s*"
    rf"(?:(?-i:[A-Z])(?:[^.!?:()]|(?<=\b[A-Z])\.){{0,40}}|{AGENCY})"
    # "... outside a co-working space in New York.Reuters", "... easy.Kathrin Ziegler/Getty"
    rf"|[^\W\d_][.!?](?:[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){{0,3}}/)?{AGENCY}"
    # "... in Beijing, China, March 7, 2019. REUTERS/Thomas Peter/File Photo"
    r"|[.!?]\s+(?-i:REUTERS|AFP|EPA|XINHUA|AP)/(?-i:[A-Z])[^./\n]{1,40}(?:/File(?: Photo)?)?"
    r")$",
    re.IGNORECASE,
)
#: captions run longer than boilerplate lines, but not to a paragraph of story
_CAPTION_MAX_WORDS = 80
#: a caption's toggles, each a line when the caption's class was not one the extractor
#: knows: the whole caption, ending "... nation. less", and the caption cut short, ending
#: "... relations ... more" (Hearst's papers); a story's sentence ends neither way
_LESS = r"(?:[.!?][\"”’]?|\))\s+less"
_MORE = r"(?:…|\.{3})\s*more"
_CAPTION_TOGGLE = re.compile(rf"(?:{_LESS}|{_MORE})$")
#: ... and both run together before the credit, twice the caption's words: "... nation.
#: less U.S. Defense Secretary ... relations ... more Photo: Hau Dinh, AP"
_CAPTION_TOGGLES = re.compile(rf"{_LESS}\s+[^\n]{{20,}}?{_MORE}\b")


# --- page chrome that ends up inside the article container -----------------------------------
#: a poll's label ("Quick Poll", "Umfrage"): a line of its own above the poll's question
_POLL_LABEL = r"(?:quick |reader |daily |weekly |today['’]s )?poll|umfrage|sondage|encuesta|enquete"
_POLL_LABEL_RE = re.compile(_POLL_LABEL, re.IGNORECASE)
#: a podcast player's episode with its length ("Episode 42 · 23 min", "Folge 7 | 31:05")
_EPISODE_LENGTH = (
    r"(?:episode|ep\.?|folge|épisode|episodio) \d{1,4}\s*[·•|:–—-]\s*(?:\d{1,3} ?min(?:ute)?s?"
    r"|\d{1,2}:\d{2}(?::\d{2})?)"
)
_EPISODE_LENGTH_RE = re.compile(_EPISODE_LENGTH, re.IGNORECASE)
_CHROME = _compile(
    [
        # the same tools in the other languages: listen, save, show or load more, font size,
        # write a comment, share this article, back to the list, back to the top
        r"(?:escuchar|ouvir|vorlesen|guardar|salvar|enregistrer|merken|ver más|ver mais"
        r"|voir plus|mehr anzeigen|mostra di più|показать (?:ещё|еще)|cargar más"
        r"|carregar mais|charger plus|mehr laden|carica altri|schriftgröße|tamaño de letra"
        r"|taille du texte|tamanho da fonte|dimensione del testo|размер шрифта"
        r"|escribe un comentario|écrire un commentaire|escreva um comentário|scrivi un commento"
        r"|teilen sie diesen (?:artikel|beitrag)|partagez cet article|zurück zur übersicht"
        r"|volver al listado|retour à la liste|torna all['’]elenco|voltar para a lista"
        r"|kembali ke atas|подписаться на рассылку)",
        # a page's tools and labels left as lines of their own: "Audio version", "Read full
        # bio", "Swipe for more photos", "Load more comments", "Sort by: Newest", a
        # breadcrumb ("Home > News > Politics", "You are here: Home / News", "Accueil > ..."),
        # a player's or an embed's placeholder ("Video unavailable", "Embedded content")
        r"(?:audio version|add to (?:my )?bookmarks|read (?:full|more) bio|view all posts"
        rf"|see all (?:articles|posts|stories) by {_NAME_SPAN}{{1,40}}|swipe for more photos"
        r"|scroll (?:down )?for (?:the )?video|enter your e-?mail(?: address)?|accept cookies"
        r"|manage (?:cookie )?preferences|load more comments|be the first to comment"
        r"|sort by:? (?:newest|oldest|best|top|most recent|popular)|top of page|breadcrumbs?"
        r"|video unavailable|embedded content"
        r"|(?:view|switch to|go to|back to) (?:the )?(?:full|desktop|mobile|classic|standard)"
        r" (?:site|version|view)"
        r"|(?:you are here:?\s*)?(?:home|startseite|accueil|inicio|início|pagina iniziale"
        r"|главная|strona główna|forside|etusivu|ana sayfa|beranda|trang chủ)"
        r"\s*[>/»›]\s*[^.!?\n]{1,80}|you are here:\s*[^.!?\n]{1,80}"
        # notification and tip prompts: "Tap here to turn on desktop notifications to get the
        # news sent straight to you.", "Got a story? Contact us", "Want more? Follow us"
        r"|(?:tap|click) here to turn on (?:desktop |push |browser )?notifications[^.!?\n]{0,80}"
        r"|get (?:push|breaking news|browser) notifications[^.!?\n]{0,60}"
        r"|got a (?:story|tip|news tip)\??\s*(?:contact|email|e-mail|message) us[^.!?\n]{0,40}"
        r"|want more\??\s*(?:follow|subscribe|sign up)[^.!?\n]{0,40}"
        # a cookie banner's one line: "We use cookies to improve your experience"
        r"|we use cookies to (?:improve|enhance|personali[sz]e|give you)(?: (?:your|the best"
        r"|our|a better))? (?:experience|browsing experience|service|site|website)"
        r"(?: on (?:our|this) (?:site|website))?)",
        r"(?:back to top|skip to (?:main )?content|go to top|scroll to top|close|menu|\(end\)|"
        r"url is copied|link copied|copied to clipboard|"
        r"toggle navigation|loading|please wait|play video|watch video|click to (?:enlarge|expand)|"
        r"enlarge (?:this )?image|toggle caption|hide caption|show caption|view gallery|"
        r"open gallery|view (?:full )?image|expand|collapse|zoom|caption|close caption|"
        r"photo gallery|bildergalerie|galería de fotos|galerie photos|фотогалерея|"
        r"galeria de fotos|galleria fotografica|fotogalerie|"
        r"(?:last )?updated|published)",
        # the same tools in the other languages: print, listen, back to the top
        r"(?:(?:artikel )?drucken|imprimer|imprimir|stampa|печать|распечатать|afdrukken|printen"
        r"|drukuj|vytisknout|yazdır|imprimă|nyomtatás|tulosta|in bài viết|طباعة|प्रिंट"
        r"|(?:artikel )?anhören|artikel vorlesen|écouter(?: cet| l'| l’)? ?article"
        r"|escuchar (?:este |el )?(?:artículo|noticia)|ouvir (?:esta |a )?(?:notícia|matéria)"
        r"|ascolta l'articolo|ascolta l’articolo|слушать(?: статью)?|luister naar dit artikel"
        r"|posłuchaj(?: artykułu)?|haberi dinle|nghe bài viết|استمع إلى المقال|खबर सुनें"
        r"|zum seitenanfang|nach oben|haut de page|retour en haut|volver arriba|voltar ao topo"
        r"|torna su|наверх|naar boven|do góry|başa dön|lên đầu trang|العودة للأعلى)",
        # the labels of a story page's tools, when their markup was not recognised
        r"audio for this (?:article|story) is not available|(?:listen|play) (?:to )?(?:this )?"
        # with the player's time and speed run into it ("Listen to this article0:00 / 5:32")
        r"(?:article|story|audio)(?:\s*\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?"
        r"|\s*\d{1,3} ?min(?:ute)?s?(?: listen)?)?"
        r"(?:\s*\d(?:\.\d+)?x)?|send us your (?:news )?tips"
        # a row of counts: "1.2K Shares 45 Comments", "3,410 views"
        r"|(?:[^\w\s]{0,2}\s*\d[\d.,]*+[km]? ?(?:shares?|comments?|views?|likes?|reactions?"
        r"|reads?|votes?|ratings?)\s*){1,4}"
        # a reaction widget's question and its buttons: "What's your reaction? Like Love Wow"
        r"|(?:what['’]?s|what is) your reaction(?:\?\s*(?:(?:like|love|haha|wow|sad|angry"
        r"|happy|funny|surprised|inspired|excited|in love|not sure|silly|scared|lol|omg|cute"
        r"|win|fail)\s*)*)?"
        # a WordPress theme's entry footer: "This entry was posted in News and tagged budget,
        # council. Bookmark the permalink."
        r"|this (?:entry|post) was posted (?:in|on)\b[^\n]{0,200}?(?:bookmark the permalink"
        r"|\.\s*$|$)"
        r"|bookmark the permalink"
        # a story's jump links, by the capitals of its sections' names: "Jump to Recipe Print
        # Recipe", "Jump to: Background | Reaction"; "Jump to conclusions ..." is a sentence
        r"|(?:jump|skip) to(?: section)?(?::[^\n]{0,150}|(?: (?-i:[A-Z0-9][\w'’&-]*))*)"
        # a rating widget: "Rate this article: ★★★★☆ 4.2 (35 votes)"
        r"|rate this (?:article|story|post|page|recipe)\s*:?(?:\s*[★☆✩✭⭐]+)?"
        r"(?:\s*\d(?:[.,]\d)?(?:\s*(?:/|out of)\s*5)?)?(?:\s*\(?\d+ (?:votes?|ratings?)\)?)?"
        r"|(?:contact|email|e-mail|message) the (?:author|writer|reporter)(?: at \S+)?"
        r"|corrections? (?:&|and) clarifications|(?:report|suggest|submit) an? (?:error|typo"
        r"|correction|mistake)|(?:increase |decrease |reset )?(?:text|font) size|a a a"
        r"|save(?: (?:this )?(?:article|story)| for later| to reading list)?"
        r"|gift (?:this )?(?:article|story)|unlock (?:this )?(?:article|story)"
        r"|(?:comments?|kommentare|commentaires|comentarios) \(\d*\)?"
        r"|close (?:modal|dialog|window|overlay|popup|pop-up|menu|search)"
        # the player links of WordPress's most used podcast plugin: "Podcast: Play in new window
        # | Download (Duration: 32:10 — 29.4MB) | Embed", "Subscribe: Apple Podcasts | RSS"
        r"|podcast: play in new window(?: \| download(?: \([^()]{0,60}\))?)?(?: \| embed)?"
        r"|subscribe: (?:apple podcasts|google podcasts|spotify|android|rss|stitcher|tunein"
        r"|email|podcast addict|pocket casts|amazon music|overcast|castbox)"
        r"(?: \| [\w .+-]{1,25}){0,12}"
        r"|expand (?:image|photo|gallery)|replay|now playing|jump to (?:comments|the comments)"
        # a poll's label, and a podcast player's episode with its length ("Episode 42 · 23
        # min"): an episode named without its length may be a show's own heading
        rf"|{_POLL_LABEL}|{_EPISODE_LENGTH}"
        # the other languages' home link, comment button and "keep reading"
        r"|zur startseite|retour à l['’]accueil|volver a la portada|voltar (?:para )?a página"
        r" inicial|на главную|réagir|(?:sigue|seguir|continuar|continúa) leyendo"
        r"|continu(?:e|ar) lendo|leggi tutto|continua a leggere|czytaj dalej|читать далее"
        r"|lanjutkan membaca|더보기|기사 더보기|подробнее|selengkapnya(?: di sini)?"
        # a feedback question: "Hat Ihnen dieser Artikel gefallen?"
        r"|(?:hat|haben) ihnen (?:dieser|der|unser) (?:artikel|beitrag) gefallen"
        r"|cet article vous a-t-il plu|¿?te (?:ha )?gust(?:ó|ado) (?:este|esta) (?:artículo|nota"
        r"|noticia)|você gostou (?:deste|desta) (?:artigo|matéria|notícia)"
        # a player's fallback text: "Votre navigateur ne supporte pas la vidéo."
        r"|votre navigateur ne (?:supporte|prend en charge) pas [^.!?\n]{1,40}"
        r"|ihr browser unterstützt [^.!?\n]{1,50} nicht|tu navegador no (?:soporta|admite|es"
        r" compatible con) [^.!?\n]{1,40}|seu navegador não (?:suporta|é compatível com)"
        r" [^.!?\n]{1,40}|ваш браузер не поддерживает [^.!?\n]{1,40}"
        # a sponsor's credit: "Presented by Acme Bank", "In partnership with Acme Bank"
        r"|(?:presented|sponsored|brought to you|underwritten) by(?-i: [A-Z][\w&'’.-]*){1,5}"
        r"|in (?:partnership|association|collaboration) with(?-i: [A-Z][\w&'’.-]*){1,5}"
        # a map's credit and link, a gallery's count, a video ad's controls
        r"|(?:map data\s*©\s*\d{4}[^\n]{0,60}?\s*)?(?:view larger map|report a map error)"
        r"(?:\s*report a map error)?|map data\s*©\s*\d{4}[^\n]{0,60}"
        r"|(?:(?:photo |image |picture )?gallery\s*)?\(?\d{1,3} (?:photos|images|pictures)\)?"
        # a gallery's counter and its way out: "Image 1 of / 8" (Hearst's, the count apart
        # in markup), "Photo 3 of 12", "Back to Gallery"
        r"|(?:image|photo|picture|slide) \d{1,3} (?:of|/)(?: ?/)? ?\d{1,3}"
        r"|back to (?:the )?(?:gallery|slideshow)"
        r"|skip ads?(?:\s*ad will close in \d{1,2} seconds?)?|ad will close in \d{1,2} seconds?"
        r"|your video will (?:begin|play|start) (?:in \d{1,2} seconds?|after (?:this|the) ad)"
        # a player's label with its length in brackets, comment and footer links, a theme's
        # switch: "Listen (5 min)", "Go to comments", "Advertise", "Dark mode"
        r"|listen(?: now)? \(\d{1,3} ?min(?:ute)?s?\)|(?:go|skip) to (?:the )?comments|advertise"
        r"|dark mode|light mode"
        # a social handle alone on its line, an author box's link ("@janedoe")
        r"|@[\w.]{1,40}"
        r"|back to (?:the )?(?:article|story)|supported by|sign up"
        r"|already have an account\?\s*(?:sign|log) in"
        r"|create a (?:free )?account to (?:continue reading|keep reading|read more)"
        r"|follow(?: (?:this )?(?:topic|author|writer))?|add to (?:favou?rites|reading list)"
        r"|more about|topics|(?:view|show|load|see) (?:more|all)|open in (?:the )?app"
        r"|this (?:article|story) is more than \d+ (?:years?|months?|days?) old"
        r"|reuse this content"
        # WordPress's screen-reader heading and category line, a tag cloud's heading
        r"|post navigation|tags|categories|etiquetas|schlagwörter|mots-clés|теги|тэги|метки|tag"
        r"|tagi|étiquettes"
        r"|posted in [\w&'’-]+(?: [\w&'’-]+){0,2}(?:(?:, | \| | and )[\w&'’-]+(?: [\w&'’-]+){0,2})*"
        # the BBC's labels for a picture: "Image source, Getty Images"
        r"|image source,? [^.!?]{1,60}"
        r"|click here to sign up|sign up (?:here|now|today)",
        # an embedded post's fallback text, as pages show it with scripts off: "View this post
        # on Instagram", "A post shared by Jane Doe (@janedoe) on Mar 3, 2019 at 4:12pm PST"
        r"view this (?:post|profile|photo|video) on (?:instagram|facebook|tiktok|threads)"
        r"|a (?:post|photo|video) shared by [^()\n]{1,60}\(@[\w.]{1,40}\)(?: on [^\n]{4,40})?"
        r"|embed from getty images|opens? in (?:a )?new (?:window|tab)"
        r"|subscribe to (?:our|my|the) (?:youtube )?channel",
        # the words a video.js player writes into the page, when it was saved after playing
        r"video player is loading|(?:current|remaining) time -?\d{1,2}:\d{2}(?::\d{2})?"
        r"|duration(?: time)? \d{1,2}:\d{2}(?::\d{2})?|loaded: \d{1,3}(?:\.\d+)?%"
        r"|stream type live|playback rate(?: \d(?:\.\d+)?x)?"
        r"|(?:captions|subtitles|descriptions|chapters) (?:off|settings)(?:, (?:selected|opens "
        r"(?:captions|subtitles) settings dialog))?"
        r"|this is a modal window|beginning of dialog window\. escape will cancel and close the "
        r"window|end of dialog window|close modal dialog|(?:exit |non-)?fullscreen|unmute|mute"
        r"|picture-in-picture|no compatible source was found for this media"
        r"|the media could not be loaded, either because the server or network failed or "
        r"because the format is not supported",
        # the site's footer links, one a line when the footer came in with the story
        r"terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice)|cookie (?:policy"
        r"|settings|preferences)|contact us|about us|advertise with us|sitemap"
        r"|do not sell(?: or share)? my (?:personal )?info(?:rmation)?|your privacy choices"
        r"|accessibility statement",
        # a blog's page links and the label of an empty category line
        r"(?:[«‹<←]\s*)?(?:previous|prev|older|newer)(?: (?:post|posts|article|articles|entry"
        r"|entries|page|story))?(?:\s*[»›>→])?|filed under",
        # a related list's time labels, each left on a line of its own: "14 hours ago"
        RELATIVE_TIME,
        # a consent box's buttons, left as one line: "Learn more I agree X"
        r"(?:learn more|more info(?:rmation)?|privacy policy|cookie policy|details)\s*"
        r"(?:i agree|i accept|accept(?: all)?|agree|got it|ok(?:ay)?)(?:\s*[x×✕])?"
        r"|(?:i agree|i accept|accept all|accept cookies|got it)\s*[x×✕]",
        # what a page shows until its script has run: "Loading content ...", "Loading comments"
        r"loading (?:the )?(?:content|comments?|player|video|videos|data|weather data|results|"
        r"more|page|article|story|stories|gallery|images?|map|widget|posts)",
        # feedback and rating widgets: "Was this article helpful?", "Give us feedback."
        r"(?:give us|send(?: us)?(?: your)?|leave|share your|submit(?: your)?) feedback"
        r"(?: to (?:the )?editors)?|(?:send )?feedback(?: to (?:the )?editors)?"
        r"|[\w.-]+ values your feedback|thanks? (?:you )?for your feedback"
        r"|your feedback (?:will go|helps|is)[^\n]{0,120}"
        r"|your effort and contribution in providing this feedback[^\n]{0,60}"
        r"|(?:was|is) this (?:article |page |story |post |information |answer )?"
        r"(?:helpful|useful)(?:\?\s*(?:yes|no)\s*(?:yes|no)?)?"
        r"|did you find this (?:article |page |story |post )?(?:helpful|useful)|yes no"
        r"|(?:not yet|currently) rated(?: \d(?:[.,]\d)? (?:out of|of|/) \d(?: stars?)?)?"
        r"|rate (?:this|it)(?: article| story| post| page| recipe)?"
        r"|please give an overall site rating"
        r"|(?:artikel |beitrag )?bewerten|(?:wie )?bewerten sie (?:diesen|den) (?:artikel|beitrag)"
        r"|sie bewerten den artikel|noter (?:cet|l'|l’)article"
        r"|valora (?:este|esta) (?:artículo|noticia)"
        r"|(?:actualmente )?puntuad[oa] con \d estrellas?(?:\(s\))? sobre \d"
        r"|punt[uú]al[oa] \d estrellas?",
        # a byline label whose name was a link the extractor dropped: "By", "Author:"
        r"(?:by|written by|authors?|autor|autorin|autoren|auteur|autore|autora|escrito por"
        r"|(?:da |por )?reda[çc][ãa]o|(?:la )?redacci[óo]n"
        r"|geschrieben von|автор)",
        r"(?:next|previous|prev|older|newer)(?: article| post| story| page| entry)?",
        r"(?:image|photo|slide|picture) \d+ ?(?:of|/) ?\d+|\d+ (?:of|/) \d+",
        # CNN's syndication tag left alone on a line when its copyright line was split off
        r"the-cnn-wire™?",
        # the Associated Press's slug for a story and its version: "BC-EU--Britain-Brexit-
        # Election, 1st Ld-Writethru"
        r"(?-i:[A-Z]{2}-[A-Z]{2,4}--[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)"
        r"(?:, \d+(?:st|nd|rd|th) ld-writethru)?",
        # a picture's credit in brackets on a line of its own: "(photo AFP)", "(Foto: dpa)"
        r"\((?:photos?|foto|fotos|bild|image|crédit photo)\s*:?\s*[^()\n]{1,50}\)",
        # a list's pager: "1 - 5 of 218 results", "Showing 1–10 of 45", "1 bis 10 von 80"
        r"(?:showing |displaying |results? |ergebnisse |treffer |affichage )?"
        r"\d+ ?(?:[-–]|to|bis|à|a) ?\d+ (?:of|von|de|sur|di|van) \d+(?: (?:results?|items?"
        r"|entries|posts|articles|ergebnisse[n]?|treffer[n]?|einträge[n]?|beiträge[n]?"
        r"|résultats|resultados|risultati|resultaten))?",
        r"\d* ?comments?|(?:leave|add|post|write|view|show|hide|read) (?:a |the |all )?"
        r"(?:comments?|reply|replies)|(?:join|start) the (?:conversation|discussion)"
        r"|tell us what you think|what do you think|comments are closed"
        r"|you must be (?:logged|signed) in to (?:post|leave|write|add|recommend|report|flag"
        r"|like|reply to) a comment"
        # Disqus's and Blogger's comment lines: "comments powered by Disqus", "No comments:
        # Post a Comment", "Subscribe to: Post Comments (Atom)"
        r"|(?:please enable javascript to view the )?comments powered by disqus"
        r"|(?:no|\d++) comments?:?\s*(?:post a comment)?"
        r"|subscribe to:?\s*(?:posts|post comments|comments)\s*\((?:atom|rss)\)",
        # Blogger's page links: "Newer Post Older Post Home"
        r"(?:newer posts?|older posts?|home)(?:\s+(?:newer posts?|older posts?|home)){1,2}",
        # a media block's lone label or button: "Image", "Embed", "Watch Now", "Ad loading"
        r"image|photo|video|graphic|embed|watch (?:now|live)|ad loading|loading ad",
        # a teaser's comment count in the other languages: "78 commentaires", "3 Kommentare"
        r"\d+ (?:commentaires?|kommentare?|comentarios?|comentários?|commenti|commento"
        r"|reacties|reactie|комментари[йяев]{1,2})",
        # the same in the other languages of WordPress's themes
        r"(?:kommentare (?:sind )?geschlossen|hinterlasse(?:n sie)? einen kommentar|"
        r"schreibe einen kommentar|kommentar (?:verfassen|schreiben)|kommentarfeed|"
        r"trackback-url|laisser un commentaire|commentaires fermés|les commentaires sont fermés|"
        r"deja un comentario|dejar un comentario|comentarios cerrados|lascia un commento|"
        r"commenti chiusi|deixe um comentário|deixe uma resposta|comentários encerrados|"
        r"оставить комментарий|оставьте комментарий|написать комментарий)"
        r"(?:\s*[|·•]\s*(?:kommentare (?:sind )?geschlossen|kommentarfeed|trackback-url|rss))*",
        # a pingback listed among the comments: "Pingback von <blog> | 11.09.2011 23:31"
        r"(?:pingback|trackback)(?: von| from| de| by|\s*:)\s+[^\n]{1,200}",
        r"\d+ ?(?:min|mins|minutes?|phút|минут[аы]?|分钟|分|minuten|minuty|minut|dakika|dk|"
        r"perc|minuuttia|دقائق|دقيقة|मिनट) ?(?:read|de lecture|de leitura|"
        r"de lectura|lesezeit|чтения|阅读|leestijd|czytania|okuma|đọc|قراءة|पढ़ें)?",
        r"(?:reading time|read time|estimated reading time|tempo de leitura|lesezeit|"
        r"temps de lecture|tiempo de lectura|tempo di lettura|время чтения|время на чтение|"
        r"leestijd|lästid|läsetid|czas czytania|doba čtení|okuma süresi|timp de citire|"
        r"olvasási idő|lukuaika|thời gian đọc|مدة القراءة|وقت القراءة|पढ़ने का समय|"
        # with its figure, or a colon and a few words ("Reading time: less than a minute");
        # "Reading time among teens is down" is a sentence
        r"waktu baca|阅读时间)\s*(?::?\s*(?:about |approx\.? |ca\.? |~)?\d[^.!?]{0,25}"
        r"|[:：]\s*(?:[^\s.!?]++\s*){1,4})",
        # a tag list under a label: "Tags: ...", "In This Article: Doobie Brothers, Michael
        # McDonald", "Names in this article: Donald Trump", "Subjects: Crime, Drugs"
        r"(?:(?:names |people |topics |mentioned )?in this (?:article|story)|related topics|"
        r"keywords|subjects|tags?|tagged(?: with| in)?|filed under|posted in|posted under|"
        r"categories|category|more on|"
        r"topics|themen|schlagwörter|schlagworte|étiquettes|mots-clés|mots clés|etiquetas|temas|"
        r"tópicos|argomenti|теги|тэги|метки|рубрика|kategori|labels?|标签|タグ|태그|trefwoorden|"
        r"nyckelord|tagi|tagy|štítky|etiketler|etichete|címkék|avainsanat|từ khóa|từ khoá|thẻ|"
        r"الكلمات المفتاحية|الوسوم|टैग|टैग्स)\s*[:：]\s*[^\n]{0,300}",
        # the same row without its colon, the label a <span> before the linked terms: "Topics
        # Politics City Council Budget"; only capitalised terms follow, two at least, so a
        # sentence ("Topics covered in class vary") is not one
        r"(?:tags|topics|related topics|keywords|filed under|tagged|more on|categories|posted in)"
        r"(?-i:(?:[\s,|/•·]+[A-Z0-9À-ÖØ-Þ][\w&'’.-]*){2,16})",
        r"(?:kommentare|kommentar schreiben|kommentieren|commentaires|commenter|comentarios|"
        r"comentar|comente|comentários|commenti|commenta|"
        r"комментарии|комментировать|评论|コメント|댓글|komentar|komentarze|komentáře|yorumlar|reacties|"
        r"yorum yap|comentarii|hozzászólások|kommentit|bình luận|التعليقات|تعليقات|"
        r"टिप्पणियां|टिप्पणियाँ)(?: \(\d+\))?",
        r"\[/?\w+(?:\s[^\]]*)?\](?:[^\[\]]{0,200}\[/\w+\])?",
        # an editor's initials closing a story, as German newsrooms sign: "(bsc)", "(dpa/mho)"
        r"\((?-i:[a-z]{2,4})(?:/(?-i:[a-z]{2,4}))*\)",
        rf"\(?(?:additional )?reporting by {_NO_CLAUSE}[^;]{{1,80}}(?:;\s*(?:writing|editing"
        r"|additional reporting) by [^;]{1,80})*\)?",
        # an agency's part in the story, in the other languages: "Mit Material von dpa",
        # "Con información de EFE", "Avec AFP", "(mit dpa)"
        rf"\(?(?:mit material (?:von|der)|mit|con información de|con|avec|com informações d[ao]s?"
        rf"|com)\s+{AGENCY}(?:\s*(?:,|/|und|y|et|e)\s*{AGENCY})*\)?",
        rf"\(?(?:writing|editing) by {_NO_CLAUSE}[^;]{{1,80}}(?:;\s*(?:writing|editing) by "
        r"[^;]{1,80})*\)?",
        # the colleagues who added to the story, as USA Today and others close it: "Contributing:
        # Liz Szabo, Michael Winter, Associated Press."
        rf"\(?(?:contributing|contributors?)(?: to this (?:report|story|article))?\s*:\s*"
        rf"{_NO_CLAUSE}[^.;\n]{{1,120}}\)?",
        r"this (?:article|story|post) (?:was|has been) (?:originally )?(?:published|updated|"
        r"corrected|amended) [^.!?]{0,80}",
        # a print template's source line: "This article was printed from http://...",
        # "Article printed from Deadline: http://..."
        r"(?:this )?(?:article|story|post|page|entry) (?:was )?printed from\b[^\n]{0,200}",
        # a syndicated story's source: "This article originally appeared on VICE US.", "A
        # version of this story first appeared in The Guardian."
        r"(?:this|a version of this) (?:article|story|post|piece|essay|interview) (?:was |has "
        rf"been )?(?:originally|first) (?:appeared|ran|published) (?:on|in|at|by) {_NO_CLAUSE}"
        rf"{_NAME_SPAN}{{1,60}}",
        # a dateline set apart from the first paragraph: "Washington CNN —", "(AP) —"
        rf"(?:[\w.'’-]+(?:,? [\w.'’-]+){{0,3}},? )?\(?(?:cnn|upi|pti|ians|ani|{AGENCY})\)?"
        r"\s*[—–-]+",
    ]
)
#: what parts a byline's row is split at: "By Jane Doe | Updated 2 hours ago", "Jane Doe ·
#: 5 min read"; a dash only between spaces ("Jean-Luc" and "2019-11-19" are whole)
_ROW_SEPARATOR = re.compile(r"[|·•]|\s[–—]\s")
#: what such a row holds besides names: a number (a date, a time, minutes) or "by"; a
#: sentence with dashes in it holds neither, mostly, and is not split and read part by part
_ROW_HINT = re.compile(r"\d|\b(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or)\b")
#: a name standing alone in such a row: two to four capitalised words ("Jane Doe")
_NAME_ONLY = re.compile(rf"{NAME}(?:\s+{NAME}){{1,3}}")
#: ... or a place's, a word or a few, perhaps joined by a particle ("London", "Palma de
#: Mallorca", "Frankfurt am Main")
_PLACE_ONLY = re.compile(
    rf"{NAME}(?:\s+(?:(?:de|del|de la|la|le|di|da|do|dos|das|am|an der|von|van|y|e|sur|upon)"
    rf"\s+)?{NAME}){{0,3}}"
)


def _is_byline_row(core: str) -> bool:
    """A row of a story's byline, times and reading time, its parts set apart by bars or
    dots ("By Jane Doe | Updated 2 hours ago", "Jane Doe · April 5, 2023 · 4 min read").

    Each part alone is boilerplate, but sites print them in one row, and the row matched no
    rule of one part. Every part must be boilerplate by itself (a byline, a date, a reading
    time), or a name beside such a part, and a place beside a name; a headline or a
    sentence in the row keeps it.
    """
    if not _ROW_HINT.search(core):
        return False
    parts = [part for part in (core_text(p) for p in _ROW_SEPARATOR.split(core)) if part]
    if len(parts) < 2:
        return False
    if len(YEAR.findall(core)) > 1 and not UPDATED.search(core):
        return False  # a date range ("29 November 2018 | 20 January 2019"), as `is_dateline`
    meta = named = placed = False
    for part in parts:
        if _NAME_ONLY.fullmatch(part):
            named = True
            continue
        if _PLACE_ONLY.fullmatch(part):
            placed = True
            continue
        if not is_boilerplate(part, word_count(part)):
            return False
        meta = True
    # a place needs a name beside it: "London • June 2 & 3, 2026" announces an event, and a
    # table's row ("Herbstprüfung | 3. Dezember 2016") lists one
    return meta and (named or not placed)


def is_title_case(text: str) -> bool:
    """Headline capitalisation: most words of four letters or more start with a capital."""
    long_words = [w for w in WORD.findall(text) if len(w) >= 4 and not w.isdigit()]
    if len(long_words) < 2:
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


_LONG_WORD = re.compile(r"\w{4,}")


def content_words(text: str) -> set[str]:
    """The distinct words of four letters or more in `text`, in lower case: what two texts
    share of them says whether they tell the same thing (a story's last paragraph and the
    story; a page's markup and its JSON-LD ``articleBody``)."""
    return {word.lower() for word in _LONG_WORD.findall(text)}


#: a run of spaces or tabs inside a paragraph (a block's text keeps its source's indentation)
_SPACE_RUN = re.compile(r"[ \t]{2,}")


def core_text(paragraph: str) -> str:
    """The paragraph without list bullets and trailing punctuation, for full-match rules, its
    runs of spaces one space: the rules write one, and a few of them ask time quadratic in a
    run's length (`_PROMPT` took a second on "Contribute" and 3,200 spaces, 0.5 ms now)."""
    if paragraph[:1] in _BULLET_CHARS:
        paragraph = _BULLET.sub("", paragraph)
    if "  " in paragraph or "\t" in paragraph:
        paragraph = _SPACE_RUN.sub(" ", paragraph)
    return paragraph.rstrip(_TRAIL_CHARS).strip()


#: the verbs a share button opens with; a row of them, run into one line, is cut into its
#: buttons before each verb ("Share on X Share on Facebook Share via Email"), unless "to"
#: stands before it ("Click to share")
_SHARE_VERBS = (
    "share", "tweet", "pin", "email", "e-mail", "print", "blogthis", "teilen", "partager",
    "compartir", "compartilhar", "condividi",
)  # fmt: skip
_SHARE_BUTTON = re.compile(
    rf"(?<!\bto)\s+(?=(?:click to )?(?:{'|'.join(_SHARE_VERBS)})\b)", re.IGNORECASE
)
#: a row of share buttons holds this many at most, and each a few words
_SHARE_ROW_WORDS = 45


def _is_share_row(core: str) -> bool:
    """A row of share buttons run into one line, each button a share line by itself
    ("Click to share on Twitter (Opens in new window) Click to share on Facebook (Opens in
    new window)"); one button alone is `_SHARE`'s."""
    lower = core.lower()
    if sum(lower.count(verb) for verb in _SHARE_VERBS) < 2:
        return False  # a quick look first: a row holds two of the verbs
    buttons = _SHARE_BUTTON.split(core)
    return len(buttons) > 1 and all(
        _SHARE.fullmatch(button.rstrip(_TRAIL_CHARS)) for button in buttons
    )


def is_related_heading(paragraph: str) -> bool:
    """A standalone "Related Articles" / "Top News" / "Read more" / "Lesen Sie auch" line."""
    core = core_text(paragraph)
    return bool(core) and word_count(core) <= 8 and _RELATED_HEADING.fullmatch(core) is not None


#: how to cite the page, the Science X sites' line under each story (phys.org, Medical
#: Xpress): "Citation: Title (2019, November 18) retrieved 20 November 2019 from
#: https://phys.org/news/..."; its address makes it longer than a line of chrome
_HOW_TO_CITE = re.compile(
    r"citation: [^\n]{3,300}? retrieved \d{1,2} [a-z]{3,9} \d{4} from https?://\S+",
    re.IGNORECASE,
)


#: a blog's links to the posts before and after it, around its home page's: "« Energie
#: sparen | Startseite | Weltrekord für den Waldschutz »" (WordPress's classic theme); the
#: titles make it longer than a line of chrome, and a quotation in « » holds no such bars
_POST_NAVIGATION = re.compile(
    r"«[^\n«»|]{1,150}\|\s*(?:home(?: ?page)?|startseite|accueil|inicio|início"
    r"|главная|beranda|strona główna)\s*\|[^\n«»|]{1,150}»?",
    re.IGNORECASE,
)


def is_boilerplate(paragraph: str, words: int | None = None) -> bool:
    """True when a whole paragraph is boilerplate by itself (share row, ad label, newsletter
    prompt, follow-us line, photo credit, related heading or teaser, page chrome).

    Only short paragraphs qualify: at most 10 words for labels and headings, `MAX_LINE_WORDS`
    for credits, teasers and chrome, 45 for newsletter and follow-us prompts (they run to two
    sentences) and 90 for membership appeals and the consent dialog's paragraphs. Every
    pattern must match the whole paragraph or start it (the follow-us sentence may also
    follow a full stop), never a phrase in the middle of running text.
    """
    if words is not None and words > 90 and not opens_with_copyright(paragraph):
        return False
    core = core_text(paragraph)
    words = word_count(core)
    if words == 0:
        # separators, lone punctuation, emoji rows; a rule of underscores ("___", a word to
        # `WORD`) stays: the annotators keep it (the Associated Press's, on three pages)
        return True
    if (
        words <= _CAPTION_MAX_WORDS
        or (words <= 2 * _CAPTION_MAX_WORDS and _CAPTION_TOGGLES.search(core) is not None)
    ) and _CAPTION_CREDIT.search(core):
        return True
    if is_consent_dialog(core, words):
        return True
    if core[:9].lower() == "citation:" and _HOW_TO_CITE.fullmatch(core):
        return True
    if core[:1] == "«" and _POST_NAVIGATION.fullmatch(core):
        return True
    if 10 < words <= _SHARE_ROW_WORDS and _is_share_row(core):
        return True
    if words > 45:
        # appeals and subscription offers run to a few sentences; nothing else is that long
        if _is_offer(core, words) or is_market_data(core, words):
            return True
        lower = core.lower()
        if is_legal_line(core, words, lower) or is_comment_policy(core, words, lower):
            return True  # a copyright paragraph of up to 150 words, a comment policy of 90
        return core[:6].lower() == "if you" and words <= 90 and _APPEAL.match(core) is not None
    if _EXCERPT_WITH_LINK.search(core) or _is_repeated_title(core, words):
        return True
    if core[-4:] in ("less", "more") and _CAPTION_TOGGLE.search(core):
        return True
    if (words <= 10 or (words <= 14 and core.lower().endswith("new window)"))) and (
        _SHARE.fullmatch(core)
        or _RELATED_HEADING.fullmatch(core)
        or _AD.fullmatch(core)
        or _NEWSLETTER_HEADING.fullmatch(core)
    ):
        return True
    if words <= MAX_LINE_WORDS:
        if words <= _TEASER_MAX_WORDS and (_TEASER_PREFIX.match(core) or _TEASER_RUN.match(core)):
            return True
        if _CREDIT.fullmatch(core) or BYLINE.fullmatch(core):
            return True
        if "cc" in core.lower() and _is_cc_credit(core):
            return True
        if ROLE_BYLINE.fullmatch(core) or (words <= _ROLE_LINE_WORDS and ROLE_LINE.fullmatch(core)):
            return True
        if is_dateline(core, words) or _PROMO_LINK.match(core):
            return True
        if _SHOUTED_CALL.search(core) and is_shouted(core):
            return True
        if _ROW_SEPARATOR.search(core) and _is_byline_row(core):
            return True
        if _CHROME.fullmatch(core) or _PROMPT.fullmatch(core):
            return True
        if words <= 15 and _AD.fullmatch(core):
            return True
    lower = core.lower()
    if is_notice(core, words, lower) or is_legal_line(core, words, lower):
        return True
    if lower.startswith("join our ") and _OUR_JOIN_CALL.fullmatch(core):
        return True
    if (
        any(k in lower for k in _NEWSLETTER_HINTS)
        and _NEWSLETTER.search(core)
        and _NEWSLETTER_CALL.search(core)
    ):
        return True
    if lower.startswith("if you") and _APPEAL.match(core):
        return True
    if _is_offer(core, words):
        return True
    if any(k in lower for k in _FOLLOW_HINTS):
        if _CHANNEL_INVITE.search(core) and _INVITE_CALL.search(core):
            return True
        if _FOLLOW_START.match(core) or _FOLLOW_US.search(core):
            return _SOCIAL_RE.search(core) is not None
        return _FOLLOW_SENTENCE.search(core) is not None
    return False


#: a related list's excerpt, cut short and followed by its link's label: "... sights,
#: sounds,… Read more Read more", "... the new rules [...] Weiterlesen »"; a story's
#: paragraph never ends so
_EXCERPT_WITH_LINK = re.compile(
    r"(?:…|\.{3}|\[\s*(?:…|\.{3})\s*\])\s*(?:(?:read more|continue reading|keep reading"
    r"|weiterlesen|lire la suite|leer más|seguir leyendo|leia mais|continua a leggere"
    r"|baca selengkapnya|читать далее)\s*[»›→]?\s*)+$",
    re.IGNORECASE,
)


def _is_repeated_title(core: str, words: int) -> bool:
    """A card's headline written two or three times in one line (its picture's alt text,
    its link and its heading run together): "How Stores Manipulate Your Senses How Stores
    Manipulate Your Senses". A story's sentence does not repeat itself whole."""
    if words < 6 or re.search(r"[.!?。！？]", core):
        return False  # a chant the story quotes ("Lock him up! Lock him up!") has its stops
    tokens = WORD.findall(core)
    for times in (2, 3):
        if len(tokens) % times == 0:
            size = len(tokens) // times
            if size >= 3 and tokens == tokens[:size] * times:
                return True
    return False


def _is_offer(core: str, words: int) -> bool:
    """A subscription offer of at most 70 words (see `_OFFER_START`)."""
    return (
        words <= 70
        and _OFFER_START.match(core) is not None
        and _PRICE.search(core) is not None
        and len({m.group().casefold() for m in _OFFER_WORDS.finditer(core)}) >= 2
    )


def is_episode_length(paragraph: str) -> bool:
    """A podcast player's episode and its length on a line of their own ("Episode 42 · 23
    min")."""
    return _EPISODE_LENGTH_RE.fullmatch(core_text(paragraph)) is not None


#: a video's running time on a line of its own ("0:45", "1:02:10")
_RUNNING_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def is_running_time(paragraph: str) -> bool:
    """A video card's running time on a line of its own ("0:45"), after the card's title."""
    return _RUNNING_TIME.fullmatch(paragraph.strip()) is not None


def is_poll_label(paragraph: str) -> bool:
    """A poll's label on a line of its own ("Poll", "Quick Poll", "Umfrage")."""
    return _POLL_LABEL_RE.fullmatch(core_text(paragraph)) is not None


def is_teaser(paragraph: str) -> bool:
    """A short headline-like line (no sentence ending), as listed under "Related Articles"."""
    core = _BULLET.sub("", paragraph).strip()
    words = word_count(core)
    if words == 0:
        return True
    if paragraph.lstrip().startswith(("- ", "• ", "* ", "· ")) and words <= 30:
        return True
    if words > 20:
        return False
    return not re.search(r"[.!。！…\"”»']$", core) or words <= 3
