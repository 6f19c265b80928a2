"""``harness score``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (
    USAGE,
    cluster_options,
    corpus_option,
    default_jobs,
    emit,
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
    write,
)  # fmt: skip

EXAMPLES = examples(
    "harness score                                    # every installed built-in on the bundled fixtures",
    "harness score -e trafilatura -e goose3 --corpus ../shared/corpora/zyte --compare goose3 trafilatura",
    "harness score -e mysite.scraper:extract --format json --output head.json   # for 'harness diff'",
    "harness score --corpus 'crawl/*.warc.gz' --truth-free -e trafilatura     # a crawl nobody labelled",
    "harness score --corpus crawl.warc.gz -e trafilatura --executor dask --scheduler tcp://10.0.0.5:8786",
)


@click.command("score", epilog=EXAMPLES)
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
@jobs_option()
@cluster_options()
@timeout_option()
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@memory_option()
@fields_option()
@record_calls_option()
@click.option(
    "--resamples",
    type=click.IntRange(min=2),
    default=1000,
    show_default=True,
    help="Bootstrap resamples behind each ± (and --compare's intervals).",
)
@format_option("text", "json", "markdown", "html")
@output_option()
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the full report as JSON to FILE. Deprecated alias of --format json --output FILE; "
    "kept for one release.",
)
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the leaderboard as Markdown to FILE. Deprecated alias of --format markdown --output FILE; "
    "kept for one release.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write a self-contained HTML report to FILE. Deprecated alias of --format html --output FILE; "
    "kept for one release.",
)
@click.option(
    "--compare",
    nargs=2,
    metavar="BASE HEAD",
    help="Also print HEAD minus BASE for every figure, by paired bootstrap; both must be scored in this run.",
)
@click.option(
    "--strict-truth",
    is_flag=True,
    help="Refuse (exit 2) when an error finding rests on a truth that 'harness audit' doubts.",
)
@click.option(
    "--truth-free",
    is_flag=True,
    help="Read no truth: judge each page by the checks that need only the page (per 1,000 pages) "
    "and by agreement with its own JSON-LD and <meta> (for crawls nobody labelled).",
)
@click.argument("paths", nargs=-1, type=click.Path())
def score_command(
    extractors: tuple[str, ...],
    corpora: tuple[str, ...],
    predictions: tuple[str, ...],
    jobs: int | None,
    executor: str | None,
    scheduler: str | None,
    shard_size: int | None,
    timeout: float | None,
    seed: int,
    memory_mb: int | None,
    fields: tuple[str, ...],
    record_calls: bool,
    resamples: int,
    fmt: str,
    output: str | None,
    json_path: str | None,
    markdown_path: str | None,
    html_path: str | None,
    compare: tuple[str, str] | None,
    strict_truth: bool,
    truth_free: bool,
    paths: tuple[str, ...],
) -> None:
    """Score extractors over corpora and print a leaderboard per field, with bootstrap intervals.

    With no arguments: every installed built-in extractor on the bundled fixtures.
    With --executor dask the pages run on a Dask cluster, in shards, with the
    same figures (see docs/cluster.md).
    Exit status: 0 scored, 2 a usage error or no page could be loaded.
    """
    from ...checks import suspects_in_pages
    from ...core import HarnessError
    from ...extractors import registry
    from ...render import audit as render_audit
    from ...render import score as render
    from ...render import score_html
    from ...running import SHARD_SIZE
    from ...scoring import score
    from ...testing import load_config

    try:
        project = load_config()
        mapped = field_map(fields, project.fields)
        default_extractors = [] if predictions else list(project.extractors)
        specs = tuple(extractors) or tuple(default_extractors)
        loaded = resolve_extractors(specs)
        executor, scheduler = executor_of(executor, scheduler, project)
        if compare:  # both named before the run, never after it
            planned = [*loaded, *(Path(p).stem for p in predictions)]
            if not specs and not predictions:
                planned += [info.name for info in registry().installed(remote=False)]
            for name in compare:
                if name not in planned:
                    fail(
                        f"--compare names {name!r}, which this run does not score; it scores: "
                        f"{', '.join(planned) or 'nothing'}. Add it with -e {name} or compare two of those."
                    )
        with progress("pages") as bar:
            bar.start("score " + ", ".join(loaded) if loaded else "score")
            report = score(
                [*corpora, *paths] or list(project.fixtures),
                loaded or default_extractors,
                predictions=predictions,
                jobs=default_jobs(jobs),
                timeout=timeout if timeout is not None else project.timeout,
                options=project.checks,
                seed=seed,
                resamples=resamples,
                progress=bar.counter(),
                texts=html_path is not None or fmt == "html",
                memory_mb=memory_mb,
                fields=mapped,
                record_calls=record_calls,
                truth_free=truth_free,
                executor=executor,
                scheduler=scheduler,
                shard_size=shard_size or SHARD_SIZE,
                on_shard=shard_label(bar),
            )
    except HarnessError as error:
        fail(error)
    try:
        if fmt == "text":
            comparison = "\n" + render.render_compare(report, *compare) if compare else ""
            emit_report(
                lambda: render.render_text(report) + comparison,
                output,
                lambda width, colour: render.render_terminal(report, width=width, colour=colour) + comparison,
            )
        else:
            renderers = {"json": render.json_chunks, "markdown": render.render_markdown, "html": score_html.render_html}
            emit(renderers[fmt](report), output)
            if compare:
                click.echo(render.render_compare(report, *compare), err=True)
        if json_path:
            write(json_path, render.json_chunks(report))
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
