"""The dates a page states for itself: its JSON-LD article's, its date ``<meta>``s' and its ``<time>``s'.

Two readers need them and sit on either side of the layers: the checks
(``checks/page.py``: each date with where it came from, so that a finding
names its evidence) and the fixtures (``fixtures/expectation.py``: an
unknown capture time is the latest date the page states, an unknown
timezone the offset it writes its times in). Both read them here, so they
read the same ones. Nothing is parsed as a timestamp here: each value is
kept as the page writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .compare import squash
from .html import meta_key
from .jsonld import article_node, first_value, jsonld_items

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lxml.html import HtmlElement

__all__ = ["DATE_META", "DateKind", "StatedDate", "stated_dates"]

#: What a stated date is: the article's publication or modification time (JSON-LD, <meta>), a
#: ``<time datetime>`` value, or the text of a ``<time>`` that has no datetime attribute.
DateKind = Literal["published", "modified", "time", "time_text"]

#: <meta> properties, names and itemprops (lowercased) that state when the article was published
#: or modified.
DATE_META: Mapping[Literal["published", "modified"], frozenset[str]] = {
    "published": frozenset({"article:published_time", "og:published_time", "datepublished", "pubdate", "date",
                            "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date"}),
    "modified": frozenset({"article:modified_time", "og:updated_time", "datemodified", "last-modified",
                           "dc.date.modified"}),
}  # fmt: skip


@dataclass(frozen=True)
class StatedDate:
    """A date as the page states it (stripped), and where: "JSON-LD datePublished",
    "<meta article:published_time>", "<time> 'May 3, 2024'", "<time> text"."""

    kind: DateKind
    value: str
    source: str


def stated_dates(root: HtmlElement, *, jsonld: list[Any] | None = None) -> list[StatedDate]:
    """Every date ``root`` states for itself, in this order: the JSON-LD article's datePublished and
    dateModified, the date ``<meta>``s in document order, then each ``<time>``'s datetime (or, when
    it has none, its text).

    ``jsonld`` is the page's parsed JSON-LD (:func:`jsonld_items`) when the caller has read it already.
    """
    found: list[StatedDate] = []
    article: dict[str, Any] = article_node(jsonld_items(root) if jsonld is None else jsonld) or {}
    properties: tuple[tuple[DateKind, str], ...] = (("published", "datePublished"), ("modified", "dateModified"))
    for kind, key in properties:
        value = first_value(article.get(key))
        if isinstance(value, str) and value.strip():
            found.append(StatedDate(kind, value.strip(), f"JSON-LD {key}"))
    for element in root.iter("meta"):
        key = meta_key(element)
        content = element.get("content")
        for meta_kind, names in DATE_META.items():
            if key in names and content and content.strip():
                found.append(StatedDate(meta_kind, content.strip(), f"<meta {key}>"))
    for element in root.iter("time"):
        stamp = element.get("datetime")
        label = squash(element.text_content())
        if stamp:
            found.append(StatedDate("time", stamp.strip(), f"<time> {label!r}" if label else "<time>"))
        elif label:
            found.append(StatedDate("time_text", label, "<time> text"))
    return found
