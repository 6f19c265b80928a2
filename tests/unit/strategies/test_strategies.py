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


# -- move_update_line: the "Updated" line above the publication line (issue 15) -----------------

BUNDLED = {f.name: f for f in load_fixtures([bundled_cassettes()]).fixtures}


def test_move_update_line_puts_the_update_line_above_the_publication_line():
    from harness.strategies.mutate import mutate

    weald = BUNDLED["wealdgazette/ashbury-bypass-weekend-closures"]
    before = visible(weald.page.html)
    assert before.index("04/06/2024 07:58 BST") < before.index("Updated: 05/06/2024 10:21 BST")
    mutated = mutate(weald, "move_update_line", 0)
    assert mutated.truth_change == "the update line moved above the publication line: the truth is unchanged"
    after = visible(mutated.fixture.page.html)
    assert after.index("Updated: 05/06/2024 10:21 BST") < after.index("04/06/2024 07:58 BST")
    assert after.count("Updated: 05/06/2024 10:21 BST") == 1
    assert mutated.fixture.expectation.raw == weald.expectation.raw
    # Nothing else moved: the page's text is the same words, the update line's aside.
    line = "Updated: 05/06/2024 10:21 BST"
    assert sorted(after.replace(line, "").split()) == sorted(before.replace(line, "").split())


def test_move_update_line_adds_the_true_modified_time_where_the_page_shows_no_update_line():
    from harness.strategies.mutate import mutate

    corrib = BUNDLED["corribchronicle/salthill-cycle-lane-approved"]
    assert corrib.expectation.modified == "2024-04-16T16:52:18+01:00"
    mutated = mutate(corrib, "move_update_line", 0)
    assert mutated.truth_change == (
        "'Updated April 16, 2024 4:52 PM IST' (the true modified time) added above the publication line: "
        "the truth is unchanged"
    )
    html = mutated.fixture.page.html
    assert html.index('<div class="updated">Updated April 16, 2024 4:52 PM IST</div>') < html.index(
        '<time class="entry-date published"'
    )
    assert mutated.fixture.expectation.raw == corrib.expectation.raw


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("hudsonledger/kingston-boil-water-notice-lifted", "the update line is already above the publication line"),
        ("lavozdelnalon/temporal-nalon-desborda-sotiello", "the update line is already above the publication line"),
        ("wessexchronicle/mackerel-talks-no-deal", "no publication line found"),  # labels apart from their times
        ("bayviewsentinel/angel-point-ferry-resumes", "no publication line found"),
    ],
)
def test_move_update_line_leaves_other_pages_alone_and_says_why(name, why):
    from harness.strategies.mutate import mutate

    fixture = BUNDLED[name]
    mutated = mutate(fixture, "move_update_line", 0)
    assert mutated.truth_change == f"{why}: the page is unchanged"
    assert mutated.fixture.page.html == fixture.page.html


def test_move_update_line_adds_nothing_where_the_truth_has_no_modification():
    from harness.strategies.mutate import mutate
    from tests.conftest import make_fixture

    page = '<html><body><h1>T</h1><p class="published">Published 3 May 2024, 17:47</p><p>Text.</p></body></html>'
    for modified in (None, "2024-05-03T17:47:00+02:00"):
        fixture = make_fixture(page, published="2024-05-03T17:47:00+02:00", modified=modified)
        mutated = mutate(fixture, "move_update_line", 0)
        assert mutated.fixture.page.html == page
        assert mutated.truth_change.startswith("no update line and no modified time apart from the publication")
    fixture = make_fixture(page, published="2024-05-03T17:47:00+02:00", modified="2024-05-03T19:05:00+02:00")
    assert '<div class="updated">Updated May 3, 2024 7:05 PM CEST</div><p class="published">' in (
        mutate(fixture, "move_update_line", 0).fixture.page.html
    )


@QUICK
@given(
    strategies.pages(layouts=("cms", "liveblog"), date_forms=("updated_pair", "meta_only", "jsonld_only", "spanish"))
)
def test_generated_truths_carry_the_modified_time_the_page_shows(fixture):
    truth = fixture.expectation
    tree = lxml_html.fromstring(fixture.page.html)
    meta = tree.xpath("//meta[@property='article:modified_time']/@content")
    jsonld = [json.loads(s).get("dateModified") for s in tree.xpath("//script[@type='application/ld+json']/text()")]
    shown = [*meta, *(value for value in jsonld if value)]
    updated = "Updated " in visible(fixture.page.html)
    if truth.modified is None:
        assert shown == [] and not updated
    else:
        assert truth.knows("modified")
        assert set(shown) == {truth.modified}
        assert updated == ("date:updated_pair" in truth.tags)


# -- read_more_break: a newsletter box or "Read more" teaser inside the article (issue 15) ---------


def test_read_more_break_sits_between_two_article_paragraphs_and_keeps_the_body():
    from harness.checks import run_checks
    from harness.core import Extraction
    from harness.strategies.mutate import mutate

    paragraphs = (KSL.expectation.body or "").split("\n\n")
    kinds, named = set(), 0
    for seed in range(8):
        mutated = mutate(KSL, "read_more_break", seed)
        truth = mutated.fixture.expectation
        assert truth.body == KSL.expectation.body
        [added] = [s for s in truth.must_not_contain if s not in KSL.expectation.must_not_contain]
        kinds.add(added.kind)
        text = visible(mutated.fixture.page.html)
        at = text.index(fold(added.text))
        before = [p for p in paragraphs if text.find(fold(p)) in range(at)]
        assert 0 < len(before) < len(paragraphs)  # a true paragraph on each side of it
        # The whole body is still right; the body cut at the break is truncated, and the break named.
        assert not {"body.truncated", "body.order"} & {
            f.check for f in run_checks(mutated.fixture, Extraction(body=truth.body), fields=frozenset({"body"}))
        }
        cut = Extraction(body="\n\n".join(before))
        for finding in run_checks(mutated.fixture, cut, fields=frozenset({"body"})):
            if finding.check == "body.truncated":
                named += 1
                assert ("followed by a newsletter box" in finding.message) == (added.kind == "newsletter")
                assert ("followed by a 'Read more' or related teaser" in finding.message) == (added.kind == "related")
    assert kinds == {"newsletter", "related"}
    assert named >= 2


def test_read_more_break_leaves_a_page_without_article_paragraphs_alone():
    from harness.strategies.mutate import mutate

    index = BUNDLED["frontrangetribune/politics-section-index"]
    mutated = mutate(index, "read_more_break", 0)
    assert mutated.fixture.page.html == index.page.html
    assert mutated.truth_change.endswith("the page is unchanged")


def test_paywall_box_adds_the_walls_text_as_paywall_snippets_and_keeps_the_body():
    from harness.checks import run_checks
    from harness.core import Extraction
    from harness.strategies.mutate import mutate

    mutated = mutate(KSL, "paywall_box", 0)
    truth = mutated.fixture.expectation
    assert mutated.truth_change == "a paywall box's text must not be extracted; the body is unchanged"
    assert truth.body == KSL.expectation.body
    assert truth.free_access is None  # the article is still whole on the page
    added = [s for s in truth.must_not_contain if s not in KSL.expectation.must_not_contain]
    assert {s.kind for s in added} == {"paywall"}
    assert any(s.text.startswith("Get unlimited digital access for $1 a week (") for s in added)
    text = visible(mutated.fixture.page.html)
    assert all(contains(text, s.text) for s in added)
    assert text.index(fold(added[0].text)) > text.index(fold(KSL.expectation.body.split("\n\n")[-1]))
    # The true body holds it; the body with the box kept is the paywall's text, named as such.
    assert run_checks(mutated.fixture, Extraction(body=truth.body), fields=frozenset({"body"})) == []
    kept = Extraction(body=f"{truth.body}\n\n{added[0].text}")
    assert [f.check for f in run_checks(mutated.fixture, kept, fields=frozenset({"body"}))] == ["body.paywall_text"]


@QUICK
@given(strategies.pages(layouts=("paywall",)))
def test_a_generated_paywall_page_is_a_teaser_with_the_walls_text_as_paywall_snippets(fixture):
    truth = fixture.expectation
    assert truth.free_access is False and truth.knows("free_access")
    assert len((truth.body or "").split("\n\n")) <= 2
    paywall = {s.text for s in truth.must_not_contain if s.kind == "paywall"}
    assert paywall == {"Subscribe to continue reading", "Get unlimited access for $1 a week."}
    assert '"isAccessibleForFree": false' in fixture.page.html


# -- reencode_undeclared and drop_cap: damaged text (issue 15) ----------------------------------------


def _jsonld(page_html: str) -> list:
    tree = lxml_html.fromstring(page_html)
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]


def test_reencode_undeclared_serves_the_page_in_a_legacy_charset_without_a_declaration_and_keeps_its_text():
    from harness.strategies.mutate import mutate

    neckar = BUNDLED["neckar-kurier/neckarbruecke-freigabe-herbst"]  # „ “ – and ü: some in Latin-1, some not
    charsets = set()
    for seed in range(6):
        mutated = mutate(neckar, "reencode_undeclared", seed)
        page = mutated.fixture.page
        [charset] = dict(page.headers)["X-Harness-Original-Charset"]
        charsets.add(charset)
        assert dict(page.headers)["Content-Type"] == ("text/html; charset=utf-8",)  # stored as text, as recorded
        assert "charset" not in page.html.lower()
        page.html.encode(charset)  # every character is one the charset has; the others became references
        assert "&#8222;" in page.html or charset == "windows-1252"  # „ is in cp1252, not in Latin-1
        assert mutated.fixture.expectation.raw == neckar.expectation.raw
        assert visible(page.html) == visible(neckar.page.html)
        assert _jsonld(page.html) == _jsonld(neckar.page.html)  # \u escapes in scripts, not references
        assert mutated.truth_change.startswith(f"served as {charset} with no charset declared in the page")
    assert charsets == {"windows-1252", "iso-8859-1"}


def test_drop_cap_puts_an_article_paragraphs_first_letter_in_a_drop_cap_and_keeps_the_truth():
    from harness.checks import run_checks
    from harness.core import Extraction
    from harness.strategies.mutate import mutate

    harbour = BUNDLED["harbourpost/light-rail-delay-2027"]
    first = (harbour.expectation.body or "").split("\n\n")[0]
    forms = set()
    for seed in range(12):
        mutated = mutate(harbour, "drop_cap", seed)
        forms.add(mutated.truth_change.split("(")[1].split(":")[0])
        assert mutated.fixture.expectation.raw == harbour.expectation.raw
        assert any(mark in mutated.fixture.page.html for mark in ('"dropcap"', '"drop-cap"', '"initial-letter"'))
        # The true body still holds; the first word split at the drop cap is damage, named.
        whole = run_checks(mutated.fixture, Extraction(body=harbour.expectation.body), fields=frozenset({"body"}))
        assert whole == []
        split = Extraction(body=(harbour.expectation.body or "").replace(first, f"{first[0]}\n\n{first[1:]}", 1))
        [finding] = [f for f in run_checks(mutated.fixture, split, fields=frozenset({"body"}))
                     if f.check == "body.encoding_damage"]  # fmt: skip
        assert finding.actual == f"{first[0]}\n\n{first[1 : first.index(' ')]}"
    assert forms == {"span", "small_caps", "nested", "spaced"}


def test_drop_cap_skips_a_dateline_and_leaves_a_page_without_article_paragraphs_alone():
    from harness.strategies.mutate import mutate

    # KSL's first paragraph opens with "(CNN) —": the drop cap goes on the next one.
    mutated = mutate(KSL, "drop_cap", 0)
    second = (KSL.expectation.body or "").split("\n\n")[1]
    assert f">{second[0]}</span>" in mutated.fixture.page.html
    index = BUNDLED["frontrangetribune/politics-section-index"]
    unchanged = mutate(index, "drop_cap", 0)
    assert unchanged.fixture.page.html == index.page.html
    assert unchanged.truth_change.endswith("the page is unchanged")


def test_a_generated_drop_cap_shows_the_first_word_whole():
    import datetime as dt

    from harness.strategies.generate import Byline, Dateline, PageSpec, render, zone_of

    when = dt.datetime(2024, 5, 3, 17, 47, tzinfo=zone_of("Europe/Berlin"))
    paragraphs = ("The harbour plan passed on Friday after a long debate.", "A ferry runs in May.", "It costs more.")
    spec = PageSpec(layout="cms", site=("The Gazette", "gazette"), title="Council approves the harbour plan",
                    paragraphs=paragraphs, byline=Byline("by", ("Jane Roe",)), dateline=Dateline("time_element", when),
                    captured=when + dt.timedelta(hours=2), drop_cap=True)  # fmt: skip
    rendered = render(spec)
    assert '<p><span class="dropcap">T</span>he harbour plan passed' in rendered.html
    assert "drop-cap" in rendered.truth["tags"]
    assert list(VALIDATOR.iter_errors(rendered.truth)) == []
    assert contains(visible(rendered.html), paragraphs[0])
    # A one-letter first word gets none; without the option, no paragraph has one.
    one_letter = render(PageSpec(**{**spec.__dict__, "paragraphs": ("A ferry runs in May.", *paragraphs[:2])}))
    assert "dropcap" not in one_letter.html
    assert "dropcap" not in render(PageSpec(**{**spec.__dict__, "drop_cap": False})).html


def test_pages_draw_a_drop_cap_on_some_pages():
    from hypothesis import HealthCheck, given, settings

    from harness.strategies import pages

    tags = []

    @settings(max_examples=60, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(pages())
    def draw(fixture):
        tags.append("drop-cap" in fixture.expectation.tags)

    draw()
    assert 0 < sum(tags) < len(tags)
