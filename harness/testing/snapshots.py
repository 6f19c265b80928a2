"""Golden snapshots: the extraction a given extractor produced last time, per fixture.

Distinct from the truth: a snapshot records what the scraper did (mistakes
included), so a change shows up as "different from last time" field by
field. Comparison is tolerant where values legitimately vary: authors as a
set of normalized names, dates by instant (or by day for a date alone), the
body by shingle F1 above a floor, text after whitespace folding.

Snapshots live beside the fixtures: ``<fixture folder>/__snapshots__/<extractor>/<name>.json``.
Updates write only what was asked (new, changed, or all) and never delete.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..core import FixtureError, fold, name_key, parse_stamp, shingle_f1
from ..fixtures import safe_segment, write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..core import Extraction, Fixture

__all__ = [
    "FieldChange",
    "SnapshotStatus",
    "Update",
    "compare",
    "orphans",
    "read_snapshot",
    "snapshot_path",
    "write_snapshot",
]

FOLDER = "__snapshots__"
FIELDS = ("title", "authors", "published", "modified", "body", "language", "free_access")
#: Which snapshots an update run may write.
Update = Literal["new", "changed", "all"]
#: What became of one item's snapshot.
SnapshotStatus = Literal[
    "off", "missing", "same", "changed", "unreadable", "written-new", "written-changed", "rewritten"
]


@dataclass(frozen=True)
class FieldChange:
    """One field that differs from the snapshot beyond tolerance."""

    field: str
    before: Any
    after: Any
    detail: str


def _extractor_folder(extractor: str) -> str:
    return safe_segment(extractor, "extractor")


def snapshot_path(fixture: Fixture, extractor: str) -> Path:
    """Where ``extractor``'s snapshot of ``fixture`` lives."""
    if fixture.cassette_path is None:
        msg = f"fixture {fixture.name!r} has no file on disk, so it has nowhere to keep a snapshot"
        raise ValueError(msg)
    return fixture.cassette_path.parent / FOLDER / _extractor_folder(extractor) / f"{fixture.cassette_path.stem}.json"


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """A stored snapshot, or None when there is none.

    Raises:
        FixtureError: the file exists but cannot be read, is not JSON (a merge
            left its conflict markers in it, say) or is not a snapshot's shape.
            Such a file is never taken as missing, so no update overwrites it.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise FixtureError(path, f"the snapshot cannot be read: {error}") from None
    if re.search(r"^(<<<<<<<|>>>>>>>) ", text, re.MULTILINE):
        raise FixtureError(path, "the snapshot has merge-conflict markers (<<<<<<< ... >>>>>>>); resolve them or "
                                 "delete the file and write it again with --harness-update "
                                 "--harness-update-mode=new")  # fmt: skip
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FixtureError(path, f"the snapshot is not valid JSON ({error}); fix or delete it") from None
    problem = _shape_problem(data)
    if problem:
        raise FixtureError(path, f"not a snapshot: {problem}; fix or delete it")
    assert isinstance(data, dict)
    return data


def _shape_problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return f"a JSON {type(data).__name__}, not an object"
    for name in FIELDS:
        value = data.get(name)
        if name == "authors":
            if value is not None and not (isinstance(value, list) and all(isinstance(a, str) for a in value)):
                return f"'authors' is {_short(value)}, not a list of names"
        elif name == "free_access":
            if value is not None and not isinstance(value, bool):
                return f"'free_access' is {_short(value)}, not true, false or null"
        elif value is not None and not isinstance(value, str):
            return f"{name!r} is {_short(value)}, not a string"
    return None


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _document(extraction: Extraction, extractor: str, version: str | None) -> dict[str, Any]:
    data = extraction.to_dict()
    data.pop("extra", None)
    return {"extractor": extractor, "version": version, **data}


def write_snapshot(path: Path, extraction: Extraction, extractor: str, version: str | None) -> None:
    """Write a snapshot atomically (a killed write leaves the old file whole)."""
    write_atomic(path, json.dumps(_document(extraction, extractor, version), indent=2, ensure_ascii=False) + "\n")


def _same_stamp(a: object, b: object) -> bool:
    left, right = (
        parse_stamp(a if isinstance(a, str) else None),
        parse_stamp(b if isinstance(b, str) else None),
    )
    if left is None or right is None:
        return a == b
    if left.has_time and right.has_time:
        return left.instant("UTC") == right.instant("UTC")
    return left.kind == right.kind and left.value == right.value


def compare(snapshot: dict[str, Any], extraction: Extraction, *, body_similarity: float = 0.95) -> list[FieldChange]:
    """The fields of ``extraction`` that differ from ``snapshot`` beyond tolerance."""
    now = extraction.to_dict()
    changes: list[FieldChange] = []
    for name in FIELDS:
        before, after = snapshot.get(name), now.get(name)
        if name == "authors":
            old = sorted({name_key(a) for a in before or []})
            new = sorted({name_key(a) for a in after or []})
            if old != new:
                lost, gained = set(old) - set(new), set(new) - set(old)
                detail = ", ".join([*(f"lost {x!r}" for x in sorted(lost)), *(f"gained {x!r}" for x in sorted(gained))])
                changes.append(FieldChange(name, before, after, detail))
        elif name == "free_access":
            # True, False and None are three answers (null became false is a change); a snapshot
            # written before the field existed has no key and is not judged on it.
            if name in snapshot and before is not after:
                changes.append(FieldChange(name, before, after, f"{before!r} became {after!r}"))
        elif name in ("published", "modified"):
            if not _same_stamp(before, after):
                changes.append(FieldChange(name, before, after, f"{before!r} became {after!r}"))
        elif name == "body":
            if bool(before) != bool(after):
                changes.append(FieldChange(name, before, after, "appeared" if after else "disappeared"))
            elif before and after:
                f1 = shingle_f1(before, after)
                if f1 < body_similarity:
                    changes.append(FieldChange(name, before, after, f"shingle F1 {f1:.3f} < {body_similarity:.2f}"))
        else:
            texts = isinstance(before or "", str) and isinstance(after or "", str)
            same = fold(before or "") == fold(after or "") if texts else before == after
            if not same:
                changes.append(FieldChange(name, before, after, f"{before!r} became {after!r}"))
    return changes


def orphans(fixture_roots: Iterable[Path], fixtures: Iterable[Fixture], extractors: Iterable[str]) -> Iterator[Path]:
    """Snapshot files with no fixture, or of an extractor no longer configured."""
    wanted = {_extractor_folder(e) for e in extractors}
    live = {(f.cassette_path.parent, f.cassette_path.stem) for f in fixtures if f.cassette_path is not None}
    for root in fixture_roots:
        for path in sorted(Path(root).rglob(f"{FOLDER}/*/*.json")):
            folder = path.parent.parent.parent
            if path.parent.name not in wanted or (folder, path.stem) not in live:
                yield path
