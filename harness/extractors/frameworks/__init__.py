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

import importlib.metadata
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .llm import load_model
from .scrapy import load_spider
from .web_poet import load_page_object

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..registry import LoadedExtractor

__all__ = ["FRAMEWORKS", "FRAMEWORK_INFO", "FrameworkInfo"]


@dataclass(frozen=True)
class FrameworkInfo:
    """What ``harness list`` says of a framework: how a spec names a parser, and what it needs."""

    spec: str
    #: The module that must be importable, and the distribution whose version is shown.
    module: str
    distribution: str
    #: The news-harness extra that installs it (None: a core dependency).
    extra: str | None

    def installed(self) -> bool:
        """Whether the module can be imported (without importing it)."""
        return importlib.util.find_spec(self.module) is not None

    def version(self) -> str | None:
        """The installed version of its distribution, if any."""
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return None


#: By spec prefix, in the order ``harness list`` shows them.
FRAMEWORK_INFO: dict[str, FrameworkInfo] = {
    "scrapy": FrameworkInfo("scrapy:package.module:Spider[.callback]", "scrapy", "Scrapy", "scrapy"),
    "web-poet": FrameworkInfo("web-poet:package.module:PageClass", "web_poet", "web-poet", "web-poet"),
    "llm": FrameworkInfo("llm:<endpoint>?model=NAME (remote)", "requests", "requests", None),
}

#: Spec prefix -> the loader of ``target`` (the part after the prefix).
FRAMEWORKS: dict[str, Callable[..., LoadedExtractor]] = {
    "web-poet": load_page_object,
    "llm": load_model,
    "scrapy": load_spider,
}
