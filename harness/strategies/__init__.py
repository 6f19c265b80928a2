"""Hypothesis strategies for news pages with known truth, and mutations of recorded ones.

``pages()`` draws whole pages (HTML and the expectation that says what their
right extraction is) from six layouts, fourteen byline forms, sixteen date
forms and seven kinds of decoy; ``bylines()``, ``dates()``, ``bodies()`` and
``decoys()`` are its parts. ``from_fixture(fixture)`` draws metamorphic
variants of a recorded page, each stating how its truth changes.

Every strategy shrinks toward the first option of each choice: one author, the
``by`` form, the ``time_element`` date form, three paragraphs, no decoys, the
``cms`` layout.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from ..fixtures import fixture_from_html
from . import vocabulary as words
from .generate import (
    BYLINE_FORMS,
    DATE_FORMS,
    DECOY_KINDS,
    LAYOUTS,
    Byline,
    Dateline,
    PageSpec,
    Widget,
    render,
    zone_of,
)
from .mutate import MUTATIONS, Mutated, mutate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..core import Fixture

__all__ = [
    "BYLINE_FORMS",
    "DATE_FORMS",
    "DECOY_KINDS",
    "LAYOUTS",
    "MUTATIONS",
    "Mutated",
    "bodies",
    "bylines",
    "dates",
    "decoys",
    "from_fixture",
    "names",
    "pages",
]

ZONES = (
    "America/New_York", "Europe/London", "America/Chicago", "Europe/Berlin", "America/Denver",
    "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo",
)  # fmt: skip
_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
_SPAN_MINUTES = 6 * 365 * 24 * 60


# Few, coarse draws: Hypothesis spends far more per draw than building text
# does, so text is made from one drawn seed (shrinking toward seed 0) and names
# are one draw from the whole list. Strategies are built once, too: Hypothesis
# inspects each new one.
_ALL_NAMES = tuple(f"{first} {last}" for last in words.LAST_NAMES for first in words.FIRST_NAMES)
_NAMES = st.sampled_from(_ALL_NAMES)
_SEEDS = st.integers(0, 2**32 - 1)


def names() -> st.SearchStrategy[str]:
    """A person's name: given name and surname (particles, hyphens, apostrophes and names
    holding "by" or "from" included). Shrinks toward "Abby Roe"."""
    return _NAMES


@functools.lru_cache(maxsize=32)
def bylines(
    *, min_authors: int = 1, max_authors: int = 4, forms: Sequence[str] = BYLINE_FORMS
) -> st.SearchStrategy[Byline]:
    """A byline in one of the forms (prefixes and joiners in four languages, roles, rel=author,
    agencies, JSON-LD only, meta only) naming 1 to 4 distinct people. Shrinks toward one author, "By"."""

    @st.composite
    def build(draw: st.DrawFn) -> Byline:
        form = draw(st.sampled_from(tuple(forms)))
        count = draw(st.integers(min_authors, max_authors))
        rng = random.Random(draw(_SEEDS))
        people = tuple(rng.sample(_ALL_NAMES, count))
        agency = rng.choice(words.AGENCIES) if form in ("upper_agency", "pipe_agency") else None
        return Byline(form, people, agency)

    return build()


@functools.lru_cache(maxsize=32)
def dates(*, forms: Sequence[str] = DATE_FORMS, zones: Sequence[str] = ZONES) -> st.SearchStrategy[Dateline]:
    """A publication time between 2020 and 2025 in a site timezone, written in one of the
    forms (ISO, US and day-first numerals, English, German, Spanish and French month names,
    12 and 24 hour, zone abbreviations, an Updated/Published pair, relative, only in meta or
    JSON-LD). Shrinks toward 2020-01-01 00:00 UTC in New York, in a ``<time>`` element."""

    @st.composite
    def build(draw: st.DrawFn) -> Dateline:
        form = draw(st.sampled_from(tuple(forms)))
        zone = zone_of(draw(st.sampled_from(tuple(zones))))
        seed = draw(_SEEDS)
        rng = random.Random(seed)
        minutes = seed % _SPAN_MINUTES  # seed 0 is 2020-01-01 00:00 UTC
        published = (_EPOCH + dt.timedelta(minutes=minutes)).astimezone(zone)
        modified = None
        if form in ("updated_pair", "jsonld_only", "meta_only") and rng.random() < 0.5:
            modified = published + dt.timedelta(minutes=rng.randint(10, 36 * 60))
        if form == "updated_pair" and modified is None:
            modified = published + dt.timedelta(hours=5)
        return Dateline(form, published, modified)

    return build()


def _paragraph(seed: int, number: int) -> str:
    rng = random.Random(seed)
    sentences = [
        f"{rng.choice(words.SUBJECTS)} from {rng.choice(words.PLACES)} {rng.choice(words.VERBS)} "
        f"{rng.choice(words.OBJECTS)} {rng.choice(words.CLAUSES)}."
        for _ in range(rng.randint(2, 4))
    ]
    return f"{' '.join(sentences)} ({number})"


def _paragraphs(count: int, seed: int) -> tuple[str, ...]:
    return tuple(_paragraph(seed * 31 + number, number) for number in range(1, count + 1))


@functools.lru_cache(maxsize=32)
def bodies(*, min_paragraphs: int = 3, max_paragraphs: int = 8) -> st.SearchStrategy[tuple[str, ...]]:
    """Article text: paragraphs of two to four plausible generated sentences (no copied prose).
    Shrinks toward three paragraphs made from seed 0."""
    return st.builds(_paragraphs, st.integers(min_paragraphs, max_paragraphs), _SEEDS)


@functools.lru_cache(maxsize=32)
def decoys(*, kinds: Sequence[str] = DECOY_KINDS, max_size: int = 5) -> st.SearchStrategy[tuple[Widget, ...]]:
    """Things around an article that must stay out of its extraction: related teasers with their
    own bylines and times, Taboola/Outbrain-style sponsored links, "Paid content" cards,
    newsletter boxes, captions with photo credits, comments, cookie banners. Sponsored,
    paid, newsletter and caption decoys sit inside the article container. Shrinks toward none."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Widget, ...]:
        mask = draw(st.integers(0, 2 ** len(kinds) - 1))
        chosen = [kind for bit, kind in enumerate(kinds) if mask >> bit & 1][:max_size]
        seed = draw(_SEEDS) if chosen else 0
        return tuple(_decoy(kind, seed + number) for number, kind in enumerate(chosen))

    return build()


def _decoy(kind: str, seed: int) -> Widget:
    rng = random.Random(seed)
    inside = kind in ("sponsored", "paid", "newsletter", "caption")
    moment = _ago_marker(rng.randint(1, 4 * 24 * 60))
    if kind in ("sponsored", "paid"):
        return Widget(kind, rng.choice(words.SPONSORED_HEADLINES), (rng.choice(words.ADVERTISERS),), moment, inside)
    if kind == "newsletter":
        return Widget(kind, words.NEWSLETTER[0], (), moment, inside)
    if kind == "cookie":
        return Widget(kind, words.COOKIE[0], (), moment, inside, before=True)
    if kind == "comments":
        headline = rng.choice(words.TEASER_HEADLINES) + ", and I disagree."
        return Widget(kind, headline, (rng.choice(words.COMMENTERS),), moment, inside)
    if kind == "caption":
        headline = rng.choice(words.TEASER_HEADLINES).replace(" ", " seen ", 1)
        return Widget(kind, headline, (rng.choice(_ALL_NAMES),), moment, inside)
    people = tuple(dict.fromkeys(rng.choice(_ALL_NAMES) for _ in range(rng.randint(1, 2))))
    return Widget(kind, rng.choice(words.TEASER_HEADLINES), people, moment, inside, before=rng.random() < 0.5)


def _ago_marker(minutes: int) -> dt.datetime:
    # A placeholder moment, re-anchored to the page's capture time by pages().
    return _EPOCH - dt.timedelta(minutes=minutes)


def _anchor(decoy: Widget, captured: dt.datetime) -> Widget:
    if decoy.moment is None:
        return decoy
    minutes = int((_EPOCH - decoy.moment).total_seconds() // 60)
    moment = (captured - dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    return Widget(decoy.kind, decoy.headline, decoy.names, moment, decoy.inside, decoy.before)


def _fixture(spec: PageSpec) -> Fixture:
    rendered = render(spec)
    return fixture_from_html(
        f"generated/{spec.slug}", rendered.html, rendered.truth, source=f"<generated {spec.slug}>", validate=False
    )


@functools.lru_cache(maxsize=64)
def pages(
    *,
    layouts: Sequence[str] = LAYOUTS,
    byline_forms: Sequence[str] = BYLINE_FORMS,
    date_forms: Sequence[str] = DATE_FORMS,
    decoy_kinds: Sequence[str] = DECOY_KINDS,
) -> st.SearchStrategy[Fixture]:
    """A whole news page with its truth, as an in-memory :class:`~harness.model.Fixture`.

    Six layouts: a CMS article with JSON-LD, a wire story on a syndicating local
    site (no structured data, agency in the byline), AMP, a live blog, a paywalled
    teaser (two paragraphs, then the wall), and a section index that is not an
    article. ``byline_forms``, ``date_forms`` and ``decoy_kinds`` narrow the draw
    (pass them as tuples). Shrinks toward a CMS article by one author with three
    paragraphs and no decoys.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Fixture:
        layout = draw(st.sampled_from(tuple(layouts)))
        rng = random.Random(draw(_SEEDS))
        site = rng.choice(words.SITES)
        agency_forms = tuple(f for f in byline_forms if f in ("upper_agency", "pipe_agency"))
        forms = tuple(byline_forms)
        if layout == "syndicated" and agency_forms:  # wire stories on local sites mostly credit the agency
            forms = (*agency_forms, *forms)
        byline = draw(bylines(forms=forms))
        dateline = draw(dates(forms=tuple(date_forms)))
        body = draw(bodies())
        title = f"{rng.choice(words.SUBJECTS)} {rng.choice(words.VERBS)} {rng.choice(words.HEADLINE_NOUNS)} plan"
        if layout == "index":
            title = "Local News"
        later = dateline.modified or dateline.published
        captured = later + dt.timedelta(minutes=rng.randint(5, 3 * 24 * 60))
        drawn = draw(decoys(kinds=tuple(decoy_kinds)))
        if layout == "index":
            drawn = tuple(Widget("related", d.headline, d.names or ("Staff",), d.moment, False) for d in drawn) or (
                Widget("related", words.TEASER_HEADLINES[0], ("Jane Roe",), _ago_marker(90), False),
            )
        anchored = tuple(_anchor(d, captured) for d in drawn)
        key = f"{layout}{byline.form}{byline.people}{dateline.form}{dateline.published.timestamp()}{body[0]}"
        digest = hashlib.sha1(f"{key}{[d.headline for d in anchored]}{captured.timestamp()}".encode()).hexdigest()[:10]
        spec = PageSpec(
            layout=layout, site=site, title=title, paragraphs=body, byline=byline, dateline=dateline,
            captured=captured, decoys=anchored, slug=f"{layout}-{digest}", dated_url=rng.random() < 0.5,
            drop_cap=rng.random() < 0.2,  # drawn last: every earlier draw stays as it was
        )  # fmt: skip
        return _fixture(spec)

    return build()


def from_fixture(fixture: Fixture, *, mutations: Sequence[str] = MUTATIONS) -> st.SearchStrategy[Mutated]:
    """Metamorphic variants of a recorded page: each a mutation, the mutated fixture, and how
    its truth changed (usually not at all). Shrinks toward the first mutation listed."""

    @st.composite
    def build(draw: st.DrawFn) -> Mutated:
        name = draw(st.sampled_from(tuple(mutations)))
        seed = draw(st.integers(0, 2**16))
        return mutate(fixture, name, seed)

    return build()
