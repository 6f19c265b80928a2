"""Per-page scores: what one extractor scored on one page, for every field the truth labels.

The body score is the Zyte article-extraction-benchmark's: 4-token shingles
of ``re.findall(r"\\w+")`` tokens, per-document tp/fp/fn normalised by their
sum, and exact-token equality. Authors compare as sets of name keys; dates
at the day (in the site's timezone when the truth has a time) and at the
instant within a tolerance; the title after whitespace folding; leaks as
``must_not_contain`` snippets found, by kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..checks import Stated, day_readings, page_facts
from ..core import Extraction, Status, as_stated, contains, fold, name_key, parse_stamp, shingle_overlap, tokens

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..core import Expectation, Page, Stamp

__all__ = [
    "PAGE_ONLY_CHECKS",
    "DateStatus",
    "PageScore",
    "body_tp_fp_fn",
    "precision_of",
    "recall_of",
    "score_page",
    "silver_agreement",
]

#: How an extracted date compares with the truth at the day or at the instant.
DateStatus = Literal["correct", "wrong", "missing"]


def body_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """The Zyte benchmark's normalised (tp, fp, fn) of 4-token shingles for one document."""
    hits, extra, lost = shingle_overlap(true, pred)
    tp, fp, fn = float(hits), float(extra), float(lost)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_of(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_of(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


@dataclass(slots=True)
class PageScore:
    """What one extractor scored on one page; ``None`` where the page or the extractor has no say."""

    status: Status = "ok"
    seconds: float = 0.0
    body: tuple[float, float, float] | None = None
    body_exact: bool | None = None
    snippets_found: int = 0
    snippets_total: int = 0
    leaks: dict[str, int] = field(default_factory=dict)
    leak_labelled: bool = False
    author_precision: float | None = None
    author_recall: float | None = None
    author_exact: bool | None = None
    author_missing: bool | None = None
    author_invented: bool | None = None
    day: DateStatus | None = None
    instant: DateStatus | None = None
    title: bool | None = None
    #: In a truth-free run, the page-only checks that fired on this page (None: a run with truth).
    flags: list[str] | None = None
    #: Agreement with what the page's own metadata states (JSON-LD, OpenGraph), by field, where it
    #: states it: a second opinion, never an error.
    silver: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The page score as JSON-ready data, lossless (:meth:`from_dict` reads it back)."""
        out: dict[str, Any] = {"status": self.status, "ms": round(self.seconds * 1000, 3)}
        for name in _SCORE_FIELDS:
            value = getattr(self, name)
            if value is not None and value != {} and not (name.startswith("snippets") and not value):
                out[name] = list(value) if isinstance(value, tuple) else value
        if self.leak_labelled:
            out["leak_labelled"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageScore:
        """A page score from :meth:`to_dict`'s output (as found in a score report)."""
        score = cls(status=data.get("status", "ok"), seconds=float(data.get("ms", 0.0)) / 1000)
        for name in _SCORE_FIELDS:
            if name in data:
                value = data[name]
                setattr(score, name, tuple(value) if name == "body" else value)
        score.leak_labelled = bool(data.get("leak_labelled", False))
        return score


_SCORE_FIELDS = (
    "body", "body_exact", "snippets_found", "snippets_total", "leaks", "author_precision",
    "author_recall", "author_exact", "author_missing", "author_invented", "day", "instant", "title",
    "flags", "silver",
)  # fmt: skip
#: The checks a truth-free run counts per page: each needs nothing but the page (and the clock).
PAGE_ONLY_CHECKS = (
    "byline.noise", "byline.organization", "body.sponsored_leak", "body.boilerplate_leak", "date.future",
    "date.clock_dependent", "extractor.nondeterministic",
)  # fmt: skip
#: Where the page's metadata states a field: JSON-LD and <meta> (OpenGraph and the like), not its visible text.
_METADATA = ("JSON-LD", "<meta")


def _date_status(
    pred: str | None, truth: Expectation, page: Page | None, *, instant: bool, tolerance: float
) -> DateStatus | None:
    """Correct, wrong or missing: at the day, read as the date checks read it (see
    :class:`~harness.checks.DayReadings`), or at the instant, in the site's zone."""
    true_stamp = parse_stamp(truth.published)
    if true_stamp is None or (instant and not true_stamp.has_time):
        return None
    parsed = parse_stamp(pred)
    stamp = as_stated(parsed) if parsed is not None else None
    if stamp is None or (instant and not stamp.has_time):
        return "missing"
    readings = day_readings(truth, page, true_stamp)
    if not instant:
        return "correct" if readings.day(stamp) is not None else "wrong"
    zone = readings.main
    left, right = stamp.instant(zone), true_stamp.instant(zone)
    assert left is not None
    assert right is not None
    return "correct" if abs((left - right).total_seconds()) <= tolerance else "wrong"


def score_page(
    truth: Expectation,
    extraction: Extraction | None,
    fields: frozenset[str],
    *,
    page: Page | None = None,
    status: Status = "ok",
    seconds: float = 0.0,
    tolerance_seconds: float = 60.0,
) -> PageScore:
    """Score one extraction against the truth. A failed run (``extraction`` None) scores as empty."""
    got = extraction or Extraction()
    score = PageScore(status=status, seconds=seconds)
    body = got.body or ""
    if "body" in fields:
        if truth.knows("body") and truth.body is not None:
            score.body = body_tp_fp_fn(truth.body, body)
            score.body_exact = tokens(truth.body) == tokens(body)
        score.snippets_total = len(truth.must_contain)
        score.snippets_found = sum(contains(body, s) for s in truth.must_contain)
        if truth.knows("must_not_contain"):
            score.leak_labelled = True
            for snippet in truth.must_not_contain:
                if body and contains(body, snippet.text):
                    score.leaks[snippet.kind] = score.leaks.get(snippet.kind, 0) + 1
    if "authors" in fields and truth.knows("authors"):
        true = {name_key(a) for a in truth.authors}
        pred = {name_key(a) for a in got.authors or ()}
        hits = len(true & pred)
        score.author_precision = hits / len(pred) if pred and true else None
        score.author_recall = hits / len(true) if true else None
        score.author_exact = pred == true
        score.author_missing = bool(true) and not pred
        score.author_invented = not true and bool(pred)
    if "published" in fields and truth.knows("published") and truth.published:
        score.day = _date_status(got.published, truth, page, instant=False, tolerance=0)
        score.instant = _date_status(got.published, truth, page, instant=True, tolerance=tolerance_seconds)
    if "title" in fields and truth.knows("title") and truth.title:
        score.title = fold(got.title or "") == fold(truth.title)
    if page is not None and extraction is not None:
        score.silver = silver_agreement(page, extraction, fields, tolerance_seconds=tolerance_seconds)
    return score


def silver_agreement(
    page: Page, extraction: Extraction, fields: frozenset[str], *, tolerance_seconds: float = 60.0
) -> dict[str, bool]:
    """Whether ``extraction`` agrees with what ``page``'s metadata (JSON-LD, ``<meta>``) states, for
    each of authors, published and title that the page states and the extractor can produce.

    Authors agree as sets of name keys; published at the same instant within the tolerance (the
    same day when either has no time); the title after folding, with any stated title.
    """
    facts = page_facts(page)

    def stated(values: tuple[Stated, ...]) -> list[str]:
        return [s.value for s in values if s.source.startswith(_METADATA)]

    out: dict[str, bool] = {}
    authors = stated(facts.authors)
    if "authors" in fields and authors:
        out["authors"] = {name_key(a) for a in extraction.authors or ()} == {name_key(a) for a in authors}
    published = [p for p in (parse_stamp(v) for v in stated(facts.published)) if p is not None]
    if "published" in fields and published:
        got = parse_stamp(extraction.published)
        out["published"] = got is not None and any(_same_time(got, p, tolerance_seconds) for p in published[:1])
    titles = stated(facts.titles)
    if "title" in fields and titles:
        out["title"] = bool(extraction.title) and fold(extraction.title or "") in {fold(t) for t in titles}
    return out


def _same_time(a: Stamp, b: Stamp, tolerance: float) -> bool:
    if a.has_time and b.has_time and a.kind == b.kind == "aware":
        left, right = a.instant("UTC"), b.instant("UTC")
        return left is not None and right is not None and abs((left - right).total_seconds()) <= tolerance
    return _written_day(a) == _written_day(b)


def _written_day(stamp: Stamp) -> object:
    """The day as the value writes it (in its own offset, or as a bare date)."""
    value = stamp.value
    return value.date() if isinstance(value, dt.datetime) else value
