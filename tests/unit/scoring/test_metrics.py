"""Metrics: the Zyte body metric against its plain definition, author/date/title rules, the bootstrap."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.core import Extraction
from harness.scoring import PageScore, body_tp_fp_fn, bootstrap, paired_difference, score_page
from tests.conftest import make_fixture


def naive_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """The benchmark's definition, written out plainly."""
    import re

    def grams(text: str) -> Counter:
        words = re.findall(r"\w+", text)
        return Counter(tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3)) if words[i : i + 4])

    t, p = grams(true), grams(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in t.keys() | p.keys())
    fn = sum(max(0, t[k] - p[k]) for k in t.keys() | p.keys())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


words = st.sampled_from(["the", "bridge", "reopened", "on", "Friday", "über", "café", "2024", "a_b", "x"])
texts = st.lists(words, max_size=40).map(" ".join) | st.text(max_size=60)


TRUTH = {
    "authors": ["Jane Roe", "John Doe"], "published": "2024-05-03T17:47:00+02:00", "title": "Bridge reopens",
    "body": "The bridge reopened on Friday after two years.",
}  # fmt: skip
ALL = frozenset({"title", "authors", "published", "body"})


def page(**extraction) -> PageScore:
    return score_page(make_fixture(**TRUTH).expectation, Extraction(**extraction), ALL)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_fast_shingle_matching_equals_the_definition(true, pred):
    assert body_tp_fp_fn(true, pred) == pytest.approx(naive_tp_fp_fn(true, pred))


def test_author_precision_and_recall_per_page():
    scored = page(authors=("JANE ROE", "Mark Teaser"))
    assert (scored.author_precision, scored.author_recall, scored.author_exact) == (0.5, 0.5, False)
    assert page(authors=("By Jane Roe",)).author_recall == 0.0  # no prefix stripping
    empty = page(authors=())
    assert (empty.author_precision, empty.author_recall, empty.author_missing) == (None, 0.0, True)


def test_dates_at_the_day_and_the_minute():
    assert (page(published="2024-05-03").day, page(published="2024-05-03").instant) == ("correct", "missing")
    assert page(published="2024-05-03T15:47:30Z").instant == "correct"
    assert page(published="2024-05-03T17:47:00Z").instant == "wrong"
    assert page(published="2024-05-02").day == "wrong"
    assert page().day == "missing"


def test_days_are_scored_as_the_checks_read_them():
    import dataclasses

    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-05-04T00:30:00+02:00"}</script></head><body><p>x</p></body></html>'
    )
    fixture = make_fixture(html, published="2024-05-03T22:30:00+00:00", timezone="UTC")
    unknown = dataclasses.replace(fixture.expectation, timezone_known=False)
    local_day = Extraction(published="2024-05-04")
    fields = frozenset({"published"})
    # Without a known timezone the page's own +02:00 is a reading: the local day is right, as in the checks.
    assert score_page(unknown, local_day, fields, page=fixture.page).day == "correct"
    # With UTC stated, it is the wrong day.
    assert score_page(fixture.expectation, local_day, fields, page=fixture.page).day == "wrong"


def test_date_figures_follow_htmldate_evaluation():
    pages = [PageScore(day=d) for d in ("correct", "correct", "wrong", "missing")]
    metrics = bootstrap(pages, resamples=50)
    assert metrics["published.day_accuracy"].value == 0.5
    assert metrics["published.day_f1"].value == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))
    assert metrics["published.day_accuracy"].pages == 4


def test_unlabelled_figures_rest_on_no_page():
    metrics = bootstrap([PageScore(), PageScore()], resamples=10)
    assert metrics["authors.f1"].value is None and metrics["authors.f1"].pages == 0


def test_the_bootstrap_is_seeded():
    pages = [PageScore(title=bool(i % 3)) for i in range(50)]
    first, again = bootstrap(pages, seed=7), bootstrap(pages, seed=7)
    assert first["title.accuracy"].std == again["title.accuracy"].std
    assert bootstrap(pages, seed=8)["title.accuracy"].std != first["title.accuracy"].std


def test_paired_difference_sees_a_real_improvement():
    base = [PageScore(title=i % 2 == 0) for i in range(100)]
    head = [PageScore(title=True) for _ in range(100)]
    diff = paired_difference(base, head)["title.accuracy"]
    assert diff["difference"] == pytest.approx(0.5)
    assert diff["low"] > 0


def test_a_large_corpus_draws_the_same_weights_in_smaller_chunks():
    import importlib

    import numpy as np

    module = importlib.import_module("harness.scoring.bootstrap")  # the package's `bootstrap` is the function

    pages = module.CELLS // module.CHUNK * 3  # three times the pages a full chunk allows
    chunks = list(module.weight_chunks(pages, 40, seed=3))
    assert all(chunk.size <= module.CELLS for chunk in chunks), "a chunk's weights are bounded whatever the corpus"
    assert sum(len(chunk) for chunk in chunks) == 40
    # The same draws as one chunk of every resample would give: the figures do not depend on the chunking.
    rng = np.random.default_rng(3)
    draws = rng.integers(0, pages, size=(40, pages))
    whole = np.stack([np.bincount(row, minlength=pages) for row in draws]).astype(float)
    assert np.array_equal(np.concatenate(chunks), whole)


def _varied_pages(count: int) -> list[PageScore]:
    import random

    rng = random.Random(count)
    pages = []
    for _ in range(count):
        page = PageScore(status=rng.choice(["ok", "ok", "error", "timeout"]), seconds=rng.random())
        if rng.random() < 0.8:
            page.body = (rng.random(), rng.random(), rng.random())
        page.title = rng.choice([None, True, False])
        page.day = rng.choice([None, "correct", "wrong", "missing"])
        page.leaks = {"sponsored": 1} if rng.random() < 0.2 else {}
        page.leak_labelled = True
        pages.append(page)
    return pages


def test_the_packed_terms_give_the_plain_figures_and_cost_little_a_page():
    from harness.scoring import ScoreTerms

    pages = _varied_pages(500)
    terms = ScoreTerms.of(pages)
    figures = bootstrap(terms, resamples=20)
    titled = [p.title for p in pages if p.title is not None]
    assert figures["title.accuracy"].value == sum(titled) / len(titled)
    assert figures["errors"].value == sum(p.status == "error" for p in pages) / len(pages)
    dated = [p.day for p in pages if p.day is not None]
    assert figures["published.day_accuracy"].value == dated.count("correct") / len(dated)
    assert figures["leaks.sponsored"].value == sum(bool(p.leaks) for p in pages) / len(pages)
    bodies = [p.body for p in pages if p.body is not None]
    assert figures["body.precision"].value == pytest.approx(sum(tp / (tp + fp) for tp, fp, _ in bodies) / len(bodies))
    assert {name: e.to_dict() for name, e in figures.items()} == {
        name: e.to_dict() for name, e in bootstrap(pages, resamples=20).items()
    }
    packed = sum(a.itemsize * len(a) for pair in terms.terms.values() for a in pair) + terms.ms.itemsize * len(terms.ms)
    assert packed / len(pages) < 160, f"{packed / len(pages):.0f} bytes a page"


def test_spooled_locations_come_back_as_they_went_in():
    from harness.scoring.spool import Location, Locations

    pages = [[Location("a.jsonl", 0, 10), Location("a.jsonl", 10, 5)], [Location("b.jsonl", 0, 7)], []]
    packed = Locations()
    for page in pages:
        packed.append(page)
    assert len(packed) == 3
    assert list(packed) == pages
    assert packed[1] == [Location("b.jsonl", 0, 7)]
    with pytest.raises(IndexError):
        packed[3]
