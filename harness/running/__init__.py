"""Running extractors, contained: the sandbox (no network, a frozen clock, a time budget, the
process state restored), one extractor on one fixture, the worker pool, and many × many.
"""

from __future__ import annotations

from .audit import AuditReport, SuspectMarker, audit
from .check import BODY_EVIDENCE, CheckReport, check, check_page, load_extractors, no_fixtures
from .pool import PageOutcome, RunSettings, run_contained, run_pages
from .runner import CLOCK_SHIFT, DEFAULT_TIMEOUT, run_one
from .sandbox import ExtractorTimeout, NetworkRefused, frozen_clock, refuse_network, time_limit

__all__ = [
    "BODY_EVIDENCE",
    "CLOCK_SHIFT",
    "DEFAULT_TIMEOUT",
    "AuditReport",
    "CheckReport",
    "ExtractorTimeout",
    "NetworkRefused",
    "PageOutcome",
    "RunSettings",
    "SuspectMarker",
    "audit",
    "check",
    "check_page",
    "frozen_clock",
    "load_extractors",
    "no_fixtures",
    "refuse_network",
    "run_contained",
    "run_one",
    "run_pages",
    "time_limit",
]
