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
        state = (row["version"] or "installed") if row["installed"] else "missing"
        hint = f"  ({row['install']})" if not row["installed"] else ""
        lines.append(f"  {row['name']:<18} {state:<12} {', '.join(row['fields'])}{hint}")
    if listing.get("frameworks"):
        lines.extend(["", "Frameworks (a spec names the parser):"])
        for row in listing["frameworks"]:
            version = f"{row['distribution']} {row['version'] or ''}".rstrip()
            state = version if row["installed"] else f"missing  ({row['install']})"
            lines.append(f"  {row['spec']:<42} {state}")
    lines.extend(["", f"Fixtures ({len(listing['fixtures'])}):"])
    lines.extend(f"  {fixture['name']}" for fixture in listing["fixtures"])
    lines.extend(f"problem: {problem}" for problem in listing["problems"])
    return printable_lines(lines)


def render_json(listing: dict[str, Any]) -> str:
    """The listing as JSON: ``{"extractors": [...], "frameworks": [...], "fixtures": [...], "problems": [...]}``."""
    return json.dumps(listing, indent=2)
