"""Which of a page's blocks are read as a widget's: innermost blocks only, a link inside a block is the block's."""

from __future__ import annotations

from harness.checks.widgets import page_widgets
from tests.conftest import make_fixture

LINKED = "Read the whole story of the harbour tunnel works on our site"
PLAIN = "Five more stories from the harbour desk this week alone"
ITEM = "The ferry timetable will change again next spring says the council"
#: The article's own text: long enough that no widget holds a third of the page's words (a wrapper's share).
STORY = " ".join(["The council approved the new ferry timetable after a long debate on Tuesday."] * 8)


def widgets_of(body: str) -> dict[str, str]:
    article = f"<article><h1>Ferry</h1><p>{STORY}</p></article>"
    page = f"<html><head><title>Ferry</title></head><body>{article}{body}</body></html>"
    return {w.text: w.kind for w in page_widgets(make_fixture(page).page)}


def test_a_block_holding_only_a_link_is_one_block_and_a_childless_block_is_read_whole():
    found = widgets_of(f'<div class="related"><p><a href="/t">{LINKED}</a></p><p>{PLAIN}</p></div>')
    assert found == {LINKED: "related", PLAIN: "related"}


def test_a_container_of_blocks_is_read_block_by_block():
    found = widgets_of(f'<div class="newsletter"><li><p>{ITEM}</p> and a tail of the item itself</li></div>')
    assert found == {ITEM: "newsletter"}  # the <li> holds a <p>: only the <p> is a block


def test_one_class_name_marks_every_element_that_carries_it_the_same_way():
    found = widgets_of(
        f'<div class="x sponsor-box"><p>{LINKED}</p></div><div class="x sponsor-box"><p>{PLAIN}</p></div>'
    )
    assert found == {LINKED: "sponsored", PLAIN: "sponsored"}
