"""The built-in adapters, declared once and registered through the same hook as third-party plugins.

Each adapter is a module of this package (``trafilatura.py``, …) that
imports its extractor at the top; the module is imported only when the
extractor is used, so a missing optional extractor never breaks start-up.
What each one is called, which fields it can produce and which package it
needs is said here and nowhere else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..registry import ExtractorInfo, hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BUILTINS", "harness_register_extractors"]


def _adapter(module: str) -> Callable[[], Callable[..., Any]]:
    def load() -> Callable[..., Any]:
        extract: Callable[..., Any] = importlib.import_module(f"{__name__}.{module}").extract
        return extract

    return load


def _adapter_with(module: str) -> Callable[[str], Callable[..., Any]]:
    """For ``<name>:<argument>`` specs: the adapter module's ``configured(argument)``."""

    def load_with(argument: str) -> Callable[..., Any]:
        configured: Callable[[str], Callable[..., Any]] = importlib.import_module(f"{__name__}.{module}").configured
        return configured(argument)

    return load_with


def _builtin(
    name: str, module: str, fields: set[str], description: str, *, distribution: str | None = None,
    requires: str | None = None, takes_argument: bool = False, remote: bool = False,
) -> tuple[str, ExtractorInfo]:  # fmt: skip
    return module, ExtractorInfo(
        name=name,
        load=_adapter(module),
        fields=frozenset(fields),
        distribution=distribution or name,
        pip_extra=name,
        description=description,
        requires=(requires or module,),
        load_with=_adapter_with(module) if takes_argument else None,
        remote=remote,
    )


#: Each built-in by the name of its adapter module in this package.
BUILTINS: dict[str, ExtractorInfo] = dict((
    # No "language": trafilatura 2.3.1 sets Document.language only inside its language
    # filter, which runs only with target_language (utils.language_filter), and a target
    # language would discard pages in other languages. No "modified": its Document has one date,
    # htmldate's original date (set_date_params: original_date=True), and no updated date.
    _builtin("trafilatura", "trafilatura", {"title", "authors", "published", "body"},
             "trafilatura.bare_extraction, comments off"),
    # No "modified": newspaper4k 0.9.6's Article has publish_date alone (it even counts
    # article:modified_time among its publication-date candidates).
    _builtin("newspaper4k", "newspaper4k", {"title", "authors", "published", "body", "language"},
             "newspaper.Article, image fetching off", requires="newspaper"),
    # "modified" is declared though news-please 1.6.16's from_html never sets date_modify (it is the
    # crawler's Last-Modified header, None here): date.modified_missing says so where the page has one.
    _builtin("news-please", "newsplease", {"title", "authors", "published", "modified", "body", "language"},
             "NewsPlease.from_html, image fetching off, the capture time as download date"),
    _builtin("readability-lxml", "readability", {"title", "authors", "body"},
             "readability.Document: title, meta author, summary", requires="readability"),
    _builtin("goose3", "goose3", {"title", "authors", "published", "body", "language"}, "goose3.Goose().extract"),
    _builtin("justext", "justext", {"body"}, "justext with the page language's stoplist (body only)",
             distribution="jusText"),
    _builtin("boilerpy3", "boilerpy3", {"title", "body"}, "boilerpy3 ArticleExtractor (title, body)"),
    _builtin("resiliparse", "resiliparse", {"title", "body"}, "resiliparse extract_plain_text, main_content=True",
             distribution="Resiliparse"),
    _builtin("htmldate", "htmldate", {"published", "modified"},
             "htmldate.find_date, original_date=True as published, False (updated) as modified (dates only)"),
    _builtin("metadata", "metadata", {"title", "authors", "published", "modified", "body", "language", "free_access"},
             "baseline: JSON-LD and OpenGraph metadata through extruct", distribution="extruct", requires="extruct"),
    _builtin("zyte-api", "zyte_api", {"title", "authors", "published", "modified", "body", "language"},
             "Zyte API article extraction (remote: record its calls once, replay offline)", requires="requests",
             remote=True),
    # fundus:<country>.<Publisher> forces one publisher's parser (fundus.configured). No "modified":
    # no parser of Fundus 0.5.7 has a modified attribute.
    _builtin("fundus", "fundus", {"title", "authors", "published", "body", "free_access"},
             "Fundus's parser for the page's publisher (by host), versioned by capture date", takes_argument=True),
))  # fmt: skip


@hookimpl
def harness_register_extractors(register: Callable[[ExtractorInfo], None]) -> None:
    """Register news-harness's built-in adapters."""
    for info in BUILTINS.values():
        register(info)
