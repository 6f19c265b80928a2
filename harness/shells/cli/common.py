"""What every command shares: the extractor option, errors as one line, writing reports, progress."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ...core import HarnessError
    from ...extractors import FieldMap, LoadedExtractor
    from ...render.terminal import Progress
    from ...testing import Config

__all__ = [
    "USAGE", "cluster_options", "corpus_option", "default_jobs", "emit", "emit_report", "examples", "executor_of",
    "extractor_option", "fail", "field_map", "fields_option",
    "format_option", "jobs_option", "load_all", "memory_option", "output_option", "progress", "record_calls_option",
    "resolve_extractors", "shard_label", "timeout_option", "write",
]  # fmt: skip

#: Exit statuses: 0 clean, 1 findings of error severity or a failed gate, 2 a usage or input problem.
USAGE = 2


def extractor_option(help_text: str, *, required: bool = False) -> Callable[[Any], Any]:
    """``-e/--extractor``, repeatable."""
    return click.option(
        "-e", "--extractor", "extractors", multiple=True, required=required, metavar="EXTRACTOR", help=help_text
    )


def examples(*lines: str) -> str:
    """A command's ``--help`` epilog: two or three example command lines, kept as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def format_option(*choices: str) -> Callable[[Any], Any]:
    """``--format``: which rendering of the report goes to stdout (or ``--output``)."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
        help="What to print: " + ", ".join(choices) + " (text adapts to a terminal; every other is plain).",
    )  # fmt: skip


def output_option() -> Callable[[Any], Any]:
    """``--output FILE``: the report written to a file instead of stdout, byte for byte what stdout gets."""
    return click.option(
        "-o", "--output", "output", type=click.Path(dir_okay=False), default=None, metavar="FILE",
        help="Write the report (in --format) to FILE instead of stdout: the same bytes a pipe would get.",
    )  # fmt: skip


def jobs_option() -> Callable[[Any], Any]:
    """``-j/--jobs``, the same default everywhere: one worker per CPU."""
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=0), default=None,
        help="Worker processes. Default: one per CPU. 0 runs extractors in this process, with no protection "
        "from crashes or hangs.",
    )  # fmt: skip


def default_jobs(jobs: int | None) -> int:
    """``--jobs`` as given, else one per CPU."""
    return (os.cpu_count() or 1) if jobs is None else jobs


def resolve_extractors(specs: tuple[str, ...]) -> list[str]:
    """The extractor names given on the command line, checked before any work: a name that is not
    registered ends the command at once (exit 2) with the nearest registered one, never after a run.
    Nothing is imported here; a spec that is known but cannot be loaded (not installed, refused by the
    guard) is reported by the run as a problem beside the rest.
    """
    from ...core import UnknownExtractorError
    from ...extractors import registry, resolve

    known = registry().extractors
    for spec in specs:
        if ":" not in spec and spec not in known:
            try:
                resolve(spec)  # a bare unregistered name: raises with the nearest name, loads nothing
            except UnknownExtractorError as error:
                fail(error)
    return list(specs)


def load_all(specs: tuple[str, ...], fields: FieldMap | None = None) -> list[LoadedExtractor]:
    """Every extractor named on the command line, loaded before any work; any that cannot be ends the command."""
    from ...core import HarnessError
    from ...extractors import resolve

    loaded = []
    for spec in specs:
        try:
            loaded.append(resolve(spec, fields=fields))
        except HarnessError as error:
            fail(error)
    return loaded


def emit_report(
    plain: Callable[[], str], output: str | None, terminal: Callable[[int, bool], str] | None = None
) -> None:
    """A text report: to ``output`` or a pipe as the plain text; on a terminal as ``terminal(width, colour)``
    renders it (fitted to the width, colour unless ``NO_COLOR``)."""
    if output is None and terminal is not None and sys.stdout.isatty():
        from ...render.terminal import colour_wanted, terminal_width

        click.echo(terminal(terminal_width(), colour_wanted(sys.stdout)))
    else:
        emit(plain(), output)


def emit(text: str | Iterable[str], output: str | None) -> None:
    """Print a report (a string, or its pieces in order), or write it to ``output`` with exactly the bytes
    stdout would have got."""
    pieces = [text] if isinstance(text, str) else text
    if output is None:
        for piece in pieces:
            click.echo(piece, nl=False)
        click.echo()
    else:
        write(output, itertools.chain(pieces, ["\n"]))


def fields_option() -> Callable[[Any], Any]:
    """``--fields``: where the fields sit in a framework extractor's items (over ``[tool.harness.fields]``)."""
    return click.option(
        "--fields", "fields", multiple=True, metavar="MAP",
        help="Where the fields sit in the items of web-poet page objects: a built-in map (zyte-article, fundus, "
        "news-please) or FIELD=PATH, repeatable (authors=authors[].name). Default: [tool.harness.fields].",
    )  # fmt: skip


def field_map(given: tuple[str, ...], configured: FieldMap | None) -> FieldMap | None:
    """The field map ``--fields`` gives, else the configured one.

    Raises:
        UsageError: a value that is neither a built-in map's name nor FIELD=PATH, or a bad map.
    """
    from ...core import UsageError
    from ...extractors import parse_field_map

    if not given:
        return configured
    if len(given) == 1 and "=" not in given[0]:
        return parse_field_map(given[0], where="--fields")
    table = {}
    for item in given:
        name, sep, path = item.partition("=")
        if not sep:
            msg = f"--fields {item!r}: give FIELD=PATH (for example authors=authors[].name) or one built-in map's name"
            raise UsageError(msg)
        table[name.strip()] = path.strip()
    return parse_field_map(table, where="--fields")


def record_calls_option() -> Callable[[Any], Any]:
    """``--record-extractor-calls``: remote extractors reach their endpoint once; their calls are kept."""
    return click.option(
        "--record-extractor-calls", "record_calls", is_flag=True,
        help="Let remote extractors (zyte-api, llm:) reach their own endpoint, and nothing else, and record their "
        "calls beside each fixture (__extractor_calls__/); later runs replay them offline.",
    )  # fmt: skip


def corpus_option() -> Callable[[Any], Any]:
    """``--corpus PATH``, repeatable: what ``check``, ``score`` and ``audit`` read in place."""
    return click.option(
        "--corpus", "corpora", multiple=True, type=click.Path(), metavar="PATH",
        help="A fixture folder, a Zyte benchmark folder or a JSONL corpus, read in place; repeatable.",
    )  # fmt: skip


def memory_option() -> Callable[[Any], Any]:
    """``--memory-mb``: the address-space limit of each worker process."""
    return click.option(
        "--memory-mb", type=click.IntRange(min=64), default=None,
        help="Address-space limit of each worker, in MiB (an extractor over it gets a MemoryError).",
    )  # fmt: skip


def timeout_option(default: float | None = None) -> Callable[[Any], Any]:
    """``--timeout``; with no default, ``[tool.harness] timeout`` decides (30 s without one)."""
    if default is None:
        return click.option(
            "--timeout", type=float, default=None,
            help="Seconds per page and extractor. Default: [tool.harness] timeout, else 30.",
        )  # fmt: skip
    return click.option("--timeout", type=float, default=default, show_default=True, help="Seconds per request.")


def cluster_options() -> Callable[[Any], Any]:
    """``--executor``, ``--scheduler`` and ``--shard-size``: where ``check`` and ``score`` run the extractors."""
    options = [
        click.option(
            "--executor", type=click.Choice(["local", "dask"]), default=None,
            help="Where extractors run: local (worker processes here) or dask (a Dask cluster: --scheduler, "
            "else a LocalCluster of --jobs single-threaded workers). Default: [tool.harness] executor, else local.",
        ),
        click.option(
            "--scheduler", metavar="ADDRESS", default=None,
            help="The Dask scheduler to run on (tcp://HOST:8786), with --executor dask; its workers need "
            "news-harness and the extractors. Default: [tool.harness] scheduler, else a LocalCluster.",
        ),
        click.option(
            "--shard-size", type=click.IntRange(min=1), default=None, metavar="PAGES",
            help="Pages per Dask task, with --executor dask. Default: 200.",
        ),
    ]  # fmt: skip

    def decorate(command: Any) -> Any:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def executor_of(executor: str | None, scheduler: str | None, project: Config) -> tuple[str, str | None]:
    """The executor and scheduler to use: the options, else ``[tool.harness]``, else the local pool.

    A ``--scheduler`` given to the local executor ends the command (exit 2); a configured one is
    used only when the executor is dask.
    """
    chosen = executor or project.executor
    if scheduler is not None and chosen != "dask":
        fail(f"--scheduler {scheduler!r} is for the dask executor: add --executor dask")
    return chosen, (scheduler or project.scheduler) if chosen == "dask" else None


def shard_label(bar: Progress) -> Callable[[int, int | None], None] | None:
    """An ``on_shard(done, total)`` callback that says on the bar how many shards are done."""
    if not bar.enabled:
        return None

    def shown(done: int, total: int | None) -> None:
        shards = f"{done} of {total} shards" if total is not None else f"{done} shard{'s' if done != 1 else ''}"
        bar.now(f"{shards} done")

    return shown


def fail(error: HarnessError | str) -> NoReturn:
    """Print ``error`` as one line on stderr and exit with the usage status."""
    from ...core import printable

    click.echo(f"harness: error: {printable(str(error))}", err=True)
    sys.exit(USAGE)


def write(path: str, text: str | Iterable[str]) -> None:
    """Write a report file atomically and say so on stderr."""
    from ...fixtures import write_atomic

    write_atomic(Path(path), text)
    click.echo(f"wrote {path}", err=True)


def progress(unit: str = "pages") -> Progress:
    """Progress bars on stderr when it is a terminal (rate, ETA, what runs now); nothing when piped or in CI."""
    from ...render.terminal import Progress

    return Progress(unit, enabled=sys.stderr.isatty() and not os.environ.get("CI"))
