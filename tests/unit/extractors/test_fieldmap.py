"""Field maps: where title, authors, dates and body sit in a scraper's item."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from harness.core import UsageError
from harness.extractors import BUILTIN_MAPS, map_for, normalize, parse_field_map
from harness.testing import parse_config

ARTICLE = {
    "url": "https://www.example.com/news/bridge",
    "headline": "Bridge reopens after repairs",
    "authors": [{"name": "Ana Ruiz", "nameRaw": "By Ana Ruiz"}, {"name": "Tom Lee"}],
    "datePublished": "2024-10-19T20:10:00-06:00",
    "articleBody": "The bridge reopened.\n\nTraffic resumed.",
}


def test_the_zyte_article_map_reads_an_article_shaped_mapping():
    mapped = BUILTIN_MAPS["zyte-article"].apply(ARTICLE)
    assert mapped.missing == ()
    extraction, problems = normalize(mapped)
    assert problems == []
    assert extraction.title == "Bridge reopens after repairs"
    assert extraction.authors == ("Ana Ruiz", "Tom Lee")
    assert extraction.published == "2024-10-19T20:10:00-06:00"
    assert extraction.modified is None  # optional in the schema: left out is no problem
    assert extraction.body.startswith("The bridge reopened.")


def test_a_real_zyte_common_items_article_maps_with_no_configuration():
    items = pytest.importorskip("zyte_common_items")
    article = items.Article(
        url=ARTICLE["url"], headline=ARTICLE["headline"], articleBody=ARTICLE["articleBody"],
        authors=[items.Author(name="Ana Ruiz"), items.Author(name="Tom Lee")],
        datePublished="2024-10-19T20:10:00-06:00",
    )  # fmt: skip
    field_map = map_for(article)
    assert field_map is BUILTIN_MAPS["zyte-article"]
    extraction, problems = normalize(field_map.apply(article))
    assert problems == []
    assert extraction.authors == ("Ana Ruiz", "Tom Lee")
    assert extraction.title == ARTICLE["headline"]


@dataclasses.dataclass
class StoryItem:
    """A team's own item class."""

    heading: str
    byline: list[dict[str, str]]
    meta: dict[str, object]
    paragraphs: list[str]


def _story() -> StoryItem:
    return StoryItem(
        heading="Council votes on budget",
        byline=[{"person": "Ana Ruiz"}, {"person": "Tom Lee"}],
        meta={"dates": {"first": dt.datetime(2024, 10, 19, 20, 10, tzinfo=dt.timezone.utc)}},
        paragraphs=["First.", "Second."],
    )


def test_a_custom_item_class_maps_from_the_project_configuration(tmp_path):
    config = parse_config(
        {"fields": {"title": "heading", "authors": "byline[].person", "published": "meta.dates.first",
                    "body": "paragraphs[0]"}},
        root=tmp_path,
    )  # fmt: skip
    assert config.fields is not None
    assert map_for(_story(), config.fields) is config.fields
    extraction, problems = normalize(config.fields.apply(_story()))
    assert problems == []
    assert extraction.title == "Council votes on budget"
    assert extraction.authors == ("Ana Ruiz", "Tom Lee")
    assert extraction.published == "2024-10-19T20:10:00+00:00"
    assert extraction.body == "First."


def test_a_named_built_in_map_from_the_configuration(tmp_path):
    assert parse_config({"fields": "zyte-article"}, root=tmp_path).fields is BUILTIN_MAPS["zyte-article"]


def test_an_item_lacking_a_mapped_path_is_a_schema_problem_naming_the_path():
    field_map = parse_field_map({"title": "heading", "authors": "byline[].name", "modified": "updated?"})
    mapped = field_map.apply(_story())
    assert mapped.values["title"] == "Council votes on budget"
    assert "modified" not in mapped.values  # optional, absent: no problem
    [line] = mapped.missing
    assert "authors" in line and "'byline[].name'" in line and "StoryItem" in line
    extraction, problems = normalize(mapped)
    assert extraction.authors is None
    assert any("byline[].name" in p for p in problems)


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ({"titel": "heading"}, "did you mean 'title'?"),
        ({"title": "heading..x"}, "is not a field path"),
        ({"title": "authors[x]"}, "is not a field path"),
        ({"title": 3}, "must be a path written as a string"),
        ({}, "names no field"),
        ("zyte-artcle", "did you mean 'zyte-article'?"),
    ],
)
def test_each_bad_field_map_is_one_line_naming_the_fix(table, needle):
    with pytest.raises(UsageError, match=None) as caught:
        parse_field_map(table)
    assert needle in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_bad_fields_value_in_the_configuration_names_the_table(tmp_path):
    with pytest.raises(UsageError) as caught:
        parse_config({"fields": {"bodyy": "text"}}, root=tmp_path)
    assert "[tool.harness] [fields]" in str(caught.value)
    assert "did you mean 'body'?" in str(caught.value)
    with pytest.raises(UsageError, match="built-in map's name or a table"):
        parse_config({"fields": ["title"]}, root=tmp_path)


def test_an_item_nobody_mapped_is_refused_with_the_way_to_map_it():
    class Opaque:
        pass

    with pytest.raises(UsageError) as caught:
        map_for(Opaque())
    assert "[tool.harness.fields]" in str(caught.value) and "--fields" in str(caught.value)


def test_a_mapping_with_the_harness_field_names_needs_no_map():
    item = {"title": "T", "authors": ["A B"], "body": "x"}
    assert map_for(item) is BUILTIN_MAPS["harness"]
    extraction, problems = normalize(map_for(item).apply(item))
    assert (extraction.title, extraction.authors, problems) == ("T", ("A B",), [])


def test_the_fundus_map_reads_the_articles_free_access():
    # Fundus's Article has free_access (its parsers' isAccessibleForFree); zyte-common-items' Article has none.
    article = {"title": "Teaser", "plaintext": "The first paragraph.", "free_access": False}
    extraction, problems = normalize(BUILTIN_MAPS["fundus"].apply(article))
    assert problems == []
    assert extraction.free_access is False
    assert "free_access" not in BUILTIN_MAPS["zyte-article"].paths
    assert normalize(BUILTIN_MAPS["harness"].apply({"body": "x", "free_access": True}))[0].free_access is True
