"""Drafting an expectation for a newly recorded page from what the extractors agree on.

A draft is a starting point for a person, never the truth: it is written
with ``"reviewed": false`` (and so not used as truth until reviewed, see
``harness review``), and its evidence (each candidate value with the
extractors that proposed it, and the page's byline, date and metadata
elements) goes in a ``<name>.draft.json`` beside it (``evidence_path``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from lxml import html as lxml_html

from ..core import FixtureError, fold, meta_key, name_key, offset_name, parse_stamp, shingle_f1, squash
from ..extractors import registry, resolve
from ..fixtures import dump_cassette, fixture_from_html, save_fixture
from ..running import DEFAULT_TIMEOUT, run_one
from .scrub import leftovers

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from ..extractors import LoadedExtractor
    from .scrub import Secrets

__all__ = ["draft_expectation", "page_evidence", "save_drafted"]


def _installed() -> list[LoadedExtractor]:
    return [resolve(info.name) for info in registry().installed(remote=False)]


def page_evidence(page_html: str) -> dict[str, list[str]]:
    """What on the page speaks to bylines and dates: elements, ``<time>``s, meta tags, JSON-LD."""
    try:
        tree = lxml_html.fromstring(page_html)
    except (ValueError, lxml_html.etree.ParserError):
        return {}
    bylines = []
    for node in tree.xpath(
        "//*[contains(translate(@class,'AUTHORBYLINE','authorbyline'),'author') or "
        "contains(translate(@class,'AUTHORBYLINE','authorbyline'),'byline') or @rel='author' or "
        "@itemprop='author']"
    ):
        text = squash(node.text_content())
        if text and len(text) < 200 and text not in bylines:
            bylines.append(text)
    times = []
    for node in tree.xpath("//time"):
        label = squash(node.text_content())
        times.append(f"{label} [datetime={node.get('datetime')}]" if node.get("datetime") else label)
    meta = [
        f"{meta_key(node)}={node.get('content')}"
        for node in tree.xpath("//meta[@content]")
        if meta_key(node)
        in ("author", "article:author", "article:published_time", "article:modified_time", "og:title", "og:site_name")
    ]
    jsonld = [squash(node.text_content())[:300] for node in tree.xpath("//script[@type='application/ld+json']")]
    return {"bylines": bylines[:12], "times": times[:20], "meta": meta, "json_ld": jsonld}


def _vote(proposals: dict[str, Any]) -> tuple[Any, dict[str, list[str]]]:
    """The value most extractors proposed, and every candidate with who proposed it."""
    candidates: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for extractor, value in proposals.items():
        if value in (None, "", []):
            continue
        key = fold(str(value)).casefold()
        candidates.setdefault(key, []).append(extractor)
        values.setdefault(key, value)
    if not candidates:
        return None, {}
    best = max(candidates, key=lambda k: (len(candidates[k]), -list(candidates).index(k)))
    return values[best], {str(values[k]): who for k, who in candidates.items()}


def draft_expectation(
    html: str,
    url: str,
    captured_at: dt.datetime,
    *,
    extractors: Sequence[LoadedExtractor] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A draft expectation (valid under expected.schema.json) and the evidence behind it."""
    loaded = list(extractors) if extractors is not None else _installed()
    scratch = {"url": url, "captured_at": captured_at.isoformat(), "timezone": "UTC"}
    fixture = fixture_from_html("draft", html, scratch, source="<draft>")
    results = {}
    for extractor in loaded:
        result = run_one(extractor, fixture, clock_check=False, timeout=DEFAULT_TIMEOUT)
        if result.extraction is not None:
            results[extractor.name] = (extractor.fields, result.extraction)

    def field(name: str) -> dict[str, Any]:
        return {n: getattr(e, name) for n, (fields, e) in results.items() if name in fields}

    title, title_candidates = _vote(field("title"))
    author_votes: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    author_sources: dict[str, list[str]] = {}
    for source, names in field("authors").items():
        for name in names or ():
            key = name_key(name)
            author_votes[key] += 1
            author_sources.setdefault(name, []).append(source)
            if key not in spelling or spelling[key].isupper():
                spelling[key] = name
    agreed = [spelling[k] for k, votes in author_votes.items() if votes >= 2] or [
        spelling[k] for k in author_votes if len(author_votes) and "metadata" in author_sources.get(spelling[k], [])
    ]
    dates = {n: v for n, v in field("published").items() if parse_stamp(v)}
    published, date_candidates = _vote(
        {n: v for n, v in dates.items() if parse_stamp(v).kind == "aware"} or dates  # type: ignore[union-attr]
    )
    bodies = {n: b for n, b in field("body").items() if b}
    body = _medoid(list(bodies.values()))
    stamp = parse_stamp(published)
    timezone = "UTC"
    if stamp is not None and stamp.kind == "aware" and isinstance(stamp.value, dt.datetime):
        timezone = offset_name(stamp.value)
    disagreements = [
        label for label, candidates in (("title", title_candidates), ("published", date_candidates))
        if len(candidates) > 1
    ]  # fmt: skip
    if len(author_sources) > len(agreed):
        disagreements.append("authors")
    truth: dict[str, Any] = {
        "url": url,
        "captured_at": captured_at.isoformat(),
        "timezone": timezone,
        "reviewed": False,
        "notes": (
            f"Drafted by 'harness record' from {len(results)} extractors"
            + (f"; they disagree on {', '.join(disagreements)}" if disagreements else "")
            + ". Check every field against the page, then run 'harness review'."
        ),
    }
    if title:
        truth["title"] = squash(str(title))
    if agreed:
        truth["authors"] = agreed
    if stamp is not None:
        truth["published"] = stamp.text if stamp.kind != "naive" else stamp.value.date().isoformat()  # type: ignore[union-attr]
    if body:
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        truth["body"] = body
        truth["must_contain"] = [paragraphs[0][:60].rsplit(" ", 1)[0]] if paragraphs and len(paragraphs[0]) > 20 else []
        if not truth["must_contain"]:
            del truth["must_contain"]
    evidence = {
        "candidates": {
            "title": title_candidates,
            "authors": author_sources,
            "published": date_candidates,
            "body": {n: len(b) for n, b in bodies.items()},
        },
        "page": page_evidence(html),
        "extractors": {n: e.version for n, e in ((x.name, x) for x in loaded)},
    }
    return truth, evidence


def _medoid(bodies: list[str]) -> str | None:
    """The body that agrees best with all the others (by 4-token shingle F1)."""
    if not bodies:
        return None
    if len(bodies) <= 2:
        return max(bodies, key=len) if len(bodies) == 2 else bodies[0]

    return max(bodies, key=lambda body: sum(shingle_f1(other, body) for other in bodies if other is not body))


def save_drafted(
    cassette: Path, interactions: list[dict[str, Any]], captured_at: dt.datetime, *, force: bool, draft: bool = True,
    secrets: Secrets | None = None, extractors: Sequence[LoadedExtractor] | None = None,
) -> Path:  # fmt: skip
    """Write a newly recorded or imported page as a fixture with a drafted expectation and its evidence.

    ``extractors`` draft it (default: every installed built-in that is not remote).

    Raises:
        FixtureError: the fixture exists and ``force`` is false, or a value in
            ``secrets`` would still be stored (nothing is written).
    """
    url = interactions[0]["request"]["uri"]
    if draft:
        truth, evidence = draft_expectation(
            interactions[-1]["response"]["body"]["string"], url, captured_at, extractors=extractors
        )
    else:
        truth = {"url": url, "captured_at": captured_at.isoformat(), "timezone": "UTC", "reviewed": False}
        evidence = {}
    if secrets is not None:
        stored = [
            dump_cassette(interactions),
            json.dumps(truth, ensure_ascii=False),
            json.dumps(evidence, ensure_ascii=False),
        ]
        left = leftovers(secrets, stored)
        if left:
            given = [
                f"{n} from the environment" if n in secrets.kinds else f"the value given with -H {n!r}" for n in left
            ]
            raise FixtureError(cassette, f"{', '.join(given)} would still be stored; nothing was written")
    save_fixture(cassette, interactions, truth, force=force, evidence=evidence)
    return cassette
