"""SSRF guard: the network backend that decides which IP addresses we may connect to.

Feed and article URLs come from users and from feeds (a feed can link anywhere, a page can
redirect anywhere), so every outgoing connection must be checked against the address it really
goes to, not against the URL text. The check therefore lives at the lowest layer httpx offers,
an httpcore *network backend*:

1. resolve the host once with `getaddrinfo`,
2. refuse if ANY resolved address is forbidden (a name that resolves to both a public and a
   private address is an attack, or a misconfiguration we do not want to be part of),
3. connect to the checked IP itself, never to the name, so there is no second resolution and
   no DNS-rebinding window between the check and the connect.

Because redirects are followed by opening new connections through the same backend, every
redirect hop is checked the same way. TLS still verifies the certificate against the original
host name: httpcore passes the name to `start_tls`, only the TCP connect uses the IP.

Tests opt in to loopback explicitly (`allow_loopback`), never by default.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import ipaddress
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
from httpcore._backends.sync import SyncStream

from workers.errors import BlockedAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Carrier-grade NAT space (RFC 6598): not "private" to Python's ipaddress, but internal.
_SHARED_NET = ipaddress.ip_network("100.64.0.0/10")
#: "This network" (RFC 791): Linux connects 0.x.y.z to the local host, so treat as unspecified.
_THIS_NET = ipaddress.ip_network("0.0.0.0/8")
#: NAT64 well-known prefix (RFC 6052): the last 32 bits are the IPv4 address really reached.
_NAT64_NET = ipaddress.ip_network("64:ff9b::/96")


#: Wall-clock deadline (time.monotonic()) of the fetch running in this thread/context, if any.
#: Why a context variable: httpcore gives each socket read the same fixed read timeout, so a
#: server that drips a byte just before each timeout could hold a fetch for ever. The streams
#: below shorten every connect/read/write to what is left before this deadline instead.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "newsrelay_fetch_deadline", default=None
)


@contextlib.contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Bound every network operation started inside the block by `deadline` (monotonic)."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _bounded(timeout: float | None, what: str, exc: type[Exception]) -> float | None:
    """`timeout` shortened to the current deadline; raise `exc` when the deadline has passed."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise exc(f"{what}: total time limit exceeded")
    return remaining if timeout is None else min(timeout, remaining)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the fetch deadline (see `_DEADLINE`)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, "read", httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, "write", httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, "TLS handshake", httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address really leads to, if it embeds one.

    Why: `::ffff:169.254.169.254` (IPv4-mapped), 6to4, Teredo and NAT64 addresses all reach an
    IPv4 host, so they must be judged as that IPv4 host or the guard is trivially bypassed.
    """
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64_NET:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def classify_address(ip: IPAddress) -> str | None:
    """Name the forbidden category of `ip` ("loopback", "private", ...), or None if public.

    The order matters only for the message: the most specific, most telling name wins (an
    operator reading "link-local" knows at once it was the cloud metadata address).
    """
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return classify_address(inner)
    if ip.is_unspecified or ip in _THIS_NET:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip in _SHARED_NET:
        return "shared (100.64.0.0/10)"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "non-global"
    return None


def is_allowed_category(
    category: str | None, *, allow_loopback: bool = False, allow_private: bool = False
) -> bool:
    """Whether a category from `classify_address` may be connected to under these settings.

    Link-local (cloud metadata at 169.254.169.254), multicast, unspecified and reserved stay
    forbidden whatever the settings: no legitimate feed lives there.
    """
    if category is None:
        return True
    if category == "loopback":
        return allow_loopback
    if category in ("private", "shared (100.64.0.0/10)", "non-global"):
        return allow_private
    return False


def check_address(
    host: str, address: str, *, allow_loopback: bool = False, allow_private: bool = False
) -> None:
    """Raise `BlockedAddressError` naming the host and the address if `address` is forbidden."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError as exc:
        raise BlockedAddressError(
            f"refusing to connect to {host}: resolved to an unparseable address {address!r}",
            url=host,
        ) from exc
    category = classify_address(ip)
    if not is_allowed_category(
        category, allow_loopback=allow_loopback, allow_private=allow_private
    ):
        raise BlockedAddressError(
            f"refusing to connect to {host}: it resolves to {address} "
            f"({category} address, SSRF guard)",
            url=host,
        )


def resolve(host: str, port: int) -> list[tuple[int, str]]:
    """Resolve `host` to (family, ip) pairs, in the order the system prefers.

    A module-level function so that tests can stub name resolution (making `evil.test`
    resolve to 169.254.169.254) without any packet leaving the machine.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[tuple[int, str]] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        item = (int(family), str(sockaddr[0]))
        if item not in seen:
            seen.append(item)
    return seen


#: Threads that run getaddrinfo, so a hanging resolver cannot outlast the connect timeout.
#: Created lazily per process (threads do not survive fork into Celery pool children).
_resolver_lock = threading.Lock()
_resolver_pool: tuple[int, concurrent.futures.ThreadPoolExecutor] | None = None


def _reset_resolver_after_fork() -> None:
    global _resolver_lock, _resolver_pool
    _resolver_lock = threading.Lock()
    _resolver_pool = None


os.register_at_fork(after_in_child=_reset_resolver_after_fork)


def _resolver() -> concurrent.futures.ThreadPoolExecutor:
    global _resolver_pool
    with _resolver_lock:
        if _resolver_pool is None or _resolver_pool[0] != os.getpid():
            _resolver_pool = (
                os.getpid(),
                concurrent.futures.ThreadPoolExecutor(
                    max_workers=16, thread_name_prefix="newsrelay-dns"
                ),
            )
        return _resolver_pool[1]


def resolve_within(host: str, port: int, timeout: float | None) -> list[tuple[int, str]]:
    """`resolve` bounded by `timeout`: getaddrinfo itself has no timeout at all.

    A lookup that times out keeps its worker thread until the system resolver gives up, but
    the fetch is released at once; the pool is bounded, so stuck lookups cannot pile up
    threads without limit (later lookups then wait and time out too, which is the truth).
    """
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return resolve(host, port)  # an IP literal: no lookup to wait for
    if timeout is None:
        return resolve(host, port)
    future = _resolver().submit(resolve, host, port)
    try:
        return future.result(timeout=max(timeout, 0.001))
    except concurrent.futures.TimeoutError:
        future.cancel()
        raise httpcore.ConnectTimeout(f"resolving {host} timed out after {timeout:.1f}s") from None


def create_connection(family: int, ip: str, port: int, timeout: float | None) -> socket.socket:
    """Open a TCP connection to an already-checked IP literal (never a name).

    A module-level function so that tests can prove a refused address never reaches connect.
    """
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((ip, port))
    except BaseException:
        sock.close()
        raise
    return sock


class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that resolves, checks every address, then connects by IP."""

    def __init__(self, *, allow_loopback: bool = False, allow_private: bool = False) -> None:
        self.allow_loopback = allow_loopback
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve once, refuse if any address is forbidden, connect to a checked IP."""
        timeout = _bounded(timeout, f"connect to {host}", httpcore.ConnectTimeout)
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            addresses = resolve_within(host, port, timeout)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no IPv4/IPv6 address")
        # Check ALL first: one forbidden address refuses the name outright.
        for _family, ip in addresses:
            check_address(
                host, ip, allow_loopback=self.allow_loopback, allow_private=self.allow_private
            )
        last_error: OSError | None = None
        for family, ip in addresses:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise httpcore.ConnectTimeout(f"connect to {host}:{port} timed out")
            try:
                sock = create_connection(family, ip, port, remaining)
            except OSError as exc:  # TimeoutError included
                last_error = exc
                continue
            try:
                for option in socket_options or ():
                    sock.setsockopt(*option)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError as exc:
                sock.close()
                raise httpcore.ConnectError(str(exc)) from exc
            return DeadlineStream(SyncStream(sock))
        if isinstance(last_error, TimeoutError):
            raise httpcore.ConnectTimeout(f"connect to {host}:{port} timed out")
        raise httpcore.ConnectError(f"cannot connect to {host}:{port}: {last_error}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Unix sockets are local by definition: never allowed for fetched URLs."""
        raise BlockedAddressError(f"refusing to connect to unix socket {path}", url=path)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
