"""Corpora read in place: JSONL and Zyte layouts, bad entries reported line by line, import."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from harness.fixtures import open_corpus
from harness.authoring import import_corpus
from harness.shells.cli import main
from harness.core import FixtureError
from harness.fixtures import load_fixtures
from harness.scoring import score
from tests.conftest import needs_corpus

PAGE = (
    '<html><head><title>{0}</title><meta property="og:title" content="{0}"></head>'
    "<body><h1>{0}</h1><p>By Jane Roe</p><p>{0} body text here.</p></body></html>"
)


def write_jsonl(folder, lines):
    (folder / "pages").mkdir(exist_ok=True)
    (folder / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "truth.jsonl"


@pytest.fixture
def messy_jsonl(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "good.html.gz").write_bytes(gzip.compress(PAGE.format("Good").encode()))
    (tmp_path / "pages" / "plain.html").write_text(PAGE.format("Plain"), encoding="utf-8")
    (tmp_path / "pages" / "latin.html").write_bytes(
        b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body>M\xfcnchen</body></html>'
    )
    (tmp_path / "pages" / "binary.html").write_bytes(b"\xff\xfe\x00\x81\x82 garbage \xc3\x28")
    (tmp_path / "pages" / "truncated.html.gz").write_bytes(gzip.compress(PAGE.encode())[:30])
    good = {"file": "pages/good.html.gz", "url": "https://a.example/good", "title": "Good",
            "authors": ["Jane Roe"], "published": "2024-05-03T15:47:42+00:00",
            "captured_at": "2024-05-03 18:19:08.721370", "body": "Good body text here."}  # fmt: skip
    return write_jsonl(tmp_path, [
        json.dumps(good),
        json.dumps({"file": "pages/plain.html", "title": "Plain", "published": "2024-05-03T10:00:00"}),
        json.dumps({"file": "pages/latin.html", "title": "Café"}),
        "{not json",
        json.dumps({"file": "pages/missing.html"}),
        json.dumps({"file": "pages/binary.html"}),
        json.dumps({"file": "pages/truncated.html.gz"}),
        json.dumps({"url": "https://a.example/no-file"}),
        json.dumps({"file": "../../etc/passwd"}),
        json.dumps({"file": "pages/good.html.gz", "authors": "Jane Roe"}),
    ])  # fmt: skip


def test_a_jsonl_corpus_reports_bad_lines_and_reads_the_rest(messy_jsonl):
    corpus = open_corpus(messy_jsonl)
    assert (corpus.kind, corpus.size) == ("jsonl", 10)
    items = list(corpus.pages())
    pages = [i for i in items if not isinstance(i, FixtureError)]
    problems = [str(i) for i in items if isinstance(i, FixtureError)]
    assert [p.name for p in pages] == ["good", "plain", "latin"]
    at = str(messy_jsonl)
    pages_dir = messy_jsonl.parent / "pages"
    assert problems == [
        f"{at}:4: malformed JSON line: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        f"{pages_dir / 'missing.html'}: file not found",
        f"{pages_dir / 'binary.html'}: undecodable page: is not UTF-8 (byte 0) and declares no charset",
        f"{pages_dir / 'truncated.html.gz'}: not a valid gzip file (Compressed file ended before the "
        "end-of-stream marker was reached)",
        f"{at}:8: has no 'file' (the page's path, relative to the JSONL file)",
        f"{at}:9: 'file' '../../etc/passwd' points outside {messy_jsonl.parent}",
        f"{at}:10: fails the page's truth: $.authors: 'Jane Roe' is not of type 'array'",
    ]
    good, plain, latin = pages
    assert good.expectation.captured_at.isoformat() == "2024-05-03T18:19:08.721370+00:00"
    assert good.expectation.timezone == "UTC"
    assert plain.expectation.published == "2024-05-03"  # a naive true time is scored at its day
    assert "München" in latin.page.html
    assert not good.expectation.knows("modified") and plain.expectation.knows("title")


def test_scoring_a_messy_corpus_scores_the_rest_and_says_what_was_unused(messy_jsonl):
    report = score([messy_jsonl], ["metadata"], jobs=0)
    try:
        assert report.pages == 3
        assert len(report.problems) == 7
        assert report.exit_status() == 2
        assert report.extractors[0].metrics["title.accuracy"].pages == 3
    finally:
        report.close()


def test_unlabelled_fields_are_not_scored_and_say_so(tmp_path):
    path = write_jsonl(tmp_path, [json.dumps({"file": "pages/a.html", "title": "A"})])
    (tmp_path / "pages" / "a.html").write_text(PAGE.format("A"), encoding="utf-8")
    report = score([path], ["metadata"], jobs=0)
    try:
        metrics = report.extractors[0].metrics
        assert metrics["authors.f1"].pages == 0 and metrics["authors.f1"].value is None
        assert metrics["title.accuracy"].value == 1.0
        assert report.notes == ["jsonl corpus truth.jsonl: body, authors, dates not labelled, so not scored"]
    finally:
        report.close()


def test_a_zyte_layout_with_a_missing_page(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "aaa.html.gz").write_bytes(gzip.compress(PAGE.format("A").encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({
        "aaa": {"articleBody": "A body text here.", "url": "https://z.example/a"},
        "bbb": {"articleBody": "B", "url": "https://z.example/b"},
        "ccc": {"url": "https://z.example/c"},
    }))  # fmt: skip
    items = list(open_corpus(tmp_path).pages())
    assert [i.name for i in items if not isinstance(i, FixtureError)] == ["aaa"]
    assert [str(i) for i in items if isinstance(i, FixtureError)] == [
        f"{tmp_path / 'html' / 'bbb.html.gz'}: file not found",
        f"{tmp_path / 'ground-truth.json'}['ccc']: has no articleBody string",
    ]


def test_predictions_without_an_entry_count_as_empty_and_say_so(tmp_path):
    (tmp_path / "html").mkdir()
    for key in ("aaa", "bbb"):
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(PAGE.format(key).encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({
        k: {"articleBody": f"{k} body text here.", "url": f"https://z.example/{k}"} for k in ("aaa", "bbb")
    }))  # fmt: skip
    saved = tmp_path / "mine.json"
    saved.write_text(json.dumps({"version": "1.0", "output": {"aaa": {"articleBody": "aaa body text here."}}}))
    report = score([tmp_path], predictions=[saved], jobs=0)
    try:
        [entry] = report.extractors
        assert (entry.name, entry.version, entry.missing_predictions) == ("mine", "1.0", 1)
        assert entry.metrics["body.recall"].value == 0.5
        assert "mine: no saved prediction for 1 pages (scored as empty extractions)" in report.notes
    finally:
        report.close()


def test_import_writes_fixtures_that_load_and_never_overwrites(messy_jsonl, tmp_path):
    out = tmp_path / "fixtures"
    first = import_corpus(messy_jsonl, out)
    assert [p.name for p in first.written] == ["good.yaml", "plain.yaml", "latin.yaml"]
    assert len(first.problems) == 7
    loaded = load_fixtures([out])
    assert loaded.problems == [] and len(loaded.fixtures) == 3
    before = (out / "good.yaml").read_bytes()
    again = import_corpus(messy_jsonl, out)
    assert again.written == [] and len(again.skipped) == 3
    assert (out / "good.yaml").read_bytes() == before


def test_import_cli(messy_jsonl, tmp_path):
    result = CliRunner().invoke(main, ["import", "corpus", str(messy_jsonl), "--out", str(tmp_path / "f")])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"wrote 3 fixtures to {tmp_path / 'f'}; 7 pages could not be read"


def test_the_fundus_corpus_reads_whole():
    fundus = needs_corpus("fundus")
    items = list(open_corpus(fundus).pages())
    assert [str(i) for i in items if isinstance(i, FixtureError)] == []
    assert len(items) == 258
