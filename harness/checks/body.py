"""Body checks: sponsored and boilerplate leaks, missing snippets, shingle precision and recall."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core import contains, fold, listed, shingle_scores
from .widgets import STRUCTURE, leaked_widgets, quoted

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["SPONSORED_MARKERS", "check_body"]

#: Labels that mark sponsored content when they stand alone as a paragraph of the body
#: (extractors that keep a Taboola or Outbrain rail keep its "Sponsored Links" heading
#: with it): these fire even where the truth is silent.
SPONSORED_MARKERS = re.compile(
    r"^(sponsored( (content|articles?|links?|stories|by .{1,40}))?|paid (content|post|partner content)"
    r"|partner content|promoted( (links?|content|stories))?|advertisement|advertising|anzeige"
    r"|recommended by|ads by .{1,40}|(sponsored )?links? (by|from) .{1,40}|publicidad|publicité)$",
    re.IGNORECASE,
)

#: A cheap first look: a body with no line starting like a label skips the per-line scan.
_MAYBE_MARKER = re.compile(
    r"^\s*(sponsored|paid|partner|promoted|advertis|anzeige|recommended|ads |links? |publicid|publicit)",
    re.IGNORECASE | re.MULTILINE,
)

DEFAULT_PRECISION_FLOOR = 0.85
DEFAULT_RECALL_FLOOR = 0.85


def _quote(snippets: list[str], limit: int = 3) -> str:
    return listed(snippets, limit=limit, width=60, empty="")


def check_body(ctx: CheckContext) -> Iterator[Finding]:
    """Grade the extracted body against the truth's snippets and text."""
    truth = ctx.fixture.expectation
    body = ctx.extraction.body or ""

    leaked = [s for s in truth.must_not_contain if body and contains(body, s.text)]
    # Where the truth names no snippets, the page's own widgets stand in for them (checks/widgets.py).
    widgets = leaked_widgets(ctx)
    sponsored = [s.text for s in leaked if s.kind == "sponsored"]
    # Labels are short lines of their own; only those are folded and matched.
    markers = []
    if _MAYBE_MARKER.search(body):
        lines = (fold(line) for line in body.split("\n") if len(line) < 80)
        markers = [line for line in lines if SPONSORED_MARKERS.match(line)]
    found_markers = f"sponsored markers in the body: {_quote(markers)}" if markers else None
    sponsored_widgets = [w for w in widgets if w.kind == "sponsored"]
    if sponsored_widgets:
        yield ctx.finding(
            "body.sponsored_leak",
            f"text of the page's sponsored widget {sponsored_widgets[0].element} is in the body: "
            f"{quoted(sponsored_widgets)}",
            actual=[w.text for w in sponsored_widgets],
            evidence="; ".join(filter(None, (STRUCTURE, found_markers))),
        )
    elif sponsored or markers:
        what = _quote(sponsored) if sponsored else _quote(markers)
        yield ctx.finding(
            "body.sponsored_leak",
            f"sponsored text in the body: {what}",
            expected=None,
            actual=sponsored or markers,
            evidence=found_markers,
        )
    # The paywall's own text is body.paywall_text's (checks/paywall.py).
    other = [s for s in leaked if s.kind not in ("sponsored", "paywall")]
    other_widgets = [w for w in widgets if w.kind != "sponsored"]
    if other_widgets:
        kinds = sorted({w.kind for w in other_widgets})
        yield ctx.finding(
            "body.boilerplate_leak",
            f"{', '.join(kinds)} text of the page's {other_widgets[0].element} is in the body: {quoted(other_widgets)}",
            actual=[{"text": w.text, "kind": w.kind} for w in other_widgets],
            evidence=STRUCTURE,
        )
    elif other:
        kinds = sorted({s.kind for s in other})
        yield ctx.finding(
            "body.boilerplate_leak",
            f"{', '.join(kinds)} text in the body: {_quote([s.text for s in other])}",
            actual=[{"text": s.text, "kind": s.kind} for s in other],
        )

    missing = [s for s in truth.must_contain if not contains(body, s)]
    if missing:
        yield ctx.finding(
            "body.missing_text",
            f"{len(missing)} of {len(truth.must_contain)} snippets missing from the body: "
            f"{_quote(missing)}" + ("" if body else " (the body is empty)"),
            expected=missing,
            actual=None,
        )

    if truth.knows("body"):
        expected = truth.body or ""
        if not body and not expected:
            return
        precision, recall = shingle_scores(body, expected)
        precision_floor = float(ctx.option("body_precision_floor", DEFAULT_PRECISION_FLOOR))
        recall_floor = float(ctx.option("body_recall_floor", DEFAULT_RECALL_FLOOR))
        if body and precision < precision_floor:
            detail = (
                "the page has no article body"
                if not expected
                else f"{1 - precision:.0%} of the body's 4-token shingles are not in the true body"
            )
            yield ctx.finding(
                "body.low_precision",
                f"shingle precision {precision:.3f} is under the floor {precision_floor:.2f}: {detail}",
                expected=precision_floor,
                actual=round(precision, 4),
            )
        if expected and recall < recall_floor:
            yield ctx.finding(
                "body.low_recall",
                f"shingle recall {recall:.3f} is under the floor {recall_floor:.2f}: "
                f"{1 - recall:.0%} of the true body's 4-token shingles are missing",
                expected=recall_floor,
                actual=round(recall, 4),
            )
