"""Adapter for Fundus: the hand-written parser of the page's publisher, in the version of the capture date.

Fundus has no generic extractor: each of its publishers (``PublisherCollection``,
grouped by country) has its own parser, in versions valid until a date. The
publisher is the one whose domain (or a former domain Fundus still lists) is
the page's host, ``www.`` aside, or a parent of it (the longest such domain
wins); a page on any other host raises :class:`~harness.core.NotCovered`.
``-e fundus:<country>.<Publisher>`` (``fundus:us.APNews``) forces one publisher
whatever the host (:func:`configured`).

The parser version is the one Fundus's crawler would use for a page crawled
at the capture time (``ParserProxy(crawl_date)``): the harness says it while an
extractor runs (:func:`harness.core.captured_at`), so the clock check's shifted
wall clock does not change the parser; outside a harness run (or for a page
of unknown capture time) it is today, so the latest version. Fundus's crawl
dates are naive UTC, so the day is taken in UTC.

Parsing reads the given HTML only: ``Publisher`` reads its robots.txt lazily,
for crawling, and the parsers never fetch.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from fundus import PublisherCollection

from ...core import NotCovered, UnknownExtractorError, captured_at
from .shape import Raw, blocks_as_paragraphs, keep_unconverted, set_authors, set_timestamp, set_title

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Parsed", "configured", "convert", "extract", "publisher_for", "publisher_named", "read"]


@dataclass(frozen=True)
class Parsed:
    """What one Fundus parser gave for a page."""

    #: ``<country>.<Publisher>``, as ``fundus:`` specs name it.
    publisher: str
    #: The parser version that ran (``V1_1``), chosen by the capture date.
    version: str
    #: Fundus's attributes by name, untouched; those that raised are in ``errors``.
    values: dict[str, Any]
    errors: dict[str, str]


#: The attributes the adapter maps; an error in another (``images``, ``topics``) is no concern of the harness.
_MAPPED = frozenset({"title", "authors", "publishing_date", "body", "free_access"})


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


@cache
def _publishers() -> dict[str, Any]:
    """Every Fundus publisher by ``<country>.<Publisher>``, in Fundus's order."""
    named: dict[str, Any] = {}
    group: Any
    for country, group in PublisherCollection.mapping.items():
        for publisher in group:
            named[f"{country}.{publisher.__name__}"] = publisher
    return named


@cache
def _domains() -> dict[str, str]:
    """The publishers' hosts (domain and deprecated domains, ``www.``-less) to their names."""
    hosts: dict[str, str] = {}
    for name, publisher in _publishers().items():
        for domain in (publisher.domain, *publisher.deprecated_domains):
            hosts.setdefault(_host(domain), name)
    return hosts


def publisher_for(url: str) -> str:
    """The ``<country>.<Publisher>`` whose domain is ``url``'s host or the longest parent of it.

    Raises:
        NotCovered: no Fundus publisher has that host.
    """
    host = _host(url)
    domains = _domains()
    matches = [domain for domain in domains if host == domain or host.endswith(f".{domain}")]
    if not matches:
        msg = (
            f"no Fundus publisher for {host or url!r}: none of its {len(_publishers())} publishers' domains is "
            "that host or a parent of it (force one with -e fundus:<country>.<Publisher>)"
        )
        raise NotCovered(msg)
    return domains[max(matches, key=len)]


def publisher_named(name: str) -> str:
    """``name`` as Fundus spells it (``us.apnews`` gives ``us.APNews``).

    Raises:
        UnknownExtractorError: Fundus has no such publisher, with the nearest name.
    """
    publishers = _publishers()
    by_key = {key.casefold(): key for key in publishers}
    if name.casefold() in by_key:
        return by_key[name.casefold()]
    close = difflib.get_close_matches(name, publishers, n=1)
    hint = f"Did you mean {close[0]!r}? " if close else ""
    countries = sorted({key.partition(".")[0] for key in publishers})
    msg = (
        f"Fundus has no publisher {name!r} (from extractor spec 'fundus:{name}'). {hint}"
        f"Give '<country>.<Publisher>' as Fundus names it, e.g. 'us.APNews'; countries: {', '.join(countries)}."
    )
    raise UnknownExtractorError(msg)


def read(html: str, url: str, *, publisher: str | None = None) -> Raw[Parsed]:
    """Run the parser of ``publisher`` (else the one of ``url``'s host) valid at the capture date."""
    name = publisher or publisher_for(url)
    # The capture time, not the wall clock (see the module's docstring).
    crawl_date = (captured_at() or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).date()
    parser = _publishers()[name].parser(crawl_date)
    # "catch": an attribute whose code raised gives its exception, so the others are kept
    # (Fundus's crawler "suppress"es it to a default instead, which would hide the failure).
    extraction: dict[str, Any] = parser.parse(html, error_handling="catch")
    values = {key: value for key, value in extraction.items() if not isinstance(value, Exception)}
    errors = {
        key: f"{type(value).__name__}: {value}"
        for key, value in extraction.items()
        if key in _MAPPED and isinstance(value, Exception)
    }
    parsed = Parsed(name, type(parser).__name__, values, errors)
    return Raw(
        parsed,
        title=values.get("title"),
        authors=values.get("authors"),
        published=values.get("publishing_date"),
    )


def convert(raw: Raw[Parsed]) -> dict[str, object]:
    """Map Fundus's attributes onto the extraction shape."""
    parsed = raw.source
    result: dict[str, object] = {}
    extra: dict[str, object] = {"fundus_publisher": parsed.publisher, "fundus_parser": parsed.version}
    set_title(result, extra, raw.title)
    set_authors(result, extra, raw.authors)
    # A datetime as the parser gives it: naive where the page states no offset.
    set_timestamp(result, extra, "published", raw.published)
    # Fundus's own plaintext (Article.plaintext) is str(ArticleBody): the summary, then each
    # section's headline and paragraphs, joined by blank lines.
    body = parsed.values.get("body")
    result["body"] = blocks_as_paragraphs(str(body)) if body else None
    # Article.free_access: False where the parser found the page's paywall (or isAccessibleForFree false).
    free_access = parsed.values.get("free_access")
    result["free_access"] = free_access if isinstance(free_access, bool) else None
    if free_access is not None and not isinstance(free_access, bool):
        keep_unconverted(extra, "free_access", [free_access])
    if parsed.errors:
        extra["fundus_errors"] = parsed.errors
    result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run the Fundus parser of ``url``'s publisher on ``html`` and map it onto the extraction shape."""
    return convert(read(html, url))


def configured(argument: str) -> Callable[[str, str], dict[str, object]]:
    """The extractor for spec ``fundus:<country>.<Publisher>``: that publisher's parser on every page.

    Raises:
        UnknownExtractorError: Fundus has no such publisher.
    """
    name = publisher_named(argument)

    def extract_as(html: str, url: str) -> dict[str, object]:
        return convert(read(html, url, publisher=name))

    extract_as.__doc__ = f"Run Fundus's {name} parser on ``html``, whatever the host."
    return extract_as
