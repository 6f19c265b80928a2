"""Body checks for paywalled pages: a teaser presented as the article, the paywall's own text kept.

(Being written: ``body.paywall_as_article``, ``body.paywall_text``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["check_paywall"]


def check_paywall(ctx: CheckContext) -> Iterator[Finding]:
    """``body.paywall_as_article`` and ``body.paywall_text``."""
    return iter(())
