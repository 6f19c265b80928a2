"""The paywall checks on the bundled fixtures: the mistakes real built-ins make, and none for the oracle.

The Cedar Valley Courier page (cassettes/cedarvalleycourier) is a regional paper's metered paywall
for a reader whose free articles are used up: three teaser paragraphs, then a meter wall inside the
article ("You've reached your limit of free articles this month.", "Subscribe to keep reading", an
offer at $12.99 a month, "Already a subscriber? Log in"); JSON-LD says isAccessibleForFree "False"
with a hasPart cssSelector. The Harbourside Business Review page is a hard paywall of the same
shape. Both truths say free_access false, their bodies the visible teaser.
"""

from __future__ import annotations

import pytest

from harness import check
from harness.core import bundled_cassettes
from tests.bundled import assert_known_mistake

CEDAR = "cedarvalleycourier/lincoln-elementary-closure"
HARBOURSIDE = "harboursidereview/sydney-office-vacancies-30-year-high"
PAYWALL_CHECKS = {"body.paywall_text", "body.paywall_as_article"}
MODULES = {"newspaper4k": "newspaper", "news-please": "newsplease", "readability-lxml": "readability"}

# (extractor, version seen, fixture, check id, what it does)
KNOWN_MISTAKES = [
    ("trafilatura", "2.3.1", CEDAR, "body.paywall_as_article",
     "returns the three teaser paragraphs as the whole article (it has no way to say paywalled)"),
    ("goose3", "3.1.22", CEDAR, "body.paywall_as_article", "returns the teaser as the whole article"),
    ("newspaper4k", "0.9.6", HARBOURSIDE, "body.paywall_as_article", "returns the teaser as the whole article"),
    ("readability-lxml", "0.9", CEDAR, "body.paywall_text",
     "keeps the meter wall after the teaser: 'Subscribe to keep reading', the offer, 'Already a subscriber?'"),
    ("boilerpy3", "1.0.7", CEDAR, "body.paywall_text", "keeps the meter wall's lines as paragraphs"),
    ("justext", "3.0.2", HARBOURSIDE, "body.paywall_text",
     "keeps 'Subscribe to continue reading' and the offers of the subscription wall"),
    ("resiliparse", "2.0.1", HARBOURSIDE, "body.paywall_text", "keeps the subscription wall's text"),
]  # fmt: skip


@pytest.mark.parametrize(("extractor", "seen_in", "fixture", "check_id", "mistake"), KNOWN_MISTAKES)
def test_documented_paywall_mistakes(extractor, seen_in, fixture, check_id, mistake):
    assert_known_mistake(extractor, seen_in, fixture, check_id, mistake)


def test_the_paywall_text_finding_names_the_walls_lines():
    pytest.importorskip("readability")
    report = check([bundled_cassettes() / "cedarvalleycourier"], ["readability-lxml"], clock_check=False)
    [finding] = [f for f in report.findings if f.check == "body.paywall_text"]
    assert finding.actual[:3] == [
        "You've reached your limit of free articles this month.",
        "Subscribe to keep reading",
        "Get unlimited digital access to local news, high school sports and obituaries.",
    ]
    # The wall's lines are the paywall's, not boilerplate: body.boilerplate_leak does not count them again.
    assert [f for f in report.findings if f.check == "body.boilerplate_leak"] == []


def test_the_teaser_finding_counts_the_words_of_both():
    pytest.importorskip("trafilatura")
    report = check([bundled_cassettes() / "cedarvalleycourier"], ["trafilatura"], clock_check=False)
    [finding] = [f for f in report.findings if f.check == "body.paywall_as_article"]
    assert finding.message == (
        "the page shows only a teaser of 112 words to a reader without a subscription; "
        "the extraction returns 112 words and does not flag the article as paywalled"
    )


def test_the_oracle_and_the_metadata_baseline_flag_the_paywall():
    pytest.importorskip("extruct")
    sites = [bundled_cassettes() / "cedarvalleycourier", bundled_cassettes() / "harboursidereview"]
    report = check(sites, ["tests.plugins:oracle", "metadata"], clock_check=False)
    assert report.problems == []
    assert len(report.results) == 4
    assert [f for f in report.findings if f.extractor == "tests.plugins:oracle"] == []
    # metadata reads isAccessibleForFree (the string "False" on the Courier, false on Harbourside): it
    # says free_access false, and on the Courier its body is the JSON-LD articleBody, the teaser itself.
    assert {r.fixture: r.extraction.free_access for r in report.results if r.extractor == "metadata"} == {
        "lincoln-elementary-closure": False,
        "sydney-office-vacancies-30-year-high": False,
    }
    assert [f for f in report.findings if f.check in PAYWALL_CHECKS] == []
    cedar = next(r for r in report.results if r.extractor == "metadata" and r.fixture == "lincoln-elementary-closure")
    assert cedar.extraction.body is not None and cedar.extraction.body.startswith("The Cedar Valley school board")
