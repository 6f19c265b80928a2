"""The check catalogue: stable ids, default severities, what each means; the one way to make a
finding, the contract set, and the project's severity overrides.

Check ids are API: reports, configuration and CI gates name them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..core import SEVERITIES, Extraction, Finding, Fixture, Severity

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CATALOGUE",
    "CONTRACT_CHECKS",
    "LEVELS",
    "TRUTH_CHECKS",
    "CheckContext",
    "CheckInfo",
    "Level",
    "apply_severity",
    "make_finding",
]

#: What a project may set a check to in [tool.harness.severity]: a severity, or "off".
Level = Literal["error", "warning", "info", "off"]
LEVELS: tuple[Level, ...] = (*SEVERITIES, "off")


@dataclass(frozen=True)
class CheckInfo:
    """One check of the catalogue."""

    id: str
    severity: Severity
    field: str | None
    description: str


def _info(id: str, severity: Severity, field: str | None, description: str) -> CheckInfo:
    return CheckInfo(id, severity, field, description)


CATALOGUE: Mapping[str, CheckInfo] = {
    info.id: info
    for info in (
        _info("schema.invalid", "error", None, "the extraction does not validate against the extraction schema"),
        _info(
            "extractor.nondeterministic",
            "warning",
            None,
            "the result differs between two runs on the same page under the same clock",
        ),
        _info("extractor.error", "error", None, "the plugin raised"),
        _info("extractor.timeout", "error", None, "the plugin ran past its time budget"),
        _info(
            "extractor.not_covered",
            "info",
            None,
            "the plugin said the page is outside what it handles (a site it has no parser for)",
        ),
        _info(
            "extractor.network",
            "error",
            None,
            "the plugin tried to reach the network while extracting a recorded page",
        ),
        _info("byline.missing", "error", "authors", "the page has authors; none were extracted"),
        _info("byline.incomplete", "error", "authors", "some of the true authors are missing"),
        _info(
            "byline.organization",
            "error",
            "authors",
            "an organization (agency, publisher, desk) is reported as an author",
        ),
        _info(
            "byline.decoy",
            "error",
            "authors",
            "an author comes from elsewhere on the page (a teaser, a sponsored card, a comment)",
        ),
        _info(
            "byline.noise",
            "error",
            "authors",
            "an author string is not a clean name (a 'By' prefix, a role, a date, a URL, a UI string)",
        ),
        _info("byline.invented", "error", "authors", "an author was extracted that the page does not credit"),
        _info("body.sponsored_leak", "error", "body", "sponsored or advertising text appears in the body"),
        _info(
            "body.boilerplate_leak",
            "error",
            "body",
            "related teasers, navigation, newsletter prompts, captions, comments or cookie text appear in the body",
        ),
        _info("body.missing_text", "error", "body", "a must_contain snippet is absent"),
        _info(
            "body.encoding_damage",
            "error",
            "body",
            "mojibake (UTF-8 read as Latin-1 or cp1252), U+FFFD or entities left escaped, which the page has not; "
            "or a drop cap's word split or cut ('K elp' for 'Kelp')",
        ),
        _info("body.title_echo", "warning", "body", "the body starts with the headline; the true body does not"),
        _info(
            "body.truncated",
            "error",
            "body",
            "the end of the true body is missing while its start is there (cut at an ad slot, a break, a heading)",
        ),
        _info("body.order", "warning", "body", "the true paragraphs are there but out of order"),
        _info("body.headings_missing", "info", "body", "headings of the true body are absent from the body"),
        _info(
            "body.paywall_as_article",
            "error",
            "body",
            "the page shows only a teaser (free_access false) and the extraction presents it as the whole article",
        ),
        _info(
            "body.paywall_text", "error", "body", "the paywall's own text (subscribe, log in to read) is in the body"
        ),
        _info(
            "body.low_precision",
            "error",
            "body",
            "the body's shingle precision against the true body is under the floor",
        ),
        _info(
            "body.low_recall",
            "error",
            "body",
            "the body's shingle recall against the true body is under the floor",
        ),
        _info(
            "date.missing",
            "error",
            "published",
            "the page has a publication time; none was extracted",
        ),
        _info("date.wrong_day", "error", "published", "the day differs, in the site's timezone"),
        _info(
            "date.wrong_time",
            "error",
            "published",
            "right day, wrong instant beyond tolerance (a lost or misread timezone)",
        ),
        _info("date.naive", "error", "published", "a time without an offset where the page states one"),
        _info(
            "date.updated_as_published",
            "error",
            "published",
            "the modified time was reported as the publication time",
        ),
        _info(
            "date.decoy",
            "error",
            "published",
            "the date is a decoy: a teaser's relative time, a copyright year, a comment's date",
        ),
        _info("date.imprecise", "info", "published", "a day where the truth has a time (right day, no time given)"),
        _info("date.future", "error", "published", "later than the page's captured_at"),
        _info(
            "date.modified_missing",
            "error",
            "modified",
            "the page has a modification time apart from its publication; none was extracted",
        ),
        _info(
            "date.modified_wrong",
            "error",
            "modified",
            "the modification time is wrong (another day, an instant beyond tolerance, or none the page shows)",
        ),
        _info(
            "date.modified_as_published",
            "error",
            "modified",
            "the publication time was reported as the modification time",
        ),
        _info("date.clock_dependent", "error", None, "the result changes when only the wall clock changes"),
        _info("title.mismatch", "error", "title", "the title is wrong"),
        _info("title.site_name", "error", "title", "the title carries the site's name"),
        # The truth audit: each judges a truth against its own page, never an extractor.
        _info("truth.snippet_absent", "warning", "body", "a must_contain snippet is not in the page's text"),
        _info("truth.snippet_in_truth", "warning", "body", "a must_not_contain snippet is inside the true body"),
        _info("truth.body_duplicate", "warning", "body", "the true body repeats a paragraph"),
        _info("truth.body_not_on_page", "warning", "body", "too few of the true body's paragraphs are on the page"),
        _info(
            "truth.author_not_on_page", "warning", "authors", "a true author is neither in the page's text nor metadata"
        ),
        _info("truth.organization_as_author", "warning", "authors", "the truth lists an organization as an author"),
        _info("truth.date_not_on_page", "warning", "published", "the page states the true date nowhere"),
        _info("truth.date_is_modified", "warning", "published", "the true date is the page's modified time"),
        _info(
            "truth.title_not_on_page", "warning", "title", "the true title is neither on the page nor in its metadata"
        ),
    )
}

#: The truth audit's ids: what ``harness audit`` reports.
TRUTH_CHECKS = frozenset(check for check in CATALOGUE if check.startswith("truth."))


@dataclass
class CheckContext:
    """What a check looks at: one fixture, one extractor's normalized result, and the options."""

    fixture: Fixture
    extraction: Extraction
    extractor: str
    fields: frozenset[str]
    options: Mapping[str, Any] = field(default_factory=dict)

    def finding(
        self,
        check: str,
        message: str,
        *,
        expected: Any = None,
        actual: Any = None,
        evidence: str | None = None,
        field: str | None = None,
    ) -> Finding:
        """A finding of ``check`` for this fixture and extractor, at the check's severity."""
        return make_finding(
            self.fixture.name, self.extractor, check, message,
            expected=expected, actual=actual, evidence=evidence, field=field,
        )  # fmt: skip

    def option(self, name: str, default: Any) -> Any:
        """A check option (floors, tolerances) or its default."""
        return self.options.get(name, default)


#: Findings that break the plugin contract itself, whatever the page: the extractor raised,
#: hung, reached for the network, returned the wrong shape, or read the wall clock. The
#: conformance helper fails on these, and so does the ``contract`` property of ``harness fuzz``.
CONTRACT_CHECKS = frozenset({
    "extractor.error", "extractor.timeout", "extractor.network", "schema.invalid", "date.clock_dependent",
})  # fmt: skip


def make_finding(
    fixture: str,
    extractor: str,
    check: str,
    message: str,
    *,
    expected: Any = None,
    actual: Any = None,
    evidence: str | None = None,
    field: str | None = None,
) -> Finding:
    """A finding of ``check`` at its catalogue severity (and field, unless ``field`` names another).

    Raises:
        KeyError: ``check`` is not in the catalogue.
    """
    info = CATALOGUE[check]
    return Finding(
        fixture=fixture,
        extractor=extractor,
        check=check,
        severity=info.severity,
        field=field or info.field,
        message=message,
        expected=expected,
        actual=actual,
        evidence=evidence,
    )


def apply_severity(findings: list[Finding], overrides: Mapping[str, Level]) -> list[Finding]:
    """The findings with the configured severities: "off" drops a check, a level replaces its own."""
    if not overrides:
        return findings
    out = []
    for finding in findings:
        level = overrides.get(finding.check)
        if level == "off":
            continue
        if level is not None and level != finding.severity:
            finding = dataclasses.replace(finding, severity=level)
        out.append(finding)
    return out
