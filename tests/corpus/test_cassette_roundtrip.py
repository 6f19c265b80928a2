"""Cassettes round-trip every real page of both shared corpora byte for byte."""

from __future__ import annotations

import gzip

import pytest

from harness.fixtures.cassette import _read, _read_fast
from tests.conftest import CORPORA
from tests.unit.fixtures.test_cassette import roundtrip

pytestmark = pytest.mark.corpus


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
