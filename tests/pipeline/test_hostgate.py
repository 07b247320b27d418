"""Per-host politeness on a real Redis: the lease semaphore, blocks, and races between workers."""

from __future__ import annotations

import random
import threading

import pytest
import redis

from workers.pipeline.hostgate import (
    CHALLENGE_BLOCK,
    CHALLENGE_BLOCK_MAX,
    DEFAULT_RATE_LIMIT_BLOCK,
    MAX_BLOCK,
    HostGate,
    host_key,
)

NOW = 1_714_600_000.0


def gate(client: redis.Redis, cap: int = 2, lease: float = 120.0) -> HostGate:
    return HostGate(client, "t", cap=cap, lease=lease, rng=random.Random(1))


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://Feeds.Example.COM/rss.xml", "feeds.example.com"),
        ("https://example.com:443/a", "example.com"),
        ("http://example.com:80/a", "example.com"),
        ("http://example.com:8080/a", "example.com:8080"),
        ("http://127.0.0.1:5000/feed", "127.0.0.1:5000"),
        ("http://[::1]:8000/x", "[::1]:8000"),
        ("http://example.com./x", "example.com"),
        ("not a url", "invalid"),
        ("http://example.com:99999/x", "invalid"),
    ],
)
def test_host_key(url: str, key: str) -> None:
    assert host_key(url) == key


def test_cap_then_full_then_release(redis_client: redis.Redis) -> None:
    g = gate(redis_client, cap=2)
    assert g.acquire("h", "a", now=NOW).acquired
    second = g.acquire("h", "b", now=NOW)
    assert second.acquired and second.holders == 2 and second.retry_at == NOW + 120
    full = g.acquire("h", "c", now=NOW)
    assert full.status == "full" and full.holders == 2
    assert NOW + 1 <= full.retry_at <= NOW + 3  # try again shortly, never wait in the worker
    # another host is not affected
    assert g.acquire("other", "c", now=NOW).acquired
    g.release("h", "a")
    assert g.acquire("h", "c", now=NOW).acquired
    assert g.holders("h", now=NOW) == 2


def test_reacquiring_own_token_renews_instead_of_taking_a_second_slot(
    redis_client: redis.Redis,
) -> None:
    """A redelivered task keeps its id: it must get its own slot back, not a second one."""
    g = gate(redis_client, cap=1)
    assert g.acquire("h", "task-1", now=NOW).acquired
    again = g.acquire("h", "task-1", now=NOW + 10)
    assert again.acquired and again.holders == 1 and again.retry_at == NOW + 130


def test_a_dead_holders_slot_frees_itself(redis_client: redis.Redis) -> None:
    g = gate(redis_client, cap=1, lease=30)
    assert g.acquire("h", "crashed-worker", now=NOW).acquired
    assert g.acquire("h", "b", now=NOW + 29).status == "full"
    assert g.acquire("h", "b", now=NOW + 31).acquired  # lease ran out: no cleanup needed
    assert redis_client.ttl(g.slots_key("h")) > 0  # keys never outlive their use


def test_block_stops_acquire_until_it_ends(redis_client: redis.Redis) -> None:
    g = gate(redis_client)
    until = g.block("h", 300, "HTTP 429, retry after 300s", now=NOW)
    assert until == NOW + 300
    blocked = g.acquire("h", "a", now=NOW + 10)
    assert blocked.status == "blocked" and "429" in blocked.reason
    assert NOW + 300 <= blocked.retry_at <= NOW + 305
    assert g.acquire("other", "a", now=NOW + 10).acquired
    assert g.acquire("h", "a", now=NOW + 301).acquired
    assert redis_client.ttl(g.block_key("h")) > 0


def test_block_never_shortens_and_has_a_default_and_a_cap(redis_client: redis.Redis) -> None:
    g = gate(redis_client)
    assert g.block("h", 600, "long", now=NOW) == NOW + 600
    assert g.block("h", 30, "short", now=NOW) == NOW + 600
    block = g.blocked_until("h", now=NOW)
    assert block is not None and block.reason == "long"
    assert g.block("h2", None, "429 without Retry-After", now=NOW) == NOW + DEFAULT_RATE_LIMIT_BLOCK
    assert g.block("h3", 10 * 365 * 86400, "absurd", now=NOW) == NOW + MAX_BLOCK


def test_challenge_back_off_escalates_and_is_capped(redis_client: redis.Redis) -> None:
    g = gate(redis_client)
    first = g.block_for_challenge("h", "403 challenge", now=NOW)
    assert first.until == NOW + CHALLENGE_BLOCK and first.strikes == 1
    t = first.until + 1
    second = g.block_for_challenge("h", "403 challenge", now=t)
    assert second.until == t + 2 * CHALLENGE_BLOCK and second.strikes == 2
    for _ in range(10):
        last = g.block_for_challenge("h", "403 challenge", now=t)
    assert last.until <= t + CHALLENGE_BLOCK_MAX


def test_blocked_many_and_index(redis_client: redis.Redis) -> None:
    g = gate(redis_client)
    g.block("a", 100, "ra", now=NOW)
    g.block("b", 50, "rb", now=NOW)
    found = g.blocked_many(["a", "b", "c", "a"], now=NOW + 1)
    assert set(found) == {"a", "b"} and found["a"].reason == "ra"
    assert [b.host for b in g.blocked_hosts(now=NOW + 1)] == ["b", "a"]
    assert [b.host for b in g.blocked_hosts(now=NOW + 60)] == ["a"]
    g.unblock("a")
    assert g.blocked_hosts(now=NOW + 60) == []
    assert g.acquire("a", "x", now=NOW + 60).acquired


def test_many_workers_racing_never_exceed_the_cap(redis_url: str,
                                                   redis_client: redis.Redis) -> None:
    """16 threads with their own connections hammer one host with cap 3: never 4 holders."""
    from workers.redis_client import connect

    cap = 3
    inside = 0
    peak = 0
    lock = threading.Lock()
    barrier = threading.Barrier(16)
    granted: list[int] = []

    def worker(n: int) -> None:
        nonlocal inside, peak
        g = HostGate(connect(redis_url), "t", cap=cap)
        barrier.wait()
        got = 0
        for i in range(30):
            token = f"w{n}-{i}"
            if g.acquire("h", token).acquired:
                got += 1
                with lock:
                    inside += 1
                    peak = max(peak, inside)
                with lock:
                    inside -= 1
                g.release("h", token)
        granted.append(got)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak <= cap
    assert sum(granted) > 0
    assert redis_client.zcard("t:host:h:slots") == 0
