"""Property-based runs: generated pages and mutations of recorded ones, each property searched
for a counterexample by Hypothesis, shrunk, and optionally saved as a new fixture.

A property is a set of check ids that must not fire. On a generated page
(whose truth is known) it holds when none of its checks fires; on a
mutation of a recorded page it holds when none fires that did not already
fire on the page as recorded (the metamorphic relation: a new ad widget or a
renamed class must not make the result worse), which works for site-specific
scrapers too.
"""

from __future__ import annotations

import contextlib
import difflib
import random
import shlex
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks import CONTRACT_CHECKS
from ..core import FixtureError, UsageError
from ..fixtures import inside, safe_segment, save_fixture
from ..running import DEFAULT_TIMEOUT, run_one
from ..strategies import MUTATIONS, Mutated, from_fixture, pages

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hypothesis.strategies import SearchStrategy

    from ..core import Finding, Fixture, RunResult
    from ..extractors import LoadedExtractor

__all__ = ["PROPERTIES", "FuzzReport", "PropertyResult", "fuzz", "select_mutations"]

#: Each property and the checks that must not fire for it to hold. ``contract`` is the plugin
#: contract of :data:`~harness.checks.CONTRACT_CHECKS`, reading the wall clock included.
PROPERTIES: dict[str, frozenset[str]] = {
    "no_sponsored_leak": frozenset({"body.sponsored_leak"}),
    "clean_text": frozenset({"body.encoding_damage", "body.title_echo"}),
    "no_boilerplate_leak": frozenset({"body.boilerplate_leak"}),
    "whole_body": frozenset({"body.truncated", "body.order"}),
    "complete_byline": frozenset({"byline.missing", "byline.incomplete"}),
    "no_organization_author": frozenset({"byline.organization"}),
    "no_decoy_author": frozenset({"byline.decoy", "byline.invented", "byline.noise"}),
    "no_paywall_text": frozenset({"body.paywall_text", "body.paywall_as_article"}),
    "right_date": frozenset(
        {"date.missing", "date.wrong_day", "date.wrong_time", "date.naive", "date.updated_as_published"}
    ),
    "no_decoy_date": frozenset({"date.decoy", "date.future"}),
    # Only an extractor that declares "modified" is graded on it: for the others it holds vacuously.
    "right_modified": frozenset({"date.modified_missing", "date.modified_wrong", "date.modified_as_published"}),
    "contract": CONTRACT_CHECKS,
}

#: Every check some property names: a warning among them fails its property as an error does.
_NAMED = frozenset().union(*PROPERTIES.values())

#: The fields whose emptiness makes properties vacuous (the health check), and those properties.
_VACUOUS_WHEN_EMPTY = {
    "body": ("no_sponsored_leak", "no_boilerplate_leak", "no_paywall_text", "clean_text", "whole_body"),
    "authors": ("complete_byline", "no_organization_author", "no_decoy_author"),
    "published": ("right_date", "no_decoy_date"),
    "modified": ("right_modified",),
}
#: A field empty on at least this share of the pages whose truth has it makes the run vacuous.
VACUOUS_SHARE = 0.9


def _unknown(name: str, known: Sequence[str], what: str, source: str) -> UsageError:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return UsageError(f"Unknown {what} {name!r} (from {source}).{hint} Known: {', '.join(known)}.")


def select_mutations(only: Sequence[str] = (), skip: Sequence[str] = ()) -> tuple[str, ...]:
    """The mutations a run of recorded pages draws: ``only`` these (all when empty), less ``skip``.

    Raises:
        UsageError: a name that is no mutation (the nearest is suggested), or none left.
    """
    for option, names in (("--only-mutation", only), ("--skip-mutation", skip)):
        for name in names:
            if name not in MUTATIONS:
                raise _unknown(name, MUTATIONS, "mutation", option)
    chosen = tuple(m for m in (only or MUTATIONS) if m not in skip)
    if not chosen:
        msg = f"--skip-mutation leaves no mutation to draw (of {', '.join(only or MUTATIONS)})"
        raise UsageError(msg)
    return chosen


@dataclass
class PropertyResult:
    """Whether one property held, and the smallest counterexample when it did not."""

    name: str
    held: bool
    examples: int
    counterexample: Fixture | None = None
    findings: list[Finding] = field(default_factory=list)
    description: str = ""
    saved: Path | None = None
    #: Why the counterexample could not be saved, when it could not.
    save_problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "property": self.name,
            "held": self.held,
            "examples": self.examples,
            "counterexample": self.counterexample.name if self.counterexample else None,
            "url": self.counterexample.page.url if self.counterexample else None,
            "description": self.description,
            "findings": [{"check": f.check, "message": f.message} for f in self.findings],
            "saved": str(self.saved) if self.saved else None,
            "save_problem": self.save_problem,
        }


@dataclass
class FuzzReport:
    """One extractor's property results."""

    extractor: str
    seed: int
    examples: int
    results: list[PropertyResult] = field(default_factory=list)
    #: The health check: why a property that held may have held vacuously (one line each).
    warnings: list[str] = field(default_factory=list)
    #: What was asked, for the command that reproduces the run: the spec as given, the recorded
    #: fixtures mutated (None: generated pages) and the mutations drawn (None: all).
    spec: str = ""
    source: str | None = None
    mutations: tuple[str, ...] | None = None
    pages: int = 0
    extractor_seconds: float = 0.0
    #: The search alone (every property probed on the same pages), before any shrinking.
    search_seconds: float = 0.0
    search_extractor_seconds: float = 0.0

    @property
    def failed(self) -> list[PropertyResult]:
        """The properties that did not hold."""
        return [r for r in self.results if not r.held]

    @property
    def reproduce(self) -> str:
        """The ``harness fuzz`` command that replays the failed properties (all when none failed)."""
        words = ["harness", "fuzz", "-e", self.spec or self.extractor]
        if self.source is not None:
            words += ["--from", self.source]
            drawn = self.mutations if self.mutations is not None else MUTATIONS
            skipped = [m for m in MUTATIONS if m not in drawn]
            # The shorter of the two spellings; both draw the same mutations in the same order.
            option, names = ("--only-mutation", drawn) if len(drawn) < len(skipped) else ("--skip-mutation", skipped)
            for name in names:
                words += [option, name]
        for result in self.failed:
            words += ["--property", result.name]
        words += ["--seed", str(self.seed), "--examples", str(self.examples)]
        return shlex.join(words)


class _Runner:
    """Runs the extractor once per distinct page, whichever property asks."""

    def __init__(self, extractor: LoadedExtractor, *, timeout: float | None, clock_check: bool) -> None:
        self.extractor = extractor
        self.timeout = timeout
        self.clock_check = clock_check
        self.cache: dict[str, list[Finding]] = {}
        self.examples = 0
        #: For the health check, over the distinct pages whose truth has the field: how many, and how
        #: many the extractor left it empty on; and the pages it failed on, by the failure's check.
        self.truth_has: dict[str, int] = {}
        self.empty: dict[str, int] = {}
        self.broke: dict[str, list[str]] = {}
        self.seconds = 0.0  # spent inside the extractor (the first run of each page)

    def findings(self, fixture: Fixture) -> list[Finding]:
        key = fixture.name + "\0" + fixture.page.html
        if key not in self.cache:
            self.examples += 1
            result = run_one(self.extractor, fixture, timeout=self.timeout, clock_check=self.clock_check)
            self.seconds += result.seconds
            self._tally(fixture, result)
            # Errors, and the warnings a property names (body.title_echo, body.order).
            self.cache[key] = [f for f in result.findings if f.severity == "error" or f.check in _NAMED]
        return self.cache[key]

    def _tally(self, fixture: Fixture, result: RunResult) -> None:
        if result.extraction is None:
            failure = next((f for f in result.findings if f.severity == "error"), None)
            if failure is not None:
                self.broke.setdefault(failure.check, []).append(failure.message)
            return
        for name in _VACUOUS_WHEN_EMPTY:
            if name in self.extractor.fields and getattr(fixture.expectation, name, None):
                self.truth_has[name] = self.truth_has.get(name, 0) + 1
                if not getattr(result.extraction, name, None):
                    self.empty[name] = self.empty.get(name, 0) + 1

    def health(self, names: Sequence[str]) -> list[str]:
        """Warnings (never failures) that the properties ``names`` held only because there was nothing to judge."""
        warnings = []
        if self.examples and len(self.broke) == 1:
            [(check, messages)] = self.broke.items()
            if len(messages) == self.examples:
                warnings.append(
                    f"every one of the {self.examples} pages failed the same way ({check}: {messages[0]}); "
                    "the other properties held only because nothing was extracted"
                )
                return warnings
        for name, props in _VACUOUS_WHEN_EMPTY.items():
            had, empty = self.truth_has.get(name, 0), self.empty.get(name, 0)
            concerned = [p for p in props if p in names]
            if had and concerned and empty / had >= VACUOUS_SHARE:
                warnings.append(
                    f"{name} empty on {empty} of {had} pages whose truth has one ({empty / had:.0%}): "
                    f"{', '.join(concerned)} held vacuously"
                )
        return warnings


def _violations(runner: _Runner, item: Any, checks: frozenset[str]) -> list[Finding]:
    if isinstance(item, Mutated):
        # New findings only: a check that fired on the recorded page too counts if it now says more
        # (another snippet leaked, another date taken).
        before = {(f.check, f.message) for f in runner.findings(item.original)}
        return [f for f in runner.findings(item.fixture) if f.check in checks and (f.check, f.message) not in before]
    return [f for f in runner.findings(item) if f.check in checks]


def fuzz(
    extractor: LoadedExtractor,
    *,
    properties: Sequence[str] | None = None,
    examples: int = 100,
    seed: int = 0,
    fixtures: Sequence[Fixture] = (),
    save_failures: str | Path | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    on_result: Callable[[PropertyResult], None] | None = None,
    mutations: Sequence[str] | None = None,
    source: str | None = None,
    spec: str | None = None,
) -> FuzzReport:
    """Search each property for a counterexample with Hypothesis; shrink and (optionally) save it.

    With ``fixtures``, the pages are mutations of those recorded pages (only
    ``mutations`` when given, see :func:`select_mutations`); without, generated
    pages. ``seed`` makes a run reproducible. ``source`` (where ``fixtures``
    came from) and ``spec`` (the extractor as the user named it) go into the
    report's command that reproduces the run.
    """
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis import strategies as st
    from hypothesis.errors import NoSuchExample

    names = list(properties or PROPERTIES)
    unknown = [n for n in names if n not in PROPERTIES]
    if unknown:
        msg = f"Unknown property {unknown[0]!r}; known: {', '.join(PROPERTIES)}"
        raise UsageError(msg)
    drawn = select_mutations(mutations or ()) if mutations is not None else MUTATIONS
    strategy: SearchStrategy[Any] = (
        st.one_of([from_fixture(f, mutations=drawn) for f in fixtures]) if fixtures else pages()
    )
    runner = _Runner(extractor, timeout=timeout, clock_check=clock_check)
    report = FuzzReport(extractor.name, seed, examples, spec=spec or extractor.name, source=source,
                        mutations=tuple(drawn) if fixtures and mutations is not None else None)  # fmt: skip
    # No "explain" phase: it re-runs the extractor on many variants of each counterexample
    # to say which parts mattered, which costs far more than the search itself.
    config = settings(
        max_examples=examples, database=None, deadline=None, derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )  # fmt: skip
    # One search probes every property on the same pages, so each page is generated and
    # extracted once; only a property that failed is searched again, to shrink its counterexample
    # (the same seed replays the same pages first, from the cache, until the failure).
    first_failure: dict[str, Any] = {}

    def probe(item: Any) -> bool:
        for name in names:
            if name not in first_failure and _violations(runner, item, PROPERTIES[name]):
                first_failure[name] = item
        return False

    started = time.perf_counter()
    with contextlib.suppress(NoSuchExample):
        find(strategy, probe, settings=config, random=random.Random(seed))
    probed = runner.examples
    if not fixtures:  # on mutations, the recorded page's own emptiness is the baseline
        report.warnings = runner.health(names)
    report.search_seconds, report.search_extractor_seconds = time.perf_counter() - started, runner.seconds
    for name in names:
        checks = PROPERTIES[name]
        if name not in first_failure:
            result = PropertyResult(name, True, probed)
        else:

            def fails(item: Any, checks: frozenset[str] = checks) -> bool:
                return bool(_violations(runner, item, checks))

            try:
                found = find(strategy, fails, settings=config, random=random.Random(seed))
            except NoSuchExample:  # the replay drew other pages: keep the probe's (unshrunk) example
                found = first_failure[name]
            fixture = found.fixture if isinstance(found, Mutated) else found
            description = (
                f"mutation {found.mutation}: {found.truth_change}"
                if isinstance(found, Mutated)
                else ("generated page: " + ", ".join(fixture.expectation.tags))
            )
            result = PropertyResult(name, False, probed, fixture, _violations(runner, found, checks), description)
            if save_failures is not None:
                try:
                    result.saved = _save(fixture, Path(save_failures), name)
                except FixtureError as error:  # the counterexample is still printed in full
                    result.save_problem = f"{error.path}: {error.reason}"
                except OSError as error:
                    result.save_problem = f"{error.filename}: {error.strerror or error}"
        report.results.append(result)
        if on_result is not None:
            on_result(result)
    report.pages, report.extractor_seconds = runner.examples, runner.seconds
    return report


def _save(fixture: Fixture, folder: Path, prop: str) -> Path:
    """Write a counterexample as a fixture that then runs as an ordinary golden test."""
    cassette = inside(folder, f"{safe_segment(f'{prop}-{fixture.name}')}.yaml")
    truth = dict(fixture.expectation.raw)
    truth["notes"] = f"Saved by 'harness fuzz': a counterexample to the property {prop!r}."
    save_fixture(cassette, [dict(i) for i in fixture.page.interactions], truth, force=True)
    return cassette
