"""X payloads: weighted length <= 280, URL intact, word-boundary truncation, intent link."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from twitter_text import parse_tweet

from workers.formatters import FormatSettings, format_payloads
from workers.formatters import text as tx
from workers.formatters.twitter import weighted_length
from workers.models import Article

FAMILY = "👨\u200d👩\u200d👧\u200d👦"


def _tweet(article: Article, **settings: object) -> str:
    payload = format_payloads(article, platforms=["twitter"],
                              settings=FormatSettings(**settings))["twitter"]  # type: ignore[arg-type]
    assert payload.request == {"method": "POST", "path": "/2/tweets",
                               "json": {"text": payload.text}}
    return payload.text


def test_request_shape_and_utm(seed_article: Article) -> None:
    payload = format_payloads(seed_article, platforms=["twitter"])["twitter"]
    assert set(payload.request) == {"method", "path", "json"}
    assert list(payload.request["json"]) == ["text"]
    assert "utm_source=twitter&utm_medium=social" in payload.text
    assert "id=42&ref=rss" in payload.text  # the original query survives
    assert parse_tweet(payload.text).valid
    assert "#Europe" in payload.text and "#News" not in payload.text


def test_long_title_truncated_on_word_boundary(make_article: Callable[..., Article]) -> None:
    words = ["Lorem", "ipsum", "dolor", "sit", "amet,", "consectetur", "adipiscing", "elit"] * 12
    article = make_article(title=" ".join(words), url="https://example.com/a",
                           tags=["science"])
    text = _tweet(article)
    result = parse_tweet(text)
    assert result.valid and result.weightedLength <= 280
    first_line = text.split("\n")[0]
    assert first_line.endswith("…")
    cut = first_line.removesuffix("…")
    assert cut.split(" ")[-1].rstrip(",") in {w.rstrip(",") for w in words}
    assert "https://example.com/a?utm_source=twitter&utm_medium=social" in text


def test_weighted_length_counts_cjk_and_emoji(article_loader: Callable[[str], Article]) -> None:
    article = article_loader("emoji_cjk")
    article.title = ("東京で桜が満開" + FAMILY + "🇯🇵") * 30
    text = _tweet(article)
    assert weighted_length(text) <= 280
    assert parse_tweet(text).valid
    title = text.split("\n")[0].removesuffix("…")
    # no emoji sequence was cut: the kept title is a prefix of whole clusters
    assert tx.graphemes(title) == tx.graphemes(article.title)[: len(tx.graphemes(title))]


def test_cjk_title_filling_exactly(make_article: Callable[..., Article]) -> None:
    # 140 CJK chars = 280 weighted: with the URL the title must shrink
    article = make_article(title="漢" * 140, url="https://example.com/x", tags=[])
    text = _tweet(article)
    assert weighted_length(text) <= 280
    assert text.count("漢") < 140


def test_url_never_cut_even_when_long(make_article: Callable[..., Article]) -> None:
    long_url = "https://example.com/" + "segment/" * 60 + "end"
    article = make_article(title="word " * 80, url=long_url, tags=[])
    text = _tweet(article)
    assert long_url in text  # counted as 23, kept whole
    assert weighted_length(text) <= 280


def test_title_with_url_inside(make_article: Callable[..., Article]) -> None:
    article = make_article(title="Visit https://other.example/path " + "more words " * 40,
                           url="https://example.com/a")
    text = _tweet(article)
    assert parse_tweet(text).valid
    assert "https://other.example/path" in text  # whole, or absent, never cut
    assert "https://example.com/a?utm_source=twitter" in text


def test_lower_cap_setting(seed_article: Article) -> None:
    text = _tweet(seed_article, twitter_max_weighted=120)
    assert weighted_length(text) <= 120


def test_intent_link(seed_article: Article) -> None:
    payload = format_payloads(seed_article, platforms=["twitter"])["twitter"]
    parts = urlsplit(payload.share_url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://twitter.com/intent/tweet"
    query = parse_qs(parts.query)
    assert query["url"] == ["https://www.example-news.com/world/putin-proposes-direct-peace-talks"
                            "?id=42&ref=rss&utm_source=twitter&utm_medium=social"]
    assert "http" not in query["text"][0]  # the page appends the URL itself
    assert query["text"][0].startswith("Putin Proposes")
    assert " " not in payload.share_url and "+" not in payload.share_url


def test_excerpt_setting(seed_article: Article) -> None:
    text = _tweet(seed_article, excerpt_chars={"twitter": 500})
    assert "Russian President" in text
    assert weighted_length(text) <= 280
