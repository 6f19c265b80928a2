"""The Zyte article-extraction benchmark: its five systems' published figures, reproduced."""

from __future__ import annotations

import pytest

from harness.scoring import score
from tests.conftest import needs_corpus

pytestmark = pytest.mark.corpus

# The benchmark's published figures (F1, precision, recall, accuracy), each as (value, ±).
PUBLISHED = {
    "trafilatura": ((0.958, 0.006), (0.938, 0.009), (0.978, 0.006), (0.293, 0.034)),
    "readability": ((0.922, 0.013), (0.913, 0.014), (0.931, 0.015), (0.315, 0.034)),
    "goose3": ((0.896, 0.015), (0.940, 0.013), (0.856, 0.020), (0.232, 0.032)),
    "justext": ((0.804, 0.018), (0.858, 0.016), (0.756, 0.028), (0.088, 0.021)),
    "html-text": ((0.665, 0.015), (0.500, 0.017), (0.994, 0.001), (0.000, 0.000)),
}


def test_the_zyte_benchmark_is_reproduced():
    zyte = needs_corpus("zyte")
    report = score([zyte], predictions=sorted((zyte / "output").glob("*.json")), jobs=2)
    try:
        assert report.problems == []
        assert report.pages == 181
        got = {e.name: e.metrics for e in report.extractors}
        assert set(got) == set(PUBLISHED)
        for name, figures in PUBLISHED.items():
            for metric, (value, spread) in zip(
                ("body.f1", "body.precision", "body.recall", "body.accuracy"), figures, strict=False
            ):
                estimate = got[name][metric]
                assert round(estimate.value, 3) == value, (name, metric, estimate.value)
                assert abs(estimate.std - spread) <= 0.003, (name, metric, estimate.std)
    finally:
        report.close()
