"""Secrets kept out of recordings: the values a request was given, and headers named like credentials.

A site can echo what it was sent anywhere: a bearer token in a response
header, a session id in the page, a custom token header in a ``Location``.
So the values given for a request (``-H``, each cookie of a ``Cookie``
header alone too) and the credentials ``requests`` adds from the
environment (a proxy URL's user and password, a netrc entry for the host:
:func:`environment_secrets`) are searched for in everything about to be
written, not only in the header they were sent in, and replaced by a
marker; headers whose names look like credentials are dropped on both
sides. :func:`leftovers` is the last check before a write: a given value
still present refuses the write.
"""

from __future__ import annotations

import base64
import os
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..core import CREDENTIAL_HEADER

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "CREDENTIAL_HEADER", "MIN_SECRET", "NETRC_CREDENTIALS", "PROXY_CREDENTIALS", "REDACTED", "TOKEN_PARAMS",
    "BodyRedactor", "Secrets", "environment_secrets", "leftovers", "token_like",
]  # fmt: skip

#: Header names that carry credentials or sessions, on requests and responses alike.
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


#: The kinds of :func:`environment_secrets`, as the summary and the markers name them.
PROXY_CREDENTIALS = "proxy credentials"
NETRC_CREDENTIALS = "netrc credentials"
#: The variables ``requests`` (through ``urllib.request.getproxies``) takes proxies from, in either case.
_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")
_NETRC_FILES = (".netrc", "_netrc")  # requests.utils.NETRC_FILES


def _basic(user: str, password: str) -> list[str]:
    """The ``user:password`` pair and its base64 forms as a ``Basic`` header carries them (requests encodes
    Latin-1; UTF-8 too, for other clients)."""
    pair = f"{user}:{password}"
    forms = [pair]
    for encoding in ("latin-1", "utf-8"):
        try:
            forms.append(base64.b64encode(pair.encode(encoding)).decode("ascii"))
        except UnicodeEncodeError:
            continue
    return forms


def _credentials(user: str, password: str) -> list[str]:
    """What a user name and password can be found as once sent: the password, the pair, its base64 forms,
    and the user name when it looks like the secret (token-like, or the password is too short to search:
    an API key given as the user name). A plain login ("anonymous", "jane.roe") is not searched alone: it
    would match page text; the pair and its base64 still are."""
    values = [password, *_basic(user, password)]
    if token_like(user) or len(password) < MIN_SECRET:
        values.append(user)
    return values


def _proxy_secrets(scheme: str, environ: Mapping[str, str]) -> list[str]:
    found = []
    for variable in _PROXY_VARIABLES:
        if variable != "all_proxy" and not variable.startswith(f"{scheme}_"):
            continue
        for name in (variable, variable.upper()):
            proxy = environ.get(name, "").strip()
            if not proxy:
                continue
            parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")  # requests assumes http://
            if parts.username is None:
                continue
            raw_user, raw_password = parts.username, parts.password or ""
            user, password = unquote(raw_user), unquote(raw_password)
            found += _credentials(user, password)
            found += [
                v for v in (raw_password, f"{raw_user}:{raw_password}") if v not in (password, f"{user}:{password}")
            ]
    return found


def _netrc_secrets(host: str, environ: Mapping[str, str]) -> list[str]:
    from netrc import NetrcParseError, netrc

    given = environ.get("NETRC")
    home = environ.get("HOME") or os.path.expanduser("~")
    locations = [given] if given is not None else [os.path.join(home, name) for name in _NETRC_FILES]
    path = next((loc for loc in (os.path.expanduser(p) for p in locations) if os.path.exists(loc)), None)
    if path is None:
        return []
    try:
        entry = netrc(path).authenticators(host)  # the host's entry, else the "default" one
    except (NetrcParseError, OSError, UnicodeDecodeError):  # requests skips an unreadable file too
        return []
    if not entry or not any(entry):
        return []
    login, account, password = entry
    return _credentials(login or account or "", password or "")


def environment_secrets(url: str, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The credentials ``requests`` takes from the environment for ``url``, each with its kind.

    * :data:`PROXY_CREDENTIALS`: the user name and password of the proxy URLs for the URL's scheme
      (``HTTP_PROXY`` / ``HTTPS_PROXY``, and ``ALL_PROXY``, in either case), as given and decoded, their
      ``user:password`` pair and its base64 form (the ``Proxy-Authorization`` header's value).
      ``NO_PROXY`` is not consulted: a credential not sent is scrubbed all the same.
    * :data:`NETRC_CREDENTIALS`: the netrc entry for the URL's host (``$NETRC``, else ``~/.netrc`` or
      ``~/_netrc``; the ``default`` entry when the host has none), as ``requests.utils.get_netrc_auth``
      finds it, with its pair and base64 form (the ``Authorization: Basic`` value requests sends; it does
      so even when an ``Authorization`` header was given).

    User names are included only when they look like the secret (see :func:`_credentials`). Values
    shorter than :data:`MIN_SECRET` are left out, as for ``-H`` values.

    Returns:
        Each value mapped to its kind.
    """
    parts = urlsplit(url)
    found: dict[str, str] = {}
    for kind, values in (
        (PROXY_CREDENTIALS, _proxy_secrets(parts.scheme.lower(), environ)),
        (NETRC_CREDENTIALS, _netrc_secrets(parts.hostname, environ) if parts.hostname else []),
    ):
        for value in values:
            if len(value) >= MIN_SECRET:
                found.setdefault(value, kind)
    return found


class Secrets:
    """The values given for a request, each with the header it was given in (or, for a credential taken
    from the environment, its kind), and what was replaced."""

    def __init__(
        self, headers: Mapping[str, str], keep: Iterable[str] = (), environment: Mapping[str, str] | None = None
    ) -> None:
        """``headers``: the request headers given (``--keep-header`` names in ``keep`` are not searched);
        ``environment``: values mapped to their kind, as :func:`environment_secrets` returns them (searched
        whatever ``keep`` says: keeping a header is about what was given, not what the environment added)."""
        kept = {k.lower() for k in keep}
        self.values: dict[str, str] = {}
        for name, value in headers.items():
            if name.lower() in kept:
                continue
            scheme = _SCHEME.match(value.strip())
            secrets = [value.strip(), scheme.group(2) if scheme else ""]
            if name.lower() == "cookie":  # a site may echo one cookie alone
                for cookie in value.split(";"):
                    _, _, cookie_value = cookie.strip().partition("=")
                    secrets += [cookie.strip(), cookie_value.strip(), cookie_value.strip().strip('"')]
            for secret in secrets:
                if len(secret) >= MIN_SECRET:
                    self.values.setdefault(secret, name)
        #: The labels of ``values`` that are kinds of environment credentials, not header names.
        self.kinds: set[str] = set()
        for secret, kind in (environment or {}).items():
            if len(secret) >= MIN_SECRET and secret not in self.values:
                self.values[secret] = kind
                self.kinds.add(kind)
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
        return f"SCRUBBED-{re.sub(r'[^A-Za-z0-9-]', '', name.replace(' ', '-'))}"

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
        """What was replaced, one entry per header or kind: "value given with -H 'X-Token' (3 places)",
        "netrc credentials from the environment (2 places)" (never the value)."""
        return [
            f"{name} from the environment ({count} places)"
            if name in self.kinds
            else f"value given with -H {name!r} ({count} places)"
            for name, count in sorted(self.replaced.items())
        ]


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
