"""Adapter for news-please (``NewsPlease.from_html``), image fetching off.

news-please runs newspaper4k (with ``fetch_images=False``), readability-lxml, its
own date extractor (JSON-LD, meta tags, ``<time>``, the URL) and langdetect on
the page, and picks one value per field among them. ``from_html`` reads only the
HTML it is given: the page is never downloaded (the date extractor would fetch the
URL only when the HTML is None, and an empty page returns ``{}`` before that).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsplease import NewsPlease

from ...core import captured_at
from .shape import Raw, lines_as_paragraphs, set_authors, set_language, set_timestamp, set_title


def read(html: str, url: str) -> Raw[Any]:
    """Run ``NewsPlease.from_html``; its NewsArticle's title, authors and dates, untouched.

    The download date is the capture time the harness says while an
    extractor runs (:func:`harness.core.captured_at`; the wall clock outside
    a harness run). news-please only passes it through (``date_download``),
    so the adapter does not report it.
    """
    download_date = (captured_at() or dt.datetime.now(dt.timezone.utc)).isoformat()
    article = NewsPlease.from_html(html, url=url, download_date=download_date, fetch_images=False)
    # from_html returns {} for an empty page, else a NewsArticle.
    if isinstance(article, dict):
        return Raw(None)
    return Raw(
        article,
        title=article.title,
        authors=article.authors,
        published=article.date_publish,
        modified=article.date_modify,
    )


def convert(raw: Raw[Any]) -> dict[str, object]:
    """Map the NewsArticle onto the extraction shape."""
    article = raw.source
    if article is None:
        return {}
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_title(result, extra, raw.title)
    set_authors(result, extra, raw.authors)
    # A naive datetime: news-please 1.6.16 writes every candidate date as "%Y-%m-%d %H:%M:%S"
    # before parsing it back, which drops the offset the page gave. Kept naive, as given.
    set_timestamp(result, extra, "published", raw.published)
    # from_html never fills date_modify in 1.6.16 (its modified_date is the crawler's Last-Modified
    # header, None here); "modified" is declared all the same, so date.modified_missing shows it.
    set_timestamp(result, extra, "modified", raw.modified)
    # maintext has one paragraph a line: news-please's Cleaner collapses blank lines into one newline.
    result["body"] = lines_as_paragraphs(article.maintext)
    set_language(result, extra, article.language)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run news-please on ``html`` and map its NewsArticle onto the extraction shape."""
    return convert(read(html, url))
