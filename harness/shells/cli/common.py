"""What every command shares: the extractor option, errors as one line, writing reports, progress."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...core import HarnessError
    from ...extractors import FieldMap

__all__ = [
    "USAGE", "corpus_option", "extractor_option", "fail", "field_map", "fields_option", "memory_option", "progress",
    "record_calls_option", "timeout_option", "write",
]  # fmt: skip

#: Exit statuses: 0 clean, 1 findings of error severity or a failed gate, 2 a usage or input problem.
USAGE = 2


def extractor_option(help_text: str, *, required: bool = False) -> Callable[[Any], Any]:
    """``-e/--extractor``, repeatable."""
    return click.option(
        "-e", "--extractor", "extractors", multiple=True, required=required, metavar="EXTRACTOR", help=help_text
    )


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


def fail(error: HarnessError | str) -> NoReturn:
    """Print ``error`` as one line on stderr and exit with the usage status."""
    from ...core import printable

    click.echo(f"harness: error: {printable(str(error))}", err=True)
    sys.exit(USAGE)


def write(path: str, text: str) -> None:
    """Write a report file atomically and say so on stderr."""
    from ...fixtures import write_atomic

    write_atomic(Path(path), text)
    click.echo(f"wrote {path}", err=True)


def progress() -> Callable[[int, int | None], None] | None:
    """A one-line progress counter on a terminal; nothing in CI or when piped."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int | None) -> None:
        of = f"/{total}" if total else ""
        end = "\n" if total and done >= total else ""
        sys.stderr.write(f"\rscored {done}{of} pages{end}")
        sys.stderr.flush()

    return show
