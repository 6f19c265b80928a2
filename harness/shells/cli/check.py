"""``harness check``."""

from __future__ import annotations

import sys

import click

from .common import (
    USAGE,
    cluster_options,
    corpus_option,
    default_jobs,
    emit_report,
    examples,
    executor_of,
    extractor_option,
    fail,
    field_map,
    fields_option,
    format_option,
    jobs_option,
    memory_option,
    output_option,
    progress,
    record_calls_option,
    resolve_extractors,
    shard_label,
    timeout_option,
)

EXAMPLES = examples(
    "harness check                                   # every installed built-in on the bundled fixtures",
    "harness check -e trafilatura cassettes/ksltv    # one extractor, one site",
    "harness check -e mypkg.scraper:extract --format json --output findings.json",
    "harness check --corpus crawl.warc.gz --executor dask --scheduler tcp://10.0.0.5:8786   # on a Dask cluster",
)


@click.command("check", epilog=EXAMPLES)
@extractor_option("A registered name or package.module:callable; repeatable. Default: every installed built-in.")
@format_option("text", "json", "github")
@output_option()
@timeout_option()
@click.option("--no-clock-check", is_flag=True, help="Skip the second run under a shifted clock.")
@click.option("-v", "--verbose", is_flag=True, help="Also show info findings.")
@click.option("--drafts", is_flag=True, help="Use unreviewed drafted expectations as truth too.")
@jobs_option()
@memory_option()
@cluster_options()
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
    output: str | None,
    timeout: float | None,
    no_clock_check: bool,
    verbose: bool,
    drafts: bool,
    jobs: int | None,
    memory_mb: int | None,
    executor: str | None,
    scheduler: str | None,
    shard_size: int | None,
    fields: tuple[str, ...],
    record_calls: bool,
    strict_truth: bool,
    paths: tuple[str, ...],
) -> None:
    """Run extractors over the fixtures under PATHS (and the pages of each --corpus) and list defects.

    Defaults come from [tool.harness] in the nearest pyproject.toml (fixtures,
    extractors, timeout, severities); without it, every installed built-in
    extractor on the bundled fixtures. A path that holds no fixture is an
    error (exit 2), never a clean run. Exit status: 0 no error finding, 1 an
    error finding, 2 an input could not be used. With --executor dask the
    pages run on a Dask cluster, in shards (see docs/cluster.md).
    """
    from ...checks import suspect_truths
    from ...core import HarnessError, RunResult
    from ...render import audit as render_audit
    from ...render import check as render
    from ...running import SHARD_SIZE, check
    from ...testing import load_config

    try:
        project = load_config()
        mapped = field_map(fields, project.fields)
        loaded = resolve_extractors(extractors or tuple(project.extractors)) if extractors or project.extractors else []
        executor, scheduler = executor_of(executor, scheduler, project)
        with progress("pages") as bar:
            bar.start("check")

            def running(result: RunResult) -> None:
                bar.now(f"{result.fixture} × {result.extractor}")

            report = check(
                list(paths) or ([] if corpora else list(project.fixtures)),
                loaded,
                corpora=list(corpora),
                timeout=timeout if timeout is not None else project.timeout,
                clock_check=not no_clock_check,
                options=project.checks,
                severity=project.severity,
                include_drafts=drafts,
                jobs=default_jobs(jobs),
                memory_mb=memory_mb,
                fields=mapped,
                record_calls=record_calls,
                progress=bar.counter(),
                # On a cluster, results arrive a shard at a time: the bar says how many shards are done instead.
                on_result=running if bar.enabled and executor == "local" else None,
                executor=executor,
                scheduler=scheduler,
                shard_size=shard_size or SHARD_SIZE,
                on_shard=shard_label(bar),
            )
    except HarnessError as error:
        fail(error)
    if fmt == "json":
        emit_report(lambda: render.render_json(report), output)
    elif fmt == "github":
        emit_report(lambda: render.render_github(report), output)
    else:
        emit_report(
            lambda: render.render_text(report, verbose=verbose),
            output,
            lambda width, colour: render.render_terminal(report, width=width, verbose=verbose, colour=colour),
        )
    suspects = suspect_truths(report.findings) if strict_truth else []
    if suspects:
        click.echo(render_audit.render_suspects(suspects), err=True)
        sys.exit(USAGE)
    sys.exit(report.exit_status())
