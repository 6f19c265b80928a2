"""Converting corpora into fixtures, for those who want cassettes to review and commit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ._corpus import open_corpus
from .errors import FixtureError, HarnessError, UsageError
from .fixtures import save_fixture

__all__ = ["ImportReport", "import_corpus"]

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
