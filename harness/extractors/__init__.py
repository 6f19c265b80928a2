"""Extractor plugins: the protocol, the one registry (built-ins and entry points alike),
turning what a plugin returns into an :class:`~harness.core.Extraction`, and saved predictions."""

from __future__ import annotations

from .fieldmap import BUILTIN_MAPS, MAPPED_FIELDS, FieldMap, MappedItem, map_for, parse_field_map
from .guard import untouched
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
    "BUILTIN_MAPS",
    "LANGUAGE",
    "MAPPED_FIELDS",
    "Extractor",
    "ExtractorInfo",
    "FieldMap",
    "LoadedExtractor",
    "MappedItem",
    "Registry",
    "hookimpl",
    "load_predictions",
    "map_for",
    "normalize",
    "parse_field_map",
    "registry",
    "resolve",
    "untouched",
]
