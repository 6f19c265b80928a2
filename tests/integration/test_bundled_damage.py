"""The damaged-text checks on the bundled fixtures: the mistakes real built-ins make, and none for the oracle.

The Courrier du Haut-Doubs page (cassettes/courrier-hautdoubs) is a French local paper on an old CMS,
served as ISO-8859-1 (its Content-Type header, kept in X-Harness-Original-Charset, and its
``<meta charset="iso-8859-1">``) with bytes that are really windows-1252 (typographic apostrophes, "€"),
entities throughout, and a JSON-LD articleBody written through htmlentities(). It is stored as the
recorder stores a page that is not UTF-8: the text a browser shows, declared UTF-8 in the cassette.

The Saltmarsh Review page (cassettes/saltmarshreview) is a magazine long read whose first paragraph and
section start open with a drop cap: ``<span class="dropcap">K</span><small class="lead-in">elp farmers
on</small> Loch Carran…``, which the reader sees as "Kelp farmers on Loch Carran".
"""

from __future__ import annotations

import pytest

from harness import check, load_fixtures
from harness.core import bundled_cassettes
from tests.bundled import assert_known_mistake

COURRIER = "courrier-hautdoubs/chapelle-d-huin-fromagerie-rouvre"
SALTMARSH = "saltmarshreview/kelp-farmers-of-loch-carran"
DAMAGE_CHECKS = {"body.encoding_damage", "body.title_echo"}

# (extractor, version seen, fixture, check id, what it does)
KNOWN_MISTAKES = [
    ("goose3", "3.1.22", COURRIER, "body.encoding_damage",
     "re-encodes the page to the charset its <meta> names (Parser.fromstring, smart_str), falls back to UTF-8 "
     "when a character does not fit ('’', '€'), then parses those UTF-8 bytes as ISO-8859-1: 'coopÃ©rative'"),
    ("metadata", "0.18.0", COURRIER, "body.encoding_damage",
     "gives the JSON-LD articleBody as the page wrote it, entities and all: 'C&rsquo;est'"),
    ("boilerpy3", "1.0.7", SALTMARSH, "body.encoding_damage",
     "ends a text block at <small>: the drop cap 'K' and 'elp farmers on' become paragraphs of their own"),
    ("trafilatura", "2.3.1", SALTMARSH, "body.title_echo",
     "keeps the <h1> in the article's header as the body's first paragraph"),
    ("resiliparse", "2.0.1", SALTMARSH, "body.title_echo",
     "keeps the <h1> in the article's header as the body's first paragraph"),
    ("trafilatura", "2.3.1", "harbourpost/light-rail-delay-2027", "body.title_echo",
     "keeps the <h1> as the body's first paragraph"),
]  # fmt: skip


@pytest.mark.parametrize(("extractor", "seen_in", "fixture", "check_id", "mistake"), KNOWN_MISTAKES)
def test_documented_damage_mistakes(extractor, seen_in, fixture, check_id, mistake):
    assert_known_mistake(extractor, seen_in, fixture, check_id, mistake)


def _damage(extractor: str, site: str) -> str:
    report = check([bundled_cassettes() / site], [extractor], clock_check=False)
    [finding] = [f for f in report.findings if f.check == "body.encoding_damage"]
    return finding.message


def test_the_findings_name_the_damaged_word_and_the_word_the_page_shows():
    pytest.importorskip("goose3")
    pytest.importorskip("boilerpy3")
    assert _damage("goose3", "courrier-hautdoubs") == (
        "the body carries encoding damage the page has not: 'coopÃ©rative' ('Ã©')"
    )
    assert _damage("boilerpy3", "saltmarshreview") == (
        "the body has 'K\\n\\nelp' at a paragraph's start where the page shows 'Kelp' "
        "(a drop cap set apart from the rest of its word)"
    )


def test_the_oracle_and_the_careful_extractors_have_no_damage_on_either_page():
    pytest.importorskip("newspaper")
    pytest.importorskip("justext")
    sites = [bundled_cassettes() / "courrier-hautdoubs", bundled_cassettes() / "saltmarshreview"]
    report = check(sites, ["tests.plugins:oracle", "newspaper4k", "justext"], clock_check=False)
    assert report.problems == []
    assert len(report.results) == 6
    assert [f for f in report.findings if f.check in DAMAGE_CHECKS] == []
    assert [f for f in report.findings if f.extractor == "tests.plugins:oracle"] == []


def test_the_oracle_has_no_damage_finding_on_any_bundled_fixture():
    report = check(None, ["tests.plugins:oracle"], clock_check=False)
    assert report.problems == []
    assert [f for f in report.findings if f.check in DAMAGE_CHECKS] == []


def test_the_latin1_page_is_stored_as_the_recorder_stores_it_and_replays_the_text_it_shows():
    import requests
    import vcr

    [fixture] = load_fixtures([bundled_cassettes() / "courrier-hautdoubs"]).fixtures
    page = fixture.page
    assert dict(page.headers)["Content-Type"] == ("text/html; charset=utf-8",)
    assert dict(page.headers)["X-Harness-Original-Charset"] == ("ISO-8859-1",)
    assert '<meta charset="iso-8859-1">' in page.html
    # Windows-1252 characters a Latin-1 label cannot name ('’', '€') and characters Latin-1 has ('é').
    assert {"’", "€", "é"} <= set(page.html)
    page.html.encode("cp1252")
    with pytest.raises(UnicodeEncodeError):
        page.html.encode("iso-8859-1")
    with vcr.use_cassette(str(fixture.cassette_path), record_mode="none"):
        response = requests.get(page.url, timeout=5)
    assert response.text == page.html


def test_the_drop_cap_page_shows_the_word_whole_and_its_truth_has_it():
    [fixture] = load_fixtures([bundled_cassettes() / "saltmarshreview"]).fixtures
    assert '<span class="dropcap">K</span><small class="lead-in">elp farmers on</small>' in fixture.page.html
    assert '<span class="dropcap">W</span><small class="lead-in">hen the storms came</small>' in fixture.page.html
    body = fixture.expectation.body or ""
    assert body.startswith("Kelp farmers on Loch Carran")
    assert "\n\nWhen the storms came in February" in body
