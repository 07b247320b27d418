"""fetch() against real HTTP servers on 127.0.0.1: headers, decoding, redirects, limits, errors."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from email.utils import formatdate

import brotli
import pytest
from support.httpserver import LocalServer, RawServer, Reply, Request, read_request_head

from workers.errors import (
    BlockedByChallengeError,
    FeedGoneError,
    HTTPStatusError,
    InvalidURLError,
    NetworkError,
    RateLimitedError,
    ServerError,
    TooLargeError,
    TooManyRedirectsError,
)
from workers.pipeline.http import HttpSettings, build_client, fetch, parse_retry_after

FAST = HttpSettings(allow_loopback=True, connect_timeout=1.0, total_timeout=1.5)
MiB = 1024 * 1024


# --- request headers and decoding -----------------------------------------------------------


def test_sends_real_user_agent_accept_and_encodings(local_server: LocalServer) -> None:
    url = local_server.add(
        "/feed", Reply(200, b"<rss/>", [("Content-Type", "application/rss+xml")])
    )
    page = fetch(url, settings=FAST)
    assert page.status == 200 and page.body == b"<rss/>"
    assert page.url == url and page.final_url == url and page.moved_to is None
    assert page.content_type == "application/rss+xml"
    headers = local_server.requests[0].headers
    assert headers["user-agent"].startswith("newsrelay/")
    assert "github.com/newsrelay/newsrelay" in headers["user-agent"]
    for media in (
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "text/html",
    ):
        assert media in headers["accept"]
    assert [e.strip() for e in headers["accept-encoding"].split(",")] == ["gzip", "deflate", "br"]


def test_caller_headers_override_user_agent(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(200, b"x"))
    fetch(url, settings=FAST, headers={"User-Agent": "FeedBot/2", "If-None-Match": '"v1"'})
    headers = local_server.requests[0].headers
    assert headers["user-agent"] == "FeedBot/2"
    assert headers["if-none-match"] == '"v1"'


BODY = b"<rss>" + "caf\u00e9 ".encode() * 5000 + b"</rss>"


def _deflate_raw(data: bytes) -> bytes:
    obj = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return obj.compress(data) + obj.flush()


@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [
        ("gzip", gzip.compress(BODY)),
        ("x-gzip", gzip.compress(BODY)),
        ("deflate", zlib.compress(BODY)),
        ("deflate", _deflate_raw(BODY)),  # raw deflate, as many servers send it
        ("br", brotli.compress(BODY)),
        ("identity", BODY),
    ],
)
def test_decodes_content_encodings(
    local_server: LocalServer, encoding: str, encoded: bytes
) -> None:
    url = local_server.add("/f", Reply(200, encoded, [("Content-Encoding", encoding)]))
    page = fetch(url, settings=FAST)
    assert page.body == BODY
    assert "content-encoding" not in page.headers  # the body we hand on is decoded


def test_concatenated_gzip_members(local_server: LocalServer) -> None:
    url = local_server.add(
        "/f",
        Reply(
            200, gzip.compress(b"first ") + gzip.compress(b"second"), [("Content-Encoding", "gzip")]
        ),
    )
    assert fetch(url, settings=FAST).body == b"first second"


def test_corrupt_gzip_is_a_clear_error(local_server: LocalServer) -> None:
    url = local_server.add(
        "/f", Reply(200, b"\x1f\x8bnot really gzip", [("Content-Encoding", "gzip")])
    )
    with pytest.raises(NetworkError, match="cannot decode"):
        fetch(url, settings=FAST)


def test_client_reuses_connections(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(200, b"x"))
    with build_client(FAST) as client:
        for _ in range(3):
            fetch(url, settings=FAST, client=client)
    assert len({r.client_port for r in local_server.requests}) == 1


# --- redirects --------------------------------------------------------------------------------


def test_permanent_redirect_chain_sets_moved_to(local_server: LocalServer) -> None:
    local_server.add("/a", Reply(301, headers=[("Location", "/b")]))
    local_server.add("/b", Reply(308, headers=[("Location", local_server.url("/c"))]))
    final = local_server.add("/c", Reply(200, b"ok"))
    page = fetch(local_server.url("/a"), settings=FAST)
    assert page.body == b"ok"
    assert page.final_url == final and page.moved_to == final
    assert page.redirects == [(301, local_server.url("/b")), (308, final)]


def test_temporary_hop_means_no_moved_to(local_server: LocalServer) -> None:
    local_server.add("/a", Reply(301, headers=[("Location", "/b")]))
    local_server.add("/b", Reply(302, headers=[("Location", "/c")]))
    local_server.add("/c", Reply(200, b"ok"))
    page = fetch(local_server.url("/a"), settings=FAST)
    assert page.final_url == local_server.url("/c")
    assert page.moved_to is None
    assert [s for s, _ in page.redirects] == [301, 302]


def test_redirect_loop_detected(local_server: LocalServer) -> None:
    local_server.add("/a", Reply(302, headers=[("Location", "/b")]))
    local_server.add("/b", Reply(302, headers=[("Location", "/a")]))
    with pytest.raises(TooManyRedirectsError, match="loop") as info:
        fetch(local_server.url("/a"), settings=FAST)
    assert local_server.url("/a") in str(info.value)
    assert len(local_server.requests) < 6


def test_self_redirect_loop_detected(local_server: LocalServer) -> None:
    local_server.add("/a", Reply(301, headers=[("Location", "/a")]))
    with pytest.raises(TooManyRedirectsError, match="loop"):
        fetch(local_server.url("/a"), settings=FAST)


def _chain(server: LocalServer, hops: int) -> str:
    for i in range(hops):
        server.add(f"/r{i}", Reply(302, headers=[("Location", f"/r{i + 1}")]))
    server.add(f"/r{hops}", Reply(200, b"end"))
    return server.url("/r0")


def test_ten_redirects_allowed_eleven_refused(local_server: LocalServer) -> None:
    assert fetch(_chain(local_server, 10), settings=FAST).body == b"end"
    with LocalServer() as other, pytest.raises(TooManyRedirectsError, match="more than 10"):
        fetch(_chain(other, 11), settings=FAST)


def test_redirect_without_location(local_server: LocalServer) -> None:
    url = local_server.add("/a", Reply(302))
    with pytest.raises(HTTPStatusError, match="without a Location") as info:
        fetch(url, settings=FAST)
    assert info.value.status == 302


def test_redirect_to_non_http_scheme_refused(local_server: LocalServer) -> None:
    url = local_server.add("/a", Reply(302, headers=[("Location", "file:///etc/passwd")]))
    with pytest.raises(InvalidURLError, match="file"):
        fetch(url, settings=FAST)


def test_credentials_dropped_on_cross_origin_redirect(local_server: LocalServer) -> None:
    with LocalServer() as other:
        target = other.add("/x", Reply(200, b"ok"))
        url = local_server.add("/a", Reply(302, headers=[("Location", target)]))
        fetch(url, settings=FAST, headers={"Authorization": "Bearer secret", "X-Keep": "1"})
        assert local_server.requests[0].headers["authorization"] == "Bearer secret"
        assert "authorization" not in other.requests[0].headers
        assert other.requests[0].headers["x-keep"] == "1"


def test_bad_urls() -> None:
    with pytest.raises(InvalidURLError, match="ftp"):
        fetch("ftp://127.0.0.1/feed", settings=FAST)
    with pytest.raises(InvalidURLError):
        fetch("http:///nohost", settings=FAST)


# --- status mapping ---------------------------------------------------------------------------


def test_304_is_returned(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(304, headers=[("ETag", '"v2"')]))
    page = fetch(url, settings=FAST)
    assert page.status == 304 and page.body == b"" and page.headers["etag"] == '"v2"'


def test_429_retry_after_seconds(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(429, b"slow down", [("Retry-After", "120")]))
    with pytest.raises(RateLimitedError) as info:
        fetch(url, settings=FAST)
    assert info.value.retry_after == 120
    assert info.value.transient and url in str(info.value)
    assert getattr(info.value, "status", None) == 429


def test_503_retry_after_http_date(local_server: LocalServer) -> None:
    when = formatdate(time.time() + 600, usegmt=True)
    url = local_server.add("/f", Reply(503, b"", [("Retry-After", when)]))
    with pytest.raises(RateLimitedError) as info:
        fetch(url, settings=FAST)
    assert info.value.retry_after is not None and 590 <= info.value.retry_after <= 601


def test_503_without_retry_after(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(503, b""))
    with pytest.raises(RateLimitedError) as info:
        fetch(url, settings=FAST)
    assert info.value.retry_after is None


@pytest.mark.parametrize("status", [500, 502, 504])
def test_other_5xx_are_server_errors(local_server: LocalServer, status: int) -> None:
    url = local_server.add("/f", Reply(status, b"oops"))
    with pytest.raises(ServerError, match=f"HTTP {status}") as info:
        fetch(url, settings=FAST)
    assert url in str(info.value) and info.value.transient


def test_410_is_gone(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(410, b"gone"))
    with pytest.raises(FeedGoneError) as info:
        fetch(url, settings=FAST)
    assert info.value.status == 410 and not info.value.transient and url in str(info.value)


def test_403_cloudflare_challenge_header(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(403, b"<html>...</html>", [("cf-mitigated", "challenge")]))
    with pytest.raises(BlockedByChallengeError, match="Cloudflare challenge") as info:
        fetch(url, settings=FAST)
    assert url in str(info.value) and info.value.status == 403


def test_403_cloudflare_challenge_page(local_server: LocalServer) -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
        b"<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1'></script>"
        b"</body></html>"
    )
    url = local_server.add("/f", Reply(403, page, [("Server", "cloudflare")]))
    with pytest.raises(BlockedByChallengeError, match="Cloudflare"):
        fetch(url, settings=FAST)


@pytest.mark.parametrize("status", [401, 403, 404, 451])
def test_other_4xx(local_server: LocalServer, status: int) -> None:
    url = local_server.add("/f", Reply(status, b"no"))
    with pytest.raises(HTTPStatusError) as info:
        fetch(url, settings=FAST)
    assert type(info.value) is HTTPStatusError
    assert info.value.status == status and url in str(info.value)


def test_connection_refused_is_network_error() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    url = f"http://127.0.0.1:{port}/feed"
    with pytest.raises(NetworkError) as info:
        fetch(url, settings=FAST)
    assert url in str(info.value)


def test_body_cut_short_is_network_error() -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request_head(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)

    with RawServer(handler) as server, pytest.raises(NetworkError):
        fetch(server.url("/f"), settings=FAST)


# --- size limits ------------------------------------------------------------------------------


def test_content_length_over_cap_refused_before_reading(local_server: LocalServer) -> None:
    sent: list[int] = []

    def fifty_mb() -> Iterator[bytes]:
        for _ in range(50):
            sent.append(1)
            yield b"x" * MiB

    url = local_server.add(
        "/big", lambda r: Reply(200, fifty_mb(), [("Content-Length", str(50 * MiB))], length=False)
    )
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="Content-Length") as info:
        fetch(url, settings=FAST)
    assert url in str(info.value)
    assert time.monotonic() - started < 1.5


def test_50mb_body_without_length_stops_at_cap(local_server: LocalServer) -> None:
    def fifty_mb(_r: Request) -> Reply:
        return Reply(200, (b"x" * MiB for _ in range(50)), length=False)

    url = local_server.add("/big", fifty_mb)
    settings = HttpSettings(allow_loopback=True, total_timeout=5)
    with pytest.raises(TooLargeError, match="after decompression"):
        fetch(url, settings=settings)


def test_body_exactly_at_cap_is_fine(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(200, b"y" * 1000))
    settings = HttpSettings(allow_loopback=True, max_bytes=1000)
    assert len(fetch(url, settings=settings).body) == 1000
    with pytest.raises(TooLargeError):
        fetch(url, settings=HttpSettings(allow_loopback=True, max_bytes=999))


def _gzip_bomb(decompressed: int) -> bytes:
    obj = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * MiB
    parts = [obj.compress(block) for _ in range(decompressed // MiB)]
    parts.append(obj.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return _gzip_bomb(128 * MiB)  # about 130 KB on the wire, 8x the default cap


def test_gzip_bomb_stops_at_cap(local_server: LocalServer, gzip_bomb: bytes) -> None:
    import tracemalloc

    assert len(gzip_bomb) < 1 * MiB
    url = local_server.add("/bomb", Reply(200, gzip_bomb, [("Content-Encoding", "gzip")]))
    settings = HttpSettings(allow_loopback=True, total_timeout=5)  # default 15 MiB cap
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(TooLargeError, match="after decompression"):
            fetch(url, settings=settings)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 3
    assert peak < 80 * MiB  # bounded by the cap, not by the 128 MiB the bomb expands to


def test_brotli_bomb_stops_at_cap(local_server: LocalServer) -> None:
    bomb = brotli.compress(b"\0" * (16 * MiB), quality=4)
    url = local_server.add("/bomb", Reply(200, bomb, [("Content-Encoding", "br")]))
    with pytest.raises(TooLargeError):
        fetch(url, settings=HttpSettings(allow_loopback=True, max_bytes=MiB))


# --- time limits ------------------------------------------------------------------------------


def test_headers_then_stall_ends_within_total_timeout() -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request_head(conn)
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            b"Content-Length: 100000\r\n\r\n<rss>"
        )
        stop.wait(10)

    settings = HttpSettings(allow_loopback=True, connect_timeout=0.5, total_timeout=1.0)
    with RawServer(handler) as server:
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            fetch(server.url("/feed"), settings=settings)
        elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 1.6
    assert server.url("/feed") in str(info.value)


def test_drip_feed_ends_within_total_timeout() -> None:
    """A byte every 0.2 s never trips a per-read timeout; the wall-clock deadline ends it."""

    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request_head(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        while not stop.wait(0.2):
            conn.sendall(b"1\r\nx\r\n")

    settings = HttpSettings(allow_loopback=True, connect_timeout=0.5, total_timeout=1.0)
    with RawServer(handler) as server:
        started = time.monotonic()
        with pytest.raises(NetworkError, match="time"):
            fetch(server.url("/feed"), settings=settings)
        elapsed = time.monotonic() - started
    assert elapsed < 1.6


def test_no_response_headers_ends_within_total_timeout() -> None:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        read_request_head(conn)
        stop.wait(10)

    settings = HttpSettings(allow_loopback=True, connect_timeout=0.5, total_timeout=0.8)
    with RawServer(handler) as server:
        started = time.monotonic()
        with pytest.raises(NetworkError, match="timed out"):
            fetch(server.url("/feed"), settings=settings)
    assert time.monotonic() - started < 1.4


# --- Retry-After parsing ------------------------------------------------------------------------


def test_parse_retry_after() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("120", now=now) == 120
    assert parse_retry_after(" 5 ", now=now) == 5
    assert parse_retry_after("-3", now=now) == 0
    assert parse_retry_after(formatdate(now + 90, usegmt=True), now=now) == pytest.approx(90)
    assert parse_retry_after(formatdate(now - 90, usegmt=True), now=now) == 0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=now) == 0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("", now=now) is None
    assert parse_retry_after(None, now=now) is None


def test_304_keeps_the_connection_for_the_next_poll(local_server: LocalServer) -> None:
    """Most polls are 304s: each must leave its keep-alive connection reusable."""
    url = local_server.add("/feed.xml", Reply(304, b"", [("ETag", '"v1"')]))
    with build_client(FAST) as client:
        for _ in range(3):
            assert fetch(url, settings=FAST, client=client).status == 304
    assert len({r.client_port for r in local_server.requests}) == 1
