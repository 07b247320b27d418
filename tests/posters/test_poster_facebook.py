"""Facebook poster against a fake Graph API on 127.0.0.1: page feed ids, Graph error codes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.fakeplatforms import DESTINATIONS, Behaviour, FakeFacebook, sample_article

from workers.channels import Channel
from workers.errors import DeliveryError, RateLimitedError, ServerError
from workers.formatters import ChannelTarget, format_payloads
from workers.posters import OutcomeUnknownError, PostContext, poster_for

TARGET = ChannelTarget(name="fb", **DESTINATIONS["facebook"])


@pytest.fixture
def fake() -> Iterator[FakeFacebook]:
    with FakeFacebook("page-token") as f:
        yield f


def _ctx(base: str, secret: str = "page-token", timeout: float = 2.0) -> PostContext:
    channel = Channel(name="fb", platform="facebook", target=TARGET, secret=secret)
    return PostContext(client=httpx.Client(trust_env=False), channel=channel, secret=secret,
                       base=base, timeout=timeout)


def _request(n: int = 1) -> dict[str, Any]:
    return format_payloads(sample_article(n), platforms=["facebook"],
                           channels={"facebook": TARGET})["facebook"].request


def test_success_posts_to_the_versioned_page_feed(fake: FakeFacebook) -> None:
    result = poster_for("facebook").send(_ctx(fake.base_url), _request())
    assert result.post_id == fake.posts[0].id == "105938172384_1001"
    assert fake.posts[0].path == "/v21.0/105938172384/feed"
    assert fake.posts[0].body["access_token"] == "page-token"
    assert "story-1" in fake.posts[0].body["link"]


def test_graph_rate_limit_codes_wait_for_the_usage_header(fake: FakeFacebook) -> None:
    fake.then(Behaviour("rate_limit", retry_after=300))
    with pytest.raises(RateLimitedError) as err:
        poster_for("facebook").send(_ctx(fake.base_url), _request())
    assert err.value.retry_after == 300  # estimated_time_to_regain_access: 5 minutes


def test_duplicate_status_unknown_error_and_bad_token(fake: FakeFacebook) -> None:
    poster = poster_for("facebook")
    poster.send(_ctx(fake.base_url), _request(1))
    assert poster.send(_ctx(fake.base_url), _request(1)).duplicate
    fake.then("server_error")
    with pytest.raises(ServerError, match="code 1"):
        poster.send(_ctx(fake.base_url), _request(2))
    with pytest.raises(DeliveryError, match="code 190"):
        poster.send(_ctx(fake.base_url, "bad"), _request(3))


def test_timeout_after_posting_then_find_post_sees_it(fake: FakeFacebook) -> None:
    since = time.time()
    fake.then(Behaviour("slow", delay=1.0))
    poster = poster_for("facebook")
    with pytest.raises(OutcomeUnknownError):
        poster.send(_ctx(fake.base_url, timeout=0.3), _request())
    assert poster.find_post(_ctx(fake.base_url), _request(), since) == fake.posts[0].id
    assert poster.find_post(_ctx(fake.base_url), _request(2), since) is None
    lookup = [r for r in fake.requests if r.method == "GET"][-1]
    assert lookup.headers["authorization"] == "Bearer page-token"  # not in the URL
