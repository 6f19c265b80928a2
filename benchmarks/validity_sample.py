"""Draw the seeded sample of error findings that docs/validity.md judges by hand.

Runs extractors over the shared corpora with ``harness check`` (clock check on,
as CI runs it), keeps every error-severity finding, and draws a seeded sample
stratified by check id: up to ``--per-check`` findings of each id, so that
every id with enough findings can be judged at least five times, topped up at
random to ``--size``. Writes the whole list and the sample as JSON (outside
the repository by default: they quote publishers' pages) and prints the counts.

    python benchmarks/validity_sample.py --out /tmp/validity
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import time
from pathlib import Path
from typing import Any

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
EXTRACTORS = ("trafilatura", "newspaper4k", "goose3")


def findings(corpora: list[Path], extractors: list[str], jobs: int) -> list[dict[str, Any]]:
    """Every error finding of ``extractors`` over ``corpora``, with the page it is about."""
    from harness.running import check

    rows = []
    for corpus in corpora:
        started = time.perf_counter()
        report = check([], extractors, corpora=[corpus], jobs=jobs)
        data = report.to_dict()
        extractions = {(r["fixture"], r["extractor"]): r["extraction"] for r in data["results"]}
        for finding in report.errors:
            row = finding.to_dict()
            row["corpus"] = corpus.name
            row["page_file"] = str(_page_file(corpus, finding.fixture))
            row["extraction"] = extractions.get((finding.fixture, finding.extractor))
            rows.append(row)
        print(f"{corpus.name}: {len(report.fixtures)} pages, {len(report.errors)} error findings, "
              f"{len(report.problems)} problems, {time.perf_counter() - started:.0f} s")  # fmt: skip
    return rows


def _page_file(corpus: Path, name: str) -> Path:
    """Where a page of a shared corpus lives: Fundus pages by file stem, Zyte pages by key."""
    if (corpus / "html").is_dir():
        return corpus / "html" / f"{name}.html.gz"
    return corpus / "pages" / f"{name}.html.gz"


def sample(rows: list[dict[str, Any]], *, size: int, per_check: int, seed: int) -> list[dict[str, Any]]:
    """Up to ``per_check`` of each check id, then random others up to ``size``; stable for a seed.

    Each check id draws from a generator of its own (seeded by the seed and the id), so a fix that
    changes one check's findings leaves the others' samples as they were.
    """
    by_check: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        by_check[row["check"]].append(row)
    chosen = []
    for check in sorted(by_check):
        group = by_check[check]
        chosen.extend(random.Random(f"{seed}:{check}").sample(group, min(per_check, len(group))))
    rest = [row for row in rows if row not in chosen]
    chosen.extend(random.Random(seed).sample(rest, max(0, min(size - len(chosen), len(rest)))))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/validity"))
    parser.add_argument("--extractor", action="append", dest="extractors")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--per-check", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    rows = findings([CORPORA / "fundus", CORPORA / "zyte"], args.extractors or list(EXTRACTORS), args.jobs)
    chosen = sample(rows, size=args.size, per_check=args.per_check, seed=args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "findings.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
    (args.out / "sample.json").write_text(json.dumps(chosen, indent=1, ensure_ascii=False, default=str))
    counts = collections.Counter((row["check"], row["extractor"]) for row in rows)
    for (check, extractor), count in sorted(counts.items()):
        print(f"{check:<28} {extractor:<14} {count}")
    print(f"{len(rows)} error findings; sample of {len(chosen)} written to {args.out}")


if __name__ == "__main__":
    main()
