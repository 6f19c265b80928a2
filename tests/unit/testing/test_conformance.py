"""The conformance helper for plugin authors."""

from __future__ import annotations

import pytest

from harness.testing import run_conformance_test


def test_a_well_behaved_extractor_conforms():
    run_conformance_test("tests.plugins:oracle")


@pytest.mark.parametrize(
    ("spec", "breach"),
    [
        ("tests.plugins:raises", "extractor.error: raised RuntimeError"),
        ("tests.plugins:calls_home", "extractor.network: tried to reach the network"),
        ("tests.plugins:wrong_types", "schema.invalid: $.title: 42 is not of type"),
        ("tests.plugins:reads_the_clock", "date.clock_dependent: published changed"),
    ],
)
def test_contract_breaches_fail_with_their_findings(spec, breach):
    with pytest.raises(AssertionError) as caught:
        run_conformance_test(spec)
    message = str(caught.value)
    header, *breaches = message.splitlines()
    assert header == f"{len(breaches)} conformance failure(s):"
    assert len(breaches) >= 1
    assert breach in message
    assert "ksltv/north-korean-troops-russia:" in message


def test_an_unknown_extractor_cannot_run():
    with pytest.raises(AssertionError, match="cannot run: Unknown extractor 'nope'"):
        run_conformance_test("nope")
