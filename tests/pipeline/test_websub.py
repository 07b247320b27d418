"""WebSub subscriber functions: subscribe request, intent verification, signed pushes."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from workers.pipeline.websub import (
    FALLBACK_INTERVAL,
    PENDING_TTL,
    Subscription,
    callback_url,
    check_push,
    check_signature,
    fallback_interval,
    needs_subscribing,
    new_secret,
    sign,
    subscription_request,
    verify_intent,
)

NOW = 1_714_600_000.0
TOPIC = "https://news.example.com/feed.xml"
HUB = "https://pubsubhubbub.example.com/"


def pending() -> Subscription:
    return Subscription(topic=TOPIC, hub=HUB, callback=callback_url("https://me.example/websub",
                                                                    "abc123"),
                        secret="s3cret", requested_at=NOW)


def test_subscription_request_is_a_form_post() -> None:
    request = subscription_request(pending(), lease_seconds=86400)
    assert request.url == HUB
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()}
    assert form == {"hub.callback": "https://me.example/websub/abc123", "hub.mode": "subscribe",
                    "hub.topic": TOPIC, "hub.lease_seconds": "86400", "hub.secret": "s3cret"}
    unsub = {k: v[0] for k, v in parse_qs(
        subscription_request(pending(), mode="unsubscribe").body.decode()).items()}
    assert unsub["hub.mode"] == "unsubscribe" and "hub.secret" not in unsub


@pytest.mark.parametrize("field", ["hub", "topic", "callback"])
def test_subscription_request_refuses_non_http_urls(field: str) -> None:
    sub = pending()
    setattr(sub, field, "file:///etc/passwd")
    with pytest.raises(ValueError, match=field):
        subscription_request(sub)


def test_secret_limits() -> None:
    assert len(new_secret()) == 64 and new_secret() != new_secret()
    sub = pending()
    sub.secret = "x" * 200
    with pytest.raises(ValueError, match="200 bytes"):
        subscription_request(sub)


def test_verification_echoes_the_challenge_and_activates() -> None:
    params = {"hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "c-123",
              "hub.lease_seconds": "432000"}
    reply, sub = verify_intent(params, pending(), now=NOW + 5)
    assert reply.status == 200 and reply.body == b"c-123"
    assert sub is not None and sub.state == "active" and sub.lease_seconds == 432000
    assert sub.expires_at == NOW + 5 + 432000
    assert sub.renew_at == NOW + 5 + 0.8 * 432000
    assert sub.active(NOW + 10) and not sub.active(NOW + 5 + 432000)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"hub.mode": "subscribe", "hub.topic": "https://other.example/feed",
          "hub.challenge": "c"}, 404),
        ({"hub.mode": "unsubscribe", "hub.topic": TOPIC, "hub.challenge": "c"}, 404),
        ({"hub.mode": "subscribe", "hub.topic": TOPIC}, 400),
        ({"hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "c",
          "hub.lease_seconds": "soon"}, 400),
        ({"hub.mode": "bogus", "hub.topic": TOPIC, "hub.challenge": "c"}, 400),
    ],
)
def test_verification_refusals(params: dict[str, str], status: int) -> None:
    reply, sub = verify_intent(params, pending(), now=NOW)
    assert reply.status == status and sub is None
    assert reply.body != b"c"  # the challenge is never echoed to a request we did not make


def test_verification_of_an_unknown_or_stale_request_is_404() -> None:
    params = {"hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "c"}
    assert verify_intent(params, None, now=NOW)[0].status == 404
    assert verify_intent(params, pending(), now=NOW + PENDING_TTL + 1)[0].status == 404


def test_denial_is_recorded() -> None:
    reply, sub = verify_intent({"hub.mode": "denied", "hub.topic": TOPIC,
                                "hub.reason": "not allowed"}, pending(), now=NOW)
    assert reply.status == 200 and sub is not None
    assert sub.state == "denied" and sub.denied_reason == "not allowed"


@pytest.mark.parametrize("method", ["sha1", "sha256", "sha384", "sha512"])
def test_signatures(method: str) -> None:
    body = b"<rss>...</rss>"
    header = sign(body, "s3cret", method)
    assert header.startswith(f"{method}=")
    assert check_signature(header, body, "s3cret")
    assert check_signature(header.upper().replace(method.upper(), method), body, "s3cret")
    assert not check_signature(header, body + b" ", "s3cret")
    assert not check_signature(header, body, "other")


@pytest.mark.parametrize("header", [None, "", "sha256", "md5=abc", "sha256=zz", "=abc"])
def test_malformed_signatures(header: str | None) -> None:
    assert not check_signature(header, b"x", "s3cret")


def test_push_accepted_only_signed_and_active() -> None:
    _, active = verify_intent({"hub.mode": "subscribe", "hub.topic": TOPIC,
                               "hub.challenge": "c", "hub.lease_seconds": "600"},
                              pending(), now=NOW)
    assert active is not None
    body = b"<feed/>"
    good = {"X-Hub-Signature": sign(body, "s3cret")}
    reply, ok = check_push(good, body, active, now=NOW + 1)
    assert ok and reply.status == 202
    reply, ok = check_push({"x-hub-signature": "sha256=00"}, body, active, now=NOW + 1)
    assert reply.status == 202 and not ok  # forgery: 2xx, dropped
    assert check_push({}, body, active, now=NOW + 1)[1] is False
    assert check_push(good, body, active, now=NOW + 601)[0].status == 410  # lease over
    assert check_push(good, body, None, now=NOW)[0].status == 410
    assert check_push(good, body, pending(), now=NOW)[0].status == 410  # never verified


def test_fallback_polling_and_renewal() -> None:
    _, active = verify_intent({"hub.mode": "subscribe", "hub.topic": TOPIC,
                               "hub.challenge": "c", "hub.lease_seconds": "1000"},
                              pending(), now=NOW)
    assert active is not None
    assert fallback_interval(900, active, now=NOW + 1) == FALLBACK_INTERVAL
    assert fallback_interval(900, None, now=NOW) == 900
    assert fallback_interval(900, active, now=NOW + 2000) == 900  # lapsed: poll normally
    assert not needs_subscribing(None, None, now=NOW)
    assert needs_subscribing(HUB, None, now=NOW)
    assert needs_subscribing("https://newhub.example/", active, now=NOW)
    assert not needs_subscribing(HUB, active, now=NOW + 500)
    assert needs_subscribing(HUB, active, now=NOW + 800)
    assert not needs_subscribing(HUB, pending(), now=NOW + 60)
    assert needs_subscribing(HUB, pending(), now=NOW + PENDING_TTL + 1)
    round_trip = Subscription.from_dict({**active.to_dict(), "future": 1})
    assert round_trip == active
