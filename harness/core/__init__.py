"""The foundation every other package builds on: the exception tree, the model types,
the comparison rules, the timestamp rules and the files shipped with the package.

Nothing here imports any other package of news-harness.
"""

from __future__ import annotations

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
from .errors import (
    ExpectationError,
    ExtractorError,
    ExtractorNotInstalledError,
    FixtureError,
    HarnessError,
    UnknownExtractorError,
    UsageError,
)
from .html import html_to_text, parse_html
from .jsonld import ARTICLE_TYPES, article_node, first_value, jsonld_items, node_names, nodes, type_names
from .model import (
    SEVERITIES,
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
from .resources import bundled_cassettes, schema, schema_errors
from .stamps import OFFSET, RFC3339, Stamp, parse_stamp, zone

__all__ = [
    "ARTICLE_TYPES",
    "OFFSET",
    "RFC3339",
    "SEVERITIES",
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
    "Page",
    "RunResult",
    "Severity",
    "Snippet",
    "SnippetKind",
    "Stamp",
    "Status",
    "UnknownExtractorError",
    "UsageError",
    "article_node",
    "bundled_cassettes",
    "contains",
    "first_value",
    "fold",
    "header",
    "html_to_text",
    "jsonld_items",
    "name_key",
    "node_names",
    "nodes",
    "overlap_f1",
    "parse_html",
    "parse_stamp",
    "schema",
    "schema_errors",
    "shingle_f1",
    "shingle_overlap",
    "shingle_scores",
    "squash",
    "tokens",
    "type_names",
    "zone",
]
