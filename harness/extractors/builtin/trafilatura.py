"""Adapter for trafilatura (``bare_extraction``), comments off, metadata on."""

from __future__ import annotations

from trafilatura import bare_extraction
from trafilatura.settings import Document

from .shape import (
    Raw,
    lines_as_paragraphs,
    set_authors,
    set_language,
    set_timestamp,
    set_title,
)

# trafilatura joins several authors into one string with this separator.
_AUTHOR_SEPARATOR = "; "


def read(html: str, url: str) -> Raw[Document | None]:
    """Run ``trafilatura.bare_extraction``; its Document's title, author and date, untouched."""
    # include_comments defaults to True in trafilatura: comments are not the article.
    document = bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    # None when trafilatura found nothing usable, metadata included; a dict only
    # with the deprecated as_dict=True, which is not passed.
    if not isinstance(document, Document):
        return Raw(None)
    return Raw(document, title=document.title, authors=document.author, published=document.date)


def convert(raw: Raw[Document | None]) -> dict[str, object]:
    """Map the Document onto the extraction shape."""
    document = raw.source
    if document is None:
        return {}
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_title(result, extra, raw.title)
    authors = set_authors(result, extra, raw.authors, joiner=_AUTHOR_SEPARATOR)
    if len(authors) > 1:
        extra["authors_raw"] = raw.authors
    # A "YYYY-MM-DD" string from htmldate: no time, no zone.
    set_timestamp(result, extra, "published", raw.published)
    # trafilatura's text puts each paragraph (and each <br> line) on one line.
    result["body"] = lines_as_paragraphs(document.text)
    set_language(result, extra, document.language)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run trafilatura on ``html`` and map its Document onto the extraction shape."""
    return convert(read(html, url))
