"""Fixtures for the formatter tests: article fixtures from real files, the shared data dir."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from workers.formatters import text as tx
from workers.formatters.linkedin import unescaped_reserved
from workers.formatters.telegram import check_html, count_entities
from workers.formatters.twitter import is_valid_tweet
from workers.models import Article, Payload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def load_article(name: str) -> Article:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return Article.from_dict(data)


ARTICLE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.json"))


@pytest.fixture
def article_loader() -> Callable[[str], Article]:
    return load_article


@pytest.fixture(params=ARTICLE_NAMES)
def fixture_article(request: pytest.FixtureRequest) -> Article:
    return load_article(str(request.param))


@pytest.fixture
def seed_article() -> Article:
    return load_article("seed_putin")


def _make_article(**kw: object) -> Article:
    base: dict[str, object] = {
        "id": "t-1",
        "url": "https://example.com/story",
        "title": "A title",
        "text": "Some text.",
    }
    base.update(kw)
    return Article.from_dict(base)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an Article with sensible defaults for one-off cases: make_article(title=...)."""
    return _make_article


def _platform_rules(payloads: dict[str, Payload]) -> None:
    """The limits and escaping every payload must obey (shared with the property tests)."""
    for platform, payload in payloads.items():
        assert payload.platform == platform
        assert payload.request["method"] == "POST"
        json.dumps(payload.to_dict(), ensure_ascii=False).encode("utf-8")  # serialisable
    if "twitter" in payloads:
        assert is_valid_tweet(payloads["twitter"].request["json"]["text"])
    if "telegram" in payloads:
        tg = payloads["telegram"]
        for msg in [tg.request, *tg.followups]:
            body = msg["json"]
            text = body.get("text", body.get("caption"))
            limit = 1024 if "caption" in body else 4096
            assert 1 <= tx.utf16_len(text) <= limit
            assert check_html(text) is None, text
            assert count_entities(text) <= 100
            assert body["parse_mode"] == "HTML"
            if "text" in body:
                assert "link_preview_options" in body
    if "linkedin" in payloads:
        commentary = payloads["linkedin"].request["json"]["commentary"]
        assert len(commentary) <= tx.utf16_len(commentary) <= 3000
        assert unescaped_reserved(commentary) == []
    if "whatsapp" in payloads:
        body = payloads["whatsapp"].request["json"]["text"]["body"]
        assert 1 <= tx.utf16_len(body) <= 4096
    if "facebook" in payloads:
        message = payloads["facebook"].request["json"]["message"]
        assert len(message) <= 400


@pytest.fixture(scope="session")
def platform_rules() -> Callable[[dict[str, Payload]], None]:
    """Check the limits and escaping every payload must obey (used by the property tests)."""
    return _platform_rules
