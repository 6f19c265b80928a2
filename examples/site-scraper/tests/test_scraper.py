"""Unit tests of the scraper's own parsing; the fixture items come from the news-harness plugin."""

from __future__ import annotations

import ksl_scraper


def test_the_agency_is_not_an_author():
    assert ksl_scraper._authors("BY ISAAC YEE, VICTORIA BUTENKO AND NIAMH KENNEDY, CNN") == [
        "ISAAC YEE", "VICTORIA BUTENKO", "NIAMH KENNEDY",
    ]  # fmt: skip


def test_local_times_get_the_site_zone():
    published = ksl_scraper._published("Oct 19, 2024, 7:25 PM")
    assert published is not None
    assert published.isoformat() == "2024-10-19T19:25:00-06:00"
    updated = ksl_scraper._updated("Updated: 7:39 pm", published)
    assert updated is not None
    assert updated.isoformat() == "2024-10-19T19:39:00-06:00"


def test_every_recorded_page_has_a_title(harness_extraction, harness_fixture):
    assert harness_extraction.title == harness_fixture.expectation.title
