"""What every platform formatter starts from: the article cleaned once, and the fitting loop.

Why clean once: decoding entities, NFC and whitespace rules must be applied exactly once (a
second entity decode changes the text), so the platform modules receive a `PreparedArticle`
whose fields are final and never touch the raw `Article` strings.

Why fit by re-rendering: the limits are on the *rendered, escaped* post (LinkedIn counts after
little-text escaping, X counts URL = 23 and emoji = 2, Telegram counts UTF-16 units of the
HTML). Cutting fields before rendering and measuring the result is the only way to be exact
without cutting inside an escape sequence, a tag or a URL. Shrinking goes excerpt first, then
hashtags, then title, so the headline and the link survive longest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from workers.errors import PayloadError
from workers.formatters import text as tx
from workers.formatters.hashtags import make_hashtags, render_hashtags
from workers.formatters.settings import ChannelTarget, FormatSettings
from workers.formatters.templates import markup, render, template_for
from workers.formatters.utm import add_utm, clean_url, is_http_url
from workers.models import Article

#: characters of article text considered when building an excerpt (the rest is never needed)
_EXCERPT_SOURCE_CHARS = 4000


@dataclass
class PreparedArticle:
    """An article's fields cleaned for posting (entities decoded once, NFC, whitespace tidy)."""

    id: str
    title: str
    text: str
    description: str
    url: str  # canonical, cleaned; "" when the article has none
    image: str | None
    site: str  # site name, else the host without "www."
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    published: str | None = None
    _excerpt_source: str | None = None

    def excerpt_source(self) -> str:
        """The description, else the article's lead paragraphs: the text an excerpt is cut from.

        Leading paragraphs that only repeat the title or are a short kicker ("News") are
        skipped, because extractors often keep them at the top of the body.
        """
        if self._excerpt_source is not None:
            return self._excerpt_source
        desc = self.description
        title_key = self.title.casefold().rstrip(".")
        if desc and desc.casefold().rstrip(".") != title_key and len(desc) >= 20:
            source = desc
        else:
            chosen: list[str] = []
            size = 0
            for para in tx.paragraphs(self.text[:_EXCERPT_SOURCE_CHARS]):
                flat = tx.single_line(para)
                if not chosen and (
                    flat.casefold().rstrip(".") == title_key
                    or (len(flat) < 40 and flat[-1:] not in tx.SENTENCE_END)
                ):
                    continue
                chosen.append(flat)
                size += len(flat)
                if size >= 600:
                    break
            if not chosen:  # only short lines: better a short excerpt than none
                chosen = [tx.single_line(p) for p in tx.paragraphs(self.text[:1000])
                          if tx.single_line(p).casefold().rstrip(".") != title_key][:1]
            source = " ".join(chosen)
        self._excerpt_source = source
        return source

    def excerpt(self, max_chars: int, ellipsis: str = tx.ELLIPSIS) -> str:
        """An excerpt of at most `max_chars` characters, cut on a word boundary."""
        if max_chars <= 0:
            return ""
        return tx.truncate(self.excerpt_source(), max_chars, ellipsis=ellipsis)


def prepare(article: Article, settings: FormatSettings) -> PreparedArticle:
    """Clean `article` for posting; PayloadError when there is nothing to post."""
    title = tx.clean_text(article.title)
    text = tx.clean_text(article.text, multiline=True)
    description = tx.clean_text(article.description)
    raw_url = (article.url or "").strip()
    url = ""
    if raw_url:
        if not is_http_url(raw_url):
            raise PayloadError(
                f"article {article.id} has a URL that is not http(s): {raw_url[:200]!r}",
                url=raw_url,
            )
        url = clean_url(raw_url)
    if not title:
        title = tx.single_line(tx.first_sentence(text or description))
    title = tx.truncate(title, settings.title_max_chars, ellipsis=settings.ellipsis)
    if not url and not title and not text:
        raise PayloadError(f"article {article.id} has no URL and no text: nothing to share")
    image = (article.image or "").strip() or None
    if image and not is_http_url(image):
        image = None
    site = tx.clean_text(article.site_name)
    if not site and url:
        host = urlsplit(url).hostname or ""
        site = host[4:] if host.startswith("www.") else host
    return PreparedArticle(
        id=str(article.id),
        title=title,
        text=text,
        description=description,
        url=url,
        image=image,
        site=site,
        tags=[t for t in (article.tags or []) if isinstance(t, str)],
        authors=[tx.clean_text(a) for a in (article.authors or []) if isinstance(a, str)],
        language=article.language,
        published=article.published,
    )


def platform_url(prepared: PreparedArticle, platform: str, settings: FormatSettings) -> str:
    """The article URL as posted on `platform` (UTM-tagged unless disabled)."""
    if not prepared.url or not settings.utm:
        return prepared.url
    return add_utm(
        prepared.url,
        source=settings.utm_source(platform),
        medium=settings.utm_medium,
        campaign=settings.utm_campaign,
    )


def platform_hashtags(prepared: PreparedArticle, platform: str,
                      settings: FormatSettings) -> list[str]:
    """Hashtag names for `platform` (already validated, deduplicated and capped)."""
    return make_hashtags(
        prepared.tags,
        max_count=settings.hashtags_for(platform),
        stoplist=settings.hashtag_stoplist,
        max_len=settings.hashtag_max_len,
        max_words=settings.hashtag_max_words,
    )


@dataclass
class Fields:
    """The shrinkable parts of a post; everything else in the template context is fixed."""

    title: str
    excerpt: str
    hashtags: list[str]

    @classmethod
    def initial(cls, prepared: PreparedArticle, platform: str, settings: FormatSettings) -> Fields:
        """The full-size fields a post starts from, before `fit` shrinks them."""
        return cls(
            title=prepared.title,
            excerpt=prepared.excerpt(settings.excerpt_for(platform), settings.ellipsis),
            hashtags=platform_hashtags(prepared, platform, settings),
        )


def base_context(prepared: PreparedArticle, url: str) -> dict[str, Any]:
    """Template variables every platform offers (documented for template authors)."""
    host = urlsplit(url).hostname if url else ""
    return {
        "title": prepared.title,
        "excerpt": "",
        "description": prepared.description,
        "body": prepared.text,
        "url": url,
        "canonical_url": prepared.url,
        "site": prepared.site,
        "site_name": prepared.site,
        "domain": host or "",
        "authors": ", ".join(prepared.authors),
        "author": prepared.authors[0] if prepared.authors else "",
        "published": prepared.published or "",
        "language": prepared.language or "",
        "image": prepared.image or "",
        "hashtags": "",
        "tags": [],
    }


class Renderer:
    """Renders one platform's template for one article, with shrinkable fields."""

    def __init__(
        self,
        platform: str,
        prepared: PreparedArticle,
        settings: FormatSettings,
        channel: ChannelTarget,
        context: Mapping[str, Any],
        *,
        url_is_markup: bool = False,
        full_text: bool = False,
    ) -> None:
        self.platform = platform
        self.prepared = prepared
        self.settings = settings
        self.context = dict(context)
        if url_is_markup and self.context.get("url"):
            self.context["url"] = markup(str(self.context["url"]))
        self.source = template_for(platform, settings.templates, channel.template,
                                   full_text=full_text)

    def __call__(self, fields: Fields) -> str:
        ctx = dict(self.context)
        ctx["title"] = fields.title
        ctx["excerpt"] = fields.excerpt
        ctx["tags"] = list(fields.hashtags)
        ctx["hashtags"] = markup(render_hashtags(fields.hashtags, self.platform))
        return render(self.platform, self.source, ctx, article_id=self.prepared.id)


def fit(
    render_fn: Callable[[Fields], str],
    fields: Fields,
    measure: Callable[[str], int],
    limit: int,
    *,
    platform: str,
    article_id: str,
    ellipsis: str = tx.ELLIPSIS,
    shrink: tuple[str, ...] = ("excerpt", "hashtags", "title"),
) -> tuple[str, Fields]:
    """Render, then shrink fields until `measure(rendered) <= limit`.

    Order: the excerpt is cut (word boundary + ellipsis) then dropped, hashtags are dropped
    from the last, and the title is cut last. Raises PayloadError when even an empty title
    does not fit (a template or URL longer than the limit).
    """
    out = render_fn(fields)
    if measure(out) <= limit:
        return out, fields

    def shrink_text(name: str, current: Fields) -> tuple[str, Fields] | None:
        value: str = getattr(current, name)
        if not value:
            return None
        for cut_points in (tx.word_cut_points, tx.grapheme_cut_points):  # lazily
            options = [tx.finish_cut(value, p, ellipsis) for p in cut_points(value)]
            options = [o for o in options if o]
            if name == "excerpt":
                options.insert(0, "")

            def attempt(i: int, options: list[str] = options) -> tuple[str, Fields]:
                trial = Fields(**{**current.__dict__, name: options[i]})
                return render_fn(trial), trial

            cache: dict[int, tuple[str, Fields]] = {}

            def fits(i: int, cache: dict[int, tuple[str, Fields]] = cache,
                     attempt: Callable[[int], tuple[str, Fields]] = attempt) -> bool:
                if i not in cache:
                    cache[i] = attempt(i)
                return measure(cache[i][0]) <= limit

            best = tx.largest_fitting(len(options), fits)
            while best >= 0 and not fits(best):
                best -= 1
            if best >= 0 and (options[best] or name == "excerpt"):
                return cache[best]
        return None

    current = fields
    for step in shrink:
        if step == "hashtags":
            while current.hashtags:
                current = Fields(current.title, current.excerpt, current.hashtags[:-1])
                out = render_fn(current)
                if measure(out) <= limit:
                    return out, current
            continue
        result = shrink_text(step, current)
        if result is not None:
            return result
        # nothing of this field fits: remove it and go on with the next
        current = Fields(**{**current.__dict__, step: ""})
        out = render_fn(current)
        if measure(out) <= limit:
            return out, current
    raise PayloadError(
        f"{platform} post for article {article_id} does not fit its limit ({limit}) even "
        f"with the title cut: the template or the URL is too long"
    )
