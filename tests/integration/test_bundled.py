"""The bundled fixtures: sound truth, the documented extractor mistakes, and a perfect extractor."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from harness import check, load_fixtures
from harness.core import bundled_cassettes, contains, fold
from tests.bundled import assert_known_mistake

KSL = "ksltv/north-korean-troops-russia"
FIXTURES = load_fixtures([bundled_cassettes()])


def visible_text(page_html: str) -> str:
    tree = lxml_html.fromstring(page_html)
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    alts = " ".join(tree.xpath("//img/@alt"))
    return fold(tree.text_content() + " " + alts)


def test_every_bundled_fixture_loads():
    assert FIXTURES.problems == []
    assert len(FIXTURES.fixtures) >= 12
    assert KSL in {f.name for f in FIXTURES.fixtures}


@pytest.mark.parametrize("fixture", FIXTURES.fixtures, ids=lambda f: f.name)
def test_truth_agrees_with_the_page(fixture):
    truth = fixture.expectation
    text = visible_text(fixture.page.html)
    for snippet in truth.must_contain:
        assert contains(text, snippet), f"must_contain {snippet!r} is not on the page"
        assert truth.body is None or contains(truth.body, snippet), f"{snippet!r} is not in the true body"
    for snippet in truth.must_not_contain:
        assert contains(text, snippet.text), f"must_not_contain {snippet.text!r} is not on the page"
        assert not (truth.body and contains(truth.body, snippet.text)), f"{snippet.text!r} is in the body"
    for paragraph in (truth.body or "").split("\n\n"):
        assert contains(text, paragraph), f"body paragraph {paragraph[:60]!r} is not on the page"
    for decoy in truth.decoy_authors:
        assert contains(text.casefold(), decoy.casefold()), f"decoy author {decoy!r} is not on the page"
    for name in truth.authors:
        assert name not in truth.decoy_authors


def test_a_perfect_extractor_has_no_error_on_any_bundled_fixture():
    report = check(None, ["tests.plugins:oracle"])
    assert report.problems == []
    assert len(report.results) == len(FIXTURES.fixtures)
    assert [f for f in report.findings if f.severity == "error"] == []


# The mistakes DESIGN.md documents on the KSL page, with the release they were seen in.
KNOWN_MISTAKES = [
    ("trafilatura", "2.3.1", "byline.organization", "reports 'CNN' as a fourth author"),
    ("newspaper4k", "0.9.6", "byline.incomplete", "keeps one author of three"),
    ("newspaper4k", "0.9.6", "date.missing", "finds no publication date"),
    ("goose3", "3.1.22", "date.decoy", "returns the related teaser's '41 minutes ago' as the date"),
]


@pytest.mark.parametrize(("extractor", "seen_in", "check_id", "mistake"), KNOWN_MISTAKES)
def test_documented_mistakes_on_the_ksl_page(extractor, seen_in, check_id, mistake):
    assert_known_mistake(extractor, seen_in, KSL, check_id, mistake)


def test_the_goose3_decoy_names_the_teaser_time():
    pytest.importorskip("goose3")
    report = check([bundled_cassettes() / "ksltv"], ["goose3"], clock_check=False)
    [decoy] = [f for f in report.findings if f.check == "date.decoy"]
    assert decoy.actual == "41 minutes ago"
    assert decoy.message.startswith("published is '41 minutes ago', the time of related teaser 1")


def test_with_json_ld_the_metadata_readers_get_it_right():
    pytest.importorskip("goose3")
    report = check([bundled_cassettes() / "ksltv"], ["goose3", "metadata"], clock_check=False)
    jsonld = [f for f in report.findings if f.fixture == "north-korean-troops-russia-jsonld"]
    assert [f.check for f in jsonld if f.field in {"authors", "published"}] == []


def test_newspaper4k_with_its_defaults_reaches_for_the_network():
    pytest.importorskip("newspaper")
    report = check([bundled_cassettes() / "ksltv"], ["tests.plugins:newspaper_defaults"], clock_check=False)
    network = [f for f in report.findings if f.check == "extractor.network"]
    assert {f.fixture for f in network} == {"north-korean-troops-russia", "north-korean-troops-russia-jsonld"}
    assert "ksltv.com:443" in network[0].message
    builtin = check([bundled_cassettes() / "ksltv"], ["newspaper4k"], clock_check=False)
    assert [f for f in builtin.findings if f.check == "extractor.network"] == []
