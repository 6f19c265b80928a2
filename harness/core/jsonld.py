"""Reading what a page says about itself in JSON-LD: its nodes, its article, the names it gives.

The metadata baseline extractor and the checks (a page's publisher, its own
dates) read JSON-LD the same way, through these functions.
"""

from __future__ import annotations

import contextlib
import functools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

__all__ = [
    "ARTICLE_TYPES",
    "ORGANIZATION_TYPES",
    "article_node",
    "first_value",
    "jsonld_items",
    "node_names",
    "nodes",
    "type_names",
]

#: schema.org types read as "the article": Article, the blog and live-blog postings, and
#: NewsArticle with its subtypes.
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
})  # fmt: skip


#: schema.org types of an organization: what a page means when it types an author so.
ORGANIZATION_TYPES = frozenset({
    "Organization", "NewsMediaOrganization", "Corporation", "NGO", "GovernmentOrganization",
    "EducationalOrganization", "LocalBusiness", "OnlineBusiness",
})  # fmt: skip


@functools.lru_cache(maxsize=8)
def jsonld_items(root: HtmlElement) -> list[Any]:
    """The parsed content of every ``<script type="application/ld+json">``; unparsable ones are skipped.

    Cached by the tree (a page's shared tree is read by the loader, the page's facts and the widget
    rule): read the items, never change them.
    """
    items: list[Any] = []
    for script in root.xpath("//script[translate(@type, 'APLICTONJSD+', 'aplictonjsd+')='application/ld+json']"):
        with contextlib.suppress(ValueError, TypeError):
            items.append(json.loads(script.text or "", strict=False))
    return items


def type_names(node: dict[str, Any]) -> set[str]:
    """Local names of a node's @type: "NewsArticle", "schema:NewsArticle" and the URL alike."""
    types = node.get("@type")
    values = types if isinstance(types, list) else [types]
    return {
        value.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit("#", 1)[-1]
        for value in values
        if isinstance(value, str)
    }


def nodes(value: object) -> Iterator[dict[str, Any]]:
    """Every node in document order: top-level items, arrays, @graph members, mainEntity."""
    if isinstance(value, list):
        for item in value:
            yield from nodes(item)
    elif isinstance(value, dict):
        yield value
        yield from nodes(value.get("@graph"))
        yield from nodes(value.get("mainEntity"))


def article_node(items: object) -> dict[str, Any] | None:
    """The first JSON-LD node whose @type (or one of its types) is an article type."""
    return next((node for node in nodes(items) if type_names(node) & ARTICLE_TYPES), None)


def first_value(value: object) -> object:
    """A property given as an array ("datePublished": ["..."]) counts by its first item."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def node_names(
    value: object,
    by_id: dict[str, dict[str, Any]],
    *,
    skip: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> list[str]:
    """The names in a JSON-LD ``author`` or ``publisher``: a string, a node, an ``@id`` reference to a
    node of the graph, or a list of them; each stripped, empty ones left out, and so are the nodes
    of a type in ``skip`` (a publisher of @type Person is a person, not the organization sought).
    With ``only``, just the nodes of one of those types (the authors a page types as organizations)."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        node = item
        if isinstance(node, dict) and "name" not in node and isinstance(node.get("@id"), str):
            node = by_id.get(node["@id"], node)
        if isinstance(node, dict) and type_names(node) & skip:
            continue
        if only is not None and not (isinstance(node, dict) and type_names(node) & only):
            continue
        name = first_value(node.get("name")) if isinstance(node, dict) else node
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names
