"""Article storage in Redis, with the atomic first-seen claim.

An article's id is derived from its canonical URL, so every worker that sees the same story
computes the same id without talking to anyone; the claim script then decides, in one Redis
step, whether this sighting creates the article, is a redelivery of the creator's own task
(same owner token: carry on, so a crash after the claim loses nothing), or is a later sighting
(record the source, do nothing else). The exact-text key catches the same story under another
URL, and the near-duplicate layer (workers/pipeline/neardup.py: MinHash LSH band records for
the lookup, a bottom-k sketch for the decision) catches the same wire story republished with
small edits; all three are checked and the article inserted by the same one Lua call, so 50
workers holding 50 variants of one story still produce one original. A duplicate is stored
with `duplicate_of` pointing at the original, credited on the original as a source and listed
in the original's duplicates set; only originals go on to payloads.

Memory: text is stored zlib-compressed JSON (news text compresses about 3:1) and expires with
retention; the near-duplicate keys (one sketch string and 32 16-byte band records per original,
packed into shared bucket strings) expire with the shorter near-duplicate window, so they stay
under 2 KB per article (bench/dedup.py measures it).
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import time
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Literal

import redis

from workers.keys import Keys, digest
from workers.models import Article
from workers.pipeline import scripts
from workers.pipeline.neardup import DedupSettings, Fingerprint, fingerprint
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


_HEX16 = re.compile(r"[0-9a-f]{16}")


def article_ref(article_id: str) -> bytes:
    """8-byte reference of an article in band records (its id itself when that is 16 hex)."""
    if _HEX16.fullmatch(article_id):
        return bytes.fromhex(article_id)
    return hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()


def pack_sketch(fp: Fingerprint, article_id: str) -> bytes:
    """The stored sketch value: token count, hash count, hashes, id (see claim_article.lua)."""
    return struct.pack(">I", min(fp.tokens, 0xFFFFFFFF)) + fp.packed_sketch() + article_id.encode()


@dataclass(frozen=True)
class DedupKeys:
    """The near-duplicate layer's keys (beside workers.keys.Keys, same prefix)."""

    prefix: str = "nr"

    @property
    def bucket_prefix(self) -> str:
        return f"{self.prefix}:dedup:nd:"

    def bucket(self, bucket: int) -> str:
        """STRING of packed 16-byte band records shared by all bands (see claim_article.lua)."""
        return f"{self.bucket_prefix}{bucket:08x}"

    @property
    def sketch_prefix(self) -> str:
        return f"{self.prefix}:dedup:sk:"

    def sketch(self, ref: bytes) -> str:
        """STRING bottom-k sketch of an original, for the near-duplicate window."""
        return f"{self.sketch_prefix}{ref.hex()}"

    @property
    def duplicates_prefix(self) -> str:
        return f"{self.prefix}:dups:"

    def duplicates(self, article_id: str) -> str:
        """ZSET duplicate article id -> time seen: the duplicates of one original."""
        return f"{self.duplicates_prefix}{article_id}"


@dataclass(frozen=True)
class ClaimResult:
    state: Literal["created", "seen"]
    duplicate_of: str | None
    #: how duplicate_of was found: "text" (exact text) or "near" (near-duplicate); None else
    match: str | None = None

    @property
    def is_new_original(self) -> bool:
        """True when this sighting must go on to format and queue payloads."""
        return self.state == "created" and self.duplicate_of is None


def _from_fields(raw: object) -> Article | None:
    """An article from its hash: the packed record plus duplicate_of and the sources."""
    if not raw or not isinstance(raw, dict):
        return None
    fields = {as_str(k): v for k, v in raw.items()}
    article = unpack(as_bytes(fields["data"]))
    article.duplicate_of = as_str(fields.get("duplicate_of", b"")) or None
    article.sources = sorted(k[4:] for k in fields if k.startswith("src:"))
    return article


def parse_claim(reply: object) -> ClaimResult:
    """The claim script's reply {state, duplicate_of, match} as a ClaimResult."""
    if not isinstance(reply, list | tuple) or len(reply) != 3:
        raise TypeError(f"unexpected claim_article reply {reply!r}")
    state, dup, match = (as_str(x) for x in reply)
    return ClaimResult(
        state="created" if state == "created" else "seen",
        duplicate_of=dup or None,
        match=match or None,
    )


class ArticleStore:
    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        *,
        retention_days: int = 30,
        dedup: DedupSettings | None = None,
    ) -> None:
        self.r = client
        self.keys = keys
        self.dkeys = DedupKeys(keys.prefix)
        self.ttl = int(retention_days * 86400)
        self.dedup = dedup or DedupSettings()

    def claim(
        self,
        article: Article,
        *,
        owner: str,
        source: str | None,
        fp: Fingerprint | None = None,
    ) -> ClaimResult:
        """Store `article` unless it exists; see the module docstring and claim_article.lua.

        `fp` is the text's fingerprint when the caller already has it (else computed here).
        """
        keys, args = self.claim_call(article, owner=owner, source=source, fp=fp)
        return parse_claim(scripts.run(self.r, "claim_article", keys=keys, args=args))

    def claim_call(
        self,
        article: Article,
        *,
        owner: str,
        source: str | None,
        fp: Fingerprint | None = None,
        now: float | None = None,
    ) -> tuple[list[str], list[str | bytes | int]]:
        """KEYS and ARGV of the claim script for `article`: what `claim` sends, exposed so
        bench/dedup.py can pipeline exactly the same calls."""
        fp = fp or fingerprint(article.text, self.dedup)
        ref = article_ref(article.id)
        now = time.time() if now is None else now
        window = self.dedup.window_seconds
        keys = [
            self.keys.article(article.id),
            self.keys.dedup_text(text_hash(article.text)),
            self.keys.articles_index,
            self.dkeys.sketch(ref),
        ]
        args: list[str | bytes | int] = [
            article.id,
            owner,
            pack(article),
            self.ttl,
            f"{now:.6f}",
            source or "",
            self.keys.article(""),
            self.ttl,
            self.dkeys.sketch_prefix,
            self.dkeys.duplicates_prefix,
            pack_sketch(fp, article.id),
            struct.pack(">I", int(now)) + ref,
            window,
            repr(self.dedup.min_jaccard),
            self.dedup.sketch_size,
            self.dedup.max_candidates,
            int(now) - window,
            self.dkeys.bucket_prefix,
            b"".join(b.value for b in fp.bands),
            "".join(f"{b.bucket:08x}" for b in fp.bands),
        ]
        return keys, args

    def get(self, article_id: str) -> Article | None:
        return _from_fields(self.r.hgetall(self.keys.article(article_id)))

    def duplicates(self, article_id: str) -> list[str]:
        """Ids of the articles stored as duplicates of `article_id`, oldest first."""
        return [as_str(i) for i in self.r.zrange(self.dkeys.duplicates(article_id), 0, -1)]

    def duplicate_counts(self, article_ids: list[str]) -> list[int]:
        """How many duplicates each original has (one round trip)."""
        pipe = self.r.pipeline(transaction=False)
        for aid in article_ids:
            pipe.zcard(self.dkeys.duplicates(aid))
        return [int(n) for n in pipe.execute()]

    def get_many(self, article_ids: list[str]) -> list[Article | None]:
        """Several articles in one round trip (listing and search)."""
        pipe = self.r.pipeline(transaction=False)
        for aid in article_ids:
            pipe.hgetall(self.keys.article(aid))
        return [_from_fields(raw) for raw in pipe.execute()]

    def recent_ids(self, limit: int = 50, offset: int = 0) -> list[str]:
        """Article ids, newest first."""
        return [
            as_str(i)
            for i in self.r.zrevrange(self.keys.articles_index, offset, offset + limit - 1)
        ]
