"""Scrapers built on a framework, run as they are: a spec names the framework and the parser.

``web-poet:package.module:PageClass`` runs a web-poet page object on the recorded
page (:mod:`.web_poet`); ``llm:<endpoint>?model=NAME`` asks a language model
behind an OpenAI-compatible endpoint (:mod:`.llm`), a remote extractor whose
calls are recorded once and replayed; ``scrapy:package.module:SpiderClass[.callback]``
runs a Scrapy spider's callback (:mod:`.scrapy`). Each adapter builds the framework's own inputs from the
recorded :class:`~harness.core.Page`, calls the parser, and reads the item it
returns through a field map (:mod:`harness.extractors.fieldmap`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .llm import load_model
from .scrapy import load_spider
from .web_poet import load_page_object

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..registry import LoadedExtractor

__all__ = ["FRAMEWORKS"]

#: Spec prefix -> the loader of ``target`` (the part after the prefix).
FRAMEWORKS: dict[str, Callable[..., LoadedExtractor]] = {
    "web-poet": load_page_object,
    "llm": load_model,
    "scrapy": load_spider,
}
