"""The dead-letter lists: payloads delivery gave up on, for ops to show, retry or discard.

One Redis LIST per platform (`keys.dead_letter(platform)`), newest first, of JSON letters:

    {"id", "platform", "channel", "article_id", "stream_id", "state", "reason", "error",
     "attempts", "parts_done", "post_ids", "at", "payload": {...Payload...}}

`state` says why it is here, and so what ops should do:

- `unknown`: an attempt may have posted (a timeout after the request was sent, a worker killed
  mid-post) and the platform offers no way to check. Look at the channel first; retry only if
  the post is not there (else discard with `posted_as`).
- `failed`: the platform refused the post for good (bad token, chat not found, invalid body).
  Fix the cause (credentials, config), then retry.
- `dead`: transient errors (5xx, connection refused) `max_attempts` times in a row.
- `unconfigured`: the payload's channel is missing or disabled in the channels file now.

The posting key of (article, channel) is marked with the same state, so the stream entry that
brought the payload can be acknowledged: a redelivery finds the mark and does nothing.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal, cast

import redis

from workers.keys import Keys
from workers.models import PLATFORMS, Payload
from workers.pipeline import scripts

LetterState = Literal["unknown", "failed", "dead", "unconfigured"]

OUTCOME_UNKNOWN = "outcome unknown: check the channel before retrying"

RetryOutcome = Literal["queued", "already_posted", "gone"]


@dataclass(frozen=True)
class DeadLetter:
    """One letter as stored; `raw` is the exact stored text (what LREM must match)."""

    id: str
    platform: str
    channel: str
    article_id: str
    state: str
    reason: str
    error: str
    attempts: int
    at: float
    payload: Payload
    raw: str
    stream_id: str = ""
    parts_done: int = 0
    post_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The letter for `--json` output (without the raw text)."""
        data: dict[str, Any] = json.loads(self.raw)
        return data

    @classmethod
    def parse(cls, raw: bytes | str) -> DeadLetter:
        text = raw.decode() if isinstance(raw, bytes) else raw
        data = json.loads(text)
        return cls(
            id=str(data["id"]), platform=str(data["platform"]), channel=str(data["channel"]),
            article_id=str(data["article_id"]), state=str(data.get("state", "")),
            reason=str(data.get("reason", "")), error=str(data.get("error", "")),
            attempts=int(data.get("attempts", 0)), at=float(data.get("at", 0.0)),
            payload=Payload.from_dict(data["payload"]), raw=text,
            stream_id=str(data.get("stream_id", "")), parts_done=int(data.get("parts_done", 0)),
            post_ids=tuple(data.get("post_ids") or ()),
        )


def build_letter(
    *,
    payload_json: str,
    platform: str,
    channel: str,
    article_id: str,
    state: LetterState,
    reason: str,
    error: str,
    attempts: int,
    stream_id: str,
    parts_done: int = 0,
    post_ids: tuple[str, ...] = (),
) -> tuple[str, str]:
    """(letter id, letter JSON). The payload JSON is embedded verbatim, not re-encoded."""
    letter_id = uuid.uuid4().hex
    head = json.dumps(
        {"id": letter_id, "platform": platform, "channel": channel, "article_id": article_id,
         "stream_id": stream_id, "state": state, "reason": reason, "error": error,
         "attempts": attempts, "parts_done": parts_done, "post_ids": list(post_ids),
         "at": round(time.time(), 3)},
        ensure_ascii=False,
    )
    return letter_id, head[:-1] + ', "payload": ' + payload_json + "}"


def dead_letters(
    client: redis.Redis, keys: Keys, platform: str | None = None, *, limit: int = 1000
) -> list[DeadLetter]:
    """Letters of `platform` (None: every platform), newest first, at most `limit` each."""
    letters: list[DeadLetter] = []
    for p in (platform,) if platform else PLATFORMS:
        raw = cast(list[bytes], client.lrange(keys.dead_letter(p), 0, limit - 1) or [])
        letters.extend(DeadLetter.parse(r) for r in raw)
    return letters


def _find(client: redis.Redis, keys: Keys, platform: str, letter_id: str) -> DeadLetter | None:
    for letter in dead_letters(client, keys, platform, limit=100_000):
        if letter.id == letter_id:
            return letter
    return None


def retry_dead_letter(
    client: redis.Redis,
    keys: Keys,
    platform: str,
    letter_id: str,
    *,
    retention_days: int = 30,
    clear_suspect: bool | None = None,
) -> RetryOutcome:
    """Queue a letter's payload again (a new stream entry) and take it off the list.

    Resets the posting key's attempt count. For an `unknown` letter, retrying means "I looked,
    the post is not there": the suspicion that an earlier attempt posted is cleared (override
    with `clear_suspect`). Returns "queued", "already_posted" (the posting key says done: the
    letter is removed and nothing is queued) or "gone" (no such letter, or someone else took it).
    Send a `deliver` task for `platform` afterwards so it goes out without waiting for one.
    """
    letter = _find(client, keys, platform, letter_id)
    if letter is None:
        return "gone"
    clear = letter.state == "unknown" if clear_suspect is None else clear_suspect
    status, _value = scripts.run(
        client, "retry_dead_letter",
        keys=[keys.dead_letter(platform), keys.posting(letter.article_id, letter.channel),
              keys.stream(platform), keys.article_payloads(letter.article_id)],
        args=[letter.raw, letter.article_id, letter.channel,
              json.dumps(letter.payload.to_dict(), ensure_ascii=False),
              retention_days * 86400, platform, "1" if clear else "0"],
    )
    code = int(status)
    return "queued" if code == 1 else "already_posted" if code == 2 else "gone"


def discard_dead_letter(
    client: redis.Redis,
    keys: Keys,
    platform: str,
    letter_id: str,
    *,
    posted_as: str | None = None,
    retention_days: int = 30,
) -> bool:
    """Drop a letter. With `posted_as` (the post id ops found on the channel), also mark the
    posting key done, so a later retry or re-queue of the article never posts it again.
    Returns False when there was no such letter."""
    letter = _find(client, keys, platform, letter_id)
    if letter is None:
        return False
    if not client.lrem(keys.dead_letter(platform), 1, letter.raw):
        return False
    if posted_as:
        posting = keys.posting(letter.article_id, letter.channel)
        pipe = client.pipeline()
        pipe.hset(posting, mapping={"state": "done", "post_id": posted_as, "how": "ops",
                                    "done_at": f"{time.time():.3f}"})
        pipe.expire(posting, retention_days * 86400)
        pipe.execute()
    return True


def dead_letter_counts(client: redis.Redis, keys: Keys) -> dict[str, int]:
    """platform -> letters waiting (for metrics and `ops` overviews)."""
    pipe = client.pipeline()
    for p in PLATFORMS:
        pipe.llen(keys.dead_letter(p))
    return {p: int(n) for p, n in zip(PLATFORMS, pipe.execute(), strict=True)}
