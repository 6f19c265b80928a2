"""The one way a framework adapter becomes an extractor: called with the recorded page, versioned by
the scraper's own distribution where it is installed as one, else by the framework's."""

from __future__ import annotations

import importlib.metadata
from typing import TYPE_CHECKING, Any

from ..registry import ALL_FIELDS, LoadedExtractor

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...core import Page
    from ..fieldmap import FieldMap

__all__ = ["page_extractor"]


def page_extractor(
    spec: str, extract: Callable[[Page], Any], module: str, fields: FieldMap | None, framework: str
) -> LoadedExtractor:
    """``extract`` as the extractor of ``spec``; ``module`` is the scraper's, ``framework`` the
    distribution it runs on (``scrapy``, ``web-poet``)."""
    try:
        version = importlib.metadata.version(module.split(".")[0])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        version = f"{framework} {importlib.metadata.version(framework)}"
    return LoadedExtractor(
        name=spec, func=extract, fields=frozenset(fields.paths) if fields else ALL_FIELDS, version=version,
        takes_page=True,
    )  # fmt: skip
