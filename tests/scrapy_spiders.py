"""Scrapy spiders used by the tests, loaded through 'scrapy:tests.scrapy_spiders:NAME[.callback]' specs.

Written for the Hudson Ledger's article layout (a bundled fixture), as a team would write them,
and for the two-page fixtures the tests build.
"""

from __future__ import annotations

import scrapy
from itemloaders.processors import Join, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

NEXT_PAGE = "https://www.gazette.example/news/2024/05/03/river-bridge?page=2"


def _hudson(response: scrapy.http.Response, authors: list[str]) -> dict[str, object]:
    return {
        "url": response.url,
        "title": response.css("h1::text").get(),
        "authors": authors,
        "published": response.css("meta[property='article:published_time']::attr(content)").get(),
        "modified": response.css("meta[property='article:modified_time']::attr(content)").get(),
        "body": "\n\n".join(p.strip() for p in response.css("article.b-article-body p::text").getall()),
    }


class HudsonBylineAsIs(scrapy.Spider):
    """Takes the byline's text whole: "By Reggie Castellanos and Mei-Lin Hart" as one author."""

    name = "hudson-as-is"

    def parse(self, response):
        yield _hudson(response, [" ".join(" ".join(response.css(".b-byline ::text").getall()).split())])


class HudsonArticle(scrapy.Spider):
    """Reads each linked name of the byline; a teaser item first, to show which item is graded."""

    name = "hudson"

    def parse(self, response):
        yield {"url": "https://www.hudsonledger.example/news/other/", "title": "A teaser", "authors": ["Nobody"]}
        yield _hudson(response, response.css(".b-byline a::text").getall())


class Story(scrapy.Item):
    url = scrapy.Field()
    heading = scrapy.Field()
    writers = scrapy.Field(output_processor=list)
    first_published = scrapy.Field()
    text = scrapy.Field(input_processor=MapCompose(str.strip), output_processor=Join("\n\n"))


class StoryLoader(ItemLoader):
    default_item_class = Story
    default_output_processor = TakeFirst()


class HudsonLoader(scrapy.Spider):
    """An ItemLoader spider whose item needs a field map; ``parse_story`` is its article callback."""

    name = "hudson-loader"

    def parse_story(self, response):
        loader = StoryLoader(response=response)
        loader.add_value("url", response.url)
        loader.add_css("heading", "h1::text")
        loader.add_css("writers", ".b-byline a::text")
        loader.add_css("first_published", "meta[property='article:published_time']::attr(content)")
        loader.add_css("text", "article.b-article-body p::text")
        yield loader.load_item()


class AsyncHudson(scrapy.Spider):
    """An ``async def`` callback (Scrapy >= 2.13)."""

    name = "hudson-async"

    async def parse(self, response):
        yield _hudson(response, response.css(".b-byline a::text").getall())


class FollowsAnUnrecordedPage(scrapy.Spider):
    """Yields its item, then asks for the next page, which the cassette does not hold."""

    name = "hudson-more"

    def parse(self, response):
        yield _hudson(response, response.css(".b-byline a::text").getall())
        yield response.follow("/news/2024/06/03/next-story/", callback=self.parse)


class TwoPages(scrapy.Spider):
    """Reads the title on the first page and the byline on the second, passed along in cb_kwargs and meta."""

    name = "two-pages"

    def parse(self, response):
        title = response.css("h1::text").get()
        yield scrapy.Request(NEXT_PAGE, callback=self.parse_byline, cb_kwargs={"title": title}, meta={"from": "one"})
        yield scrapy.Request(NEXT_PAGE, callback=self.parse_byline, cb_kwargs={"title": "duplicate"})

    def parse_byline(self, response, title):
        yield {
            "url": response.url,
            "title": f"{title} ({response.meta['from']}, {response.status})",
            "authors": response.css(".author::text").getall(),
        }


class Loops(scrapy.Spider):
    """Asks for its own page again and again (dont_filter): followed at most MAX_FOLLOWED times."""

    name = "loops"

    def parse(self, response, depth=0):
        yield {"url": response.url, "title": f"depth {depth}"}
        yield response.request.replace(dont_filter=True, cb_kwargs={"depth": depth + 1}, callback=self.parse)


class NoParse(scrapy.Spider):
    name = "no-parse"

    def parse_article(self, response):
        yield {}


class NotASpider:
    def parse(self, response):
        return []


class ReadsSettings(scrapy.Spider):
    """Takes its byline selector and title suffix from the settings: the project's, then its own."""

    name = "reads-settings"
    custom_settings = {"TITLE_SUFFIX": " (custom_settings)"}  # noqa: RUF012 - Scrapy's own convention

    def parse(self, response):
        selector = self.settings.get("BYLINE_SELECTOR", ".b-byline a::text")
        authors = [" ".join(text.split()) for text in response.css(selector).getall() if text.strip()]
        item = _hudson(response, [" ".join(authors)] if selector.endswith(" ::text") else authors)
        item["title"] = f"{item['title']}{self.settings.get('TITLE_SUFFIX', '')}"
        yield item
