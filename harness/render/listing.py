"""``harness list``: the registered extractors (installed or how to install them) and the fixtures found."""

from __future__ import annotations

import json
from typing import Any

from ..core import printable_lines

__all__ = ["render_json", "render_text"]


def render_text(listing: dict[str, Any]) -> str:
    """Extractors with their version or install command and fields; fixtures by name; problems."""
    lines = ["Extractors:"]
    for row in listing["extractors"]:
        state = row["version"] or "installed" if row["installed"] else f"missing: {row['install']}"
        lines.append(f"  {row['name']:<18} {state:<12} {', '.join(row['fields'])}")
    lines.extend(["", f"Fixtures ({len(listing['fixtures'])}):"])
    lines.extend(f"  {fixture['name']}" for fixture in listing["fixtures"])
    lines.extend(f"problem: {problem}" for problem in listing["problems"])
    return printable_lines(lines)


def render_json(listing: dict[str, Any]) -> str:
    """The listing as JSON: ``{"extractors": [...], "fixtures": [...], "problems": [...]}``."""
    return json.dumps(listing, indent=2)
