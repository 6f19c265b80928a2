"""The example project (examples/site-scraper), end to end: its tests through the plugin,
then the CI gate against a change that breaks the byline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

EXAMPLE = ROOT / "examples" / "site-scraper"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def example(tmp_path):
    """A copy of the example, its fixture path pointed back at the bundled KSL pages."""
    copy = tmp_path / "site-scraper"
    shutil.copytree(EXAMPLE, copy)
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("../../cassettes/ksltv", str(ROOT / "cassettes" / "ksltv")))
    return copy


def test_the_example_passes_its_own_tests(example):
    done = run([sys.executable, "-m", "pytest", "-v", "-p", "no:randomly"], example)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "north-korean-troops-russia.yaml::ksl_scraper:extract PASSED" in done.stdout
    assert "north-korean-troops-russia-jsonld.yaml::ksl_scraper:extract PASSED" in done.stdout
    assert "6 passed" in done.stdout


def test_the_gate_catches_a_byline_regression(example):
    harness = [sys.executable, "-m", "harness"]
    base = run([*harness, "score", "-e", "ksl_scraper:extract", "--json", "base.json", "-j", "1"], example)
    assert base.returncode == 0, base.stderr
    scraper = example / "ksl_scraper.py"
    scraper.write_text(scraper.read_text().replace('_AGENCIES = {"cnn", ', "_AGENCIES = {"))
    failing = run([sys.executable, "-m", "pytest", "-p", "no:randomly"], example)
    assert failing.returncode == 1
    assert "byline.organization: 'CNN' is an organization credited in the byline, not a person" in failing.stdout
    head = run([*harness, "score", "-e", "ksl_scraper:extract", "--json", "head.json", "-j", "1"], example)
    assert head.returncode == 0, head.stderr
    gate = run([*harness, "diff", "base.json", "head.json", "--format", "github"], example)
    assert gate.returncode == 1
    lines = gate.stdout.splitlines()
    assert lines[0].startswith("::error file=") and "cassettes/ksltv/" in lines[0]
    assert ".expected.json,title=byline.organization regressed (ksl_scraper%3Aextract)::" in lines[0]
    assert "::error title=news-harness gate failed::2 new error finding(s) in HEAD" in lines
    assert any(line.endswith("authors.f1 fell by 0.143, more than its tolerance 0.000") for line in lines), lines
