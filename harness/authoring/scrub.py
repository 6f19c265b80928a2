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
    from collections.abc import Iterable, Mapping

__all__ = ["CREDENTIAL_HEADER", "MIN_SECRET", "Secrets", "leftovers"]

#: Header names that carry credentials or sessions, on requests and responses alike.
CREDENTIAL_HEADER = re.compile(
    r"auth|token|secret|session|csrf|xsrf|api[-_]?key|signature|cookie|password|credential", re.IGNORECASE
)
#: Shorter values given for a request ("en", "1") are not searched for: they would match page text.
MIN_SECRET = 8
_SCHEME = re.compile(r"^(Bearer|Basic|Token|Digest)\s+(\S+)$", re.IGNORECASE)


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
