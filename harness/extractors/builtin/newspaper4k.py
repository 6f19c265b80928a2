"""Adapter for newspaper4k (``newspaper.Article``), with every network access off."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # newspaper4k 0.9.6 warns at import when nltk is missing (newspaper/text.py). The extra
    # news-harness[newspaper4k] installs it: its Korean and Arabic tokenizers need it in parse().
    warnings.filterwarnings("ignore", message="nltk is not installed", category=UserWarning)
    from newspaper import Article, Config

from .shape import Raw, blocks_as_paragraphs, set_authors, set_language, set_timestamp, set_title


def _offline_config() -> Config:
    """A Configuration under which download(input_html=...) and parse() stay off the network.

    By default parse() downloads the meta image and then every <img> of the page to
    check its size (fetch_images=True, ImageExtractor._get_top_image). A meta refresh
    is followed by a download when follow_meta_refresh is on, and a read_more_link
    xpath fetches the linked page (it is empty by default; the adapter passes it
    explicitly). memoize_articles only matters to Source, but is turned off too.
    """
    config = Config()
    config.fetch_images = False
    config.follow_meta_refresh = False
    config.memoize_articles = False
    return config


def read(html: str, url: str) -> Raw[Article]:
    """Parse ``html`` with newspaper4k; the Article's title, authors and publish date, untouched."""
    article = Article(url, read_more_link="", config=_offline_config())
    article.download(input_html=html, ignore_read_more=True)
    article.parse()
    return Raw(article, title=article.title, authors=article.authors, published=article.publish_date)


def convert(raw: Raw[Article]) -> dict[str, object]:
    """Map the Article onto the extraction shape."""
    article = raw.source
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_title(result, extra, raw.title)
    set_authors(result, extra, raw.authors)
    # A datetime from dateutil: aware only when the matched string had an offset.
    set_timestamp(result, extra, "published", raw.published)
    # newspaper4k already separates paragraphs with a blank line.
    result["body"] = blocks_as_paragraphs(article.text)
    set_language(result, extra, article.meta_lang)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Parse ``html`` with newspaper4k and map the Article onto the extraction shape."""
    return convert(read(html, url))
