"""Property runs: the naive extractor fails, the perfect one never does, failures replay as fixtures."""

from __future__ import annotations

import numpy  # noqa: F401 - imported before pytester's inline runs: it cannot load twice
import pytest
from click.testing import CliRunner

from harness import check
from harness.extractors import LoadedExtractor, resolve
from harness.shells.cli import main
from harness.testing import PROPERTIES, fuzz

pytest_plugins = ["pytester"]


def _truth(fixture):
    t = fixture.expectation
    return {"title": t.title, "authors": list(t.authors), "published": t.published, "modified": t.modified,
            "body": t.body}  # fmt: skip


ORACLE = LoadedExtractor(name="oracle", func=lambda html, url: {}, lookup=_truth)


def test_the_perfect_extractor_never_fails_a_property():
    report = fuzz(ORACLE, examples=100, seed=3)
    assert [r.name for r in report.results] == list(PROPERTIES)
    assert report.failed == []


def test_the_naive_extractor_fails_the_leak_and_decoy_properties():
    wanted = ["no_sponsored_leak", "no_boilerplate_leak", "no_decoy_date", "no_decoy_author"]
    # 200 pages: since the page's own publisher counts as an organization (not an invented author),
    # the naive extractor's first name-like string needs more pages to be a decoy or noise.
    report = fuzz(resolve("tests.plugins:naive"), properties=wanted, seed=0, clock_check=False, examples=200)
    assert [r.name for r in report.failed] == wanted
    leak = report.failed[0]
    assert leak.counterexample is not None
    assert [f.check for f in leak.findings] == ["body.sponsored_leak"]
    assert leak.description.startswith("generated page: ")


def test_a_saved_failure_replays_as_an_ordinary_fixture(tmp_path):
    naive = resolve("tests.plugins:naive")
    report = fuzz(naive, properties=["no_sponsored_leak"], seed=0, clock_check=False, save_failures=tmp_path)
    [result] = report.results
    assert result.saved is not None and result.saved.exists()
    replay = check([tmp_path], [naive], clock_check=False)
    assert replay.problems == []
    assert "body.sponsored_leak" in {f.check for f in replay.findings}


def test_mutations_of_recorded_pages_are_metamorphic(tmp_path):
    from harness.core import bundled_cassettes
    from harness.fixtures import load_fixtures

    fixtures = load_fixtures([bundled_cassettes() / "ksltv"]).fixtures
    report = fuzz(ORACLE, fixtures=fixtures, examples=30, seed=1, clock_check=False)
    assert report.failed == []
    leaky = fuzz(resolve("tests.plugins:naive"), fixtures=fixtures, properties=["no_sponsored_leak"], seed=1,
                 clock_check=False)  # fmt: skip
    [result] = leaky.results
    assert not result.held
    assert result.description.startswith("mutation inject_sponsored: a sponsored snippet must not be extracted")


def test_unknown_property_is_a_usage_error():
    from harness.core import UsageError

    with pytest.raises(UsageError, match="Unknown property 'no_leaks'; known: no_sponsored_leak"):
        fuzz(ORACLE, properties=["no_leaks"])


def test_fuzz_cli(tmp_path):
    result = CliRunner().invoke(main, [
        "fuzz", "-e", "tests.plugins:naive", "--property", "no_sponsored_leak", "--property", "contract",
        "--examples", "30", "--save-failures", str(tmp_path),
    ])  # fmt: skip
    assert result.exit_code == 1
    # naive returns the teaser's "2 days ago" as its date: a schema breach, so the contract fails too.
    assert "tests.plugins:naive: 2 properties, 2 failed (seed 0, up to 30 examples each)" in result.output
    assert "FAIL  no_sponsored_leak: generated page:" in result.output
    assert "schema.invalid: $.published: '" in result.output
    assert ("Reproduce with: harness fuzz -e tests.plugins:naive --property no_sponsored_leak --property contract "
            "--seed 0 --examples 30") in result.output  # fmt: skip
    assert len(list(tmp_path.glob("no_sponsored_leak-*.yaml"))) == 1
    assert len(list(tmp_path.glob("contract-*.yaml"))) == 1


def test_properties_through_pytest(pytester):
    pytester.syspathinsert()
    import shutil

    shutil.copy(pytest.importorskip("tests.plugins").__file__, pytester.path / "scrapers.py")
    result = pytester.runpytest(
        "--harness-extractor", "scrapers:naive", "--harness-properties", "-k", "no_sponsored_leak or contract",
        "-p", "no:cacheprovider",
    )  # fmt: skip
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*FAIL  no_sponsored_leak*"])
    result.stdout.fnmatch_lines(["*FAIL  contract*", "*schema.invalid*"])
