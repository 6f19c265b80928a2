"""Body checks of the body's shape against the true body: truncated, out of order, headings lost.

Shingle recall counts what is missing but not where, and ignores order. These
checks place each true paragraph (the truth's body split at blank lines) in
the extracted body by its 4-token shingles, the tokens and shingles of
:func:`~harness.core.tokens` as ``body.low_recall`` counts them, on folded
text. A paragraph is found when half its shingles are in the body. They run
where the truth knows the body and it has at least three paragraphs, and a
body that holds every true paragraph in order (after folding) is passed
without further work; the page is parsed (the tree the checks share) only to
name what follows a cut or to look a missing short paragraph up as a heading.

``body.truncated`` (error): the body stops early. The last true paragraphs,
at least ``body_truncated_tail_share`` of the true body's words, are missing
(their recall at most ``body_truncated_tail_floor``) while what comes before
them is there (recall at least ``body_truncated_head_floor``, and two
paragraphs or more: a body that is only the standfirst lacks the article, it
was not cut). Short paragraphs (a photo credit, "(dpa)") do not mark where
the body stops. The finding names the last true paragraph found and what
follows it on the page: an ad slot, a newsletter box, a "Read more" teaser, a
heading, or the element.

``body.order`` (warning): true paragraphs are there but out of order. Each
paragraph of at least ``_ORDER_TOKENS`` tokens that the body holds whole is
placed where most of its shingles line up; the heaviest in-order run (by
words) is kept, and the first paragraph outside it is named with the
paragraph it follows in the body. Short paragraphs (a caption, a one-line
quote) are not judged; a paragraph found twice (a pull quote) counts at
whichever place fits, and one whose text another true paragraph shares (a
summary that repeats the lede) at none. A body that is mostly other text is
not judged.

``body.headings_missing`` (info): a true paragraph that the page renders as a
heading (``h2``-``h6`` or ``role="heading"``, not a teaser's headline linking
elsewhere) is absent from the body while the true paragraphs on both sides of
it are there.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import contains, fold, quoted, shingle_scores, squash, tokens
from .page import html_tree, page_tree

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..core import Finding
    from .catalogue import CheckContext

__all__ = ["check_structure"]

DEFAULT_MIN_PARAGRAPHS = 3
DEFAULT_TAIL_SHARE = 0.15
DEFAULT_TAIL_FLOOR = 0.25
DEFAULT_HEAD_FLOOR = 0.8

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")
#: A true paragraph is found in the body when this share of its shingles is there.
_FOUND = 0.5
#: Paragraphs with fewer tokens (a credit line, "(dpa)", a heading) do not mark where the body stops.
_SUBSTANTIAL = 8
#: A paragraph is judged for order when this share of its shingles is in the body: a body that only quotes the
#: same sentences (a speech's transcript beside the article about it) has fragments, not paragraphs, to order.
_WHOLE = 0.8
#: The body's shingle precision under which order is not judged: the body is mostly something else.
_ORDER_PRECISION = 0.5
#: Paragraphs with fewer tokens (a caption, a short quote repeated as a pull quote) are not judged for order.
_ORDER_TOKENS = 12
#: A place in the body holds a paragraph when this share of its shingles lines up there.
_PLACED = 0.4
#: A shingle found more often than this in the body (a stock phrase) does not vote for places.
_COMMON = 8
_SHOWN = 60
#: True paragraphs longer than this (in tokens) are no headings.
_HEADING_TOKENS = 30
#: A heading whose text is this much a link to another page is a teaser's headline.
_LINKED = 0.7

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "br", "hr"})
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: Class or id words of an ad slot or a sponsored card ("div-gpt-ad-123", "ad-slot", "dfp-mid", "anzeige").
_AD_WORDS = frozenset({
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "adbox",
    "adcontainer", "adsense", "dfp", "gpt", "googletag", "anzeige", "werbung", "outbrain", "taboola", "teads",
    "publicite", "publicidad", "sponsored", "paidcontent", "paid", "promoted",
})  # fmt: skip
_AD_PREFIX = re.compile(r"^(advert|adslot|adunit|ad\d|gpt\d|dfp|sponsor)")
#: The label of a sponsored card or an ad, at the start of its text.
_SPONSORED_TEXT = re.compile(
    r"^(sponsored|advertisement|advertising|anzeige|werbung|paid content|paid post|promoted|partner content"
    r"|publicidad|publicité)",
    re.IGNORECASE,
)
#: A newsletter box, by its class or id, or its text.
_NEWSLETTER = re.compile(r"newsletter|sign-?up|subscri|e-?mail-?alert", re.IGNORECASE)
_NEWSLETTER_TEXT = re.compile(
    r"newsletter|^(sign up|subscribe|get our|join our|get the latest|melden sie sich|jetzt anmelden|inscr[ií]bete"
    r"|abonnez-vous|inscrivez-vous)",
    re.IGNORECASE,
)
#: A "Read more" or related teaser, by its class or id, or the start of its text.
_TEASER = re.compile(
    r"read-?more|read-?also|also-?read|related|teaser|recommend|weiterlesen|mehr-?zum-?thema|lesetipp|more-?on"
    r"|inline-?link|see-?also|promo",
    re.IGNORECASE,
)
_TEASER_TEXT = re.compile(
    r"^(read more|read also|also read|see also|more on this|more:|related|recommended|weiterlesen|mehr zum thema"
    r"|lesen sie auch|auch interessant|das könnte sie|don't miss|click here|lire aussi|à lire aussi|leer más"
    r"|lea también|leia também|leggi anche|les også|läs också)",
    re.IGNORECASE,
)


#: Folding and tokens without their caches: a truth's paragraphs and a page's elements are folded once each,
#: and would push the body (folded by every body check) out of the shared caches.
_fold = fold.__wrapped__
_tokens = tokens.__wrapped__


@dataclass(frozen=True)
class _True:
    """One paragraph of the true body, folded and in tokens (worked out once per truth, for every extractor)."""

    text: str
    folded: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class _TrueBody:
    """The true body's paragraphs, and their shingles as numbers to place every paragraph at once (None when
    the true body has too many distinct words to number them in 16 bits)."""

    paragraphs: tuple[_True, ...]
    packed: _PackedTruth | None


@dataclass(frozen=True)
class _Paragraph:
    """One true paragraph, placed in the body."""

    index: int
    text: str
    folded: str
    words: int
    shingles: int
    found: int
    #: Token positions in the body where the paragraph lines up, most shingles first.
    places: tuple[int, ...] = ()

    @property
    def present(self) -> bool:
        return self.found >= _FOUND * self.shingles


def _key(text: str) -> str:
    """As :func:`~harness.checks.page.search_key`: folded, without whitespace."""
    return _SPACES.sub("", _fold(text))


def _shortened(text: str) -> str:
    return quoted(squash(text), _SHOWN)


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(body) if p.strip()]


def _shingles(words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The 4-token shingles of ``words`` in order, as :func:`_place` looks them up."""
    return tuple(zip(words, words[1:], words[2:], words[3:], strict=False))


@functools.lru_cache(maxsize=8)
def _true_paragraphs(body: str) -> _TrueBody:
    """The true body's paragraphs (split at blank lines), each folded and in tokens."""
    out = []
    for paragraph in _paragraphs(body):
        folded = _fold(paragraph)
        own = tuple(_tokens(folded))
        out.append(_True(paragraph, folded, own))
    vocabulary = {word: number for number, word in enumerate(dict.fromkeys(w for p in out for w in p.tokens), 1)}
    packed = _PackedTruth(out, vocabulary) if len(vocabulary) < 0xFFFF else None
    return _TrueBody(tuple(out), packed)


def _packed(ids: Any) -> Any:
    """Each run of four 16-bit token numbers (a uint64 array) as one uint64: a shingle as a number."""
    import numpy as np

    shift = np.uint64(16)
    return (((ids[:-3] << shift | ids[1:-2]) << shift | ids[2:-1]) << shift) | ids[3:]


class _PackedTruth:
    """The true paragraphs' shingles as numbers (numpy), to place them all in a body at once.

    :func:`_place_each` does the same one paragraph and one shingle at a time, in Python: this is that loop
    unrolled into array operations, every count and every order kept. Tokens are numbered by the true body's
    vocabulary, from 1: a body token outside it is 0, and a shingle holding a 0 is no true shingle.
    """

    def __init__(self, paragraphs: Sequence[_True], vocabulary: dict[str, int]) -> None:
        import numpy as np

        self.vocabulary = vocabulary
        self.count = len(paragraphs)
        #: Every shingle of the paragraphs of four tokens or more, in order: its number, paragraph and offset.
        long = [(n, p.tokens) for n, p in enumerate(paragraphs) if len(p.tokens) >= 4]
        self.keys = np.concatenate(
            [_packed(np.fromiter(map(vocabulary.__getitem__, own), dtype=np.uint64, count=len(own))) for _, own in long]
            or [np.zeros(0, dtype=np.uint64)]
        )
        self.paragraph = np.concatenate(
            [np.full(len(own) - 3, n, dtype=np.int64) for n, own in long] or [np.zeros(0, dtype=np.int64)]
        )
        self.offset = np.concatenate(
            [np.arange(len(own) - 3, dtype=np.int64) for _, own in long] or [np.zeros(0, dtype=np.int64)]
        )
        #: The votes a place needs, per paragraph (as _place_each compares them: a float of the shingle count).
        self.needed = np.array([_PLACED * (len(p.tokens) - 3) for p in paragraphs], dtype=np.float64)

    def place(self, words: Sequence[str]) -> tuple[list[int], dict[int, list[int]]]:
        """Each paragraph's found shingles, and the places of those that line up somewhere (most votes first,
        ties in the order their first vote came), in the body's ``words``."""
        import numpy as np

        if len(words) < 4 or not len(self.keys):
            return [0] * self.count, {}
        ids = np.fromiter(map(self.vocabulary.get, words, itertools.repeat(0)), dtype=np.uint64, count=len(words))
        body = _packed(ids)
        # The body's shingles sorted, each equal run by rising position: where[low:high] are a shingle's positions.
        order = np.argsort(body, kind="stable")
        ordered = body[order]
        low = np.searchsorted(ordered, self.keys, "left")
        counts = np.searchsorted(ordered, self.keys, "right") - low
        found = np.bincount(self.paragraph[counts > 0], minlength=self.count)
        # Every (true shingle, body position) vote, in _place_each's order: by paragraph, offset, then position.
        voting = np.nonzero((counts > 0) & (counts <= _COMMON))[0]
        runs = counts[voting]
        total = int(runs.sum())
        if not total:
            return found.tolist(), {}
        shingle = np.repeat(voting, runs)
        within = np.arange(total) - np.repeat(np.cumsum(runs) - runs, runs)
        at = order[np.repeat(low[voting], runs) + within] - self.offset[shingle]
        paragraph = self.paragraph[shingle]
        # One number per (paragraph, place): places run from minus the longest offset to the body's length.
        shift = int(self.offset.max()) + 1
        width = len(words) + shift + 1
        _, first, votes = np.unique(paragraph * width + (at + shift), return_index=True, return_counts=True)
        kept = votes >= self.needed[paragraph[first]]
        first, votes = first[kept], votes[kept]
        ranked = first[np.lexsort((first, -votes, paragraph[first]))]
        places: dict[int, list[int]] = {}
        for number, place in zip(paragraph[ranked].tolist(), at[ranked].tolist(), strict=True):
            places.setdefault(number, []).append(place)
        return found.tolist(), places


def _in_order(body: str, paragraphs: Sequence[_True]) -> bool:
    """Whether the folded body holds every folded paragraph, one after the other."""
    folded = fold(body)
    at = 0
    for paragraph in paragraphs:
        found = folded.find(paragraph.folded, at)
        if found < 0:
            return False
        at = found + 1
    return True


def _place(truth: _TrueBody, body: str) -> list[_Paragraph]:
    """Each true paragraph's found shingles and its places in the body."""
    words = tokens(fold(body))
    found, places = _place_each(truth, words) if truth.packed is None else truth.packed.place(words)
    joined = None
    placed = []
    for number, paragraph in enumerate(truth.paragraphs):
        own = paragraph.tokens
        if len(own) < 4:  # one shorter shingle, as the metric counts it: found as a token run
            if joined is None:
                joined = f" {' '.join(words)} "
            hit = bool(own) and f" {' '.join(own)} " in joined
            placed.append(_Paragraph(number, paragraph.text, paragraph.folded, len(own), 1, int(hit)))
            continue
        where = tuple(places.get(number, ()))
        placed.append(
            _Paragraph(number, paragraph.text, paragraph.folded, len(own), len(own) - 3, found[number], where)
        )
    return placed


def _place_each(truth: _TrueBody, words: Sequence[str]) -> tuple[list[int], dict[int, list[int]]]:
    """As :meth:`_PackedTruth.place`, one paragraph and one shingle at a time: for a true body of too many
    distinct words to number them in 16 bits, and the reference the numbered placing keeps to."""
    shingles = [_shingles(paragraph.tokens) for paragraph in truth.paragraphs]
    wanted = set(itertools.chain.from_iterable(shingles))
    index: dict[tuple[str, ...], list[int]] = {}
    for at, shingle in enumerate(_shingles(words)):
        if shingle in wanted:  # only true shingles are ever looked up
            index.setdefault(shingle, []).append(at)
    found = [0] * len(truth.paragraphs)
    places: dict[int, list[int]] = {}
    for number, paragraph in enumerate(truth.paragraphs):
        votes: dict[int, int] = {}
        for offset, shingle in enumerate(shingles[number]):
            where = index.get(shingle)
            if where:
                found[number] += 1
                if len(where) <= _COMMON:
                    for at in where:
                        votes[at - offset] = votes.get(at - offset, 0) + 1
        needed = _PLACED * (len(paragraph.tokens) - 3)
        ranked = [at for at, count in sorted(votes.items(), key=lambda v: -v[1]) if count >= needed]
        if ranked:
            places[number] = ranked
    return found, places


def check_structure(ctx: CheckContext) -> Iterator[Finding]:
    """``body.truncated``, ``body.order`` and ``body.headings_missing``."""
    truth = ctx.fixture.expectation
    body = ctx.extraction.body or ""
    if not body or not truth.knows("body") or not truth.body:
        return
    true_body = _true_paragraphs(truth.body)
    if len(true_body.paragraphs) < int(ctx.option("body_structure_min_paragraphs", DEFAULT_MIN_PARAGRAPHS)):
        return
    if _in_order(body, true_body.paragraphs):  # the common case: nothing missing, nothing moved
        return
    placed = _place(true_body, body)
    truncated = _truncation(ctx, placed)
    if truncated is not None:
        yield truncated
    moved = _order(ctx, placed)
    # A body that is mostly other text (a speech's transcript beside the story about it) may quote the true
    # paragraphs in its own order: that is no order of the article's.
    if moved is not None and shingle_scores(body, truth.body)[0] >= _ORDER_PRECISION:
        yield moved
    headings = _missing_headings(ctx, placed, body)
    if headings is not None:
        yield headings


# -- body.truncated -----------------------------------------------------------


def _truncation(ctx: CheckContext, placed: Sequence[_Paragraph]) -> Finding | None:
    last = next((p for p in reversed(placed) if p.words >= _SUBSTANTIAL and p.present), None)
    if last is None or last.index == len(placed) - 1:
        return None
    head, tail = placed[: last.index + 1], placed[last.index + 1 :]
    # One paragraph is no start of the article: a body that is only the standfirst (the page's description,
    # which Fundus's truths open with) lacks the article, and body.low_recall says so.
    if sum(p.words >= _SUBSTANTIAL and p.present for p in head) < 2:
        return None
    total = sum(p.words for p in placed)
    tail_words = sum(p.words for p in tail)
    tail_recall = sum(p.found for p in tail) / max(1, sum(p.shingles for p in tail))
    head_recall = sum(p.found for p in head) / max(1, sum(p.shingles for p in head))
    if (
        tail_words < float(ctx.option("body_truncated_tail_share", DEFAULT_TAIL_SHARE)) * total
        or tail_recall > float(ctx.option("body_truncated_tail_floor", DEFAULT_TAIL_FLOOR))
        or head_recall < float(ctx.option("body_truncated_head_floor", DEFAULT_HEAD_FLOOR))
    ):
        return None
    follows = _follower(ctx, last.text, tail[0].text)
    share = f"{tail_words / max(1, total):.0%} of the true body's words"
    lost = (
        f"the last {len(tail)} paragraphs ({share}, from {_shortened(tail[0].text)}) are missing"
        if len(tail) > 1
        else f"the last paragraph ({share}, {_shortened(tail[0].text)}) is missing"
    )
    return ctx.finding(
        "body.truncated",
        f"the body stops after true paragraph {last.index + 1} of {len(placed)} ({_shortened(last.text)}): "
        f"{lost}; on the page it is followed by {follows}",
        expected=squash(tail[0].text)[:200],
        actual=squash(last.text)[:200],
        evidence=f"followed on the page by {follows}",
    )


def _own_text(element: Any) -> str:
    """An element's text without what its scripts and styles hold, its pieces apart (a label and the link
    after it are two words, "Sponsored Links These shoes", not "LinksThese")."""
    parts = []
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag not in _SKIPPED_TAGS and node.text:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return " ".join(parts)


def _keys_of(pieces: list[str]) -> list[str]:
    """``[_key(piece) for piece in pieces]``, keyed as one text (a page has thousands of pieces): NUL parts
    them, which NFKC neither changes nor composes across, folding leaves alone and no HTML text holds (a
    piece that does is keyed alone)."""
    joined = "\0".join(pieces)
    if not pieces or joined.count("\0") != len(pieces) - 1:
        return [_key(piece) for piece in pieces]
    return _key(joined).split("\0")


@functools.lru_cache(maxsize=2)
def _text_keys(root: Any) -> tuple[str, dict[Any, tuple[int, int, int, int]]]:
    """The page's text in :func:`_key` form, every piece in the order :func:`_own_text` reads them, and where
    each element's own text lies in it.

    ``_own_text`` reads an element's text, then its tail, then its descendants (each with its tail), so an
    element's own text is ``keys[start:tail]`` and ``keys[after_tail:end]``: its tail, between them, is its
    parent's. Worked out once per tree, so finding an element by its text reads the page once, not once per
    level of its depth. The pieces can be keyed one by one because ``_own_text`` joins them with a space,
    which neither NFKC composes across nor the key keeps. Cached by the tree itself (an element hashes by
    identity), and small: it holds every element of the page.
    """
    pieces: list[str] = []
    #: Each element's (start, tail, after its tail, end), first counted in pieces, then in characters.
    spans: dict[Any, tuple[int, int, int, int]] = {}
    # (node, None) opens a node, (node, (start, tail, after_tail)) closes it: no recursion, however deep the page.
    stack: list[tuple[Any, tuple[int, int, int] | None]] = [(root, None)]
    while stack:
        node, opened = stack.pop()
        if opened is not None:
            spans[node] = (*opened, len(pieces))
            continue
        start = len(pieces)
        if isinstance(node.tag, str) and node.tag not in _SKIPPED_TAGS and node.text:
            pieces.append(node.text)
        tail = len(pieces)
        if node is not root and node.tail:
            pieces.append(node.tail)
        stack.append((node, (start, tail, len(pieces))))
        stack.extend((child, None) for child in reversed(node))
    keys = _keys_of(pieces)
    offsets = [0, *itertools.accumulate(map(len, keys))]
    spans = {node: (offsets[a], offsets[b], offsets[c], offsets[d]) for node, (a, b, c, d) in spans.items()}
    return "".join(keys), spans


def _holds(root: Any, element: Any, probe: str) -> bool:
    """Whether ``probe`` is in ``_key(_own_text(element))``, ``element`` being in the tree ``root``."""
    keys, spans = _text_keys(root)
    span = spans.get(element)
    if span is None:  # not met in the walk (never expected): read it directly
        return probe in _key(_own_text(element))
    start, tail, after_tail, end = span
    if tail == after_tail:  # no tail in between (most elements: a tail of whitespace keys to nothing)
        return keys.find(probe, start, end) >= 0
    return probe in keys[start:tail] + keys[after_tail:end]


def _element_of(root: Any, text: str) -> Any:
    """The deepest element whose text holds the end of ``text`` (else its start), or None."""
    key = _key(text)
    for probe in (key[-40:], key[:40]):
        current = None
        children = [root]
        while True:
            child = next(
                (c for c in children if isinstance(c.tag, str) and c.tag not in _SKIPPED_TAGS
                 and _holds(root, c, probe)),
                None,
            )  # fmt: skip
            if child is None:
                break
            current, children = child, list(child)
        if current is not None and current.tag not in ("html", "body"):
            return current
    return None


def _marks(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


def _is_ad(element: Any) -> bool:
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        words = re.split(r"[^a-z0-9]+", _marks(node).lower())
        if any(w in _AD_WORDS or _AD_PREFIX.match(w) for w in words if w):
            return True
        if any(name.startswith(("data-ad", "data-google")) for name in node.attrib):
            return True
    return False


def _has_signup(element: Any) -> bool:
    """Whether an element opens with a sign-up form: an e-mail field, or a form or box marked as a newsletter
    (The Nation's "cta" block holds ``id="news-letters"`` and a form posting to ``weekly_email_signup``)."""
    for node in itertools.islice(element.iter(), 60):
        if not isinstance(node.tag, str):
            continue
        if node.tag == "input" and (node.get("type") or "").lower() == "email":
            return True
        if _NEWSLETTER.search(_marks(node)) or (node.tag == "form" and _NEWSLETTER.search(node.get("action") or "")):
            return True
    return False


def _described(element: Any, missing: str) -> str:
    """What ``element`` is, for a reader: a heading, an ad slot, a newsletter box, a teaser, or its tag."""
    text = squash(_own_text(element))
    marks = _marks(element)
    tag = f"<{element.tag}" + (f" class={marks!r}" if marks else "") + ">"
    shown = f" ({quoted(text, _SHOWN)})" if text else ""
    start = _fold(text)[:100]
    if element.tag in ("h1", *_HEADINGS) or element.get("role") == "heading":
        return f"a heading {quoted(text, _SHOWN)}"
    if (len(text) < 300 and _is_ad(element)) or _SPONSORED_TEXT.search(start):
        return f"an ad or sponsored slot {tag}{shown}"
    if _NEWSLETTER.search(marks) or _NEWSLETTER_TEXT.search(start) or _has_signup(element):
        return f"a newsletter box {tag}{shown}"
    if _TEASER.search(marks) or _TEASER_TEXT.search(start):
        return f"a 'Read more' or related teaser {tag}{shown}"
    first = next((c for c in element if isinstance(c.tag, str) and c.tag not in _SKIPPED_TAGS), None)
    if first is not None and (first.tag in _HEADINGS or first.get("role") == "heading"):
        return f"{tag} headed {quoted(squash(_own_text(first)), _SHOWN)}"
    if _key(missing)[:40] in _key(text):
        return f"the next true paragraph itself, {tag}: nothing on the page stands between them"
    return tag + shown


def _follower(ctx: CheckContext, text: str, missing: str) -> str:
    """What comes after the element holding ``text`` on the page (the next element with text, or an ad slot);
    ``missing`` is the first true paragraph the body lacks."""
    root = page_tree(ctx.fixture.page)
    element = _element_of(root, text) if root is not None else None
    if element is None:
        return "nothing that could be told (the paragraph's element was not found on the page)"
    if _key(missing)[:40] in _key(_own_text(element)):  # paragraphs split by <br> in one element
        marks = _marks(element)
        tag = f"<{element.tag}" + (f" class={marks!r}" if marks else "") + ">"
        return f"the next true paragraph, in the same element {tag}: nothing on the page stands between them"
    for _ in range(40):
        following = element.getnext()
        while following is None:
            element = element.getparent()
            if element is None or element.tag in ("body", "html"):
                return "nothing: it is the page's last element"
            following = element.getnext()
        element = following
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        if squash(_own_text(element)) or _is_ad(element):
            return _described(element, missing)
    return "nothing that could be told (only empty elements follow it)"


# -- body.order ---------------------------------------------------------------


def _order(ctx: CheckContext, placed: Sequence[_Paragraph]) -> Finding | None:
    repeated = {text for text, count in Counter(p.folded for p in placed).items() if count > 1}
    judged = [
        p
        for p in placed
        if p.words >= _ORDER_TOKENS and p.places and p.found >= _WHOLE * p.shingles and p.folded not in repeated
    ]
    if len(judged) < 2:
        return None
    if all(a.places[0] < b.places[0] for a, b in itertools.pairwise(judged)):
        return None
    kept = _longest_run(judged)
    # A paragraph with a place inside another true paragraph's (short ones too) is text the two share: a
    # summary that repeats the lede, a bullet that repeats a quote, a pull quote the truth keeps apart from the
    # paragraph it quotes (The Space Review's). Where it stands says nothing of the order.
    spans = {q.index: (kept.get(q.index, q.places[0]), q.words) for q in placed if q.places}
    out = [
        p
        for p in judged
        if p.index not in kept
        and not any(
            min(start + words, at + p.words) - max(start, at) > p.words / 2
            for index, (start, words) in spans.items()
            if index != p.index
            for at in p.places
        )
    ]
    if not out:
        return None
    first = out[0]
    # Where it went: the in-order paragraph it follows in the body (at its best place).
    at = first.places[0]
    before = [(kept[i], i) for i in kept if kept[i] < at]
    if before:
        neighbour = placed[max(before)[1]]
        where = f"after true paragraph {neighbour.index + 1} ({_shortened(neighbour.text)})"
    else:
        neighbour = placed[min(kept, key=lambda i: kept[i])]
        where = f"before true paragraph {neighbour.index + 1} ({_shortened(neighbour.text)})"
    others = f" ({len(out)} paragraphs out of place)" if len(out) > 1 else ""
    return ctx.finding(
        "body.order",
        f"true paragraph {first.index + 1} of {len(placed)} ({_shortened(first.text)}) is out of order: "
        f"the body has it {where}{others}",
        expected=first.index + 1,
        actual=neighbour.index + 1,
    )


def _longest_run(judged: Sequence[_Paragraph]) -> dict[int, int]:
    """The paragraphs (index: place) of the heaviest run in the true order at rising places in the body.

    Each paragraph may stand at any of its places (a pull quote repeats a paragraph); a run takes at most
    one place of each. Weighted by words, so that the run keeps the long paragraphs and names the moved one.
    A weighted longest increasing subsequence: pairs by place, the best run ending below each paragraph
    index kept in a Fenwick tree, so a live blog of a thousand paragraphs costs n log n.
    """
    pairs = sorted((at, p.index, p.words) for p in judged for at in p.places)
    size = max(p.index for p in judged) + 2
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (weight, pair) of the best run ending at an index

    def best_below(index: int) -> tuple[int, int]:
        found = (0, -1)
        while index > 0:
            found = max(found, tree[index])
            index -= index & -index
        return found

    def record(index: int, value: tuple[int, int]) -> None:
        while index <= size:
            tree[index] = max(tree[index], value)
            index += index & -index

    previous = [-1] * len(pairs)
    weight = [0] * len(pairs)
    start = 0
    while start < len(pairs):  # pairs at one place cannot follow each other: query them all, then record
        end = start
        while end < len(pairs) and pairs[end][0] == pairs[start][0]:
            end += 1
        for i in range(start, end):
            below, previous[i] = best_below(pairs[i][1] + 1)  # paragraphs with a smaller index
            weight[i] = below + pairs[i][2]
        for i in range(start, end):
            record(pairs[i][1] + 2, (weight[i], i))
        start = end
    last = max(range(len(pairs)), key=lambda i: (weight[i], -i))
    run: dict[int, int] = {}
    while last >= 0:
        run[pairs[last][1]] = pairs[last][0]
        last = previous[last]
    return run


# -- body.headings_missing ----------------------------------------------------


def _heading_key(text: str) -> str:
    return _fold(text).strip(" :#¶§").casefold()


def _teaser_headline(element: Any) -> bool:
    """Whether a heading's text is (most of it, a label aside) a link to another page: a teaser's headline set
    in the article (NBC's embedded "related" lists are ``<h3><span>Updated</span><a href=…>``), not a heading
    of the article itself."""
    links = [a for a in element.iter("a") if not (a.get("href") or "#").startswith("#")]
    if not links:
        return False
    linked = sum(len(_key(_own_text(a))) for a in links)
    return linked > 0 and linked >= _LINKED * len(_key(_own_text(element)))


@functools.lru_cache(maxsize=8)
def _page_headings(html: str) -> frozenset[str]:
    """The page's headings (h2-h6 and role=heading), as :func:`_heading_key` compares them."""
    root = html_tree(html)
    if root is None:
        return frozenset()
    found = set()
    for element in [*root.iter(*_HEADINGS), *root.xpath("//*[@role='heading']")]:
        if not _teaser_headline(element):
            found.add(_heading_key(_own_text(element)))
    return frozenset(found - {""})


def _missing_headings(ctx: CheckContext, placed: Sequence[_Paragraph], body: str) -> Finding | None:
    # The page is read only for short true paragraphs missing between two that are there.
    candidates = [
        p
        for p in placed[1:-1]
        if p.words <= _HEADING_TOKENS
        and p.found < p.shingles
        and placed[p.index - 1].present
        and placed[p.index + 1].present
    ]
    if not candidates:
        return None
    headings = _page_headings(ctx.fixture.page.html)
    missing = [p for p in candidates if _heading_key(p.text) in headings and not contains(body, p.text)]
    if not missing:
        return None
    names = [squash(p.text) for p in missing]
    shown = ", ".join(quoted(n, _SHOWN) for n in names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return ctx.finding(
        "body.headings_missing",
        (
            f"{len(missing)} headings of the true body are missing while the paragraphs around them are there"
            if len(missing) > 1
            else "1 heading of the true body is missing while the paragraphs around it are there"
        )
        + f": {shown}",
        expected=names,
        actual=None,
    )
