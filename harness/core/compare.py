"""Every text comparison rule, once: folding, name keys, snippets and shingle overlap.

Folding is one rule for every text comparison: Unicode NFKC, typography
(curly quotes to straight ones, dashes to "-", "…" to "...", non-breaking
and zero-width spaces, soft hyphens) and whitespace runs to one space.
Names also compare casefolded, and nothing more ("By Isaac Yee" does not
match "Isaac Yee"). Snippets are found as case-sensitive substrings after
both sides are folded, titles compare folded with case kept. Bodies compare
by 4-token shingles of the raw text, tokens being ``re.findall(r"\\w+")``,
exactly as the Zyte benchmark defines them: folding does not touch them.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "contains",
    "fold",
    "name_key",
    "overlap_f1",
    "shingle_f1",
    "shingle_overlap",
    "shingle_scores",
    "squash",
    "tokens",
]

_TOKEN = re.compile(r"\w+")
#: What NFKC leaves alone but a reader does not see as different: quotes, dashes, invisible characters.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u2026": "...",
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", None),
    }
)


def _translator(table: dict[int, str | None]) -> Callable[[str], str]:
    """``str.translate(table)`` as one regex substitution over the table's characters.

    The same result, cheaper: ``str.translate`` looks every character of a
    non-ASCII text up in the table (tens of nanoseconds each, on whole bodies
    and pages), while the regex scans for the few characters the table holds
    and replaces only those.
    """
    replacements = {chr(code): to or "" for code, to in table.items()}
    pattern = re.compile("[" + "".join(map(re.escape, replacements)) + "]")

    def translate(text: str) -> str:
        if text.isascii():  # the tables hold no ASCII character (and isascii costs nothing)
            return text
        return pattern.sub(lambda found: replacements[found.group()], text)

    return translate


_fold_typography = _translator(_TYPOGRAPHY)


def squash(text: str) -> str:
    """Whitespace runs become one space and the ends are stripped; nothing else changes.

    For showing and storing text as the page has it; comparisons use :func:`fold`.
    """
    # str.split() parts at the characters ``\s`` matches (both are Py_UNICODE_ISSPACE), so this is
    # ``re.sub(r"\s+", " ", text).strip()``, twice to four times as fast.
    return " ".join(text.split())


@functools.lru_cache(maxsize=128)  # a page's texts: its own, the truth's, each extractor's body, names
def fold(text: str) -> str:
    """``text`` as every comparison sees it: NFKC, typography folded, whitespace squashed.

    Cached: a body is folded once however many snippets are looked for in it
    (a str caches its own hash, so a hit costs no pass over the text).
    """
    return squash(_fold_typography(unicodedata.normalize("NFKC", text)))


#: An initial's full stop ("Miguel A. Herguedas"): pages and extractors keep or drop it at will.
_INITIAL_STOP = re.compile(r"\b(\w)\.(?=\s|$)")


#: Names up to this long are cached; a longer text (a page's whole text, keyed to look for names in
#: it) is keyed afresh, so that the cache holds a few thousand names, never a few thousand pages.
_NAME_CACHED = 200


def name_key(name: str) -> str:
    """The comparison key of an author or organization name: folded, casefolded, and an initial's
    full stop dropped ("Miguel A. Herguedas" is "Miguel A Herguedas"); nothing more.

    Cached for names: the organization rules ask for the same few thousand names hundreds of thousands
    of times a run.
    """
    return _name_key(name) if len(name) <= _NAME_CACHED else _key_of(name)


@functools.lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    return _key_of(name)


def _key_of(name: str) -> str:
    return _INITIAL_STOP.sub(r"\1", fold(fold(name).casefold()))


def contains(haystack: str, snippet: str) -> bool:
    """Whether ``snippet`` occurs in ``haystack``, both whitespace-folded, case-sensitive."""
    return fold(snippet) in fold(haystack)


@functools.lru_cache(maxsize=64)
def tokens(text: str) -> list[str]:
    """The tokens of the Zyte benchmark metric: ``re.findall(r"\\w+", text)``. Do not mutate."""
    return _TOKEN.findall(text)


def shingles_of(words: list[str], size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles of a token list; fewer tokens give one shorter shingle."""
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(zip(*(words[i:] for i in range(size)), strict=False))


class _TruthShingles:
    """A true text's 4-token shingles, packed for fast matching against many predictions.

    The vocabulary is the true text's own: a predicted token outside it maps
    to 0, and a shingle holding a 0 can never be a true shingle, so counting
    it as unmatched is exact. Four 16-bit token ids pack into one uint64.
    """

    def __init__(self, text: str) -> None:
        import numpy as np

        words = tokens(text)
        self.total = max(1, len(words) - 3) if words else 0
        self.vocab = {word: i for i, word in enumerate(dict.fromkeys(words), 1)}
        self.packable = len(words) >= 4 and len(self.vocab) < 0xFFFF
        self.counter: Counter[tuple[str, ...]] | None = None
        if self.packable:
            self.keys, self.counts = np.unique(self._pack(words), return_counts=True)
        else:
            self.counter = shingles_of(words)

    def _pack(self, words: list[str]) -> Any:
        import numpy as np

        ids = np.fromiter(map(self.vocab.get, words, itertools.repeat(0)), dtype=np.uint64, count=len(words))
        shift = np.uint64(16)
        return (((ids[:-3] << shift | ids[1:-2]) << shift | ids[2:-1]) << shift) | ids[3:]

    def overlap(self, text: str) -> tuple[int, int]:
        """(matched shingles, predicted shingles) of ``text`` against this truth."""
        import numpy as np

        words = tokens(text)
        total = max(1, len(words) - 3) if words else 0
        if self.counter is not None:
            return sum((self.counter & shingles_of(words)).values()), total
        if len(words) < 4:  # its one shorter shingle cannot equal a 4-token one
            return 0, total
        keys, counts = np.unique(self._pack(words), return_counts=True)
        where = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        hit = self.keys[where] == keys
        return int(np.minimum(self.counts[where[hit]], counts[hit]).sum()), total


@functools.lru_cache(maxsize=32)
def _truth(text: str) -> _TruthShingles:
    return _TruthShingles(text)


@functools.lru_cache(maxsize=64)
def shingle_overlap(true: str, predicted: str) -> tuple[int, int, int]:
    """(tp, fp, fn) shingle counts of ``predicted`` against ``true``.

    Cached, as are the true side's shingles: the metrics and the body checks
    ask the same question of the same page.
    """
    truth = _truth(true)
    tp, total = truth.overlap(predicted)
    return tp, total - tp, truth.total - tp


def overlap_f1(tp: float, fp: float, fn: float) -> float:
    """F1 of an overlap count; two empty sides agree (1.0), one empty side does not (0.0)."""
    if tp:
        return 2 * tp / (2 * tp + fp + fn)
    return 1.0 if not (fp or fn) else 0.0


def shingle_f1(a: str, b: str) -> float:
    """How alike two texts are: the F1 of their 4-token shingles (symmetric)."""
    return overlap_f1(*shingle_overlap(a, b))


#: Characters a reader never sees but ``\\w+`` splits words at: soft hyphens and zero-width marks.
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None))
_drop_invisible = _translator(_INVISIBLE)


def shingle_scores(predicted: str, truth: str) -> tuple[float, float]:
    """Per-document shingle precision and recall of ``predicted`` against ``truth``, as the body checks
    judge them: invisible characters (soft hyphens, zero-width marks) removed from both first, since a
    page that hyphenates "Brenn\u00adpunkt" invisibly and an extractor that drops the mark say the same
    word. The Zyte metric (:func:`shingle_overlap` on the raw texts) keeps its own definition."""
    tp, fp, fn = shingle_overlap(_drop_invisible(truth), _drop_invisible(predicted))
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if not fp else 0.0)
    return precision, recall
