"""Leaks found from the page's structure, where the truth names no must_not_contain snippets."""

from __future__ import annotations

from harness.checks import run_checks
from harness.checks.widgets import page_widgets
from harness.core import Extraction
from tests.conftest import make_fixture

STORY = "The council approved the new ferry timetable on Tuesday evening after a long debate."
RAIL = "Harbour tunnel works to close the east road for two weeks"
SPONSORED = "Doctors stunned by this one simple trick for sleeping better tonight"

PAGE = f"""<html><head><title>Ferry timetable approved | The Ledger</title></head><body>
<nav><ul><li><a href="/">Home and the latest local news from the whole region</a></li></ul></nav>
<article>
  <header><h1>Ferry timetable approved</h1><p>By Ana Ruiz, the ledger's harbour reporter since 2019</p></header>
  <p>{STORY}</p>
  <aside class="factbox"><p>The ferry has carried passengers across the bay since 1921.</p></aside>
</article>
<div class="related-stories"><h3>More from the harbour</h3><ul><li><a href="/t">{RAIL}</a></li></ul></div>
<div class="OUTBRAIN" data-widget-id="AR_1"><a href="https://ads.example/x">{SPONSORED}</a></div>
<div id="newsletter-box"><p>Sign up for the morning briefing delivered to your inbox</p></div>
</body></html>"""


def widget_findings(extracted: str, **truth: object) -> list:
    fixture = make_fixture(PAGE, **truth)
    found = run_checks(fixture, Extraction(body=extracted), fields=frozenset({"body"}))
    return [f for f in found if f.evidence and "page's structure" in f.evidence]


def test_the_page_names_its_widgets_and_the_article_keeps_its_own_parts():
    widgets = {w.text: w.kind for w in page_widgets(make_fixture(PAGE).page)}
    assert widgets == {
        "Home and the latest local news from the whole region": "navigation",
        RAIL: "related",
        SPONSORED: "sponsored",
        "Sign up for the morning briefing delivered to your inbox": "newsletter",
    }  # the article's header and fact box are the article's; "More from the harbour" is too short


def test_a_sponsored_widget_in_the_body_is_a_sponsored_leak():
    [finding] = widget_findings(f"{STORY}\n\n{SPONSORED}")
    assert finding.check == "body.sponsored_leak"
    assert finding.message == (
        f"text of the page's sponsored widget <div class='OUTBRAIN'> is in the body: '{SPONSORED[:57]}...'"
    )


def test_related_and_newsletter_text_is_a_boilerplate_leak_with_its_kinds():
    [finding] = widget_findings(f"{STORY}\n\n{RAIL}\n\nSign up for the morning briefing delivered to your inbox")
    assert finding.check == "body.boilerplate_leak"
    assert {item["kind"] for item in finding.actual} == {"related", "newsletter"}


def test_nothing_when_the_body_is_the_article():
    assert widget_findings(f"{STORY}\n\nThe ferry has carried passengers across the bay since 1921.") == []


def test_the_truth_decides_when_it_speaks():
    body = f"{STORY}\n\n{RAIL}"
    # Snippets given: the truth's own leak list is what counts, not the page's structure.
    assert widget_findings(body, must_not_contain=[{"text": SPONSORED, "kind": "sponsored"}]) == []
    # A block the true body holds is article text, wherever the page put it.
    assert widget_findings(body, body=body) == []


def test_a_wrapper_that_holds_the_headline_is_not_a_widget():
    wrapped = PAGE.replace("<article>", '<div class="related-content-wrapper"><article>').replace(
        "</article>", "</article></div>"
    )
    widgets = {w.text for w in page_widgets(make_fixture(wrapped).page)}
    assert STORY not in widgets
    assert RAIL in widgets


def test_a_block_of_the_headline_or_the_jsonld_article_body_is_not_a_widget():
    page = PAGE.replace(
        "</head>",
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "articleBody": "{RAIL}. More."}}</script></head>',
    )
    assert RAIL not in {w.text for w in page_widgets(make_fixture(page).page)}


def test_an_id_that_is_the_headline_slug_marks_nothing():
    page = PAGE.replace('<aside class="factbox">', '<div id="ferry-promoted-to-daily-service-after-long-debate">')
    page = page.replace("since 1921.</p></aside>", "since 1921.</p></div>")
    assert "The ferry has carried passengers across the bay since 1921." not in {
        w.text for w in page_widgets(make_fixture(page).page)
    }


def test_a_block_belongs_to_its_nearest_widget_even_inside_an_unclosed_navigation_bar():
    # The navigation bar is never closed, so the parser nests the comments inside it.
    page = PAGE.replace('<div id="newsletter-box">', '<section aria-label="Main website navigation"><div>').replace(
        "</body>",
        '<ol class="comment-list"><li><p>I think the ferry should run every hour on weekends.</p></li></ol></body>',
    )
    widgets = {w.text: w.kind for w in page_widgets(make_fixture(page).page)}
    assert widgets["I think the ferry should run every hour on weekends."] == "comments"


def test_a_news_ticker_is_a_related_rail_not_a_cookie_box():
    page = PAGE.replace(
        "</body>",
        '<div class="cmp-last-minute-bar"><a href="/x">Thousands march again against the new toll road</a></div>'
        "</body>",
    )
    widgets = {w.text: w.kind for w in page_widgets(make_fixture(page).page)}
    assert widgets["Thousands march again against the new toll road"] == "related"


def test_a_sponsored_label_and_a_sponsored_widget_make_one_finding():
    found = run_checks(make_fixture(PAGE), Extraction(body=f"{STORY}\n\nSponsored\n\n{SPONSORED}"),
                       fields=frozenset({"body"}))  # fmt: skip
    [finding] = [f for f in found if f.check == "body.sponsored_leak"]
    assert finding.actual == [SPONSORED]
    assert finding.evidence.endswith("sponsored markers in the body: 'Sponsored'")
