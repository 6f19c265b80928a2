"""check and score on a Dask cluster (a real LocalCluster): the local pool's findings and figures, also after
a worker dies mid-run; a shard that fails three times is reported with its pages, and the rest goes on."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")
pytest.importorskip("trafilatura")

from harness.core import bundled_cassettes
from harness.fixtures import load_fixtures
from harness.running import ATTEMPTS, ShardError, check
from harness.scoring import score
from harness.shells.cli import main
from harness.testing import parse_config
from tests.dask_plugins import KILLS
from tests.warcs import Response, page_of, write_truths, write_warc

KILLER = "tests.dask_plugins:kills_its_worker"
EXTRACTORS = ["trafilatura", KILLER]
FIXTURES = load_fixtures([bundled_cassettes()]).fixtures
SEED = 7


def findings(report):
    return [f.to_dict() for f in report.findings]


def figures(report):
    """The score report without what depends on the clock: when it was made, and how long each page took."""
    data = report.to_dict()
    data.pop("created")
    for extractor in data["extractors"]:
        extractor.pop("timing")
    for page in data["page_results"]:
        for result in page["results"].values():
            result["score"].pop("ms", None)
    return data


@pytest.fixture(scope="module")
def kills(tmp_path_factory):
    """Where the killing plugin looks for its orders; set before any Dask worker starts, so they inherit it."""
    folder = tmp_path_factory.mktemp("kills")
    before = os.environ.get(KILLS)
    os.environ[KILLS] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(KILLS, None)
    else:
        os.environ[KILLS] = before


def arm(folder: Path, url: str, mode: str) -> None:
    (folder / "killed").unlink(missing_ok=True)
    (folder / "armed").write_text(f"{url}\n{mode}\n{os.getpid()}\n")


def disarm(folder: Path) -> list[int]:
    """The ids of the processes the plugin killed since it was armed."""
    (folder / "armed").unlink(missing_ok=True)
    killed = folder / "killed"
    pids = [int(line) for line in killed.read_text().split()] if killed.is_file() else []
    killed.unlink(missing_ok=True)
    return pids


@pytest.fixture(scope="module")
def cluster(kills):
    """A LocalCluster started as 'dask worker' starts workers (daemonic processes), configured as
    docs/cluster.md asks of a scheduler: a shard given up after three dead workers, one task per thread."""
    import dask
    from distributed import Client, LocalCluster

    config = {"distributed.scheduler.allowed-failures": ATTEMPTS - 1, "distributed.scheduler.worker-saturation": 1.0}
    with (
        dask.config.set(config),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        Client(local, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def local_check(kills):
    return check(extractors=EXTRACTORS, jobs=2)


@pytest.fixture(scope="module")
def local_score(kills):
    report = score(extractors=EXTRACTORS, jobs=2, seed=SEED, resamples=200)
    yield report
    report.close()


def test_check_on_a_local_cluster_finds_what_the_local_pool_finds(local_check):
    pages, shards = [], []
    report = check(
        extractors=EXTRACTORS, jobs=2, executor="dask", shard_size=4,
        progress=lambda done, total: pages.append((done, total)),
        on_shard=lambda done, total: shards.append((done, total)),
    )  # fmt: skip
    assert report.problems == []
    assert report.fixtures == local_check.fixtures
    assert findings(report) == findings(local_check)
    assert [r.extraction for r in report.results] == [r.extraction for r in local_check.results]
    # Pages count as shards complete; the last call knows every shard.
    assert pages[-1] == (len(FIXTURES), len(FIXTURES))
    count = math.ceil(len(FIXTURES) / 4)
    assert [done for done, _ in shards] == list(range(1, count + 1))
    assert shards[-1] == (count, count)


def test_score_on_a_local_cluster_gives_the_local_pool_figures(local_score):
    report = score(extractors=EXTRACTORS, jobs=2, seed=SEED, resamples=200, executor="dask", shard_size=6)
    try:
        assert figures(report) == figures(local_score)
        assert report.pages == len(FIXTURES)
    finally:
        report.close()


def test_a_worker_killed_mid_run_costs_nothing(cluster, kills, local_check, local_score):
    workers = set(cluster.run(os.getpid).values())
    victim = FIXTURES[9].page.url  # the third shard, with more after it
    arm(kills, victim, "once")
    report = check(
        extractors=EXTRACTORS, executor="dask", scheduler=cluster.scheduler.address, shard_size=4
    )  # fmt: skip
    [killed] = disarm(kills)
    assert killed in workers  # a Dask worker died, not only the harness's per-page process
    assert killed not in set(cluster.run(os.getpid).values())
    assert report.problems == []
    assert findings(report) == findings(local_check)

    arm(kills, victim, "once")
    scored = score(
        extractors=EXTRACTORS, seed=SEED, resamples=200, executor="dask", scheduler=cluster.scheduler.address,
        shard_size=4,
    )  # fmt: skip
    try:
        assert len(disarm(kills)) == 1
        assert figures(scored) == figures(local_score)
    finally:
        scored.close()


def test_a_shard_that_fails_three_times_is_reported_with_its_pages_and_the_rest_runs(cluster, kills):
    victim = FIXTURES[5].page.url  # the second shard: pages 5 to 8
    arm(kills, victim, "always")
    report = check(extractors=[KILLER], executor="dask", scheduler=cluster.scheduler.address, shard_size=4)
    assert len(disarm(kills)) == ATTEMPTS
    [problem] = report.problems
    assert isinstance(problem, ShardError)
    lost = [f.name for f in FIXTURES[4:8]]
    assert str(problem) == (
        "shard 2 (pages 5-8): failed on the Dask cluster 3 times, the last with its worker dying (KilledWorker); "
        f"its 4 pages were not run: {', '.join(repr(name) for name in lost)}"
    )
    assert report.fixtures == [f.name for f in FIXTURES if f.name not in lost]
    assert report.exit_status() == 2


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """Eight bundled pages and a PNG in a WARC, with truth for five of them."""
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    pages = FIXTURES[:8]
    write_warc(path, [
        *map(page_of, pages[:4]),
        Response("https://img.example/a.png", b"\x89PNG", content_type="image/png"),
        *map(page_of, pages[4:]),
    ])  # fmt: skip
    write_truths(path, pages[:5])
    return path


def test_a_warc_checked_and_scored_on_a_cluster_as_on_the_local_pool(cluster, crawl):
    address = cluster.scheduler.address
    local = check(corpora=[crawl], extractors=EXTRACTORS, jobs=2)
    remote = check(corpora=[crawl], extractors=EXTRACTORS, executor="dask", scheduler=address, shard_size=3)
    assert remote.fixtures == local.fixtures
    assert len(remote.fixtures) == 8
    assert findings(remote) == findings(local)
    assert [str(s) for s in remote.skipped] == [str(s) for s in local.skipped] != []

    for truth_free in (False, True):
        here = score([crawl], EXTRACTORS, jobs=2, seed=SEED, resamples=200, truth_free=truth_free)
        there = score(
            [crawl], EXTRACTORS, seed=SEED, resamples=200, truth_free=truth_free, executor="dask",
            scheduler=address, shard_size=3,
        )  # fmt: skip
        try:
            assert figures(there) == figures(here)
        finally:
            here.close()
            there.close()


def test_saved_predictions_travel_to_the_workers_with_their_entries(cluster, tmp_path):
    saved = tmp_path / "saved.jsonl"
    lines = [{"url": f.page.url, "title": f.expectation.title} for f in FIXTURES[:6]]  # the rest: missing
    saved.write_text("".join(json.dumps(line) + "\n" for line in lines))
    here = score(predictions=[saved], jobs=2, seed=SEED, resamples=200)
    there = score(predictions=[saved], seed=SEED, resamples=200, executor="dask",
                  scheduler=cluster.scheduler.address, shard_size=5)  # fmt: skip
    try:
        assert figures(there) == figures(here)
        assert there.extractors[0].missing_predictions == len(FIXTURES) - 6
    finally:
        here.close()
        there.close()


def test_the_command_line_scores_on_a_scheduler_as_it_does_here(cluster, tmp_path):
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    common = ["score", "-e", "trafilatura", "--seed", "3", "--resamples", "100", "--format", "json"]
    first = CliRunner().invoke(main, [*common, "-j", "2", "--output", str(here)])
    second = CliRunner().invoke(
        main, [*common, "--executor", "dask", "--scheduler", cluster.scheduler.address, "--shard-size", "7",
               "--output", str(there)],
    )  # fmt: skip
    assert first.exit_code == second.exit_code == 0, second.output
    reports = [json.loads(path.read_text()) for path in (here, there)]
    for report in reports:
        report.pop("created")
        report["extractors"][0].pop("timing")
        for page in report["page_results"]:
            page["results"]["trafilatura"]["score"].pop("ms", None)
    assert reports[0] == reports[1]


def test_without_dask_the_executor_is_a_one_line_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    result = CliRunner().invoke(main, ["check", "--executor", "dask", "-e", "tests.plugins:titles"])
    assert result.exit_code == 2
    assert result.output == (
        "harness: error: --executor dask needs dask.distributed, which is not installed here: "
        "pip install 'news-harness[dask]'\n"
    )


def test_a_scheduler_without_the_dask_executor_is_refused():
    result = CliRunner().invoke(main, ["score", "--scheduler", "tcp://127.0.0.1:8786", "-e", "tests.plugins:titles"])
    assert result.exit_code == 2
    assert result.output == (
        "harness: error: --scheduler 'tcp://127.0.0.1:8786' is for the dask executor: add --executor dask\n"
    )


def test_the_executor_and_scheduler_come_from_tool_harness():
    config = parse_config({"executor": "dask", "scheduler": "tcp://10.0.0.5:8786"}, root=Path())
    assert (config.executor, config.scheduler) == ("dask", "tcp://10.0.0.5:8786")
    assert (parse_config({}, root=Path()).executor, parse_config({}, root=Path()).scheduler) == ("local", None)
    with pytest.raises(ValueError, match=r"executor = 'spark'; use one of 'local', 'dask'"):
        parse_config({"executor": "spark"}, root=Path())
    with pytest.raises(ValueError, match="scheduler must be an address as a string"):
        parse_config({"scheduler": 8786}, root=Path())


def test_the_configured_executor_runs_the_command_on_dask(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.harness]\nexecutor = "dask"\nscheduler = "tcp://127.0.0.1:9"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("harness.running.distributed.CONNECT_TIMEOUT", 0.5)
    result = CliRunner().invoke(main, ["check", "-e", "tests.plugins:titles", str(bundled_cassettes())])
    assert result.exit_code == 2
    assert result.output.startswith("harness: error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")
    # --executor local on the command line wins over the configuration, and ignores its scheduler.
    result = CliRunner().invoke(main, ["check", "--executor", "local", "-e", "tests.plugins:titles", "-j", "1",
                                       str(bundled_cassettes())])  # fmt: skip
    assert result.exit_code == 1, result.output  # the plugin's titles are wrong: error findings, no problem
