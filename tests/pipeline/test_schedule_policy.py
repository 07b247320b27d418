"""Pure scheduling policy: next poll delay, backoff, adaptive interval, disabling."""

from __future__ import annotations

import random

import pytest

from workers.models import FeedResult
from workers.pipeline.poll import FeedState
from workers.pipeline.schedule_policy import (
    MAX_INTERVAL,
    MIN_INTERVAL,
    backoff_delay,
    next_poll_delay,
    should_disable,
    suggest_interval,
)

NOW = 1_714_600_000.0
DAY = 86400.0


def ok(**fields: object) -> FeedResult:
    return FeedResult(url="https://x.example/feed", status="ok", **fields)  # type: ignore[arg-type]


def delay(
    spec_interval: float | None,
    result: FeedResult | None,
    state: FeedState | None,
    default: float = 1800,
    seed: int = 1,
) -> float:
    return next_poll_delay(
        spec_interval, result, state, default_interval=default, rng=random.Random(seed), now=NOW
    )


def within_jitter(value: float, base: float) -> bool:
    return base * 1.10 <= value <= base * 1.20


def test_default_interval_plus_jitter() -> None:
    values = [delay(None, ok(), FeedState(), seed=s) for s in range(200)]
    assert all(within_jitter(v, 1800) for v in values)
    assert max(values) - min(values) > 100  # jitter really varies


def test_spec_interval_wins_over_default() -> None:
    assert within_jitter(delay(3600, ok(), None), 3600)


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        ({"ttl": 7200}, 7200),
        ({"max_age": 5400}, 5400),
        ({"retry_after": 4000.0}, 4000),
        ({"ttl": 60, "max_age": 120}, 1800),  # hints never shorten the interval
        ({"ttl": 10 * DAY}, MAX_INTERVAL),  # clamped at 24 h
    ],
)
def test_hints_take_the_maximum_and_are_clamped(hints: dict[str, float], expected: float) -> None:
    assert within_jitter(delay(None, ok(**hints), None), expected)


def test_minimum_is_five_minutes() -> None:
    assert within_jitter(delay(10, ok(), None), MIN_INTERVAL)
    assert within_jitter(delay(None, ok(), None, default=1), MIN_INTERVAL)


def test_error_backoff_is_exponential_and_capped() -> None:
    def after(failures: int) -> float:
        state = FeedState(consecutive_failures=failures)
        result = FeedResult(url="u", status="error", error="x", error_kind="network")
        return delay(600, result, state) / 1.15  # undo the (seeded) jitter roughly

    assert after(1) == pytest.approx(600, rel=0.05)
    assert after(2) == pytest.approx(1200, rel=0.05)
    assert after(4) == pytest.approx(4800, rel=0.05)
    assert after(30) == pytest.approx(MAX_INTERVAL, rel=0.05)


def test_retry_after_on_error_is_honoured() -> None:
    state = FeedState(consecutive_failures=1)
    result = FeedResult(url="u", status="error", error_kind="rate_limited", retry_after=7200)
    assert within_jitter(delay(600, result, state), 7200)


def test_backoff_delay() -> None:
    assert backoff_delay(0, 300) == 300
    assert backoff_delay(1, 300) == 300
    assert backoff_delay(3, 300) == 1200
    assert backoff_delay(10_000, 300) == MAX_INTERVAL
    assert backoff_delay(5, 300, cap=1000) == 1000


def test_suggest_interval_busy_and_quiet_feeds() -> None:
    hourly = [NOW - i * 3600 for i in range(48)]
    assert suggest_interval(hourly, now=NOW) == pytest.approx(3600, rel=0.05)
    every_minute = [NOW - i * 60 for i in range(100)]
    assert suggest_interval(every_minute, now=NOW) == MIN_INTERVAL
    # 10 items over the last 2 days: 5 a day
    two_days = [NOW - i * (2 * DAY / 10) for i in range(1, 11)]
    assert suggest_interval(two_days, now=NOW) == pytest.approx(2 * DAY / 10, rel=0.01)
    # nothing in the last week: quiet, poll at the maximum
    assert suggest_interval([NOW - 30 * DAY], now=NOW) == MAX_INTERVAL
    # one fresh entry does not mean "poll every minute"
    assert suggest_interval([NOW - 60], now=NOW) == MAX_INTERVAL
    assert suggest_interval([], now=NOW) is None


def test_adaptive_interval_used_when_not_pinned() -> None:
    busy = FeedState(recent_entry_times=[NOW - i * 600 for i in range(100)])
    assert within_jitter(delay(None, ok(), busy, default=3600), 600)
    quiet = FeedState(recent_entry_times=[NOW - 20 * DAY])
    assert within_jitter(delay(None, ok(), quiet, default=3600), MAX_INTERVAL)
    # an operator-pinned interval is respected
    assert within_jitter(delay(3600, ok(), busy), 3600)


def test_should_disable_gone_at_once() -> None:
    disable, reason = should_disable(FeedState(gone=True, consecutive_failures=1), NOW)
    assert disable and reason is not None and "410" in reason


def test_should_disable_only_after_days_of_failure() -> None:
    young = FeedState(consecutive_failures=50, first_failure_at=NOW - 2 * DAY, last_error="x")
    assert should_disable(young, NOW) == (False, None)
    few = FeedState(consecutive_failures=1, first_failure_at=NOW - 10 * DAY)
    assert should_disable(few, NOW) == (False, None)
    old = FeedState(
        consecutive_failures=5,
        first_failure_at=NOW - 3 * DAY - 1,
        last_error="https://x.example/feed: HTTP 404 Not Found",
    )
    disable, reason = should_disable(old, NOW)
    assert disable and reason is not None
    assert "3.0 days" in reason and "HTTP 404" in reason
    assert should_disable(old, NOW, disable_after_days=7) == (False, None)
    assert should_disable(FeedState(), NOW) == (False, None)
