"""The ``harness`` command: a thin shell over the Python API, one module per command.

Only this package turns a :class:`~harness.core.HarnessError` into a one-line
message and an exit status (0 clean, 1 error findings or a failed gate, 2
usage or input errors).
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from typing import Any

import click

from ... import __version__
from .audit import audit_command
from .check import check_command
from .diff import diff_command
from .export import export_group
from .fuzz import fuzz_command
from .imports import import_group
from .listing import list_command
from .record import record_command, refresh_command, review_command
from .score import score_command

__all__ = ["main"]


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so it unwinds as Ctrl-C does."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Terminated


EPILOG = """\b
Exit status (every command):
  0  ok: no error finding, the gate passed
  1  findings of error severity, a failed property or a failed gate
  2  a usage or input error (a wrong option or name, a fixture that cannot be read)
Errors are one line on stderr, starting 'harness: error:'.

\b
Examples:
  harness score                          # every installed built-in on the bundled fixtures
  harness check -e trafilatura cassettes/ksltv
  harness score --format json --output head.json && harness diff base.json head.json
"""


class _Group(click.Group):
    def main(
        self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
        standalone_mode: bool = True, **extra: Any,
    ) -> Any:  # fmt: skip
        """Click's own errors (a wrong option, a missing argument) as ours: 'harness: error: ...', exit 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from ...core import printable

        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            if error.ctx is not None:
                click.echo(error.ctx.get_usage(), err=True)
                hint = f"Try '{error.ctx.command_path} {error.ctx.help_option_names[0]}' for help."
                click.echo(hint, err=True)
            click.echo(f"harness: error: {printable(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"harness: error: {printable(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("harness: error: aborted", err=True)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            how, status = ("terminated", 143) if isinstance(stop, _Terminated) else ("interrupted", 130)
            click.echo(f"harness: {how}; workers stopped, nothing partial written", err=True)
            raise click.exceptions.Exit(status) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, prog_name="harness")
def main() -> None:
    """news-harness: find the defects news scrapers hide (bylines, sponsored leaks, dates)."""
    # What a CI cancel, `timeout` or `docker stop` sends: stop as Ctrl-C does (workers
    # stopped, nothing partial written, temporary files removed), not mid-write.
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
        click.get_current_context().call_on_close(lambda: signal.signal(signal.SIGTERM, previous))
    # Extractors log warnings of their own (goose3: "could not be resolved to UTC");
    # without a handler Python prints them to stderr, between the report's lines.
    logging.getLogger().addHandler(logging.NullHandler())


for _command in (
    list_command, check_command, audit_command, score_command, diff_command, fuzz_command, record_command,
    review_command, refresh_command, import_group, export_group,
):  # fmt: skip
    main.add_command(_command)
