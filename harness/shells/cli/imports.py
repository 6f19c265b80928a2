"""``harness import corpus|html|warc|web-poet``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .common import examples, fail, field_map, fields_option, progress

if TYPE_CHECKING:
    import datetime as dt

    from ...authoring import ImportReport


@click.group("import", epilog=examples(
    "harness import corpus ../shared/corpora/zyte --out corpora/zyte",
    "harness import warc crawl.warc.gz",
))  # fmt: skip
def import_group() -> None:
    """Turn pages recorded elsewhere into fixtures (cassette + expectation)."""


def _moment(value: str | None) -> dt.datetime | None:
    """``--captured-at`` as an aware time; a value that is not one ends the command with one line."""
    import datetime as dt

    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        fail(f"--captured-at {value!r} is not an RFC 3339 time: {error}")
    if moment.tzinfo is None:
        fail(f"--captured-at {value!r} needs a UTC offset, e.g. 2024-10-19T20:10:00-06:00")
    return moment


def _finish(report: ImportReport, out: str) -> None:
    from ...render import imports as render

    click.echo(render.render_text(report, out))
    sys.exit(2 if report.problems else 0)


@import_group.command("corpus", epilog=examples(
    "harness import corpus ../shared/corpora/zyte --out corpora/zyte",
    "harness import corpus pages.jsonl --captured-at 2024-10-19T20:10:00Z --timezone Europe/Vienna",
))  # fmt: skip
@click.argument("path", type=click.Path(exists=True))
@click.option(
    "--out", "out", type=click.Path(file_okay=False), default="cassettes", show_default=True,
    help="Folder to write fixtures to.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite fixtures that already exist.")
@click.option(
    "--captured-at",
    default=None,
    metavar="RFC3339",
    help="When the pages were captured, for those whose corpus entry does not say. Default: unknown "
    "(each page is then dated by the latest date it states).",
)
@click.option(
    "--timezone",
    default=None,
    metavar="TZ",
    help="The site's timezone (IANA name or '+02:00'), for pages whose entry names none. Default: unknown.",
)
def import_corpus_command(path: str, out: str, force: bool, captured_at: str | None, timezone: str | None) -> None:
    """Convert a Zyte benchmark folder or a JSONL corpus into fixtures under OUT."""
    from ...authoring import import_corpus
    from ...core import HarnessError

    moment = _moment(captured_at)
    try:
        with progress("pages") as bar:
            bar.start("import")
            report = import_corpus(
                path, out, force=force, captured_at=moment, timezone=timezone,
                progress=bar.update if bar.enabled else None,
            )  # fmt: skip
    except HarnessError as error:
        fail(error)
    _finish(report, out)


@import_group.command("html", epilog=examples(
    "harness import html saved.html --url https://example.com/news/story",
    "harness import html saved.html --url https://example.com/news/story --name example/story --out cassettes",
))  # fmt: skip
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", required=True, help="The page's address.")
@click.option("--captured-at", default=None, help="When it was saved (RFC 3339); default: the file's time.")
@click.option(
    "--out", type=click.Path(file_okay=False), default="cassettes", show_default=True,
    help="Folder to write fixtures to.",
)  # fmt: skip
@click.option("--name", default=None, help="Fixture name (site/slug); default from the URL.")
@click.option("--force", is_flag=True, help="Overwrite a fixture that already exists.")
def import_html_command(path: str, url: str, captured_at: str | None, out: str, name: str | None, force: bool) -> None:
    """A page saved from a browser, as a fixture with a drafted expectation."""
    from ...authoring import import_html
    from ...core import HarnessError

    moment = _moment(captured_at)
    try:
        cassette = import_html(path, url, out, captured_at=moment, name=name, force=force)
    except HarnessError as error:
        fail(error)
    click.echo(f"imported {path} -> {cassette}; review it with: harness review {cassette}")


@import_group.command("warc", epilog=examples(
    "harness import warc crawl.warc.gz",
    "harness import warc crawl.warc.gz --out cassettes/crawl --force",
))  # fmt: skip
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out", type=click.Path(file_okay=False), default="cassettes", show_default=True,
    help="Folder to write fixtures to.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite fixtures that already exist.")
def import_warc_command(path: str, out: str, force: bool) -> None:
    """Every HTML response in a WARC file, as fixtures with drafted expectations."""
    from ...authoring import import_warc
    from ...core import HarnessError

    try:
        with progress("pages") as bar:
            bar.start("import")
            report = import_warc(path, out, force=force, progress=bar.update if bar.enabled else None)
    except HarnessError as error:
        fail(error)
    _finish(report, out)


@import_group.command("web-poet", epilog=examples(
    "harness import web-poet fixtures/ --out cassettes/",
    "harness import web-poet fixtures/ --fields zyte-article",
))  # fmt: skip
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--out", type=click.Path(file_okay=False), default="cassettes", show_default=True,
    help="Folder to write fixtures to.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite fixtures that already exist.")
@fields_option()
def import_webpoet_command(path: str, out: str, force: bool, fields: tuple[str, ...]) -> None:
    """web-poet test cases (<PageClass>/test-N/) as fixtures, their truth drafted from output.json."""
    from ...authoring import import_webpoet
    from ...core import HarnessError
    from ...testing import load_config

    try:
        report = import_webpoet(path, out, fields=field_map(fields, load_config().fields), force=force)
    except HarnessError as error:
        fail(error)
    _finish(report, out)
