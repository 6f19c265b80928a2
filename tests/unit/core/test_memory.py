"""Freed memory given back to the system during long runs (glibc's malloc_trim)."""

from __future__ import annotations

import platform

from harness.core import release_freed


def _resident_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def test_freed_heap_goes_back_to_the_system_on_glibc():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        assert release_freed() is False  # no glibc: nothing to call, and it says so
        return
    # Blocks over Python's small-object size come from malloc; freed under a block still in use (the
    # heap's top stays put), glibc keeps their pages until trimmed.
    freed = [bytes(2000) for _ in range(30_000)]
    still_used = bytes(3000)
    del freed
    before = _resident_kib()
    assert release_freed() is True
    assert _resident_kib() < before - 30_000, "malloc_trim gave back less than 30 MB of the 60 MB freed"
    assert len(still_used) == 3000
