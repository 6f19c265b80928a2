"""``harness check``: run extractors over fixtures and collect their findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._resources import bundled_cassettes
from ._run import DEFAULT_TIMEOUT, RunResult, run_one
from .config import apply_severity
from .errors import ExtractorError, FixtureError, HarnessError
from .extractors import LoadedExtractor, registry, resolve
from .fixtures import iter_fixtures

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from .model import Finding, Fixture

__all__ = ["CheckReport", "check", "check_page", "load_extractors"]


@dataclass
class CheckReport:
    """What a check run found, and what it could not load."""

    results: list[RunResult] = field(default_factory=list)
    problems: list[HarnessError] = field(default_factory=list)
    fixtures: list[str] = field(default_factory=list)
    extractors: list[LoadedExtractor] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in run order."""
        return [finding for result in self.results for finding in result.findings]

    @property
    def errors(self) -> list[Finding]:
        """The findings of error severity."""
        return [f for f in self.findings if f.severity == "error"]

    def exit_status(self) -> int:
        """2 when an input could not be used, else 1 with an error finding, else 0."""
        if self.problems:
            return 2
        return 1 if self.errors else 0

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "problems": [str(p) for p in self.problems],
            "fixtures": list(self.fixtures),
            "extractors": [{"name": e.name, "version": e.version} for e in self.extractors],
            "summary": {
                "fixtures": len(self.fixtures),
                "results": len(self.results),
                "errors": len(self.errors),
                "warnings": sum(f.severity == "warning" for f in self.findings),
                "problems": len(self.problems),
            },
        }


def load_extractors(
    specs: Sequence[str | LoadedExtractor] | None, problems: list[HarnessError]
) -> list[LoadedExtractor]:
    """Resolve extractor specs; with none, every installed built-in. Failures go to ``problems``."""
    if not specs:
        specs = [info.name for info in registry().installed()]
    loaded = []
    for spec in specs:
        if isinstance(spec, LoadedExtractor):
            loaded.append(spec)
            continue
        try:
            loaded.append(resolve(spec))
        except ExtractorError as error:
            problems.append(error)
    return loaded


def check_page(
    fixture: Fixture,
    extractor: str | LoadedExtractor,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    options: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Every finding of one extractor on one fixture (a loaded one, or a generated page).

    Raises:
        ExtractorError: the extractor cannot be loaded.
    """
    loaded = extractor if isinstance(extractor, LoadedExtractor) else resolve(extractor)
    return run_one(loaded, fixture, timeout=timeout, clock_check=clock_check, options=options).findings


def check(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    extractors: Sequence[str | LoadedExtractor] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    options: Mapping[str, Any] | None = None,
    severity: Mapping[str, str] | None = None,
    include_drafts: bool = False,
    on_result: Callable[[RunResult], None] | None = None,
) -> CheckReport:
    """Run each extractor on each fixture under ``paths`` (default: the bundled fixtures).

    A broken fixture or an extractor that cannot be loaded is recorded in
    ``problems`` and the rest still runs; an extractor that raises on a page
    gives an ``extractor.error`` finding for that page. ``severity`` maps check
    ids to "error", "warning", "info" or "off" (as ``[tool.harness.severity]``).
    """
    report = CheckReport()
    report.extractors = load_extractors(extractors, report.problems)
    for item in iter_fixtures(list(paths) if paths else [bundled_cassettes()], include_drafts=include_drafts):
        if isinstance(item, FixtureError):
            report.problems.append(item)
            continue
        fixture: Fixture = item
        report.fixtures.append(fixture.name)
        for extractor in report.extractors:
            result = run_one(extractor, fixture, timeout=timeout, clock_check=clock_check, options=options)
            result.findings = apply_severity(result.findings, severity or {})
            report.results.append(result)
            if on_result is not None:
                on_result(result)
    return report
