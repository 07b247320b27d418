"""Charset decoding on files never used to tune newsrelay: chardet's test documents.

chardet's source package ships ``tests/<encoding>/``: about 470 real documents (blog feeds,
web pages, mail and plain text, many of them from Mozilla's charset-detector tests) in 50
encodings and languages, each in the folder named for its true encoding. This script
decodes every file the way the extraction stage does (`workers.pipeline.charset.decode_html`,
with no HTTP header: only the bytes, a byte-order mark and the document's own declaration)
and counts the files whose text comes out exactly as the true encoding decodes them, beside
charset-normalizer's best guess alone (what `decode_html` falls back on) in the same run.

A file counts as right when the decoded text equals the true decoding, or equals the
decoding a browser gives the true label (the WHATWG Encoding standard reads ISO-8859-1 as
windows-1252, Shift_JIS as windows-31j, GB2312 as GBK, EUC-KR as windows-949, Big5 with
HKSCS: supersets that differ in a few characters, such as "～" for "〜"). Files that are
not web pages (plain text without any markup) are counted apart: the extraction stage only
ever sees what a server sent as a page.

Fetch the package first (PyPI is reachable from the development machines)::

    pip download --no-deps --no-binary :all: chardet==5.2.0 -d /tmp/sd
    (cd /tmp/sd && tar xzf chardet-5.2.0.tar.gz)
    python3 bench/charsets.py /tmp/sd/chardet-5.2.0/tests
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, as run

#: folder names whose encoding Python calls otherwise ("iso-8859-2-czech" -> "iso-8859-2")
_LANGUAGE_SUFFIX = re.compile(
    r"-(?:croatian|czech|hungarian|polish|slovak|slovene|bulgarian|russian|arabic|greek|"
    r"turkish|hebrew|romanian)$"
)
#: encodings a browser decodes with a superset (WHATWG Encoding): where the two differ, the
#: browser's reading is what the page's readers saw
_BROWSER_READS = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874",
    "shift_jis": "cp932", "gb2312": "gb18030", "euc_kr": "cp949", "big5": "big5hkscs",
}  # fmt: skip
_MARKUP = re.compile(r"<(?:!doctype|html|head|body|meta|p|div|\?xml|rss|feed)\b", re.IGNORECASE)


def true_encoding(folder: str) -> str:
    name = _LANGUAGE_SUFFIX.sub("", folder.lower())
    return codecs.lookup(name).name


def _same_text(got: str, data: bytes, encoding: str) -> bool:
    truth = data.decode(encoding, "replace")
    if got == truth:
        return True
    alternative = _BROWSER_READS.get(encoding)
    return alternative is not None and got == data.decode(alternative, "replace")


def newsrelay(data: bytes) -> str:
    from workers.pipeline.charset import decode_html

    text, _encoding = decode_html(data, None)
    return text


def charset_normalizer_alone(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", "replace")


DECODERS: dict[str, Callable[[bytes], str]] = {
    "newsrelay decode_html": newsrelay,
    "charset-normalizer alone": charset_normalizer_alone,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("tests", type=Path, help="chardet's tests/ folder (unpacked sdist)")
    parser.add_argument("--misses", action="store_true", help="list newsrelay's misses")
    args = parser.parse_args(argv)
    files: list[tuple[str, Path, bool]] = []
    for folder in sorted(p for p in args.tests.iterdir() if p.is_dir()):
        try:
            encoding = true_encoding(folder.name)
        except LookupError:
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file():
                head = path.read_bytes()[:8192].decode(encoding, "replace")
                files.append((encoding, path, bool(_MARKUP.search(head))))
    if not files:
        parser.error(f"{args.tests}: no encoding folders with files")
    pages = sum(markup for _, _, markup in files)
    print(f"{len(files)} files in {len({e for e, _, _ in files})} encodings; "
          f"{pages} are pages or feeds (markup), {len(files) - pages} plain text")
    print(f"{'decoder':28s} {'pages':>11s} {'plain text':>11s} {'all':>11s}")
    for name, decode in DECODERS.items():
        right: dict[bool, int] = defaultdict(int)
        for encoding, path, markup in files:
            data = path.read_bytes()
            try:
                ok = _same_text(decode(data), data, encoding)
            except Exception:  # a decoder that fails on a file gets it wrong
                ok = False
            right[markup] += ok
            if args.misses and not ok and name.startswith("newsrelay"):
                print(f"  miss {encoding:14s} {'page' if markup else 'text'} {path.parent.name}/"
                      f"{path.name}")
        print(f"{name:28s} {f'{right[True]}/{pages}':>11s} "
              f"{f'{right[False]}/{len(files) - pages}':>11s} "
              f"{f'{right[True] + right[False]}/{len(files)}':>11s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
