"""The truth audit (``harness audit``): each doubted truth with its evidence, counts per id; and the
lines other reports print for it (the import's summary, ``--strict-truth``'s refusal)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from ..core import printable_lines

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..checks import SuspectTruth
    from ..core import Finding
    from ..running import AuditReport

__all__ = ["render_json", "render_suspects", "render_text", "summary_line"]


def render_text(report: AuditReport) -> str:
    """Doubts grouped by page (each with its evidence), then the counts per id and the remedy."""
    lines = [f"problem: {problem}" for problem in report.problems]
    lines.extend(f"skipped: {skipped}" for skipped in report.skipped)
    if report.problems or report.skipped:
        lines.append("")
    for fixture, findings in groupby(report.findings, key=lambda f: f.fixture):
        lines.append(fixture)
        for finding in findings:
            lines.append(f"  {finding.check:<30} {finding.message}")
            if finding.evidence and finding.evidence not in finding.message:
                lines.append(f"    evidence: {finding.evidence}")
        lines.append("")
    counts = report.counts
    for check, count in counts.items():
        lines.append(f"{count:>6} {check}")
    lines.append(
        f"{_count(len(report.fixtures), 'truth')} audited: "
        + (
            f"{_count(len(report.findings), 'doubt')} on {_count(len(report.doubted), 'page')}"
            if report.findings
            else "none doubted"
        )
        + (f", {_count(len(report.problems), 'input')} could not be read" if report.problems else "")
        + "."
    )
    if report.problems:
        lines.append("Fix or remove the inputs listed as 'problem:' above; the rest was audited.")
    elif report.findings:
        lines.append(
            "Each doubt is about the truth (expected.json), not an extractor: check it against the page and "
            "correct the truth, or silence the id in [tool.harness.severity]."
        )
    return printable_lines(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def render_json(report: AuditReport) -> str:
    """The report as JSON: ``{"findings": [...], "counts": {...}, "problems": [...], "summary": {...}}``."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str)


def summary_line(findings: Sequence[Finding], out: str) -> str:
    """One line for the end of an import: how many truths the audit doubts, by id, and where to look."""
    if not findings:
        return "audit: no truth doubted"
    counts = Counter(f.check for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    listed = ", ".join(f"{count} {check}" for check, count in ordered)
    return f"audit: {_count(len(findings), 'truth')} doubted: {listed}, see 'harness audit {out}'"


def render_suspects(suspects: Sequence[SuspectTruth], option: str = "--strict-truth") -> str:
    """``--strict-truth``'s refusal: one line per doubted truth that a finding rests on, then the remedy."""
    lines = [f"suspect truth: {s.fixture} ({s.field}): {s.reason}" for s in suspects]
    lines.append(
        f"{option}: error findings rest on {_count(len(suspects), 'doubted truth')}, and a verdict on a doubted "
        f"truth may be a false alarm. Correct those truths (see 'harness audit'), or run without {option}."
    )
    return printable_lines(lines)
