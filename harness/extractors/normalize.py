"""Turning what an extractor returned into an :class:`Extraction`, with its schema problems."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..core import RFC3339, Extraction, schema_errors
from .fieldmap import MappedItem

__all__ = [
    "LANGUAGE",
    "UNCONVERTED",
    "keep_unconverted",
    "keepable",
    "normalize",
    "unconverted_key",
    "unconverted_problems",
]

#: A language tag as the extraction schema accepts it ("en", "de-AT", "pt_BR").
LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")

#: The suffix of the ``extra`` key that holds the values of a field nobody could convert:
#: ``extra["authors_unconverted"]`` is a list of what an adapter could not read as a name.
UNCONVERTED = "_unconverted"

# What a field's values are read as, in a problem's message: (one, several).
_READ_AS = {
    "title": ("a title", "titles"),
    "authors": ("a name", "names"),
    "published": ("a timestamp", "timestamps"),
    "modified": ("a timestamp", "timestamps"),
    "body": ("a body text", "body texts"),
    "language": ("a language tag", "language tags"),
    "free_access": ("a boolean", "booleans"),
    "extra": ("a mapping", "mappings"),
}
_SINGLE_VALUED = frozenset({"title", "published", "modified", "body", "language"})
# How many values a problem shows before it says how many more there are.
_SHOWN = 3


def unconverted_key(field: str) -> str:
    """The ``extra`` key for the values of ``field`` that could not be converted (``authors_unconverted``)."""
    return field + UNCONVERTED


def keepable(value: object) -> object:
    """``value`` as JSON-ready data: JSON's own types kept as they are, anything else as its repr.

    Values kept in ``extra`` travel to worker pools, spools and saved predictions,
    which hold JSON; a repr keeps a datetime or an object readable there.
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [keepable(item) for item in value]
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        return {key: keepable(item) for key, item in value.items()}
    return repr(value)


def _plain(value: Any) -> Any:
    # Dates and tuples are accepted as a convenience for plugin authors; the
    # schema then sees their ISO text and lists.
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_STRINGS = frozenset({"title", "body"})


def _plainly_valid(data: Mapping[str, Any]) -> bool:
    """A quick pass over the common case; anything it cannot vouch for goes to jsonschema.

    It accepts only what extraction.schema.json accepts (tests hold the two
    together), and exists because full validation of every result costs more
    than the rest of scoring a saved prediction.
    """
    for key, value in data.items():
        if value is None:
            continue
        if key in _STRINGS:
            ok = isinstance(value, str)
        elif key == "authors":
            ok = isinstance(value, list) and all(isinstance(a, str) for a in value)
        elif key in ("published", "modified"):
            ok = isinstance(value, str) and RFC3339.fullmatch(value) is not None
        elif key == "language":
            ok = isinstance(value, str) and LANGUAGE.fullmatch(value) is not None
        elif key == "free_access":
            ok = isinstance(value, bool)
        elif key == "extra":
            ok = isinstance(value, dict)
        else:
            ok = False
        if not ok:
            return False
    return True


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def normalize(result: object) -> tuple[Extraction, list[str]]:
    """The extraction a plugin's return value stands for, and what in it breaks the schema.

    A field of the wrong type is reported and left out of its field, so the
    checks can still grade the rest, but it is not lost: it is kept in
    ``extra["<field>_unconverted"]``. The values an adapter itself says it
    could not convert (the same keys, set by the adapter) are reported too,
    naming the field and the shape of each value. An item read through a
    field map (:class:`~harness.extractors.fieldmap.MappedItem`) also reports
    each mapped path it lacks.
    """
    lacking: list[str] = []
    if isinstance(result, MappedItem):
        lacking = [f"the item lacks a mapped field: {line}" for line in result.missing]
        result = dict(result.values)
    if isinstance(result, Extraction):
        data: dict[str, Any] = result.to_dict()
    elif isinstance(result, Mapping):
        data = {str(key): _plain(value) for key, value in result.items()}
    else:
        return Extraction(), [
            f"the extractor returned {type(result).__name__} {_short(result)}, not a mapping of fields"
        ]
    valid = _plainly_valid(data)
    problems = lacking + ([] if valid else list(schema_errors("extraction", data)))
    given = data.get("extra")
    extra: dict[str, Any] = dict(given) if isinstance(given, Mapping) else {}
    if extra:
        problems.extend(unconverted_problems(extra))
    if not valid:
        # After the adapter's own leftovers are reported: the schema problems above already
        # name what is kept here, and saying it twice would count one defect as two.
        for field, values in _dropped(data).items():
            keep_unconverted(extra, field, values)
    authors, access = data.get("authors"), data.get("free_access")
    return Extraction(
        title=_text(data.get("title")),
        authors=tuple(a for a in authors if isinstance(a, str)) if isinstance(authors, list) else None,
        published=_text(data.get("published")),
        modified=_text(data.get("modified")),
        body=_text(data.get("body")),
        language=_text(data.get("language")),
        free_access=access if isinstance(access, bool) else None,
        extra=extra,
    ), problems


def _dropped(data: Mapping[str, Any]) -> dict[str, list[object]]:
    """The values of known fields that cannot go into their field, by field."""
    dropped: dict[str, list[object]] = {}
    for field in ("title", "published", "modified", "body", "language"):
        value = data.get(field)
        if value is not None and not isinstance(value, str):
            dropped[field] = [value]
    authors = data.get("authors")
    if isinstance(authors, list):
        if others := [a for a in authors if not isinstance(a, str)]:
            dropped["authors"] = others
    elif authors is not None:
        dropped["authors"] = [authors]
    access = data.get("free_access")
    if access is not None and not isinstance(access, bool):
        dropped["free_access"] = [access]
    given = data.get("extra")
    if given is not None and not isinstance(given, Mapping):
        dropped["extra"] = [given]
    return dropped


def keep_unconverted(extra: dict[str, Any], field: str, values: list[object]) -> None:
    """Add ``values`` (JSON-ready) to ``extra["<field>_unconverted"]``; nothing when there are none."""
    if not values:
        return
    key = unconverted_key(field)
    before = extra.get(key)
    kept = before if isinstance(before, list) else ([] if before is None else [before])
    extra[key] = [*kept, *(keepable(value) for value in values)]


def unconverted_problems(extra: Mapping[str, Any]) -> list[str]:
    """One problem per field whose ``<field>_unconverted`` values ``extra`` holds.

    For example ``"$.authors: 1 value the adapter could not read as a name:
    {'id': 3} (a dict without 'name')"``.
    """
    problems = []
    for field, (one, several) in _READ_AS.items():
        values = extra.get(unconverted_key(field))
        if values is None or values == []:
            continue
        items = values if isinstance(values, list) else [values]
        shown = "; ".join(f"{_short(value)} ({_shape(field, value)})" for value in items[:_SHOWN])
        more = f"; and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
        if len(items) == 1:
            count = f"1 value the adapter could not read as {one}"
        else:
            count = f"{len(items)} values the adapter could not read as {several}"
        problems.append(f"$.{field}: {count}: {shown}{more} (kept in extra[{unconverted_key(field)!r}])")
    return problems


def _shape(field: str, value: object) -> str:
    """What kind of value ``value`` is, in words, for a problem's message."""
    if isinstance(value, Mapping) and field == "authors":
        if "name" not in value:
            return "a dict without 'name'"
        return f"a dict whose 'name' is {_kind(value['name'])}"
    if isinstance(value, str) and field in _SINGLE_VALUED:
        return "one more value where the field holds one"
    return _kind(value)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    name = {"str": "string", "bool": "boolean", "int": "integer", "float": "number", "dict": "dict"}.get(
        type(value).__name__, type(value).__name__
    )
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
