"""Running extractors, contained: the sandbox (no network, a frozen clock, a time budget, the
process state restored), one extractor on one fixture, the worker pool, many × many, and the
same on a Dask cluster (distributed: the corpus in shards, each a task that runs the pool).
"""

from __future__ import annotations

from .audit import AuditReport, SuspectMarker, audit
from .check import BODY_EVIDENCE, CheckReport, check, check_page, load_extractors, no_fixtures
from .distributed import ATTEMPTS, EXECUTORS, SHARD_SIZE, ShardError, executed, run_on_dask
from .pool import PageOutcome, RunSettings, run_contained, run_pages
from .runner import CLOCK_SHIFT, DEFAULT_TIMEOUT, run_one
from .sandbox import ExtractorTimeout, NetworkRefused, frozen_clock, refuse_network, time_limit

__all__ = [
    "ATTEMPTS",
    "BODY_EVIDENCE",
    "CLOCK_SHIFT",
    "DEFAULT_TIMEOUT",
    "EXECUTORS",
    "SHARD_SIZE",
    "AuditReport",
    "CheckReport",
    "ExtractorTimeout",
    "NetworkRefused",
    "PageOutcome",
    "RunSettings",
    "ShardError",
    "SuspectMarker",
    "audit",
    "check",
    "check_page",
    "executed",
    "frozen_clock",
    "load_extractors",
    "no_fixtures",
    "refuse_network",
    "run_contained",
    "run_on_dask",
    "run_one",
    "run_pages",
    "time_limit",
]
