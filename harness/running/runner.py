"""Running one extractor on one fixture, contained, and grading the result."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..checks import make_finding, run_checks
from ..core import (
    CREDENTIAL_HEADER,
    Extraction,
    Finding,
    Fixture,
    NotCovered,
    RunResult,
    capturing,
    collecting_refusals,
)
from ..extractors import normalize
from ..fixtures import calls_path, dump_cassette, write_atomic
from .sandbox import ExtractorTimeout, frozen_clock, refuse_network, time_limit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from ..extractors import LoadedExtractor

__all__ = ["CLOCK_SHIFT", "DEFAULT_TIMEOUT", "Extracted", "extract", "grade", "run_one"]

#: How far the second clock of the clock-dependence check sits from captured_at.
CLOCK_SHIFT = dt.timedelta(days=400, hours=7, minutes=13)
#: The fields that may follow the wall clock: a relative date ("41 minutes ago") resolved against it.
_DATES = ("published", "modified")
#: Seconds one extractor may take on one page, unless the caller or [tool.harness] timeout says otherwise.
DEFAULT_TIMEOUT = 30.0


@dataclass
class _Attempt:
    value: Any = None
    error: str | None = None
    timed_out: bool = False
    network: list[str] = field(default_factory=list)
    seconds: float = 0.0
    not_covered: str | None = None
    calls_missing: str | None = None
    frames: list[dict[str, Any]] = field(default_factory=list)


def _endpoint(extractor: LoadedExtractor) -> frozenset[tuple[str, int]]:
    """The ``(host, port)`` a remote extractor may reach while its calls are recorded."""
    parts = urlsplit(extractor.endpoint or "")
    if not parts.hostname:
        return frozenset()
    return frozenset({(parts.hostname.lower(), parts.port or (443 if parts.scheme == "https" else 80))})


def _drop_credentials(headers: Any) -> None:
    """Remove the credential-named headers (as ``record`` names them) from a mapping of headers."""
    for name in [n for n in headers if CREDENTIAL_HEADER.search(str(n))]:
        del headers[name]


def _response_without_credentials(response: dict[str, Any]) -> dict[str, Any]:
    _drop_credentials(response.get("headers") or {})
    return response


def _request_without_credentials(request: Any) -> Any:
    _drop_credentials(request.headers)
    return request


@contextlib.contextmanager
def _recording(extractor: LoadedExtractor, calls: Path) -> Iterator[None]:
    """Record what the remote extractor sends and gets into ``calls``: credential-named headers
    dropped, each of its credential values replaced, written whole or not at all."""
    import vcr

    with tempfile.TemporaryDirectory(prefix="harness-calls-") as folder:
        temp = Path(folder, "calls.yaml")
        recorder = vcr.VCR(
            record_mode="all", before_record_request=_request_without_credentials,
            before_record_response=_response_without_credentials,
            decode_compressed_response=True,
        )  # fmt: skip
        with recorder.use_cassette(str(temp)):
            yield
        if temp.exists():
            text = temp.read_text(encoding="utf-8")
            for secret in extractor.credentials:
                if len(secret) >= 4:
                    text = text.replace(secret, "SCRUBBED-credential")
            calls.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(calls, text)


@contextlib.contextmanager
def _replaying(calls: Path) -> Iterator[None]:
    import vcr

    # The body too: a changed prompt (or page) is a call never recorded, not the old answer.
    recorder = vcr.VCR(record_mode="none", match_on=("method", "scheme", "host", "port", "path", "query", "body"))
    with recorder.use_cassette(str(calls), allow_playback_repeats=True):
        yield


@contextlib.contextmanager
def _replay(fixture: Fixture) -> Iterator[None]:
    import vcr

    path = fixture.cassette_path
    with contextlib.ExitStack() as stack:
        if path is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="harness-"))
            path = Path(folder, "page.yaml")
            path.write_text(dump_cassette([dict(i) for i in fixture.page.interactions]), encoding="utf-8")
        recorder = vcr.VCR(record_mode="none")
        # A scraper may fetch the same URL twice (once per clock of the clock check).
        stack.enter_context(recorder.use_cassette(str(path), allow_playback_repeats=True))
        yield


def _attempt(
    extractor: LoadedExtractor, fixture: Fixture, clock: dt.datetime | None, timeout: float | None,
    record_calls: bool = False,
) -> _Attempt:  # fmt: skip
    attempt = _Attempt()
    cwd = os.getcwd()
    environment = dict(os.environ)
    path = list(sys.path)
    started = time.perf_counter()
    if extractor.lookup is not None:  # saved predictions: nothing runs, nothing to contain
        attempt.value = extractor.lookup(fixture)
        attempt.seconds = time.perf_counter() - started
        return attempt
    try:
        with contextlib.ExitStack() as stack:
            calls = calls_path(fixture.cassette_path, extractor.name) if fixture.cassette_path else None
            recording = record_calls and extractor.endpoint is not None and calls is not None
            attempt.network = stack.enter_context(refuse_network(_endpoint(extractor) if recording else frozenset()))
            if recording and calls is not None:
                stack.enter_context(_recording(extractor, calls))
            elif extractor.endpoint is not None and calls is not None and calls.is_file():
                stack.enter_context(_replaying(calls))
            elif extractor.endpoint is not None and calls is None:
                # A page of a Zyte or JSONL corpus has no fixture folder to keep calls in.
                attempt.calls_missing = (
                    "it is a remote extractor, and its calls are kept beside fixtures of a fixture folder, which "
                    "this corpus page has not: import the corpus as fixtures (harness import corpus) to record them"
                )
            elif extractor.endpoint is not None:
                attempt.calls_missing = (
                    "it is a remote extractor with no recorded calls for this page: record them once with "
                    "--record-extractor-calls"
                )
            stack.enter_context(frozen_clock(clock))
            # The capture time, whatever the clock says: for adapters that choose by it (Fundus).
            stack.enter_context(capturing(fixture.expectation.captured_at))
            # Requests an adapter answers from the recording and finds missing (Scrapy's).
            stack.enter_context(collecting_refusals(attempt.network))
            # An extractor that prints or warns must not corrupt the harness's own output.
            stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
            stack.enter_context(warnings.catch_warnings())
            warnings.simplefilter("ignore")
            if extractor.fetches:
                stack.enter_context(_replay(fixture))
            stack.enter_context(time_limit(timeout))
            if extractor.fetches:
                attempt.value = extractor.func(fixture.page.url)
            elif extractor.takes_page:
                attempt.value = extractor.func(fixture.page)
            else:
                attempt.value = extractor.func(fixture.page.html, fixture.page.url)
    except ExtractorTimeout:
        attempt.timed_out = True
    except NotCovered as error:
        attempt.not_covered = _first_line(str(error)) or "not covered"
    except Exception as error:
        name = type(error).__name__
        request = getattr(error, "failed_request", None)
        if request is not None:  # vcrpy refused a request the cassette does not hold
            attempt.network.append(f"{request.method} {request.uri} (not in the cassette)")
        attempt.error = f"{name}: {_first_line(str(error))}"
        attempt.frames = user_frames(error)
    finally:
        attempt.seconds = time.perf_counter() - started
        # What an extractor changes in the process must not follow it to the next page.
        if os.getcwd() != cwd:
            os.chdir(cwd)
        if os.environ != environment:
            os.environ.clear()
            os.environ.update(environment)
        if sys.path != path:
            sys.path[:] = path
    return attempt


#: Where code that is not the user's lives: the standard library, installed packages, the harness itself.
_NOT_YOURS = tuple(
    {os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    | {os.path.realpath(str(Path(__file__).resolve().parents[1])) + os.sep}
)
#: How many of the user's frames an extractor.error shows, the innermost last.
USER_FRAMES = 3


def user_frames(error: BaseException) -> list[dict[str, Any]]:
    """The last frames of ``error``'s traceback in the user's own files (not the standard library,
    an installed package or the harness): file, line, function and code, innermost last."""
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        path = os.path.realpath(frame.filename)
        if frame.filename.startswith("<") or path.startswith(_NOT_YOURS):
            continue
        try:
            shown = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            shown = path
        shown = shown if not shown.startswith("..") else path
        frames.append({"file": shown, "line": frame.lineno, "function": frame.name, "code": (frame.line or "").strip()})
    return frames[-USER_FRAMES:]


def _first_line(text: str) -> str:
    """The first line of an error message that says something: NLTK, for one, frames its
    messages in a row of asterisks, which alone would say nothing."""
    lines = [line.strip() for line in text.splitlines() if any(ch.isalnum() for ch in line)]
    line = lines[0] if lines else ""
    return line if len(line) <= 200 else line[:197] + "..."


@dataclass
class Extracted:
    """What running one extractor on one page gave, as plain data.

    Made where the extractor ran (a worker process), graded where no
    extractor code runs (:func:`grade`, in the parent): the worker only
    collects, so code that tampers with the worker cannot change a verdict.
    ``reruns`` are the clock check's further runs, in the order made: the
    clock each ran under, and its extraction or how it failed.
    """

    seconds: float
    network: list[str] = field(default_factory=list)
    timed_out: bool = False
    error: str | None = None
    extraction: Extraction | None = None
    problems: list[str] = field(default_factory=list)
    reruns: list[tuple[dt.datetime, Extraction | str]] = field(default_factory=list)
    #: Why the extractor does not cover the page, when it said so (:class:`~harness.core.NotCovered`).
    not_covered: str | None = None
    #: Why a remote extractor has no recorded calls for the page (and none are being recorded), and the fix.
    calls_missing: str | None = None
    #: Where in the user's own files the extractor raised (:func:`user_frames`), innermost last.
    frames: list[dict[str, Any]] = field(default_factory=list)


def extract(
    extractor: LoadedExtractor,
    fixture: Fixture,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    record_calls: bool = False,
) -> Extracted:
    """Run ``extractor`` on ``fixture`` under the frozen clock with the network refused (and again
    under other clocks, with ``clock_check``); judge nothing.

    A remote extractor (``endpoint``) replays its recorded calls for the page;
    with ``record_calls`` it reaches its endpoint (and nothing else) and its
    calls are recorded beside the fixture (:func:`~harness.fixtures.calls_path`).
    """
    first = _attempt(extractor, fixture, fixture.expectation.captured_at, timeout, record_calls)
    extracted = Extracted(
        first.seconds, first.network, first.timed_out, first.error, not_covered=first.not_covered,
        calls_missing=first.calls_missing, frames=first.frames,
    )  # fmt: skip
    if first.timed_out or first.error is not None or first.not_covered is not None:
        return extracted
    extracted.extraction, extracted.problems = normalize(first.value)
    if clock_check:

        def rerun(clock: dt.datetime) -> Extraction | str:
            # The clock check's further runs replay what the first run recorded: one call per page to
            # the service, and the recording is the answer that was graded.
            again = _rerun(extractor, fixture, clock, timeout)
            extracted.reruns.append((clock, again))
            return again

        # The verdict is thrown away here: this only decides which runs to make, as grade() will ask.
        _clock_findings(extractor.name, fixture, extracted.extraction, rerun)
    return extracted


class _RunsMissing(Exception):
    """The clock check asked for a run the worker did not make."""


def grade(
    extractor: LoadedExtractor,
    fixture: Fixture,
    extracted: Extracted,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    options: Mapping[str, Any] | None = None,
) -> RunResult:
    """The findings on what ``extractor`` gave for ``fixture``: the extractor's own failures, the
    clock check (from the runs :func:`extract` made) and the catalogue's checks."""
    name = extractor.name
    result = RunResult(fixture.name, name, None, seconds=extracted.seconds)
    findings = result.findings
    hosts = sorted(set(extracted.network))
    if hosts:
        findings.append(
            make_finding(
                fixture.name,
                name,
                "extractor.network",
                f"tried to reach the network {len(extracted.network)} time(s) while extracting a recorded page: "
                f"{', '.join(hosts[:5])}"
                + (" …" if len(hosts) > 5 else "")
                + (f"; {extracted.calls_missing}" if extracted.calls_missing else ""),
                actual=hosts,
            )
        )
    if extracted.timed_out:
        result.status = "timeout"
        findings.append(
            make_finding(
                fixture.name,
                name,
                "extractor.timeout",
                f"ran past its budget of {timeout:g} s",
                expected=timeout,
            )
        )
        return result
    if extracted.not_covered is not None:
        result.status = "not-covered"
        message = f"does not cover this page: {extracted.not_covered}"
        findings.append(make_finding(fixture.name, name, "extractor.not_covered", message))
        return result
    if extracted.error is not None or extracted.extraction is None:
        result.status = "error"
        where = "; ".join(f"{f['file']}:{f['line']} in {f['function']}: {f['code']}" for f in extracted.frames)
        findings.append(
            make_finding(
                fixture.name, name, "extractor.error", f"raised {extracted.error}",
                actual=extracted.frames or None, evidence=where or None,
            )
        )  # fmt: skip
        return result
    result.extraction = extraction = extracted.extraction
    for problem in extracted.problems:
        findings.append(make_finding(fixture.name, name, "schema.invalid", problem))
    if clock_check:
        made = iter(extracted.reruns)

        def replay(clock: dt.datetime) -> Extraction | str:
            ran, outcome = next(made, (None, ""))
            if ran != clock:
                raise _RunsMissing
            return outcome

        try:
            findings.extend(_clock_findings(name, fixture, extraction, replay))
        except _RunsMissing:
            message = "its worker did not make the runs the clock check asks for, so the clock check has no verdict"
            findings.append(make_finding(fixture.name, name, "extractor.nondeterministic", message))
    findings.extend(run_checks(fixture, extraction, extractor=name, fields=extractor.fields, options=options))
    return result


def run_one(
    extractor: LoadedExtractor,
    fixture: Fixture,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    options: Mapping[str, Any] | None = None,
    record_calls: bool = False,
) -> RunResult:
    """Run ``extractor`` on ``fixture`` in this process and grade it (:func:`extract`, then :func:`grade`).

    Nothing contains the extractor here: worker processes (:func:`~harness.running.run_pages`) do.
    """
    extracted = extract(extractor, fixture, timeout=timeout, clock_check=clock_check, record_calls=record_calls)
    return grade(extractor, fixture, extracted, timeout=timeout, clock_check=clock_check, options=options)


def _differences(before: Extraction, after: Extraction) -> list[str]:
    """The fields (extra aside) that differ between two extractions of the same page."""
    first, second = before.to_dict(), after.to_dict()
    return [key for key in first if key != "extra" and first[key] != second[key]]


def _how(before: Extraction, after: Extraction, key: str) -> str:
    was, became = before.to_dict()[key], after.to_dict()[key]
    if isinstance(was, str) and isinstance(became, str) and max(len(was), len(became)) > 120:
        return f"{key} was {len(was)} characters, became {len(became)}"
    return f"{key} was {was!r}, became {became!r}"


def _moved(
    fixture: Fixture, extractor: str, check: str, what: str, fields: list[str],
    before: Extraction, after: Extraction,
) -> list[Finding]:  # fmt: skip
    """One finding that ``fields`` moved from ``before`` to ``after``: "<fields> <what>: <how>"."""
    key = fields[0]
    return [
        make_finding(
            fixture.name, extractor, check, f"{', '.join(fields)} {what}: {_how(before, after, key)}",
            field=key, expected=before.to_dict()[key], actual=after.to_dict()[key],
        )
    ]  # fmt: skip


def _rerun(
    extractor: LoadedExtractor, fixture: Fixture, clock: dt.datetime, timeout: float | None, record_calls: bool = False
) -> Extraction | str:
    """The extraction of another run under ``clock``, or how it failed ("timed out", "raised …")."""
    attempt = _attempt(extractor, fixture, clock, timeout, record_calls)
    if attempt.timed_out or attempt.error is not None:
        return "timed out" if attempt.timed_out else f"raised {attempt.error}"
    return normalize(attempt.value)[0]


def _clock_findings(
    extractor: str, fixture: Fixture, extraction: Extraction, rerun: Callable[[dt.datetime], Extraction | str]
) -> list[Finding]:
    """Does the result depend on the wall clock? Run again under a clock 400 days later; when that
    differs, run once more under the later clock and then under the first, so that nondeterminism
    is not blamed on the clock. Only dates follow the clock: a date that agrees under each clock
    and differs between them is ``date.clock_dependent``; anything else that varies is
    ``extractor.nondeterministic``."""
    captured = fixture.expectation.captured_at
    later = rerun(captured + CLOCK_SHIFT)
    if isinstance(later, Extraction) and not _differences(extraction, later):
        return []
    same_clock = "differed between two runs under the same clock"
    # Once more under the later clock, then once more under the first: an extractor that varies on
    # its own can agree with itself twice by chance, or alternate from call to call (newspaper4k on
    # a National Post page did), which runs in the order first, later, first, later would take for
    # the clock; first, later, later, first does not.
    if isinstance(later, Extraction):
        again_later = rerun(captured + CLOCK_SHIFT)
        if isinstance(again_later, str):
            return [_one_failure(fixture, extractor, f"ran fine once but {again_later} on a second run under a clock")]
        if varied := _differences(later, again_later):
            return _moved(fixture, extractor, "extractor.nondeterministic", same_clock, varied, later, again_later)
    repeat = rerun(captured)
    if isinstance(repeat, str):
        return [_one_failure(fixture, extractor, f"ran fine once but {repeat} on a second run under the same clock")]
    if changed := _differences(extraction, repeat):
        return _moved(fixture, extractor, "extractor.nondeterministic", same_clock, changed, extraction, repeat)
    if isinstance(later, str):
        return [
            make_finding(
                fixture.name, extractor, "date.clock_dependent",
                f"ran fine with the clock at captured_at but {later} with the clock {CLOCK_SHIFT.days} days later",
            )
        ]  # fmt: skip
    changed = _differences(extraction, later)
    dates = [key for key in changed if key in _DATES]
    if not dates:
        # A body or title that differs between the two clocks while each clock agrees with itself is an
        # extractor that varies now and then (newspaper4k picks its main text block from a set of
        # elements, ordered by memory address).
        what = "differed between runs, under two clocks (a result that is no date does not follow the clock)"
        return _moved(fixture, extractor, "extractor.nondeterministic", what, changed, extraction, later)
    what = f"changed when only the wall clock moved {CLOCK_SHIFT.days} days on (two runs under the same clock agree)"
    return _moved(fixture, extractor, "date.clock_dependent", what, dates, extraction, later)


def _one_failure(fixture: Fixture, extractor: str, message: str) -> Finding:
    return make_finding(fixture.name, extractor, "extractor.nondeterministic", message)
