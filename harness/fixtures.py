"""Fixtures on disk: a vcrpy cassette and its ``<name>.expected.json`` sidecar.

Discovery walks folders for ``*.yaml`` cassettes. Loading checks both files
and reports a broken one as a :class:`~harness.errors.FixtureError` naming
the file and the reason, without stopping the others.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._cassette import dump_cassette, load_cassette
from ._dates import zone
from ._decode import decode_html
from ._files import write_atomic
from ._resources import schema_errors
from .errors import ExpectationError, FixtureError, UsageError
from .model import Decoy, Expectation, Fixture, Page, Snippet

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "LoadResult",
    "discover",
    "expectation_from_dict",
    "iter_fixtures",
    "load_fixture",
    "load_fixtures",
    "save_fixture",
]

CASSETTE_SUFFIXES = (".yaml", ".yml")
EXPECTED_SUFFIX = ".expected.json"


@dataclass
class LoadResult:
    """Fixtures that loaded, and the problems of those that did not."""

    fixtures: list[Fixture] = field(default_factory=list)
    problems: list[FixtureError] = field(default_factory=list)


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, Path]]:
    """Yield ``(root, cassette)`` for each cassette under ``paths``, in a stable order.

    A file is taken as it is; a folder is walked without following symlinks
    (so a symlink loop cannot trap the walk), skipping hidden folders.

    Raises:
        UsageError: a path does not exist.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            yield path.parent, path
        elif path.is_dir():
            found: list[Path] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(folder, name)
                    for name in files
                    if name.endswith(CASSETTE_SUFFIXES) and not name.startswith(".")
                )
            for cassette in sorted(found):
                yield path, cassette
        else:
            msg = f"No such file or folder: {str(raw)!r}. Give a cassette or a folder of fixtures."
            raise UsageError(msg)


def fixture_name(root: Path, cassette: Path) -> str:
    """The name a fixture is reported under: its path below ``root``, without the suffix."""
    try:
        relative = cassette.relative_to(root)
    except ValueError:
        relative = Path(cassette.name)
    return relative.with_suffix("").as_posix()


def expectation_path(cassette: Path) -> Path:
    """Where the expectation sidecar of ``cassette`` lives."""
    return cassette.with_name(cassette.name.rsplit(".", 1)[0] + EXPECTED_SUFFIX)


def evidence_path(cassette: Path) -> Path:
    """Where the evidence behind a drafted expectation of ``cassette`` lives."""
    return cassette.with_name(cassette.name.rsplit(".", 1)[0] + ".draft.json")


def iter_fixtures(
    paths: Iterable[str | os.PathLike[str]], *, include_drafts: bool = False
) -> Iterator[Fixture | FixtureError]:
    """Each fixture under ``paths`` in turn, or the error that stopped it from loading."""
    seen: dict[str, Path] = {}
    for root, cassette in discover(paths):
        name = fixture_name(root, cassette)
        if name in seen and seen[name] != cassette:
            yield FixtureError(cassette, f"duplicate fixture name {name!r} (also {seen[name]})")
            continue
        seen[name] = cassette
        try:
            yield load_fixture(cassette, name=name, include_drafts=include_drafts)
        except FixtureError as error:
            yield error


def load_fixtures(paths: Iterable[str | os.PathLike[str]], *, include_drafts: bool = False) -> LoadResult:
    """Load every fixture under ``paths``; broken ones become ``problems``, not exceptions."""
    result = LoadResult()
    for item in iter_fixtures(paths, include_drafts=include_drafts):
        if isinstance(item, FixtureError):
            result.problems.append(item)
        else:
            result.fixtures.append(item)
    return result


#: The largest cassette or expectation read (a page over trafilatura's 20 MB download limit, with room).
MAX_FILE_BYTES = 64 * 1024 * 1024


def _read_text(path: Path) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise FixtureError(path, "is not a regular file (a device, a pipe or a folder); not read")
        if info.st_size > MAX_FILE_BYTES:
            raise FixtureError(path, f"is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}; not read")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FixtureError(path, "file not found") from None
    except UnicodeDecodeError as error:
        raise FixtureError(path, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise FixtureError(path, f"cannot be read: {error.strerror or error}") from None


def load_fixture(cassette: Path, *, name: str | None = None, include_drafts: bool = False) -> Fixture:
    """Load one fixture from its cassette path (the sidecar is found beside it).

    Raises:
        FixtureError: the cassette or its expectation is broken; the message says how.
    """
    sidecar = expectation_path(cassette)
    if not sidecar.is_file():
        raise FixtureError(
            cassette, f"no expectation beside it: write {sidecar.name} (see schemas/expected.schema.json)"
        )
    interactions = load_cassette(_read_text(cassette), str(cassette))
    expectation = load_expectation(sidecar)
    try:
        page = page_from_interactions(interactions, expectation.captured_at)
    except FixtureError as error:
        raise FixtureError(cassette, f"the page's body {error.reason.removeprefix('undecodable page: ')}; "
                                     "record it again with 'harness record'") from None  # fmt: skip
    if not expectation.reviewed and not include_drafts:
        raise ExpectationError(
            sidecar,
            f"is an unreviewed draft, not yet truth: check it with 'harness review {cassette}' "
            "(or pass --drafts to use it as it is)",
        )
    uris = {item["request"]["uri"] for item in interactions}
    if expectation.url not in uris:
        raise ExpectationError(
            sidecar,
            f"url {expectation.url!r} is not a request of {cassette.name} "
            f"(it recorded {sorted(uris)[0]!r}); make the two agree",
        )
    return Fixture(
        name=name or cassette.stem,
        page=page,
        expectation=expectation,
        cassette_path=cassette,
        expectation_path=sidecar,
    )


def load_expectation(path: Path) -> Expectation:
    """Read and validate an expectation sidecar."""
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise ExpectationError(
            path, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    return expectation_from_dict(data, source=path)


def expectation_from_dict(data: object, *, source: object = "<expectation>", validate: bool = True) -> Expectation:
    """An :class:`Expectation` from its JSON document, validated against expected.schema.json.

    ``validate=False`` is for documents news-harness built itself from
    fields it has already checked (the Zyte corpus reader).

    Raises:
        ExpectationError: naming ``source`` and the first field that is wrong.
    """
    errors = list(schema_errors("expected", data)) if validate else []
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ExpectationError(source, f"fails expected.schema.json: {errors[0]}{more}")
    assert isinstance(data, dict)
    try:
        zone(data["timezone"])
    except ValueError:
        raise ExpectationError(
            source,
            f"$.timezone: unknown timezone {data['timezone']!r}; use an IANA name such as 'America/Denver'",
        ) from None
    decoys = data.get("decoys", {})
    return Expectation(
        url=data["url"],
        captured_at=dt.datetime.fromisoformat(data["captured_at"].replace("Z", "+00:00")),
        timezone=data["timezone"],
        is_article=data.get("is_article", True),
        site_name=data.get("site_name"),
        title=data.get("title"),
        authors=tuple(data.get("authors", ())),
        organizations=tuple(data.get("organizations", ())),
        published=data.get("published"),
        modified=data.get("modified"),
        language=data.get("language"),
        body=data.get("body"),
        must_contain=tuple(data.get("must_contain", ())),
        must_not_contain=tuple(Snippet(s["text"], s["kind"]) for s in data.get("must_not_contain", ())),
        decoy_authors=tuple(decoys.get("authors", ())),
        decoy_dates=tuple(Decoy(d["text"], d.get("value"), d.get("source")) for d in decoys.get("dates", ())),
        tags=tuple(data.get("tags", ())),
        reviewed=data.get("reviewed", True),
        labelled=frozenset(data),
        raw=data,
    )


def _final(interactions: list[dict[str, Any]]) -> dict[str, Any]:
    """The interaction that ends the first request's redirect chain."""
    by_uri = {item["request"]["uri"]: item for item in interactions}
    current = interactions[0]
    for _ in range(len(interactions)):
        code = current["response"]["status"]["code"]
        location = _header(current["response"].get("headers") or {}, "location")
        if not (300 <= code < 400 and location):
            break
        from urllib.parse import urljoin

        target = by_uri.get(urljoin(current["request"]["uri"], location))
        if target is None:
            break
        current = target
    return current


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            values = value if isinstance(value, list) else [value]
            return str(values[0]) if values else None
    return None


def decode_body(body: str | bytes, content_type: str | None) -> str:
    """A response body as text: stored text as is, bytes through :func:`~harness._decode.decode_html`.

    Raises:
        FixtureError: the bytes do not decode (the caller names the file).
    """
    return body if isinstance(body, str) else decode_html(body, "<response body>", content_type)[0]


def page_from_interactions(interactions: list[dict[str, Any]], captured_at: dt.datetime | None) -> Page:
    """The :class:`Page` a cassette records: the end of its first redirect chain."""
    final = _final(interactions)
    response = final["response"]
    headers = {
        str(key): tuple(str(v) for v in (value if isinstance(value, list) else [value]))
        for key, value in (response.get("headers") or {}).items()
    }
    return Page(
        url=final["request"]["uri"],
        status=response["status"]["code"],
        headers=headers,
        html=decode_body(response["body"]["string"], _header(headers, "content-type")),
        captured_at=captured_at,
        interactions=tuple(interactions),
    )


def save_fixture(
    cassette: Path,
    interactions: list[dict[str, Any]],
    expectation: Mapping[str, Any],
    *,
    force: bool = False,
) -> Path:
    """Write a cassette and its expectation sidecar atomically; return the sidecar's path.

    Raises:
        FixtureError: either file exists and ``force`` is false (nothing is written),
            or the expectation fails its schema.
    """
    sidecar = expectation_path(cassette)
    expectation_from_dict(dict(expectation), source=sidecar)
    if not force:
        for path in (cassette, sidecar):
            if path.exists():
                raise FixtureError(path, "already exists; pass force=True (--force) to overwrite it")
    write_atomic(cassette, dump_cassette(interactions))
    write_atomic(sidecar, json.dumps(dict(expectation), indent=2, ensure_ascii=False) + "\n")
    return sidecar
