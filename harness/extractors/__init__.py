"""Extractor plugins: the protocol, the one registry (built-ins and entry points alike),
turning what a plugin returns into an :class:`~harness.core.Extraction`, and saved predictions."""

from __future__ import annotations

from .normalize import LANGUAGE, normalize
from .predictions import load_predictions
from .registry import (
    ALL_FIELDS,
    Extractor,
    ExtractorInfo,
    LoadedExtractor,
    Registry,
    hookimpl,
    registry,
    resolve,
)

__all__ = [
    "ALL_FIELDS",
    "LANGUAGE",
    "Extractor",
    "ExtractorInfo",
    "LoadedExtractor",
    "Registry",
    "hookimpl",
    "load_predictions",
    "normalize",
    "registry",
    "resolve",
]
