"""A fixture is written as one unit: concurrent writers cannot mix, an interrupted overwrite never
pairs a page with another page's truth, and no stale draft evidence survives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.authoring import record
from harness.fixtures import evidence_path, expectation_path, load_fixtures, save_fixture
from harness.fixtures import store as store_module
from tests.http_site import Site

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site():
    with Site() as running:
        yield running


def test_two_concurrent_records_of_one_url_leave_one_consistent_fixture(site, tmp_path):
    url = site.base + "/news/bridge"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen([sys.executable, "-m", "harness", "record", url, "--out", str(tmp_path), "--timeout", "5"],
                         cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(4)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert sum("recorded " in out for out in outputs) == 1, outputs
    assert sum("bridge.yaml: already exists; pass force=True (--force)" in out for out in outputs) == 3, outputs
    loaded = load_fixtures([tmp_path], include_drafts=True)
    assert loaded.problems == []
    [fixture] = loaded.fixtures
    assert fixture.expectation.url == fixture.page.url == url
    assert not list(tmp_path.rglob("*.tmp"))


def test_force_without_a_draft_removes_the_old_evidence(site, tmp_path):
    url = site.base + "/news/bridge"
    [first] = record([url], tmp_path, timeout=5)
    assert evidence_path(first.cassette).exists()
    [second] = record([url], tmp_path, timeout=5, force=True, draft=False)
    assert second.problem is None
    assert not evidence_path(second.cassette).exists()


def test_an_overwrite_killed_between_renames_never_pairs_old_truth_with_a_new_page(tmp_path, monkeypatch):
    cassette = tmp_path / "site" / "story.yaml"
    old = [{"request": {"uri": "https://a.example/story", "method": "GET", "body": None, "headers": {}},
            "response": {"status": {"code": 200, "message": "OK"}, "headers": {},
                         "body": {"string": "<html><title>Old</title></html>"}}}]  # fmt: skip
    truth = {"url": "https://a.example/story", "captured_at": "2024-05-04T10:00:00+00:00", "timezone": "UTC",
             "title": "Old"}  # fmt: skip
    save_fixture(cassette, old, truth)
    new = [dict(old[0], response=dict(old[0]["response"], body={"string": "<html><title>New</title></html>"}))]
    real_replace, calls = os.replace, []

    def dies_after_the_page(source, target):
        if calls:
            raise KeyboardInterrupt  # the kill, after the new page and before its truth
        calls.append(target)
        real_replace(source, target)

    monkeypatch.setattr(store_module.os, "replace", dies_after_the_page)
    with pytest.raises(KeyboardInterrupt):
        save_fixture(cassette, new, dict(truth, title="New"), force=True)
    monkeypatch.undo()
    assert "New" in cassette.read_text(encoding="utf-8")
    assert not expectation_path(cassette).exists()  # the old truth is gone, not paired with the new page
    loaded = load_fixtures([tmp_path])
    assert loaded.fixtures == [] and "no expectation beside it" in loaded.problems[0].reason
    assert not list(tmp_path.rglob("*.tmp"))
