"""Benchmarks of the property-based tests: generation speed, and who a property run's time goes to.

    python benchmarks/bench_properties.py [--out benchmarks/results-properties.json]

1. Pages generated per second on one core (``harness.strategies.pages()``
   drawn by Hypothesis, truth included). Target: at least 300 a second.
2. For each built-in extractor, a property run on generated pages (every
   property probed on the same 50 pages, one clock): the share of the wall
   time spent inside the extractor against the harness (generation,
   Hypothesis, checks), for the search and then with the shrinking of each
   counterexample included. Target: the extractor dominates the search for
   every extractor slower than about 5 ms a page.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generation(count: int = 2000) -> dict[str, float]:
    from hypothesis import HealthCheck, given, settings

    from harness.strategies import pages

    drawn = []

    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(pages())
    def draw(fixture: object) -> None:
        drawn.append(fixture)

    draw()  # warm-up: strategies built, modules imported
    drawn.clear()
    start = time.process_time()
    draw()
    elapsed = time.process_time() - start
    return {"pages": len(drawn), "cpu_seconds": elapsed, "pages_per_second": len(drawn) / elapsed,
            "ms_per_page": 1000 * elapsed / len(drawn)}  # fmt: skip


def property_runs(examples: int = 50) -> dict[str, dict[str, float]]:
    from harness.extractors import registry, resolve
    from harness.testing import fuzz

    out = {}
    for info in registry().installed():
        extractor = resolve(info.name)
        start = time.perf_counter()
        report = fuzz(extractor, examples=examples, seed=0, clock_check=False)
        wall = time.perf_counter() - start
        out[info.name] = {
            "pages": report.pages,
            "extractor_ms_per_page": 1000 * report.extractor_seconds / max(report.pages, 1),
            "search_seconds": report.search_seconds,
            "search_extractor_share": report.search_extractor_seconds / report.search_seconds,
            "wall_seconds": wall,
            "extractor_share_with_shrinking": report.extractor_seconds / wall,
            "failed_properties": [r.name for r in report.failed],
        }
        print(info.name, json.dumps(out[info.name]), file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results-properties.json")
    args = parser.parse_args()
    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "generation": generation(),
    }
    print(json.dumps(results["generation"]), file=sys.stderr)
    results["property_runs"] = property_runs()
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
