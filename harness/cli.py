"""The ``harness`` command: a thin shell over the Python API.

Only this module turns a :class:`~harness.errors.HarnessError` into a
one-line message and an exit status (0 clean, 1 error findings, 2 usage or
input errors).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

from . import __version__
from ._check import check as run_check
from ._resources import bundled_cassettes
from .errors import HarnessError
from .extractors import registry
from .fixtures import iter_fixtures
from .report import render_json, render_text

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="harness")
def main() -> None:
    """news-harness: find the defects news scrapers hide (bylines, sponsored leaks, dates)."""
    # Extractors log warnings of their own (goose3: "could not be resolved to UTC");
    # without a handler Python prints them to stderr, between the report's lines.
    logging.getLogger().addHandler(logging.NullHandler())


@main.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("paths", nargs=-1, type=click.Path())
def list_command(fmt: str, paths: tuple[str, ...]) -> None:
    """List extractors (installed and missing) and the fixtures found under PATHS."""
    reg = registry()
    extractors: list[dict[str, Any]] = [
        {
            "name": info.name,
            "installed": info.installed(),
            "version": info.version(),
            "fields": sorted(info.fields),
            "install": None if info.installed() else f"pip install 'news-harness[{info.extra or info.name}]'",
            "description": info.description,
        }
        for info in reg.extractors.values()
    ]
    fixtures, problems = [], []
    try:
        for item in iter_fixtures(list(paths) or [bundled_cassettes()]):
            if isinstance(item, HarnessError):
                problems.append(str(item))
            else:
                fixtures.append(
                    {"name": item.name, "url": item.expectation.url, "path": str(item.cassette_path)}
                )
    except HarnessError as error:
        _fail(error)
    problems.extend(reg.problems)
    if fmt == "json":
        click.echo(
            json.dumps({"extractors": extractors, "fixtures": fixtures, "problems": problems}, indent=2)
        )
    else:
        click.echo("Extractors:")
        for row in extractors:
            state = row["version"] or "installed" if row["installed"] else f"missing: {row['install']}"
            click.echo(f"  {row['name']:<18} {state:<12} {', '.join(row['fields'])}")
        click.echo(f"\nFixtures ({len(fixtures)}):")
        for fixture in fixtures:
            click.echo(f"  {fixture['name']}")
        for problem in problems:
            click.echo(f"problem: {problem}")
    sys.exit(2 if problems else 0)


@main.command("check")
@click.option(
    "-e",
    "--extractor",
    "extractors",
    multiple=True,
    metavar="EXTRACTOR",
    help="A registered name or package.module:callable; repeatable. Default: every installed built-in.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--timeout", type=float, default=30.0, show_default=True, help="Seconds per page and extractor."
)
@click.option("--no-clock-check", is_flag=True, help="Skip the second run under a shifted clock.")
@click.option("-v", "--verbose", is_flag=True, help="Also show info findings.")
@click.argument("paths", nargs=-1, type=click.Path())
def check_command(
    extractors: tuple[str, ...],
    fmt: str,
    timeout: float,
    no_clock_check: bool,
    verbose: bool,
    paths: tuple[str, ...],
) -> None:
    """Run extractors over the fixtures under PATHS (default: the bundled ones) and list defects."""
    try:
        report = run_check(list(paths), list(extractors), timeout=timeout, clock_check=not no_clock_check)
    except HarnessError as error:
        _fail(error)
    click.echo(render_json(report) if fmt == "json" else render_text(report, verbose=verbose))
    sys.exit(report.exit_status())


def _fail(error: HarnessError) -> None:
    click.echo(f"harness: error: {error}", err=True)
    sys.exit(2)
