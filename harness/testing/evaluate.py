"""One fixture and one extractor, judged for CI: findings at the project's severities, and
the snapshot compared (or updated). The pytest plugin and the API call this; it prints nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..checks import apply_severity, suspect_truths
from ..core import FixtureError
from ..running import SuspectMarker, run_contained, run_one
from .snapshots import FieldChange, SnapshotStatus, compare, read_snapshot, snapshot_path, write_snapshot

if TYPE_CHECKING:
    from pathlib import Path

    from ..checks import SuspectTruth
    from ..core import Finding, Fixture, RunResult
    from ..extractors import LoadedExtractor
    from .config import Config
    from .snapshots import Update

__all__ = ["ItemOutcome", "evaluate"]


@dataclass
class ItemOutcome:
    """What CI needs to know about one (fixture, extractor) pair."""

    fixture: Fixture
    extractor: LoadedExtractor
    result: RunResult
    findings: list[Finding]
    changes: list[FieldChange] = field(default_factory=list)
    snapshot: Path | None = None
    snapshot_status: SnapshotStatus = "off"
    #: Why the stored snapshot could not be used, when it could not.
    snapshot_problem: str | None = None

    @property
    def errors(self) -> list[Finding]:
        """Findings of error severity, after the project's overrides."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def suspects(self) -> list[SuspectTruth]:
        """The truths the audit doubts that this pair's errors rest on (refused by --harness-strict-truth)."""
        return suspect_truths(self.errors)

    @property
    def breaking(self) -> list[Finding]:
        """The errors on a field that moved from its snapshot: accepting that change would write
        a result the truth refutes into the golden file (issue 14: ``'Cnn'`` as an author)."""
        moved = {change.field for change in self.changes}
        return [f for f in self.errors if f.field in moved]

    @property
    def failed(self) -> bool:
        """Whether CI should fail this pair."""
        return bool(self.errors) or self.snapshot_status in ("changed", "unreadable")


def evaluate(
    extractor: LoadedExtractor,
    fixture: Fixture,
    config: Config,
    *,
    update: Update | None = None,
    in_process: bool = False,
) -> ItemOutcome:
    """Run ``extractor`` on ``fixture``, apply the configuration, and compare or update its snapshot.

    The extractor runs in a worker process with a hard deadline, as ``harness
    check`` runs it; ``in_process`` runs it here instead (faster to debug, but
    a hang or a crash takes the caller with it).
    """
    run = run_one if in_process else run_contained
    result = run(extractor, fixture, timeout=config.timeout, clock_check=True, options=config.checks)
    SuspectMarker(config.severity)(fixture, extractor, result)  # findings resting on a doubted truth say so
    outcome = ItemOutcome(fixture, extractor, result, apply_severity(result.findings, config.severity))
    if not config.snapshots or fixture.cassette_path is None or result.extraction is None:
        return outcome
    path = outcome.snapshot = snapshot_path(fixture, extractor.name)
    try:
        stored = read_snapshot(path)
    except FixtureError as error:  # fails the pair; never taken as missing, never overwritten
        outcome.snapshot_status = "unreadable"
        outcome.snapshot_problem = error.reason
        return outcome
    if stored is not None:
        outcome.changes = compare(stored, result.extraction, body_similarity=config.body_similarity)
    if stored is None:
        outcome.snapshot_status = "missing"
        if update in ("new", "changed", "all"):
            write_snapshot(path, result.extraction, extractor.name, extractor.version)
            outcome.snapshot_status = "written-new"
    elif outcome.changes:
        outcome.snapshot_status = "changed"
        if update in ("changed", "all"):
            write_snapshot(path, result.extraction, extractor.name, extractor.version)
            outcome.snapshot_status = "written-changed"
    else:
        outcome.snapshot_status = "same"
        if update == "all":
            write_snapshot(path, result.extraction, extractor.name, extractor.version)
            outcome.snapshot_status = "rewritten"
    return outcome
