"""The offline guard: unit tests and notebook kernels can't reach the network, but loopback still works."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest

from lessons._netguard_impl import NetworkBlocked, is_loopback, kernel_env


def test_loopback_addresses_are_recognised() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.3.2.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("192.0.2.1") and not is_loopback("10.0.0.1") and not is_loopback("example.org")


def test_guard_blocks_connections_in_this_process() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked, match="offline"):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    finally:
        sock.close()
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.org", 443)


def test_guard_allows_loopback() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.socket()
    try:
        client.connect(server.getsockname())
    finally:
        client.close()
        server.close()


def test_guard_is_active_in_kernel_subprocesses() -> None:
    code = textwrap.dedent(
        """
        import socket
        try:
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        except OSError as exc:
            print(type(exc).__name__)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], env=kernel_env(), capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "NetworkBlocked", out.stdout + out.stderr
