"""Adapter for BoilerPy3's ArticleExtractor (title and body)."""

from __future__ import annotations

from boilerpy3.extractors import ArticleExtractor

from .shape import clean, lines_as_paragraphs


def extract(html: str, url: str) -> dict[str, object]:
    """Run ``ArticleExtractor.get_doc`` and map the TextDocument onto the extraction shape."""
    # raise_on_failure=False: a stray end tag ("pop from empty list", BoilerPy3 #9)
    # is skipped instead of failing the page; HTML that cannot be parsed at all
    # gives an empty document (logged by boilerpy3) rather than an exception.
    extractor = ArticleExtractor(raise_on_failure=False)
    document = extractor.get_doc(html)
    return {
        "title": clean(document.title),  # the <title> text, None without one
        # content is one text block per line, each ending with "\n".
        "body": lines_as_paragraphs(document.content),
    }
