"""``harness record``, ``harness review`` and ``harness refresh``: making and keeping fixtures."""

from __future__ import annotations

import json
import re
import sys

import click

from ...core import printable
from .common import examples, extractor_option, fail, field_map, fields_option, progress, timeout_option


@click.command("record", epilog=examples(
    "harness record https://www.ksl.com/article/51146183/...          # into cassettes/, truth drafted",
    "harness record URL1 URL2 --out cassettes/mysite -e mysite.scraper:extract",
    "harness record URL -H 'Authorization: Bearer TOKEN'             # scrubbed from every file written",
))  # fmt: skip
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
@timeout_option(10.0)
@click.option("--max-bytes", type=int, default=20 * 1024 * 1024, show_default=True, help="Largest page recorded.")
@click.option(
    "-H",
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="A request header (e.g. Authorization); its value is scrubbed from every file written, wherever "
    "the site echoes it.",
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
@click.option(
    "--keep-body-secrets", is_flag=True,
    help="Store the page as sent: no redaction of credential fields, JSON credentials, access keys, "
    "e-mail addresses and token links in it.",
)  # fmt: skip
@click.option(
    "--redact", "redact", multiple=True, metavar="REGEX",
    help="Also replace what this regular expression matches in the page (a site's own secrets); repeatable.",
)  # fmt: skip
@click.option("--no-draft", is_flag=True, help="Do not run the extractors to draft the expectation.")
@extractor_option("Draft the expectation from these (a registered name, a module:callable, a scrapy: or "
                  "web-poet: spec); repeatable. Default: every installed built-in.")  # fmt: skip
@fields_option()
def record_command(
    urls: tuple[str, ...], out: str, name: str | None, force: bool, timeout: float, max_bytes: int,
    headers: tuple[str, ...], keep: tuple[str, ...], keep_params: tuple[str, ...], keep_body_secrets: bool,
    redact: tuple[str, ...], no_draft: bool, extractors: tuple[str, ...], fields: tuple[str, ...],
) -> None:  # fmt: skip
    """Record pages as fixtures: cassette, drafted expectation and its evidence (review it next).

    Cookies, Set-Cookie, Authorization and token-like query parameters are
    scrubbed; an existing fixture is never overwritten without --force.
    """
    from ...authoring import DEFAULT_SCRUB_HEADERS, record

    if name and len(urls) > 1:
        fail("--name names one fixture; give one URL with it")
    request_headers = {}
    for header in headers:
        key, sep, value = header.partition(":")
        if not sep:
            fail(f"--header {header!r} is not 'Name: value'")
        request_headers[key.strip()] = value.strip()
    for pattern in redact:
        try:
            re.compile(pattern)
        except re.error as error:
            fail(f"--redact {pattern!r} is not a regular expression: {error}")
    drafters = None
    if extractors:
        from ...core import HarnessError
        from ...extractors import resolve
        from ...testing import load_config

        try:
            mapped = field_map(fields, load_config().fields)
            drafters = [resolve(spec, fields=mapped) for spec in extractors]
        except HarnessError as error:
            fail(error)
    scrub = [h for h in DEFAULT_SCRUB_HEADERS if h not in {k.lower() for k in keep}]
    with progress("pages") as bar:
        bar.start("record")
        results = record(urls, out, name=name, force=force, timeout=timeout, max_bytes=max_bytes,
                         headers=request_headers, scrub_headers=scrub, keep_params=keep_params, keep_headers=keep,
                         body_secrets=not keep_body_secrets, redact=redact, draft=not no_draft,
                         extractors=drafters, progress=bar.update if bar.enabled else None)  # fmt: skip
    for result in results:
        if result.problem:
            click.echo(printable(f"problem: {result.url}: {result.problem}"))
            continue
        scrubbed = f"; scrubbed {', '.join(result.scrubbed)}" if result.scrubbed else ""
        click.echo(printable(f"recorded {result.url} -> {result.cassette}{scrubbed}"))
    done = [r for r in results if r.cassette]
    if done:
        click.echo(f"Review the drafted expectations before using them: harness review {out}")
    sys.exit(2 if any(r.problem for r in results) else 0)


@click.command("review")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--accept", "decision", flag_value="accept", help="Accept every draft as it is.")
@click.option("--reject", "decision", flag_value="reject", help="Delete every draft and its recorded page.")
def review_command(paths: tuple[str, ...], decision: str | None) -> None:
    """Show each drafted expectation beside its evidence; accept, edit or reject it.

    An edit that fails the schema opens again with every problem written at
    its top; saving it unchanged (or empty) leaves the draft as it was. Exit
    status 2 when a draft was left so, or could not be accepted.
    """
    from ...authoring import accept, drafts, edit_problems, edit_text, parse_edit, reject
    from ...core import HarnessError
    from ...render import review as render

    found = drafts(list(paths) or ["cassettes"])
    if not found:
        click.echo("No drafts to review.")
        return
    status = 0
    for draft in found:
        click.echo(render.render_text(draft))
        choice = decision or click.prompt("[a]ccept, [e]dit, [r]eject or [s]kip", type=click.Choice(list("aers")),
                                          default="s")  # fmt: skip
        try:
            if choice in ("a", "accept"):
                problems = edit_problems(draft.truth, draft.sidecar)
                if problems:  # every one, not the first and "(and 2 more)"
                    click.echo(printable(f"problem: {draft.sidecar} cannot be accepted as it is; edit it:"))
                    for problem in problems:
                        click.echo(printable(f"  {problem}"))
                    status = 2
                    continue
                accept(draft)
                click.echo(f"accepted {draft.sidecar}")
            elif choice == "e":
                text = json.dumps(draft.truth, indent=2, ensure_ascii=False) + "\n"
                edited = click.edit(text, extension=".json")
                if edited is None:
                    click.echo("unchanged; skipped")
                    continue
                while True:
                    try:
                        data = parse_edit(edited, draft.sidecar)
                        problems = edit_problems(data, draft.sidecar)
                    except HarnessError as error:
                        problems = [getattr(error, "reason", str(error))]
                    if not problems:
                        accept(draft, data)
                        click.echo(f"accepted (edited) {draft.sidecar}")
                        break
                    # Reopened with the user's edit kept and every problem above it (issue 14).
                    text = edit_text(edited, problems)
                    edited = click.edit(text, extension=".json")
                    if edited is None or edited.rstrip() == text.rstrip() or not edited.strip():
                        many = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
                        click.echo(printable(f"edit abandoned; the draft {draft.sidecar} is unchanged. "
                                             f"The edit had {many}:"))  # fmt: skip
                        for problem in problems:
                            click.echo(printable(f"  {problem}"))
                        status = 2
                        break
            elif choice in ("r", "reject") and (decision or click.confirm(f"Delete {draft.cassette} and its draft?")):
                for path in reject(draft):
                    click.echo(f"deleted {path}")
        except HarnessError as error:
            click.echo(printable(f"problem: {error}"))
            status = 2
    sys.exit(status)


@click.command("refresh", epilog=examples(
    "harness refresh cassettes/ksltv",
    "harness refresh cassettes/ -e mysite.scraper:extract",
))  # fmt: skip
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@extractor_option("Extractors to compare (default: [tool.harness] extractors, else every installed built-in).")
@timeout_option(10.0)
def refresh_command(paths: tuple[str, ...], extractors: tuple[str, ...], timeout: float) -> None:
    """Re-record fixtures' URLs to a temporary place: did the site change, and whose results moved?

    Nothing is written. Exit status 1 when a page changed, 2 when one could not be fetched.
    """
    from ...authoring import refresh
    from ...core import HarnessError
    from ...render import refresh as render
    from ...running import load_extractors
    from ...testing import load_config

    problems: list[HarnessError] = []
    try:
        loaded = load_extractors(list(extractors) or list(load_config().extractors), problems)
        reports = refresh(list(paths), loaded, timeout=timeout)
    except HarnessError as error:
        fail(error)
    for problem in problems:
        click.echo(printable(f"problem: {problem}"))
    click.echo(render.render_text(reports))
    if problems or any(r.problem for r in reports):
        sys.exit(2)
    sys.exit(1 if any(r.page_changed for r in reports) else 0)
