"""Running extractors, contained: the sandbox (no network, a frozen clock, a time budget, the
process state restored), one extractor on one fixture, the worker pool, and many × many.
"""

from __future__ import annotations

from .check import CheckReport, check, check_page, load_extractors
from .pool import PageOutcome, RunSettings, run_pages
from .runner import CLOCK_SHIFT, DEFAULT_TIMEOUT, run_one
from .sandbox import ExtractorTimeout, NetworkRefused, frozen_clock, refuse_network, time_limit

__all__ = [
    "CLOCK_SHIFT",
    "DEFAULT_TIMEOUT",
    "CheckReport",
    "ExtractorTimeout",
    "NetworkRefused",
    "PageOutcome",
    "RunSettings",
    "check",
    "check_page",
    "frozen_clock",
    "load_extractors",
    "refuse_network",
    "run_one",
    "run_pages",
    "time_limit",
]
