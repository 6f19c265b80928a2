"""body.truncated, body.order and body.headings_missing, firing and not firing, on tiny inline pages."""

from __future__ import annotations

import pytest

from harness.checks import CATALOGUE, run_checks
from harness.core import Extraction
from tests.conftest import make_fixture

PARAGRAPHS = [
    "The river bridge reopened on Friday after two years of repairs, the county said in a statement.",
    "Drivers queued from early morning to be among the first across the new deck and its wider lanes.",
    "Engineers replaced the rusted steel beams and poured a new concrete deck during the long closure.",
    "The project cost twelve million dollars, most of it paid by a federal grant for rural crossings.",
    "Local shop owners said business had fallen sharply while traffic was sent on a long detour north.",
    "A ribbon cutting ceremony is planned for next month once the last lights and railings are fitted.",
]
BREAKS = {
    "newsletter": '<div class="newsletter-signup"><h4>Sign up for our daily newsletter</h4><form><input></form></div>',
    "ad": '<div class="ad-slot" id="div-gpt-ad-mid"></div>',
    "read_more": '<aside class="inline-teaser"><b>Read more:</b> <a href="/x">Council approves new budget</a></aside>',
    "heading": "<h2>What the repairs cost</h2>",
    # The Nation's sign-up block: no "newsletter" in its class, an e-mail form inside.
    "signup": '<div class="cta"><form action="/weekly_email_signup/"><h2>The Weekly</h2><input type="email"></form>'
    "</div>",
}


def page(paragraphs: list[str], after: int = -1, block: str = "", headings: tuple[str, ...] = ()) -> str:
    parts = []
    for number, paragraph in enumerate(paragraphs):
        tag = "h2" if paragraph in headings else "p"
        parts.append(f"<{tag}>{paragraph}</{tag}>")
        if number == after:
            parts.append(block)
    return f"<html><body><h1>Bridge</h1><article>{''.join(parts)}</article><footer>Contact</footer></body></html>"


def findings(body: str, paragraphs: list[str] = PARAGRAPHS, html: str | None = None, **options: object) -> dict:
    fixture = make_fixture(html or page(paragraphs), body="\n\n".join(paragraphs), title="Bridge")
    found = run_checks(fixture, Extraction(body=body), fields=frozenset({"body"}), options=options)
    return {f.check: f for f in found if f.check.startswith(("body.truncated", "body.order", "body.headings"))}


def test_the_severities():
    assert CATALOGUE["body.truncated"].severity == "error"
    assert CATALOGUE["body.order"].severity == "warning"
    assert CATALOGUE["body.headings_missing"].severity == "info"


def test_a_whole_body_in_order_has_no_finding():
    assert findings("\n\n".join(PARAGRAPHS)) == {}
    # The same text in other whitespace (one paragraph, single newlines) is the same body.
    assert findings(" ".join(PARAGRAPHS)) == {}
    assert findings("\n".join(PARAGRAPHS)) == {}


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("newsletter", "a newsletter box <div class='newsletter-signup'> ('Sign up for our daily newsletter')"),
        ("ad", "an ad or sponsored slot <div class='ad-slot div-gpt-ad-mid'>"),
        (
            "read_more",
            "a 'Read more' or related teaser <aside class='inline-teaser'> ('Read more: Council approves new",
        ),
        ("heading", "a heading 'What the repairs cost'"),
        ("signup", "a newsletter box <div class='cta'> ('The Weekly')"),
    ],
)
def test_a_body_cut_at_a_break_is_truncated_and_the_break_named(kind, said):
    html = page(PARAGRAPHS, after=2, block=BREAKS[kind])
    cut = findings("\n\n".join(PARAGRAPHS[:3]), html=html)["body.truncated"]
    assert cut.message.startswith(
        "the body stops after true paragraph 3 of 6 ('Engineers replaced the rusted steel beams and poured a ne...'): "
        "the last 3 paragraphs (50% of the true body's words, from 'The project cost twelve million dollars, "
    )
    assert f"on the page it is followed by {said}" in cut.message
    assert cut.actual == PARAGRAPHS[2]
    assert cut.expected == PARAGRAPHS[3]
    assert cut.severity == "error"


def test_the_next_paragraph_itself_is_said_to_follow_when_nothing_stands_between():
    cut = findings("\n\n".join(PARAGRAPHS[:4]))["body.truncated"]
    assert "followed by the next true paragraph itself, <p>: nothing on the page stands between them" in cut.message


def test_paragraphs_split_by_line_breaks_in_one_element_follow_each_other_there():
    # MacRumors sets a story's paragraphs in one <div> with <br><br> between them.
    html = f"<html><body><div class='content'>{'<br><br>'.join(PARAGRAPHS)}</div><div class='footer'>Comments</div>"
    cut = findings("\n\n".join(PARAGRAPHS[:3]), html=html + "</body></html>")["body.truncated"]
    assert cut.message.endswith(
        "followed by the next true paragraph, in the same element <div class='content'>: "
        "nothing on the page stands between them"
    )


def test_a_paragraph_in_a_wrapper_is_followed_by_what_follows_the_wrapper():
    html = (
        "<html><body><article><div class='text'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + "</div><div class='spacer'></div><div class='newsletter-box'><p>Get our morning briefing</p></div>"
        + "<div class='text'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
        + "</div></article></body></html>"
    )
    cut = findings("\n\n".join(PARAGRAPHS[:3]), html=html)["body.truncated"]
    assert "followed by a newsletter box <div class='newsletter-box'> ('Get our morning briefing')" in cut.message


def test_extra_text_after_the_cut_does_not_hide_it():
    # The extractor went on into a teaser rail: the true body still stops after paragraph 3.
    body = "\n\n".join([*PARAGRAPHS[:3], "Council approves new budget", "Most read: storm closes the pier"])
    assert "body.truncated" in findings(body)


@pytest.mark.parametrize(
    "body",
    [
        "\n\n".join(PARAGRAPHS[1:]),  # the lede lost, the end there: not cut at the end
        "\n\n".join(PARAGRAPHS[:2] + PARAGRAPHS[3:]),  # a paragraph lost in the middle
        "",  # nothing extracted: body.low_recall says it
        "Something else entirely, a cookie banner and a menu of sections and links to follow.",
    ],
)
def test_no_truncation_where_the_end_is_there_or_too_little_is_missing(body):
    assert "body.truncated" not in findings(body)


def test_a_last_paragraph_under_the_tail_share_is_not_a_cut():
    closing = [*PARAGRAPHS, "Work on the second bridge starts in May."]  # 8 of 113 words
    assert "body.truncated" not in findings("\n\n".join(PARAGRAPHS), closing)
    # One paragraph of six is over the share (17% of the words): an article without its end.
    cut = findings("\n\n".join(PARAGRAPHS[:5]))["body.truncated"]
    assert "the last paragraph (17% of the true body's words, 'A ribbon cutting ceremony is planned" in cut.message
    assert "...') is missing; on the page it is followed by the next true paragraph itself, <p>" in cut.message


def test_a_short_last_paragraph_neither_marks_nor_hides_the_cut():
    credited = [*PARAGRAPHS, "Photo: Jane Roe"]
    # The credit line alone lost: not a truncated body.
    assert "body.truncated" not in findings("\n\n".join(PARAGRAPHS), credited)
    # Cut after paragraph 3, the credit line (a caption elsewhere on the page) kept: still cut.
    assert "body.truncated" in findings("\n\n".join([*PARAGRAPHS[:3], "Photo: Jane Roe"]), credited)


def test_a_half_present_tail_is_not_a_cut():
    # The last paragraphs reworded, not cut: their recall is above the tail floor.
    garbled = [p.replace(" the ", " a ").replace(" and ", " & ") for p in PARAGRAPHS[3:]]
    assert "body.truncated" not in findings("\n\n".join(PARAGRAPHS[:3] + [p[: len(p) * 2 // 3] for p in garbled]))


def test_too_few_paragraphs_are_not_judged():
    two = PARAGRAPHS[:2]
    assert findings(two[0], two) == {}
    four = PARAGRAPHS[:4]
    assert "body.truncated" in findings("\n\n".join(four[:2]), four)
    assert findings("\n\n".join(four[:2]), four, body_structure_min_paragraphs=5) == {}


def test_a_body_of_the_first_paragraph_alone_is_no_cut_article():
    # news-please and goose3 return only the standfirst of some pages (Corriere della Sera, Times of India): the
    # article is missing, not cut; body.low_recall says so.
    found = findings(PARAGRAPHS[0])
    assert "body.truncated" not in found
    assert "body.truncated" in findings("\n\n".join(PARAGRAPHS[:2]))


def test_the_floors_are_options():
    body = "\n\n".join(PARAGRAPHS[:5])  # 17% of the words missing: over the default tail share...
    assert "body.truncated" not in findings(body, body_truncated_tail_share=0.2)  # ...under a higher one
    cut = "\n\n".join(PARAGRAPHS[:3])
    assert "body.truncated" not in findings(cut, body_truncated_tail_share=0.6)
    # The lede lost as well: the head's recall (2 of 3 paragraphs) is under the head floor, over a lower one.
    assert "body.truncated" not in findings("\n\n".join(PARAGRAPHS[1:3]))
    assert "body.truncated" in findings("\n\n".join(PARAGRAPHS[1:3]), body_truncated_head_floor=0.6)
    # Half of each lost paragraph kept: over the tail floor, under a higher one.
    halves = [p[: len(p) // 2] for p in PARAGRAPHS[3:]]
    assert "body.truncated" not in findings("\n\n".join(PARAGRAPHS[:3] + halves))
    assert "body.truncated" in findings("\n\n".join(PARAGRAPHS[:3] + halves), body_truncated_tail_floor=0.5)


# -- body.order ----------------------------------------------------------------


def test_a_moved_paragraph_is_named_with_where_it_went():
    moved = [PARAGRAPHS[0], PARAGRAPHS[4], *PARAGRAPHS[1:4], PARAGRAPHS[5]]
    order = findings("\n\n".join(moved))["body.order"]
    assert order.message == (
        "true paragraph 5 of 6 ('Local shop owners said business had fallen sharply while ...') is out of order: "
        "the body has it after true paragraph 1 ('The river bridge reopened on Friday after two years of re...')"
    )
    assert (order.expected, order.actual, order.severity) == (5, 1, "warning")


def test_a_paragraph_moved_to_the_start_is_placed_before_the_first_in_order():
    moved = [PARAGRAPHS[3], *PARAGRAPHS[:3], *PARAGRAPHS[4:]]
    order = findings("\n\n".join(moved))["body.order"]
    assert "true paragraph 4 of 6" in order.message
    assert "the body has it before true paragraph 1 (" in order.message


def test_the_longest_run_keeps_the_long_paragraphs_and_counts_the_moved():
    swapped = [PARAGRAPHS[5], PARAGRAPHS[4], *PARAGRAPHS[:4]]
    order = findings("\n\n".join(swapped))["body.order"]
    assert order.message.endswith("(2 paragraphs out of place)")


@pytest.mark.parametrize(
    "body",
    [
        # A pull quote: a paragraph repeated earlier in the body, and still in its place.
        "\n\n".join([PARAGRAPHS[0], PARAGRAPHS[4], *PARAGRAPHS[1:]]),
        # A short paragraph (a caption, a one-line quote) moved is not judged.
        "\n\n".join(PARAGRAPHS),
        # Paragraphs missing are not out of order.
        "\n\n".join([PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[5]]),
        # The whole body twice (a teaser above the article): one copy is in order.
        "\n\n".join(PARAGRAPHS + PARAGRAPHS),
    ],
)
def test_no_order_finding_for_repeats_short_paragraphs_or_gaps(body):
    assert "body.order" not in findings(body)


def test_a_short_paragraph_moved_is_not_judged():
    captioned = [*PARAGRAPHS[:3], "Photo: the new deck at dawn.", *PARAGRAPHS[3:]]
    body = "\n\n".join(["Photo: the new deck at dawn.", *PARAGRAPHS])
    assert "body.order" not in findings(body, captioned)


def test_a_summary_that_repeats_the_lede_is_not_out_of_order():
    # The true body opens with a standfirst that repeats the lede; the extractor keeps only the lede.
    summary = "The river bridge reopened on Friday after two years of repairs, the county said."
    assert "body.order" not in findings("\n\n".join(PARAGRAPHS), [summary, *PARAGRAPHS])


def test_a_summary_bullet_that_repeats_a_short_quote_is_not_out_of_order():
    # Aftonbladet's truth opens with bullets; one repeats a quote that is a short paragraph of its own further
    # down. The body lacks the bullet: the quote's place is not the bullet's.
    quote = '"Every night without them costs more lives."'
    bullet = '"Every night without them costs more lives," the president wrote on X.'
    truth = [bullet, *PARAGRAPHS[:4], quote, *PARAGRAPHS[4:]]
    assert "body.order" not in findings("\n\n".join([*PARAGRAPHS[:4], quote, *PARAGRAPHS[4:]]), truth)


def test_a_pull_quote_the_truth_keeps_apart_is_not_judged_wherever_the_body_puts_it():
    # The Space Review sets pull quotes in tables beside the text; the Zyte truth keeps each where the page has
    # it, and trafilatura puts them at the end. The quote repeats a paragraph's sentence: its place says nothing.
    quote = "Business had fallen sharply while traffic was sent on a long detour north, shop owners said."
    truth = [PARAGRAPHS[0], quote, *PARAGRAPHS[1:]]
    assert "body.order" not in findings("\n\n".join([*PARAGRAPHS, quote]), truth)


def test_a_fragment_of_a_paragraph_elsewhere_is_not_a_paragraph_moved():
    # Metro's King's Speech story: the body quotes 60% of a paragraph's words somewhere else, not the paragraph.
    fragment = " ".join(PARAGRAPHS[3].split()[:10])
    body = "\n\n".join([fragment, *PARAGRAPHS[:3], *PARAGRAPHS[4:]])
    assert "body.order" not in findings(body)


def test_order_is_not_judged_in_a_body_that_is_mostly_other_text():
    # A speech's transcript instead of the story about it: it quotes the true paragraphs in its own order.
    filler = " ".join(f"Members of the house heard measure number {n} read out in full." for n in range(40))
    body = "\n\n".join([filler, PARAGRAPHS[4], filler, PARAGRAPHS[1], filler])
    assert "body.order" not in findings(body)
    # The same two paragraphs swapped in the article itself are out of order.
    assert "body.order" in findings("\n\n".join([PARAGRAPHS[0], PARAGRAPHS[4], *PARAGRAPHS[1:4], PARAGRAPHS[5]]))


def test_a_paragraph_the_truth_repeats_is_not_judged():
    repeated = [*PARAGRAPHS[:3], PARAGRAPHS[0], *PARAGRAPHS[3:]]
    assert "body.order" not in findings("\n\n".join(PARAGRAPHS), repeated)


# -- body.headings_missing -------------------------------------------------------

HEADED = [*PARAGRAPHS[:3], "What the repairs cost", *PARAGRAPHS[3:]]


def test_a_heading_dropped_between_present_paragraphs_is_named():
    html = page(HEADED, headings=("What the repairs cost",))
    lost = findings("\n\n".join(PARAGRAPHS), HEADED, html=html)["body.headings_missing"]
    assert lost.message == (
        "1 heading of the true body is missing while the paragraphs around it are there: 'What the repairs cost'"
    )
    assert lost.expected == ["What the repairs cost"]
    assert lost.severity == "info"


def test_a_heading_role_counts_as_a_heading():
    html = page(HEADED).replace("<p>What the repairs cost</p>", '<div role="heading">What the repairs cost</div>')
    assert "body.headings_missing" in findings("\n\n".join(PARAGRAPHS), HEADED, html=html)


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("\n\n".join(HEADED), page(HEADED, headings=("What the repairs cost",))),  # kept
        ("\n\n".join(PARAGRAPHS), page(HEADED)),  # the page shows it as a paragraph, not a heading
        # The body is cut before it: body.truncated says so, not a lost heading.
        ("\n\n".join(PARAGRAPHS[:2]), page(HEADED, headings=("What the repairs cost",))),
        # Kept, glued to the next paragraph.
        (
            "\n\n".join([*PARAGRAPHS[:3], "What the repairs cost " + PARAGRAPHS[3], *PARAGRAPHS[4:]]),
            page(HEADED, headings=("What the repairs cost",)),
        ),
    ],
)
def test_no_missing_heading_when_kept_not_a_heading_or_its_neighbours_are_gone(body, html):
    assert "body.headings_missing" not in findings(body, HEADED, html=html)


def test_a_teaser_headline_in_the_article_is_no_heading_of_it():
    # NBC's pages set related stories inside the article as <h3><a href=…>; a truth that keeps them
    # does not make an extractor that drops them lose a heading. A heading that links within the page does count.
    html = page(HEADED, headings=("What the repairs cost",))
    teaser = html.replace(
        "<h2>What the repairs cost</h2>", '<h3><span></span><a href="/news/other-story">What the repairs cost</a></h3>'
    )
    assert "body.headings_missing" not in findings("\n\n".join(PARAGRAPHS), HEADED, html=teaser)
    labelled = teaser.replace("<span></span>", '<span class="Updated">New</span>')
    assert "body.headings_missing" not in findings("\n\n".join(PARAGRAPHS), HEADED, html=labelled)
    anchored = html.replace("<h2>What the repairs cost</h2>", '<h2><a href="#costs">What the repairs cost</a></h2>')
    assert "body.headings_missing" in findings("\n\n".join(PARAGRAPHS), HEADED, html=anchored)


#: Tails (text after an element, read by _own_text before the element's children), a comment and a script
#: with tails, a noscript's paragraph, combining marks at a piece's start, compatibility characters.
PAGE_WITH_TAILS = (
    "<html><body><div>Lead <a href='/x'>link <b>bold</b> after bold</a>), tail of the link "
    "<!-- a comment --> comment's tail <script>var x = 1;</script> script's tail"
    "<noscript><p>inside noscript</p></noscript><p>e\u0301 \u0301accent \ufb01ne\u00a0caf\u00e9 \u2026 "
    "\u201cquoted\u201d</p><span> </span><p>last</p></div> body's tail</body></html>"
)


@pytest.mark.parametrize("html", [PAGE_WITH_TAILS, page(PARAGRAPHS, after=2, block=BREAKS["read_more"])])
def test_text_keys_are_each_elements_own_text_as_keyed(html):
    """The page's keyed text, read once, agrees with keying every element's own text."""
    from harness.checks.page import html_tree
    from harness.checks.structure import _holds, _key, _own_text, _text_keys

    root = html_tree(html)
    keys, spans = _text_keys(root)
    for element in root.iter():
        start, tail, after_tail, end = spans[element]
        own = _key(_own_text(element))
        assert keys[start:tail] + keys[after_tail:end] == own, element.tag
        for probe in (own[:40], own[-40:], own[3:9], "nowhere"):
            assert _holds(root, element, probe) == (probe in own)


def test_an_elements_tail_is_its_parents_text_read_before_its_children():
    from harness.checks.page import html_tree
    from harness.checks.structure import _holds

    root = html_tree(PAGE_WITH_TAILS)
    link = next(root.iter("a"))
    assert _holds(root, link.getparent(), "Leadlink),tailofthelinkbold")  # the tail before the children
    assert not _holds(root, link, "tailofthelink")
    assert _holds(root, link, "linkboldafterbold")


@pytest.mark.parametrize(
    "body",
    [
        "\n\n".join(PARAGRAPHS),
        "\n\n".join(reversed(PARAGRAPHS)),
        "\n\n".join([*PARAGRAPHS[:2], PARAGRAPHS[4], PARAGRAPHS[1], *PARAGRAPHS[2:]]),  # a paragraph twice
        " ".join(["the same stock phrase again"] * 12) + " " + PARAGRAPHS[0],  # shingles past _COMMON
        " ".join(PARAGRAPHS[0].split()[i] for i in (0, 1, 2, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3)),  # ties between places
        "Drivers queued",  # fewer than four tokens
        "",
    ],
)
def test_numbered_placing_is_the_one_shingle_at_a_time_placing(body):
    import dataclasses

    from harness.checks.structure import _place, _place_each, _true_paragraphs
    from harness.core import fold, tokens

    truth = _true_paragraphs("\n\n".join([*PARAGRAPHS, "the same stock phrase again and again", "(dpa)"]))
    assert truth.packed is not None
    words = tokens(fold(body))
    assert truth.packed.place(words) == _place_each(truth, words)
    assert _place(dataclasses.replace(truth, packed=None), body) == _place(truth, body)  # too many words to number


@pytest.mark.parametrize(
    "pieces",
    [
        [],
        [""],
        ["  ", "\n\t"],
        ["e", "\u0301t\u00e9", "\ufb01n", "\u00a0a\u2026", "\u201cq\u201d", "\u1100", "\u1161"],  # combining, jamo
        ["a\0b", "c"],  # a NUL of its own: keyed alone
        ["x \u00ad y", "\u200b", "1\u20442"],
    ],
)
def test_pieces_keyed_as_one_text_are_each_piece_keyed(pieces):
    from harness.checks.structure import _key, _keys_of

    assert _keys_of(pieces) == [_key(piece) for piece in pieces]
