"""Adapter for readability-lxml (``readability.Document``)."""

from __future__ import annotations

from readability import Document

from .shape import clean, html_to_text


def extract(html: str, url: str) -> dict[str, object]:
    """Run readability-lxml and map title, meta author and summary onto the extraction shape."""
    document = Document(html, url=url)
    # title() and author() re-parse the page; summary() mutates the parsed tree,
    # so it comes last (its docstring asks for that order).
    title = document.title()  # "[no-title]" when there is no <title>
    author = document.author()  # "[no-author]" when there is no <meta name="author">
    summary = document.summary(html_partial=True)
    result: dict[str, object] = {}
    result["title"] = clean(title)
    # One raw meta string, kept whole: splitting "A, B and C" would be a repair.
    name = clean(author)
    result["authors"] = [name] if name is not None else None
    result["body"] = html_to_text(summary) or None
    return result
