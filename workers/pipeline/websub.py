"""WebSub (W3C Recommendation, 2018) subscriber side, as pure functions.

Why pure: the three moments of WebSub happen in different processes (the poll task that sees
a feed's `rel="hub"` link and subscribes; the web endpoint that answers the hub's
verification GET; the same endpoint receiving content POSTs), so each is a function of its
inputs plus the stored `Subscription`, and the wiring (HTTP server, Redis) stays outside.

* **Subscribe** (`subscription_request`): a form POST to the hub with hub.callback,
  hub.mode, hub.topic, hub.lease_seconds and a per-subscription hub.secret (so pushes are
  signed). The request is sent with the same SSRF-guarded client as any fetch: a hub URL comes
  from a feed, i.e. from someone we do not trust.
* **Verify intent** (`verify_intent`): the hub GETs the callback with hub.mode, hub.topic,
  hub.challenge (and hub.lease_seconds); we echo the challenge with 200 only for a pending
  subscription with the same topic and mode, else 404 (spec section 5.3). A `denied` GET
  records the hub's refusal.
* **Content** (`check_push`): the hub POSTs the new feed body with X-Hub-Signature
  `method=hex(HMAC(secret, body))`; a body whose signature is missing or wrong is ignored
  (but still answered 2xx, as the spec requires, so the hub does not retry a forgery).
* **Fallback polling**: a pushed feed is still polled, rarely (`fallback_interval`), and the
  subscription is renewed before its lease ends (`Subscription.renew_at`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

#: what we ask the hub for; hubs may grant less (the verification GET says how much)
DEFAULT_LEASE = 7 * 86400
#: renew when this share of the lease has passed
RENEW_AT = 0.8
#: a pushed feed is still polled, this often at least (lost pushes, a hub that died)
FALLBACK_INTERVAL = 12 * 3600.0
#: a verification GET for a subscription requested longer ago than this is refused
PENDING_TTL = 3600.0
#: HMAC algorithms the spec allows, strongest first (sha1 only for old hubs)
SIGNATURE_METHODS = ("sha512", "sha384", "sha256", "sha1")

Mode = Literal["subscribe", "unsubscribe"]
State = Literal["pending", "active", "denied", "unsubscribed"]


@dataclass
class Subscription:
    """One feed's subscription at one hub, as stored between the three moments."""

    topic: str
    hub: str
    callback: str
    secret: str
    mode: Mode = "subscribe"
    state: State = "pending"
    requested_at: float = 0.0
    verified_at: float | None = None
    lease_seconds: int | None = None
    denied_reason: str | None = None

    @property
    def expires_at(self) -> float | None:
        if self.verified_at is None or self.lease_seconds is None:
            return None
        return self.verified_at + self.lease_seconds

    @property
    def renew_at(self) -> float | None:
        if self.verified_at is None or self.lease_seconds is None:
            return None
        return self.verified_at + RENEW_AT * self.lease_seconds

    def active(self, now: float) -> bool:
        expires = self.expires_at
        return self.state == "active" and (expires is None or now < expires)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Subscription:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class HubRequest:
    """The POST to send to the hub (form-encoded)."""

    url: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Reply:
    """What the callback endpoint answers the hub."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"


def new_secret() -> str:
    """A per-subscription HMAC secret (hex; the spec caps secrets at 200 bytes)."""
    return secrets.token_hex(32)


def callback_url(base: str, feed_id: str) -> str:
    """The callback for one feed on the public web endpoint (`https://host/websub`)."""
    return f"{base.rstrip('/')}/{feed_id}"


def _http_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{what} {url!r} is not an http(s) URL")


def subscription_request(
    subscription: Subscription, *, mode: Mode = "subscribe", lease_seconds: int = DEFAULT_LEASE
) -> HubRequest:
    """The form POST that (un)subscribes `subscription.topic` at its hub."""
    _http_url(subscription.hub, "hub")
    _http_url(subscription.topic, "topic")
    _http_url(subscription.callback, "callback")
    if len(subscription.secret.encode()) >= 200:
        raise ValueError("hub.secret must be shorter than 200 bytes")
    fields = {
        "hub.callback": subscription.callback,
        "hub.mode": mode,
        "hub.topic": subscription.topic,
    }
    if mode == "subscribe":
        fields["hub.lease_seconds"] = str(lease_seconds)
        fields["hub.secret"] = subscription.secret
    return HubRequest(
        url=subscription.hub,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=urlencode(fields).encode("ascii"),
    )


def verify_intent(
    params: Mapping[str, str], subscription: Subscription | None, *, now: float | None = None
) -> tuple[Reply, Subscription | None]:
    """Answer the hub's verification (or denial) GET; returns the reply and the updated
    subscription to store (None: nothing to store)."""
    at = time.time() if now is None else now
    mode = params.get("hub.mode", "")
    topic = params.get("hub.topic", "")
    if subscription is None or topic != subscription.topic:
        return Reply(404, b"unknown subscription"), None
    if mode == "denied":
        updated = Subscription.from_dict(
            {**subscription.to_dict(), "state": "denied",
             "denied_reason": params.get("hub.reason") or "no reason given"}
        )
        return Reply(200, b""), updated
    challenge = params.get("hub.challenge", "")
    if mode not in ("subscribe", "unsubscribe") or not challenge:
        return Reply(400, b"hub.mode and hub.challenge are required"), None
    if mode != subscription.mode:
        return Reply(404, b"no such pending request"), None
    if subscription.state == "pending" and at - subscription.requested_at > PENDING_TTL:
        return Reply(404, b"request expired"), None
    lease: int | None = None
    raw_lease = params.get("hub.lease_seconds")
    if mode == "subscribe":
        try:
            lease = int(raw_lease) if raw_lease else None
        except ValueError:
            return Reply(400, b"hub.lease_seconds is not a number"), None
        if lease is not None and lease <= 0:
            return Reply(400, b"hub.lease_seconds must be positive"), None
    updated = Subscription.from_dict(
        {**subscription.to_dict(),
         "state": "active" if mode == "subscribe" else "unsubscribed",
         "verified_at": at, "lease_seconds": lease}
    )
    return Reply(200, challenge.encode("utf-8")), updated


def sign(body: bytes, secret: str, method: str = "sha256") -> str:
    """The X-Hub-Signature value a hub would send (for tests and for our own hub, if any)."""
    digest = hmac.new(secret.encode("utf-8"), body, getattr(hashlib, method)).hexdigest()
    return f"{method}={digest}"


def check_signature(header: str | None, body: bytes, secret: str) -> bool:
    """True when X-Hub-Signature is `method=hex` with an allowed method and the right HMAC."""
    if not header or "=" not in header:
        return False
    method, _, given = header.strip().partition("=")
    method = method.strip().lower()
    if method not in SIGNATURE_METHODS:
        return False
    expected = hmac.new(secret.encode("utf-8"), body, getattr(hashlib, method)).hexdigest()
    return hmac.compare_digest(expected, given.strip().lower())


def check_push(
    headers: Mapping[str, str], body: bytes, subscription: Subscription | None,
    *, now: float | None = None,
) -> tuple[Reply, bool]:
    """(reply, accept): accept the pushed body only from an active subscription with a valid
    signature. Forgeries are answered 2xx and dropped (spec 8: a non-2xx would make an honest
    hub retry, and tells a forger nothing useful)."""
    at = time.time() if now is None else now
    if subscription is None:
        return Reply(410, b"no subscription"), False  # lets the hub drop a stale one
    if not subscription.active(at):
        return Reply(410, b"subscription not active"), False
    lowered = {k.lower(): v for k, v in headers.items()}
    if not check_signature(lowered.get("x-hub-signature"), body, subscription.secret):
        return Reply(202, b""), False
    return Reply(202, b""), True


def fallback_interval(interval: float, subscription: Subscription | None,
                      *, now: float | None = None) -> float:
    """How often to poll a feed: its own interval, or rarely when pushes arrive."""
    at = time.time() if now is None else now
    if subscription is not None and subscription.active(at):
        return max(interval, FALLBACK_INTERVAL)
    return interval


def needs_subscribing(hub: str | None, subscription: Subscription | None,
                      *, now: float | None = None) -> bool:
    """Whether a poll that saw `hub` should (re)subscribe: a new or changed hub, a denied or
    expired subscription after a day, or an active one past its renewal point."""
    if not hub:
        return False
    at = time.time() if now is None else now
    if subscription is None or subscription.hub != hub:
        return True
    if subscription.state == "pending":
        return at - subscription.requested_at > PENDING_TTL
    if subscription.state in ("denied", "unsubscribed"):
        return at - subscription.requested_at > 86400
    renew = subscription.renew_at
    return renew is not None and at >= renew
