"""The self-contained HTML report of a scoring run: leaderboard, plots, a page × extractor matrix,
and a per-page drill-down (the truth once, the page itself with what an extractor took and its leaks
marked, each extraction as a diff against the truth, leaks marked).

Layout and figures: :mod:`.html_board`; the matrix and the pages' compressed data:
:mod:`.html_pages`; the page itself, inert, for a sandboxed iframe: :mod:`.html_source`; style and
script: :mod:`.html_assets`.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .html_assets import LEAK_KINDS, SCRIPT, STYLE
from .html_board import board, plots
from .html_pages import encode, matrix, page_data, page_shell, severity_counts
from .score import ordered

if TYPE_CHECKING:
    from ..scoring import ScoreReport

__all__ = ["MAX_PAGES", "render_html"]

#: Pages given a drill-down (and a row in the matrix), most errors first.
MAX_PAGES = 300

# Nothing leaves the file: no network, no plugin, no form; inline style and script only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _legend() -> str:
    kinds = "".join(f'<mark class="k-{k}">{k}</mark>' for k in LEAK_KINDS)
    return (
        '<p class="legend">In each extraction: <ins>text the truth lacks</ins> <del>true text it missed</del>; '
        f"leaked must_not_contain snippets by kind: {kinds}. Long runs that match the truth are folded "
        '(<span class="gap">… N words as in the truth …</span>, click to open).</p>'
    )


def render_html(report: ScoreReport) -> str:
    """One self-contained HTML page (an inline script draws each page's drill-down when opened)."""
    order = [e.name for e in ordered(report)]
    fields = {e.name: sorted(e.fields) for e in report.extractors}
    # Two passes, so memory holds the texts of the pages shown only.
    counts = [sum(severity_counts(r)[0] for r in d["results"].values()) for d in report.page_details()]
    worst = sorted(range(len(counts)), key=lambda i: (-counts[i], i))[:MAX_PAGES]
    rank = {number: place for place, number in enumerate(worst)}
    # Each page's drill-down is made as its detail is read, so memory holds one recorded page at a time.
    details, shells = [], {}
    for detail in report.page_details(texts=True, only=set(worst)):
        shells[detail["number"]] = page_shell(detail, order, encode(page_data(detail, order, fields)))
        details.append({k: v for k, v in detail.items() if k != "page_html"})
    shown = sorted(details, key=lambda d: rank[d["number"]])
    more = (
        f'<p class="note">Showing the {MAX_PAGES} pages with the most errors of {len(counts)}.</p>'
        if len(counts) > MAX_PAGES else ""
    )  # fmt: skip
    pages = "".join(shells[d["number"]] for d in shown)
    corpora = ", ".join(f"{_e(c['kind'])} <code>{_e(c['path'])}</code>" for c in report.corpora)
    notes = "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "".join(
        f'<li class="sev-error">problem: {_e(p)}</li>' for p in report.problems
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>news-harness score: {report.pages} pages</title><style>{STYLE}</style></head><body>"
        f"<h1>news-harness score</h1><p>{report.pages} pages from {corpora}; created {_e(report.created)}; "
        f"± is the standard deviation over {report.resamples} bootstrap resamples (seed {report.seed}); "
        "n is the pages a figure rests on; n/a: the extractor does not produce that field "
        "(hover for why).</p>"
        f'<ul class="note">{notes}</ul>'
        f'<h2 id="leaderboard">Leaderboard</h2>{board(report)}'
        f'<h2 id="metrics">Metrics</h2><div class="plots">{plots(report)}</div>'
        f'<h2 id="pages">Pages</h2>{more}<h3>Findings by page and extractor</h3>'
        f"<p class=note>Each cell links to that extraction in the page's drill-down below.</p>"
        f"{matrix(shown, order)}<h3>Drill-down</h3>{_legend()}{pages}"
        f"<script>{SCRIPT}</script></body></html>"
    )
