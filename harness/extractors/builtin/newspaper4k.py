"""Adapter for newspaper4k (``newspaper.Article``), with every network access off."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # newspaper4k 0.9.6 warns at import when nltk is missing (newspaper/text.py);
    # nltk serves only Article.nlp(), which this adapter never calls.
    warnings.filterwarnings("ignore", message="nltk is not installed", category=UserWarning)
    from newspaper import Article, Config

from .shape import blocks_as_paragraphs, clean, set_language, set_timestamp


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


def extract(html: str, url: str) -> dict[str, object]:
    """Parse ``html`` with newspaper4k and map the Article onto the extraction shape."""
    article = Article(url, read_more_link="", config=_offline_config())
    article.download(input_html=html, ignore_read_more=True)
    article.parse()
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    result["title"] = clean(article.title)
    authors = [name for name in (clean(author) for author in article.authors) if name]
    result["authors"] = authors or None
    # A datetime from dateutil: aware only when the matched string had an offset.
    set_timestamp(result, extra, "published", article.publish_date)
    # newspaper4k already separates paragraphs with a blank line.
    result["body"] = blocks_as_paragraphs(article.text)
    set_language(result, extra, article.meta_lang)
    if extra:
        result["extra"] = extra
    return result
