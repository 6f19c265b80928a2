"""Days are read, not assumed: date-only truth, truth without a timezone, day-only extractions.

Each case is a false alarm seen on real pages (now gone) beside the true finding that must stay.
"""

from __future__ import annotations

import dataclasses
import json

from harness.checks import run_checks
from harness.core import Extraction
from tests.conftest import make_fixture

DATES = frozenset({"published"})


def page(published: str | None = None) -> str:
    """A page whose JSON-LD states its publication time (with the site's own offset)."""
    jsonld = (
        f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "datePublished": published})}'
        "</script>"
        if published
        else ""
    )
    return f"<html><head>{jsonld}</head><body><p>Story.</p></body></html>"


def findings(extracted: str, html: str, *, zone_known: bool, **truth: object) -> list[tuple[str, str]]:
    fixture = make_fixture(html, **truth)
    if not zone_known:  # a corpus that gave no timezone: the truth is stored as "UTC", not known
        expectation = dataclasses.replace(fixture.expectation, timezone_known=False)
        fixture = dataclasses.replace(fixture, expectation=expectation)
    found = run_checks(fixture, Extraction(published=extracted), fields=DATES)
    return [(f.check, f.message) for f in found]


EST_PAGE = page("2023-12-22T22:22:07-05:00")
LATE = {"published": "2023-12-22", "captured_at": "2023-12-28T12:00:00+00:00", "timezone": "UTC"}


def test_the_same_instant_in_utc_is_the_pages_day_when_no_timezone_is_known():
    # "Dec 22, 2023, 10:22 PM EST" on the page; the extractor gives the same instant in UTC.
    assert findings("2023-12-23T03:22:07+00:00", EST_PAGE, zone_known=False, **LATE) == []


def test_a_truly_wrong_day_is_still_wrong_and_names_the_readings_tried():
    [(check, message)] = findings("2023-12-25T10:00:00+00:00", EST_PAGE, zone_known=False, **LATE)
    assert check == "date.wrong_day"
    assert message == (
        "published 2023-12-25T10:00:00+00:00 falls on 2023-12-25; the page's day is 2023-12-22 (2023-12-22), "
        "read in -05:00 or as written"
    )


def test_the_pages_own_offset_is_not_punished_against_a_naive_one():
    truth = {"published": "2023-12-23", "captured_at": "2023-12-25T12:00:00+00:00", "timezone": "UTC"}
    html = page()
    # It was flagged while the naive value beside it passed: both name Dec 23 as the page does.
    assert findings("2023-12-23T21:30:00-05:00", html, zone_known=False, **truth) == []
    assert findings("2023-12-23T21:30:00", html, zone_known=False, **truth) == []
    assert [c for c, _ in findings("2023-12-24T21:30:00-05:00", html, zone_known=False, **truth)] == ["date.wrong_day"]


def test_a_stated_timezone_is_the_one_reading():
    truth = {"published": "2023-12-23", "captured_at": "2023-12-25T12:00:00+00:00", "timezone": "America/New_York"}
    assert findings("2023-12-24T02:30:00Z", page(), zone_known=True, **truth) == []  # 21:30 on the 23rd in New York
    [(check, message)] = findings("2023-12-24T12:00:00Z", page(), zone_known=True, **truth)
    assert check == "date.wrong_day"
    assert message.endswith("read in America/New_York")


def test_a_day_for_a_timed_truth_is_imprecise_not_a_wrong_time():
    truth = {"published": "2024-05-03T17:47:00+02:00", "captured_at": "2024-05-04T12:00:00+02:00",
             "timezone": "Europe/Berlin"}  # fmt: skip
    assert findings("2024-05-03", page(), zone_known=True, **truth) == [
        ("date.imprecise", "published 2024-05-03 gives the day only; the page states 2024-05-03T17:47:00+02:00")
    ]
    assert [c for c, _ in findings("2024-05-02", page(), zone_known=True, **truth)] == ["date.wrong_day"]


def test_a_utc_normalized_truth_is_read_in_the_offset_the_page_states():
    # A corpus gives 22:30 UTC; the page says 00:30 the next day at +02:00, and a day-only
    # extractor gives that local day: right, though imprecise.
    truth = {"published": "2024-05-03T22:30:00+00:00", "captured_at": "2024-05-05T12:00:00+00:00", "timezone": "UTC"}
    html = page("2024-05-04T00:30:00+02:00")
    assert [c for c, _ in findings("2024-05-04", html, zone_known=False, **truth)] == ["date.imprecise"]
    # The local wall time without its offset is naive, not a wrong time.
    assert [c for c, _ in findings("2024-05-04T00:30:00", html, zone_known=False, **truth)] == ["date.naive"]
    # With the zone known to be UTC, the local day is the wrong day.
    assert [c for c, _ in findings("2024-05-04", html, zone_known=True, **truth)] == ["date.wrong_day"]


def test_a_wall_time_without_a_zone_is_future_only_if_it_is_so_anywhere():
    # Seen on a Turkish page: times without offsets, in local time (UTC+3), captured 13:30 UTC.
    truth = {"published": "2026-04-20T11:09:42+00:00", "captured_at": "2026-04-20T13:30:54+00:00", "timezone": "UTC"}
    turkish = page("2026-04-20T14:09:42+03:00")
    # Not future; the time is right once read in the page's own offset, only its zone was dropped.
    assert [c for c, _ in findings("2026-04-20T14:09:42", turkish, zone_known=False, **truth)] == ["date.naive"]
    assert "date.future" in [c for c, _ in findings("2026-04-22T14:09:42", turkish, zone_known=False, **truth)]
    # With the zone known to be UTC, the same wall time is later than the capture.
    assert [c for c, _ in findings("2026-04-20T14:09:42", page(), zone_known=True, **truth)] == ["date.future"]


def test_a_naive_midnight_is_a_day():
    # newspaper4k takes a day from the URL and gives it as 00:00 without a zone: the right day, no time.
    truth = {"published": "2025-05-03T07:30:00+02:00", "captured_at": "2025-05-04T12:00:00+02:00",
             "timezone": "Africa/Johannesburg"}  # fmt: skip
    assert [c for c, _ in findings("2025-05-03T00:00:00", page(), zone_known=True, **truth)] == ["date.imprecise"]
    assert [c for c, _ in findings("2025-05-02T00:00:00", page(), zone_known=True, **truth)] == ["date.wrong_day"]
    # A real time without its zone is still naive.
    assert [c for c, _ in findings("2025-05-03T07:30:00", page(), zone_known=True, **truth)] == ["date.naive"]
