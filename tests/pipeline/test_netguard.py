"""SSRF guard tests.

Network rule: nothing here may send a packet outside 127.0.0.0/8. Every test that proves a
private or link-local address is refused stubs name resolution (`netguard.resolve`) AND stubs
`netguard.create_connection` with a recorder that only lets 127.0.0.1 through, so even a broken
guard could not reach the address.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from typing import Any

import httpcore
import httpx
import pytest
from support.httpserver import LocalServer, Reply

from workers.errors import BlockedAddressError, ConfigError
from workers.pipeline import netguard
from workers.pipeline.http import HttpSettings, build_client, fetch
from workers.pipeline.netguard import GuardedBackend, check_address, classify_address

LOOPBACK = HttpSettings(allow_loopback=True, connect_timeout=2, total_timeout=3)


@pytest.mark.parametrize(
    ("address", "category"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "shared (100.64.0.0/10)"),
        ("100.127.255.254", "shared (100.64.0.0/10)"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        # IPv6 forms that reach an IPv4 host are judged as that host
        ("::ffff:169.254.169.254", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.1.2.3", "private"),
        ("2002:a9fe:a9fe::1", "link-local"),  # 6to4 of 169.254.169.254
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("64:ff9b::808:808", None),  # NAT64 of 8.8.8.8 is public
        ("8.8.8.8", None),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_classify_address(address: str, category: str | None) -> None:
    assert classify_address(ipaddress.ip_address(address)) == category


def test_check_address_settings() -> None:
    check_address("h", "127.0.0.1", allow_loopback=True)
    check_address("h", "10.0.0.1", allow_private=True)
    check_address("h", "100.64.1.1", allow_private=True)
    with pytest.raises(BlockedAddressError, match=r"h: it resolves to 127\.0\.0\.1 \(loopback"):
        check_address("h", "127.0.0.1")
    with pytest.raises(BlockedAddressError):
        check_address("h", "10.0.0.1", allow_loopback=True)
    # link-local (cloud metadata) and unspecified stay refused whatever the settings
    for address in ("169.254.169.254", "0.0.0.0", "::ffff:169.254.169.254"):
        with pytest.raises(BlockedAddressError):
            check_address("h", address, allow_loopback=True, allow_private=True)


class Recorder:
    """Stands in for `netguard.create_connection`: records every attempt, and only ever lets
    a connection to 127.0.0.1 through, so a broken guard cannot send a packet elsewhere."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self._real = netguard.create_connection

    def __call__(self, family: int, ip: str, port: int, timeout: float | None) -> socket.socket:
        self.calls.append((ip, port))
        if ip != "127.0.0.1":
            raise AssertionError(f"connect to {ip} reached: the guard is broken")
        return self._real(family, ip, port, timeout)


#: host names the stubbed resolver was asked for, in order (reset by `fake_dns`)
LOOKUPS: list[str] = []


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, list[str]], Recorder]:
    """Stub resolution with a table (unknown names fail), and stub connect with a Recorder."""
    table: dict[str, list[str]] = {}
    lookups = LOOKUPS
    lookups.clear()

    def resolve(host: str, port: int) -> list[tuple[int, str]]:
        lookups.append(host)
        if host == "127.0.0.1":
            return [(socket.AF_INET, "127.0.0.1")]
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, ip) for ip in table[host]]

    recorder = Recorder()
    monkeypatch.setattr(netguard, "resolve", resolve)
    monkeypatch.setattr(netguard, "create_connection", recorder)
    return table, recorder


def test_backend_refuses_metadata_address_before_connect(fake_dns: Any) -> None:
    table, recorder = fake_dns
    table["evil.test"] = ["169.254.169.254"]
    backend = GuardedBackend(allow_loopback=True, allow_private=True)
    with pytest.raises(BlockedAddressError) as info:
        backend.connect_tcp("evil.test", 80, timeout=1)
    assert "evil.test" in str(info.value) and "169.254.169.254" in str(info.value)
    assert recorder.calls == []


def test_backend_refuses_if_any_resolved_address_is_private(fake_dns: Any) -> None:
    table, recorder = fake_dns
    table["mixed.test"] = ["8.8.8.8", "10.0.0.1"]
    with pytest.raises(BlockedAddressError, match=r"10\.0\.0\.1"):
        GuardedBackend().connect_tcp("mixed.test", 80, timeout=1)
    assert recorder.calls == []


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "10.0.0.1", "192.168.0.10", "100.64.0.7", "::ffff:10.0.0.1"]
)
def test_fetch_refuses_names_resolving_to_internal_addresses(fake_dns: Any, address: str) -> None:
    table, recorder = fake_dns
    table["evil.test"] = [address]
    with pytest.raises(BlockedAddressError) as info:
        fetch("http://evil.test/feed.xml", settings=LOOPBACK)
    message = str(info.value)
    assert "http://evil.test/feed.xml" in message
    assert address in message and "evil.test" in message
    assert recorder.calls == []


def test_redirect_hop_to_internal_name_is_refused(fake_dns: Any, local_server: LocalServer) -> None:
    table, recorder = fake_dns
    table["metadata.test"] = ["169.254.169.254"]
    start = local_server.add(
        "/start", Reply(302, headers=[("Location", "http://metadata.test/latest/meta-data/")])
    )
    with pytest.raises(BlockedAddressError) as info:
        fetch(start, settings=LOOPBACK)
    assert "redirect hop http://metadata.test/latest/meta-data/" in str(info.value)
    # the first hop (loopback, allowed in this test) was connected, the second never was
    assert [ip for ip, _port in recorder.calls] == ["127.0.0.1"]


def test_connects_to_the_checked_ip_without_second_resolution(
    fake_dns: Any, local_server: LocalServer
) -> None:
    table, recorder = fake_dns
    table["feeds.test"] = ["127.0.0.1"]
    local_server.add("/f", Reply(200, b"ok", [("Content-Type", "text/plain")]))
    page = fetch(f"http://feeds.test:{local_server.port}/f", settings=LOOPBACK)
    assert page.body == b"ok"
    assert LOOKUPS == ["feeds.test"]  # resolved exactly once
    assert recorder.calls == [("127.0.0.1", local_server.port)]
    assert local_server.requests[0].headers["host"] == f"feeds.test:{local_server.port}"


def test_loopback_refused_unless_allowed(local_server: LocalServer) -> None:
    url = local_server.add("/f", Reply(200, b"ok"))
    with pytest.raises(BlockedAddressError, match="loopback"):
        fetch(url, settings=HttpSettings(connect_timeout=1, total_timeout=2))
    assert local_server.requests == []
    assert fetch(url, settings=LOOPBACK).body == b"ok"


def test_localhost_name_refused(local_server: LocalServer) -> None:
    with pytest.raises(BlockedAddressError, match="localhost"):
        fetch(f"http://localhost:{local_server.port}/", settings=HttpSettings())


def test_redirect_to_unspecified_address_refused(local_server: LocalServer) -> None:
    start = local_server.add(
        "/r", Reply(301, headers=[("Location", f"http://0.0.0.0:{local_server.port}/x")])
    )
    with pytest.raises(BlockedAddressError, match=r"0\.0\.0\.0"):
        fetch(start, settings=LOOPBACK)
    assert [r.path for r in local_server.requests] == ["/r"]


def test_unresolvable_name_is_a_network_error(fake_dns: Any) -> None:
    from workers.errors import NetworkError

    with pytest.raises(NetworkError, match=r"cannot resolve nowhere\.test"):
        fetch("http://nowhere.test/", settings=LOOPBACK)


def test_unix_socket_refused() -> None:
    with pytest.raises(BlockedAddressError):
        GuardedBackend(allow_loopback=True).connect_unix_socket("/var/run/docker.sock")


def test_plain_httpx_client_refused() -> None:
    with httpx.Client() as client, pytest.raises(ConfigError, match="SSRF"):
        fetch("http://127.0.0.1:9/", settings=LOOPBACK, client=client)


def test_environment_proxy_is_ignored(
    monkeypatch: pytest.MonkeyPatch, local_server: LocalServer
) -> None:
    """An HTTP_PROXY variable must not route requests around the guarded backend."""
    with LocalServer() as proxy:
        proxy_url = proxy.url("")
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
            monkeypatch.setenv(name, proxy_url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        url = local_server.add("/f", Reply(200, b"direct"))
        assert fetch(url, settings=LOOPBACK).body == b"direct"
        assert proxy.requests == []


def test_build_client_installs_the_guard() -> None:
    with build_client(HttpSettings()) as client:
        pool = client._transport._pool  # type: ignore[attr-defined]
        assert isinstance(pool, httpcore.ConnectionPool)
        assert isinstance(pool._network_backend, GuardedBackend)


def test_hanging_dns_is_bounded_by_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """getaddrinfo has no timeout of its own; a stuck resolver must not hold the fetch."""
    from workers.errors import NetworkError

    release = threading.Event()
    connects: list[str] = []

    def stuck(host: str, port: int) -> list[tuple[int, str]]:
        release.wait(10)
        return [(socket.AF_INET, "127.0.0.1")]

    monkeypatch.setattr(netguard, "resolve", stuck)
    monkeypatch.setattr(netguard, "create_connection", lambda *a: connects.append(a[1]))
    settings = HttpSettings(allow_loopback=True, connect_timeout=0.3, total_timeout=2)
    started = time.monotonic()
    try:
        with pytest.raises(NetworkError, match=r"resolving slow\.test timed out"):
            fetch("http://slow.test/feed", settings=settings)
    finally:
        release.set()
    assert time.monotonic() - started < 1.0
    assert connects == []
