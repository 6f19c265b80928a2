"""``harness fuzz``."""

from __future__ import annotations

import sys

import click

from .common import extractor_option, fail, timeout_option


@click.command("fuzz")
@extractor_option("A registered name or package.module:callable; repeatable.", required=True)
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
@timeout_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def fuzz_command(
    extractors: tuple[str, ...], examples: int, seed: int, properties: tuple[str, ...], source: str | None,
    save_failures: str | None, timeout: float | None, fmt: str,
) -> None:  # fmt: skip
    """Search generated pages (or mutations of recorded ones) for inputs that break a property.

    Each failing property is shrunk by Hypothesis to a small counterexample,
    printed with how to reproduce it. Exit status 1 when a property fails.
    """
    from ...core import HarnessError
    from ...extractors import resolve
    from ...fixtures import load_fixtures
    from ...render import fuzz as render
    from ...testing import fuzz, load_config

    reports = []
    try:
        budget = timeout if timeout is not None else load_config().timeout
        fixtures = load_fixtures([source]).fixtures if source else []
        for spec in extractors:
            report = fuzz(
                resolve(spec), properties=list(properties) or None, examples=examples, seed=seed, fixtures=fixtures,
                save_failures=save_failures, timeout=budget,
            )  # fmt: skip
            reports.append(report)
            if fmt == "text":
                click.echo(render.render_text(report))
    except HarnessError as error:
        fail(error)
    if fmt == "json":
        click.echo(render.render_json(reports))
    elif fmt == "markdown":
        click.echo(render.render_markdown(reports))
    sys.exit(1 if any(r.failed for r in reports) else 0)
