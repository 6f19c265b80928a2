"""Turning what an extractor returned into an :class:`Extraction`, with its schema problems."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..core import RFC3339, Extraction, schema_errors

__all__ = ["LANGUAGE", "normalize"]

#: A language tag as the extraction schema accepts it ("en", "de-AT", "pt_BR").
LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")


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

    Fields of the wrong type are dropped (and reported), so the checks can
    still grade the rest.
    """
    if isinstance(result, Extraction):
        data: dict[str, Any] = result.to_dict()
    elif isinstance(result, Mapping):
        data = {str(key): _plain(value) for key, value in result.items()}
    else:
        return Extraction(), [
            f"the extractor returned {type(result).__name__} {_short(result)}, not a mapping of fields"
        ]
    problems = [] if _plainly_valid(data) else list(schema_errors("extraction", data))
    authors = data.get("authors")
    extra = data.get("extra")
    return Extraction(
        title=_text(data.get("title")),
        authors=tuple(a for a in authors if isinstance(a, str)) if isinstance(authors, list) else None,
        published=_text(data.get("published")),
        modified=_text(data.get("modified")),
        body=_text(data.get("body")),
        language=_text(data.get("language")),
        extra=dict(extra) if isinstance(extra, Mapping) else {},
    ), problems


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
