"""Fuzzing news-harness's own parsers with Hypothesis: no uncaught exception on any input, and
round trips where they apply. The example counts are the README's Reliability figures."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness import strategies
from harness.fixtures.cassette import _read, _read_fast, dump_cassette, load_cassette
from harness.fixtures import decode_html
from harness.fixtures.corpus import _jsonl_page
from harness.core import parse_stamp
from harness.checks import noise_reason
from harness.core import ExpectationError, FixtureError
from harness.fixtures import expectation_from_dict, load_fixture, save_fixture
from tests.conftest import interactions_of

EXAMPLES = 500
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

stamp_like = st.from_regex(
    r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?", fullmatch=True
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)


@FUZZ
@given(st.text() | stamp_like)
def test_date_normalisation_never_raises(text):
    stamp = parse_stamp(text)
    if stamp is not None:
        assert stamp.day("UTC") is not None
        assert stamp.instant("Europe/Berlin") is None or stamp.has_time


@FUZZ
@given(st.text())
def test_byline_noise_never_raises(name):
    reason = noise_reason(name)
    assert reason is None or isinstance(reason, str)


@FUZZ
@given(st.text() | st.builds(lambda body: dump_cassette(interactions_of(body)), st.text()))
def test_cassette_loading_raises_only_fixture_errors(text):
    try:
        interactions = load_cassette(text, "fuzz.yaml")
    except FixtureError as error:
        assert str(error).startswith("fuzz.yaml: ") and "\n" not in str(error)
    else:
        assert interactions


@FUZZ
@given(st.text())
def test_the_fast_cassette_reader_agrees_with_yaml_or_steps_aside(body):
    text = dump_cassette(interactions_of(body))
    fast = _read_fast(text)
    assert fast is None or fast == _read(text, "fuzz.yaml")
    assert load_cassette(text, "fuzz.yaml")[0]["response"]["body"]["string"] == body


TRUTH_KEYS = ["url", "captured_at", "timezone", "authors", "published", "decoys", "must_not_contain", "title"]


@FUZZ
@given(json_values | st.dictionaries(st.sampled_from(TRUTH_KEYS), json_values))
def test_expectation_loading_raises_only_expectation_errors(data):
    try:
        expectation_from_dict(data, source="fuzz.expected.json")
    except ExpectationError as error:
        assert str(error).startswith("fuzz.expected.json: ")


@FUZZ
@given(st.binary())
def test_page_decoding_raises_only_fixture_errors(raw):
    try:
        text = decode_html(raw, "fuzz.html")[0]
    except FixtureError as error:
        assert "undecodable page" in str(error)
    else:
        assert isinstance(text, str)


@FUZZ
@given(st.text() | json_values.map(json.dumps))
def test_corpus_lines_raise_only_fixture_errors(tmp_path_factory, line):
    base = tmp_path_factory.getbasetemp()
    try:
        _jsonl_page(
            base,
            line,
            "fuzz.jsonl:1",
            __import__("datetime").datetime(2024, 5, 3, tzinfo=__import__("datetime").timezone.utc),
        )
    except FixtureError as error:
        assert str(error).startswith("fuzz.jsonl:1: ") or "file not found" in str(error) or str(base) in str(error)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(strategies.pages())
def test_save_then_load_gives_the_same_fixture(tmp_path_factory, page):
    folder = tmp_path_factory.mktemp("roundtrip")
    cassette = folder / "page.yaml"
    save_fixture(cassette, [dict(i) for i in page.page.interactions], dict(page.expectation.raw))
    loaded = load_fixture(cassette, name=page.name)
    assert loaded.page.html == page.page.html
    assert loaded.page.url == page.page.url
    assert loaded.expectation == page.expectation
