"""WhatsApp poster against a fake Cloud API on 127.0.0.1: wamid ids, pair rate limit, 131000."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.fakeplatforms import DESTINATIONS, FakeWhatsApp, sample_article

from workers.channels import Channel
from workers.errors import DeliveryError, RateLimitedError, ServerError
from workers.formatters import ChannelTarget, format_payloads
from workers.posters import PostContext, poster_for

TARGET = ChannelTarget(name="wa", **DESTINATIONS["whatsapp"])


@pytest.fixture
def fake() -> Iterator[FakeWhatsApp]:
    with FakeWhatsApp("wa-token") as f:
        yield f


def _ctx(base: str, secret: str = "wa-token") -> PostContext:
    channel = Channel(name="wa", platform="whatsapp", target=TARGET, secret=secret)
    return PostContext(client=httpx.Client(trust_env=False), channel=channel, secret=secret,
                       base=base, timeout=2.0)


def _request() -> dict[str, Any]:
    return format_payloads(sample_article(), platforms=["whatsapp"],
                           channels={"whatsapp": TARGET})["whatsapp"].request


def test_success_returns_the_wamid(fake: FakeWhatsApp) -> None:
    result = poster_for("whatsapp").send(_ctx(fake.base_url), _request())
    assert result.post_id.startswith("wamid.") and result.post_id == fake.posts[0].id
    assert fake.posts[0].path == "/v21.0/106540352242922/messages"
    assert fake.posts[0].body["to"] == "+15550100001"


def test_pair_rate_limit_is_a_rate_limit_and_131000_is_transient(fake: FakeWhatsApp) -> None:
    fake.then("rate_limit", "server_error")
    with pytest.raises(RateLimitedError) as err:
        poster_for("whatsapp").send(_ctx(fake.base_url), _request())
    assert err.value.retry_after == 6.0  # one message per 6 s to one recipient
    with pytest.raises(ServerError, match="131000"):
        poster_for("whatsapp").send(_ctx(fake.base_url), _request())
    assert fake.posts == []


def test_expired_token_and_undeliverable_are_permanent(fake: FakeWhatsApp) -> None:
    with pytest.raises(DeliveryError, match="190"):
        poster_for("whatsapp").send(_ctx(fake.base_url, "expired"), _request())
    fake.then("bad_request")
    with pytest.raises(DeliveryError, match="131026"):
        poster_for("whatsapp").send(_ctx(fake.base_url), _request())


def test_whatsapp_cannot_reconcile() -> None:
    poster = poster_for("whatsapp")
    assert not poster.can_reconcile
    with pytest.raises(NotImplementedError):
        poster.find_post(_ctx("http://127.0.0.1:9"), _request(), 0.0)
