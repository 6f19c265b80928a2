"""An extractor that rewrites the truth while the run goes on changes no verdict, and is reported."""

from __future__ import annotations

import shutil

import pytest

from harness import check
from harness.core import bundled_cassettes


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for site in ("ksltv", "baysidechronicle", "hudsonledger"):
        shutil.copytree(bundled_cassettes() / site, tmp_path / site)
    monkeypatch.setenv("HARNESS_TEST_TRUTHS", str(tmp_path))
    return tmp_path


def _verdicts(report):
    return sorted((f.fixture, f.check) for f in report.errors)


@pytest.mark.parametrize("jobs", [0, 1])
def test_rewritten_truths_change_no_verdict_and_are_named(folder, jobs):
    honest = check([folder], ["tests.plugins:invents"], clock_check=False, jobs=jobs)
    assert honest.problems == []
    tampered = check([folder], ["tests.plugins:rewrites_truths"], clock_check=False, jobs=jobs)
    assert _verdicts(tampered) == _verdicts(honest)
    assert any(check_id == "byline.invented" for _, check_id in _verdicts(tampered))
    changed = sorted(str(p.path) for p in tampered.problems)
    assert changed == sorted(str(p) for p in folder.rglob("*.expected.json"))
    assert all("changed on disk during the run" in p.reason for p in tampered.problems)
    assert tampered.exit_status() == 2


def test_a_corpus_read_in_workers_reports_the_rewrite(folder):
    report = check(corpora=[folder], extractors=["tests.plugins:rewrites_truths"], clock_check=False, jobs=1)
    assert report.problems, "a truth rewritten mid-run went unreported"
    assert report.exit_status() == 2
