"""What an organization is, decided once, for the byline checks and the truth audit alike.

A byline credits people and organizations. An organization is one the truth
lists as such, the page's own publisher (its JSON-LD publisher, og:site_name
and the like, whole or in parts; the truth's site name; the page's host, as
trafilatura reads "nieuwsblad.be" into "Nieuwsblad Be"; the initials of its
name, "TPN" for The Portugal News), the page's copyright holder ("Condé Nast"
on The New Yorker), a news agency or
network (:data:`KNOWN_ORGANIZATIONS`), a desk or team ("TMZ Staff", "BR24
Redaktion", "Guardian staff reporter"), a company ("Nikkei Inc"), a web
address ("ndr.de"), one of these reporting from a place ("Associated Press
in Valencia"), or several of them joined ("Le Figaro et AFP").
:func:`organizations_of` gathers what one page credits or is, and
:meth:`Organizations.reason` says why a name is an organization.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..core import fold, name_key
from .page import html_facts

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from ..core import Fixture
    from .page import Stated

__all__ = [
    "KNOWN_ORGANIZATIONS",
    "WEB_ADDRESS",
    "Organizations",
    "org_key",
    "organization_reason",
    "organizations_of",
]

#: Agencies, networks and desks that bylines credit but that are not people: on wire stories
#: syndicated by local sites, trafilatura 2.3.1 keeps "CNN" as an author and newspaper4k
#: reports "CNN Wire" (the bundled KSL fixture shows the first). Keys are :func:`~harness.core.name_key`s.
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
        # Agencies the Fundus truth credits as authors (Swiss, Turkish) and their neighbours.
        "SDA",
        "Keystone-SDA",
        "Anadolu Agency",
        "Anadolu Ajansı",
        "AAP",
        "Australian Associated Press",
        "Europa Press",
        "Lusa",
        "Belga",
        "ANP",
        "NTB",
        "Ritzau",
        "TASS",
        "Interfax",
        "Yonhap",
        "Jiji Press",
        "Press Trust of India",
        "PTI",
        "IANS",
        "Agencies",
        "Agenturen",
        "Staff and agencies",
        # Germany's public broadcasters, by full and short name: goose3 reads WDR's app banner
        # (<meta name="smartbanner:author" content="Westdeutscher Rundfunk">) as the author.
        "ARD",
        "ZDF",
        "WDR",
        "Westdeutscher Rundfunk",
        "NDR",
        "Norddeutscher Rundfunk",
        "BR",
        "Bayerischer Rundfunk",
        "SWR",
        "Südwestrundfunk",
        "MDR",
        "Mitteldeutscher Rundfunk",
        "HR",
        "Hessischer Rundfunk",
        "RBB",
        "Rundfunk Berlin-Brandenburg",
        "SR",
        "Saarländischer Rundfunk",
        "Radio Bremen",
        "Deutschlandfunk",
        "Deutschlandradio",
        "Deutsche Welle",
        # Newspapers that partner sites credit as a source: Wochenblatt (Paraguay) signs a piece taken
        # from Última Hora "Wochenblatt / Última Hora". The page's "Publisher / Name" alone cannot tell
        # a partner from a person ("MDR/David Straub", "Tobias Költzsch/Golem.de" credit people).
        "Última Hora",
    )
)

#: Desks and teams: "TMZ Staff", "Yomiuri Shimbun Staff Writers", "Gear Team", "News Desk", "BR24
#: Redaktion", "IN-Redaktion", "Redaktion hessenschau.de", "The Editors", "Editorial Board". No
#: separator inside: "Jane Roe, TMZ Staff" is a person joined to a desk.
_DESK = re.compile(
    r"^(?:[^,;|/]*[\s-])?(?:staff|staff writers|staff reporters|desk|newsroom|team|redaktion|editors"
    r"|editorial board|wires?|agencies)$"
    r"|^redaktion\s[^,;|/:]+$"
    r"|^(?:the editors|(?:the )?editorial board|agencies|wire services)(?:\s+\S+){0,2}$"
    # A site's generic desk account standing alone ("Nachrichten" on py_Wochenblatt: "News"), or one
    # word and such a word ("israel news", the account of Israel Nachrichten).
    r"|^(?:\w+\s)?(?:news|nachrichten|noticias|actualités|notizie|nieuws|nyheter|wiadomości|haberler)$",
    re.IGNORECASE,
)
#: "Guardian staff reporter": a staff member credited by the desk's name, which is a desk credit after
#: one word or the page's publisher, and a job title after a person's name ("Jane Roe Staff Writer").
_STAFF_MEMBER = re.compile(r"^(?P<org>[^,;|/]+?)[\s-]+staff[\s-](?:writer|reporter)$", re.IGNORECASE)
#: Company forms no person's name ends with: "Nikkei Inc", "Frankfurter Allgemeine Zeitung GmbH".
_LEGAL_FORM = re.compile(r"\s(?:(?i:gmbh|inc|ltd|llc|plc|corp)|AG|KG)\.?$")
#: A bare web address (match it against folded text): "ndr.de", "mbl.is", "www.dailystar.co.uk". The
#: last label in lowercase, so an initial glued to a surname ("J.Smith") is not one.
WEB_ADDRESS = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$")
#: "Associated Press in Valencia": an organization reporting from a place.
_FROM_PLACE = re.compile(r"^(?P<org>.+?)\s+in\s+(?P<place>\S.*)$")
#: Separators between parts of a publisher's name ("Freie Presse - Chemnitzer Verlag …").
_PUBLISHER_PARTS = re.compile(r"\s+[-–—|:]\s+")
#: What joins several credits in one string: "Le Figaro et AFP", "dpa/AFP", "Reuters and agencies".
_JOIN = re.compile(r"\s*(?:[,;|/&+]|\s(?:and|und|et|y|e|with|mit)\s)\s*", re.IGNORECASE)
#: A word of a name, for its initials ("Rundfunk Berlin-Brandenburg" is three words).
_WORD = re.compile(r"[^\W\d_][\w'’]*")
#: A company form a copyright holder ends with ("Hankook Ilbo Co", "Anglopress Lda", "Mediehuset
#: Nettavisen AS"), or the first letter of one cut at its stop ("Mediahuis Luxembourg S" of "S.A.").
_HOLDER_FORM = re.compile(
    r"[\s,]+(?:co|inc|ltd|llc|lda|gmbh|ag|as|plc|corp|sa|nv|sl|limited|[^\W\d_])\.?$", re.IGNORECASE
)

_DESK_REASON = "it names a desk or team, not a person"
_WEB_REASON = "it is a web address, not a person"


def org_key(name: str) -> str:
    """The key organizations are compared by: name_key with dots, hyphens and slashes as spaces and
    a leading "The" or "www" dropped, so "The Independent" is "Independent" and "Nieuwsblad Be"
    (trafilatura's reading of the host) is "nieuwsblad.be"."""
    key = re.sub(r"[\s._/\-]+", " ", name_key(name)).strip()
    return re.sub(r"^(?:the|www)\s+", "", key)


@dataclass(frozen=True)
class Organizations:
    """The organizations one page credits or is, and the rule that tells the others by their shape."""

    #: Each named organization's :func:`org_key`, and why it is one.
    named: Mapping[str, str]
    #: Whether a bare web address counts as an organization (the site credited).
    web_addresses: bool = True

    def reason(self, name: str) -> str | None:
        """Why ``name`` is an organization rather than a person, or None when nothing says so."""
        text = fold(name)
        if not name_key(text):
            return None
        single = self._single(text)
        if single:
            return single
        parts = [p.strip() for p in _JOIN.split(text) if p.strip()]
        if len(parts) > 1 and all(self._single(p) for p in parts):
            return f"it joins organizations ({', '.join(repr(p) for p in parts)})"
        return None

    def contains(self, name: str) -> bool:
        """Whether ``name`` credits an organization (see :meth:`reason`)."""
        return self.reason(name) is not None

    def is_one(self, name: str) -> bool:
        """Whether ``name`` is one organization (not several joined, nor one in a place): what may
        stand beside a person in one author string."""
        return self._one(fold(name)) is not None

    def is_named(self, name: str) -> bool:
        """Whether ``name`` is a named organization, not one merely shaped like a desk or company."""
        return org_key(name) in self.named

    def crediting(self, names: Iterable[str]) -> Organizations:
        """These organizations and ``names``, credited by the truth as organizations, named too."""
        named = dict(self.named)
        for name in names:
            _name(named, name, "the truth credits it as an organization")
        return dataclasses.replace(self, named=named)

    def without_web_addresses(self) -> Organizations:
        """These organizations, a bare web address no longer one unless it is named."""
        return dataclasses.replace(self, web_addresses=False)

    def _single(self, text: str) -> str | None:
        one = self._one(text)
        if one:
            return one
        place = _FROM_PLACE.match(text)
        if place and self._one(place["org"]):
            return f"it names {place['org']!r} reporting from {place['place']!r}"
        return None

    def _one(self, text: str) -> str | None:
        named = self.named.get(org_key(text))
        if named:
            return named
        if _DESK.match(text):
            return _DESK_REASON
        member = _STAFF_MEMBER.match(text)
        if member and (len(member["org"].split()) == 1 or org_key(member["org"]) in self.named):
            return _DESK_REASON
        form = _LEGAL_FORM.search(text)
        if form and len(text.split()) >= 2:
            return f"it is a company ({form.group(0).strip()!r})"
        if self.web_addresses and WEB_ADDRESS.match(text):
            return _WEB_REASON
        words = text.split()
        # A named organization and its region in capitals ("MDR THÜRINGEN", "MDR SACHSEN-ANHALT").
        if len(words) >= 2 and words[-1].isupper() and len(words[-1]) >= 4:
            regional = self.named.get(org_key(" ".join(words[:-1])))
            if regional:
                return f"{regional}, in one of its regions ({words[-1]!r})"
        # The site's own account, named after it with a letter added ("Ilanga D" on Ilanga's pages,
        # linked to /author/admin/). A person's surname is more than a letter ("Elle Hunt" on Elle).
        if len(words) >= 2 and len(words[-1].rstrip(".")) == 1:
            stem = org_key(" ".join(words[:-1]))
            # The name itself ("Ilanga") or the first words of one ("Ilanga News").
            hit = self.named.get(stem) or next((r for k, r in self.named.items() if k.startswith(stem + " ")), None)
            if hit:
                return f"{hit}, with a letter added (the site's own account)"
        return None


def organizations_of(fixture: Fixture) -> Organizations:
    """The organizations ``fixture``'s page credits or is: the truth's organizations and site name, the
    page's publisher (whole and in parts), the known agencies and desks, and the page's own host."""
    truth = fixture.expectation
    return _page_organizations(fixture.page.html, fixture.page.url, truth.authors, truth.organizations, truth.site_name)


@functools.lru_cache(maxsize=32)
def _page_organizations(
    html: str, url: str, authors: tuple[str, ...], organizations: tuple[str, ...], site_name: str | None
) -> Organizations:
    """:func:`organizations_of` by what it reads, so that a page is read once, not once per extractor
    graded on it (the result is frozen and shared: :meth:`Organizations.crediting` copies)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    hosts = [host, host.split(".", 1)[1]] if host.count(".") >= 2 else [host] if host else []
    facts = html_facts(html)
    # A blog's "© 2024 Jane Roe" names its author: a holder the truth lists as an author is left to
    # the truth, so that a person is never made an organization by owning the page.
    keys = {org_key(a) for a in authors}
    holders = [s for s in facts.copyright_holders if org_key(s.value) not in keys]
    return _organizations(facts.publishers, organizations, site_name, hosts, holders)


def organization_reason(
    name: str, *, publishers: Sequence[Stated] = (), organizations: Iterable[str] = (), site_name: str | None = None
) -> str | None:
    """Why ``name`` is an organization rather than a person, given what a page states (``publishers``)
    and its truth (``organizations``, ``site_name``); None when nothing says so."""
    return _organizations(publishers, organizations, site_name, ()).reason(name)


def _organizations(
    publishers: Sequence[Stated],
    organizations: Iterable[str],
    site_name: str | None,
    hosts: Iterable[str],
    holders: Sequence[Stated] = (),
) -> Organizations:
    """The named organizations in the order their reasons are given: what the truth says first, then
    what the page says of itself whole, the known ones, the publisher's parts, the host, the copyright
    holders and the initials of the publisher's names."""
    named: dict[str, str] = {}
    for organization in organizations:
        _name(named, organization, "the truth also lists it among the organizations")
    for stated in publishers:
        _name(named, stated.value, _publisher_reason(stated))
    if site_name:
        _name(named, site_name, f"it is the site's name (site_name {site_name!r})")
    for key in _KNOWN_KEYS:
        named.setdefault(key, "it is a news agency or network")
    for stated in publishers:
        for part in _publisher_parts(stated.value):
            _name(named, part, _publisher_reason(stated))
    for host in hosts:
        _name(named, host, f"it is the page's own host ({host!r})")
    for stated in holders:
        for form in (stated.value, _HOLDER_FORM.sub("", stated.value)):
            _name(named, form, f"it is the page's copyright holder ({stated.source} {stated.value!r})")
    names = [part for stated in (*publishers, *holders) for part in _publisher_parts(stated.value)]
    for name in [*names, *([site_name] if site_name else [])]:
        for initials in _initials(name):
            _name(named, initials, f"it is the initials of the page's publisher ({name!r})")
    return Organizations(named)


#: The :func:`org_key` of each known organization long enough to be named, in the set's own order
#: (computed once: the names are the same on every page).
_KNOWN_KEYS = tuple(key for key in map(org_key, KNOWN_ORGANIZATIONS) if len(key) >= 2)


def _name(named: dict[str, str], name: str, reason: str) -> None:
    key = org_key(name)
    if len(key) >= 2:
        named.setdefault(key, reason)


def _publisher_reason(stated: Stated) -> str:
    return f"it is the page's publisher ({stated.source} {stated.value!r})"


def _initials(name: str) -> list[str]:
    """The initials a publisher signs with: "The Portugal News" is "TPN" and "PN", "Schweizer Radio und
    Fernsehen" is "SRF" (lowercase words skipped); a name of one word has none."""
    words = [w for w in _WORD.findall(name.replace("-", " ")) if w[0].isupper()]
    forms = [words, words[1:] if words and words[0].casefold() == "the" else []]
    return [("".join(w[0] for w in form)).upper() for form in forms if len(form) >= 2]


def _publisher_parts(value: str) -> list[str]:
    """A publisher's parts: "Freie Presse - Chemnitzer Verlag …" names both halves, "Deutsche Welle
    (www.dw.com)" names "Deutsche Welle" and "www.dw.com"."""
    bare = re.sub(r"\s*\([^)]*\)", "", value).strip()
    return [*_PUBLISHER_PARTS.split(value), bare, *re.findall(r"\(([^)]+)\)", value)]
