"""Many extractors × many fixtures: run them (in worker processes) and collect their findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..checks import Level, apply_severity
from ..core import ExtractorError, FixtureError, HarnessError, RunResult, bundled_cassettes
from ..extractors import LoadedExtractor, registry, resolve
from ..fixtures import iter_fixtures
from .pool import RunSettings, run_pages
from .runner import DEFAULT_TIMEOUT, run_one

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from ..core import Finding, Fixture

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
    severity: Mapping[str, Level] | None = None,
    include_drafts: bool = False,
    jobs: int = 1,
    memory_mb: int | None = None,
    on_result: Callable[[RunResult], None] | None = None,
) -> CheckReport:
    """Run each extractor on each fixture under ``paths`` (default: the bundled fixtures).

    A broken fixture or an extractor that cannot be loaded is recorded in
    ``problems`` and the rest still runs; an extractor that raises on a page
    gives an ``extractor.error`` finding for that page. Extractors run in
    ``jobs`` worker processes (``jobs=0``: in this process), so one that hangs,
    exhausts ``memory_mb`` or kills its process costs that page only.
    ``severity`` maps check ids to "error", "warning", "info" or "off" (as
    ``[tool.harness.severity]``).
    """
    report = CheckReport()
    report.extractors = load_extractors(extractors, report.problems)

    def fixtures() -> Iterator[Fixture]:
        roots = list(paths) if paths else [bundled_cassettes()]
        for item in iter_fixtures(roots, include_drafts=include_drafts):
            if isinstance(item, FixtureError):
                report.problems.append(item)
            else:
                report.fixtures.append(item.name)
                yield item

    settings = RunSettings(timeout=timeout, clock_check=clock_check, options=options or {}, memory_mb=memory_mb)
    done: dict[int, list[RunResult]] = {}
    for outcome in run_pages(fixtures(), report.extractors, settings, jobs=jobs):
        for result in outcome.results:
            result.findings = apply_severity(result.findings, severity or {})
            if on_result is not None:
                on_result(result)
        done[outcome.index] = outcome.results
    for index in sorted(done):
        report.results.extend(done[index])
    return report
