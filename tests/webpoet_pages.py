"""web-poet page objects used by the tests, loaded through 'web-poet:tests.webpoet_pages:NAME' specs.

Written for the Hudson Ledger's article layout (a bundled fixture), as a team would write them.
"""

from __future__ import annotations

import re

import attrs
from web_poet import HttpClient, WebPage, field
from zyte_common_items import Article, Author


@attrs.define
class _Hudson(WebPage[Article]):
    @field
    def url(self) -> str:
        return str(self.response.url)

    @field
    def headline(self) -> str | None:
        return self.css("h1::text").get()

    @field
    def datePublished(self) -> str | None:
        return self.css("meta[property='article:published_time']::attr(content)").get()

    @field
    def dateModified(self) -> str | None:
        return self.css("meta[property='article:modified_time']::attr(content)").get()

    @field
    def articleBody(self) -> str:
        return "\n\n".join(p.strip() for p in self.css("article.b-article-body p::text").getall())


@attrs.define
class HudsonBylineAsIs(_Hudson):
    """Takes the byline's text whole: "By Reggie Castellanos and Mei-Lin Hart" as one author."""

    @field
    def authors(self) -> list[Author]:
        text = " ".join(" ".join(self.css(".c-attribution ::text").getall()).split())
        return [Author(name=text)] if text else []


@attrs.define
class HudsonArticle(_Hudson):
    """Reads each linked name of the byline."""

    @field
    def authors(self) -> list[Author]:
        return [Author(name=re.sub(r"\s+", " ", n).strip()) for n in self.css(".c-attribution a::text").getall()]


@attrs.define
class NeedsAClient(WebPage[Article]):
    """Asks for an HTTP client, to fetch more pages: a recorded page cannot give one."""

    http: HttpClient

    @field
    def url(self) -> str:
        return str(self.response.url)


@attrs.define
class Story:
    """A team's own item class."""

    heading: str | None = None
    writers: list[str] = attrs.Factory(list)


@attrs.define
class HudsonStory(WebPage[Story]):
    """Yields the team's own item, which needs a field map."""

    @field
    def heading(self) -> str | None:
        return self.css("h1::text").get()

    @field
    def writers(self) -> list[str]:
        return [" ".join(n.split()) for n in self.css(".c-attribution a::text").getall()]
