"""Body checks of what an extractor did to the text itself: encoding damage, and the headline echoed.

``body.encoding_damage``: the text carries what a wrong decoding leaves
behind — UTF-8 bytes read as Latin-1 or Windows-1252 ("JosÃ©", "â€™"), the
replacement character U+FFFD, a C1 control (a Windows-1252 curly quote read
as Latin-1), or HTML entities left escaped ("&amp;", "&#8217;") — that
neither the true body nor the page's visible text shows (a CMS that escaped
an entity twice makes the page itself show "&lt;span").
It names the first damaged word. The same check names a drop cap's damage:
a paragraph's first word that the page shows whole ("Kelp", its first letter
in an element of its own and the next ones in small caps) and the body, at a
paragraph's start, splits ("K elp", or "K" and "elp" as two paragraphs),
loses letters of ("elp"; "K stint" for "Kickstint") or doubles the initial of
("KKelp": a screen-reader copy kept beside the drop cap). The word is the
true body's (with no true body, the page's visible text's), so a real
one-letter word ("A long way") is never judged.

``body.title_echo``: the body starts with the headline where the true body
does not (trafilatura keeps the ``<h1>`` as the first paragraph on some
layouts): precision noise with a name.
"""

from __future__ import annotations

import functools
import itertools
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
#: replacement character, C1 controls and entities nobody unescaped. Each alternative is a character
#: no clean text holds, or two that no clean text puts side by side.
_DAMAGE = re.compile(
    r"Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
    r"|â€[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02dc\u2013-\u203a\u20ac\u2122\"]"
    r"|Â[\u00a0-\u00bf]"
    r"|\ufffd"
    # C1 controls: cp1252 bytes (curly quotes, "€", "œ") or UTF-8 continuation bytes read as Latin-1.
    r"|[\u0080-\u009f]"
    r"|&(?:amp|lt|gt|quot|apos|nbsp|#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});"
)
#: A paragraph's first word (after any opening quote or dash) and what follows it.
_FIRST_WORD = re.compile(r"\W*([^\W\d_]\w*)(\W.*)?", re.S)
#: The words after the first that place it in the body: this many, and at least _ANCHOR_MIN of them.
_ANCHOR_WORDS = 5
_ANCHOR_MIN = 3
#: How far before its anchor a damaged first word may start, beyond the word's own length.
_HEAD_SLACK = 12
_OPENING = re.compile(r"^\W+")
#: A word split the way a drop cap splits it: the initial, then whitespace, then the rest.
_DROP_CAP_SPLIT = re.compile(r"\w\s+\w+")
_SPACES = re.compile(r"\s+")
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


_WORD = re.compile(r"\w+")


def _anchor_words(rest: str) -> list[str]:
    """The words after a paragraph's first word that place it: the first ``_ANCHOR_WORDS`` of ``rest``."""
    return [found.group() for found in itertools.islice(_WORD.finditer(rest), _ANCHOR_WORDS)]


@functools.lru_cache(maxsize=512)  # the same true paragraphs are graded for every extractor of a page
def _anchor(rest: str) -> re.Pattern[str] | None:
    """The words after a paragraph's first word as a pattern (any run of non-word characters between
    them, case ignored), or None when too few follow to place the word."""
    words = _anchor_words(rest)
    if len(words) < _ANCHOR_MIN:
        return None
    return re.compile(r"\W+" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


#: A character ``re.IGNORECASE`` takes for an ASCII letter without being one (the Kelvin sign, a long s, a
#: dotted or a dotless i), as the regex engine itself decides it, whatever its Unicode tables.
_ASCII_LOOKALIKE = re.compile(r"(?i:[a-z])(?<![\x00-\x7f])")
_NON_WORD = re.compile(r"\W+")


@functools.lru_cache(maxsize=4)  # one body is asked about every true paragraph in a row
def _plain_words(body: str) -> str | None:
    """The body lowercased, each run of non-word characters one space, a space at either end: its words as
    :func:`_anchor_starts` looks ASCII words up. None when the body holds an ASCII lookalike, which an
    ASCII word matches under ``re.IGNORECASE`` and lowercasing does not turn into the letter."""
    if not body.isascii() and _ASCII_LOOKALIKE.search(body):
        return None
    return f" {_NON_WORD.sub(' ', body.lower())} "


def _anchor_starts(body: str, rest: str) -> list[int] | None:
    """Where ``_anchor(rest)`` matches in ``body`` (each match's start, as ``finditer`` finds them); None
    when too few words follow to place the word.

    Most paragraphs' words are nowhere in the body in a row, and compiling their pattern is the cost: ASCII
    words are first looked up as a phrase in :func:`_plain_words`. A match of the pattern is whole tokens of
    the body equal to the words ignoring case, one after the other, between non-word characters; for ASCII
    words (and no lookalike in the body) those are ASCII tokens that lowercase to the words, so the phrase,
    between spaces, is in the plain words wherever the pattern matches. Where it is, the pattern decides.
    """
    words = _anchor_words(rest)
    if len(words) < _ANCHOR_MIN:
        return None
    if all(word.isascii() for word in words):
        plain = _plain_words(body)
        if plain is not None:
            if f" {' '.join(words).lower()} " not in plain:
                return []
            return _token_runs(body, [word.lower() for word in words])
    anchor = _anchor(rest)
    return [found.start() for found in anchor.finditer(body)] if anchor is not None else None


@functools.lru_cache(maxsize=4)  # one body is asked about every true paragraph in a row
def _body_tokens(body: str) -> tuple[list[str], list[int], dict[str, list[int]]]:
    r"""The body's ``\w+`` tokens lowercased, where each ends, and where each lowercased token occurs."""
    lowered: list[str] = []
    ends: list[int] = []
    where: dict[str, list[int]] = {}
    for number, found in enumerate(_WORD.finditer(body)):
        token = found.group().lower()
        lowered.append(token)
        ends.append(found.end())
        where.setdefault(token, []).append(number)
    return lowered, ends, where


def _token_runs(body: str, words: list[str]) -> list[int]:
    r"""``finditer`` of the anchor pattern, without compiling it, for lowercased ASCII ``words`` in a body
    without an ASCII lookalike (:func:`_plain_words`): a match is a run of whole tokens equal to the words
    (the literal words between ``\W+`` and before ``(?!\w)``), and it starts where the non-word run before
    its first token starts, the end of the token before (or 0; none at all before the body's first token
    when it opens the body). Matches do not overlap, as ``finditer`` finds them."""
    lowered, ends, where = _body_tokens(body)
    size = len(words)
    starts: list[int] = []
    after = 0  # the first token a next match may start at
    for number in where.get(words[0], ()):
        if number < after or lowered[number : number + size] != words:
            continue
        if number == 0 and _WORD.match(body):
            continue  # the body opens with the token: no non-word character before it
        starts.append(ends[number - 1] if number else 0)
        after = number + size
    return starts


def _harm(head: str, word: str) -> str | None:
    """How ``head`` (what the body has where ``word`` should be) damages it: "split", "lost",
    "doubled"; "" when it is the word whole; None when it is something else (another word, a dateline)."""
    shown = _OPENING.sub("", head.strip())
    key = _SPACES.sub("", shown).casefold()
    whole = word.casefold()
    if key == whole:
        if not _SPACES.search(shown):
            return ""
        # A drop cap parts its own letter from the rest; a space elsewhere in the word is not its doing
        # (boilerpy3 puts one between "気象庁" and "は13日", an inline element's edge, in a Japanese run).
        return "split" if _DROP_CAP_SPLIT.fullmatch(shown) else None
    if key == whole[0] + whole:
        return "doubled"
    # The drop cap dropped ("he" for "The"), or the small-caps letters after it ("K stint" for "Kickstint").
    if key and len(key) < len(whole) and (whole.endswith(key) or (key[0] == whole[0] and whole.endswith(key[1:]))):
        return "lost"
    return None


#: How many characters of a line's start :func:`_line_starts` files it under.
_LINE_KEY = 16


@functools.lru_cache(maxsize=4)  # one body is asked about every true paragraph in a row
def _line_starts(body: str) -> dict[str, list[int]]:
    """Where the body's lines start, by their first ``_LINE_KEY`` characters."""
    starts: dict[str, list[int]] = {}
    at = 0
    for line in body.split("\n"):
        starts.setdefault(line[:_LINE_KEY], []).append(at)
        at += len(line) + 1
    return starts


def _opens_line(body: str, head: str) -> bool:
    """Whether a line of ``body`` starts with ``head``: ``body.startswith(head) or "\\n" + head in body``,
    without a search through the whole body for each paragraph."""
    if len(head) < _LINE_KEY:
        return body.startswith(head) or f"\n{head}" in body
    return any(body.startswith(head, at) for at in _line_starts(body).get(head[:_LINE_KEY], ()))


@functools.lru_cache(maxsize=8)  # one text's paragraphs are judged for every extractor of the page
def _openings(text: str) -> tuple[tuple[str, str, str], ...]:
    """The paragraphs of ``text`` (split at blank lines) that open with a word of two letters or more and go
    on after it: each one's word, its head (the word and what follows, as a line of the body would start
    with it) and the rest after the word."""
    out = []
    for paragraph in text.split("\n\n"):
        stripped = paragraph.strip()
        match = _FIRST_WORD.match(stripped)
        if match is None or len(match.group(1)) < 2 or not match.group(2):
            continue
        word = match.group(1)
        out.append((word, stripped[: len(word) + 60], match.group(2)))
    return tuple(out)


def _first_word_damage(body: str, word: str, head: str, rest: str) -> tuple[str, str, str] | None:
    """Where ``body`` damages the first word of a true paragraph (its opening, :func:`_openings`) at a
    paragraph's start: the body's text there, the word, and how ("split", "lost", "doubled"). None when the
    body shows it whole or has it elsewhere than at a line's start."""
    if _opens_line(body, head):
        return None  # the paragraph opens a line of the body as it is: the word is whole (most paragraphs)
    anchors = _anchor_starts(body, rest)
    if anchors is None:
        return None
    damaged: tuple[str, str, str] | None = None
    for end in anchors:
        reach = max(0, end - len(word) - _HEAD_SLACK)
        # Each line start within reach, the farthest first: a drop cap set apart as its own paragraph
        # ("K" then "elp") is found whole from the farther start, lost letters from the nearest.
        starts = [i + 1 for i in range(reach, end) if body[i] == "\n"]
        starts = ([0] if reach == 0 else []) + starts
        harms = [(start, _harm(body[start:end], word)) for start in starts]
        if any(harm == "" for _, harm in harms):
            return None
        for start, harm in harms:
            if harm is not None and damaged is None:
                damaged = (body[start:end].strip(), word, harm)
    return damaged


#: How each damage reads in a finding's message.
_HOW = {
    "split": "a drop cap set apart from the rest of its word",
    "lost": "letters lost with a drop cap",
    "doubled": "a drop cap's letter doubled",
}


def _drop_cap_damage(ctx: CheckContext, body: str) -> Iterator[Finding]:
    truth = ctx.fixture.expectation
    text = (truth.body or "") if truth.knows("body") else page_facts(ctx.fixture.page).text
    for opening in _openings(text):
        damaged = _first_word_damage(body, *opening)
        if damaged is not None:
            text, word, how = damaged
            yield ctx.finding(
                "body.encoding_damage",
                f"the body has {text!r} at a paragraph's start where the page shows {word!r} ({_HOW[how]})",
                actual=text,
            )
            return


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
    yield from _drop_cap_damage(ctx, body)
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
