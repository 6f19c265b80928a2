"""Shape helpers shared by the built-in adapters.

Text re-cut into blank-line paragraphs, and the mapping of extractor values
(names, sentinels, titles, dates, language codes) onto the fields of
``schemas/extraction.schema.json``. Everything here changes shape only: no
helper repairs what an extractor got wrong, and none drops a value silently.
A value of a shape no helper can read is kept in
``extra["<field>_unconverted"]``, which ``normalize`` reports as a schema
problem naming the field and the shape.

Each adapter reads in two steps: ``read(html, url)`` runs the extractor and
returns a :class:`Raw` holding its title, authors and dates untouched, and
``convert(raw)`` maps that onto the extraction; ``extract`` is the two in a
row. The corpus tests hold each ``Raw`` against what ``convert`` made of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from ...core import RFC3339, html_to_text, parse_html
from ..normalize import LANGUAGE, keep_unconverted, keepable

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "Raw",
    "absent",
    "blocks_as_paragraphs",
    "clean",
    "document_lang",
    "html_to_text",
    "join_paragraphs",
    "keep_unconverted",
    "language_tag",
    "lines_as_paragraphs",
    "names",
    "parse_html",
    "set_authors",
    "set_free_access",
    "set_language",
    "set_raw",
    "set_timestamp",
    "set_title",
    "single",
]

SourceT = TypeVar("SourceT")


@dataclass(frozen=True)
class Raw(Generic[SourceT]):
    """What an extractor gave for one page, before the adapter maps it.

    ``title``, ``authors``, ``published`` and ``modified`` are the
    extractor's own values, untouched (of any type, sentinels included);
    ``source`` is the rest of its output, which the mapping step reads for
    the other fields.
    """

    source: SourceT
    title: object = None
    authors: object = None
    published: object = None
    modified: object = None


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


def _leaves(value: object) -> Iterator[object]:
    """The values inside ``value``, in order: lists (of lists) flattened, JSON-LD value objects
    (``{"@value": "X"}``) opened, "not found" values left out."""
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, Mapping) and "@value" in value and "name" not in value:
        yield from _leaves(value["@value"])
    elif not absent(value):
        yield value


def names(value: object, *, joiner: str | None = None) -> tuple[list[str], list[object]]:
    """The author names in an extractor's value, and the parts of it that are not names.

    Reads a string (stripped), a list of them at any depth (goose3 3.1 passes
    a JSON-LD ``"author": [["A", "B"]]`` through as it is), and a dict with a
    ``name`` (``{"@type": "Person", "name": "X"}``, whose name is read the same
    way). ``joiner`` splits a string where the extractor documents joining
    several names with it (trafilatura's ``"; "``); other strings stay whole,
    since cutting ``"A, B and C"`` would be a repair. "Not found" values
    (``None``, ``""``, ``"[no-author]"``, empty lists) are absent, not
    leftovers. Anything else (a dict without a name, a number) is returned as
    a leftover, JSON-ready, for ``extra["authors_unconverted"]``.
    """
    found: list[str] = []
    left: list[object] = []
    for leaf in _leaves(value):
        if isinstance(leaf, str):
            parts = leaf.split(joiner) if joiner else [leaf]
            found.extend(part.strip() for part in parts if not absent(part))
        elif isinstance(leaf, Mapping) and "name" in leaf:
            inner, inner_left = names(leaf["name"], joiner=joiner)
            found.extend(inner)
            left.extend(inner_left)
        else:
            left.append(keepable(leaf))
    return found, left


def single(value: object) -> tuple[object, list[object]]:
    """The value of a one-value field (title, date), and the further values the extractor gave.

    Lists are flattened and "not found" values left out; a value repeated
    (``["2025-01-05T02:56:38Z", "2025-01-05T02:56:38Z"]``, or the same text
    with other surrounding space) counts once. The first value, in the
    extractor's own order, is returned as it is (None when there is none) for
    the field; the others, JSON-ready, are for ``extra["<field>_unconverted"]``,
    so that what the field could not hold is kept and reported, not chosen away.
    """
    values: list[object] = []
    keys: list[object] = []
    for leaf in _leaves(value):
        key = leaf.strip() if isinstance(leaf, str) else leaf
        if key not in keys:
            keys.append(key)
            values.append(leaf)
    if not values:
        return None, []
    return values[0], [keepable(other) for other in values[1:]]


def set_authors(
    result: dict[str, object], extra: dict[str, object], value: object, *, joiner: str | None = None
) -> list[str]:
    """Put the author names in the extractor's ``value`` into ``result["authors"]`` (None for none),
    keep what is not a name in ``extra["authors_unconverted"]``, and return the names."""
    authors, unconverted = names(value, joiner=joiner)
    result["authors"] = authors or None
    keep_unconverted(extra, "authors", unconverted)
    return authors


def set_title(result: dict[str, object], extra: dict[str, object], value: object) -> None:
    """Put the extractor's title into ``result["title"]``, stripped.

    Further titles (a list of several) and a first value that is not a
    string are kept in ``extra["title_unconverted"]``.
    """
    first, others = single(value)
    if isinstance(first, str):
        result["title"] = first.strip()
    else:
        result["title"] = None
        others = [keepable(first), *others] if first is not None else others
    keep_unconverted(extra, "title", others)


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
    """(ISO string or None, raw string worth keeping or None) for a date value.

    A value that is neither a date nor a string has no raw string either: the
    callers keep it in ``extra`` as a leftover.
    """
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
    return None, None


def set_timestamp(result: dict[str, object], extra: dict[str, object], field: str, value: object) -> None:
    """Put a datetime, date or date string into ``result[field]``.

    A string the schema cannot hold (``"41 minutes ago"``, ``"Oct 19, 2024"``)
    leaves the field None and is kept verbatim in ``extra[f"{field}_raw"]``,
    where the date checks read it. Further dates (a list of several) and a
    value of another type (a number, a dict) are kept in
    ``extra[f"{field}_unconverted"]``.
    """
    first, others = single(value)
    iso, raw = _iso(first)
    result[field] = iso
    if raw is not None:
        extra[f"{field}_raw"] = raw
    elif iso is None and first is not None:
        others = [keepable(first), *others]
    keep_unconverted(extra, field, others)


def set_raw(extra: dict[str, object], field: str, value: object) -> None:
    """Keep an extractor's own date string in ``extra[f"{field}_raw"]``, verbatim, beside its parse.

    For an extractor that gives both (goose3's ``publish_date`` and
    ``publish_datetime_utc``): the string the checks name. Further values and
    non-strings are kept in ``extra[f"{field}_unconverted"]``.
    """
    first, others = single(value)
    if isinstance(first, str):
        extra[f"{field}_raw"] = first
    elif first is not None:
        others = [keepable(first), *others]
    keep_unconverted(extra, field, others)


def language_tag(value: object) -> str | None:
    """``value`` stripped if it is a language tag the schema accepts, else None."""
    text = clean(value)
    return text if text is not None and LANGUAGE.fullmatch(text) else None


def set_language(result: dict[str, object], extra: dict[str, object], value: object) -> None:
    """Put a language code into ``result["language"]``; keep any other string in ``extra``.

    A string that is not a language tag goes to ``extra["language_raw"]``; a
    value that is no string at all to ``extra["language_unconverted"]``.
    """
    result["language"] = language_tag(value)
    if result["language"] is None and clean(value) is not None:
        extra["language_raw"] = value
    elif not isinstance(value, str) and not absent(value):
        keep_unconverted(extra, "language", [value])


#: How JSON-LD writes a Boolean (schema.org's True and False, as text or as their URLs), casefolded.
_BOOLEANS = {
    "true": True, "false": False, "https://schema.org/true": True, "https://schema.org/false": False,
    "http://schema.org/true": True, "http://schema.org/false": False,
}  # fmt: skip


def set_free_access(result: dict[str, object], extra: dict[str, object], value: object) -> None:
    """Put an extractor's free-access flag into ``result["free_access"]``: a bool as it is, the texts
    JSON-LD writes for one (``"False"``, ``"true"``, ``"https://schema.org/False"``) as that bool.

    Further values (a list of several) and a value that is no Boolean at all (``"yes"``, a number)
    are kept in ``extra["free_access_unconverted"]``.
    """
    first, others = single(value)
    flag = _BOOLEANS.get(first.strip().casefold()) if isinstance(first, str) else first
    if not isinstance(flag, bool):
        flag = None
    result["free_access"] = flag
    if flag is None and first is not None:
        others = [keepable(first), *others]
    keep_unconverted(extra, "free_access", others)
