"""Per-host politeness shared by every worker: a concurrency cap and a block-until per host.

Why in Redis: politeness is a property of the whole deployment, not of one process. Ten
workers each allowed "4 requests at a time to example.com" would hit it with 40, and a 429 seen
by one worker must stop all of them (SPEC section 1: honour Retry-After for the whole host; the
most common complaint in the anchors' trackers is 429 when many feeds share a host).

* **Cap**: a lease-based semaphore per host (`host_acquire.lua`): a ZSET of holder tokens scored
  by lease expiry. A worker that dies holding a slot does not leak it: the lease runs out
  (default 120 s, longer than the poll task's hard time limit) and the next acquire sweeps it.
* **Block**: `host_block.lua` records "do not contact this host before T" on 429/503 with
  Retry-After (a default when the header is missing), and an escalating back-off on bot
  challenges (Cloudflare 403/503): 15 min, 30 min, 1 h ... capped at 6 h.
* **Never wait in a worker**: `acquire` answers at once. A caller told "full" or "blocked"
  puts the feed back into the schedule (or retries its task later) and returns, so the worker
  moves on to feeds of other hosts: one blocked host never delays the rest.

The host key is the URL's host name plus an explicit non-default port: politeness is owed to a
server, and two ports on one address are usually two services (and in tests, two hosts).
Times are unix seconds from the workers' clocks, like the feed schedule itself.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import redis

from workers.pipeline import scripts
from workers.redis_client import as_str

#: concurrent requests per host across the whole deployment (Miniflux/FreshRSS use 1-5)
DEFAULT_HOST_CONCURRENCY = 4
#: a slot's lease: longer than the poll task's hard time limit (90 s), so only a dead holder's
#: slot ever expires while the holder still works
DEFAULT_LEASE = 120.0
#: block for a 429/503 that names no Retry-After
DEFAULT_RATE_LIMIT_BLOCK = 60.0
#: first back-off after a bot challenge; doubles per strike
CHALLENGE_BLOCK = 15 * 60.0
CHALLENGE_BLOCK_MAX = 6 * 3600.0
#: no Retry-After, however large, blocks a host longer than this (a hostile or buggy server
#: must not switch polling off for good)
MAX_BLOCK = 24 * 3600.0
#: how long challenge strikes are remembered after a block ends
STRIKE_MEMORY = 24 * 3600.0
#: a full host is tried again after this many seconds (jittered): polls finish in well under
#: a second, so a slot is usually free by then
FULL_RETRY = (1.0, 3.0)
#: spread the feeds of a host whose block ends, so they do not all arrive in the same second
BLOCK_END_JITTER = (0.0, 5.0)


GateStatus = Literal["ok", "blocked", "full"]


def host_key(url: str) -> str:
    """The politeness key of `url`: lower-case host, plus the port when it is not the default.

    A URL we cannot parse gets a key of its own (the fetch will fail with a clear error; the
    gate must not be the place that crashes).
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return "invalid"
    if not host:
        return "invalid"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return f"{host}:{port}" if port is not None and port != default else host


@dataclass(frozen=True)
class GateDecision:
    """The answer of `HostGate.acquire`."""

    status: GateStatus
    host: str
    #: ok: when our lease ends; blocked/full: when to try again (jitter included)
    retry_at: float
    #: the block's reason (blocked), else ""
    reason: str = ""
    #: slot holders after the call (ok/full)
    holders: int = 0

    @property
    def acquired(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class HostBlock:
    host: str
    until: float
    reason: str
    strikes: int = 0


class HostGate:
    """The cap and the blocks of every host, in one Redis (see module docstring)."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "nr",
        *,
        cap: int = DEFAULT_HOST_CONCURRENCY,
        lease: float = DEFAULT_LEASE,
        rng: random.Random | None = None,
    ) -> None:
        if cap <= 0:
            raise ValueError("cap must be positive")
        self.r = client
        self.prefix = prefix
        self.cap = cap
        self.lease = lease
        self.rng = rng or random.Random()

    # --- keys (documented here rather than in workers.keys: only this module writes them) ---
    def slots_key(self, host: str) -> str:
        """ZSET holder token -> lease expiry: the host's taken concurrency slots."""
        return f"{self.prefix}:host:{host}:slots"

    def block_key(self, host: str) -> str:
        """HASH until/reason/strikes/set_at: the host may not be contacted before `until`."""
        return f"{self.prefix}:host:{host}:block"

    @property
    def blocked_index(self) -> str:
        """ZSET host -> block end: every currently blocked host, for ops."""
        return f"{self.prefix}:hosts:blocked"

    # --- the cap -------------------------------------------------------------------------------
    def acquire(self, host: str, token: str, *, now: float | None = None) -> GateDecision:
        """Take a slot of `host` for `token`, or say when to try again. Never waits."""
        at = time.time() if now is None else now
        reply = scripts.run(
            self.r,
            "host_acquire",
            keys=[self.slots_key(host), self.block_key(host)],
            args=[repr(at), token, repr(self.lease), self.cap],
        )
        status, when, extra = (as_str(x) for x in reply)
        if status == "ok":
            return GateDecision("ok", host, float(when), holders=int(extra))
        if status == "blocked":
            retry_at = float(when) + self.rng.uniform(*BLOCK_END_JITTER)
            return GateDecision("blocked", host, retry_at, reason=extra)
        retry_at = at + self.rng.uniform(*FULL_RETRY)
        return GateDecision("full", host, retry_at, holders=int(extra))

    def release(self, host: str, token: str) -> None:
        """Give the slot back (idempotent: releasing twice or after expiry is harmless)."""
        self.r.zrem(self.slots_key(host), token)

    def holders(self, host: str, *, now: float | None = None) -> int:
        """Live slot holders of `host` (expired leases not counted)."""
        at = time.time() if now is None else now
        return int(self.r.zcount(self.slots_key(host), f"({at!r}", "+inf"))

    # --- blocks ----------------------------------------------------------------------------
    def block(
        self,
        host: str,
        seconds: float | None,
        reason: str,
        *,
        now: float | None = None,
    ) -> float:
        """Block `host` for `seconds` (None: the default for a 429 without Retry-After).

        Returns the block's end, which may be later than asked when a longer block exists.
        """
        wait = DEFAULT_RATE_LIMIT_BLOCK if seconds is None else max(0.0, float(seconds))
        return self._block(host, wait, reason, escalate=False, cap=MAX_BLOCK, now=now).until

    def block_for_challenge(
        self, host: str, reason: str, *, now: float | None = None
    ) -> HostBlock:
        """Back off from a host that answers with a bot challenge: 15 min, doubling per strike
        (remembered for a day), capped at 6 h. Retrying sooner only deepens the block."""
        return self._block(
            host, CHALLENGE_BLOCK, reason, escalate=True, cap=CHALLENGE_BLOCK_MAX, now=now
        )

    def _block(
        self, host: str, seconds: float, reason: str, *, escalate: bool, cap: float,
        now: float | None,
    ) -> HostBlock:
        at = time.time() if now is None else now
        reply = scripts.run(
            self.r,
            "host_block",
            keys=[self.block_key(host), self.blocked_index],
            args=[repr(at), repr(seconds), reason[:500], host, "1" if escalate else "0",
                  repr(cap), repr(STRIKE_MEMORY)],
        )
        until, strikes = (as_str(x) for x in reply)
        return HostBlock(host, float(until), reason[:500], int(float(strikes)))

    def unblock(self, host: str) -> None:
        """Lift a block by hand (ops), forgetting challenge strikes too."""
        pipe = self.r.pipeline()
        pipe.delete(self.block_key(host))
        pipe.zrem(self.blocked_index, host)
        pipe.execute()

    def blocked_until(self, host: str, *, now: float | None = None) -> HostBlock | None:
        """The host's current block, or None."""
        return self.blocked_many([host], now=now).get(host)

    def blocked_many(
        self, hosts: Iterable[str], *, now: float | None = None
    ) -> dict[str, HostBlock]:
        """Current blocks of several hosts in one round trip (the dispatcher's check)."""
        at = time.time() if now is None else now
        names = list(dict.fromkeys(hosts))
        if not names:
            return {}
        pipe = self.r.pipeline(transaction=False)
        for host in names:
            pipe.hmget(self.block_key(host), "until", "reason", "strikes")
        out: dict[str, HostBlock] = {}
        for host, (until, reason, strikes) in zip(names, pipe.execute(), strict=True):
            if until is not None and float(until) > at:
                out[host] = HostBlock(
                    host, float(until), as_str(reason or b""), int(float(strikes or 0))
                )
        return out

    def blocked_hosts(self, *, now: float | None = None) -> list[HostBlock]:
        """Every host blocked right now, soonest end first (for ops and `feeds list`)."""
        at = time.time() if now is None else now
        hosts = [as_str(h) for h in self.r.zrangebyscore(self.blocked_index, f"({at!r}", "+inf")]
        blocks = self.blocked_many(hosts, now=at)
        return sorted(blocks.values(), key=lambda b: b.until)
