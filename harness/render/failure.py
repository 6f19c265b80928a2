"""One failing pytest item (fixture × extractor): each failing field with expected, actual and why."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ..core import printable_lines

if TYPE_CHECKING:
    from ..core import Finding
    from ..testing import ItemOutcome

__all__ = ["render_text"]


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


def render_text(outcome: ItemOutcome) -> str:
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
        for finding in findings:
            lines.append(f"    {finding.check}: {finding.message}")
            for frame in finding.actual if finding.check == "extractor.error" and finding.actual else ():
                # Where in the user's own code it raised, innermost last.
                lines.append(f"      {frame['file']}:{frame['line']} in {frame['function']}: {frame['code']}")
            if finding.truth_suspect:
                lines.append(f"      truth suspect: {finding.truth_suspect}")
    warnings = [f for f in outcome.findings if f.severity == "warning"]
    if warnings:
        lines.append("  warnings (not failing):")
        lines.extend(f"    {f.check}: {f.message}" for f in warnings)
    if outcome.snapshot_status == "unreadable":
        lines.append(f"  its snapshot {outcome.snapshot}: {outcome.snapshot_problem}")
    if outcome.snapshot_status == "changed":
        lines.append(f"  differs from its snapshot {outcome.snapshot}:")
        for change in outcome.changes:
            lines.append(f"    {change.field}: {change.detail}")
            if change.field == "body" and isinstance(change.before, str) and isinstance(change.after, str):
                lines.extend(_body_diff(change.before, change.after))
        breaking = outcome.breaking
        if breaking:
            lines.append("  The change breaks the truth, so it is not one to accept into the snapshot:")
            lines.extend(f"    {f.check}: {f.message}" for f in breaking)
        else:
            lines.append(
                "  It is no worse against the truth. If the change is intended, accept it with --harness-update."
            )
    return printable_lines(lines)
