"""Article metadata from a parsed page: what a share needs (title, canonical URL, description,
lead image, authors, dates, site name, language, tags).

Why our own code instead of trafilatura's `extract_metadata`: the structured sources that
publishers write *for* sharing (OpenGraph, JSON-LD, article:* meta) answer almost every page,
and reading them with a few XPath queries costs well under a millisecond, while trafilatura's
heuristics (htmldate, author cleaning, deep copies) cost several milliseconds a page, which our
15 ms budget cannot pay. Precedence, per field: OpenGraph, then JSON-LD (schema.org
NewsArticle/Article/..., @graph arrays and @id references included), then other meta tags,
then page markup (``<title>``, ``<h1>``, ``<html lang>``, ``<time datetime>``, the first
picture inside the story's ``<article>`` or ``<main>`` that is not a logo, icon or pixel,
the byline element, the site's name as ``<title>`` writes it), and for the publication date
only, htmldate's guess from the URL and the page, then from the text printed around the
headline, as the very last resort. How well each field does on other projects' test pages,
beside trafilatura's `extract_metadata`: ``bench/metadata.py``.

A title keeps only the headline and a byline only the people (`workers.pipeline.sitenames`:
the site's name that ``<title>`` usually adds, a newsroom closing a byline, degrees, CMS
logins, a byline's label and date); a page whose only ``<h1>`` is the site's name ("RS
Ingenieure") or a section's heading ("Allergies Health Center") takes its ``<title>``.

JSON-LD's ``articleBody`` is kept as `PageMetadata.article_body`: the extraction stage takes
it as the story only when the page's markup gives none (a page written by JavaScript).

Dates are returned as timezone-aware ISO 8601 strings. When a page gives a date or time
without a zone, it is taken as UTC: pages rarely say which zone they mean, and a fixed,
documented assumption beats the server's local time.

Text values come out decoded once: attribute and element text are decoded by the HTML parser;
JSON-LD strings are raw script text, so HTML entities in them are decoded here (CMSs such as
WordPress/Yoast write ``&#8217;`` and ``&amp;`` into JSON-LD). Short metadata strings that
still hold an entity after that were escaped twice by the CMS and are repaired, so no
``&amp;`` or ``&#39;`` leaks into a post.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from workers.pipeline.memo import SearchMemo
from workers.pipeline.sitenames import (
    author_name,
    host_of,
    is_person_or_agency,
    is_publisher,
    names_in_byline,
    names_the_site,
    site_in_title,
    site_labels,
    title_without_site,
)

__all__ = [
    "PageMetadata",
    "extract_metadata",
    "parse_datetime",
    "same_site",
]

ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
        "AskPublicQuestionArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
        "TechArticle", "ScholarlyArticle", "Report", "SatiricalArticle", "DiscussionForumPosting",
    }
)  # fmt: skip
_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "CollectionPage"})
_SITE_TYPES = frozenset({"WebSite", "Organization", "NewsMediaOrganization", "Corporation"})

_WS = re.compile(r"\s+")
_LEFTOVER_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_TAG_SPLIT = re.compile(r"\s*[,;|]\s*")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}|[a-zA-Z]{4}))?\b")
_MAX_TAGS = 25
_JSONLD_MAX_BYTES = 512 * 1024

# meta names/properties (lower-case) per field, in precedence order
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "article.published", "published_time", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.issued",
    "dcterms.created", "dc.date.created", "sailthru.date", "parsely-pub-date",
    "article_date_original", "cxenseparse:recs:publishtime", "og:updated_time",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "article.updated", "last-modified", "dcterms.modified", "dc.date.modified", "lastmod",
)  # fmt: skip
_AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "citation_author",
    "byl",
)
#: keys whose convention is one person per tag, surname first ("Jong, Michiel de")
_SURNAME_FIRST = frozenset({"dc.creator", "citation_author"})
#: "Surname, Given names": the given names are one to three words or initials
_SURNAME_COMMA_GIVEN = re.compile(
    r"^(?P<surname>[^,]+?),\s*(?P<given>(?:[^\W\d_][\w'’-]*\.?|[^\W\d_]\.)(?:\s+[\w'’.-]+){0,2})$"
)
_TAG_META = ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags")


@dataclass
class PageMetadata:
    """Metadata found in a page; every field may be missing."""

    title: str | None = None
    url: str | None = None
    description: str | None = None
    image: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    #: JSON-LD's ``articleBody``, paragraphs separated by newlines: the story's text for
    #: search engines, which a page that writes its story with JavaScript has nowhere else
    article_body: str | None = None


# --- small helpers -------------------------------------------------------------------------


def clean_value(value: object, *, from_json: bool = False) -> str | None:
    """One metadata string: entities decoded once (twice only if visibly double-escaped),
    NFC, whitespace collapsed; None when empty."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    if from_json and "&" in value:
        value = html.unescape(value)
    if "&" in value and _LEFTOVER_ENTITY.search(value):
        value = html.unescape(value)  # escaped twice by the CMS
    if "<" in value and ">" in value:
        value = re.sub(r"<[^<>]{1,200}>", " ", value)  # markup inside JSON-LD/meta strings
    value = _WS.sub(" ", unicodedata.normalize("NFC", value)).strip()
    return value or None


def parse_datetime(value: str | None) -> str | None:
    """A date string in any common web format -> timezone-aware ISO 8601, or None.

    Accepts ISO 8601 (with ``Z``, ``+0100``, ``+01:00``, fractions, date only), RFC 2822
    (``Tue, 19 Nov 2019 05:45:00 GMT``), ``2019/11/19 05:45``, ``20191119`` and epoch seconds.
    A value without a zone is taken as UTC (see the module docstring).
    """
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    parsed = _parse_datetime(text)
    if parsed is None or not (1990 <= parsed.year <= 2100):
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat()


_FORMATS = (
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y",
    "%d %b %Y", "%B %d, %Y %I:%M %p", "%Y-%m-%dT%H:%M:%S.%f%z",
)  # fmt: skip


def _parse_datetime(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00").replace("z", "+00:00")
    if re.fullmatch(r"\d{4}[-/.]\d{2}[-/.]\d{2} \d{1,2}:\d{2}(:\d{2})?", candidate):
        candidate = candidate.replace("/", "-").replace(".", "-", 2)
    # "2019-11-19T05:45:00.000-0500" and "... +01" are ISO too
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    candidate = re.sub(r"([+-]\d{2})$", r"\1:00", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    if re.fullmatch(r"\d{10}(\.\d+)?", text):  # epoch seconds
        return datetime.fromtimestamp(float(text), tz=UTC)
    if re.fullmatch(r"\d{8}", text):
        try:
            return datetime.strptime(text, "%Y%m%d")
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def same_site(url: str, reference: str) -> bool:
    """True when both URLs belong to the same registrable domain (www., m., amp. and other
    subdomains of one site match; other sites, and other IP addresses or ports, do not)."""
    host, ref = host_of(url), host_of(reference)
    if not host or not ref:
        return False
    if host == ref:
        return True
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host) or "." not in host or "." not in ref:
        return False  # IP addresses and single-label hosts: exact match only
    domain = _registrable_domain(host)
    return bool(domain) and domain == _registrable_domain(ref)


@functools.lru_cache(maxsize=4096)
def _registrable_domain(host: str) -> str:
    """The registrable domain of `host` ("bbc.co.uk" for "www.bbc.co.uk"), by the public
    suffix list that courlan reads (loaded once, on the first call); cached, since one page
    asks about the same few hosts several times."""
    try:
        from courlan import extract_domain

        return extract_domain(f"http://{host}/") or ""
    except Exception:  # pragma: no cover - courlan/tld edge cases
        return ".".join(host.split(".")[-2:])


#: where a story's own pictures are: its <article>, its articleBody, the page's <main>
_STORY_IMAGES = etree.XPath(
    "(//article//img | //*[@itemprop='articleBody']//img | //main//img)[position() <= 20]"
)
#: what logos, icons, avatars, tracking pixels and placeholders are called
_NOT_A_PICTURE = re.compile(
    r"logo|icon|avatar|sprite|pixel|spacer|blank|placeholder|gravatar|badge|emoji|"
    r"\.svg(?:$|\?)|\.gif(?:$|\?)",
    re.IGNORECASE,
)
#: a picture smaller than this in either declared dimension is a thumbnail or a button
_MIN_SIDE = 150
#: where an ``<img>`` names its picture: src, or the attributes lazy-loading scripts read
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")


def _story_image(tree: HtmlElement, base: str | None) -> str | None:
    """The first picture inside the story, for pages that name no lead image in their head.

    Only the story's container is searched (a page's first ``<img>`` is usually its logo),
    and images named or sized like logos, icons, avatars or pixels are passed over.
    """
    for img in _STORY_IMAGES(tree):
        # a lazy-loading page puts a placeholder in src ("data:image/gif;base64,...",
        # "/img/blank.gif") and the picture in data-src
        sources = [img.get(name) or "" for name in _IMAGE_SOURCES]
        real = (v for v in sources if v and not v.startswith("data:"))
        src = next((v for v in real if not _NOT_A_PICTURE.search(v)), "")
        names = f"{src} {img.get('class') or ''} {img.get('alt') or ''}"
        if not src or _NOT_A_PICTURE.search(names):
            continue
        sides = [img.get("width") or "", img.get("height") or ""]
        if any(side.isdigit() and int(side) < _MIN_SIDE for side in sides):
            continue
        url = _absolute(src, base)
        if url is not None:
            return url
    return None


def _absolute(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not value or value.startswith(("data:", "javascript:", "#")):
        return None
    if base:
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    if value.startswith("//"):
        value = "https:" + value
    return value if value.startswith(("http://", "https://")) else None


# --- JSON-LD -------------------------------------------------------------------------------


def _load_json(text: str) -> Any:
    text = text.strip()
    for junk in ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"):
        text = text.replace(junk, "")
    text = text.strip().rstrip(";")
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # trailing commas are the most common hand-written JSON-LD error
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except ValueError:
            return None


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document (arrays, @graph and nested values included)."""
    if depth > 12:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key, value in node.items():
            if isinstance(value, dict | list) and key not in ("@context",):
                yield from _walk(value, depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


@dataclass
class _JsonLd:
    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    site: dict[str, Any] | None = None
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resolve(self, node: Any) -> Any:
        """Follow an ``{"@id": ...}`` reference to its node in the same document."""
        if isinstance(node, dict) and set(node) <= {"@id", "@type"} and "@id" in node:
            return self.by_id.get(str(node["@id"]), node)
        return node


def _read_jsonld(tree: HtmlElement) -> _JsonLd:
    found = _JsonLd()
    for script in tree.iterfind(".//script[@type]"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > _JSONLD_MAX_BYTES:
            continue
        for node in _walk(_load_json(text)):
            if isinstance(node.get("@id"), str):
                found.by_id.setdefault(node["@id"], node)
            types = _types(node)
            if found.article is None and types & ARTICLE_TYPES:
                found.article = node
            elif found.page is None and types & _PAGE_TYPES:
                found.page = node
            elif found.site is None and types & _SITE_TYPES:
                found.site = node
    if found.article is None and found.page is not None:
        # some sites describe the article as a WebPage whose mainEntity is the article
        main = found.resolve(found.page.get("mainEntity"))
        if isinstance(main, dict) and _types(main) & ARTICLE_TYPES:
            found.article = main
    return found


def _names(value: Any, ld: _JsonLd) -> list[str]:
    """Person/Organization names from a JSON-LD author/creator value."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        item = ld.resolve(item)
        if isinstance(item, dict):
            name = clean_value(item.get("name"), from_json=True)
        else:
            name = clean_value(item, from_json=True)
        if name:
            out.append(name)
    return out


def _image_url(value: Any, ld: _JsonLd) -> str | None:
    value = ld.resolve(value)
    if isinstance(value, list):
        value = value[0] if value else None
        value = ld.resolve(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return value if isinstance(value, str) else None


# --- meta tags -----------------------------------------------------------------------------


def _read_meta(tree: HtmlElement) -> dict[str, list[str]]:
    """All ``<meta>`` values keyed by lower-cased property/name/itemprop/http-equiv."""
    meta: dict[str, list[str]] = {}
    # the whole document: itemprop metas inside the body are common (schema.org microdata)
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                meta.setdefault(key.strip().lower(), []).append(content)
    return meta


def _first(meta: dict[str, list[str]], keys: Iterable[str]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            cleaned = clean_value(value)
            if cleaned:
                return cleaned
    return None


def _split_tags(values: Iterable[Any]) -> list[str]:
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        parts = value if isinstance(value, list) else _TAG_SPLIT.split(str(value))
        for part in parts:
            tag = clean_value(part) if isinstance(part, str) else None
            if not tag or len(tag) > 60 or tag.startswith(("http://", "https://")):
                continue
            key = tag.casefold()
            if key not in seen:
                seen.add(key)
                tags.append(tag)
    return tags[:_MAX_TAGS]


def _language(tag: str | None) -> str | None:
    """``en_us`` -> ``en-US``; anything that is not a language tag -> None."""
    if not tag:
        return None
    match = _LANG.match(tag.strip())
    if not match:
        return None
    lang, region = match.group(1).lower(), match.group(2)
    if region and len(region) == 2:
        return f"{lang}-{region.upper()}"
    return lang


def _text(element: HtmlElement) -> str | None:
    return clean_value(element.text_content())


# --- the entry point -----------------------------------------------------------------------


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Read the metadata of a parsed page (the tree is not modified).

    `url` is where the page was fetched from: relative URLs are resolved against it, and the
    canonical URL the page declares is used only when it is on the same site (a syndicated
    copy may point its canonical link at another site; the share must still link to the
    copy that was fetched).
    """
    meta = _read_meta(tree)
    ld = _read_jsonld(tree)
    art = ld.article or {}
    base = url
    base_el = tree.find(".//head/base[@href]")
    if base_el is not None and url:
        base = urljoin(url, base_el.get("href", ""))

    site_name = (
        _first(meta, ("og:site_name",))
        or _publisher_name(art, ld)
        or clean_value((ld.site or {}).get("name"), from_json=True)
        or _first(meta, ("application-name", "twitter:site"))
    )
    if site_name and site_name.startswith("@"):
        site_name = None

    title = (
        _first(meta, ("og:title",))
        or clean_value(art.get("headline") or art.get("name"), from_json=True)
        or _first(meta, ("twitter:title", "title", "dc.title", "headline", "sailthru.title"))
    )
    labels = site_labels(url or _first(meta, ("og:url",)))
    title_el = tree.find(".//title")
    page_title = _text(title_el) if title_el is not None else None
    if not title:
        h1s = tree.xpath("//h1")
        if len(h1s) == 1:
            title = _text(h1s[0])
            if title and (names_the_site(title, site_name, labels) or _links_home(h1s[0], base)):
                title = None  # the site's name set as the page's heading, not the story's
            elif title and page_title and not _shares_words(title, page_title):
                # a section's heading ("Allergies Health Center"), unless <title> is too
                # short to name a story ("Site")
                headline = title_without_site(page_title, site_name, labels)
                if len(re.findall(r"\w+", headline)) >= 3:
                    title = None
        title = title or page_title
    if title:
        title = title_without_site(title, site_name, labels)
    if site_name is None and page_title:
        # a page that declares no name: the one its <title> writes after the headline
        site_name = site_in_title(page_title, title_without_site(page_title, None, labels), labels)

    description = (
        _first(meta, ("og:description",))
        or clean_value(art.get("description"), from_json=True)
        or _first(meta, ("description", "twitter:description", "dc.description"))
    )

    image = _absolute(
        _first(meta, ("og:image", "og:image:url", "og:image:secure_url"))
        or _image_url(art.get("image") or art.get("thumbnailUrl"), ld)
        or _first(meta, ("twitter:image", "twitter:image:src", "thumbnail")),
        base,
    )
    if image is None:
        link = tree.find(".//head/link[@rel='image_src']")
        if link is not None:
            image = _absolute(link.get("href"), base)
    if image is None:
        image = _story_image(tree, base)

    authors = _names(art.get("author") or art.get("creator"), ld)
    if not authors:
        for key in _AUTHOR_META:
            for value in meta.get(key, ()):
                name = clean_value(value)
                if name and not name.startswith(("http://", "https://", "@")):
                    if is_publisher(name):
                        continue  # "Süddeutsche.de GmbH, Munich, Germany": the publisher
                    if key in _SURNAME_FIRST and (swapped := _given_name_first(name)):
                        authors.append(swapped)
                        continue
                    authors.extend(n for n in re.split(r"\s*(?:,|\band\b|&)\s*", name) if n)
            if authors:
                break
    if not authors:
        authors = [n for n in (_text(e) for e in tree.xpath("//a[@rel='author']")[:3]) if n]
    authors = _people(authors, site_name)
    if not authors:
        # also when the metadata's only "author" is the site itself
        authors = _people(_byline_in_markup(tree), site_name)

    published = parse_datetime(_first(meta, _PUBLISHED_META[:1])) or parse_datetime(
        art.get("datePublished") if isinstance(art.get("datePublished"), str) else None
    )
    for key in _PUBLISHED_META[1:]:
        if published:
            break
        published = parse_datetime(_first(meta, (key,)))
    if not published:
        published = _time_element(tree, "datePublished")
    if not published:
        published = _guess_date(tree, url)
    modified = parse_datetime(_first(meta, _MODIFIED_META[:1])) or parse_datetime(
        art.get("dateModified") if isinstance(art.get("dateModified"), str) else None
    )
    for key in _MODIFIED_META[1:]:
        if modified:
            break
        modified = parse_datetime(_first(meta, (key,)))

    html_el = tree if tree.tag == "html" else tree.getroottree().getroot()
    language = (
        _language(html_el.get("lang") or html_el.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or _language(_first(meta, ("og:locale",)))
        or _language(art.get("inLanguage") if isinstance(art.get("inLanguage"), str) else None)
        or _language(_first(meta, ("content-language", "language", "dc.language")))
    )

    tags = _split_tags(
        list(meta.get("article:tag", ()))
        + [html.unescape(v) for v in _as_list(art.get("keywords"))]
        + [v for key in _TAG_META[1:] for v in meta.get(key, ())]
    )

    return PageMetadata(
        title=title,
        url=canonical_url(tree, url, meta=meta, ld=ld, base=base),
        description=description,
        image=image,
        authors=authors,
        published=published,
        modified=modified,
        site_name=site_name,
        language=language,
        tags=tags,
        article_body=_article_body(art.get("articleBody")),
    )


def _article_body(value: Any) -> str | None:
    """JSON-LD's ``articleBody`` as plain text, one paragraph per line. Some sites put HTML
    in it: its paragraphs and line breaks become lines, its tags go."""
    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str) or not value.strip():
        return None
    text = html.unescape(value) if "&" in value else value
    if "<" in text and ">" in text:
        try:
            fragment = lxml_html.fragment_fromstring(text, create_parent="div")
        except (etree.LxmlError, ValueError):
            return None
        for element in fragment.iter("p", "br", "div", "li", "h2", "h3", "h4", "blockquote"):
            element.tail = "\n" + (element.tail or "")
        text = fragment.text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def _links_home(heading: HtmlElement, base: str | None) -> bool:
    """Whether the ``<h1>`` is a link to the site's home page: a masthead ("Hi, I'm
    Nicolas." on a blog whose every page carries it, a theme's site title), not the story's
    headline, which links to the story itself when it links at all."""
    words = len(heading.text_content().split())
    for link in heading.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith("#") or 2 * len(link.text_content().split()) < words:
            continue
        try:
            target = urlsplit(urljoin(base or "", href))
        except ValueError:
            continue
        if target.path in ("", "/") and not target.query:
            return True
    return False


def _shares_words(heading: str, page_title: str) -> bool:
    """Whether the page's one ``<h1>`` may be its story's headline rather than a section's
    or a blog's heading: it shares a word of four letters or more with ``<title>`` (or
    either has no such word to compare). WebMD's "Allergies Health Center" above "Babies
    Who Eat Peanuts Early May Avoid Allergy" shares none."""
    words = {w.casefold() for w in re.findall(r"\w{4,}", heading)}
    others = {w.casefold() for w in re.findall(r"\w{4,}", page_title)}
    return not words or not others or bool(words & others)


def _people(authors: list[str], site_name: str | None) -> list[str]:
    """The names that name who wrote the story, once each, without "By" and roles."""
    names = _dedupe(
        [author_name(re.sub(r"^(?i:by)\s+", "", a)) for a in authors if len(a) <= 100]
    )
    return [a for a in names if is_person_or_agency(a, site_name, len(names))]


def _given_name_first(name: str) -> str | None:
    """ "Jong, Michiel de" -> "Michiel de Jong", "Kooman, F." -> "F. Kooman": Dublin Core's
    and Highwire's author tags name one person each, surname first; their comma is not a
    list of two people. None when the value is not written that way."""
    match = _SURNAME_COMMA_GIVEN.match(name)
    if match is None or len(match.group("surname").split()) > 3:
        return None
    return f"{match.group('given')} {match.group('surname')}"


#: elements that hold a byline, and how they are named, in three tiers: the specific names
#: (an element called "author", ``rel=author``, ``itemprop="author name"``, "author-name"),
#: the generic ones ("byline", "posted-by", anything with "author" in its class or id), and
#: as the last resort any element named for a byline or a writer. These are the rules of
#: trafilatura's AUTHOR_XPATHS, in one pass over the elements instead of a copy of the page
#: and its regex XPaths, which took 8 ms on a page of 800 elements (the pass takes about 2 ms,
#: only on pages whose metadata names no author; an XPath that preselects the elements by
#: these names was slower, 5 ms)
_SPECIFIC_TAGS = frozenset("a address div link p span strong author".split())
#: the elements a byline is written in (the last tier takes any element that holds text;
#: naming them lets lxml pass over images, scripts and icons without a Python object each)
_TEXT_TAGS = (
    *_SPECIFIC_TAGS, "h2", "h3", "h4", "h5", "h6", "li", "section", "header", "b", "em",
    "small", "cite", "dd", "dt", "td", "font", "i", "time",
)
_GENERIC_TAGS = frozenset("a div h3 h4 p span".split())
#: (remembered by class name: the pass asks them of every named element of the page)
_SPECIFIC_BYLINE = SearchMemo(r"author-?name|authorname", re.IGNORECASE)
_GENERIC_BYLINE = SearchMemo(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name",
    re.IGNORECASE,
)
_GENERIC_BYLINE_ID = SearchMemo(r"author|zuozhe|bianji|xiaobian")
_LAST_BYLINE = SearchMemo(r"author|screenname|writer|byline", re.IGNORECASE)
#: the blocks where a name is not the story's byline: comments, sidebars, quotes, the print
#: version, a category list; as whole words of a class, since a story's own wrapper may be
#: called "post category-community"
_NOT_BYLINE_AREA = re.compile(
    r"(?:^|[\s_-])(?:comments?(?:$|[\s_-])|comment-?list|commentlist|sidebar|is-hidden|"
    r"embedly-instagram|article-(?:share|support)|print(?:$|\s)|category(?:$|\s)|meta-date|"
    r"meta-reviewer)|quote|^(?:title|date)$",
    re.IGNORECASE,
)
#: what joins the names of a byline ("A, B and C", "A (avec B et C)", "A & B")
_BYLINE_JOINS = re.compile(
    r"\s*(?:[,;&|()]|\b(?:and|und|et|y|e|with|avec|mit|con|com)\b)\s*", re.IGNORECASE
)


def _byline_in_markup(tree: HtmlElement) -> list[str]:
    """The byline as the page shows it, when no metadata names the author.

    About a third of the pages of trafilatura's, newspaper4k's and Readability's test sets
    that name an author in their markup do so only there (Blogger's "Posted by Ned Deily",
    WordPress's ``<span class="author vcard">``). The first element named as a byline (see
    `_SPECIFIC_BYLINE`) outside comments, sidebars, quotes, figures and dates whose text
    reads as names (`sitenames.names_in_byline`: a login label or a share button does not)
    gives them.
    """
    tiers: tuple[list[HtmlElement], list[HtmlElement]] = ([], [])
    for element in tree.iter(*_TEXT_TAGS):
        tag = element.tag
        names_attr = element.get("class") or ""
        ident = element.get("id") or ""
        prop = element.get("itemprop") or ""
        rel = element.get("rel") or ""
        component = element.get("data-component") or ""
        if not (names_attr or ident or prop or rel or component or tag == "author"):
            continue
        if tag in _SPECIFIC_TAGS and (
            tag == "author"
            or rel == "author"
            or ident == "author"
            or names_attr == "author"
            or prop == "author name"
            or _SPECIFIC_BYLINE(names_attr)
        ):
            if names := _names_of(element):
                return names
        elif tag in _GENERIC_TAGS and (
            names_attr in ("byline", "username", "byl", "BBL")
            or "author" in prop
            or _GENERIC_BYLINE(names_attr)
            or _GENERIC_BYLINE_ID(ident)
        ):
            tiers[0].append(element)
        elif (
            "Byline" in component
            or "author" in prop
            or "uthor" in ident
            or _LAST_BYLINE(names_attr)
        ):
            tiers[1].append(element)
    for tier in tiers:
        for element in tier:
            if names := _names_of(element):
                return names
    return []


def _names_of(element: HtmlElement) -> list[str]:
    """The names in a byline element, unless it sits where bylines are not (comments,
    sidebars, quotes, pictures, dates) or its text is too short or long for a byline."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("figure", "time", "blockquote"):
            return []
        if node.tag in ("a", "div", "section", "span") and (
            _NOT_BYLINE_AREA.search(node.get("class") or "")
            or _NOT_BYLINE_AREA.search(node.get("id") or "")
        ):
            return []
    text = " ".join(" ".join(element.itertext()).split())
    if not 2 < len(text) < 120:
        return []
    return _dedupe(
        name
        for part in _BYLINE_JOINS.split(author_name(text))
        if part
        for name in names_in_byline(part)
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _publisher_name(art: dict[str, Any], ld: _JsonLd) -> str | None:
    publisher = ld.resolve(art.get("publisher"))
    if isinstance(publisher, list) and publisher:
        publisher = ld.resolve(publisher[0])
    if isinstance(publisher, dict):
        return clean_value(publisher.get("name"), from_json=True)
    return None


def _guess_date(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's guess (date only) from the URL, ``<time>`` elements and the page text: the
    last resort for the ~15 % of pages with no structured date. It is what trafilatura uses,
    costs 0-4 ms, and only runs when every structured source is missing.

    Its quick search first; when that finds nothing, the first date printed as text in the
    block around the headline, where a blog prints its date ("Posted on 30 July 2018"),
    read by htmldate's parser of date expressions (`_printed_date`). htmldate's extensive
    search of the whole page took about 50 ms and found copyright years and dates of other
    stories."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    try:
        value = find_date(tree, url=url, extensive_search=False, original_date=True)
        if not value and (around := _around_headline(tree)) is not None:
            value = _printed_date(around)
    except Exception:  # htmldate is heuristic code: never let it fail an extraction
        return None
    return parse_datetime(value) if isinstance(value, str) else None


#: the range of dates a story printed by its headline may carry
_EARLIEST_PRINTED = datetime(1995, 1, 1)


def _printed_date(block: HtmlElement) -> str | None:
    """The first date printed as text in the headline's block ("Posted on 30 July 2018 by
    ...", "25. September 2018", "By Nathan Willis March 25, 2015"), read by htmldate's own
    parser of date expressions.

    Not htmldate's extensive search: for text that its patterns do not read it falls back on
    dateparser, whose first call compiles patterns for 200 locales (2 s and 45 MB in a worker
    process). A year alone is not a date.
    """
    from htmldate.extractors import try_date_expr

    latest = datetime.now() + timedelta(days=1)
    for text in block.itertext():
        segment = " ".join(text.split())
        if not 6 <= len(segment) <= 80 or not any(c.isdigit() for c in segment):
            continue
        value = try_date_expr(segment, "%Y-%m-%d", False, _EARLIEST_PRINTED, latest)
        if value and not value.endswith("-01-01"):
            return str(value)
    return None


def _around_headline(tree: HtmlElement) -> HtmlElement | None:
    """The block that holds the story's headline and what is printed by it (byline, date):
    the ``<article>`` around the one ``<h1>``, else the h1's grandparent."""
    h1s = tree.xpath("//h1")
    if len(h1s) != 1:
        return None
    for ancestor in h1s[0].iterancestors("article"):
        return ancestor
    parent = h1s[0].getparent()
    grand = parent.getparent() if parent is not None else None
    return grand if grand is not None and grand.tag not in ("body", "html") else parent


def _time_element(tree: HtmlElement, itemprop: str) -> str | None:
    """``<time itemprop=datePublished datetime=...>``, else the first ``<time datetime>`` in
    the ``<article>`` element (page markup, before htmldate's guess).

    Not the first in ``<main>``: a ``<main>`` without an ``<article>`` often lists other
    posts, each with its ``<time>``, before the story's own date (Mediapart's blog pages:
    the date of the author's latest other post), and htmldate's guess, which reads every
    ``<time>`` of the page and the date printed by the headline, dates those pages: of the
    three pages of the extraction sets that the ``<main>`` rule dated, it gives the same day
    on two and the story's own on Mediapart's."""
    for xpath in (
        f"//*[@itemprop='{itemprop}'][@datetime or @content]",
        "//article//time[@datetime]",
    ):
        for element in tree.xpath(xpath)[:1]:
            value = parse_datetime(element.get("datetime") or element.get("content"))
            if value:
                return value
    return None


def canonical_url(
    tree: HtmlElement,
    url: str | None,
    *,
    meta: dict[str, list[str]] | None = None,
    ld: _JsonLd | None = None,
    base: str | None = None,
) -> str | None:
    """The page's canonical URL: ``<link rel=canonical>``, og:url, JSON-LD url, in that order,
    each only if it is absolute http(s) after resolution and on the same site as `url`;
    else `url` itself."""
    meta = _read_meta(tree) if meta is None else meta
    ld = _read_jsonld(tree) if ld is None else ld
    base = base or url
    candidates: list[str | None] = []
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            candidates.append(link.get("href"))
    candidates.append(_first(meta, ("og:url",)))
    art = ld.article or {}
    main = ld.resolve(art.get("mainEntityOfPage"))
    candidates.append(art.get("url") if isinstance(art.get("url"), str) else None)
    if isinstance(main, dict):
        candidates.append(main.get("@id") if isinstance(main.get("@id"), str) else None)
    elif isinstance(main, str):
        candidates.append(main)
    for candidate in candidates:
        absolute = _absolute(candidate, base)
        if not absolute:
            continue
        if url is None or same_site(absolute, url):
            return absolute.split("#", 1)[0]
    return url
