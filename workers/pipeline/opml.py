"""OPML 2.0 import and export of the feed list (pure: bytes in, feed specs out, and back).

Why the parser is stdlib expat driven by hand rather than `ElementTree.fromstring`: OPML files
come from users and from other readers' exports, so they are untrusted XML, and defusedxml is
not installed. The C ElementTree parser gives no hook to refuse a DOCTYPE, while an expat
parser does: any DOCTYPE, entity declaration or external entity reference is rejected before a
single entity is expanded (no billion laughs, no XXE), and we only ever need the outlines
anyway. Export uses ElementTree, which escapes everything it writes.

Mapping (what Miniflux, FreshRSS and Feedly exchange):

* an `<outline>` with `xmlUrl` is a feed: name from `title`, else `text`; `htmlUrl` ignored;
* an `<outline>` without `xmlUrl` is a folder: its `text`/`title` becomes a tag of every feed
  inside it; nested folders give one tag joined with "/" ("News/World");
* the OPML 2.0 `category` attribute ("/Tech,/News/World") adds tags too;
* newsrelay's own options travel in the `newsrelay:` namespace (interval, paused, userAgent),
  which other readers ignore.

Export groups feeds into a folder per first tag (nested on "/") and lists every tag in
`category`, so a round trip keeps names, tags and options.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from urllib.parse import urlsplit
from xml.parsers import expat

from workers.errors import ConfigError
from workers.models import FeedSpec

NS = "https://github.com/newsrelay/newsrelay/opml"
NS_PREFIX = "newsrelay"
#: an OPML file larger than this is refused (a feed list of 100 000 feeds is about 20 MB)
MAX_OPML_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64


class OpmlError(ConfigError):
    """The file is not OPML we accept (not XML, hostile DTD, wrong root, too big)."""

    kind = "opml"


@dataclass
class OpmlImport:
    """What an OPML file held: its feeds, and why some outlines were skipped."""

    title: str | None = None
    feeds: list[FeedSpec] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _clean_tag(value: str) -> str:
    return "/".join(part.strip() for part in value.strip().strip("/").split("/") if part.strip())


def _attr(attrs: dict[str, str], name: str) -> str | None:
    """An attribute by name, case-insensitively (exports spell xmlUrl as xmlurl too)."""
    if name in attrs:
        return attrs[name]
    lowered = name.lower()
    for key, value in attrs.items():
        if key.lower() == lowered:
            return value
    return None


def _own(attrs: dict[str, str], name: str) -> str | None:
    return _attr(attrs, f"{NS_PREFIX}:{name}")


class _Reader:
    """expat callbacks building the import (see module docstring for the rules)."""

    def __init__(self) -> None:
        self.result = OpmlImport()
        self.stack: list[str] = []
        #: per open <outline>: the folder name it pushed, or None for a feed/other outline
        self.outlines: list[str | None] = []
        self.in_title = False
        self.title_parts: list[str] = []
        self.by_url: dict[str, FeedSpec] = {}
        self.count = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if not self.stack and name.lower() != "opml":
            raise OpmlError(f"not an OPML file: the root element is <{name}>, not <opml>")
        self.stack.append(name)
        if len(self.stack) > MAX_DEPTH:
            raise OpmlError(f"OPML nested deeper than {MAX_DEPTH} levels")
        if name == "title" and self.stack[-2:-1] == ["head"]:
            self.in_title = True
        if name != "outline":
            return
        self.count += 1
        url = _attr(attrs, "xmlUrl")
        label = (_attr(attrs, "title") or _attr(attrs, "text") or "").strip()
        if url is None:
            self.outlines.append(label or None)
            return
        self.outlines.append(None)
        self._feed(url.strip(), label, attrs)

    def _feed(self, url: str, label: str, attrs: dict[str, str]) -> None:
        where = f"outline {self.count} ({label or url or 'no name'})"
        try:
            scheme = urlsplit(url).scheme.lower()
            host = urlsplit(url).hostname
        except ValueError:
            scheme, host = "", None
        if scheme not in ("http", "https") or not host:
            self.result.skipped.append(f"{where}: xmlUrl {url!r} is not an http(s) URL")
            return
        folders = [f for f in self.outlines[:-1] if f]
        tags = ["/".join(_clean_tag(f) for f in folders)] if folders else []
        for category in (_attr(attrs, "category") or "").split(","):
            if _clean_tag(category):
                tags.append(_clean_tag(category))
        interval: int | None = None
        raw_interval = _own(attrs, "interval")
        if raw_interval:
            try:
                interval = int(raw_interval)
            except ValueError:
                self.result.skipped.append(
                    f"{where}: newsrelay:interval {raw_interval!r} is not a number (ignored)"
                )
            else:
                if interval <= 0:
                    interval = None
        spec = FeedSpec(
            url=url,
            name=label if label and label != url else None,  # we export a nameless feed's URL
            interval=interval,
            user_agent=(_own(attrs, "userAgent") or "").strip() or None,
            paused=(_own(attrs, "paused") or "").strip().lower() in ("true", "1", "yes"),
            tags=tuple(dict.fromkeys(t for t in tags if t)),
        )
        previous = self.by_url.get(url)
        if previous is not None:  # listed twice (in two folders): one feed, tags merged
            merged = tuple(dict.fromkeys([*previous.tags, *spec.tags]))
            self.by_url[url] = FeedSpec.from_dict({**previous.to_dict(), "tags": list(merged)})
            return
        self.by_url[url] = spec

    def end(self, name: str) -> None:
        if name == "outline" and self.outlines:
            self.outlines.pop()
        if name == "title":
            self.in_title = False
        self.stack.pop()

    def text(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)


def _refuse(what: str) -> Any:
    def handler(*_args: Any) -> Any:
        raise OpmlError(f"refusing OPML with {what} (DTDs and entities are not allowed)")

    return handler


def parse_opml(data: bytes) -> OpmlImport:
    """Read the feeds of an OPML 1.0/2.0 document; raises `OpmlError` on anything hostile."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"OPML file is larger than {MAX_OPML_BYTES // (1024 * 1024)} MiB")
    if not data.strip():
        raise OpmlError("the OPML file is empty")
    reader = _Reader()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse("a DOCTYPE")
    parser.EntityDeclHandler = _refuse("an ENTITY declaration")
    parser.ExternalEntityRefHandler = _refuse("an external entity")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise OpmlError(f"the OPML file is not well-formed XML: {exc}") from None
    reader.result.title = " ".join("".join(reader.title_parts).split()) or None
    reader.result.feeds = list(reader.by_url.values())
    return reader.result


def build_opml(
    feeds: list[FeedSpec], *, title: str = "newsrelay feeds", now: float | None = None
) -> bytes:
    """An OPML 2.0 document of `feeds` (UTF-8, with an XML declaration)."""
    ET.register_namespace(NS_PREFIX, NS)
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(
        time.time() if now is None else now, usegmt=True
    )
    ET.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {}

    def folder(path: tuple[str, ...]) -> ET.Element:
        if not path:
            return body
        if path not in folders:
            parent = folder(path[:-1])
            folders[path] = ET.SubElement(
                parent, "outline", {"text": path[-1], "title": path[-1]}
            )
        return folders[path]

    for spec in sorted(feeds, key=lambda s: ((s.tags or ("",))[0].casefold(),
                                             (s.name or s.url).casefold())):
        first = tuple(p for p in spec.tags[0].split("/") if p) if spec.tags else ()
        name = spec.name or spec.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": spec.url}
        categories = [f"/{t.replace(',', ' ')}" for t in spec.tags]
        if categories:
            attrs["category"] = ",".join(categories)
        if spec.interval:
            attrs[f"{{{NS}}}interval"] = str(spec.interval)
        if spec.paused:
            attrs[f"{{{NS}}}paused"] = "true"
        if spec.user_agent:
            attrs[f"{{{NS}}}userAgent"] = spec.user_agent
        ET.SubElement(folder(first), "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
