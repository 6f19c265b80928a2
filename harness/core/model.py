"""The model types: pages, expectations, fixtures, extractions, findings and run results.

All are frozen dataclasses. An expectation keeps which fields its truth speaks
to (`labelled`): a field that is absent means "silent" and the checks that
need it do not run, while ``None`` or ``()`` means "the page has none".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping
    from pathlib import Path

__all__ = [
    "SEVERITIES",
    "WIRE_HEADERS",
    "Decoy",
    "Expectation",
    "Extraction",
    "Finding",
    "Fixture",
    "Page",
    "RunResult",
    "Severity",
    "Snippet",
    "SnippetKind",
    "Status",
    "header",
]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: What a must_not_contain snippet is: sponsored ones are body.sponsored_leak, the paywall's own text
#: body.paywall_text, every other kind body.boilerplate_leak.
SnippetKind = Literal[
    "sponsored", "related", "navigation", "newsletter", "caption", "comments", "cookie", "paywall", "other"
]
#: How one extractor's run on one page ended; "missing" is a saved prediction with no entry for the page.
Status = Literal["ok", "error", "timeout", "missing", "not-covered"]


#: Headers that describe the bytes on the wire (compression, length), not the decoded text stored.
WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@dataclass(frozen=True)
class Page:
    """One recorded HTTP exchange (the last of a redirect chain) and its decoded body."""

    url: str
    status: int
    headers: Mapping[str, tuple[str, ...]] = field(repr=False)
    html: str = field(repr=False)
    captured_at: dt.datetime | None = None
    #: The cassette's interactions as vcrpy reads them, for replaying fetching scrapers.
    interactions: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)

    def header(self, name: str) -> str | None:
        """The first value of a response header, matched case-insensitively."""
        return header(self.headers, name)

    @property
    def requested_url(self) -> str:
        """The URL first asked for: the start of the redirect chain (``url`` where there was none)."""
        return str(self.interactions[0]["request"]["uri"]) if self.interactions else self.url

    def stored_headers(self) -> list[tuple[str, str]]:
        """The response headers as (name, value) pairs, without those that describe the bytes on the
        wire (:data:`WIRE_HEADERS`): what goes with the stored, decoded text."""
        return [(k, v) for k, values in self.headers.items() if k.lower() not in WIRE_HEADERS for v in values]


def header(headers: Mapping[str, Any], name: str) -> str | None:
    """The first value of an HTTP header (a string or a sequence of them), matched case-insensitively."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            values = value if isinstance(value, (list, tuple)) else [value]
            return str(values[0]) if values else None
    return None


@dataclass(frozen=True)
class Snippet:
    """A must_not_contain snippet: text that must not appear in the body, and what it is."""

    text: str
    kind: SnippetKind


@dataclass(frozen=True)
class Decoy:
    """A date on the page that looks like the answer but is not (a teaser time, a copyright year)."""

    text: str
    value: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Expectation:
    """The truth for one page (expected.schema.json)."""

    url: str
    captured_at: dt.datetime
    timezone: str
    is_article: bool = True
    site_name: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    body: str | None = None
    #: False for a page that shows only a teaser without a subscription (``body`` is then the
    #: visible teaser); None when the truth is silent (see ``knows("free_access")``).
    free_access: bool | None = None
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[Snippet, ...] = ()
    decoy_authors: tuple[str, ...] = ()
    decoy_dates: tuple[Decoy, ...] = ()
    tags: tuple[str, ...] = ()
    reviewed: bool = True
    #: False when nobody knows when the page was recorded: ``captured_at`` is then the latest
    #: date the page states, and the checks that use it say so.
    captured_at_known: bool = True
    #: False when the truth names no timezone: ``timezone`` is then "UTC", and days are read
    #: in the page's own offsets instead.
    timezone_known: bool = True
    #: The keys the truth speaks to; a field not named here is silent.
    labelled: frozenset[str] = frozenset()
    #: The document as read, so that saving it back loses nothing.
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def knows(self, name: str) -> bool:
        """Whether the truth speaks to field ``name`` (absent keys are silent)."""
        return name in self.labelled


@dataclass(frozen=True)
class Fixture:
    """A page and its expectation, as found on disk."""

    name: str
    page: Page
    expectation: Expectation = field(repr=False)
    cassette_path: Path | None = None
    expectation_path: Path | None = None

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis prints failing examples with its pretty-printer, which shows every
        # dataclass field: a whole page of HTML. The name and URL say which page it is.
        printer.text(f"Fixture({self.name!r}, url={self.page.url!r})")


@dataclass(frozen=True)
class Extraction:
    """What an extractor returned for a page, in the normalized shape (extraction.schema.json).

    ``None`` means the extractor did not produce the field.
    """

    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: str | None = None
    modified: str | None = None
    body: str | None = None
    language: str | None = None
    #: What the extractor says of the page's access: False for a paywalled article (a teaser only).
    free_access: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The extraction as JSON-ready data, in the schema's shape."""
        return {
            "title": self.title,
            "authors": list(self.authors) if self.authors is not None else None,
            "published": self.published,
            "modified": self.modified,
            "body": self.body,
            "language": self.language,
            "free_access": self.free_access,
            "extra": dict(self.extra),
        }


@dataclass(frozen=True)
class Finding:
    """One defect (or note) a check found in one extractor's result for one fixture."""

    fixture: str
    extractor: str
    check: str
    severity: Severity
    field: str | None
    message: str
    expected: Any = None
    actual: Any = None
    evidence: str | None = None
    #: Set when the truth audit doubts the truth this finding rests on: what the page says instead.
    truth_suspect: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return {
            "fixture": self.fixture,
            "extractor": self.extractor,
            "check": self.check,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "evidence": self.evidence,
            "truth_suspect": self.truth_suspect,
        }


@dataclass
class RunResult:
    """One extractor's result on one fixture: what it returned, what the checks found, how it ended."""

    fixture: str
    extractor: str
    extraction: Extraction | None
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    status: Status = "ok"
