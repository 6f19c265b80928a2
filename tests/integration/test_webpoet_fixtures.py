"""web-poet test fixtures in and out: `harness import web-poet` and `harness export web-poet` (issue 13).

The web-poet test cases here are written with web-poet's own `Fixture.save` and serialization,
so the tests read and write the real format.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.core import bundled_cassettes
from harness.fixtures import expectation_path, load_fixture

web_poet = pytest.importorskip("web_poet")
pytest.importorskip("zyte_common_items")

from web_poet import BrowserHtml, HttpResponse, RequestUrl, ResponseUrl  # noqa: E402
from web_poet.testing import Fixture  # noqa: E402

from harness.authoring import export_webpoet, import_webpoet  # noqa: E402
from harness.shells.cli import main  # noqa: E402

PAGE_CLASS = "mysite.pages.ArticlePage"
URL = "https://news.example.com/2024/10/19/bridge-reopens"
HTML = (
    "<html><head><title>Bridge reopens</title></head><body><h1>Bridge reopens after repairs</h1>"
    "<p class='byline'>By Ana Ruiz and Tom Berg</p><p>The bridge reopened on Saturday.</p></body></html>"
)
ARTICLE = {
    "url": URL,
    "headline": "Bridge reopens after repairs",
    "authors": [{"name": "Ana Ruiz"}, {"name": "Tom Berg"}],
    "datePublished": "2024-10-19T08:00:00-06:00",
    "dateModified": "2024-10-19T09:30:00-06:00",
    "articleBody": "The bridge reopened on Saturday.",
    "inLanguage": "en",
}
HUDSON = bundled_cassettes() / "hudsonledger"
KSL = bundled_cassettes() / "ksltv"


def save_case(
    root: Path, number: int = 1, *, url: str = URL, request_url: str | None = None, html: str = HTML,
    output: object = ARTICLE, meta: dict | None = None, extra: tuple = (), exception: Exception | None = None,
) -> Path:  # fmt: skip
    """One web-poet test case, written by web-poet itself."""
    inputs = [
        HttpResponse(url=url, body=html.encode("utf-8"), status=200,
                     headers={"Content-Type": "text/html; charset=utf-8"}),
        ResponseUrl(url), RequestUrl(request_url or url), *extra,
    ]  # fmt: skip
    fixture = Fixture.save(
        root / PAGE_CLASS, inputs=inputs, item=output, exception=exception,
        meta={"frozen_time": "2024-10-19T20:10:00-06:00"} if meta is None else meta, fixture_name=f"test-{number}",
    )  # fmt: skip
    return fixture.path


def truth_of(cassette: Path) -> dict:
    return json.loads(expectation_path(cassette).read_text(encoding="utf-8"))


MAPPED = ("url", "captured_at", "title", "authors", "published", "modified", "body", "language")


# -- import ---------------------------------------------------------------------------------------------


def test_a_test_case_becomes_a_fixture_with_a_drafted_truth(tmp_path):
    save_case(tmp_path / "fixtures")
    report = import_webpoet(tmp_path / "fixtures", tmp_path / "out")
    assert report.problems == []
    [cassette] = report.written
    assert cassette == tmp_path / "out" / "news.example.com" / "bridge-reopens.yaml"
    truth = truth_of(cassette)
    assert {k: truth[k] for k in MAPPED} == {
        "url": URL, "captured_at": "2024-10-19T20:10:00-06:00", "title": "Bridge reopens after repairs",
        "authors": ["Ana Ruiz", "Tom Berg"], "published": "2024-10-19T08:00:00-06:00",
        "modified": "2024-10-19T09:30:00-06:00", "body": "The bridge reopened on Saturday.", "language": "en",
    }  # fmt: skip
    assert truth["reviewed"] is False
    assert "from the web-poet test mysite.pages.ArticlePage/test-1" in truth["notes"]
    assert "field map zyte-article" in truth["notes"]
    fixture = load_fixture(cassette, include_drafts=True)
    assert fixture.page.html == HTML
    assert fixture.page.url == URL
    assert len(fixture.page.interactions) == 1
    with pytest.raises(Exception, match="unreviewed draft"):
        load_fixture(cassette)


def test_a_naive_frozen_time_is_taken_as_utc_and_the_notes_say_so(tmp_path):
    save_case(tmp_path / "fixtures", meta={"frozen_time": "2024-10-19 20:10:00"})
    [cassette] = import_webpoet(tmp_path / "fixtures", tmp_path / "out").written
    truth = truth_of(cassette)
    assert truth["captured_at"] == "2024-10-19T20:10:00+00:00"
    assert "frozen_time '2024-10-19 20:10:00' has no UTC offset and was taken as UTC" in truth["notes"]


def test_no_frozen_time_is_an_unknown_capture_time(tmp_path):
    save_case(tmp_path / "fixtures", meta={})
    report = import_webpoet(tmp_path / "fixtures", tmp_path / "out")
    assert truth_of(report.written[0])["captured_at"] is None
    assert report.unknown_capture == 1


def test_a_request_url_that_differs_is_a_redirect_to_the_response_url(tmp_path):
    first = "https://news.example.com/?p=4411"
    save_case(tmp_path / "fixtures", request_url=first)
    [cassette] = import_webpoet(tmp_path / "fixtures", tmp_path / "out").written
    fixture = load_fixture(cassette, include_drafts=True)
    assert [i["request"]["uri"] for i in fixture.page.interactions] == [first, URL]
    assert fixture.page.url == URL
    assert fixture.page.html == HTML
    truth = truth_of(cassette)
    assert truth["url"] == first
    assert f"RequestUrl {first} differs from ResponseUrl {URL}" in truth["notes"]


def test_each_bad_test_case_is_one_problem_naming_it_and_the_rest_are_imported(tmp_path):
    root = tmp_path / "fixtures"
    save_case(root, 1)
    save_case(root, 2, output=None)  # inputs only
    save_case(root, 3, output=None, exception=ValueError("no article here"))
    unreadable = save_case(root, 4)
    (unreadable / "inputs" / "HttpResponse-info.json").write_text("{not json", encoding="utf-8")
    save_case(root, 5, extra=(BrowserHtml("<html><body>rendered</body></html>"),))
    save_case(root, 6, meta={"frozen_time": "last Tuesday"})
    result = CliRunner().invoke(main, ["import", "web-poet", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    problems = [line for line in result.output.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 5, result.output
    by_test = {n: [p for p in problems if f"ArticlePage/test-{n} " in p or f"ArticlePage/test-{n}:" in p]
               for n in range(2, 7)}  # fmt: skip
    assert all(len(lines) == 1 for lines in by_test.values()), by_test
    assert "has no output.json; not imported" in by_test[2][0]
    assert "has exception.json instead" in by_test[3][0]
    assert "has unreadable inputs" in by_test[4][0]
    assert "has BrowserHtml among its inputs, which a recorded page cannot give" in by_test[5][0]
    assert "frozen_time 'last Tuesday' is not an ISO 8601 time" in by_test[6][0]
    assert result.output.splitlines()[-1] == f"wrote 1 fixture to {tmp_path / 'out'}; 5 pages could not be read"
    assert [p.name for p in (tmp_path / "out").rglob("*.yaml")] == ["bridge-reopens.yaml"]


def test_an_item_of_another_shape_reads_through_fields(tmp_path):
    save_case(tmp_path / "fixtures", output={"heading": "Bridge reopens", "byline": [{"person": "Ana Ruiz"}]})
    out = tmp_path / "out"
    unmapped = CliRunner().invoke(main, ["import", "web-poet", str(tmp_path / "fixtures"), "--out", str(out)])
    assert unmapped.exit_code == 2
    assert "test case mysite.pages.ArticlePage/test-1: no field map for a builtins.dict item" in unmapped.output
    args = ["import", "web-poet", str(tmp_path / "fixtures"), "--out", str(out),
            "--fields", "title=heading", "--fields", "authors=byline[].person"]  # fmt: skip
    mapped = CliRunner().invoke(main, args)
    assert mapped.exit_code == 0, mapped.output
    truth = truth_of(out / "news.example.com" / "bridge-reopens.yaml")
    assert (truth["title"], truth["authors"]) == ("Bridge reopens", ["Ana Ruiz"])
    assert "published" not in truth


def test_import_keeps_an_existing_fixture_unless_forced(tmp_path):
    save_case(tmp_path / "fixtures")
    out = tmp_path / "out"
    [cassette] = import_webpoet(tmp_path / "fixtures", out).written
    edited = {**truth_of(cassette), "title": "Edited by a reviewer"}
    expectation_path(cassette).write_text(json.dumps(edited), encoding="utf-8")
    again = import_webpoet(tmp_path / "fixtures", out)
    assert (again.written, again.skipped, again.problems) == ([], [cassette], [])
    assert truth_of(cassette)["title"] == "Edited by a reviewer"
    forced = import_webpoet(tmp_path / "fixtures", out, force=True)
    assert forced.written == [cassette]
    assert truth_of(cassette)["title"] == "Bridge reopens after repairs"


def test_two_test_cases_of_one_url_are_both_kept(tmp_path):
    save_case(tmp_path / "fixtures", 1)
    save_case(tmp_path / "fixtures", 2, output={**ARTICLE, "headline": "Another page class's view"})
    report = import_webpoet(tmp_path / "fixtures", tmp_path / "out")
    assert len(report.written) == 2
    assert len(set(report.written)) == 2
    assert sorted(truth_of(c)["title"] for c in report.written) == [
        "Another page class's view", "Bridge reopens after repairs",
    ]  # fmt: skip


def test_a_url_cannot_put_a_fixture_outside_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "evil.example").symlink_to(outside, target_is_directory=True)
    save_case(tmp_path / "fixtures", 1, url="https://evil.example/story")
    save_case(tmp_path / "fixtures", 2, url="http://../../etc/story")
    report = import_webpoet(tmp_path / "fixtures", out)
    [problem] = report.problems
    assert "would be written outside the output folder" in str(problem)
    assert list(outside.iterdir()) == []
    [written] = report.written
    assert written.resolve().is_relative_to(out.resolve())


# -- export ---------------------------------------------------------------------------------------------


def test_export_writes_web_poets_layout_with_its_serialization(tmp_path):
    report = export_webpoet([HUDSON], "tests.webpoet_pages:HudsonArticle", tmp_path / "wp")
    assert report.problems == []
    case = tmp_path / "wp" / "tests.webpoet_pages.HudsonArticle" / "test-1"
    assert report.written == [case]
    assert sorted(p.name for p in (case / "inputs").iterdir()) == [
        "HttpResponse-body.html", "HttpResponse-info.json", "PageParams.json", "RequestUrl.txt", "ResponseUrl.txt",
    ]  # fmt: skip
    truth = json.loads((HUDSON / "kingston-boil-water-notice-lifted.expected.json").read_text(encoding="utf-8"))
    assert json.loads((case / "output.json").read_text(encoding="utf-8")) == {
        "url": truth["url"], "headline": truth["title"], "authors": [{"name": n} for n in truth["authors"]],
        "datePublished": truth["published"], "dateModified": truth["modified"], "articleBody": truth["body"],
        "inLanguage": "en",
    }  # fmt: skip
    assert json.loads((case / "meta.json").read_text(encoding="utf-8")) == {"frozen_time": truth["captured_at"]}


def test_web_poet_reads_an_exported_fixture_and_the_page_object_runs_on_it(tmp_path):
    from harness import check
    from tests.webpoet_pages import HudsonArticle

    export_webpoet([HUDSON], "tests.webpoet_pages.HudsonArticle", tmp_path / "wp")
    fixture = Fixture(tmp_path / "wp" / "tests.webpoet_pages.HudsonArticle" / "test-1")
    assert fixture.is_valid()
    assert isinstance(fixture.get_page(HudsonArticle), HudsonArticle)
    output = fixture.get_output(HudsonArticle)
    expected = fixture.get_expected_output()
    assert output["headline"] == expected["headline"]
    assert [a["name"] for a in output["authors"]] == [a["name"] for a in expected["authors"]]
    assert output["articleBody"] == expected["articleBody"]
    # The same inputs as the harness gives the page object at check time: the same item.
    [result] = check([HUDSON], ["web-poet:tests.webpoet_pages:HudsonArticle"], clock_check=False, jobs=1).results
    assert result.extraction.title == output["headline"]
    assert result.extraction.authors == tuple(a["name"] for a in output["authors"])
    assert result.extraction.published == output["datePublished"] == "2024-06-02T13:05:27.318Z"


def test_export_keeps_an_existing_test_case_unless_forced(tmp_path):
    case = tmp_path / "wp" / "mysite.Page" / "test-1"
    export_webpoet([HUDSON], "mysite.Page", tmp_path / "wp")
    (case / "output.json").write_text("{}", encoding="utf-8")
    (case / "inputs" / "HttpClient-exists").write_bytes(b"")  # a stale input: must not survive a forced export
    again = export_webpoet([HUDSON], "mysite.Page", tmp_path / "wp")
    assert (again.written, again.skipped) == ([], [case])
    assert (case / "output.json").read_text(encoding="utf-8") == "{}"
    forced = export_webpoet([HUDSON], "mysite.Page", tmp_path / "wp", force=True)
    assert forced.written == [case]
    assert json.loads((case / "output.json").read_text(encoding="utf-8"))["headline"].startswith("Boil-water")
    assert not (case / "inputs" / "HttpClient-exists").exists()
    assert sorted(p.name for p in case.parent.iterdir()) == ["test-1"]  # nothing staged left behind


@pytest.mark.parametrize("page_class", ["ArticlePage", "../evil.Page", "mysite/pages.Page", "mysite.pages.Page "])
def test_the_page_class_must_be_a_dotted_import_path(tmp_path, page_class):
    result = CliRunner().invoke(
        main, ["export", "web-poet", str(HUDSON), "--page-class", page_class, "--out", str(tmp_path / "wp")]
    )
    if page_class.strip() == "mysite.pages.Page":
        assert result.exit_code == 0, result.output
        assert (tmp_path / "wp" / "mysite.pages.Page" / "test-1" / "output.json").is_file()
    else:
        assert result.exit_code == 2
        assert f"--page-class {page_class!r} is not a page class's import path" in result.output
        assert not (tmp_path / "wp").exists()


def test_a_page_class_folder_linked_out_of_out_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "wp").mkdir()
    (tmp_path / "wp" / "mysite.Page").symlink_to(outside, target_is_directory=True)
    report = export_webpoet([HUDSON], "mysite.Page", tmp_path / "wp")
    [problem] = report.problems
    assert "would be written outside the output folder" in str(problem)
    assert list(outside.iterdir()) == []


def test_drafts_are_exported_only_when_asked(tmp_path):
    save_case(tmp_path / "fixtures")
    import_webpoet(tmp_path / "fixtures", tmp_path / "cassettes")
    refused = export_webpoet([tmp_path / "cassettes"], "mysite.Page", tmp_path / "wp")
    [problem] = refused.problems
    assert "is an unreviewed draft" in str(problem)
    assert refused.written == []
    assert len(export_webpoet([tmp_path / "cassettes"], "mysite.Page", tmp_path / "wp", drafts=True).written) == 1


def test_export_with_no_path_and_no_configured_fixtures_says_what_to_give(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "web-poet", "--page-class", "mysite.Page", "--out", "wp"])
    assert result.exit_code == 2
    assert "give the fixtures to export (PATH ...), or set [tool.harness] fixtures" in result.output


# -- round trips ----------------------------------------------------------------------------------------


def test_import_then_export_gives_back_the_same_fields(tmp_path):
    first = "https://news.example.com/?p=4411"
    original = save_case(tmp_path / "fixtures", request_url=first)
    import_webpoet(tmp_path / "fixtures", tmp_path / "cassettes")
    report = export_webpoet([tmp_path / "cassettes"], PAGE_CLASS, tmp_path / "wp", drafts=True)
    [case] = report.written
    assert json.loads((case / "output.json").read_text(encoding="utf-8")) == ARTICLE
    assert json.loads((case / "meta.json").read_text(encoding="utf-8")) == {"frozen_time": "2024-10-19T20:10:00-06:00"}
    for name in ("HttpResponse-body.html", "ResponseUrl.txt", "RequestUrl.txt"):
        assert (case / "inputs" / name).read_bytes() == (original / "inputs" / name).read_bytes(), name
    assert (case / "inputs" / "RequestUrl.txt").read_text(encoding="utf-8") == first


def test_export_then_import_gives_back_the_same_fields(tmp_path):
    report = export_webpoet([HUDSON, KSL], "mysite.Page", tmp_path / "wp")
    assert len(report.written) == 3
    back = import_webpoet(tmp_path / "wp", tmp_path / "cassettes")
    assert back.problems == []
    originals = {}
    for source in (HUDSON, KSL):
        for sidecar in source.glob("*.expected.json"):
            truth = json.loads(sidecar.read_text(encoding="utf-8"))
            originals[truth["url"]] = truth
    imported = {truth["url"]: truth for truth in map(truth_of, back.written)}
    assert sorted(imported) == sorted(originals)
    for url, truth in imported.items():
        assert {k: truth.get(k) for k in MAPPED} == {k: originals[url].get(k) for k in MAPPED}, url
        page = load_fixture(next(c for c in back.written if truth_of(c)["url"] == url), include_drafts=True).page
        original = next(
            load_fixture(c).page for s in (HUDSON, KSL) for c in s.glob("*.yaml") if load_fixture(c).page.url == url
        )
        assert page.html == original.html


def test_the_import_summary_counts_what_was_kept(tmp_path):
    save_case(tmp_path / "fixtures")
    out = str(tmp_path / "out")
    CliRunner().invoke(main, ["import", "web-poet", str(tmp_path / "fixtures"), "--out", out])
    again = CliRunner().invoke(main, ["import", "web-poet", str(tmp_path / "fixtures"), "--out", out])
    assert again.exit_code == 0
    assert again.output.strip() == f"wrote 0 fixtures to {out}; kept 1 that already existed (--force overwrites them)"
    assert os.path.exists(Path(out) / "news.example.com" / "bridge-reopens.draft.json")
