"""news-harness: a data-quality test harness for news scrapers and article extractors."""

from __future__ import annotations

from ._check import CheckReport, check, check_page
from ._version import __version__
from .errors import (
    ExpectationError,
    ExtractorError,
    ExtractorNotInstalledError,
    FixtureError,
    HarnessError,
    UnknownExtractorError,
    UsageError,
)
from .extractors import Extractor, ExtractorInfo, LoadedExtractor, hookimpl, registry, resolve
from .fixtures import LoadResult, load_fixture, load_fixtures, save_fixture
from .model import Decoy, Expectation, Extraction, Finding, Fixture, Page, Snippet
from .scoring import ScoreReport, score

__all__ = [
    "CheckReport",
    "Decoy",
    "Expectation",
    "ExpectationError",
    "Extraction",
    "Extractor",
    "ExtractorError",
    "ExtractorInfo",
    "ExtractorNotInstalledError",
    "Finding",
    "Fixture",
    "FixtureError",
    "HarnessError",
    "LoadResult",
    "LoadedExtractor",
    "Page",
    "ScoreReport",
    "Snippet",
    "UnknownExtractorError",
    "UsageError",
    "__version__",
    "check",
    "check_page",
    "hookimpl",
    "load_fixture",
    "load_fixtures",
    "registry",
    "resolve",
    "save_fixture",
    "score",
]
