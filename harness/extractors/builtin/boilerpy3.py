"""Adapter for BoilerPy3's ArticleExtractor (title and body)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boilerpy3.extractors import ArticleExtractor

from .shape import Raw, lines_as_paragraphs, set_title

if TYPE_CHECKING:
    from boilerpy3.document import TextDocument


def read(html: str, url: str) -> Raw[TextDocument]:
    """Run ``ArticleExtractor.get_doc``; the TextDocument and its title, untouched."""
    # raise_on_failure=False: a stray end tag ("pop from empty list", BoilerPy3 #9)
    # is skipped instead of failing the page; HTML that cannot be parsed at all
    # gives an empty document (logged by boilerpy3) rather than an exception.
    extractor = ArticleExtractor(raise_on_failure=False)
    document = extractor.get_doc(html)
    return Raw(document, title=document.title)  # the <title> text, None without one


def convert(raw: Raw[TextDocument]) -> dict[str, object]:
    """Map the TextDocument onto the extraction shape."""
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_title(result, extra, raw.title)
    # content is one text block per line, each ending with "\n".
    result["body"] = lines_as_paragraphs(raw.source.content)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run ``ArticleExtractor.get_doc`` and map the TextDocument onto the extraction shape."""
    return convert(read(html, url))
