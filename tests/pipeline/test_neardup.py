"""The near-duplicate detector, measured on a labelled set built here from real article texts.

The set (issue 4): every article body of the extraction corpus (91 real news/blog texts in
shared/corpus/extraction/ground-truth.json) paired with seeded variants.

True duplicates: the same text with other boilerplate lines around it; its paragraphs
reordered; a changed headline line; light edits of 1-10 % of the words (and exactly 10 %);
the same text under a different tracking URL; and boilerplate + reorder + 5 % edits at once.
Hard non-duplicates: different articles on the same event (they share a quoted lede of a
quarter of their words, the rest differs); updates that add new paragraphs of 50-100 % of the
original's words (beyond the 39 % that DedupSettings.min_jaccard = 0.72 allows).

Precision and recall are asserted for the pure decision (neardup.is_near_duplicate) and for
the real claim script on Redis, which must agree. `python3 tests/pipeline/test_neardup.py`
prints the measurement behind the defaults, including the SimHash and shingle settings that
were tried and rejected.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import redis

from workers.keys import Keys
from workers.models import Article
from workers.pipeline import neardup as nd
from workers.pipeline.neardup import DedupSettings, fingerprint
from workers.pipeline.store import ArticleStore, article_id_for

if __name__ == "__main__":  # run as a script: make `support` importable as conftest does
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support.shared import shared_dir

SEED = 4

BOILER_PREFIX = (
    "Advertisement",
    "Skip to main content",
    "Listen to this article",
    "This story was originally published by Reuters.",
    "Updated 3 hours ago",
    "By Staff Reporter, Associated Press",
)
BOILER_SUFFIX = (
    "Sign up for our daily newsletter to get the latest news delivered to your inbox.",
    "© 2024 Example Media Group. All rights reserved.",
    "Follow us on Twitter, Facebook and Instagram for more stories like this.",
    "Read more: the best stories of the week, handpicked by our editors.",
    "This article was produced with the help of our news partners and may be republished.",
    "Reporting by our correspondents; editing by the news desk.",
)
HEADLINES = (
    "Breaking: what we know so far",
    "Officials respond as the story develops",
    "Everything you need to know about today's news",
    "Analysis: why this matters now",
    "The latest on a developing story",
)
DUP_KINDS = ("boilerplate", "reorder", "headline", "edit", "edit10", "tracking_url", "combined")
NONDUP_KINDS = ("same_event", "update")


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    duplicate: bool
    kind: str
    source: str  # corpus id the pair was built from


def words(text: str) -> list[str]:
    return nd.TOKEN_RE.findall(text)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


def with_boilerplate(rng: random.Random, text: str) -> str:
    pre = rng.sample(BOILER_PREFIX, rng.randint(0, 1))
    return "\n\n".join([*pre, text, *rng.sample(BOILER_SUFFIX, 1)])


def reordered(rng: random.Random, text: str) -> str:
    ps = paragraphs(text)
    shuffled = ps[:]
    while len(ps) > 1 and shuffled == ps:
        rng.shuffle(shuffled)
    return "\n\n".join(shuffled)


def edited(rng: random.Random, text: str, vocab: list[str], fraction: float) -> str:
    """Edit `fraction` of the words at random places: replace (1/2), delete or insert (1/4)."""
    parts: list[str] = []
    pos = 0
    for m in nd.TOKEN_RE.finditer(text):
        parts += [text[pos : m.start()], m.group()]
        pos = m.end()
    parts.append(text[pos:])
    positions = list(range(1, len(parts), 2))
    for i in rng.sample(positions, max(1, round(len(positions) * fraction))):
        op = rng.random()
        if op < 0.5:
            parts[i] = rng.choice(vocab)
        elif op < 0.75:
            parts[i] = ""
        else:
            parts[i] = f"{parts[i]} {rng.choice(vocab)}"
    return "".join(parts)


@cache
def corpus() -> dict[str, str]:
    path = shared_dir() / "corpus" / "extraction" / "ground-truth.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v["articleBody"] for k, v in sorted(data.items())}


def labelled_pairs(seed: int = SEED) -> list[Pair]:
    """The labelled set (see module docstring), the same for the same seed."""
    rng = random.Random(seed)
    texts = corpus()
    ids = list(texts)
    vocab = sorted({w for t in texts.values() for w in words(t)})
    pairs: list[Pair] = []
    for i in ids:
        t = texts[i]
        others = [j for j in ids if j != i]
        frac = rng.uniform(0.01, 0.10)
        pairs += [
            Pair(t, with_boilerplate(rng, t), True, "boilerplate", i),
            Pair(t, reordered(rng, t), True, "reorder", i),
            Pair(f"{rng.choice(HEADLINES)}\n\n{t}", f"{rng.choice(HEADLINES)}!\n\n{t}", True,
                 "headline", i),
            Pair(t, edited(rng, t, vocab, frac), True, "edit", i),
            Pair(t, edited(rng, t, vocab, 0.10), True, "edit10", i),
            Pair(t, t, True, "tracking_url", i),
            Pair(t, edited(rng, reordered(rng, with_boilerplate(rng, t)), vocab, 0.05), True,
                 "combined", i),
        ]
        # different articles on the same event: a shared lede of 25 % of the words
        o1, o2 = rng.sample(others, 2)
        n = int(0.25 * min(len(words(texts[o1])), len(words(texts[o2]))))
        lede = " ".join(words(t)[:n])
        pairs.append(Pair(f"{lede}\n\n{texts[o1]}", f"{lede}\n\n{texts[o2]}", False,
                          "same_event", i))
        # an update: new paragraphs adding 50-100 % of the original's words, anywhere
        target = rng.uniform(0.5, 1.0) * len(words(t))
        added: list[str] = []
        count = 0
        while count < target:
            for p in paragraphs(texts[rng.choice(others)]):
                if count >= target:
                    break
                added.append(p)
                count += len(words(p))
        update = paragraphs(t)
        for p in added:
            update.insert(rng.randint(0, len(update)), p)
        pairs.append(Pair(t, "\n\n".join(update), False, "update", i))
    return pairs


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(pairs: list[Pair], settings: DedupSettings) -> tuple[Score, dict[str, Score]]:
    fps: dict[str, nd.Fingerprint] = {}

    def fp(text: str) -> nd.Fingerprint:
        if text not in fps:
            fps[text] = fingerprint(text, settings)
        return fps[text]

    total = Score()
    per_kind: dict[str, Score] = {}
    for p in pairs:
        predicted = p.a == p.b or nd.is_near_duplicate(fp(p.a), fp(p.b), settings)
        total.add(predicted, p.duplicate)
        per_kind.setdefault(p.kind, Score()).add(predicted, p.duplicate)
    return total, per_kind


@pytest.fixture(scope="module")
def pairs() -> list[Pair]:
    return labelled_pairs()


def test_labelled_set_is_what_the_issue_asks_for(pairs: list[Pair]) -> None:
    kinds = Counter(p.kind for p in pairs)
    assert set(kinds) == {*DUP_KINDS, *NONDUP_KINDS}
    assert len(set(kinds.values())) == 1 and kinds["edit"] == len(corpus()) >= 90
    for p in pairs:
        if p.kind == "update":
            assert len(words(p.b)) >= 1.5 * len(words(p.a)) - 1
        if p.kind == "edit10":
            assert p.a != p.b


def test_precision_1_and_recall_at_least_095(pairs: list[Pair]) -> None:
    total, per_kind = evaluate(pairs, DedupSettings())
    report = {k: (s.tp, s.fp, s.fn, s.tn) for k, s in per_kind.items()}
    print(f"\nnear-duplicate detector: precision {total.precision:.4f} recall {total.recall:.4f}"
          f" (tp fp fn tn per kind: {report})")
    assert total.precision == 1.0, report
    assert total.recall >= 0.95, report


@pytest.mark.parametrize("seed", [11, 12])
def test_holds_on_other_seeds(seed: int) -> None:
    """Not tuned to one draw: other seeds give other edits, boilerplate and updates."""
    total, per_kind = evaluate(labelled_pairs(seed), DedupSettings())
    assert total.precision == 1.0, per_kind
    assert total.recall >= 0.95, per_kind


def test_claim_script_on_redis_matches_the_labelled_set(
    pairs: list[Pair], redis_client: redis.Redis
) -> None:
    """The real Lua claim decides the same as the pure decision, pair by pair."""
    score = Score()
    settings = DedupSettings()
    fp = cache(fingerprint)
    for n, p in enumerate(pairs):
        keys = Keys(f"nr:ld{n}")
        store = ArticleStore(redis_client, keys, dedup=settings)
        a = Article(id=article_id_for(f"https://one.example/{n}"), url="u", title="a", text=p.a)
        b = Article(id=article_id_for(f"https://two.example/{n}?utm_source=x"), url="u",
                    title="b", text=p.b)
        assert store.claim(a, owner="ta", source="feed-a").is_new_original
        claim = store.claim(b, owner="tb", source="feed-b")
        assert claim.duplicate_of in (None, a.id)
        found = claim.duplicate_of == a.id
        score.add(found, p.duplicate)
        expected = p.a == p.b or nd.is_near_duplicate(fp(p.a), fp(p.b))
        assert found == expected, (p.kind, p.source)
    assert score.precision == 1.0
    assert score.recall >= 0.95


# --- unit properties ---------------------------------------------------------------------------


def test_tokenisation_normalises_and_splits_cjk() -> None:
    assert nd.paragraphs("Ｆｕｌｌ-width ÉCOLE\n\nsecond line") == [
        ["full", "width", "école"], ["second", "line"]]
    assert nd.paragraphs("東京で会議") == [["東", "京", "で", "会", "議"]]


def test_reordered_paragraphs_keep_every_shingle() -> None:
    text = "\n".join(f"paragraph {i} has a few words of its own here" for i in range(20))
    rev = "\n".join(reversed(text.splitlines()))
    assert fingerprint(text).bands == fingerprint(rev).bands


def test_jaccard_is_exact_for_small_sets() -> None:
    a, b = (1, 2, 3, 4), (3, 4, 5, 6)
    assert nd.jaccard(a, b, 256) == pytest.approx(2 / 6)
    assert nd.jaccard(a, a, 256) == 1.0
    assert nd.jaccard((), (), 256) == 0.0


def test_short_texts_are_not_near_duplicate_indexed() -> None:
    fp = fingerprint("Too short to compare safely.")
    assert not fp.indexable and fp.tokens == 5


def test_fingerprint_is_stable_across_processes() -> None:
    """Workers in different processes must compute the same bands (no `hash()` salt)."""
    fp = fingerprint(" ".join(f"word{i}" for i in range(60)))
    assert fp.bands[0].bucket == 0x336F3 and fp.bands[0].value.hex() == "0dfe0f75"


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        DedupSettings(min_jaccard=0)
    with pytest.raises(ValueError):
        DedupSettings(window_days=0)
    assert DedupSettings(window_days=0.5).window_seconds == 43200


# --- the measurement behind the defaults (python3 tests/pipeline/test_neardup.py) ------------


def _simhash(text: str, k: int) -> int:
    paras = [[nd._hash_token(t) for t in p] for p in nd.paragraphs(text)]
    hashes = nd._shingle_hashes(paras, k) if k > 1 else [nd._mix(h) for p in paras for h in p]
    v = [0] * 64
    for h in hashes:
        for i in range(64):
            v[i] += 1 if (h >> i) & 1 else -1
    return sum(1 << i for i in range(64) if v[i] > 0)


def _simhash_rows(pairs: list[Pair]) -> Iterator[str]:
    texts = corpus()
    for k in (1, 2, 3):
        dist = [(p, bin(_simhash(p.a, k) ^ _simhash(p.b, k)).count("1")) for p in pairs]
        sims = {i: _simhash(t, k) for i, t in texts.items()}
        unrelated = [bin(sims[a] ^ sims[b]).count("1") for a, b in itertools.combinations(sims, 2)]
        for h in (3, 6, 10):
            s = Score()
            for p, d in dist:
                s.add(d <= h, p.duplicate)
            close = sum(1 for d in unrelated if d <= h)
            yield (f"SimHash64 {k}-gram Hamming<={h:<2}: precision {s.precision:.3f} recall "
                   f"{s.recall:.3f}; unrelated corpus pairs within: {close}/{len(unrelated)}")


def main() -> None:
    pairs = labelled_pairs()
    base = DedupSettings()
    print(f"{len(pairs)} labelled pairs from {len(corpus())} corpus texts, seed {SEED}")
    for name, s in [
        ("default", base),
        ("sketch 128", dataclasses.replace(base, sketch_size=128)),
        ("3-shingle LSH", dataclasses.replace(base, shingle=3)),
        ("3-shingle LSH, 3 rows", dataclasses.replace(base, shingle=3, rows=3)),
        ("16 bands", dataclasses.replace(base, bands=16)),
        ("5 rows", dataclasses.replace(base, rows=5)),
        ("min_jaccard 0.65", dataclasses.replace(base, min_jaccard=0.65)),
        ("min_jaccard 0.80", dataclasses.replace(base, min_jaccard=0.80)),
    ]:
        total, kinds = evaluate(pairs, s)
        misses = {k: v.fn + v.fp for k, v in kinds.items() if v.fn + v.fp}
        print(f"{name:24} precision {total.precision:.4f} recall {total.recall:.4f} {misses}")
    for row in _simhash_rows(pairs):
        print(row)


if __name__ == "__main__":
    main()
