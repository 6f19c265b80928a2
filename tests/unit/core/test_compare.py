"""The comparison rules: shingle precision and recall."""

from __future__ import annotations

import pytest

from harness.core import shingle_scores


def test_shingle_scores():
    assert shingle_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = shingle_scores("a b c d", "a b c d e f")
    assert precision == 1.0 and recall == pytest.approx(1 / 3)
    assert shingle_scores("", "") == (1.0, 1.0)
    assert shingle_scores("", "a b c d") == (0.0, 0.0)  # nothing extracted: no precision to speak of, no recall
