"""A score report (``harness score``): the terminal leaderboard, Markdown, JSON, and a paired comparison."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text

from ..core import UsageError, printable_lines
from ..scoring import LOWER_IS_BETTER
from .plural import count

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import RenderableType

    from ..scoring import Estimate, ExtractorScore, ScoreReport

__all__ = [
    "COLUMNS",
    "Column",
    "cell",
    "json_chunks",
    "ordered",
    "render_compare",
    "render_json",
    "render_markdown",
    "render_terminal",
    "render_text",
    "shown_columns",
]

#: Under this many columns the leaderboard is one block per extractor instead of a table.
PIVOT_WIDTH = 120


@dataclass(frozen=True)
class Column:
    """A leaderboard column: the metric it shows, its heading, and which way is better."""

    metric: str
    heading: str
    #: Shown multiplied by this: page-only findings are counted per 1,000 pages.
    scale: float = 1.0

    @property
    def higher_is_better(self) -> bool:
        """Which way is better, as the scoring defines it for the metric."""
        return self.metric not in LOWER_IS_BETTER


#: The leaderboard's columns, in order.
COLUMNS: tuple[Column, ...] = (
    Column("body.f1", "body F1"),
    Column("body.precision", "body P"),
    Column("body.recall", "body R"),
    Column("body.accuracy", "body exact"),
    Column("body.must_contain", "must_contain"),
    Column("authors.f1", "authors F1"),
    Column("published.day_accuracy", "date (day)"),
    Column("published.instant_accuracy", "date (minute)"),
    Column("title.accuracy", "title"),
    Column("leaks.sponsored", "sponsored leak"),
    Column("leaks.boilerplate", "boilerplate leak"),
    Column("errors", "errors"),
    Column("timeouts", "timeouts"),
    # A truth-free run's figures: they rest on the page alone.
    Column("page.byline.noise", "byline noise per 1k", scale=1000),
    Column("page.byline.organization", "organization as author per 1k", scale=1000),
    Column("page.body.sponsored_leak", "sponsored leak per 1k", scale=1000),
    Column("page.body.boilerplate_leak", "boilerplate leak per 1k", scale=1000),
    Column("page.date.future", "future date per 1k", scale=1000),
    Column("page.date.clock_dependent", "clock-dependent per 1k", scale=1000),
    Column("page.extractor.nondeterministic", "nondeterministic per 1k", scale=1000),
    Column("silver.authors", "authors agree with metadata"),
    Column("silver.published", "date agrees with metadata"),
    Column("silver.title", "title agrees with metadata"),
)


def cell(estimate: Estimate | None, scale: float = 1.0) -> str:
    """A figure as '0.958 ± 0.006' (a count per 1,000 pages as '12.4 ± 3.1'), or 'n/a' where it
    rests on no page."""
    if estimate is None or estimate.value is None or estimate.pages == 0:
        return "n/a"
    digits = 3 if scale == 1 else 1
    if estimate.std is None:
        return f"{estimate.value * scale:.{digits}f}"
    return f"{estimate.value * scale:.{digits}f} ± {estimate.std * scale:.{digits}f}"


def ordered(report: ScoreReport) -> list[ExtractorScore]:
    """Extractors best first: by body F1, then authors F1, then date accuracy; n/a last."""

    def key(entry: ExtractorScore) -> tuple[float, ...]:
        values = []
        for metric in ("body.f1", "authors.f1", "published.day_accuracy"):
            estimate = entry.metrics.get(metric)
            ok = estimate is not None and estimate.value is not None and estimate.pages > 0
            values.append(-(estimate.value or 0.0) if ok and estimate else 1.0)
        return tuple(values)

    return sorted(report.extractors, key=lambda e: (key(e), e.name))


def _pages(report: ScoreReport, metric: str) -> int:
    return max((e.metrics[metric].pages for e in report.extractors if metric in e.metrics), default=0)


def _ms(entry: ExtractorScore) -> str:
    median, p95 = entry.timing.get("median_ms"), entry.timing.get("p95_ms")
    return "n/a" if median is None else f"{median:.1f} / {p95:.1f}"


def shown_columns(report: ScoreReport, *, compact: bool) -> list[Column]:
    """The columns that rest on at least one page; ``compact`` keeps body P/R/exact only when
    the body is all the corpus labels (as in the Zyte benchmark)."""
    # Agreement with the page's metadata is a truth-free run's second opinion; with truth, truth decides.
    columns = [
        c for c in COLUMNS if _pages(report, c.metric) and (report.truth_free or not c.metric.startswith("silver."))
    ]
    body_only = not any(c.metric.split(".")[0] in ("authors", "published", "title") for c in columns)
    detail = ("body.precision", "body.recall", "body.accuracy", "body.must_contain")
    if compact and not body_only:
        columns = [c for c in columns if c.metric not in detail]
    return columns


def _rows(report: ScoreReport, *, compact: bool) -> tuple[list[str], list[list[str]]]:
    columns = shown_columns(report, compact=compact)
    header = ["extractor", "version"] + [f"{c.heading} (n={_pages(report, c.metric)})" for c in columns]
    header.append("ms median / p95")
    rows = [
        [e.name, e.version or "-"] + [cell(e.metrics.get(c.metric), c.scale) for c in columns] + [_ms(e)]
        for e in ordered(report)
    ]
    return header, rows


def render_text(report: ScoreReport) -> str:
    """The leaderboard as an aligned text table, with what it rests on and any notes."""
    header, rows = _rows(report, compact=True)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.extend(_footer(report))
    return printable_lines(lines)


def _footer(report: ScoreReport) -> list[str]:
    corpora = ", ".join(f"{c['kind']} {c['path']}" for c in report.corpora)
    lines = [
        f"{count(report.pages, 'page')} ({corpora}); ± is the standard deviation over {report.resamples} "
        f"bootstrap resamples (seed {report.seed}); n is the pages a figure rests on; "
        "leaks, errors and timeouts: lower is better."
    ]
    lines.extend(f"note: {note}" for note in report.notes)
    lines.extend(f"problem: {problem}" for problem in report.problems)
    return lines


def _best(report: ScoreReport, columns: list[Column]) -> dict[str, float]:
    """The best value of each column (to colour it), where more than one extractor has one."""
    best = {}
    for column in columns:
        estimates = [e.metrics[column.metric] for e in report.extractors if column.metric in e.metrics]
        values = [estimate.value for estimate in estimates if estimate.pages and estimate.value is not None]
        if len(values) > 1:
            numbers = [v for v in values if v is not None]
            best[column.metric] = max(numbers) if column.higher_is_better else min(numbers)
    return best


def _figure(entry: ExtractorScore, column: Column, best: dict[str, float]) -> Text:
    estimate = entry.metrics.get(column.metric)
    shown = cell(estimate, column.scale)
    if shown == "n/a":
        return Text(shown, style="dim")
    good = estimate is not None and best.get(column.metric) == estimate.value
    return Text(shown, style="bold green" if good else "")


def render_terminal(report: ScoreReport, *, width: int, colour: bool = False) -> str:
    """The leaderboard for a terminal of ``width`` columns: a table whose headings fold, or, under
    :data:`PIVOT_WIDTH` columns or when the figures cannot fit side by side, one block per extractor.
    No figure is ever split across lines; the best figure of each column is green when ``colour``."""
    from rich import box
    from rich.table import Table

    from .terminal import render, text

    columns = shown_columns(report, compact=True)
    best = _best(report, columns)
    footer = [text(line, "dim" if line.startswith("note:") else "") for line in _footer(report)]
    rows = [
        [text(e.name, "bold"), text(e.version or "-"), *[_figure(e, c, best) for c in columns], Text(_ms(e))]
        for e in ordered(report)
    ]
    headings = ["extractor", "version", *[f"{c.heading} (n={_pages(report, c.metric)})" for c in columns]]
    headings.append("ms median / p95")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for index, heading in enumerate(headings):
        # Headings fold to the width of their figures; a figure ("0.958 ± 0.006") or a name never does.
        room = max([len(row[index].plain) for row in rows] + [len(word) for word in heading.split()])
        folded = "\n".join(textwrap.wrap(heading, room, break_on_hyphens=False))
        table.add_column(folded, justify="left" if index < 2 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    natural = max(map(len, render(table, width=10_000, colour=False).split("\n")))
    if width >= PIVOT_WIDTH and natural <= width:
        return render(table, Text(""), *footer, width=width, colour=colour)
    blocks: list[RenderableType] = []
    label_width = max(len(heading) for heading in headings[2:-1]) if columns else 0
    figure_width = max((len(cell.plain) for row in rows for cell in row[2:-1]), default=0)
    pairs = max(1, (width - 2) // (label_width + figure_width + 4))
    for entry in ordered(report):
        title = Text.assemble(
            text(entry.name, "bold"), " ", text(entry.version or ""), (f"  ms median / p95 {_ms(entry)}", "dim")
        )
        grid = Table.grid(padding=(0, 2), pad_edge=False)
        for _ in range(pairs):
            grid.add_column(no_wrap=True, min_width=label_width)
            grid.add_column(no_wrap=True, justify="right", min_width=figure_width)
        cells: list[Text] = []
        for column in columns:
            cells.extend([Text(f"{column.heading} (n={_pages(report, column.metric)})"), _figure(entry, column, best)])
        for start in range(0, len(cells), 2 * pairs):
            chunk = cells[start : start + 2 * pairs]
            grid.add_row(*chunk, *[Text("")] * (2 * pairs - len(chunk)))
        blocks.extend([title, Padding(grid, (0, 0, 0, 2)), Text("")])
    return render(*blocks, *footer, width=width, colour=colour)


def render_markdown(report: ScoreReport) -> str:
    """The leaderboard as a Markdown document (for a README or a pull-request comment)."""
    header, rows = _rows(report, compact=False)
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    corpora = ", ".join(f"{c['kind']} `{c['path']}`" for c in report.corpora)
    out.append("")
    out.append(
        f"{count(report.pages, 'page')} ({corpora}). ± is the standard deviation over {report.resamples} "
        f"bootstrap resamples (seed {report.seed}); n is the number of pages a figure rests on."
    )
    out.extend(f"- {note}" for note in report.notes)
    out.extend(f"- problem: {problem}" for problem in report.problems)
    return printable_lines(out) + "\n"


def render_json(report: ScoreReport) -> str:
    """The report as JSON (schemas/score.schema.json)."""
    return "".join(json_chunks(report))


def json_chunks(report: ScoreReport) -> Iterator[str]:
    """:func:`render_json` a piece at a time: the figures, then one page's detail at a time, read from the
    spool as it is written out, so a report of a million pages never sits whole in memory."""
    head = json.dumps(report.to_dict(pages=False), indent=1, ensure_ascii=False, default=str)
    yield head[: -len("\n}")] + ',\n "page_results": ['
    number = -1
    for number, detail in enumerate(report.page_details()):
        text = json.dumps(detail, indent=1, ensure_ascii=False, default=str)
        # Nested two levels deep, as json.dumps indents it inside the whole report (a JSON string never
        # holds a raw newline, so every newline here is the layout's).
        yield ("," if number else "") + "\n  " + text.replace("\n", "\n  ")
    yield "]\n}" if number < 0 else "\n ]\n}"


def render_compare(report: ScoreReport, base: str, head: str) -> str:
    """HEAD minus BASE per leaderboard figure, by paired bootstrap over the same pages.

    Raises:
        UsageError: ``base`` or ``head`` was not scored.
    """
    names = [e.name for e in report.extractors]
    for name in (base, head):
        if name not in names:
            raise UsageError(f"--compare names {name!r}, which was not scored; scored: {', '.join(names)}")
    diff = report.difference(base, head)
    lines = [f"\n{head} minus {base}, paired bootstrap over the same {count(report.pages, 'page')}:"]
    for column in COLUMNS:
        d = diff[column.metric]
        change, low, high = d["difference"], d["low"], d["high"]
        if change is None or low is None or high is None:
            continue
        sign = (change > 0) == column.higher_is_better
        verdict = "" if low <= 0 <= high else (" better" if sign else " worse")
        k = column.scale
        lines.append(
            f"  {column.heading:<18} {change * k:+.3f} ± {(d['std'] or 0) * k:.3f}  "
            f"95% [{low * k:+.3f}, {high * k:+.3f}]{verdict}"
        )
    return printable_lines(lines)
