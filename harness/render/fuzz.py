"""Property runs (``harness fuzz``): each property held or failed, with how to reproduce it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..core import printable_lines
from .plural import count

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..testing import FuzzReport

__all__ = ["render_json", "render_markdown", "render_text"]


def render_text(report: FuzzReport) -> str:
    """For people: each property, held or failed with its minimal counterexample and how to reproduce it."""
    lines = [f"{report.extractor}: {count(len(report.results), 'property')}, {len(report.failed)} failed "
             f"(seed {report.seed}, up to {report.examples} examples each)"]  # fmt: skip
    for result in report.results:
        if result.held:
            lines.append(f"  ok    {result.name} ({count(result.examples, 'page')})")
            continue
        assert result.counterexample is not None
        lines.append(f"  FAIL  {result.name}: {result.description}")
        lines.append(f"        page {result.counterexample.page.url}")
        lines.extend(f"        {f.check}: {f.message}" for f in result.findings)
        if result.saved:
            lines.append(f"        saved as {result.saved}")
        elif result.save_problem:
            lines.append(f"        not saved: {result.save_problem}")
    lines.extend(f"  warning: {warning} (not a failure)" for warning in report.warnings)
    if report.failed:
        lines.append(f"Reproduce with: {report.reproduce}")
        lines.append("  (--save-failures DIR writes each counterexample as a fixture)")
    return printable_lines(lines)


def render_json(reports: Sequence[FuzzReport]) -> str:
    """Every report as JSON."""
    return json.dumps(
        [{"extractor": r.extractor, "seed": r.seed, "examples": r.examples,
          "results": [x.to_dict() for x in r.results], "warnings": r.warnings, "reproduce": r.reproduce}
         for r in reports],
        indent=2, ensure_ascii=False,
    )  # fmt: skip


def render_markdown(reports: Sequence[FuzzReport]) -> str:
    """A table: one row per extractor, one column per property; ✗ where it failed."""
    if not reports:
        return ""
    names = [r.name for r in reports[0].results]
    out = ["| extractor | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for report in reports:
        cells = {r.name: ("✓" if r.held else "✗") for r in report.results}
        out.append(f"| {report.extractor} | " + " | ".join(cells.get(n, "") for n in names) + " |")
    return printable_lines(out) + "\n"
