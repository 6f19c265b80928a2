"""What a page says about itself, read once: its visible text, titles, publisher, copyright holder,
bylines and dates.

The organization rule reads the publisher from here (so that "The Independent"
on The Independent's own page is an organization), and the truth audit compares
each truth with what its page states. Every value keeps where it came from,
so a finding can name its evidence ("the page's JSON-LD datePublished is …").
"""

from __future__ import annotations

import functools
import html as html_module
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import (
    ORGANIZATION_TYPES,
    article_node,
    first_value,
    fold,
    jsonld_items,
    meta_key,
    name_key,
    node_names,
    nodes,
    shared_tree,
    squash,
    stated_dates,
    tree_text,
)

if TYPE_CHECKING:
    from ..core import Page
    from .organizations import Organizations

__all__ = ["PageFacts", "PageText", "Stated", "html_facts", "html_tree", "page_facts", "page_tree", "search_key"]

#: <meta> properties and names read, by what they state (the dates are read by core's stated_dates).
_META = {
    "authors": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"),
    "titles": ("og:title", "twitter:title", "dc.title", "parsely-title"),
    "publishers": ("og:site_name", "application-name", "publisher", "dc.publisher"),
}  # fmt: skip
#: A JSON-LD publisher of these types is a person (a personal blog's author), not an organization.
_PERSON = frozenset({"Person"})
#: Class, id, rel or itemprop of an element that holds a byline ("byline", "author-name", rel=author).
_BYLINE_MARK = re.compile(r"byline|author", re.IGNORECASE)
#: Longer than this, a byline-marked element is a container (an author box with a biography), not a byline.
_BYLINE_LIMIT = 200
#: A copyright notice and its holder: "© 2023 Condé Nast. All rights reserved.", "Copyright (c) Condé
#: Nast 2023", "© 2025 The Portugal News - Established 1977", "© Copyright 2025 - Lesotho Times".
#: The holder runs to a full stop, a separator, a line's end or "All rights"; a year (or a span of
#: years) may stand before or after it. A colon does not end a holder: "NRK © 2024 Ansvarlig
#: redaktør: Vibeke Fürst Haugen" names an editor, and runs on past the words a holder may have.
_COPYRIGHT = re.compile(
    r"(?:(?:©|\(c\)|\bcopyright\b)\s*)+"
    r"(?P<before>(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*[,\-–—]?\s*)?)(?:by\s+)?"
    r"(?P<holder>[^\W\d_][^.|/,;·•()\n]*?)\s*(?P<after>\b\d{4}(?:\s*[-–]\s*(?:\d{4})?)?)?"
    r"(?=\s*[.|/,;·•()\n]|\s+[-–—]\s|\s+all\s+rights\b|\s*$)",
    re.IGNORECASE,
)
#: A holder longer than this is a sentence that mentions copyright, not a name.
_HOLDER_WORDS = 6


@dataclass(frozen=True)
class Stated:
    """A value the page states, and where: "JSON-LD datePublished", "<meta property=og:title>"."""

    value: str
    source: str


@dataclass(frozen=True)
class PageFacts:
    """What one page states, each value with its source."""

    text: str
    titles: tuple[Stated, ...] = ()
    #: The organizations that publish the page, HTML entities decoded ("GmbH & Co. KG"); a JSON-LD
    #: publisher of @type Person is left out.
    publishers: tuple[Stated, ...] = ()
    authors: tuple[Stated, ...] = ()
    published: tuple[Stated, ...] = ()
    modified: tuple[Stated, ...] = ()
    times: tuple[Stated, ...] = ()
    #: Visible elements marked as bylines or authors, as the page shows them.
    bylines: tuple[Stated, ...] = ()
    #: Who holds the page's copyright: <meta name=copyright>, the JSON-LD copyrightHolder (a Person
    #: left out) and the visible notices that give a year ("© 2023 Condé Nast"); a photo credit
    #: ("© Jane Roe") gives none, so a photographer is not read as the page's owner.
    copyright_holders: tuple[Stated, ...] = ()

    @property
    def folded_text(self) -> str:
        """The visible text, folded as every comparison folds it."""
        return fold(self.text)


def page_facts(page: Page) -> PageFacts:
    """What ``page`` states about itself (read once per page and kept for the next check)."""
    return _facts(page.html)


def page_tree(page: Page) -> Any:
    """The page's parsed tree (lxml), parsed once per page and shared by the checks that walk
    elements; None for an empty page. Read it, never change it: the next check gets the same tree."""
    return html_tree(page.html)


def html_facts(html: str) -> PageFacts:
    """:func:`page_facts` by the page's HTML (for rules cached by the HTML themselves)."""
    return _facts(html)


def html_tree(html: str) -> Any:
    """:func:`page_tree` by the page's HTML (for rules cached by the HTML themselves)."""
    return shared_tree(html)


@functools.lru_cache(maxsize=32)
def _facts(html: str) -> PageFacts:
    root = html_tree(html)  # the one parse of the page that every check shares
    if root is None:
        return PageFacts(text="")
    keys = ("titles", "publishers", "authors", "published", "modified", "copyright_holders")
    found: dict[str, list[Stated]] = {key: [] for key in keys}

    def add(key: str, value: object, source: str) -> None:
        if isinstance(value, str) and key == "publishers":
            # JSON-LD strings keep the page's entities ("GmbH &amp; Co. KG"), and some pages escape a
            # <meta> content twice: a publisher is compared by name, so it is read decoded.
            value = html_module.unescape(value)
        if isinstance(value, str) and value.strip() and all(s.value != value.strip() for s in found[key]):
            found[key].append(Stated(value.strip(), source))

    items = jsonld_items(root)
    by_id = {node["@id"]: node for node in nodes(items) if isinstance(node.get("@id"), str)}
    article: dict[str, Any] = article_node(items) or {}
    add("titles", first_value(article.get("headline")), "JSON-LD headline")
    for name in node_names(article.get("author"), by_id):
        add("authors", name, "JSON-LD author")
    for name in node_names(article.get("publisher"), by_id, skip=_PERSON):
        add("publishers", name, "JSON-LD publisher")
    # An author the page itself types as an organization ("n-tv NACHRICHTEN", @type Organization), and
    # not also as a person (TechCrunch types its writers ["Person", "Organization"]).
    for name in node_names(article.get("author"), by_id, only=ORGANIZATION_TYPES, skip=_PERSON):
        add("publishers", name, "JSON-LD author of an organization type")
    for name in node_names(article.get("copyrightHolder"), by_id, skip=_PERSON):
        add("copyright_holders", name, "JSON-LD copyrightHolder")
    times = []
    for date in stated_dates(root, jsonld=items):
        if date.kind in ("published", "modified"):
            add(date.kind, date.value, date.source)
        else:
            times.append(Stated(date.value, date.source))
    for element in root.iter("meta"):
        key = meta_key(element)
        for kind, names in _META.items():
            if key in names:
                add(kind, element.get("content"), f"<meta {key}>")
        if key == "copyright":
            for holder in _copyright_holders(element.get("content") or "", visible=False):
                add("copyright_holders", holder, f"<meta {key}>")
    for element in root.iter("title"):
        add("titles", element.text_content(), "<title>")
    for element in root.iter("h1"):
        add("titles", squash(element.text_content()), "<h1>")
    text = tree_text(root)
    for holder in _copyright_holders(text, visible=True):
        add("copyright_holders", holder, "the page's copyright notice")
    return PageFacts(
        text=text,
        bylines=_bylines(root),
        titles=tuple(found["titles"]),
        publishers=tuple(found["publishers"]),
        authors=tuple(found["authors"]),
        published=tuple(found["published"]),
        modified=tuple(found["modified"]),
        times=tuple(times),
        copyright_holders=tuple(found["copyright_holders"]),
    )


def _copyright_holders(text: str, *, visible: bool) -> list[str]:
    """The holders named by the copyright notices in ``text``. In the visible text (``visible``) a notice
    counts only with a year, since "© Jane Roe" under a photo credits its photographer; a <meta
    name=copyright> is the page's own notice, and its whole content is the holder when it carries no
    mark ("Condé Nast")."""
    holders = []
    folded = "\n".join(fold(line) for line in text.splitlines()) if visible else fold(text)
    for match in _COPYRIGHT.finditer(folded):
        if visible and not (match["before"].strip() or match["after"]):
            continue
        holders.append(match["holder"].strip())
    if not visible and not holders and not re.search(r"\d|rights", folded, re.IGNORECASE):
        holders.append(folded.strip())
    return [h for h in holders if _holder_like(h)]


def _holder_like(holder: str) -> bool:
    """Whether ``holder`` reads as a name: a few words, the first not in lowercase ("a Reach plc
    subsidiary" and "or any other rights" are phrases) nor the notice's own words ("© Copyright 2024.")."""
    words = holder.split()
    first = words[0].casefold() if words else ""
    return 0 < len(words) <= _HOLDER_WORDS and not words[0][0].islower() and first not in ("all", "copyright")


def _bylines(root: Any) -> tuple[Stated, ...]:
    """The text of each visible element whose class, id, rel or itemprop names a byline or author."""
    found: list[Stated] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script", "style", "head"):
            continue
        for attribute in ("class", "id", "rel", "itemprop"):
            mark = element.get(attribute)
            if mark and _BYLINE_MARK.search(mark):
                text = squash(element.text_content())
                if text and len(text) <= _BYLINE_LIMIT and all(s.value != text for s in found):
                    found.append(Stated(text, f"<{element.tag} {attribute}={mark.strip()!r}>"))
                break
    return tuple(found)


_SPACES = re.compile(r"\s+")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_TAG = re.compile(r"<[^>]*>")


def search_key(text: str) -> str:
    """Folded text without any whitespace: a true paragraph glued to the next one ("Wednesday.The")
    or an inline element with or without a space around it still matches the page."""
    return _SPACES.sub("", fold(text))


def _source_text(html: str) -> str:
    """The page's source as text: entities and JSON string escapes decoded, tags dropped.

    A page that renders its article from a script (a Next.js state blob) has its
    text here and not in its visible text; a truth that matches it is the page's.
    """
    text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), html)
    text = text.replace('\\"', '"').replace("\\/", "/").replace("\\n", " ")
    return html_module.unescape(_TAG.sub(" ", text))


@dataclass
class PageText:
    """A page's text and source as the truth audit searches them, each form computed once."""

    facts: PageFacts
    page: Page
    #: The organizations the page credits or is: a true author among them is an organization credit.
    organizations: Organizations
    _text_key: str | None = None
    _source_key: str | None = None
    _source_names: str | None = None

    @property
    def text_key(self) -> str:
        if self._text_key is None:
            self._text_key = search_key(self.facts.text)
        return self._text_key

    @property
    def source_key(self) -> str:
        if self._source_key is None:
            self._source_key = search_key(_source_text(self.page.html))
        return self._source_key

    @property
    def source_names(self) -> str:
        """The source text as names compare: folded and casefolded."""
        if self._source_names is None:
            self._source_names = name_key(_source_text(self.page.html))
        return self._source_names
