"""The harness command: list and check, their formats and exit statuses."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from harness.extractors import registry
from harness.shells.cli import main
from tests.conftest import BASE_TRUTH, write_fixture

HTML = (
    "<html><head><title>Bridge reopens | Gazette</title></head><body>"
    "<h1>Bridge reopens</h1><p class='byline'>By Jane Roe</p>"
    "<p>The bridge reopened on Friday after two years of repairs and a long wait.</p></body></html>"
)
TRUTH = {"title": "Bridge reopens", "authors": ["Jane Roe"]}


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_lists_the_commands():
    result = invoke("--help")
    assert result.exit_code == 0
    assert "check" in result.output and "list" in result.output


def test_list_shows_extractors_and_fixtures(tmp_path):
    write_fixture(tmp_path / "gazette", "bridge", HTML, **TRUTH)
    result = invoke("list", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [f["name"] for f in data["fixtures"]] == ["gazette/bridge"]
    assert {e["name"] for e in data["extractors"]} >= {"trafilatura", "metadata", "htmldate"}


def test_check_exit_status_follows_the_findings(tmp_path):
    write_fixture(tmp_path, "bridge", HTML, **TRUTH)
    clean = invoke("check", str(tmp_path), "-e", "tests.plugins:prints")
    assert clean.exit_code == 1  # no author: byline.missing
    assert "E byline.missing" in clean.output
    assert "no author extracted; the page credits 'Jane Roe'" in clean.output


def test_check_json_has_the_documented_keys(tmp_path):
    write_fixture(tmp_path, "bridge", HTML, **TRUTH)
    result = invoke("check", str(tmp_path), "-e", "tests.plugins:raises", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    [finding] = data["findings"]
    assert set(finding) >= {
        "fixture",
        "extractor",
        "check",
        "severity",
        "field",
        "message",
        "expected",
        "actual",
    }
    assert finding["check"] == "extractor.error" and finding["fixture"] == "bridge"


def test_bad_inputs_are_one_line_each_and_the_rest_is_checked(tmp_path):
    write_fixture(tmp_path, "good", HTML, **TRUTH)
    (tmp_path / "broken.yaml").write_text("interactions: [\n", encoding="utf-8")
    (tmp_path / "broken.expected.json").write_text(json.dumps(BASE_TRUTH), encoding="utf-8")
    write_fixture(tmp_path, "bad-truth", HTML)
    (tmp_path / "bad-truth.expected.json").write_text(
        json.dumps({**BASE_TRUTH, "published": "19/10/2024"}), encoding="utf-8"
    )
    result = invoke("check", str(tmp_path), "-e", "tests.plugins:raises")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    problems = [line for line in lines if line.startswith("problem: ")]
    assert problems == [
        f"problem: {tmp_path / 'bad-truth.expected.json'}: fails expected.schema.json: $.published: "
        "'19/10/2024' is not an RFC 3339 date-time with a UTC offset ('2024-10-19T19:25:00-06:00') "
        "or a date ('2024-10-19')",
        f"problem: {tmp_path / 'broken.yaml'}: not valid YAML at line 2, column 1: did not find expected node content",
    ]
    assert "good" in lines
    assert "    E extractor.error            raised RuntimeError: selector '.byline' matched nothing" in lines
    assert lines[-1] == "Fix or remove the inputs listed as 'problem:' above; the rest was checked."


def test_an_unknown_extractor_stops_the_command_before_any_work(tmp_path):
    write_fixture(tmp_path, "good", HTML, **TRUTH)
    result = invoke("check", str(tmp_path), "-e", "tests.plugins:raises", "-e", "nosuch")
    assert result.exit_code == 2
    assert result.output == (
        f"harness: error: Unknown extractor 'nosuch' (from --extractor). Registered: {', '.join(registry().names())}. "
        "Give a registered name or a 'package.module:callable' spec; 'harness list' shows them all.\n"
    )


def test_a_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "harness: error: No such file or folder:" in result.output


def test_check_writes_github_annotations_attached_to_each_truth_file(tmp_path, monkeypatch):
    from harness.core import bundled_cassettes

    folder = tmp_path / "cassettes"
    import shutil

    shutil.copytree(bundled_cassettes() / "ksltv", folder / "ksltv")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "cassettes", "-e", "tests.plugins:invents", "--no-clock-check", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines)
    pattern = re.compile(r"::(error|warning) file=cassettes/ksltv/([^,]+)\.expected\.json,title=([^:]+)::(.+)")
    for line in lines:
        found = pattern.fullmatch(line)
        assert found is not None, line
        assert (folder / "ksltv" / f"{found[2]}.expected.json").is_file()
        assert found[3].endswith("(tests.plugins%3Ainvents)")
        assert found[4].startswith(f"ksltv/{found[2]}: ")
