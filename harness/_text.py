"""Text comparison rules shared by checks and metrics.

Names compare after Unicode NFKC, casefolding and whitespace folding, nothing
more ("By Isaac Yee" does not match "Isaac Yee"). Snippets are found as
case-sensitive substrings after both sides are whitespace-folded, as
trafilatura's evaluation does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["contains", "fold", "name_key", "shingles", "tokens"]

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def fold(text: str) -> str:
    """Whitespace runs become one space; the ends are stripped."""
    return _SPACE.sub(" ", text).strip()


def name_key(name: str) -> str:
    """The comparison key of an author or organization name."""
    return fold(unicodedata.normalize("NFKC", name).casefold())


def contains(haystack: str, snippet: str) -> bool:
    """Whether ``snippet`` occurs in ``haystack``, both whitespace-folded, case-sensitive."""
    return fold(snippet) in fold(haystack)


def tokens(text: str) -> list[str]:
    """The tokens of the Zyte benchmark metric: ``re.findall(r"\\w+", text)``."""
    return _TOKEN.findall(text)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a shorter text gives one shorter shingle, empty none."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
