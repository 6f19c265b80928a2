"""Does the truth audit catch wrong truth? Plant one error in each Fundus truth and count the catches.

For every page of ``../shared/corpora/fundus``, five wrong truths are made
from its right one, one at a time: another page's title, another page's
body, another page's author in place of the first author, the publication
time moved nine days, and (where the page states a modified time that is
not its published time) the modified time as the published one. Each is
audited against the page; a catch is the audit id that names that error.
The corpus's own doubts are left out of the count: a page whose truth the
audit already doubts for that field is skipped.

    python benchmarks/audit_planted.py
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from harness.checks import audit_fixture, page_facts
from harness.core import FixtureError, parse_stamp
from harness.fixtures import fixture_from_html, open_corpus

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "fundus"


def _plants(truth: dict[str, Any], other: dict[str, Any], modified: str | None) -> dict[str, dict[str, Any]]:
    plants: dict[str, dict[str, Any]] = {}
    if truth.get("title") and other.get("title") and other["title"] != truth["title"]:
        plants["truth.title_not_on_page"] = {**truth, "title": other["title"]}
    if truth.get("body") and other.get("body"):
        plants["truth.body_not_on_page"] = {**truth, "body": other["body"]}
    strangers = [a for a in other.get("authors") or [] if a not in (truth.get("authors") or [])]
    if truth.get("authors") and strangers:
        plants["truth.author_not_on_page"] = {**truth, "authors": [strangers[0], *truth["authors"][1:]]}
    stamp = parse_stamp(truth.get("published"))
    if stamp is not None and isinstance(stamp.value, dt.datetime):
        moved = (stamp.value + dt.timedelta(days=9)).isoformat()
        plants["truth.date_not_on_page"] = {**truth, "published": moved}
    if modified is not None:
        plants["truth.date_is_modified"] = {**truth, "published": modified}
    return plants


def _modified(fixture: Any) -> str | None:
    """The page's stated modified time, when it is a time and differs from its published one."""
    facts = page_facts(fixture.page)
    published = {s.value for s in facts.published}
    for stated in facts.modified:
        stamp = parse_stamp(stated.value)
        aware = stamp is not None and isinstance(stamp.value, dt.datetime) and stamp.kind == "aware"
        if aware and stamp is not None and stated.value not in published:
            return stamp.value.isoformat()
    return None


def main() -> None:
    pages = [p for p in open_corpus(CORPUS).pages() if not isinstance(p, FixtureError)]
    tried: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for number, fixture in enumerate(pages):
        other = dict(pages[(number + 1) % len(pages)].expectation.raw)
        truth = dict(fixture.expectation.raw)
        doubted = {f.field for f in audit_fixture(fixture)}
        for check, planted in _plants(truth, other, _modified(fixture)).items():
            wrong = fixture_from_html(fixture.name, fixture.page.html, planted, source="<planted>")
            field = {"title": "title", "body": "body", "author": "authors", "date": "published"}[
                check.split(".")[1].split("_")[0]
            ]
            if field in doubted:
                continue
            tried[check] += 1
            caught[check] += any(f.check == check for f in audit_fixture(wrong))
    result = {check: {"planted": tried[check], "caught": caught[check]} for check in sorted(tried)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
