"""Each check, firing and not firing, on tiny inline pages."""

from __future__ import annotations

import pytest

from harness.checks import CATALOGUE, noise_reason, run_checks
from harness.core import Extraction
from tests.conftest import make_fixture

ALL = frozenset({"title", "authors", "published", "modified", "body"})

TRUTH = {
    "title": "River bridge reopens after two years",
    "site_name": "The Gazette",
    "authors": ["Jane Roe", "John Doe"],
    "organizations": ["AP"],
    "published": "2024-05-03T17:47:00+02:00",
    "modified": "2024-05-03T19:05:00+02:00",
    "body": "The river bridge reopened on Friday after two years of repairs.\n\n"
    "Drivers queued from early morning to be among the first across.",
    "must_contain": ["The river bridge reopened on Friday"],
    "must_not_contain": [
        {"text": "Buy solar panels at half price", "kind": "sponsored"},
        {"text": "Council approves new budget", "kind": "related"},
    ],
    "decoys": {
        "authors": ["Mark Teaser"],
        "dates": [
            {"text": "41 minutes ago", "value": "2024-05-03T19:19:00+02:00", "source": "a related teaser"},
            {"text": "© 2023", "value": "2023-01-01", "source": "the copyright line"},
        ],
    },
}
GOOD = {
    "title": TRUTH["title"],
    "authors": ["Jane Roe", "John Doe"],
    "published": "2024-05-03T17:47:00+02:00",
    "modified": "2024-05-03T19:05:00+02:00",
    "body": TRUTH["body"],
}


def ids(extraction: dict, fields: frozenset[str] = ALL, **truth: object) -> list[str]:
    fixture = make_fixture(**{**TRUTH, **truth})
    return [f.check for f in run_checks(fixture, Extraction(**extraction), fields=fields)]


def with_(**changes: object) -> dict:
    data = dict(GOOD)
    data.update(changes)
    return {k: tuple(v) if k == "authors" and v is not None else v for k, v in data.items()}


def test_a_correct_extraction_has_no_finding():
    assert ids(with_()) == []


def test_every_catalogue_id_is_dotted_and_has_a_known_severity():
    assert len(CATALOGUE) == 47
    for check_id, info in CATALOGUE.items():
        assert check_id.count(".") == 1 and info.severity in {"error", "warning", "info"}


# -- bylines -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ((), ["byline.missing"]),
        (None, ["byline.missing"]),
        (("Jane Roe",), ["byline.incomplete"]),
        (("Jane Roe", "John Doe", "AP"), ["byline.organization"]),
        (("Jane Roe", "John Doe", "The Gazette"), ["byline.organization"]),
        (("Jane Roe", "John Doe", "Reuters"), ["byline.organization"]),
        (("Jane Roe", "John Doe", "Mark Teaser"), ["byline.decoy"]),
        (("By Jane Roe", "John Doe"), ["byline.noise"]),  # the person is there, with "By" kept
        (("Jane Roe", "John Doe", "Lisa Stranger"), ["byline.invented"]),
        (("Jane Roe, John Doe",), ["byline.noise"]),  # both there, not told apart: one finding
        (("JANE ROE", " john  doe "), []),
        (("John Doe", "Jane Roe"), []),
    ],
)
def test_byline_checks(authors, expected):
    assert ids(with_(authors=authors)) == expected


def test_byline_invented_where_the_page_names_nobody():
    assert ids(with_(authors=("Lisa Stranger",)), authors=[]) == ["byline.invented"]
    assert ids(with_(authors=()), authors=[]) == []


def test_byline_silent_truth_still_runs_page_alone_checks():
    fixture = make_fixture()
    found = run_checks(fixture, Extraction(authors=("Staff Writer Jane Roe", "CNN")), fields=ALL)
    assert [f.check for f in found] == ["byline.noise", "byline.organization"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("By Isaac Yee", "keeps a byline prefix"),
        ("CNN's Profile Picture", "is a UI string"),
        ("Dana Whitfield, Staff Writer", "holds a job title"),
        ("Jane Roe Updated 7:39 pm", "holds a date or time"),
        ("jane@gazette.example", "holds a URL, e-mail address or handle"),
        ("@janeroe", "holds a URL, e-mail address or handle"),
        ('<a href="/jane">Jane</a>', "carries HTML markup"),
        ("Jane Roe and John Doe", "joins several names in one string"),
        ("Jane Roe; John Doe", "joins several names in one string"),
        ("Jane Alexandra Roe Montgomery Fitzgerald Williamson Carter", "far too long"),
    ],
)
def test_noise_reasons(name, reason):
    assert reason in (noise_reason(name) or "")


@pytest.mark.parametrize("name", ["Abby Kirby", "Seán Federico O'Murchú", "James S.A. Corey", "Maria de la Cruz"])
def test_clean_names_are_not_noise(name):
    assert noise_reason(name) is None


# -- body --------------------------------------------------------------------


def test_body_sponsored_and_boilerplate_leaks():
    leaked = GOOD["body"] + "\n\nBuy solar panels at half price\n\nCouncil approves new budget"
    assert ids(with_(body=leaked)) == ["body.sponsored_leak", "body.boilerplate_leak", "body.low_precision"]


def test_body_sponsored_marker_fires_without_truth():
    fixture = make_fixture()
    body = "A real paragraph of the story.\n\nSponsored Articles\n\nSome card text"
    found = run_checks(fixture, Extraction(body=body), fields=ALL)
    assert [f.check for f in found] == ["body.sponsored_leak"]
    assert "'Sponsored Articles'" in found[0].message


def test_body_missing_text_and_low_recall():
    assert ids(with_(body="Drivers queued from early morning to be among the first across.")) == [
        "body.missing_text",
        "body.low_recall",
    ]


def test_body_low_precision():
    noisy = GOOD["body"] + "\n\n" + "Home News Sport Weather Contact us Privacy Terms " * 3
    assert ids(with_(body=noisy)) == ["body.low_precision"]


def test_body_on_a_page_with_no_article_body():
    body_only = frozenset({"body"})
    teaser = {"body": "Teaser one two three four five"}
    assert ids(teaser, body_only, body=None, must_contain=[]) == ["body.low_precision"]
    assert ids({"body": None}, body_only, body=None, must_contain=[]) == []


# -- dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, ["date.missing"]),
        ("2024-05-03T17:47:00+02:00", []),
        ("2024-05-03T15:47:00Z", []),
        ("2024-05-03T17:47:30+02:00", []),
        ("2024-05-03", ["date.imprecise"]),
        ("2024-05-02", ["date.wrong_day"]),
        ("2024-05-03T17:47:00+00:00", ["date.wrong_time"]),
        ("2024-05-03T17:47:00", ["date.naive"]),
        ("2024-05-03T15:47:00", ["date.naive"]),
        ("2024-05-03T19:05:00+02:00", ["date.updated_as_published"]),
        ("2024-05-03T19:19:00+02:00", ["date.decoy"]),
        ("2023-01-01", ["date.decoy"]),
        ("2024-05-04T09:00:00+02:00", ["date.future"]),
        ("2030-01-01", ["date.future"]),
    ],
)
def test_published_checks(published, expected):
    assert ids(with_(published=published), fields=ALL - {"modified"}) == expected


def test_day_is_compared_in_the_site_timezone():
    # 23:30 in Denver is the next day in UTC: the same day for the site.
    truth = {
        "published": "2024-10-19T23:30:00-06:00",
        "captured_at": "2024-10-20T09:00:00-06:00",
        "timezone": "America/Denver",
        "modified": None,
    }
    assert ids(with_(published="2024-10-20T05:30:00Z", modified=None), **truth) == []
    fixture = make_fixture(**{**TRUTH, **truth})
    [finding] = run_checks(fixture, Extraction(**with_(published="2024-10-20", modified=None)), fields=ALL)
    assert finding.check == "date.wrong_day"
    assert finding.message == (
        "published 2024-10-20 is the UTC day of 2024-10-19T23:30:00-06:00; in America/Denver it is 2024-10-19"
    )


def test_a_raw_decoy_string_is_named():
    fixture = make_fixture(**TRUTH)
    extraction = Extraction(**{**with_(published=None), "extra": {"published_raw": "41 Minutes  ago"}})
    found = run_checks(fixture, extraction, fields=ALL - {"modified"})
    assert [f.check for f in found] == ["date.decoy"]
    assert "'41 Minutes  ago'" in found[0].message and "a related teaser" in found[0].message


def test_an_unparsed_non_decoy_string_is_missing_and_quoted():
    fixture = make_fixture(**TRUTH)
    extraction = Extraction(**{**with_(published=None), "extra": {"published_raw": "Friday"}})
    found = run_checks(fixture, extraction, fields=ALL - {"modified"})
    assert [f.check for f in found] == ["date.missing"]
    assert "'Friday'" in found[0].message


def test_modified_is_graded_only_for_extractors_that_produce_it():
    assert ids(with_(modified="2024-05-01"), fields=ALL) == ["date.modified_wrong"]
    assert ids(with_(modified="2024-05-01"), fields=ALL - {"modified"}) == []


def test_no_date_checks_when_the_truth_has_none():
    assert ids(with_(published="2024-05-02"), published=None) == []


# -- title -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("River bridge reopens after two years", []),
        ("  River bridge   reopens after two years ", []),
        ("River bridge reopens after two years | The Gazette", ["title.site_name"]),
        ("River bridge reopens | The Gazette", ["title.site_name", "title.mismatch"]),
        ("Council approves new budget", ["title.mismatch"]),
        (None, ["title.mismatch"]),
    ],
)
def test_title_checks(title, expected):
    assert ids(with_(title=title)) == expected


def test_fields_an_extractor_cannot_produce_are_not_graded():
    assert ids({"body": GOOD["body"]}, fields=frozenset({"body"})) == []


def test_an_author_typed_both_person_and_organization_is_a_person():
    # TechCrunch types each writer ["Person", "Organization"] in its JSON-LD (seen on the Fundus corpus).
    import json

    from tests.conftest import make_fixture

    node = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Chips",
            "author": [{"@type": ["Person", "Organization"], "name": "Kyle Wiggers"}]}  # fmt: skip
    html = (f'<html><head><script type="application/ld+json">{json.dumps(node)}</script></head>'
            "<body><h1>Chips</h1><p>By Kyle Wiggers</p><p>Text of the story.</p></body></html>")  # fmt: skip
    fixture = make_fixture(html, title="Chips", authors=["Kyle Wiggers"])
    from harness.core import Extraction

    findings = run_checks(fixture, Extraction(title="Chips", authors=("Kyle Wiggers",), body="Text of the story."))
    assert not [f for f in findings if f.check == "byline.organization"]
