"""The pytest plugin, through pytester: items per fixture and extractor, failures per field,
-k and -n, snapshots and their update flow."""

from __future__ import annotations

import json
import shutil

import numpy  # noqa: F401 - imported here, before pytester's inline runs: it cannot load twice
import pytest

from harness.core import bundled_cassettes
from harness.fixtures import load_fixtures

pytest_plugins = ["pytester"]

SITES = ("ksltv", "bayviewsentinel", "harbourpost", "wessexchronicle")


@pytest.fixture
def project(pytester: pytest.Pytester):
    """A project with four bundled sites' fixtures and the test plugins importable."""
    for site in SITES:
        shutil.copytree(bundled_cassettes() / site, pytester.path / "cassettes" / site)
    shutil.copy(pytest.importorskip("tests.plugins").__file__, pytester.path / "scrapers.py")
    pytester.makepyprojecttoml('[tool.harness]\nfixtures = ["cassettes"]\n')
    pytester.syspathinsert()
    return pytester


def truths() -> dict[str, dict]:
    fixtures = load_fixtures([bundled_cassettes() / s for s in SITES]).fixtures
    return {f.name: dict(f.expectation.raw) for f in fixtures}


def expected_failures() -> set[str]:
    """The items the planted defects must fail: a second author, or a sponsored snippet, to lose."""
    failing = set()
    for name, truth in truths().items():
        _site, slug = name.split("/") if "/" in name else ("", name)
        many_authors = len(truth.get("authors", [])) > 1
        sponsored = any(s["kind"] == "sponsored" for s in truth.get("must_not_contain", [])) and truth.get("body")
        if many_authors or sponsored:
            failing.add(slug)
    return failing


def failed_ids(result) -> set[str]:
    return {line.split("::")[0].rsplit("/", 1)[-1].removesuffix(".yaml")
            for line in result.outlines if line.startswith("FAILED ")}  # fmt: skip


def test_planted_defects_fail_exactly_their_items_and_checks(project):
    # The fixture file names are the slugs; the sidecar truth decides which must fail.
    result = project.runpytest("--harness-extractor", "scrapers:planted_defects", "-p", "no:cacheprovider")
    want = expected_failures()
    assert want, "the chosen sites must hold multi-author or sponsored pages"
    assert failed_ids(result) == want
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == len(want)
    assert outcomes.get("passed", 0) == len(truths()) - len(want)
    text = result.stdout.str()
    assert "byline.incomplete: 1 of 3 authors missing: 'Victoria Butenko'" in text
    assert "body.sponsored_leak: sponsored text in the body:" in text
    assert "expected ['Isaac Yee', 'Victoria Butenko', 'Niamh Kennedy']" in text
    assert "actual   ['Isaac Yee', 'Niamh Kennedy']" in text


def test_a_clean_scraper_passes(project):
    result = project.runpytest("--harness-extractor", "scrapers:oracle", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(truths()))


def test_k_selects_items_by_fixture_and_extractor(project):
    result = project.runpytest(
        "--harness-extractor", "scrapers:oracle", "--harness-extractor", "scrapers:planted_defects",
        "-k", "ksltv and oracle", "-p", "no:cacheprovider",
    )  # fmt: skip
    result.assert_outcomes(passed=2, deselected=2 * len(truths()) - 2)


def test_runs_under_xdist(project):
    pytest.importorskip("xdist")
    result = project.runpytest("--harness-extractor", "scrapers:planted_defects", "-n", "2", "-p", "no:cacheprovider")
    assert result.parseoutcomes()["failed"] == len(expected_failures())


def test_junit_xml_through_pytest(project):
    result = project.runpytest("--harness-extractor", "scrapers:oracle", "--junitxml=out.xml", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(truths()))
    xml = (project.path / "out.xml").read_text()
    assert xml.count("<testcase ") == len(truths())
    assert 'name="scrapers:oracle"' in xml


def test_severity_configuration_turns_a_failure_into_a_pass(project):
    project.makepyprojecttoml(
        '[tool.harness]\nfixtures = ["cassettes"]\n'
        '[tool.harness.severity]\n"byline.incomplete" = "off"\n"body.sponsored_leak" = "warning"\n'
        '"body.low_precision" = "off"\n'
    )
    result = project.runpytest("--harness-extractor", "scrapers:planted_defects", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(truths()))


def test_unknown_configuration_keys_name_the_nearest(project):
    project.makepyprojecttoml('[tool.harness]\nfixture = ["cassettes"]\nextractors = ["scrapers:oracle"]\n')
    result = project.runpytest("-p", "no:cacheprovider")
    assert result.ret != 0
    assert "Unknown key 'fixture' in " in result.stderr.str()
    assert "pyproject.toml [tool.harness]. Did you mean 'fixtures'? Valid: body_similarity," in result.stderr.str()


def test_unknown_check_id_in_configuration(project):
    project.makepyprojecttoml(
        '[tool.harness]\nextractors = ["scrapers:oracle"]\n[tool.harness.severity]\n"byline.missng" = "off"\n'
    )
    result = project.runpytest("-p", "no:cacheprovider")
    assert result.ret != 0
    assert "Unknown check id 'byline.missng' in " in result.stderr.str()
    assert "Did you mean 'byline.missing'?" in result.stderr.str()


# -- snapshots -----------------------------------------------------------------


def snapshots(project) -> dict[str, bytes]:
    return {str(p.relative_to(project.path)): p.read_bytes() for p in project.path.rglob("__snapshots__/*/*.json")}


def test_snapshot_update_writes_only_what_is_asked(project):
    args = ["--harness-extractor", "scrapers:oracle", "-p", "no:cacheprovider"]
    first = project.runpytest(*args)
    first.stdout.fnmatch_lines(
        [f"{len(truths())} fixtures have no snapshot. Re-run with --harness-update --harness-update-mode=new*"]
    )
    assert snapshots(project) == {}

    project.runpytest(*args, "--harness-update=new").assert_outcomes(passed=len(truths()))
    written = snapshots(project)
    assert len(written) == len(truths())

    # Change one snapshot by hand: only 'changed' rewrites it, and only it.
    target = next(p for p in project.path.rglob("__snapshots__/*/north-korean-troops-russia.json"))
    data = json.loads(target.read_text())
    data["authors"] = ["Somebody Else"]
    target.write_text(json.dumps(data))
    changed = project.runpytest(*args)
    changed.assert_outcomes(passed=len(truths()) - 1, failed=1)
    changed.stdout.fnmatch_lines(["*authors: lost 'somebody else', gained 'isaac yee'*",
                                  "*accept it with --harness-update.*"])  # fmt: skip
    project.runpytest(*args, "--harness-update=new")
    assert json.loads(target.read_text())["authors"] == ["Somebody Else"]  # 'new' leaves it
    project.runpytest(*args, "--harness-update=changed").assert_outcomes(passed=len(truths()))
    after = snapshots(project)
    assert json.loads(target.read_text())["authors"] == ["Isaac Yee", "Victoria Butenko", "Niamh Kennedy"]
    assert {k: v for k, v in after.items() if "north-korean-troops-russia.json" not in k} == {
        k: v for k, v in written.items() if "north-korean-troops-russia.json" not in k
    }


def test_an_unreadable_snapshot_fails_its_item_and_no_update_writes_over_it(project):
    args = ["--harness-extractor", "scrapers:oracle", "-p", "no:cacheprovider"]
    project.runpytest(*args, "--harness-update=new").assert_outcomes(passed=len(truths()))
    snapshots_of = sorted(project.path.rglob("__snapshots__/*/*.json"))
    conflicted, wrong_shape = snapshots_of[0], snapshots_of[1]
    merged = conflicted.read_text()
    conflicted.write_text("<<<<<<< HEAD\n" + merged + "=======\n" + merged + ">>>>>>> branch\n")
    wrong_shape.write_text(json.dumps({"extractor": "oracle", "authors": "Jane Roe"}))
    kept = {conflicted: conflicted.read_text(), wrong_shape: wrong_shape.read_text()}
    for update in ([], ["--harness-update=new"], ["--harness-update=all"]):
        result = project.runpytest(*args, *update)
        result.assert_outcomes(passed=len(truths()) - 2, failed=2)
        result.stdout.fnmatch_lines_random([
            "*the snapshot has merge-conflict markers*",
            "*not a snapshot: 'authors' is \"Jane Roe\", not a list of names; fix or delete it*",
            "*2 snapshots unreadable (see their failures); no update writes over them.*",
        ])  # fmt: skip
        assert {path: path.read_text() for path in kept} == kept


def test_update_under_k_never_deletes_and_orphans_are_reported(project):
    args = ["--harness-extractor", "scrapers:oracle", "-p", "no:cacheprovider"]
    project.runpytest(*args, "--harness-update=new")
    before = snapshots(project)
    orphan = project.path / "cassettes" / "ksltv" / "__snapshots__" / "gone-extractor" / "old.json"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("{}")
    result = project.runpytest(*args, "-k", "harbourpost", "--harness-update=all")
    assert snapshots(project).keys() >= before.keys()
    result.stdout.fnmatch_lines(["*1 orphaned snapshots*", f"*{orphan.relative_to(project.path)}*"])
    assert orphan.exists()


def test_harness_fixtures_for_users_own_tests(project):
    project.makepyfile(
        test_own="""
        def test_every_page_has_a_title(harness_fixture):
            assert harness_fixture.expectation.title

        def test_extraction_titles(harness_extraction, harness_fixture):
            assert harness_extraction.title == harness_fixture.expectation.title
    """
    )
    result = project.runpytest("--harness-extractor", "scrapers:oracle", "test_own.py", "-p", "no:cacheprovider")
    # Two tests per fixture, and the harness items themselves (one per fixture).
    result.assert_outcomes(passed=3 * len(truths()))


def test_broken_and_half_fixtures_are_failing_items_and_links_are_not_followed(project):
    cassettes = project.path / "cassettes"
    # A cassette whose expectation is gone, one whose expectation is broken, and a folder link loop.
    orphan = next(cassettes.rglob("north-korean-troops-russia.expected.json"))
    orphan.unlink()
    broken = next(cassettes.rglob("*.expected.json"))
    broken.write_text("{not json", encoding="utf-8")
    (cassettes / "ksltv" / "loop").symlink_to(cassettes)
    project.makepyfile(
        test_own="""
        def test_every_page_has_a_url(harness_fixture):
            assert harness_fixture.page.url
    """
    )
    result = project.runpytest("--harness-extractor", "scrapers:oracle", "-p", "no:cacheprovider")
    good = len(truths()) - 2
    # Each good fixture: one harness item and one own test, once (the link loop is not followed);
    # each bad one: a failing harness item and an own test that errors at setup, both saying why.
    result.assert_outcomes(passed=2 * good, failed=2, errors=2)
    result.stdout.fnmatch_lines_random([
        f"*{orphan.with_suffix('').with_suffix('').name}.yaml*expected*",
        f"*{broken.name}*",
        "*test_every_page_has_a_url?unloadable:*",
    ])  # fmt: skip


@pytest.mark.parametrize("scraper", ["swallows_the_timeout", "spins_on_the_clock"])
def test_the_timeout_holds_against_a_bare_except_and_a_frozen_clock_spin(project, scraper):
    # In the test process, a bare except swallows the alarm and the spin never ends: the session hung.
    # In its worker, the extractor is killed at its hard deadline and the item fails with the reason.
    project.makepyprojecttoml('[tool.harness]\nfixtures = ["cassettes"]\ntimeout = 1\n')
    result = project.runpytest_subprocess(
        "--harness-extractor", f"scrapers:{scraper}", "-k", "ksltv", "-p", "no:cacheprovider", timeout=240
    )
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) >= 1 and "passed" not in outcomes
    assert "extractor.timeout" in result.stdout.str()


def test_in_process_runs_only_when_asked_and_says_so(project):
    args = ("--harness-extractor", "scrapers:planted_defects", "-k", "ksltv", "-p", "no:cacheprovider")
    result = project.runpytest(*args, "--harness-in-process")
    result.stdout.fnmatch_lines(["*news-harness runs extractors in the test process*"])
    quiet = project.runpytest(
        "--harness-extractor", "scrapers:planted_defects", "-k", "ksltv", "-p", "no:cacheprovider"
    )
    assert "runs extractors in the test process" not in quiet.stdout.str()
    assert quiet.parseoutcomes()["failed"] == result.parseoutcomes()["failed"] > 0


def test_a_failure_of_the_users_scraper_points_to_its_line(project):
    result = project.runpytest("--harness-extractor", "scrapers:raises", "-k", "ksltv", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*extractor.error: raised RuntimeError: selector '.byline' matched nothing",
                                 "*scrapers.py:* in raises: raise RuntimeError(*"])  # fmt: skip
