"""Corpora everywhere, and no silent passes: check reads what score reads, an empty input is an error
in every shell, and check's JSON carries what each extractor returned beside what was found."""

from __future__ import annotations

import json

import numpy  # noqa: F401 - imported here, before pytester's inline runs: it cannot load twice
import pytest
from click.testing import CliRunner

from harness.core import UsageError
from harness.running import BODY_EVIDENCE, check
from harness.shells.cli import main
from tests.conftest import write_fixture

pytest_plugins = ["pytester"]

#: A page whose byline names Jane Roe; its truth below says John Doe wrote it.
PAGE = (
    "<html><head><title>{title}</title>"
    '<meta property="og:title" content="{title}"><meta name="author" content="Jane Roe"></head>'
    "<body><h1>{title}</h1><p>By Jane Roe</p><p>{body}</p></body></html>"
)
LONG = " ".join(f"The council met for the {n}th time to discuss the bridge over the river." for n in range(60))


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def jsonl(folder, pages: dict[str, dict]):
    """A JSONL corpus in ``folder``: each page's HTML beside it and a truth line per page."""
    (folder / "pages").mkdir(parents=True)
    lines = []
    for name, truth in pages.items():
        html = PAGE.format(title=truth["title"], body=truth.pop("text"))
        (folder / "pages" / f"{name}.html").write_text(html, encoding="utf-8")
        lines.append(json.dumps({"file": f"pages/{name}.html", "url": f"https://a.example/{name}", **truth}))
    (folder / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def small(tmp_path):
    return jsonl(tmp_path / "corpus", {
        "bridge": {"title": "Bridge reopens", "authors": ["John Doe"], "text": LONG,
                   "captured_at": "2024-05-03T20:00:00+02:00"},
        "budget": {"title": "Budget passes", "authors": ["Jane Roe"], "text": "The budget passed on Monday."},
    })  # fmt: skip


def test_check_on_an_empty_folder_is_an_error_not_a_clean_run(tmp_path):
    (tmp_path / "empty").mkdir()
    result = invoke("check", tmp_path / "empty", "-e", "metadata")
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"harness: error: no fixtures under {tmp_path / 'empty'}"]


def test_check_on_a_corpus_folder_points_at_the_option_that_reads_it(small):
    result = invoke("check", small, "-e", "metadata")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"harness: error: no fixtures under {small} (it is a jsonl corpus: pass it with --corpus)"
    ]


def test_check_reads_a_jsonl_corpus_and_finds_its_defects(small):
    result = invoke("check", "--corpus", small, "-e", "metadata", "--format", "json", "--no-clock-check")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["fixtures"] == ["bridge", "budget"]
    assert data["summary"]["fixtures"] == 2 and data["summary"]["problems"] == 0
    wrong = [f for f in data["findings"] if f["check"].startswith("byline.")]
    assert {f["fixture"] for f in wrong} == {"bridge"}  # Jane Roe extracted, John Doe is the truth
    assert all(f["severity"] == "error" for f in wrong)


def test_check_json_carries_each_extraction_beside_the_findings(small):
    result = invoke("check", "--corpus", small, "-e", "trafilatura", "--format", "json", "--no-clock-check")
    data = json.loads(result.output)
    assert set(data) >= {"findings", "problems", "fixtures", "extractors", "summary", "results"}
    bridge, budget = data["results"]
    assert (bridge["fixture"], bridge["extractor"], bridge["status"]) == ("bridge", "trafilatura", "ok")
    assert bridge["seconds"] > 0
    extraction = bridge["extraction"]
    assert set(extraction) == {"title", "authors", "published", "modified", "body", "body_length"}
    assert extraction["title"] == "Bridge reopens"
    assert extraction["body_length"] > BODY_EVIDENCE == 2000
    assert len(extraction["body"]) == BODY_EVIDENCE
    assert LONG.startswith(extraction["body"][extraction["body"].index("The council") :][:500])
    assert budget["extraction"]["body_length"] == len(budget["extraction"]["body"]) < BODY_EVIDENCE


def test_check_json_has_no_extraction_where_the_extractor_failed(tmp_path):
    write_fixture(tmp_path, "bridge", PAGE.format(title="Bridge reopens", body="Text."), title="Bridge reopens")
    data = json.loads(invoke("check", tmp_path, "-e", "tests.plugins:raises", "--format", "json").output)
    [result] = data["results"]
    assert (result["status"], result["extraction"]) == ("error", None)


def test_check_with_corpora_in_workers_names_pages_as_in_process(small):
    """A corpus page is loaded in its worker; its name must not depend on where it was loaded."""
    here = check(extractors=["metadata"], corpora=[small], jobs=0, clock_check=False)
    there = check(extractors=["metadata"], corpora=[small], jobs=2, clock_check=False)
    assert here.fixtures == there.fixtures == ["bridge", "budget"]
    assert [r.fixture for r in there.results] == ["bridge", "budget"]
    assert [f.to_dict() for f in here.findings] == [f.to_dict() for f in there.findings]


def test_a_corpus_page_that_cannot_load_is_a_problem_of_check(small):
    with (small / "truth.jsonl").open("a", encoding="utf-8") as lines:
        lines.write(json.dumps({"file": "pages/gone.html"}) + "\n")
    report = check(extractors=["metadata"], corpora=[small], jobs=1, clock_check=False)
    assert report.fixtures == ["bridge", "budget"]
    assert [str(p) for p in report.problems] == [f"{small / 'pages' / 'gone.html'}: file not found"]
    assert report.exit_status() == 2


def test_the_api_refuses_an_empty_corpus_too(tmp_path):
    (tmp_path / "truth.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"^no fixtures under "):
        check(extractors=["metadata"], corpora=[tmp_path / "truth.jsonl"], jobs=0)


def test_score_on_an_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = invoke("score", "--corpus", tmp_path / "empty", "-e", "metadata", "--jobs", "0")
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"harness: error: no fixtures under {tmp_path / 'empty'}"]


def test_score_with_no_loadable_page_says_so_in_one_line(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "truth.jsonl").write_text(
        json.dumps({"file": "pages/gone.html", "title": "Gone"}) + "\n" + "{not json\n", encoding="utf-8"
    )
    result = invoke("score", "--corpus", folder, "-e", "metadata", "--jobs", "0")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"harness: error: no page of {folder} could be loaded: {folder / 'pages' / 'gone.html'}: file not found "
        "(and 1 more)"
    ]


def test_the_pytest_plugin_refuses_a_fixtures_path_with_no_fixture(pytester):
    (pytester.path / "cassettes").mkdir()
    (pytester.path / "cassettes" / "orphan.yaml").write_text("interactions: []\n")  # no expectation beside it
    pytester.makepyprojecttoml('[tool.harness]\nfixtures = ["cassettes"]\nextractors = ["metadata"]\n')
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: no fixtures under {pytester.path / 'cassettes'}"])


def test_the_pytest_plugin_runs_a_fixtures_path_that_has_fixtures(pytester):
    write_fixture(pytester.path / "cassettes", "bridge", PAGE.format(title="Bridge reopens", body="Text."),
                  title="Bridge reopens")  # fmt: skip
    pytester.makepyprojecttoml('[tool.harness]\nfixtures = ["cassettes"]\nextractors = ["metadata"]\n')
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
