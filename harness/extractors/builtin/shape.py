"""Shape helpers shared by the built-in adapters.

Text re-cut into blank-line paragraphs, and the mapping
of extractor values (sentinels, dates, language codes) onto the fields of
``schemas/extraction.schema.json``. Everything here changes shape only: no
helper repairs what an extractor got wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ...core import RFC3339, html_to_text, parse_html
from ..normalize import LANGUAGE

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "absent",
    "blocks_as_paragraphs",
    "clean",
    "document_lang",
    "html_to_text",
    "join_paragraphs",
    "language_tag",
    "lines_as_paragraphs",
    "parse_html",
    "set_language",
    "set_timestamp",
]

_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

# Strings extractors use for "nothing found".
_SENTINELS = frozenset({"", "[no-title]", "[no-author]"})


def absent(value: object) -> bool:
    """Whether ``value`` is one of the extractors' "not found" values."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in _SENTINELS
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value) == 0
    return False


def clean(value: object) -> str | None:
    """A string stripped of surrounding whitespace, or None for a sentinel or a non-string."""
    if not isinstance(value, str) or absent(value):
        return None
    return value.strip()


def document_lang(html: str) -> str | None:
    """The ``lang`` attribute of the page's ``<html>`` element, as written (stripped)."""
    root = parse_html(html)
    if root is None:
        return None
    tree_root = root.getroottree().getroot()
    if not isinstance(tree_root.tag, str) or tree_root.tag.lower() != "html":
        return None
    return clean(tree_root.get("lang"))


def join_paragraphs(paragraphs: Iterable[str]) -> str | None:
    """Whitespace-folded, non-empty paragraphs joined by a blank line; None when there are none."""
    kept = [_SPACE.sub(" ", paragraph).strip() for paragraph in paragraphs]
    body = "\n\n".join(paragraph for paragraph in kept if paragraph)
    return body or None


def lines_as_paragraphs(text: str | None) -> str | None:
    """Re-cut text whose paragraphs are single lines (trafilatura, boilerpy3, resiliparse)."""
    if not text:
        return None
    return join_paragraphs(text.splitlines())


def blocks_as_paragraphs(text: str | None) -> str | None:
    """Re-cut text whose paragraphs are already separated by blank lines (newspaper4k, goose3).

    A single newline inside a paragraph (from a ``<br>`` or a list) stays;
    spaces fold and each line is stripped.
    """
    if not text:
        return None
    paragraphs = []
    for block in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) or None


def _iso(value: object) -> tuple[str | None, str | None]:
    """(ISO string or None, raw string worth keeping or None) for a date value."""
    if isinstance(value, (dt.datetime, dt.date)):
        # isoformat keeps a naive value naive and an aware one at its own offset.
        iso = value.isoformat()
        return (iso, None) if RFC3339.fullmatch(iso) else (None, iso)
    if isinstance(value, str):
        if absent(value):
            return None, None
        stripped = value.strip()
        if RFC3339.fullmatch(stripped):
            return stripped, (value if stripped != value else None)
        return None, value
    if value is None:
        return None, None
    return None, repr(value)


def set_timestamp(result: dict[str, object], extra: dict[str, object], field: str, value: object) -> None:
    """Put a datetime, date or date string into ``result[field]``.

    A value the schema cannot hold (``"41 minutes ago"``, ``"Oct 19, 2024"``)
    leaves the field None and is kept verbatim in ``extra[f"{field}_raw"]``,
    where the date checks read it.
    """
    iso, raw = _iso(value)
    result[field] = iso
    if raw is not None:
        extra[f"{field}_raw"] = raw


def language_tag(value: object) -> str | None:
    """``value`` stripped if it is a language tag the schema accepts, else None."""
    text = clean(value)
    return text if text is not None and LANGUAGE.fullmatch(text) else None


def set_language(result: dict[str, object], extra: dict[str, object], value: object) -> None:
    """Put a language code into ``result["language"]``; keep any other string in ``extra``."""
    result["language"] = language_tag(value)
    if result["language"] is None and clean(value) is not None:
        extra["language_raw"] = value
