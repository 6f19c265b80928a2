"""``harness audit``."""

from __future__ import annotations

import sys

import click

from .common import corpus_option, emit_report, examples, fail, format_option, output_option, progress

EXAMPLES = examples(
    "harness audit                                    # the truths of [tool.harness] fixtures, else the bundled ones",
    "harness audit cassettes/ --corpus ../shared/corpora/fundus",
    "harness audit --format json --output audit.json",
)


@click.command("audit", epilog=EXAMPLES)
@corpus_option()
@format_option("text", "json")
@output_option()
@click.option("--drafts", is_flag=True, help="Audit unreviewed drafted expectations too.")
@click.argument("paths", nargs=-1, type=click.Path())
def audit_command(corpora: tuple[str, ...], fmt: str, output: str | None, drafts: bool, paths: tuple[str, ...]) -> None:
    """Check each truth against its own page, before any extractor is judged by it.

    Reports a must_contain snippet the page lacks, a must_not_contain snippet
    inside the true body, a true body that repeats itself or is not the
    page's, an author or title the page names nowhere, an organization listed
    as an author, and a publication date the page states nowhere or that is
    its modified time. PATHS are fixture folders (default: [tool.harness]
    fixtures, else the bundled ones). Exit status: 0 no doubt, 1 doubts, 2 an
    input could not be read or there was nothing to audit.
    """
    from ...core import HarnessError
    from ...render import audit as render
    from ...running import audit
    from ...testing import load_config

    try:
        project = load_config()
        with progress("pages") as bar:
            bar.start("audit")
            report = audit(
                list(paths) or ([] if corpora else list(project.fixtures)),
                list(corpora),
                include_drafts=drafts,
                severity=project.severity,
                progress=bar.counter(),
            )
    except HarnessError as error:
        fail(error)
    emit_report(lambda: render.render_json(report) if fmt == "json" else render.render_text(report), output)
    sys.exit(report.exit_status())
