"""Converting corpora into fixtures, for those who want cassettes to review and commit."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import FixtureError, HarnessError, UsageError
from ..fixtures import decode_html, interaction, open_corpus, read_page_bytes, save_fixture
from .draft import save_drafted
from .record import slug_for

__all__ = ["ImportReport", "import_corpus", "import_html", "import_warc"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class ImportReport:
    """What an import wrote, skipped and could not read."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    problems: list[HarnessError] = field(default_factory=list)


def _safe(name: str) -> str:
    """A file name from a page name: no separators, no traversal, not empty."""
    cleaned = _UNSAFE.sub("-", name).strip(".-")
    return cleaned[:120] or "page"


def import_corpus(path: str | Path, out: str | Path, *, force: bool = False) -> ImportReport:
    """Write each page of a Zyte or JSONL corpus as a fixture under ``out``.

    An existing fixture is kept unless ``force``; a page that cannot be read
    is reported and the rest are written.
    """
    corpus = open_corpus(Path(path))
    if corpus.kind == "fixtures":
        msg = f"{str(path)!r} is already a fixture folder; import reads Zyte benchmark folders and JSONL corpora"
        raise UsageError(msg)
    report = ImportReport()
    target = Path(out)
    for item in corpus.pages():
        if isinstance(item, FixtureError):
            report.problems.append(item)
            continue
        cassette = target / f"{_safe(item.name)}.yaml"
        truth = dict(item.expectation.raw)
        try:
            save_fixture(cassette, [dict(i) for i in item.page.interactions], truth, force=force)
        except FixtureError as error:
            if "already exists" in error.reason:
                report.skipped.append(cassette)
            else:
                report.problems.append(error)
            continue
        report.written.append(cassette)
    return report


def _save_page(
    out: Path, name: str, interactions: list[dict[str, Any]], captured: dt.datetime, *, force: bool, draft: bool
) -> Path:
    return save_drafted(out / f"{name}.yaml", interactions, captured, force=force, draft=draft)


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
    return _save_page(Path(out), name or slug_for(url), [_imported(url, 200, {}, text)], captured_at, force=force,
                      draft=draft)  # fmt: skip


def import_warc(path: str | Path, out: str | Path, *, force: bool = False, draft: bool = True) -> ImportReport:
    """Every HTML response in a WARC file, as fixtures with drafted expectations."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        msg = "Reading WARC files needs warcio: pip install 'news-harness[warc]'"
        raise UsageError(msg) from None
    report = ImportReport()
    source = Path(path)
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
                url = warc.rec_headers.get_header("WARC-Target-URI")
                where = f"{source} record {number} ({url})"
                try:
                    text = decode_html(warc.content_stream().read(), where)[0]
                    moment = dt.datetime.fromisoformat(
                        (warc.rec_headers.get_header("WARC-Date") or "").replace("Z", "+00:00")
                    )
                    status = int(warc.http_headers.get_statuscode() or 200)
                    headers: dict[str, list[str]] = {}
                    for key, value in warc.http_headers.headers:
                        headers.setdefault(key, []).append(value)
                    page = _imported(url, status, headers, text)
                    cassette = _save_page(Path(out), slug_for(url), [page], moment, force=force, draft=draft)
                except FixtureError as error:
                    if "already exists" in error.reason:
                        report.skipped.append(Path(str(error.path)))
                    else:
                        report.problems.append(error)
                    continue
                except ValueError as error:
                    report.problems.append(FixtureError(where, f"unreadable record: {error}"))
                    continue
                report.written.append(cassette)
        except Exception as error:  # a truncated or corrupt archive: keep what was read
            report.problems.append(FixtureError(source, f"the archive stops being readable: {error}"))
    return report
