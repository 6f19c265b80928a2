"""Secrets kept out of recordings: the values a request was given, and headers named like credentials.

A site can echo what it was sent anywhere: a bearer token in a response
header, a session id in the page, a custom token header in a ``Location``.
So the values given for a request (``-H``) are searched for in everything
about to be written, not only in the header they were sent in, and
replaced by a marker; headers whose names look like credentials are
dropped on both sides. :func:`leftovers` is the last check before a write:
a given value still present refuses the write.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "CREDENTIAL_HEADER", "MIN_SECRET", "REDACTED", "TOKEN_PARAMS", "BodyRedactor", "Secrets", "leftovers", "token_like",
]  # fmt: skip

#: Header names that carry credentials or sessions, on requests and responses alike.
CREDENTIAL_HEADER = re.compile(
    r"auth|token|secret|session|csrf|xsrf|api[-_]?key|signature|cookie|password|credential", re.IGNORECASE
)
#: Shorter values given for a request ("en", "1") are not searched for: they would match page text.
MIN_SECRET = 8
_SCHEME = re.compile(r"^(Bearer|Basic|Token|Digest)\s+(\S+)$", re.IGNORECASE)


def token_like(text: str) -> bool:
    """Does ``text`` look like a random token rather than a word, a slug or an id? A run of 20 or more
    characters, between separators, mixing upper case, lower case and digits."""
    return any(
        len(piece) >= 20 and re.search(r"[a-z]", piece) and re.search(r"[A-Z]", piece) and re.search(r"\d", piece)
        for piece in re.split(r"[-_.~]", text)
    )


class Secrets:
    """The values given for a request, each with the header it was given in, and what was replaced."""

    def __init__(self, headers: Mapping[str, str], keep: Iterable[str] = ()) -> None:
        kept = {k.lower() for k in keep}
        self.values: dict[str, str] = {}
        for name, value in headers.items():
            if name.lower() in kept:
                continue
            scheme = _SCHEME.match(value.strip())
            for secret in (value.strip(), scheme.group(2) if scheme else ""):
                if len(secret) >= MIN_SECRET:
                    self.values[secret] = name
        # Longest first, so that "Bearer abc…" goes before its "abc…".
        self._pattern = (
            re.compile("|".join(re.escape(v) for v in sorted(self.values, key=len, reverse=True)))
            if self.values
            else None
        )
        self.replaced: dict[str, int] = {}

    def _marker(self, match: re.Match[str]) -> str:
        name = self.values[match.group()]
        self.replaced[name] = self.replaced.get(name, 0) + 1
        return f"SCRUBBED-{re.sub(r'[^A-Za-z0-9-]', '', name)}"

    def scrub(self, value: Any) -> Any:
        """``value`` (text, or lists and mappings of it, keys included) with every given value replaced."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self._pattern.sub(self._marker, value)
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if isinstance(value, dict):
            return {self.scrub(k): self.scrub(v) for k, v in value.items()}
        return value

    def summary(self) -> list[str]:
        """What was replaced, one entry per header: "value given with -H 'X-Token' (3 places)"."""
        return [f"value given with -H {name!r} ({count} places)" for name, count in sorted(self.replaced.items())]


def leftovers(secrets: Secrets, texts: Iterable[str]) -> list[str]:
    """The headers whose given value is still in one of ``texts`` (there should be none)."""
    found = {name for value, name in secrets.values.items() for text in texts if value in text}
    return sorted(found)


#: Names of form fields, meta tags and JSON keys that hold credentials ("author" is not one).
_SECRET_NAME = (
    r"(?:csrf|xsrf|token|secret|password|passwd|session[_-]?id|sessionid|api[-_]?key|apikey|"
    r"access[-_]?key|auth(?!or)[a-z_]*|authorization|signature|credential)"
)
_TAG = re.compile(r"<(?:input|meta)\b[^>]*>", re.IGNORECASE)
_TAG_NAMED = re.compile(rf"""\b(?:name|id|property)\s*=\s*["']?[^"'\s>]*{_SECRET_NAME}""", re.IGNORECASE)
_TAG_VALUE = re.compile(r"""(\b(?:value|content)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_JSON_VALUE = re.compile(rf""""([A-Za-z_$-]*{_SECRET_NAME}[A-Za-z_$-]*)"(\s*:\s*)"(?:[^"\\]|\\.)+\"""", re.IGNORECASE)
_ACCESS_KEY = re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}\b")
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@(?!\d+x\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
#: Query parameters that carry credentials or sessions: their values are replaced in addresses
#: and in the page's links alike.
_TOKEN_PARAM_NAMES = (
    r"token|access_token|refresh_token|id_token|api[_-]?key|apikey|key|auth|authorization|sig|signature|"
    r"session|sessionid|sid|password|passwd|secret|client_secret|code|ticket"
)
TOKEN_PARAMS = re.compile(rf"^(?:{_TOKEN_PARAM_NAMES})$", re.IGNORECASE)
_TOKEN_LINK = re.compile(rf"""([?&](?:{_TOKEN_PARAM_NAMES})=)[^&"'\s<>#]+""", re.IGNORECASE)
REDACTED = "REDACTED"


class BodyRedactor:
    """Secrets in a page's own text, redacted by kind, with a count of each."""

    def __init__(self, extra: Iterable[str] = (), *, defaults: bool = True) -> None:
        """``extra``: the caller's own regular expressions; ``defaults=False`` applies only those.

        Raises:
            re.error: a pattern of ``extra`` is not a regular expression.
        """
        self.extra = [re.compile(pattern) for pattern in extra]
        self.defaults = defaults
        self.counts: dict[str, int] = {}

    def _count(self, kind: str, n: int) -> None:
        if n:
            self.counts[kind] = self.counts.get(kind, 0) + n

    def _tag(self, match: re.Match[str]) -> str:
        tag = match.group()
        if not _TAG_NAMED.search(tag):
            return tag
        redacted, n = _TAG_VALUE.subn(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}{m.group(2)}", tag)
        self._count("form field or meta tag", n)
        return redacted

    def redact(self, text: str) -> str:
        """``text`` with credential fields, JSON credentials, access keys, e-mail addresses and token links
        (and the caller's own patterns) replaced."""
        steps: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], str]]] = []
        if self.defaults:
            text = _TAG.sub(self._tag, text)
            steps = [
                ("JSON credential", _JSON_VALUE, lambda m: f'"{m.group(1)}"{m.group(2)}"{REDACTED}"'),
                ("cloud access key", _ACCESS_KEY, lambda m: REDACTED),
                ("e-mail address", _EMAIL, lambda m: "redacted@example.invalid"),
                ("token in a link", _TOKEN_LINK, lambda m: f"{m.group(1)}{REDACTED}"),
            ]
        steps.extend(("--redact pattern", pattern, lambda m: REDACTED) for pattern in self.extra)
        for kind, pattern, replacement in steps:
            text, n = pattern.subn(replacement, text)
            self._count(kind, n)
        return text

    def summary(self) -> list[str]:
        """What was redacted: "2 e-mail addresses in the page"."""
        return [f"{count} × {kind} in the page" for kind, count in sorted(self.counts.items())]
