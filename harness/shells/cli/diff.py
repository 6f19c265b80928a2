"""``harness diff``."""

from __future__ import annotations

import sys

import click

from .common import emit, examples, fail, format_option, output_option

EXAMPLES = examples(
    "harness diff base.json head.json                 # both from 'harness score --format json --output FILE'",
    "harness diff base.json head.json --format markdown --output comment.md",
    "harness diff base.json head.json --format github # workflow annotations",
)


@click.command("diff", epilog=EXAMPLES)
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("head", type=click.Path(dir_okay=False))
@format_option("text", "json", "markdown", "github")
@output_option()
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the paired bootstrap.")
def diff_command(base: str, head: str, fmt: str, output: str | None, seed: int) -> None:
    """Is HEAD better or worse than BASE? Both are 'harness score --json' reports.

    Exit status 1 when the gate ([tool.harness.gate]) fails: by default on any
    new error-severity finding; 2 when a report cannot be read.
    """
    from ...core import HarnessError
    from ...render import gate as render
    from ...testing import diff_reports, load_config, load_report

    try:
        config = load_config()
        report = diff_reports(load_report(base), load_report(head), gate=config.gate, seed=seed)
    except HarnessError as error:
        fail(error)
    renderers = {
        "text": render.render_text, "json": render.render_json, "markdown": render.render_markdown,
        "github": render.render_github,
    }  # fmt: skip
    emit(renderers[fmt](report), output)
    sys.exit(1 if report.failures else 0)
