"""``harness import corpus|warc``: what was written, what was kept, what could not be read."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..authoring import ImportReport

__all__ = ["render_text"]


def render_text(report: ImportReport, out: str) -> str:
    """Each problem on a line of its own, then one summary line."""
    lines = [f"problem: {problem}" for problem in report.problems]
    lines.append(
        f"wrote {len(report.written)} fixtures to {out}"
        + (f"; kept {len(report.skipped)} that already existed (--force overwrites them)" if report.skipped else "")
        + (f"; {len(report.problems)} pages could not be read" if report.problems else "")
    )
    return "\n".join(lines)
