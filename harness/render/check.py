"""A check report (``harness check``): findings by fixture and extractor, for people and machines."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from ..core import printable_lines

if TYPE_CHECKING:
    from ..core import Finding
    from ..running import CheckReport

__all__ = ["render_json", "render_text"]

_MARK = {"error": "E", "warning": "W", "info": "i"}


def _finding_lines(finding: Finding) -> list[str]:
    """A finding as indented lines: the check and message, then what was expected."""
    lines = [f"    {_MARK[finding.severity]} {finding.check:<26} {finding.message}"]
    if finding.evidence:
        lines.append(f"      evidence: {finding.evidence}")
    if finding.truth_suspect:
        lines.append(f"      truth suspect: {finding.truth_suspect}")
    return lines


def render_text(report: CheckReport, *, verbose: bool = False) -> str:
    """Findings grouped by fixture and extractor, then a summary that ends with the remedy."""
    lines: list[str] = []
    for problem in report.problems:
        lines.append(f"problem: {problem}")
    if report.problems:
        lines.append("")
    for fixture, results in groupby(report.results, key=lambda r: r.fixture):
        lines.append(fixture)
        for result in results:
            version = next((e.version for e in report.extractors if e.name == result.extractor), None)
            label = f"{result.extractor} {version}" if version else result.extractor
            shown = [f for f in result.findings if verbose or f.severity != "info"]
            if result.status == "not-covered" and not verbose:
                lines.append(f"  {label}: {result.findings[0].message}")
                continue
            if not shown:
                lines.append(f"  {label}: ok ({result.seconds * 1000:.0f} ms)")
                continue
            lines.append(f"  {label}:")
            for finding in shown:
                lines.extend(_finding_lines(finding))
        lines.append("")
    summary = report.to_dict()["summary"]
    lines.append(
        f"{summary['fixtures']} fixtures × {len(report.extractors)} extractors: "
        f"{summary['errors']} errors, {summary['warnings']} warnings"
        + (f", {summary['problems']} inputs could not be used" if summary["problems"] else "")
        + "."
    )
    uncovered = Counter(r.extractor for r in report.results if r.status == "not-covered")
    for extractor, count in sorted(uncovered.items()):
        lines.append(f"{extractor} does not cover {count} of the {summary['fixtures']} pages (not defects: left out).")
    suspect = sum(bool(f.truth_suspect) for f in report.findings)
    if suspect:
        lines.append(
            f"{suspect} findings rest on a truth the audit doubts ('truth suspect:' lines): "
            "'harness audit' lists those truths with the page's evidence."
        )
    if report.problems:
        lines.append("Fix or remove the inputs listed as 'problem:' above; the rest was checked.")
    elif report.errors:
        lines.append(
            "Each E line is a defect in that extractor's result; 'harness check --format json' has the details."
        )
    return printable_lines(lines)


def render_json(report: CheckReport) -> str:
    """The report as JSON: ``{"findings": [...], "problems": [...], "summary": {...}}``."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str)
