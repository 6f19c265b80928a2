"""The shared corpora read whole, every page with its truth."""

from __future__ import annotations

import pytest

from harness.core import FixtureError
from harness.fixtures import open_corpus
from tests.conftest import needs_corpus

pytestmark = pytest.mark.corpus


def test_the_fundus_corpus_reads_whole():
    fundus = needs_corpus("fundus")
    items = list(open_corpus(fundus).pages())
    assert [str(i) for i in items if isinstance(i, FixtureError)] == []
    assert len(items) == 258
