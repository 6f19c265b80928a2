"""Web archives written for the tests with warcio, from the bundled pages (our own)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from pathlib import Path


@dataclass
class Response:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2024-10-19T19:25:00Z"
    extra_headers: tuple[tuple[str, str], ...] = ()


def write_warc(path: Path, responses: list[Response], *, gzip: bool = True, requests: bool = True) -> list[str]:
    """Write ``responses`` (each with its request record before it, as crawlers do); their record ids."""
    ids = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        _write(writer, writer.create_warcinfo_record(path.name, {"software": "tests/warcs.py"}))
        for response in responses:
            headers = StatusAndHeaders(
                response.status,
                [("Content-Type", response.content_type), *response.extra_headers],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                response.url, "response", payload=io.BytesIO(response.body), http_headers=headers,
                warc_headers_dict={"WARC-Date": response.date},
            )  # fmt: skip
            if requests:
                request = writer.create_warc_record(
                    response.url, "request", payload=io.BytesIO(b""),
                    http_headers=StatusAndHeaders(f"GET {response.url} HTTP/1.1", [], is_http_request=True),
                )  # fmt: skip
                _write(writer, request)
            _write(writer, record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
    return ids


def _write(writer: WARCWriter, record: Any) -> None:
    """Write ``record`` and close the spooled file warcio keeps its payload in (else the garbage
    collector does, with a ResourceWarning)."""
    writer.write_record(record)
    stream = getattr(record, "raw_stream", None)
    if stream is not None:
        stream.close()


def page_of(fixture: Any) -> Response:
    """A bundled fixture's page as a response record."""
    return Response(fixture.page.url, fixture.page.html.encode())


def write_truths(archive: Path, fixtures: list[Any]) -> None:
    """The fixtures' truths as the archive's sidecar, one line each, keyed by URL."""
    from harness.fixtures.warc import sidecar_of

    lines = [{**dict(f.expectation.raw), "url": f.page.url} for f in fixtures]
    sidecar_of(archive).write_text("".join(json.dumps(line) + "\n" for line in lines))
