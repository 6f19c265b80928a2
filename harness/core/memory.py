"""Giving freed memory back to the system during a long run.

glibc's allocator keeps the memory Python frees in its heaps for reuse and returns
it to the system only now and then; a run that parses a million pages in turn
shows a resident size that creeps up with the pages seen although the objects are
long gone (measured: 20 MB of 105 MB after 10,000 pages of a web archive was free
heap that ``malloc_trim`` handed back). The long loops call :func:`release_freed`
every so often; where the C library is not glibc it does nothing.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["RELEASE_EVERY", "release_freed"]

#: Pages between two calls of :func:`release_freed` in a run's loop (a call costs about a millisecond).
RELEASE_EVERY = 1000


@functools.lru_cache(maxsize=1)
def _libc() -> Any:
    import ctypes  # here, not at the top: ctypes costs `harness --help` milliseconds

    try:
        libc = ctypes.CDLL("libc.so.6")  # glibc on Linux; elsewhere there is no malloc_trim to call
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def release_freed() -> bool:
    """Return the allocator's free memory to the system (glibc's ``malloc_trim``); whether it could."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
