"""Web archives read end to end: records a second, and the client's memory against the archive's size.

    python benchmarks/bench_warc.py [--pages 1000 10000] [--extractor trafilatura] [--jobs 2]
                                    [--out benchmarks/results-warc.json]

For each size, a WARC (gzip, one member a record, a request before each response, one PNG in ten
responses) is written from ``harness.strategies.pages()`` with its truth sidecar, in a temporary
folder (never stored). Then:

1. reading alone: every record parsed, decoded and made a page (``open_corpus(...).pages()``), in
   this process: records and pages a second;
2. ``harness score --corpus X.warc.gz -e EXTRACTOR --jobs N --json ...`` as a whole process: wall
   time, pages a second, and the peak resident memory of the client process itself (measured in
   it, at exit: its workers are not counted).

The client's peak memory should be flat in the archive's size: a page is read when its turn comes
and its per-page detail is spooled to disk.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Runs the CLI in a child and prints its own peak RSS (kB) on stderr's last line, whatever the exit.
#: Linux's VmHWM, not getrusage: ru_maxrss survives exec, so a child started by a parent holding the
#: generated pages would report the parent's peak as its own.
_CLIENT = """
import resource, sys
from harness.shells.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    try:
        with open("/proc/self/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("peak_rss_kb", peak, file=sys.stderr)
"""


def generated_pages(count: int) -> list[Any]:
    """``count`` generated pages (Hypothesis draws; duplicates possible, and kept)."""
    from hypothesis import HealthCheck, given, settings

    from harness.strategies import pages

    drawn: list[Any] = []

    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(pages())
    def draw(fixture: Any) -> None:
        drawn.append(fixture)

    while len(drawn) < count:
        draw()
    return drawn[:count]


def write_archive(path: Path, fixtures: list[Any]) -> int:
    """The pages as a gzip WARC with a truth sidecar; the number of records written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from harness.fixtures.warc import sidecar_of

    records = 0
    with path.open("wb") as out, sidecar_of(path).open("w", encoding="utf-8") as truths:
        writer = WARCWriter(out, gzip=True)
        for number, fixture in enumerate(fixtures):
            url = f"{fixture.page.url.rstrip('/')}/{number}"
            headers = [("Content-Type", "text/html; charset=utf-8")]
            for kind, body, head in [
                ("request", b"", StatusAndHeaders(f"GET {url} HTTP/1.1", [], is_http_request=True)),
                ("response", fixture.page.html.encode(), StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")),
            ]:
                record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=head)
                writer.write_record(record)
                record.raw_stream.close()
                records += 1
            if number % 10 == 9:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                record = writer.create_warc_record(f"{url}.png", "response", payload=io.BytesIO(b"\x89PNG" * 64),
                                                   http_headers=image)  # fmt: skip
                writer.write_record(record)
                record.raw_stream.close()
                records += 1
            truth = {**dict(fixture.expectation.raw), "url": url}
            truth.pop("captured_at", None)  # the archive's WARC-Date is the capture time
            truths.write(json.dumps(truth) + "\n")
    return records


def read_alone(path: Path) -> dict[str, float]:
    from harness.fixtures import open_corpus

    start = time.perf_counter()
    pages = sum(1 for item in open_corpus(path).pages() if hasattr(item, "page"))
    seconds = time.perf_counter() - start
    return {"pages": pages, "seconds": round(seconds, 3), "pages_per_second": round(pages / seconds, 1)}


def score_process(path: Path, extractor: str, options: list[str], out: Path) -> dict[str, Any]:
    """One ``harness score`` process over the archive (with ``options``): wall time, pages a second,
    the client's own peak memory, and how many inputs it could not use."""
    command = [sys.executable, "-c", _CLIENT, "score", "--corpus", str(path), "-e", extractor, *options,
               "--format", "json", "--output", str(out)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = next(
        (int(line.split()[1]) for line in reversed(done.stderr.splitlines()) if line.startswith("peak_rss_kb")), 0
    )
    report = json.loads(out.read_text()) if out.is_file() else {}
    pages = int(report.get("pages", 0))
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    return {
        "exit": done.returncode,
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1) if seconds else 0.0,
        "client_peak_rss_mb": round(peak / 1024, 1),
        "problems": len(report.get("problems", [])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--extractor", default="trafilatura")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results-warc.json")
    args = parser.parse_args()
    fixtures = generated_pages(max(args.pages))
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "extractor": args.extractor,
        "jobs": args.jobs,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as folder:
        for size in args.pages:
            archive = Path(folder) / f"bench-{size}.warc.gz"
            records = write_archive(archive, fixtures[:size])
            row = {
                "records": records,
                "archive_mb": round(archive.stat().st_size / 1e6, 2),
                "read": read_alone(archive),
                "score": score_process(
                    archive, args.extractor, ["--jobs", str(args.jobs)], Path(folder) / f"score-{size}.json"
                ),
            }
            results["sizes"][str(size)] = row
            print(size, json.dumps(row), flush=True)
    sizes = sorted(results["sizes"], key=int)
    if len(sizes) > 1:
        small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
        results["client_memory_ratio_largest_to_smallest"] = round(
            large["score"]["client_peak_rss_mb"] / max(small["score"]["client_peak_rss_mb"], 1), 3
        )
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
