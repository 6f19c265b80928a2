"""Many extractors × many fixtures: run them (in worker processes) and collect their findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks import Level, apply_severity
from ..core import (
    RELEASE_EVERY,
    ExtractorError,
    Fixture,
    FixtureError,
    HarnessError,
    RunResult,
    SkippedInput,
    UsageError,
    bundled_cassettes,
    release_freed,
)
from ..extractors import LoadedExtractor, registry, resolve
from ..fixtures import discover, expectation_path, iter_fixtures, open_corpus, seal
from .audit import SuspectMarker
from .distributed import SHARD_SIZE, executed
from .pool import RunSettings
from .runner import DEFAULT_TIMEOUT, run_one

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from ..core import Finding
    from ..extractors import FieldMap
    from ..fixtures import PageRef

__all__ = ["BODY_EVIDENCE", "CheckReport", "check", "check_page", "load_extractors", "no_fixtures"]

#: Characters of each extracted body the JSON report carries (its length says how many there were):
#: enough to see what was extracted without a corpus run's report growing to gigabytes.
BODY_EVIDENCE = 2000


@dataclass
class CheckReport:
    """What a check run found, and what it could not load."""

    results: list[RunResult] = field(default_factory=list)
    problems: list[HarnessError] = field(default_factory=list)
    #: What a corpus holds that is not a page (a web archive's non-HTML or cut-short records): counted.
    skipped: list[SkippedInput] = field(default_factory=list)
    fixtures: list[str] = field(default_factory=list)
    extractors: list[LoadedExtractor] = field(default_factory=list)
    #: The file each page's truth was read from, by the page's name (for annotations that attach to it).
    truth_files: dict[str, Path] = field(default_factory=dict)

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
            "skipped": [str(s) for s in self.skipped],
            "fixtures": list(self.fixtures),
            "extractors": [{"name": e.name, "version": e.version} for e in self.extractors],
            "summary": {
                "fixtures": len(self.fixtures),
                "results": len(self.results),
                "errors": len(self.errors),
                "warnings": sum(f.severity == "warning" for f in self.findings),
                "problems": len(self.problems),
            },
            "results": [_result_dict(result) for result in self.results],
        }


def _result_dict(result: RunResult) -> dict[str, Any]:
    """What one extractor returned for one fixture and how it ended: the evidence beside the findings."""
    extraction = result.extraction
    shown = None
    if extraction is not None:
        body = extraction.body
        shown = {
            "title": extraction.title,
            "authors": list(extraction.authors) if extraction.authors is not None else None,
            "published": extraction.published,
            "modified": extraction.modified,
            "body": body[:BODY_EVIDENCE] if body is not None else None,
            "body_length": len(body) if body is not None else None,
        }
    return {
        "fixture": result.fixture,
        "extractor": result.extractor,
        "status": result.status,
        "seconds": result.seconds,
        "extraction": shown,
    }


def no_fixtures(path: str | os.PathLike[str]) -> UsageError:
    """The error for a path that holds no fixture: a wrong path must not pass as a clean run.

    A corpus given where fixtures were expected gets the option that reads it.
    """
    kind = open_corpus(Path(path)).kind
    hint = f" (it is a {kind} corpus: pass it with --corpus)" if kind != "fixtures" else ""
    return UsageError(f"no fixtures under {path}{hint}")


def load_extractors(
    specs: Sequence[str | LoadedExtractor] | None, problems: list[HarnessError], *, fields: FieldMap | None = None
) -> list[LoadedExtractor]:
    """Resolve extractor specs; with none, every installed built-in. Failures go to ``problems``.

    ``fields`` is the field map for framework specs (``web-poet:…``) whose items it reads.
    """
    # What went wrong loading the plugins of entry-point group 'harness' (one that patched the harness,
    # one registered twice) is every run's problem, not only 'harness list''s.
    problems.extend(ExtractorError(problem) for problem in registry().problems)
    if not specs:
        specs = [info.name for info in registry().installed(remote=False)]
    loaded = []
    for spec in specs:
        if isinstance(spec, LoadedExtractor):
            loaded.append(spec)
            continue
        try:
            loaded.append(resolve(spec, fields=fields))
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
    corpora: Iterable[str | os.PathLike[str]] = (),
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    options: Mapping[str, Any] | None = None,
    severity: Mapping[str, Level] | None = None,
    include_drafts: bool = False,
    jobs: int = 1,
    memory_mb: int | None = None,
    on_result: Callable[[RunResult], None] | None = None,
    fields: FieldMap | None = None,
    record_calls: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    shard_size: int = SHARD_SIZE,
    on_shard: Callable[[int, int | None], None] | None = None,
) -> CheckReport:
    """Run each extractor on each fixture under ``paths`` and each page of ``corpora``.

    ``corpora`` are read as ``harness score`` reads them (fixture folders, the
    Zyte benchmark layout, JSONL corpora), each page loaded when its turn comes.
    With neither, the bundled fixtures are checked. A broken fixture or an
    extractor that cannot be loaded is recorded in ``problems`` and the rest
    still runs; an extractor that raises on a page gives an ``extractor.error``
    finding for that page. Extractors run in ``jobs`` worker processes
    (``jobs=0``: in this process), so one that hangs, exhausts ``memory_mb``
    or kills its process costs that page only.
    ``severity`` maps check ids to "error", "warning", "info" or "off" (as
    ``[tool.harness.severity]``); ``fields`` is the field map of framework
    extractors' items (as ``[tool.harness.fields]``). ``record_calls`` lets
    remote extractors reach their own endpoint and records their calls beside
    each fixture; without it they replay what was recorded. ``progress`` is
    called with the pages done and the pages in all (None when a corpus does
    not say) after each page, ``on_result`` with each fixture × extractor result.

    ``executor="dask"`` runs the pages on a Dask cluster instead, in shards of
    ``shard_size`` pages (see :mod:`.distributed`): on the scheduler at
    ``scheduler``, else on a ``LocalCluster`` of ``jobs`` single-threaded
    workers; the findings are the local pool's. ``on_shard`` is called with
    the shards done and the shards in all (None until the last is sent).

    Raises:
        UsageError: a path or corpus holds no fixture at all (``no fixtures under PATH``), an unknown
            executor, or a Dask cluster that cannot be used.
    """
    corpora = list(corpora)
    roots = list(paths or ()) or ([] if corpora else [bundled_cassettes()])
    for root in roots:
        if Path(root).is_dir() and next(iter(discover([root])), None) is None:
            raise no_fixtures(root)
    opened = [open_corpus(Path(path)) for path in corpora]
    for path, corpus in zip(corpora, opened, strict=True):
        if corpus.size == 0:
            raise no_fixtures(path)
    report = CheckReport()
    # Every truth is read (fixture folders) or hashed (all) before any extractor code runs.
    sealed = seal(roots, opened)
    fixtures = list(iter_fixtures(roots, include_drafts=include_drafts))
    report.extractors = load_extractors(extractors, report.problems, fields=fields)

    truths: list[Path | None] = []  # by page number, as run_pages numbers them

    def pages() -> Iterator[Fixture | PageRef]:
        sources: list[Iterable[Fixture | PageRef | FixtureError]] = [
            fixtures,
            *(sealed.guard(corpus.refs()) for corpus in opened),
        ]
        for source in sources:
            for item in source:
                if isinstance(item, SkippedInput):
                    report.skipped.append(item)
                elif isinstance(item, FixtureError):
                    report.problems.append(item)
                elif isinstance(item, Fixture):
                    truths.append(expectation_path(item.cassette_path) if item.cassette_path else None)
                    yield item
                else:
                    truths.append(item.truth_file)
                    yield item

    settings = RunSettings(
        timeout=timeout, clock_check=clock_check, options=options or {}, memory_mb=memory_mb, record_calls=record_calls
    )
    done: dict[int, list[RunResult]] = {}
    names: dict[int, str] = {}
    # Each page's truth is audited once, in this process, and findings resting on a doubted truth are marked.
    marker = SuspectMarker(severity)
    sizes = [corpus.size for corpus in opened]
    total = len(fixtures) + sum(size or 0 for size in sizes) if None not in sizes else None
    outcomes = executed(
        pages(), report.extractors, settings, executor=executor, scheduler=scheduler, jobs=jobs,
        shard_size=shard_size, analyse=marker, on_shard=on_shard,
    )  # fmt: skip
    for count, outcome in enumerate(outcomes, 1):
        if progress is not None:
            progress(count, total)
        if count % RELEASE_EVERY == 0:
            release_freed()
        if outcome.problem is not None:  # a corpus page that could not be loaded, or a shard given up
            # A shard the cluster gave up on sends its one error with each of its pages, in a row.
            if not report.problems or report.problems[-1] is not outcome.problem:
                report.problems.append(outcome.problem)
            continue
        for result in outcome.results:
            result.findings = apply_severity(result.findings, severity or {})
            if on_result is not None:
                on_result(result)
        done[outcome.index] = outcome.results
        # The name the results carry: a corpus page is named by its file once it is loaded.
        names[outcome.index] = outcome.results[0].fixture if outcome.results else outcome.name
    for index in sorted(done):
        report.fixtures.append(names[index])
        if index < len(truths) and (truth := truths[index]) is not None:
            report.truth_files[names[index]] = truth
        report.results.extend(done[index])
    report.problems.extend(sealed.broken())
    if not report.fixtures and not report.problems:
        raise UsageError(f"no fixtures under {', '.join(str(p) for p in [*roots, *corpora])}")
    return report
