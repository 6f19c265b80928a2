"""Running extractors over pages in worker processes, so one bad page costs that page only.

The parent loads each page (its truth sealed before any extractor ran) and
hands it to a worker, which runs every requested extractor on it,
announcing each start and sending back what each extractor gave as plain
data. The parent grades it: the checks, the clock check's verdict and the
caller's ``analyse`` run in the parent, never in a process that ran
extractor code, so an extractor that patches the harness in its worker
changes no verdict. The parent watches: a worker that runs past its hard deadline is killed (a hang that
the in-worker alarm could not interrupt) and one that dies (a crash, an
``os._exit``, the out-of-memory killer) is noticed by its sentinel. Either
way the extractor that was running gets a timeout or error result, the
page's remaining extractors go back on the queue, and a fresh worker takes
the dead one's place.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..checks import make_finding
from ..core import Fixture, FixtureError, RunResult
from .runner import DEFAULT_TIMEOUT, Extracted, extract, grade

if TYPE_CHECKING:
    from ..extractors import LoadedExtractor
    from ..fixtures import PageRef

    Item = Fixture | PageRef

__all__ = ["PageOutcome", "RunSettings", "run_contained", "run_pages"]

#: Seconds a worker may overrun its extractor's own budget before it is killed.
GRACE = 5.0
#: Seconds between a waiting worker's checks that its parent is alive.
_LIVENESS = 1.0
#: prctl(2) option: the signal the kernel sends this process when its parent dies.
_PR_SET_PDEATHSIG = 1
#: Pages a worker runs before a fresh one replaces it, so that what extractors
#: cache or leak (htmldate's date caches, lxml's arenas) cannot grow with the corpus.
RECYCLE = 500


@dataclass(frozen=True)
class RunSettings:
    """How each extractor runs on each page."""

    timeout: float | None = DEFAULT_TIMEOUT
    clock_check: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    memory_mb: int | None = None
    #: Seconds a worker may overrun the budget before it is killed from outside.
    grace: float = GRACE
    #: Record remote extractors' calls beside each fixture (``--record-extractor-calls``).
    record_calls: bool = False


@dataclass
class PageOutcome:
    """Every extractor's result on one page, in extractor order, or why the page could not load.

    ``fixture`` is the loaded page when the caller passed loaded pages; for
    :class:`~harness.fixtures.PageRef` items only ``name`` comes back (the
    page is dropped once graded, so a corpus run holds one page per worker).
    ``analyses`` holds what the caller's ``analyse`` returned for each
    result, in the same order.
    """

    index: int
    name: str
    results: list[RunResult]
    analyses: list[Any] = field(default_factory=list)
    fixture: Fixture | None = None
    problem: FixtureError | None = None


Analyse = Callable[[Fixture, "LoadedExtractor", RunResult], Any]


# What travels between the parent and a worker.
@dataclass(frozen=True)
class _Task:
    """Run the extractors ``wanted`` (indices) on page ``number``."""

    number: int
    fixture: Fixture
    wanted: tuple[int, ...]


@dataclass(frozen=True)
class _Started:
    """The worker started extractor ``index`` on the page (its hard deadline starts now)."""

    index: int


@dataclass(frozen=True)
class _Finished:
    """Extractor ``index`` finished on the page: what it gave, ungraded."""

    index: int
    extracted: Extracted


@dataclass(frozen=True)
class _PageDone:
    """Every wanted extractor ran on the page; saved predictions' results travel here, batched."""

    batched: tuple[_Finished, ...]


def _extract(extractor: LoadedExtractor, fixture: Fixture, settings: RunSettings) -> Extracted:
    return extract(
        extractor, fixture, timeout=settings.timeout, clock_check=settings.clock_check,
        record_calls=settings.record_calls,
    )  # fmt: skip


def _grade(
    extractor: LoadedExtractor, fixture: Fixture, extracted: Extracted, settings: RunSettings,
    analyse: Analyse | None, keep_results: bool,
) -> tuple[RunResult, Any]:  # fmt: skip
    """Grade what a worker sent back, and analyse it: in the parent."""
    result = grade(
        extractor, fixture, extracted, timeout=settings.timeout, clock_check=settings.clock_check,
        options=settings.options,
    )  # fmt: skip
    return _analysed(extractor, fixture, result, analyse, keep_results)


def _analysed(
    extractor: LoadedExtractor, fixture: Fixture, result: RunResult, analyse: Analyse | None, keep_results: bool
) -> tuple[RunResult, Any]:
    """``result`` with the caller's analysis of it; its extraction dropped unless the caller keeps results."""
    analysis = analyse(fixture, extractor, result) if analyse else None
    if not keep_results:  # the analysis has what the caller needs
        result.extraction = None
    return result, analysis


def _load(number: int, item: Item) -> Fixture | PageOutcome:
    """The page of ``item``, loaded here, or the outcome that says why it could not be."""
    if isinstance(item, Fixture):
        return item
    try:
        return item.load()
    except FixtureError as error:
        return PageOutcome(number, item.name, [], problem=error)
    except Exception as error:  # a reader bug must cost this page, not the run
        return PageOutcome(number, item.name, [], problem=FixtureError(item.name, f"could not be loaded: {error!r}"))


def _tie_to_parent(parent: int, inherited: Sequence[multiprocessing.connection.Connection]) -> None:
    """Make this worker die with the harness, however the harness dies.

    The parent's ends of every pipe, inherited through fork, are closed (a
    worker holding them would never see end-of-file); on Linux the kernel
    kills the worker when the parent dies; the worker leads its own process
    group, so the parent can kill whatever an extractor spawns along with it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork
    for conn in inherited:
        with contextlib.suppress(OSError):
            conn.close()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    if os.getppid() != parent:  # the parent died before the line above could take effect
        os._exit(1)


def _next_task(conn: multiprocessing.connection.Connection, parent: int) -> _Task | None:
    """The next task, or None when the parent says stop, closes the pipe or is gone."""
    while not conn.poll(_LIVENESS):
        if os.getppid() != parent:  # where no parent-death signal exists
            return None
    try:
        task: _Task | None = conn.recv()
    except (EOFError, OSError):
        return None
    return task


def _worker(
    conn: multiprocessing.connection.Connection,
    extractors: Sequence[LoadedExtractor],
    settings: RunSettings,
    ties: tuple[int, Sequence[multiprocessing.connection.Connection]],
) -> None:
    parent = ties[0]
    _tie_to_parent(*ties)
    if settings.memory_mb:
        import resource

        limit = settings.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        task = _next_task(conn, parent)
        if task is None:
            return
        fixture = task.fixture
        batched = []
        for index in task.wanted:
            # Saved predictions run no code that could hang or crash: their results
            # travel with the page's end, one message per page instead of two per result.
            live = extractors[index].lookup is None
            if live:
                conn.send(_Started(index))
            finished = _Finished(index, _extract(extractors[index], fixture, settings))
            if live:
                conn.send(finished)
            else:
                batched.append(finished)
        conn.send(_PageDone(tuple(batched)))


@dataclass
class _Slot:
    process: Any
    conn: multiprocessing.connection.Connection
    task: _Task | None = None
    running: int | None = None
    deadline: float | None = None
    pages: int = 0


def _failure(fixture: Fixture, extractor: LoadedExtractor, check: str, message: str) -> RunResult:
    finding = make_finding(fixture.name, extractor.name, check, message)
    return RunResult(
        fixture.name, extractor.name, None, [finding], status="timeout" if check == "extractor.timeout" else "error"
    )


def run_pages(
    pages: Iterable[Item],
    extractors: Sequence[LoadedExtractor],
    settings: RunSettings,
    *,
    jobs: int = 1,
    analyse: Analyse | None = None,
    keep_results: bool = True,
) -> Iterator[PageOutcome]:
    """Run every extractor on every page; yield each page's outcome as it completes.

    ``jobs=0`` runs in this process (no protection against crashes, hard
    hangs or an extractor that patches the harness); ``jobs>=1`` uses that
    many worker processes. ``analyse`` runs in this process after each
    result is graded; what it returns lands in ``PageOutcome.analyses``.
    """
    if jobs <= 0:
        for number, item in enumerate(pages):
            fixture = _load(number, item)
            if isinstance(fixture, PageOutcome):
                yield fixture
                continue
            results, analyses = [], []
            for extractor in extractors:
                extracted = _extract(extractor, fixture, settings)
                result, analysis = _grade(extractor, fixture, extracted, settings, analyse, keep_results)
                results.append(result)
                analyses.append(analysis)
            yield PageOutcome(number, fixture.name, results, analyses, fixture=fixture)
        return
    yield from _Pool(extractors, settings, jobs, analyse, keep_results).run(pages)


def run_contained(
    extractor: LoadedExtractor,
    fixture: Fixture,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    clock_check: bool = True,
    options: Mapping[str, Any] | None = None,
) -> RunResult:
    """One extractor on one page in a worker process of its own, graded here: what ``check`` does
    for each page, for callers that take one page at a time (the pytest plugin).

    The worker's hard deadline holds whatever the extractor does (a bare
    ``except:`` that swallows the in-worker alarm, a spin on a frozen clock),
    and a crash costs this page only.
    """
    settings = RunSettings(timeout=timeout, clock_check=clock_check, options=options or {})
    [outcome] = run_pages([fixture], [extractor], settings, jobs=1)
    return outcome.results[0]


class _Pool:
    def __init__(
        self, extractors: Sequence[LoadedExtractor], settings: RunSettings, jobs: int,
        analyse: Analyse | None, keep_results: bool,
    ) -> None:  # fmt: skip
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit the loaded extractors and predictions instead of re-importing them.
        self.forks = "fork" in methods
        self.context = multiprocessing.get_context("fork" if self.forks else "spawn")
        self.extractors = extractors
        self.settings = settings
        self.analyse = analyse
        self.keep_results = keep_results
        self.jobs = jobs
        budget = (settings.timeout or 0) * (2 if settings.clock_check else 1)
        self.hard_limit = budget + settings.grace if settings.timeout else None
        self.slots: list[_Slot] = []

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        # Under fork the worker gets the parent's pipe ends as they are, and closes them.
        inherited = [slot.conn for slot in self.slots] + [parent] if self.forks else []
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_worker,
            args=(child, self.extractors, self.settings, (os.getpid(), inherited)),
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def _stop(self, slot: _Slot, *, kill: bool) -> None:
        """Stop a worker (killed, when ``kill``), then whatever its extractors spawned."""
        if kill and slot.process.is_alive():
            os.kill(slot.process.pid, signal.SIGKILL)
        slot.process.join(timeout=5)
        if slot.process.is_alive():  # asked to stop, but stuck
            os.kill(slot.process.pid, signal.SIGKILL)
            slot.process.join(timeout=5)
        with contextlib.suppress(OSError):  # the worker's own process group: its extractors' children
            os.killpg(slot.process.pid, signal.SIGKILL)
        slot.conn.close()

    def run(self, pages: Iterable[Item]) -> Iterator[PageOutcome]:
        source = enumerate(pages)
        queue: collections.deque[_Task] = collections.deque()
        partial: dict[int, dict[int, tuple[RunResult, Any]]] = {}
        fixtures: dict[int, Item] = {}
        exhausted = False
        everyone = tuple(range(len(self.extractors)))
        self.slots = []
        for _ in range(self.jobs):  # one by one: each new worker closes the pipe ends of those before it
            self.slots.append(self._start())
        try:
            while True:
                for index, slot in enumerate(self.slots):
                    if slot.task is not None:
                        continue
                    if slot.pages >= RECYCLE:
                        with contextlib.suppress(OSError):
                            slot.conn.send(None)
                        self._stop(slot, kill=False)
                        slot = self.slots[index] = self._start()
                    while not queue and not exhausted:
                        try:
                            number, item = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                        # Loaded here, not in the worker: the parent grades it with its own copy.
                        loaded = _load(number, item)
                        if isinstance(loaded, PageOutcome):
                            yield loaded
                            continue
                        fixtures[number] = item  # the page itself travels with its task
                        partial[number] = {}
                        queue.append(_Task(number, loaded, everyone))
                    if queue:
                        slot.task = queue.popleft()
                        slot.conn.send(slot.task)
                if exhausted and not queue and all(slot.task is None for slot in self.slots):
                    return
                yield from self._collect(partial, fixtures, queue)
        finally:
            for slot in self.slots:
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
                self._stop(slot, kill=slot.task is not None)

    def _collect(
        self,
        partial: dict[int, dict[int, tuple[RunResult, Any]]],
        fixtures: dict[int, Item],
        queue: collections.deque[_Task],
    ) -> Iterator[PageOutcome]:
        busy = [slot for slot in self.slots if slot.task is not None]
        deadlines = [slot.deadline for slot in busy if slot.deadline is not None]
        wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: list[Any] = [slot.conn for slot in busy] + [slot.process.sentinel for slot in busy]
        ready = multiprocessing.connection.wait(handles, timeout=wait)
        for slot in busy:
            assert slot.task is not None
            number = slot.task.number
            died = slot.process.sentinel in ready and not slot.conn.poll()
            while not died and slot.conn in ready and slot.conn.poll():
                try:
                    message = slot.conn.recv()
                except (EOFError, OSError):
                    died = True
                    break
                if isinstance(message, _Started):
                    slot.running = message.index
                    slot.deadline = time.monotonic() + self.hard_limit if self.hard_limit else None
                elif isinstance(message, _Finished):
                    partial[number][message.index] = self._graded(slot.task.fixture, message)
                    slot.running, slot.deadline = None, None
                elif isinstance(message, _PageDone):
                    for finished in message.batched:
                        partial[number][finished.index] = self._graded(slot.task.fixture, finished)
                    slot.task = None
                    slot.pages += 1
                    if len(partial[number]) == len(self.extractors):
                        yield self._outcome(number, fixtures, partial)
                    break
            overdue = slot.deadline is not None and time.monotonic() > slot.deadline
            if slot.task is not None and (died or overdue):
                yield from self._replace(slot, died=died, partial=partial, fixtures=fixtures, queue=queue)

    def _replace(
        self,
        slot: _Slot,
        *,
        died: bool,
        partial: dict[int, dict[int, tuple[RunResult, Any]]],
        fixtures: dict[int, Item],
        queue: collections.deque[_Task],
    ) -> Iterator[PageOutcome]:
        assert slot.task is not None
        number, fixture, wanted = slot.task.number, slot.task.fixture, slot.task.wanted
        self._stop(slot, kill=not died)
        code = slot.process.exitcode
        culprit = (
            slot.running
            if slot.running is not None
            else next((i for i in wanted if i not in partial[number]), wanted[0])
        )
        extractor = self.extractors[culprit]
        if died:
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            result = _failure(fixture, extractor, "extractor.error",
                              f"crashed its worker process ({how}) on this page")  # fmt: skip
        else:
            message = f"did not return within {self.hard_limit:g} s and its worker was killed"
            result = _failure(fixture, extractor, "extractor.timeout", message)
        partial[number][culprit] = _analysed(extractor, fixture, result, self.analyse, self.keep_results)
        rest = tuple(i for i in wanted if i not in partial[number])
        index = self.slots.index(slot)
        self.slots[index] = self._start()
        if rest:
            queue.appendleft(_Task(number, fixture, rest))
        elif len(partial[number]) == len(self.extractors):
            yield self._outcome(number, fixtures, partial)

    def _graded(self, fixture: Fixture, finished: _Finished) -> tuple[RunResult, Any]:
        extractor = self.extractors[finished.index]
        return _grade(extractor, fixture, finished.extracted, self.settings, self.analyse, self.keep_results)

    def _outcome(
        self, number: int, fixtures: dict[int, Item],
        partial: dict[int, dict[int, tuple[RunResult, Any]]],
    ) -> PageOutcome:  # fmt: skip
        done = partial.pop(number)
        item = fixtures.pop(number)
        ordered = [done[i] for i in range(len(self.extractors))]
        loaded = item if isinstance(item, Fixture) else None
        return PageOutcome(number, item.name, [r for r, _ in ordered], [e for _, e in ordered], fixture=loaded)
