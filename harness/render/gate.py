"""A diff report (``harness diff``): for people, for a pull-request comment, for GitHub Actions, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import printable_lines
from ..scoring import METRICS
from ..testing import EPSILON
from .github import annotation, repository_path
from .plural import count

if TYPE_CHECKING:
    from ..testing import Change, DiffReport

__all__ = ["render_github", "render_json", "render_markdown", "render_text"]


_LABELS = {m.name: m.label for m in METRICS}
_HEADLINE = ("body.f1", "authors.f1", "published.day_accuracy", "published.instant_accuracy", "title.accuracy",
             "leaks.sponsored", "leaks.boilerplate", "errors", "timeouts")  # fmt: skip


def _metric_lines(report: DiffReport) -> list[tuple[str, str, dict[str, float | None]]]:
    rows = []
    for extractor, metrics in report.metrics.items():
        for metric in _HEADLINE:
            change = metrics.get(metric)
            if change and change["difference"] is not None and abs(change["difference"]) > EPSILON:
                rows.append((extractor, metric, change))
    return rows


def _interval(change: dict[str, float | None]) -> str:
    if change["low"] is None or change["high"] is None:
        return ""
    return f" (95% {change['low']:+.3f} to {change['high']:+.3f})"


def render_text(report: DiffReport) -> str:
    """For people: regressions first, then improvements, then figures, then the verdict."""
    lines = [f"{count(report.pages, 'page')} compared."]
    for title, changes in (("Regressions", report.regressions), ("Improvements", report.improvements)):
        lines.append(f"{title} ({len(changes)}):")
        lines.extend(f"  {c.page} × {c.extractor} · {c.check or c.field}: {c.detail}" for c in changes)
    rows = _metric_lines(report)
    if rows:
        lines.append("Figures that moved (HEAD − BASE, paired bootstrap):")
        lines.extend(
            f"  {extractor} {_LABELS[metric]}: {change['difference']:+.3f}{_interval(change)}"
            for extractor, metric, change in rows
        )
    lines.extend(f"note: {n}" for n in report.notes)
    if report.failures:
        lines.append("Gate FAILED: " + "; ".join(report.failures))
    else:
        lines.append("Gate passed.")
    return printable_lines(lines)


def render_markdown(report: DiffReport) -> str:
    """For a pull-request comment."""
    verdict = "❌ **Gate failed**: " + "; ".join(report.failures) if report.failures else "✅ **Gate passed**"
    out = [f"### news-harness: HEAD against BASE on {report.pages} pages", "", verdict, ""]
    for title, changes in (("Regressions", report.regressions), ("Improvements", report.improvements)):
        if changes:
            out += [
                f"**{title}** ({len(changes)})",
                "",
                "| page | extractor | field | change |",
                "|---|---|---|---|",
            ]
            out += [f"| {c.page} | {c.extractor} | {c.check or c.field} | {c.detail} |" for c in changes]
            out.append("")
    rows = _metric_lines(report)
    if rows:
        out += ["| extractor | figure | HEAD − BASE | 95% interval |", "|---|---|---|---|"]
        out += [f"| {e} | {_LABELS[m]} | {c['difference']:+.3f} | {_interval(c).strip(' ()')} |" for e, m, c in rows]
    return printable_lines(out) + "\n"


def _annotation(level: str, change: Change, verb: str) -> str:
    title = f"{change.check or change.field} {verb} ({change.extractor})"
    where = repository_path(Path(change.file)) if change.file else None
    return annotation(level, title, f"{change.page}: {change.detail}", where)


def render_github(report: DiffReport) -> str:
    """GitHub Actions workflow commands: an annotation per regression, a notice per improvement, each
    attached to the page's truth file (``file=``) where the report's corpora are here to find it."""
    out = [_annotation("error", change, "regressed") for change in report.regressions]
    out += [_annotation("notice", change, "improved") for change in report.improvements]
    for failure in report.failures:
        out.append(annotation("error", "news-harness gate failed", failure))
    return printable_lines(out)


def render_json(report: DiffReport) -> str:
    """The diff as JSON (what ``DiffReport.to_dict`` holds)."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
