"""format_payloads end to end over the fixture articles: every platform, limits, links, errors."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from workers.errors import ConfigError, PayloadError
from workers.formatters import FormatSettings, format_payloads
from workers.models import PLATFORMS, Article, Payload

Rules = Callable[[dict[str, Payload]], None]

INTENT_BASES = {
    "twitter": ("https://twitter.com/intent/tweet", "url"),
    "telegram": ("https://t.me/share/url", "url"),
    "whatsapp": ("https://wa.me/", "text"),
    "facebook": ("https://www.facebook.com/sharer/sharer.php", "u"),
    "linkedin": ("https://www.linkedin.com/sharing/share-offsite/", "url"),
}


def test_all_platforms_for_every_fixture(fixture_article: Article,
                                         platform_rules: Rules) -> None:
    payloads = format_payloads(fixture_article)
    assert list(payloads) == list(PLATFORMS)
    platform_rules(payloads)
    for platform, payload in payloads.items():
        assert payload.article_id == fixture_article.id
        base, key = INTENT_BASES[platform]
        parts = urlsplit(payload.share_url)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base
        value = parse_qs(parts.query)[key][0]
        assert f"utm_source={platform}" in value
        assert " " not in payload.share_url


def test_seed_article_payloads(seed_article: Article) -> None:
    payloads = format_payloads(seed_article)
    for platform in ("twitter", "telegram", "linkedin", "whatsapp", "facebook"):
        assert "Putin Proposes Direct Peace Talks" in payloads[platform].text
    # the short kicker "News" at the top of the body is not used as the excerpt
    assert "Russian President" in payloads["telegram"].text


def test_subset_of_platforms(seed_article: Article) -> None:
    assert list(format_payloads(seed_article, platforms=["facebook", "twitter"])) == [
        "facebook", "twitter"]


def test_unknown_platform(seed_article: Article) -> None:
    with pytest.raises(ConfigError, match="myspace"):
        format_payloads(seed_article, platforms=["myspace"])


def test_no_url_and_no_text_is_payload_error(make_article: Callable[..., Article]) -> None:
    with pytest.raises(PayloadError, match="empty-1"):
        format_payloads(make_article(id="empty-1", url="", title=None, text=""))
    with pytest.raises(PayloadError, match="empty-2"):
        format_payloads(make_article(id="empty-2", url="", title="   ", text="&nbsp;\u200b"
                                     .replace("\u200b", "")))


def test_non_http_url_is_payload_error(make_article: Callable[..., Article]) -> None:
    with pytest.raises(PayloadError, match="js-1"):
        format_payloads(make_article(id="js-1", url="javascript:alert(1)"))


def test_url_only_article(make_article: Callable[..., Article], platform_rules: Rules) -> None:
    payloads = format_payloads(make_article(title=None, text="", url="https://example.com/x"))
    platform_rules(payloads)
    assert "https://example.com/x" in payloads["twitter"].text


def test_text_only_article(make_article: Callable[..., Article], platform_rules: Rules) -> None:
    payloads = format_payloads(make_article(title=None, url="",
                                            text="First sentence here. Second one."))
    platform_rules(payloads)
    assert payloads["twitter"].text == "First sentence here."
    assert "link" not in payloads["facebook"].request["json"]
    assert payloads["whatsapp"].request["json"]["text"]["preview_url"] is False


def test_utm_off_and_campaign(seed_article: Article) -> None:
    off = format_payloads(seed_article, settings=FormatSettings(utm=False))
    assert "utm_" not in off["twitter"].text
    assert "utm_" not in off["facebook"].request["json"]["link"]
    on = format_payloads(seed_article, settings=FormatSettings(
        utm_campaign="morning", utm_source_overrides={"twitter": "x"}))
    assert "utm_source=x&utm_medium=social&utm_campaign=morning" in on["twitter"].text


def test_hashtags_off_and_max(seed_article: Article) -> None:
    off = format_payloads(seed_article, settings=FormatSettings(hashtags=False))
    assert all("#" not in p.text for p in off.values())
    one = format_payloads(seed_article, settings=FormatSettings(max_hashtags=1))
    assert one["twitter"].text.count("#") == 1


def test_settings_from_mapping() -> None:
    settings = FormatSettings.from_mapping({"utm_campaign": "c", "hashtag_platforms": ["twitter"],
                                            "max_hashtags": 2})
    assert settings.hashtags_for("twitter") == 2 and settings.hashtags_for("telegram") == 0
    with pytest.raises(ConfigError, match="bogus"):
        FormatSettings.from_mapping({"bogus": 1})


def test_title_amp_entities_everywhere(make_article: Callable[..., Article]) -> None:
    payloads = format_payloads(make_article(title="AT&amp;T buys Fish &amp;amp; chips"))
    for payload in payloads.values():
        assert "AT&T buys Fish &amp; chips" in payload.text


def test_excerpt_skips_kicker_and_title_lines(make_article: Callable[..., Article]) -> None:
    article = make_article(title="Big Story", description=None,
                           text="News\n\nBig Story\n\nThe first real sentence of the story.")
    payload = format_payloads(article, platforms=["telegram"])["telegram"]
    assert "The first real sentence" in payload.text
    assert "News" not in payload.text
    short = make_article(title="T", description=None, text="only a short line")
    assert "only a short line" in format_payloads(short, platforms=["facebook"])["facebook"].text


def test_loosely_typed_fields(make_article: Callable[..., Article]) -> None:
    payloads = format_payloads(make_article(title=2024, tags=["ok", 5, None]))
    assert payloads["twitter"].text.startswith("2024")


@pytest.mark.parametrize(
    "body",
    ["a" * 60000, "a." * 30000, "a.com." + "a." * 30000, "&<>" * 20000, "😀" * 30000,
     "#tag " * 12000, "x@" * 30000, "東京" * 30000],
    ids=["one-word", "dotted", "dotted-tld", "markup", "emoji", "hashtags", "at", "cjk"],
)
def test_hostile_input_stays_fast_and_valid(body: str, platform_rules: Rules) -> None:
    """Feeds are untrusted: huge or pathological fields (twitter-text's URL pattern is cubic on
    dotted runs) must not stall a worker, and the payloads must still obey every rule."""
    import time

    article = Article(id="hostile", url="https://example.com/x", title=body[:5000], text=body,
                      description=body[:3000], tags=[body[:100]])
    started = time.perf_counter()
    for full_text in (False, True):
        settings = FormatSettings(telegram_full_text=full_text)
        payloads = format_payloads(article, settings=settings)
        platform_rules(payloads)
        assert len(payloads["telegram"].followups) < settings.telegram_max_messages
    assert time.perf_counter() - started < 20


def test_telegram_message_budget_keeps_the_link(make_article: Callable[..., Article]) -> None:
    text = "\n\n".join(f"Paragraph {i} " + "&amp; <b> " * 300 for i in range(40))
    settings = FormatSettings(telegram_full_text=True, telegram_max_messages=3)
    payload = format_payloads(make_article(text=text), platforms=["telegram"],
                              settings=settings)["telegram"]
    messages = [payload.request, *payload.followups]
    assert len(messages) == 3
    assert "https://example.com/story?utm_source=telegram" in messages[-1]["json"]["text"]
