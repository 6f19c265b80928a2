"""Fixture discovery, loading and saving; broken files are named, the rest still load."""

from __future__ import annotations

import json
import os

import pytest

from harness.core import ExpectationError, FixtureError, UsageError
from harness.fixtures import load_fixtures, save_fixture
from tests.conftest import BASE_TRUTH, interactions_of, write_fixture

HTML = "<html><head><title>T</title></head><body><p>Story text.</p></body></html>"


def test_load_a_fixture_with_its_truth(tmp_path):
    write_fixture(tmp_path / "gazette", "bridge", HTML, title="T", authors=["Jane Roe"])
    result = load_fixtures([tmp_path])
    assert result.problems == []
    [fixture] = result.fixtures
    assert fixture.name == "gazette/bridge"
    assert fixture.page.html == HTML
    assert fixture.page.url == BASE_TRUTH["url"]
    assert fixture.expectation.authors == ("Jane Roe",)
    assert fixture.expectation.knows("authors") and not fixture.expectation.knows("published")
    assert fixture.expectation.captured_at.isoformat() == "2024-05-03T20:00:00+02:00"


def test_broken_files_are_reported_and_the_others_still_load(tmp_path):
    write_fixture(tmp_path, "good", HTML)
    write_fixture(tmp_path, "bad-truth", HTML)
    (tmp_path / "bad-truth.expected.json").write_text(
        json.dumps({**BASE_TRUTH, "authors": "Jane Roe"}), encoding="utf-8"
    )
    write_fixture(tmp_path, "bad-json", HTML)
    (tmp_path / "bad-json.expected.json").write_text("{\n  'url': 1\n}", encoding="utf-8")
    (tmp_path / "bad-yaml.yaml").write_text("interactions: [\n", encoding="utf-8")
    (tmp_path / "bad-yaml.expected.json").write_text(json.dumps(BASE_TRUTH), encoding="utf-8")
    (tmp_path / "lonely.yaml").write_text("interactions: []\n", encoding="utf-8")
    write_fixture(tmp_path, "bad-zone", HTML)
    (tmp_path / "bad-zone.expected.json").write_text(
        json.dumps({**BASE_TRUTH, "timezone": "Mars/Olympus"}), encoding="utf-8"
    )

    result = load_fixtures([tmp_path])
    assert [f.name for f in result.fixtures] == ["good"]
    messages = sorted(str(p) for p in result.problems)
    assert messages == sorted(
        [
            f"{tmp_path / 'bad-json.expected.json'}: not valid JSON at line 2, column 3: "
            "Expecting property name enclosed in double quotes",
            f"{tmp_path / 'bad-truth.expected.json'}: fails expected.schema.json: $.authors: "
            "'Jane Roe' is not of type 'array'",
            f"{tmp_path / 'bad-yaml.yaml'}: not valid YAML at line 2, column 1: did not find expected node content",
            f"{tmp_path / 'bad-zone.expected.json'}: $.timezone: unknown timezone 'Mars/Olympus'; "
            "use an IANA name such as 'America/Denver'",
            f"{tmp_path / 'lonely.yaml'}: no expectation beside it: write lonely.expected.json "
            "(see schemas/expected.schema.json)",
        ]
    )
    assert all("\n" not in m for m in messages)


def test_a_url_that_the_cassette_did_not_record_is_an_error(tmp_path):
    write_fixture(tmp_path, "page", HTML)
    (tmp_path / "page.expected.json").write_text(
        json.dumps({**BASE_TRUTH, "url": "https://other.example/"}), encoding="utf-8"
    )
    [problem] = load_fixtures([tmp_path]).problems
    assert isinstance(problem, ExpectationError)
    assert "url 'https://other.example/' is not a request of page.yaml" in str(problem)


def test_a_symlink_loop_does_not_trap_discovery(tmp_path):
    write_fixture(tmp_path / "site", "page", HTML)
    os.symlink(tmp_path, tmp_path / "site" / "loop")
    result = load_fixtures([tmp_path])
    assert [f.name for f in result.fixtures] == ["site/page"]


def test_duplicate_names_across_roots_are_reported(tmp_path):
    write_fixture(tmp_path / "a" / "site", "page", HTML)
    write_fixture(tmp_path / "b" / "site", "page", HTML)
    result = load_fixtures([tmp_path / "a", tmp_path / "b"])
    assert len(result.fixtures) == 1
    assert "duplicate fixture name 'site/page'" in str(result.problems[0])


def test_a_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"No such file or folder: '.*nowhere'"):
        load_fixtures([tmp_path / "nowhere"])


def test_save_never_overwrites_without_force(tmp_path):
    cassette = write_fixture(tmp_path, "page", HTML)
    before = (cassette.read_bytes(), (tmp_path / "page.expected.json").read_bytes())
    with pytest.raises(FixtureError, match="already exists; pass force=True"):
        save_fixture(cassette, interactions_of("<p>new</p>"), BASE_TRUTH)
    assert (cassette.read_bytes(), (tmp_path / "page.expected.json").read_bytes()) == before
    save_fixture(cassette, interactions_of("<p>new</p>"), BASE_TRUTH, force=True)
    assert "<p>new</p>" in cassette.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_save_refuses_an_invalid_expectation_and_writes_nothing(tmp_path):
    with pytest.raises(ExpectationError, match=r"\$.captured_at"):
        save_fixture(tmp_path / "p.yaml", interactions_of(HTML), {**BASE_TRUTH, "captured_at": "yesterday"})
    assert list(tmp_path.iterdir()) == []


def test_a_redirect_chain_ends_at_the_final_page(tmp_path):
    start, final = "https://gazette.example/s/1", BASE_TRUTH["url"]
    hop = interactions_of("", start)[0]
    hop["response"]["status"] = {"code": 301, "message": "Moved Permanently"}
    hop["response"]["headers"] = {"Location": [final]}
    save_fixture(tmp_path / "p.yaml", [hop, *interactions_of(HTML, final)], {**BASE_TRUTH, "url": start})
    [fixture] = load_fixtures([tmp_path]).fixtures
    assert fixture.page.url == final and fixture.page.html == HTML
