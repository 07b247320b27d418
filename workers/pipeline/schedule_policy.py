"""When to poll a feed next, and when to give up on it (pure functions, SPEC section 1).

* Next poll = clamp(max(interval, RSS ttl, Cache-Control max-age / Expires, Retry-After),
  5 min, 24 h), plus 10-20 % jitter so feeds added together do not stay in lock-step and hit
  hosts in bursts.
* The interval itself adapts to how often the feed really publishes (when the operator did not
  pin one): a quiet feed is polled less, a busy one more.
* Errors back off exponentially per feed (capped at 24 h), and a feed is disabled only after
  days of failure — users hate feeds that silently stop after three errors — except 410 Gone,
  which the server says is final.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from workers.models import FeedResult
from workers.pipeline.poll import FeedState

MIN_INTERVAL = 5 * 60.0
MAX_INTERVAL = 24 * 3600.0
JITTER = (0.10, 0.20)
#: window of entry history the adaptive interval looks at
ADAPTIVE_WINDOW = 7 * 86400.0


def clamp(value: float, low: float = MIN_INTERVAL, high: float = MAX_INTERVAL) -> float:
    return max(low, min(high, value))


def backoff_delay(consecutive_failures: int, base: float, *, cap: float = MAX_INTERVAL) -> float:
    """base * 2^(n-1) after n failures in a row, capped: 1 failure waits `base`, 2 wait 2x ..."""
    if consecutive_failures <= 0:
        return base
    exponent = min(consecutive_failures - 1, 32)  # 2**32 * base is past any cap already
    return min(cap, base * (2**exponent))


def suggest_interval(
    timestamps: Sequence[float],
    *,
    now: float,
    window: float = ADAPTIVE_WINDOW,
    min_interval: float = MIN_INTERVAL,
    max_interval: float = MAX_INTERVAL,
) -> float | None:
    """Polling interval that matches how often entries appear, or None without data.

    Rate = entries in the window / time they span up to now (a feed that lists only its last
    10 items covering two days publishes 5 a day, not 10 a week). The span has a floor (1 day
    for fewer than 3 entries, 1 h otherwise) so one fresh entry does not mean "poll every
    minute". No entry in the window at all: the feed is quiet, poll at the maximum interval.
    """
    if not timestamps:
        return None
    recent = [t for t in timestamps if now - window <= t <= now + 3600]
    if not recent:
        return max_interval
    oldest = min(recent)
    floor = 86400.0 if len(recent) < 3 else 3600.0
    span = max(now - oldest, floor)
    return clamp(span / len(recent), min_interval, max_interval)


def next_poll_delay(
    spec_interval: float | None,
    result: FeedResult | None,
    state: FeedState | None,
    *,
    default_interval: float,
    rng: random.Random | None = None,
    now: float | None = None,
) -> float:
    """Seconds until the next poll of a feed, jitter included."""
    rng = rng or random.Random()
    reference = time.time() if now is None else now
    if spec_interval:
        base = float(spec_interval)
    else:
        adaptive = (
            suggest_interval(state.recent_entry_times, now=reference) if state is not None else None
        )
        base = adaptive if adaptive is not None else float(default_interval)
    candidates = [base]
    if result is not None:
        candidates += [
            float(v) for v in (result.ttl, result.max_age, result.retry_after) if v is not None
        ]
        if result.status == "error" and state is not None:
            candidates.append(backoff_delay(max(1, state.consecutive_failures), base))
    delay = clamp(max(candidates))
    return delay * (1.0 + rng.uniform(*JITTER))


def should_disable(
    state: FeedState,
    now: float,
    *,
    disable_after_days: float = 3,
    min_failures: int = 3,
) -> tuple[bool, str | None]:
    """(True, reason) when the feed should stop being polled, else (False, None).

    410 Gone disables at once. Otherwise only a failure streak that has lasted
    `disable_after_days` AND counts at least `min_failures` polls disables: a single error
    three days ago followed by no poll is not evidence of a dead feed.
    """
    if state.gone:
        return True, "the server answered 410 Gone: the feed was removed for good"
    if (
        state.consecutive_failures >= min_failures
        and state.first_failure_at is not None
        and now - state.first_failure_at >= disable_after_days * 86400
    ):
        days = (now - state.first_failure_at) / 86400
        reason = (
            f"failing for {days:.1f} days ({state.consecutive_failures} errors in a row); "
            f"last error: {state.last_error or 'unknown'}"
        )
        return True, reason
    return False, None
