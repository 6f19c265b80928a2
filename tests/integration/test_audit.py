"""The truth audit through every shell: ``harness audit``, the marks and ``--strict-truth`` of ``check``
and ``score``, the import's summary line, and the pytest plugin."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from harness.running import audit
from harness.shells.cli import main
from tests.conftest import write_fixture

pytest_plugins = ["pytester"]

URL = "https://news.example/economy/charging-points"
#: A page that shows its day as Turkey writes it (5 April) and states it in JSON-LD.
PAGE = (
    "<html><head><title>Charging points pass 11,000</title>"
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Charging points pass 11,000", '
    '"datePublished": "2025-04-05T10:00:00+03:00", "author": {"name": "Sehernur Karsu"}}</script></head>'
    "<body><h1>Charging points pass 11,000</h1><p>Sehernur Karsu | 05.04.2025</p>"
    "<p>The number of charging points in the country passed 11,000 this week.</p></body></html>"
)
TRUTH = {
    "url": URL,
    "captured_at": "2025-04-05T16:00:00+03:00",
    "timezone": "Europe/Istanbul",
    "title": "Charging points pass 11,000",
    "authors": ["Sehernur Karsu"],
}
RIGHT = {**TRUTH, "published": "2025-04-05T10:00:00+03:00"}
#: Day and month swapped, as a parser reading "05.04.2025" month first would have it.
SWAPPED = {**TRUTH, "published": "2025-05-04"}
DOUBT = (
    "the truth says 2025-05-04, a day the page states nowhere (the page's dates: JSON-LD datePublished "
    "'2025-04-05T10:00:00+03:00'; its text shows '05.04.2025', that day with day and month swapped)"
)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_audit_passes_a_truth_that_agrees_with_its_page(tmp_path):
    write_fixture(tmp_path, "charging", PAGE, **RIGHT)
    result = invoke("audit", str(tmp_path))
    assert result.exit_code == 0
    assert result.output.strip() == "1 truth audited: none doubted."


def test_audit_lists_doubts_by_fixture_with_counts_and_exits_1(tmp_path):
    write_fixture(tmp_path / "news", "charging", PAGE, **SWAPPED)
    wire = PAGE.replace("Sehernur Karsu |", "Sehernur Karsu, Anadolu Agency |")
    write_fixture(tmp_path / "news", "wire", wire, **{**RIGHT, "authors": ["Sehernur Karsu", "Anadolu Agency"]})
    result = invoke("audit", str(tmp_path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == ["news/charging", f"  truth.date_not_on_page         {DOUBT}"]
    assert "news/wire" in lines
    assert lines[-4:-1] == [
        "     1 truth.date_not_on_page",
        "     1 truth.organization_as_author",
        "2 truths audited: 2 doubts on 2 pages.",
    ]


def test_audit_json_has_findings_counts_and_problems(tmp_path):
    write_fixture(tmp_path, "charging", PAGE, **SWAPPED)
    (tmp_path / "broken.yaml").write_text("interactions: [")
    (tmp_path / "broken.expected.json").write_text(json.dumps(RIGHT))
    result = invoke("audit", str(tmp_path), "--format", "json")
    assert result.exit_code == 2  # an input could not be read
    data = json.loads(result.output)
    assert data["counts"] == {"truth.date_not_on_page": 1}
    [finding] = data["findings"]
    assert finding["extractor"] == "truth" and finding["field"] == "published" and finding["message"] == DOUBT
    [problem] = data["problems"]
    assert "broken.yaml" in problem
    assert data["summary"] == {"fixtures": 1, "doubted": 1, "findings": 1, "problems": 1}


def test_audit_of_nothing_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert "harness: error: no fixtures under" in result.output


def test_audit_reads_a_jsonl_corpus_in_place(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "charging.html").write_text(PAGE, encoding="utf-8")
    line = {"file": "pages/charging.html", **SWAPPED}
    (tmp_path / "truth.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = audit(corpora=[tmp_path])
    assert report.fixtures == ["charging"]
    assert [(f.check, f.message) for f in report.findings] == [("truth.date_not_on_page", DOUBT)]
    assert report.exit_status() == 1


def test_audit_ids_can_be_switched_off_in_the_configuration(tmp_path, monkeypatch):
    write_fixture(tmp_path / "cassettes", "charging", PAGE, **SWAPPED)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.harness]\nfixtures = ["cassettes"]\n[tool.harness.severity]\n"truth.date_not_on_page" = "off"\n'
    )
    monkeypatch.chdir(tmp_path)
    assert invoke("audit").exit_code == 0
    result = invoke("check", "-e", "metadata", "--strict-truth")
    assert "truth suspect" not in result.output
    assert result.exit_code == 1  # the wrong day stands as an ordinary error


def test_check_marks_a_finding_on_a_doubted_truth(tmp_path):
    write_fixture(tmp_path, "charging", PAGE, **SWAPPED)
    result = invoke("check", str(tmp_path), "-e", "metadata")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "E date.wrong_day" in line)
    assert lines[at + 1] == f"      truth suspect: {DOUBT} (truth.date_not_on_page)"
    assert "1 finding rests on a truth the audit doubts ('truth suspect:' lines)" in result.output
    data = json.loads(invoke("check", str(tmp_path), "-e", "metadata", "--format", "json").output)
    [finding] = [f for f in data["findings"] if f["check"] == "date.wrong_day"]
    assert finding["truth_suspect"] == f"{DOUBT} (truth.date_not_on_page)"


def test_strict_truth_refuses_a_verdict_on_a_doubted_truth(tmp_path):
    write_fixture(tmp_path, "charging", PAGE, **SWAPPED)
    write_fixture(tmp_path, "right", PAGE, **RIGHT)
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-e", "metadata", "--strict-truth"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"suspect truth: charging (published): {DOUBT} (truth.date_not_on_page)",
        "--strict-truth: error findings rest on 1 doubted truth, and a verdict on a doubted truth may be a false "
        "alarm. Correct those truths (see 'harness audit'), or run without --strict-truth.",
    ]
    clean = tmp_path / "clean"
    write_fixture(clean, "right", PAGE, **RIGHT)
    assert invoke("check", str(clean), "-e", "metadata", "--strict-truth").exit_code == 0


def test_score_keeps_the_mark_and_strict_truth_refuses(tmp_path):
    write_fixture(tmp_path, "charging", PAGE, **SWAPPED)
    report = tmp_path / "score.json"
    result = CliRunner().invoke(
        main, ["score", str(tmp_path), "-e", "metadata", "-j", "0", "--resamples", "10", "--json", str(report),
               "--strict-truth"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"suspect truth: charging (published): {DOUBT} (truth.date_not_on_page)" in result.stderr
    [page] = json.loads(report.read_text())["page_results"]
    [finding] = [f for f in page["results"]["metadata"]["findings"] if f["check"] == "date.wrong_day"]
    assert finding["truth_suspect"] == f"{DOUBT} (truth.date_not_on_page)"


def test_import_corpus_ends_with_the_audits_summary(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "pages").mkdir(parents=True)
    (corpus / "pages" / "charging.html").write_text(PAGE, encoding="utf-8")
    (corpus / "pages" / "right.html").write_text(PAGE, encoding="utf-8")
    lines = [{"file": "pages/charging.html", **SWAPPED}, {"file": "pages/right.html", **RIGHT}]
    (corpus / "truth.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("import", "corpus", str(corpus), "--out", str(out))
    assert result.exit_code == 0
    assert result.output.splitlines()[-2] == (
        f"audit: 1 truth doubted: 1 truth.date_not_on_page, see 'harness audit {out}'"
    )
    # The pointer leads to the same doubt, on the fixture as it was written.
    audited = invoke("audit", str(out))
    assert audited.output.splitlines()[0] == "charging"


@pytest.fixture
def project(pytester: pytest.Pytester):
    write_fixture(pytester.path / "cassettes", "charging", PAGE, **SWAPPED)
    write_fixture(pytester.path / "cassettes", "right", PAGE, **RIGHT)
    pytester.makepyprojecttoml('[tool.harness]\nfixtures = ["cassettes"]\nextractors = ["metadata"]\n')
    return pytester


def test_pytest_failure_shows_the_mark(project):
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines([
        "*date.wrong_day: published 2025-04-05T10:00:00+03:00 falls on*",
        f"*truth suspect: {DOUBT} (truth.date_not_on_page)",
        "*news-harness suspect truth*",
        f"suspect truth: charging (published): {DOUBT} (truth.date_not_on_page)",
    ])  # fmt: skip
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_pytest_strict_truth_is_a_usage_error(project):
    result = project.runpytest("-p", "no:cacheprovider", "--harness-strict-truth")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines([f"*suspect truth: charging (published): {DOUBT} (truth.date_not_on_page)"])
    assert "--harness-strict-truth: error findings rest on 1 doubted truth" in result.stdout.str()
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_pytest_strict_truth_holds_under_xdist(project):
    pytest.importorskip("xdist")
    result = project.runpytest("-p", "no:cacheprovider", "--harness-strict-truth", "-n", "2")
    result.stdout.fnmatch_lines([f"suspect truth: charging (published): {DOUBT} (truth.date_not_on_page)"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
