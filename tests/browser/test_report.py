"""The HTML report in a real browser: headless Chromium at 400 and 1400 px (issue 14, item 11).

Builds a report with ``harness score`` on the bundled fixtures, then checks that the leaderboard
fits, that a matrix link opens its drill-down, that a sponsored leak is highlighted (in the diff,
and on the page itself, shown in a sandboxed iframe that fetches nothing), and that the console
stays clean. Screenshots go to ``$HARNESS_SCREENSHOTS`` (default: a pytest temporary folder).
Without Chromium or Playwright the tests are skipped, unless ``HARNESS_REQUIRE_BROWSER=1`` (CI sets
it after installing Chromium), where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.browser

#: boilerpy3 and resiliparse leak bayviewsentinel's "- Advertisement -" (a sponsored snippet); trafilatura
#: has dates without a time (its "date (minute)" is n/a); all three run in a few seconds.
EXTRACTORS = ("trafilatura", "resiliparse", "boilerpy3")
LEAK_PAGE = "bayviewsentinel/angel-point-ferry-resumes"
LEAK_EXTRACTOR = "resiliparse"
WIDTHS = (400, 1400)


def _chromium() -> str | None:
    for candidate in (os.environ.get("HARNESS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("HARNESS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and HARNESS_REQUIRE_BROWSER=1 forbids skipping the browser test", pytrace=False)
    pytest.skip(f"{reason} (apt-get install chromium; pip install playwright)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    if path is None:
        _unavailable("no Chromium at /usr/bin/chromium, on PATH or in $HARNESS_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    with sync_playwright() as playwright:
        # Playwright drives the system's Chromium; `playwright install` (a download) is never needed.
        launched = playwright.chromium.launch(executable_path=path, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    command = [sys.executable, "-m", "harness", "score", "--jobs", "2", "--html", str(out)]
    for name in EXTRACTORS:
        command += ["-e", name]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("HARNESS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def open_report(browser: Any, report: Path) -> Iterator[Any]:
    """Opens the report at a width; yields (page, console errors), and fails on any console error."""
    pages: list[tuple[Any, list[str]]] = []

    def opener(width: int) -> tuple[Any, list[str]]:
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.goto(report.as_uri())
        pages.append((page, errors))
        return page, errors

    yield opener
    for page, errors in pages:
        page.close()
        assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_leaderboard_fits(open_report: Any, shots: Path, width: int) -> None:
    page, _ = open_report(width)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")
    table_shown = page.locator("div.board-wrap").is_visible()
    cards_shown = page.locator("div.cards").is_visible()
    if width < 700:  # one card per extractor, each inside the screen
        assert (table_shown, cards_shown) == (False, True)
        assert page.locator("section.card").count() == len(EXTRACTORS)
        box = page.locator("section.card").first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    else:  # the whole table, no column cut off (it would scroll inside its box)
        assert (table_shown, cards_shown) == (True, False)
        assert page.evaluate("(w => w.scrollWidth <= w.clientWidth)(document.querySelector('.board-wrap'))")
    for svg in page.locator(".plot svg").all():
        box = svg.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
    page.screenshot(path=str(shots / f"leaderboard-{width}.png"))


def test_a_field_not_produced_is_na_not_zero(open_report: Any) -> None:
    page, _ = open_report(1400)
    headings = page.locator("table.board thead th").all_inner_texts()
    column = next(i for i, text in enumerate(headings) if text.startswith("date (minute)"))
    row = page.locator("table.board tbody tr", has=page.locator("th", has_text="trafilatura"))
    cell = row.locator("td").nth(column - 1).locator(".na")
    assert cell.inner_text() == "n/a"
    assert cell.get_attribute("title") == "gives dates without a time"
    assert "None" not in page.locator("body").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_matrix_link_opens_its_drilldown(open_report: Any, shots: Path, width: int) -> None:
    page, _ = open_report(width)
    page.evaluate("document.getElementById('pages').scrollIntoView()")
    page.screenshot(path=str(shots / f"matrix-{width}.png"))
    link = page.locator("table.matrix td.err a").nth(1)
    anchor = link.get_attribute("href")
    assert anchor is not None and anchor.startswith("#p")
    link.click()
    section = page.locator(f"section{anchor}")
    section.locator("ul.findings li").first.wait_for()
    assert page.evaluate("document.querySelector(':target').id") == anchor[1:]
    assert page.evaluate(f"document.querySelector('{anchor}').closest('details').open")
    assert section.is_visible() and section.locator("ul.findings li.sev-error").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_sponsored_leak_is_highlighted(open_report: Any, shots: Path, width: int) -> None:
    page, _ = open_report(width)
    row = page.locator("table.matrix tbody tr", has=page.locator("th a", has_text=LEAK_PAGE))
    names = page.locator("table.matrix thead th").all_inner_texts()[1:]
    row.locator("td").nth(names.index(LEAK_EXTRACTOR)).locator("a").click()
    section = page.locator("section.ex:target")
    mark = section.locator(".diff mark.k-sponsored").first
    mark.wait_for()
    assert mark.inner_text() == "- Advertisement -"
    assert section.locator("h4").inner_text().startswith(LEAK_EXTRACTOR)
    # The truth is shown once for the page, not once per extraction.
    assert section.locator("xpath=ancestor::details").locator(".truth .text").count() == 1
    mark.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    page.screenshot(path=str(shots / f"drilldown-{width}.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_is_shown_sandboxed_with_the_leak_marked(open_report: Any, shots: Path, width: int) -> None:
    page, errors = open_report(width)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    row = page.locator("table.matrix tbody tr", has=page.locator("th a", has_text=LEAK_PAGE))
    names = page.locator("table.matrix thead th").all_inner_texts()[1:]
    row.locator("td").nth(names.index(LEAK_EXTRACTOR)).locator("a").click()
    details = page.locator("details.page[open]")
    iframe = details.locator(".source iframe")
    iframe.wait_for()
    # Sandboxed with no token (so no allow-scripts, no allow-same-origin), the page given inline.
    assert iframe.get_attribute("sandbox") == ""
    leak_markup = '<mark class="k-sponsored" title="sponsored leak">- Advertisement -</mark>'
    assert iframe.get_attribute("src") is None and leak_markup in (iframe.get_attribute("srcdoc") or "")
    # Following the matrix link chose that extractor.
    assert iframe.get_attribute("data-extractor") == LEAK_EXTRACTOR
    frame = details.frame_locator(".source iframe")
    leak = frame.locator("mark.k-sponsored")
    leak.first.wait_for()
    assert leak.all_inner_texts() == ["- Advertisement -"]
    assert leak.first.get_attribute("title") == "sponsored leak"
    assert frame.locator("mark.took").count() >= 3
    assert frame.locator("script, img, link, iframe, [src], [href], [style], [onload], [onerror]").count() == 0
    assert frame.locator("body").evaluate("b => b.ownerDocument.defaultView.origin") == "null"
    # Another extractor: what it took, and no leak (trafilatura keeps the advertisement out).
    details.locator(".source select").select_option("trafilatura")
    assert iframe.get_attribute("data-extractor") == "trafilatura"
    frame.locator("mark.took").first.wait_for()
    assert frame.locator("mark.k-sponsored").count() == 0
    box = iframe.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    details.locator(".source select").select_option(LEAK_EXTRACTOR)
    leak.first.wait_for()
    leak.first.evaluate("mark => mark.scrollIntoView({block: 'center'})")
    details.locator(".source h4").evaluate("heading => heading.scrollIntoView()")
    page.screenshot(path=str(shots / f"drilldown-page-{width}.png"))
    assert requests == []  # the drill-down and its iframe fetched nothing
    assert errors == []


def test_a_missing_browser_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="HARNESS_REQUIRE_BROWSER=1 forbids skipping"):
        _unavailable("no Chromium")
    monkeypatch.delenv("HARNESS_REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        _unavailable("no Chromium")
