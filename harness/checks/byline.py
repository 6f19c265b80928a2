"""Byline checks: missing, incomplete, organizations, decoys, noise, invented authors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core import fold, name_key

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["KNOWN_ORGANIZATIONS", "check_bylines", "noise_reason"]

#: Agencies, networks and desks that bylines credit but that are not people: on wire stories
#: syndicated by local sites, trafilatura 2.3.1 keeps "CNN" as an author and newspaper4k
#: reports "CNN Wire" (the bundled KSL fixture shows the first).
KNOWN_ORGANIZATIONS = frozenset(
    name_key(n)
    for n in (
        "AP",
        "Associated Press",
        "The Associated Press",
        "Reuters",
        "Thomson Reuters",
        "AFP",
        "Agence France-Presse",
        "dpa",
        "Deutsche Presse-Agentur",
        "EFE",
        "ANSA",
        "Kyodo",
        "Kyodo News",
        "Xinhua",
        "PA",
        "PA Media",
        "Press Association",
        "The Canadian Press",
        "Canadian Press",
        "Bloomberg",
        "Bloomberg News",
        "UPI",
        "United Press International",
        "CNN",
        "CNN Wire",
        "CNN Newsource",
        "BBC",
        "BBC News",
        "NPR",
        "Fox News",
        "NBC News",
        "CBS News",
        "ABC News",
        "Staff",
        "Staff reports",
        "Staff Report",
        "Wire",
        "Wire services",
        "News Desk",
        "Web Desk",
        "Editorial Board",
        "The Editorial Board",
        "Newsroom",
        "KNA",
        "epd",
        "APA",
        "SID",
        "Tribune News Service",
        "Gannett",
        "USA TODAY",
        "Sky News",
        "Al Jazeera",
    )
)

_PREFIX = re.compile(
    r"^\s*(by|von|por|par|door|di|av|written by|words by|text:|reporting by|from)\b[:\s]",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(staff writer|staff reporter|reporter|correspondent|editor|columnist|contributor|"
    r"photographer|producer|writer|redakteur(in)?|korrespondent(in)?|autor(in)?)\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|jun(e)?|jul(y)?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?"
)
_DATE = re.compile(
    rf"\d{{1,2}}:\d{{2}}|\b\d{{4}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|"
    rf"\b({_MONTHS})\b\.?\s+\d{{1,2}}\b|\b(a\.?m\.?|p\.?m\.?)$|\b(updated|published|ago)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"https?://|www\.|\S+@\S+\.\w+|^@\w+|\.(com|org|net)\b", re.IGNORECASE)
_UI = re.compile(
    r"\b(profile picture|e-?mail the author|follow|view (all )?(posts|articles)|more from|"
    r"read more|share|subscribe|sign in|log in|avatar|click here|contact)\b",
    re.IGNORECASE,
)
_JOINED = re.compile(r";|\s(and|und|et|y|e|&)\s", re.IGNORECASE)
_MARKUP = re.compile(r"<[a-z/]|&(amp|lt|gt|quot|#\d+);", re.IGNORECASE)


def noise_reason(name: str) -> str | None:
    """Why ``name`` is not a clean person name, or None when it looks clean."""
    text = fold(name)
    checks = (
        (_PREFIX, "keeps a byline prefix"),
        (_MARKUP, "carries HTML markup or an escaped entity"),
        (_CONTACT, "holds a URL, e-mail address or handle"),
        (_UI, "is a UI string"),
        (_DATE, "holds a date or time"),
        (_ROLE, "holds a job title"),
        (_JOINED, "joins several names in one string"),
    )
    for pattern, reason in checks:
        match = pattern.search(text)
        if match:
            return f"{reason} ({match.group(0).strip()!r})"
    if not text:
        return "is empty"
    if len(text) > 60 or len(text.split()) > 6:
        return f"is far too long for a name ({len(text)} characters)"
    if text[0] in ",;:|/-–—" or text[-1] in ",;:|/-–—":
        return "has a stray separator at an end"
    return None


def check_bylines(ctx: CheckContext) -> Iterator[Finding]:
    """Grade the extracted authors against the truth's people, organizations and decoys."""
    truth = ctx.fixture.expectation
    extracted = [a for a in (ctx.extraction.authors or ()) if isinstance(a, str)]
    true_keys = {name_key(a): a for a in truth.authors}
    knows_authors = truth.knows("authors")

    if not extracted:
        if knows_authors and truth.authors:
            yield ctx.finding(
                "byline.missing",
                f"no author extracted; the page credits {_names(truth.authors)}",
                expected=list(truth.authors),
                actual=list(ctx.extraction.authors or []),
            )
        return

    organizations = {name_key(o) for o in truth.organizations} | KNOWN_ORGANIZATIONS
    if truth.site_name:
        organizations.add(name_key(truth.site_name))
    decoys = {name_key(d): d for d in truth.decoy_authors} if truth.knows("decoys") else {}
    unexplained = []
    for name in extracted:
        key = name_key(name)
        if key in true_keys:
            continue
        reason = noise_reason(name)
        joined = [a for k, a in true_keys.items() if k in key]
        if len(joined) > 1:
            reason = f"joins several authors in one string ({_names(joined)})"
        if key in organizations:
            yield ctx.finding(
                "byline.organization",
                f"{name!r} is an organization credited in the byline, not a person",
                expected=list(truth.authors) if knows_authors else None,
                actual=extracted,
            )
        elif key in decoys:
            yield ctx.finding(
                "byline.decoy",
                f"{name!r} is credited elsewhere on the page (a teaser, a card or a caption), not by this article",
                expected=list(truth.authors) if knows_authors else None,
                actual=extracted,
            )
        elif reason:
            yield ctx.finding(
                "byline.noise",
                f"{name!r} {reason}",
                expected=_closest(name, truth.authors),
                actual=name,
            )
        else:
            unexplained.append(name)

    if not knows_authors:
        return
    if unexplained:
        if truth.authors:
            message = f"{_names(unexplained)} not among the page's authors ({_names(truth.authors)})"
        else:
            message = f"the page credits no author, yet {_names(unexplained)} was extracted"
        yield ctx.finding("byline.invented", message, expected=list(truth.authors), actual=extracted)
    found = {name_key(a) for a in extracted}
    missing = [a for key, a in true_keys.items() if key not in found]
    if missing:
        yield ctx.finding(
            "byline.incomplete",
            f"{len(missing)} of {len(true_keys)} authors missing: {_names(missing)}; got {_names(extracted)}",
            expected=list(truth.authors),
            actual=extracted,
        )


def _names(names: object) -> str:
    items = [str(n) for n in names] if isinstance(names, (list, tuple)) else [str(names)]
    quoted = [repr(n) for n in items]
    return ", ".join(quoted) if quoted else "nobody"


def _closest(name: str, truth: tuple[str, ...]) -> str | None:
    key = name_key(name)
    for candidate in truth:
        if name_key(candidate) in key:
            return candidate
    return None
