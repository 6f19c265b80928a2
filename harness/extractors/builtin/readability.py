"""Adapter for readability-lxml (``readability.Document``)."""

from __future__ import annotations

from readability import Document

from .shape import Raw, html_to_text, set_authors, set_title


def read(html: str, url: str) -> Raw[str]:
    """Run readability-lxml; its title and meta author untouched, and the summary's HTML."""
    document = Document(html, url=url)
    # title() and author() re-parse the page; summary() mutates the parsed tree,
    # so it comes last (its docstring asks for that order).
    title = document.title()  # "[no-title]" when there is no <title>
    author = document.author()  # "[no-author]" when there is no <meta name="author">
    summary = document.summary(html_partial=True)
    return Raw(summary, title=title, authors=author)


def convert(raw: Raw[str]) -> dict[str, object]:
    """Map title, meta author and summary onto the extraction shape."""
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_title(result, extra, raw.title)
    # One raw meta string, kept whole: splitting "A, B and C" would be a repair.
    set_authors(result, extra, raw.authors)
    result["body"] = html_to_text(raw.source) or None
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run readability-lxml and map title, meta author and summary onto the extraction shape."""
    return convert(read(html, url))
