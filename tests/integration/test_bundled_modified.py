"""The modified-date checks on the bundled fixtures: the mistakes real built-ins make, and none for the oracle.

The La Voz del Nalón page (cassettes/lavozdelnalon) is a Spanish live-updated story whose
"Actualizado 03·05·24 | 19:20" line stands above its publication line "02·05·24 | 23:57", with
article:published_time/modified_time and JSON-LD datePublished/dateModified, and the publication
day in its URL.
"""

from __future__ import annotations

import pytest

from harness import check
from harness.core import bundled_cassettes
from tests.bundled import assert_known_mistake

NALON = "lavozdelnalon/temporal-nalon-desborda-sotiello"
MODIFIED_CHECKS = {"date.modified_missing", "date.modified_wrong", "date.modified_as_published"}

# (extractor, version seen, fixture, check id, what it does)
KNOWN_MISTAKES = [
    ("news-please", "1.6.16", NALON, "date.modified_missing",
     "leaves date_modify empty (from_html never sets it) though the page states its update"),
    ("htmldate", "1.11.0", NALON, "date.modified_as_published",
     "returns the URL's day, the publication day, in its updated-date mode (original_date=False)"),
    ("htmldate", "1.11.0", "hudsonledger/kingston-boil-water-notice-lifted", "date.modified_as_published",
     "returns the URL's day (/2024/06/02/) in its updated-date mode though article:modified_time and the "
     "'Updated … June 3' line above the publication line say June 3"),
    ("htmldate", "1.11.0", "wealdgazette/ashbury-bypass-weekend-closures", "date.modified_as_published",
     "returns the first visible day (4 June) in its updated-date mode, the 'Updated: 05/06/2024' line after it "
     "ignored (an undated URL, no modified metadata)"),
    ("htmldate", "1.11.0", "harboursidereview/sydney-office-vacancies-30-year-high", "date.modified_wrong",
     "returns the UTC day of article:modified_time (22 May), not the day in Sydney (23 May)"),
]  # fmt: skip


@pytest.mark.parametrize(("extractor", "seen_in", "fixture", "check_id", "mistake"), KNOWN_MISTAKES)
def test_documented_modified_mistakes(extractor, seen_in, fixture, check_id, mistake):
    assert_known_mistake(extractor, seen_in, fixture, check_id, mistake)


def test_the_nalon_page_has_no_modified_finding_for_the_oracle_or_the_metadata_baseline():
    pytest.importorskip("extruct")
    report = check([bundled_cassettes() / "lavozdelnalon"], ["tests.plugins:oracle", "metadata"], clock_check=False)
    assert report.problems == []
    assert len(report.results) == 2
    # The oracle gives the truth; the metadata baseline reads article:modified_time/dateModified right.
    assert [f for f in report.findings if f.field == "modified" or f.check in MODIFIED_CHECKS] == []
    assert [f for f in report.findings if f.extractor == "tests.plugins:oracle"] == []


def test_the_oracle_has_no_modified_finding_on_any_bundled_fixture():
    report = check(None, ["tests.plugins:oracle"], clock_check=False)
    assert report.problems == []
    assert [f for f in report.findings if f.check in MODIFIED_CHECKS] == []


def test_the_nalon_truth_has_the_update_after_the_publication_on_another_day():
    from harness import load_fixtures

    [fixture] = load_fixtures([bundled_cassettes() / "lavozdelnalon"]).fixtures
    truth = fixture.expectation
    assert (truth.published, truth.modified) == ("2024-05-02T23:57:00+02:00", "2024-05-03T19:20:00+02:00")
    html = fixture.page.html
    # The update line stands above the publication line, as on the page it is modelled on.
    assert html.index("Actualizado <time") < html.index("02·05·24 | 23:57")
    assert "/2024/05/02/" in fixture.page.url
