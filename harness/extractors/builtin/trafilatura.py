"""Adapter for trafilatura (``bare_extraction``), comments off, metadata on."""

from __future__ import annotations

from trafilatura import bare_extraction
from trafilatura.settings import Document

from .shape import clean, lines_as_paragraphs, set_language, set_timestamp

# trafilatura joins several authors into one string with this separator.
_AUTHOR_SEPARATOR = "; "


def _authors(author: object) -> list[str] | None:
    text = clean(author)
    if text is None:
        return None
    names = [name.strip() for name in text.split(_AUTHOR_SEPARATOR)]
    return [name for name in names if name] or None


def extract(html: str, url: str) -> dict[str, object]:
    """Run ``trafilatura.bare_extraction`` and map its Document onto the extraction shape."""
    # include_comments defaults to True in trafilatura: comments are not the article.
    document = bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    # None when trafilatura found nothing usable, metadata included; a dict only
    # with the deprecated as_dict=True, which is not passed.
    if not isinstance(document, Document):
        return {}
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    result["title"] = clean(document.title)
    authors = _authors(document.author)
    result["authors"] = authors
    if authors is not None and len(authors) > 1:
        extra["authors_raw"] = document.author
    # A "YYYY-MM-DD" string from htmldate: no time, no zone.
    set_timestamp(result, extra, "published", document.date)
    # trafilatura's text puts each paragraph (and each <br> line) on one line.
    result["body"] = lines_as_paragraphs(document.text)
    set_language(result, extra, document.language)
    if extra:
        result["extra"] = extra
    return result
