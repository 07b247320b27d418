"""X poster against a fake API v2 on 127.0.0.1: 201 ids, 429 reset, duplicate 403."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.fakeplatforms import Behaviour, FakeX, sample_article

from workers.channels import Channel
from workers.errors import DeliveryError, RateLimitedError, ServerError
from workers.formatters import ChannelTarget, format_payloads
from workers.posters import OutcomeUnknownError, PostContext, poster_for


@pytest.fixture
def fake() -> Iterator[FakeX]:
    with FakeX("user-access-token") as f:
        yield f


def _ctx(base: str, secret: str = "user-access-token", timeout: float = 2.0) -> PostContext:
    channel = Channel(name="x", platform="twitter", target=ChannelTarget(name="x"), secret=secret)
    return PostContext(client=httpx.Client(trust_env=False), channel=channel, secret=secret,
                       base=base, timeout=timeout)


def _request(n: int = 1) -> dict[str, Any]:
    return format_payloads(sample_article(n), platforms=["twitter"])["twitter"].request


def test_success_returns_the_tweet_id_and_sends_the_bearer_token(fake: FakeX) -> None:
    result = poster_for("twitter").send(_ctx(fake.base_url), _request())
    assert result.post_id == fake.posts[0].id == "1445880548472328192"
    assert fake.posts[0].headers["authorization"] == "Bearer user-access-token"


def test_duplicate_text_is_already_posted(fake: FakeX) -> None:
    poster = poster_for("twitter")
    poster.send(_ctx(fake.base_url), _request())
    again = poster.send(_ctx(fake.base_url), _request())
    assert again.duplicate and len(fake.posts) == 1


def test_429_waits_until_the_rate_limit_reset(fake: FakeX) -> None:
    fake.then(Behaviour("rate_limit", retry_after=120))
    with pytest.raises(RateLimitedError) as err:
        poster_for("twitter").send(_ctx(fake.base_url), _request())
    assert err.value.retry_after is not None and 100 <= err.value.retry_after <= 121


def test_503_is_transient_401_is_permanent_504_is_unknown(fake: FakeX) -> None:
    fake.then("server_error", "unauthorized", "gateway_timeout")
    with pytest.raises(ServerError):
        poster_for("twitter").send(_ctx(fake.base_url), _request(1))
    with pytest.raises(DeliveryError, match="Unauthorized"):
        poster_for("twitter").send(_ctx(fake.base_url), _request(2))
    with pytest.raises(OutcomeUnknownError):
        poster_for("twitter").send(_ctx(fake.base_url), _request(3))


def test_slow_answer_after_posting_is_unknown(fake: FakeX) -> None:
    fake.then(Behaviour("slow", delay=1.0))
    started = time.monotonic()
    with pytest.raises(OutcomeUnknownError):
        poster_for("twitter").send(_ctx(fake.base_url, timeout=0.3), _request())
    assert time.monotonic() - started < 0.9
    assert len(fake.posts) == 1
