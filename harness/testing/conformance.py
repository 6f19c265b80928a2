"""For plugin authors: test an adapter the way news-harness tests its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checks import CONTRACT_CHECKS
from ..running import DEFAULT_TIMEOUT, check

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    from ..extractors import LoadedExtractor

__all__ = ["run_conformance_test"]


def run_conformance_test(
    extractor: str | LoadedExtractor,
    paths: Sequence[str | os.PathLike[str]] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Run ``extractor`` over fixtures (default: the bundled ones) and fail on any contract breach.

    Data-quality findings (a missed byline, a leaked teaser) are not contract
    breaches and do not fail this test; :data:`CONTRACT_CHECKS` do.

    Raises:
        AssertionError: listing each breach with its fixture and message.
    """
    report = check(paths, [extractor], timeout=timeout, clock_check=True)
    problems = [str(p) for p in report.problems]
    breaches = [f"{f.fixture}: {f.check}: {f.message}" for f in report.findings if f.check in CONTRACT_CHECKS]
    if problems or breaches:
        lines = [*(f"cannot run: {p}" for p in problems), *breaches]
        raise AssertionError(f"{len(lines)} conformance failure(s):\n" + "\n".join(lines))
