"""``harness diff``: is HEAD better or worse than BASE, per page, field and figure?

Both sides are score reports (``harness score --json``). Pages pair by name and
extractors by name. Per page and field, HEAD moved toward the truth
(an improvement) or away from it (a regression); per figure, the change comes
with a paired-bootstrap interval over the shared pages. The gate fails on any
new error-severity finding (unless configured off), on a figure that falls
by more than its configured tolerance, or on one under its configured floor.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..checks import CATALOGUE
from ..core import UsageError, overlap_f1, schema_problem
from ..scoring import LOWER_IS_BETTER, PageScore, paired_difference
from .config import GateConfig

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["EPSILON", "Change", "ChangeKind", "DiffReport", "diff_reports", "load_report"]

#: Which way one page's field moved: toward the truth or away from it.
ChangeKind = Literal["improvement", "regression"]

#: Changes smaller than this are rounding, not movement.
EPSILON = 1e-9


@dataclass(frozen=True)
class Change:
    """One page × extractor × field that moved, or one finding that came or went."""

    page: str
    extractor: str
    field: str
    kind: ChangeKind
    detail: str
    check: str | None = None
    #: The file the page's truth is in (for annotations that attach to it).
    file: str | None = None


@dataclass
class DiffReport:
    """Everything ``harness diff`` found."""

    changes: list[Change] = field(default_factory=list)
    metrics: dict[str, dict[str, dict[str, float | None]]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def improvements(self) -> list[Change]:
        """Changes toward the truth."""
        return [c for c in self.changes if c.kind == "improvement"]

    @property
    def regressions(self) -> list[Change]:
        """Changes away from the truth."""
        return [c for c in self.changes if c.kind == "regression"]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "passed": not self.failures,
            "failures": self.failures,
            "pages": self.pages,
            "improvements": [c.__dict__ for c in self.improvements],
            "regressions": [c.__dict__ for c in self.regressions],
            "metrics": self.metrics,
            "notes": self.notes,
        }


def load_report(path: str | Path) -> dict[str, Any]:
    """A score report written by ``harness score --json``.

    Raises:
        UsageError: not readable, or not a score report with per-page results.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        msg = f"Cannot read score report {str(path)!r}: {error}"
        raise UsageError(msg) from None
    if not isinstance(data, dict) or data.get("format") != "news-harness score 1" or "page_results" not in data:
        msg = f"{str(path)!r} is not a score report with page results; write one with 'harness score --json FILE'"
        raise UsageError(msg)
    problem = schema_problem("score", data)
    if problem:
        msg = f"{str(path)!r} is not a well-formed score report: {problem}"
        raise UsageError(msg)
    return data


def _goodness(score: PageScore, name: str) -> float | None:
    """How close one page's field is to the truth, from 0 to 1 (None: not graded)."""
    if name == "body" and score.body is not None:
        return overlap_f1(*score.body)
    if name == "authors" and score.author_exact is not None:
        if score.author_recall is None:  # the page credits nobody
            return 0.0 if score.author_invented else 1.0
        precision = score.author_precision or 0.0
        recall = score.author_recall
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if name == "published" and score.day is not None:
        points = [1.0 if score.day == "correct" else 0.0]
        if score.instant is not None:
            points.append(1.0 if score.instant == "correct" else 0.0)
        return sum(points) / len(points)
    if name == "title" and score.title is not None:
        return 1.0 if score.title else 0.0
    if name == "leaks" and score.leak_labelled:
        return -float(sum(score.leaks.values()))
    return None


def _errors(result: dict[str, Any]) -> dict[str, str]:
    return {f["check"]: f["message"] for f in result.get("findings", []) if f["severity"] == "error"}


def _field_of(check: str) -> str:
    info = CATALOGUE.get(check)
    field_name = info.field if info is not None and info.field else "extractor"
    return "leaks" if check in ("body.sponsored_leak", "body.boilerplate_leak", "body.paywall_text") else field_name


def _page_changes(
    page: str, extractor: str, old: PageScore, new: PageScore, before: dict[str, Any], after: dict[str, Any]
) -> list[Change]:
    """One change per field that moved: the score's direction, named by the finding that came or went."""
    changes: dict[tuple[str, str], Change] = {}
    for field_name in ("body", "authors", "published", "title", "leaks"):
        a, b = _goodness(old, field_name), _goodness(new, field_name)
        if a is not None and b is not None and abs(a - b) > EPSILON:
            kind: ChangeKind = "improvement" if b > a else "regression"
            changes[(field_name, kind)] = Change(page, extractor, field_name, kind, f"score {a:.3f} → {b:.3f}")
    old_errors, new_errors = _errors(before), _errors(after)
    moved: list[tuple[str, ChangeKind, str]] = [
        (c, "regression", new_errors[c]) for c in sorted(set(new_errors) - set(old_errors))
    ]
    moved += [(c, "improvement", f"fixed: {old_errors[c]}") for c in sorted(set(old_errors) - set(new_errors))]
    for check, kind, message in moved:
        key = (_field_of(check), kind)
        known = changes.get(key)
        if known is not None and known.check is None:
            changes[key] = Change(page, extractor, key[0], kind, f"{message} ({known.detail})", check)
        else:
            changes[(f"{key[0]}:{check}", kind)] = Change(page, extractor, key[0], kind, message, check)
    return list(changes.values())


def truth_file(report: Mapping[str, Any], page: str) -> str | None:
    """The file ``page``'s truth is read from, by the corpora the report names: ``<page>.expected.json``
    under a fixture folder, a Zyte benchmark's ground-truth.json, a JSONL corpus. None when none exists here."""
    for corpus in report.get("corpora") or []:
        root = Path(str(corpus.get("path", "")))
        kind = corpus.get("kind")
        found = (
            root / f"{page}.expected.json" if kind == "fixtures"
            else root / "ground-truth.json" if kind == "zyte"
            else root if kind == "jsonl"
            else None
        )  # fmt: skip
        if found is not None and found.is_file():
            return str(found)
    return None


def diff_reports(
    base: dict[str, Any], head: dict[str, Any], *, gate: GateConfig | None = None, resamples: int = 1000,
    seed: int = 0,
) -> DiffReport:  # fmt: skip
    """Compare two score reports page by page and figure by figure, and apply the gate."""
    gate = gate or GateConfig()
    report = DiffReport()
    base_pages = {p["page"]: p for p in base["page_results"]}
    head_pages = {p["page"]: p for p in head["page_results"]}
    shared = [name for name in head_pages if name in base_pages]
    report.pages = len(shared)
    for side, only in (
        ("BASE", set(base_pages) - set(head_pages)),
        ("HEAD", set(head_pages) - set(base_pages)),
    ):
        if only:
            report.notes.append(f"{len(only)} pages only in {side} are not compared")
    extractors = [e["name"] for e in head["extractors"] if e["name"] in {x["name"] for x in base["extractors"]}]
    truths = {name: where for name in shared if (where := truth_file(head, name)) is not None}
    for extractor in extractors:
        before_scores, after_scores = [], []
        for name in shared:
            before = base_pages[name]["results"].get(extractor)
            after = head_pages[name]["results"].get(extractor)
            if before is None or after is None:
                continue
            old, new = PageScore.from_dict(before["score"]), PageScore.from_dict(after["score"])
            before_scores.append(old)
            after_scores.append(new)
            report.changes.extend(
                dataclasses.replace(change, file=truths.get(name))
                for change in _page_changes(name, extractor, old, new, before, after)
            )
        if before_scores:
            report.metrics[extractor] = paired_difference(before_scores, after_scores, resamples=resamples, seed=seed)
    _apply_gate(report, gate, head)
    return report


def _apply_gate(report: DiffReport, gate: GateConfig, head: dict[str, Any]) -> None:
    if gate.new_errors:
        new = [c for c in report.regressions if c.check is not None]
        if new:
            report.failures.append(f"{len(new)} new error finding(s) in HEAD")
    for extractor, metrics in report.metrics.items():
        for metric, tolerance in gate.tolerance.items():
            change = metrics.get(metric, {}).get("difference")
            if change is None:
                continue
            # A rate of something wrong (errors, leaks, page-only findings) gets worse as it rises.
            worse = change if metric in LOWER_IS_BETTER else -change
            if worse > tolerance + EPSILON:
                moved = "rose" if metric in LOWER_IS_BETTER else "fell"
                report.failures.append(
                    f"{extractor}: {metric} {moved} by {worse:.3f}, more than its tolerance {tolerance:.3f}"
                )
    values = {e["name"]: e["metrics"] for e in head["extractors"]}
    for extractor, metrics in values.items():
        for metric, floor in gate.floors.items():
            value = metrics.get(metric, {}).get("value")
            if value is None:
                continue
            if metric in LOWER_IS_BETTER and value > floor:
                report.failures.append(f"{extractor}: {metric} is {value:.3f}, over its ceiling {floor:.3f}")
            elif metric not in LOWER_IS_BETTER and value < floor:
                report.failures.append(f"{extractor}: {metric} is {value:.3f}, under its floor {floor:.3f}")
