"""Truth-free scoring: pages judged by the checks that need only the page, and by their own metadata."""

from __future__ import annotations

import json

from click.testing import CliRunner

from harness.core import Extraction, bundled_cassettes
from harness.fixtures import load_fixtures
from harness.scoring import score
from harness.scoring.metrics import silver_agreement
from harness.shells.cli import main
from harness.testing.gate import load_report
from tests.conftest import make_fixture

OUTBRAIN_PAGE = "bayviewsentinel"


def test_a_truth_free_run_counts_page_only_findings_and_uses_no_truth():
    report = score([bundled_cassettes() / OUTBRAIN_PAGE], ["tests.plugins:oracle", "tests.plugins:planted_defects"],
                   jobs=0, truth_free=True)  # fmt: skip
    metrics = {e.name: e.metrics for e in report.extractors}
    # The planted defect appends the page's Outbrain card to the body: found from the page's structure.
    assert metrics["tests.plugins:planted_defects"]["page.body.sponsored_leak"].value == 1.0
    assert metrics["tests.plugins:oracle"]["page.body.sponsored_leak"].value == 0.0
    # No truth was used: the truth-based figures rest on no page; the planted lost author is not seen.
    for name in ("body.f1", "authors.f1", "published.day_accuracy", "title.accuracy", "leaks.sponsored"):
        assert metrics["tests.plugins:oracle"][name].pages == 0, name
    assert report.truth_free and report.to_dict()["truth_free"] is True
    assert any(note.startswith("truth-free: every truth is ignored") for note in report.notes)
    # The metadata agrees with the oracle where the page states it (title, authors, date in JSON-LD).
    silver = {k: v for k, v in metrics["tests.plugins:oracle"].items() if k.startswith("silver.")}
    assert silver["silver.title"].pages == 1


def test_a_run_with_truth_has_no_page_only_counts_and_no_silver_column():
    report = score([bundled_cassettes() / OUTBRAIN_PAGE], ["tests.plugins:oracle"], jobs=0)
    assert report.extractors[0].metrics["page.body.sponsored_leak"].pages == 0
    from harness.render.score import shown_columns

    assert not [c for c in shown_columns(report, compact=True) if c.metric.startswith(("page.", "silver."))]


def test_truth_free_reports_validate_and_diff_gates_on_new_page_findings(tmp_path):
    runner = CliRunner()
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    folder = str(bundled_cassettes() / OUTBRAIN_PAGE)
    for extractor, out in (("tests.plugins:oracle", base), ("tests.plugins:planted_defects", head)):
        # Two versions of one scraper: give both the same name, as two CI runs would.
        result = runner.invoke(main, ["score", folder, "-e", extractor, "--truth-free", "--format", "json",
                                      "--output", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
        data = json.loads(out.read_text())
        for entry in data["extractors"]:
            entry["name"] = "mysite"
        for page in data["page_results"]:
            [only] = page["results"].values()  # one extractor a run
            page["results"] = {"mysite": only}
        out.write_text(json.dumps(data))
        load_report(out)  # validates against schemas/score.schema.json
    gate = runner.invoke(main, ["diff", str(base), str(head)])
    assert gate.exit_code == 1, gate.output
    assert "body.sponsored_leak" in gate.output


def test_text_report_says_the_figures_rest_on_the_page_alone(tmp_path):
    result = CliRunner().invoke(main, ["score", str(bundled_cassettes() / OUTBRAIN_PAGE), "-e", "metadata",
                                       "--truth-free"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "sponsored leak per 1k" in result.output
    assert "title agrees with metadata" in result.output
    assert "body F1" not in result.output


PAGE = """<html><head><title>Ferry back | Ledger</title>
<meta property="og:title" content="Ferry service resumes">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry service resumes",
 "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Lee"}],
 "datePublished": "2024-06-03T08:15:00-07:00"}</script></head><body><h1>Ferry service resumes</h1></body></html>"""
ALL = frozenset({"title", "authors", "published", "body"})


def test_silver_agreement_with_the_page_metadata():
    page = make_fixture(PAGE).page
    agree = Extraction(title="Ferry service resumes", authors=("Tom Lee", "Ana Ruiz"),
                       published="2024-06-03T15:15:00Z")  # fmt: skip
    assert silver_agreement(page, agree, ALL) == {"authors": True, "published": True, "title": True}
    differ = Extraction(title="Ferry back", authors=("Ana Ruiz",), published="2024-06-02")
    assert silver_agreement(page, differ, ALL) == {"authors": False, "published": False, "title": False}
    # The day alone agrees with a timed value on its own day; a field the extractor cannot give is not judged.
    assert silver_agreement(page, Extraction(published="2024-06-03"), frozenset({"published"})) == {"published": True}
    assert silver_agreement(make_fixture("<html><body><p>x</p></body></html>").page, agree, ALL) == {}


def test_the_bundled_pages_load_unchanged():
    # without_truth keeps where and when the page was seen.
    from harness.fixtures import without_truth

    fixture = load_fixtures([bundled_cassettes() / OUTBRAIN_PAGE]).fixtures[0]
    silent = without_truth(fixture)
    assert silent.page is fixture.page
    assert silent.expectation.url == fixture.expectation.url
    assert silent.expectation.captured_at == fixture.expectation.captured_at
    assert not any(silent.expectation.knows(k) for k in ("title", "authors", "body", "must_not_contain"))
    assert silent.expectation.must_contain == () and silent.expectation.decoy_dates == ()


def test_a_rate_of_defects_that_rises_fails_its_tolerance_and_its_ceiling(tmp_path):
    from harness.testing import GateConfig
    from harness.testing.gate import diff_reports

    folder = [bundled_cassettes() / OUTBRAIN_PAGE]
    reports = []
    for extractor in ("tests.plugins:oracle", "tests.plugins:planted_defects"):
        report = score(folder, [extractor], jobs=0, truth_free=True)
        data = report.to_dict(pages=True)
        report.close()
        for entry in data["extractors"]:
            entry["name"] = "mysite"
        for page in data["page_results"]:
            [only] = page["results"].values()
            page["results"] = {"mysite": only}
        reports.append(data)
    gate = GateConfig(new_errors=False, tolerance={"page.body.sponsored_leak": 0.5},
                      floors={"page.body.sponsored_leak": 0.0})  # fmt: skip
    assert diff_reports(*reports, gate=gate).failures == [
        "mysite: page.body.sponsored_leak rose by 1.000, more than its tolerance 0.500",
        "mysite: page.body.sponsored_leak is 1.000, over its ceiling 0.000",
    ]
    # The other way round it improved: nothing fails.
    assert (
        diff_reports(reports[1], reports[0], gate=GateConfig(new_errors=False, tolerance=gate.tolerance)).failures == []
    )
