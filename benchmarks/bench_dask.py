"""Scoring on a Dask cluster against the local pool: pages a second, and the speed-up of a second worker.

    python benchmarks/bench_dask.py [--pages 2000] [--extractor trafilatura] [--shard-size 200] [--repeat 2]
                                    [--out benchmarks/results-dask.json]

A WARC of generated pages (``harness.strategies.pages()``, written as ``bench_warc.py`` writes one, with
its truth sidecar, in a temporary folder) is scored with the extractor, each run a whole
``harness score`` process:

a. the local pool, ``--jobs 1``;
b. ``--executor dask --jobs 1``: a LocalCluster of one single-threaded worker;
c. ``--executor dask --jobs 2``: two single-threaded workers;

and, for comparison, the local pool with ``--jobs 2``.

Reported: wall time and pages a second of each (the LocalCluster's start and stop included), the
speed-up of (c) over (b) (issue 16's target: at least 1.7x on a two-core machine) and over (a), the
client's peak resident memory, whether the three runs gave the same figures, and the machine, with
its load average before and after (other work on the machine depresses the figures). Then (b) and
(c) again warm: ``harness.scoring.score`` in this process against a LocalCluster already running
(``scheduler=``), so that the cluster's start-up (a few seconds) is left out of the rate, with the
CPU time of the client and of the workers, and the cores the run got. Each run is repeated
(``--repeat``) and the fastest kept: other work on a shared machine only ever slows a run down.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_warc import generated_pages, score_process, write_archive  # noqa: E402

RUNS = {
    "a_local_jobs_1": ["--jobs", "1"],
    "a2_local_jobs_2": ["--jobs", "2"],
    "b_dask_1_worker": ["--executor", "dask", "--jobs", "1"],
    "c_dask_2_workers": ["--executor", "dask", "--jobs", "2"],
}


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (a Dask worker's extractor processes)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def warm(path: Path, extractor: str, workers: int, shard_size: int) -> dict[str, Any]:
    """Scoring through the Python API on a LocalCluster of ``workers`` single-threaded workers already up,
    with the CPU time the client (and the scheduler in it) and the workers spent: their sum over the
    wall time is the cores the run got (other work on the machine takes the rest)."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    from harness.running.distributed import _CLUSTER_CONFIG
    from harness.scoring import score

    with dask.config.set(_CLUSTER_CONFIG), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.CRITICAL,
    ) as cluster, Client(cluster, set_as_default=False) as client:  # fmt: skip
        before, client_before = client.run(_cpu), _cpu()
        start = time.perf_counter()
        report = score([path], [extractor], executor="dask", scheduler=cluster.scheduler_address,
                       shard_size=shard_size)  # fmt: skip
        seconds = time.perf_counter() - start
        client_cpu = _cpu() - client_before
        after = client.run(_cpu)
        pages = report.pages
        report.close()
    worker_cpu = sum(after[w] - before[w] for w in after if w in before)
    return {
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 2),
        "client_cpu_seconds": round(client_cpu, 2),
        "workers_cpu_seconds": round(worker_cpu, 2),
        "cores_used": round((client_cpu + worker_cpu) / seconds, 2),
    }


def figures(path: Path) -> Any:
    """The report's figures, without what depends on the clock."""
    report = json.loads(path.read_text())
    return [(e["name"], e["metrics"]) for e in report["extractors"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--extractor", default="trafilatura")
    parser.add_argument("--shard-size", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="Runs of each kind; the fastest is kept.")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results-dask.json")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
        },
        "extractor": args.extractor,
        "pages": args.pages,
        "shard_size": args.shard_size,
        "repeat": args.repeat,
        "runs": {},
    }
    fixtures = generated_pages(args.pages)
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as folder:
        archive = Path(folder) / f"bench-{args.pages}.warc.gz"
        results["records"] = write_archive(archive, fixtures)
        del fixtures
        outputs = {}
        for name, options in RUNS.items():
            if "dask" in options:
                options = [*options, "--shard-size", str(args.shard_size)]
            outputs[name] = Path(folder) / f"{name}.json"
            rows = [score_process(archive, args.extractor, options, outputs[name]) for _ in range(args.repeat)]
            row = min(rows, key=lambda r: r["seconds"])
            row["seconds_each"] = [r["seconds"] for r in rows]
            results["runs"][name] = row
            print(name, json.dumps(row), flush=True)
        reference = figures(outputs["a_local_jobs_1"])
        results["same_figures"] = all(figures(path) == reference for path in outputs.values())
        results["warm"] = {}
        for workers in (1, 2):
            rows = [warm(archive, args.extractor, workers, args.shard_size) for _ in range(args.repeat)]
            row = min(rows, key=lambda r: r["seconds"])
            row["seconds_each"] = [r["seconds"] for r in rows]
            results["warm"][f"dask_{workers}_worker{'s' if workers > 1 else ''}"] = row
            print("warm", workers, json.dumps(row), flush=True)
    rate = {name: row["pages_per_second"] for name, row in results["runs"].items()}
    results["speedup_2_workers_over_1_worker"] = round(rate["c_dask_2_workers"] / rate["b_dask_1_worker"], 3)
    results["speedup_2_workers_over_local_jobs_1"] = round(rate["c_dask_2_workers"] / rate["a_local_jobs_1"], 3)
    results["speedup_2_workers_over_local_jobs_2"] = round(rate["c_dask_2_workers"] / rate["a2_local_jobs_2"], 3)
    results["speedup_2_workers_over_1_worker_warm"] = round(
        results["warm"]["dask_2_workers"]["pages_per_second"] / results["warm"]["dask_1_worker"]["pages_per_second"], 3
    )
    results["target_2_workers_over_1"] = 1.7
    results["target_met"] = results["speedup_2_workers_over_1_worker"] >= 1.7
    results["target_met_warm"] = results["speedup_2_workers_over_1_worker_warm"] >= 1.7
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k != "runs"}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
