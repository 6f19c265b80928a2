"""One fixture and one extractor, judged for CI: findings at the project's severities, and
the snapshot compared (or updated). The pytest plugin and the API call this; it prints nothing."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._run import run_one
from .config import Config, apply_severity
from .snapshots import FieldChange, compare, read_snapshot, snapshot_path, write_snapshot

if TYPE_CHECKING:
    from pathlib import Path

    from ._run import RunResult
    from .extractors import LoadedExtractor
    from .model import Finding, Fixture
    from .snapshots import Update

__all__ = ["ItemOutcome", "evaluate", "render_failure"]


@dataclass
class ItemOutcome:
    """What CI needs to know about one (fixture, extractor) pair."""

    fixture: Fixture
    extractor: LoadedExtractor
    result: RunResult
    findings: list[Finding]
    changes: list[FieldChange] = field(default_factory=list)
    snapshot: Path | None = None
    snapshot_status: str = "off"  # off | missing | same | changed | written-new | written-changed | rewritten

    @property
    def errors(self) -> list[Finding]:
        """Findings of error severity, after the project's overrides."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def failed(self) -> bool:
        """Whether CI should fail this pair."""
        return bool(self.errors) or self.snapshot_status == "changed"


def evaluate(
    extractor: LoadedExtractor, fixture: Fixture, config: Config, *, update: Update | None = None
) -> ItemOutcome:
    """Run ``extractor`` on ``fixture``, apply the configuration, and compare or update its snapshot."""
    result = run_one(extractor, fixture, timeout=config.timeout, clock_check=True, options=config.checks)
    outcome = ItemOutcome(fixture, extractor, result, apply_severity(result.findings, config.severity))
    if not config.snapshots or fixture.cassette_path is None or result.extraction is None:
        return outcome
    path = outcome.snapshot = snapshot_path(fixture, extractor.name)
    stored = read_snapshot(path)
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


def _short(value: object, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _body_diff(before: str, after: str, limit: int = 12) -> list[str]:
    lines = list(difflib.unified_diff(before.split("\n\n"), after.split("\n\n"), "snapshot", "now", n=0, lineterm=""))[
        2:
    ]
    shown = [f"      {line[:150]}" for line in lines if not line.startswith("@@")][:limit]
    more = len([line for line in lines if not line.startswith("@@")]) - len(shown)
    return shown + ([f"      … {more} more paragraph lines"] if more > 0 else [])


def render_failure(outcome: ItemOutcome) -> str:
    """The failure of one pair: each failing field with expected, actual, check ids and messages."""
    truth = outcome.fixture.expectation
    extraction = outcome.result.extraction
    lines = [f"{outcome.fixture.name} × {outcome.extractor.name}"]
    by_field: dict[str, list[Finding]] = {}
    for finding in outcome.errors:
        by_field.setdefault(finding.field or "extractor", []).append(finding)
    for name, findings in by_field.items():
        lines.append(f"  {name}:")
        if name != "extractor" and name != "body":
            truth_value = getattr(truth, name, None)
            actual = getattr(extraction, name, None) if extraction is not None else None
            lines.append(f"    expected {_short(list(truth_value) if isinstance(truth_value, tuple) else truth_value)}")
            lines.append(f"    actual   {_short(list(actual) if isinstance(actual, tuple) else actual)}")
        lines.extend(f"    {f.check}: {f.message}" for f in findings)
    warnings = [f for f in outcome.findings if f.severity == "warning"]
    if warnings:
        lines.append("  warnings (not failing):")
        lines.extend(f"    {f.check}: {f.message}" for f in warnings)
    if outcome.snapshot_status == "changed":
        lines.append(f"  differs from its snapshot {outcome.snapshot}:")
        for change in outcome.changes:
            lines.append(f"    {change.field}: {change.detail}")
            if change.field == "body" and isinstance(change.before, str) and isinstance(change.after, str):
                lines.extend(_body_diff(change.before, change.after))
        lines.append("  If the change is intended, accept it with --harness-update=changed.")
    return "\n".join(lines)
