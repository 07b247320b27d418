"""Token buckets in Redis: shared by every worker, all-or-nothing across scopes, 429 blocks."""

from __future__ import annotations

import time

import redis

from workers.channels import Channel, RateLimit
from workers.formatters import ChannelTarget
from workers.keys import Keys
from workers.pipeline.ratelimit import (
    MAX_WAIT,
    TELEGRAM_BOT_LIMIT,
    TELEGRAM_GROUP_LIMIT,
    RateLimiter,
    limits_for,
)


def _channel(name: str = "tg", *, limits: tuple[RateLimit, ...] | None = None,
             chat_id: str | int = "@news", secret: str | None = "123:abc") -> Channel:
    return Channel(name=name, platform="telegram",
                   target=ChannelTarget(name=name, chat_id=chat_id), rate_limits=limits,
                   secret=secret)


def test_a_bucket_allows_its_burst_then_says_how_long_to_wait(redis_client: redis.Redis) -> None:
    limiter = RateLimiter(redis_client, Keys("t"))
    channel = _channel(limits=(RateLimit(3, 3.0),), secret=None)
    assert [limiter.take(channel) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.take(channel)
    assert 0.8 < wait <= 1.0  # one token per second
    # a second limiter (another worker) shares the same budget
    assert RateLimiter(redis_client, Keys("t")).take(channel) > 0.8


def test_tokens_refill_with_time(redis_client: redis.Redis) -> None:
    limiter = RateLimiter(redis_client, Keys("t"))
    channel = _channel(limits=(RateLimit(1, 0.2),), secret=None)
    assert limiter.take(channel) == 0.0
    assert limiter.take(channel) > 0
    time.sleep(0.25)
    assert limiter.take(channel) == 0.0


def test_all_scopes_or_none(redis_client: redis.Redis) -> None:
    """Two channels of one bot: the bot-wide bucket limits both, and a refused take on one
    scope takes nothing from the other."""
    keys = Keys("t")
    limiter = RateLimiter(redis_client, keys)
    a = _channel("a", limits=(RateLimit(100, 1.0),))
    b = _channel("b", limits=(RateLimit(1, 60.0),))
    assert limiter.take(b) == 0.0
    assert limiter.take(b) > 50  # b's own bucket is empty ...
    taken = [limiter.take(a) for _ in range(TELEGRAM_BOT_LIMIT.count - 1)]
    assert taken == [0.0] * (TELEGRAM_BOT_LIMIT.count - 1)  # ... and took nothing from the bot
    assert limiter.take(a) > 0  # 30 per second per bot, whichever chat


def test_a_platform_block_wins_and_is_never_shortened(redis_client: redis.Redis) -> None:
    limiter = RateLimiter(redis_client, Keys("t"))
    channel = _channel(limits=())
    assert limiter.block(channel, 5) == 5
    assert limiter.block(channel, 1) > 4  # the longer block stays
    assert 4 < limiter.take(channel) <= 5
    assert 4 < limiter.blocked_for(channel) <= 5
    # with limits off, the platform's own answer still applies
    assert RateLimiter(redis_client, Keys("t"), enabled=False).take(channel) > 4
    assert limiter.block(channel, 10_000) <= MAX_WAIT


def test_limits_off_means_no_buckets(redis_client: redis.Redis) -> None:
    limiter = RateLimiter(redis_client, Keys("t"), enabled=False)
    channel = _channel(limits=(RateLimit(1, 60.0),))
    assert [limiter.take(channel) for _ in range(50)] == [0.0] * 50


def test_default_limits_follow_the_platform_rules() -> None:
    for chat in (-1001234, "@channel"):  # groups and channels: 1/s, 20/min; the bot 30/s
        group = [lim for _s, lim in limits_for(_channel(chat_id=chat))]
        assert group == [RateLimit(1, 1.0), TELEGRAM_GROUP_LIMIT, TELEGRAM_BOT_LIMIT]
    private = [lim for _s, lim in limits_for(_channel(chat_id=4242))]
    assert private == [RateLimit(1, 1.0), TELEGRAM_BOT_LIMIT]
    wa = Channel(name="wa", platform="whatsapp",
                 target=ChannelTarget(name="wa", phone_number_id="1065", to="+1555"), secret="t")
    scopes = dict(limits_for(wa))
    assert scopes == {"ch:wa": RateLimit(1, 6.0), "whatsapp:number:1065": RateLimit(80, 1.0)}


def test_max_wait_matches_the_celery_countdown_cap() -> None:
    from workers.celery_app import MAX_COUNTDOWN

    assert MAX_WAIT == MAX_COUNTDOWN
