"""Body checks of what an extractor did to the text itself: encoding damage, and the headline echoed.

``body.encoding_damage``: the text carries what a wrong decoding leaves
behind — UTF-8 bytes read as Latin-1 or Windows-1252 ("JosÃ©", "â€™"), the
replacement character U+FFFD, or HTML entities left escaped ("&amp;",
"&#8217;") — that neither the true body nor the page's visible text shows
(a CMS that escaped an entity twice makes the page itself show "&lt;span").
It names the first damaged word.

``body.title_echo``: the body starts with the headline where the true body
does not (trafilatura keeps the ``<h1>`` as the first paragraph on some
layouts): precision noise with a name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core import fold
from .page import page_facts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["check_damage", "damage"]

#: What a wrong decoding leaves: UTF-8 lead bytes read as Latin-1/cp1252 ("Ã©", "â€™", "Â "), the
#: replacement character, and entities nobody unescaped. Each alternative needs two characters that
#: no clean text puts side by side.
_DAMAGE = re.compile(
    r"Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
    r"|â€[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02dc\u2013-\u203a\u20ac\u2122\"]"
    r"|Â[\u00a0-\u00bf]"
    r"|\ufffd"
    r"|&(?:amp|lt|gt|quot|apos|nbsp|#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});"
)
#: How many characters of the body's start the headline may be preceded by (a kicker, a stray space).
_ECHO_SLACK = 3


def damage(text: str) -> re.Match[str] | None:
    """The first trace of encoding damage in ``text``, if any."""
    return _DAMAGE.search(text)


def _word_at(text: str, start: int) -> str:
    """The whitespace-delimited word around ``start``."""
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(" ", start), text.find("\n", start)) if i >= 0]
    word = text[left : min(ends) if ends else len(text)]
    return word if len(word) <= 40 else word[:39] + "…"


def check_damage(ctx: CheckContext) -> Iterator[Finding]:
    """``body.encoding_damage`` and ``body.title_echo``."""
    body = ctx.extraction.body or ""
    if not body:
        return
    truth = ctx.fixture.expectation
    if damage(body) is not None:
        # Damage the page itself shows (an entity its CMS escaped twice, so the reader sees "&lt;span")
        # or the truth keeps is not the extractor's: the first trace neither has is judged.
        references = [truth.body or "" if truth.knows("body") else "", page_facts(ctx.fixture.page).text]
        for found in _DAMAGE.finditer(body):
            if not any(found.group() in reference for reference in references):
                word = _word_at(body, found.start())
                yield ctx.finding(
                    "body.encoding_damage",
                    f"the body carries encoding damage the page has not: {word!r} ({found.group()!r})",
                    actual=word,
                )
                break
    headline = fold(truth.title or "")
    if len(headline) >= 12 and truth.knows("body") and truth.body is not None:
        start = fold(body[: len(truth.title or "") + 40])
        echoed = headline in start[: len(headline) + _ECHO_SLACK]
        if echoed and headline not in fold(truth.body[: len(truth.title or "") + 40]):
            yield ctx.finding(
                "body.title_echo",
                f"the body starts with the headline {truth.title!r}, which the true body does not",
                actual=truth.title,
            )
