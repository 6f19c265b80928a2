"""Running extractors contained: errors, timeouts, network, clock, stdout, wrong types."""

from __future__ import annotations

import os
import socket

import pytest

from harness.extractors import resolve
from harness.running import NetworkRefused, refuse_network, run_one
from tests.conftest import make_fixture, write_fixture

HTML = "<html><head><title>Bridge reopens</title></head><body><p>Story.</p></body></html>"


def run(spec: str, **kw):
    return run_one(resolve(f"tests.plugins:{spec}"), make_fixture(HTML, title="Bridge reopens"), **kw)


def checks(result) -> list[str]:
    return [f.check for f in result.findings]


def test_a_plugin_that_raises_is_one_finding():
    result = run("raises")
    assert result.status == "error"
    assert checks(result) == ["extractor.error"]
    assert result.findings[0].message == "raised RuntimeError: selector '.byline' matched nothing"


def test_an_error_message_framed_in_asterisks_is_named_by_its_first_real_line():
    [finding] = run("raises_framed").findings
    assert finding.message == "raised LookupError: Resource punkt_tab not found."


def test_a_plugin_that_hangs_times_out():
    result = run("hangs", timeout=0.2)
    assert result.status == "timeout"
    assert checks(result) == ["extractor.timeout"]
    assert result.seconds < 5


def test_printing_and_changing_directory_are_contained(capsys):
    cwd = os.getcwd()
    assert checks(run("prints")) == []
    assert checks(run("wanders")) == []
    assert os.getcwd() == cwd
    assert "debug output" not in capsys.readouterr().out


def test_network_attempts_are_refused_and_named():
    result = run("calls_home")
    assert checks(result) == ["extractor.network"]
    assert "tracker.example:443" in result.findings[0].message


def test_refuse_network_restores_the_socket_module():
    original = socket.getaddrinfo
    with refuse_network() as attempts, pytest.raises(NetworkRefused):
        socket.getaddrinfo("news.example", 80)
    assert attempts == ["news.example:80"]
    assert socket.getaddrinfo is original


def test_a_clock_reading_extractor_is_clock_dependent():
    result = run("reads_the_clock")
    assert "date.clock_dependent" in checks(result)
    assert "date.clock_dependent" not in checks(run("reads_the_clock", clock_check=False))


def test_nondeterminism_is_not_blamed_on_the_clock():
    result = run("flaky")
    assert "date.clock_dependent" not in checks(result)
    [finding] = [f for f in result.findings if f.check == "extractor.nondeterministic"]
    assert finding.severity == "warning" and finding.field == "title"
    assert finding.message.startswith("title differed between two runs under the same clock: title was 'Bridge ")
    # The clock-reading extractor agrees with itself under one clock: it is clock-dependent, not flaky.
    assert "extractor.nondeterministic" not in checks(run("reads_the_clock"))


def test_an_extractor_that_alternates_from_call_to_call_is_not_clock_dependent():
    # newspaper4k on a National Post page gave one body on odd calls and another on even ones.
    found = checks(run("alternates"))
    assert "extractor.nondeterministic" in found
    assert "date.clock_dependent" not in found


def test_a_body_that_changes_with_the_clock_is_nondeterminism_not_a_clock_dependent_date():
    # The rule: date.clock_dependent only when the later clock changes a date.
    found = run("body_follows_the_clock").findings
    assert [f.check for f in found] == ["extractor.nondeterministic"]
    assert found[0].field == "body"


def test_the_clock_is_frozen_at_captured_at():
    result = run("reads_the_clock", clock_check=False)
    assert result.extraction is not None
    assert result.extraction.published == "2024-05-03T18:00:00+00:00"


def test_wrong_types_are_schema_findings_and_the_rest_is_graded():
    result = run("wrong_types")
    assert checks(result)[:3] == ["schema.invalid"] * 3
    messages = " | ".join(f.message for f in result.findings[:3])
    assert "$.title: 42 is not of type 'string', 'null'" in messages
    assert "$.authors: 'Jane Roe' is not of type 'array', 'null'" in messages
    assert "$.published: 'last Friday' is not an RFC 3339 date-time such as" in messages
    assert "title.mismatch" in checks(result)


def test_a_non_mapping_result_is_a_schema_finding():
    result = run("not_a_mapping")
    assert checks(result)[0] == "schema.invalid"
    assert "returned list ['Jane Roe'], not a mapping" in result.findings[0].message


def test_a_fetching_scraper_runs_inside_the_cassette_replay(tmp_path):
    from harness.fixtures import load_fixture

    fixture = load_fixture(write_fixture(tmp_path, "page", HTML, title="Bridge reopens"))
    result = run_one(resolve("tests.plugins:fetcher"), fixture)
    assert checks(result) == []
    assert result.extraction.title == "Bridge reopens"

    wandering = run_one(resolve("tests.plugins:fetcher_wandering"), fixture)
    assert checks(wandering) == ["extractor.network", "extractor.error"]
    assert "unrecorded.example" in wandering.findings[0].message


def test_a_page_the_extractor_does_not_cover_is_said_once_and_is_no_defect():
    from harness import check

    report = check(extractors=["tests.plugins:covers_one_site"], clock_check=False, jobs=1)
    uncovered = [r for r in report.results if r.status == "not-covered"]
    covered = [r for r in report.results if r.status != "not-covered"]
    assert uncovered and covered, "the bundled fixtures hold ksltv pages and others"
    for result in uncovered:
        assert [f.check for f in result.findings] == ["extractor.not_covered"]
        assert result.findings[0].severity == "info"
        assert "no parser for" in result.findings[0].message
    assert all("ksltv" in r.fixture for r in covered)
    from harness.render.check import render_text

    text = render_text(report)
    assert f"tests.plugins:covers_one_site does not cover {len(uncovered)} of the" in text


def test_the_capture_time_is_said_to_the_extractor_and_does_not_move_with_the_clock():
    from harness.core import captured_at

    fixture = make_fixture(HTML, title="Bridge reopens")
    result = run_one(resolve("tests.plugins:chooses_by_capture_date"), fixture, clock_check=True)
    assert result.extraction.title == f"parser of {fixture.expectation.captured_at.date().isoformat()}"
    assert not [f for f in result.findings if f.check in ("date.clock_dependent", "extractor.nondeterministic")]
    assert captured_at() is None  # said only while the extractor runs


def test_a_not_covered_page_renders_with_its_finding_turned_off():
    from harness import check
    from harness.render.check import render_text

    report = check(extractors=["tests.plugins:covers_one_site"], clock_check=False, jobs=1,
                   severity={"extractor.not_covered": "off"})  # fmt: skip
    uncovered = [r for r in report.results if r.status == "not-covered"]
    assert uncovered and all(r.findings == [] for r in uncovered)
    text = render_text(report)
    assert f"{uncovered[0].extractor}: does not cover this page" in text


def test_each_pages_truth_is_audited_once_however_results_interleave(monkeypatch):
    import sys

    from harness import check

    audit_module = sys.modules["harness.running.audit"]

    calls = []
    real = audit_module.audit_fixture
    monkeypatch.setattr(audit_module, "audit_fixture", lambda fixture: calls.append(fixture.name) or real(fixture))
    specs = ["tests.plugins:slow_titles", "tests.plugins:slow_invents"]
    report = check(extractors=specs, clock_check=False, jobs=2)
    assert sorted(calls) == sorted(report.fixtures)
