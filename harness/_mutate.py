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
from typing import Any

from ._dates import parse_stamp, zone
from .fixtures import expectation_from_dict, page_from_interactions
from .model import Fixture

__all__ = ["MUTATIONS", "Mutated", "mutate"]

MUTATIONS = (
    "inject_sponsored", "inject_related", "decoy_byline", "decoy_date", "reformat_date", "rename_classes",
    "transcode", "strip_jsonld", "corrupt_jsonld", "comments_whitespace",
)  # fmt: skip

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


def _rebuild(original: Fixture, html: str, truth: dict[str, Any], name: str) -> Fixture:
    interactions = [dict(i) for i in original.page.interactions] or [{
        "request": {"body": None, "headers": {}, "method": "GET", "uri": original.page.url},
        "response": {"body": {"string": html}, "headers": {}, "status": {"code": 200, "message": "OK"}},
    }]  # fmt: skip
    final = next((i for i in interactions if i["request"]["uri"] == original.page.url), interactions[-1])
    final["response"] = {**final["response"], "body": {"string": html}}
    expectation = expectation_from_dict(truth, source=f"<mutation {name}>")
    page = page_from_interactions(interactions, expectation.captured_at)
    return Fixture(f"{original.name}+{name}", page, expectation, cassette_path=None)


def _add(truth: dict[str, Any], key: str, value: Any) -> None:
    truth.setdefault(key, []).append(value)


def mutate(fixture: Fixture, name: str, seed: int) -> Mutated:
    """Apply mutation ``name`` (with randomness from ``seed``) to ``fixture``."""
    rng = random.Random(seed)
    html = fixture.page.html
    truth = copy.deepcopy(dict(fixture.expectation.raw))  # never touch the recorded truth
    change = "the truth is unchanged"
    captured = fixture.expectation.captured_at
    token = hashlib.sha1(f"{name}{seed}".encode()).hexdigest()[:6]
    if name == "inject_sponsored":
        headline = f"Homeowners in {rng.choice(['Ohio', 'Utah', 'Kent', 'Texas'])} are switching plans ({token})"
        block = (
            '<div class="OUTBRAIN" data-widget-id="AR_1"><span class="ob_what">Promoted Links</span>'
            f'<a class="ob-dynamic-rec-link" href="https://ads.invalid/{token}">{headline}</a>'
            '<span class="ob-rec-source">Summit Windows</span></div>'
        )
        html = _after_article(html, block)
        _add(truth, "must_not_contain", {"text": headline, "kind": "sponsored"})
        change = "a sponsored snippet must not be extracted"
    elif name == "inject_related":
        headline = f"Ferry service resumes after repairs ({token})"
        person = rng.choice(["Lena Hoffmann", "Carlos Medina", "Grace Adeyemi"])
        minutes = rng.randint(5, 600)
        block = (
            f'<aside class="related"><h3>Latest</h3><article class="teaser"><h2>{headline}</h2>'
            f'<span class="author">By {person}</span> <time>{minutes} minutes ago</time></article></aside>'
        )
        html = _after_article(html, block)
        _add(truth, "must_not_contain", {"text": headline, "kind": "related"})
        decoys = dict(truth.get("decoys", {}))
        decoys["authors"] = [*decoys.get("authors", []), person]
        when = (captured - dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
        decoys["dates"] = [*decoys.get("dates", []), {"text": f"{minutes} minutes ago", "value": when.isoformat(),
                                                       "source": "an injected related teaser"}]  # fmt: skip
        truth["decoys"] = decoys
        change = "a related teaser's headline, byline and time are decoys"
    elif name == "decoy_byline":
        person = rng.choice(["Dana Whitcomb", "Oskar Lindgren", "Ana Beltrán"])
        html = _after_article(html, f'<div class="sidebar"><p class="byline">By {person}</p><p>Opinion</p></div>')
        decoys = dict(truth.get("decoys", {}))
        decoys["authors"] = [*decoys.get("authors", []), person]
        truth["decoys"] = decoys
        change = f"{person!r} is a decoy author"
    elif name == "decoy_date":
        when = (captured - dt.timedelta(days=rng.randint(2, 400))).replace(second=0, microsecond=0)
        html = _after_article(
            html, f'<div class="sidebar"><time datetime="{when.isoformat()}">{when:%B %d, %Y}</time></div>'
        )
        decoys = dict(truth.get("decoys", {}))
        decoys["dates"] = [*decoys.get("dates", []), {"text": f"{when:%B %d, %Y}", "value": when.date().isoformat(),
                                                       "source": "an injected sidebar date"}]  # fmt: skip
        truth["decoys"] = decoys
        change = "a sidebar date is a decoy"
    elif name == "reformat_date":
        stamp = parse_stamp(truth.get("published"))
        if stamp is not None and stamp.kind == "aware" and truth["published"] in html:
            other = rng.choice(["UTC", "Asia/Tokyo", "America/Los_Angeles", "+05:30"])
            moment = stamp.value
            assert isinstance(moment, dt.datetime)
            html = html.replace(truth["published"], moment.astimezone(zone(other)).isoformat())
            change = f"the machine-readable publication time is written in {other}: the same instant"
        else:
            change = "no machine-readable publication time to rewrite: the page is unchanged"
    elif name == "rename_classes":

        def opaque(match: re.Match[str]) -> str:
            value = match.group(2)[1:-1]
            hashed = " ".join("c" + hashlib.sha1(f"{part}{seed}".encode()).hexdigest()[:7] for part in value.split())
            return f'{match.group(1)}="{hashed}"'

        html = _CLASS.sub(opaque, html)
        change = "class names and ids are opaque hashes: the truth is unchanged"
    elif name == "transcode":
        charset = rng.choice(["windows-1252", "iso-8859-1"])
        encoded = html.encode(charset, errors="xmlcharrefreplace").decode(charset)
        declaration = f'<meta charset="{charset}">'
        html = (
            _META_CHARSET.sub(declaration, encoded, count=1)
            if _META_CHARSET.search(encoded)
            else encoded.replace("<head>", f"<head>{declaration}", 1)
        )
        change = f"declared {charset}; characters outside it become character references: the text is unchanged"
    elif name in ("strip_jsonld", "corrupt_jsonld"):
        if name == "strip_jsonld":
            html = _JSONLD.sub("", html)
        else:
            html = _JSONLD.sub(lambda m: m.group(0).replace(m.group(1), m.group(1).rstrip()[:-1] + ",}"), html)
        for key in ("authors", "organizations", "published", "modified"):
            truth.pop(key, None)
        change = "JSON-LD gone or broken: authors and dates may have lived only there, so they are not graded"
    elif name == "comments_whitespace":
        html = _TAG_GAP.sub(lambda m: f">{m.group(1)}\n  <!-- {token} -->\n\t<", html, count=40)
        change = "comments and whitespace between tags: the truth is unchanged"
    else:
        msg = f"Unknown mutation {name!r}; known: {', '.join(MUTATIONS)}"
        raise ValueError(msg)
    mutated = _rebuild(fixture, html, truth, name)
    return Mutated(name, replace(mutated, name=f"{fixture.name}+{name}"), change, fixture)
