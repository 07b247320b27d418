"""Every Redis key newsrelay writes, in one place, so ops and outside consumers can find them.

All keys start with the configured prefix (default `nr`) so a deployment can share a database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def digest(text: str, length: int = 16) -> str:
    """Short stable hex id (sha256) for URLs, texts and feed ids."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Keys:
    prefix: str = "nr"

    # --- feeds ---------------------------------------------------------------------------
    @property
    def feeds(self) -> str:
        """HASH feed_id -> FeedSpec JSON: the registered feed list."""
        return f"{self.prefix}:feeds"

    @property
    def schedule(self) -> str:
        """ZSET feed_id -> unix time of the next poll (the dispatcher's work list)."""
        return f"{self.prefix}:schedule"

    def feed_state(self, feed_id: str) -> str:
        """STRING FeedState JSON (validators, error counters, last result)."""
        return f"{self.prefix}:feed:{feed_id}:state"

    def feed_seen(self, feed_id: str) -> str:
        """ZSET entry_id -> first-seen time: per-feed entry identity."""
        return f"{self.prefix}:feed:{feed_id}:seen"

    # --- pages and articles --------------------------------------------------------------
    def page(self, token: str) -> str:
        """STRING zlib page body + headers, handed from fetch to extract (short TTL)."""
        return f"{self.prefix}:page:{token}"

    def article(self, article_id: str) -> str:
        """HASH of the stored article (zlib JSON under `data`, plus owner and sources)."""
        return f"{self.prefix}:article:{article_id}"

    @property
    def articles_index(self) -> str:
        """ZSET article_id -> stored time (newest first listing, retention trimming)."""
        return f"{self.prefix}:articles"

    def dedup_url(self, canonical_url: str) -> str:
        return f"{self.prefix}:dedup:url:{digest(canonical_url, 32)}"

    def dedup_text(self, text_hash: str) -> str:
        return f"{self.prefix}:dedup:text:{text_hash}"

    # --- payloads and delivery -----------------------------------------------------------
    def stream(self, platform: str) -> str:
        """STREAM of queued payloads for one platform (consumer group `delivery`)."""
        return f"{self.prefix}:stream:{platform}"

    def payload_claim(self, article_id: str, platform: str) -> str:
        """STRING stream entry id: the payload for (article, platform) was queued once."""
        return f"{self.prefix}:payload:{article_id}:{platform}"

    def channel_payload_claim(self, article_id: str, channel: str) -> str:
        """STRING stream entry id: the payload for (article, channel) was queued once.

        Replaces `payload_claim` (per platform) since one platform may have several channels.
        """
        return f"{self.prefix}:payload:{article_id}:ch:{channel}"

    def article_payloads(self, article_id: str) -> str:
        """HASH channel -> "<platform> <stream entry id>": every payload queued for an article."""
        return f"{self.prefix}:payloads:{article_id}"

    def rate_bucket(self, scope: str) -> str:
        """HASH token bucket (tokens, ts) of one rate-limit scope (a channel, a bot, a number)."""
        return f"{self.prefix}:rate:{scope}"

    def rate_block(self, scope: str) -> str:
        """STRING unix time until which a channel is blocked (the platform said Retry-After)."""
        return f"{self.prefix}:rate:block:{scope}"

    def posting(self, article_id: str, channel: str) -> str:
        """HASH posting key per (article, channel): state pending/done, post id, attempts."""
        return f"{self.prefix}:posting:{article_id}:{channel}"

    def sent(self, platform: str) -> str:
        """STREAM of what was posted (or, dry-run, would have been posted)."""
        return f"{self.prefix}:sent:{platform}"

    def dead_letter(self, platform: str) -> str:
        """LIST of payloads that kept failing, for ops to show and retry."""
        return f"{self.prefix}:dead:{platform}"

    # --- runs (`newsrelay once`) and history ---------------------------------------------
    def run_pending(self, run_id: str) -> str:
        """SET of task ids of a run still in flight; empty means the run is idle."""
        return f"{self.prefix}:run:{run_id}:pending"

    def run_feeds(self, run_id: str) -> str:
        return f"{self.prefix}:run:{run_id}:feeds"

    def run_articles(self, run_id: str) -> str:
        return f"{self.prefix}:run:{run_id}:articles"

    def run_errors(self, run_id: str) -> str:
        return f"{self.prefix}:run:{run_id}:errors"

    @property
    def failures(self) -> str:
        """LIST (capped) of recent failed tasks with exception and arguments."""
        return f"{self.prefix}:failures"

    @property
    def dispatcher_heartbeat(self) -> str:
        return f"{self.prefix}:dispatcher:last_tick"
