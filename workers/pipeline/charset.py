"""Turn the bytes of an HTTP response into text, or refuse them as not being a web page.

Why this is its own step: mojibake ("CafÃ©", "â€™") is the most common complaint about
news readers, and it comes from trusting one charset source blindly. The order here:

1. a byte-order mark (it cannot lie);
2. strict UTF-8: bytes that decode as UTF-8 *and* contain multi-byte sequences are UTF-8 in
   practice whatever the server claims (a wrong ``charset=iso-8859-1`` header on a UTF-8 page
   is the classic case), and pure ASCII decodes the same in every charset we accept;
3. the HTTP ``content-type`` charset, then ``<meta charset>`` / ``http-equiv`` / the XML
   declaration, each used only if the bytes decode in it (a header that says UTF-8 on a
   windows-1252 page is skipped; a Shift_JIS page with one stray byte is still Shift_JIS);
4. sniffing with charset-normalizer, breaking ties in favour of windows-1252, the web's legacy
   default (a French page scores the same in cp1250 and cp1252, and cp1250 turns "è" into "č"),
   unless the text reads as a language windows-1252 cannot write (Hungarian, Czech, Polish,
   Turkish ...).

A declared charset is used when the bytes decode in it but for at most one byte in 500, as a
browser follows the declaration; UTF-16 and UTF-32 markup without a byte-order mark is
recognised by its NUL bytes. ``bench/charsets.py`` measures all of this on chardet's test
documents.

ISO-8859-1 and US-ASCII labels are decoded as windows-1252, as browsers do (WHATWG Encoding):
pages that say latin-1 use its curly quotes in 0x80-0x9F.

`sniff_not_html` answers "is this a PDF/image/archive/binary?" from magic numbers, the share of
control bytes and the declared content type, so the extractor can fail with a clear message
instead of feeding a PDF to an HTML parser.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

__all__ = [
    "declared_charset",
    "decode_html",
    "header_value",
    "normalize_encoding",
    "sniff_not_html",
]

# (magic prefix, what it is) -- checked at offset 0 of the body
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x00\x00\x01\x00", "an icon image"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# content types that are plainly not a page (image/*, audio/* ... are handled by prefix)
_NOT_HTML_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")
_TEXT_NOT_HTML = {"text/css", "text/javascript", "text/csv", "text/calendar", "text/vcard"}
_AMBIGUOUS_TYPES = {"application/octet-stream", "binary/octet-stream", "application/unknown"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]{2,40})""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:+-]{2,40})""")
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)

#: labels Python does not know, or knows under another name than browsers use
_LABEL_ALIASES = {
    "x-sjis": "shift_jis",
    "x-gbk": "gb18030",
    "windows-874": "cp874",
    "x-user-defined": "cp1252",
    "unicode": "utf-8",
}

#: canonical codec names that browsers decode as another codec (WHATWG Encoding standard);
#: a <meta> that claims UTF-16 on a byte-oriented page means UTF-8
_WHATWG_DECODER = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    # the Japanese, Korean and Chinese code pages as Windows extended them: Shift_JIS pages
    # use NEC and IBM characters ("①"), EUC-KR pages the rest of Hangul, Big5 pages HKSCS
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
    "utf-32-le": "utf-8",
    "utf-32-be": "utf-8",
}

#: single-byte Latin code pages that charset-normalizer cannot tell from windows-1252
_LATIN_SINGLE_BYTE = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp775",
}  # fmt: skip

_SNIFF_SAMPLE = 256 * 1024

#: languages whose letters windows-1252 lacks ("ő", "ř", "ł", "ş"): when charset-normalizer
#: reads the text as one of them, its Central European or Turkish code page stands, and
#: the tie-break to windows-1252 (for French or German text that reads the same in cp1250)
#: does not apply. Without this, Hungarian pages came out with "õ" for "ő"
_NOT_IN_CP1252 = frozenset(
    "Hungarian Czech Slovak Polish Slovene Croatian Bosnian Serbian Romanian Turkish "
    "Lithuanian Latvian Estonian".split()
)


def header_value(headers: Mapping[str, str] | None, name: str) -> str | None:
    """Case-insensitive header lookup (plain dicts from callers are not case-insensitive)."""
    if not headers:
        return None
    value = headers.get(name)
    if value is not None:
        return value
    lname = name.lower()
    for key, val in headers.items():
        if key.lower() == lname:
            return val
    return None


def normalize_encoding(label: str | None) -> str | None:
    """A Python codec name for a charset label, with browsers' aliases; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WHATWG_DECODER.get(name, name)


def _charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset named by the XML declaration or a ``<meta>`` tag in the first 8 KiB."""
    head = data[:8192]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _strict_utf8(data: bytes, *, truncated: bool) -> str | None:
    """Decode as UTF-8 or return None; a sequence cut by the size cap at the very end is fine."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if truncated and err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            return data[: err.start].decode("utf-8")
        return None


def _strict(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


#: at most one byte in this many may fail to decode in a declared charset
_DECLARED_ERROR_SHARE = 500


def _decode_declared(data: bytes, encoding: str) -> str | None:
    """The bytes decoded in a declared charset when it fits them: they decode in it, but for
    at most one byte in 500 (a stray byte or a character the code page lacks, which a
    browser shows as "�" while following the declaration); else None. A page that fails
    more often is in another charset, and is sniffed: before this, one character outside
    Shift_JIS sent a Japanese page to the sniffer, which read it as windows-1252."""
    try:
        return data.decode(encoding)
    except LookupError:
        return None
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, "replace")
    return text if text.count("\ufffd") <= len(data) // _DECLARED_ERROR_SHARE else None


def _sniff(data: bytes) -> str | None:
    """charset-normalizer's guess, ties going to windows-1252 (see the module docstring)."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:_SNIFF_SAMPLE])
    best = results.best()
    if best is None:
        return None
    if best.encoding in _LATIN_SINGLE_BYTE and best.language not in _NOT_IN_CP1252:
        for match in results:
            if (
                "cp1252" in match.could_be_from_charset
                and match.chaos <= best.chaos + 0.01
                and match.coherence >= best.coherence - 0.02
            ):
                return "cp1252"
    return normalize_encoding(best.encoding)


#: (encoding, the byte positions of a character that are NUL in ASCII text, unit size)
_WIDE_LAYOUTS = (
    ("utf-32-le", (1, 2, 3), 4),
    ("utf-32-be", (0, 1, 2), 4),
    ("utf-16-le", (1,), 2),
    ("utf-16-be", (0,), 2),
)


def _wide_markup(data: bytes) -> str | None:
    """UTF-16 or UTF-32 markup without a byte-order mark: the encoding, else None.

    Such a page's markup characters are ASCII, so every second (or three in four) of its
    first bytes is NUL, in fixed places, and it starts with "<". UTF-8 decodes those bytes
    without complaint, NULs and all, and the NULs made such a page look like binary data.
    """
    head = data[:512]
    if b"\x00" not in head:
        return None  # nearly every page: no NUL at all, no need to count them
    for encoding, zero_at, unit in _WIDE_LAYOUTS:
        units = len(head) // unit
        if units < 8:
            continue
        zeros = sum(head[i * unit + z] == 0 for i in range(units) for z in zero_at)
        if zeros < 0.9 * units * len(zero_at):
            continue
        start = head[: units * unit].decode(encoding, "replace").lstrip()
        if start.startswith("<"):
            return encoding
    return None


def decode_html(
    data: bytes, content_type: str | None = None, *, truncated: bool = False
) -> tuple[str, str]:
    """Decode a page body; returns ``(text, codec name)``. Never raises on bad bytes.

    `truncated` says the body was cut by a size cap, so a multi-byte character split at the
    very end must not disqualify UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace"), encoding
    wide = _wide_markup(data) or _iso2022(data)
    if wide:
        return data.decode(wide, "replace"), wide
    text = _strict_utf8(data, truncated=truncated)
    if text is not None:
        return text, "utf-8"
    for label in (_charset_from_content_type(content_type), declared_charset(data)):
        declared = normalize_encoding(label)
        if declared and declared != "utf-8":
            decoded = _decode_declared(data, declared)
            if decoded is not None:
                return decoded, declared
    sniffed = _sniff(data) or "cp1252"
    try:
        return data.decode(sniffed, "replace"), sniffed
    except LookupError:
        return data.decode("cp1252", "replace"), "cp1252"


def _control_ratio(sample: bytes) -> float:
    """Share of bytes that never occur in text (C0 controls other than tab/CR/LF/FF, DEL;
    in ISO-2022 text its escape and shift bytes are text)."""
    if not sample:
        return 0.0
    never = _NOT_ISO2022_TEXT if _ISO2022_ESCAPE.search(sample) else _NOT_TEXT
    # the bytes left out by translate are the ones that never occur (a tenth of the time of
    # a Python loop over the bytes, which was a third of this check)
    return (len(sample) - len(sample.translate(None, never))) / len(sample)


#: the bytes `_control_ratio` counts: C0 controls other than tab, LF, FF and CR, and DEL ...
_NOT_TEXT = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D)) + b"\x7f"
#: ... and in ISO-2022 text, other than its escape and shift bytes too
_NOT_ISO2022_TEXT = bytes(b for b in _NOT_TEXT if b not in (0x1B, 0x0E, 0x0F))


#: the escape sequences that switch ISO-2022-JP to JIS X 0208/0212 or mark ISO-2022-KR
_ISO2022_ESCAPE = re.compile(rb"\x1b\$[@B(]|\x1b\$\)C")


def _iso2022(data: bytes) -> str | None:
    """ISO-2022-JP or -KR, the 7-bit encodings of Japanese mail and old Japanese and Korean
    pages: their bytes are ASCII, so strict UTF-8 took them and printed the escape
    sequences; the escapes name them, and the whole must decode."""
    match = _ISO2022_ESCAPE.search(data, 0, 65536)
    if match is None:
        return None
    encoding = "iso2022_kr" if match.group().endswith(b")C") else "iso2022_jp_2"
    return encoding if _strict(data, encoding) else None


def sniff_not_html(data: bytes, content_type: str | None = None) -> str | None:
    """What the body looks like when it is clearly not an HTML/XML page, else None.

    Magic numbers win over the declared type (a PDF served as text/html is still a PDF);
    a declared type that is plainly not a page (image/*, application/pdf, application/json,
    text/css ...) is believed; ``application/octet-stream`` and a missing type are decided
    by the bytes.
    """
    stripped = data[:1024].lstrip()
    for magic, what in _MAGIC:
        if data.startswith(magic) or (magic == b"%PDF" and stripped.startswith(magic)):
            return what
    if data[4:12] in (b"ftypmp42", b"ftypisom", b"ftypM4V ", b"ftypavif", b"ftypheic"):
        return "an MP4/HEIF media file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(
            data[8:12], "an AVI video"
        )
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime:
        if mime.startswith(_NOT_HTML_PREFIXES) or mime in _TEXT_NOT_HTML:
            return f"content type {mime}"
        if (
            mime.startswith("application/")
            and mime not in _AMBIGUOUS_TYPES
            and not mime.endswith(("xml", "html"))
        ):
            return f"content type {mime}"
    if any(data.startswith(bom) for bom, _ in _BOMS) or _wide_markup(data):
        return None  # UTF-16/32 text legitimately holds NUL bytes
    sample = data[:4096]
    if b"\x00" in sample or _control_ratio(sample) > 0.02:
        return "binary data"
    return None
