"""The byline rules against the false alarms found on real pages, each beside the true finding it keeps.

Every case runs the real checks on a tiny inline page: the false alarm is gone, and the
neighbouring string that really is wrong is still reported.
"""

from __future__ import annotations

import json

import pytest

from harness.checks import noise_reason, run_checks
from harness.core import Extraction, Finding
from tests.conftest import make_fixture

AUTHORS = frozenset({"authors"})


def findings(extracted: tuple[str, ...], html: str | None = None, /, **truth: object) -> list[Finding]:
    """The byline findings of ``extracted`` on ``html`` (a bare page by default) under ``truth``."""
    fixture = make_fixture(html, **truth) if html is not None else make_fixture(**truth)
    return run_checks(fixture, Extraction(authors=extracted), fields=AUTHORS)


def ids(extracted: tuple[str, ...], html: str | None = None, /, **truth: object) -> list[str]:
    return [f.check for f in findings(extracted, html, **truth)]


def page(*, publisher: str | None = None, site_name: str | None = None) -> str:
    """A page stating its publisher in JSON-LD and/or og:site_name."""
    head = ""
    if publisher is not None:
        article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge reopens",
                   "publisher": {"@type": "Organization", "name": publisher}}  # fmt: skip
        head += f'<script type="application/ld+json">{json.dumps(article)}</script>'
    if site_name is not None:
        head += f'<meta property="og:site_name" content="{site_name}">'
    return f"<html><head>{head}</head><body><h1>Bridge reopens</h1><p>x</p></body></html>"


# -- 1. joiners: initials and particles inside one name are not joins --------------------------------


@pytest.mark.parametrize("name", ["Chris E Hayner", "Robert E Moffit", "José Ortega y Gasset", "J. & K. Smith"])
def test_initials_and_particles_are_not_joiners(name):
    assert noise_reason(name) is None
    # A silent truth runs only the page-alone checks: before, each of these was byline.noise.
    assert ids((name,)) == []


@pytest.mark.parametrize(
    ("name", "joiner"),
    [
        ("Jane Roe and John Doe", "and"),
        ("ISAAC YEE AND NIAMH KENNEDY", "AND"),
        ("Carlos Pérez y María López", "y"),
        ("Ana Costa e Rui Silva", "e"),
        ("Jane Roe; John Doe", ";"),
        ("Jane Roe & John Doe", "&"),
        ("Anna Martel und Lea Wagner", "und"),
        ("Di Wu and Jane Roe", "and"),
    ],
)
def test_real_joins_are_still_noise(name, joiner):
    assert noise_reason(name) == f"joins several names in one string ({joiner!r})"
    assert ids((name,)) == ["byline.noise"]


def test_uppercase_weak_joiner_between_full_names_is_a_name_not_a_join():
    # "y" and "e" count only in lowercase: "E" and "Y" in a name are initials.
    assert noise_reason("Maria Y Lopez Garcia") is None


def test_joined_true_authors_are_still_noise():
    assert ids(("Jane Roe and John Doe",), authors=["Jane Roe", "John Doe"]) == ["byline.noise"]


# -- 2. prefixes: a label only where a byline follows it ---------------------------------------------


@pytest.mark.parametrize("name", ["Di Wu", "Von Miller", "Av Lindqvist", "Von der Leyen", "Bybee Fromm"])
def test_given_names_equal_to_a_prefix_word_are_names(name):
    assert noise_reason(name) is None
    assert ids((name,)) == []


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Von Jane Roe", "Von"),
        ("von APA", "von"),
        ("Di Mario Rossi", "Di"),
        ("Von: Miller", "Von:"),
        ("By Jane Roe", "By"),
        ("Written by Jane Roe", "Written by"),
        ("Text: Jane Roe", "Text:"),
        ("Reporting by Jane Roe", "Reporting by"),
    ],
)
def test_prefixes_before_a_byline_are_still_noise(name, label):
    assert noise_reason(name) == f"keeps a byline prefix ({label!r})"


@pytest.mark.parametrize("label", ["Written by", "By", "By:", "Words by"])
def test_a_bare_byline_label_is_noise_not_invented(label):
    [finding] = findings((label,), authors=[])
    assert finding.check == "byline.noise"
    assert finding.message == f"{label!r} is a byline label with no name"


# -- 3. desks, teams and the page's own publisher ----------------------------------------------------


@pytest.mark.parametrize("desk", ["MLSsoccer staff", "TMZ Staff", "Gear Team", "Metro Desk", "BR24 Redaktion", "Staff"])
def test_desks_and_teams_are_organizations(desk):
    [finding] = findings((desk,), authors=[])
    assert finding.check == "byline.organization"
    assert finding.message == f"{desk!r} is an organization credited in the byline, not a person"


def test_a_person_named_like_a_desk_word_is_not_a_desk():
    # Only the desk words at the end make a desk; "Staff Writer" is a role and stays noise.
    assert ids(("Staff Writer Jane Roe",)) == ["byline.noise"]
    assert ids(("Jane Roe, Staff Writer",)) == ["byline.noise"]


@pytest.mark.parametrize(
    ("extracted", "html"),
    [
        ("The Independent", page(publisher="The Independent")),
        ("Independent", page(publisher="The Independent")),
        ("The Independent", page(site_name="Independent")),
        ("The Worcester Telegram & Gazette", page(site_name="The Worcester Telegram &amp; Gazette")),
        ("Chemnitzer Verlag und Druck GmbH & Co. KG",
         page(publisher="Freie Presse - Chemnitzer Verlag und Druck GmbH &amp; Co. KG")),
    ],
)  # fmt: skip
def test_the_pages_own_publisher_is_an_organization(extracted, html):
    assert ids((extracted,), html, authors=["Jane Roe"]) == ["byline.organization", "byline.incomplete"]


def test_the_same_names_on_a_page_of_another_publisher_are_not_organizations():
    html = page(publisher="The Gazette")
    assert ids(("The Independent",), html, authors=["Jane Roe"]) == ["byline.invented", "byline.incomplete"]
    assert ids(("The Worcester Telegram & Gazette",), html, authors=["Jane Roe"]) == [
        "byline.noise",
        "byline.incomplete",
    ]


def test_the_fixtures_site_name_and_host_are_the_publisher():
    assert ids(("Gazette",), site_name="The Gazette", authors=["Jane Roe"]) == [
        "byline.organization",
        "byline.incomplete",
    ]
    # trafilatura reads a host as "Nieuwsblad Be": the page's own host is its publisher.
    url = "https://www.nieuwsblad.be/cnt/dmf20250202"
    assert ids(("Nieuwsblad Be",), url=url, authors=["Jane Roe"]) == ["byline.organization", "byline.incomplete"]


def test_a_url_stays_noise_even_on_its_own_host():
    url = "https://www.dailystar.co.uk/news/1"
    [noise, _] = findings(("www.dailystar.co.uk",), url=url, authors=["Jane Roe"])
    assert noise.check == "byline.noise"
    assert "holds a URL" in noise.message
    # Where the truth itself credits the host, it is the organization credit, and not required.
    url = "https://www.ntv.com.tr/turkiye/1"
    assert ids((), url=url, authors=["ntv.com.tr"]) == []
    assert ids(("NTV.com.tr",), url=url, authors=["ntv.com.tr"]) == ["byline.organization"]


@pytest.mark.parametrize("name", ["Nikkei Inc", "Frankfurter Allgemeine Zeitung GmbH", "Associated Press in Valencia"])
def test_companies_and_agencies_in_a_place_are_organizations(name):
    assert ids((name,), authors=[]) == ["byline.organization"]


def test_known_agencies_and_decoys_keep_their_findings():
    assert ids(("CNN",), authors=["Jane Roe"]) == ["byline.organization", "byline.incomplete"]
    assert ids(("Jane Roe", "Mark Teaser"), authors=["Jane Roe"], decoys={"authors": ["Mark Teaser"]}) == [
        "byline.decoy"
    ]
    assert ids(("Lisa Stranger",), authors=["Jane Roe"]) == ["byline.invented", "byline.incomplete"]


# -- 4. a person joined to an organization -----------------------------------------------------------


@pytest.mark.parametrize(
    ("extracted", "person", "organization", "truth"),
    [
        ("Samy Magdy, Associated Press", "Samy Magdy", "Associated Press", {}),
        ("John O'connor The Associated Press", "John O'connor", "The Associated Press", {}),
        ("Jane Roe | Reuters", "Jane Roe", "Reuters", {}),
        ("Jane Roe/AP", "Jane Roe", "AP", {}),
        ("Jane Roe - Harbor Wire", "Jane Roe", "Harbor Wire", {"organizations": ["Harbor Wire"]}),
        ("Jane Roe, TMZ Staff", "Jane Roe", "TMZ Staff", {}),
    ],
)
def test_a_person_joined_to_an_organization_is_one_noise_finding(extracted, person, organization, truth):
    [finding] = findings((extracted,), authors=[person], **truth)
    assert finding.check == "byline.noise"
    assert finding.message == (
        f"{extracted!r} joins a person and an organization in one string ({person!r} and {organization!r})"
    )


def test_a_person_joined_to_the_pages_publisher_is_one_noise_finding():
    html = page(publisher="The Independent")
    [finding] = findings(("Jane Roe, The Independent",), html, authors=["Jane Roe"])
    assert finding.check == "byline.noise"
    assert "('Jane Roe' and 'The Independent')" in finding.message


def test_a_joined_person_who_is_not_the_author_leaves_the_author_missing():
    assert ids(("Samy Magdy, Associated Press",), authors=["Jane Roe"]) == ["byline.noise", "byline.incomplete"]


def test_a_name_ending_in_an_agency_acronym_is_not_split_without_a_separator():
    # "Pa" is a surname here, not PA Media: joined by a space alone, an acronym must be in capitals.
    assert ids(("Ana Pa",), authors=["Ana Pa"]) == []
    assert ids(("Ana Pa",)) == []


def test_several_people_joined_to_an_agency_are_one_noise_finding():
    [noise] = findings(("Jane Roe and John Doe, CNN",), authors=["Jane Roe", "John Doe"])
    assert noise.check == "byline.noise"
    assert "joins a person and an organization" in noise.message
    assert "joins several names in one string ('and')" in noise.message


# -- 5. a truth that lists an organization as an author ----------------------------------------------


def test_an_agency_listed_as_the_author_is_not_required():
    assert ids((), authors=["Associated Press"]) == []
    assert ids(("Associated Press",), authors=["Associated Press"]) == ["byline.organization"]


def test_a_person_extracted_where_the_truth_credits_only_an_agency_is_invented():
    [finding] = findings(("Jane Roe",), authors=["Associated Press"])
    assert finding.check == "byline.invented"
    assert finding.message == "the page credits no person, only 'Associated Press', yet 'Jane Roe' was extracted"


def test_only_the_truths_people_are_required():
    assert ids(("Adam Vidler",), authors=["Adam Vidler", "AP"]) == []
    [missing] = findings((), authors=["Adam Vidler", "AP"])
    assert missing.check == "byline.missing"
    assert missing.message == "no author extracted; the page credits 'Adam Vidler'"


def test_a_publisher_or_desk_listed_as_the_author_is_an_organization_credit():
    html = page(site_name="Salzburger Nachrichten")
    assert ids((), html, authors=["Salzburger Nachrichten"]) == []
    assert ids(("Salzburger Nachrichten",), html, authors=["Salzburger Nachrichten"]) == ["byline.organization"]
    assert ids((), authors=["MND Staff"]) == []
    # A publisher's name on a page of another publisher is taken for a person, and missing it is
    # still reported ("<word> Nachrichten" itself is a news desk's name wherever it stands).
    assert ids((), page(site_name="Kleine Zeitung"), authors=["Kleine Zeitung"]) == []
    assert ids((), page(site_name="The Gazette"), authors=["Kleine Zeitung"]) == ["byline.missing"]
