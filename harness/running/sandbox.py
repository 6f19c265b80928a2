"""Containment while an extractor runs: no network, a time budget, a frozen clock.

The network guard patches the socket module so that any look-up or connection
raises :class:`NetworkRefused` and is recorded; Unix-domain sockets are left
alone. Scrapers that fetch by themselves run inside a vcrpy replay of the
fixture's cassette, which answers their requests before any socket is used.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

__all__ = ["ExtractorTimeout", "NetworkRefused", "frozen_clock", "refuse_network", "time_limit"]


class NetworkRefused(ConnectionRefusedError):
    """Raised inside an extractor that tries to reach the network during a replay."""


class ExtractorTimeout(BaseException):
    """Raised inside an extractor that runs past its budget.

    A BaseException, so an extractor's own ``except Exception`` cannot swallow it.
    """


_lock = threading.Lock()


@contextlib.contextmanager
def refuse_network(allow: frozenset[tuple[str, int]] = frozenset()) -> Iterator[list[str]]:
    """Refuse every network access in the block; yield the list of ``host:port`` attempted.

    ``allow`` names the ``(host, port)`` pairs that may be reached (a remote
    extractor's own endpoint while its calls are recorded): their look-ups go
    through, and connections to the addresses those look-ups gave.
    """
    attempts: list[str] = []
    allowed_hosts = {host.lower() for host, _ in allow}
    allowed_addresses: set[tuple[str, int]] = {(host, port) for host, port in allow}
    originals: dict[str, Any] = {
        "getaddrinfo": socket.getaddrinfo,
        "gethostbyname": socket.gethostbyname,
        "gethostbyname_ex": socket.gethostbyname_ex,
        "create_connection": socket.create_connection,
    }
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(host: object, port: object = None) -> NetworkRefused:
        where = f"{host}:{port}" if port is not None else str(host)
        attempts.append(where)
        return NetworkRefused(f"news-harness refused network access to {where} during a replay")

    def getaddrinfo(host: object, port: object, *args: object, **kwargs: object) -> Any:
        if isinstance(host, str) and host.lower() in allowed_hosts and (host.lower(), port) in _pairs():
            found = originals["getaddrinfo"](host, port, *args, **kwargs)
            allowed_addresses.update((entry[4][0], entry[4][1]) for entry in found)
            return found
        raise refuse(host, port)

    def _pairs() -> set[tuple[str, object]]:
        return {(host.lower(), port) for host, port in allow}

    def reachable(address: object) -> bool:
        return isinstance(address, tuple) and (str(address[0]), address[1]) in allowed_addresses

    def gethostbyname(host: object) -> Any:
        raise refuse(host)

    def create_connection(address: tuple[object, object], *args: object, **kwargs: object) -> Any:
        host, port = address
        if isinstance(host, str) and (host.lower(), port) in _pairs():
            # Resolved through the guarded getaddrinfo, so its addresses become reachable.
            return originals["create_connection"](address, *args, **kwargs)
        raise refuse(*address)

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None) or reachable(address):
            return connect(self, address)
        raise refuse(*address[:2]) if isinstance(address, tuple) else refuse(address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None) or reachable(address):
            return connect_ex(self, address)
        raise refuse(*address[:2]) if isinstance(address, tuple) else refuse(address)

    with _lock:
        socket.getaddrinfo = getaddrinfo
        socket.gethostbyname = gethostbyname
        socket.gethostbyname_ex = gethostbyname
        socket.create_connection = create_connection
        setattr(socket.socket, "connect", guarded_connect)  # noqa: B010 - keeps mypy off the stub types
        setattr(socket.socket, "connect_ex", guarded_connect_ex)  # noqa: B010
    try:
        yield attempts
    finally:
        with _lock:
            for name, original in originals.items():
                setattr(socket, name, original)
            setattr(socket.socket, "connect", connect)  # noqa: B010
            setattr(socket.socket, "connect_ex", connect_ex)  # noqa: B010


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ExtractorTimeout` in the block after ``seconds`` of wall time.

    Uses SIGALRM, so it applies in the main thread of a POSIX process only;
    elsewhere the block runs unbounded (the worker processes of ``score``
    enforce their own limit from outside).
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ExtractorTimeout(f"ran past its budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def frozen_clock(moment: dt.datetime | None) -> Iterator[None]:
    """Freeze the wall clock at ``moment`` (no ticking) for the block; no-op when None."""
    if moment is None:
        yield
        return
    import time_machine

    with time_machine.travel(moment, tick=False):
        yield
