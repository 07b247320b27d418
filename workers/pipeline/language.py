"""The article's language from its script, for pages that do not declare one.

Markup comes first (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, meta tags: see
`workers.pipeline.metadata`). Some pages declare nothing (older sites, many Chinese
portals), and a share template that picks its wording by ``{language}`` would then get
nothing. Where the text is written in a script that belongs to one language (kana,
Hangul, Thai, Greek, Hebrew, Georgian, Armenian, Myanmar, Khmer, Lao, Sinhala and the
Indic scripts of one language each, and Han without kana), that language is certain and
is given. Latin, Cyrillic, Arabic and Devanagari texts are left unknown: telling their
languages apart needs a statistical model.

Why not a model: py3langid (the maintained langid.py port that trafilatura uses) was
measured here at 74 MB resident per worker process for its model and half a second to load
it, for a field that only pages without any declaration need; the script table costs
nothing and is never wrong about the scripts it names.
"""

from __future__ import annotations

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
_HAN = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))

#: the share of a text's letters a script must hold to name its language
MIN_SHARE = 0.5
#: fewer letters than this (a sentence of Chinese, a few words elsewhere) tell nothing
MIN_LETTERS = 20
#: the start of the text is enough
SAMPLE_CHARS = 2000


def _script_language(code: int) -> str | None:
    for first, last, language in _SCRIPTS:
        if first <= code <= last:
            return language
    if any(first <= code <= last for first, last in _HAN):
        return "zh"
    return None


def detect_language(text: str) -> str | None:
    """The language `text` is written in when its script names one, else None.

    Japanese mixes kana with Han characters, so Han counts as Japanese as soon as the text
    holds kana (one kana letter in twenty is far more than Chinese text ever has).
    """
    counts: dict[str, int] = {}
    letters = 0
    for char in text[:SAMPLE_CHARS]:
        if not char.isalpha():
            continue
        letters += 1
        language = _script_language(ord(char))
        if language is not None:
            counts[language] = counts.get(language, 0) + 1
    if letters < MIN_LETTERS or not counts:
        return None
    kana = counts.get("ja", 0)
    if kana and kana * 20 >= kana + counts.get("zh", 0):
        counts["ja"] = kana + counts.pop("zh", 0)
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if count >= MIN_SHARE * letters else None
