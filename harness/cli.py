"""The ``harness`` command: a thin shell over the Python API.

Only this module turns a :class:`~harness.errors.HarnessError` into a
one-line message and an exit status (0 clean, 1 error findings, 2 usage or
input errors).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any

import click

from . import __version__
from ._check import check as run_check
from ._resources import bundled_cassettes
from .config import load_config
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
                fixtures.append({"name": item.name, "url": item.expectation.url, "path": str(item.cassette_path)})
    except HarnessError as error:
        _fail(error)
    problems.extend(reg.problems)
    if fmt == "json":
        click.echo(json.dumps({"extractors": extractors, "fixtures": fixtures, "problems": problems}, indent=2))
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
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds per page and extractor.")
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
@click.option(
    "--memory-mb",
    type=click.IntRange(min=64),
    default=None,
    help="Address-space limit of each worker, in MiB (an extractor over it gets a MemoryError).",
)
@click.argument("paths", nargs=-1, type=click.Path())
def check_command(
    extractors: tuple[str, ...],
    fmt: str,
    timeout: float | None,
    no_clock_check: bool,
    verbose: bool,
    drafts: bool,
    jobs: int,
    memory_mb: int | None,
    paths: tuple[str, ...],
) -> None:
    """Run extractors over the fixtures under PATHS and list defects.

    Defaults come from [tool.harness] in the nearest pyproject.toml (fixtures,
    extractors, severities); without it, every installed built-in extractor on
    the bundled fixtures.
    """
    try:
        project = load_config()
        report = run_check(
            list(paths) or list(project.fixtures),
            list(extractors) or list(project.extractors),
            timeout=timeout if timeout is not None else project.timeout,
            clock_check=not no_clock_check,
            options=project.checks,
            severity=project.severity,
            include_drafts=drafts,
            jobs=jobs,
            memory_mb=memory_mb,
        )
    except HarnessError as error:
        _fail(error)
    click.echo(render_json(report) if fmt == "json" else render_text(report, verbose=verbose))
    sys.exit(report.exit_status())


@main.command("score")
@click.option(
    "-e",
    "--extractor",
    "extractors",
    multiple=True,
    metavar="EXTRACTOR",
    help="A registered name or package.module:callable; repeatable. Default: every installed "
    "built-in (none when --predictions is given).",
)
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(),
    metavar="PATH",
    help="A fixture folder, a Zyte benchmark folder or a JSONL corpus; repeatable.",
)
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
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds per page and extractor.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option(
    "--memory-mb",
    type=click.IntRange(min=64),
    default=None,
    help="Address-space limit of each worker, in MiB (an extractor over it gets a MemoryError).",
)
@click.option("--resamples", type=click.IntRange(min=2), default=1000, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the full report as JSON.")
@click.option("--markdown", "markdown_path", type=click.Path(dir_okay=False), help="Write the leaderboard as Markdown.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write a self-contained HTML report.")
@click.option("--compare", nargs=2, metavar="BASE HEAD", help="Paired bootstrap of HEAD minus BASE.")
@click.argument("paths", nargs=-1, type=click.Path())
def score_command(
    extractors: tuple[str, ...],
    corpora: tuple[str, ...],
    predictions: tuple[str, ...],
    jobs: int | None,
    timeout: float | None,
    seed: int,
    memory_mb: int | None,
    resamples: int,
    json_path: str | None,
    markdown_path: str | None,
    html_path: str | None,
    compare: tuple[str, str] | None,
    paths: tuple[str, ...],
) -> None:
    """Score extractors over corpora and print a leaderboard per field, with bootstrap intervals.

    With no arguments: every installed built-in extractor on the bundled fixtures.
    """
    from ._leaderboard import render_leaderboard, render_markdown, render_score_json
    from .scoring import score

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
            progress=_progress(),
            texts=html_path is not None,
            memory_mb=memory_mb,
        )
    except HarnessError as error:
        _fail(error)
    try:
        click.echo(render_leaderboard(report))
        if compare:
            click.echo(_render_compare(report, *compare))
        writes = ((json_path, render_score_json), (markdown_path, render_markdown))
        for path, render in writes:
            if path:
                _write(path, render(report))
        if html_path:
            from ._html import render_html

            _write(html_path, render_html(report))
    except HarnessError as error:
        _fail(error)
    finally:
        report.close()
    sys.exit(report.exit_status())


@main.command("diff")
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("head", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the paired bootstrap.")
def diff_command(base: str, head: str, fmt: str, seed: int) -> None:
    """Is HEAD better or worse than BASE? Both are 'harness score --json' reports.

    Exit status 1 when the gate ([tool.harness.gate]) fails: by default on any
    new error-severity finding.
    """
    from .config import load_config
    from .gate import diff_reports, load_report, render_github, render_markdown, render_text

    try:
        config = load_config()
        report = diff_reports(load_report(base), load_report(head), gate=config.gate, seed=seed)
    except HarnessError as error:
        _fail(error)
    renderers = {"text": render_text, "markdown": render_markdown, "github": render_github}
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(renderers[fmt](report))
    sys.exit(1 if report.failures else 0)


@main.command("fuzz")
@click.option(
    "-e",
    "--extractor",
    "extractors",
    multiple=True,
    required=True,
    metavar="EXTRACTOR",
    help="A registered name or package.module:callable; repeatable.",
)
@click.option(
    "--examples",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Examples Hypothesis may try per property.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Makes the run reproducible.")
@click.option("--property", "properties", multiple=True, metavar="NAME", help="Only these properties; repeatable.")
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True),
    default=None,
    help="Mutate the recorded fixtures under this path instead of generating pages.",
)
@click.option(
    "--save-failures",
    type=click.Path(file_okay=False),
    default=None,
    help="Write each shrunk counterexample as a fixture (cassette and expectation) here.",
)
@click.option("--timeout", type=float, default=30.0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def fuzz_command(
    extractors: tuple[str, ...], examples: int, seed: int, properties: tuple[str, ...], source: str | None,
    save_failures: str | None, timeout: float, fmt: str,
) -> None:  # fmt: skip
    """Search generated pages (or mutations of recorded ones) for inputs that break a property.

    Each failing property is shrunk by Hypothesis to a small counterexample,
    printed with how to reproduce it. Exit status 1 when a property fails.
    """
    from .extractors import resolve
    from .fixtures import load_fixtures
    from .fuzz import fuzz as run_fuzz
    from .fuzz import render_report, to_json, to_markdown

    reports = []
    try:
        fixtures = load_fixtures([source]).fixtures if source else []
        for spec in extractors:
            report = run_fuzz(
                resolve(spec), properties=list(properties) or None, examples=examples, seed=seed, fixtures=fixtures,
                save_failures=save_failures, timeout=timeout,
            )  # fmt: skip
            reports.append(report)
            if fmt == "text":
                click.echo(render_report(report))
    except HarnessError as error:
        _fail(error)
    if fmt == "json":
        click.echo(to_json(reports))
    elif fmt == "markdown":
        click.echo(to_markdown(reports))
    sys.exit(1 if any(r.failed for r in reports) else 0)


@main.command("record")
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="cassettes",
    show_default=True,
    help="Folder to write fixtures to.",
)
@click.option("--name", default=None, help="Fixture name (site/slug) for a single URL; default from the URL.")
@click.option("--force", is_flag=True, help="Overwrite a fixture that already exists.")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds per request.")
@click.option("--max-bytes", type=int, default=20 * 1024 * 1024, show_default=True, help="Largest page recorded.")
@click.option(
    "-H",
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="A request header (e.g. Authorization); scrubbed from the cassette when it is a credential.",
)
@click.option(
    "--keep-header",
    "keep",
    multiple=True,
    metavar="NAME",
    help="Record this header although it is scrubbed by default.",
)
@click.option(
    "--keep-param",
    "keep_params",
    multiple=True,
    metavar="NAME",
    help="Record this query parameter although it looks like a token.",
)
@click.option("--no-draft", is_flag=True, help="Do not run the extractors to draft the expectation.")
def record_command(
    urls: tuple[str, ...], out: str, name: str | None, force: bool, timeout: float, max_bytes: int,
    headers: tuple[str, ...], keep: tuple[str, ...], keep_params: tuple[str, ...], no_draft: bool,
) -> None:  # fmt: skip
    """Record pages as fixtures: cassette, drafted expectation and its evidence (review it next).

    Cookies, Set-Cookie, Authorization and token-like query parameters are
    scrubbed; an existing fixture is never overwritten without --force.
    """
    from .record import DEFAULT_SCRUB_HEADERS, record

    if name and len(urls) > 1:
        _fail(HarnessError("--name names one fixture; give one URL with it"))
    extra = {}
    for header in headers:
        key, sep, value = header.partition(":")
        if not sep:
            _fail(HarnessError(f"--header {header!r} is not 'Name: value'"))
        extra[key.strip()] = value.strip()
    scrub = [h for h in DEFAULT_SCRUB_HEADERS if h not in {k.lower() for k in keep}]
    results = record(urls, out, name=name, force=force, timeout=timeout, max_bytes=max_bytes, headers=extra,
                     scrub_headers=scrub, keep_params=keep_params, draft=not no_draft)  # fmt: skip
    for result in results:
        if result.problem:
            click.echo(f"problem: {result.url}: {result.problem}")
            continue
        scrubbed = f"; scrubbed {', '.join(result.scrubbed)}" if result.scrubbed else ""
        click.echo(f"recorded {result.url} -> {result.cassette}{scrubbed}")
    done = [r for r in results if r.cassette]
    if done:
        click.echo(f"Review the drafted expectations before using them: harness review {out}")
    sys.exit(2 if any(r.problem for r in results) else 0)


@main.command("review")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--accept", "decision", flag_value="accept", help="Accept every draft as it is.")
@click.option("--reject", "decision", flag_value="reject", help="Delete every draft and its recorded page.")
def review_command(paths: tuple[str, ...], decision: str | None) -> None:
    """Show each drafted expectation beside its evidence; accept, edit or reject it."""
    from .review import accept, drafts, parse_edit, reject, render_draft

    found = drafts(list(paths) or ["cassettes"])
    if not found:
        click.echo("No drafts to review.")
        return
    for draft in found:
        click.echo(render_draft(draft))
        choice = decision or click.prompt("[a]ccept, [e]dit, [r]eject or [s]kip", type=click.Choice(list("aers")),
                                          default="s")  # fmt: skip
        try:
            if choice in ("a", "accept"):
                accept(draft)
                click.echo(f"accepted {draft.sidecar}")
            elif choice == "e":
                edited = click.edit(json.dumps(draft.truth, indent=2, ensure_ascii=False), extension=".json")
                if edited is None:
                    click.echo("unchanged; skipped")
                    continue
                accept(draft, parse_edit(edited, draft.sidecar))
                click.echo(f"accepted (edited) {draft.sidecar}")
            elif choice in ("r", "reject") and (decision or click.confirm(f"Delete {draft.cassette} and its draft?")):
                for path in reject(draft):
                    click.echo(f"deleted {path}")
        except HarnessError as error:
            click.echo(f"problem: {error}")


@main.command("refresh")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-e",
    "--extractor",
    "extractors",
    multiple=True,
    metavar="EXTRACTOR",
    help="Extractors to compare (default: [tool.harness] extractors, else every installed built-in).",
)
@click.option("--timeout", type=float, default=10.0, show_default=True)
def refresh_command(paths: tuple[str, ...], extractors: tuple[str, ...], timeout: float) -> None:
    """Re-record fixtures' URLs to a temporary place: did the site change, and whose results moved?

    Nothing is written. Exit status 1 when a page changed, 2 when one could not be fetched.
    """
    from ._check import load_extractors
    from .refresh import refresh, render_refresh

    problems: list[HarnessError] = []
    try:
        loaded = load_extractors(list(extractors) or list(load_config().extractors), problems)
        reports = refresh(list(paths), loaded, timeout=timeout)
    except HarnessError as error:
        _fail(error)
    for problem in problems:
        click.echo(f"problem: {problem}")
    click.echo(render_refresh(reports))
    if problems or any(r.problem for r in reports):
        sys.exit(2)
    sys.exit(1 if any(r.page_changed for r in reports) else 0)


@main.group("import")
def import_group() -> None:
    """Turn pages recorded elsewhere into fixtures (cassette + expectation)."""


@import_group.command("corpus")
@click.argument("path", type=click.Path(exists=True))
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder to write fixtures to.")
@click.option("--force", is_flag=True, help="Overwrite fixtures that already exist.")
def import_corpus_command(path: str, out: str, force: bool) -> None:
    """Convert a Zyte benchmark folder or a JSONL corpus into fixtures under OUT."""
    from ._import import import_corpus

    try:
        report = import_corpus(path, out, force=force)
    except HarnessError as error:
        _fail(error)
    _print_import(report, out)


def _print_import(report: Any, out: str) -> None:
    """What an import wrote and kept, its problems one line each; exit 2 when there were any."""
    for problem in report.problems:
        click.echo(f"problem: {problem}")
    click.echo(
        f"wrote {len(report.written)} fixtures to {out}"
        + (f"; kept {len(report.skipped)} that already existed (--force overwrites them)" if report.skipped else "")
        + (f"; {len(report.problems)} pages could not be read" if report.problems else "")
    )
    sys.exit(2 if report.problems else 0)


@import_group.command("html")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", required=True, help="The page's address.")
@click.option("--captured-at", default=None, help="When it was saved (RFC 3339); default: the file's time.")
@click.option("--out", type=click.Path(file_okay=False), default="cassettes", show_default=True)
@click.option("--name", default=None, help="Fixture name (site/slug); default from the URL.")
@click.option("--force", is_flag=True, help="Overwrite a fixture that already exists.")
def import_html_command(path: str, url: str, captured_at: str | None, out: str, name: str | None, force: bool) -> None:
    """A page saved from a browser, as a fixture with a drafted expectation."""
    import datetime as dt

    from ._import import import_html

    try:
        moment = dt.datetime.fromisoformat(captured_at.replace("Z", "+00:00")) if captured_at else None
        if moment is not None and moment.tzinfo is None:
            raise HarnessError(f"--captured-at {captured_at!r} needs a UTC offset, e.g. 2024-10-19T20:10:00-06:00")
        cassette = import_html(path, url, out, captured_at=moment, name=name, force=force)
    except ValueError as error:
        _fail(HarnessError(f"--captured-at {captured_at!r} is not an RFC 3339 time: {error}"))
    except HarnessError as error:
        _fail(error)
    click.echo(f"imported {path} -> {cassette}; review it with: harness review {cassette}")


@import_group.command("warc")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", type=click.Path(file_okay=False), default="cassettes", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite fixtures that already exist.")
def import_warc_command(path: str, out: str, force: bool) -> None:
    """Every HTML response in a WARC file, as fixtures with drafted expectations."""
    from ._import import import_warc

    try:
        report = import_warc(path, out, force=force)
    except HarnessError as error:
        _fail(error)
    _print_import(report, out)


def _render_compare(report: Any, base: str, head: str) -> str:
    from ._leaderboard import COLUMNS
    from .errors import UsageError

    names = [e.name for e in report.extractors]
    for name in (base, head):
        if name not in names:
            raise UsageError(f"--compare names {name!r}, which was not scored; scored: {', '.join(names)}")
    diff = report.difference(base, head)
    lines = [f"\n{head} minus {base}, paired bootstrap over the same {report.pages} pages:"]
    for metric, heading, better_high in COLUMNS:
        d = diff[metric]
        if d["difference"] is None:
            continue
        sign = (d["difference"] > 0) == better_high
        verdict = "" if d["low"] is None or d["low"] <= 0 <= d["high"] else (" better" if sign else " worse")
        lines.append(
            f"  {heading:<18} {d['difference']:+.3f} ± {d['std'] or 0:.3f}  "
            f"95% [{d['low']:+.3f}, {d['high']:+.3f}]{verdict}"
        )
    return "\n".join(lines)


def _write(path: str, text: str) -> None:
    from pathlib import Path

    from ._files import write_atomic

    write_atomic(Path(path), text)
    click.echo(f"wrote {path}", err=True)


def _progress() -> Any:
    """A one-line progress counter on a terminal; nothing in CI or when piped."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int | None) -> None:
        of = f"/{total}" if total else ""
        end = "\n" if total and done >= total else ""
        sys.stderr.write(f"\rscored {done}{of} pages{end}")
        sys.stderr.flush()

    return show


def _fail(error: HarnessError) -> None:
    click.echo(f"harness: error: {error}", err=True)
    sys.exit(2)
