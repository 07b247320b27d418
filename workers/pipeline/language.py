"""The article's language from its text, for pages that do not declare one.

Markup comes first (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, meta tags: see
`workers.pipeline.metadata`), even where the text disagrees: it is the site's own word. Some
pages declare nothing (older sites, many Chinese portals, and about one news page in six of
the development corpus, most of them English), and a share template that picks its wording
by ``{language}`` would then get nothing.

Two steps, each of which names a language only when it is sure:

1. the script: where the text is written in a script that belongs to one language (kana,
   Hangul, Thai, Greek, Hebrew, Georgian, Armenian, Myanmar, Khmer, Lao, Sinhala and the
   Indic scripts of one language each, and Han without kana), that language is certain;
2. function words, for the scripts many languages share (Latin, Cyrillic, Arabic,
   Devanagari): the articles, prepositions, conjunctions and auxiliaries of each language
   that no other listed language writes the same way ("the", "und", "dans", "які"...) are
   counted in the first 2000 characters. A language is named when its words are at least 3
   in 100 of the text's words, five or more, and at least twice as many as the next
   language's. Checked on the page sets of bench/: of the 190 pages that declare a
   language, it names 186 and agrees with 181; the other five declare the wrong language
   (German text declared as English, English text on German sites). The four it leaves
   unknown are a scores table, Latvian (not listed), lorem ipsum and a German product test
   table. Of the 52 pages that declare nothing it names 36 (26 English, 8 German, 2
   Chinese); the rest are mostly Readability's lorem-ipsum markup tests.

Why not a model: py3langid (the maintained langid.py port that trafilatura uses) was
measured here at 74 MB resident per worker process for its model and half a second to load
it, for a field that only pages without any declaration need; the two tables here cost a few
kilobytes, and news text is full of function words.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["detect_language"]

#: (first code point, last code point, language) of scripts written for one language only
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),  # Greek
    (0x1F00, 0x1FFF, "el"),  # Greek extended
    (0x0530, 0x058F, "hy"),  # Armenian
    (0x0590, 0x05FF, "he"),  # Hebrew
    (0x0980, 0x09FF, "bn"),  # Bengali
    (0x0A00, 0x0A7F, "pa"),  # Gurmukhi
    (0x0A80, 0x0AFF, "gu"),  # Gujarati
    (0x0B00, 0x0B7F, "or"),  # Oriya
    (0x0B80, 0x0BFF, "ta"),  # Tamil
    (0x0C00, 0x0C7F, "te"),  # Telugu
    (0x0C80, 0x0CFF, "kn"),  # Kannada
    (0x0D00, 0x0D7F, "ml"),  # Malayalam
    (0x0D80, 0x0DFF, "si"),  # Sinhala
    (0x0E00, 0x0E7F, "th"),  # Thai
    (0x0E80, 0x0EFF, "lo"),  # Lao
    (0x1000, 0x109F, "my"),  # Myanmar
    (0x10A0, 0x10FF, "ka"),  # Georgian
    (0x1780, 0x17FF, "km"),  # Khmer
    (0x1100, 0x11FF, "ko"),  # Hangul jamo
    (0xAC00, 0xD7AF, "ko"),  # Hangul syllables
    (0x3040, 0x30FF, "ja"),  # Hiragana and Katakana
)
#: the rarer Han blocks (extension A, compatibility ideographs); the common block
#: U+4E00-U+9FFF is tested first of all in `_script_language`
_HAN_RARE = ((0x3400, 0x4DBF), (0xF900, 0xFAFF))

#: the most frequent function words of languages written in a shared script; a word that
#: two of these languages write alike ("de", "la", "que", "para") is dropped from both below
_FUNCTION_WORDS: dict[str, dict[str, str]] = {
    "latin": {
        "en": "the of and to in is that for it with was on as are by this be at from have has "
              "not but they which were will their been would",
        "de": "der die und das ist nicht mit sich des auf für dem den ein eine einen auch als "
              "wird werden sind nach bei oder wie über zum zur",
        "fr": "le la les des est une pour dans que qui sur pas par avec plus sont ont aux mais "
              "cette ces été leur nous vous ses il elle",
        "es": "el los las del que por una con para como más pero sus este esta está han fue "
              "también entre sobre muy sin hasta desde",
        "pt": "os das dos uma com para não como mais pelo pela foi são seu sua também entre "
              "está isso ele ela muito nos até quando",
        "it": "il di che della per con una sono gli nel alla anche come più dei delle questo "
              "stato essere hanno nella degli suo sua",
        "nl": "de het een van en is dat op te zijn met voor niet aan er maar ook als bij door "
              "wordt dit heeft naar nog worden",
        "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada "
              "oleh mereka bisa sudah saat lebih",
        "sv": "och att det som är för på med av inte den till har en ett om var men vi jag kan "
              "så från också",
        "pl": "się nie że na jest to do w z jak od po tak ale co przez dla czy jego są oraz "
              "już było",
        "tr": "ve bir bu da de için ile olarak daha çok gibi en olan ama kadar sonra ancak şu "
              "ise değil",
        "ro": "și în de la cu care pe este din mai un că pentru nu sunt au fost ca sau acest "
              "această",
        "cs": "se na je že to v z do jako by pro ale jsou jeho byl tak které podle také už",
        "hu": "az és hogy nem is egy van meg de már csak ez mint volt ki el még minden",
        "fi": "ja on että ei se oli ovat mutta kun tai myös joka sen hän ole kuin mukaan vain",
        "vi": "của và là có các được trong cho với những này một không người đã để khi từ về "
              "đến cũng như theo sẽ",
    },
    "cyrillic": {
        "ru": "и в не на что с по как это из к но за от то его для о же так",
        "uk": "і в не на що з та до як це від але за для його у же так ще",
    },
    "arabic": {
        "ar": "في من على أن إلى التي الذي عن مع هذا هذه كان بين ما لا",
        "fa": "در و به از که این را با است برای آن یک شده خود می",
        "ur": "کے میں کی ہے اور کو سے نے کا یہ ہیں تھا پر",
    },
    "devanagari": {
        "hi": "के में की है और को से ने का यह हैं था पर",
    },
}


def _distinct(profiles: dict[str, str]) -> dict[str, frozenset[str]]:
    seen = Counter(word for words in profiles.values() for word in set(words.split()))
    return {lang: frozenset(w for w in words.split() if seen[w] == 1)
            for lang, words in profiles.items()}


_PROFILES = {script: _distinct(profiles) for script, profiles in _FUNCTION_WORDS.items()}
#: (first code point, last code point, script) of the scripts many languages share
_SHARED_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x1E00, 0x1EFF, "latin"),  # below U+0250 is counted before the tables are searched
    (0x0400, 0x052F, "cyrillic"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
)
#: a word: letters, with the combining marks that are not "letters" to a regex (Devanagari
#: vowel signs, Arabic vowel marks, decomposed Latin accents), and an inner apostrophe
_TOKEN = re.compile(
    r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0963\u0966-\u097f\u064b-\u065f\u0670])+"
    r"(?:['’][^\W\d_]+)?"
)
#: a text needs this many words before its function words say anything
MIN_WORDS = 20
#: the winner's function words: at least this many, this share of the words, and this many
#: times the runner-up's
MIN_HITS = 5
MIN_HIT_SHARE = 0.03
MIN_LEAD = 2.0

#: the share of a text's letters a script must hold to name its language
MIN_SHARE = 0.5
#: fewer letters than this (a sentence of Chinese, a few words elsewhere) tell nothing
MIN_LETTERS = 20
#: the start of the text is enough
SAMPLE_CHARS = 2000


def _script_language(code: int) -> str | None:
    if 0x4E00 <= code <= 0x9FFF:  # the common Han block first: Chinese pages are all Han
        return "zh"
    for first, last, language in _SCRIPTS:
        if first <= code <= last:
            return language
    if any(first <= code <= last for first, last in _HAN_RARE):
        return "zh"
    return None


def detect_language(text: str) -> str | None:
    """The language `text` is written in when its script or its function words name one
    for certain, else None.

    Japanese mixes kana with Han characters, so Han counts as Japanese as soon as the text
    holds kana (one kana letter in twenty is far more than Chinese text ever has).
    """
    counts: dict[str, int] = {}
    shared: dict[str, int] = {}
    letters = latin = 0
    sample = text[:SAMPLE_CHARS]
    for char in sample:
        if not char.isalpha():
            continue
        letters += 1
        code = ord(char)
        if code < 0x0250:  # Latin, most of every text: no table to search
            latin += 1
            continue
        language = _script_language(code)
        if language is not None:
            counts[language] = counts.get(language, 0) + 1
            continue
        for first, last, script in _SHARED_SCRIPTS:
            if first <= code <= last:
                shared[script] = shared.get(script, 0) + 1
                break
    if letters < MIN_LETTERS:
        return None
    if latin:
        shared["latin"] = shared.get("latin", 0) + latin
    if counts:
        kana = counts.get("ja", 0)
        if kana and kana * 20 >= kana + counts.get("zh", 0):
            counts["ja"] = kana + counts.pop("zh", 0)
        language, count = max(counts.items(), key=lambda item: item[1])
        if count >= MIN_SHARE * letters:
            return language
    if not shared:
        return None
    script, count = max(shared.items(), key=lambda item: item[1])
    if count < MIN_SHARE * letters:
        return None
    return _by_function_words(sample, _PROFILES[script])


def _by_function_words(sample: str, profiles: dict[str, frozenset[str]]) -> str | None:
    words = [word.casefold() for word in _TOKEN.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    hits = sorted(
        ((sum(word in profile for word in words), lang) for lang, profile in profiles.items()),
        reverse=True,
    )
    best, language = hits[0]
    runner_up = hits[1][0] if len(hits) > 1 else 0
    if best < MIN_HITS or best < MIN_HIT_SHARE * len(words) or best < MIN_LEAD * runner_up:
        return None
    return language
