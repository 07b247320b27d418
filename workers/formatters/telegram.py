"""Telegram Bot API: sendMessage / sendPhoto with parse_mode HTML, split when too long.

Why HTML and not MarkdownV2: HTML needs only `< > &` escaped, MarkdownV2 needs eighteen
characters escaped and fails the whole message on one miss ("can't parse entities", a top
complaint in SPEC section 4).

Limits: text 1..4096 and caption 1024, both counted here in UTF-16 code units of the HTML
*source*. Telegram counts the text after entity parsing, which is never longer than the
source, so measuring the source is always accepted (and is what a test can check on the request
body). At most 100 entities per message.

Why a real splitter: "message is too long" and splits that break HTML or surrogate pairs are
the second complaint in SPEC section 4. `split_html` cuts on paragraph, then line, sentence,
word and only then grapheme boundaries; it never cuts inside a tag, an entity (`&amp;`), a
grapheme cluster or a URL, and closes the tags open at the cut and reopens them in the next part.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from workers.errors import PayloadError
from workers.formatters import text as tx
from workers.formatters.base import (
    Fields,
    PreparedArticle,
    Renderer,
    base_context,
    fit,
    platform_url,
)
from workers.formatters.settings import PLACEHOLDERS, ChannelTarget, FormatSettings
from workers.formatters.templates import escape_html
from workers.formatters.utm import TELEGRAM_INTENT, intent_link
from workers.models import Payload

PLATFORM = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
MAX_ENTITIES = 100

#: the tags this project emits and accepts from templates (Telegram HTML, SPEC section 4)
ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"})

_TOKEN_RE = re.compile(
    r"(<[^<>]*>)|(&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)|([^<&]+)|([<&])"
)
_TAG_RE = re.compile(r"^<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"<>]*\")?)*)\s*>$")
_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:=\"([^\"]*)\")?")
#: text Telegram turns into entities by itself: URLs, bare domains, #hashtags, $cashtags,
#: @mentions, /commands, e-mail addresses (counted generously: over-counting only splits sooner)
#: Every alternative may only start at the beginning of its run of characters (the
#: lookbehinds), which keeps the scan linear on hostile input such as 100 000 letters.
_AUTO_ENTITY_RE = re.compile(
    r"https?://\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w/])[#$@/][^\W\d_][\w]*"
    r"|(?<![\w@.-])(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(?:/\S*)?",
)
_KNOWN_ENTITIES = {"&lt;", "&gt;", "&amp;", "&quot;"}

# atom kinds
_TEXT, _ENTITY, _OPEN, _CLOSE = 0, 1, 2, 3
# boundary classes, best first
_PARA, _LINE, _SENTENCE, _WORD, _GRAPHEME = 4, 3, 2, 1, 0


# --- checking --------------------------------------------------------------------------------


def check_html(source: str) -> str | None:
    """Why `source` would be refused by Telegram's HTML parser (or our stricter rules), or None.

    Checks: only ALLOWED_TAGS, `a` with exactly an http(s)/tg href, `code` with at most a
    language class, `blockquote` with at most `expandable`; balanced nesting; no tags inside
    `code`/`pre` other than `code` in `pre`; every `<`, `>` and `&` in text escaped; only
    entities Telegram knows.
    """
    stack: list[str] = []
    for match in _TOKEN_RE.finditer(source):
        tag, entity, text, stray = match.groups()
        if stray is not None:
            return f"unescaped {stray!r} at {match.start()}"
        if text is not None:
            if ">" in text:
                return f"unescaped '>' at {match.start() + text.index('>')}"
            continue
        if entity is not None:
            if entity not in _KNOWN_ENTITIES and not entity.startswith("&#"):
                return f"entity {entity} is not one Telegram knows"
            if entity.startswith("&#"):
                try:
                    value = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
                except ValueError:
                    return f"bad entity {entity}"
                if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                    return f"bad entity {entity}"
            continue
        parsed = _TAG_RE.match(tag)
        if not parsed:
            return f"malformed tag {tag!r}"
        closing, name, attr_text = parsed.group(1), parsed.group(2).lower(), parsed.group(3)
        if name not in ALLOWED_TAGS:
            return f"tag <{name}> is not allowed"
        if closing:
            if attr_text.strip():
                return f"closing tag with attributes {tag!r}"
            if not stack or stack[-1] != name:
                return f"unbalanced </{name}>"
            stack.pop()
            continue
        attrs = dict(_ATTR_RE.findall(attr_text))
        if name == "a":
            href = attrs.get("href", "")
            if set(attrs) != {"href"} or not re.match(r"^(https?://|tg://)", href, re.I):
                return f"<a> needs exactly an http(s) href: {tag!r}"
        elif name == "code":
            if set(attrs) - {"class"} or not attrs.get("class", "language-x").startswith(
                "language-"
            ):
                return f"bad <code> attributes {tag!r}"
        elif name == "blockquote":
            if set(attrs) - {"expandable"}:
                return f"bad <blockquote> attributes {tag!r}"
        elif attrs:
            return f"<{name}> takes no attributes"
        if stack and stack[-1] in ("code", "pre") and not (stack[-1] == "pre" and name == "code"):
            return f"<{name}> inside <{stack[-1]}>"
        if name == "blockquote" and "blockquote" in stack:
            return "nested <blockquote>"
        stack.append(name)
    if stack:
        return f"unclosed <{stack[-1]}>"
    return None


def visible_text(source: str) -> str:
    """What the reader sees: tags removed, entities decoded (once)."""
    return html.unescape(re.sub(r"<[^<>]*>", "", source))


def count_entities(source: str) -> int:
    """Entities Telegram would create: one per formatting tag plus auto-detected ones."""
    tags = sum(1 for m in re.finditer(r"<([a-zA-Z][a-zA-Z0-9-]*)", source))
    return tags + len(_AUTO_ENTITY_RE.findall(visible_text(source)))


def message_cost(source: str) -> int:
    """UTF-16 length of a message, or a huge number when it has too many entities (so the
    fitting loop treats it as too long)."""
    if count_entities(source) > MAX_ENTITIES:
        return 10**9
    return tx.utf16_len(source)


# --- splitting -------------------------------------------------------------------------------


@dataclass
class _Atoms:
    raw: list[str]
    kind: list[int]
    name: list[str]
    vis: list[str]
    offset: list[int]  # raw offset of each atom


def _atomize(source: str) -> _Atoms:
    atoms = _Atoms([], [], [], [], [])
    for match in _TOKEN_RE.finditer(source):
        tag, entity, text, stray = match.groups()
        if tag is not None:
            parsed = _TAG_RE.match(tag)
            name = parsed.group(2).lower() if parsed else ""
            atoms.raw.append(tag)
            atoms.kind.append(_CLOSE if tag.startswith("</") else _OPEN)
            atoms.name.append(name)
            atoms.vis.append("")
            atoms.offset.append(match.start())
        elif entity is not None:
            atoms.raw.append(entity)
            atoms.kind.append(_ENTITY)
            atoms.name.append("")
            atoms.vis.append(html.unescape(entity))
            atoms.offset.append(match.start())
        else:
            chunk = text if text is not None else stray
            pos = match.start()
            for cluster in tx.graphemes(chunk):
                atoms.raw.append(cluster)
                atoms.kind.append(_TEXT)
                atoms.name.append("")
                atoms.vis.append(cluster)
                atoms.offset.append(pos)
                pos += len(cluster)
    return atoms


def _boundary_classes(atoms: _Atoms, source: str) -> list[int | None]:
    """For each atom index i, the class of a cut just before atom i (None: no cut allowed)."""
    spans = [(m.start(), m.end()) for m in tx.URL_RE.finditer(source)]
    # a grapheme cluster can span a tag ("x</b>\u0301"): cut only where the *visible* text
    # has a cluster boundary
    vis_starts: list[int] = []
    pos = 0
    for v in atoms.vis:
        vis_starts.append(pos)
        pos += len(v)
    vis_bounds = tx.grapheme_boundaries("".join(atoms.vis))
    n = len(atoms.raw)
    classes: list[int | None] = [None] * n
    ws_run = ""
    last_solid = ""  # the visible non-space text just before the current whitespace run
    span_idx = 0
    for i in range(n):
        kind = atoms.kind[i]
        vis = atoms.vis[i]
        is_space = kind in (_TEXT, _ENTITY) and vis.isspace()
        if i > 0 and not is_space and kind != _CLOSE:
            off = atoms.offset[i]
            while span_idx < len(spans) and spans[span_idx][1] <= off:
                span_idx += 1
            inside_url = span_idx < len(spans) and spans[span_idx][0] < off < spans[span_idx][1]
            if not inside_url and last_solid and vis_starts[i] in vis_bounds:
                if ws_run:
                    if ws_run.count("\n") >= 2:
                        classes[i] = _PARA
                    elif "\n" in ws_run:
                        classes[i] = _LINE
                    elif last_solid.rstrip(tx.CLOSERS)[-1:] in tx.SENTENCE_END:
                        classes[i] = _SENTENCE
                    else:
                        classes[i] = _WORD
                elif last_solid[-1:] in "。！？":
                    classes[i] = _SENTENCE
                elif kind == _TEXT and (tx.is_cjk(vis[0]) or tx.is_cjk(last_solid[-1])):
                    classes[i] = _WORD
                else:
                    classes[i] = _GRAPHEME
        if kind in (_TEXT, _ENTITY):
            if is_space:
                ws_run += vis
            else:
                ws_run = ""
                last_solid = (last_solid + vis)[-8:]
    return classes


def _close(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def split_html(source: str, limit: int = TEXT_LIMIT, max_entities: int = MAX_ENTITIES,
               *, article_id: str = "?") -> list[str]:
    """Split Telegram HTML into messages of at most `limit` UTF-16 units and `max_entities`
    entities each, every one well-formed on its own."""
    source = source.strip()
    if tx.utf16_len(source) <= limit and count_entities(source) <= max_entities:
        return [source] if source else []
    atoms = _atomize(source)
    classes = _boundary_classes(atoms, source)
    auto_starts = [0] * (len(atoms.raw) + 1)
    vis_text_offsets: list[int] = []
    pos = 0
    for v in atoms.vis:
        vis_text_offsets.append(pos)
        pos += len(v)
    visible = "".join(atoms.vis)
    if _AUTO_ENTITY_RE.search(visible):
        import bisect

        for m in _AUTO_ENTITY_RE.finditer(visible):
            idx = bisect.bisect_right(vis_text_offsets, m.start()) - 1
            auto_starts[max(idx, 0)] += 1
    units = [tx.utf16_len(r) for r in atoms.raw]

    parts: list[str] = []
    n = len(atoms.raw)
    start = 0
    stack: list[tuple[str, str]] = []
    while start < n:
        prefix = "".join(raw for _, raw in stack)
        cost = tx.utf16_len(prefix)
        closers = sum(len(name) + 3 for name, _ in stack)
        ents = len(stack)
        local = list(stack)
        has_content = False
        best: dict[int, tuple[int, int, tuple[tuple[str, str], ...]]] = {}
        i = start
        while i < n:
            cls = classes[i]
            if i > start and cls is not None and has_content and (
                cost + closers <= limit and ents <= max_entities
            ):
                best[cls] = (i, cost, tuple(local))
            kind = atoms.kind[i]
            cost += units[i]
            ents += auto_starts[i]
            if kind == _OPEN:
                local.append((atoms.name[i], atoms.raw[i]))
                closers += len(atoms.name[i]) + 3
                ents += 1
            elif kind == _CLOSE:
                if local and local[-1][0] == atoms.name[i]:
                    closers -= len(local[-1][0]) + 3
                    local.pop()
            elif not atoms.vis[i].isspace():
                has_content = True
            i += 1
            if cost > limit or ents > max_entities:
                break
        else:
            if cost + closers <= limit and ents <= max_entities:
                tail = prefix + "".join(atoms.raw[start:]).rstrip() + _close(local)
                if has_content:
                    parts.append(tail)
                break
        choice = None
        for cls in (_PARA, _LINE, _SENTENCE, _WORD, _GRAPHEME):
            if cls in best and best[cls][1] >= limit // 4:
                choice = best[cls]
                break
        if choice is None and best:
            choice = max(best.values(), key=lambda c: c[0])
        if choice is None:
            raise PayloadError(
                f"telegram message for article {article_id} cannot be split into parts of "
                f"{limit} units (an unbreakable tag, URL or entity run is longer)"
            )
        cut, _, cut_stack = choice
        body = "".join(atoms.raw[start:cut]).rstrip()
        parts.append(prefix + body + _close(list(cut_stack)))
        stack = list(cut_stack)
        start = cut
        while start < n and atoms.kind[start] in (_TEXT, _ENTITY) and atoms.vis[start].isspace():
            start += 1
    return parts


# --- payload ---------------------------------------------------------------------------------


def _preview_options(url: str, settings: FormatSettings, *, enabled: bool) -> dict[str, Any]:
    if not (enabled and url and settings.link_preview):
        return {"is_disabled": True}
    return {
        "is_disabled": False,
        "url": url,
        "prefer_large_media": True,
        "show_above_text": settings.telegram_preview_above_text,
    }


def format_telegram(
    prepared: PreparedArticle, settings: FormatSettings, channel: ChannelTarget
) -> Payload:
    """The Telegram payload: sendPhoto when the article has an image and the post fits a
    caption, else sendMessage (plus follow-up sendMessage requests for a long text)."""
    url = platform_url(prepared, PLATFORM, settings)
    context = base_context(prepared, url)
    if settings.telegram_full_text:
        # budget ~3500 characters a message: escaping and tags take the rest of the 4096
        context["body"] = tx.truncate(prepared.text, settings.telegram_max_messages * 3500,
                                      ellipsis=settings.ellipsis)
    renderer = Renderer(PLATFORM, prepared, settings, channel, context,
                        full_text=settings.telegram_full_text)
    fields = Fields.initial(prepared, PLATFORM, settings)
    chat_id: str | int = channel.chat_id if channel.chat_id is not None else PLACEHOLDERS["chat_id"]
    common: dict[str, Any] = {"chat_id": chat_id}
    if channel.message_thread_id is not None:
        common["message_thread_id"] = channel.message_thread_id

    html_text = renderer(fields)
    problem = check_html(html_text)
    if problem:
        raise PayloadError(f"telegram template for article {prepared.id} gives invalid HTML: "
                           f"{problem}")

    caption: str | None = None
    if prepared.image and settings.telegram_photo and not settings.telegram_full_text:
        try:
            caption, _ = fit(renderer, fields, message_cost, CAPTION_LIMIT, platform=PLATFORM,
                             article_id=prepared.id, ellipsis=settings.ellipsis,
                             shrink=("excerpt",))
        except PayloadError:
            caption = None

    followups: list[dict[str, Any]] = []
    if caption is not None and caption.strip():
        request = {
            "method": "POST",
            "path": "/bot{token}/sendPhoto",
            "json": {**common, "photo": prepared.image, "caption": caption,
                     "parse_mode": "HTML"},
        }
        shown = visible_text(caption)
    else:
        parts = split_html(html_text, TEXT_LIMIT, MAX_ENTITIES, article_id=prepared.id)
        if not parts:
            raise PayloadError(f"telegram message for article {prepared.id} is empty")
        if len(parts) > settings.telegram_max_messages:
            # heavy escaping or entity density made more parts than the budget: keep the
            # first ones and end on the link, which the last part would have carried
            parts = parts[: settings.telegram_max_messages]
            if url and url not in html.unescape(parts[-1]):
                tail = f'\n\n<a href="{escape_html(url)}">{escape_html(prepared.site)}</a>'
                if message_cost(parts[-1] + tail) <= TEXT_LIMIT:
                    parts[-1] += tail
                else:  # no room: the link replaces the last part
                    parts = [*parts[: settings.telegram_max_messages - 1], tail.strip()]
        messages = [
            {
                "method": "POST",
                "path": "/bot{token}/sendMessage",
                "json": {**common, "text": part, "parse_mode": "HTML",
                         "link_preview_options": _preview_options(url, settings,
                                                                  enabled=index == 0)},
            }
            for index, part in enumerate(parts)
        ]
        request, followups = messages[0], messages[1:]
        shown = "\n\n".join(visible_text(p) for p in parts)

    intent_text = prepared.title or tx.truncate(prepared.excerpt_source(), 200)
    return Payload(
        platform=PLATFORM,
        article_id=prepared.id,
        text=shown,
        request=request,
        share_url=intent_link(TELEGRAM_INTENT, {"url": url, "text": intent_text}),
        channel=channel.name or f"{PLATFORM}:{chat_id}",
        followups=followups,
    )
