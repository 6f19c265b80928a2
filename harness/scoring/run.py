"""Scoring extractors over corpora: the run, and the report it makes.

``score()`` streams pages from each corpus through the worker pool (extractors
run in the workers, the scoring in this process); only the
small per-page scores stay in memory, and the per-page detail (findings and
extracted text, for the reports) is spooled to temporary files (:mod:`.spool`).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core import (
    RELEASE_EVERY,
    FixtureError,
    HarnessError,
    SkippedInput,
    UsageError,
    bundled_cassettes,
    release_freed,
)
from ..extractors import load_predictions
from ..fixtures import open_corpus, seal, without_truth
from ..running import (
    DEFAULT_TIMEOUT,
    SHARD_SIZE,
    PageOutcome,
    RunSettings,
    executed,
    load_extractors,
    no_fixtures,
)
from .bootstrap import Estimate, ScoreTerms, bootstrap, paired_difference, snippet_leaks_by_kind, timing
from .metrics import PageScore
from .spool import Locations, Spooler, read_record

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from ..core import Fixture
    from ..extractors import FieldMap, LoadedExtractor
    from ..fixtures import Corpus, PageRef, TruthSeal

__all__ = ["ExtractorScore", "ScoreReport", "score"]

_FIELD_LABELS = {"body": "body", "authors": "authors", "published": "dates", "title": "title"}


@dataclass
class ExtractorScore:
    """One extractor's corpus figures."""

    name: str
    version: str | None
    fields: frozenset[str]
    metrics: dict[str, Estimate] = field(default_factory=dict)
    timing: dict[str, float | None] = field(default_factory=dict)
    leaks_by_kind: dict[str, int] = field(default_factory=dict)
    missing_predictions: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "name": self.name,
            "version": self.version,
            "fields": sorted(self.fields),
            "metrics": {name: est.to_dict() for name, est in self.metrics.items()},
            "timing": self.timing,
            "leaks_by_kind": self.leaks_by_kind,
            "missing_predictions": self.missing_predictions,
        }


@dataclass
class ScoreReport:
    """The result of a scoring run."""

    extractors: list[ExtractorScore] = field(default_factory=list)
    corpora: list[dict[str, Any]] = field(default_factory=list)
    pages: int = 0
    problems: list[HarnessError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seed: int = 0
    resamples: int = 1000
    #: Each extractor's per-page scores, reduced to what the figures need (the scores themselves are
    #: in the spool: :attr:`page_scores`).
    terms: dict[str, ScoreTerms] = field(default_factory=dict)
    #: Per page, where each extractor's detail record was spooled.
    locations: Locations = field(default_factory=Locations)
    spool: Path | None = None
    created: str = ""
    #: No truth was read: the figures rest on the page alone.
    truth_free: bool = False

    def exit_status(self) -> int:
        """2 when an input could not be used, else 0 (scores are not pass/fail)."""
        return 2 if self.problems else 0

    def difference(self, base: str, head: str) -> dict[str, dict[str, float | None]]:
        """``head`` minus ``base`` per metric, by paired bootstrap over the same pages."""
        return paired_difference(self.terms[base], self.terms[head], resamples=self.resamples, seed=self.seed)

    @property
    def page_scores(self) -> dict[str, list[PageScore]]:
        """Each extractor's page scores, in page order, read back from the spool (all of them in
        memory: for a look at a few pages, not for a run of a million)."""
        out: dict[str, list[PageScore]] = {name: [] for name in self.terms}
        for locations in self.locations:
            for location in locations:
                record = read_record(location)
                out.setdefault(record["extractor"], []).append(PageScore.from_dict(record["score"]))
        return out

    def page_details(self, *, texts: bool = False, only: set[int] | None = None) -> Iterator[dict[str, Any]]:
        """Each page's detail (truth summary, findings, scores; with ``texts``, the extracted text, the true
        body and snippets, and the recorded page's HTML as ``page_html``), in order.

        ``only`` limits it to those page numbers (0-based, in scoring order).
        """
        for number, locations in enumerate(self.locations):
            if only is not None and number not in only:
                continue
            records = [read_record(location) for location in locations]
            first = dict(records[0])
            results = {}
            truth_body, snippets, page_html = None, None, None
            for record in records:
                truth_body = record.pop("truth_body", truth_body)
                snippets = record.pop("truth_snippets", snippets)
                page_html = record.pop("page_html", page_html)
                if not texts:
                    record.pop("body_text", None)
                name = record.pop("extractor")
                for key in ("page", "url", "truth"):
                    record.pop(key, None)
                results[name] = record
            detail = {
                "number": number, "page": first["page"], "url": first["url"], "truth": first["truth"],
                "results": results,
            }  # fmt: skip
            if texts:
                detail["truth"]["body"] = truth_body
                detail["truth"].update(snippets or {})
                detail["page_html"] = page_html or ""
            yield detail

    def to_dict(self, *, pages: bool = True) -> dict[str, Any]:
        """The report as JSON-ready data (schemas/score.schema.json)."""
        data: dict[str, Any] = {
            "format": "news-harness score 1",
            "harness_version": __version__,
            "created": self.created,
            "seed": self.seed,
            "resamples": self.resamples,
            "pages": self.pages,
            "corpora": self.corpora,
            "extractors": [e.to_dict() for e in self.extractors],
            "problems": [str(p) for p in self.problems],
            "notes": self.notes,
        }
        if self.truth_free:
            data["truth_free"] = True
        if pages:
            data["page_results"] = list(self.page_details())
        return data

    def close(self) -> None:
        """Delete the spooled per-page detail."""
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
            self.spool = None


def score(
    paths: Sequence[str | os.PathLike[str]] | None = None,
    extractors: Sequence[str | LoadedExtractor] | None = None,
    *,
    predictions: Sequence[str | os.PathLike[str]] = (),
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    seed: int = 0,
    resamples: int = 1000,
    progress: Callable[[int, int | None], None] | None = None,
    texts: bool = False,
    options: Mapping[str, Any] | None = None,
    memory_mb: int | None = None,
    fields: FieldMap | None = None,
    record_calls: bool = False,
    truth_free: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    shard_size: int = SHARD_SIZE,
    on_shard: Callable[[int, int | None], None] | None = None,
) -> ScoreReport:
    """Score extractors (or saved predictions) over corpora (default: the bundled fixtures).

    Each path is a fixture folder, a Zyte benchmark folder or a JSONL corpus,
    read in place. With ``predictions`` and no ``extractors``, only the saved
    outputs are scored. ``texts`` keeps each extracted body for the HTML
    report's side-by-side view. ``truth_free`` reads no truth at all: each
    page is judged by the checks that need only the page, counted per page
    (``page.*`` figures), and by agreement with its own metadata (``silver.*``).

    ``executor="dask"`` runs the pages on a Dask cluster, in shards of
    ``shard_size`` pages, each page scored on the worker that ran it; the
    figures are the local pool's (see :func:`harness.running.check` for
    ``scheduler``, ``jobs`` and ``on_shard``).

    Raises:
        UsageError: a corpus holds no page, or no page of any corpus could be
            loaded (figures over no page would be no figures at all).
    """
    report = ScoreReport(seed=seed, resamples=resamples, truth_free=truth_free)
    report.created = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    loaded: list[LoadedExtractor] = []
    for path in predictions:
        try:
            loaded.append(load_predictions(Path(path)))
        except HarnessError as error:
            report.problems.append(error)
    if extractors or not predictions:
        loaded.extend(load_extractors(extractors, report.problems, fields=fields))
    given = list(paths or [bundled_cassettes()])
    corpora = [open_corpus(Path(p)) for p in given]
    for path, corpus in zip(given, corpora, strict=True):
        if corpus.size == 0:
            raise no_fixtures(path)
    total = sum(c.size or 0 for c in corpora) if all(c.size is not None for c in corpora) else None
    for corpus in corpora:
        report.corpora.append({"kind": corpus.kind, "path": str(corpus.path), "labelled": sorted(corpus.labelled)})
        unlabelled = [label for key, label in _FIELD_LABELS.items() if key not in corpus.labelled]
        if unlabelled and not truth_free:
            report.notes.append(
                f"{corpus.kind} corpus {corpus.path.name}: {', '.join(unlabelled)} not labelled, so not scored"
            )
    scores: dict[str, ScoreTerms] = {e.name: ScoreTerms() for e in loaded}
    sealed = seal(corpora=corpora)  # before any extractor code runs
    report.spool = Path(tempfile.mkdtemp(prefix="harness-score-"))
    settings = RunSettings(timeout=timeout, options=options or {}, memory_mb=memory_mb, record_calls=record_calls)
    analyser = Spooler(str(report.spool), loaded[0].name if loaded else "", texts, truth_free=truth_free)
    done = 0
    missing: dict[str, int] = {}
    uncovered: dict[str, int] = {}
    pending: dict[int, PageOutcome] = {}
    next_index = 0
    items = _refs(corpora, report, sealed, html=any(e.lookup is None for e in loaded), truth_free=truth_free)
    if truth_free:
        report.notes.append(
            "truth-free: every truth is ignored; each figure rests on the page alone (page-only findings, "
            "and agreement with the page's own JSON-LD and <meta> where it states a field)"
        )
    try:
        # On a cluster, each worker scores what it ran (the same Judge) and this process spools the records.
        local = executor == "local"
        outcomes = executed(
            items, loaded, settings, executor=executor, scheduler=scheduler, jobs=jobs, shard_size=shard_size,
            analyse=analyser if local else analyser.judge, keep_results=False, on_shard=on_shard,
        )  # fmt: skip
        for outcome in outcomes:
            if not local:
                outcome.analyses = [analyser.spool(*judged) for judged in outcome.analyses]
            pending[outcome.index] = outcome
            # Keep page order, so paired comparisons line up across runs.
            while next_index in pending:
                ready = pending.pop(next_index)
                next_index += 1
                if ready.problem is not None:
                    # A shard the cluster gave up on sends its one error with each of its pages, in a row.
                    if not report.problems or report.problems[-1] is not ready.problem:
                        report.problems.append(ready.problem)
                    continue
                locations = []
                for extractor, (page_score, location) in zip(loaded, ready.analyses, strict=False):
                    scores[extractor.name].add(page_score)
                    locations.append(location)
                    if page_score.status == "missing":
                        missing[extractor.name] = missing.get(extractor.name, 0) + 1
                    elif page_score.status == "not-covered":
                        uncovered[extractor.name] = uncovered.get(extractor.name, 0) + 1
                report.locations.append(locations)
                done += 1
                if done % RELEASE_EVERY == 0:
                    release_freed()
                if progress is not None:
                    progress(done, total)
    except BaseException:  # interrupted (Ctrl-C, SIGTERM) or failed: no spool left in the temp folder
        report.close()
        raise
    finally:
        analyser.close()
    report.problems.extend(sealed.broken())
    if not done:
        report.close()
        raise _nothing_loaded(given, report.problems)
    report.pages = done
    report.terms = scores
    for extractor in loaded:
        pages = scores[extractor.name]
        entry = ExtractorScore(extractor.name, extractor.version, extractor.fields)
        entry.missing_predictions = missing.get(extractor.name, 0)
        if entry.missing_predictions:
            report.notes.append(
                f"{extractor.name}: no saved prediction for {entry.missing_predictions} pages "
                "(scored as empty extractions)"
            )
        if uncovered.get(extractor.name):
            report.notes.append(
                f"{extractor.name}: does not cover {uncovered[extractor.name]} pages "
                "(sites it has no parser for; scored as empty extractions)"
            )
        entry.metrics = bootstrap(pages, resamples=resamples, seed=seed)
        entry.timing = timing(pages) if extractor.lookup is None else {"median_ms": None, "p95_ms": None}
        entry.leaks_by_kind = dict(snippet_leaks_by_kind(pages))
        report.extractors.append(entry)
    return report


def _nothing_loaded(paths: Sequence[str | os.PathLike[str]], problems: Sequence[HarnessError]) -> UsageError:
    """Why a run over ``paths`` scored no page, in one line: the first page's problem, or that there were none."""
    where = ", ".join(str(p) for p in paths)
    problems = [p for p in problems if isinstance(p, FixtureError)]  # the pages', not the extractors'
    if not problems:
        return UsageError(f"no fixtures under {where}")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return UsageError(f"no page of {where} could be loaded: {problems[0]}{more}")


def _refs(
    corpora: Sequence[Corpus], report: ScoreReport, sealed: TruthSeal, *, html: bool, truth_free: bool = False
) -> Iterator[PageRef]:
    for corpus in corpora:
        for item in sealed.guard(corpus.refs(html=html)):
            if isinstance(item, SkippedInput):  # a web archive's record that is not a page: counted
                report.notes.append(f"skipped: {item}")
            elif isinstance(item, FixtureError):
                report.problems.append(item)
            else:
                yield _TruthFree(item) if truth_free else item


@dataclass(frozen=True)
class _TruthFree:
    """A page whose truth is not read: loaded with a truth silent on every field."""

    ref: PageRef

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def truth_file(self) -> Path:
        return self.ref.truth_file

    def load(self) -> Fixture:
        return without_truth(self.ref.load())
