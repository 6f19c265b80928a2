"""Reviewing drafted expectations: show each draft beside its evidence; accept, edit or reject it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import FixtureError
from ..fixtures import discover, evidence_path, expectation_from_dict, expectation_path, write_atomic

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Draft", "accept", "drafts", "parse_edit", "reject"]


@dataclass
class Draft:
    """A recorded page whose expectation nobody has reviewed yet."""

    cassette: Path
    sidecar: Path
    evidence_path: Path
    truth: dict[str, Any]
    evidence: dict[str, Any]


def drafts(paths: list[str | Path]) -> list[Draft]:
    """Every unreviewed draft under ``paths``."""
    found = []
    for _, cassette in discover(paths):
        sidecar = expectation_path(cassette)
        try:
            truth = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(truth, dict) or truth.get("reviewed", True):
            continue
        try:
            evidence = json.loads(evidence_path(cassette).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            evidence = {}
        found.append(Draft(cassette, sidecar, evidence_path(cassette), truth, evidence))
    return found


def accept(draft: Draft, truth: dict[str, Any] | None = None) -> None:
    """Mark the draft (or an edited version of it) as reviewed truth; the evidence file is removed.

    Raises:
        FixtureError: the (edited) truth fails its schema; nothing is written.
    """
    data = dict(truth if truth is not None else draft.truth)
    data["reviewed"] = True
    notes = str(data.get("notes", ""))
    if notes.startswith("Drafted by"):
        data["notes"] = "Reviewed from a draft by 'harness record'."
    expectation_from_dict(data, source=draft.sidecar)
    write_atomic(draft.sidecar, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    draft.evidence_path.unlink(missing_ok=True)


def reject(draft: Draft) -> list[Path]:
    """Delete the recorded page, its draft and its evidence; return what was deleted."""
    deleted = []
    for path in (draft.cassette, draft.sidecar, draft.evidence_path):
        if path.exists():
            path.unlink()
            deleted.append(path)
    return deleted


def parse_edit(text: str, source: Path) -> dict[str, Any]:
    """An edited draft, checked."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FixtureError(source, f"the edited draft is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise FixtureError(source, "the edited draft is not a JSON object")
    return data
