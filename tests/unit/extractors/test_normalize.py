"""normalize(): schema problems for what breaks the schema, and nothing lost on the way."""

from __future__ import annotations

import datetime as dt

import pytest

from harness.core import Extraction
from harness.extractors import normalize


def test_a_valid_result_has_no_problems() -> None:
    extraction, problems = normalize(
        {"title": "T", "authors": ["Jane Roe"], "published": dt.date(2024, 10, 19), "extra": {"score": 1}}
    )
    assert problems == []
    assert extraction == Extraction(title="T", authors=("Jane Roe",), published="2024-10-19", extra={"score": 1})


def test_an_adapters_leftover_is_a_problem_naming_the_field_and_the_shape() -> None:
    extraction, problems = normalize({"authors": ["Jane Roe"], "extra": {"authors_unconverted": [{"id": 3}]}})
    assert problems == [
        "$.authors: 1 value the adapter could not read as a name: {'id': 3} (a dict without 'name') "
        "(kept in extra['authors_unconverted'])"
    ]
    assert extraction.authors == ("Jane Roe",)
    assert extraction.extra == {"authors_unconverted": [{"id": 3}]}


def test_several_leftovers_are_one_problem_per_field() -> None:
    extra = {
        "authors_unconverted": [{"name": 3}, 7, [1], None, 2.5],
        "published_unconverted": ["2024-10-20"],
        "published_raw": "Oct 19, 2024",  # a raw date string is for the date checks, not a leftover
    }
    problems = normalize({"extra": extra})[1]
    assert problems == [
        "$.authors: 5 values the adapter could not read as names: {'name': 3} (a dict whose 'name' is an integer); "
        "7 (an integer); [1] (a list of 1); and 2 more (kept in extra['authors_unconverted'])",
        "$.published: 1 value the adapter could not read as a timestamp: '2024-10-20' "
        "(one more value where the field holds one) (kept in extra['published_unconverted'])",
    ]


@pytest.mark.parametrize("empty", [[], None])
def test_no_leftovers_no_problem(empty: object) -> None:
    assert normalize({"title": "T", "extra": {"title_unconverted": empty}})[1] == []


def test_a_plugins_nested_authors_are_reported_once_and_kept() -> None:
    # A user's own scraper broke the schema: reported as before, the strings graded as
    # before, and what could not go into the field kept in extra instead of dropped.
    extraction, problems = normalize({"authors": ["Jane Roe", ["A", "B"]]})
    assert len(problems) == 1
    assert problems[0].startswith("$.authors[1]: ['A', 'B'] is not of type 'string'")
    assert extraction.authors == ("Jane Roe",)
    assert extraction.extra == {"authors_unconverted": [["A", "B"]]}


def test_a_plugins_joined_author_string_is_reported_once_and_kept() -> None:
    extraction, problems = normalize({"authors": "A; B", "extra": {"score": 1}})
    assert problems == ["$.authors: 'A; B' is not of type 'array', 'null'"]
    assert extraction.authors is None
    assert extraction.extra == {"score": 1, "authors_unconverted": ["A; B"]}


def test_a_plugins_wrong_types_are_kept_in_extra() -> None:
    extraction, problems = normalize(
        {"title": 42, "published": 1729387500, "body": ["a", "b"], "language": None, "extra": ["x"]}
    )
    assert [problem.split(":")[0] for problem in problems] == ["$.body", "$.extra", "$.published", "$.title"]
    assert (extraction.title, extraction.published, extraction.body) == (None, None, None)
    assert extraction.extra == {
        "title_unconverted": [42],
        "published_unconverted": [1729387500],
        "body_unconverted": [["a", "b"]],
        "extra_unconverted": [["x"]],
    }


def test_a_plugins_own_leftover_and_a_dropped_value_are_kept_together() -> None:
    extraction, problems = normalize({"authors": ["A", 3], "extra": {"authors_unconverted": [{"id": 1}]}})
    assert [problem.split(":")[0] for problem in problems] == ["$.authors[1]", "$.authors"]
    assert extraction.extra == {"authors_unconverted": [{"id": 1}, 3]}


def test_kept_values_are_json_ready() -> None:
    extraction = normalize({"title": object, "extra": {}})[0]
    assert extraction.extra == {"title_unconverted": ["<class 'object'>"]}


def test_an_extraction_object_is_read_the_same_way() -> None:
    given = Extraction(title="T", extra={"modified_unconverted": [{"@type": "Date"}]})
    extraction, problems = normalize(given)
    assert extraction == given
    assert problems == [
        "$.modified: 1 value the adapter could not read as a timestamp: {'@type': 'Date'} "
        "(a dict) (kept in extra['modified_unconverted'])"
    ]


def test_free_access_is_a_boolean_and_anything_else_is_kept() -> None:
    extraction, problems = normalize({"body": "Teaser.", "free_access": False})
    assert problems == []
    assert extraction.free_access is False
    assert extraction.to_dict()["free_access"] is False
    extraction, problems = normalize({"free_access": "false"})
    assert problems == ["$.free_access: 'false' is not of type 'boolean', 'null'"]
    assert extraction.free_access is None
    assert extraction.extra == {"free_access_unconverted": ["false"]}
