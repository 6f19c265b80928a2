"""``harness fuzz`` as issue 14 (item 8) asks: reproduce lines that reproduce, a health check that
warns of vacuous properties, and mutations chosen by name."""

from __future__ import annotations

import shlex
from typing import Any

import numpy  # noqa: F401 - imported before pytester's inline runs: it cannot load twice
import pytest
from click.testing import CliRunner

from harness.core import UsageError, bundled_cassettes
from harness.extractors import resolve
from harness.shells.cli import main
from harness.testing import fuzz, select_mutations

pytest_plugins = ["pytester"]


def empty_body(html: str, url: str) -> dict[str, Any]:
    """A scraper whose body selector matches nothing: every body property holds, vacuously."""
    return {"title": "A title", "body": ""}


def always_raises(html: str, url: str) -> dict[str, Any]:
    msg = "no element matches 'div.story'"
    raise ValueError(msg)


HERE = "tests.unit.testing.test_fuzz_habits"


def test_an_empty_body_on_most_pages_is_a_warning_not_a_failure():
    report = fuzz(resolve(f"{HERE}:empty_body"), properties=["no_sponsored_leak", "no_boilerplate_leak"],
                  examples=20, clock_check=False)  # fmt: skip
    assert report.failed == []
    [warning] = report.warnings
    assert warning.startswith("body empty on ")
    assert warning.endswith("(100%): no_sponsored_leak, no_boilerplate_leak held vacuously")


def test_a_scraper_with_a_body_gets_no_warning():
    report = fuzz(resolve("tests.plugins:naive"), properties=["no_boilerplate_leak"], examples=10,
                  clock_check=False)  # fmt: skip
    assert report.warnings == []


def test_every_page_failing_the_same_way_is_a_warning_in_the_report():
    result = CliRunner().invoke(main, ["fuzz", "-e", f"{HERE}:always_raises", "--property", "no_sponsored_leak",
                                       "--examples", "10"])  # fmt: skip
    assert result.exit_code == 0, result.output  # the property held: a warning, not a failure
    assert "  warning: every one of the " in result.output
    assert "pages failed the same way (extractor.error: " in result.output
    assert "no element matches 'div.story'" in result.output


def test_mutation_names_are_checked_with_the_nearest_suggested():
    with pytest.raises(UsageError, match=r"Unknown mutation 'rename_clases' \(from --skip-mutation\)\. "
                                         r"Did you mean 'rename_classes'\?"):  # fmt: skip
        select_mutations(skip=["rename_clases"])
    assert "rename_classes" not in select_mutations(skip=["rename_classes"])
    assert select_mutations(only=["strip_jsonld", "transcode"]) == ("strip_jsonld", "transcode")
    result = CliRunner().invoke(main, ["fuzz", "-e", "tests.plugins:naive", "--from", str(bundled_cassettes()),
                                       "--only-mutation", "inject_sponsord"])  # fmt: skip
    assert result.exit_code == 2
    assert "Did you mean 'inject_sponsored'?" in result.output


def test_a_mutation_run_prints_a_reproduce_line_that_reproduces_it():
    source = str(bundled_cassettes() / "ksltv")
    args = ["fuzz", "-e", "tests.plugins:naive", "--from", source, "--only-mutation", "inject_sponsored",
            "--property", "no_sponsored_leak", "--property", "contract", "--examples", "15", "--seed", "3"]  # fmt: skip
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1, first.output
    assert "FAIL  no_sponsored_leak: mutation inject_sponsored:" in first.output
    [line] = [line for line in first.output.splitlines() if line.startswith("Reproduce with: ")]
    command = line.removeprefix("Reproduce with: ")
    assert command == (f"harness fuzz -e tests.plugins:naive --from {source} --only-mutation inject_sponsored "
                       "--property no_sponsored_leak --seed 3 --examples 15")  # fmt: skip
    again = CliRunner().invoke(main, shlex.split(command)[1:])
    assert again.exit_code == 1
    failing = [line for line in first.output.splitlines() if "FAIL  no_sponsored_leak" in line]
    assert [line for line in again.output.splitlines() if "FAIL  no_sponsored_leak" in line] == failing


def test_skipping_a_mutation_leaves_it_out():
    source = str(bundled_cassettes() / "ksltv")
    args = ["fuzz", "-e", "tests.plugins:naive", "--from", source, "--property", "no_sponsored_leak",
            "--examples", "30"]  # fmt: skip
    assert "mutation inject_sponsored" in CliRunner().invoke(main, args).output
    skipped = CliRunner().invoke(main, [*args, "--skip-mutation", "inject_sponsored"])
    assert "mutation inject_sponsored" not in skipped.output
    assert skipped.exit_code in (0, 1), skipped.output


def test_a_pytest_property_item_names_itself_in_its_reproduce_hint(pytester):
    import shutil

    pytester.syspathinsert()
    shutil.copy(pytest.importorskip("tests.plugins").__file__, pytester.path / "scrapers.py")
    result = pytester.runpytest("--harness-extractor", "scrapers:naive", "--harness-properties", "--harness-seed", "2",
                                "-k", "no_sponsored_leak", "-p", "no:cacheprovider")  # fmt: skip
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*Reproduce with: harness fuzz -e scrapers:naive --property no_sponsored_leak --seed 2 --examples 25",
        "*Or in pytest (harness-properties::scrapers:naive::no_sponsored_leak): pytest --harness-extractor "
        "scrapers:naive --harness-properties --harness-properties-profile ci --harness-seed 2 -k no_sponsored_leak",
    ])  # fmt: skip
