"""Article storage in Redis, with the atomic first-seen claim.

An article's id is derived from its canonical URL, so every worker that sees the same story
computes the same id without talking to anyone; the claim script then decides, in one Redis
step, whether this sighting creates the article, is a redelivery of the creator's own task
(same owner token: carry on, so a crash after the claim loses nothing), or is a later sighting
(record the source, do nothing else). The exact-text key catches the same story under another
URL. Text is stored zlib-compressed JSON: news text compresses about 3:1.
"""

from __future__ import annotations

import hashlib
import json
import time
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Literal

import redis

from workers.keys import Keys, digest
from workers.models import Article
from workers.pipeline import scripts
from workers.redis_client import as_bytes, as_str


def article_id_for(canonical: str) -> str:
    return digest(canonical, 16)


def text_hash(text: str) -> str:
    """Hash of the cleaned text, insensitive to case, whitespace and Unicode spelling."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def pack(article: Article) -> bytes:
    return zlib.compress(json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8"), 6)


def unpack(data: bytes) -> Article:
    return Article.from_dict(json.loads(zlib.decompress(data)))


@dataclass(frozen=True)
class ClaimResult:
    state: Literal["created", "seen"]
    duplicate_of: str | None

    @property
    def is_new_original(self) -> bool:
        """True when this sighting must go on to format and queue payloads."""
        return self.state == "created" and self.duplicate_of is None


class ArticleStore:
    def __init__(self, client: redis.Redis, keys: Keys, *, retention_days: int = 30) -> None:
        self.r = client
        self.keys = keys
        self.ttl = retention_days * 86400

    def claim(self, article: Article, *, owner: str, source: str | None) -> ClaimResult:
        """Store `article` unless it exists; see the module docstring for the three outcomes."""
        state, dup = scripts.run(
            self.r,
            "claim_article",
            keys=[
                self.keys.article(article.id),
                self.keys.dedup_text(text_hash(article.text)),
                self.keys.articles_index,
            ],
            args=[
                article.id,
                owner,
                pack(article),
                self.ttl,
                f"{time.time():.6f}",
                source or "",
                self.keys.article(""),
                self.ttl,
            ],
        )
        state_s = state.decode() if isinstance(state, bytes) else str(state)
        dup_s = dup.decode() if isinstance(dup, bytes) else str(dup)
        return ClaimResult(state="created" if state_s == "created" else "seen",
                           duplicate_of=dup_s or None)

    def get(self, article_id: str) -> Article | None:
        raw = self.r.hgetall(self.keys.article(article_id))
        if not raw:
            return None
        fields = {as_str(k): v for k, v in raw.items()}
        article = unpack(as_bytes(fields["data"]))
        article.duplicate_of = as_str(fields.get("duplicate_of", b"")) or None
        article.sources = sorted(k[4:] for k in fields if k.startswith("src:"))
        return article

    def recent_ids(self, limit: int = 50) -> list[str]:
        return [as_str(i) for i in self.r.zrevrange(self.keys.articles_index, 0, limit - 1)]
