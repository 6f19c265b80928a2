"""The article item and its loader."""

from __future__ import annotations

import scrapy
from itemloaders.processors import Identity, Join, MapCompose, TakeFirst
from scrapy.loader import ItemLoader
from w3lib.html import remove_tags


def squash(text: str) -> str | None:
    """Whitespace folded; None (dropped by the loader) when nothing is left."""
    return " ".join(text.split()) or None


class ArticleItem(scrapy.Item):
    url = scrapy.Field()
    headline = scrapy.Field()
    byline = scrapy.Field(output_processor=Identity())
    published_at = scrapy.Field()
    updated_at = scrapy.Field()
    text = scrapy.Field(output_processor=Join("\n\n"))
    language = scrapy.Field()


class ArticleLoader(ItemLoader):
    default_item_class = ArticleItem
    default_input_processor = MapCompose(remove_tags, squash)
    default_output_processor = TakeFirst()
