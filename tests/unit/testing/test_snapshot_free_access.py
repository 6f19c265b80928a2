"""Snapshots keep what an extractor says of free_access, and a change of it is a change."""

from __future__ import annotations

import json

import pytest

from harness.core import Extraction, FixtureError
from harness.testing.snapshots import compare, read_snapshot, write_snapshot


def test_a_snapshot_keeps_free_access_and_a_change_of_it_is_a_change(tmp_path):
    path = tmp_path / "page.json"
    write_snapshot(path, Extraction(body="Teaser.", free_access=False), "metadata", "0.18.0")
    snapshot = read_snapshot(path)
    assert snapshot is not None and snapshot["free_access"] is False
    assert compare(snapshot, Extraction(body="Teaser.", free_access=False)) == []
    [change] = compare(snapshot, Extraction(body="Teaser."))
    assert (change.field, change.detail) == ("free_access", "False became None")


def test_a_snapshot_written_before_free_access_existed_is_not_judged_on_it(tmp_path):
    old = {"extractor": "metadata", "version": "0.17", "title": None, "authors": None, "published": None,
           "modified": None, "body": "Teaser.", "language": None}  # fmt: skip
    assert compare(old, Extraction(body="Teaser.", free_access=False)) == []


def test_a_snapshot_whose_free_access_is_no_boolean_is_refused(tmp_path):
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"body": "Teaser.", "free_access": "no"}), encoding="utf-8")
    with pytest.raises(FixtureError, match="'free_access' is \"no\", not true, false or null"):
        read_snapshot(path)
