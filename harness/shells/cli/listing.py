"""``harness list``."""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import emit, examples, fail, format_option, output_option

EXAMPLES = examples(
    "harness list                                     # extractors and the bundled fixtures",
    "harness list cassettes/",
    "harness list --format json --output inventory.json",
)


@click.command("list", epilog=EXAMPLES)
@format_option("text", "json")
@output_option()
@click.argument("paths", nargs=-1, type=click.Path())
def list_command(fmt: str, output: str | None, paths: tuple[str, ...]) -> None:
    """List extractors (installed and missing) and the fixtures found under PATHS.

    Exit status: 0, or 2 when a fixture or a plugin could not be read.
    """
    from ...core import HarnessError, bundled_cassettes
    from ...extractors import registry
    from ...fixtures import iter_fixtures
    from ...render import listing

    reg = registry()
    extractors: list[dict[str, Any]] = [
        {
            "name": info.name,
            "installed": info.installed(),
            "version": info.version(),
            "fields": sorted(info.fields),
            "install": None if info.installed() else info.install_hint,
            "description": info.description,
        }
        for info in reg.extractors.values()
    ]
    from ...extractors.frameworks import FRAMEWORK_INFO

    frameworks = [
        {
            "prefix": prefix, "spec": info.spec, "installed": info.installed(), "version": info.version(),
            "distribution": info.distribution,
            "install": None if info.installed() or info.extra is None else f"pip install 'news-harness[{info.extra}]'",
        }
        for prefix, info in FRAMEWORK_INFO.items()
    ]  # fmt: skip
    fixtures, problems = [], []
    try:
        for item in iter_fixtures(list(paths) or [bundled_cassettes()]):
            if isinstance(item, HarnessError):
                problems.append(str(item))
            else:
                fixtures.append({"name": item.name, "url": item.expectation.url, "path": str(item.cassette_path)})
    except HarnessError as error:
        fail(error)
    problems.extend(reg.problems)
    found = {"extractors": extractors, "frameworks": frameworks, "fixtures": fixtures, "problems": problems}
    emit(listing.render_json(found) if fmt == "json" else listing.render_text(found), output)
    sys.exit(2 if problems else 0)
