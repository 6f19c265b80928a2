"""A check report (``harness check``): findings by fixture and extractor, for people and machines."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from ..core import Finding, printable_lines
from .plural import count

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..running import CheckReport

__all__ = ["render_github", "render_json", "render_terminal", "render_text"]

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
    for kind, fields in _walk(report, verbose=verbose):
        if kind == "finding":
            assert isinstance(fields, tuple)
            lines.extend(_finding_lines(fields[0]))
        else:
            assert isinstance(fields, str)
            lines.append(fields)
    return printable_lines(lines)


def render_terminal(report: CheckReport, *, width: int, verbose: bool = False, colour: bool = False) -> str:
    """The text report for a terminal of ``width`` columns: each finding's message wrapped with a hanging
    indent under its own start, marks in colour when ``colour`` (E red, W yellow, ok green)."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from .terminal import render, text

    styles = {"error": "bold red", "warning": "yellow", "info": "dim"}
    out: list[RenderableType] = []
    grid: Table | None = None
    id_width = max((len(f.check) for f in report.findings), default=0)
    for kind, fields in [*_walk(report, verbose=verbose), ("end", "")]:
        if kind != "finding" and grid is not None:
            out.append(Padding(grid, (0, 0, 0, 4)))
            grid = None
        if kind == "finding":
            finding = fields[0]
            assert isinstance(finding, Finding)
            if grid is None:
                grid = Table.grid(padding=(0, 1), pad_edge=False)
                grid.add_column(no_wrap=True)
                grid.add_column(no_wrap=True, min_width=id_width)
                grid.add_column(overflow="fold")
            grid.add_row(
                text(_MARK[finding.severity], styles[finding.severity]), text(finding.check), text(finding.message)
            )
            if finding.evidence:
                grid.add_row(Text(""), Text(""), text(f"evidence: {finding.evidence}", "dim"))
            if finding.truth_suspect:
                grid.add_row(Text(""), Text(""), text(f"truth suspect: {finding.truth_suspect}", "magenta"))
        elif kind == "fixture":
            out.append(text(fields, "bold"))
        elif kind == "ok":
            label, _, rest = str(fields).rpartition(": ok")
            out.append(Text.assemble(text(label), ": ", ("ok", "green"), text(rest)))
        elif kind == "problem":
            out.append(text(fields, "red"))
        elif kind != "end":
            out.append(text(fields))
    return render(*out, width=width, colour=colour)


_Step = tuple[str, "str | tuple[Finding]"]


def _walk(report: CheckReport, *, verbose: bool) -> list[_Step]:
    """The report as a sequence of steps, the same for the plain and the terminal renderings."""
    lines: list[_Step] = []
    for problem in report.problems:
        lines.append(("problem", f"problem: {problem}"))
    lines.extend(("line", f"skipped: {skipped}") for skipped in report.skipped)
    if report.problems or report.skipped:
        lines.append(("line", ""))
    for fixture, results in groupby(report.results, key=lambda r: r.fixture):
        lines.append(("fixture", fixture))
        for result in results:
            version = next((e.version for e in report.extractors if e.name == result.extractor), None)
            label = f"{result.extractor} {version}" if version else result.extractor
            shown = [f for f in result.findings if verbose or f.severity != "info"]
            if result.status == "not-covered" and not verbose:
                # The finding says why, unless [tool.harness.severity] turned it off.
                said = next((f.message for f in result.findings if f.check == "extractor.not_covered"), "")
                lines.append(("line", f"  {label}: {said or 'does not cover this page'}"))
                continue
            if not shown:
                lines.append(("ok", f"  {label}: ok ({result.seconds * 1000:.0f} ms)"))
                continue
            lines.append(("line", f"  {label}:"))
            lines.extend(("finding", (finding,)) for finding in shown)
        lines.append(("line", ""))
    summary = report.to_dict()["summary"]
    lines.append((
        "line",
        f"{count(summary['fixtures'], 'fixture')} × {count(len(report.extractors), 'extractor')}: "
        f"{count(summary['errors'], 'error')}, {count(summary['warnings'], 'warning')}"
        + (f", {count(summary['problems'], 'input')} could not be used" if summary["problems"] else "")
        + ".",
    ))  # fmt: skip
    uncovered = Counter(r.extractor for r in report.results if r.status == "not-covered")
    for extractor, pages in sorted(uncovered.items()):
        lines.append(
            ("line", f"{extractor} does not cover {pages} of the {summary['fixtures']} pages (not defects: left out).")
        )
    suspect = sum(bool(f.truth_suspect) for f in report.findings)
    if suspect:
        lines.append((
            "line",
            f"{count(suspect, 'finding')} {'rests' if suspect == 1 else 'rest'} on a truth the audit doubts "
            "('truth suspect:' lines): 'harness audit' lists those truths with the page's evidence.",
        ))  # fmt: skip
    if report.problems:
        lines.append(("line", "Fix or remove the inputs listed as 'problem:' above; the rest was checked."))
    elif report.errors:
        lines.append(
            (
                "line",
                "Each E line is a defect in that extractor's result; 'harness check --format json' has the details.",
            )
        )
    return lines


def render_json(report: CheckReport) -> str:
    """The report as JSON: ``{"findings": [...], "problems": [...], "summary": {...}}``."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str)


def render_github(report: CheckReport) -> str:
    """GitHub Actions annotations: one per finding of error or warning severity, attached to the page's
    truth file, and one per input that could not be used."""
    from .github import annotation, repository_path

    level = {"error": "error", "warning": "warning"}
    out = []
    for finding in report.findings:
        if finding.severity not in level:
            continue
        where = report.truth_files.get(finding.fixture)
        out.append(
            annotation(
                level[finding.severity], f"{finding.check} ({finding.extractor})",
                f"{finding.fixture}: {finding.message}", repository_path(where) if where else None,
            )
        )  # fmt: skip
    out.extend(annotation("error", "input could not be used", str(problem)) for problem in report.problems)
    return printable_lines(out)
