"""The capture time of the page an extractor is running on, for adapters that need it.

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

__all__ = ["captured_at", "capturing"]

_CAPTURED: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("harness_captured_at", default=None)


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
