"""The foundation every other package builds on: the exception tree, the model types,
the comparison rules, the timestamp rules, what a page states (its JSON-LD, its dates) and the
files shipped with the package.

Nothing here imports any other package of news-harness.
"""

from __future__ import annotations

from .capture import captured_at, capturing, collecting_refusals, report_refused
from .compare import (
    contains,
    fold,
    name_key,
    overlap_f1,
    shingle_f1,
    shingle_overlap,
    shingle_scores,
    squash,
    tokens,
)
from .credentials import CREDENTIAL_HEADER
from .display import listed, printable, printable_lines, quoted
from .errors import (
    ExpectationError,
    ExtractorError,
    ExtractorNotInstalledError,
    FixtureError,
    HarnessError,
    NotCovered,
    SkippedInput,
    UnknownExtractorError,
    UsageError,
)
from .html import html_to_text, meta_key, parse_html, shared_tree, tree_text
from .jsonld import (
    ARTICLE_TYPES,
    ORGANIZATION_TYPES,
    article_node,
    first_value,
    jsonld_items,
    node_names,
    nodes,
    type_names,
)
from .memory import RELEASE_EVERY, release_freed
from .model import (
    SEVERITIES,
    WIRE_HEADERS,
    Decoy,
    Expectation,
    Extraction,
    Finding,
    Fixture,
    Page,
    RunResult,
    Severity,
    Snippet,
    SnippetKind,
    Status,
    header,
)
from .resources import bundled_cassettes, schema, schema_errors, schema_problem
from .stamps import OFFSET, RFC3339, Stamp, as_stated, offset_name, parse_stamp, zone
from .stated import DATE_META, DateKind, StatedDate, stated_dates

__all__ = [
    "ARTICLE_TYPES",
    "CREDENTIAL_HEADER",
    "DATE_META",
    "OFFSET",
    "ORGANIZATION_TYPES",
    "RELEASE_EVERY",
    "RFC3339",
    "SEVERITIES",
    "WIRE_HEADERS",
    "DateKind",
    "Decoy",
    "Expectation",
    "ExpectationError",
    "Extraction",
    "ExtractorError",
    "ExtractorNotInstalledError",
    "Finding",
    "Fixture",
    "FixtureError",
    "HarnessError",
    "NotCovered",
    "Page",
    "RunResult",
    "Severity",
    "SkippedInput",
    "Snippet",
    "SnippetKind",
    "Stamp",
    "StatedDate",
    "Status",
    "UnknownExtractorError",
    "UsageError",
    "article_node",
    "as_stated",
    "bundled_cassettes",
    "captured_at",
    "capturing",
    "collecting_refusals",
    "contains",
    "first_value",
    "fold",
    "header",
    "html_to_text",
    "jsonld_items",
    "listed",
    "meta_key",
    "name_key",
    "node_names",
    "nodes",
    "offset_name",
    "overlap_f1",
    "parse_html",
    "parse_stamp",
    "printable",
    "printable_lines",
    "quoted",
    "release_freed",
    "report_refused",
    "schema",
    "schema_errors",
    "schema_problem",
    "shared_tree",
    "shingle_f1",
    "shingle_overlap",
    "shingle_scores",
    "squash",
    "stated_dates",
    "tokens",
    "tree_text",
    "type_names",
    "zone",
]
