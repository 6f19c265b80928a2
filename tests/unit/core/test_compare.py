"""The comparison rules: shingle precision and recall."""

from __future__ import annotations

import pytest

from harness.core import name_key, shingle_scores


def test_shingle_scores():
    assert shingle_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = shingle_scores("a b c d", "a b c d e f")
    assert precision == 1.0 and recall == pytest.approx(1 / 3)
    assert shingle_scores("", "") == (1.0, 1.0)
    assert shingle_scores("", "a b c d") == (0.0, 0.0)  # nothing extracted: no precision to speak of, no recall


def test_typography_folds_for_every_text_comparison():
    from harness.core import contains, fold, name_key

    assert fold("Stars \u2026 over a Book") == fold("Stars ... over a Book")
    assert contains("Don\u2019t say you\u2019re sorry", "you're sorry")
    assert contains("a \u201cquoted\u201d word", 'a "quoted" word')
    assert contains("2019\u20132020 season", "2019-2020 season")
    assert fold("zero\u200bwidth\u00a0space") == "zerowidth space"
    assert name_key("Jos\u00e9  ORTEGA") == name_key("jose\u0301 Ortega")  # NFKC composes the accent
    assert name_key("Miguel A. Herguedas") == name_key("Miguel A Herguedas")
    assert name_key("J.R. Smith") != name_key("JR Smith")  # only an initial standing alone loses its stop
    assert name_key("By Isaac Yee") != name_key("Isaac Yee")
    # Folding is typography, not spelling: other words stay other words.
    assert not contains("you are sorry", "you're sorry")
    assert fold("Stars over a Book") != fold("Stars over a Boot")


def test_titles_and_snippets_differing_only_in_typography_are_no_finding():
    from harness.checks import run_checks
    from harness.core import Extraction
    from tests.conftest import make_fixture

    fixture = make_fixture(
        title="The man who fell \u2026 over a Book",
        body="He said you\u2019re late.",
        must_contain=["you're late"],
    )
    same = Extraction(title="The man who fell ... over a Book", body="He said you\u2019re late.")
    assert run_checks(fixture, same, fields=frozenset({"title", "body"})) == []
    wrong = Extraction(title="The man who fell over a Book", body="He said nothing.")
    found = {f.check for f in run_checks(fixture, wrong, fields=frozenset({"title", "body"}))}
    assert {"title.mismatch", "body.missing_text"} <= found


def test_invisible_marks_do_not_split_words_for_the_body_checks():
    from harness.core import shingle_overlap

    truth = "Der Brenn\u00adpunkt der Debatte liegt heute im Norden des Landes und im Osten."
    extracted = "Der Brennpunkt der Debatte liegt heute im Norden des Landes und im Osten."
    assert shingle_scores(extracted, truth) == (1.0, 1.0)
    # The Zyte metric keeps its definition: there the soft hyphen splits the word.
    _, fp, fn = shingle_overlap(truth, extracted)
    assert fp > 0 and fn > 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ASCII, nothing to fold",
        "\u201cQuoted\u201d \u2018words\u2019 \u2014 a dash\u2026 and more\u2026\u2026",
        "Brenn\u00adpunkt\u200b\u200c\u200d\u2060\ufeff end",
        "\u00ad\u2026",  # only table characters
        "Gr\u00fc\u00dfe \u65e5\u672c\u8a9e \U0001f600 \u2212 5",  # non-ASCII around them, an astral character
    ],
)
def test_translators_do_what_str_translate_does(text):
    from harness.core.compare import _INVISIBLE, _TYPOGRAPHY, _drop_invisible, _fold_typography

    assert _fold_typography(text) == text.translate(_TYPOGRAPHY)
    assert _drop_invisible(text) == text.translate(_INVISIBLE)
    assert not any(chr(code).isascii() for code in (*_TYPOGRAPHY, *_INVISIBLE))  # an ASCII text is left alone


@pytest.mark.parametrize(
    "text",
    ["", " ", "a  b", " a\tb \n\n c ", "a \u00a0 b", "a\u2028b", "\n", "a b c", "a\x1c\x1fb\x85", "\u3000a\u200bb"],
)
def test_squash_replaces_every_whitespace_run(text):
    import re

    from harness.core import squash

    assert squash(text) == re.sub(r"\s+", " ", text).strip()


def test_a_page_long_text_is_keyed_but_never_kept_in_the_names_cache():
    from harness.core import compare

    text = "Von Jane Roe. " * 100
    before = compare._name_key.cache_info().currsize
    assert name_key(text) == compare._key_of(text)
    assert compare._name_key.cache_info().currsize == before
    name_key("Miguel A. Herguedas")
    assert name_key("Miguel A. Herguedas") == "miguel a herguedas"
    assert compare._name_key.cache_info().currsize >= 1
