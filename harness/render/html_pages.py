"""The HTML report's pages: the page × extractor matrix, and each page's drill-down data.

A page's data is built here once (the true body as tokens; the page's text-bearing markup, see
:mod:`.html_source`; each extraction as a word diff against the tokens, leaked snippets marked by
kind, missing snippets listed), gzipped and base64-encoded; the browser decompresses and draws it
when the page is opened, so a body is stored once per page.
"""

from __future__ import annotations

import base64
import difflib
import gzip
import html
import json
import re
from typing import TYPE_CHECKING, Any

from ..core import contains
from .html_source import text_markup

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["MAX_TEXT", "encode", "matrix", "page_data", "page_shell", "severity_counts"]

#: Characters of a body kept for the drill-down (the diff's cost grows with it).
MAX_TEXT = 60_000
_TOKEN = re.compile(r"\S+\s*")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def severity_counts(result: dict[str, Any]) -> tuple[int, int]:
    """(errors, warnings) among one extractor's findings on one page."""
    findings = result["findings"]
    return sum(f["severity"] == "error" for f in findings), sum(f["severity"] == "warning" for f in findings)


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def _located(body: str, snippet: str) -> list[tuple[int, int]]:
    """Where ``snippet`` occurs in ``body``, any run of whitespace matching any other."""
    words = snippet.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [m.span() for m in pattern.finditer(body)][:5]


def _diff(truth: list[str], body: str, leaks: list[dict[str, Any]]) -> list[list[Any]]:
    """The extraction as operations on the true tokens: [0, a, b] kept, [1, a, b] missed, and
    [2, text, kind] added (kind: the leak's kind, or "" for text that is just not in the truth)."""
    spans = _spans(body)
    words = [body[a:b] for a, b in spans]
    kinds = [""] * len(words)
    for leak in leaks:
        for start, end in leak.pop("spans"):
            for i, (a, b) in enumerate(spans):
                if a < end and b > start:
                    kinds[i] = kinds[i] or leak["kind"]
    matcher = difflib.SequenceMatcher(None, [t.strip() for t in truth], [w.strip() for w in words], autojunk=False)
    ops: list[list[Any]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append([0, a1, a2])
            continue
        if tag in ("delete", "replace"):
            ops.append([1, a1, a2])
        run_start = b1
        for i in range(b1, b2 + 1):  # runs of added words of one kind
            if i == b2 or kinds[i] != kinds[run_start]:
                if i > run_start:
                    ops.append([2, "".join(words[run_start:i]), kinds[run_start]])
                run_start = i
    return ops


def page_data(detail: dict[str, Any], order: Sequence[str], fields: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """One page's drill-down data, JSON-ready: the truth once, each extraction against it."""
    truth = detail["truth"]
    true_body = truth.get("body")
    truth_tokens = None if true_body is None else [true_body[a:b] for a, b in _spans(true_body[:MAX_TEXT])]
    must_contain: list[str] = truth.get("must_contain") or []
    must_not: list[dict[str, str]] = truth.get("must_not_contain") or []
    results = []
    for name in order:
        result = detail["results"].get(name)
        if result is None:
            continue
        body = result.get("body_text")
        item: dict[str, Any] = {
            "name": name,
            "status": result["score"].get("status", "ok"),
            "fields": list(fields.get(name, ())),
            "title": result.get("title"),
            "authors": result.get("authors"),
            "published": result.get("published"),
            "findings": [[f["severity"], f["check"], f["message"], f.get("truth_suspect")] for f in result["findings"]],
        }
        if body is not None:
            cut = body[:MAX_TEXT]
            leaks = []
            for snippet in must_not:
                if contains(body, snippet["text"]):
                    spans = _located(cut, snippet["text"])
                    leaks.append(
                        {"text": snippet["text"], "kind": snippet["kind"], "located": bool(spans), "spans": spans}
                    )
            item["missing"] = [s for s in must_contain if not contains(body, s)]
            item["ops"] = _diff(truth_tokens or [], cut, leaks)
            item["leaks"] = leaks
            item["truncated"] = len(body) > MAX_TEXT
        results.append(item)
    return {
        "truth": {
            "title": truth.get("title"),
            "authors": truth.get("authors"),
            "published": truth.get("published"),
            "tokens": truth_tokens,
            "truncated": true_body is not None and len(true_body) > MAX_TEXT,
            "must_contain": must_contain,
            "must_not_contain": must_not,
        },
        # The page itself, its text-bearing markup only (inert; html_source.py), once for all extractors.
        "page": text_markup(detail.get("page_html") or ""),
        "results": results,
    }


def encode(data: dict[str, Any]) -> str:
    """JSON, gzipped (no timestamp: the same data gives the same report) and base64-encoded."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def _cell(number: int, column: int, result: dict[str, Any] | None) -> str:
    anchor = f"p{number}-e{column}"
    if result is None:
        return '<td class="c none">·</td>'
    errors, warnings = severity_counts(result)
    status = result["score"].get("status", "ok")
    if status in ("error", "timeout"):
        cls, text, what = "err", "✗" if status == "error" else "t/o", f"{status}; {errors} errors"
    elif errors:
        cls, text, what = "err", str(errors), f"{errors} errors, {warnings} warnings"
    elif warnings:
        cls, text, what = "warn", str(warnings), f"{warnings} warnings"
    else:
        cls, text, what = "ok", "✓", "no error or warning"
    return f'<td class="c {cls}"><a href="#{anchor}" title="{_e(what)}">{text}</a></td>'


def matrix(details: Sequence[dict[str, Any]], order: Sequence[str]) -> str:
    """Pages (rows) × extractors (columns), each cell coloured by its worst finding, linking to its drill-down."""
    head = "".join(f'<th scope="col"><span>{_e(name)}</span></th>' for name in order)
    rows = []
    for detail in details:
        number = detail["number"]
        cells = "".join(_cell(number, i, detail["results"].get(name)) for i, name in enumerate(order))
        rows.append(f'<tr><th scope="row"><a href="#p{number}">{_e(detail["page"])}</a></th>{cells}</tr>')
    return (
        '<p class="legend"><span class="c err">2</span> errors <span class="c warn">1</span> warnings only '
        '<span class="c ok">✓</span> none <span class="c err">✗</span> the extractor failed '
        '<span class="c err">t/o</span> timed out</p>'
        f'<div class="matrix-wrap"><table class="matrix"><thead><tr><th scope="col">page</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _link(url: str) -> str:
    if re.match(r"https?://", url or "", re.IGNORECASE):
        return f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>'
    return f"<span>{_e(url or '—')}</span>"


def page_shell(detail: dict[str, Any], order: Sequence[str], data: str) -> str:
    """A page's drill-down as written in the file: its heading, a section per extractor (the
    anchors the matrix links to) and its compressed data, drawn by the script when opened."""
    number = detail["number"]
    errors = warnings = 0
    for result in detail["results"].values():
        e, w = severity_counts(result)
        errors, warnings = errors + e, warnings + w
    sections = "".join(
        f'<section class="ex" id="p{number}-e{i}" data-name="{_e(name)}"><h4>{_e(name)}</h4></section>'
        for i, name in enumerate(order)
        if name in detail["results"]
    )
    return (
        f'<details class="page" id="p{number}" data-n="{number}"><summary><b>{_e(detail["page"])}</b> '
        f'<span class="note">{errors} errors, {warnings} warnings</span></summary>'
        f'<p class="url">{_link(detail["url"])}</p><div class="truth"></div><div class="source"></div>{sections}'
        f'<script type="application/octet-stream" class="data">{data}</script></details>'
    )
