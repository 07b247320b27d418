"""Near-duplicate fingerprints of cleaned article text (pure: no Redis, no I/O).

Two sketches per text, because no single one does both jobs well (numbers from
tests/pipeline/test_neardup.py's labelled set, 91 real articles, seeded transforms):

* **Lookup, MinHash LSH over word 2-shingles.** Shingles never cross a paragraph break, so a
  reordered story keeps every shingle (Jaccard 1.0). Unrelated news texts share almost no
  2-shingles (mean Jaccard 0.009), so band collisions with unrelated articles are rare and a
  lookup touches few candidates even with a million stored articles. Light edits of 10 % of the
  words still leave 2-shingle Jaccard >= 0.68; with 32 bands of 4 rows a pair at 0.68 shares at
  least one band with probability 0.9995 (3-shingles fall to 0.55 under the same edits and need
  more bands for the same recall). The MinHash is one-permutation hashing with optimal
  densification (Shrivastava, ICML 2017): one hash per shingle instead of one per shingle and
  row, which keeps it pure Python (about 2 ms for a 700-word article), with the same collision
  probability as classic MinHash.
* **Decision, bottom-k sketch of the word multiset.** Whether a candidate is the same story is
  decided on the Jaccard similarity of the two texts' word multisets (each occurrence counted),
  estimated from the 256 smallest 32-bit hashes (exact for texts up to ~256 words, where
  boilerplate weighs most). Word multisets are what separates the two hard cases best: a 10 %
  light edit keeps Jaccard >= 0.83 and boilerplate/headline changes >= 0.85, while an update
  that adds half as many words again is at most 1/1.5 = 0.67 and different articles on the same
  event sharing a quoted lede stay below 0.31. Shingle sets cannot separate edits from
  updates (2-shingles: edits 0.68, updates 0.66). The exact size bound (Jaccard <= shorter /
  longer word count) is checked first, so an update that grew past the threshold is never a
  duplicate whatever the sketch estimate says.

Why not SimHash (the SPEC's first suggestion), measured on the same labelled set: 64-bit
SimHash at Hamming <= 3 (4 bands of 16 bits) over word 2- or 3-grams has precision 1.0 but
recall 0.49-0.50 (a 10 % edit moves it 4-23 bits); over single words, recall 0.86 already with
precision 0.987, and at Hamming <= 6 recall 0.98 but precision 0.945 (48 of 4095 unrelated
corpus pairs within 6 bits). No Hamming threshold that a banded lookup can serve meets
precision 1.0 with recall >= 0.95. Other settings tried (labelled set, seed 4): 3-gram LSH
recall 0.997, 16 bands 0.998, min_jaccard 0.65 precision 0.998 (an update taken for a
duplicate), 0.80 recall 0.995, sketch 128 also 1.0/1.0 (256 kept: 1/sqrt(2) of the
estimate's error for 0.5 KB more per original). `python3 tests/pipeline/test_neardup.py`
prints these measurements.

Tokenisation: NFKC, casefold, `\\w+` runs, and every CJK ideograph/kana/hangul character as a
token of its own (those scripts do not separate words with spaces, so a `\\w+` run would be a
whole sentence and one edited character would change the only token).
"""

from __future__ import annotations

import hashlib
import heapq
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

M64 = (1 << 64) - 1

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
#: one token per CJK character, else one per run of word characters
TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


@dataclass(frozen=True)
class DedupSettings:
    """Near-duplicate thresholds and sizes. Every default comes from measurement (see module
    docstring and tests/pipeline/test_neardup.py), not from a guess.

    The window bounds how far back a near-duplicate is looked for (and how long its lookup keys
    live); exact URL and exact-text identity last as long as the article record (retention).
    """

    #: a near-duplicate must be of an original stored within this many days
    window_days: float = 7
    #: word-multiset Jaccard at or above which two texts are the same story. Measured: light
    #: edits/boilerplate/headline/reorder >= 0.77, updates adding >= 50 % new words <= 0.67,
    #: same-event articles <= 0.31; 0.72 sits in the middle of the gap. Implied: an update that
    #: adds more than 1/0.72 - 1 = 39 % new words is a new story.
    min_jaccard: float = 0.72
    #: LSH: bands x rows MinHash values over word `shingle`-grams (see module docstring)
    bands: int = 32
    rows: int = 4
    shingle: int = 2
    #: bottom-k sketch size of the word multiset (4 bytes each)
    sketch_size: int = 256
    #: band records live in 2**bucket_bits strings shared by all bands: fewer keys than one
    #: per band value (Redis spends ~70 bytes per key), short enough strings to scan per lookup
    bucket_bits: int = 18
    #: texts with fewer tokens are only deduplicated by URL and exact text: in a few words two
    #: different stories can share most of them
    min_tokens: int = 50
    #: at most this many candidates are verified per claim (highest band count first)
    max_candidates: int = 16

    def __post_init__(self) -> None:
        if self.window_days <= 0:
            raise ValueError("window_days must be > 0")
        if not 0.0 < self.min_jaccard <= 1.0:
            raise ValueError("min_jaccard must be in (0, 1]")
        if self.bands < 1 or self.rows < 1 or self.shingle < 1:
            raise ValueError("bands, rows and shingle must be >= 1")
        if not 1 <= self.sketch_size <= 4096:  # the claim script unpacks it in one call
            raise ValueError("sketch_size must be in 1..4096")
        if not 8 <= self.bucket_bits <= 32:
            raise ValueError("bucket_bits must be in 8..32")
        if self.max_candidates < 1:
            raise ValueError("max_candidates must be >= 1")

    @property
    def window_seconds(self) -> int:
        return int(self.window_days * 86400)


@dataclass(frozen=True)
class Band:
    """One LSH band of a text: which shared bucket it lives in, and its 32-bit value there."""

    bucket: int
    value: bytes  # 4 bytes, big-endian


@dataclass(frozen=True)
class Fingerprint:
    """What the claim needs of a text: LSH bands for lookup, the bottom-k sketch to decide."""

    tokens: int
    bands: tuple[Band, ...]
    #: sorted ascending, distinct 32-bit hashes of the word multiset (the k smallest)
    sketch: tuple[int, ...]

    @property
    def indexable(self) -> bool:
        """False for texts too short to be compared (no bands): exact identity only."""
        return bool(self.bands)

    def packed_sketch(self) -> bytes:
        """`>H` count then `>I` per hash: the form the claim script stores and compares."""
        return struct.pack(f">H{len(self.sketch)}I", len(self.sketch), *self.sketch)


def _mix(x: int) -> int:
    """splitmix64's finaliser: a fast, well-distributed 64-bit mixing of an integer."""
    x &= M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def _hash_token(token: str) -> int:
    """Stable across processes (unlike `hash()`), so every worker computes the same sketch."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def paragraphs(text: str) -> list[list[str]]:
    """Normalised tokens of each non-empty line/paragraph of `text`."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for line in norm.splitlines():
        toks = TOKEN_RE.findall(line)
        if toks:
            out.append(toks)
    return out


def _shingle_hashes(paras: Sequence[Sequence[int]], k: int) -> list[int]:
    """Hashes of the word k-gram multiset, shingles bounded by paragraphs (see docstring).

    A paragraph shorter than k words is one shingle; repeated shingles are numbered so the
    multiset, not the set, is sketched (a repeated line counts twice).
    """
    seen: dict[int, int] = {}
    out: list[int] = []
    for hs in paras:
        n = len(hs)
        for i in range(max(1, n - k + 1)):
            h = 0x51AFD7ED558CCD
            for t in hs[i : i + k]:
                h = _mix(h * 0x100000001B3 + t)
            occ = seen.get(h, 0)
            seen[h] = occ + 1
            out.append(_mix(h + occ * 0x9E3779B97F4A7C15) if occ else h)
    return out


def oph_minhash(hashes: Iterable[int], n: int) -> list[int] | None:
    """One-permutation MinHash with optimal densification: `n` values, or None if no input.

    Bin = hash mod n, value = smallest hash in the bin. An empty bin borrows the value of the
    first non-empty bin along a fixed pseudo-random probe sequence (the same for every text),
    which keeps Pr[equal values] = Jaccard for every bin (Shrivastava 2017).
    """
    bins: list[int | None] = [None] * n
    any_ = False
    for h in hashes:
        i = h % n
        cur = bins[i]
        if cur is None or h < cur:
            bins[i] = h
            any_ = True
    if not any_:
        return None
    out: list[int] = []
    for i in range(n):
        v = bins[i]
        attempt = 1
        while v is None:
            v = bins[_mix((i << 20) + attempt) % n]
            attempt += 1
        out.append(v)
    return out


def lsh_bands(minhash: Sequence[int], settings: DedupSettings) -> tuple[Band, ...]:
    """Group `rows` MinHash values per band and hash each group to (bucket, 32-bit value).

    The band index goes into the hash so that equal values in different bands never match.
    """
    bands = []
    shift = 64 - settings.bucket_bits
    for b in range(settings.bands):
        h = _mix(0xBA4D + b)
        for v in minhash[b * settings.rows : (b + 1) * settings.rows]:
            h = _mix(h ^ v)
        bands.append(Band(bucket=h >> shift, value=(h & 0xFFFFFFFF).to_bytes(4, "big")))
    return tuple(bands)


def bottom_k(hashes: Iterable[int], k: int) -> tuple[int, ...]:
    """The k smallest distinct 32-bit hashes, ascending (a bottom-k sketch)."""
    return tuple(sorted(heapq.nsmallest(k, {h >> 32 for h in hashes})))


def fingerprint(text: str, settings: DedupSettings | None = None) -> Fingerprint:
    """Both sketches of a cleaned text (see module docstring)."""
    s = settings or DedupSettings()
    paras = paragraphs(text)
    cache: dict[str, int] = {}
    hashed: list[list[int]] = []
    for para in paras:
        row: list[int] = []
        for tok in para:
            h = cache.get(tok)
            if h is None:
                h = cache[tok] = _hash_token(tok)
            row.append(h)
        hashed.append(row)
    tokens = sum(len(p) for p in hashed)
    # word multiset: the i-th occurrence of a word is its own element
    counts: dict[int, int] = {}
    words: list[int] = []
    for row_hashes in hashed:
        for th in row_hashes:
            occ = counts.get(th, 0)
            counts[th] = occ + 1
            words.append(_mix(th + occ * 0x9E3779B97F4A7C15))
    sketch = bottom_k(words, s.sketch_size)
    bands: tuple[Band, ...] = ()
    if tokens >= s.min_tokens:
        mh = oph_minhash(_shingle_hashes(hashed, s.shingle), s.bands * s.rows)
        if mh is not None:
            bands = lsh_bands(mh, s)
    return Fingerprint(tokens=tokens, bands=bands, sketch=sketch)


def jaccard(a: Sequence[int], b: Sequence[int], k: int) -> float:
    """Bottom-k estimate of the Jaccard similarity of two sets from their sorted sketches.

    Merge the two sketches until k distinct values are taken; the share found in both is the
    estimate. Exact when both sets have fewer than k elements. claim_article.lua does the same.
    """
    i = j = taken = both = 0
    na, nb = len(a), len(b)
    while taken < k and (i < na or j < nb):
        if j >= nb or (i < na and a[i] < b[j]):
            i += 1
        elif i >= na or b[j] < a[i]:
            j += 1
        else:
            both += 1
            i += 1
            j += 1
        taken += 1
    return both / taken if taken else 0.0


def shares_band(a: Fingerprint, b: Fingerprint) -> bool:
    """True when the LSH lookup of `b` would find `a` (same value in the same band)."""
    return any(x == y for x, y in zip(a.bands, b.bands, strict=False))


def is_near_duplicate(
    a: Fingerprint, b: Fingerprint, settings: DedupSettings | None = None
) -> bool:
    """The claim's decision for one pair, in Python: found by lookup and similar enough."""
    s = settings or DedupSettings()
    if not (a.indexable and b.indexable and shares_band(a, b)):
        return False
    return similar(a, b, s)


def size_ratio(a_tokens: int, b_tokens: int) -> float:
    """Upper bound of the word-multiset Jaccard: |A n B| / |A u B| <= min(|A|,|B|)/max(...)."""
    hi = max(a_tokens, b_tokens)
    return min(a_tokens, b_tokens) / hi if hi else 1.0


def similar(a: Fingerprint, b: Fingerprint, settings: DedupSettings) -> bool:
    """The verification step: exact size bound first, then the bottom-k estimate.

    The size bound is exact, so an update that grew by more than 1/min_jaccard - 1 is never
    taken for a duplicate however the sketch estimate falls; the estimate (standard error about
    0.03 at k=256) then only has to separate texts of similar length.
    """
    if size_ratio(a.tokens, b.tokens) < settings.min_jaccard:
        return False
    return jaccard(a.sketch, b.sketch, settings.sketch_size) >= settings.min_jaccard
