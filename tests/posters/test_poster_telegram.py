"""Telegram poster against a fake Bot API on 127.0.0.1: ids, flood waits, errors, timeouts."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.fakeplatforms import DESTINATIONS, Behaviour, FakeTelegram, sample_article

from workers.channels import Channel
from workers.errors import DeliveryError, NetworkError, RateLimitedError, ServerError
from workers.formatters import ChannelTarget, format_payloads
from workers.posters import OutcomeUnknownError, PostContext, poster_for


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram("123456:ABC-secret") as f:
        yield f


def _ctx(base: str, secret: str = "123456:ABC-secret", timeout: float = 2.0) -> PostContext:
    channel = Channel(name="tg", platform="telegram",
                      target=ChannelTarget(name="tg", **DESTINATIONS["telegram"]), secret=secret)
    return PostContext(client=httpx.Client(trust_env=False), channel=channel, secret=secret,
                       base=base, timeout=timeout)


def _request() -> dict[str, Any]:
    target = ChannelTarget(name="tg", **DESTINATIONS["telegram"])
    payload = format_payloads(sample_article(), platforms=["telegram"],
                              channels={"telegram": target})["telegram"]
    return payload.request


def test_success_returns_the_message_id(fake: FakeTelegram) -> None:
    result = poster_for("telegram").send(_ctx(fake.base_url), _request())
    assert result.post_id == fake.posts[0].id and not result.duplicate
    assert fake.posts[0].body["chat_id"] == "@newsrelay_test"
    assert fake.posts[0].body["parse_mode"] == "HTML"


def test_flood_wait_is_a_rate_limit_with_the_servers_retry_after(fake: FakeTelegram) -> None:
    fake.then(Behaviour("rate_limit", retry_after=7))
    with pytest.raises(RateLimitedError) as err:
        poster_for("telegram").send(_ctx(fake.base_url), _request())
    assert err.value.retry_after == 7
    assert fake.posts == []


def test_bad_gateway_is_transient_and_refusals_are_permanent(fake: FakeTelegram) -> None:
    fake.then("server_error", "bad_request")
    with pytest.raises(ServerError):
        poster_for("telegram").send(_ctx(fake.base_url), _request())
    with pytest.raises(DeliveryError, match="chat not found"):
        poster_for("telegram").send(_ctx(fake.base_url), _request())


def test_wrong_token_is_permanent_and_never_shows_the_token(fake: FakeTelegram) -> None:
    with pytest.raises(DeliveryError) as err:
        poster_for("telegram").send(_ctx(fake.base_url, secret="999:WRONG"), _request())
    assert "Unauthorized" in str(err.value)
    assert "999:WRONG" not in str(err.value) and "999:WRONG" not in (err.value.url or "")


def test_httpx_log_lines_do_not_carry_the_bot_token(
    fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="httpx"):
        poster_for("telegram").send(_ctx(fake.base_url), _request())
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "sendMessage" in text
    assert "ABC-secret" not in text


def test_an_answer_after_the_timeout_is_an_unknown_outcome_not_a_retry(
    fake: FakeTelegram,
) -> None:
    fake.then(Behaviour("slow", delay=1.0))
    with pytest.raises(OutcomeUnknownError):
        poster_for("telegram").send(_ctx(fake.base_url, timeout=0.3), _request())
    assert len(fake.posts) == 1  # the platform did post


def test_a_dropped_connection_and_a_504_are_unknown_outcomes(fake: FakeTelegram) -> None:
    fake.then("drop", "gateway_timeout")
    for _ in range(2):
        with pytest.raises(OutcomeUnknownError):
            poster_for("telegram").send(_ctx(fake.base_url), _request())
    assert len(fake.posts) == 2


def test_connection_refused_is_certainly_not_posted() -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(NetworkError) as err:
        poster_for("telegram").send(_ctx(f"http://127.0.0.1:{port}"), _request())
    assert not isinstance(err.value, OutcomeUnknownError)
