"""Converting corpora into fixtures, for those who want cassettes to review and commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import audit_fixture
from ..core import OFFSET, Finding, FixtureError, HarnessError, UsageError, schema, zone
from ..fixtures import (
    FixtureExistsError,
    decode_html,
    fixture_name_for,
    inside,
    interaction,
    open_corpus,
    read_page_bytes,
    safe_segment,
    save_fixture,
    short_hash,
)
from .draft import save_drafted

#: ``progress(done, total, current)``: one more page handled (``total`` None when not known ahead).
Progress = Callable[[int, "int | None", str], None]

__all__ = ["ImportReport", "import_corpus", "import_html", "import_warc"]


@dataclass
class ImportReport:
    """What an import wrote, skipped and could not read."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    problems: list[HarnessError] = field(default_factory=list)
    #: Fixtures written with no capture time (neither their corpus entry nor the caller gave one).
    unknown_capture: int = 0
    #: What the truth audit doubts in the fixtures written; None where no audit ran.
    audit: list[Finding] | None = None

    def not_written(self, error: FixtureError) -> None:
        """A fixture that was not written: skipped when it already exists, else a problem."""
        if isinstance(error, FixtureExistsError):
            self.skipped.append(Path(str(error.path)))
        else:
            self.problems.append(error)


def import_corpus(
    path: str | Path,
    out: str | Path,
    *,
    force: bool = False,
    captured_at: dt.datetime | None = None,
    timezone: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Write each page of a Zyte or JSONL corpus as a fixture under ``out``.

    ``progress(done, total, current)`` is told of each page as it is handled.

    A page's capture time and timezone are its corpus entry's own, else
    ``captured_at`` and ``timezone``, else stored as unknown (null): the
    clock then stands at the latest date the page states, never silently at
    the import's own time. An existing fixture is kept unless ``force``; a
    page that cannot be read is reported and the rest are written.

    Raises:
        UsageError: ``path`` is a fixture folder, ``captured_at`` has no UTC
            offset, or ``timezone`` is not an IANA name or a '+02:00' offset.
    """
    _check_defaults(captured_at, timezone)
    corpus = open_corpus(Path(path), captured_at=captured_at, timezone=timezone)
    if corpus.kind == "fixtures":
        msg = f"{str(path)!r} is already a fixture folder; import reads Zyte benchmark folders and JSONL corpora"
        raise UsageError(msg)
    doubts: list[Finding] = []
    report = ImportReport(audit=doubts)
    target = Path(out)
    for done, item in enumerate(corpus.pages(), 1):
        if progress is not None:
            progress(done, corpus.size, getattr(item, "name", ""))
        if isinstance(item, FixtureError):
            report.problems.append(item)
            continue
        truth = dict(item.expectation.raw)
        try:
            cassette = inside(target, f"{safe_segment(item.name)}.yaml")
            save_fixture(cassette, [dict(i) for i in item.page.interactions], truth, force=force)
        except FixtureError as error:
            report.not_written(error)
            continue
        report.written.append(cassette)
        report.unknown_capture += truth.get("captured_at") is None
        # Named as 'harness audit OUT' will name it, so the summary's pointer leads to the same findings.
        doubts.extend(audit_fixture(dataclasses.replace(item, name=cassette.stem)))
    return report


def _check_defaults(captured_at: dt.datetime | None, timezone: str | None) -> None:
    if captured_at is not None and captured_at.utcoffset() is None:
        msg = f"captured_at {captured_at.isoformat()!r} needs a UTC offset, e.g. 2024-10-19T20:10:00-06:00"
        raise UsageError(msg)
    if timezone is None:
        return
    offset = OFFSET.fullmatch(timezone)
    if offset and ":" not in timezone:
        msg = f"timezone {timezone!r}: write the offset with a colon, {offset[1]}{offset[2]}:{offset[3]}"
        raise UsageError(msg)
    try:
        zone(timezone)
    except ValueError:
        known = False
    else:  # what the truth's schema accepts, so that no page fails on it one by one
        known = re.search(schema("expected")["properties"]["timezone"]["pattern"], timezone) is not None
    if not known:
        msg = f"timezone {timezone!r} is not an IANA name such as 'America/Denver' nor an offset such as '+02:00'"
        raise UsageError(msg)


def _save_page(
    out: Path, name: str, interactions: list[dict[str, Any]], captured: dt.datetime, *, force: bool, draft: bool
) -> Path:
    return save_drafted(inside(out, f"{name}.yaml"), interactions, captured, force=force, draft=draft)


#: Headers of an imported response that would lie about the body as stored (decoded text, UTF-8),
#: or that carry a session.
_DROPPED_HEADERS = ("content-length", "content-encoding", "transfer-encoding", "set-cookie", "content-type")


def _imported(url: str, status: int, headers: dict[str, list[str]], text: str) -> dict[str, Any]:
    kept = {k: v for k, v in headers.items() if k.lower() not in _DROPPED_HEADERS}
    kept["Content-Type"] = ["text/html; charset=utf-8"]
    kept["Content-Length"] = [str(len(text.encode("utf-8")))]
    return interaction(url, text, status=status, headers=kept)


def import_html(
    path: str | Path, url: str, out: str | Path, *, captured_at: dt.datetime | None = None, name: str | None = None,
    force: bool = False, draft: bool = True,
) -> Path:  # fmt: skip
    """A page saved from a browser, as a fixture with a drafted expectation.

    Raises:
        FixtureError: the file cannot be read or decoded, or the fixture exists and ``force`` is false.
    """
    source = Path(path)
    text = decode_html(read_page_bytes(source), source)[0]
    if captured_at is None:
        captured_at = dt.datetime.fromtimestamp(source.stat().st_mtime, dt.timezone.utc).replace(microsecond=0)
    page = _imported(url, 200, {}, text)
    return _save_page(Path(out), name or fixture_name_for(url), [page], captured_at, force=force, draft=draft)


def _unclashed(name: str, url: str, taken: dict[str, tuple[str, int]], where: str) -> str:
    """``name``, or ``name`` with a hash of ``url`` when another URL of this run already has it.

    Raises:
        FixtureError: this run already wrote a response for the same URL (an archive's revisit).
    """
    if name not in taken:
        return name
    first_url, first = taken[name]
    if first_url == url:
        raise FixtureError(where, f"a second response for this URL; the one in record {first} was kept")
    return f"{name}-{short_hash(url)}"


def import_warc(
    path: str | Path, out: str | Path, *, force: bool = False, draft: bool = True, progress: Progress | None = None
) -> ImportReport:
    """Every HTML response in a WARC file, as fixtures with drafted expectations.

    ``progress(done, None, current)`` is told of each HTML response as it is handled.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        msg = "Reading WARC files needs warcio: pip install 'news-harness[warc]'"
        raise UsageError(msg) from None
    report = ImportReport()
    source = Path(path)
    taken: dict[str, tuple[str, int]] = {}  # fixture name -> the URL and record written under it this run
    try:
        stream = source.open("rb")
    except OSError as error:
        raise UsageError(f"Cannot read WARC file {str(path)!r}: {error.strerror or error}") from None
    with stream:
        try:
            for number, warc in enumerate(ArchiveIterator(stream), 1):
                if warc.rec_type != "response" or warc.http_headers is None:
                    continue
                content_type = warc.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                url = warc.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{source} record {number} ({url})"
                if progress is not None:
                    progress(len(report.written) + len(report.problems) + 1, None, url)
                try:
                    name = _unclashed(fixture_name_for(url), url, taken, where)
                    text = decode_html(warc.content_stream().read(), where)[0]
                    moment = dt.datetime.fromisoformat(
                        (warc.rec_headers.get_header("WARC-Date") or "").replace("Z", "+00:00")
                    )
                    status = int(warc.http_headers.get_statuscode() or 200)
                    headers: dict[str, list[str]] = {}
                    for key, value in warc.http_headers.headers:
                        headers.setdefault(key, []).append(value)
                    page = _imported(url, status, headers, text)
                    cassette = _save_page(Path(out), name, [page], moment, force=force, draft=draft)
                except FixtureError as error:
                    report.not_written(error)
                    continue
                except ValueError as error:
                    report.problems.append(FixtureError(where, f"unreadable record: {error}"))
                    continue
                except OSError as error:  # one record's file cannot be written: the others still can
                    report.problems.append(FixtureError(where, f"cannot write its fixture: {error.strerror or error}"))
                    continue
                taken[name] = (url, number)
                report.written.append(cassette)
        except Exception as error:  # a truncated or corrupt archive: keep what was read
            report.problems.append(FixtureError(source, f"the archive stops being readable: {error}"))
    return report
