"""The truth audit, each rule firing and not firing on tiny pages; the marks it puts on extractor findings."""

from __future__ import annotations

import dataclasses
import json

import pytest

from harness.checks import (
    TRUTH_CHECKS,
    SuspectTruth,
    audit_fixture,
    make_finding,
    mark_suspects,
    organization_reason,
    page_facts,
    run_checks,
    suspect_truths,
    suspects_in_pages,
)
from harness.checks.page import Stated
from harness.core import Extraction
from tests.conftest import make_fixture

BODY = (
    "The river bridge reopened on Friday after two years of repairs.\n\n"
    "Drivers queued from early morning to be among the first across."
)


def page(*, body: str = BODY, head: str = "", byline: str = "", extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>River bridge reopens | The Gazette</title>{head}</head><body>"
        f"<h1>River bridge reopens</h1>{byline}<article>{paragraphs}</article>{extra}</body></html>"
    )


def jsonld(**node: object) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **node})}</script>'


#: The fixtures' address here names no day: the conftest's default one does (/2024/05/03/).
URL = "https://www.gazette.example/news/river-bridge"


def audit(html: str, **truth: object) -> list[tuple[str, str]]:
    return [(f.check, f.message) for f in audit_fixture(make_fixture(html, **{"url": URL, **truth}))]


def checks(html: str, **truth: object) -> list[str]:
    return [check for check, _ in audit(html, **truth)]


def test_a_truth_that_agrees_with_its_page_is_not_doubted():
    html = page(
        head=jsonld(datePublished="2024-05-03T17:47:00+02:00", author={"name": "Jane Roe"}),
        byline="<p class='byline'>By Jane Roe</p>",
    )
    truth = {"title": "River bridge reopens", "authors": ["Jane Roe"], "published": "2024-05-03T17:47:00+02:00",
             "body": BODY, "must_contain": ["two years of repairs"]}  # fmt: skip
    assert audit(html, **truth) == []


def test_every_finding_is_a_catalogued_truth_warning_of_the_auditor():
    found = audit_fixture(make_fixture(page(), title="Another story", authors=["Nobody Here"]))
    assert {f.check for f in found} <= TRUTH_CHECKS
    assert {(f.extractor, f.severity) for f in found} == {("truth", "warning")}


# -- snippets ----------------------------------------------------------------------------------


def test_a_must_contain_snippet_missing_from_the_page_is_doubted():
    [(check, message)] = audit(page(), must_contain=["two years of repairs", "the mayor cut the ribbon"])
    assert check == "truth.snippet_absent"
    assert message == "must_contain snippet 'the mayor cut the ribbon' is not in the page's text"


def test_a_snippet_found_across_markup_typography_or_only_in_the_source_is_not_doubted():
    html = page(
        body="Drivers \u201cqueued\u201d from <b>early</b>morning.", extra="<script>var t='only in a script';</script>"
    )
    assert checks(html, must_contain=['Drivers "queued" from earlymorning.', "only in a script"]) == []


def test_a_snippet_in_another_letter_case_says_so():
    [(_, message)] = audit(page(), must_contain=["THE RIVER BRIDGE"])
    assert message.endswith("(the page has it in another letter case)")


def test_a_must_not_contain_snippet_inside_the_true_body_is_doubted():
    body = BODY + "\n\nSponsored: buy solar panels at half price"
    found = audit(page(body=body), body=body,
                  must_not_contain=[{"text": "buy solar panels", "kind": "sponsored"},
                                    {"text": "Council approves budget", "kind": "related"}])  # fmt: skip
    assert found == [
        ("truth.snippet_in_truth", "must_not_contain snippet 'buy solar panels' (sponsored) is inside the true body, "
         "paragraph 3"),
    ]  # fmt: skip


# -- body --------------------------------------------------------------------------------------


def test_a_paragraph_the_truth_repeats_more_often_than_the_page_is_doubted():
    body = BODY + "\n\n" + BODY.split("\n\n")[0]
    [(check, message)] = audit(page(), body=body)
    assert check == "truth.body_duplicate"
    assert message == (
        "the true body has the paragraph 'The river bridge reopened on Friday after two years of repairs.' 2 times; "
        "the page shows it once"
    )


def test_a_paragraph_the_page_itself_repeats_is_not_doubted():
    body = BODY + "\n\n" + BODY.split("\n\n")[0]
    assert checks(page(body=body), body=body) == []


def test_a_body_from_another_page_is_doubted_and_names_a_missing_paragraph():
    other = "Council approves the budget for next year.\n\nThe vote was close.\n\nThe mayor abstained."
    [(check, message)] = audit(page(), body=other + "\n\n" + BODY)
    assert check == "truth.body_not_on_page"
    assert message == "only 2 of the true body's 5 paragraphs are on the page (40%, under 80%)"


def test_a_body_glued_split_or_with_hidden_extras_is_the_pages_body():
    # A truth that glued two paragraphs ("repairs.Drivers"), and a page with a screen-reader
    # extra inside a paragraph: both still the page's body.
    glued = BODY.replace(".\n\n", ".")
    html = page(body=BODY.replace("queued from", "queued<span class='sr'>(opens in a new window)</span> from"))
    assert checks(html, body=glued) == []
    assert checks(html, body=BODY) == []


def test_a_body_the_page_renders_from_a_script_is_the_pages_body():
    state = json.dumps({"contentHtml": "<p>" + BODY.replace("\n\n", "</p><p>") + "</p>"})
    html = f"<html><body><div id='root'></div><script>window.__STATE__={state}</script></body></html>"
    assert checks(html, body=BODY) == []


# -- authors -----------------------------------------------------------------------------------


def test_an_author_the_page_names_nowhere_is_doubted_with_what_it_names():
    html = page(head=jsonld(author={"name": "John Doe"}), byline="<span class='author-name'>By John Doe</span>")
    [(check, message)] = audit(html, authors=["Jane Roe"])
    assert check == "truth.author_not_on_page"
    assert message == (
        "'Jane Roe' is not in the page's text nor its metadata (metadata authors: JSON-LD author 'John Doe'; "
        "bylines shown: <span class='author-name'> 'By John Doe')"
    )


def test_an_author_in_the_text_the_metadata_or_the_source_in_any_case_is_not_doubted():
    assert checks(page(byline="<p>BY JANE ROE</p>"), authors=["Jane Roe"]) == []
    assert checks(page(head='<meta name="author" content="Roe, Jane; Jane Roe">'), authors=["Jane Roe"]) == []
    assert checks(page(extra='<script>dataLayer.push({"author": "Jane Roe"})</script>'), authors=["Jane Roe"]) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Associated Press", "it is a news agency or network"),
        ("dpa", "it is a news agency or network"),
        ("TMZ Staff", "it names a desk or team, not a person"),
        ("Gear Team", "it names a desk or team, not a person"),
        ("BR24 Redaktion", "it names a desk or team, not a person"),
        ("Redaktion hessenschau.de", "it names a desk or team, not a person"),
        ("MM-Redaktion", "it names a desk or team, not a person"),
        ("Guardian staff reporter", "it names a desk or team, not a person"),
        ("ndr.de", "it is a web address, not a person"),
        ("The Gazette", "it is the page's publisher (<meta og:site_name> 'The Gazette')"),
        ("Le Figaro et AFP", "it joins organizations ('Le Figaro', 'AFP')"),
    ],
)
def test_organizations_are_told_from_people(name, reason):
    publishers = (Stated("The Gazette", "<meta og:site_name>"), Stated("Le Figaro", "JSON-LD publisher"))
    assert organization_reason(name, publishers=publishers) == reason


@pytest.mark.parametrize("name", ["Jane Roe", "Elle Hunt", "Isaac Yee", "Jane Roe, AP", "Maria e Silva", "Al Staffo"])
def test_people_are_not_organizations(name):
    assert organization_reason(name, publishers=(Stated("Elle", "<meta og:site_name>"),)) is None


def test_an_organization_among_the_true_authors_is_doubted():
    html = page(head='<meta property="og:site_name" content="The Gazette">', byline="<p>Jane Roe, AP</p>")
    found = audit(html, authors=["Jane Roe", "AP"])
    assert found == [
        ("truth.organization_as_author", "the truth lists 'AP' as an author, but it is a news agency or network; "
         "it belongs in organizations"),
    ]  # fmt: skip


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shown",
    [
        "May 3, 2024", "3 May 2024", "Friday 3rd May, 2024", "03.05.2024", "3. Mai 2024", "2024-05-03",
        "05/03/2024", "3 de mayo de 2024", "2024年5月3日", "3 мая 2024", "Fri May 3 17:47:00 CEST 2024",
    ],
)  # fmt: skip
def test_a_true_day_written_in_the_text_in_a_common_form_is_on_the_page(shown):
    assert checks(page(byline=f"<p>Published {shown}</p>"), published="2024-05-03T17:47:00+02:00") == []


def test_a_true_day_the_page_states_in_no_form_is_doubted_with_the_pages_dates():
    html = page(head=jsonld(datePublished="2024-05-02T10:00:00Z"), byline="<p>2 May 2024</p>")
    [(check, message)] = audit(html, published="2024-05-03T17:47:00+02:00")
    assert check == "truth.date_not_on_page"
    assert message == (
        "the truth says 2024-05-03T17:47:00+02:00, a day the page states nowhere (the page's dates: JSON-LD "
        "datePublished '2024-05-02T10:00:00Z'; its text shows no written form of that day)"
    )


def test_a_day_and_month_swapped_truth_names_the_form_the_page_shows():
    # Day first with dots, as the page's country writes it: 5 April, not May 4.
    [(check, message)] = audit(page(byline="<p>Sehernur Karsu | 05.04.2025</p>"), published="2025-05-04",
                               captured_at="2025-04-05T16:00:00+02:00")  # fmt: skip
    assert check == "truth.date_not_on_page"
    assert message == (
        "the truth says 2025-05-04, a day the page states nowhere (the page states no date in its metadata or "
        "<time> elements; its text shows '05.04.2025', that day with day and month swapped)"
    )


def test_a_machine_readable_date_on_the_true_day_or_instant_is_on_the_page():
    truth = {"published": "2024-05-03T17:47:00+02:00"}
    assert checks(page(head=jsonld(datePublished="2024-05-03T15:47:00Z")), **truth) == []
    assert checks(page(head=jsonld(datePublished="2024-05-03 17:47:00 +02:00")), **truth) == []
    assert checks(page(head='<meta name="date" content="Fri, 03 May 2024 15:47:00 GMT">'), **truth) == []
    assert checks(page(byline="<time datetime='2024-05-03'>today</time>"), **truth) == []
    assert checks(page(extra="<script>var d = {published: '2024-05-03T15:47'}</script>"), **truth) == []


def test_the_day_in_the_url_is_on_the_page():
    truth = {"published": "2024-05-03T17:47:00+02:00"}
    assert checks(page(), url="https://www.gazette.example/news/2024/05/03/river-bridge", **truth) == []
    assert checks(page(), **truth) == ["truth.date_not_on_page"]


def test_a_true_published_time_that_is_the_pages_modified_time_is_doubted():
    head = jsonld(datePublished="2024-05-03T09:00:00+02:00", dateModified="2024-05-03T17:47:00+02:00")
    [(check, message)] = audit(page(head=head), published="2024-05-03T17:47:00+02:00")
    assert check == "truth.date_is_modified"
    assert message == (
        "the truth's published time 2024-05-03T17:47:00+02:00 is the page's JSON-LD dateModified "
        "2024-05-03T17:47:00+02:00; the page's JSON-LD datePublished is 2024-05-03T09:00:00+02:00"
    )


@pytest.mark.parametrize(
    "node",
    [
        {"datePublished": "2024-05-03T17:47:00+02:00", "dateModified": "2024-05-03T17:47:00+02:00"},  # the same
        {"datePublished": "2024-05-03T17:46:50+02:00", "dateModified": "2024-05-03T17:47:05+02:00"},  # too close
        {"dateModified": "2024-05-03T17:47:00+02:00"},  # no published time to tell them apart
        {"datePublished": "2024-05-03", "dateModified": "2024-05-03T17:47:00+02:00"},  # a day only
    ],
)
def test_a_modified_time_is_not_doubted_where_the_page_cannot_tell_it_from_the_published_one(node):
    assert checks(page(head=jsonld(**node)), published="2024-05-03T17:47:00+02:00") == []


def test_a_date_only_truth_is_not_doubted_as_the_modified_time():
    head = jsonld(datePublished="2024-05-02T09:00:00+02:00", dateModified="2024-05-03T17:47:00+02:00")
    assert checks(page(head=head), published="2024-05-03") == []


# -- title -------------------------------------------------------------------------------------


def test_a_title_the_page_states_nowhere_is_doubted_with_the_pages_titles():
    [(check, message)] = audit(page(), title="Bridge closed for two more years")
    assert check == "truth.title_not_on_page"
    assert message == (
        "the title 'Bridge closed for two more years' is neither in the page's text nor its metadata (the page's "
        "titles: <title> 'River bridge reopens | The Gazette'; <h1> 'River bridge reopens')"
    )


def test_a_title_only_in_the_metadata_or_with_other_typography_is_on_the_page():
    head = '<meta property="og:title" content="Bridge \u2018back\u2019 \u2013 at last">'
    assert checks(page(head=head), title="Bridge 'back' - at last") == []
    assert checks(page(), title="River  bridge reopens") == []


def test_a_title_in_another_letter_case_says_so():
    [(_, message)] = audit(page(), title="River Bridge Reopens")
    assert "metadata, except in another letter case (" in message


def test_a_silent_truth_is_not_audited():
    assert audit(page()) == []


# -- marks -------------------------------------------------------------------------------------


def doubted_date_fixture():
    return make_fixture(page(byline="<p>05.04.2025</p>"), published="2025-05-04", url=URL,
                        captured_at="2025-04-05T16:00:00+02:00", title="River bridge reopens")  # fmt: skip


def test_findings_on_a_doubted_field_are_marked_with_the_audits_evidence():
    fixture = doubted_date_fixture()
    found = run_checks(fixture, Extraction(published="2025-04-05", title="Another title"))
    marked = mark_suspects(found, audit_fixture(fixture))
    by_check = {f.check: f.truth_suspect for f in marked}
    assert set(by_check) == {"date.wrong_day", "title.mismatch"}
    assert by_check["title.mismatch"] is None
    assert by_check["date.wrong_day"] == (
        "the truth says 2025-05-04, a day the page states nowhere (the page states no date in its metadata or "
        "<time> elements; its text shows '05.04.2025', that day with day and month swapped) (truth.date_not_on_page)"
    )
    assert suspect_truths(marked) == [SuspectTruth("test/page", "published", by_check["date.wrong_day"])]


def test_page_only_checks_other_fixtures_and_warnings_are_not_suspects():
    doubt = make_finding("test/page", "truth", "truth.date_not_on_page", "the page states 2025-05-04 nowhere")
    future = make_finding("test/page", "x", "date.future", "later than the capture")
    elsewhere = make_finding("other/page", "x", "date.wrong_day", "wrong day")
    [future_marked, elsewhere_marked] = mark_suspects([future, elsewhere], [doubt])
    assert future_marked.truth_suspect is None and elsewhere_marked.truth_suspect is None
    warning = dataclasses.replace(make_finding("test/page", "x", "date.wrong_day", "wrong"), severity="warning")
    [marked] = mark_suspects([warning], [doubt])
    assert marked.truth_suspect is not None
    assert suspect_truths([marked]) == []  # only errors fail CI, so only they are refused


def test_a_missing_snippet_is_suspect_only_when_that_snippet_is_doubted():
    doubt = make_finding("test/page", "truth", "truth.snippet_absent", "absent", expected="the mayor cut the ribbon")
    other = make_finding("test/page", "x", "body.missing_text", "missing", expected=["two years of repairs"])
    same = make_finding("test/page", "x", "body.missing_text", "missing", expected=["the mayor cut the ribbon"])
    recall = make_finding("test/page", "x", "body.low_recall", "low recall")
    marked = mark_suspects([other, same, recall], [doubt])
    assert [f.truth_suspect is not None for f in marked] == [False, True, False]


def test_an_organization_among_the_true_authors_marks_no_byline_finding():
    doubt = make_finding("test/page", "truth", "truth.organization_as_author", "AP is an agency")
    finding = make_finding("test/page", "x", "byline.organization", "'AP' is an organization")
    assert mark_suspects([finding], [doubt])[0].truth_suspect is None


def test_suspects_are_read_back_from_a_scoring_runs_page_detail():
    pages = [{"page": "a", "results": {"x": {"findings": [
        {"check": "date.wrong_day", "severity": "error", "field": "published", "message": "m", "truth_suspect": "s"},
        {"check": "date.imprecise", "severity": "info", "field": "published", "message": "m", "truth_suspect": "s"},
        {"check": "title.mismatch", "severity": "error", "field": "title", "message": "m"},
    ]}, "y": {"findings": [
        {"check": "date.wrong_day", "severity": "error", "field": "published", "message": "m", "truth_suspect": "s"},
    ]}}}]  # fmt: skip
    assert suspects_in_pages(pages) == [SuspectTruth("a", "published", "s")]


def test_the_visible_bylines_are_page_facts():
    html = page(byline="<div class='byline'>By <a rel='author'>Jane Roe</a></div><div class='author-bio'>" + "x" * 300)
    facts = page_facts(make_fixture(html).page)
    # The byline and its link; the long biography box is a container, not a byline.
    assert [(s.value, s.source) for s in facts.bylines] == [
        ("By Jane Roe", "<div class='byline'>"),
        ("Jane Roe", "<a rel='author'>"),
    ]
