"""The built-in adapters, registered through the same hook as third-party plugins.

Each adapter lives in its own module (``_trafilatura.py``, …) that imports
its extractor at the top; the module is imported only when the extractor is
used, so a missing optional extractor never breaks start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._registry import ExtractorInfo, hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable

# (name, adapter module, distribution, import name, pip extra, description)
_ADAPTERS = (
    (
        "trafilatura",
        "_trafilatura",
        "trafilatura",
        "trafilatura",
        "trafilatura",
        "trafilatura.bare_extraction, comments off",
    ),
    (
        "newspaper4k",
        "_newspaper4k",
        "newspaper4k",
        "newspaper",
        "newspaper4k",
        "newspaper.Article, image fetching off",
    ),
    (
        "readability-lxml",
        "_readability",
        "readability-lxml",
        "readability",
        "readability-lxml",
        "readability.Document: title, meta author, summary",
    ),
    ("goose3", "_goose3", "goose3", "goose3", "goose3", "goose3.Goose().extract"),
    (
        "justext",
        "_justext",
        "jusText",
        "justext",
        "justext",
        "justext with the page language's stoplist (body only)",
    ),
    (
        "boilerpy3",
        "_boilerpy3",
        "boilerpy3",
        "boilerpy3",
        "boilerpy3",
        "boilerpy3 ArticleExtractor (title, body)",
    ),
    (
        "resiliparse",
        "_resiliparse",
        "Resiliparse",
        "resiliparse",
        "resiliparse",
        "resiliparse extract_plain_text, main_content=True",
    ),
    (
        "htmldate",
        "_htmldate",
        "htmldate",
        "htmldate",
        "htmldate",
        "htmldate.find_date, original_date=True (dates only)",
    ),
    (
        "metadata",
        "_metadata",
        "extruct",
        "extruct",
        "metadata",
        "baseline: JSON-LD and OpenGraph metadata through extruct",
    ),
)


def _loader(module: str) -> Callable[[], Callable[..., Any]]:
    def load() -> Callable[..., Any]:
        adapter = importlib.import_module(f"{__package__}.{module}")
        extract: Callable[..., Any] = adapter.extract
        return extract

    return load


# Each adapter's FIELDS, read here without importing the adapter (which imports its
# extractor); tests/extractors/test_adapters.py holds the two together.
_FIELDS = {
    "_trafilatura": frozenset({"title", "authors", "published", "body"}),
    "_newspaper4k": frozenset({"title", "authors", "published", "body", "language"}),
    "_readability": frozenset({"title", "authors", "body"}),
    "_goose3": frozenset({"title", "authors", "published", "body", "language"}),
    "_justext": frozenset({"body"}),
    "_boilerpy3": frozenset({"title", "body"}),
    "_resiliparse": frozenset({"title", "body"}),
    "_htmldate": frozenset({"published"}),
    "_metadata": frozenset({"title", "authors", "published", "modified", "body", "language"}),
}


@hookimpl
def harness_register_extractors(register: Callable[[ExtractorInfo], None]) -> None:
    """Register news-harness's built-in adapters."""
    for name, module, distribution, import_name, extra, description in _ADAPTERS:
        register(
            ExtractorInfo(
                name=name,
                load=_loader(module),
                fields=_FIELDS[module],
                distribution=distribution,
                extra=extra,
                description=description,
                requires=(import_name,),
            )
        )
