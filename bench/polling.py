"""Polling throughput: the scheduler and the poll stage on real worker processes.

Three measurements, every byte served from local HTTP servers on 127.0.0.1:

a. **10 000 feeds, all unchanged.** Each feed's state is pre-seeded with an ETag, so every
   poll is a conditional GET answered 304 (what most polls of a real deployment are). The
   dispatcher (`newsrelay.dispatch`, run in this process at the beat interval) claims due feeds
   with the Lua script and sends one poll each; 2 prefork worker processes (`System(workers=1,
   concurrency=2)`, what production runs) do the polls. Reported: total time until every feed
   was checked, polls/second, and the dispatcher's own cost per dispatched feed (its wall time
   over the feeds it sent: claim_due + registry read + host-block check + publish).
   `--threads N` adds the same run on one worker with `--pool threads -c N` (polling is I/O
   bound), clearly labelled as a variant.
b. **1 000 feeds with new entries**, 1 MB and 500 items each (first poll: unconditional 200).
   The poll stage only: workers consume the `poll` queue alone, and the 500 000 article-fetch
   messages the polls send are counted and discarded by this process (the `fetch` list is
   drained every 0.2 s), so no article page is ever requested. Reported: feeds/second and the
   peak RSS of each worker process (pool children; their fork servers and the short-lived
   parse children separately).
c. **feedparser alone** on the same 1 MB bodies in this one process: `feedparser.parse` with
   the default options, and with sanitizing and relative-URI resolution off (SPEC section 1
   quotes 0.26-0.31 s and 0.12-0.16 s per body); plus newsrelay's `parse_feed` (a child of
   the fork server with a hard time limit, entry identity) for the cost of our safety on top.

The servers are asyncio HTTP/1.1 servers (keep-alive) in separate processes, one port each;
feeds are spread over the ports, so they are also separate hosts for the per-host gate.

Usage: python3 bench/polling.py [--feeds 10000] [--big-feeds 1000] [--only a,b,c]
                                [--threads 16] [--json]
Redis: the embedded one (started by `System` in a temporary directory) unless
NEWSRELAY_REDIS_URL is set (the bench then deletes its own `nrbench:` keys and the `poll` and
`fetch` queues of that database: do not point it at a deployment).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from workers.config import Settings, load_settings  # noqa: E402
from workers.keys import Keys  # noqa: E402
from workers.models import FeedSpec  # noqa: E402
from workers.pipeline.feedstore import feed_id  # noqa: E402
from workers.pipeline.poll import FeedState  # noqa: E402
from workers.redis_client import get_redis  # noqa: E402
from workers.runner import System, settings_env  # noqa: E402

PREFIX = "nrbench"
#: the production beat interval of the dispatcher (schedules.DISPATCH_EVERY_SECONDS)
TICK = 15.0
BIG_ITEMS = 500
BIG_BYTES = 1024 * 1024
LOREM = ("Harbour council members met on Tuesday to discuss the flood barrier budget, the "
         "railway timetable, the library extension and the winter market. ")


# --- local feed servers (separate processes) --------------------------------------------------


def big_feed_template(port: int) -> bytes:
    """A ~1 MB RSS 2.0 body of 500 items; `@F@` is replaced by the feed number per request."""
    per_item = BIG_BYTES // BIG_ITEMS
    now = time.time()
    items = []
    for j in range(BIG_ITEMS):
        date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(now - 600 * j))
        head = (f"<item><title>Feed @F@ story {j}: council approves plan</title>"
                f"<link>http://127.0.0.1:{port}/a/@F@/{j}</link>"
                f"<guid isPermaLink=\"false\">@F@-{j}</guid>"
                f"<pubDate>{date}</pubDate><description>")
        text = (LOREM * (per_item // len(LOREM) + 1))[: max(0, per_item - len(head) - 30)]
        items.append(f"{head}{text}</description></item>")
    body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            "<title>Bench feed @F@</title><link>http://127.0.0.1/</link><ttl>5</ttl>"
            + "".join(items) + "</channel></rss>")
    return body.encode()


def small_feed(i: int) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {i}</title>"
            f"<item><title>Only story</title><link>http://127.0.0.1/s/{i}</link></item>"
            "</channel></rss>").encode()


class FeedServer(asyncio.Protocol):
    """Minimal HTTP/1.1 with keep-alive: /f/N.xml answers 304 to If-None-Match "vN", else 200
    with a small feed; /big/N.xml answers a 1 MB feed; everything else 404."""

    def __init__(self, big: bytes, counter: Synchronized[int]) -> None:
        self.big = big
        self.counter = counter
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            self.respond(head)

    def respond(self, head: bytes) -> None:
        assert self.transport is not None
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ")
        path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        with self.counter.get_lock():
            self.counter.value += 1
        status, extra, body = b"404 Not Found", b"", b"not found"
        if path.startswith("/f/") and path.endswith(".xml"):
            n = path[3:-4]
            etag = f'"v{n}"'.encode()
            if headers.get(b"if-none-match") == etag:
                status, extra, body = b"304 Not Modified", b"ETag: " + etag + b"\r\n", b""
            else:
                status, extra, body = (b"200 OK", b"ETag: " + etag + b"\r\nContent-Type: "
                                       b"application/rss+xml\r\n", small_feed(int(n)))
        elif path.startswith("/big/") and path.endswith(".xml"):
            n = path[5:-4].encode()
            status, extra, body = (b"200 OK", b"Content-Type: application/rss+xml\r\n",
                                   self.big.replace(b"@F@", n))
        self.transport.write(b"HTTP/1.1 " + status + b"\r\n" + extra
                             + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
                             + body)


def serve(port_out: Any, counter: Synchronized[int]) -> None:
    """Server process entry: bind 127.0.0.1:0, report the port, serve until terminated."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        holder: dict[str, bytes] = {}
        server = await loop.create_server(lambda: FeedServer(holder["big"], counter),
                                          "127.0.0.1", 0, backlog=1024)
        port = server.sockets[0].getsockname()[1]
        holder["big"] = big_feed_template(port)
        port_out.send(port)
        await server.serve_forever()

    asyncio.run(main())


class Servers:
    """N feed server processes; `url(i, kind)` spreads feeds over them."""

    def __init__(self, n: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.counters = [ctx.Value("q", 0) for _ in range(n)]
        self.procs = []
        self.ports = []
        for counter in self.counters:
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=serve, args=(child, counter), daemon=True)
            proc.start()
            self.procs.append(proc)
            self.ports.append(parent.recv())

    def url(self, i: int, kind: str = "f") -> str:
        return f"http://127.0.0.1:{self.ports[i % len(self.ports)]}/{kind}/{i}.xml"

    def requests(self) -> int:
        return sum(int(c.value) for c in self.counters)

    def reset(self) -> None:
        for c in self.counters:
            with c.get_lock():
                c.value = 0

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.join(5)


# --- helpers ------------------------------------------------------------------------------------


def register(settings: Settings, specs: list[FeedSpec], *, state: Callable[[int], FeedState]
             | None, at: float) -> None:
    """Bulk registration (pipelined; setup, not measured): registry, schedule, optional state."""
    r = get_redis(settings)
    keys = Keys(settings.key_prefix)
    pipe = r.pipeline(transaction=False)
    for i, spec in enumerate(specs):
        fid = feed_id(spec.url)
        pipe.hset(keys.feeds, fid, json.dumps(spec.to_dict()))
        pipe.zadd(keys.schedule, {fid: at})
        if state is not None:
            pipe.set(keys.feed_state(fid), json.dumps(state(i).to_dict()))
        if i % 1000 == 999:
            pipe.execute()
    pipe.execute()


def clear(settings: Settings) -> None:
    r = get_redis(settings)
    for pattern in (f"{settings.key_prefix}:*",):
        batch = []
        for key in r.scan_iter(match=pattern, count=5000):
            batch.append(key)
            if len(batch) >= 5000:
                r.delete(*batch)
                batch = []
        if batch:
            r.delete(*batch)
    r.delete("poll", "fetch")


class RssSampler(threading.Thread):
    """Peak RSS per worker process: the Celery main process, its pool children, each pool
    child's fork server (a child of it) and the short-lived parse children the servers fork
    (great-grandchildren of the main process), separately."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.stop_event = threading.Event()
        self.peak_main = 0
        self.peak_child: dict[int, int] = {}
        self.peak_fork = 0
        #: the last RSS seen of each fork server: a long-lived process, whose first sample
        #: can fall in the instant between its fork and exec, when it still is the pool child
        self.last_server: dict[int, int] = {}

    def run(self) -> None:
        while not self.stop_event.is_set():
            for pid in self.pids:
                try:
                    main = psutil.Process(pid)
                    self.peak_main = max(self.peak_main, main.memory_info().rss)
                    for child in main.children():
                        rss = child.memory_info().rss
                        self.peak_child[child.pid] = max(self.peak_child.get(child.pid, 0), rss)
                        for server in child.children():
                            self.last_server[server.pid] = server.memory_info().rss
                            for fork in server.children():
                                self.peak_fork = max(self.peak_fork, fork.memory_info().rss)
                except psutil.Error:
                    continue
            time.sleep(0.1)


def cpu_seconds(system: System, servers: Servers) -> dict[str, float]:
    """CPU time used so far (user + system) by each part: where a poll's cost goes."""
    def total(proc: psutil.Process, children: bool) -> float:
        try:
            t = proc.cpu_times()
            own = t.user + t.system
            if children:
                own += sum(total(c, True) for c in proc.children())
            return own
        except psutil.Error:
            return 0.0

    out = {"worker_main": 0.0, "worker_pool": 0.0}
    for pid in worker_pids(system):
        main = psutil.Process(pid)
        out["worker_main"] += total(main, False)
        out["worker_pool"] += sum(total(c, True) for c in main.children())
    out["feed_servers"] = sum(total(psutil.Process(p.pid), False) for p in servers.procs
                              if p.pid is not None)
    me = psutil.Process()
    out["bench_and_dispatcher"] = total(me, False)
    if system.embedded is not None and system.embedded.pid is not None:
        out["redis"] = total(psutil.Process(system.embedded.pid), False)
    return out


def worker_pids(system: System) -> list[int]:
    return [proc.pid for role, proc in system.procs if role.startswith("worker")]


def bench_settings(data_dir: Path) -> Settings:
    return load_settings(
        redis_url=os.environ.get("NEWSRELAY_REDIS_URL") or None,
        data_dir=data_dir, allow_loopback=True, key_prefix=PREFIX, log_level="WARNING",
    )


def run_dispatcher(until: Callable[[], bool], tick: float, timeout: float) -> dict[str, Any]:
    """Call the dispatch task in this process every `tick` seconds (as beat would) until
    `until()`; returns its own cost."""
    from workers.tasks import dispatch

    sent = 0
    busy = 0.0
    ticks = 0
    started = time.monotonic()
    next_tick = started
    while not until():
        now = time.monotonic()
        if now - started > timeout:
            raise SystemExit(f"timed out after {timeout:.0f}s")
        if now >= next_tick:
            t0 = time.perf_counter()
            sent += int(dispatch())
            busy += time.perf_counter() - t0
            ticks += 1
            next_tick = now + tick
        time.sleep(0.02)
    return {"dispatched": sent, "dispatch_seconds": round(busy, 3), "ticks": ticks,
            "dispatch_ms_per_feed": round(1000 * busy / sent, 3) if sent else None}


# --- a. 10 000 feeds, 304 ----------------------------------------------------------------------


def bench_unchanged(system: System, n: int, servers: Servers, tick: float,
                    timeout: float) -> dict[str, Any]:
    settings = system.settings
    clear(settings)
    wait_for_workers(system)
    now = time.time()
    specs = [FeedSpec(url=servers.url(i)) for i in range(n)]
    register(settings, specs, at=now - 1, state=lambda i: FeedState(
        etag=f'"v{i}"', last_unconditional=now, last_poll_at=now - 3600,
        last_success_at=now - 3600, last_status=304))
    servers.reset()
    cpu_before = cpu_seconds(system, servers)
    started = time.monotonic()
    cost = run_dispatcher(lambda: servers.requests() >= n, tick, timeout)
    elapsed = time.monotonic() - started
    time.sleep(0.5)  # the last polls write their state
    cpu = {k: round(v - cpu_before.get(k, 0.0), 2)
           for k, v in cpu_seconds(system, servers).items()}
    states = [FeedState.from_dict(json.loads(raw)) for raw in get_redis(settings).mget(
        [Keys(settings.key_prefix).feed_state(feed_id(s.url)) for s in specs]) if raw]
    polled = sum(1 for s in states if (s.last_poll_at or 0) >= now)
    not_modified = sum(1 for s in states if s.last_status == 304 and (s.last_poll_at or 0) >= now)
    return {"feeds": n, "seconds": round(elapsed, 2),
            "polls_per_second": round(n / elapsed, 1), "server_requests": servers.requests(),
            "state_polled": polled, "answered_304": not_modified, "tick": tick,
            "cpu_seconds": cpu, **cost}


def swap_to_thread_worker(system: System, concurrency: int) -> None:
    """Replace the prefork worker by one `--pool threads -c N` worker (same Redis, env)."""
    for role, proc in list(system.procs):
        if role.startswith("worker"):
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)
            system.procs.remove((role, proc))
    env = {**os.environ, **settings_env(system.settings)}
    cmd = [sys.executable, "-m", "celery", "-A", "workers.celery_app:app", "worker", "-Q", "poll",
           "-c", str(concurrency), "--pool", "threads", "-n", f"bench-threads-{os.getpid()}@%h",
           "-E", "--without-gossip", "--without-mingle", "-l", "WARNING"]
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno(),
                            start_new_session=True)  # stdout stays clean for --json
    system.procs.append(("worker-threads", proc))


def wait_for_workers(system: System, timeout: float = 60) -> None:
    """Until every worker answers a ping, so start-up is not counted."""
    from workers.celery_app import app

    want = len(worker_pids(system))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        system.check_alive()
        replies = app.control.ping(timeout=0.5) or []
        if len(replies) >= want:
            return
    raise SystemExit("workers did not come up")


# --- b. 1 000 feeds x 1 MB / 500 new items --------------------------------------------------------


def bench_new_entries(system: System, n: int, servers: Servers, timeout: float
                      ) -> dict[str, Any]:
    settings = system.settings
    clear(settings)
    wait_for_workers(system)
    r = get_redis(settings)
    keys = Keys(settings.key_prefix)
    specs = [FeedSpec(url=servers.url(i, "big")) for i in range(n)]
    register(settings, specs, state=None, at=time.time() - 1)
    sampler = RssSampler(worker_pids(system))
    sampler.start()
    drained = 0

    def drain() -> int:
        """Count and discard the article-fetch messages (no worker consumes `fetch`)."""
        pipe = r.pipeline()
        pipe.llen("fetch")
        pipe.delete("fetch")
        return int(pipe.execute()[0])

    def done() -> bool:
        nonlocal drained
        drained += drain()
        if servers.requests() < n:
            return False
        raws = r.mget([keys.feed_state(feed_id(s.url)) for s in specs])
        return all(raw and json.loads(raw).get("last_status") == 200 for raw in raws)

    servers.reset()
    started = time.monotonic()
    cost = run_dispatcher(done, 1.0, timeout)
    elapsed = time.monotonic() - started
    time.sleep(0.5)
    drained += drain()
    sampler.stop_event.set()
    sampler.join()
    children = sorted(sampler.peak_child.values())
    return {"feeds": n, "items_per_feed": BIG_ITEMS, "body_bytes": len(big_feed_template(1)),
            "seconds": round(elapsed, 2), "feeds_per_second": round(n / elapsed, 2),
            "fetch_messages_sent": drained,
            "peak_rss_mb_pool_children": [round(c / 2**20, 1) for c in children],
            "peak_rss_mb_main": round(sampler.peak_main / 2**20, 1),
            "peak_rss_mb_parse_fork": round(sampler.peak_fork / 2**20, 1),
            "rss_mb_fork_server": round(max(sampler.last_server.values(), default=0) / 2**20,
                                        1),
            "dispatch_ms_per_feed": cost["dispatch_ms_per_feed"]}


# --- c. feedparser alone -------------------------------------------------------------------------


def bench_feedparser(n: int) -> dict[str, Any]:
    import feedparser

    from workers.pipeline.feeds import parse_feed

    template = big_feed_template(8000)
    bodies = [template.replace(b"@F@", str(i).encode()) for i in range(n)]
    headers = {"content-type": "application/rss+xml", "content-location": "http://127.0.0.1/"}

    def timed(fn: Callable[[bytes], Any]) -> float:
        t0 = time.perf_counter()
        for body in bodies:
            fn(body)
        return time.perf_counter() - t0

    plain = timed(lambda b: feedparser.parse(b, response_headers=headers))
    lean = timed(lambda b: feedparser.parse(b, response_headers=headers, sanitize_html=False,
                                            resolve_relative_uris=False))
    ours = timed(lambda b: parse_feed(b, url="http://127.0.0.1:8000/big/0.xml", headers=headers))
    return {"feeds": n, "feedparser_s_per_feed": round(plain / n, 3),
            "feedparser_feeds_per_second": round(n / plain, 2),
            "feedparser_lean_s_per_feed": round(lean / n, 3),
            "feedparser_lean_feeds_per_second": round(n / lean, 2),
            "parse_feed_s_per_feed": round(ours / n, 3),
            "parse_feed_feeds_per_second": round(n / ours, 2)}


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=10_000, help="feeds for (a)")
    parser.add_argument("--big-feeds", type=int, default=1_000, help="feeds for (b)")
    parser.add_argument("--parse-feeds", type=int, default=None,
                        help="bodies for (c) [default: --big-feeds, at most 200]")
    parser.add_argument("--only", default="a,b,c", help="which of a,b,c to run")
    parser.add_argument("--threads", type=int, default=0,
                        help="also run (a) on one worker with --pool threads -c N")
    parser.add_argument("--tick", type=float, default=TICK,
                        help="dispatcher interval for (a), seconds [production: 15]")
    parser.add_argument("--servers", type=int, default=4, help="feed server processes")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    only = set(args.only.split(","))
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_before": os.getloadavg()[0]},
    }
    servers = Servers(args.servers)
    try:
        with tempfile.TemporaryDirectory(prefix="nr-bench-poll-") as tmp, System(
            bench_settings(Path(tmp)), workers=1, concurrency=2, queues=("poll",),
            worker_log_level="WARNING", name="bench",
        ) as system:
            if "a" in only:
                results["a_unchanged_prefork"] = {
                    "pool": "prefork", "processes": 2,
                    **bench_unchanged(system, args.feeds, servers, args.tick, args.timeout)}
            if "b" in only:
                results["b_new_entries"] = {
                    "pool": "prefork", "processes": 2,
                    **bench_new_entries(system, args.big_feeds, servers, args.timeout)}
            if "a" in only and args.threads:
                swap_to_thread_worker(system, args.threads)
                results["a_unchanged_threads"] = {
                    "pool": "threads", "processes": 1, "concurrency": args.threads,
                    **bench_unchanged(system, args.feeds, servers, args.tick, args.timeout)}
            clear(system.settings)
        if "c" in only:
            results["c_feedparser_alone"] = bench_feedparser(
                args.parse_feeds or min(args.big_feeds, 200))
    finally:
        servers.stop()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print_table(results)


def print_table(results: dict[str, Any]) -> None:
    m = results["machine"]
    print(f"machine: {m['cpus']} CPUs, Python {m['python']}, load {m['load_before']:.1f}")
    rows: list[tuple[str, str, str]] = []
    for key in ("a_unchanged_prefork", "a_unchanged_threads"):
        a = results.get(key)
        if a:
            label = ("a. 304 x {feeds}, prefork, 2 processes" if a["pool"] == "prefork"
                     else "a. 304 x {feeds}, 1 process, threads -c {concurrency}"
                     " (variant)").format(**a)
            rows.append((label, f"{a['seconds']} s", f"{a['polls_per_second']} polls/s"))
            rows.append(("   dispatcher cost", f"{a['dispatch_ms_per_feed']} ms/feed",
                         f"{a['ticks']} ticks of {a['tick']:g}s, {a['dispatch_seconds']} s busy"))
    b = results.get("b_new_entries")
    if b:
        rows.append((f"b. {b['feeds']} x 1 MB / {b['items_per_feed']} new items",
                     f"{b['seconds']} s", f"{b['feeds_per_second']} feeds/s"))
        rows.append(("   peak RSS per pool process",
                     f"{max(b['peak_rss_mb_pool_children'] or [0])} MB",
                     f"parse child {b['peak_rss_mb_parse_fork']} MB, fork server "
                     f"{b['rss_mb_fork_server']} MB, main "
                     f"{b['peak_rss_mb_main']} MB"))
        rows.append(("   fetch messages sent (discarded)", str(b["fetch_messages_sent"]), ""))
    c = results.get("c_feedparser_alone")
    if c:
        rows.append((f"c. feedparser alone, {c['feeds']} bodies, 1 process",
                     f"{c['feedparser_s_per_feed']} s/feed",
                     f"{c['feedparser_feeds_per_second']} feeds/s"))
        rows.append(("   feedparser, sanitize/resolve off", f"{c['feedparser_lean_s_per_feed']} "
                     "s/feed", f"{c['feedparser_lean_feeds_per_second']} feeds/s"))
        rows.append(("   newsrelay parse_feed (child, limit)", f"{c['parse_feed_s_per_feed']} "
                     "s/feed", f"{c['parse_feed_feeds_per_second']} feeds/s"))
    width = max(len(r[0]) for r in rows) if rows else 10
    for name, v1, v2 in rows:
        print(f"{name:<{width}}  {v1:>16}  {v2}")


if __name__ == "__main__":
    main()
