"""The news-please adapter: what news-please 1.6.16 gives, mapped; nothing fetched; the capture time as download date.

The contract every adapter keeps (valid output, sentinels, determinism, no
network on the inline pages) is in ``test_adapters.py``; here are the
behaviours particular to news-please, on a bundled fixture and inline pages.
"""

from __future__ import annotations

import datetime as dt
import importlib
import socket
from typing import TYPE_CHECKING

import pytest

from harness.core import ExtractorNotInstalledError, bundled_cassettes
from harness.extractors import ExtractorInfo, registry, resolve
from harness.fixtures import load_fixtures
from harness.running import run_one
from tests.unit.extractors.test_adapters import ARTICLE, PARAGRAPHS, URL, RefusedNetwork

if TYPE_CHECKING:
    from types import ModuleType

    from harness.core import Fixture

KSL = "ksltv/north-korean-troops-russia"


@pytest.fixture(scope="module")
def adapter() -> ModuleType:
    pytest.importorskip("newsplease", reason="news-please not installed: pip install 'news-harness[news-please]'")
    return importlib.import_module("harness.extractors.builtin.newsplease")


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> RefusedNetwork:
    refused = RefusedNetwork()
    monkeypatch.setattr(socket, "getaddrinfo", refused.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", refused.connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refused.connect)
    return refused


@pytest.fixture(scope="module")
def ksl() -> Fixture:
    fixtures = {fixture.name: fixture for fixture in load_fixtures([bundled_cassettes()]).fixtures}
    return fixtures[KSL]


def test_the_bundled_ksl_page_through_the_harness(adapter: ModuleType, ksl: Fixture) -> None:
    # In the sandbox: network refused and recorded, clock frozen at captured_at, a second run 400 days on.
    result = run_one(resolve("news-please"), ksl)
    assert result.status == "ok"
    extraction = result.extraction
    assert extraction is not None
    assert extraction.title == ksl.expectation.title
    # news-please 1.6.16 takes newspaper4k's byline: one of the three people, in capitals.
    assert extraction.authors == ("ISAAC YEE",)
    # The page states 2024-10-19T19:25:00-06:00; news-please keeps the wall time and drops the offset.
    assert ksl.expectation.published == "2024-10-19T19:25:00-06:00"
    assert extraction.published == "2024-10-19T19:25:00"
    assert extraction.modified is None
    assert extraction.language == "en"
    assert extraction.body is not None
    paragraphs = extraction.body.split("\n\n")
    assert len(paragraphs) >= 10
    assert paragraphs[0].startswith("(CNN) — North Korean soldiers have been filmed receiving uniforms")
    checks = {finding.check for finding in result.findings}
    assert {"byline.incomplete", "date.naive"} <= checks
    assert not checks & {"extractor.network", "extractor.error", "date.clock_dependent", "schema.invalid"}


def test_modified_is_declared_and_its_absence_judged(adapter: ModuleType, ksl: Fixture) -> None:
    # from_html leaves date_modify empty (news-please 1.6.16 fills it only from a crawl's
    # Last-Modified header): with "modified" declared, date.modified_missing says so.
    assert "modified" in registry().extractors["news-please"].fields
    assert adapter.read(ksl.page.html, ksl.page.url).modified is None
    assert ksl.expectation.modified == "2024-10-19T19:39:00-06:00"
    result = run_one(resolve("news-please"), ksl, clock_check=False)
    [missing] = [f for f in result.findings if f.check == "date.modified_missing"]
    assert missing.message == (
        "no modification time extracted; the page shows 2024-10-19T19:39:00-06:00, "
        "apart from its publication 2024-10-19T19:25:00-06:00"
    )


def test_the_date_stays_naive(adapter: ModuleType) -> None:
    raw = adapter.read(ARTICLE, URL)
    assert raw.published == dt.datetime(2024, 10, 19, 19, 25)  # the JSON-LD's -06:00 is gone
    assert raw.published.tzinfo is None
    result = adapter.convert(raw)
    assert result["published"] == "2024-10-19T19:25:00"
    assert "extra" not in result  # nothing left over: no published_raw, no unconverted value


def test_maintext_lines_become_blank_line_paragraphs(adapter: ModuleType) -> None:
    raw = adapter.read(ARTICLE, URL)
    maintext = raw.source.maintext
    # news-please's Cleaner folds blank lines: one paragraph a line.
    assert "\n\n" not in maintext
    assert maintext.count("\n") >= len(PARAGRAPHS)
    paragraphs = adapter.convert(raw)["body"].split("\n\n")
    assert paragraphs[0] == "Oct 19, 2024, 7:25 PM"  # newspaper4k's text keeps the <time>'s label
    assert paragraphs[1:] == list(PARAGRAPHS)


def test_fields_of_the_inline_article(adapter: ModuleType) -> None:
    result = adapter.extract(ARTICLE, URL)
    assert result["title"] == "City council approves new bike lanes"
    assert result["authors"] == ["Jane Roe", "John Doe"]
    assert result["language"] == "en"
    assert result["modified"] is None  # from_html never sets date_modify


def test_the_download_date_is_the_frozen_capture_time(adapter: ModuleType) -> None:
    time_machine = pytest.importorskip("time_machine")
    captured = dt.datetime(2024, 10, 20, 2, 10, tzinfo=dt.timezone.utc)
    with time_machine.travel(captured, tick=False):
        article = adapter.read(ARTICLE, URL).source
    assert article.date_download == captured


def test_nothing_is_fetched_though_news_please_would_fetch_images(
    adapter: ModuleType, ksl: Fixture, network: RefusedNetwork
) -> None:
    from newsplease import NewsPlease

    # The control: news-please's default downloads every <img> to size it.
    NewsPlease.from_html(ARTICLE, url=URL)
    assert "img.example" in network.attempts
    network.attempts.clear()
    adapter.extract(ARTICLE, URL)
    adapter.extract(ksl.page.html, ksl.page.url)
    assert network.attempts == []


def test_an_empty_page_is_an_empty_extraction(adapter: ModuleType, network: RefusedNetwork) -> None:
    assert adapter.extract("", URL) == {}  # from_html returns {} before any extractor runs
    assert network.attempts == []


def test_missing_news_please_names_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    info = registry().extractors["news-please"]
    assert info.requires == ("newsplease",)
    monkeypatch.setitem(
        registry().extractors, "news-please", ExtractorInfo(**{**info.__dict__, "requires": ("newsplease_not_here",)})
    )
    with pytest.raises(
        ExtractorNotInstalledError,
        match=r"^Extractor 'news-please' is not installed: pip install 'news-harness\[news-please\]'$",
    ):
        resolve("news-please")
