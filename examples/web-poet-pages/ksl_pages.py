"""A web-poet page object for KSL TV article pages, yielding a zyte-common-items ``Article``.

It reads the page's JSON-LD first, as many page objects do, and falls back to
the visible byline when there is none: the fallback keeps the agency at the
end of the byline ("..., CNN") as an author, and it finds no date at all.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
from web_poet import WebPage, field
from zyte_common_items import Article, Author

_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_JOIN = re.compile(r",\s*|\s+and\s+", re.IGNORECASE)


@attrs.define
class KslArticle(WebPage[Article]):
    """KSL TV article pages."""

    def _json_ld(self) -> dict[str, Any]:
        for text in self.css("script[type='application/ld+json']::text").getall():
            data = json.loads(text)
            if isinstance(data, dict) and data.get("@type") == "NewsArticle":
                return data
        return {}

    @field
    def url(self) -> str:
        return str(self.response.url)

    @field
    def headline(self) -> str | None:
        text = self.css("h1.entry-title::text").get()
        return " ".join(text.split()) if text else None

    @field
    def authors(self) -> list[Author]:
        credited = self._json_ld().get("author") or []
        if credited:
            return [Author(name=person["name"]) for person in credited]
        byline = " ".join(self.css(".entry-byline .byline::text").getall()).strip()
        names = [name.strip() for name in _JOIN.split(_BY.sub("", byline)) if name.strip()]
        return [Author(name=name if name.isupper() and len(name) <= 4 else name.title()) for name in names]

    @field
    def datePublished(self) -> str | None:
        return self._json_ld().get("datePublished")

    @field
    def dateModified(self) -> str | None:
        return self._json_ld().get("dateModified")

    @field
    def articleBody(self) -> str:
        paragraphs = (" ".join(p.xpath("string()").get().split()) for p in self.css(".entry-content > p"))
        return "\n\n".join(p for p in paragraphs if p)
