"""The pytest plugin as pytest users expect it (issue 14, item 5): plain flags, node ids that can be
pasted back, failure headers naming the fixture, wrong paths in one line, and a snapshot hint only
for changes that do not break the truth."""

from __future__ import annotations

import json
import shutil

import numpy  # noqa: F401 - imported here, before pytester's inline runs: it cannot load twice
import pytest

from harness.core import bundled_cassettes

pytest_plugins = ["pytester"]

ARTICLE = "ksltv/north-korean-troops-russia.yaml"


@pytest.fixture
def project(pytester: pytest.Pytester):
    """A project with the ksltv fixtures, the test scrapers importable as a dotted package."""
    shutil.copytree(bundled_cassettes() / "ksltv", pytester.path / "cassettes" / "ksltv")
    package = pytester.path / "mysite"
    package.mkdir()
    (package / "__init__.py").write_text("")
    shutil.copy(pytest.importorskip("tests.plugins").__file__, package / "scraper.py")
    pytester.makepyprojecttoml('[tool.harness]\nfixtures = ["cassettes"]\n')
    pytester.syspathinsert()
    return pytester


def run(project: pytest.Pytester, *args: str) -> pytest.RunResult:
    return project.runpytest_subprocess("-p", "no:cacheprovider", *args)


def snapshot_files(project: pytest.Pytester) -> list[str]:
    return sorted(p.name for p in project.path.rglob("__snapshots__/*/*.json"))


def test_harness_update_is_a_plain_flag_that_leaves_the_next_path_alone(project):
    result = run(project, "--harness-extractor", "mysite.scraper:oracle", "--harness-update", "cassettes/")
    result.assert_outcomes(passed=2)
    assert snapshot_files(project) == ["north-korean-troops-russia-jsonld.json", "north-korean-troops-russia.json"]


def test_update_mode_new_leaves_a_changed_snapshot_and_the_old_spelling_still_works(project):
    args = ["--harness-extractor", "mysite.scraper:oracle"]
    run(project, *args, "--harness-update").assert_outcomes(passed=2)
    [target] = project.path.rglob("__snapshots__/*/north-korean-troops-russia.json")
    data = json.loads(target.read_text())
    data["title"] = "Another title"
    target.write_text(json.dumps(data))
    run(project, *args, "--harness-update", "--harness-update-mode", "new").assert_outcomes(passed=1, failed=1)
    assert json.loads(target.read_text())["title"] == "Another title"
    run(project, *args, "--harness-update=new").assert_outcomes(passed=1, failed=1)  # the 0.1 spelling
    assert json.loads(target.read_text())["title"] == "Another title"
    run(project, *args, "--harness-update=changed").assert_outcomes(passed=2)
    assert json.loads(target.read_text())["title"] != "Another title"


def test_harness_properties_is_a_plain_flag_with_a_profile_option(project):
    result = run(project, "--harness-extractor", "mysite.scraper:oracle", "--harness-properties",
                 "--harness-properties-profile", "ci", "cassettes/", "--co", "-q")  # fmt: skip
    out = result.stdout.str()
    assert "harness-properties::mysite.scraper:oracle::contract" in out
    assert "cassettes/ksltv/north-korean-troops-russia.yaml::mysite.scraper:oracle" in out
    assert result.ret == 0


def test_a_node_id_shown_by_v_runs_that_item_alone_when_pasted_back(project):
    listed = run(project, "--harness-extractor", "mysite.scraper:oracle", "-v")
    [line] = [line for line in listed.outlines if f"{ARTICLE}::" in line and "PASSED" in line]
    node_id = line.split(" ")[0]
    assert node_id == f"cassettes/{ARTICLE}::mysite.scraper:oracle"  # not "mysite::scraper:oracle"
    again = run(project, "--harness-extractor", "mysite.scraper:oracle", "-v", node_id)
    again.assert_outcomes(passed=1)
    assert [line.split(" ")[0] for line in again.outlines if "PASSED" in line] == [node_id]


def test_a_failure_header_names_the_fixture_and_the_extractor(project):
    result = run(project, "--harness-extractor", "mysite.scraper:planted_defects")
    result.assert_outcomes(failed=2)
    result.stdout.re_match_lines([r"_+ ksltv/north-korean-troops-russia × mysite\.scraper:planted_defects _+"])


@pytest.mark.parametrize("where", ["option", "config"])
def test_a_wrong_fixtures_path_is_one_line(project, where):
    if where == "option":
        result = run(project, "--harness-extractor", "mysite.scraper:oracle", "--harness-fixtures", "/nonexistent")
    else:
        project.makepyprojecttoml('[tool.harness]\nfixtures = ["nonexistent"]\n')
        result = run(project, "--harness-extractor", "mysite.scraper:oracle")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if line.strip()]
    assert len(errors) == 1, errors
    assert "No such file or folder" in errors[0] and "nonexistent" in errors[0]
    assert "Traceback" not in result.stdout.str() + result.stderr.str()


def test_one_cassette_as_the_fixtures_path_runs_its_item(project):
    result = run(project, "--harness-extractor", "mysite.scraper:oracle", "--harness-fixtures", f"cassettes/{ARTICLE}")
    result.assert_outcomes(passed=1)  # was "no tests ran"


def test_fixtures_outside_the_rootdir_never_move_it_silently(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "fixtures"
    shutil.copytree(project.path / "cassettes", outside)
    project.makepyprojecttoml('[tool.harness]\nextractors = ["mysite.scraper:oracle"]\n')
    moved = run(project, "--harness-fixtures", str(outside))
    assert moved.ret == pytest.ExitCode.USAGE_ERROR
    assert f"--harness-fixtures {outside} moved pytest's rootdir" in moved.stderr.str()
    assert f"Write --harness-fixtures={outside} (one token)" in moved.stderr.str()
    joined = run(project, f"--harness-fixtures={outside}")
    joined.assert_outcomes(passed=2)
    joined.stdout.fnmatch_lines([f"rootdir: {project.path}"])


def test_the_snapshot_hint_is_offered_only_for_a_change_the_truth_does_not_refute(project):
    scraper = project.path / "mysite" / "cnn.py"
    source = (
        "from mysite.scraper import oracle\n\n"
        "def extract(html, url):\n"
        "    result = dict(oracle(html, url))\n"
        "    result['authors'] = [*result['authors']{}]\n"
        "    return result\n"
    )
    scraper.write_text(source.format(""))
    args = ["--harness-extractor", "mysite.cnn:extract"]
    run(project, *args, "--harness-update").assert_outcomes(passed=2)
    # Now the scraper leaks the network's name into the byline: the snapshots changed, for the worse.
    scraper.write_text(source.format(", 'CNN'"))
    worse = run(project, *args)
    worse.assert_outcomes(failed=2)
    text = worse.stdout.str()
    # Count in the failure sections only: on CI pytest repeats each whole message in its short summary.
    failures = text.split("short test summary info")[0]
    assert failures.count("The change breaks the truth, so it is not one to accept into the snapshot:") == 2
    assert "byline.organization" in text.split("The change breaks the truth")[1]
    assert "accept it with --harness-update" not in text
    assert "2 snapshots changed in a way that breaks the truth (see their failures)" in text
    assert "Re-run with --harness-update to accept them." not in text
