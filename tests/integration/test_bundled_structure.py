"""The body's shape on the bundled fixtures: the built-ins that really cut a body short, reorder it or drop its
headings (brackenfordecho is the page written for it: a regional layout whose CMS splits the article's text
into blocks around a "Read more" teaser and a newsletter box; tidewaterherald, a live page whose key-points
summary sits above its posts), and a perfect extractor that does none of it."""

from __future__ import annotations

import pytest

from harness import check
from harness.core import bundled_cassettes
from harness.extractors import registry
from tests.bundled import assert_known_mistake

STRUCTURE = {"body.truncated", "body.order", "body.headings_missing"}
BRACKENFORD = "brackenfordecho/route-42-bus-withdrawn"

# (extractor, release seen in, check id, fixture, what it does)
KNOWN_MISTAKES = [
    # newspaper4k (and news-please, which runs it) takes the biggest text block and the blocks before it, never
    # those after it: the last block, after the newsletter box, is lost.
    ("newspaper4k", "0.9.6", "body.truncated", BRACKENFORD,
     "stops at the inline newsletter box, losing the last three paragraphs"),
    ("news-please", "1.6.16", "body.truncated", BRACKENFORD,
     "stops at the inline newsletter box, losing the last three paragraphs"),
    ("boilerpy3", "1.0.7", "body.truncated", "baysidechronicle/atmospheric-river-live-updates",
     "stops at the 'Paid Content' card inside the live blog, losing its last nine entries"),
    ("justext", "3.0.2", "body.truncated", "neckar-kurier/neckarbruecke-freigabe-herbst",
     "drops the last three paragraphs (a quote and two short ones) as boilerplate"),
    ("goose3", "3.1.22", "body.headings_missing", "neckar-kurier/neckarbruecke-freigabe-herbst",
     "drops the subheading 'Mehrkosten noch unklar' between paragraphs it keeps"),
    ("newspaper4k", "0.9.6", "body.headings_missing", "baysidechronicle/atmospheric-river-live-updates",
     "drops the live blog's entry headings ('What to expect today') and keeps the entries"),
    # trafilatura puts the first <article> of the page first: on a live page that is the newest post.
    ("trafilatura", "2.3.1", "body.order", "tidewaterherald/storm-ines-live",
     "puts the newest live post above the key-points summary that opens the page"),
]  # fmt: skip


@pytest.mark.parametrize(("extractor", "seen_in", "check_id", "fixture", "mistake"), KNOWN_MISTAKES)
def test_documented_structure_mistakes(extractor, seen_in, check_id, fixture, mistake):
    assert_known_mistake(extractor, seen_in, fixture, check_id, mistake)


def test_newspaper4k_is_cut_at_the_newsletter_box_and_the_finding_says_so():
    pytest.importorskip("newspaper")
    report = check([bundled_cassettes() / "brackenfordecho"], ["newspaper4k"], clock_check=False)
    [cut] = [f for f in report.findings if f.check == "body.truncated"]
    assert cut.message.startswith(
        "the body stops after true paragraph 9 of 12 ('A spokesperson said a decision would be made before the s...'): "
        "the last 3 paragraphs (19% of the true body's words, from 'School transport for pupils who qualify "
    )
    assert cut.message.endswith(
        "on the page it is followed by a newsletter box <div class='inline-newsletter'> "
        '("Sign up to the Brackenford Echo daily newsletter The day\'...")'
    )
    assert cut.expected.startswith("School transport for pupils who qualify for free travel")
    # Its body.low_recall alone (0.80) would not say where the body was cut.
    assert "body.low_recall" in {f.check for f in report.findings}


def test_the_split_page_is_whole_for_the_extractors_that_read_both_blocks():
    # The layout is no trap: the extractors that join sibling text blocks get the whole story.
    installed = {info.name for info in registry().installed()}
    wanted = [e for e in ("trafilatura", "goose3", "readability-lxml") if e in installed]
    if not wanted:
        pytest.skip("none of trafilatura, goose3, readability-lxml is installed")
    report = check([bundled_cassettes() / "brackenfordecho"], wanted, clock_check=False)
    assert [f for f in report.findings if f.check in STRUCTURE | {"body.low_recall"}] == []


def test_a_perfect_extractor_has_no_structure_finding_on_any_bundled_fixture():
    report = check(None, ["tests.plugins:oracle"], clock_check=False)
    assert report.problems == []
    assert BRACKENFORD.split("/")[1] in {r.fixture.split("/")[-1] for r in report.results}
    assert [f for f in report.findings if f.check in STRUCTURE] == []
