"""Files the harness writes honour the umask: fixtures, snapshots and reports a team shares are
readable by the others (a temporary file's private 0600 used to stay on them)."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner

from harness.shells.cli import main


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_reports_and_imported_fixtures_are_readable_by_the_team(tmp_path, umask_022):
    report = tmp_path / "check.json"
    page = tmp_path / "saved.html"
    page.write_text("<html><head><title>T</title></head><body><p>Words of a story.</p></body></html>")
    out = tmp_path / "cassettes"
    result = CliRunner().invoke(main, ["import", "html", str(page), "--url", "https://www.example.com/news/t",
                                       "--captured-at", "2024-10-19T20:10:00-06:00", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written, "the import wrote nothing"
    assert {oct(_mode(p)) for p in written} == {oct(0o644)}
    from harness.fixtures import write_atomic

    write_atomic(report, json.dumps({"a": 1}))
    assert _mode(report) == 0o644


def test_a_stricter_umask_is_honoured_too(tmp_path):
    from harness.fixtures import write_atomic

    previous = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.json", "{}")
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "private.json") == 0o600
