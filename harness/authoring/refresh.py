"""``harness refresh``: re-record a fixture's URL and tell site drift from scraper change.

The page is fetched again to a temporary place (the fixture is never
touched), compared region by region with the recorded one (title, metadata,
JSON-LD, byline, dates, headline, body, rails, navigation, footer), and each
extractor runs on both: a result that moved while the page moved means the
site changed; a failing check on an unchanged page is the scraper's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from lxml import html as lxml_html

from ..core import Fixture, squash
from ..fixtures import discover, load_fixture, page_from_interactions
from ..running import run_one
from ..testing import FieldChange, compare
from .record import fetch

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from ..extractors import LoadedExtractor

__all__ = ["REGIONS", "RefreshReport", "RegionChange", "refresh", "regions"]

#: Regions of a news page, as XPath unions; the text of each is compared.
REGIONS: dict[str, str] = {
    "title": "//title",
    "metadata": "//meta[@property or @name][@content]",
    "json_ld": "//script[@type='application/ld+json']",
    "byline": "//*[contains(translate(@class,'AUTHORBYLINE','authorbyline'),'byline') or "
    "contains(translate(@class,'AUTHORBYLINE','authorbyline'),'author') or @rel='author' or @itemprop='author']",
    "dates": "//time | //*[contains(translate(@class,'DATE','date'),'date')]",
    "headline": "//h1",
    # Paragraphs of the story, less those that are bylines (reported as the byline region).
    "body": "(//article//p | //main//p)[not(contains(translate(@class,'AUTHORBYLINE','authorbyline'),'byline') "
    "or contains(translate(@class,'AUTHORBYLINE','authorbyline'),'author'))]",
    "rails": "//aside",
    "navigation": "//nav | //header",
    "footer": "//footer",
}


def regions(page_html: str) -> dict[str, str]:
    """The folded text of each region of a page (attribute values included for meta tags)."""
    try:
        tree = lxml_html.fromstring(page_html)
    except (ValueError, lxml_html.etree.ParserError):
        return {}
    out = {}
    for name, path in REGIONS.items():
        parts = []
        for node in tree.xpath(path):
            if node.tag == "meta":
                parts.append(f"{node.get('property') or node.get('name')}={node.get('content')}")
            else:
                parts.append(squash(node.text_content()))
        out[name] = " | ".join(p for p in parts if p)
    return out


class RegionChange(NamedTuple):
    """One region whose text differs from the recording (both sides shortened for reading)."""

    name: str
    before: str
    after: str


@dataclass
class RefreshReport:
    """What changed on one page since it was recorded, and whose results moved with it."""

    fixture: str
    url: str
    problem: str | None = None
    regions: list[RegionChange] = field(default_factory=list)
    moved: dict[str, list[FieldChange]] = field(default_factory=dict)

    @property
    def page_changed(self) -> bool:
        """Whether any region of the page differs from the recording."""
        return bool(self.regions)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def refresh(
    paths: Sequence[str | Path], extractors: Sequence[LoadedExtractor], *, timeout: float = 10.0
) -> list[RefreshReport]:
    """Re-fetch each fixture's URL under ``paths`` and compare page and results (nothing is written)."""
    reports = []
    for root, cassette in discover(paths):
        fixture = load_fixture(cassette, include_drafts=True)
        report = RefreshReport(fixture.name, fixture.expectation.url)
        reports.append(report)
        fresh = fetch(fixture.expectation.url, timeout=timeout)
        if fresh.problem is not None:
            report.problem = fresh.problem
            continue
        page = page_from_interactions(fresh.interactions, fixture.expectation.captured_at)
        now = Fixture(fixture.name, page, fixture.expectation)
        before, after = regions(fixture.page.html), regions(page.html)
        for name in REGIONS:
            if before.get(name, "") != after.get(name, ""):
                report.regions.append(RegionChange(name, _short(before.get(name, "")), _short(after.get(name, ""))))
        for extractor in extractors:
            old = run_one(extractor, fixture, clock_check=False).extraction
            new = run_one(extractor, now, clock_check=False).extraction
            if old is None or new is None:
                continue
            document = {k: v for k, v in old.to_dict().items() if k != "extra"}
            changes = compare(document, new)
            if changes:
                report.moved[extractor.name] = changes
        _ = root
    return reports
