"""Recording new page fixtures: fetch through vcrpy, decode, scrub, draft the truth, write safely.

``record()`` fetches each URL for real through vcrpy's recording (redirects
followed and kept as a chain), decodes gzip, deflate and brotli bodies and
the page's charset so the stored body is readable text, stamps
``captured_at``, scrubs cookies, credentials (those given and those
``requests`` took from the environment: proxy URLs, netrc) and token-like
query parameters, drafts an expectation from what the installed extractors agree
on, and writes the cassette and its sidecars atomically, never over an
existing fixture unless asked.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..core import FixtureError, header
from ..fixtures import CHARSET, decode_html, existing, fixture_name_for, inside
from .draft import save_drafted
from .scrub import CREDENTIAL_HEADER, TOKEN_PARAMS, BodyRedactor, Secrets, environment_secrets, token_like

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from ..extractors import LoadedExtractor

__all__ = ["DEFAULT_SCRUB_HEADERS", "Recorded", "fetch", "record"]

#: Headers removed from what is recorded (request and response), compared case-insensitively.
DEFAULT_SCRUB_HEADERS = ("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token")
SCRUBBED = "SCRUBBED"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_HTML = re.compile(r"text/html|application/xhtml\+xml", re.IGNORECASE)


@dataclass
class Recorded:
    """What recording one URL produced: the fixture's files, what was scrubbed, or the problem."""

    url: str
    cassette: Path | None = None
    scrubbed: list[str] = field(default_factory=list)
    problem: str | None = None
    interactions: list[dict[str, Any]] = field(default_factory=list, repr=False)
    html: str = field(default="", repr=False)
    secrets: Secrets | None = field(default=None, repr=False)
    captured_at: dt.datetime | None = None


def _scrub_url(uri: str, scrubbed: list[str], keep: frozenset[str] = frozenset()) -> str:
    """``uri`` without its secrets: token-named or token-like query values, path parameters
    (``;jsessionid=…``) and token-like path segments (``/auth/cb/<token>/``)."""
    parts = urlsplit(uri)
    segments = []
    for segment in parts.path.split("/"):
        segment, sep, params = segment.partition(";")
        if params:
            scrubbed.append(f"path parameter {params.split('=')[0]!r}")
            params = ";".join(f"{p.split('=')[0]}={SCRUBBED}" if "=" in p else p for p in params.split(";"))
        if token_like(segment):
            scrubbed.append("token-like path segment")
            segment = SCRUBBED
        segments.append(segment + sep + params)
    pairs = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if value and key.lower() not in keep and (TOKEN_PARAMS.match(key) or token_like(value)):
            scrubbed.append(f"query parameter {key!r}")
            value = SCRUBBED
        pairs.append((key, value))
    path = "/".join(segments)
    if path == parts.path and not any(value == SCRUBBED for _, value in pairs):
        return uri  # nothing to scrub: keep the address exactly as it was
    return urlunsplit(parts._replace(path=path, query=urlencode(pairs) if parts.query else ""))


def _scrub_headers(
    headers: Mapping[str, Any], side: str, names: Sequence[str], scrubbed: list[str], keep: frozenset[str]
) -> dict[str, Any]:
    out = {}
    for key, value in headers.items():
        if key.lower() not in keep and (key.lower() in names or CREDENTIAL_HEADER.search(key)):
            scrubbed.append(f"{side} header {key!r}")
            continue
        out[key] = value
    return out


def _text(body: bytes | str, content_type: str | None) -> tuple[str, str | None]:
    """The body as text, and the charset it was decoded from when that was not UTF-8."""
    if isinstance(body, str):
        return body, None
    try:
        text, charset = decode_html(body, "<response>", content_type)
    except FixtureError:  # keep what can be kept; the draft's reviewer sees the damage
        return body.decode("utf-8", errors="replace"), None
    return text, None if charset == "utf-8" else charset


def _readable(
    interaction: dict[str, Any], names: Sequence[str], scrubbed: list[str], keep: frozenset[str] = frozenset(),
    keep_headers: frozenset[str] = frozenset(),
) -> dict[str, Any]:  # fmt: skip
    """One recorded exchange, scrubbed, with its body as text and its headers to match."""
    request, response = interaction["request"], interaction["response"]
    headers = dict(response.get("headers") or {})
    content_type = header(headers, "content-type")
    text, charset = _text(response["body"]["string"], content_type)
    if charset and content_type:
        # The body is stored (and replayed by vcrpy) as UTF-8: say so, and keep what the site sent.
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        headers["Content-Type"] = [CHARSET.sub("charset=utf-8", content_type)]
        headers["X-Harness-Original-Charset"] = [charset]
    headers = {k: v for k, v in headers.items() if k.lower() not in ("content-length", "content-encoding",
                                                                      "transfer-encoding")}  # fmt: skip
    headers["Content-Length"] = [str(len(text.encode("utf-8")))]
    location = header(headers, "location")
    if location:
        headers = {
            k: ([_scrub_url(location, scrubbed, keep)] if k.lower() == "location" else v) for k, v in headers.items()
        }
    return {
        "request": {
            "body": None,
            "headers": _scrub_headers(request.get("headers") or {}, "request", names, scrubbed, keep_headers),
            "method": request.get("method", "GET"),
            "uri": _scrub_url(request["uri"], scrubbed, keep),
        },
        "response": {
            "body": {"string": text},
            "headers": _scrub_headers(headers, "response", names, scrubbed, keep_headers),
            "status": response["status"],
        },
    }


def fetch(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    headers: Mapping[str, str] | None = None,
    scrub_headers: Sequence[str] = DEFAULT_SCRUB_HEADERS,
    keep_params: Sequence[str] = (),
    keep_headers: Sequence[str] = (),
    body_secrets: bool = True,
    redact: Sequence[str] = (),
) -> Recorded:
    """Fetch ``url`` through vcrpy's recording and return its readable, scrubbed interactions.

    Headers in ``scrub_headers`` or named like credentials (less ``keep_headers``),
    token-like query parameters (:data:`~harness.authoring.scrub.TOKEN_PARAMS`, less ``keep_params``) and
    every value given in ``headers`` or taken by ``requests`` from the environment
    for one of the URLs fetched (proxy credentials, netrc credentials:
    :func:`~harness.authoring.scrub.environment_secrets`), wherever the site
    echoed it, never reach the cassette. With ``body_secrets`` (the default) the page's own secrets are
    redacted too (:class:`~harness.authoring.scrub.BodyRedactor`), and the
    regular expressions in ``redact`` with them.
    """
    import requests
    import vcr
    import yaml

    recorded = Recorded(url)
    with tempfile.TemporaryDirectory(prefix="harness-record-") as folder:
        raw = Path(folder, "raw.yaml")
        recorder = vcr.VCR(record_mode="all", decode_compressed_response=True)
        try:
            with recorder.use_cassette(str(raw)):
                response = requests.get(url, timeout=timeout, headers=dict(headers or {}), stream=True)
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    recorded.problem = f"the page is {int(declared):,} bytes, over the limit of {max_bytes:,}"
                    return recorded
                body = response.content
        except requests.Timeout:
            recorded.problem = f"timed out after {timeout:g} s"
            return recorded
        except requests.RequestException as error:
            recorded.problem = f"could not be fetched: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
            return recorded
        if response.status_code >= 400:
            recorded.problem = f"HTTP {response.status_code} {response.reason}: nothing recorded"
            return recorded
        content_type = response.headers.get("Content-Type", "")
        if not _HTML.search(content_type):
            recorded.problem = f"not an HTML page (Content-Type {content_type or 'missing'!r}): nothing recorded"
            return recorded
        if len(body) > max_bytes:
            recorded.problem = f"the page is {len(body):,} bytes, over the limit of {max_bytes:,}"
            return recorded
        data = yaml.load(raw.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    names = [n.lower() for n in scrub_headers]
    keep = frozenset(p.lower() for p in keep_params)
    kept_headers = frozenset(h.lower() for h in keep_headers)
    readable = [_readable(i, names, recorded.scrubbed, keep, kept_headers) for i in data["interactions"]]
    redactor = BodyRedactor(redact, defaults=body_secrets)
    if body_secrets or redact:
        for item in readable:
            item["response"]["body"]["string"] = redactor.redact(item["response"]["body"]["string"])
    # Every address of the chain: requests applies a redirect target's own netrc entry and proxy.
    environment: dict[str, str] = {}
    for address in [url, *(i["request"]["uri"] for i in data["interactions"])]:
        for value, kind in environment_secrets(address).items():
            environment.setdefault(value, kind)
    recorded.secrets = Secrets(headers or {}, keep_headers, environment)
    recorded.interactions = recorded.secrets.scrub(readable)
    recorded.scrubbed = sorted(set(recorded.scrubbed)) + redactor.summary() + recorded.secrets.summary()
    recorded.html = recorded.interactions[-1]["response"]["body"]["string"]
    recorded.captured_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return recorded


def record(
    urls: Iterable[str],
    out: str | Path,
    *,
    name: str | None = None,
    force: bool = False,
    timeout: float = 10.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    headers: Mapping[str, str] | None = None,
    scrub_headers: Sequence[str] = DEFAULT_SCRUB_HEADERS,
    keep_params: Sequence[str] = (),
    keep_headers: Sequence[str] = (),
    body_secrets: bool = True,
    redact: Sequence[str] = (),
    draft: bool = True,
    extractors: Sequence[LoadedExtractor] | None = None,
    progress: Callable[[int, int | None, str], None] | None = None,
) -> list[Recorded]:
    """Record each URL as a fixture under ``out``; a URL that fails gets its problem, the rest go on.

    ``progress(done, total, url)`` is told of each URL as its turn comes.

    ``extractors`` draft each truth (default: every installed built-in that is not remote).
    """
    results = []
    urls = list(urls)
    for done, url in enumerate(urls, 1):
        if progress is not None:
            progress(done, len(urls), url)
        try:
            cassette = inside(out, f"{name or fixture_name_for(url)}.yaml")
        except FixtureError as error:
            results.append(Recorded(url, problem=str(error)))
            continue
        refusal = None if force else existing(cassette)  # before fetching; checked again when writing
        if refusal is not None:
            results.append(Recorded(url, problem=str(refusal)))
            continue
        recorded = fetch(
            url, timeout=timeout, max_bytes=max_bytes, headers=headers, scrub_headers=scrub_headers,
            keep_params=keep_params, keep_headers=keep_headers, body_secrets=body_secrets, redact=redact,
        )  # fmt: skip
        if recorded.problem is None:
            assert recorded.captured_at is not None
            try:
                recorded.cassette = save_drafted(
                    cassette, recorded.interactions, recorded.captured_at, force=force, draft=draft,
                    secrets=recorded.secrets, extractors=extractors,
                )  # fmt: skip
            except FixtureError as error:
                recorded.problem = str(error)
        results.append(recorded)
    return results
