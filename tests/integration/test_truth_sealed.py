"""An extractor that rewrites the truth while the run goes on changes no verdict, and is reported."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from harness import check
from harness.core import bundled_cassettes
from tests.conftest import ROOT


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


def test_an_extractor_that_patches_the_checks_in_its_worker_changes_no_verdict(folder):
    alone = check([folder], ["tests.plugins:invents"], clock_check=True, jobs=1)
    both = check([folder], ["tests.plugins:invents", "tests.plugins:patches_checks"], clock_check=True, jobs=1)
    assert both.problems == []
    honest = [f for f in both.errors if f.extractor == "tests.plugins:invents"]
    assert sorted((f.fixture, f.check) for f in honest) == _verdicts(alone)
    assert _verdicts(alone), "the honest extractor should have error findings to lose"
    # The patcher returned nothing at all: the checks it replaced in its worker still judge it, in the parent.
    patched = {(f.fixture, f.check) for f in both.errors if f.extractor == "tests.plugins:patches_checks"}
    assert {fixture for fixture, _ in patched} == set(both.fixtures)
    assert any(check_id.startswith("title.") for _, check_id in patched)


def test_a_corpus_page_read_after_its_truth_was_rewritten_is_not_graded(folder):
    # One extractor rewrites every truth on its first page; the pages read after that are not
    # graded against the rewritten truths, and the run names the files and the dropped pages.
    report = check(corpora=[folder], extractors=["tests.plugins:rewrites_truths"], clock_check=False, jobs=1)
    truths = sorted(folder.rglob("*.expected.json"))
    assert len(truths) > 2
    assert len(report.fixtures) == 1
    dropped = sorted(
        p.path for p in report.problems if "1 page(s) read from it after the change were not graded" in p.reason
    )
    assert len(dropped) == len(truths) - 1


def test_a_plugin_that_patches_the_harness_when_imported_is_undone_and_refused():
    run = subprocess.run(
        [sys.executable, "-m", "harness", "check", "--no-clock-check", "-e", "tests.patches_on_import:extract",
         "-e", "tests.plugins:invents", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    report = json.loads(run.stdout)
    [problem] = [p for p in report["problems"] if "tests.patches_on_import:extract" in p]
    assert "replaced part of news-harness" in problem
    assert "run_checks" in problem
    assert [e["name"] for e in report["extractors"]] == ["tests.plugins:invents"]
    # The honest extractor is still judged, by the checks as they were before the patch.
    assert report["summary"]["errors"] > 0


def test_an_entry_point_plugin_that_patches_the_harness_is_undone_and_refused(tmp_path):
    # The packaging route: a distribution whose 'harness' entry point module patches run_checks on import.
    site = tmp_path / "site"
    (site / "patching_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "patching_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: patching-plugin\nVersion: 1.0\n"
    )
    (site / "patching_plugin-1.0.dist-info" / "entry_points.txt").write_text("[harness]\npatching = patching_plugin\n")
    (site / "patching_plugin.py").write_text(
        "import harness.checks\nharness.checks.run_checks.__code__ = (lambda *a, **k: []).__code__\n"
    )
    environment = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{ROOT}"}
    run = subprocess.run(
        [sys.executable, "-m", "harness", "check", str(bundled_cassettes() / "ksltv"), "-e", "tests.plugins:invents",
         "--no-clock-check", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=environment,
    )  # fmt: skip
    report = json.loads(run.stdout)
    assert any(
        "replaced part of news-harness" in p and "entry points of group 'harness'" in p for p in report["problems"]
    )
    assert report["summary"]["errors"] > 0  # the checks still judge: the patch was undone
