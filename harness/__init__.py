"""news-harness: a data-quality test harness for news scrapers and article extractors.

The public names load on first use (PEP 562): installing news-harness puts its
pytest plugin in every test run on the machine, and importing the plugin must
not import the whole harness.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .core import (
        Decoy,
        Expectation,
        ExpectationError,
        Extraction,
        ExtractorError,
        ExtractorNotInstalledError,
        Finding,
        Fixture,
        FixtureError,
        HarnessError,
        NotCovered,
        Page,
        Snippet,
        UnknownExtractorError,
        UsageError,
    )
    from .extractors import Extractor, ExtractorInfo, LoadedExtractor, hookimpl, registry, resolve
    from .fixtures import LoadResult, load_fixture, load_fixtures, save_fixture
    from .running import CheckReport, check, check_page
    from .scoring import ScoreReport, score

#: Where each public name lives.
_HOMES = {
    "CheckReport": "running", "check": "running", "check_page": "running",
    "ExpectationError": "core", "ExtractorError": "core", "ExtractorNotInstalledError": "core",
    "FixtureError": "core", "HarnessError": "core", "NotCovered": "core",
    "UnknownExtractorError": "core", "UsageError": "core",
    "Decoy": "core", "Expectation": "core", "Extraction": "core", "Finding": "core", "Fixture": "core",
    "Page": "core", "Snippet": "core",
    "Extractor": "extractors", "ExtractorInfo": "extractors", "LoadedExtractor": "extractors",
    "hookimpl": "extractors", "registry": "extractors", "resolve": "extractors",
    "LoadResult": "fixtures", "load_fixture": "fixtures", "load_fixtures": "fixtures", "save_fixture": "fixtures",
    "ScoreReport": "scoring", "score": "scoring",
}  # fmt: skip

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
    "NotCovered",
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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        msg = f"module 'harness' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # The public names, whether loaded yet or not; helper imports stay out of sight.
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})
