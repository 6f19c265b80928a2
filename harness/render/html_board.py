"""The HTML report's leaderboard (a table that scrolls in its own box, or one card per extractor on a
narrow screen) and its plots (SVG that scales to the viewport, each axis fitted to its intervals)."""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

from .score import ordered, shown_columns

if TYPE_CHECKING:
    from ..scoring import ExtractorScore, ScoreReport
    from .score import Column

__all__ = ["board", "figure", "plots"]

#: The extracted field a metric rests on (leaks are found in the body).
_FIELD_OF = {"body": "body", "leaks": "body", "authors": "authors", "published": "published", "title": "title"}
_FIELD_NAMES = {"body": "a body", "authors": "authors", "published": "dates", "title": "a title"}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _gives_time(report: ScoreReport, name: str) -> bool:
    """Whether the extractor ever gave a date with a time (else "date (minute)" is not its figure)."""
    terms = report.terms.get(name)
    return terms is None or not terms.dated or terms.timed


def figure(report: ScoreReport, entry: ExtractorScore, metric: str) -> tuple[float, float, float] | str:
    """(value, interval low, interval high), or why the figure is n/a for this extractor."""
    field = _FIELD_OF.get(metric.split(".")[0])
    if field is not None and field not in entry.fields:
        return f"does not extract {_FIELD_NAMES[field]}"
    estimate = entry.metrics.get(metric)
    if estimate is None or estimate.value is None or estimate.pages == 0:
        return "rests on no page"
    if metric == "published.instant_accuracy" and not _gives_time(report, entry.name):
        return "gives dates without a time"
    spread = 1.96 * (estimate.std or 0.0)
    return estimate.value, max(0.0, estimate.value - spread), min(1.0, estimate.value + spread)


def _pages(report: ScoreReport, metric: str) -> int:
    return max((e.metrics[metric].pages for e in report.extractors if metric in e.metrics), default=0)


def _cell(report: ScoreReport, entry: ExtractorScore, column: Column) -> str:
    got = figure(report, entry, column.metric)
    if isinstance(got, str):
        return f'<span class="na" title="{_e(got)}">n/a</span>'
    std, k = entry.metrics[column.metric].std, column.scale
    digits = 3 if k == 1 else 1
    spread = "" if std is None else f'<span class="sd">± {std * k:.{digits}f}</span>'
    return f'<span class="v">{got[0] * k:.{digits}f}</span>{spread}'


def _ms(entry: ExtractorScore) -> str:
    median, p95 = entry.timing.get("median_ms"), entry.timing.get("p95_ms")
    return '<span class="na">n/a</span>' if median is None else f"{median:.1f} / {p95 or 0.0:.1f}"


def board(report: ScoreReport) -> str:
    """The leaderboard twice: a table (scrolling inside its box) and cards (shown on narrow screens)."""
    columns = shown_columns(report, compact=False)
    head = "".join(f'<th scope="col">{_e(c.heading)}<small>n={_pages(report, c.metric)}</small></th>' for c in columns)
    rows, cards = [], []
    for entry in ordered(report):
        name, version = _e(entry.name), _e(entry.version or "—")
        cells = "".join(f'<td class="num">{_cell(report, entry, c)}</td>' for c in columns)
        rows.append(
            f'<tr><th scope="row">{name}<small>{version}</small></th>{cells}<td class="num">{_ms(entry)}</td></tr>'
        )
        items = "".join(f"<dt>{_e(c.heading)}</dt><dd>{_cell(report, entry, c)}</dd>" for c in columns)
        cards.append(
            f'<section class="card"><h3>{name} <small>{version}</small></h3>'
            f"<dl>{items}<dt>ms median / p95</dt><dd>{_ms(entry)}</dd></dl></section>"
        )
    return (
        '<div class="board-wrap"><table class="board"><thead><tr><th scope="col">extractor<small>version</small></th>'
        f'{head}<th scope="col">ms<small>median / p95</small></th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'</div><div class="cards">{"".join(cards)}</div>'
    )


def _axis(low: float, high: float) -> tuple[float, float, float]:
    """An axis around [low, high] with a little margin, its ends on ticks: (start, end, step)."""
    if high - low < 0.05:  # a narrow range (all zeros, say) is shown 0.05 wide
        low, high = (low + high) / 2 - 0.025, (low + high) / 2 + 0.025
    span = high - low
    low, high = low - 0.08 * span, high + 0.08 * span
    if low < 0.0:
        low, high = 0.0, high - low
    if high > 1.0:
        low, high = low - (high - 1.0), 1.0
    low = max(0.0, low)
    steps = (0.001, 0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0)
    step = next(s for s in steps if (high - low) / s <= 5)
    start, end = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    start, end = max(0.0, start), min(1.0, end)
    return start, end if end > start else start + step, step


def _plot(report: ScoreReport, column: Column) -> str:
    shown: list[tuple[ExtractorScore, tuple[float, float, float]]] = []
    missing: list[str] = []
    for entry in ordered(report):
        got = figure(report, entry, column.metric)
        if isinstance(got, str):
            missing.append(f"{_e(entry.name)} ({_e(got)})")
        else:
            shown.append((entry, got))
    if not shown:
        return ""
    start, end, step = _axis(min(g[1] for _, g in shown), max(g[2] for _, g in shown))
    row, left, width, right = 22, 130, 290, 56
    height = row * len(shown) + 30
    axis_y = row * len(shown) + 6

    def x(value: float) -> float:
        return left + (value - start) / (end - start) * width

    parts = [
        f'<svg viewBox="0 0 {left + width + right} {height}" role="img" aria-label="{_e(column.heading)}">',
        f'<line x1="{left}" y1="{axis_y}" x2="{left + width}" y2="{axis_y}" class="axis"/>',
    ]
    ticks = round((end - start) / step)
    for i in range(ticks + 1):
        tick = start + i * step
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        parts.append(f'<line x1="{x(tick):.1f}" y1="0" x2="{x(tick):.1f}" y2="{axis_y + 4}" class="grid"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{axis_y + 16}" class="tick">{tick:.{decimals}f}</text>')
    for i, (entry, (value, low, high)) in enumerate(shown):
        y = i * row + 12
        parts.append(f'<text x="{left - 6}" y="{y + 4}" class="name">{_e(entry.name)}</text>')
        parts.append(f'<line x1="{x(low):.1f}" y1="{y}" x2="{x(high):.1f}" y2="{y}" class="ci"/>')
        parts.append(f'<circle cx="{x(value):.1f}" cy="{y}" r="4" class="dot"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 4}" class="val">{value:.3f}</text>')
    parts.append("</svg>")
    direction = "higher is better" if column.higher_is_better else "lower is better"
    absent = f'<p class="note">n/a: {", ".join(missing)}</p>' if missing else ""
    pages = max(e.metrics[column.metric].pages for e, _ in shown)
    return (
        f'<figure class="plot"><figcaption><b>{_e(column.heading)}</b> <span class="note">{direction}; '
        f"dot: value, bar: 95% bootstrap interval; axis {start:g}–{end:g}; n={pages}</span></figcaption>"
        f"{''.join(parts)}{absent}</figure>"
    )


def plots(report: ScoreReport) -> str:
    """A plot per shown figure, each scaled to its own data."""
    # Counts per 1,000 pages are in the table; the plots keep to figures on a 0-1 scale.
    return "".join(_plot(report, c) for c in shown_columns(report, compact=False) if c.scale == 1)
