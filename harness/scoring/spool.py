"""Where a scoring run keeps each page's detail (truth summary, findings, extracted text) until
the reports are written: one JSONL file, read back by offset.
"""

from __future__ import annotations

import json
import os
from array import array
from typing import TYPE_CHECKING, Any, NamedTuple

from ..running import SuspectMarker
from .metrics import PAGE_ONLY_CHECKS, PageScore, score_page

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..core import Fixture, RunResult
    from ..extractors import LoadedExtractor

__all__ = ["Judge", "Location", "Locations", "Spooler", "read_record"]


class Location(NamedTuple):
    """Where one record was spooled."""

    path: str
    offset: int
    length: int


class Locations:
    """Where each page's records were spooled, in page order, packed: three integers a record (the file
    by its number in a short list of spool files), not a tuple and a list of objects a page."""

    def __init__(self) -> None:
        self._files: list[str] = []
        self._file: array[int] = array("l")
        self._offset: array[int] = array("q")
        self._length: array[int] = array("q")
        self._starts: array[int] = array("q", [0])

    def append(self, page: Sequence[Location]) -> None:
        """One page's locations, one per extractor."""
        for location in page:
            if location.path not in self._files:  # one file a process that spooled: a short list
                self._files.append(location.path)
            self._file.append(self._files.index(location.path))
            self._offset.append(location.offset)
            self._length.append(location.length)
        self._starts.append(len(self._offset))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, number: int) -> list[Location]:
        if not 0 <= number < len(self):
            raise IndexError(number)
        span = range(self._starts[number], self._starts[number + 1])
        return [Location(self._files[self._file[i]], self._offset[i], self._length[i]) for i in span]

    def __iter__(self) -> Iterator[list[Location]]:
        return (self[number] for number in range(len(self)))


class Judge:
    """Scores one graded result: its :class:`PageScore` and the detail record a spool keeps.

    The one function both executors call: the local pool's parent (through
    :class:`Spooler`) and each Dask worker, which sends the pair back for the
    client to spool. Picklable; it keeps no state but the audits of the
    pages it saw last (see :class:`~harness.running.SuspectMarker`).
    """

    def __init__(self, first: str, texts: bool, *, truth_free: bool = False) -> None:
        self.first = first  # the extractor whose record also carries the true body
        self.texts = texts
        self.truth_free = truth_free
        # Findings that rest on a truth the audit doubts carry the doubt into the report.
        self.marker = SuspectMarker()

    def __call__(
        self, fixture: Fixture, extractor: LoadedExtractor, result: RunResult
    ) -> tuple[PageScore, dict[str, Any]]:
        page_score = score_page(
            fixture.expectation, result.extraction, extractor.fields, page=fixture.page,
            status=result.status, seconds=result.seconds,
        )  # fmt: skip
        if self.truth_free:
            fired = {f.check for f in result.findings}
            page_score.flags = [check for check in PAGE_ONLY_CHECKS if check in fired]
        if result.extraction is not None and result.extraction.extra.get("prediction") == "missing":
            page_score.status = "missing"
        self.marker(fixture, extractor, result)
        record = _record(fixture, extractor, result, page_score)
        if not self.texts:
            del record["body_text"]
        elif extractor.name == self.first:
            record["truth_body"] = fixture.expectation.body
            # The snippets, so that the HTML report marks leaked and missing text (issue 14).
            record["truth_snippets"] = {
                "must_contain": list(fixture.expectation.must_contain),
                "must_not_contain": [{"text": s.text, "kind": s.kind} for s in fixture.expectation.must_not_contain],
            }
            # The page as recorded: the HTML report shows its text-bearing markup beside the extractions.
            record["page_html"] = fixture.page.html
        return page_score, record


class Spooler:
    """Scores each result once it is graded (:class:`Judge`) and spools its detail to a file.

    Runs in the parent (the pool's ``analyse``), never where extractor code
    ran: only the small page score and the record's location stay in memory.
    On a Dask cluster the workers judge and the client only :meth:`spool` s.
    """

    def __init__(self, folder: str, first: str, texts: bool, *, truth_free: bool = False) -> None:
        self.folder = folder
        self.judge = Judge(first, texts, truth_free=truth_free)
        self.pid: int | None = None
        self.out: Any = None

    def __call__(self, fixture: Fixture, extractor: LoadedExtractor, result: RunResult) -> tuple[PageScore, Location]:
        return self.spool(*self.judge(fixture, extractor, result))

    def spool(self, page_score: PageScore, record: dict[str, Any]) -> tuple[PageScore, Location]:
        """Append ``record`` to this process's spool file: the score, and where the record went."""
        if self.pid != os.getpid():  # a file per process that scores (one, unless a caller forks)
            self.pid = os.getpid()
            self.out = open(os.path.join(self.folder, f"{self.pid}.jsonl"), "ab")  # noqa: SIM115
        line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        offset = self.out.tell()
        self.out.write(line)
        self.out.flush()
        return page_score, Location(self.out.name, offset, len(line))

    def close(self) -> None:
        """Close this process's spool file, if it opened one."""
        if self.out is not None:
            self.out.close()
            self.out, self.pid = None, None


def _record(fixture: Fixture, extractor: LoadedExtractor, result: RunResult, page: PageScore) -> dict[str, Any]:
    truth = fixture.expectation
    extraction = result.extraction
    return {
        "page": fixture.name,
        "url": truth.url,
        "truth": {
            "title": truth.title,
            "authors": list(truth.authors) if truth.knows("authors") else None,
            "published": truth.published,
        },
        "extractor": extractor.name,
        "score": page.to_dict(),
        "findings": [
            {
                "check": f.check,
                "severity": f.severity,
                "field": f.field,
                "message": f.message,
                **({"truth_suspect": f.truth_suspect} if f.truth_suspect else {}),
            }
            for f in result.findings
        ],
        "title": extraction.title if extraction else None,
        "authors": list(extraction.authors or []) if extraction else None,
        "published": extraction.published if extraction else None,
        "body_text": extraction.body if extraction else None,
    }


def read_record(location: Location) -> dict[str, Any]:
    """The record spooled at ``location``."""
    with open(location.path, "rb") as spool:
        spool.seek(location.offset)
        record: dict[str, Any] = json.loads(spool.read(location.length))
    return record
