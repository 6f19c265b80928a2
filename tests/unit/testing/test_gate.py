"""harness diff: improvements, regressions, the paired figures and the gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.render.gate import render_github, render_markdown, render_text
from harness.scoring import score
from harness.shells.cli import main
from harness.testing import GateConfig, diff_reports
from tests import plugins
from tests.conftest import write_fixture

HTML = "<html><head><title>Story {n}</title></head><body><p>By Jane Roe and John Doe</p><p>Text {n}.</p></body></html>"


@pytest.fixture
def reports(tmp_path, monkeypatch):
    for n in (1, 2, 3):
        truth = {
            "url": f"https://www.gazette.example/story-{n}", "title": f"Story {n}",
            "authors": ["Jane Roe", "John Doe"], "published": "2024-05-03T17:47:00+02:00",
            "body": f"Text {n} of the story, long enough to shingle.",
        }  # fmt: skip
        write_fixture(tmp_path / "fixtures", f"story-{n}", HTML.format(n=n), **truth)
        monkeypatch.setitem(plugins._EXTRA_TRUTHS, truth["url"], {**truth, "captured_at": None})
    paths = {}
    for version in ("base", "head"):
        monkeypatch.setitem(plugins.MODE, "version", version)
        report = score([tmp_path / "fixtures"], ["tests.plugins:versioned"], jobs=0)
        paths[version] = tmp_path / f"{version}.json"
        paths[version].write_text(json.dumps(report.to_dict()))
        report.close()
    return paths


def load(path):
    return json.loads(path.read_text())


def test_one_fix_and_one_break(reports):
    report = diff_reports(load(reports["base"]), load(reports["head"]))
    assert report.pages == 3
    [improvement] = report.improvements
    [regression] = report.regressions
    assert (improvement.page, improvement.field, improvement.check) == (
        "story-1",
        "authors",
        "byline.incomplete",
    )
    assert improvement.detail.startswith("fixed: 1 of 2 authors missing: 'John Doe'")
    assert (regression.page, regression.field, regression.check) == ("story-2", "published", "date.wrong_day")
    assert report.failures == ["1 new error finding(s) in HEAD"]
    authors = report.metrics["tests.plugins:versioned"]["authors.recall"]
    assert authors["difference"] == pytest.approx(0.5 / 3)


def test_the_gate_can_be_configured(reports):
    lenient = diff_reports(load(reports["base"]), load(reports["head"]), gate=GateConfig(new_errors=False))
    assert lenient.failures == []
    strict = GateConfig(new_errors=False, tolerance={"published.day_accuracy": 0.1})
    report = diff_reports(load(reports["base"]), load(reports["head"]), gate=strict)
    assert report.failures == [
        "tests.plugins:versioned: published.day_accuracy fell by 0.333, more than its tolerance 0.100"
    ]


def test_a_file_that_is_not_a_report(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    result = CliRunner().invoke(main, ["diff", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "is not a score report with page results; write one with 'harness score --json FILE'" in result.output


def test_formats(reports):
    report = diff_reports(load(reports["base"]), load(reports["head"]))
    text = render_text(report)
    regression = "Regressions (1):\n  story-2 × tests.plugins:versioned · date.wrong_day: published 2023-01-02 falls on"
    assert regression in text
    assert text.endswith("Gate FAILED: 1 new error finding(s) in HEAD")
    github = render_github(report).splitlines()
    # Attached to the page's truth file; ':' and ',' escaped in properties, as GitHub's toolkit does.
    first = re.fullmatch(r"::error file=(?P<file>[^,]+),title=(?P<title>[^:]+)::story-2: .*", github[0])
    assert first is not None, github[0]
    assert first["title"] == "date.wrong_day regressed (tests.plugins%3Aversioned)"
    assert first["file"].endswith("story-2.expected.json") and Path(first["file"]).is_file()
    assert github[-1] == "::error title=news-harness gate failed::1 new error finding(s) in HEAD"
    markdown = render_markdown(report)
    assert markdown.startswith("### news-harness: HEAD against BASE on 3 pages\n\n❌ **Gate failed**")
    assert "| story-1 | tests.plugins:versioned | byline.incomplete | fixed: 1 of 2 authors missing" in markdown


def test_cli_exit_status_and_json(reports, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(reports["base"]), str(reports["head"]), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["passed"] is False and len(data["improvements"]) == 1 and len(data["regressions"]) == 1
    same = CliRunner().invoke(main, ["diff", str(reports["base"]), str(reports["base"])])
    assert same.exit_code == 0 and same.output.rstrip().endswith("Gate passed.")


def test_the_paywalls_own_text_moves_the_leaks_field():
    # A paywall snippet counts among the page's leaks (scoring's must_not_contain), so its finding is named
    # on the leaks change, as the sponsored and boilerplate leaks are.
    from harness.testing.gate import _field_of

    assert [_field_of(check) for check in ("body.paywall_text", "body.boilerplate_leak")] == ["leaks", "leaks"]
    assert _field_of("body.paywall_as_article") == "body"
