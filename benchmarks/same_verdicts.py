"""Every finding of the checks on saved extractions over both shared corpora: the proof that a speedup
changed no verdict, and the time the checks take.

    python benchmarks/same_verdicts.py save DIR [-e trafilatura ...]   # extract once, keep the extractions
    python benchmarks/same_verdicts.py grade DIR OUT.jsonl              # every finding, sorted, to OUT

``save`` runs each built-in (default: every installed one) over ../shared/corpora/fundus and zyte and
writes ``DIR/<extractor>.jsonl``, one whole extraction a line (outside the repository: it is the
publishers' text). ``grade`` grades them page-major, as the pool does (every extractor of a page, then
the next page), writes every finding as a sorted JSON line and prints how long the checks took. Run
``grade`` before and after a change that should change no verdict, with the same ``PYTHONHASHSEED``,
and compare the two files byte for byte.
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = ("fundus", "zyte")


def save(folder: Path, extractors: list[str]) -> None:
    import dataclasses

    from harness.extractors import registry
    from harness.running import check

    folder.mkdir(parents=True, exist_ok=True)
    names = extractors or [info.name for info in registry().installed(remote=False)]
    for name in names:
        started = time.perf_counter()
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for corpus in NAMES:
                report = check([], [name], corpora=[CORPORA / corpus], jobs=2, clock_check=False)
                for result in report.results:
                    extraction = dataclasses.asdict(result.extraction) if result.extraction else None
                    row = {"corpus": corpus, "fixture": result.fixture, "extraction": extraction}
                    out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        print(f"{name}: {time.perf_counter() - started:.0f} s", flush=True)


def grade(folder: Path, target: Path) -> None:
    from harness.checks import run_checks
    from harness.core import Extraction
    from harness.extractors import registry
    from harness.fixtures import open_corpus

    declared = {name: info.fields for name, info in registry().extractors.items()}
    saved: dict[tuple[str, str], dict[str, dict[str, object]]] = collections.defaultdict(dict)
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            if row["extraction"]:
                saved[(row["corpus"], row["fixture"])][path.stem] = row["extraction"]
    known = set(Extraction.__dataclass_fields__)
    lines, spent = [], 0.0
    for corpus in NAMES:
        for fixture in open_corpus(CORPORA / corpus).pages():
            if not hasattr(fixture, "page"):
                continue
            for name, values in sorted(saved[(corpus, fixture.name)].items()):
                given = {k: v for k, v in values.items() if k in known}
                if given.get("authors") is not None:
                    given["authors"] = tuple(given["authors"])
                fields = declared.get(name, frozenset({"title", "authors", "published", "body"}))
                start = time.perf_counter()
                found = list(run_checks(fixture, Extraction(**given), extractor=name, fields=fields))
                spent += time.perf_counter() - start
                lines += [
                    json.dumps([name, corpus, fixture.name, f.check, f.severity, f.message], ensure_ascii=False)
                    for f in found
                ]
    target.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{len(lines)} findings; the checks took {spent:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    saving = sub.add_parser("save")
    saving.add_argument("folder", type=Path)
    saving.add_argument("-e", "--extractor", action="append", default=[])
    grading = sub.add_parser("grade")
    grading.add_argument("folder", type=Path)
    grading.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.folder, args.extractor)
    else:
        grade(args.folder, args.out)


if __name__ == "__main__":
    main()
