"""The exceptions news-harness raises.

::

    Exception
    └── HarnessError                      raised on purpose; the CLI prints it as one line, exit 2
        ├── UsageError (ValueError)       the caller asked for something that cannot be done as asked
        ├── FixtureError (ValueError)     a cassette, page or corpus entry cannot be read (.path, .reason)
        │   └── ExpectationError          an expectation sidecar is not valid JSON or fails its schema
        └── ExtractorError                an extractor cannot be loaded or set up
            ├── UnknownExtractorError (LookupError)       no such name, and not a module:callable spec
            └── ExtractorNotInstalledError (ImportError)  a built-in whose package is missing

Every message names the offending value, where it came from, and the fix.
Only the command-line shell turns these into a one-line message and an exit status.
"""

from __future__ import annotations

__all__ = [
    "ExpectationError",
    "ExtractorError",
    "ExtractorNotInstalledError",
    "FixtureError",
    "HarnessError",
    "NotCovered",
    "UnknownExtractorError",
    "UsageError",
]


class HarnessError(Exception):
    """Base class of every error news-harness raises on purpose."""


class UsageError(HarnessError, ValueError):
    """The caller asked for something that cannot be done as asked."""


class FixtureError(HarnessError, ValueError):
    """A cassette or fixture file cannot be read; the message names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SkippedInput(FixtureError):
    """Input that is not a page and is counted, not a problem: a web archive's records that are not
    HTML, not a 200, revisits, or cut short by the crawler. Reports list it; it never sets exit 2."""


class ExpectationError(FixtureError):
    """An expectation sidecar is not valid JSON or fails expected.schema.json."""


class ExtractorError(HarnessError):
    """An extractor plugin cannot be loaded or set up."""


class UnknownExtractorError(ExtractorError, LookupError):
    """No extractor is registered under the given name, and it is not a module:callable spec."""


class ExtractorNotInstalledError(ExtractorError, ImportError):
    """A built-in extractor's third-party package is not installed."""


class NotCovered(Exception):
    """Raised by an extractor for a page outside what it handles (a site it has no parser for).

    The page is reported as not covered by that extractor (status
    ``not-covered``, an info finding ``extractor.not_covered``), never as a
    defect; scoring counts it as an empty extraction and says how many.
    """
