"""Values given for a request never reach a written file, wherever the site echoed them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from harness.shells.cli import main
from tests.http_site import Site

BEARER = "s3cr3t-bearer-0123456789"
TOKEN = "tok-0987654321-abcdef"


@pytest.fixture(scope="module")
def site():
    with Site() as running:
        yield running


def _written(folder):
    return {p: p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def test_echoed_credentials_leave_no_trace_in_any_written_file(site, tmp_path):
    args = ["record", site.base + "/echo", "--out", str(tmp_path), "-H", f"Authorization: Bearer {BEARER}",
            "-H", f"X-Access-Token: {TOKEN}"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    files = _written(tmp_path)
    assert len(files) == 3  # cassette, drafted truth, evidence
    for path, text in files.items():
        assert BEARER not in text and TOKEN not in text, path
    cassette = next(text for path, text in files.items() if path.suffix == ".yaml")
    assert "SCRUBBED-Authorization" in cassette and "SCRUBBED-X-Access-Token" in cassette
    for name in ("X-CSRF-Token", "X-Amz-Security-Token", "X-Access-Token:"):
        assert name not in cassette
    assert "value given with -H 'X-Access-Token'" in result.output
    assert "response header 'X-CSRF-Token'" in result.output


def test_a_kept_header_is_stored_on_purpose(site, tmp_path):
    args = ["record", site.base + "/echo", "--out", str(tmp_path), "-H", f"X-Access-Token: {TOKEN}",
            "--keep-header", "X-Access-Token"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert any(TOKEN in text for text in _written(tmp_path).values())


def test_a_given_value_that_would_still_be_stored_refuses_the_write(tmp_path):
    import datetime as dt

    from harness.authoring.draft import save_drafted
    from harness.authoring.scrub import Secrets
    from harness.core import FixtureError

    page = f"<html><title>Story</title><p>token {TOKEN}</p></html>"
    interactions = [
        {
            "request": {"uri": "https://a.example/s", "method": "GET", "body": None, "headers": {}},
            "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": page}},
        }
    ]
    secrets = Secrets({"X-Access-Token": TOKEN})
    when = dt.datetime(2024, 5, 4, tzinfo=dt.timezone.utc)
    with pytest.raises(FixtureError, match="value given with -H 'X-Access-Token' would still be stored"):
        save_drafted(tmp_path / "s.yaml", interactions, when, force=False, draft=False, secrets=secrets)
    assert _written(tmp_path) == {}
