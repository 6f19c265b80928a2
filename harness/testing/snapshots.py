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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..core import fold, name_key, parse_stamp, shingle_f1
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
FIELDS = ("title", "authors", "published", "modified", "body", "language")
#: Which snapshots an update run may write.
Update = Literal["new", "changed", "all"]
#: What became of one item's snapshot.
SnapshotStatus = Literal["off", "missing", "same", "changed", "written-new", "written-changed", "rewritten"]


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
    """A stored snapshot, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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
