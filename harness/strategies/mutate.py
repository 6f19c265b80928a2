"""Metamorphic mutations of a recorded page, each stating how the truth changes.

A mutation changes the page in a way a real site does (a new ad widget, a
redesign that renames classes, a CMS that drops its JSON-LD) and says what
the right extraction of the new page is. Most leave the truth unchanged;
stripping or breaking JSON-LD makes the fields that may have lived only
there silent.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..core import Fixture, parse_stamp, zone
from ..fixtures import expectation_from_dict, interaction, page_from_interactions

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MUTATIONS", "Mutated", "mutate"]

_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_ARTICLE_END = re.compile(r"</article\s*>", re.IGNORECASE)
_CLASS = re.compile(r'\b(class|id)\s*=\s*("[^"]*"|\'[^\']*\')', re.IGNORECASE)
_JSONLD = re.compile(r'<script[^>]*type\s*=\s*["\']application/ld\+json["\'][^>]*>(.*?)</script>', re.IGNORECASE | re.S)
_META_CHARSET = re.compile(r"<meta[^>]+charset[^>]*>", re.IGNORECASE)
_TAG_GAP = re.compile(r">(\s*)<")


@dataclass(frozen=True)
class Mutated:
    """A mutated fixture, the mutation's name, and how its truth changed."""

    mutation: str
    fixture: Fixture
    truth_change: str
    original: Fixture = field(repr=False)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(
            f"Mutated({self.mutation!r}, of={self.original.name!r}, seed-dependent page {self.fixture.page.url!r})"
        )


def _after_article(html: str, block: str) -> str:
    """``block`` after the article (or before </body>): outside the story, as rails are."""
    for pattern in (_ARTICLE_END, _BODY_END):
        match = pattern.search(html)
        if match:
            at = match.end() if pattern is _ARTICLE_END else match.start()
            return html[:at] + block + html[at:]
    return html + block


@dataclass
class _Draft:
    """A page being mutated: its HTML and truth (a copy), and what a mutation may draw on."""

    html: str
    truth: dict[str, Any]
    rng: random.Random
    captured: dt.datetime
    token: str
    seed: int

    def add(self, key: str, value: Any) -> None:
        self.truth.setdefault(key, []).append(value)

    def add_decoys(self, kind: str, values: list[Any]) -> None:
        decoys = dict(self.truth.get("decoys", {}))
        decoys[kind] = [*decoys.get(kind, []), *values]
        self.truth["decoys"] = decoys


def _inject_sponsored(page: _Draft) -> str:
    headline = f"Homeowners in {page.rng.choice(['Ohio', 'Utah', 'Kent', 'Texas'])} are switching plans ({page.token})"
    page.html = _after_article(page.html, (
        '<div class="OUTBRAIN" data-widget-id="AR_1"><span class="ob_what">Promoted Links</span>'
        f'<a class="ob-dynamic-rec-link" href="https://ads.invalid/{page.token}">{headline}</a>'
        '<span class="ob-rec-source">Summit Windows</span></div>'
    ))  # fmt: skip
    page.add("must_not_contain", {"text": headline, "kind": "sponsored"})
    return "a sponsored snippet must not be extracted"


def _inject_related(page: _Draft) -> str:
    headline = f"Ferry service resumes after repairs ({page.token})"
    person = page.rng.choice(["Lena Hoffmann", "Carlos Medina", "Grace Adeyemi"])
    minutes = page.rng.randint(5, 600)
    page.html = _after_article(page.html, (
        f'<aside class="related"><h3>Latest</h3><article class="teaser"><h2>{headline}</h2>'
        f'<span class="author">By {person}</span> <time>{minutes} minutes ago</time></article></aside>'
    ))  # fmt: skip
    page.add("must_not_contain", {"text": headline, "kind": "related"})
    when = (page.captured - dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    page.add_decoys("authors", [person])
    page.add_decoys("dates", [{"text": f"{minutes} minutes ago", "value": when.isoformat(),
                               "source": "an injected related teaser"}])  # fmt: skip
    return "a related teaser's headline, byline and time are decoys"


def _decoy_byline(page: _Draft) -> str:
    person = page.rng.choice(["Dana Whitcomb", "Oskar Lindgren", "Ana Beltrán"])
    page.html = _after_article(page.html, f'<div class="sidebar"><p class="byline">By {person}</p><p>Opinion</p></div>')
    page.add_decoys("authors", [person])
    return f"{person!r} is a decoy author"


def _decoy_date(page: _Draft) -> str:
    when = (page.captured - dt.timedelta(days=page.rng.randint(2, 400))).replace(second=0, microsecond=0)
    page.html = _after_article(
        page.html, f'<div class="sidebar"><time datetime="{when.isoformat()}">{when:%B %d, %Y}</time></div>'
    )
    page.add_decoys("dates", [{"text": f"{when:%B %d, %Y}", "value": when.date().isoformat(),
                               "source": "an injected sidebar date"}])  # fmt: skip
    return "a sidebar date is a decoy"


def _reformat_date(page: _Draft) -> str:
    published = page.truth.get("published")
    stamp = parse_stamp(published) if isinstance(published, str) else None
    if (
        stamp is None
        or not isinstance(stamp.value, dt.datetime)
        or stamp.kind != "aware"
        or stamp.text not in page.html
    ):
        return "no machine-readable publication time to rewrite: the page is unchanged"
    other = page.rng.choice(["UTC", "Asia/Tokyo", "America/Los_Angeles", "+05:30"])
    page.html = page.html.replace(stamp.text, stamp.value.astimezone(zone(other)).isoformat())
    return f"the machine-readable publication time is written in {other}: the same instant"


def _rename_classes(page: _Draft) -> str:
    def opaque(match: re.Match[str]) -> str:
        value = match.group(2)[1:-1]
        hashed = " ".join("c" + hashlib.sha1(f"{part}{page.seed}".encode()).hexdigest()[:7] for part in value.split())
        return f'{match.group(1)}="{hashed}"'

    page.html = _CLASS.sub(opaque, page.html)
    return "class names and ids are opaque hashes: the truth is unchanged"


def _transcode(page: _Draft) -> str:
    charset = page.rng.choice(["windows-1252", "iso-8859-1"])
    encoded = page.html.encode(charset, errors="xmlcharrefreplace").decode(charset)
    declaration = f'<meta charset="{charset}">'
    page.html = (
        _META_CHARSET.sub(declaration, encoded, count=1)
        if _META_CHARSET.search(encoded)
        else encoded.replace("<head>", f"<head>{declaration}", 1)
    )
    return f"declared {charset}; characters outside it become character references: the text is unchanged"


def _forget_metadata_fields(page: _Draft) -> str:
    for key in ("authors", "organizations", "published", "modified"):
        page.truth.pop(key, None)
    return "JSON-LD gone or broken: authors and dates may have lived only there, so they are not graded"


def _strip_jsonld(page: _Draft) -> str:
    page.html = _JSONLD.sub("", page.html)
    return _forget_metadata_fields(page)


def _corrupt_jsonld(page: _Draft) -> str:
    page.html = _JSONLD.sub(lambda m: m.group(0).replace(m.group(1), m.group(1).rstrip()[:-1] + ",}"), page.html)
    return _forget_metadata_fields(page)


def _comments_whitespace(page: _Draft) -> str:
    page.html = _TAG_GAP.sub(lambda m: f">{m.group(1)}\n  <!-- {page.token} -->\n\t<", page.html, count=40)
    return "comments and whitespace between tags: the truth is unchanged"


#: Each mutation by name: it changes the page in place and says how the truth changed.
_MUTATORS: dict[str, Callable[[_Draft], str]] = {
    "inject_sponsored": _inject_sponsored,
    "inject_related": _inject_related,
    "decoy_byline": _decoy_byline,
    "decoy_date": _decoy_date,
    "reformat_date": _reformat_date,
    "rename_classes": _rename_classes,
    "transcode": _transcode,
    "strip_jsonld": _strip_jsonld,
    "corrupt_jsonld": _corrupt_jsonld,
    "comments_whitespace": _comments_whitespace,
}
MUTATIONS = tuple(_MUTATORS)


def _rebuild(original: Fixture, html: str, truth: dict[str, Any], name: str) -> Fixture:
    interactions = [dict(i) for i in original.page.interactions] or [interaction(original.page.url, html)]
    final = next((i for i in interactions if i["request"]["uri"] == original.page.url), interactions[-1])
    final["response"] = {**final["response"], "body": {"string": html}}
    # An unknown capture time is read from the mutated page, as it was from the recorded one.
    expectation = expectation_from_dict(truth, source=f"<mutation {name}>", page_html=html)
    page = page_from_interactions(interactions, expectation.captured_at)
    return Fixture(f"{original.name}+{name}", page, expectation, cassette_path=None)


def mutate(fixture: Fixture, name: str, seed: int) -> Mutated:
    """Apply mutation ``name`` (with randomness from ``seed``) to ``fixture``.

    Raises:
        ValueError: ``name`` is not one of :data:`MUTATIONS`.
    """
    mutator = _MUTATORS.get(name)
    if mutator is None:
        msg = f"Unknown mutation {name!r}; known: {', '.join(MUTATIONS)}"
        raise ValueError(msg)
    page = _Draft(
        html=fixture.page.html,
        truth=copy.deepcopy(dict(fixture.expectation.raw)),  # never touch the recorded truth
        rng=random.Random(seed),
        captured=fixture.expectation.captured_at,
        token=hashlib.sha1(f"{name}{seed}".encode()).hexdigest()[:6],
        seed=seed,
    )
    change = mutator(page)
    mutated = _rebuild(fixture, page.html, page.truth, name)
    return Mutated(name, replace(mutated, name=f"{fixture.name}+{name}"), change, fixture)
