"""Running extractors on a Dask cluster: the corpus in shards, each a task that runs the local pool.

The client streams the pages and cuts them into shards of consecutive pages
(what the corpus yields: loaded fixtures, cassette references, WARC records),
submitting one whenever it has ``shard_size`` pages and keeping about two per
worker thread in flight, so its memory stays flat in the corpus's size. Each
shard is one Dask task: on the worker, :func:`~.pool.run_pages` with one
worker process runs every extractor on every page of it as ``check`` does
here (a process of its own, the hard deadline, ``--memory-mb``, the network
refused, the clock frozen), grades each result in the Dask worker (never in
the process that ran extractor code) with the caller's ``analyse``, and sends
back compact rows: a :class:`~.pool.PageOutcome` per page, numbered as the
client numbered it.

A task whose Dask worker dies is rescheduled by the scheduler; one that
raises is retried; a shard that fails :data:`ATTEMPTS` times is given up and
each of its pages comes back with the same :class:`ShardError` naming them,
while the rest of the run goes on. The task's key names its shard, and each
shard's rows are merged once, so a retried shard never counts twice.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import sys
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import ExtractorError, FixtureError, UsageError, listed
from .pool import PageOutcome, run_pages

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from ..core import Fixture
    from ..extractors import LoadedExtractor
    from ..fixtures import PageRef
    from .pool import Analyse, RunSettings

    Item = Fixture | PageRef

__all__ = ["ATTEMPTS", "EXECUTORS", "SHARD_SIZE", "ShardError", "executed", "run_on_dask"]

#: Where extractors can run: this machine's worker pool, or a Dask cluster.
EXECUTORS = ("local", "dask")
#: Pages per shard (one Dask task). Each shard starts a fresh extractor process on its worker, whose
#: first pages pay the extractor's warm-up (trafilatura: about 0.25 s): 200 pages make that a
#: millisecond a page, and still leave a lost worker little to redo.
SHARD_SIZE = 200
#: Times a shard is tried (its worker died, or the task raised) before it is given up.
ATTEMPTS = 3
#: Seconds to wait for a remote scheduler to answer, and for its first worker to join.
CONNECT_TIMEOUT = 30.0
#: The cluster this module starts (no --scheduler): a shard given up after ATTEMPTS dead workers;
#: one task per worker thread at a time (the rest wait at the scheduler, so a dying worker seldom
#: takes an innocent shard's attempt with it); worker processes that may start the pool's own processes.
_CLUSTER_CONFIG = {
    "distributed.scheduler.allowed-failures": ATTEMPTS - 1,
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.daemon": False,
}
_INSTALL = "pip install 'news-harness[dask]'"


def _version() -> str:
    """This process's news-harness version (the package is loaded: this module is part of it)."""
    return str(getattr(sys.modules[__name__.partition(".")[0]], "__version__", ""))


class ShardError(FixtureError):
    """A shard the cluster gave up on: its pages were not run. Every page of it carries this one error."""


@dataclass(frozen=True)
class Shard:
    """Consecutive pages of the run: the number of the first, and the pages as the corpus gave them."""

    number: int
    first: int
    items: tuple[Item, ...]


def executed(
    pages: Iterable[Item],
    extractors: Sequence[LoadedExtractor],
    settings: RunSettings,
    *,
    executor: str = "local",
    scheduler: str | None = None,
    jobs: int = 1,
    shard_size: int = SHARD_SIZE,
    analyse: Analyse | None = None,
    keep_results: bool = True,
    on_shard: Callable[[int, int | None], None] | None = None,
) -> Iterator[PageOutcome]:
    """The outcomes of :func:`~.pool.run_pages` on this machine's pool of ``jobs`` processes (``"local"``),
    or of :func:`run_on_dask` (``"dask"``: ``jobs`` is the size of the LocalCluster it starts without
    ``scheduler``).

    Raises:
        UsageError: an unknown executor, a scheduler for the local one, or what :func:`run_on_dask` raises.
    """
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r}: use one of {', '.join(EXECUTORS)}")
    if executor == "local":
        if scheduler is not None:
            raise UsageError(f"a scheduler ({scheduler!r}) is for the dask executor: add --executor dask")
        return run_pages(pages, extractors, settings, jobs=jobs, analyse=analyse, keep_results=keep_results)
    return run_on_dask(
        pages, extractors, settings, scheduler=scheduler, workers=jobs, shard_size=shard_size, analyse=analyse,
        keep_results=keep_results, on_shard=on_shard,
    )  # fmt: skip


def run_on_dask(
    pages: Iterable[Item],
    extractors: Sequence[LoadedExtractor],
    settings: RunSettings,
    *,
    scheduler: str | None = None,
    workers: int = 1,
    shard_size: int = SHARD_SIZE,
    analyse: Analyse | None = None,
    keep_results: bool = True,
    on_shard: Callable[[int, int | None], None] | None = None,
) -> Iterator[PageOutcome]:
    """Run every extractor on every page on a Dask cluster; yield each page's outcome as its shard completes.

    The outcomes are those :func:`~.pool.run_pages` gives (numbered in the
    order of ``pages``), without the loaded page, shard by shard in the order
    the shards complete. ``scheduler`` is the address of a running scheduler;
    without one, a ``LocalCluster`` of ``workers`` single-threaded worker
    processes is started and closed at the end. ``analyse`` runs on the
    workers (it must pickle); what it returns comes back in
    ``PageOutcome.analyses``. ``on_shard`` is called with the shards done
    and the shards in all (None until the last is submitted).

    Raises:
        UsageError: dask is not installed, the scheduler cannot be reached or has no worker.
        ExtractorError: the extractors cannot be loaded on a worker (not installed there, or refused).
    """
    if shard_size < 1:
        raise UsageError(f"shard size {shard_size!r}: give 1 page or more")
    if scheduler is None and workers < 1:
        raise UsageError(
            f"--jobs {workers} with --executor dask: give 1 or more (the LocalCluster's workers); "
            "0, extractors in this process, is for --executor local"
        )
    distributed = _import_distributed()  # here, not at the first page: a missing dask is a usage error at once
    run = _Run(distributed, extractors, settings, shard_size, analyse, keep_results, on_shard)
    return run.run(pages, scheduler, workers)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--executor dask needs dask.distributed, which is not installed here: {_INSTALL}") from None
    return distributed


@contextlib.contextmanager
def _client(distributed: Any, scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster started (and closed) here."""
    import dask

    if scheduler is None:
        with dask.config.set(_CLUSTER_CONFIG):
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )  # fmt: skip
            try:
                with distributed.Client(cluster, set_as_default=False) as client:
                    yield client
            finally:
                cluster.close()
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        msg = (
            f"cannot reach the Dask scheduler at {scheduler!r} (from --scheduler): {error}. "
            "Start one with 'dask scheduler' and give its address (tcp://HOST:8786); see docs/cluster.md"
        )
        raise UsageError(msg) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            msg = (
                f"the Dask scheduler at {scheduler!r} has no worker ({error}): start some with "
                f"'dask worker {scheduler} --nthreads 1 --nworkers N' where news-harness and the extractors "
                "are installed"
            )
            raise UsageError(msg) from None
        yield client


class _Run:
    def __init__(
        self, distributed: Any, extractors: Sequence[LoadedExtractor], settings: RunSettings,
        shard_size: int, analyse: Analyse | None, keep_results: bool,
        on_shard: Callable[[int, int | None], None] | None,
    ) -> None:  # fmt: skip
        self.distributed = distributed
        self.client: Any = None
        self.extractors = extractors
        self.settings = settings
        self.shard_size = shard_size
        self.analyse = analyse
        self.keep_results = keep_results
        self.on_shard = on_shard
        self.token = uuid.uuid4().hex

    def _shipped(self) -> Any:
        """The extractors as one task's result every shard depends on: pickled once, loaded (and checked)
        on a worker before any shard is sent, recomputed by Dask if the worker holding it dies."""
        import cloudpickle

        blob = cloudpickle.dumps(list(self.extractors))
        future = self.client.submit(
            _load_extractors, blob, self.token, _version(), key=f"harness-extractors-{self.token}", pure=False
        )
        try:
            future.result()
        except ExtractorError:
            raise
        except Exception as error:
            msg = (
                f"the extractors cannot be loaded on the Dask workers ({type(error).__name__}: {error}): "
                "install news-harness and every extractor's package on each worker (see docs/cluster.md)"
            )
            raise ExtractorError(msg) from None
        return future

    def _limit(self) -> int:
        """Shards in flight: about two per worker thread, so none waits for the client."""
        threads: int = sum(self.client.nthreads().values())
        return 2 * max(threads, 1) + 1

    def run(self, pages: Iterable[Item], scheduler: str | None, workers: int) -> Iterator[PageOutcome]:
        with _client(self.distributed, scheduler, workers) as self.client:
            yield from self._sharded(pages)

    def _sharded(self, pages: Iterable[Item]) -> Iterator[PageOutcome]:
        shipped = self._shipped()
        source = enumerate(pages)
        in_flight: dict[str, tuple[Any, Shard]] = {}
        completed = self.distributed.as_completed(loop=self.client.loop)
        submitted = done = 0
        exhausted = False

        def submit_more() -> None:
            nonlocal submitted, exhausted
            while not exhausted and len(in_flight) < self._limit():
                shard = self._cut(submitted, source)
                if shard is None:
                    exhausted = True
                    break
                future = self.client.submit(
                    _run_shard, shipped, self.token, shard, self.settings, self.analyse, self.keep_results,
                    key=f"harness-shard-{self.token}-{shard.number}", pure=False, retries=ATTEMPTS - 1,
                )  # fmt: skip
                in_flight[future.key] = (future, shard)
                completed.add(future)
                submitted += 1

        submit_more()
        try:
            while in_flight:
                future = next(completed)
                if future.key not in in_flight:  # merged already: a shard's rows count once
                    continue
                _, shard = in_flight.pop(future.key)
                rows = self._rows(future, shard)
                future.release()
                done += 1
                submit_more()  # before handing the rows over: the cluster keeps working meanwhile
                if self.on_shard is not None:
                    self.on_shard(done, submitted if exhausted else None)
                yield from rows
        finally:
            if in_flight:  # stopped early (an error, Ctrl-C): nothing left running for us
                with contextlib.suppress(Exception):
                    self.client.cancel([future for future, _ in in_flight.values()], force=True)
            shipped.release()

    def _cut(self, number: int, source: Iterator[tuple[int, Item]]) -> Shard | None:
        """The next ``shard_size`` pages, or None when there are none left."""
        items: list[Item] = []
        first = -1
        for index, item in source:
            if not items:
                first = index
            items.append(item)
            if len(items) == self.shard_size:
                break
        return Shard(number, first, tuple(items)) if items else None

    def _rows(self, future: Any, shard: Shard) -> list[PageOutcome]:
        """The shard's outcomes, or, when the cluster gave up on it, one :class:`ShardError` on each of its pages."""
        if future.status == "finished":
            with contextlib.suppress(Exception):
                rows: list[PageOutcome] = future.result()
                return rows
        try:
            error = future.exception()
        except Exception as cancelled:  # cancelled, or lost with the scheduler
            error = cancelled
        names = [item.name for item in shard.items]
        # A shard whose workers died was tried the scheduler's allowed-failures plus once (KilledWorker says).
        attempts = getattr(error, "allowed_failures", ATTEMPTS - 1) + 1
        last = f"{attempts} times, the last with {_cause(error)}"
        reason = f"failed on the Dask cluster {last}; its {len(names)} pages were not run: {listed(names, limit=5)}"
        problem = ShardError(f"shard {shard.number + 1} (pages {shard.first + 1}-{shard.first + len(names)})", reason)
        return [PageOutcome(shard.first + i, name, [], problem=problem) for i, name in enumerate(names)]


def _cause(error: BaseException | None) -> str:
    """What ended a shard's last attempt, in a few words."""
    if error is None:
        return "no result"
    if type(error).__name__ == "KilledWorker":  # its message is a paragraph about worker logs
        return "its worker dying (KilledWorker)"
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = text if len(text) <= 160 else text[:157] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# -- on the Dask worker -------------------------------------------------------------------------

#: The extractors each run sent to this worker process, by the run's token (the last few runs').
_LOADED: dict[str, list[LoadedExtractor]] = {}
_KEPT = 4


def _loaded(blob: bytes, token: str) -> list[LoadedExtractor]:
    """The run's extractors, unpickled once per worker process under the guard that refuses a plugin
    whose import changes the harness (as the client's registry does: this process grades)."""
    import pickle

    from ..extractors import untouched

    if token not in _LOADED:
        with untouched("the extractors sent to this Dask worker"):
            extractors: list[LoadedExtractor] = pickle.loads(blob)  # our own client's pickle
        _LOADED[token] = extractors
        while len(_LOADED) > _KEPT:
            del _LOADED[next(iter(_LOADED))]
    return _LOADED[token]


def _load_extractors(blob: bytes, token: str, version: str) -> bytes:
    """Check that this worker runs the client's news-harness and can load the run's extractors; the blob."""
    if version != _version():
        msg = (
            f"a Dask worker runs news-harness {_version()}, this client {version}: install the same version "
            "on every worker, or results would differ with the worker that ran them"
        )
        raise ExtractorError(msg)
    _loaded(blob, token)
    return blob


def _ready_to_fork() -> None:
    """Let this Dask worker start the pool's processes, with what they need already loaded.

    ``dask worker`` starts its workers as daemonic processes by default, and
    multiprocessing refuses children to those. The flag's purpose, no child
    outliving its worker, the pool ensures on its own (each of its processes
    dies with its parent and is killed with its process group). The frozen
    clock's module is imported here, once, not in each shard's fresh process:
    there it would cost an eighth of a second each time, mapped under
    ``--memory-mb``'s limit on top of everything a Dask worker has mapped.
    """
    import time_machine  # noqa: F401

    config = getattr(multiprocessing.current_process(), "_config", None)
    if isinstance(config, dict) and config.get("daemon"):
        config["daemon"] = False


def _run_shard(
    blob: bytes, token: str, shard: Shard, settings: RunSettings, analyse: Analyse | None, keep_results: bool
) -> list[PageOutcome]:
    """One shard, on a Dask worker: the pool of one process, graded here; the rows numbered as the client did."""
    extractors = _loaded(blob, token)
    _ready_to_fork()
    rows = []
    for outcome in run_pages(
        shard.items, extractors, settings, jobs=1, analyse=analyse, keep_results=keep_results
    ):  # fmt: skip
        outcome.index += shard.first
        outcome.fixture = None  # the client has what it gave (a loaded fixture) or needs none (a reference)
        rows.append(outcome)
    rows.sort(key=lambda row: row.index)
    return rows
