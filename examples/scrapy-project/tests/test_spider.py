"""The spider's own tests; the fixture × extractor items come from the news-harness plugin."""

from __future__ import annotations

from ledger.items import squash
from ledger.spiders.articles import ArticleSpider
from scrapy.http import HtmlResponse


def test_squash_folds_whitespace_and_drops_empty_text():
    assert squash("  By\n Reggie  Castellanos ") == "By Reggie Castellanos"
    assert squash(" \n ") is None


def test_a_section_page_leads_to_its_articles():
    html = b'<h3 class="c-heading"><a href="/news/2024/06/02/story/">Story</a></h3>'
    response = HtmlResponse("https://www.hudsonledger.example/news/", body=html, encoding="utf-8")
    [request] = ArticleSpider().parse(response)
    assert request.url == "https://www.hudsonledger.example/news/2024/06/02/story/"
    assert request.callback.__name__ == "parse_article"
