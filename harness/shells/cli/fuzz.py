"""``harness fuzz``."""

from __future__ import annotations

import sys

import click

from .common import emit, examples, extractor_option, fail, format_option, output_option, progress, timeout_option

EXAMPLES = examples(
    "harness fuzz -e trafilatura                                  # generated pages, every property",
    "harness fuzz -e mysite.scraper:extract --from cassettes/     # mutations of your recorded pages",
    "harness fuzz -e trafilatura --examples 500 --seed 7 --format markdown --output properties.md",
)


@click.command("fuzz", epilog=EXAMPLES)
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
@click.option("--only-mutation", "only_mutations", multiple=True, metavar="NAME",
              help="With --from: draw only these mutations (e.g. inject_sponsored); repeatable.")  # fmt: skip
@click.option("--skip-mutation", "skip_mutations", multiple=True, metavar="NAME",
              help="With --from: leave these mutations out (e.g. rename_classes, which any CSS-selector "
              "scraper fails by design); repeatable.")  # fmt: skip
@click.option(
    "--save-failures",
    type=click.Path(file_okay=False),
    default=None,
    help="Write each shrunk counterexample as a fixture (cassette and expectation) here.",
)
@timeout_option()
@format_option("text", "json", "markdown")
@output_option()
def fuzz_command(
    extractors: tuple[str, ...], examples: int, seed: int, properties: tuple[str, ...], source: str | None,
    save_failures: str | None, timeout: float | None, fmt: str, output: str | None,
    only_mutations: tuple[str, ...] = (), skip_mutations: tuple[str, ...] = (),
) -> None:  # fmt: skip
    """Search generated pages (or mutations of recorded ones) for inputs that break a property.

    Each failing property is shrunk by Hypothesis to a small counterexample,
    printed with how to reproduce it. Exit status 1 when a property fails.
    """
    from ...core import HarnessError, UsageError
    from ...fixtures import load_fixtures
    from ...render import fuzz as render
    from ...testing import PROPERTIES, PropertyResult, fuzz, load_config, select_mutations
    from .common import load_all

    drawn: tuple[str, ...] | None = None
    if only_mutations or skip_mutations:  # names checked before any work
        try:
            if source is None:
                msg = "--only-mutation and --skip-mutation choose mutations of recorded pages: add --from PATH"
                raise UsageError(msg)
            drawn = select_mutations(only_mutations, skip_mutations)
        except HarnessError as error:
            fail(error)
    loaded = load_all(extractors)
    reports = []
    texts = []
    try:
        budget = timeout if timeout is not None else load_config().timeout
        fixtures = load_fixtures([source]).fixtures if source else []
        with progress("properties") as bar:
            for spec, extractor in zip(extractors, loaded, strict=True):
                bar.start(f"fuzz {extractor.name}", len(properties) or len(PROPERTIES))

                def held(result: PropertyResult) -> None:
                    bar.advance(result.name)

                report = fuzz(
                    extractor, properties=list(properties) or None, examples=examples, seed=seed, fixtures=fixtures,
                    save_failures=save_failures, timeout=budget, on_result=held if bar.enabled else None,
                    mutations=drawn, source=source, spec=spec,
                )  # fmt: skip
                reports.append(report)
                if fmt == "text" and output is None and not bar.enabled:
                    click.echo(render.render_text(report))  # each extractor's as soon as it is known
                elif fmt == "text":
                    texts.append(render.render_text(report))
    except HarnessError as error:
        fail(error)
    if texts:
        emit("\n".join(texts), output)
    elif fmt == "json":
        emit(render.render_json(reports), output)
    elif fmt == "markdown":
        emit(render.render_markdown(reports), output)
    sys.exit(1 if any(r.failed for r in reports) else 0)
