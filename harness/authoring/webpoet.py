"""web-poet test fixtures in and out (issue 13).

web-poet's own tests keep one folder per test case,
``<PageClass import path>/test-N/`` with ``inputs/`` (the page object's
inputs, written by ``web_poet.serialization``: ``HttpResponse-body.html``,
``HttpResponse-info.json``, ``ResponseUrl.txt``, ``RequestUrl.txt``,
``PageParams.json``), ``output.json`` (the item, as a dict) and ``meta.json``
(``frozen_time``). Both directions go through web-poet's own serialization
functions, so what is written here is what its pytest plugin reads.

Import (:func:`import_webpoet`): each test case becomes a fixture named from
its URL. The cassette holds the ``HttpResponse`` at the ``ResponseUrl``, as
text; when the ``RequestUrl`` differs, a first exchange at the ``RequestUrl``
redirects to it (a 302 standing in for a chain web-poet does not record),
so the page object is given the same ``RequestUrl`` again. The truth is
drafted from ``output.json`` through a field map (``--fields``, else
zyte-common-items' ``Article`` names), marked ``"reviewed": false``, with
``frozen_time`` as ``captured_at`` (a naive one taken as UTC, and the notes
say so) and the test's ``<PageClass>/test-N`` in its notes.

Export (:func:`export_webpoet`): each fixture becomes
``<out>/<PageClass>/test-N/`` in discovery order, its inputs the ones the
harness gives a page object at check time, ``output.json`` its truth as an
``Article``-shaped dict and ``meta.json`` its ``captured_at`` as
``frozen_time``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import FixtureError, UsageError, parse_stamp
from ..extractors import BUILTIN_MAPS, map_for
from ..fixtures import (
    fixture_name_for,
    inside,
    interaction,
    iter_fixtures,
    safe_segment,
    save_fixture,
    shared,
    short_hash,
)
from .imports import ImportReport, _imported

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ..core import Fixture
    from ..extractors import FieldMap

__all__ = ["article_output", "export_webpoet", "import_webpoet"]

#: Keys of an Article-shaped item: an output.json holding any of them is read with the zyte-article map.
_ARTICLE_KEYS = frozenset({"headline", "articleBody", "datePublished", "dateModified", "authors", "inLanguage"})
#: The truth's fields and the Article keys they are written under (authors aside: a list of {"name": ...}).
_ARTICLE = (
    ("title", "headline"), ("published", "datePublished"), ("modified", "dateModified"), ("body", "articleBody"),
    ("language", "inLanguage"),
)  # fmt: skip
#: A page class as web-poet names its folder: a dotted import path (``mysite.pages.ArticlePage``).
_PAGE_CLASS = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")
_CASE_FILES = ("output.json", "meta.json", "exception.json")


def _web_poet() -> None:
    try:
        import web_poet  # noqa: F401
    except ImportError:
        msg = "Reading and writing web-poet fixtures needs web-poet: pip install 'news-harness[web-poet]'"
        raise UsageError(msg) from None


def _is_case(folder: Path) -> bool:
    return (folder / "inputs").is_dir() or any((folder / name).is_file() for name in _CASE_FILES)


def _cases(root: Path) -> list[Path]:
    """Every web-poet test case under ``root`` (a folder with inputs/, output.json or meta.json), sorted."""
    if _is_case(root):
        return [root]
    found = []
    for folder, subfolders, _ in os.walk(root):
        here = Path(folder)
        if here != root and _is_case(here):
            found.append(here)
            subfolders.clear()  # a test case's inputs/ is not another test case
        else:
            subfolders.sort()
    return sorted(found)


@dataclass(frozen=True)
class _Case:
    """What a harness fixture keeps of one web-poet test case."""

    label: str
    response_url: str
    request_url: str
    status: int
    headers: dict[str, list[str]]
    text: str


def _read_inputs(case: Path, label: str) -> _Case:
    """The response a test case's inputs hold.

    Raises:
        FixtureError: the inputs cannot be read, hold no HttpResponse, or hold an input a fixture cannot represent.
    """
    from web_poet import AnyResponse, HttpResponse, PageParams, RequestUrl, ResponseUrl, Stats
    from web_poet.serialization import SerializedDataFileStorage, deserialize_leaf

    where = case / "inputs"
    if not where.is_dir():
        raise FixtureError(where, f"test case {label} has no inputs/ folder")
    try:
        data = SerializedDataFileStorage(where).read()
        unrepresentable = sorted(
            name for name in data if name not in ("HttpResponse", "AnyResponse", "ResponseUrl", "RequestUrl",
                                                  "PageParams", "Stats")
        )  # fmt: skip
        if unrepresentable:
            msg = (
                f"test case {label} has {', '.join(unrepresentable)} among its inputs, which a recorded page cannot "
                "give (the harness gives page objects HttpResponse, ResponseUrl, RequestUrl and PageParams); "
                "not imported"
            )
            raise FixtureError(where, msg)
        response: HttpResponse | None = None
        if "AnyResponse" in data:
            either = deserialize_leaf(AnyResponse, data["AnyResponse"]).response
            if not isinstance(either, HttpResponse):
                msg = f"test case {label} has a browser response (AnyResponse of a BrowserResponse); not imported"
                raise FixtureError(where, msg)
            response = either
        if "HttpResponse" in data:
            response = deserialize_leaf(HttpResponse, data["HttpResponse"])
        if response is None:
            raise FixtureError(where, f"test case {label} has no HttpResponse input: no page to import")
        if "PageParams" in data and deserialize_leaf(PageParams, data["PageParams"]):
            msg = f"test case {label} has PageParams, which the harness cannot give (it gives empty ones); not imported"
            raise FixtureError(where, msg)
        if "Stats" in data:
            deserialize_leaf(Stats, data["Stats"])
        response_url = str(deserialize_leaf(ResponseUrl, data["ResponseUrl"])) if "ResponseUrl" in data else ""
        request_url = str(deserialize_leaf(RequestUrl, data["RequestUrl"])) if "RequestUrl" in data else ""
        text = response.text
    except FixtureError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, OSError) as error:
        reason = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise FixtureError(where, f"test case {label} has unreadable inputs: {reason}") from None
    response_url = response_url or str(response.url)
    headers: dict[str, list[str]] = {}
    for key, value in response.headers.items():
        headers.setdefault(str(key), []).append(str(value))
    return _Case(label, response_url, request_url or response_url, response.status or 200, headers, text)


def _read_json(path: Path, label: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FixtureError(path, f"test case {label}: {path.name} is not readable JSON: {error}") from None


def _captured(meta: Mapping[str, Any], path: Path, label: str, notes: list[str]) -> str | None:
    """``frozen_time`` as an RFC 3339 capture time with an offset; a naive one is taken as UTC."""
    frozen = meta.get("frozen_time")
    if frozen is None:
        return None
    stamp = parse_stamp(frozen) if isinstance(frozen, str) else None
    if stamp is None:
        msg = f"test case {label}: frozen_time {frozen!r} is not an ISO 8601 time such as 2024-10-19T20:10:00-06:00"
        raise FixtureError(path, msg)
    if stamp.kind == "aware":
        return stamp.text.strip()
    value = stamp.value if isinstance(stamp.value, dt.datetime) else dt.datetime.combine(stamp.value, dt.time())
    # web-poet reads a naive frozen_time in the local zone of whoever runs the tests; a fixture needs one instant.
    notes.append(f"meta.json's frozen_time {frozen!r} has no UTC offset and was taken as UTC")
    return value.replace(tzinfo=dt.timezone.utc).isoformat()


def _text(value: object, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{field} is a {type(value).__name__}, not a string")
    return value.strip() or None


def _truth_fields(output: Mapping[str, Any], fields: FieldMap, notes: list[str]) -> dict[str, Any]:
    """The truth's fields from an item, read through ``fields``.

    Raises:
        ValueError: the item lacks a path the map requires, or a value has the wrong shape.
    """
    mapped = fields.apply(output)
    if mapped.missing:
        raise ValueError("; ".join(mapped.missing))
    truth: dict[str, Any] = {}
    for field, value in mapped.values.items():
        if field == "authors":
            names = [value] if isinstance(value, str) else value
            if names is None:
                continue
            if not isinstance(names, list):
                raise ValueError(f"authors is a {type(names).__name__}, not a list of names")
            kept = [n for n in (_text(name, "an author") for name in names) if n]
            truth["authors"] = list(dict.fromkeys(kept))
        elif field in ("published", "modified"):
            text = _text(value, field)
            stamp = parse_stamp(text)
            if text is None:
                truth[field] = None
            elif stamp is None:
                notes.append(f"{field} {text!r} is not an RFC 3339 time and was left out")
            elif stamp.kind == "naive" and isinstance(stamp.value, dt.datetime):
                truth[field] = stamp.value.date().isoformat()
                notes.append(f"{field} {text!r} has no UTC offset: kept as its day")
            else:
                truth[field] = text
        else:
            truth[field] = _text(value, field)
    if truth.get("authors"):
        notes.append("every name of the item's authors is listed as a person: move agencies to organizations")
    return truth


def _map(output: Mapping[str, Any], fields: FieldMap | None) -> FieldMap:
    if fields is not None:
        return fields
    if _ARTICLE_KEYS & set(output):
        return BUILTIN_MAPS["zyte-article"]
    return map_for(output)


def import_webpoet(
    path: str | Path, out: str | Path, *, fields: FieldMap | None = None, force: bool = False
) -> ImportReport:
    """Each web-poet test case under ``path`` as a fixture under ``out``, its truth a draft.

    ``path`` is a web-poet fixtures folder, one page class's folder or one
    test case. ``fields`` says where the harness's fields sit in
    ``output.json`` (default: the zyte-common-items ``Article`` names). A test
    case that cannot be imported (no output.json, unreadable inputs, an input
    a recorded page cannot give) is one problem naming it; the rest are
    imported. An existing fixture is kept unless ``force``.

    Raises:
        UsageError: web-poet is not installed, or ``path`` holds no test case.
    """
    _web_poet()
    root = Path(path)
    cases = _cases(root)
    if not cases:
        msg = f"no web-poet test case under {str(path)!r}: expected <PageClass>/test-N/ folders with inputs/"
        raise UsageError(msg)
    report = ImportReport()
    taken: set[str] = set()
    for case in cases:
        label = f"{case.parent.name}/{case.name}"
        notes: list[str] = []
        try:
            if not (case / "output.json").is_file():
                why = (
                    "has exception.json instead (a test that to_item() raises has no item to take the truth from)"
                    if (case / "exception.json").is_file()
                    else "has no output.json"
                )
                raise FixtureError(case, f"test case {label} {why}; not imported")
            output = _read_json(case / "output.json", label)
            meta = _read_json(case / "meta.json", label) if (case / "meta.json").is_file() else {}
            if not isinstance(output, dict) or not isinstance(meta, dict):
                raise FixtureError(case, f"test case {label}: output.json and meta.json must hold JSON objects")
            page = _read_inputs(case, label)
            captured = _captured(meta, case / "meta.json", label, notes)
            field_map = _map(output, fields)
            try:
                values = _truth_fields(output, field_map, notes)
            except ValueError as error:
                raise FixtureError(case / "output.json", f"test case {label}: {error}") from None
            name = fixture_name_for(page.request_url)
            if name in taken:  # two test cases of one URL (two page classes, say): both kept
                name = f"{name}-{short_hash(str(case))}"
            interactions = [_imported(page.response_url, page.status, page.headers, page.text)]
            if page.request_url != page.response_url:
                redirect = interaction(page.request_url, "", status=302, reason="Found",
                                       headers={"Location": [page.response_url]})  # fmt: skip
                interactions.insert(0, redirect)
                notes.append(
                    f"RequestUrl {page.request_url} differs from ResponseUrl {page.response_url}: "
                    "the cassette's 302 between them stands in for the redirects web-poet does not record"
                )
            truth = {
                "url": page.request_url, "captured_at": captured, "timezone": None, **values, "reviewed": False,
                "notes": f"Imported by 'harness import web-poet' from the web-poet test {label} (output.json "
                f"read through the field map {field_map.name})"
                + "".join(f"; {note}" for note in notes)
                + ". Check every field against the page, then run 'harness review'.",
            }  # fmt: skip
            cassette = inside(Path(out), f"{name}.yaml")
            evidence = {"web_poet": {"test": label, "output": output, "meta": meta}}
            save_fixture(cassette, interactions, truth, force=force, evidence=evidence)
        except FixtureError as error:
            report.not_written(error)
            continue
        except UsageError as error:  # no field map for this output.json
            report.problems.append(FixtureError(case / "output.json", f"test case {label}: {error}"))
            continue
        except OSError as error:
            report.problems.append(FixtureError(case, f"test case {label}: {error.strerror or error}"))
            continue
        taken.add(name)
        report.written.append(cassette)
        report.unknown_capture += captured is None
    return report


def _page_class(given: str) -> str:
    name = given.strip().replace(":", ".")
    if not _PAGE_CLASS.fullmatch(name):
        msg = (
            f"--page-class {given!r} is not a page class's import path: give it as web-poet names its fixtures' "
            "folder, module and class joined by dots (mysite.pages.ArticlePage)"
        )
        raise UsageError(msg)
    return name


def _inputs(fixture: Fixture) -> list[object]:
    """What the harness gives a page object for this page: what ``web-poet:`` extractors get at check time."""
    from ..extractors.frameworks.web_poet import page_inputs

    return list(page_inputs(fixture.page).values())


def article_output(fixture: Fixture) -> dict[str, Any]:
    """The truth of ``fixture`` as a zyte-common-items ``Article``-shaped dict (what output.json holds).

    A field the truth is silent on is left out; one it says the page lacks is null
    (authors: []). Organizations, snippets and decoys have no place in an Article.
    """
    raw = fixture.expectation.raw
    item: dict[str, Any] = {"url": fixture.page.url}
    for field, key in _ARTICLE:
        if field in raw:
            item[key] = raw[field]
    if "authors" in raw:
        item["authors"] = [{"name": name} for name in raw["authors"]]
    return item


def _write_case(folder: Path, fixture: Fixture, *, force: bool) -> None:
    """One test case folder, written whole beside its place and moved in.

    Raises:
        FixtureExistsError: the folder exists and ``force`` is false.
    """
    from web_poet.serialization import SerializedDataFileStorage, serialize

    from ..fixtures import FixtureExistsError

    if folder.exists() and not force:
        raise FixtureExistsError(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staged = shared(Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent)))
    try:
        (staged / "inputs").mkdir()
        SerializedDataFileStorage(staged / "inputs").write(serialize(_inputs(fixture)))
        dump = json.dumps(article_output(fixture), ensure_ascii=False, sort_keys=True, indent=2)
        (staged / "output.json").write_text(dump, encoding="utf-8")
        captured = fixture.expectation.raw.get("captured_at")
        if captured is not None:
            meta = json.dumps({"frozen_time": captured}, ensure_ascii=False, sort_keys=True, indent=2)
            (staged / "meta.json").write_text(meta, encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
            folder.rename(old)
        staged.rename(folder)
        if old is not None:
            shutil.rmtree(old)
    finally:
        if staged.exists():
            shutil.rmtree(staged)


def export_webpoet(
    paths: Iterable[str | os.PathLike[str]], page_class: str, out: str | Path, *, force: bool = False,
    drafts: bool = False,
) -> ImportReport:  # fmt: skip
    """Each fixture under ``paths`` as a web-poet test case ``<out>/<page_class>/test-N/``.

    Fixtures are numbered in discovery order. The inputs are those the
    harness gives a page object (:mod:`harness.extractors.frameworks.web_poet`),
    written with web-poet's serialization; ``output.json`` is
    :func:`article_output`; ``meta.json`` has ``frozen_time`` = ``captured_at``.
    An existing test case is kept unless ``force``; an unreviewed draft is a
    problem unless ``drafts`` (web-poet has no notion of a truth not yet checked).

    Raises:
        UsageError: web-poet is not installed, or ``page_class`` is not a dotted import path.
    """
    _web_poet()
    name = _page_class(page_class)
    report = ImportReport()
    number = 0
    for item in iter_fixtures(paths, include_drafts=drafts):
        if isinstance(item, FixtureError):
            report.problems.append(item)
            continue
        number += 1
        try:
            folder = inside(Path(out), f"{safe_segment(name)}/test-{number}")
            _write_case(folder, item, force=force)
        except FixtureError as error:
            report.not_written(error)
            continue
        except OSError as error:
            report.problems.append(FixtureError(item.cassette_path or item.name, error.strerror or str(error)))
            continue
        report.written.append(folder)
    return report
