"""``harness import corpus|warc``: what was written, what was kept, what could not be read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import printable_lines
from . import audit
from .plural import count

if TYPE_CHECKING:
    from ..authoring import ImportReport

__all__ = ["render_text"]


def render_text(report: ImportReport, out: str) -> str:
    """Each problem on a line of its own, what the import had to assume, then one summary line."""
    lines = [f"problem: {problem}" for problem in report.problems]
    if report.unknown_capture:
        lines.append(
            f"{count(report.unknown_capture, 'page')} {'has' if report.unknown_capture == 1 else 'have'} "
            "no capture time: stored as unknown; "
            "date checks will use each page's latest stated date"
        )
    if report.audit is not None:  # what the truth audit doubts in what was written, before the last line
        lines.append(audit.summary_line(report.audit, out))
    lines.append(
        f"wrote {count(len(report.written), 'fixture')} to {out}"
        + (f"; kept {len(report.skipped)} that already existed (--force overwrites them)" if report.skipped else "")
        + (f"; {count(len(report.problems), 'page')} could not be read" if report.problems else "")
    )
    return printable_lines(lines)
