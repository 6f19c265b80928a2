"""Values given for a request never reach a written file, wherever the site echoed them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from harness.shells.cli import main
from tests.http_site import Site

BEARER = "s3cr3t-bearer-0123456789"
BODY_SECRETS = ("csrf-hidden-5566", "csrf-meta-7788", "acc-tok-9911", "AKIAIOSFODNN7EXAMPLE", "reader.one@mail.example",
                "link-tok-2233")  # fmt: skip
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


def test_the_pages_own_secrets_are_redacted_by_default_and_kept_when_asked(site, tmp_path):
    base = ["record", site.base + "/echo", "-H", f"X-Access-Token: {TOKEN}"]
    result = CliRunner().invoke(main, [*base, "--out", str(tmp_path / "a"), "--redact", r"M-\d{4}-SECRET"])
    assert result.exit_code == 0, result.output
    texts = _written(tmp_path / "a").values()
    for secret in (*BODY_SECRETS, "M-4242-SECRET"):
        assert not any(secret in text for text in texts), secret
    for kind in ("2 × form field or meta tag", "1 × JSON credential", "1 × cloud access key", "1 × e-mail address",
                 "1 × token in a link", "1 × --redact pattern"):  # fmt: skip
        assert f"{kind} in the page" in result.output, kind
    draft = next(text for path, text in _written(tmp_path / "a").items() if path.name.endswith(".expected.json"))
    assert "Jane Roe" in draft  # JSON-LD authors are not credentials
    kept = CliRunner().invoke(main, [*base, "--out", str(tmp_path / "b"), "--keep-body-secrets"])
    assert kept.exit_code == 0, kept.output
    cassette = next(text for path, text in _written(tmp_path / "b").items() if path.suffix == ".yaml")
    assert all(secret in cassette for secret in BODY_SECRETS)


def test_a_bad_redact_pattern_is_one_line(site, tmp_path):
    result = CliRunner().invoke(main, ["record", site.base + "/echo", "--out", str(tmp_path), "--redact", "(unclosed"])
    assert result.exit_code == 2
    assert "--redact '(unclosed' is not a regular expression" in result.output
    assert _written(tmp_path) == {}


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
