"""Marking extractor findings that rest on a truth the audit doubts, and listing suspect truths.

A finding rests on a doubted truth when the audit has a finding on the same
fixture for the same field (authors, published, title, body), except for
checks that read the page alone; ``--strict-truth`` turns the suspect truths
behind error findings into a usage error.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ..core import Finding

__all__ = ["SuspectTruth", "mark_suspects", "suspect_truths", "suspects_in_pages"]

#: Extractor checks that rest on the page alone: a doubted truth does not make them doubtful.
_PAGE_ONLY = frozenset({"byline.noise", "date.future", "date.clock_dependent", "schema.invalid"})
#: Doubts that make no extractor finding doubtful: the byline checks already read an organization
#: among the true authors as an organization credit, never as a person to be found.
_NOT_MARKING = frozenset({"truth.organization_as_author"})


def mark_suspects(findings: Iterable[Finding], audit: Iterable[Finding]) -> list[Finding]:
    """``findings`` with ``truth_suspect`` set on each that rests on a truth the audit doubts.

    A finding rests on a doubted truth when the audit has a finding on the same
    fixture for the same field (authors, published, title, body), except for
    checks that read the page alone (a noisy byline, a future date); a missing
    snippet is doubted only when the audit doubts that snippet. An organization
    among the true authors marks nothing: the byline checks already read it as
    an organization credit.
    """
    doubts: dict[tuple[str, str], list[Finding]] = {}
    for doubt in audit:
        if doubt.field is not None and doubt.check not in _NOT_MARKING:
            doubts.setdefault((doubt.fixture, doubt.field), []).append(doubt)
    if not doubts:
        return list(findings)
    marked = []
    for finding in findings:
        field = "published" if finding.field == "modified" else finding.field
        related = [d for d in doubts.get((finding.fixture, field or ""), []) if _rests_on(finding, d)]
        if related and finding.check not in _PAGE_ONLY:
            reason = "; ".join(f"{d.message} ({d.check})" for d in related)
            finding = dataclasses.replace(finding, truth_suspect=reason)
        marked.append(finding)
    return marked


def _rests_on(finding: Finding, doubt: Finding) -> bool:
    if finding.field == "modified":
        return False  # the audit judges the published time only
    if doubt.check == "truth.snippet_absent":
        missing = finding.expected if isinstance(finding.expected, list) else []
        return finding.check == "body.missing_text" and doubt.expected in missing
    # A missing snippet rests on the snippets, which only snippet_absent doubts.
    return finding.check != "body.missing_text"


@dataclass(frozen=True)
class SuspectTruth:
    """One truth field the audit doubts, on which a finding rests: what ``--strict-truth`` refuses."""

    fixture: str
    field: str
    reason: str


def suspect_truths(findings: Iterable[Finding]) -> list[SuspectTruth]:
    """The distinct doubted truths that ``findings`` of error severity rest on, in order.

    Only errors count: they are the verdicts that fail CI, and a verdict that
    rests on a doubted truth may be a false alarm.
    """
    found = (
        SuspectTruth(f.fixture, f.field or "", f.truth_suspect)
        for f in findings
        if f.truth_suspect and f.severity == "error"
    )
    return list(dict.fromkeys(found))


def suspects_in_pages(pages: Iterable[Mapping[str, Any]]) -> list[SuspectTruth]:
    """The doubted truths that a scoring run's errors rest on, from its per-page detail
    (``ScoreReport.page_details()``), as :func:`suspect_truths` finds them."""
    found = (
        SuspectTruth(page["page"], finding.get("field") or "", finding["truth_suspect"])
        for page in pages
        for result in page.get("results", {}).values()
        for finding in result.get("findings", [])
        if finding.get("truth_suspect") and finding.get("severity") == "error"
    )
    return list(dict.fromkeys(found))
