"""Body checks of the body's shape against the true body: truncated, out of order, headings lost.

(Being written: ``body.truncated``, ``body.order``, ``body.headings_missing``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["check_structure"]


def check_structure(ctx: CheckContext) -> Iterator[Finding]:
    """``body.truncated``, ``body.order`` and ``body.headings_missing``."""
    return iter(())
