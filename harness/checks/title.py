"""Title checks: a wrong title, or one that carries the site's name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import fold

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["check_title"]


def check_title(ctx: CheckContext) -> Iterator[Finding]:
    """Compare the title with the truth, both folded (typography and whitespace), case kept."""
    truth = ctx.fixture.expectation
    if not truth.knows("title") or truth.title is None:
        return
    title = fold(ctx.extraction.title or "")
    expected = fold(truth.title)
    if title == expected:
        return
    site = fold(truth.site_name or "")
    if title and site and site.casefold() in title.casefold() and site.casefold() not in expected.casefold():
        yield ctx.finding(
            "title.site_name",
            f"title {title!r} carries the site's name {site!r}; the headline is {expected!r}",
            expected=truth.title,
            actual=ctx.extraction.title,
        )
        if expected in title:
            return
    yield ctx.finding(
        "title.mismatch",
        f"title {title!r} is not the headline {expected!r}" if title else f"no title; the headline is {expected!r}",
        expected=truth.title,
        actual=ctx.extraction.title,
    )
