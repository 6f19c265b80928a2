"""Generated pages and mutations: their truth is valid and agrees with the page."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from harness import strategies
from harness.core import bundled_cassettes, contains, fold, schema
from harness.fixtures import load_fixtures

VALIDATOR = jsonschema.Draft202012Validator(schema("expected"))
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def visible(page_html: str) -> str:
    tree = lxml_html.fromstring(page_html)
    for node in tree.xpath("//script|//style|//head"):
        node.drop_tree()
    return fold(tree.text_content())


@QUICK
@given(strategies.pages())
def test_generated_truth_is_valid_and_agrees_with_the_page(fixture):
    truth = fixture.expectation
    assert list(VALIDATOR.iter_errors(dict(truth.raw))) == []
    text = visible(fixture.page.html)
    for snippet in truth.must_contain:
        assert contains(text, snippet)
    for paragraph in (truth.body or "").split("\n\n"):
        assert contains(text, paragraph)
    for snippet in truth.must_not_contain:
        assert contains(text, snippet.text)
        assert not (truth.body and contains(truth.body, snippet.text))
    assert not set(truth.authors) & set(truth.decoy_authors)
    assert truth.is_article == (truth.body is not None)


@QUICK
@given(strategies.bylines())
def test_bylines_name_distinct_people(byline):
    assert 1 <= len(byline.people) <= 4
    assert len(set(byline.people)) == len(byline.people)
    assert byline.form in strategies.BYLINE_FORMS


@QUICK
@given(strategies.dates())
def test_dates_carry_their_zone(dateline):
    assert dateline.published.utcoffset() is not None
    published, modified = dateline.truth()
    assert published.startswith(dateline.published.date().isoformat())
    assert modified is None or (dateline.modified is not None and dateline.modified > dateline.published)


def test_the_forms_cover_what_the_issue_asks():
    assert len(strategies.LAYOUTS) >= 6
    assert len(strategies.BYLINE_FORMS) >= 12
    assert len(strategies.DATE_FORMS) >= 15
    assert set(strategies.DECOY_KINDS) >= {
        "related",
        "sponsored",
        "paid",
        "newsletter",
        "caption",
        "comments",
        "cookie",
    }


@pytest.mark.parametrize(
    ("option", "value", "tag"),
    [("layouts", layout, layout) for layout in strategies.LAYOUTS]
    + [("byline_forms", form, f"byline:{form}") for form in strategies.BYLINE_FORMS]
    + [("date_forms", form, f"date:{form}") for form in strategies.DATE_FORMS]
    + [("decoy_kinds", kind, f"decoy:{kind}") for kind in strategies.DECOY_KINDS],
)
def test_every_layout_form_and_decoy_renders_with_a_valid_truth(option, value, tag):
    seen = []

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
    @given(strategies.pages(**{option: (value,)}))
    def draw(fixture):
        assert list(VALIDATOR.iter_errors(dict(fixture.expectation.raw))) == []
        seen.append(tag in fixture.expectation.tags)

    draw()
    assert all(seen) if option != "decoy_kinds" else any(seen)


KSL_PAGES = {f.name: f for f in load_fixtures([bundled_cassettes() / "ksltv"]).fixtures}
KSL = KSL_PAGES["north-korean-troops-russia"]
#: The same page with JSON-LD and machine-readable dates, so every mutation has something to change.
RICH = KSL_PAGES["north-korean-troops-russia-jsonld"]


@pytest.mark.parametrize("mutation", strategies.MUTATIONS)
def test_each_mutation_keeps_a_valid_truth_that_agrees_with_the_page(mutation):
    @settings(max_examples=5, deadline=None, database=None)
    @given(strategies.from_fixture(RICH, mutations=[mutation]))
    def check(mutated):
        truth = mutated.fixture.expectation
        assert list(VALIDATOR.iter_errors(dict(truth.raw))) == []
        text = visible(mutated.fixture.page.html)
        for snippet in truth.must_not_contain:
            assert contains(text, snippet.text) or contains(mutated.fixture.page.html, snippet.text)
        if mutation in ("rename_classes", "comments_whitespace", "reformat_date", "transcode"):
            assert truth.raw == RICH.expectation.raw  # the truth is unchanged
            assert visible(mutated.fixture.page.html) == visible(RICH.page.html)
        else:
            assert mutated.fixture.page.html != RICH.page.html

    check()


def test_mutations_say_how_the_truth_changed_and_leave_the_original_alone():
    from harness.strategies.mutate import mutate

    before = json.dumps(KSL.expectation.raw, sort_keys=True)
    mutated = mutate(KSL, "inject_sponsored", 0)
    assert mutated.truth_change == "a sponsored snippet must not be extracted"
    assert len(mutated.fixture.expectation.must_not_contain) == len(KSL.expectation.must_not_contain) + 1
    mutate(KSL, "inject_related", 1)
    assert json.dumps(KSL.expectation.raw, sort_keys=True) == before


def test_strategies_compose():
    @settings(max_examples=20, deadline=None, database=None)
    @given(st.lists(strategies.names(), min_size=2, max_size=2, unique=True))
    def two(names):
        assert all(" " in n for n in names)

    two()
