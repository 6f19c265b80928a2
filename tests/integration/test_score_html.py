"""The HTML report's content, read without a browser (tests/browser opens it in Chromium)."""

from __future__ import annotations

import base64
import gzip
import json
import re

import pytest

from harness.core import bundled_cassettes
from harness.fixtures import load_fixtures
from harness.render.html_board import _axis
from harness.render.html_pages import page_data
from harness.render.html_source import text_markup
from harness.render.score_html import render_html
from harness.scoring import score

EXTRACTORS = ["trafilatura", "resiliparse"]
#: How many fixtures are bundled.
BUNDLED = len(load_fixtures([bundled_cassettes()]).fixtures)


@pytest.fixture(scope="module")
def report():
    made = score(None, EXTRACTORS, jobs=0, texts=True)
    yield made
    made.close()


@pytest.fixture(scope="module")
def page(report):
    return render_html(report)


def _data(page: str) -> dict[str, dict]:
    """Each drill-down's data, decoded as the browser decodes it, by page name."""
    found = re.findall(r'<details class="page" id="p\d+" data-n="\d+"><summary><b>([^<]+)</b>.*?'
                       r'<script type="application/octet-stream" class="data">([^<]*)</script>', page)  # fmt: skip
    return {name: json.loads(gzip.decompress(base64.b64decode(blob))) for name, blob in found}


def _rebuilt(ops: list, tokens: list[str]) -> list[str]:
    words = []
    for op in ops:
        if op[0] == 0:
            words += [t.strip() for t in tokens[op[1] : op[2]]]
        elif op[0] == 2:
            words += op[1].split()
    return words


def test_each_extraction_is_a_diff_against_the_truth_stored_once(report, page):
    data = _data(page)
    assert len(data) == report.pages == BUNDLED
    details = {d["page"]: d for d in report.page_details(texts=True)}
    for name, item in data.items():
        truth = item["truth"]
        assert ("".join(truth["tokens"]) if truth["tokens"] is not None else None) == details[name]["truth"]["body"]
        for result in item["results"]:
            body = details[name]["results"][result["name"]]["body_text"]
            if body is None:
                assert "ops" not in result
            else:  # the extraction's words, in order, from the truth's tokens and the added text
                assert _rebuilt(result["ops"], truth["tokens"] or []) == body.split()
    # The truth's body is in the file once per page, not once per extractor.
    assert all("body" not in r for item in data.values() for r in item["results"])


def test_leaks_are_marked_by_kind_and_missing_snippets_listed(page):
    item = _data(page)["bayviewsentinel/angel-point-ferry-resumes"]
    resiliparse = next(r for r in item["results"] if r["name"] == "resiliparse")
    assert [op[1].strip() for op in resiliparse["ops"] if op[0] == 2 and op[2] == "sponsored"] == ["- Advertisement -"]
    assert {"text": "- Advertisement -", "kind": "sponsored", "located": True} in resiliparse["leaks"]
    trafilatura = next(r for r in item["results"] if r["name"] == "trafilatura")
    assert trafilatura["leaks"] == [] and all(op[0] != 2 or op[2] == "" for op in trafilatura["ops"])


def test_page_data_lists_missing_snippets_and_says_not_extracted():
    truth = {
        "title": None, "authors": None, "published": None, "body": "Alpha beta gamma.\n\nDelta.",
        "must_contain": ["Alpha beta", "Delta."], "must_not_contain": [{"text": "Read more", "kind": "related"}],
    }  # fmt: skip
    results = {
        "a": {"score": {"status": "ok"}, "findings": [], "title": None, "authors": None, "published": None,
              "body_text": "Alpha  beta gamma. Read\nmore"},
        "b": {"score": {"status": "error"}, "findings": [], "title": None, "authors": None, "published": None,
              "body_text": None},
    }  # fmt: skip
    data = page_data({"truth": truth, "results": results}, ["a", "b"], {"a": ["body"], "b": []})
    first, second = data["results"]
    assert first["missing"] == ["Delta."]
    assert first["ops"] == [[0, 0, 3], [1, 3, 4], [2, "Read\nmore", "related"]]
    assert first["leaks"] == [{"text": "Read more", "kind": "related", "located": True}]
    assert (second["status"], second["fields"], "ops" in second) == ("error", [], False)


#: What could fetch, run, navigate or style inside the drill-down's iframe: any attribute at all (src,
#: srcset, href, style with url(), on* handlers), and the elements that load or run something.
_ACTIVE = re.compile(r"<[a-z0-9]+\s|<(?:script|style|link|img|iframe|object|embed|base|meta|svg|form|input)\b|url\(",
                     re.IGNORECASE)  # fmt: skip


def test_each_page_is_stored_once_as_inert_text_bearing_markup(page):
    data = _data(page)
    for name, item in data.items():
        markup = item["page"]
        assert markup.startswith("<"), name  # every bundled page has its HTML
        assert _ACTIVE.search(markup) is None, (name, _ACTIVE.search(markup))
        assert all("page" not in r for r in item["results"])  # once per page, not per extraction
    bayview = data["bayviewsentinel/angel-point-ferry-resumes"]["page"]
    # The leak and the article around it are on the page shown, links kept as such.
    assert "<div>- Advertisement -</div>" in bayview and "<li><a>Waterfront</a></li>" in bayview
    assert "Marguerite Song, who runs a kayak rental stand" in bayview


HOSTILE = """<!doctype html><html><head><base href="http://x/"><meta http-equiv="refresh" content="0;url=http://x/">
<link rel="stylesheet" href="http://x/s.css"><style>body{background:url(http://x/a.png)}</style>
<script>fetch("http://x/")</script></head>
<body onload="alert(1)"><div style="background:url(http://x)" onclick="go()">Hello <b onmouseover="y()">world</b>
<img src="http://x/i.png" srcset="http://x/i2.png 2x" onerror="alert(2)"></div>
<iframe src="http://x/f"></iframe><object data="http://x/o">fallback</object><embed src="http://x/e">
<svg><image href="http://x/s.png"/><text>svg</text></svg>
<form action="http://x/"><input value="v"><button>Send</button></form>
<a href="javascript:alert(3)" style="color:red">a link</a>
<p>&lt;script&gt;alert(4)&lt;/script&gt; stays <em>text</em></p>
<!-- <script>c</script> --><noscript><img src=x></noscript>
<script src="http://x/late.js"></script><table><tr><td onclick="z()">cell</td></tr></table></body></html>"""


def test_a_hostile_page_comes_out_inert():
    markup = text_markup(HOSTILE)
    # The text stays (after the <embed>, which libxml2 would wrap the rest of the page in), escaped, a
    # button's too; every attribute, script, style, head element, image, frame, object, SVG and field is gone.
    assert markup == (
        "<div>Hello world</div>Send <a>a link</a><p>&lt;script&gt;alert(4)&lt;/script&gt; stays text</p>"
        "<table><tr><td>cell</td></tr></table>"
    )
    truth = {"title": None, "authors": None, "published": None, "body": "Hello world."}
    data = page_data({"truth": truth, "results": {}, "page_html": HOSTILE}, [], {})
    assert data["page"] == markup


@pytest.mark.parametrize("given", ["", "   ", "<html><head><title>t</title></head></html>"])
def test_a_page_without_body_text_is_empty_markup(given):
    assert text_markup(given) == ""


def test_the_markup_is_cut_at_an_element_past_the_limit():
    page_html = "<body>" + "".join(f"<p>paragraph {i}</p>" for i in range(100)) + "</body>"
    markup = text_markup(page_html, limit=200)
    assert 200 < len(markup) < 260 and markup.endswith("</p>") and "paragraph 0" in markup


def test_no_python_reprs_and_na_says_why(page):
    visible = re.sub(r"<script.*?</script>", "", page, flags=re.DOTALL)
    assert "None" not in visible and "[]" not in visible
    assert '<span class="na" title="gives dates without a time">n/a</span>' in page  # trafilatura, date (minute)
    assert '<span class="na" title="does not extract authors">n/a</span>' in page  # resiliparse


def test_matrix_links_point_at_drilldowns(page):
    links = re.findall(r'<td class="c (?:err|warn|ok)"><a href="#(p\d+-e\d+)"', page)
    assert len(links) == BUNDLED * len(EXTRACTORS)
    ids = set(re.findall(r'id="(p\d+-e\d+)"', page))
    assert set(links) == ids


def test_plots_are_scaled_to_their_data(page):
    axes = dict(re.findall(r"<b>([^<]+)</b> <span class=\"note\">[^<]*axis ([\d.]+–[\d.]+)", page))
    assert axes["body F1"] != "0–1" and float(axes["body F1"].split("–")[0]) >= 0.7
    assert 'viewBox="0 0 ' in page and "<svg width=" not in page


@pytest.mark.parametrize(
    ("low", "high"), [(0.93, 0.99), (0.0, 0.0), (0.2, 0.7), (0.999, 1.0), (0.0, 1.0)]
)  # fmt: skip
def test_axis_holds_the_intervals_with_a_margin(low, high):
    start, end, step = _axis(low, high)
    assert 0.0 <= start <= low and high <= end <= 1.0
    assert end - start >= 0.05 and (end - start) / step <= 6
    if (low, high) == (0.93, 0.99):
        assert start >= 0.9


def test_the_json_report_is_unchanged_by_the_snippets(report):
    detail = next(report.page_details())
    assert set(detail["truth"]) == {"title", "authors", "published"}
    with_texts = next(report.page_details(texts=True))
    assert {"body", "must_contain", "must_not_contain"} <= set(with_texts["truth"])
    # The recorded page, for the drill-down's iframe, only with the texts (never in the JSON report).
    assert "page_html" not in detail and "<html" in with_texts["page_html"].lower()
