"""The truth audit over many pages: fixture folders and corpora, and the marks it puts on extractor
findings whose truth it doubts (where ``check`` and ``score`` make their results)."""

from __future__ import annotations

import collections
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks import BODY_FLOOR, apply_severity, audit_fixture, mark_suspects
from ..core import FixtureError, HarnessError, SkippedInput, UsageError, bundled_cassettes
from ..fixtures import iter_fixtures, open_corpus

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from ..checks import Level
    from ..core import Finding, Fixture, RunResult
    from ..extractors import LoadedExtractor

__all__ = ["AuditReport", "SuspectMarker", "audit"]


@dataclass
class AuditReport:
    """What the audit doubts, on which pages, and what it could not read."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[HarnessError] = field(default_factory=list)
    #: What a corpus holds that is not a page (a web archive's non-HTML or cut-short records): counted.
    skipped: list[SkippedInput] = field(default_factory=list)
    fixtures: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Findings per audit id, the most frequent first."""
        counted = Counter(f.check for f in self.findings)
        return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))

    @property
    def doubted(self) -> list[str]:
        """The pages with at least one doubt, in order."""
        return list(dict.fromkeys(f.fixture for f in self.findings))

    def exit_status(self) -> int:
        """2 when an input could not be read or there was nothing to audit, else 1 with a doubt, else 0."""
        if self.problems or not self.fixtures:
            return 2
        return 1 if self.findings else 0

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: findings, counts per id, problems and a summary."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts,
            "problems": [str(p) for p in self.problems],
            "skipped": [str(s) for s in self.skipped],
            "fixtures": list(self.fixtures),
            "summary": {
                "fixtures": len(self.fixtures),
                "doubted": len(self.doubted),
                "findings": len(self.findings),
                "problems": len(self.problems),
            },
        }


def audit(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    corpora: Iterable[str | os.PathLike[str]] = (),
    *,
    include_drafts: bool = False,
    severity: Mapping[str, Level] | None = None,
    body_floor: float = BODY_FLOOR,
    progress: Callable[[int, int | None], None] | None = None,
) -> AuditReport:
    """Audit the truth of each fixture under ``paths`` and each page of ``corpora``.

    ``corpora`` are read as ``harness score`` reads them (fixture folders, the
    Zyte benchmark layout, JSONL); with neither, the bundled fixtures are
    audited. A page that cannot be read is kept in ``problems`` and the rest
    goes on. ``severity`` is ``[tool.harness.severity]``: "off" silences an
    audit id. ``progress`` is called with the pages audited so far (the total
    is not known in advance: None).

    Raises:
        UsageError: nothing to audit under the paths and corpora given.
    """
    corpora = list(corpora)
    roots = list(paths or ()) or ([] if corpora else [bundled_cassettes()])
    report = AuditReport()
    for item in _pages(roots, corpora, include_drafts):
        if isinstance(item, SkippedInput):
            report.skipped.append(item)
            continue
        if isinstance(item, FixtureError):
            report.problems.append(item)
            continue
        report.fixtures.append(item.name)
        report.findings.extend(apply_severity(audit_fixture(item, body_floor=body_floor), severity or {}))
        if progress is not None:
            progress(len(report.fixtures), None)
    if not report.fixtures and not report.problems:
        where = ", ".join(str(p) for p in [*roots, *corpora])
        msg = f"no fixtures under {where}: give fixture folders as PATH, and Zyte or JSONL corpora with --corpus"
        raise UsageError(msg)
    return report


def _pages(
    roots: list[str | os.PathLike[str]], corpora: list[str | os.PathLike[str]], include_drafts: bool
) -> Iterator[Fixture | FixtureError]:
    if roots:
        yield from iter_fixtures(roots, include_drafts=include_drafts)
    for path in corpora:
        yield from open_corpus(Path(path)).pages()


class SuspectMarker:
    """Marks each result's findings that rest on a truth the audit doubts, auditing each page once.

    Called where results are graded (in the parent, after each extractor, as
    the pool's ``analyse``). Results of the pages in flight, one per worker,
    arrive interleaved, so the audits of the last :data:`KEPT` pages are kept.
    """

    #: Pages whose audit is kept: more than the pages a pool has in flight at once.
    KEPT = 64

    def __init__(self, severity: Mapping[str, Level] | None = None) -> None:
        self.severity = dict(severity or {})
        # By the page object (kept alive here, so its id cannot be reused while it is a key).
        self._audits: collections.OrderedDict[int, tuple[Fixture, list[Finding]]] = collections.OrderedDict()

    def doubts(self, fixture: Fixture) -> list[Finding]:
        """The audit's findings on ``fixture`` (computed once per page)."""
        kept = self._audits.get(id(fixture))
        if kept is not None and kept[0] is fixture:
            self._audits.move_to_end(id(fixture))
            return kept[1]
        audit = apply_severity(audit_fixture(fixture), self.severity)
        self._audits[id(fixture)] = (fixture, audit)
        while len(self._audits) > self.KEPT:
            self._audits.popitem(last=False)
        return audit

    def __call__(self, fixture: Fixture, extractor: LoadedExtractor | None, result: RunResult) -> None:
        """Set ``truth_suspect`` on the findings of ``result`` that rest on a doubted truth."""
        doubts = self.doubts(fixture)
        if doubts and result.findings:
            result.findings = mark_suspects(result.findings, doubts)
