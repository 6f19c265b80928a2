"""Values given for a request never reach a written file, wherever the site echoed them."""

from __future__ import annotations

import base64

import pytest
from click.testing import CliRunner

from harness.shells.cli import main
from tests.http_site import Site

BEARER = "s3cr3t-bearer-0123456789"
BODY_SECRETS = ("csrf-hidden-5566", "csrf-meta-7788", "acc-tok-9911", "AKIAIOSFODNN7EXAMPLE", "reader.one@mail.example",
                "link-tok-2233")  # fmt: skip
TOKEN = "tok-0987654321-abcdef"
NETRC_LOGIN, NETRC_PASSWORD = "reader-one", "s3cretNetrcPass99"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(scope="module")
def site():
    with Site() as running:
        yield running


def _written(folder):
    return {p: p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def _basic(user, password):
    return base64.b64encode(f"{user}:{password}".encode("latin-1")).decode("ascii")


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """No proxy and no netrc but the test's own (NETRC set to a file that does not exist yet)."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "netrc"))
    return monkeypatch


@pytest.mark.parametrize("route", ["/echo", "/whoami"])  # echoes the Authorization header; shows it decoded
def test_netrc_credentials_requests_sends_leave_no_trace(site, tmp_path, environment, route):
    (tmp_path / "netrc").write_text(f"machine 127.0.0.1 login {NETRC_LOGIN} password {NETRC_PASSWORD}\n")
    result = CliRunner().invoke(main, ["record", site.base + route, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    files = _written(tmp_path / "out")
    assert len(files) == 3
    for path, text in files.items():
        for secret in (NETRC_PASSWORD, f"{NETRC_LOGIN}:{NETRC_PASSWORD}", _basic(NETRC_LOGIN, NETRC_PASSWORD)):
            assert secret not in text, (path, secret)
    cassette = next(text for path, text in files.items() if path.suffix == ".yaml")
    assert "Basic SCRUBBED-netrc-credentials" in cassette  # sent by requests, echoed, replaced
    if route == "/whoami":  # a plain login is not searched alone: it would match page text
        assert f"Signed in as {NETRC_LOGIN} with password SCRUBBED-netrc-credentials" in cassette
    assert "netrc credentials from the environment (" in result.output
    assert NETRC_PASSWORD not in result.output and _basic(NETRC_LOGIN, NETRC_PASSWORD) not in result.output


def test_a_netrc_entry_is_scrubbed_even_when_authorization_is_given(site, tmp_path, environment):
    # requests lets the netrc entry replace an Authorization header given with -H (documented behaviour).
    (tmp_path / "netrc").write_text(f"default login {NETRC_LOGIN} password {NETRC_PASSWORD}\n")
    args = ["record", site.base + "/whoami", "--out", str(tmp_path / "out"), "-H", f"Authorization: Bearer {BEARER}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    texts = _written(tmp_path / "out").values()
    assert any(f"Signed in as {NETRC_LOGIN} with password SCRUBBED-netrc-credentials" in text for text in texts)
    assert not any(NETRC_PASSWORD in text or BEARER in text for text in texts)
    assert "netrc credentials from the environment (" in result.output


def test_proxy_credentials_from_the_environment_leave_no_trace(site, tmp_path, environment):
    # The local site stands in for the proxy: asked "GET http://news.invalid/whoami", it shows the
    # Proxy-Authorization it was sent, decoded. Nothing leaves the machine.
    port = site.server.server_address[1]
    environment.setenv("HTTP_PROXY", f"http://proxy-user:s3cret%40pass@127.0.0.1:{port}")
    result = CliRunner().invoke(main, ["record", "http://news.invalid/whoami", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    files = _written(tmp_path / "out")
    assert len(files) == 3
    for path, text in files.items():
        for secret in ("s3cret@pass", "s3cret%40pass", _basic("proxy-user", "s3cret@pass")):
            assert secret not in text, (path, secret)
    cassette = next(text for path, text in files.items() if path.suffix == ".yaml")
    assert "Proxy user proxy-user with password SCRUBBED-proxy-credentials" in cassette
    assert "request header 'Proxy-Authorization'" in result.output
    assert "proxy credentials from the environment (" in result.output


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
