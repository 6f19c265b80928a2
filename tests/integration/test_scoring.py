"""Scoring: worker isolation, page order, reports, and the score schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from harness.core import bundled_cassettes, schema
from harness.extractors import resolve
from harness.fixtures import load_fixtures
from harness.running import RunSettings, run_pages
from harness.scoring import score
from harness.shells.cli import main
from tests.conftest import write_fixture

#: How many fixtures are bundled.
BUNDLED = len(load_fixtures([bundled_cassettes()]).fixtures)


@pytest.fixture
def five_pages(tmp_path):
    for n in range(1, 6):
        write_fixture(
            tmp_path, f"page-{n}",
            f"<html><head><title>Page {n}</title></head><body><p>Text {n}.</p></body></html>",
            url=f"https://www.gazette.example/story-{n}", title=f"Page {n}",
        )  # fmt: skip
    return tmp_path


def test_a_crash_and_a_hard_hang_cost_one_page_each(five_pages):
    extractors = [resolve(f"tests.plugins:{n}") for n in ("crashes_on_page_2", "hangs_hard_on_page_3", "titles")]
    settings = RunSettings(timeout=0.5, grace=1.0)
    from harness.fixtures import load_fixtures

    pages = load_fixtures([five_pages]).fixtures
    outcomes = sorted(run_pages(pages, extractors, settings, jobs=2), key=lambda o: o.index)
    assert [o.name for o in outcomes] == [f"page-{n}" for n in range(1, 6)]
    status = {(o.name, r.extractor.split(":")[1]): r.status for o in outcomes for r in o.results}
    assert status[("page-2", "crashes_on_page_2")] == "error"
    assert status[("page-3", "hangs_hard_on_page_3")] == "timeout"
    bad = {("page-2", "crashes_on_page_2"), ("page-3", "hangs_hard_on_page_3")}
    assert all(value == "ok" for key, value in status.items() if key not in bad)
    crash = next(r for o in outcomes for r in o.results if o.name == "page-2" and "crashes" in r.extractor)
    assert crash.findings[0].message == "crashed its worker process (exit status 3) on this page"
    hang = next(r for o in outcomes for r in o.results if o.name == "page-3" and "hangs" in r.extractor)
    assert hang.findings[0].check == "extractor.timeout"
    assert "did not return within 1.5 s and its worker was killed" in hang.findings[0].message


def test_score_counts_timeouts_and_errors_and_completes(five_pages):
    report = score(
        [five_pages], ["tests.plugins:crashes_on_page_2", "tests.plugins:hangs_hard_on_page_3"],
        jobs=2, timeout=0.5,
    )  # fmt: skip
    try:
        assert report.pages == 5
        crash, hang = report.extractors
        assert crash.metrics["errors"].value == pytest.approx(1 / 5)
        assert hang.metrics["timeouts"].value == pytest.approx(1 / 5)
        assert crash.metrics["title.accuracy"].value == pytest.approx(4 / 5)
    finally:
        report.close()


def test_jobs_do_not_change_the_numbers():
    extractors = ["metadata", "htmldate", "tests.plugins:oracle"]
    one, two = score(None, extractors, jobs=0), score(None, extractors, jobs=2)
    try:
        for a, b in zip(one.extractors, two.extractors, strict=False):
            values = {k: (v.value, v.std, v.pages) for k, v in a.metrics.items()}
            assert values == {k: (v.value, v.std, v.pages) for k, v in b.metrics.items()}
        assert [d["page"] for d in one.page_details()] == [d["page"] for d in two.page_details()]
    finally:
        one.close()
        two.close()


def test_the_oracle_scores_perfectly_on_the_bundled_fixtures():
    report = score(None, ["tests.plugins:oracle"], jobs=0)
    try:
        metrics = report.extractors[0].metrics
        for name in ("body.f1", "authors.f1", "published.day_accuracy", "published.instant_accuracy",
                     "title.accuracy", "body.must_contain"):  # fmt: skip
            assert metrics[name].value == 1.0, name
        assert metrics["leaks.sponsored"].value == 0.0
        assert metrics["body.f1"].pages == BUNDLED - 1  # the index page has no body
    finally:
        report.close()


def test_score_cli_writes_every_report(tmp_path):
    paths = {kind: tmp_path / f"report.{kind}" for kind in ("json", "md", "html")}
    result = CliRunner().invoke(main, [
        "score", "-e", "metadata", "-e", "htmldate", "-j", "0", "--json", str(paths["json"]),
        "--markdown", str(paths["md"]), "--html", str(paths["html"]), "--compare", "htmldate", "metadata",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("extractor ")
    assert any(line.startswith("metadata ") for line in lines)
    assert f"metadata minus htmldate, paired bootstrap over the same {BUNDLED} pages:" in result.output
    data = json.loads(paths["json"].read_text())
    jsonschema.validate(data, schema("score"))
    assert [e["name"] for e in data["extractors"]] == ["metadata", "htmldate"]
    assert len(data["page_results"]) == BUNDLED
    assert paths["md"].read_text().startswith("| extractor | version | ")
    page = paths["html"].read_text()
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert page.count("<script>") == 1 and "<script src" not in page  # one inline script, nothing fetched
    assert "ksltv/north-korean-troops-russia" in page


def test_unknown_compare_name_is_a_usage_error():
    result = CliRunner().invoke(main, ["score", "-e", "htmldate", "-j", "0", "--compare", "a", "htmldate"])
    assert result.exit_code == 2
    assert "--compare names 'a', which this run does not score; it scores: htmldate" in result.output


def test_pages_an_extractor_does_not_cover_are_scored_empty_and_counted():
    from harness import score

    report = score(extractors=["tests.plugins:covers_one_site"], resamples=10)
    try:
        [note] = [n for n in report.notes if "does not cover" in n]
        statuses = [s.status for s in report.page_scores["tests.plugins:covers_one_site"]]
        assert f"does not cover {statuses.count('not-covered')} pages" in note
        assert 0 < statuses.count("not-covered") < len(statuses)
    finally:
        report.close()
