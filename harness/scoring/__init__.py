"""Scoring extractors over corpora: per-page scores, corpus figures with bootstrap intervals,
paired differences, and the report a scoring run makes."""

from __future__ import annotations

from .bootstrap import (
    LOWER_IS_BETTER,
    METRICS,
    Estimate,
    Metric,
    ScoreTerms,
    bootstrap,
    paired_difference,
    snippet_leaks_by_kind,
    timing,
)
from .metrics import DateStatus, PageScore, body_tp_fp_fn, score_page
from .run import ExtractorScore, ScoreReport, score

__all__ = [
    "LOWER_IS_BETTER",
    "METRICS",
    "DateStatus",
    "Estimate",
    "ExtractorScore",
    "Metric",
    "PageScore",
    "ScoreReport",
    "ScoreTerms",
    "body_tp_fp_fn",
    "bootstrap",
    "paired_difference",
    "score",
    "score_page",
    "snippet_leaks_by_kind",
    "timing",
]
