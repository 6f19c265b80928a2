"""Scrapers built on a framework, run as they are: web-poet page objects through 'web-poet:' specs."""

from __future__ import annotations

import pytest

from harness import check
from harness.core import bundled_cassettes

pytest.importorskip("web_poet")
pytest.importorskip("zyte_common_items")

HUDSON = bundled_cassettes() / "hudsonledger"


def _errors(report, extractor):
    return sorted((f.check, f.message) for f in report.errors if f.extractor == extractor)


def test_a_page_object_that_keeps_by_in_the_byline_gets_that_finding():
    spec = "web-poet:tests.webpoet_pages:HudsonBylineAsIs"
    report = check([HUDSON], [spec], clock_check=True, jobs=1)
    assert report.problems == []
    checks = [check_id for check_id, _ in _errors(report, spec)]
    assert any(check_id.startswith("byline.") for check_id in checks), checks
    messages = " ".join(message for _, message in _errors(report, spec))
    assert "By Reggie Castellanos" in messages


def test_a_page_object_that_handles_the_page_gets_no_error():
    spec = "web-poet:tests.webpoet_pages:HudsonArticle"
    report = check([HUDSON], [spec], clock_check=True, jobs=1)
    assert report.problems == []
    [result] = report.results
    assert result.extraction is not None
    assert result.extraction.authors == ("Reggie Castellanos", "Mei-Lin Hart")
    assert result.extraction.title.startswith("Boil-water notice lifted")
    assert _errors(report, spec) == []


def test_a_page_object_needing_what_a_recording_cannot_give_is_an_extractor_error_naming_it():
    spec = "web-poet:tests.webpoet_pages:NeedsAClient"
    report = check([HUDSON], [spec], clock_check=False, jobs=1)
    [(check_id, message)] = _errors(report, spec)
    assert check_id == "extractor.error"
    assert "HttpClient" in message


@pytest.mark.parametrize(
    ("spec", "needle"),
    [
        ("web-poet:tests.webpoet_pages:Missing", "has no attribute 'Missing'"),
        ("web-poet:tests.plugins:raises", "not a web-poet page object"),
        ("web-poet:no_such_module:Page", "Cannot import module 'no_such_module'"),
    ],
)
def test_a_bad_page_object_spec_is_one_problem(spec, needle):
    report = check([HUDSON], [spec, "tests.plugins:invents"], clock_check=False, jobs=1)
    [problem] = report.problems
    assert needle in str(problem)
    assert report.exit_status() == 2
    assert [e.name for e in report.extractors] == ["tests.plugins:invents"]


def test_a_custom_item_needs_a_field_map_and_reads_through_it():
    from harness.extractors import parse_field_map

    spec = "web-poet:tests.webpoet_pages:HudsonStory"
    unmapped = check([HUDSON], [spec], clock_check=False, jobs=1)
    [(check_id, message)] = _errors(unmapped, spec)
    assert check_id == "extractor.error"
    assert "no field map for a tests.webpoet_pages.Story item" in message
    fields = parse_field_map({"title": "heading", "authors": "writers"})
    mapped = check([HUDSON], [spec], clock_check=False, jobs=1, fields=fields)
    [result] = mapped.results
    assert result.extraction.authors == ("Reggie Castellanos", "Mei-Lin Hart")
    assert not any(f.check.startswith(("byline.", "title.")) for f in mapped.errors)


def test_fields_on_the_command_line(tmp_path):
    import json

    from click.testing import CliRunner

    from harness.shells.cli import main

    args = ["check", "-e", "web-poet:tests.webpoet_pages:HudsonStory", str(HUDSON), "--no-clock-check",
            "--format", "json", "--fields", "title=heading", "--fields", "authors=writers"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    report = json.loads(result.output)
    assert [r["extraction"]["authors"] for r in report["results"]] == [["Reggie Castellanos", "Mei-Lin Hart"]]
    bad = CliRunner().invoke(main, [*args[:-4], "--fields", "titel=heading"])
    assert bad.exit_code == 2
    assert "did you mean 'title'?" in bad.output


def test_harness_list_shows_each_framework_with_its_version_or_the_extra(monkeypatch):
    import dataclasses
    import json

    from click.testing import CliRunner

    from harness.extractors.frameworks import FRAMEWORK_INFO
    from harness.shells.cli import main

    listed = json.loads(CliRunner().invoke(main, ["list", "--format", "json"]).output)
    by_prefix = {row["prefix"]: row for row in listed["frameworks"]}
    assert set(by_prefix) == {"scrapy", "web-poet", "llm"}
    assert by_prefix["web-poet"]["installed"] and by_prefix["web-poet"]["version"]
    text = CliRunner().invoke(main, ["list"]).output
    assert f"web-poet {by_prefix['web-poet']['version']}" in text
    # Without the package, the line names the extra that installs it.
    gone = dataclasses.replace(FRAMEWORK_INFO["web-poet"], module="no_such_module_here")
    monkeypatch.setitem(FRAMEWORK_INFO, "web-poet", gone)
    text = CliRunner().invoke(main, ["list"]).output
    assert "missing  (pip install 'news-harness[web-poet]')" in text


@pytest.mark.parametrize(
    "spec", ["web-poet:tests.webpoet_pages:HudsonArticle", "scrapy:tests.scrapy_spiders:HudsonBylineAsIs"]
)
def test_framework_extractors_are_fuzzed_like_any_other(spec):
    from click.testing import CliRunner

    from harness.shells.cli import main

    result = CliRunner().invoke(main, ["fuzz", "-e", spec, "--examples", "5", "--property", "contract",
                                       "--property", "complete_byline"])  # fmt: skip
    # A page object written for one site's layout fails on generated pages of other layouts (its byline is
    # not found there); the contract holds: it never raises, hangs or reaches for the network.
    assert "ok    contract" in result.output
    assert "FAIL  complete_byline" in result.output
    assert result.exit_code == 1
