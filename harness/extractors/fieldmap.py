"""Where the harness's fields sit in a scraper's item: field maps.

A field map takes each harness field (title, authors, published, modified,
body, language, free_access) to a path in an item: keys joined by dots, ``[]`` for every
element of a list, ``[N]`` for one element, and a trailing ``?`` for a field
the item may leave out (``authors[].name``, ``headline``,
``dateModified?``). Keys are looked up in mappings (dicts, Scrapy items) and
as attributes elsewhere (attrs and dataclass items, Fundus articles).

Built-in maps cover known item schemas (:data:`BUILTIN_MAPS`): zyte-common-items'
``Article``, Fundus's and news-please's articles. :func:`map_for` picks one
by the item's class; a team's own item class maps from ``[tool.harness.fields]``
or ``--fields`` (:func:`parse_field_map`). A mapped path the item does not
have is a ``schema.invalid`` problem naming the path (:class:`MappedItem`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core import UsageError

__all__ = ["BUILTIN_MAPS", "MAPPED_FIELDS", "FieldMap", "MappedItem", "map_for", "parse_field_map"]

#: The fields a map may name, in the extraction's order.
MAPPED_FIELDS = ("title", "authors", "published", "modified", "body", "language", "free_access")

_NAME = r"[A-Za-z_@$][A-Za-z0-9_@$:-]*"
_SEGMENT = re.compile(rf"({_NAME})((?:\[\d*\])*)")
_INDEX = re.compile(r"\[(\d*)\]")


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


@dataclass(frozen=True)
class _Step:
    key: str
    #: After the key: None for every element ([]), else an index ([N]), in order.
    indices: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class _Path:
    text: str
    steps: tuple[_Step, ...]
    optional: bool


def _parse_path(text: str, field: str, where: str) -> _Path:
    spec = text.strip()
    optional = spec.endswith("?")
    spec = spec.removesuffix("?")
    steps = []
    for part in spec.split("."):
        found = _SEGMENT.fullmatch(part)
        if found is None:
            msg = (
                f"{where}: {field} = {text!r} is not a field path: write keys joined by dots, "
                "'[]' for every element of a list, '[N]' for one, '?' at the end when the item may leave it out "
                "(for example 'authors[].name')"
            )
            raise UsageError(msg)
        indices = tuple(int(i) if i else None for i in _INDEX.findall(found.group(2)))
        steps.append(_Step(found.group(1), indices))
    return _Path(text.strip(), tuple(steps), optional)


def _lookup(item: object, key: str) -> object:
    if isinstance(item, Mapping):
        return item.get(key, _MISSING)
    return getattr(item, key, _MISSING)


def _follow(values: list[object], step: _Step) -> list[object] | None:
    """The values one step further along, or None when a key or an index is missing."""
    out: list[object] = []
    for value in values:
        if value is None:
            continue  # an empty optional part of the item: nothing further along it
        found = _lookup(value, step.key)
        if found is _MISSING:
            return None
        current = [found]
        for index in step.indices:
            spread: list[object] = []
            for element in current:
                if element is None:
                    continue
                if not isinstance(element, Sequence) or isinstance(element, (str, bytes)):
                    return None
                if index is None:
                    spread.extend(element)
                elif index < len(element):
                    spread.append(element[index])
                else:
                    return None
            current = spread
        out.extend(current)
    return out


@dataclass(frozen=True)
class MappedItem:
    """An item read through a field map: the fields found, and the mapped paths it lacks."""

    values: Mapping[str, Any]
    #: One line per mapped path the item does not have ("authors: no 'authors[].name' in the Article item").
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldMap:
    """Where each harness field sits in an item (see the module's description)."""

    name: str
    paths: Mapping[str, _Path]

    def apply(self, item: object) -> MappedItem:
        """The harness fields of ``item``; a required path it does not have is listed in ``missing``."""
        values: dict[str, Any] = {}
        missing = []
        kind = type(item).__name__
        for field, path in self.paths.items():
            found = [item]
            for step in path.steps:
                followed = _follow(found, step)
                if followed is None:
                    break
                found = followed
            else:
                listed = any(None in step.indices for step in path.steps)
                values[field] = found if listed else (found[0] if found else None)
                continue
            if not path.optional:
                missing.append(f"{field}: no {path.text!r} in the {kind} item (field map {self.name})")
        return MappedItem(values, tuple(missing))

    def describe(self) -> str:
        """``field = path`` pairs, for messages and ``harness list``."""
        return ", ".join(f"{field} = {path.text}" for field, path in self.paths.items())


def parse_field_map(data: Mapping[str, Any] | str, *, where: str = "--fields", name: str = "custom") -> FieldMap:
    """A field map from a table of ``field = path`` (or the name of a built-in map).

    Raises:
        UsageError: an unknown field or map name (with the nearest valid one), or a path that does not parse.
    """
    if isinstance(data, str):
        if data not in BUILTIN_MAPS:
            close = difflib.get_close_matches(data, list(BUILTIN_MAPS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            msg = f"{where}: no built-in field map {data!r}{hint}; the built-in maps are {', '.join(BUILTIN_MAPS)}"
            raise UsageError(msg)
        return BUILTIN_MAPS[data]
    paths = {}
    for field, text in data.items():
        if field not in MAPPED_FIELDS:
            close = difflib.get_close_matches(field, MAPPED_FIELDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            msg = f"{where}: unknown field {field!r}{hint}; a field map names {', '.join(MAPPED_FIELDS)}"
            raise UsageError(msg)
        if not isinstance(text, str):
            msg = f"{where}: {field} must be a path written as a string, not {text!r}"
            raise UsageError(msg)
        paths[field] = _parse_path(text, field, where)
    if not paths:
        msg = f"{where}: the field map names no field; map at least one of {', '.join(MAPPED_FIELDS)}"
        raise UsageError(msg)
    return FieldMap(name, paths)


def _builtin(name: str, table: Mapping[str, str]) -> FieldMap:
    return parse_field_map(table, where=f"built-in field map {name}", name=name)


#: The maps of known item schemas, by name.
BUILTIN_MAPS: Mapping[str, FieldMap] = {
    "zyte-article": _builtin("zyte-article", {
        "title": "headline?", "authors": "authors[].name?", "published": "datePublished?",
        "modified": "dateModified?", "body": "articleBody?", "language": "inLanguage?",
    }),
    "fundus": _builtin("fundus", {
        "title": "title?", "authors": "authors?", "published": "publishing_date?", "body": "plaintext?",
        "language": "lang?", "free_access": "free_access?",
    }),
    "news-please": _builtin("news-please", {
        "title": "title?", "authors": "authors?", "published": "date_publish?", "modified": "date_modify?",
        "body": "maintext?", "language": "language?",
    }),
    "harness": _builtin("harness", {field: f"{field}?" for field in MAPPED_FIELDS}),
}  # fmt: skip

#: Item classes whose map is known without configuration: (module prefix, class name) -> map name.
_KNOWN_CLASSES = {
    ("zyte_common_items", "Article"): "zyte-article",
    ("fundus", "Article"): "fundus",
    ("newsplease", "NewsArticle"): "news-please",
}


def map_for(item: object, configured: FieldMap | None = None) -> FieldMap:
    """The map to read ``item`` with: the configured one, else the one its class is known by, else,
    for a plain mapping or an item with the harness's own field names, those names.

    Raises:
        UsageError: nothing says where the fields of ``item`` are.
    """
    if configured is not None:
        return configured
    kind = type(item)
    for (module, name), known in _KNOWN_CLASSES.items():
        if kind.__name__ == name and kind.__module__.split(".")[0] == module:
            return BUILTIN_MAPS[known]
    names = set(item) if isinstance(item, Mapping) else {f for f in MAPPED_FIELDS if hasattr(item, f)}
    if names & set(MAPPED_FIELDS):
        return BUILTIN_MAPS["harness"]
    msg = (
        f"no field map for a {kind.__module__}.{kind.__name__} item: say where its fields are in "
        "[tool.harness.fields] or with --fields (for example title=headline, authors=authors[].name), "
        f"or name a built-in map ({', '.join(BUILTIN_MAPS)})"
    )
    raise UsageError(msg)
