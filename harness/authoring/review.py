"""Reviewing drafted expectations: show each draft beside its evidence; accept, edit or reject it."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import ExpectationError, FixtureError, schema, zone
from ..fixtures import discover, evidence_path, expectation_from_dict, expectation_path, write_atomic

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Draft", "accept", "drafts", "edit_problems", "edit_text", "parse_edit", "reject"]

#: The prefix of the lines ``edit_text`` writes above the draft (dropped again by :func:`parse_edit`).
COMMENT = "//"


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
    """An edited draft, checked (the comment lines :func:`edit_text` put at its top are dropped)."""
    text = _without_comments(text)
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FixtureError(source, f"the edited draft is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise FixtureError(source, "the edited draft is not a JSON object")
    return data


def _without_comments(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and (lines[0].lstrip().startswith(COMMENT) or not lines[0].strip()):
        lines.pop(0)
    return "".join(lines)


def edit_text(text: str, problems: list[str]) -> str:
    """``text`` (an edit, its old comment lines dropped) below ``problems``, one comment line each."""
    header = [f"{COMMENT} {len(problems)} problem{'s' if len(problems) != 1 else ''} with this edit; "
              "fix them and save (save it unchanged, or empty, to keep the draft as it was):"]  # fmt: skip
    header.extend(f"{COMMENT}   {problem}" for problem in problems)
    return "\n".join(header) + "\n" + _without_comments(text)


def edit_problems(data: dict[str, Any], source: Path) -> list[str]:
    """Every reason ``data`` cannot be accepted as a truth (none: it can), each with the nearest
    valid name for an unknown field or timezone."""
    import jsonschema  # a dependency; imported here as the core imports it, on first use

    validator = jsonschema.Draft202012Validator(schema("expected"))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        where = error.json_path if error.absolute_path else "the document"
        known = error.schema.get("properties") if isinstance(error.schema, dict) else None
        if error.validator == "additionalProperties" and isinstance(error.instance, dict) and known:
            for key in error.instance:
                if key not in known:
                    field = _nearest(key, list(known))
                    nearest = f"; did you mean {field!r}?" if field else f"; known fields: {', '.join(known)}"
                    problems.append(f"{error.json_path}: unknown field {key!r}{nearest}")
            continue
        hint = error.schema.get("x-hint") if isinstance(error.schema, dict) else None
        if error.validator == "pattern" and hint:
            problems.append(f"{where}: {error.instance!r} is not {hint}")
        else:
            problems.append(f"{where}: {error.message}")
    timezone = data.get("timezone")
    if isinstance(timezone, str):
        try:
            zone(timezone)
        except ValueError:
            close = _nearest(timezone, _zones())
            hint = f"did you mean {close!r}? Or another IANA name" if close else "use an IANA name (America/Denver)"
            problems.append(f"$.timezone: unknown timezone {timezone!r}; {hint}, or an offset such as '+02:00'")
    if not problems:  # what the schema cannot say (a capture time before the first web page, say)
        try:
            expectation_from_dict({**data, "reviewed": True}, source=source)
        except ExpectationError as error:
            problems.append(error.reason)
    return problems


def _zones() -> list[str]:
    import zoneinfo

    return sorted(zoneinfo.available_timezones())


def _nearest(name: str, choices: list[str]) -> str | None:
    by_fold = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(name.casefold(), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None
