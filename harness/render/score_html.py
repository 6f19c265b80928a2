"""The self-contained HTML report of a scoring run: leaderboard, plots, and a per-page view."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .score import cell, ordered, shown_columns

if TYPE_CHECKING:
    from ..scoring import ScoreReport

__all__ = ["render_html"]

#: Pages shown in full (findings and text side by side), worst first.
MAX_PAGES = 300
MAX_TEXT = 20_000

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0}
td,th{padding:.3em .6em;border-bottom:1px solid #eee;text-align:left}
th{background:#f6f6f6}td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:1em}
.plot{border:1px solid #eee;padding:.5em}.plot h3{margin:.2em 0;font-size:1em}
details{border:1px solid #eee;margin:.4em 0;padding:.3em .6em}summary{cursor:pointer}
.sev-error{color:#b00020}.sev-warning{color:#a66300}.side{display:grid;grid-template-columns:1fr 1fr;gap:1em}
pre{white-space:pre-wrap;background:#fafafa;padding:.6em;max-height:30em;overflow:auto;font-size:12px}
.note{color:#555}.ok{color:#2e7d32}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _plot(report: ScoreReport, metric: str, heading: str, better_high: bool) -> str:
    entries = [e for e in ordered(report) if e.metrics.get(metric) and e.metrics[metric].pages]
    if not entries:
        return ""
    row, left, width = 22, 130, 220
    height = row * len(entries) + 24
    parts = [f'<svg width="{left + width + 70}" height="{height}" role="img" aria-label="{_e(heading)}">']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = left + tick * width
        parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 18}" stroke="#eee"/>')
        parts.append(f'<text x="{x}" y="{height - 4}" font-size="10" text-anchor="middle">{tick:g}</text>')
    for i, entry in enumerate(entries):
        estimate = entry.metrics[metric]
        y = i * row + 14
        value = estimate.value or 0.0
        spread = 1.96 * (estimate.std or 0.0)
        low, high = max(0.0, value - spread), min(1.0, value + spread)
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="11" text-anchor="end">{_e(entry.name)}</text>')
        parts.append(
            f'<line x1="{left + low * width:.1f}" y1="{y}" x2="{left + high * width:.1f}" y2="{y}" '
            'stroke="#1565c0" stroke-width="2"/>'
        )
        parts.append(f'<circle cx="{left + value * width:.1f}" cy="{y}" r="4" fill="#1565c0"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 4}" font-size="11">{value:.3f}</text>')
    parts.append("</svg>")
    direction = "higher is better" if better_high else "lower is better"
    pages = max(e.metrics[metric].pages for e in entries)
    return (
        f'<div class="plot"><h3>{_e(heading)}</h3><div class="note">{direction}; '
        f"dot: value, bar: 95% bootstrap interval; n={pages}</div>{''.join(parts)}</div>"
    )


def _page(detail: dict[str, Any]) -> str:
    truth = detail["truth"]
    counts = []
    for name, result in detail["results"].items():
        errors = sum(f["severity"] == "error" for f in result["findings"])
        counts.append(f'{_e(name)}: <span class="{"sev-error" if errors else "ok"}">{errors}</span>')
    parts = [
        f"<details><summary><b>{_e(detail['page'])}</b> — errors by extractor: {', '.join(counts)}</summary>",
        f'<p><a href="{_e(detail["url"])}">{_e(detail["url"])}</a><br>'
        f"truth: title {_e(truth.get('title'))}; "
        f"authors {_e(truth.get('authors'))}; published {_e(truth.get('published'))}</p>",
    ]
    for name, result in detail["results"].items():
        parts.append(f"<h4>{_e(name)}</h4><ul>")
        for finding in result["findings"]:
            parts.append(
                f'<li class="sev-{_e(finding["severity"])}"><code>{_e(finding["check"])}</code> '
                f"{_e(finding['message'])}</li>"
            )
        if not result["findings"]:
            parts.append('<li class="ok">no finding</li>')
        parts.append(
            f"</ul><p>title {_e(result.get('title'))}; authors {_e(result.get('authors'))}; "
            f"published {_e(result.get('published'))}</p>"
        )
        body, true_body = result.get("body_text"), truth.get("body")
        if body is not None or true_body is not None:
            parts.append(
                '<div class="side"><div><b>extracted body</b>'
                f"<pre>{_e((body or '')[:MAX_TEXT])}</pre></div><div><b>true body</b>"
                f"<pre>{_e((true_body or '(the truth has no body)')[:MAX_TEXT])}</pre></div></div>"
            )
    parts.append("</details>")
    return "".join(parts)


def render_html(report: ScoreReport) -> str:
    """One self-contained HTML page: no scripts, no external files."""
    columns = shown_columns(report, compact=False)
    rows = []
    for entry in ordered(report):
        cells = "".join(f'<td class="num">{_e(cell(entry.metrics.get(c.metric)))}</td>' for c in columns)
        median = entry.timing.get("median_ms")
        ms = "n/a" if median is None else f"{median:.1f} / {entry.timing.get('p95_ms'):.1f}"
        rows.append(f"<tr><td>{_e(entry.name)}</td><td>{_e(entry.version or '-')}</td>{cells}"
                    f'<td class="num">{ms}</td></tr>')  # fmt: skip
    head = "".join(f"<th>{_e(c.heading)}</th>" for c in columns)
    plots = "".join(_plot(report, c.metric, c.heading, c.higher_is_better) for c in columns)
    # Two passes, so memory holds the texts of the pages shown only.
    errors = [
        sum(f["severity"] == "error" for r in d["results"].values() for f in r["findings"])
        for d in report.page_details()
    ]
    worst = sorted(range(len(errors)), key=lambda i: (-errors[i], i))[:MAX_PAGES]
    rank = {number: place for place, number in enumerate(worst)}
    shown = sorted(report.page_details(texts=True, only=set(worst)), key=lambda d: rank[d["number"]])
    more = (
        f'<p class="note">Showing the {MAX_PAGES} pages with the most errors of {len(errors)}.</p>'
        if len(errors) > MAX_PAGES else ""
    )  # fmt: skip
    corpora = ", ".join(f"{_e(c['kind'])} <code>{_e(c['path'])}</code>" for c in report.corpora)
    notes = "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "".join(
        f'<li class="sev-error">problem: {_e(p)}</li>' for p in report.problems
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>news-harness score: {report.pages} pages</title><style>{_STYLE}</style></head><body>"
        f"<h1>news-harness score</h1><p>{report.pages} pages from {corpora}; created {_e(report.created)}; "
        f"± is the standard deviation over {report.resamples} bootstrap resamples (seed {report.seed}).</p>"
        f"<ul class=note>{notes}</ul>"
        "<h2>Leaderboard</h2><table><tr><th>extractor</th><th>version</th>"
        f"{head}<th>ms median / p95</th></tr>"
        f"{''.join(rows)}</table>"
        f'<h2>Metrics</h2><div class="plots">{plots}</div>'
        f"<h2>Pages</h2>{more}{''.join(_page(d) for d in shown)}</body></html>"
    )
