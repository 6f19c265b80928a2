"""Counts in words: "1 fixture", "2 fixtures", "1 property", "2 properties"."""

from __future__ import annotations

__all__ = ["count"]

_IRREGULAR = {"property": "properties"}


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, the noun in the plural unless ``number`` is 1."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or _IRREGULAR.get(noun) or noun + 's'}"
