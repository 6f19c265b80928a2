"""Values from pages and files, made safe and short for a person to read.

A name, URL or message can come from a hostile page: an escape sequence
would clear the terminal or retitle its window, a newline would forge a
line of the report, and a list of 10,000 authors would be one line of a
quarter of a million characters. :func:`printable` escapes the first two and
:func:`listed` cuts the third, with "and N more".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["listed", "printable", "printable_lines", "quoted"]

#: C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a line shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``): one inert line."""
    return _CONTROL.sub(_escape, text)


def printable_lines(lines: Iterable[str]) -> str:
    """Lines of a report joined for a terminal: each made :func:`printable`, so none can become two."""
    return "\n".join(printable(line) for line in lines)


def quoted(text: str, width: int = 80) -> str:
    """``repr`` of ``text`` cut to ``width`` characters with "..."."""
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def listed(values: Iterable[object], *, limit: int = 8, width: int = 80, empty: str = "nobody") -> str:
    """Values quoted and joined with ", ", the first ``limit`` of them, then "and N more"."""
    items = [str(v) for v in values]
    if not items:
        return empty
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(quoted(v, width) for v in items[:limit]) + more
