"""Files shipped with the package: the JSON Schemas and the bundled fixtures.

In a wheel they live under ``harness/_data/`` (hatch force-includes the
repository's ``schemas/`` and ``cassettes/`` there). In a source checkout or
an editable install they are read from the repository root instead.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import HarnessError

if TYPE_CHECKING:
    from collections.abc import Iterator

    import jsonschema

__all__ = ["bundled_cassettes", "schema", "schema_errors", "schema_problem"]

_ROOT = Path(__file__).resolve().parents[2]


def _data_dir(name: str) -> Path:
    from importlib import resources  # imported on first use: it costs tens of milliseconds

    shipped = Path(str(resources.files("harness") / "_data" / name))
    if shipped.is_dir():
        return shipped
    source = _ROOT / name
    if source.is_dir():
        return source
    msg = f"news-harness's {name!r} folder is missing from {shipped} and {source}; reinstall news-harness."
    raise HarnessError(msg)


def bundled_cassettes() -> Path:
    """The folder of fixtures that ship with news-harness."""
    return _data_dir("cassettes")


@cache
def schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema by short name: ``"extraction"`` or ``"expected"``."""
    path = _data_dir("schemas") / f"{name}.schema.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # imported on first use: it costs a tenth of a second

    return jsonschema.Draft202012Validator(schema(name))


def schema_errors(name: str, instance: object) -> Iterator[str]:
    """Readable errors of ``instance`` against a shipped schema, each naming its JSON path."""
    errors = sorted(_validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))
    for error in errors:
        where = error.json_path if error.absolute_path else "the document"
        hint = error.schema.get("x-hint") if isinstance(error.schema, dict) else None
        if error.validator == "pattern" and hint:
            yield f"{where}: {_short(repr(error.instance))} is not {hint}"
        else:
            yield f"{where}: {_short(error.message)}"


def schema_problem(name: str, instance: object) -> str | None:
    """The first error of ``instance`` against a shipped schema, with how many follow; None when valid."""
    errors = list(schema_errors(name, instance))
    if not errors:
        return None
    return errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
