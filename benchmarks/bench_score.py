"""Benchmarks of `harness score`: the figures the scoring issue names, each a ratio measured in one run.

    python benchmarks/bench_score.py [--evaluate PATH/TO/evaluate.py] [--out benchmarks/results-score.md]

1. Per-page overhead of the harness (loading the page from its cassette, the
   checks and the metrics: everything but the extractor) against
   ``lxml.html.fromstring`` on the same page, over the Zyte pages, each page
   cold (every harness cache emptied first, as a page of a corpus is met once),
   with the median of each part (load, grade, metrics). Target <= 1.0x (issue 16).
2. Scoring the five saved Zyte predictions, as a whole process with 1000
   bootstraps, against the benchmark's own evaluate.py on the same files.
   Target >= 6x faster (issue 16), identical numbers. evaluate.py is not shipped here:
   pass its path (a checkout of the benchmark) to time it in the same run.
3. ``--jobs 2`` against ``--jobs 1`` with real extractors dominating. Target >= 1.8x.
4. Peak memory against corpus size: generated JSONL corpora of 1,000 and
   10,000 pages. Target: flat, and under 300 MB at 10,000.

Pages come from ../shared/corpora (read in place, never copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZYTE = ROOT.parent / "shared" / "corpora" / "zyte"


def per_page_overhead() -> dict[str, float]:
    from lxml import html as lxml_html

    from harness.authoring import import_corpus
    from harness.extractors import load_predictions
    from harness.fixtures import load_fixture, open_corpus
    from harness.running import run_one
    from harness.scoring import score_page

    folder = Path(tempfile.mkdtemp(prefix="bench-overhead-"))
    try:
        import_corpus(ZYTE, folder)
        prediction = load_predictions(ZYTE / "output" / "trafilatura.json")
        ratios, harness_ms, lxml_ms, sizes = [], [], [], []
        parts: dict[str, list[float]] = {"load": [], "grade": [], "metrics": []}
        names = {f.name: f for f in open_corpus(ZYTE).pages() if not isinstance(f, Exception)}
        for cassette in sorted(folder.glob("*.yaml")):
            html = names[cassette.stem].page.html
            best_lxml = best_harness = float("inf")
            best_parts = {key: float("inf") for key in parts}
            for _ in range(5):  # best of five, to keep scheduler noise out of a 1 ms figure
                start = time.perf_counter()
                lxml_html.fromstring(html)
                best_lxml = min(best_lxml, time.perf_counter() - start)
                _clear_caches()  # cold, as a page of a corpus is met once: nothing kept from the last round
                start = time.perf_counter()
                fixture = load_fixture(cassette, name=cassette.stem)
                loaded = time.perf_counter()
                result = run_one(prediction, fixture, clock_check=False)
                graded = time.perf_counter()
                score_page(fixture.expectation, result.extraction, prediction.fields)
                end = time.perf_counter()
                best_harness = min(best_harness, end - start)
                for key, spent in (("load", loaded - start), ("grade", graded - loaded), ("metrics", end - graded)):
                    best_parts[key] = min(best_parts[key], spent)
            ratios.append(best_harness / best_lxml)
            harness_ms.append(best_harness * 1000)
            lxml_ms.append(best_lxml * 1000)
            sizes.append(len(html.encode()) / 1024)
            for key, spent in best_parts.items():
                parts[key].append(spent * 1000)
        return {
            "pages": len(ratios),
            "median_page_kib": statistics.median(sizes),
            "median_lxml_ms": statistics.median(lxml_ms),
            "median_harness_ms": statistics.median(harness_ms),
            "median_ratio": statistics.median(ratios),
            "p90_ratio": sorted(ratios)[int(0.9 * len(ratios))],
            **{f"median_{key}_ms": statistics.median(values) for key, values in parts.items()},
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _clear_caches() -> None:
    """Empty every cache in the harness (the page's parse and facts, folded texts, shingles)."""
    for name, module in list(sys.modules.items()):
        if name == "harness" or name.startswith("harness."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _run(command: list[str], cwd: Path | None = None) -> tuple[float, str, int]:
    """Wall time, output and peak resident memory (KiB) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return elapsed, done.stdout, max(peak, before)


def saved_predictions(evaluate: Path | None) -> dict[str, object]:
    predictions = sorted((ZYTE / "output").glob("*.json"))
    command = [sys.executable, "-m", "harness", "score", "--corpus", str(ZYTE), "--jobs", "2"]
    for path in predictions:
        command += ["--predictions", str(path)]
    ours, output, _ = _run(command)
    figures = {}
    for line in output.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) > 6 and re.match(r"\d\.\d{3} ±", cells[2]):
            figures[cells[0]] = [c.split(" ±")[0] for c in cells[2:6]]
    result: dict[str, object] = {"harness_seconds": ours, "harness_figures": figures}
    if evaluate is not None:
        folder = Path(tempfile.mkdtemp(prefix="bench-evaluate-"))
        try:
            (folder / "ground-truth.json").symlink_to(ZYTE / "ground-truth.json")
            (folder / "output").mkdir()
            for path in predictions:  # evaluate.py reads {key: {...}}; the shipped files wrap it in "output"
                data = json.loads(path.read_text(encoding="utf-8"))
                (folder / "output" / path.name).write_text(json.dumps(data.get("output", data)))
            theirs, their_output, _ = _run([sys.executable, str(evaluate)], cwd=folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        their_figures = {}
        for line in their_output.splitlines():
            found = dict(re.findall(r"(\w+)=(\d\.\d{3})", line))
            if found:
                name = line.split()[0]
                their_figures[name] = [found["F1"], found["precision"], found["recall"], found["accuracy"]]
        result.update({
            "evaluate_seconds": theirs,
            "speedup": theirs / ours,
            "identical": their_figures == figures,
            "evaluate_figures": their_figures,
        })  # fmt: skip
    return result


def jobs_speedup() -> dict[str, float]:
    base = [
        sys.executable,
        "-m",
        "harness",
        "score",
        "--corpus",
        str(ZYTE),
        "-e",
        "trafilatura",
        "-e",
        "goose3",
    ]
    one, _, _ = _run([*base, "--jobs", "1"])
    two, _, _ = _run([*base, "--jobs", "2"])
    return {"jobs1_seconds": one, "jobs2_seconds": two, "speedup": one / two}


def memory_by_size() -> dict[str, float]:
    template = (
        "<html><head><title>Story {n}</title><meta property='og:title' content='Story {n}'>"
        "<meta property='article:published_time' content='2024-05-{day:02d}T10:00:00+00:00'></head><body>"
        "<article><h1>Story {n}</h1><p class='byline'>By Jane Roe</p>{paragraphs}</article></body></html>"
    )
    paragraph = "<p>The council met on Tuesday to discuss the bridge, the budget and the river path {n}.</p>"
    out: dict[str, float] = {}
    for size in (1_000, 10_000):
        folder = Path(tempfile.mkdtemp(prefix="bench-memory-"))
        try:
            (folder / "pages").mkdir()
            with (folder / "truth.jsonl").open("w", encoding="utf-8") as lines:
                for n in range(size):
                    body = "".join(paragraph.format(n=i) for i in range(12))
                    page = template.format(n=n, day=n % 28 + 1, paragraphs=body)
                    (folder / "pages" / f"{n}.html").write_text(page, encoding="utf-8")
                    lines.write(json.dumps({
                        "file": f"pages/{n}.html", "title": f"Story {n}", "authors": ["Jane Roe"],
                        "published": f"2024-05-{n % 28 + 1:02d}T10:00:00+00:00",
                    }) + "\n")  # fmt: skip
            command = [sys.executable, "-m", "harness", "score", "--corpus", str(folder / "truth.jsonl"),
                       "-e", "metadata", "--jobs", "2"]  # fmt: skip
            seconds, _, _ = _run(command)
            peak = _peak_kib(command)
            out[f"pages_{size}_seconds"] = seconds
            out[f"pages_{size}_peak_mb"] = peak / 1024
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return out


def _peak_kib(command: list[str]) -> float:
    """Peak resident memory of the process tree, read from GNU time when present, else getrusage."""
    if shutil.which("time") or os.path.exists("/usr/bin/time"):
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False)
        return float(done.stderr.strip().splitlines()[-1])
    return float(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaluate", type=Path, help="the Zyte benchmark's evaluate.py, to time it in this run")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results-score.json")
    parser.add_argument("--skip", nargs="*", default=[], choices=["overhead", "predictions", "jobs", "memory"])
    args = parser.parse_args()
    if not ZYTE.is_dir():
        raise SystemExit(f"The Zyte corpus is not at {ZYTE}; these benchmarks read it in place.")
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }
    steps = {
        "overhead": per_page_overhead,
        "predictions": lambda: saved_predictions(args.evaluate),
        "jobs": jobs_speedup,
        "memory": memory_by_size,
    }
    for name, step in steps.items():
        if name in args.skip:
            continue
        print(f"running {name} ...", file=sys.stderr)
        results[name] = step()
        print(json.dumps(results[name], indent=1), file=sys.stderr)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
