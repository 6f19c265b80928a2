"""What the harness tells an adapter while it runs, and what an adapter tells the harness back.

The capture time of the page an extractor is running on (:func:`captured_at`),
for adapters that need it; and :func:`report_refused`, for an adapter that
answers a request of its scraper from the recording and finds it missing
(a Scrapy spider asking for a page the cassette lacks): it is reported as
``extractor.network`` while the scraper's result is still graded.

Some scrapers choose what to do by the crawl date (Fundus picks a parser
version by it; news-please records a download date). Reading the wall clock
for that would make their output follow the clock, which the clock check
reports as a defect; the harness instead says the capture time here while an
extractor runs (:func:`capturing`, used by the runner), and an adapter reads
it with :func:`captured_at`.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

__all__ = ["captured_at", "capturing", "collecting_refusals", "report_refused"]

_CAPTURED: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("harness_captured_at", default=None)
_REFUSED: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("harness_refused", default=None)


def captured_at() -> dt.datetime | None:
    """When the page being extracted was captured; None outside a harness run or when unknown."""
    return _CAPTURED.get()


@contextlib.contextmanager
def capturing(moment: dt.datetime | None) -> Iterator[None]:
    """Say ``moment`` as the capture time for the block."""
    token = _CAPTURED.set(moment)
    try:
        yield
    finally:
        _CAPTURED.reset(token)


def report_refused(request: str) -> None:
    """Say that the scraper asked for ``request`` ("GET https://…"), which the recording does not hold.

    Reported as ``extractor.network`` naming it; outside a harness run, nothing happens.
    """
    refused = _REFUSED.get()
    if refused is not None:
        refused.append(request)


@contextlib.contextmanager
def collecting_refusals(into: list[str]) -> Iterator[None]:
    """Collect what :func:`report_refused` is told in the block into ``into``."""
    token = _REFUSED.set(into)
    try:
        yield
    finally:
        _REFUSED.reset(token)
