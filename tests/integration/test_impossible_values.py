"""Values the schema's patterns let through but no calendar or report has: one line each, the rest
of the run goes on."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from harness import check
from harness.core import bundled_cassettes
from harness.shells.cli import main

SITES = ("baysidechronicle", "ksltv")


@pytest.fixture
def folder(tmp_path):
    for site in SITES:
        shutil.copytree(bundled_cassettes() / site, tmp_path / site)
    return tmp_path


def _set(folder, field, value):
    [path] = (folder / SITES[0]).glob("*.expected.json")
    truth = json.loads(path.read_text(encoding="utf-8"))
    if field == "decoy":
        truth.setdefault("decoys", {}).setdefault("dates", []).append({"text": "yesterday", "value": value})
    else:
        truth[field] = value
    path.write_text(json.dumps(truth), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("captured_at", "2024-02-30T10:00:00+00:00", "is not a real date or time"),
        ("captured_at", "2024-02-03T10:00:00+99:99", "is not a real date or time"),
        ("published", "2024-02-03T25:00:00Z", "is not a real date or time"),
        ("modified", "2023-13-01", "is not a real date or time"),
        ("decoy", "2024-04-31T08:00:00-04:00", "is not a real date or time"),
        ("captured_at", "9999-12-31T10:00:00+00:00", "is later than the harness can run a clock"),
    ],
)
def test_an_impossible_time_is_one_problem_and_the_fixture_beside_it_is_checked(folder, field, value, reason):
    path = _set(folder, field, value)
    report = check([folder], ["metadata"])
    [problem] = report.problems
    assert str(problem.path) == str(path)
    assert reason in problem.reason and repr(value) in problem.reason
    assert {r.fixture for r in report.results} == {
        "ksltv/north-korean-troops-russia", "ksltv/north-korean-troops-russia-jsonld"
    }  # fmt: skip
    assert not [f for f in report.findings if f.check == "extractor.error"]


def test_diff_on_a_malformed_report_is_a_usage_error_not_a_failed_gate(tmp_path):
    good = tmp_path / "good.json"
    runner = CliRunner()
    scored = runner.invoke(main, ["score", "-e", "metadata", "--json", str(good)])
    assert scored.exit_code == 0, scored.output
    report = json.loads(good.read_text(encoding="utf-8"))
    report["page_results"][0].pop("page")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(report), encoding="utf-8")
    result = runner.invoke(main, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"harness: error: {str(bad)!r} is not a well-formed score report: $.page_results[0]: "
        "'page' is a required property"
    )
    assert runner.invoke(main, ["diff", str(good), str(good)]).exit_code == 0
