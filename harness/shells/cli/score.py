"""``harness score``."""

from __future__ import annotations

import os
import sys

import click

from .common import (
    USAGE,
    corpus_option,
    extractor_option,
    fail,
    field_map,
    fields_option,
    memory_option,
    progress,
    record_calls_option,
    timeout_option,
    write,
)  # fmt: skip


@click.command("score")
@extractor_option(
    "A registered name or package.module:callable; repeatable. Default: every installed "
    "built-in (none when --predictions is given)."
)
@corpus_option()
@click.option(
    "--predictions",
    multiple=True,
    type=click.Path(),
    metavar="FILE",
    help="Saved outputs to score instead of running an extractor (Zyte output JSON or JSONL).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes (default: one per CPU; 0 runs in this process, unprotected).",
)
@timeout_option()
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@memory_option()
@fields_option()
@record_calls_option()
@click.option("--resamples", type=click.IntRange(min=2), default=1000, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the full report as JSON.")
@click.option("--markdown", "markdown_path", type=click.Path(dir_okay=False), help="Write the leaderboard as Markdown.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write a self-contained HTML report.")
@click.option("--compare", nargs=2, metavar="BASE HEAD", help="Paired bootstrap of HEAD minus BASE.")
@click.option(
    "--strict-truth",
    is_flag=True,
    help="Refuse (exit 2) when an error finding rests on a truth that 'harness audit' doubts.",
)
@click.argument("paths", nargs=-1, type=click.Path())
def score_command(
    extractors: tuple[str, ...],
    corpora: tuple[str, ...],
    predictions: tuple[str, ...],
    jobs: int | None,
    timeout: float | None,
    seed: int,
    memory_mb: int | None,
    fields: tuple[str, ...],
    record_calls: bool,
    resamples: int,
    json_path: str | None,
    markdown_path: str | None,
    html_path: str | None,
    compare: tuple[str, str] | None,
    strict_truth: bool,
    paths: tuple[str, ...],
) -> None:
    """Score extractors over corpora and print a leaderboard per field, with bootstrap intervals.

    With no arguments: every installed built-in extractor on the bundled fixtures.
    """
    from ...checks import suspects_in_pages
    from ...core import HarnessError
    from ...render import audit as render_audit
    from ...render import score as render
    from ...render import score_html
    from ...scoring import score
    from ...testing import load_config

    if jobs is None:
        jobs = os.cpu_count() or 1
    try:
        project = load_config()
        default_extractors = [] if predictions else list(project.extractors)
        report = score(
            [*corpora, *paths] or list(project.fixtures),
            list(extractors) or default_extractors,
            predictions=predictions,
            jobs=jobs,
            timeout=timeout if timeout is not None else project.timeout,
            options=project.checks,
            seed=seed,
            resamples=resamples,
            progress=progress(),
            texts=html_path is not None,
            memory_mb=memory_mb,
            fields=field_map(fields, project.fields),
            record_calls=record_calls,
        )
    except HarnessError as error:
        fail(error)
    try:
        click.echo(render.render_text(report))
        if compare:
            click.echo(render.render_compare(report, *compare))
        if json_path:
            write(json_path, render.render_json(report))
        if markdown_path:
            write(markdown_path, render.render_markdown(report))
        if html_path:
            write(html_path, score_html.render_html(report))
        suspects = suspects_in_pages(report.page_details()) if strict_truth else []
    except HarnessError as error:
        fail(error)
    finally:
        report.close()
    if suspects:
        click.echo(render_audit.render_suspects(suspects), err=True)
        sys.exit(USAGE)
    sys.exit(report.exit_status())
