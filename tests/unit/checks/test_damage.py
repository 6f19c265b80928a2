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
