"""Reading corpora in place: fixture folders, the Zyte benchmark layout, and JSONL.

Each reader yields :class:`~harness.model.Fixture` objects one at a time (so
memory stays flat in corpus size) or, for an entry that cannot be used, a
:class:`~harness.errors.FixtureError` naming the file or line and the reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._decode import decode_html
from .errors import ExpectationError, FixtureError, UsageError
from .fixtures import discover, expectation_from_dict, fixture_name, load_fixture, page_from_interactions
from .model import Fixture

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Corpus", "PageRef", "decode_page", "open_corpus", "read_page_bytes"]

#: The largest page read from a corpus (after decompression).
MAX_PAGE_BYTES = 64 * 1024 * 1024
#: Keys of a JSONL corpus line that become the page's expectation.
TRUTH_KEYS = (
    "url", "captured_at", "timezone", "title", "authors", "organizations", "published", "modified",
    "body", "must_contain", "must_not_contain", "decoys", "site_name", "language", "is_article",
)  # fmt: skip


@dataclass(frozen=True)
class Corpus:
    """A corpus opened for reading: its kind, where it is, and how many pages it lists."""

    kind: str  # fixtures | zyte | jsonl
    path: Path
    size: int | None
    labelled: frozenset[str]
    started: dt.datetime

    def refs(self, *, html: bool = True) -> Iterator[PageRef | FixtureError]:
        """A cheap reference to each page, to be loaded where it is used (in a worker).

        ``html=False`` (scoring saved predictions only) skips reading Zyte pages'
        HTML, which nothing would look at; a missing file is still reported.
        """
        if self.kind == "zyte":
            return _zyte_refs(self.path, self.started, html)
        if self.kind == "jsonl":
            return _jsonl_refs(self.path, self.started)
        return _fixture_refs(self.path)

    def pages(self) -> Iterator[Fixture | FixtureError]:
        """Each page in turn, loaded, or the error that stopped it."""
        for ref in self.refs():
            if isinstance(ref, FixtureError):
                yield ref
                continue
            try:
                yield ref.load()
            except FixtureError as error:
                yield error


@dataclass(frozen=True)
class PageRef:
    """Where one page of a corpus is and how to load it; small enough to send to a worker."""

    kind: str
    name: str
    payload: tuple[Any, ...]

    def load(self) -> Fixture:
        """The page and its truth.

        Raises:
            FixtureError: naming the file or line and what is wrong.
        """
        if self.kind == "zyte":
            return _zyte_page(*self.payload)
        if self.kind == "jsonl":
            return _jsonl_page(*self.payload)
        cassette, name = self.payload
        return load_fixture(cassette, name=name)


def open_corpus(path: str | Path, *, now: dt.datetime | None = None) -> Corpus:
    """Recognise the corpus at ``path``: a Zyte benchmark folder, a JSONL file, or fixtures.

    Raises:
        UsageError: nothing usable is at ``path``.
    """
    path = Path(path)
    started = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if path.is_dir() and (path / "ground-truth.json").is_file():
        size = len(list((path / "html").glob("*.html*")))
        return Corpus("zyte", path, size, frozenset({"body"}), started)
    if path.is_dir() and (path / "truth.jsonl").is_file():
        path = path / "truth.jsonl"
    if path.is_file() and path.suffix in (".jsonl", ".ndjson"):
        size, labelled = _survey_jsonl(path)
        return Corpus("jsonl", path, size, labelled, started)
    if path.exists():
        size = sum(1 for p in path.rglob("*.yaml")) if path.is_dir() else 1
        return Corpus("fixtures", path, size, frozenset(TRUTH_KEYS), started)
    msg = (
        f"No corpus at {str(path)!r}: give a fixture folder, a Zyte benchmark folder "
        "(html/ and ground-truth.json) or a JSONL file (see 'Corpora' in the README)."
    )
    raise UsageError(msg)


def read_page_bytes(path: Path) -> bytes:
    """A page file's bytes, gunzipped when it ends in .gz.

    Raises:
        FixtureError: missing, unreadable, or a broken gzip stream.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FixtureError(path, "file not found") from None
    except OSError as error:
        raise FixtureError(path, f"cannot be read: {error.strerror or error}") from None
    if path.suffix == ".gz":
        try:
            inflater = zlib.decompressobj(wbits=31)
            data = inflater.decompress(raw, MAX_PAGE_BYTES + 1)
            if len(data) > MAX_PAGE_BYTES:
                raise FixtureError(path, f"decompresses to more than {MAX_PAGE_BYTES:,} bytes; not read")
            if not inflater.eof:
                raise FixtureError(path, "not a valid gzip file (Compressed file ended before the end-of-stream "
                                         "marker was reached)")  # fmt: skip
            return data
        except (OSError, EOFError, zlib.error) as error:
            raise FixtureError(path, f"not a valid gzip file ({error})") from None
    if len(raw) > MAX_PAGE_BYTES:
        raise FixtureError(path, f"is {len(raw):,} bytes, over the limit of {MAX_PAGE_BYTES:,}; not read")
    return raw


def decode_page(raw: bytes, source: object) -> str:
    """Page bytes as text: UTF-8 (with or without BOM), else the charset the page declares.

    Raises:
        FixtureError: the bytes decode under neither.
    """
    return decode_html(raw, source)[0]


def _page_fixture(name: str, html: str, truth: dict[str, Any], source: object, *, validate: bool = True) -> Fixture:
    expectation = expectation_from_dict(truth, source=source, validate=validate)
    interaction = {
        "request": {"body": None, "headers": {}, "method": "GET", "uri": expectation.url},
        "response": {
            "body": {"string": html},
            "headers": {"Content-Type": ["text/html; charset=utf-8"]},
            "status": {"code": 200, "message": "OK"},
        },
    }
    page = page_from_interactions([interaction], expectation.captured_at)
    return Fixture(name=name, page=page, expectation=expectation)


def _fixture_refs(root: Path) -> Iterator[PageRef | FixtureError]:
    seen: dict[str, Path] = {}
    for base, cassette in discover([root]):
        name = fixture_name(base, cassette)
        if name in seen:
            yield FixtureError(cassette, f"duplicate fixture name {name!r} (also {seen[name]})")
            continue
        seen[name] = cassette
        yield PageRef("fixtures", name, (cassette, name))


def _zyte_refs(root: Path, started: dt.datetime, html: bool) -> Iterator[PageRef | FixtureError]:
    truth_path = root / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        yield FixtureError(truth_path, f"cannot be read as JSON: {error}")
        return
    if not isinstance(truth, dict):
        yield FixtureError(truth_path, "is not a JSON object of page keys")
        return
    for key, entry in truth.items():
        source = f"{truth_path}[{key!r}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("articleBody"), str):
            yield FixtureError(source, "has no articleBody string")
            continue
        url = entry.get("url") or f"https://corpus.invalid/{key}"
        yield PageRef("zyte", key, (root, key, url, entry["articleBody"], started, source, html))


def _zyte_page(
    root: Path, key: str, url: str, body: str, started: dt.datetime, source: str, read: bool = True
) -> Fixture:
    path = root / "html" / f"{key}.html.gz"
    if read:
        html = decode_page(read_page_bytes(path), path)
    elif path.is_file():
        html = ""
    else:
        raise FixtureError(path, "file not found")
    truth = {"url": url, "captured_at": started.isoformat(), "timezone": "UTC", "body": body}
    # Every field here is a checked string or built by the reader: no schema pass needed.
    return _page_fixture(key, html, truth, source, validate=not url.startswith("http"))


def _survey_jsonl(path: Path) -> tuple[int, frozenset[str]]:
    count, keys = 0, set[str]()
    with path.open("rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            count += 1
            if count <= 200:  # the labelled fields, from a sample of lines
                with contextlib.suppress(ValueError):
                    keys.update(k for k, v in json.loads(line).items() if v not in (None, [], ""))
    return count, frozenset(keys & set(TRUTH_KEYS))


def _jsonl_refs(path: Path, started: dt.datetime) -> Iterator[PageRef | FixtureError]:
    with path.open("r", encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield PageRef("jsonl", f"{path.name}:{number}", (path.parent, line, f"{path}:{number}", started))


def _jsonl_page(base: Path, line: str, source: str, started: dt.datetime) -> Fixture:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise FixtureError(source, f"malformed JSON line: {error}") from None
    if not isinstance(record, dict) or not isinstance(record.get("file"), str):
        raise FixtureError(source, "has no 'file' (the page's path, relative to the JSONL file)")
    page_path = (base / record["file"]).resolve()
    if base.resolve() not in page_path.parents:
        raise FixtureError(source, f"'file' {record['file']!r} points outside {base}")
    html = decode_page(read_page_bytes(page_path), page_path)
    truth = {key: record[key] for key in TRUTH_KEYS if key in record}
    truth.setdefault("url", f"https://corpus.invalid/{record['file']}")
    truth["captured_at"] = _aware(truth.get("captured_at")) or started.isoformat()
    truth.setdefault("timezone", _offset_zone(truth.get("published")))
    for key in ("published", "modified"):
        truth[key] = _day_if_naive(truth.get(key)) if key in truth else None
        if truth[key] is None and key not in record:
            del truth[key]
    if isinstance(truth.get("must_not_contain"), list):
        truth["must_not_contain"] = [
            s if isinstance(s, dict) else {"text": s, "kind": "other"} for s in truth["must_not_contain"]
        ]
    name = Path(record["file"]).name.split(".")[0]
    try:
        return _page_fixture(name, html, truth, source)
    except ExpectationError as error:
        raise FixtureError(source, error.reason.replace("expected.schema.json", "the page's truth")) from None


def _aware(value: object) -> str | None:
    """A captured_at as RFC 3339 with offset; a naive time is read as UTC (Fundus writes them so)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value  # left for the schema to report
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.isoformat()


_NAIVE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def _day_if_naive(value: object) -> object:
    """A true time without an offset names no instant: it is scored at its day, as written."""
    if isinstance(value, str):
        match = _NAIVE.fullmatch(value.strip())
        if match:
            return match.group(1)
    return value


def _offset_zone(published: object) -> str:
    """Without a timezone, days compare in the offset the true time is written in."""
    if isinstance(published, str):
        match = re.search(r"([+-])(\d{2}):?(\d{2})$", published)
        if match:
            sign, hours, minutes = match.groups()
            if hours == "00" and minutes == "00":
                return "UTC"
            return f"{sign}{hours}:{minutes}"
    return "UTC"
