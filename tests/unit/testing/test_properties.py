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
            "body": t.body, "free_access": t.free_access}  # fmt: skip


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


def _published_as_modified(fixture):
    return {**_truth(fixture), "modified": fixture.expectation.published}


def test_right_modified_judges_only_extractors_that_declare_modified():
    from harness.extractors import ALL_FIELDS

    assert PROPERTIES["right_modified"] == {
        "date.modified_missing", "date.modified_wrong", "date.modified_as_published",
    }  # fmt: skip
    swaps = LoadedExtractor(name="swaps", func=lambda html, url: {}, lookup=_published_as_modified)
    assert "modified" in swaps.fields
    [result] = fuzz(swaps, properties=["right_modified"], examples=100, seed=0, clock_check=False).results
    assert not result.held
    assert {f.check for f in result.findings} == {"date.modified_as_published"}
    assert "date:" in result.description  # a generated page whose date form shows a modified time
    # The same values from an extractor that does not declare "modified": nothing to judge.
    blind = LoadedExtractor(name="blind", func=lambda html, url: {}, lookup=_published_as_modified,
                            fields=ALL_FIELDS - {"modified"})  # fmt: skip
    report = fuzz(blind, properties=["right_modified"], examples=100, seed=0, clock_check=False)
    assert report.failed == []


def test_news_please_fails_right_modified_with_its_empty_date_modify():
    pytest.importorskip("newsplease")
    report = fuzz(resolve("news-please"), properties=["right_modified"], examples=100, seed=0, clock_check=False)
    [result] = report.results
    assert not result.held
    assert [f.check for f in result.findings] == ["date.modified_missing"]


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


def stops_at_the_break(html, url):
    """The first run of paragraphs of the article's text block, up to the first thing in it that is not a
    paragraph (a newsletter box, a "Read more" teaser, an ad card), as goose3 keeps them where such a break
    splits the article's text in two blocks (the bundled brackenfordecho page)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    block = max(tree.iter(), key=lambda element: len(element.findall("p")))
    kept = []
    for child in block:
        if child.tag != "p":
            if kept:
                break
            continue
        kept.append(" ".join(child.text_content().split()))
    return {"body": "\n\n".join(kept)}


def test_whole_body_fails_for_an_extractor_that_stops_at_an_in_article_break():
    from harness.core import bundled_cassettes
    from harness.fixtures import load_fixtures

    assert PROPERTIES["whole_body"] == {"body.truncated", "body.order"}
    cutter = LoadedExtractor(name="cutter", func=stops_at_the_break, fields=frozenset({"body"}))
    [generated] = fuzz(cutter, properties=["whole_body"], seed=0, clock_check=False).results
    assert not generated.held
    assert [f.check for f in generated.findings] == ["body.truncated"]
    assert generated.description.startswith("generated page: ")
    assert "the body stops after true paragraph 2 of " in generated.findings[0].message
    assert "on the page it is followed by " in generated.findings[0].message
    ksl = load_fixtures([bundled_cassettes() / "ksltv"]).fixtures
    [mutated] = fuzz(cutter, properties=["whole_body"], fixtures=ksl, mutations=["read_more_break"], seed=0,
                     clock_check=False, examples=20).results  # fmt: skip
    assert not mutated.held
    assert mutated.description.startswith("mutation read_more_break: ")
    # The whole body, break or no break, holds it.
    [oracle] = fuzz(ORACLE, properties=["whole_body"], fixtures=ksl, mutations=["read_more_break"], seed=0,
                    clock_check=False, examples=20).results  # fmt: skip
    assert oracle.held


def _teaser_as_article(fixture):
    return {**_truth(fixture), "free_access": None}


def test_no_paywall_text_fails_for_a_teaser_presented_as_the_article_and_for_the_walls_text():
    assert PROPERTIES["no_paywall_text"] == {"body.paywall_text", "body.paywall_as_article"}
    silent = LoadedExtractor(name="silent", func=lambda html, url: {}, lookup=_teaser_as_article)
    [teaser] = fuzz(silent, properties=["no_paywall_text"], examples=100, seed=0, clock_check=False).results
    assert not teaser.held
    assert [f.check for f in teaser.findings] == ["body.paywall_as_article"]
    assert "paywall" in teaser.description  # the generated paywall layout
    # All the page's text: the paywall box's marketing with it.
    [naive] = fuzz(resolve("tests.plugins:naive"), properties=["no_paywall_text"], examples=100, seed=0,
                   clock_check=False).results  # fmt: skip
    assert not naive.held
    assert "body.paywall_text" in {f.check for f in naive.findings}
    [oracle] = fuzz(ORACLE, properties=["no_paywall_text"], examples=100, seed=0, clock_check=False).results
    assert oracle.held


def test_the_paywall_box_mutation_catches_an_extractor_that_keeps_what_follows_the_article():
    from harness.core import bundled_cassettes
    from harness.fixtures import load_fixtures

    ksl = load_fixtures([bundled_cassettes() / "ksltv"]).fixtures
    [kept] = fuzz(resolve("tests.plugins:naive"), properties=["no_paywall_text"], fixtures=ksl,
                  mutations=["paywall_box"], seed=0, clock_check=False, examples=10).results  # fmt: skip
    assert not kept.held
    assert kept.description.startswith("mutation paywall_box: a paywall box's text must not be extracted")
    assert [f.check for f in kept.findings] == ["body.paywall_text"]
    [oracle] = fuzz(ORACLE, properties=["no_paywall_text"], fixtures=ksl, mutations=["paywall_box"], seed=0,
                    clock_check=False, examples=10).results  # fmt: skip
    assert oracle.held


def test_clean_text_fails_where_a_drop_cap_is_split_and_holds_for_the_whole_word():
    from harness.core import bundled_cassettes
    from harness.fixtures import load_fixtures

    assert PROPERTIES["clean_text"] == {"body.encoding_damage", "body.title_echo"}
    ksl = load_fixtures([bundled_cassettes() / "ksltv"]).fixtures
    # boilerpy3 ends a text block at <small>: a drop cap with small caps after it parts the word.
    pytest.importorskip("boilerpy3")
    [split] = fuzz(resolve("boilerpy3"), properties=["clean_text"], fixtures=ksl, mutations=["drop_cap"], seed=0,
                   clock_check=False, examples=10).results  # fmt: skip
    assert not split.held
    assert split.description.startswith("mutation drop_cap: a drop cap on the first letter of an article paragraph")
    assert [f.check for f in split.findings] == ["body.encoding_damage"]
    assert "where the page shows 'The' (a drop cap set apart from the rest of its word)" in split.findings[0].message
    [oracle] = fuzz(ORACLE, properties=["clean_text"], fixtures=ksl, mutations=["drop_cap", "reencode_undeclared"],
                    seed=0, clock_check=False, examples=20).results  # fmt: skip
    assert oracle.held


def _title_first(fixture):
    truth = _truth(fixture)
    if truth["title"] and truth["body"]:
        truth["body"] = f"{truth['title']}\n\n{truth['body']}"
    return truth


def test_a_warning_a_property_names_fails_it():
    # body.title_echo is a warning, and clean_text names it: an echoed headline is a counterexample.
    echoes = LoadedExtractor(name="echoes", func=lambda html, url: {}, lookup=_title_first)
    [result] = fuzz(echoes, properties=["clean_text"], examples=50, seed=0, clock_check=False).results
    assert not result.held
    assert {f.check for f in result.findings} == {"body.title_echo"}
