"""Re-recorded pages (``harness refresh``): did the site change, and whose results moved with it?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import printable_lines
from .plural import count

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..authoring import RefreshReport

__all__ = ["render_text"]


def render_text(reports: Sequence[RefreshReport]) -> str:
    """For people: per fixture, the verdict, the regions that changed, and the results that moved."""
    lines = []
    for report in reports:
        if report.problem:
            lines.append(f"{report.fixture}: could not re-record {report.url}: {report.problem}")
            continue
        if not report.page_changed:
            lines.append(
                f"{report.fixture}: the page is as recorded; a failing check here is the scraper's, not the site's"
            )
            continue
        lines.append(
            f"{report.fixture}: the site changed since it was recorded ({count(len(report.regions), 'region')}):"
        )
        for name, old, new in report.regions:
            lines.append(f"  {name}: {old!r} -> {new!r}")
        if report.moved:
            lines.append("  results that moved with it:")
            for extractor, changes in report.moved.items():
                lines.append(f"    {extractor}: " + "; ".join(f"{c.field} {c.detail}" for c in changes))
        else:
            lines.append("  no extractor's result moved")
        lines.append("  Re-record it with 'harness record URL --force' once the change is understood.")
    return printable_lines(lines)
