"""body.paywall_text and body.paywall_as_article, firing and not firing, on tiny inline pages."""

from __future__ import annotations

import pytest

from harness.checks import CATALOGUE, run_checks
from harness.core import ExpectationError, Extraction
from tests.conftest import make_fixture
from tests.unit.checks.test_checks import TRUTH, ids, with_

BODY = TRUTH["body"]
TEASER = {"free_access": False}


def findings(extracted: str | None, html: str = "<html><body><p>x</p></body></html>", **truth: object) -> list:
    fixture = make_fixture(html, **{**TRUTH, **truth})
    return [f for f in run_checks(fixture, Extraction(**with_(body=extracted))) if f.check.startswith("body.paywall")]


# -- body.paywall_text: the truth's snippets ------------------------------------------------------


def test_a_paywall_snippet_of_the_truth_is_paywall_text_not_boilerplate():
    snippets = [*TRUTH["must_not_contain"], {"text": "Digital + Weekend Print", "kind": "paywall"}]
    found = ids(with_(body=f"{BODY}\n\nDigital + Weekend Print"), must_not_contain=snippets)
    assert found == ["body.paywall_text"]
    [finding] = findings(f"{BODY}\n\nDigital + Weekend Print", must_not_contain=snippets)
    assert finding.message == "the paywall's own text is in the body: 'Digital + Weekend Print'"
    assert finding.actual == ["Digital + Weekend Print"]
    assert finding.evidence == "found by the truth's paywall snippets"


def test_other_kinds_stay_boilerplate():
    snippets = [{"text": "Sign up now", "kind": "newsletter"}]
    found = ids(with_(body=f"{BODY}\n\nSign up now"), must_not_contain=snippets)
    assert found == ["body.boilerplate_leak"]


# -- body.paywall_text: the phrases, truth-free ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to continue reading",
        "Subscribe to keep reading",
        "Already a subscriber? Log in",
        "This article is for subscribers only.",
        "This story is available exclusively to Business Insider subscribers. Become an Insider and start reading now.",
        "THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY",
        "REGISTER / SIGN IN TO UNLOCK MORE ARTICLES",
        "You have reached your limit of free articles this month.",
        "Jetzt weiterlesen mit Z+",
        "Weiterlesen mit SZ Plus",
        "Dieser Artikel ist exklusiv für Abonnenten",
        "Sie sind bereits Kunde?",
        "4 Wochen für nur 1 € testen",
        "Jetzt Abo abschließen",
        "Réservé aux abonnés",
        "La suite est réservée à nos abonnés.",
        "Déjà abonné ? Se connecter",
        "Il vous reste 84 % de cet article à lire.",
        "Contenido exclusivo para suscriptores",
        "¿Ya eres suscriptor? Inicia sesión",
        "Conteúdo exclusivo para assinantes",
        "Questo articolo è riservato agli abbonati",
        "Dit artikel is alleen beschikbaar voor abonnees",
    ],
)
def test_a_paywall_phrase_on_a_line_of_its_own_fires_where_the_truth_is_silent(line):
    [finding] = findings(f"{BODY}\n\n{line}", must_not_contain=[])
    assert finding.check == "body.paywall_text"
    assert finding.actual == [line]
    assert finding.evidence == "found by paywall phrases"


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe",  # a label alone: headers and newsletter boxes say it too
        "Premium",
        "Abo",
        "Subscribe to our newsletter for the morning briefing",
        "Continue reading the main story",  # the NYT's in-article ad marker, not a wall
        "The streaming service said it had gained two million subscribers since the spring.",
        "Already have an account? Sign in to comment.",
        # Prose that starts like a prompt: a line this long is a paragraph, not a wall.
        "Subscribe to continue reading, the council's letter told residents, was the message they saw "
        "on the paper's website every morning until the library began to offer free digital access "
        "to everyone with a card, a scheme that has since been copied by four other towns.",
    ],
)
def test_no_paywall_text_in_labels_newsletters_and_prose(line):
    assert findings(f"{BODY}\n\n{line}", must_not_contain=[]) == []


def test_a_phrase_the_true_body_holds_is_the_article():
    # An article about paywalls quotes the prompt: the truth keeps it, so the extractor may too.
    body = f"{BODY}\n\nSubscribe to continue reading"
    assert findings(body, body=body, must_not_contain=[]) == []


# -- body.paywall_text: the page's own paywall element --------------------------------------------

WALL = (
    "<html><body><article><p>The river bridge reopened on Friday after two years of repairs.</p>"
    '<div class="ia-paywall"><h2 class="ia-paywall__title">Jetzt weiterlesen!</h2>'
    '<p class="ia-paywall__description">Für 0,99 € können Sie diesen Artikel erwerben.</p>'
    "<p>Unser Team wünscht Ihnen viel Freude.</p>"
    '<a class="ia-paywall__login" href="/login">Anmelden</a></div></article></body></html>'
)


def test_a_line_of_the_pages_paywall_element_fires_and_is_named():
    [finding] = findings(f"{BODY}\n\nJetzt weiterlesen!\n\nAnmelden", WALL, must_not_contain=[])
    assert finding.actual == ["Jetzt weiterlesen!", "Anmelden"]
    assert finding.evidence == "found by the page's paywall element"


def test_a_piece_of_a_wall_line_cut_at_a_link_is_the_walls_too():
    body = f"{BODY}\n\nFür 0,99 € können Sie diesen Artikel"
    [finding] = findings(body, WALL, must_not_contain=[])
    assert finding.actual == ["Für 0,99 € können Sie diesen Artikel"]


def test_pieces_of_a_wall_line_are_named_in_the_bodys_order_whatever_the_hash_seed():
    pieces = [
        "Für 0,99 € können Sie diesen Artikel",
        "sofort und ohne Abo im Konto freischalten,",
        "danach lesen Sie alle Beiträge weiter,",
        "der Zugang bleibt jederzeit kündbar,",
        "und Ihr Angebot gilt einen ganzen Monat.",
    ]
    page = WALL.replace("Für 0,99 € können Sie diesen Artikel erwerben.", " ".join(pieces))
    shuffled = [pieces[3], pieces[0], pieces[4], pieces[2], pieces[1]]  # never the wall's line whole
    [finding] = findings("\n".join([BODY, *shuffled]), page, must_not_contain=[])
    assert finding.actual == shuffled  # not a set's order, which changes with PYTHONHASHSEED


def test_lines_of_a_paywall_element_without_a_walls_words_are_not_judged():
    # "Unser Team wünscht Ihnen viel Freude." names no subscription, log-in, offer or price.
    assert findings(f"{BODY}\n\nUnser Team wünscht Ihnen viel Freude.", WALL, must_not_contain=[]) == []


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div class="article-body paywalled">{}</div>',  # sites mark the locked text "paywalled"
        '<div class="ArticlePage-content paywall">{}' + "<p>" + "More of the story. " * 90 + "</p></div>",
    ],
    ids=["marked-paywalled", "long-wrapper"],
)
def test_the_article_text_under_a_wall_is_not_the_wall(wrapper):
    # A paragraph the truth leaves out (an offer in the text), inside a wrapper the page marks: not the wall's.
    locked = "<p>Tickets cost $5 at the door; season passes are on offer until May.</p>"
    html = f"<html><body>{wrapper.format(locked)}</body></html>"
    body = f"{BODY}\n\nTickets cost $5 at the door; season passes are on offer until May."
    assert findings(body, html, must_not_contain=[]) == []


def test_a_wall_line_the_true_body_holds_is_the_article():
    body = f"{BODY}\n\nFür 0,99 € können Sie diesen Artikel erwerben."
    assert findings(body, WALL, body=body, must_not_contain=[]) == []


# -- body.paywall_as_article -----------------------------------------------------------------------


def test_a_teaser_returned_as_the_article_is_named_with_both_lengths():
    [finding] = findings(BODY, **TEASER)
    assert finding.check == "body.paywall_as_article"
    assert finding.message == (
        "the page shows only a teaser of 22 words to a reader without a subscription; "
        "the extraction returns 22 words and does not flag the article as paywalled"
    )
    assert (finding.expected, finding.actual) == (False, None)


def test_an_extraction_that_says_free_access_true_is_told_so():
    fixture = make_fixture(**{**TRUTH, **TEASER})
    [finding] = [
        f for f in run_checks(fixture, Extraction(**with_(), free_access=True)) if f.check == "body.paywall_as_article"
    ]
    assert finding.message.endswith("does not flag the article as paywalled (it says free_access true)")


def test_an_extraction_that_flags_the_paywall_has_told_the_truth():
    fixture = make_fixture(**{**TRUTH, **TEASER})
    assert [f.check for f in run_checks(fixture, Extraction(**with_(), free_access=False))] == []


def test_an_empty_body_is_missing_text_not_a_teaser_presented_as_the_article():
    found = ids(with_(body=None), **TEASER)
    assert "body.paywall_as_article" not in found
    assert "body.missing_text" in found
    assert "body.paywall_as_article" not in ids(with_(body="  \n"), **TEASER)


@pytest.mark.parametrize("truth", [{}, {"free_access": True}])
def test_no_teaser_finding_where_the_truth_is_silent_or_the_page_is_free(truth):
    assert ids(with_(), **truth) == []


def test_a_page_that_shows_nothing_at_all():
    [finding] = findings("A body the page does not show.", body=None, must_contain=[], **TEASER)
    assert finding.message.startswith("the page shows no article text to a reader without a subscription; ")


def test_a_teaser_whose_text_the_truth_does_not_give():
    fixture = make_fixture(free_access=False)  # only url, capture time and timezone besides
    [finding] = run_checks(fixture, Extraction(body="Two paragraphs of teaser."))
    assert finding.message == (
        "the page shows only a teaser to a reader without a subscription; "
        "the extraction returns 4 words and does not flag the article as paywalled"
    )


def test_both_are_errors_of_the_body():
    for check in ("body.paywall_text", "body.paywall_as_article"):
        assert (CATALOGUE[check].severity, CATALOGUE[check].field) == ("error", "body")


# -- the truth's free_access ------------------------------------------------------------------------


def test_the_truth_reads_free_access_and_knows_when_it_is_silent():
    assert make_fixture(**TEASER).expectation.free_access is False
    assert make_fixture(**TEASER).expectation.knows("free_access")
    silent = make_fixture().expectation
    assert (silent.free_access, silent.knows("free_access")) == (None, False)


def test_the_truths_free_access_is_a_boolean():
    with pytest.raises(ExpectationError, match="free_access"):
        make_fixture(free_access="no")
