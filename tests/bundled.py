"""What the bundled-fixture tests share: a mistake a real built-in makes today, asserted plainly."""

from __future__ import annotations

import pytest

from harness import check
from harness.core import bundled_cassettes
from harness.extractors.builtin import BUILTINS


def assert_known_mistake(extractor: str, seen_in: str, fixture: str, check_id: str, mistake: str) -> None:
    """``check_id`` fires for built-in ``extractor`` on bundled ``fixture`` ("site/name"), as it did in
    release ``seen_in``; when it no longer does, the failure says so and what to update. Skipped when
    the extractor is not installed (the registry says which package it needs)."""
    info = next(info for info in BUILTINS.values() if info.name == extractor)
    for module in info.requires:
        pytest.importorskip(module)
    site, name = fixture.split("/")
    report = check([bundled_cassettes() / site], [extractor], clock_check=False)
    assert report.problems == []
    found = {(f.fixture, f.check) for f in report.findings if f.extractor == extractor}
    assert (name, check_id) in found, (
        f"{extractor} {info.version()} no longer {mistake} on {fixture} (it did in {seen_in}), so {check_id} "
        "did not fire. If the extractor fixed it, update KNOWN_MISTAKES and the README."
    )
