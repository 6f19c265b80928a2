"""Every report, rendered: one module per report, each with ``render_<format>(report)``.

Nothing outside this package formats a report; the shells print what these return.
"""

from __future__ import annotations

from . import audit, check, failure, fuzz, gate, imports, listing, refresh, review, score, score_html

__all__ = [
    "audit",
    "check",
    "failure",
    "fuzz",
    "gate",
    "imports",
    "listing",
    "refresh",
    "review",
    "score",
    "score_html",
]
