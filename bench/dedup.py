"""Benchmark of the dedup claim at scale: is it "Redis speed", and is memory bounded?

    python3 bench/dedup.py                    # 1 000 000 stored articles (a few minutes)
    python3 bench/dedup.py --articles 50000 --json

What it measures, all in one run on one Redis (an embedded redis-server in a temporary
directory, AOF off, unless NEWSRELAY_REDIS_URL is set — that database is flushed first):

1. Plain `SET key 1 NX` throughput (pipelined) and round-trip latency: the floor to compare
   against, since a claim can never be cheaper than one SET NX.
2. Stores N articles through the real claim script (workers/lua/claim_article.lua, pipelined,
   the same KEYS/ARGV as ArticleStore.claim via ArticleStore.claim_call). The stored texts'
   fingerprints are synthetic (uniformly random band values and sketches, which is what real
   hash-based fingerprints look like to Redis), because fingerprinting a million texts in
   Python would measure Python, not the lookup; a pool of real texts (corpus paragraphs
   recombined) is stored among them so the near-duplicate lookups below have real matches.
3. Memory per stored article: INFO used_memory delta over the N articles (everything: article
   record, index entry, dedup keys), and the dedup keys alone (exact-text key, sketch key and
   the shared band-bucket strings) by MEMORY USAGE: sampled for per-article keys, summed over
   every bucket string.
4. Checks per second (pipelined, like SET NX) and round-trip latency (sequential, p50/p99) of:
   URL lookups (a known URL: the claim stops at the URL layer), near-duplicate lookups that
   find the original (edited real texts: band lookup + sketch verification), and new-text
   lookups (band lookup finds nothing; the article is inserted as an original).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from workers.embedded_redis import EmbeddedRedis  # noqa: E402
from workers.keys import Keys  # noqa: E402
from workers.models import Article  # noqa: E402
from workers.pipeline import neardup as nd  # noqa: E402
from workers.pipeline import scripts  # noqa: E402
from workers.pipeline.store import ArticleStore, article_id_for, parse_claim  # noqa: E402
from workers.redis_client import as_str, connect  # noqa: E402

PREFIX = "bench"
BATCH = 200


@contextmanager
def redis_server() -> Iterator[tuple[redis.Redis, str]]:
    url = os.environ.get("NEWSRELAY_REDIS_URL")
    if url:
        client = connect(url)
        client.flushdb()
        yield client, url
        return
    with tempfile.TemporaryDirectory(prefix="nr-bench-") as tmp:
        server = EmbeddedRedis(Path(tmp), appendonly=False)
        server.start()
        try:
            client = connect(server.url)
            client.config_set("save", "")  # no RDB fork in the middle of the measurement
            yield client, f"embedded redis-server in {tmp} (AOF off)"
        finally:
            server.stop()


def used_memory(client: redis.Redis) -> int:
    info: dict[str, Any] = client.info("memory")
    return int(info["used_memory"])


def server_usec_per_call(client: redis.Redis, command: str) -> float | None:
    stats: dict[str, Any] = client.info("commandstats")
    entry = stats.get(f"cmdstat_{command}")
    return float(entry["usec_per_call"]) if entry else None


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- texts and fingerprints ---------------------------------------------------------------------


def corpus_paragraphs() -> list[str]:
    """Paragraphs of real article text (the shared extraction corpus), else generated ones."""
    shared = Path(os.environ.get("NEWSRELAY_SHARED", ROOT.parent / "shared"))
    path = shared / "corpus" / "extraction" / "ground-truth.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        paras = [p.strip() for v in data.values() for p in v["articleBody"].splitlines()]
        return [p for p in paras if len(p.split()) >= 12]
    rng = random.Random(1)
    vocab = [f"w{rng.getrandbits(24):x}" for _ in range(20000)]
    return [" ".join(rng.choices(vocab, k=rng.randint(15, 60))) for _ in range(5000)]


def real_texts(n: int, rng: random.Random) -> list[str]:
    """n distinct article-like texts: 6-12 real paragraphs each, recombined."""
    paras = corpus_paragraphs()
    return ["\n\n".join(rng.sample(paras, rng.randint(6, 12))) for _ in range(n)]


def light_edit(text: str, rng: random.Random, fraction: float = 0.05) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * fraction))):
        words[i] = rng.choice(("reportedly", "officials", "Tuesday", "said", "new"))
    return "Wire service\n\n" + " ".join(words)


def synthetic_fp(rng: random.Random, s: nd.DedupSettings) -> nd.Fingerprint:
    """A fingerprint shaped like a real one (uniform hashes), without hashing a text."""
    raw = struct.unpack(f">{2 * s.bands}I", rng.randbytes(8 * s.bands))
    mask = (1 << s.bucket_bits) - 1
    bands = tuple(
        nd.Band(bucket=raw[2 * i] & mask, value=raw[2 * i + 1].to_bytes(4, "big"))
        for i in range(s.bands)
    )
    sketch = tuple(sorted(set(struct.unpack(f">{s.sketch_size}I",
                                            rng.randbytes(4 * s.sketch_size)))))
    return nd.Fingerprint(tokens=rng.randint(300, 1500), bands=bands, sketch=sketch)


def article(i: int, text: str | None = None, kind: str = "a") -> Article:
    url = f"https://site{i % 997}.example/{kind}/{i}"
    return Article(id=article_id_for(url), url=url, title=f"Bench article {kind}{i}",
                   text=text or f"synthetic text {kind}{i}", feed_url=f"https://feed{i % 50}/rss")


Call = tuple[list[str], list[Any]]


def run_pipelined(client: redis.Redis, calls: Sequence[Call], batch: int = BATCH) -> list[Any]:
    script = scripts.script(client, "claim_article")
    client.script_load(script.script)
    out: list[Any] = []
    for start in range(0, len(calls), batch):
        pipe = client.pipeline(transaction=False)
        for keys, args in calls[start : start + batch]:
            pipe.evalsha(script.sha, len(keys), *keys, *args)
        out += pipe.execute()
    return out


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def sequential_latency(client: redis.Redis, calls: Sequence[Call]) -> list[float]:
    script = scripts.script(client, "claim_article")
    lat = []
    for keys, args in calls:
        t0 = time.perf_counter()
        client.evalsha(script.sha, len(keys), *keys, *args)
        lat.append((time.perf_counter() - t0) * 1e6)
    return lat


# --- the benchmark -----------------------------------------------------------------------------


def bench(n_articles: int, n_checks: int, seed: int, progress: bool,
          settings: nd.DedupSettings | None = None) -> dict[str, Any]:
    rng = random.Random(seed)
    settings = settings or nd.DedupSettings()
    say: Callable[[str], None] = (
        (lambda m: print(m, file=sys.stderr, flush=True)) if progress else (lambda m: None)
    )
    res: dict[str, Any] = {"articles": n_articles, "checks": n_checks, "settings": {
        "bands": settings.bands, "rows": settings.rows, "shingle": settings.shingle,
        "sketch_size": settings.sketch_size, "bucket_bits": settings.bucket_bits,
        "min_jaccard": settings.min_jaccard, "window_days": settings.window_days}}
    n_real = min(2000, max(100, n_articles // 100), n_articles)
    say(f"fingerprinting {n_real} real texts and {n_checks} edited copies ...")
    originals = real_texts(n_real, rng)
    t_fp, real_fps = timed(lambda: [nd.fingerprint(t, settings) for t in originals])
    res["fingerprint_ms_per_text"] = t_fp / n_real * 1e3
    variants = [light_edit(originals[i % n_real], rng) for i in range(n_checks)]
    variant_fps = [nd.fingerprint(t, settings) for t in variants]

    with redis_server() as (client, where):
        res["redis"] = where
        res["redis_version"] = client.info("server")["redis_version"]
        store = ArticleStore(client, Keys(PREFIX), dedup=settings)

        # 1. plain SET NX
        say("SET NX ...")
        n_set = min(max(n_checks * 5, 50000), 200000)
        set_keys = [f"{PREFIX}:setnx:{i}" for i in range(n_set)]
        client.config_resetstat()

        def setnx_all() -> None:
            for start in range(0, n_set, BATCH):
                pipe = client.pipeline(transaction=False)
                for k in set_keys[start : start + BATCH]:
                    pipe.set(k, "1", nx=True)
                pipe.execute()

        t_set, _ = timed(setnx_all)
        set_lat = []
        for k in set_keys[: min(n_checks, 5000)]:
            t0 = time.perf_counter()
            client.set(k + ":x", "1", nx=True)
            set_lat.append((time.perf_counter() - t0) * 1e6)
        res["setnx"] = {"per_s": n_set / t_set, "p50_us": percentile(set_lat, 0.5),
                        "p99_us": percentile(set_lat, 0.99),
                        "server_us": server_usec_per_call(client, "set")}
        client.flushdb()

        # 2. store N articles through the claim script
        say(f"storing {n_articles} articles through the claim script ...")
        mem0 = used_memory(client)
        real_at = set(rng.sample(range(n_articles), n_real))
        real_iter = iter(range(n_real))
        real_ids: list[str] = []
        t_store = 0.0
        done = 0
        chunk = 20000
        while done < n_articles:
            calls: list[Call] = []
            for i in range(done, min(n_articles, done + chunk)):
                if i in real_at:
                    j = next(real_iter)
                    a = article(j, originals[j], kind="real")
                    real_ids.append(a.id)
                    calls.append(store.claim_call(a, owner=f"o{i}", source=a.feed_url,
                                                  fp=real_fps[j]))
                else:
                    a = article(i)
                    calls.append(store.claim_call(a, owner=f"o{i}", source=a.feed_url,
                                                  fp=synthetic_fp(rng, settings)))
            t0 = time.perf_counter()
            run_pipelined(client, calls)
            t_store += time.perf_counter() - t0
            done += len(calls)
            if done % 200000 < chunk:
                say(f"  {done} stored ({done / t_store:,.0f}/s in Redis)")
        res["store_per_s"] = n_articles / t_store
        mem1 = used_memory(client)
        res["memory"] = memory_breakdown(client, store, n_articles, mem1 - mem0, rng)

        # 4. checks
        say("URL, near-duplicate and new-text checks ...")
        url_calls = []
        for i in rng.sample(range(n_articles), n_checks):
            a = article(i) if i not in real_at else article(0, originals[0], kind="real")
            url_calls.append(store.claim_call(a, owner="later", source=None,
                                              fp=synthetic_fp(rng, settings)))
        near_calls = [
            store.claim_call(article(n_articles + i, variants[i], kind="variant"),
                             owner=f"v{i}", source=f"https://wire{i}/rss", fp=variant_fps[i])
            for i in range(n_checks)
        ]
        new_calls = [
            store.claim_call(article(2 * n_articles + i, kind="new"), owner=f"n{i}",
                             source=None, fp=synthetic_fp(rng, settings))
            for i in range(n_checks)
        ]
        half = n_checks // 2
        out: dict[str, Any] = {}
        for name, calls in (("url", url_calls), ("near_duplicate", near_calls),
                            ("new_text", new_calls)):
            client.config_resetstat()
            t0 = time.perf_counter()
            replies = run_pipelined(client, calls[:half])
            dt = time.perf_counter() - t0
            server_us = server_usec_per_call(client, "evalsha")
            lat = sequential_latency(client, calls[half:])
            results = [parse_claim(r) for r in replies]
            out[name] = {"per_s": half / dt, "p50_us": percentile(lat, 0.5),
                         "p99_us": percentile(lat, 0.99), "server_us": server_us,
                         "seen": sum(r.state == "seen" for r in results),
                         "near_matches": sum(r.match == "near" for r in results),
                         "originals": sum(r.is_new_original for r in results)}
        res["checks_result"] = out
        # sanity: every near-duplicate check found its original (recall at scale)
        found = out["near_duplicate"]["near_matches"]
        res["near_duplicate_recall"] = found / half
    return res


def memory_breakdown(client: redis.Redis, store: ArticleStore, n: int, delta: int,
                     rng: random.Random) -> dict[str, float]:
    """Bytes per article: all (used_memory delta) and the dedup keys alone (MEMORY USAGE)."""
    sample: Any = client.zrandmember(store.keys.articles_index, 2000)
    ids = [as_str(i) for i in sample]
    pipe = client.pipeline(transaction=False)
    for aid in ids:
        pipe.memory_usage(store.dkeys.sketch(bytes.fromhex(aid)), samples=0)
        pipe.memory_usage(store.keys.article(aid), samples=0)
    usage = pipe.execute()
    sketch = statistics.mean(u or 0 for u in usage[0::2])
    record = statistics.mean(u or 0 for u in usage[1::2])
    text_keys = [k for k in client.scan_iter(f"{PREFIX}:dedup:text:*", count=2000)][:2000]
    pipe = client.pipeline(transaction=False)
    for k in text_keys:
        pipe.memory_usage(k, samples=0)
    text = statistics.mean(u or 0 for u in pipe.execute()) if text_keys else 0.0
    buckets_total = 0
    n_buckets = 0
    batch: list[bytes] = []

    def flush() -> int:
        p = client.pipeline(transaction=False)
        for k in batch:
            p.memory_usage(k, samples=0)
        total = sum(u or 0 for u in p.execute())
        batch.clear()
        return total

    for key in client.scan_iter(f"{PREFIX}:dedup:nd:*", count=5000):
        batch.append(key)
        n_buckets += 1
        if len(batch) >= 2000:
            buckets_total += flush()
    buckets_total += flush()
    bands = buckets_total / n
    return {
        "used_memory_delta_per_article": delta / n,
        "dedup_keys_per_article": sketch + text + bands,
        "sketch_key": sketch,
        "text_key": text,
        "band_records": bands,
        "bucket_keys": n_buckets,
        "article_record": record,
    }


def print_table(r: dict[str, Any]) -> None:
    m = r["memory"]
    c = r["checks_result"]
    s = r["setnx"]
    print(f"dedup bench: {r['articles']:,} stored articles, {r['checks']:,} checks per kind, "
          f"Redis {r['redis_version']} ({r['redis']})")
    print(f"settings: {r['settings']}")
    print(f"{'operation':34} {'checks/s':>10} {'vs SET NX':>9} {'p50 us':>8} {'p99 us':>8} "
          f"{'server us':>9}")

    def row(name: str, d: dict[str, Any]) -> None:
        su = f"{d['server_us']:.1f}" if d.get("server_us") is not None else "-"
        print(f"{name:34} {d['per_s']:>10,.0f} {d['per_s'] / s['per_s']:>8.0%} "
              f"{d['p50_us']:>8.0f} {d['p99_us']:>8.0f} {su:>9}")

    row("plain SET NX", s)
    row("URL lookup (known URL)", c["url"])
    row("near-dup lookup (finds original)", c["near_duplicate"])
    row("near-dup lookup (new, inserted)", c["new_text"])
    print(f"storing through the claim script: {r['store_per_s']:,.0f} articles/s; "
          f"fingerprint {r['fingerprint_ms_per_text']:.2f} ms/text (Python, per worker)")
    print(f"near-duplicate recall at this scale: {r['near_duplicate_recall']:.4f}")
    print(f"memory per article: {m['used_memory_delta_per_article']:,.0f} B in total "
          f"(used_memory delta); dedup keys {m['dedup_keys_per_article']:,.0f} B = sketch "
          f"{m['sketch_key']:,.0f} + text key {m['text_key']:,.0f} + band records "
          f"{m['band_records']:,.0f} ({m['bucket_keys']:,} bucket strings); article record "
          f"{m['article_record']:,.0f} B (bench-sized text)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000, help="articles to store")
    ap.add_argument("--checks", type=int, default=20000, help="checks per kind")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bucket-bits", type=int, default=nd.DedupSettings.bucket_bits,
                    help="DedupSettings.bucket_bits to measure")
    ap.add_argument("--sketch-size", type=int, default=nd.DedupSettings.sketch_size,
                    help="DedupSettings.sketch_size to measure")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ns = ap.parse_args(argv)
    if ns.articles < 100 or ns.checks < 100:
        ap.error("--articles and --checks must be >= 100")
    gc.disable()  # millions of live call tuples: a gen-2 pass would show up as latency
    settings = nd.DedupSettings(bucket_bits=ns.bucket_bits, sketch_size=ns.sketch_size)
    result = bench(ns.articles, ns.checks, ns.seed, progress=True, settings=settings)
    if ns.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
