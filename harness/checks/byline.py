"""Byline checks: missing, incomplete, organizations, decoys, noise, invented authors.

Each extracted author is graded in turn: a true person passes; a person joined to
an organization ("Samy Magdy, Associated Press") is one ``byline.noise`` and the
person counts as found; an organization (an agency, a desk, the page's own
publisher) is ``byline.organization``; a decoy is ``byline.decoy``; a string that
is not a clean name (a prefix, a role, a date, a URL slug, several names, a true
person with more words) is ``byline.noise``; anything else is ``byline.invented``.
A noise string that names true people ("신현주 기자", "Lucy Thornton News",
"lucy-thornton", "Jane Roe and John Doe") counts them as found: the authors were
extracted, untidily, and one finding says so. A truth that lists an organization among
its authors (Fundus credits "Associated Press" on some wire stories) is read as an
organization credit, and one that joins a person to an organization ("srf/hosb")
as the person and the organization: only the truth's people are required.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core import fold, listed, name_key
from .names import CONTACT, ROLE_CJK, noise_reason
from .organizations import organizations_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding, Fixture
    from .catalogue import CheckContext
    from .organizations import Organizations

__all__ = ["check_bylines"]

# -- a true person inside a string that is not clean -------------------------------------------------


@dataclass(frozen=True)
class _Held:
    """A true person found inside a longer author string, and what the string holds besides."""

    person: str
    rest: str
    #: Whether the string is the person's name as a URL slug ("lucy-thornton", "Emma-Mackenzie").
    slug: bool = False


def _held(name: str, people: dict[str, str]) -> _Held | None:
    """The one true person ``name`` holds beside other words ("Lucy Thornton News", "신현주 기자"), or is
    as a URL slug; None when it holds none, or several (a string of several people is a join)."""
    text = fold(name)
    if " " not in text and any(mark in text for mark in "-._"):
        slugs = [p for p in people.values() if _is_slug_of(text, p)]
        if len(slugs) == 1:
            return _Held(slugs[0], "", slug=True)
    # Korean, Japanese and Chinese write a title straight after the name ("신현주기자"): the title
    # is set apart first, so that the name ends where it does.
    spaced = ROLE_CJK.sub(lambda m: f" {m.group(0)} ", text)
    held = []
    for person_key, person in people.items():
        # In the page's spelling where case folding keeps the length ("Lucy Thornton News" keeps
        # "News"), else in the key's ("Straße" is "strasse" there).
        for where in (spaced, name_key(spaced)):
            match = re.search(_key_pattern(person_key), where, re.IGNORECASE)
            if match:
                rest = (where[: match.start()] + " " + where[match.end() :]).strip(" ,;:|/-–—")
                held.append(_Held(person, " ".join(rest.split())))
                break
    return held[0] if len(held) == 1 else None


def _key_pattern(key: str) -> str:
    """A pattern that finds the name whose :func:`~harness.core.name_key` is ``key`` as a page writes
    it: in any case, an initial with or without its stop, a whole word."""
    words = [re.escape(w) + (r"\.?" if len(w) == 1 else "") for w in key.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _slug(name: str) -> str:
    """``name`` as a site writes it in an author page's address: "Seán O'Murchú" is "sean-omurchu"."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", fold(name)) if not unicodedata.combining(ch))
    return "-".join(re.findall(r"[^\W_]+", re.sub(r"['’]", "", bare.casefold())))


def _is_slug_of(text: str, person: str) -> bool:
    """Whether ``text`` is ``person``'s slug or handle, in any case: words joined by hyphens, dots or
    underscores ("lucy-thornton", "Sauli.giliard"), or a slug with a number a site adds ("madeline-fry-2")."""
    slug, mine = _slug(person), re.sub(r"[._]", "-", text.casefold())
    return "-" in slug and (mine == slug or re.fullmatch(rf"{re.escape(slug)}-\d+", mine) is not None)


# -- a person and an organization in one string -------------------------------------------------

#: Where a person and an organization meet in one string.
_JUNCTION = re.compile(r"\s*[,|/–—]\s*|\s+-\s+|\s+")
#: Words no person's name starts with: what follows an organization that is not a person.
_NOT_A_NAME = frozenset({"in", "at", "for", "of", "from", "with", "via", "the", "and", "und", "et", "y", "e",
                         "og", "der", "die", "das", "le", "la", "les", "el"})  # fmt: skip


@dataclass(frozen=True)
class _Joined:
    """A person and an organization in one author string."""

    person: str
    organization: str


def _person_and_organization(name: str, organizations: Organizations, people: dict[str, str]) -> _Joined | None:
    """The person and the organization ``name`` joins ("Samy Magdy, Associated Press", "Jane Roe/AP",
    "John O'connor The Associated Press"), or None. Where several splits fit, the one naming a true
    person wins, then one at a separator, then a person of two or more words, then a named (not
    merely desk-shaped) organization, then the longer organization."""
    text = fold(name)
    best: tuple[tuple[bool, bool, bool, bool, int], _Joined] | None = None
    for match in _JUNCTION.finditer(text):
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        spaced = not match.group(0).strip()
        # A space alone joins a name to the organization after it ("John O'connor The Associated
        # Press"); read the other way round, what follows an organization is rarely a person
        # ("The Washington Times https", "Mediaindonesia Com Developer").
        pairs = ((left, right),) if spaced else ((left, right), (right, left))
        for person, org in pairs:
            if not _fits(person, org, spaced, organizations):
                continue
            rank = (
                name_key(person) in people,
                not spaced,
                len(person.split()) >= 2,
                organizations.is_named(org),
                len(org),
            )
            if best is None or rank > best[0]:
                best = (rank, _Joined(person, org))
    return best[1] if best else None


def _fits(person: str, org: str, spaced: bool, organizations: Organizations) -> bool:
    """Whether ``person`` + ``org`` is a plausible split: an organization beside something that
    could be one person's name. Joined by a space alone, the person must be two or more words and
    the organization several words or an acronym beside a name not in capitals (so "Ana Pa" is
    not Ana + PA, nor "von APA" a person "von")."""
    if not person or not org or re.search(r"[,;|/]", person) or not any(ch.isalpha() for ch in person):
        return False
    if person.split()[0].casefold() in _NOT_A_NAME:
        return False
    if not organizations.is_one(org) or organizations.contains(person):
        return False
    if not spaced:
        return True
    return len(person.split()) >= 2 and (len(org.split()) >= 2 or (org.isupper() and not person.isupper()))


# -- the check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Credits:
    """Who the truth and the page credit: the people to find, and every organization."""

    people: dict[str, str]  # name_key -> the truth's spelling
    #: What the page credits or is, the truth's organization credits named, web addresses not counted.
    organizations: Organizations
    #: Truth authors that are organizations ("Associated Press"): credits, not people to find.
    credited: list[str]
    decoys: dict[str, str]


def _credits(fixture: Fixture) -> _Credits:
    truth = fixture.expectation
    organizations = organizations_of(fixture)
    credited = [a for a in truth.authors if organizations.contains(a)]
    # A web address the truth lists as an author is the site credited ("ntv.com.tr"); one an extractor
    # returns is noise (a share link "www.facebook.com", an author page "chus-del-pino.html") unless it
    # names the page's publisher or host, so once the truth's credits are named, a bare web address
    # counts as an organization only by name.
    organizations = organizations.crediting(credited).without_web_addresses()
    # A truth author that joins a person to an organization ("srf/hosb": SRF the broadcaster, hosb a
    # journalist's sign) is read as extracted strings are: the person is required, the organization
    # is one more credit. One word in capitals after an agency is its dateline ("AFP, MANILA"): the
    # agency is credited and no person is named.
    people: dict[str, str] = {}
    joined_to = []
    for author in list(truth.authors):
        if author in credited:
            continue
        joined = _person_and_organization(author, organizations, {})
        if joined and " " not in joined.person and joined.person.isupper():
            credited.append(author)
            joined_to.append(joined.organization)
            continue
        if joined:
            joined_to.append(joined.organization)
        person = joined.person if joined else author
        people[name_key(person)] = person
    organizations = organizations.crediting(joined_to)
    decoys = {name_key(d): d for d in truth.decoy_authors} if truth.knows("decoys") else {}
    return _Credits(people, organizations, credited, decoys)


def check_bylines(ctx: CheckContext) -> Iterator[Finding]:
    """Grade the extracted authors against the truth's people, organizations and decoys."""
    truth = ctx.fixture.expectation
    extracted = [a for a in (ctx.extraction.authors or ()) if isinstance(a, str)]
    knows_authors = truth.knows("authors")
    if not extracted and not (knows_authors and truth.authors):
        return
    credits = _credits(ctx.fixture)
    people = credits.people

    if not extracted:
        if people:
            yield ctx.finding(
                "byline.missing",
                f"no author extracted; the page credits {_names(list(people.values()))}",
                expected=list(truth.authors),
                actual=list(ctx.extraction.authors or []),
            )
        return

    found = {name_key(a) for a in extracted}
    unexplained = []
    for name in extracted:
        if name_key(name) in people:
            continue
        finding = _grade(ctx, name, extracted, credits, found)
        if finding is None:
            unexplained.append(name)
        else:
            yield finding

    if not knows_authors:
        return
    if unexplained:
        yield ctx.finding(
            "byline.invented",
            _invented_message(unexplained, list(people.values()), credits.credited),
            expected=list(truth.authors),
            actual=extracted,
        )
    missing = [a for key, a in people.items() if key not in found]
    if missing:
        yield ctx.finding(
            "byline.incomplete",
            f"{len(missing)} of {len(people)} authors missing: {_names(missing)}; got {_names(extracted)}",
            expected=list(truth.authors),
            actual=extracted,
        )


def _grade(ctx: CheckContext, name: str, extracted: list[str], credits: _Credits, found: set[str]) -> Finding | None:
    """The finding for one extracted author who is not a true person, or None when nothing explains
    it (an invented author). A person found inside a joined string is added to ``found``."""
    truth = ctx.fixture.expectation
    expected = list(truth.authors) if truth.knows("authors") else None
    key = name_key(name)
    joined = _person_and_organization(name, credits.organizations, credits.people)
    # A URL-shaped author ("www.dailystar.co.uk") stays noise even where it names the publisher's
    # host, unless the truth itself credits it ("ntv.com.tr"). A brand that is a bare address
    # ("mdr.de", "STERN.de" on its own site) is the publisher credited, as the page credits it.
    url_shaped = bool(CONTACT.search(fold(name))) and all(name_key(c) != key for c in credits.credited)
    if joined and name_key(joined.person) in credits.people:
        found.add(name_key(joined.person))
        return _joined_finding(ctx, name, joined, truth.authors)
    if credits.organizations.contains(name) and not url_shaped:
        return ctx.finding(
            "byline.organization",
            f"{name!r} is an organization credited in the byline, not a person",
            expected=expected,
            actual=extracted,
        )
    if key in credits.decoys:
        return ctx.finding(
            "byline.decoy",
            f"{name!r} is credited elsewhere on the page (a teaser, a card or a caption), not by this article",
            expected=expected,
            actual=extracted,
        )
    if joined:
        # Every true person in the person's part counts as found ("Felix Schröder und Jörg Soldwisch, dpa").
        found.add(name_key(joined.person))
        found.update(k for k in credits.people if k in name_key(joined.person))
        return _joined_finding(ctx, name, joined, truth.authors)
    return _noise_finding(ctx, name, credits, found)


def _noise_finding(ctx: CheckContext, name: str, credits: _Credits, found: set[str]) -> Finding | None:
    """The ``byline.noise`` finding for ``name``, or None when it reads as a clean name. Every true
    person inside the string counts as found (added to ``found``): the extractor got them, untidily,
    and the one finding says how; except a one-word person inside a longer name with nothing else
    wrong ("Dan Brown" is not the author "dan" with more words, but "Autor dan" is)."""
    truth = ctx.fixture.expectation
    several = [a for k, a in credits.people.items() if k in name_key(name)]
    if len(several) > 1:
        # They were extracted, only not told apart: the one finding says so, none is missing.
        found.update(name_key(a) for a in several)
        joins = f"joins several authors in one string ({_names(several)})"
        return ctx.finding("byline.noise", f"{name!r} {joins}", expected=_closest(name, truth.authors), actual=name)
    reason = noise_reason(name)
    held = _held(name, credits.people)
    if held and not (reason or held.slug or (held.rest and len(held.person.split()) >= 2)):
        held = None
    if held is None:
        if reason is None:
            part = _part_of(name, credits.people)
            if part is None:
                return None
            reason = f"is part of {part!r}, a true author's name split apart"
            return ctx.finding("byline.noise", f"{name!r} {reason}", expected=part, actual=name)
        return ctx.finding("byline.noise", f"{name!r} {reason}", expected=_closest(name, truth.authors), actual=name)
    found.add(name_key(held.person))
    if reason is None:
        reason = (
            f"is {held.person!r} written as a URL slug or handle"
            if held.slug
            else f"holds {held.person!r} and more: {held.rest!r}"
        )
    return ctx.finding("byline.noise", f"{name!r} {reason}", expected=held.person, actual=name)


def _part_of(name: str, people: dict[str, str]) -> str | None:
    """The true person whose name ``name`` is one word of ("Xiaoying" of "Xiaoying You", when
    "You, Xiaoying" was split at its comma); None for anything longer or shorter than a word."""
    key = name_key(name)
    if " " in key or len(key) < 2:
        return None
    return next(
        (person for person_key, person in people.items() if key in person_key.split() and key != person_key), None
    )


def _joined_finding(ctx: CheckContext, name: str, joined: _Joined, truth: tuple[str, ...]) -> Finding:
    message = (
        f"{name!r} joins a person and an organization in one string ({joined.person!r} and {joined.organization!r})"
    )
    reason = noise_reason(joined.person)
    if reason:
        message += f"; {joined.person!r} {reason}"
    return ctx.finding("byline.noise", message, expected=_closest(joined.person, truth), actual=name)


def _invented_message(unexplained: list[str], people: list[str], credited: list[str]) -> str:
    if people:
        return f"{_names(unexplained)} not among the page's authors ({_names(people)})"
    if credited:
        return f"the page credits no person, only {_names(credited)}, yet {_names(unexplained)} was extracted"
    return f"the page credits no author, yet {_names(unexplained)} was extracted"


def _names(names: object) -> str:
    return listed(names if isinstance(names, (list, tuple)) else [names])


def _closest(name: str, truth: tuple[str, ...]) -> str | None:
    key = name_key(name)
    for candidate in truth:
        if name_key(candidate) in key:
            return candidate
    return None
