"""LinkedIn poster against a fake Posts API on 127.0.0.1: x-restli-id, DUPLICATE_POST, finder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.fakeplatforms import DESTINATIONS, Behaviour, FakeLinkedIn, sample_article

from workers.channels import Channel
from workers.errors import DeliveryError, RateLimitedError, ServerError
from workers.formatters import ChannelTarget, format_payloads
from workers.posters import PostContext, poster_for

TARGET = ChannelTarget(name="li", **DESTINATIONS["linkedin"])


@pytest.fixture
def fake() -> Iterator[FakeLinkedIn]:
    with FakeLinkedIn("li-token") as f:
        yield f


def _ctx(base: str, secret: str = "li-token") -> PostContext:
    channel = Channel(name="li", platform="linkedin", target=TARGET, secret=secret)
    return PostContext(client=httpx.Client(trust_env=False), channel=channel, secret=secret,
                       base=base, timeout=2.0)


def _request(n: int = 1) -> dict[str, Any]:
    return format_payloads(sample_article(n), platforms=["linkedin"],
                           channels={"linkedin": TARGET})["linkedin"].request


def test_success_returns_the_urn_from_the_header(fake: FakeLinkedIn) -> None:
    result = poster_for("linkedin").send(_ctx(fake.base_url), _request())
    assert result.post_id.startswith("urn:li:share:") and result.post_id == fake.posts[0].id
    headers = fake.posts[0].headers
    assert headers["linkedin-version"] and headers["x-restli-protocol-version"] == "2.0.0"
    assert headers["authorization"] == "Bearer li-token"


def test_duplicate_post_is_already_posted_with_the_original_urn(fake: FakeLinkedIn) -> None:
    first = poster_for("linkedin").send(_ctx(fake.base_url), _request())
    again = poster_for("linkedin").send(_ctx(fake.base_url), _request())
    assert again.duplicate and again.post_id == first.post_id
    assert len(fake.posts) == 1


def test_throttle_server_error_and_bad_token(fake: FakeLinkedIn) -> None:
    fake.then(Behaviour("rate_limit", retry_after=30), "server_error")
    with pytest.raises(RateLimitedError) as err:
        poster_for("linkedin").send(_ctx(fake.base_url), _request(1))
    assert err.value.retry_after == 30
    with pytest.raises(ServerError):
        poster_for("linkedin").send(_ctx(fake.base_url), _request(2))
    with pytest.raises(DeliveryError, match="Invalid access token"):
        poster_for("linkedin").send(_ctx(fake.base_url, "expired"), _request(3))


def test_find_post_lists_the_authors_posts_and_matches_the_commentary(
    fake: FakeLinkedIn,
) -> None:
    since = time.time()
    poster = poster_for("linkedin")
    assert poster.can_reconcile
    assert poster.find_post(_ctx(fake.base_url), _request(1), since) is None
    posted = poster.send(_ctx(fake.base_url), _request(1))
    poster.send(_ctx(fake.base_url), _request(2))
    assert poster.find_post(_ctx(fake.base_url), _request(1), since) == posted.post_id
    finder = [r for r in fake.requests if r.method == "GET"][-1]
    assert finder.headers["x-restli-method"] == "FINDER"
