"""Values searched for in what is written: cookies one by one, and credentials requests takes from the environment."""

from __future__ import annotations

import base64

import pytest
import requests.adapters
import requests.utils

from harness.authoring.scrub import (
    NETRC_CREDENTIALS,
    PROXY_CREDENTIALS,
    Secrets,
    environment_secrets,
    leftovers,
)  # fmt: skip

PASSWORD = "s3cretpass"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("latin-1")).decode("ascii")


def _proxy_authorization(proxy: str) -> str:
    """The value requests itself sends to ``proxy`` in Proxy-Authorization, without "Basic "."""
    return requests.adapters.HTTPAdapter().proxy_headers(proxy)["Proxy-Authorization"].removeprefix("Basic ")


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
def test_a_proxy_password_its_pair_and_the_header_requests_sends_are_searched(variable):
    proxy = f"http://user:{PASSWORD}@127.0.0.1:3128"
    found = environment_secrets("http://a.example/story", {variable: proxy})
    assert found == {
        PASSWORD: PROXY_CREDENTIALS,
        f"user:{PASSWORD}": PROXY_CREDENTIALS,
        _proxy_authorization(proxy): PROXY_CREDENTIALS,
    }


def test_the_proxy_for_another_scheme_is_not_searched():
    environ = {"HTTPS_PROXY": f"http://user:{PASSWORD}@proxy.example:3128", "http_proxy": "http://proxy.example:3128"}
    assert environment_secrets("http://a.example/story", environ) == {}
    assert PASSWORD in environment_secrets("https://a.example/story", environ)


def test_a_percent_encoded_proxy_password_is_searched_decoded_and_as_given():
    proxy = "http://proxy-user:s3cret%40pass@127.0.0.1:3128"
    found = environment_secrets("https://a.example/", {"https_proxy": proxy})
    assert {"s3cret@pass", "s3cret%40pass", "proxy-user:s3cret@pass", _proxy_authorization(proxy)} <= set(found)
    assert "proxy-user" not in found  # a plain user name would match page text


def test_proxy_user_names_that_look_like_the_secret_are_searched_and_short_values_never():
    key = "Zx81kQp0LmN3vB7yT2rW9sHj"
    found = environment_secrets("http://a.example/", {"HTTP_PROXY": f"{key}:x@proxy.example:8080"})  # no scheme
    assert key in found and f"{key}:x" in found and "x" not in found
    found = environment_secrets("http://a.example/", {"HTTP_PROXY": "http://ab:pw@proxy.example:8080"})
    assert found == {_b64("ab:pw"): PROXY_CREDENTIALS}  # "pw", "ab" and "ab:pw" are too short to search


def test_environment_secrets_reads_the_process_environment_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    monkeypatch.setenv("ALL_PROXY", f"socks5://user:{PASSWORD}@127.0.0.1:1080")
    assert environment_secrets("https://a.example/")[PASSWORD] == PROXY_CREDENTIALS
    monkeypatch.delenv("ALL_PROXY")
    for name in ("all_proxy", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    assert environment_secrets("https://a.example/") == {}


NETRC = """machine news.example login reader-one password s3cretNetrcPass99
machine api.example login Zx81kQp0LmN3vB7yT2rW9sHj password x
"""


@pytest.mark.parametrize(
    ("url", "login", "password"),
    [
        ("https://news.example/story", "reader-one", "s3cretNetrcPass99"),
        ("https://api.example:8443/v1?q=1", "Zx81kQp0LmN3vB7yT2rW9sHj", "x"),  # an API key as the login
    ],
)
def test_the_netrc_entry_requests_applies_is_searched(monkeypatch, tmp_path, url, login, password):
    (tmp_path / "netrc").write_text(NETRC)
    monkeypatch.setenv("NETRC", str(tmp_path / "netrc"))
    assert requests.utils.get_netrc_auth(url) == (login, password)  # what requests will send
    found = environment_secrets(url)
    assert set(found.values()) == {NETRC_CREDENTIALS}
    assert f"{login}:{password}" in found and _b64(f"{login}:{password}") in found
    assert (password in found) == (len(password) >= 8)
    assert (login in found) == (login != "reader-one")  # a plain login is not searched alone


def test_a_host_without_an_entry_gets_the_default_one_or_nothing(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(NETRC)
    assert environment_secrets("https://other.example/", {"NETRC": str(netrc)}) == {}
    netrc.write_text(NETRC + "default login anonymous password guest-pass-1234\n")
    found = environment_secrets("https://other.example/", {"NETRC": str(netrc)})
    assert "guest-pass-1234" in found and "anonymous" not in found  # "anonymous" is in many news stories


def test_netrc_is_found_under_home_and_an_unparsable_one_is_skipped_like_requests_does(monkeypatch, tmp_path):
    (tmp_path / ".netrc").write_text(NETRC)
    assert "s3cretNetrcPass99" in environment_secrets("https://news.example/", {"HOME": str(tmp_path)})
    (tmp_path / ".netrc").write_text(NETRC.replace("s3cretNetrcPass99", "s3cretNetrcPass99 bogus token"))
    monkeypatch.setenv("NETRC", str(tmp_path / ".netrc"))
    assert requests.utils.get_netrc_auth("https://news.example/") is None  # requests sends nothing
    assert environment_secrets("https://news.example/", {"HOME": str(tmp_path)}) == {}


def test_each_cookie_of_a_cookie_header_is_searched_alone():
    secrets = Secrets({"Cookie": 'sid=abcdef123456; theme=dark; pref="quoted-value-99"'})
    page = "sid abcdef123456, pref quoted-value-99, theme dark"
    assert secrets.scrub(page) == "sid SCRUBBED-Cookie, pref SCRUBBED-Cookie, theme dark"
    assert secrets.summary() == ["value given with -H 'Cookie' (2 places)"]


def test_environment_credentials_are_named_by_kind_never_by_value():
    secrets = Secrets({"X-Access-Token": "tok-0987654321"}, environment={"s3cretNetrcPass99": NETRC_CREDENTIALS,
                                                                          "pw": NETRC_CREDENTIALS})  # fmt: skip
    page = "token tok-0987654321, password s3cretNetrcPass99 and s3cretNetrcPass99, pw"
    scrubbed = secrets.scrub(page)
    assert scrubbed == "token SCRUBBED-X-Access-Token, password SCRUBBED-netrc-credentials and " \
        "SCRUBBED-netrc-credentials, pw"  # fmt: skip
    assert secrets.summary() == [
        "value given with -H 'X-Access-Token' (1 places)",
        "netrc credentials from the environment (2 places)",
    ]
    assert leftovers(secrets, [page]) == ["X-Access-Token", NETRC_CREDENTIALS]
    assert leftovers(secrets, [scrubbed]) == []


def test_a_value_given_with_h_keeps_its_header_name_when_the_environment_has_it_too():
    secrets = Secrets({"Authorization": "Basic cmVhZGVyOnMzY3JldHBhc3M="},
                      environment={"cmVhZGVyOnMzY3JldHBhc3M=": NETRC_CREDENTIALS})  # fmt: skip
    assert secrets.scrub("cmVhZGVyOnMzY3JldHBhc3M=") == "SCRUBBED-Authorization"
    assert secrets.kinds == set()
