"""date.modified_missing, date.modified_wrong and date.modified_as_published, firing and not firing.

The truth (tests.unit.checks.test_checks.TRUTH) says: published 17:47, modified 19:05 the same day,
in Europe/Berlin, captured at 20:00.
"""

from __future__ import annotations

import pytest

from harness.checks import CATALOGUE, run_checks
from harness.core import Extraction
from tests.conftest import make_fixture
from tests.unit.checks.test_checks import ALL, TRUTH, with_

MODIFIED_CHECKS = {"date.modified_missing", "date.modified_wrong", "date.modified_as_published"}


def findings(extraction: dict, fields: frozenset[str] = ALL, **truth: object):
    fixture = make_fixture(**{**TRUTH, **truth})
    return [f for f in run_checks(fixture, Extraction(**extraction), fields=fields) if f.field == "modified"]


def test_the_three_checks_are_errors_on_the_modified_field():
    for check in MODIFIED_CHECKS:
        assert CATALOGUE[check].severity == "error"
        assert CATALOGUE[check].field == "modified"


@pytest.mark.parametrize(
    ("modified", "expected"),
    [
        ("2024-05-03T19:05:00+02:00", []),
        ("2024-05-03T17:05:00Z", []),  # the same instant
        ("2024-05-03T19:05:40+02:00", []),  # within the minute's tolerance
        (None, ["date.modified_missing"]),
        ("2024-05-03T17:47:00+02:00", ["date.modified_as_published"]),
        ("2024-05-03T15:47:00Z", ["date.modified_as_published"]),  # the same instant as published
        ("2024-05-03T17:47:00", ["date.modified_as_published"]),  # naive, read in Europe/Berlin
        ("2024-05-01", ["date.modified_wrong"]),
        ("2024-05-03T19:05:00+03:00", ["date.modified_wrong"]),  # right wall time, wrong offset
        ("2024-05-03T12:00:00+02:00", ["date.modified_wrong"]),
        # Read as for the published time: not wrong, but less than the page states.
        ("2024-05-03T19:05:00", ["date.naive"]),
        ("2024-05-03T17:05:00", ["date.naive"]),  # the UTC wall time with the offset dropped
        ("2024-05-03", ["date.imprecise"]),  # the day of both: the modified day, so not as_published
        ("2024-05-03T19:19:00+02:00", ["date.decoy"]),  # the related teaser's "41 minutes ago"
        ("2024-05-04T09:00:00+02:00", ["date.future"]),
    ],
)
def test_modified_checks(modified, expected):
    assert [f.check for f in findings(with_(modified=modified))] == expected


def test_the_messages_name_the_value_and_what_the_page_has():
    [missing] = findings(with_(modified=None))
    assert missing.message == (
        "no modification time extracted; the page shows 2024-05-03T19:05:00+02:00, "
        "apart from its publication 2024-05-03T17:47:00+02:00"
    )
    [as_published] = findings(with_(modified="2024-05-03T17:47:00+02:00"))
    assert as_published.message == (
        "modified 2024-05-03T17:47:00+02:00 is the page's publication time (2024-05-03T17:47:00+02:00); "
        "it was modified 2024-05-03T19:05:00+02:00"
    )
    assert as_published.expected == "2024-05-03T19:05:00+02:00"
    [wrong] = findings(with_(modified="2024-05-03T19:05:00+03:00"))
    assert wrong.message == (
        "modified 2024-05-03T19:05:00+03:00 is off by -1h00m from the page's modification time "
        "2024-05-03T19:05:00+02:00"
    )
    [day] = findings(with_(modified="2024-05-01"))
    assert day.message.startswith("modified 2024-05-01 falls on 2024-05-01; the page's modification day is 2024-05-03")


def test_an_unparsed_string_where_the_page_has_a_modification_is_missing_and_quoted():
    extraction = Extraction(**{**with_(modified=None), "extra": {"modified_raw": "vor 2 Stunden"}})
    found = [f for f in run_checks(make_fixture(**TRUTH), extraction, fields=ALL) if f.field == "modified"]
    assert [f.check for f in found] == ["date.modified_missing"]
    assert "'vor 2 Stunden'" in found[0].message


def test_only_extractors_that_declare_modified_are_graded_on_it():
    for modified in (None, "2024-05-03T17:47:00+02:00", "2024-05-01"):
        assert findings(with_(modified=modified), fields=ALL - {"modified"}) == []


# -- a truth with no separate modification ---------------------------------------------------


@pytest.mark.parametrize(
    "truth",
    [
        {"modified": None},  # the page shows no modification
        {"modified": TRUTH["published"]},  # dateModified equal to datePublished
        {"modified": "2024-05-03T15:47:20Z"},  # the same instant, within tolerance
    ],
)
def test_no_separate_modification_is_neither_missing_nor_as_published(truth):
    assert findings(with_(modified=None), **truth) == []
    assert findings(with_(modified=TRUTH["published"]), **truth) == []
    assert findings(with_(modified="2024-05-03"), **truth) == []  # the publication day
    # Anything else is no modification the page shows.
    assert [f.check for f in findings(with_(modified="2024-05-01"), **truth)] == ["date.modified_wrong"]


def test_a_truth_silent_on_modified_judges_nothing_but_the_future():
    fixture = make_fixture(**{k: v for k, v in TRUTH.items() if k != "modified"})
    assert not fixture.expectation.knows("modified")
    for modified in (None, "2024-05-01", TRUTH["published"]):
        found = run_checks(fixture, Extraction(**with_(modified=modified)), fields=ALL)
        assert [f for f in found if f.field == "modified"] == []
    found = run_checks(fixture, Extraction(**with_(modified="2024-05-04T09:00:00+02:00")), fields=ALL)
    assert [(f.check, f.field) for f in found] == [("date.future", "modified")]


def test_the_message_for_a_modification_the_page_does_not_show():
    [wrong] = findings(with_(modified="2024-05-01"), modified=None)
    assert wrong.message == (
        "modified 2024-05-01 is no time the page gives: the page shows no modification apart from its publication "
        "(2024-05-03T17:47:00+02:00)"
    )
    [decoy] = findings(with_(modified="2024-05-03T19:19:00+02:00"), modified=None)
    assert decoy.check == "date.decoy"
    assert decoy.message == (
        "modified 2024-05-03T19:19:00+02:00 is '41 minutes ago', the date of a related teaser; "
        "the page shows no modification apart from its publication (2024-05-03T17:47:00+02:00)"
    )


# -- day-only truths -------------------------------------------------------------------------

DAYS = {"published": "2024-05-02", "modified": "2024-05-03"}


@pytest.mark.parametrize(
    ("modified", "expected"),
    [
        ("2024-05-03", []),
        ("2024-05-03T10:00:00+02:00", []),  # a time the page does not state, on the right day
        (None, ["date.modified_missing"]),
        ("2024-05-02", ["date.modified_as_published"]),
        ("2024-05-02T10:00:00+02:00", ["date.modified_as_published"]),  # the publication day
        ("2024-04-30", ["date.modified_wrong"]),
    ],
)
def test_day_only_truths(modified, expected):
    published = "2024-05-02"
    assert [f.check for f in findings(with_(published=published, modified=modified), **DAYS)] == expected


def test_a_day_only_modification_on_the_publication_day_is_not_separate():
    truth = {"published": "2024-05-03T17:47:00+02:00", "modified": "2024-05-03"}
    assert findings(with_(modified=None), **truth) == []
    assert findings(with_(modified="2024-05-03T17:47:00+02:00"), **truth) == []


# -- readings --------------------------------------------------------------------------------


def test_a_utc_day_is_wrong_and_says_so():
    # Modified 23:30 in Denver is the next day in UTC; htmldate gives the UTC day.
    truth = {
        "published": "2024-10-19T08:00:00-06:00",
        "modified": "2024-10-19T23:30:00-06:00",
        "captured_at": "2024-10-20T09:00:00-06:00",
        "timezone": "America/Denver",
    }
    [finding] = findings(with_(published="2024-10-19T08:00:00-06:00", modified="2024-10-20"), **truth)
    assert finding.check == "date.modified_wrong"
    assert finding.message == (
        "modified 2024-10-20 is the UTC day of 2024-10-19T23:30:00-06:00; in America/Denver it is 2024-10-19"
    )


def test_without_a_known_timezone_a_day_matching_under_a_reading_is_not_wrong():
    # No timezone in the truth: the modified day is read in the truth's own offset and as written.
    truth = {
        "timezone": None,
        "captured_at": "2024-05-04T08:00:00+02:00",
        "published": "2024-05-03T17:47:00+02:00",
        "modified": "2024-05-03T23:30:00+02:00",
    }
    # 21:30 UTC is the same instant; the naive wall time is the truth's under its own offset.
    assert findings(with_(modified="2024-05-03T21:30:00Z"), **truth) == []
    assert [f.check for f in findings(with_(modified="2024-05-03"), **truth)] == ["date.imprecise"]
    assert [f.check for f in findings(with_(modified="2024-05-03T23:30:00"), **truth)] == ["date.naive"]
    assert [f.check for f in findings(with_(modified="2024-05-01"), **truth)] == ["date.modified_wrong"]


def test_an_extractor_that_declares_modified_alone_is_graded_on_it():
    only_modified = frozenset({"modified"})
    assert [f.check for f in findings(with_(modified=None), fields=only_modified)] == ["date.modified_missing"]
    assert findings(with_(modified=None), fields=frozenset({"title"})) == []
