"""Extractor plugins: the protocol, the registry, and the built-in adapters."""

from __future__ import annotations

from ._registry import (
    ALL_FIELDS,
    Extractor,
    ExtractorInfo,
    LoadedExtractor,
    hookimpl,
    registry,
    resolve,
)

__all__ = [
    "ALL_FIELDS",
    "Extractor",
    "ExtractorInfo",
    "LoadedExtractor",
    "hookimpl",
    "registry",
    "resolve",
]
