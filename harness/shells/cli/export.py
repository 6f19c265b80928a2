"""``harness export web-poet``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .common import examples, fail

if TYPE_CHECKING:
    from pathlib import Path


@click.group("export", epilog=examples(
    "harness export web-poet cassettes/ --page-class mysite.pages.ArticlePage --out fixtures/",
    "harness export web-poet --page-class mysite.pages.ArticlePage --out fixtures/ --drafts --force",
))  # fmt: skip
def export_group() -> None:
    """Write fixtures in another tool's test format."""


@export_group.command("web-poet", epilog=examples(
    "harness export web-poet cassettes/ --page-class mysite.pages.ArticlePage --out fixtures/",
    "harness export web-poet --page-class mysite.pages.ArticlePage --out fixtures/ --drafts --force",
))  # fmt: skip
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--page-class", required=True, metavar="CLASS", help="The page class's import path (mysite.pages.Page).")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="web-poet's fixtures folder.")
@click.option("--force", is_flag=True, help="Overwrite test cases that already exist.")
@click.option("--drafts", is_flag=True, help="Export unreviewed drafted expectations too.")
def export_webpoet_command(paths: tuple[str, ...], page_class: str, out: str, force: bool, drafts: bool) -> None:
    """Fixtures under PATHS (default: [tool.harness] fixtures) as web-poet test cases OUT/CLASS/test-N/."""
    from ...authoring import export_webpoet
    from ...core import HarnessError
    from ...render import imports as render
    from ...testing import load_config

    try:
        targets: list[str | Path] = [*paths] or [*load_config().fixtures]
        if not targets:
            fail("give the fixtures to export (PATH ...), or set [tool.harness] fixtures")
        report = export_webpoet(targets, page_class, out, force=force, drafts=drafts)
    except HarnessError as error:
        fail(error)
    click.echo(render.render_text(report, out))
    sys.exit(2 if report.problems else 0)
