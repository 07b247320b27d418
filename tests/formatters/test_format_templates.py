"""Templates: sandboxed, escaping applied to article fields only, per-channel overrides."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workers.errors import ConfigError, PayloadError
from workers.formatters import ChannelTarget, FormatSettings, format_payloads
from workers.formatters.templates import DEFAULT_TEMPLATES, render
from workers.models import Article


def test_telegram_escapes_fields_not_template_tags() -> None:
    out = render("telegram", "<b>{{ title }}</b> <i>{{ site }}</i>",
                 {"title": "a<b>&c", "site": "S&P"}, article_id="x")
    assert out == "<b>a&lt;b&gt;&amp;c</b> <i>S&amp;P</i>"


def test_linkedin_escapes_fields() -> None:
    out = render("linkedin", "{{ title }}", {"title": "(a) #b @c"}, article_id="x")
    assert out == r"\(a\) \#b \@c"


def test_plain_platforms_do_not_escape() -> None:
    for platform in ("twitter", "facebook"):
        assert render(platform, "{{ t }}", {"t": "<a> & (b)"}, article_id="x") == "<a> & (b)"


def test_sandbox_blocks_internals() -> None:
    with pytest.raises(PayloadError, match="twitter template failed for article x"):
        render("twitter", "{{ title.__class__.__mro__ }}", {"title": "t"}, article_id="x")
    with pytest.raises(PayloadError):
        render("twitter", "{{ ''.__class__.__subclasses__() }}", {}, article_id="x")


def test_sandbox_blocks_huge_output() -> None:
    with pytest.raises(PayloadError):
        render("twitter", "{{ 'x' * 100000000 }}", {}, article_id="x")
    with pytest.raises(PayloadError):
        render("twitter", "{{ 10 ** 100000 }}", {}, article_id="x")


def test_undefined_variable_is_payload_error() -> None:
    with pytest.raises(PayloadError, match="nope"):
        render("twitter", "{{ nope }}", {}, article_id="x")


def test_syntax_error_is_config_error_at_settings_time() -> None:
    with pytest.raises(ConfigError, match=r"templates\.twitter"):
        FormatSettings(templates={"twitter": "{{ title "})
    with pytest.raises(ConfigError):
        ChannelTarget(template="{% if %}")


def test_settings_template_and_channel_override(seed_article: Article) -> None:
    settings = FormatSettings(templates={"twitter": "NEWS: {{ title }} {{ url }}"})
    payload = format_payloads(seed_article, platforms=["twitter"], settings=settings)["twitter"]
    assert payload.text.startswith("NEWS: Putin Proposes")
    channel = ChannelTarget(name="x-breaking", template="BREAKING {{ title|upper }} {{ url }}")
    payload = format_payloads(seed_article, platforms=["twitter"], settings=settings,
                              channels={"twitter": channel})["twitter"]
    assert payload.text.startswith("BREAKING PUTIN PROPOSES")
    assert payload.channel == "x-breaking"


def test_template_blank_lines_are_tidied(make_article: Callable[..., Article]) -> None:
    template = "{{ title }}\n\n\n\n{% if excerpt %}\n{{ excerpt }}\n{% endif %}\n   \n"
    settings = FormatSettings(templates={"facebook": template})
    payload = format_payloads(make_article(title="T", text=""), platforms=["facebook"],
                              settings=settings)["facebook"]
    assert payload.text == "T"


def test_shorten_filter_is_grapheme_safe() -> None:
    out = render("twitter", "{{ t|shorten(5) }}", {"t": "ab 👨‍👩‍👧‍👦 cd ef"}, article_id="x")
    assert out in ("ab…", "ab 👨‍👩‍👧‍👦…")


def test_defaults_exist_for_every_platform() -> None:
    for platform in ("twitter", "telegram", "linkedin", "whatsapp", "facebook"):
        assert platform in DEFAULT_TEMPLATES
