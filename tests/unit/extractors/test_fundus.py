"""The fundus adapter: the publisher chosen by host, the parser version by the frozen clock, the fields mapped."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import TYPE_CHECKING

import pytest
import time_machine

from harness.core import ExtractorNotInstalledError, NotCovered, UnknownExtractorError
from harness.extractors import ExtractorInfo, registry, resolve
from harness.extractors.builtin import BUILTINS

if TYPE_CHECKING:
    from types import ModuleType

URL = "https://apnews.com/article/city-council-bike-lanes"

LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "City council approves new bike lanes",
    "datePublished": "2024-10-19T19:25:00",  # no offset: Fundus gives a naive datetime
    "author": [{"@type": "Person", "name": "Jane Roe"}],
    "isAccessibleForFree": False,
}

# An AP News page in both of its layouts: Fundus's APNewsParser.V1 (valid until 2023-07-10)
# reads <div data-key="article">, V1_1 (since) div.RichTextStoryBody and div.Page-authors.
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>City council approves new bike lanes | AP News</title>
<script type="application/ld+json">{json.dumps(LD)}</script></head><body>
<div class="Page-authors">By Jane Roe and John Doe</div>
<div class="RichTextStoryBody"><p>The council   voted seven to two.</p><h2>What comes next</h2>
<p>Construction begins in spring.</p></div>
<div data-key="article"><p>A paragraph of the 2023 layout.</p></div>
</body></html>"""


@pytest.fixture
def fundus() -> ModuleType:
    pytest.importorskip("fundus", reason="fundus not installed: pip install 'news-harness[fundus]'")
    return importlib.import_module("harness.extractors.builtin.fundus")


def at(year: int, month: int, day: int) -> time_machine.travel:
    """The harness's frozen clock: the capture time."""
    return time_machine.travel(dt.datetime(year, month, day, 12, tzinfo=dt.timezone.utc), tick=False)


def test_fields_are_mapped_from_the_parser_of_the_capture_date(fundus: ModuleType) -> None:
    with at(2024, 10, 20):
        result = fundus.extract(PAGE, URL)
    assert result == {
        "title": "City council approves new bike lanes",
        "authors": ["Jane Roe", "John Doe"],
        "published": "2024-10-19T19:25:00",  # naive, as Fundus gives it: the checks judge it
        # Fundus's plaintext: the section headline between its paragraphs, blank lines between
        "body": "The council voted seven to two.\n\nWhat comes next\n\nConstruction begins in spring.",
        "free_access": False,  # Article.free_access, from the JSON-LD's isAccessibleForFree
        "extra": {"fundus_publisher": "us.APNews", "fundus_parser": "V1_1"},
    }


def test_an_earlier_capture_runs_the_earlier_parser_version(fundus: ModuleType) -> None:
    with at(2023, 4, 28):
        result = fundus.extract(PAGE, URL)
    assert result["extra"]["fundus_parser"] == "V1"
    assert result["body"] == "A paragraph of the 2023 layout."
    assert result["authors"] == ["Jane Roe"]  # V1 falls back to the JSON-LD author


def test_the_host_is_matched_without_www_and_with_subdomains(fundus: ModuleType) -> None:
    assert fundus.publisher_for("https://apnews.com/x") == "us.APNews"
    assert fundus.publisher_for("https://WWW.APNEWS.COM/x") == "us.APNews"
    assert fundus.publisher_for("https://www.spiegel.de/politik/x") == "de.SpiegelOnline"
    assert fundus.publisher_for("https://edition.apnews.com/x") == "us.APNews"
    # A host that merely ends like a domain is not that publisher.
    with pytest.raises(NotCovered):
        fundus.publisher_for("https://notapnews.com/x")


def test_a_site_fundus_does_not_cover_raises_not_covered(fundus: ModuleType) -> None:
    with pytest.raises(NotCovered) as caught:
        fundus.extract(PAGE, "https://www.news.example/local/bike-lanes")
    assert str(caught.value).startswith("no Fundus publisher for 'news.example': none of its ")
    assert str(caught.value).endswith("(force one with -e fundus:<country>.<Publisher>)")


def test_a_spec_forces_one_publisher_whatever_the_host(fundus: ModuleType) -> None:
    extractor = resolve("fundus:us.apnews")
    assert extractor.name == "fundus:us.apnews"
    assert extractor.fields == BUILTINS["fundus"].fields
    with at(2024, 10, 20):
        result = extractor.func(PAGE, "https://www.news.example/local/bike-lanes")
    assert result["extra"]["fundus_publisher"] == "us.APNews"
    assert result["authors"] == ["Jane Roe", "John Doe"]


def test_a_spec_naming_no_publisher_names_the_nearest(fundus: ModuleType) -> None:
    with pytest.raises(UnknownExtractorError) as caught:
        resolve("fundus:us.APNew")
    assert str(caught.value).startswith(
        "Fundus has no publisher 'us.APNew' (from extractor spec 'fundus:us.APNew'). Did you mean 'us.APNews'? "
    )


def test_an_attribute_that_raises_is_reported_and_the_others_kept(fundus: ModuleType) -> None:
    # Two NewsArticle nodes: the V1_1 parser's scalar JSON-LD look-ups for title and date raise.
    second = f'<script type="application/ld+json">{json.dumps({**LD, "headline": "Another"})}</script></head>'
    with at(2024, 10, 20):
        result = fundus.extract(PAGE.replace("</head>", second), URL)
    assert result["title"] is None
    assert result["published"] is None
    assert result["extra"]["fundus_errors"] == {
        "title": "ValueError: Got multiple values when expecting a single scalar value",
        "publishing_date": "ValueError: Got multiple values when expecting a single scalar value",
    }
    assert result["authors"] == ["Jane Roe", "John Doe"]
    assert result["body"] is not None


def test_without_fundus_the_registry_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs with or without fundus installed: its module is made to look absent.
    info = registry().extractors["fundus"]
    monkeypatch.setitem(registry().extractors, "fundus", ExtractorInfo(**{**info.__dict__, "requires": ("no_fundus",)}))
    for spec in ("fundus", "fundus:us.APNews"):
        with pytest.raises(ExtractorNotInstalledError) as caught:
            resolve(spec)
        assert str(caught.value) == f"Extractor {spec!r} is not installed: pip install 'news-harness[fundus]'"


def test_free_access_is_the_parsers_own_answer(fundus: ModuleType) -> None:
    # Fundus's BaseParser.free_access: True where the page says nothing, False for "false" or False.
    for written, flag in ((None, True), ("False", False), (True, True)):
        ld = {key: value for key, value in LD.items() if key != "isAccessibleForFree"}
        if written is not None:
            ld["isAccessibleForFree"] = written
        with at(2024, 10, 20):
            result = fundus.extract(PAGE.replace(json.dumps(LD), json.dumps(ld)), URL)
        assert result["free_access"] is flag, written
        assert "free_access" not in result["extra"]
