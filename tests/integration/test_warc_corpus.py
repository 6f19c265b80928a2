"""`--corpus crawl.warc.gz` in check, score and audit: records read as pages, the rest counted, never fatal."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytest.importorskip("warcio")

from harness.core import bundled_cassettes
from harness.fixtures import load_fixtures
from harness.shells.cli import main
from tests.warcs import Response, page_of, write_truths, write_warc

PAGES = load_fixtures([bundled_cassettes()]).fixtures[:5]


@pytest.fixture
def crawl(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    image = Response("https://img.example/a.png", b"\x89PNG", content_type="image/png")
    write_warc(path, [*map(page_of, PAGES), image])
    write_truths(path, PAGES[:2])  # truth for two of the five pages, keyed by URL
    return path


def test_score_reads_a_warc_and_scores_the_pages_that_have_truth(crawl, tmp_path):
    out = tmp_path / "score.json"
    result = CliRunner().invoke(main, ["score", "--corpus", str(crawl), "-e", "metadata", "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["pages"] == 5
    assert report["corpora"][0]["kind"] == "warc"
    title = report["extractors"][0]["metrics"]["title.accuracy"]
    assert title["pages"] == 2  # only the two pages the sidecar gives truth for
    assert any("not HTML (image/png)" in note for note in report["notes"])
    assert report["problems"] == []


def test_check_counts_skipped_records_without_failing_the_run(crawl):
    result = CliRunner().invoke(main, ["check", "--corpus", str(crawl), "-e", "metadata", "--format", "json"])
    data = json.loads(result.output)
    assert data["summary"]["fixtures"] == 5
    assert data["problems"] == []
    assert [s.split(": ", 1)[1] for s in data["skipped"]] == ["not HTML (image/png)"]
    assert result.exit_code in (0, 1)  # findings may fail the gate; a skipped record never makes it exit 2


def test_a_missing_archive_is_a_usage_error_naming_it(tmp_path):
    result = CliRunner().invoke(main, ["score", "--corpus", str(tmp_path / "nope.warc.gz"), "-e", "metadata"])
    assert result.exit_code == 2
    assert "nope.warc.gz" in result.output


def test_audit_reads_the_sidecar_truths_and_counts_what_it_skipped(crawl):
    result = CliRunner().invoke(main, ["audit", "--corpus", str(crawl), "--format", "json"])
    data = json.loads(result.output)
    assert data["problems"] == []
    assert data["summary"]["fixtures"] == 5
    assert [s.split(": ", 1)[1] for s in data["skipped"]] == ["not HTML (image/png)"]
