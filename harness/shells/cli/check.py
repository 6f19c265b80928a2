"""``harness check``."""

from __future__ import annotations

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
    record_calls_option,
    timeout_option,
)


@click.command("check")
@extractor_option("A registered name or package.module:callable; repeatable. Default: every installed built-in.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@timeout_option()
@click.option("--no-clock-check", is_flag=True, help="Skip the second run under a shifted clock.")
@click.option("-v", "--verbose", is_flag=True, help="Also show info findings.")
@click.option("--drafts", is_flag=True, help="Use unreviewed drafted expectations as truth too.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0: in this process, with no protection from crashes).",
)
@memory_option()
@corpus_option()
@fields_option()
@record_calls_option()
@click.option(
    "--strict-truth",
    is_flag=True,
    help="Refuse (exit 2) when an error finding rests on a truth that 'harness audit' doubts.",
)
@click.argument("paths", nargs=-1, type=click.Path())
def check_command(
    extractors: tuple[str, ...],
    corpora: tuple[str, ...],
    fmt: str,
    timeout: float | None,
    no_clock_check: bool,
    verbose: bool,
    drafts: bool,
    jobs: int,
    memory_mb: int | None,
    fields: tuple[str, ...],
    record_calls: bool,
    strict_truth: bool,
    paths: tuple[str, ...],
) -> None:
    """Run extractors over the fixtures under PATHS (and the pages of each --corpus) and list defects.

    Defaults come from [tool.harness] in the nearest pyproject.toml (fixtures,
    extractors, timeout, severities); without it, every installed built-in
    extractor on the bundled fixtures. A path that holds no fixture is an
    error (exit 2), never a clean run.
    """
    from ...checks import suspect_truths
    from ...core import HarnessError
    from ...render import audit as render_audit
    from ...render import check as render
    from ...running import check
    from ...testing import load_config

    try:
        project = load_config()
        report = check(
            list(paths) or ([] if corpora else list(project.fixtures)),
            list(extractors) or list(project.extractors),
            corpora=list(corpora),
            timeout=timeout if timeout is not None else project.timeout,
            clock_check=not no_clock_check,
            options=project.checks,
            severity=project.severity,
            include_drafts=drafts,
            jobs=jobs,
            memory_mb=memory_mb,
            fields=field_map(fields, project.fields),
            record_calls=record_calls,
        )
    except HarnessError as error:
        fail(error)
    click.echo(render.render_json(report) if fmt == "json" else render.render_text(report, verbose=verbose))
    suspects = suspect_truths(report.findings) if strict_truth else []
    if suspects:
        click.echo(render_audit.render_suspects(suspects), err=True)
        sys.exit(USAGE)
    sys.exit(report.exit_status())
