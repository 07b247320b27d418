"""Per-channel post templates, rendered in a sandboxed Jinja environment.

Why a sandbox: templates come from configuration that operators edit, sometimes copied from
elsewhere; `SandboxedEnvironment` blocks attribute access to Python internals, and we also
cap `*`/`**` so a template cannot allocate gigabytes ("{{ 'x' * 10**10 }}").

Why escaping in `finalize` instead of Jinja's HTML autoescape: each platform escapes
differently (Telegram HTML, LinkedIn "little text" backslashes, WhatsApp format markers, none
for X and Facebook). `finalize` runs on the value of every `{{ ... }}` and never on the
template's own literal text, so article fields are escaped while the template's `<b>` or
`*...*` stay markup. Values the formatter already rendered as markup (the hashtags block) are
passed as `markupsafe.Markup` and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from workers.errors import ConfigError, PayloadError

Escaper = Callable[[str], str]

#: a template may not produce more than this (a full-text Telegram post is cut well below)
_MAX_OUTPUT = 1_000_000


# --- escapers --------------------------------------------------------------------------------


def escape_html(value: str) -> str:
    """Telegram HTML: `&`, `<`, `>` in text and `"` inside attributes. Telegram knows only the
    named entities &lt; &gt; &amp; &quot;, so nothing else is produced."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;")
    )


#: LinkedIn "little text" reserved characters: unescaped, LinkedIn cuts the post at the first
#: one (SPEC section 4's top complaint: "LinkedIn posts cut at `(`")
LITTLE_RESERVED = "\\|{}@[]()<>#*_~"
_LITTLE_RE = re.compile(r"([\\|{}@\[\]()<>#*_~])")


def escape_little(value: str) -> str:
    """Backslash-escape every little-text reserved character."""
    return _LITTLE_RE.sub(r"\\\1", value)


_WHATSAPP_MARKERS = str.maketrans({"*": "∗", "_": "＿", "~": "∼", "`": "ˋ"})


def escape_whatsapp(value: str) -> str:
    """WhatsApp has no escape for its format markers, so an article's own `*`, `_`, `~` or
    backtick would bold/italicise/strike parts of the post or close the template's `*title*`
    early. They are replaced by look-alike characters that WhatsApp does not interpret."""
    return value.translate(_WHATSAPP_MARKERS)


def escape_plain(value: str) -> str:
    """X and Facebook: plain text, nothing to escape."""
    return value


ESCAPERS: Mapping[str, Escaper] = {
    "telegram": escape_html,
    "linkedin": escape_little,
    "whatsapp": escape_whatsapp,
    "twitter": escape_plain,
    "facebook": escape_plain,
}


# --- default templates -----------------------------------------------------------------------
# Whitespace is normalised after rendering (`tidy`): at most one blank line, so multi-line
# templates with {% if %} lines read naturally without Jinja's whitespace-control marks.

DEFAULT_TEMPLATES: Mapping[str, str] = {
    "twitter": (
        "{{ title }}"
        "{% if excerpt %}\n\n{{ excerpt }}{% endif %}"
        "{% if url %}\n\n{{ url }}{% endif %}"
        "{% if hashtags %} {{ hashtags }}{% endif %}"
    ),
    "telegram": (
        "{% if title %}<b>{{ title }}</b>{% endif %}"
        "{% if excerpt %}\n\n{{ excerpt }}{% endif %}"
        '{% if url %}\n\n<a href="{{ url }}">{{ site }}</a>{% endif %}'
        "{% if hashtags %}\n{{ hashtags }}{% endif %}"
    ),
    "telegram_full_text": (
        "{% if title %}<b>{{ title }}</b>{% endif %}"
        "{% if body %}\n\n{{ body }}{% endif %}"
        '{% if url %}\n\n<a href="{{ url }}">{{ site }}</a>{% endif %}'
        "{% if hashtags %}\n{{ hashtags }}{% endif %}"
    ),
    "linkedin": (
        "{{ title }}"
        "{% if excerpt %}\n\n{{ excerpt }}{% endif %}"
        "{% if url and not article_card %}\n\n{{ url }}{% endif %}"
        "{% if hashtags %}\n\n{{ hashtags }}{% endif %}"
    ),
    "whatsapp": (
        "{% if url and link_first %}{{ url }}\n\n{% endif %}"
        "{% if title %}*{{ title }}*{% endif %}"
        "{% if url and not link_first %}\n{{ url }}{% endif %}"
        "{% if excerpt %}\n\n{{ excerpt }}{% endif %}"
        "{% if hashtags %}\n\n{{ hashtags }}{% endif %}"
    ),
    "facebook": (
        "{{ title }}"
        "{% if excerpt %}\n\n{{ excerpt }}{% endif %}"
        "{% if url and not link_field %}\n\n{{ url }}{% endif %}"
        "{% if hashtags %}\n\n{{ hashtags }}{% endif %}"
    ),
}


# --- environment -----------------------------------------------------------------------------


class _BoundedSandbox(SandboxedEnvironment):
    """SandboxedEnvironment that also refuses to build huge strings/lists or huge powers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("exponent too large in template")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and (
                    len(seq) * n > _MAX_OUTPUT
                ):
                    raise SecurityError("template output too large")
        return super().call_binop(context, operator, left, right)


def _finalizer(escape: Escaper) -> Callable[[Any], str]:
    def finalize(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Markup):
            return str(value)
        return escape(str(value))  # str() of a StrictUndefined raises: typos are reported

    return finalize


def _shorten(value: Any, length: int = 100) -> str:
    """Template filter: grapheme-safe word truncation (Jinja's own `truncate` can split an
    emoji sequence or a surrogate-free but multi-code-point character)."""
    from workers.formatters.text import truncate

    return truncate(str(value), int(length))


@lru_cache(maxsize=8)
def environment(escape_name: str) -> SandboxedEnvironment:
    """One sandboxed environment per escaping scheme (finalize differs)."""
    escape = ESCAPERS.get(escape_name, escape_plain)
    env = _BoundedSandbox(
        autoescape=False,
        finalize=_finalizer(escape),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=False,
    )
    env.filters["shorten"] = _shorten
    return env


@lru_cache(maxsize=512)
def _compile(escape_name: str, source: str) -> jinja2.Template:
    return environment(escape_name).from_string(source)


def check_template(source: str, *, name: str = "template") -> None:
    """Raise ConfigError when `source` does not compile, so a broken template is reported when
    settings are loaded rather than on the first article."""
    if not isinstance(source, str) or not source.strip():
        raise ConfigError(f"{name}: template is empty")
    if len(source) > 20_000:
        raise ConfigError(f"{name}: template longer than 20000 characters")
    try:
        _compile("twitter", source)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(
            f"{name}: template syntax error line {exc.lineno}: {exc.message}"
        ) from exc


_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Normalise the template output: no trailing spaces on lines, at most one blank line,
    no leading/trailing whitespace (platforms strip it anyway; we want to measure what stays)."""
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def render(
    platform: str,
    source: str,
    context: Mapping[str, Any],
    *,
    article_id: str,
    escape_name: str | None = None,
) -> str:
    """Render `source` for `platform` with its escaping; template errors become PayloadError
    naming the platform and article."""
    try:
        template = _compile(escape_name or platform, source)
        out = template.render(dict(context))
    except (jinja2.TemplateError, SecurityError, TypeError, ValueError) as exc:
        raise PayloadError(
            f"{platform} template failed for article {article_id}: {exc}"
        ) from exc
    if len(out) > _MAX_OUTPUT:
        raise PayloadError(f"{platform} template output too large for article {article_id}")
    return tidy(out)


def template_for(platform: str, settings_templates: Mapping[str, str],
                 channel_template: str | None, *, full_text: bool = False) -> str:
    """The template source to use: the channel's, else the settings', else the default."""
    if channel_template:
        return channel_template
    if platform in settings_templates:
        return settings_templates[platform]
    if platform == "telegram" and full_text:
        return DEFAULT_TEMPLATES["telegram_full_text"]
    return DEFAULT_TEMPLATES[platform]


def markup(value: str) -> Markup:
    """Mark an already-formatted value so the template's escaping leaves it alone."""
    return Markup(value)
