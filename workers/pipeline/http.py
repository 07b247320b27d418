"""The one safe way newsrelay fetches a URL: SSRF-guarded, size-capped, time-boxed.

Every URL we fetch comes from a user or from a feed, i.e. from someone we do not trust, so
`fetch` enforces, in this order of importance:

* **SSRF guard** (`netguard.GuardedBackend`): the address really connected to is checked after
  DNS resolution, on every redirect hop, with no second resolution.
* **Wall-clock deadline**: `total_timeout` bounds the whole fetch (connect, headers, every
  body read), so a server that sends headers and then stalls or drips cannot hold a worker.
* **Body cap** counted after decompression while streaming, so a gzip bomb stops at the cap
  instead of filling memory; a too-large Content-Length is refused before reading anything.
* **Manual redirects** (at most `max_redirects`, loops detected), so that only an all-permanent
  chain (301/308) tells the caller to store a new URL (a 302 must never overwrite it).
* **One error vocabulary** (`workers.errors`): each HTTP outcome becomes the error class the
  tasks know how to handle (retry or record), with a message naming the URL.
"""

from __future__ import annotations

import time
import weakref
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Protocol

import brotli
import httpcore
import httpx

from workers import __version__
from workers.errors import (
    BlockedAddressError,
    BlockedByChallengeError,
    ConfigError,
    FeedGoneError,
    HTTPStatusError,
    InvalidURLError,
    NetworkError,
    RateLimitedError,
    ServerError,
    TooLargeError,
    TooManyRedirectsError,
)
from workers.models import FetchedPage
from workers.pipeline.netguard import GuardedBackend, deadline_scope

DEFAULT_USER_AGENT = f"newsrelay/{__version__} (+https://github.com/newsrelay/newsrelay)"

#: What a feed poll accepts: every feed format first, then HTML (feed autodiscovery pages).
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
    "application/json;q=0.8, text/html;q=0.7, application/xhtml+xml;q=0.7, */*;q=0.1"
)
#: What an article fetch accepts.
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate, br"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
#: How much of a 403 body we read to recognise a Cloudflare challenge page.
_CHALLENGE_PEEK = 64 * 1024
_CHALLENGE_MARKERS = (
    b"challenge-platform",
    b"cf-chl-",
    b"cf_chl_",
    b"<title>just a moment...</title>",
    b"attention required! | cloudflare",
)
#: Headers that must not follow a redirect to another origin.
_CREDENTIAL_HEADERS = ("authorization", "proxy-authorization", "cookie")


@dataclass(frozen=True)
class HttpSettings:
    """Limits and identity for outgoing HTTP; defaults follow SPEC section 1."""

    connect_timeout: float = 10.0
    total_timeout: float = 20.0
    max_bytes: int = 15 * 1024 * 1024
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    #: tests and `newsrelay demo` turn this on; production never does
    allow_loopback: bool = False
    #: for deployments that poll intranet feeds on purpose (RFC 1918, ULA, 100.64/10)
    allow_private: bool = False


#: Clients made by `build_client`; `fetch` refuses any other client because it would bypass
#: the SSRF guard (a plain httpx.Client connects anywhere).
_GUARDED_CLIENTS: weakref.WeakSet[httpx.Client] = weakref.WeakSet()


def build_client(settings: HttpSettings) -> httpx.Client:
    """A reusable, connection-pooling client whose every TCP connect goes through the guard.

    The guard settings (allow_loopback/allow_private) are fixed here, when the client is built:
    a later `fetch(..., settings=...)` cannot widen what a client may reach.
    """
    # trust_env=False: an HTTP(S)_PROXY variable would route requests around our backend.
    transport = httpx.HTTPTransport(
        trust_env=False,
        retries=0,
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )
    pool = transport._pool
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("unsupported httpx/httpcore version: cannot install the SSRF guard")
    pool._network_backend = GuardedBackend(
        allow_loopback=settings.allow_loopback, allow_private=settings.allow_private
    )
    client = httpx.Client(
        transport=transport,
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(settings.total_timeout, connect=settings.connect_timeout),
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
    )
    _GUARDED_CLIENTS.add(client)
    return client


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date; None if bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN guard
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    reference = time.time() if now is None else now
    return max(0.0, when.timestamp() - reference)


# --- decompression with an output cap --------------------------------------------------------


class _Decoder(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes: ...

    def flush(self, limit: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data

    def flush(self, limit: int) -> bytes:
        return b""


class _Zlib:
    """gzip/deflate that never produces more than `limit + 1` bytes per call.

    Why not httpx's own decoders: they inflate a whole network chunk at once, and 64 KiB of a
    gzip bomb is 64 MiB of zeros. `decompress(max_length=...)` keeps the rest in
    `unconsumed_tail` so memory stays bounded by the cap.
    """

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._wbits = zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        out = bytearray()
        # Input held back by an earlier max_length stop must be decompressed first.
        pending = self._obj.unconsumed_tail + data
        while pending and len(out) <= limit:
            try:
                chunk = self._obj.decompress(pending, limit + 1 - len(out))
            except zlib.error:
                if self._encoding == "deflate" and not self._started:
                    # Many servers send raw deflate (no zlib header) as "deflate".
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise
            self._started = True
            out += chunk
            if self._obj.eof and self._obj.unused_data and self._wbits & 16:
                # Concatenated gzip members: start the next one.
                pending = self._obj.unused_data
                self._obj = zlib.decompressobj(self._wbits)
                continue
            pending = self._obj.unconsumed_tail
        return bytes(out)

    def flush(self, limit: int) -> bytes:
        return self._obj.flush()[: limit + 1]


class _Brotli:
    """Brotli with an output cap (brotli >= 1.2 `output_buffer_limit`)."""

    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._obj.process(data, output_buffer_limit=limit + 1)
        except TypeError:  # brotli < 1.2: no limit, rely on the cap check after the call
            out = self._obj.process(data)
        return bytes(out)

    def flush(self, limit: int) -> bytes:
        return b""


def _decoders(content_encoding: str) -> list[_Decoder]:
    """The decoders for a Content-Encoding header, in the order they must be applied."""
    chain: list[_Decoder] = []
    for token in reversed([t.strip().lower() for t in content_encoding.split(",") if t.strip()]):
        if token in ("gzip", "x-gzip", "deflate"):
            chain.append(_Zlib(token))
        elif token == "br":
            chain.append(_Brotli())
        else:  # identity, or something we never asked for: hand it on unchanged
            chain.append(_Identity())
    return chain or [_Identity()]


def _read_body(
    response: httpx.Response, *, url: str, limit: int, deadline: float, truncate: bool = False
) -> bytes:
    """Stream and decode the body, stopping at `limit` decoded bytes and at the deadline.

    With `truncate`, stop quietly at the limit (used to peek at error pages); otherwise raise
    `TooLargeError`. The raw (still compressed) byte count is capped too.
    """
    chain = _decoders(response.headers.get("content-encoding", ""))
    body = bytearray()
    raw_total = 0

    def push(data: bytes, final: bool) -> bool:
        """Decode `data` through the chain into `body`; False once over the limit."""
        for decoder in chain:
            remaining = limit - len(body)
            data = decoder.feed(data, remaining)
            if final:
                data += decoder.flush(remaining)
            if len(data) > remaining:
                body.extend(data[: max(0, remaining)])
                return False
        body.extend(data)
        return True

    def too_large() -> TooLargeError:
        return TooLargeError(
            f"{url}: body exceeds the {limit} byte limit (counted after decompression)", url=url
        )

    try:
        for raw in response.iter_raw():
            raw_total += len(raw)
            if time.monotonic() > deadline:
                raise NetworkError(
                    f"{url}: total time limit exceeded while reading the body", url=url
                )
            if raw_total > limit or not push(raw, final=False):
                if truncate:
                    return bytes(body[:limit])
                raise too_large()
        if not push(b"", final=True) and not truncate:
            raise too_large()
    except (zlib.error, brotli.error) as exc:
        raise NetworkError(f"{url}: cannot decode the response body: {exc}", url=url) from exc
    return bytes(body[:limit])


# --- status mapping --------------------------------------------------------------------------


def _is_challenge(response: httpx.Response, peek: bytes) -> bool:
    """A Cloudflare (or similar) bot challenge rather than a real 403."""
    if response.headers.get("cf-mitigated", "").strip().lower() == "challenge":
        return True
    lowered = peek.lower()
    return any(marker in lowered for marker in _CHALLENGE_MARKERS)


def _raise_for_status(response: httpx.Response, *, url: str, peek: bytes) -> None:
    """Turn a non-success status into the matching `workers.errors` class."""
    status = response.status_code
    where = f"{url} (final URL {response.url})" if str(response.url) != url else url
    if status in (429, 503):
        if status == 503 and _is_challenge(response, b""):
            raise BlockedByChallengeError(
                f"{where}: HTTP 503 Cloudflare challenge (bot protection); the site blocks "
                "automated clients",
                url=url,
                status=status,
            )
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        hint = f", retry after {retry_after:.0f}s" if retry_after is not None else ""
        raise RateLimitedError(
            f"{where}: HTTP {status} {response.reason_phrase}{hint}",
            url=url,
            retry_after=retry_after,
            status=status,
        )
    if status >= 500:
        raise ServerError(
            f"{where}: server error HTTP {status} {response.reason_phrase}", url=url, status=status
        )
    if status == 410:
        raise FeedGoneError(f"{where}: HTTP 410 Gone (removed for good)", url=url, status=status)
    if status == 403 and _is_challenge(response, peek):
        raise BlockedByChallengeError(
            f"{where}: HTTP 403 Cloudflare challenge (bot protection); the site blocks "
            "automated clients",
            url=url,
            status=status,
        )
    if status >= 400:
        raise HTTPStatusError(
            f"{where}: HTTP {status} {response.reason_phrase}", url=url, status=status
        )
    # 1xx that slipped through, or 3xx that is not a followable redirect (300, 305, 306).
    raise HTTPStatusError(f"{where}: unexpected HTTP {status}", url=url, status=status)


def _page_headers(response: httpx.Response) -> dict[str, str]:
    """Response headers, lower-cased, describing the body we return: since the body is
    already decoded, Content-Encoding and Content-Length (of the encoded body) are dropped so
    nothing downstream decodes twice."""
    return {
        k.lower(): v
        for k, v in response.headers.items()
        if k.lower() not in ("content-encoding", "content-length")
    }


def _check_url(url: httpx.URL, *, original: str) -> None:
    if url.scheme not in ("http", "https"):
        raise InvalidURLError(
            f"{original}: refusing to fetch {url.scheme!r} URL {url} (only http and https)",
            url=original,
        )
    if not url.host:
        raise InvalidURLError(f"{original}: URL has no host", url=original)


def fetch(
    url: str,
    *,
    settings: HttpSettings,
    client: httpx.Client | None = None,
    headers: Mapping[str, str] | None = None,
    accept: str = FEED_ACCEPT,
) -> FetchedPage:
    """GET `url` safely; return the page for 2xx and 304, raise a `workers.errors` class else.

    `client` must come from `build_client` (it carries the SSRF guard); without one a client
    is built for this call and closed after it. `headers` (conditional-GET validators, a
    per-feed User-Agent) are sent on every hop, except credentials on a cross-origin hop.
    """
    if client is None:
        with build_client(settings) as own:
            return fetch(url, settings=settings, client=own, headers=headers, accept=accept)
    if client not in _GUARDED_CLIENTS:
        raise ConfigError(
            f"{url}: fetch() needs a client from workers.pipeline.http.build_client "
            "(a plain httpx.Client would bypass the SSRF guard)",
            url=url,
        )

    deadline = time.monotonic() + settings.total_timeout
    base_headers = {
        "User-Agent": settings.user_agent,
        "Accept": accept,
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    request_headers = httpx.Headers(base_headers)
    request_headers.update(dict(headers or {}))  # case-insensitive: "user-agent" replaces
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidURLError(f"{url}: invalid URL: {exc}", url=url) from exc
    redirects: list[tuple[int, str]] = []
    visits: dict[str, int] = {}

    with deadline_scope(deadline):
        while True:
            _check_url(current, original=url)
            key = str(current)
            visits[key] = visits.get(key, 0) + 1
            if visits[key] > 2:  # one revisit is allowed: cookie-setting redirect dances
                chain = " -> ".join(target for _status, target in redirects[-4:])
                raise TooManyRedirectsError(f"{url}: redirect loop ({chain})", url=url)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise NetworkError(
                    f"{url}: total time limit of {settings.total_timeout}s exceeded", url=url
                )
            timeout = httpx.Timeout(remaining, connect=min(settings.connect_timeout, remaining))
            try:
                request = client.build_request(
                    "GET", current, headers=request_headers, timeout=timeout
                )
                response = client.send(request, stream=True)
            except BlockedAddressError as exc:
                hop = f" (redirect hop {current})" if redirects else ""
                raise BlockedAddressError(f"{url}{hop}: {exc}", url=url) from exc
            except httpx.TimeoutException as exc:
                raise NetworkError(
                    f"{url}: timed out ({exc or type(exc).__name__})", url=url
                ) from exc
            except httpx.TransportError as exc:
                raise NetworkError(f"{url}: {type(exc).__name__}: {exc}", url=url) from exc
            except httpx.InvalidURL as exc:
                raise InvalidURLError(f"{url}: invalid URL {current}: {exc}", url=url) from exc
            try:
                status = response.status_code
                if status in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise HTTPStatusError(
                            f"{url}: HTTP {status} redirect without a Location header",
                            url=url,
                            status=status,
                        )
                    try:
                        target = response.url.join(location.strip())
                    except (httpx.InvalidURL, ValueError) as exc:
                        raise HTTPStatusError(
                            f"{url}: HTTP {status} redirect to an invalid URL {location!r}",
                            url=url,
                            status=status,
                        ) from exc
                    redirects.append((status, str(target)))
                    if len(redirects) > settings.max_redirects:
                        raise TooManyRedirectsError(
                            f"{url}: more than {settings.max_redirects} redirects "
                            f"(last to {target})",
                            url=url,
                        )
                    if (
                        target.scheme != current.scheme
                        or target.host != current.host
                        or (target.port != current.port)
                    ):
                        for name in _CREDENTIAL_HEADERS:
                            request_headers.pop(name, None)
                    current = target
                    continue
                if 200 <= status < 300 or status == 304:
                    declared = response.headers.get("content-length")
                    if (
                        declared
                        and declared.strip().isdigit()
                        and (int(declared) > settings.max_bytes)
                    ):
                        raise TooLargeError(
                            f"{url}: Content-Length {int(declared)} exceeds the "
                            f"{settings.max_bytes} byte limit",
                            url=url,
                        )
                    if status in (204, 304):
                        # No body by definition, but read to the end of the message anyway:
                        # a response closed before its end cannot return its connection to
                        # the pool, and most polls are 304s (keep-alive halves their cost).
                        response.read()
                        body = b""
                    else:
                        body = _read_body(
                            response, url=url, limit=settings.max_bytes, deadline=deadline
                        )
                    permanent = bool(redirects) and all(
                        s in PERMANENT_REDIRECTS for s, _ in redirects
                    )
                    final_url = str(response.url)
                    return FetchedPage(
                        url=url,
                        final_url=final_url,
                        status=status,
                        headers=_page_headers(response),
                        body=body,
                        moved_to=final_url if permanent else None,
                        redirects=redirects,
                    )
                peek = b""
                if status == 403:
                    try:
                        peek = _read_body(
                            response,
                            url=url,
                            limit=_CHALLENGE_PEEK,
                            deadline=deadline,
                            truncate=True,
                        )
                    except (NetworkError, httpx.HTTPError):
                        peek = b""  # an unreadable error page must not hide the 403
                _raise_for_status(response, url=url, peek=peek)
                raise AssertionError("unreachable")  # pragma: no cover
            except httpx.TimeoutException as exc:
                raise NetworkError(
                    f"{url}: timed out while reading the response ({exc or type(exc).__name__})",
                    url=url,
                ) from exc
            except httpx.TransportError as exc:
                raise NetworkError(
                    f"{url}: {type(exc).__name__} while reading: {exc}", url=url
                ) from exc
            finally:
                response.close()
