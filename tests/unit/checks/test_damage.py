"""body.encoding_damage and body.title_echo, firing and not firing, on tiny inline pages."""

from __future__ import annotations

import pytest

from tests.unit.checks.test_checks import GOOD, TRUTH, ids, with_

BODY = TRUTH["body"]


@pytest.mark.parametrize(
    ("damaged", "word"),
    [
        (BODY.replace("Friday", "FrÃ©day"), "FrÃ©day"),  # UTF-8 read as Latin-1
        (BODY.replace("bridge", "bridgeâ€™s"), "bridgeâ€™s"),  # a right quote read as cp1252
        (BODY.replace("after", "after\ufffd"), "after\ufffd"),
        (BODY.replace("two years", "two&nbsp;years"), "two&nbsp;years"),
        (BODY.replace("repairs", "repairs&#8217;"), "repairs&#8217;."),
    ],
)
def test_encoding_damage_names_the_first_damaged_word(damaged, word):
    from harness.checks import run_checks
    from harness.core import Extraction
    from tests.conftest import make_fixture

    [finding] = [
        f
        for f in run_checks(make_fixture(**TRUTH), Extraction(**with_(body=damaged)))
        if f.check == "body.encoding_damage"
    ]
    assert finding.actual == word
    assert repr(word) in finding.message


@pytest.mark.parametrize(
    "clean",
    [
        BODY,
        BODY.replace("Friday", "Fréday"),  # an accent, decoded right
        BODY.replace("bridge", "bridge’s"),  # a real right quote
        BODY + "\n\nTickets: A&B, 5 & 6 lanes",  # an ampersand that is no entity
    ],
)
def test_clean_text_is_no_damage(clean):
    assert "body.encoding_damage" not in ids(with_(body=clean))


def test_damage_the_true_body_has_too_is_not_the_extractors():
    damaged = BODY.replace("Friday", "FrÃ©day")
    assert "body.encoding_damage" not in ids(with_(body=damaged), body=damaged)


def test_the_headline_as_the_first_paragraph_is_an_echo():
    echoed = f"{TRUTH['title']}\n\n{BODY}"
    assert "body.title_echo" in ids(with_(body=echoed))


def test_no_echo_where_the_body_starts_otherwise_or_the_true_body_starts_with_it_too():
    assert "body.title_echo" not in ids(with_())
    echoed = f"{TRUTH['title']}\n\n{BODY}"
    assert "body.title_echo" not in ids(with_(body=echoed), body=echoed)
    # A headline mentioned later in the body is no echo.
    assert "body.title_echo" not in ids(with_(body=f"{BODY}\n\nAs the headline said: {TRUTH['title']}"))


def test_a_short_headline_is_not_judged():
    assert "body.title_echo" not in ids(with_(body=f"Bridge\n\n{BODY}", title="Bridge"), title="Bridge")


def test_the_echo_is_a_warning():
    from harness.checks import CATALOGUE

    assert CATALOGUE["body.title_echo"].severity == "warning"
    assert CATALOGUE["body.encoding_damage"].severity == "error"
    assert GOOD["body"] == BODY


def test_damage_the_page_itself_shows_is_not_the_extractors():
    # A CMS that escaped an entity twice: the reader sees "&lt;span" on the page (a Zyte page did);
    # and a page whose own bytes hold U+FFFD (an Israel Nachrichten page did).
    page = (
        f"<html><body><h1>{TRUTH['title']}</h1><p>{BODY}</p>"
        "<p>&amp;lt;span class=x&amp;gt;</p><p>k\ufffdnnen</p></body></html>"
    )
    from harness.checks import run_checks
    from harness.core import Extraction
    from tests.conftest import make_fixture

    fixture = make_fixture(page, **TRUTH)
    for shown in (BODY + "\n\n&lt;span class=x&gt;", BODY + "\n\nk\ufffdnnen"):
        assert "body.encoding_damage" not in [f.check for f in run_checks(fixture, Extraction(**with_(body=shown)))]
    # Escaped once more than the page shows: that is the extractor's.
    once_more = BODY + "\n\n&amp;lt;span class=x&amp;gt;"
    assert "body.encoding_damage" in [f.check for f in run_checks(fixture, Extraction(**with_(body=once_more)))]


def test_damage_the_extractor_adds_is_found_after_a_trace_the_page_shows():
    page = f"<html><body><h1>{TRUTH['title']}</h1><p>{BODY}</p><p>k\ufffdnnen</p></body></html>"
    from harness.checks import run_checks
    from harness.core import Extraction
    from tests.conftest import make_fixture

    both = BODY.replace("Friday", "FrÃ©day") + "\n\nk\ufffdnnen"
    shown_first = "k\ufffdnnen\n\n" + BODY.replace("Friday", "FrÃ©day")
    for body in (both, shown_first):
        findings = run_checks(make_fixture(page, **TRUTH), Extraction(**with_(body=body)))
        [finding] = [f for f in findings if f.check == "body.encoding_damage"]
        assert finding.actual == "FrÃ©day"


def test_a_c1_control_is_damage_the_page_has_not():
    # "’" as UTF-8 bytes read as Latin-1 ("â\x80\x99"), as goose3 3.1.22 gives it on a page whose <meta>
    # names ISO-8859-1; and a cp1252 curly quote read as Latin-1 ("\x92").
    for damaged, word in ((BODY.replace("bridge", "bridgeâ\x80\x99s"), "bridgeâ\x80\x99s"),
                          (BODY.replace("bridge", "bridge\x92s"), "bridge\x92s")):  # fmt: skip
        findings = [f for f in _findings(damaged) if f.check == "body.encoding_damage"]
        assert [f.actual for f in findings] == [word]


def _findings(extracted, page="<html><body><p>x</p></body></html>", **truth):
    from harness.checks import run_checks
    from harness.core import Extraction
    from tests.conftest import make_fixture

    return run_checks(make_fixture(page, **{**TRUTH, **truth}), Extraction(**with_(body=extracted)))


def _drop_cap_findings(extracted, page="<html><body><p>x</p></body></html>", **truth):
    return [f for f in _findings(extracted, page, **truth) if f.check == "body.encoding_damage"]


@pytest.mark.parametrize(
    ("damaged", "actual", "how"),
    [
        ("T he river bridge", "T he", "a drop cap set apart from the rest of its word"),
        ("T\n\nhe river bridge", "T\n\nhe", "a drop cap set apart from the rest of its word"),
        ("he river bridge", "he", "letters lost with a drop cap"),
        ("TThe river bridge", "TThe", "a drop cap's letter doubled"),
    ],
)
def test_a_drop_cap_that_splits_loses_or_doubles_the_first_word_is_named(damaged, actual, how):
    body = BODY.replace("The river bridge", damaged)
    [finding] = _drop_cap_findings(body)
    assert finding.actual == actual
    assert finding.message == f"the body has {actual!r} at a paragraph's start where the page shows 'The' ({how})"


def test_small_caps_lost_after_a_drop_cap_are_named():
    # The example: "K stint" where the page shows "Kickstint" (the <small> letters dropped).
    true = "Kickstint is the word the coach used for the short shift on Monday.\n\n" + BODY
    [finding] = _drop_cap_findings("K stint is the word the coach used for the short shift on Monday.\n\n" + BODY,
                                   body=true)  # fmt: skip
    assert finding.actual == "K stint"
    assert "where the page shows 'Kickstint'" in finding.message


def test_a_drop_cap_on_a_later_paragraph_is_found_too():
    body = BODY.replace("Drivers queued", "D rivers queued")
    [finding] = _drop_cap_findings(body)
    assert (finding.actual, "'Drivers'" in finding.message) == ("D rivers", True)


@pytest.mark.parametrize(
    "body",
    [
        BODY,
        BODY.replace("The river", "THE RIVER"),  # small caps written in capitals: the word, whole
        # Not at a paragraph's start: a dateline, or the sentence quoted later, is no drop cap.
        "GAZETTE — The river bridge reopened on Friday after two years of repairs.",
        BODY + "\n\nAs she said: he river bridge reopened on Friday after two years of repairs.",
        # Shown whole once: a second copy elsewhere does not make it damage.
        BODY + "\n\nhe river bridge reopened on Friday after two years of repairs.",
    ],
)
def test_a_whole_first_word_or_one_elsewhere_than_a_paragraph_start_is_no_drop_cap_damage(body):
    assert _drop_cap_findings(body) == []


def test_a_real_one_letter_word_is_never_judged():
    true = "A long queue formed at the bridge before dawn on Friday.\n\n" + BODY
    for body in ("A long queue formed at the bridge before dawn on Friday.", "Along queue formed at the bridge"):
        assert _drop_cap_findings(body + "\n\n" + BODY, body=true) == []


def test_a_space_inside_a_word_elsewhere_than_after_its_first_letter_is_not_a_drop_cap():
    # boilerpy3 puts a space at an inline element's edge inside a Japanese run (fundus jp_AsahiShimbun_2025_01_13).
    true = "気象庁は13日、関東地方で大雪の恐れがあると発表した 。 交通 の 乱れ に 注意 を\n\n" + BODY
    body = "気象庁 は13日、関東地方で大雪の恐れがあると発表した 。 交通 の 乱れ に 注意 を\n\n" + BODY
    assert _drop_cap_findings(body, body=true) == []
    assert _drop_cap_findings(
        "気 象庁は13日、関東地方で大雪の恐れがあると発表した 。 交通 の 乱れ に 注意 を", body=true
    )


def test_with_no_true_body_the_drop_cap_is_judged_by_the_page_text():
    page = (
        "<html><body><h1>Kelp</h1><p><span class='dropcap'>K</span><small>elp farmers</small> on the loch "
        "start their day by reading the water.</p></body></html>"
    )
    truth = {k: v for k, v in TRUTH.items() if k not in ("body", "must_contain")}
    from harness.checks import run_checks
    from harness.core import Extraction
    from tests.conftest import make_fixture

    fixture = make_fixture(page, **truth)
    assert not fixture.expectation.knows("body")
    split = "K\n\nelp farmers\n\non the loch start their day by reading the water."
    [finding] = [f for f in run_checks(fixture, Extraction(**with_(body=split))) if f.check == "body.encoding_damage"]
    assert finding.actual == "K\n\nelp"
    whole = "Kelp farmers on the loch start their day by reading the water."
    assert "body.encoding_damage" not in [f.check for f in run_checks(fixture, Extraction(**with_(body=whole)))]


ANCHOR_BODIES = [
    "",
    "Kelp grows fast in cold water.\n\nIt needs light.",
    "kelp GROWS Fast in cold water",  # case, and the words at the very start of the body (no match there)
    "\u201cKelp\u201d \u2014 grows, fast; in... cold (water)",  # punctuation between the words
    "K elp grows fast in cold water\nelp grows fast in cold water",
    "Kelp grows fastin cold water",  # words run together
    "Kelp grows fast in cold waters",  # the last word longer
    "a grows fast in cold water grows fast in cold water grows fast in cold water",  # runs back to back
    "Kelp grows fa\u017ft in cold water",  # a long s: the same letter to re.IGNORECASE
    "Kelp grows fast \u0130n cold water",  # a dotted capital I
    "Kelp \u212aelp grows fast in cold water",  # the Kelvin sign
    "Kelp grows f\u00e4st in cold water",  # another letter
    "Die Stra\u00dfe f\u00fcr alle \u00fcber Nacht",
    "die STRASSE F\u00dcR ALLE \u00dcBER nacht",
    "gr\u00fc\u00dfe aus k\u00f6ln und \u03c3\u03bf\u03c6\u03af\u03b1 \u03c3\u03bf\u03c6\u03b9\u03c3",
    "_under_score 12 grows fast",
    " grows fast in cold water, then grows fast in cold water",  # a non-word character opens the body
    "x grows grows fast in cold water in cold water",  # a run that starts inside a failed one
    "x fast in cold water grows fast in cold water grows fast",  # overlapping runs: the first one wins
]
ANCHOR_RESTS = [
    " grows fast in cold water.",
    " grows, fast in",
    " grows fast",  # too few words
    " fast in cold water grows fast",
    "'s Stra\u00dfe f\u00fcr alle \u00fcber Nacht",
    " Stra\u00dfe f\u00fcr alle",
    " \u03c3\u03bf\u03c6\u03af\u03b1 \u03c3\u03bf\u03c6\u03b9\u03c2 aus",
    " under_score 12 grows",
    " elp grows fast in cold",
]


@pytest.mark.parametrize("body", ANCHOR_BODIES)
@pytest.mark.parametrize("rest", ANCHOR_RESTS)
def test_anchor_starts_are_where_the_anchor_pattern_matches(body, rest):
    from harness.checks.damage import _anchor, _anchor_starts

    anchor = _anchor(rest)
    expected = None if anchor is None else [found.start() for found in anchor.finditer(body)]
    assert _anchor_starts(body, rest) == expected


def test_anchor_starts_find_a_lookalike_letter_as_the_pattern_does():
    from harness.checks.damage import _anchor_starts

    assert _anchor_starts("x grows fa\u017ft in cold water", " grows fast in cold") == [1]
    assert _anchor_starts("x grows fast \u0130n cold", " grows fast in cold") == [1]
    assert _anchor_starts("x GROWS FAST IN COLD", " grows fast in cold") == [1]
    assert _anchor_starts("grows fast in cold", " grows fast in cold") == []  # no non-word character before


@pytest.mark.parametrize(
    "head",
    ["Kelp grows fast in cold water and", "grows fast in cold water and", "Kelp", "elp grows", "water.", "x" * 40],
)
def test_opens_line_is_a_search_for_a_line_start(head):
    from harness.checks.damage import _opens_line

    for body in ANCHOR_BODIES:
        assert _opens_line(body, head) == (body.startswith(head) or f"\n{head}" in body)
