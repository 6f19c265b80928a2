"""Saved extractor outputs, scored as if an extractor had run.

Two formats: the Zyte benchmark's ``output/<system>.json`` (``{"version",
"output": {key: {"articleBody"}}}``) and a JSONL of extractions, one a line,
each naming its page by ``id`` (the fixture name), ``file`` or ``url``. The
system's name is the file's stem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import UsageError
from .registry import ALL_FIELDS, LoadedExtractor

if TYPE_CHECKING:
    from ..core import Fixture

__all__ = ["load_predictions"]

#: What a page without a saved prediction gets: an empty extraction, marked so it can be counted.
_MISSING: dict[str, Any] = {"extra": {"prediction": "missing"}}


def _fail(path: Path, reason: str) -> UsageError:
    return UsageError(f"Predictions file {str(path)!r} {reason}")


def load_predictions(path: str | Path) -> LoadedExtractor:
    """A stand-in extractor that answers each page from a predictions file.

    A page the file has no entry for gets an empty extraction (and counts as missed).

    Raises:
        UsageError: the file cannot be read or has neither supported shape.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise _fail(path, f"cannot be read: {error.strerror or error}") from None
    if path.suffix in (".jsonl", ".ndjson"):
        entries, fields = _jsonl(path, text)
        version = None
    else:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise _fail(path, f"is not JSON: {error}") from None
        if not isinstance(data, dict) or not isinstance(data.get("output"), dict):
            raise _fail(path, "is not in the Zyte benchmark's shape {'version', 'output': {key: {...}}}")
        entries = {
            str(key): {"body": value.get("articleBody") or None} if isinstance(value, dict) else {}
            for key, value in data["output"].items()
        }
        fields = frozenset({"body"})
        version = str(data["version"]) if data.get("version") is not None else None

    def lookup(fixture: Fixture) -> Any:
        for key in (fixture.name, fixture.page.url, fixture.expectation.url):
            if key in entries:
                return entries[key]
        return _MISSING

    def unavailable(html: str, url: str) -> Any:  # pragma: no cover - never called
        raise NotImplementedError

    return LoadedExtractor(
        name=path.name.split(".")[0], func=unavailable, fields=fields, version=version, lookup=lookup
    )


def _jsonl(path: Path, text: str) -> tuple[dict[str, Any], frozenset[str]]:
    entries: dict[str, Any] = {}
    fields: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise _fail(path, f"line {number} is not JSON: {error}") from None
        names = [record.get(k) for k in ("id", "file", "url")] if isinstance(record, dict) else []
        keys = [str(k) for k in names if k]
        if not keys:
            raise _fail(path, f"line {number} names no page: give 'id' (fixture name), 'file' or 'url'")
        extraction = {k: v for k, v in record.items() if k not in ("id", "file", "url")}
        fields.update(k for k in extraction if k in ALL_FIELDS)
        for key in keys:
            entries[key] = extraction
            if "/" in key and not key.startswith("http"):
                entries[Path(key).name.split(".")[0]] = extraction
    return entries, frozenset(fields) or ALL_FIELDS
