"""The checks: each a named rule over (fixture, extraction) that yields findings.

``run_checks`` runs every family that applies to the fields an extractor can
produce; ``CATALOGUE`` lists every check id with its default severity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._body import check_body, shingle_scores
from ._byline import KNOWN_ORGANIZATIONS, check_bylines, noise_reason
from ._catalogue import CATALOGUE, CheckContext, CheckInfo
from ._dates import check_dates
from ._title import check_title

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Extraction, Finding, Fixture

__all__ = [
    "CATALOGUE",
    "KNOWN_ORGANIZATIONS",
    "CheckContext",
    "CheckInfo",
    "noise_reason",
    "run_checks",
    "shingle_scores",
]

_FAMILIES = (
    ("authors", check_bylines),
    ("body", check_body),
    ("published", check_dates),
    ("title", check_title),
)


def run_checks(
    fixture: Fixture,
    extraction: Extraction,
    *,
    extractor: str = "extractor",
    fields: frozenset[str] = frozenset({"title", "authors", "published", "modified", "body"}),
    options: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Every finding the content checks make of ``extraction`` on ``fixture``.

    Only the families for ``fields`` (what the extractor can produce at all) run,
    so a body-only extractor is not graded on bylines.
    """
    ctx = CheckContext(fixture, extraction, extractor, fields, options or {})
    findings: list[Finding] = []
    for field, family in _FAMILIES:
        if field in fields:
            findings.extend(family(ctx))
    return findings
