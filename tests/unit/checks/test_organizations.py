"""The one organization rule, as the byline checks and the truth audit both read it."""

from __future__ import annotations

import json

import pytest

from harness.checks import audit_fixture, organization_reason, organizations_of, page_facts, run_checks
from harness.checks.page import Stated
from harness.core import Extraction
from tests.conftest import make_fixture

AUTHORS = frozenset({"authors"})
DESK = "it names a desk or team, not a person"


def ids(extracted: tuple[str, ...], html: str | None = None, /, **truth: object) -> list[str]:
    fixture = make_fixture(html, **truth) if html is not None else make_fixture(**truth)
    return [f.check for f in run_checks(fixture, Extraction(authors=extracted), fields=AUTHORS)]


def page(publisher: dict[str, object]) -> str:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x", "publisher": publisher}
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(article)}</script></head>'
        "<body><p>x</p></body></html>"
    )


# -- desks: a staff credit is a desk, a person with a staff title is not -------------------------------


@pytest.mark.parametrize("name", ["Guardian staff reporter", "Yomiuri Shimbun Staff Writers", "Staff Writers"])
def test_a_staff_credit_is_a_desk(name):
    assert organization_reason(name) == DESK


@pytest.mark.parametrize("name", ["Jane Roe Staff Writer", "Staff Writer", "Jane Roe, Staff Writer"])
def test_a_person_with_a_staff_title_is_not_a_desk(name):
    assert organization_reason(name) is None


def test_a_staff_member_of_the_pages_publisher_is_a_desk_credit():
    publishers = (Stated("The Yomiuri Shimbun", "JSON-LD publisher"),)
    assert organization_reason("Yomiuri Shimbun staff writer", publishers=publishers) == DESK
    assert organization_reason("Yomiuri Shimbun staff writer") is None


def test_a_true_desk_credit_is_not_a_person_to_find():
    # The Guardian states "Guardian staff reporter" as its JSON-LD author over an agency story: newspaper4k's
    # "Guardian staff" is that desk, not a miss of a person.
    assert ids(("Guardian staff",), authors=["Guardian staff reporter"]) == ["byline.organization"]
    assert ids((), authors=["Guardian staff reporter"]) == []


# -- the reasons the byline checks and the audit now share -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Nikkei Inc", "it is a company ('Inc')"),
        ("Associated Press in Valencia", "it names 'Associated Press' reporting from 'Valencia'"),
        ("Nieuwsblad Be", "it is the page's own host ('nieuwsblad.be')"),
        ("dpa/AFP", "it joins organizations ('dpa', 'AFP')"),
        ("Jane Roe", None),
    ],
)
def test_an_organization_is_said_why(name, reason):
    fixture = make_fixture(url="https://www.nieuwsblad.be/cnt/dmf20250202")
    assert organizations_of(fixture).reason(name) == reason


def test_the_audit_reads_organizations_as_the_byline_checks_do():
    fixture = make_fixture("<html><body><p>Nikkei Inc</p></body></html>", authors=["Nikkei Inc"])
    assert [(f.check, f.evidence) for f in audit_fixture(fixture)] == [
        ("truth.organization_as_author", "it is a company ('Inc')")
    ]
    assert ids(("Nikkei Inc",), authors=["Nikkei Inc"]) == ["byline.organization"]


# -- web addresses: the site credited in the truth, noise from an extractor ------------------------------


def test_a_web_address_in_the_truth_is_the_site_credited_even_on_another_host():
    assert organization_reason("mbl.is") == "it is a web address, not a person"
    assert ids((), authors=["mbl.is"]) == []
    assert ids(("mbl.is",), authors=["mbl.is"]) == ["byline.organization"]


def test_a_web_address_an_extractor_returns_is_noise():
    # newspaper4k reads author-page links as authors ("chus-del-pino.html"); not an invented person.
    assert ids(("chus-del-pino.html",), authors=["Chus del Pino"]) == ["byline.noise", "byline.incomplete"]
    # A glued initial is not a web address.
    assert organization_reason("J.Smith") is None


def test_the_publishers_brand_as_a_bare_address_stays_the_publisher():
    url = "https://www.mdr.de/nachrichten/1"
    assert ids(("mdr.de",), url=url, authors=["Jane Roe"]) == ["byline.organization", "byline.incomplete"]


# -- the publisher as the page states it -----------------------------------------------------------------


def test_a_publishers_html_entities_are_decoded_once_where_the_page_is_read():
    facts = page_facts(make_fixture(page({"@type": "Organization", "name": "Druck GmbH &amp; Co. KG"})).page)
    assert [(s.value, s.source) for s in facts.publishers] == [("Druck GmbH & Co. KG", "JSON-LD publisher")]


def test_a_person_who_publishes_a_blog_is_not_an_organization():
    html = page({"@type": "Person", "name": "Jane Roe"})
    assert page_facts(make_fixture(html).page).publishers == ()
    assert ids(("Jane Roe",), html, authors=["Jane Roe"]) == []
    assert audit_fixture(make_fixture(html.replace("<p>x</p>", "<p>By Jane Roe</p>"), authors=["Jane Roe"])) == []
    # The same name as an organization's is the publisher.
    assert ids(("Jane Roe",), page({"@type": "Organization", "name": "Jane Roe"}), authors=["Jane Roe"]) == [
        "byline.organization"
    ]
