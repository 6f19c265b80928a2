"""A metadata-only baseline: what the page states about itself in JSON-LD, OpenGraph and <meta>.

Values are the page's raw strings, taken through extruct (JSON-LD and
OpenGraph) and lxml (``<meta name="author">``, ``article:author``,
``<html lang>``). It shows what an extractor could get by reading the page's
own metadata, and how often that metadata is itself wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import extruct

from .shape import clean, lines_as_paragraphs, parse_html, set_language, set_timestamp

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement


# schema.org types read as "the article": Article, the blog and live-blog
# postings, and NewsArticle with its subtypes.
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
    }
)

_META_AUTHORS = (
    "//meta[translate(@name, 'AUTHOR', 'author') = 'author']/@content",
    "//meta[@property = 'article:author']/@content",
)


def _type_names(node: dict[str, Any]) -> set[str]:
    """Local names of a node's @type: "NewsArticle", "schema:NewsArticle" and the URL alike."""
    types = node.get("@type")
    values = types if isinstance(types, list) else [types]
    return {
        value.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit("#", 1)[-1]
        for value in values
        if isinstance(value, str)
    }


def _nodes(value: object) -> Iterator[dict[str, Any]]:
    """Every node in document order: top-level items, arrays, @graph members, mainEntity."""
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        yield value
        yield from _nodes(value.get("@graph"))
        yield from _nodes(value.get("mainEntity"))


def find_article(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first JSON-LD node whose @type (or one of its types) is an article type."""
    return next((node for node in _nodes(items) if _type_names(node) & ARTICLE_TYPES), None)


def _first_string(value: object) -> object:
    # A property given as an array ("datePublished": ["..."]) counts by its first item.
    if isinstance(value, list):
        return value[0] if value else None
    return value


def author_names(value: object, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names of a JSON-LD ``author``: a string, a node, a reference, or a list of them.

    Organizations count as authors here: the baseline reports what the page says.
    """
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        node = item
        if isinstance(node, dict) and "name" not in node and isinstance(node.get("@id"), str):
            node = by_id.get(node["@id"], node)  # {"@id": ...} points at a node of the @graph
        name = clean(_first_string(node.get("name")) if isinstance(node, dict) else node)
        if name is not None:
            names.append(name)
    return names


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
    return _first_string(value)


def extract(html: str, url: str) -> dict[str, object]:
    """Read title, authors, dates, body and language from the page's own metadata."""
    parsed = parse_html(html)
    if parsed is None:
        return {}
    root = parsed.getroottree().getroot()
    data = extruct.extract(root, base_url=url, syntaxes=["json-ld", "opengraph"], errors="ignore", uniform=True)
    items: list[dict[str, Any]] = data.get("json-ld") or []
    graph: dict[str, Any] = next(iter(data.get("opengraph") or []), {})
    article = find_article(items) or {}
    by_id = {node["@id"]: node for node in _nodes(items) if isinstance(node.get("@id"), str)}

    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    if article:
        extra["jsonld_type"] = article.get("@type")
    result["title"] = clean(_first_string(article.get("headline") or article.get("name"))) or clean(
        graph.get("og:title")
    )
    authors = author_names(article.get("author"), by_id) or _meta_authors(root)
    result["authors"] = authors or None
    published = _first_string(article.get("datePublished")) or graph.get("article:published_time")
    set_timestamp(result, extra, "published", published)
    modified = _first_string(article.get("dateModified")) or graph.get("article:modified_time")
    set_timestamp(result, extra, "modified", modified)
    body = _first_string(article.get("articleBody"))
    result["body"] = lines_as_paragraphs(body) if isinstance(body, str) else None
    set_language(result, extra, _language(article.get("inLanguage")) or root.get("lang"))
    if extra:
        result["extra"] = extra
    return result
