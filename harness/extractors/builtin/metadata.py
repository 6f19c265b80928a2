"""A metadata-only baseline: what the page states about itself in JSON-LD, OpenGraph and <meta>.

Values are the page's raw strings, taken through extruct (JSON-LD and
OpenGraph) and lxml (``<meta name="author">``, ``article:author``,
``<html lang>``). It shows what an extractor could get by reading the page's
own metadata, and how often that metadata is itself wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import extruct

from ...core import article_node, first_value, node_names, nodes, parse_html
from .shape import clean, lines_as_paragraphs, set_language, set_timestamp

if TYPE_CHECKING:
    from lxml.html import HtmlElement


_META_AUTHORS = (
    "//meta[translate(@name, 'AUTHOR', 'author') = 'author']/@content",
    "//meta[@property = 'article:author']/@content",
)


def _meta_authors(root: HtmlElement) -> list[str]:
    for xpath in _META_AUTHORS:
        names = [name for name in (clean(value) for value in root.xpath(xpath)) if name]
        if names:
            return names
    return []


def _language(value: object) -> object:
    # inLanguage may be a Language node: {"@type": "Language", "alternateName": "en"}.
    if isinstance(value, dict):
        return value.get("alternateName") or value.get("name")
    return first_value(value)


def extract(html: str, url: str) -> dict[str, object]:
    """Read title, authors, dates, body and language from the page's own metadata."""
    parsed = parse_html(html)
    if parsed is None:
        return {}
    root = parsed.getroottree().getroot()
    data = extruct.extract(root, base_url=url, syntaxes=["json-ld", "opengraph"], errors="ignore", uniform=True)
    items: list[dict[str, Any]] = data.get("json-ld") or []
    graph: dict[str, Any] = next(iter(data.get("opengraph") or []), {})
    article = article_node(items) or {}
    by_id = {node["@id"]: node for node in nodes(items) if isinstance(node.get("@id"), str)}

    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    if article:
        extra["jsonld_type"] = article.get("@type")
    result["title"] = clean(first_value(article.get("headline") or article.get("name"))) or clean(graph.get("og:title"))
    # Organizations count as authors here: the baseline reports what the page says.
    authors = [n for n in (clean(name) for name in node_names(article.get("author"), by_id)) if n] or _meta_authors(
        root
    )
    result["authors"] = authors or None
    published = first_value(article.get("datePublished")) or graph.get("article:published_time")
    set_timestamp(result, extra, "published", published)
    modified = first_value(article.get("dateModified")) or graph.get("article:modified_time")
    set_timestamp(result, extra, "modified", modified)
    body = first_value(article.get("articleBody"))
    result["body"] = lines_as_paragraphs(body) if isinstance(body, str) else None
    set_language(result, extra, _language(article.get("inLanguage")) or root.get("lang"))
    if extra:
        result["extra"] = extra
    return result
