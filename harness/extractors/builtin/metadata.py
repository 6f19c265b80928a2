"""A metadata-only baseline: what the page states about itself in JSON-LD, OpenGraph and <meta>.

Values are the page's raw strings, taken through extruct (JSON-LD and
OpenGraph) and lxml (``<meta name="author">``, ``article:author``,
``<html lang>``). It shows what an extractor could get by reading the page's
own metadata, and how often that metadata is itself wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import extruct

from ...core import article_node, first_value, nodes, parse_html
from .shape import (
    Raw,
    absent,
    keep_unconverted,
    lines_as_paragraphs,
    names,
    set_free_access,
    set_language,
    set_timestamp,
    set_title,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement


_META_AUTHORS = (
    "//meta[translate(@name, 'AUTHOR', 'author') = 'author']/@content",
    "//meta[@property = 'article:author']/@content",
)


@dataclass(frozen=True)
class Metadata:
    """What the page states about itself beyond title, authors and dates."""

    #: The graph's nodes by @id, for author references (``{"@id": "#roe"}``).
    by_id: dict[str, dict[str, Any]]
    #: The ``<meta>`` author strings, for when the JSON-LD names nobody.
    meta_authors: list[str]
    body: object
    language: object
    jsonld_type: object
    #: isAccessibleForFree of the article node, then of each of its parts (``hasPart``), as written.
    access: list[object]


def _meta_authors(root: HtmlElement) -> list[str]:
    for xpath in _META_AUTHORS:
        values = [str(value) for value in root.xpath(xpath)]
        if not all(absent(value) for value in values):
            return values
    return []


def _language(value: object) -> object:
    # inLanguage may be a Language node: {"@type": "Language", "alternateName": "en"}.
    if isinstance(value, dict):
        return value.get("alternateName") or value.get("name")
    return first_value(value)


def _access(article: dict[str, Any]) -> list[object]:
    """isAccessibleForFree as the article node and its ``hasPart`` elements write it, in that order.

    Google's markup for paywalled content marks the locked part of the page as a ``hasPart``
    WebPageElement with ``isAccessibleForFree: false`` and a ``cssSelector``.
    """
    parts = article.get("hasPart")
    found = [article.get("isAccessibleForFree")]
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict):
            found.append(part.get("isAccessibleForFree"))
    return [value for value in found if value is not None]


def _present(*values: object) -> object:
    """The first value that is not a "not found" value (the page's own order of preference)."""
    return next((value for value in values if not absent(value)), None)


def _resolved(value: object, by_id: dict[str, dict[str, Any]]) -> object:
    """``value`` with each ``{"@id": ...}`` reference replaced by the graph node it names."""
    if isinstance(value, list):
        return [_resolved(item, by_id) for item in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def read(html: str, url: str) -> Raw[Metadata | None]:
    """Read the page's JSON-LD, OpenGraph and <meta>; title, authors and dates as the page gives them."""
    parsed = parse_html(html)
    if parsed is None:
        return Raw(None)
    root = parsed.getroottree().getroot()
    data = extruct.extract(root, base_url=url, syntaxes=["json-ld", "opengraph"], errors="ignore", uniform=True)
    items: list[dict[str, Any]] = data.get("json-ld") or []
    graph: dict[str, Any] = next(iter(data.get("opengraph") or []), {})
    article = article_node(items) or {}
    meta_authors = _meta_authors(root)
    source = Metadata(
        by_id={node["@id"]: node for node in nodes(items) if isinstance(node.get("@id"), str)},
        meta_authors=meta_authors,
        body=first_value(article.get("articleBody")),
        language=_language(article.get("inLanguage")) or root.get("lang"),
        jsonld_type=article.get("@type") if article else None,
        access=_access(article),
    )
    return Raw(
        source,
        title=_present(article.get("headline"), article.get("name"), graph.get("og:title")),
        authors=_present(article.get("author"), meta_authors),
        published=_present(article.get("datePublished"), graph.get("article:published_time")),
        modified=_present(article.get("dateModified"), graph.get("article:modified_time")),
    )


def convert(raw: Raw[Metadata | None]) -> dict[str, object]:
    """Map what the page states onto the extraction shape."""
    page = raw.source
    if page is None:
        return {}
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    if page.jsonld_type is not None:
        extra["jsonld_type"] = page.jsonld_type
    set_title(result, extra, raw.title)
    # Organizations count as authors here: the baseline reports what the page says.
    authors, unconverted = names(_resolved(raw.authors, page.by_id))
    keep_unconverted(extra, "authors", unconverted)
    if not authors:
        authors = names(page.meta_authors)[0]
    result["authors"] = authors or None
    set_timestamp(result, extra, "published", raw.published)
    set_timestamp(result, extra, "modified", raw.modified)
    result["body"] = lines_as_paragraphs(page.body) if isinstance(page.body, str) else None
    set_language(result, extra, page.language)
    # A part said locked makes the article paywalled, whatever the article node says (or leaves out).
    flags = []
    for value in page.access:
        flag: dict[str, object] = {}
        set_free_access(flag, extra, value)
        if isinstance(flag["free_access"], bool):
            flags.append(flag["free_access"])
    result["free_access"] = all(flags) if flags else None
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Read title, authors, dates, body and language from the page's own metadata."""
    return convert(read(html, url))
