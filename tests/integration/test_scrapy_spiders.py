"""Scrapy spiders run as they are, through 'scrapy:' specs (issue 13)."""

from __future__ import annotations

import sys

import pytest

from harness import check
from harness.core import ExtractorNotInstalledError, bundled_cassettes
from harness.extractors import parse_field_map, resolve
from harness.fixtures import iter_fixtures, save_fixture
from tests.conftest import BASE_TRUTH, interactions_of

pytest.importorskip("scrapy")

from tests import scrapy_spiders

HUDSON = bundled_cassettes() / "hudsonledger"
TITLE = "Boil-water notice lifted for most of Kingston, but Rondout stays under advisory"


def _errors(report, extractor):
    return sorted((f.check, f.message) for f in report.errors if f.extractor == extractor)


def _one(report):
    assert report.problems == []
    [result] = report.results
    return result


def test_a_plain_spider_that_keeps_by_in_the_byline_gets_that_finding():
    spec = "scrapy:tests.scrapy_spiders:HudsonBylineAsIs"
    report = check([HUDSON], [spec], clock_check=True, jobs=1)
    result = _one(report)
    assert result.extraction.authors == ("By Reggie Castellanos and Mei-Lin Hart",)
    assert [check_id for check_id, _ in _errors(report, spec)] == ["byline.noise"]


def test_the_item_whose_url_is_the_page_is_graded_not_the_first():
    spec = "scrapy:tests.scrapy_spiders:HudsonArticle"
    report = check([HUDSON], [spec], clock_check=True, jobs=1)
    result = _one(report)
    assert result.extraction.authors == ("Reggie Castellanos", "Mei-Lin Hart")
    assert result.extraction.title == TITLE
    assert _errors(report, spec) == []


def test_an_item_loader_spider_reads_through_its_field_map():
    spec = "scrapy:tests.scrapy_spiders:HudsonLoader.parse_story"
    unmapped = check([HUDSON], [spec], clock_check=False, jobs=1)
    [(check_id, message)] = _errors(unmapped, spec)
    assert check_id == "extractor.error"
    assert "no field map for a tests.scrapy_spiders.Story item" in message
    fields = parse_field_map({"title": "heading", "authors": "writers", "published": "first_published", "body": "text"})
    report = check([HUDSON], [spec], clock_check=False, jobs=1, fields=fields)
    result = _one(report)
    assert result.extraction.title == TITLE
    assert result.extraction.authors == ("Reggie Castellanos", "Mei-Lin Hart")
    assert result.extraction.published == "2024-06-02T13:05:27.318Z"
    assert result.extraction.body.startswith("KINGSTON — Most of Kingston’s water customers")
    assert _errors(report, spec) == []


def test_an_async_callback_is_run_to_its_end():
    spec = "scrapy:tests.scrapy_spiders:AsyncHudson"
    result = _one(check([HUDSON], [spec], clock_check=False, jobs=1))
    assert result.extraction.authors == ("Reggie Castellanos", "Mei-Lin Hart")


def test_a_request_the_cassette_lacks_is_extractor_network_naming_it():
    spec = "scrapy:tests.scrapy_spiders:FollowsAnUnrecordedPage"
    report = check([HUDSON], [spec], clock_check=False, jobs=1)
    result = _one(report)
    url = "https://www.hudsonledger.example/news/2024/06/03/next-story/"
    found = dict(_errors(report, spec))
    assert found["extractor.network"].endswith(f"GET {url} (not in the cassette)")
    assert "extractor.error" not in found
    # The request was refused, and the item the callback yielded is graded all the same.
    assert result.status == "ok"
    assert result.extraction is not None and result.extraction.title


def _two_pages(tmp_path, second_status=200):
    """A fixture whose cassette holds its page and, behind a redirect, the page its spider asks for next."""
    second = scrapy_spiders.NEXT_PAGE.replace("page=2", "p=2")
    interactions = interactions_of("<html><body><h1>River bridge reopens</h1></body></html>")
    interactions += [
        {
            "request": {"body": None, "headers": {}, "method": "GET", "uri": scrapy_spiders.NEXT_PAGE},
            "response": {"body": {"string": ""}, "headers": {"Location": [second]}, "status": {"code": 301}},
        },
        *interactions_of('<p class="author">Ada Byline</p><p class="author">Bo Writer</p>', second),
    ]
    interactions[-1]["response"]["status"]["code"] = second_status
    save_fixture(tmp_path / "two.yaml", interactions, BASE_TRUTH)
    [fixture] = iter_fixtures([tmp_path])
    return fixture, second


def test_a_request_the_cassette_holds_is_followed_with_its_callback_kwargs_and_meta(tmp_path):
    fixture, second = _two_pages(tmp_path)
    spider = resolve("scrapy:tests.scrapy_spiders:TwoPages")
    mapped = spider.func(fixture.page)
    assert mapped.values == {
        "title": "River bridge reopens (one, 200)",
        "authors": ["Ada Byline", "Bo Writer"],
    }
    report = check([tmp_path], ["scrapy:tests.scrapy_spiders:TwoPages"], clock_check=False, jobs=1)
    assert _one(report).extraction.authors == ("Ada Byline", "Bo Writer")
    assert not any(f.check == "extractor.network" for f in report.findings)
    assert second.endswith("p=2")


def test_a_followed_response_that_is_an_http_error_does_not_reach_the_callback(tmp_path):
    fixture, _ = _two_pages(tmp_path, second_status=404)
    assert resolve("scrapy:tests.scrapy_spiders:TwoPages").func(fixture.page) == {}


def test_following_stops_after_max_followed(monkeypatch):
    from harness.extractors.frameworks.scrapy import MAX_FOLLOWED

    calls = []
    original = scrapy_spiders.Loops.parse

    def counted(self, response, depth=0):
        calls.append(depth)
        yield from original(self, response, depth)

    monkeypatch.setattr(scrapy_spiders.Loops, "parse", counted)
    [fixture] = iter_fixtures([HUDSON])
    mapped = resolve("scrapy:tests.scrapy_spiders:Loops").func(fixture.page)
    assert mapped.values["title"] == "depth 0"
    assert calls == list(range(MAX_FOLLOWED + 1))


def test_project_settings_come_from_scrapy_settings_module_and_custom_settings_over_them(monkeypatch):
    spec = "scrapy:tests.scrapy_spiders:ReadsSettings"
    plain = _one(check([HUDSON], [spec], clock_check=False, jobs=1))
    assert plain.extraction.authors == ("Reggie Castellanos", "Mei-Lin Hart")
    assert plain.extraction.title == TITLE + " (custom_settings)"
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "tests.scrapy_settings")
    configured = _one(check([HUDSON], [spec], clock_check=False, jobs=1))
    assert configured.extraction.authors == ("By Reggie Castellanos and Mei-Lin Hart",)


def test_a_settings_module_that_does_not_import_is_one_problem(monkeypatch):
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "tests.no_such_settings")
    report = check([HUDSON], ["scrapy:tests.scrapy_spiders:HudsonArticle"], clock_check=False, jobs=1)
    [problem] = report.problems
    assert "Cannot import the Scrapy settings module 'tests.no_such_settings' (from the environment variable " in str(
        problem
    )


@pytest.mark.parametrize(
    ("spec", "needle"),
    [
        ("scrapy:tests.scrapy_spiders:Missing", "has no attribute 'Missing'"),
        ("scrapy:tests.scrapy_spiders:NotASpider", "not a Scrapy spider (a subclass of scrapy.Spider)"),
        ("scrapy:tests.scrapy_spiders:NoParse", "Spider NoParse (extractor spec 'scrapy:tests.scrapy_spiders:NoParse') "
         "has no callback 'parse'; its methods: parse_article."),
        ("scrapy:tests.scrapy_spiders:HudsonLoader.parse_nope",
         "has no callback 'parse_nope'; its methods: parse_story"),
        ("scrapy:no_such_module:Spider", "Cannot import module 'no_such_module'"),
    ],
)  # fmt: skip
def test_a_bad_spider_spec_is_one_problem(spec, needle):
    report = check([HUDSON], [spec, "tests.plugins:invents"], clock_check=False, jobs=1)
    [problem] = report.problems
    assert needle in str(problem)
    assert report.exit_status() == 2
    assert [e.name for e in report.extractors] == ["tests.plugins:invents"]


def test_without_scrapy_the_spec_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "scrapy", None)
    with pytest.raises(ExtractorNotInstalledError) as raised:
        resolve("scrapy:tests.scrapy_spiders:HudsonArticle")
    assert str(raised.value) == (
        "Extractor 'scrapy:tests.scrapy_spiders:HudsonArticle' needs Scrapy, which is not installed: "
        "pip install 'news-harness[scrapy]'"
    )
