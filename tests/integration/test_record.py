"""Recording against a real HTTP server on 127.0.0.1: decoding, redirects, scrubbing, errors,
never overwriting, drafts and their review, WARC and saved-page imports, and refresh."""

from __future__ import annotations

import io
import json

import pytest
import requests
import vcr
from click.testing import CliRunner

from harness import check
from harness.authoring import accept, drafts, record, refresh
from harness.fixtures import load_fixtures
from harness.running import NetworkRefused, refuse_network
from harness.shells.cli import main
from tests.http_site import STATE, Site, article


@pytest.fixture(scope="module")
def site():
    with Site() as running:
        yield running


@pytest.fixture
def recorded(site, tmp_path):
    paths = ["/news/bridge", "/news/gzip", "/news/brotli", "/go/1", "/latin"]
    results = record([site.base + p for p in paths], tmp_path, timeout=5)
    assert [r.problem for r in results] == [None] * len(paths)
    return tmp_path, results


def test_recorded_cassettes_are_readable_and_scrubbed(recorded):
    _folder, results = recorded
    for result in results:
        text = result.cassette.read_text(encoding="utf-8")
        assert "string: |" in text and "!!binary" not in text
        assert "<h1>" in text
        assert "abc123secret" not in text and "Set-Cookie" not in text
        assert "captured_at" in result.cassette.with_name(result.cassette.stem + ".expected.json").read_text()
    chain = next(r for r in results if r.url.endswith("/go/1"))
    text = chain.cassette.read_text()
    assert text.count("- request:") == 3
    assert "token=SCRUBBED" in text and "s3cr3t" not in text
    assert chain.scrubbed == ["query parameter 'token'", "response header 'Set-Cookie'"]
    latin = next(r for r in results if r.url.endswith("/latin")).cassette.read_text()
    assert "Café owners in München" in latin
    assert "X-Harness-Original-Charset:\n      - iso-8859-1" in latin


def test_recorded_cassettes_replay_offline_with_the_network_refused(recorded, site):
    _folder, results = recorded
    for result in results:
        with vcr.use_cassette(str(result.cassette), record_mode="none"), refuse_network() as attempts:
            response = requests.get(result.url, timeout=5)
            assert response.status_code == 200
            assert "<h1>" in response.text
            with pytest.raises((NetworkRefused, Exception)):
                requests.get(site.base + "/news/not-recorded", timeout=5)
        assert attempts == []  # vcrpy answered; nothing reached a socket


def test_each_bad_url_gets_a_clear_message_and_the_rest_are_recorded(site, tmp_path):
    urls = [site.base + p for p in ("/members/story", "/missing", "/broken", "/slow", "/report.pdf", "/news/bridge")]
    results = record(urls, tmp_path, timeout=1)
    assert [r.problem for r in results] == [
        "HTTP 401 Unauthorized: nothing recorded",
        "HTTP 404 Not Found: nothing recorded",
        "HTTP 500 Internal Server Error: nothing recorded",
        "timed out after 1 s",
        "not an HTML page (Content-Type 'application/pdf'): nothing recorded",
        None,
    ]
    assert results[-1].cassette is not None and results[-1].cassette.exists()


def test_an_oversized_page_is_refused(site, tmp_path):
    [result] = record([site.base + "/news/bridge"], tmp_path, max_bytes=500)
    assert result.problem is not None
    assert result.problem.endswith("bytes, over the limit of 500")
    assert list(tmp_path.iterdir()) == []


def test_scrubbing_is_configurable(site, tmp_path):
    [kept] = record([site.base + "/go/1"], tmp_path, keep_params=["token"], keep_headers=["Set-Cookie"])
    text = kept.cassette.read_text()
    assert "token=s3cr3t" in text and "Set-Cookie" in text
    assert kept.scrubbed == []


def test_credentials_are_used_but_never_stored(site, tmp_path):
    result = CliRunner().invoke(main, ["record", site.base + "/members/story", "--out", str(tmp_path),
                                       "-H", "Authorization: Bearer letmein"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "scrubbed request header 'Authorization'" in result.output
    [cassette] = tmp_path.rglob("*.yaml")
    assert "letmein" not in cassette.read_text() and "Members story" in cassette.read_text()


def test_recording_twice_without_force_leaves_the_first_intact(site, tmp_path):
    url = site.base + "/news/bridge"
    [first] = record([url], tmp_path)
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    [again] = record([url], tmp_path)
    assert again.problem == f"{first.cassette}: already exists; pass force=True (--force) to overwrite it"
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == files


def test_drafts_are_not_truth_until_reviewed(recorded):
    folder, _ = recorded
    report = check([folder], ["metadata"], clock_check=False)
    assert report.results == []
    assert all("is an unreviewed draft, not yet truth" in str(p) for p in report.problems)
    assert len(check([folder], ["metadata"], clock_check=False, include_drafts=True).results) == 5
    draft = next(d for d in drafts([folder]) if d.cassette.stem == "bridge")
    assert draft.truth["authors"] == ["Jane Roe", "John Doe"]
    assert draft.truth["published"] == "2024-05-03T17:47:00+02:00"
    assert draft.truth["title"] == "River bridge repair approved"
    assert "metadata" in draft.evidence["candidates"]["title"]["River bridge repair approved"]
    assert any("By Jane Roe and John Doe" in b for b in draft.evidence["page"]["bylines"])
    accept(draft)
    assert not draft.evidence_path.exists()
    reviewed = check([draft.cassette], ["metadata"], clock_check=False)
    assert reviewed.problems == [] and len(reviewed.results) == 1


def test_review_cli_accepts_and_rejects(recorded):
    folder, _ = recorded
    shown = CliRunner().invoke(main, ["review", str(folder)], input="s\ns\ns\ns\ns\n")
    assert "candidate 'River bridge repair approved' from" in shown.output
    accepted = CliRunner().invoke(main, ["review", str(folder / "127.0.0.1" / "bridge.yaml"), "--accept"])
    assert "accepted" in accepted.output
    rejected = CliRunner().invoke(main, ["review", str(folder / "127.0.0.1" / "gzip.yaml"), "--reject"])
    assert "deleted" in rejected.output and not (folder / "127.0.0.1" / "gzip.yaml").exists()
    assert len(drafts([folder])) == 3


# warcio's writer leaves its spooled temporary files to the garbage collector.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_warc_imports_into_fixtures_that_check_like_recorded_ones(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, title in enumerate(("River bridge repair approved", "Ferry resumes service")):
            body = article(title).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://www.ledger.example/news/story-{n}", "response", payload=io.BytesIO(body),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2024-05-04T08:00:00Z"},
            ))  # fmt: skip
        writer.write_record(writer.create_warc_record("https://www.ledger.example/robots.txt", "response",
                            payload=io.BytesIO(b"User-agent: *"), http_headers=StatusAndHeaders(
                                "200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")))  # fmt: skip
    result = CliRunner().invoke(main, ["import", "warc", str(archive), "--out", str(tmp_path / "fx")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("wrote 2 fixtures to " + str(tmp_path / "fx"))
    for draft in drafts([tmp_path / "fx"]):
        accept(draft)
    loaded = load_fixtures([tmp_path / "fx"])
    assert loaded.problems == [] and len(loaded.fixtures) == 2
    fixture = loaded.fixtures[0]
    assert fixture.expectation.captured_at.isoformat() == "2024-05-04T08:00:00+00:00"
    report = check([tmp_path / "fx"], ["metadata", "trafilatura"], clock_check=False)
    assert report.problems == []
    assert not [f for f in report.findings if f.check.startswith("byline")]


def test_a_saved_page_imports(tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text(article("Saved story"), encoding="utf-8")
    url = "https://www.ledger.example/news/saved"
    args = ["import", "html", str(saved), "--url", url, "--captured-at", "2024-05-04T10:00:00+02:00"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "fx")])
    assert result.exit_code == 0, result.output
    [draft] = drafts([tmp_path / "fx"])
    assert draft.truth["captured_at"] == "2024-05-04T10:00:00+02:00"
    assert draft.truth["title"] == "Saved story"


def test_refresh_tells_site_drift_from_scraper_change(site, tmp_path, monkeypatch):
    [result] = record([site.base + "/news/bridge"], tmp_path)
    from harness.extractors import resolve

    extractors = [resolve("trafilatura"), resolve("newspaper4k"), resolve("htmldate")]
    [same] = refresh([result.cassette], extractors)
    assert not same.page_changed and same.moved == {}
    monkeypatch.setitem(STATE, "byline", "By Jane Roe and Mark Teaser")
    [changed] = refresh([result.cassette], extractors)
    assert [name for name, _, _ in changed.regions] == ["byline"]
    # trafilatura reads the JSON-LD, which did not change; newspaper4k reads the visible byline.
    assert list(changed.moved) == ["newspaper4k"]
    assert [(c.field, c.detail) for c in changed.moved["newspaper4k"]] == [("authors", "gained 'mark teaser'")]
    output = CliRunner().invoke(main, ["refresh", str(result.cassette), "-e", "newspaper4k"])
    assert output.exit_code == 1
    assert "the site changed since it was recorded (1 region):" in output.output
    assert "newspaper4k: authors gained 'mark teaser'" in output.output
    assert json.loads(result.cassette.with_name("bridge.expected.json").read_text())["url"].endswith("/news/bridge")


def test_record_drafts_with_the_extractors_named_framework_specs_too(site, tmp_path):
    # The Loopback Ledger's byline is "By Jane Roe and John Doe": a spider that keeps "By" drafts that.
    result = CliRunner().invoke(
        main,
        ["record", site.base + "/news/bridge", "--out", str(tmp_path), "-e", "tests.plugins:invents",
         "-e", "web-poet:tests.webpoet_pages:HudsonStory", "--fields", "title=heading", "--fields", "authors=writers"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [evidence] = tmp_path.rglob("*.draft.json")
    drafted = json.loads(evidence.read_text(encoding="utf-8"))
    assert set(drafted["extractors"]) == {"tests.plugins:invents", "web-poet:tests.webpoet_pages:HudsonStory"}
    bad = CliRunner().invoke(main, ["record", site.base + "/news/gzip", "--out", str(tmp_path), "-e", "nosuch"])
    assert bad.exit_code == 2 and "Unknown extractor 'nosuch'" in bad.output
    assert not list(tmp_path.rglob("gzip*"))
