"""Metrics: per-page scores and corpus figures with bootstrap uncertainty.

The body metric reproduces the Zyte article-extraction-benchmark exactly:
4-token shingles of ``re.findall(r"\\w+")`` tokens, per-document tp/fp/fn
normalised by their sum, macro means of precision (over documents with
tp+fp > 0) and recall (over tp+fn > 0), F1 of the two means, and exact-token
accuracy. Authors, dates, title and leaks follow DESIGN.md's Metrics section.

Every corpus figure is a ratio of two per-page sums (or the F1 of two such
ratios), so one resampling of pages serves every metric and every extractor:
the bootstrap draws page weights once and the paired differences between two
extractors come from the same draws.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._dates import parse_stamp
from ._text import contains, fold, name_key, shingle_overlap, tokens

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    import numpy as np

    from .model import Expectation, Extraction

__all__ = [
    "METRICS",
    "Estimate",
    "Metric",
    "PageScore",
    "body_tp_fp_fn",
    "bootstrap",
    "paired_difference",
    "score_page",
]


# -- per page -------------------------------------------------------------


def body_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """The Zyte benchmark's normalised (tp, fp, fn) of 4-token shingles for one document."""
    hits, extra, lost = shingle_overlap(true, pred)
    tp, fp, fn = float(hits), float(extra), float(lost)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


@dataclass(slots=True)
class PageScore:
    """What one extractor scored on one page; ``None`` where the page or the extractor has no say."""

    status: str = "ok"
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
    day: str | None = None  # correct | wrong | missing
    instant: str | None = None
    title: bool | None = None

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
        score = cls(status=str(data.get("status", "ok")), seconds=float(data.get("ms", 0.0)) / 1000)
        for name in _SCORE_FIELDS:
            if name in data:
                value = data[name]
                setattr(score, name, tuple(value) if name == "body" else value)
        score.leak_labelled = bool(data.get("leak_labelled", False))
        return score


_SCORE_FIELDS = (
    "body", "body_exact", "snippets_found", "snippets_total", "leaks", "author_precision",
    "author_recall", "author_exact", "author_missing", "author_invented", "day", "instant", "title",
)  # fmt: skip


def _date_status(pred: str | None, truth: str, zone: str, *, instant: bool, tolerance: float) -> str | None:
    true_stamp = parse_stamp(truth)
    if true_stamp is None or (instant and not true_stamp.has_time):
        return None
    stamp = parse_stamp(pred)
    if stamp is None or (instant and not stamp.has_time):
        return "missing"
    if not instant:
        return "correct" if stamp.day(zone) == true_stamp.day(zone) else "wrong"
    left, right = stamp.instant(zone), true_stamp.instant(zone)
    assert left is not None
    assert right is not None
    return "correct" if abs((left - right).total_seconds()) <= tolerance else "wrong"


def score_page(
    truth: Expectation,
    extraction: Extraction | None,
    fields: frozenset[str],
    *,
    status: str = "ok",
    seconds: float = 0.0,
    tolerance_seconds: float = 60.0,
) -> PageScore:
    """Score one extraction against the truth. A failed run (``extraction`` None) scores as empty."""
    from .model import Extraction

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
        zone = truth.timezone
        score.day = _date_status(got.published, truth.published, zone, instant=False, tolerance=0)
        score.instant = _date_status(got.published, truth.published, zone, instant=True, tolerance=tolerance_seconds)
    if "title" in fields and truth.knows("title") and truth.title:
        score.title = fold(got.title or "") == fold(truth.title)
    return score


# -- corpus figures ---------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A corpus figure: a ratio of per-page sums, or the F1 of two such ratios."""

    name: str
    field: str
    label: str
    parts: tuple[str, ...] = ()  # for an F1: the two metric names it combines


@dataclass(frozen=True)
class Estimate:
    """A figure with its bootstrap standard deviation and the pages it rests on."""

    value: float | None
    std: float | None
    pages: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"value": self.value, "std": self.std, "pages": self.pages}


def _m(name: str, field: str, label: str, *parts: str) -> Metric:
    return Metric(name, field, label, parts)


METRICS: tuple[Metric, ...] = (
    _m("body.f1", "body", "body F1 (Zyte)", "body.precision", "body.recall"),
    _m("body.precision", "body", "body precision"),
    _m("body.recall", "body", "body recall"),
    _m("body.accuracy", "body", "body exact-token accuracy"),
    _m("body.must_contain", "body", "must_contain found"),
    _m("leaks.sponsored", "body", "pages with a sponsored leak"),
    _m("leaks.boilerplate", "body", "pages with a boilerplate leak"),
    _m("authors.f1", "authors", "authors F1", "authors.precision", "authors.recall"),
    _m("authors.precision", "authors", "authors precision"),
    _m("authors.recall", "authors", "authors recall"),
    _m("authors.exact", "authors", "authors exact set"),
    _m("published.day_accuracy", "published", "date accuracy (day)"),
    _m("published.day_f1", "published", "date F1 (day)"),
    _m("published.instant_accuracy", "published", "date accuracy (minute)"),
    _m("published.instant_f1", "published", "date F1 (minute)"),
    _m("title.accuracy", "title", "title exact"),
    _m("errors", "robustness", "error rate"),
    _m("timeouts", "robustness", "timeout rate"),
)


Terms = dict[str, tuple["array[float]", "array[float]"]]


def _ratio_terms(pages: Sequence[PageScore]) -> Terms:
    """Per-page numerators and denominators of every ratio metric (packed doubles: 16 bytes a page)."""
    terms: Terms = {}

    def add(name: str, numerator: float, denominator: float) -> None:
        num, den = terms.setdefault(name, (array("d"), array("d")))
        num.append(numerator)
        den.append(denominator)

    for page in pages:
        if page.body is not None:
            tp, fp, fn = page.body
            add("body.precision", _precision(tp, fp, fn) if tp + fp > 0 else 0.0, float(tp + fp > 0))
            add("body.recall", _recall(tp, fp, fn) if tp + fn > 0 else 0.0, float(tp + fn > 0))
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
    return terms


def _f1(precision: Any, recall: Any) -> Any:
    total = precision + recall
    return 2 * precision * recall / total


#: Resamples drawn at a time: the weights of one chunk are CHUNK × pages numbers,
#: so memory stays flat in corpus size (the whole matrix for 10,000 pages would be 80 MB).
CHUNK = 50


def weight_chunks(pages: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Bootstrap weights, a chunk of resamples at a time: how often each page is drawn.

    The same seed gives the same draws for any corpus order of work, so every
    extractor (and both sides of a paired comparison) sees the same resamples.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    for first in range(0, resamples, CHUNK):
        rows = min(CHUNK, resamples - first)
        if pages == 0:
            yield np.zeros((rows, 0))
            continue
        draws = rng.integers(0, pages, size=(rows, pages))
        flat = (draws + np.arange(rows)[:, None] * pages).ravel()
        yield np.bincount(flat, minlength=rows * pages).reshape(rows, pages).astype(float)


def _samples(sides: Sequence[Terms], pages: int, resamples: int, seed: int) -> list[dict[str, np.ndarray]]:
    """Each ratio metric over the bootstrap resamples, for each side (one or two score lists)."""
    import numpy as np

    arrays = [
        {name: (np.asarray(num, dtype=float), np.asarray(den, dtype=float)) for name, (num, den) in terms.items()}
        for terms in sides
    ]
    collected: list[dict[str, list[np.ndarray]]] = [{name: [] for name in a} for a in arrays]
    for weights in weight_chunks(pages, resamples, seed):
        for side, columns in zip(arrays, collected, strict=True):
            for name, (num, den) in side.items():
                with np.errstate(invalid="ignore", divide="ignore"):
                    columns[name].append((weights @ num) / (weights @ den))
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
    num, den = terms[name]
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


def bootstrap(pages: Sequence[PageScore], *, resamples: int = 1000, seed: int = 0) -> dict[str, Estimate]:
    """Every metric of :data:`METRICS` over ``pages``, with its bootstrap standard deviation."""
    terms = _ratio_terms(pages)
    [values] = _samples([terms], len(pages), resamples, seed)
    return {name: Estimate(point, _std(values[name]), count) for name, (point, count) in _points(terms).items()}


def _std(values: np.ndarray) -> float | None:
    import numpy as np

    finite = values[np.isfinite(values)]
    return float(np.std(finite, ddof=1)) if finite.size > 1 else None


def paired_difference(
    base: Sequence[PageScore], head: Sequence[PageScore], *, resamples: int = 1000, seed: int = 0
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
    base_points, head_points = _points(base_terms), _points(head_terms)
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


def timing(pages: Iterable[PageScore]) -> dict[str, float | None]:
    """Milliseconds per page: median and 95th percentile (no interval)."""
    import statistics

    ms = sorted(p.seconds * 1000 for p in pages if p.status != "timeout")
    if not ms:
        return {"median_ms": None, "p95_ms": None}
    index = min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))
    return {"median_ms": statistics.median(ms), "p95_ms": ms[index]}


def snippet_leaks_by_kind(pages: Iterable[PageScore]) -> Mapping[str, int]:
    """Leaked must_not_contain snippets, counted by kind."""
    total: dict[str, int] = {}
    for page in pages:
        for kind, count in page.leaks.items():
            total[kind] = total.get(kind, 0) + count
    return total
