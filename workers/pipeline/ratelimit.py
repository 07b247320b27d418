"""Per-channel rate limits as token buckets in Redis, shared by every delivery worker.

Why in Redis and not in each worker: ten workers each keeping "1 message per second" would send
ten per second to the same chat, which is exactly how bots get flood-banned (SPEC section 4:
"floods and rate-limit bans"). One Lua script checks and takes a token from every bucket a
post needs (the channel's, and the bot's or phone number's) in one step, on Redis's clock.

A platform's 429 with Retry-After (or Telegram's `parameters.retry_after`) blocks the channel
until then, so no worker tries again early and extends the ban.

Defaults (overridable per channel with `rate_limits`; all off with `[delivery] rate_limits =
false`, which the benchmark uses):

- Telegram: 1 message/s per chat; 20 per minute in a group or channel; 30/s per bot overall
  (the Bot FAQ's numbers, SPEC section 4).
- X: 1 per 10 s and 100 per 24 h per account (the Basic tier's per-user post cap).
- LinkedIn: 1 per 10 s and 150 per 24 h per author (the documented member share limit).
- Facebook: 1 per 10 s per page (Graph throttles bursts and flags them as spam).
- WhatsApp: 1 per 6 s to one recipient (the pair rate limit, error 131056); 80/s per business
  phone number (Cloud API default throughput).
"""

from __future__ import annotations

from collections.abc import Mapping

import redis

from workers.channels import Channel, RateLimit
from workers.keys import Keys, digest
from workers.pipeline import scripts

#: the longest wait delivery asks the task for; equals workers.celery_app.MAX_COUNTDOWN (kept
#: here so the pipeline does not import Celery; a test checks they agree)
MAX_WAIT = 900.0

DEFAULT_CHANNEL_LIMITS: Mapping[str, tuple[RateLimit, ...]] = {
    "telegram": (RateLimit(1, 1.0),),
    "twitter": (RateLimit(1, 10.0), RateLimit(100, 86400.0)),
    "linkedin": (RateLimit(1, 10.0), RateLimit(150, 86400.0)),
    "facebook": (RateLimit(1, 10.0),),
    "whatsapp": (RateLimit(1, 6.0),),
}
TELEGRAM_GROUP_LIMIT = RateLimit(20, 60.0)
TELEGRAM_BOT_LIMIT = RateLimit(30, 1.0)
WHATSAPP_NUMBER_LIMIT = RateLimit(80, 1.0)


def _telegram_private(chat_id: str | int | None) -> bool:
    """Positive numeric chat ids are private chats; groups/channels are negative or @names."""
    if isinstance(chat_id, int):
        return chat_id > 0
    return bool(chat_id) and str(chat_id).isdigit()


def limits_for(channel: Channel) -> list[tuple[str, RateLimit]]:
    """Every (scope, limit) a post to `channel` draws from."""
    if channel.rate_limits is not None:
        own = channel.rate_limits
    else:
        own = DEFAULT_CHANNEL_LIMITS.get(channel.platform, (RateLimit(1, 10.0),))
        if channel.platform == "telegram" and not _telegram_private(channel.target.chat_id):
            own = (*own, TELEGRAM_GROUP_LIMIT)
    scoped = [(f"ch:{channel.name}", limit) for limit in own]
    if channel.platform == "telegram" and channel.secret:
        scoped.append((f"telegram:bot:{digest(channel.secret)}", TELEGRAM_BOT_LIMIT))
    if channel.platform == "whatsapp" and channel.target.phone_number_id:
        scoped.append((f"whatsapp:number:{channel.target.phone_number_id}",
                       WHATSAPP_NUMBER_LIMIT))
    return scoped


class RateLimiter:
    """Token buckets and platform-imposed blocks per channel, in Redis."""

    def __init__(self, client: redis.Redis, keys: Keys, *, enabled: bool = True) -> None:
        self.r = client
        self.keys = keys
        self.enabled = enabled

    def _block_key(self, channel: Channel) -> str:
        return self.keys.rate_block(f"ch:{channel.name}")

    def take(self, channel: Channel) -> float:
        """Take a token for one post to `channel`: 0.0 when allowed, else seconds to wait.

        With limits off only a platform-imposed block (Retry-After) still applies: ignoring
        the platform's own answer would only earn a longer ban.
        """
        limits = limits_for(channel) if self.enabled else []
        bucket_keys = [f"{self.keys.rate_bucket(scope)}:{lim.count}/{lim.seconds:g}"
                       for scope, lim in limits]
        args: list[float | int] = []
        for _scope, lim in limits:
            args.extend((lim.count, lim.seconds))
        wait = scripts.run(self.r, "rate_take", keys=[self._block_key(channel), *bucket_keys],
                           args=args)
        return min(float(wait), MAX_WAIT)

    def block(self, channel: Channel, seconds: float) -> float:
        """Block `channel` for `seconds` (kept if a longer block exists); returns the block."""
        seconds = max(0.001, min(float(seconds), MAX_WAIT))
        left = scripts.run(self.r, "rate_block", keys=[self._block_key(channel)],
                           args=[f"{seconds:.3f}"])
        return float(left)

    def blocked_for(self, channel: Channel) -> float:
        """Seconds the platform still blocks `channel` (0 when not blocked)."""
        raw = self.r.get(self._block_key(channel))
        if not raw:
            return 0.0
        now_s, now_us = self.r.time()
        return max(0.0, float(raw) - (now_s + now_us / 1e6))
