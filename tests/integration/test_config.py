"""[tool.harness] reaches every shell: a project's timeout governs check, score and the pytest plugin
(the command-line options default to None, so the configuration decides)."""

from __future__ import annotations

import json
import shutil

import numpy  # noqa: F401 - imported before pytester's inline runs: it cannot load twice
import pytest
from click.testing import CliRunner

from harness.core import bundled_cassettes
from harness.shells.cli import main

pytest_plugins = ["pytester"]

#: One bundled page, and an extractor that sleeps 60 s: only a budget of 2 s can end it in time.
PROJECT = """[tool.harness]
fixtures = ["cassettes"]
extractors = ["scrapers:hangs"]
timeout = 2
"""
BUDGET = "ran past its budget of 2 s"


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    page = next((bundled_cassettes() / "ksltv").glob("*.yaml"))
    (pytester.path / "cassettes").mkdir()
    for path in page.parent.glob(page.name.rsplit(".", 1)[0] + ".*"):
        shutil.copy(path, pytester.path / "cassettes" / path.name)
    shutil.copy(pytest.importorskip("tests.plugins").__file__, pytester.path / "scrapers.py")
    pytester.makepyprojecttoml(PROJECT)
    pytester.syspathinsert()
    return pytester


def test_check_reads_the_timeout(project, monkeypatch):
    monkeypatch.chdir(project.path)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-clock-check"])
    findings = json.loads(result.output)["findings"]
    assert [(f["check"], f["message"]) for f in findings] == [("extractor.timeout", BUDGET)]
    assert result.exit_code == 1


def test_score_reads_the_timeout(project, monkeypatch):
    monkeypatch.chdir(project.path)
    result = CliRunner().invoke(main, ["score", "--jobs", "1", "--json", "score.json"])
    assert result.exit_code == 0, result.output
    [page] = json.loads((project.path / "score.json").read_text())["page_results"]
    assert [f["message"] for f in page["results"]["scrapers:hangs"]["findings"]] == [BUDGET]


def test_an_option_given_wins_over_the_configuration(project, monkeypatch):
    monkeypatch.chdir(project.path)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-clock-check", "--timeout", "1"])
    assert [f["message"] for f in json.loads(result.output)["findings"]] == ["ran past its budget of 1 s"]


def test_the_pytest_plugin_reads_the_timeout(project):
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*extractor.timeout: {BUDGET}*"])
