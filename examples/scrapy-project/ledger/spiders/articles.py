"""Articles of the Arc XP newspapers: section pages lead to articles, ``parse_article`` reads one."""

from __future__ import annotations

import json

import scrapy

from ledger.items import ArticleLoader


class ArticleSpider(scrapy.Spider):
    name = "articles"
    allowed_domains = ("hudsonledger.example", "lakeshoreledger.example")

    async def start(self):
        for url in self.settings.getlist("LEDGER_START_URLS"):
            yield scrapy.Request(url)

    def parse(self, response):
        """A section page: every headline links to an article."""
        for link in response.css("h3.c-heading a, h2.c-heading a"):
            yield response.follow(link, callback=self.parse_article)

    def parse_article(self, response):
        """One article page."""
        headline = response.css("h1.b-headline").get()
        if headline is None:
            return
        linked_data = _news_article(response)
        loader = ArticleLoader(response=response)
        loader.add_value("url", response.url)
        loader.add_value("headline", headline)
        # The byline under the headline, as the page prints it.
        loader.add_css("byline", ".b-byline .c-attribution")
        if not loader.get_collected_values("byline"):  # some pages credit their authors in JSON-LD only
            loader.add_value("byline", [author.get("name", "") for author in linked_data.get("author", [])])
        loader.add_css("published_at", "meta[property='article:published_time']::attr(content)")
        loader.add_value("published_at", linked_data.get("datePublished"))
        loader.add_css("updated_at", "meta[property='article:modified_time']::attr(content)")
        loader.add_value("updated_at", linked_data.get("dateModified"))
        loader.add_css("text", ".b-article-body > p.c-paragraph, .b-article-body > h2.c-heading")
        loader.add_xpath("language", "/html/@lang")
        yield loader.load_item()


def _news_article(response) -> dict:
    """The page's NewsArticle in JSON-LD, or an empty dict."""
    for script in response.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(script)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("@type") == "NewsArticle":
            return data
    return {}
