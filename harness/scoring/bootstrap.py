"""Corpus figures with bootstrap uncertainty, and paired differences between two score lists.

The body figures reproduce the Zyte article-extraction-benchmark exactly:
macro means of per-document precision (over documents with tp+fp > 0) and
recall (over tp+fn > 0), F1 of the two means, and exact-token accuracy.
Authors: precision is the mean over pages where both sides name someone,
recall the mean over pages with true authors, F1 of the two means. Dates:
accuracy and htmldate's F1 (2·correct / (2·correct + wrong + missing)).

Every corpus figure is a ratio of two per-page sums (or the F1 of two such
ratios), so one resampling of pages serves every metric and every extractor:
the bootstrap draws page weights once and the paired differences between two
extractors come from the same draws.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .metrics import PAGE_ONLY_CHECKS, PageScore, precision_of, recall_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    import numpy as np

__all__ = [
    "LOWER_IS_BETTER",
    "METRICS",
    "Estimate",
    "Metric",
    "ScoreTerms",
    "bootstrap",
    "paired_difference",
    "snippet_leaks_by_kind",
    "timing",
    "weight_chunks",
]


@dataclass(frozen=True)
class Metric:
    """A corpus figure: a ratio of per-page sums, or the F1 of two such ratios."""

    name: str
    field: str
    label: str
    parts: tuple[str, ...] = ()  # for an F1: the two metric names it combines
    #: A rate of something wrong (errors, leaks, page-only findings): less is better.
    lower_is_better: bool = False


@dataclass(frozen=True)
class Estimate:
    """A figure with its bootstrap standard deviation and the pages it rests on."""

    value: float | None
    std: float | None
    pages: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"value": self.value, "std": self.std, "pages": self.pages}


def _m(name: str, field: str, label: str, *parts: str, lower: bool = False) -> Metric:
    return Metric(name, field, label, parts, lower_is_better=lower)


METRICS: tuple[Metric, ...] = (
    _m("body.f1", "body", "body F1 (Zyte)", "body.precision", "body.recall"),
    _m("body.precision", "body", "body precision"),
    _m("body.recall", "body", "body recall"),
    _m("body.accuracy", "body", "body exact-token accuracy"),
    _m("body.must_contain", "body", "must_contain found"),
    _m("leaks.sponsored", "body", "pages with a sponsored leak", lower=True),
    _m("leaks.boilerplate", "body", "pages with a boilerplate leak", lower=True),
    _m("authors.f1", "authors", "authors F1", "authors.precision", "authors.recall"),
    _m("authors.precision", "authors", "authors precision"),
    _m("authors.recall", "authors", "authors recall"),
    _m("authors.exact", "authors", "authors exact set"),
    _m("published.day_accuracy", "published", "date accuracy (day)"),
    _m("published.day_f1", "published", "date F1 (day)"),
    _m("published.instant_accuracy", "published", "date accuracy (minute)"),
    _m("published.instant_f1", "published", "date F1 (minute)"),
    _m("title.accuracy", "title", "title exact"),
    _m("errors", "robustness", "error rate", lower=True),
    _m("timeouts", "robustness", "timeout rate", lower=True),
    # Truth-free runs: the share of pages with each page-only finding (reports show it per 1,000
    # pages), and agreement with the page's own metadata where it states the field.
    *(_m(f"page.{check}", "page", f"pages with {check}", lower=True) for check in PAGE_ONLY_CHECKS),
    _m("silver.authors", "silver", "authors agree with the page's metadata"),
    _m("silver.published", "silver", "published agrees with the page's metadata"),
    _m("silver.title", "silver", "title agrees with the page's metadata"),
)

#: The figures where less is better (what the gate's tolerances and the reports' colours read the other way).
LOWER_IS_BETTER = frozenset(metric.name for metric in METRICS if metric.lower_is_better)

Terms = dict[str, tuple["array[Any]", "array[Any]"]]

#: The ratio terms that take any value: packed as doubles (8 bytes a page). Every other term is a count
#: of 0, 1 or 2 and is packed as one signed byte, so a page costs about 120 bytes, not 720.
_REAL_TERMS = frozenset({"body.precision", "body.recall", "body.must_contain", "authors.precision", "authors.recall"})


class ScoreTerms:
    """One extractor's per-page scores, reduced as they come to what the corpus figures need: each
    ratio metric's per-page numerator and denominator (packed), the milliseconds of each page that did
    not time out, the leaked snippets by kind, and whether it ever gave a date, and one with a time.

    The run keeps this instead of every :class:`PageScore` (whose detail is spooled), so memory grows
    by about 130 bytes a page and extractor.
    """

    def __init__(self) -> None:
        self.terms: Terms = {}
        self.pages = 0
        self.ms: array[float] = array("d")
        self.leaks: dict[str, int] = {}
        self.dated = self.timed = False

    @classmethod
    def of(cls, pages: Iterable[PageScore]) -> ScoreTerms:
        """The terms of ``pages``, in order."""
        terms = cls()
        for page in pages:
            terms.add(page)
        return terms

    def __len__(self) -> int:
        return self.pages

    def _add(self, name: str, numerator: float, denominator: float) -> None:
        pair = self.terms.get(name)
        if pair is None:
            code = "d" if name in _REAL_TERMS else "b"
            pair = self.terms[name] = (array(code), array(code))
        num, den = pair
        if num.typecode == "b":
            num.append(int(numerator))
            den.append(int(denominator))
        else:
            num.append(numerator)
            den.append(denominator)

    def add(self, page: PageScore) -> None:
        """Append one page's terms, in page order."""
        add = self._add
        self.pages += 1
        if page.status != "timeout":
            self.ms.append(page.seconds * 1000)
        for kind, count in page.leaks.items():
            self.leaks[kind] = self.leaks.get(kind, 0) + count
        self.dated = self.dated or page.day in ("correct", "wrong")
        self.timed = self.timed or page.instant in ("correct", "wrong")
        if page.body is not None:
            tp, fp, fn = page.body
            add("body.precision", precision_of(tp, fp, fn) if tp + fp > 0 else 0.0, float(tp + fp > 0))
            add("body.recall", recall_of(tp, fp, fn) if tp + fn > 0 else 0.0, float(tp + fn > 0))
            add("body.accuracy", float(bool(page.body_exact)), 1.0)
        else:
            for name in ("body.precision", "body.recall", "body.accuracy"):
                add(name, 0.0, 0.0)
        add("body.must_contain", page.snippets_found, page.snippets_total)
        labelled = float(page.leak_labelled)
        add("leaks.sponsored", float(page.leaks.get("sponsored", 0) > 0), labelled)
        add("leaks.boilerplate", float(any(k != "sponsored" for k in page.leaks)), labelled)
        has_p, has_r = page.author_precision is not None, page.author_recall is not None
        add("authors.precision", page.author_precision or 0.0, float(has_p))
        add("authors.recall", page.author_recall or 0.0, float(has_r))
        add("authors.exact", float(bool(page.author_exact)), float(page.author_exact is not None))
        for kind, status in (("day", page.day), ("instant", page.instant)):
            correct = float(status == "correct")
            add(f"published.{kind}_accuracy", correct, float(status is not None))
            # F1 = 2c / (2c + wrong + missing), htmldate's evaluation.
            add(f"published.{kind}_f1", 2 * correct, (2 * correct + 1.0 - correct) if status else 0.0)
        add("title.accuracy", float(bool(page.title)), float(page.title is not None))
        add("errors", float(page.status == "error"), 1.0)
        add("timeouts", float(page.status == "timeout"), 1.0)
        flagged = float(page.flags is not None)
        for check in PAGE_ONLY_CHECKS:
            add(f"page.{check}", float(check in (page.flags or ())), flagged)
        for name in ("authors", "published", "title"):
            agreed = page.silver.get(name)
            add(f"silver.{name}", float(bool(agreed)), float(agreed is not None))


def _ratio_terms(pages: Sequence[PageScore] | ScoreTerms) -> ScoreTerms:
    """Per-page numerators and denominators of every ratio metric (packed: about 120 bytes a page)."""
    return pages if isinstance(pages, ScoreTerms) else ScoreTerms.of(pages)


def _f1(precision: Any, recall: Any) -> Any:
    total = precision + recall
    return 2 * precision * recall / total


#: Resamples drawn at a time: the weights of one chunk are CHUNK × pages numbers (the whole matrix
#: for 10,000 pages would be 80 MB).
CHUNK = 50
#: At most this many weights at a time, so that a chunk's arrays stay a few MB however many pages:
#: a corpus over CELLS / CHUNK pages draws fewer resamples at a time, from the same stream of numbers.
CELLS = 200_000


def weight_chunks(pages: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Bootstrap weights, a chunk of resamples at a time: how often each page is drawn.

    The same seed gives the same draws for any corpus order of work, so every
    extractor (and both sides of a paired comparison) sees the same resamples.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    step = max(1, min(CHUNK, CELLS // max(pages, 1)))
    for first in range(0, resamples, step):
        rows = min(step, resamples - first)
        if pages == 0:
            yield np.zeros((rows, 0))
            continue
        draws = rng.integers(0, pages, size=(rows, pages))
        flat = (draws + np.arange(rows)[:, None] * pages).ravel()
        yield np.bincount(flat, minlength=rows * pages).reshape(rows, pages).astype(float)


def _view(values: array[Any]) -> np.ndarray:
    """The packed terms as doubles: a view of packed doubles, a copy of packed bytes (made one metric
    and one chunk at a time, so that no more than one metric's doubles exist at once)."""
    import numpy as np

    if not len(values):
        return np.zeros(0)
    if values.typecode == "d":
        return np.frombuffer(values, dtype=float)
    return np.frombuffer(values, dtype=np.int8).astype(float)


def _samples(sides: Sequence[ScoreTerms], pages: int, resamples: int, seed: int) -> list[dict[str, np.ndarray]]:
    """Each ratio metric over the bootstrap resamples, for each side (one or two score lists)."""
    import numpy as np

    collected: list[dict[str, list[np.ndarray]]] = [{name: [] for name in side.terms} for side in sides]
    for weights in weight_chunks(pages, resamples, seed):
        for side, columns in zip(sides, collected, strict=True):
            for name, (num, den) in side.terms.items():
                with np.errstate(invalid="ignore", divide="ignore"):
                    columns[name].append((weights @ _view(num)) / (weights @ _view(den)))
    out: list[dict[str, np.ndarray]] = []
    for columns in collected:
        values = {name: np.concatenate(chunks) for name, chunks in columns.items()}
        for metric in METRICS:
            if metric.parts:
                with np.errstate(invalid="ignore", divide="ignore"):
                    values[metric.name] = _f1(values[metric.parts[0]], values[metric.parts[1]])
        out.append(values)
    return out


def _point(terms: Terms, name: str) -> tuple[float | None, int]:
    num, den = terms[name]  # sums of packed bytes are ints: the same ratio as the doubles' sums
    total = sum(den)
    return (sum(num) / total if total else None), sum(1 for d in den if d)


def _points(terms: Terms) -> dict[str, tuple[float | None, int]]:
    points = {m.name: _point(terms, m.name) for m in METRICS if not m.parts}
    for metric in METRICS:
        if metric.parts:
            (first, pages_1), (second, pages_2) = (points[p] for p in metric.parts)
            ok = first is not None and second is not None and first + second > 0
            points[metric.name] = (float(_f1(first, second)) if ok else None, min(pages_1, pages_2))
    return points


def bootstrap(pages: Sequence[PageScore] | ScoreTerms, *, resamples: int = 1000, seed: int = 0) -> dict[str, Estimate]:
    """Every metric of :data:`METRICS` over ``pages`` (or their :class:`ScoreTerms`), with its bootstrap
    standard deviation."""
    terms = _ratio_terms(pages)
    [values] = _samples([terms], len(terms), resamples, seed)
    return {name: Estimate(point, _std(values[name]), count) for name, (point, count) in _points(terms.terms).items()}


def _std(values: np.ndarray) -> float | None:
    import numpy as np

    finite = values[np.isfinite(values)]
    return float(np.std(finite, ddof=1)) if finite.size > 1 else None


def paired_difference(
    base: Sequence[PageScore] | ScoreTerms,
    head: Sequence[PageScore] | ScoreTerms,
    *,
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, dict[str, float | None]]:
    """HEAD minus BASE for every metric over the same pages in the same order, by paired bootstrap.

    Returns, per metric, the difference, its standard deviation and a 95% percentile interval.
    """
    import numpy as np

    if len(base) != len(head):
        msg = f"paired scores need the same pages: {len(base)} against {len(head)}"
        raise ValueError(msg)
    base_terms, head_terms = _ratio_terms(base), _ratio_terms(head)
    base_values, head_values = _samples([base_terms, head_terms], len(base), resamples, seed)
    base_points, head_points = _points(base_terms.terms), _points(head_terms.terms)
    out: dict[str, dict[str, float | None]] = {}
    for metric in METRICS:
        diff = head_values[metric.name] - base_values[metric.name]
        finite = diff[np.isfinite(diff)]
        before, after = base_points[metric.name][0], head_points[metric.name][0]
        out[metric.name] = {
            "difference": None if before is None or after is None else after - before,
            "std": float(np.std(finite, ddof=1)) if finite.size > 1 else None,
            "low": float(np.percentile(finite, 2.5)) if finite.size else None,
            "high": float(np.percentile(finite, 97.5)) if finite.size else None,
        }
    return out


def timing(pages: Iterable[PageScore] | ScoreTerms) -> dict[str, float | None]:
    """Milliseconds per page: median and 95th percentile (no interval)."""
    import statistics

    if isinstance(pages, ScoreTerms):
        ms = sorted(pages.ms)
    else:
        ms = sorted(p.seconds * 1000 for p in pages if p.status != "timeout")
    if not ms:
        return {"median_ms": None, "p95_ms": None}
    index = min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))
    return {"median_ms": statistics.median(ms), "p95_ms": ms[index]}


def snippet_leaks_by_kind(pages: Iterable[PageScore] | ScoreTerms) -> Mapping[str, int]:
    """Leaked must_not_contain snippets, counted by kind."""
    if isinstance(pages, ScoreTerms):
        return dict(pages.leaks)
    total: dict[str, int] = {}
    for page in pages:
        for kind, count in page.leaks.items():
            total[kind] = total.get(kind, 0) + count
    return total
