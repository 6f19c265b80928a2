"""How often each check fires per built-in extractor on the shared corpora: the README's counts table.

    python benchmarks/corpus_counts.py [--checks body.truncated,body.order] [-e trafilatura ...]
                                       [--out /tmp/counts.json]

Runs ``harness check`` (clock check off: it does not change these ids) with each installed built-in
over ../shared/corpora/fundus and ../shared/corpora/zyte, counts the findings of each check id per
extractor, and prints a Markdown table ("–" where the extractor does not produce the field the check
grades). The default ids are the catalogue's second wave and the leaks found from the page's
structure (in these corpora, which name no must_not_contain snippets, every sponsored or boilerplate
leak comes from the structural rule or a standalone sponsored label).
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SECOND_WAVE = (
    "date.modified_missing", "date.modified_wrong", "date.modified_as_published", "body.encoding_damage",
    "body.title_echo", "body.truncated", "body.order", "body.headings_missing", "body.paywall_as_article",
    "body.paywall_text", "body.sponsored_leak", "body.boilerplate_leak",
)  # fmt: skip


def counts(extractor: str, checks: tuple[str, ...], jobs: int) -> tuple[int, dict[str, int]]:
    from harness.running import check

    found: collections.Counter[str] = collections.Counter()
    pages = 0
    for corpus in ("fundus", "zyte"):
        report = check([], [extractor], corpora=[CORPORA / corpus], jobs=jobs, clock_check=False)
        pages += len(report.fixtures)
        found.update(f.check for f in report.findings if f.check in checks)
    return pages, dict(found)


def main() -> None:
    from harness.checks import CATALOGUE
    from harness.extractors import registry

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", default=",".join(SECOND_WAVE))
    parser.add_argument("-e", "--extractor", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    checks = tuple(c for c in args.checks.split(",") if c)
    installed = {info.name: info for info in registry().installed(remote=False)}
    names = args.extractor or list(installed)
    table: dict[str, dict[str, int | None]] = {}
    for name in names:
        started = time.perf_counter()
        pages, found = counts(name, checks, args.jobs)
        fields = installed[name].fields if name in installed else frozenset()
        table[name] = {c: (found.get(c, 0) if CATALOGUE[c].field in fields else None) for c in checks}
        print(f"{name}: {pages} pages, {time.perf_counter() - started:.0f} s", flush=True)
    print("| extractor | " + " | ".join(f"`{c}`" for c in checks) + " |")
    print("|---|" + "---|" * len(checks))
    for name, row in table.items():
        print(f"| {name} | " + " | ".join("–" if row[c] is None else str(row[c]) for c in checks) + " |")
    if args.out:
        args.out.write_text(json.dumps(table, indent=1) + "\n")


if __name__ == "__main__":
    main()
