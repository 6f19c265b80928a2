"""Remote extractors (a model endpoint, Zyte API) recorded once against stand-ins on 127.0.0.1,
then checked and scored offline with the same findings; the recorded calls hold no credential."""

from __future__ import annotations

import base64
import shutil

import pytest

from harness import check, score
from harness.core import bundled_cassettes
from tests.remote_api import KEY, serving

SITES = ("ksltv", "hudsonledger")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for site in SITES:
        shutil.copytree(bundled_cassettes() / site, tmp_path / site)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("ZYTE_API_KEY", KEY)
    prompt = tmp_path / "prompt.txt"
    prompt.write_text("Extract the article at {url}.\nHTML:\n{html}", encoding="utf-8")
    return tmp_path


def _verdicts(report):
    return sorted((f.fixture, f.extractor, f.check, f.message) for f in report.findings)


def test_recorded_once_then_checked_offline_with_the_same_findings(folder, monkeypatch):
    with serving() as base:
        monkeypatch.setenv("ZYTE_API_URL", f"{base}/v1/extract")
        specs = [f"llm:{base}/v1?model=stand-in&prompt={folder / 'prompt.txt'}", "zyte-api"]
        recorded = check([folder], specs, record_calls=True, clock_check=False, jobs=1)
    assert recorded.problems == []
    assert not [f for f in recorded.findings if f.check.startswith("extractor.")], _verdicts(recorded)
    calls = sorted(folder.rglob("__extractor_calls__/*/*.yaml"))
    assert len(calls) == len(recorded.fixtures) * 2
    written = "\n".join(path.read_text(encoding="utf-8") for path in calls)
    assert KEY not in written
    assert base64.b64encode(f"{KEY}:".encode()).decode() not in written
    assert "Authorization" not in written and "X-Request-Token" not in written
    # The stand-ins are gone: every answer comes from the recorded calls.
    offline = check([folder], specs, clock_check=True, jobs=1)
    assert offline.problems == []
    assert offline.fixtures == recorded.fixtures  # the recorded calls are no fixtures
    assert _verdicts(offline) == _verdicts(recorded)
    assert any(f.check.startswith(("byline.", "body.", "date.", "title.")) for f in offline.findings)
    scored = score([folder], specs, resamples=10, jobs=1)
    try:
        assert scored.pages == len(offline.fixtures)
        assert all(entry.metrics["body.f1"].value > 0 for entry in scored.extractors)
    finally:
        scored.close()


def test_a_page_without_recorded_calls_is_a_network_finding_naming_the_fix(folder, monkeypatch):
    monkeypatch.setenv("ZYTE_API_URL", "http://127.0.0.1:9/v1/extract")
    report = check([folder], ["zyte-api"], clock_check=False, jobs=1)
    network = [f for f in report.errors if f.check == "extractor.network"]
    assert len(network) == len(report.fixtures)
    assert all("--record-extractor-calls" in f.message for f in network)


def test_remote_extractors_are_never_among_every_built_in():
    from harness.extractors import registry

    assert registry().extractors["zyte-api"].remote
    assert "zyte-api" not in [info.name for info in registry().installed(remote=False)]


@pytest.mark.parametrize(
    ("spec", "needle"),
    [("llm:http://127.0.0.1:9/v1", "names no model"), ("llm:not-a-url", "give the endpoint's base URL")],
)
def test_a_bad_llm_spec_is_one_problem(folder, spec, needle):
    report = check([folder], [spec, "tests.plugins:invents"], clock_check=False, jobs=1)
    [problem] = report.problems
    assert needle in str(problem)


def test_recording_calls_the_service_once_a_page_even_with_the_clock_check(folder, monkeypatch):
    from tests.remote_api import CALLS

    with serving() as base:
        monkeypatch.setenv("ZYTE_API_URL", f"{base}/v1/extract")
        CALLS.clear()
        recorded = check([folder], ["zyte-api"], record_calls=True, clock_check=True, jobs=1)
        calls = list(CALLS)
    assert calls == ["/v1/extract"] * len(recorded.fixtures)
    # The clock check's reruns replayed the first run's recording: no finding comes from recording.
    assert not [f for f in recorded.findings if f.check.startswith(("extractor.", "date.clock"))]


def test_a_corpus_page_has_nowhere_to_keep_calls_and_says_so(tmp_path, monkeypatch):
    import json

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text("<html><body><h1>A story</h1><p>Words of it.</p></body></html>")
    line = {"file": "pages/a.html", "url": "https://a.example/news/a", "title": "A story"}
    (tmp_path / "truth.jsonl").write_text(json.dumps(line) + "\n")
    monkeypatch.setenv("ZYTE_API_URL", "http://127.0.0.1:9/v1/extract")
    report = check(corpora=[tmp_path], extractors=["zyte-api"], record_calls=True, clock_check=False, jobs=1)
    [finding] = [f for f in report.errors if f.check == "extractor.network"]
    assert "harness import corpus" in finding.message
