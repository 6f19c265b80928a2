"""Cassettes: readable literal bodies, exact round trips, and plain vcrpy replay."""

from __future__ import annotations

import gzip
import urllib.request

import pytest
import vcr
import yaml

from harness.fixtures.cassette import _read, _read_fast, dump_cassette, load_cassette
from harness.core import FixtureError
from tests.conftest import CORPORA, interactions_of


def roundtrip(body: str) -> tuple[str, str]:
    text = dump_cassette(interactions_of(body))
    return text, load_cassette(text, "<test>")[0]["response"]["body"]["string"]


@pytest.mark.parametrize(
    "body",
    [
        "<html>\n<p>plain</p>\n</html>",
        "<html>\n<p>trailing spaces   </p>   \n\t<p>tab</p>\n",
        "  <p>leading spaces</p>",
        "\n\n<p>leading blank lines</p>",
        "<p>ends with blank lines</p>\n\n\n",
        "<p>only one</p>\n",
        "<p>emoji 😀 and accents é ü and a nbsp\xa0.</p>",
        "line\n   \n   \nwhitespace-only lines",
        "- looks: like yaml\n# a comment\n? key\n...\n---\n",
    ],
)
def test_literal_block_roundtrip(body):
    text, back = roundtrip(body)
    assert back == body
    assert "string: |" in text
    assert _read_fast(text) == _read(text, "<test>")


@pytest.mark.parametrize(
    "body",
    [
        "crlf\r\nlines\r\n",
        "nul\x00byte",
        "bell\x07",
        "\ufeffbom first",
        "line\u2028separator",
        "del\x7f",
        "nel\x85",
        "",
    ],
)
def test_text_a_literal_block_cannot_hold_is_escaped_and_exact(body):
    text, back = roundtrip(body)
    assert back == body
    assert "string: |" not in text


def test_a_cassette_replays_with_plain_vcrpy(tmp_path):
    body = "<html><body><p>Hello   </p>\n\t<p>world</p></body></html>\n"
    path = tmp_path / "page.yaml"
    path.write_text(dump_cassette(interactions_of(body, "http://news.example/a")), encoding="utf-8")
    with vcr.use_cassette(str(path), record_mode="none"):
        assert urllib.request.urlopen("http://news.example/a").read().decode() == body


def test_the_written_file_is_loadable_by_pyyaml_as_vcrpy_expects():
    data = yaml.safe_load(dump_cassette(interactions_of("<p>x</p>")))
    assert data["version"] == 1
    assert data["interactions"][0]["response"]["status"] == {"code": 200, "message": "OK"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("interactions: [\n", "not valid YAML at line"),
        ("- just\n- a list\n", "not a vcrpy cassette"),
        ("interactions: []\nversion: 1\n", "holds no interactions"),
        ("interactions: [{request: {uri: 'http://a.example/'}}]\nversion: 1\n", "interaction 1: has no response"),
        (
            "interactions: [{request: {uri: 'http://a.example/'}, response: {status: {code: 200}}}]\nversion: 1\n",
            "interaction 1: has no response.body.string",
        ),
        ("interactions: [{request: {uri: 'http://a.example/'}}]\nversion: 2\n", "format version 2 is not supported"),
        ("requests: []\n", "not a vcrpy cassette"),
    ],
)
def test_broken_cassettes_name_the_file_and_the_reason(text, reason):
    with pytest.raises(FixtureError, match=r"^broken\.yaml: ") as caught:
        load_cassette(text, "broken.yaml")
    assert reason in str(caught.value)


def test_roundtrip_over_real_pages():
    pages = sorted((CORPORA / "zyte" / "html").glob("*.html.gz")) + sorted(
        (CORPORA / "fundus" / "pages").glob("*.html.gz")
    )
    if not pages:
        pytest.skip(f"no corpus pages under {CORPORA} (../shared/corpora is absent)")
    literal = 0
    for path in pages:
        body = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        text, back = roundtrip(body)
        assert back == body, path.name
        if "string: |" in text:
            literal += 1
            assert _read_fast(text) == _read(text, path.name), path.name
    # Pages with CR line ends or control characters are escaped; the rest must be literal.
    assert literal >= 0.75 * len(pages), (literal, len(pages))


@pytest.mark.parametrize(
    "text",
    [
        # Hand-written cassettes in shapes this module does not write: YAML reads them.
        "interactions:\n- request: {uri: 'http://a.example/'}\n  response:\n    body:\n"
        "      string: |\n          deeper\n    status: {code: 200}\nversion: 1\n",
        "interactions:\n- request: {uri: 'http://a.example/'}\n  response:\n    body:\n"
        "      string: |\n        a\n   \n        b\n    status: {code: 200}\nversion: 1\n",
        "interactions:\n- request: {uri: 'http://a.example/'}\n  response:\n    body: {string: 'flow'}\n"
        "    status: {code: 200}\nversion: 1\n",
    ],
)
def test_other_layouts_are_left_to_yaml_and_read_the_same(text):
    assert _read_fast(text) in (None, _read(text, "<test>"))
    assert load_cassette(text, "<test>") == _read(text, "<test>")["interactions"]
