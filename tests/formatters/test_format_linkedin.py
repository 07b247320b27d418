"""LinkedIn payloads: little-text escaping of every reserved character, 3000 after escaping."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workers.errors import PayloadError
from workers.formatters import ChannelTarget, FormatSettings, format_payloads
from workers.formatters import text as tx
from workers.formatters.linkedin import unescape_little, unescaped_reserved
from workers.formatters.templates import LITTLE_RESERVED, escape_little
from workers.models import Article, Payload


def _linkedin(article: Article, **settings: object) -> Payload:
    return format_payloads(article, platforms=["linkedin"],
                           settings=FormatSettings(**settings))["linkedin"]  # type: ignore[arg-type]


def test_request_shape(seed_article: Article) -> None:
    payload = _linkedin(seed_article)
    req = payload.request
    assert req["method"] == "POST" and req["path"] == "/rest/posts"
    assert req["headers"]["X-Restli-Protocol-Version"] == "2.0.0"
    assert req["headers"]["LinkedIn-Version"].isdigit()
    body = req["json"]
    assert set(body) == {"author", "commentary", "visibility", "distribution", "content",
                         "lifecycleState", "isReshareDisabledByAuthor"}
    assert body["author"] == "urn:li:organization:ORGANIZATION_ID"
    assert body["visibility"] == "PUBLIC"
    assert body["distribution"] == {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                                    "thirdPartyDistributionChannels": []}
    assert body["lifecycleState"] == "PUBLISHED"
    assert body["isReshareDisabledByAuthor"] is False
    article = body["content"]["article"]
    assert article["source"].endswith("utm_source=linkedin&utm_medium=social")
    assert article["title"] == seed_article.title
    assert article["description"].startswith("Russian President Vladimir Putin")
    assert payload.share_url.startswith(
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fwww.example-news.com"
    )


def test_author_from_channel(seed_article: Article) -> None:
    payload = format_payloads(seed_article, platforms=["linkedin"], channels={
        "linkedin": ChannelTarget(author_urn="urn:li:person:abc123")})["linkedin"]
    assert payload.request["json"]["author"] == "urn:li:person:abc123"


def test_every_reserved_character_is_escaped(article_loader: Callable[[str], Article]) -> None:
    article = article_loader("special_chars")
    payload = _linkedin(article)
    commentary = payload.request["json"]["commentary"]
    assert unescaped_reserved(commentary) == []
    assert r"AT&T \(NYSE: T\) & Verizon \<b\>merge\</b\>? \[Live\] \#1 \@CEO says \*wow\* " \
           r"\_why\_ \~approx\~ \| \{x\} \\o/" in commentary
    # the article card is plain text: not escaped
    card = payload.request["json"]["content"]["article"]
    assert card["title"].startswith("AT&T (NYSE: T) & Verizon <b>merge</b>?")
    assert "\\" not in card["description"]
    # what readers see
    assert payload.text.startswith("AT&T (NYSE: T) & Verizon <b>merge</b>? [Live] #1 @CEO")


def test_escape_little_each_character() -> None:
    for ch in LITTLE_RESERVED:
        assert escape_little(f"a{ch}b") == f"a\\{ch}b"
    assert escape_little("plain text, nothing: here!") == "plain text, nothing: here!"


def test_hashtags_use_documented_template(article_loader: Callable[[str], Article]) -> None:
    payload = _linkedin(article_loader("special_chars"))
    commentary = payload.request["json"]["commentary"]
    assert "{hashtag|\\#|ATT} {hashtag|\\#|MergersAcquisitions} {hashtag|\\#|telecom}" in commentary
    assert "#ATT #MergersAcquisitions #telecom" in payload.text


def test_limit_is_after_escaping(make_article: Callable[..., Article]) -> None:
    # 2000 characters that all double when escaped
    text = "(a) " * 500
    article = make_article(title="Brackets", description=text, text=text)
    payload = _linkedin(article, excerpt_chars={"linkedin": 5000})
    commentary = payload.request["json"]["commentary"]
    assert tx.utf16_len(commentary) <= 3000
    assert len(commentary) > 2500  # filled, not dropped
    assert unescaped_reserved(commentary) == []
    assert commentary.rstrip().endswith("…")


def test_lower_cap(seed_article: Article) -> None:
    payload = _linkedin(seed_article, linkedin_max_chars=200)
    assert tx.utf16_len(payload.request["json"]["commentary"]) <= 200


def test_custom_template_literal_reserved_char_rejected(seed_article: Article) -> None:
    settings = FormatSettings(templates={"linkedin": "New (read): {{ title }}"})
    with pytest.raises(PayloadError, match=r"linkedin.*seed-000"):
        format_payloads(seed_article, platforms=["linkedin"], settings=settings)


def test_unescape_roundtrip() -> None:
    original = r"a (b) #c \ d_e"
    assert unescape_little(escape_little(original)) == original


def test_no_url_means_no_card(make_article: Callable[..., Article]) -> None:
    payload = _linkedin(make_article(url=""))
    assert "content" not in payload.request["json"]
    assert payload.share_url == ""
