"""Refuse every connection to a non-loopback address (see `lessons/_netguard/sitecustomize.py`)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_installed = False


class NetworkBlocked(OSError):
    """Raised when code tries to reach the network while the guard is on."""


def is_loopback(host: Any) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check(address: Any, family: int) -> None:
    if family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        if not is_loopback(address[0]):
            raise NetworkBlocked(
                f"Network access is blocked in this course's tests and builds (tried {address[0]!r}). "
                "The course must work offline: use data from `lessons.data` instead of the internet."
            )


def install() -> None:
    """Patch the socket module so non-loopback connections and look-ups raise NetworkBlocked."""
    global _installed
    if _installed:
        return
    _installed = True
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        _check(address, self.family)
        return original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        _check(address, self.family)
        return original_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback(host):
            raise NetworkBlocked(
                f"Network look-up of {host!r} is blocked in this course's tests and builds: the course must "
                "work offline."
            )
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]


def kernel_env(base: dict | None = None) -> dict:
    """An environment for a kernel subprocess with the guard switched on."""
    import os
    from pathlib import Path

    env = dict(os.environ if base is None else base)
    guard_dir = str(Path(__file__).resolve().parent / "_netguard")
    env["PYTHONPATH"] = guard_dir + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["GSOMIA_NETGUARD"] = "1"
    return env
