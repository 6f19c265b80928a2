"""Making fixtures: recording pages (scrubbed), drafting their truth from what the extractors
agree on, reviewing drafts, re-recording to tell site drift from scraper change, and importing
pages recorded elsewhere (corpora, saved HTML, WARC files), and web-poet test fixtures in and out."""

from __future__ import annotations

from .draft import draft_expectation, page_evidence, save_drafted
from .imports import ImportReport, import_corpus, import_html, import_warc
from .record import DEFAULT_SCRUB_HEADERS, Recorded, fetch, record
from .refresh import REGIONS, RefreshReport, refresh, regions
from .review import Draft, accept, drafts, edit_problems, edit_text, parse_edit, reject
from .webpoet import article_output, export_webpoet, import_webpoet

__all__ = [
    "DEFAULT_SCRUB_HEADERS",
    "REGIONS",
    "Draft",
    "ImportReport",
    "Recorded",
    "RefreshReport",
    "accept",
    "article_output",
    "draft_expectation",
    "drafts",
    "edit_problems",
    "edit_text",
    "export_webpoet",
    "fetch",
    "import_corpus",
    "import_html",
    "import_warc",
    "import_webpoet",
    "page_evidence",
    "parse_edit",
    "record",
    "refresh",
    "regions",
    "reject",
    "save_drafted",
]
