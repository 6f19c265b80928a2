"""The checks: each a named rule over (fixture, extraction) that yields findings.

``run_checks`` runs every family that applies to the fields an extractor can
produce; ``CATALOGUE`` lists every check id with its default severity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .body import SPONSORED_MARKERS, check_body
from .byline import check_bylines
from .catalogue import (
    CATALOGUE,
    CONTRACT_CHECKS,
    LEVELS,
    TRUTH_CHECKS,
    CheckContext,
    CheckInfo,
    Level,
    apply_severity,
    make_finding,
)
from .damage import check_damage
from .dates import DayReadings, check_dates, day_readings
from .names import noise_reason
from .organizations import KNOWN_ORGANIZATIONS, Organizations, organization_reason, organizations_of
from .page import PageFacts, Stated, page_facts
from .paywall import check_paywall
from .structure import check_structure
from .suspects import SuspectTruth, mark_suspects, suspect_truths, suspects_in_pages
from .title import check_title
from .truth import AUDITOR, BODY_FLOOR, audit_fixture

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..core import Extraction, Finding, Fixture

__all__ = [
    "AUDITOR",
    "BODY_FLOOR",
    "CATALOGUE",
    "CONTRACT_CHECKS",
    "KNOWN_ORGANIZATIONS",
    "LEVELS",
    "SPONSORED_MARKERS",
    "TRUTH_CHECKS",
    "CheckContext",
    "CheckInfo",
    "DayReadings",
    "Level",
    "Organizations",
    "PageFacts",
    "Stated",
    "SuspectTruth",
    "apply_severity",
    "audit_fixture",
    "day_readings",
    "make_finding",
    "mark_suspects",
    "noise_reason",
    "organization_reason",
    "organizations_of",
    "page_facts",
    "run_checks",
    "suspect_truths",
    "suspects_in_pages",
]

#: Each family with the fields it grades: it runs when the extractor can produce any of them.
_FAMILIES = (
    (("authors",), check_bylines),
    (("body",), check_body),
    (("body",), check_damage),
    (("body",), check_structure),
    (("body",), check_paywall),
    (("published", "modified"), check_dates),
    (("title",), check_title),
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
    for graded, family in _FAMILIES:
        if not fields.isdisjoint(graded):
            findings.extend(family(ctx))
    return findings
