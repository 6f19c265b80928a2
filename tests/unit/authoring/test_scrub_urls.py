"""Secrets in addresses: path parameters, token-like path segments and query values; ids and slugs stay."""

from __future__ import annotations

import pytest

from harness.authoring.record import _scrub_url
from harness.authoring.scrub import token_like


@pytest.mark.parametrize(
    ("uri", "expected", "what"),
    [
        ("https://a.example/news/bridge;jsessionid=A1B2C3?x=1", "https://a.example/news/bridge;jsessionid=SCRUBBED?x=1",
         ["path parameter 'jsessionid'"]),
        ("https://a.example/auth/cb/eyJhbGciOiJIUzI1NiJ9AbCdEf123/", "https://a.example/auth/cb/SCRUBBED/",
         ["token-like path segment"]),
        ("https://a.example/s?state=Zx81kQp0LmN3vB7yT2rW9sHj&page=2", "https://a.example/s?state=SCRUBBED&page=2",
         ["query parameter 'state'"]),
        ("https://a.example/go/2?token=s3cr3t&utm_source=x", "https://a.example/go/2?token=SCRUBBED&utm_source=x",
         ["query parameter 'token'"]),
    ],
)  # fmt: skip
def test_secrets_in_addresses_are_scrubbed(uri, expected, what):
    scrubbed: list[str] = []
    assert _scrub_url(uri, scrubbed) == expected
    assert scrubbed == what


@pytest.mark.parametrize(
    "uri",
    [
        "https://a.example/story-2024-10-19-north-korean-troops",
        "https://a.example/a/5e8f1c2b9a7d4e3f8a6b0c1d2e3f4a5b",  # a lower-case hex id
        "https://a.example/a/3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f",  # a UUID
        "https://a.example/search?q=Bridge%20Repair&page=2",
    ],
)
def test_ids_slugs_and_plain_queries_are_left_exactly_as_they_were(uri):
    scrubbed: list[str] = []
    assert _scrub_url(uri, scrubbed) == uri
    assert scrubbed == []


def test_token_like():
    assert token_like("eyJhbGciOiJIUzI1NiJ9AbCdEf123")
    assert not token_like("NorthKoreanTroopsRussiaUkraine")  # no digit
    assert not token_like("a1B2c3")  # short
