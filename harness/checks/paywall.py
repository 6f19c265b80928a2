"""Body checks for paywalled pages: a teaser presented as the article, the paywall's own text kept.

``body.paywall_as_article``: the truth says the page shows only a teaser to a
reader without a subscription (``free_access: false``, its body the visible
teaser) and the extraction returns a body without saying so (its
``free_access`` is not false): a reader of the result takes two paragraphs for
the whole story. An empty body is not this finding (``body.missing_text`` and
``body.low_recall`` say what is missing); an extractor that flags the page as
paywalled has told the truth whatever body it kept.

``body.paywall_text``: the paywall's own marketing is in the body ("Subscribe
to continue reading", "Already a subscriber? Log in", "Jetzt weiterlesen mit
Z+", "La suite est réservée aux abonnés"). Three witnesses, none of which
counts text the true body holds:

- the truth's must_not_contain snippets of kind "paywall";
- short lines of the body that are paywall phrases in the languages of the
  corpora, which fire even where the truth is silent (as the sponsored labels do);
- lines of the body that are the text of an element the page itself marks as
  a paywall or registration wall (``class="paywall"``, ``regwall``,
  ``tp-modal``) and that read as one (they name a subscription, a log-in, an
  offer or a price): publishers also put ``paywall`` on the wrapper of the
  locked article text, which is the article, not the wall.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

import lxml.etree

from ..core import contains, fold, listed, tokens, tree_text
from .page import page_tree

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Finding, Page
    from .catalogue import CheckContext

__all__ = ["PAYWALL_LINES", "check_paywall", "paywall_lines"]

#: A body line longer than this is prose, not a paywall's prompt.
_LINE_LIMIT = 200

#: Paywall prompts, matched at the start of a folded, lowercased line of the body (shorter than
#: ``_LINE_LIMIT``). Each is something only a wall says: a subscription or log-in as the way to the
#: rest of the article, an offer's price, or the article declared subscribers-only. Labels alone
#: ("Abo", "Premium", "Plus") are left out: teasers wear them.
_PHRASES = (
    # English
    r"subscribe (now |today )?(to|and) (continue|keep) reading",
    r"subscribe (now |today )?to (read|unlock|access|get (full|unlimited))",
    r"subscribe (now )?for (more|unlimited) (articles|access)",
    r"(register|sign in|log in|create an account)( (/|or) (register|sign in|log in|create an account))? "
    r"to (unlock|continue|keep reading|read (the|this|more))",
    r"to (continue|keep) reading,? (please )?(subscribe|sign in|log in|register|create)",
    r"already (a subscriber|subscribed|a member)\?",
    r"(this|the) (article|story|content|piece) is (only )?"
    r"((available|reserved|exclusive)( only| exclusively)? )?"
    r"(for|to) (\S+ ){0,3}(subscribers|members)",
    r"(this )?content is (reserved|available) (for|to) subscribers",
    r"(for |available to )?subscribers only\.?$",
    r"you('ve| have) (reached|read|used) (your|all|the)( monthly)? (limit|free articles|\d+ free)",
    r"you have (\d+|one|no) free (article|stor)",
    r"(this is your )?last free (article|story)",
    r"get unlimited (digital )?access\b",
    r"unlock (this|the full|full) (article|story)",
    r"become a (subscriber|member) to (read|continue)",
    # German
    r"(jetzt )?weiterlesen mit \S{1,20}( ?plus|\+)",
    r"mit \S{1,20}( ?plus|\+) weiterlesen",
    r"(dieser |der )?(artikel|beitrag|inhalt) ist (nur |exklusiv )*(für|fuer) "
    r"(abonnent|abonnentinnen|abonnierende|\S{1,20}( ?plus|\+)[ -]?(abonnent|leser|kund))",
    r"(dieser |der )?(artikel|beitrag|inhalt) ist (nur )?(mit|im) (einem |dem )?\S{0,20}abo",
    r"(sie sind |du bist )?(bereits|schon) (abonnent|abonniert|ein abo|registriert|kunde)\S*\s?\?",
    r"login für abonnent",
    r"(um|zum) (diesen |den )?(artikel|beitrag) (zu ende |weiter)?(zu )?lesen,? (benötigen|brauchen) sie",
    r"sie (benötigen|brauchen) ein (\S+ )?abo",
    r"(\d+|einen|zwei|drei|vier) (woche|wochen|monat|monate|tage) (für|fuer) (nur )?\d+([,.]\d+)? ?(€|euro)",
    r"jetzt (\S+ )?(abo|abonnement) (abschließen|testen|sichern|wählen)",
    # French
    r"(la suite|la suite de cet article|cet article|ce contenu|l'article) est réservée? (à nos|aux) abonné",
    r"(article )?réservé aux abonnés",
    r"déjà abonnée? ?\?",
    r"il vous reste \d+ ?% de cet article à lire",
    r"abonnez-vous (pour|à partir|dès) ",
    r"pour lire la suite(,| de cet article,?) (abonnez|connectez|inscrivez)",
    # Spanish, Portuguese, Italian
    r"(contenido|artículo|noticia) (exclusivo|reservado) para (suscriptores|socios|abonados)",
    r"(este|el) (artículo|contenido) es (exclusivo|solo) para (suscriptores|socios|abonados)",
    r"¿?ya eres (suscriptor|socio|abonado)",
    r"suscríbete para (seguir|continuar) leyendo",
    r"para (seguir|continuar) leyendo,? (suscríbete|hazte)",
    r"(conteúdo |matéria )?exclusiv[oa] para assinantes",
    r"já é assinante\?",
    r"assine para (continuar|ler)",
    r"(questo )?(articolo|contenuto) (è )?riservato agli abbonati",
    r"sei già abbonato\?",
    r"abbonati per (continuare|leggere)",
    # Dutch, Danish, Norwegian, Swedish
    r"(dit|het) artikel is (alleen )?(beschikbaar )?voor abonnees",
    r"(ben je )?al abonnee\?",
    r"(er du )?allerede abonnent\?",
    r"(är du )?redan prenumerant\?",
)
PAYWALL_LINES = re.compile("|".join(_PHRASES), re.IGNORECASE)

#: Class or id of an element that is a paywall, a registration wall or a subscription offer over
#: the article (Piano's ``tp-modal``). Not ``paywalled``: sites mark the locked article text so.
_WALL_MARK = re.compile(
    r"pay-?wall(?!ed)|reg-?wall|registration-?wall|subscri(be|ption)-?wall|paid-?barrier|tp-modal|tp-container",
    re.IGNORECASE,
)
#: Every class and id value of an element under the root (itself included), as plain strings.
_CLASSES_AND_IDS = lxml.etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id", smart_strings=False)
#: A marked element with more text than this is the article under the wall, not the wall.
_WALL_LIMIT = 1500
#: Words of a wall's own lines: a subscription, a log-in, an offer, a price. A line of a marked element
#: without any is the article text the element holds.
_WALL_WORDS = re.compile(
    r"subscri|\babo\b|\babos\b|abonn|suscri|assin[ae]|abbona|prenumer|\blog ?in\b|\bsign ?in\b|\blogin|anmeld"
    r"|einlogg|connect|registr|inicia sesi|accedi|account|konto|unlock|freischalt|weiterlesen|keep reading"
    r"|continue reading|lire la suite|seguir leyendo|free trial|testen|kündbar|\boffer|angebot|offre"
    r"|[$£€]\s?\d|\d\s?(€|euro)",
    re.IGNORECASE,
)
#: A wall's line this short is matched only as a line of its own ("Log in"); a longer one also inside a line.
_WALL_SHORT = 30


def paywall_lines(body: str) -> list[str]:
    """The short lines of ``body`` that are paywall prompts (:data:`PAYWALL_LINES`), folded."""
    out = []
    for line in body.split("\n"):
        folded = fold(line)
        if folded and len(folded) < _LINE_LIMIT and PAYWALL_LINES.match(folded.lower()):
            out.append(folded)
    return out


@functools.lru_cache(maxsize=8)
def _wall_lines(html: str, root: Any) -> tuple[str, ...]:
    """The lines of the page's paywall elements that read as a wall's own (folded, deduplicated).

    ``html`` keys the cache (a page is graded once per extractor); ``root`` is its shared tree.
    """
    # Most pages have no wall: their class and id values, read in C and searched at once, say so without
    # a walk over every element (a match never spans the space between two values: the mark has none).
    if not _WALL_MARK.search(" ".join(_CLASSES_AND_IDS(root))):
        return ()
    found: dict[str, None] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head", "script", "style"):
            continue
        mark = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not _WALL_MARK.search(mark):
            continue
        text = tree_text(element)  # the element's own text, read in the shared tree
        if len(text) > _WALL_LIMIT:
            continue
        for line in text.split("\n"):
            folded = fold(line)
            if 3 <= len(folded) < _LINE_LIMIT and _WALL_WORDS.search(folded):
                found[folded] = None
    return tuple(found)


def _marked_lines(page: Page, body: str) -> list[str]:
    """The lines of the page's paywall elements that are in ``body``."""
    root = page_tree(page)
    if root is None:
        return []
    walls = _wall_lines(page.html, root)
    if not walls:
        return []
    lines = dict.fromkeys(fold(line) for line in body.split("\n"))  # in the body's order: the message's
    folded = fold(body)
    found = [wall for wall in walls if wall in lines or (len(wall) >= _WALL_SHORT and wall in folded)]
    # A body line cut out of a wall's line (an extractor that split it at a link) is the wall's too.
    parts = [line for line in lines if len(line) >= _WALL_SHORT and any(line in wall for wall in walls)]
    return found + [part for part in parts if not any(part in wall for wall in found)]


def _words(text: str) -> int:
    return len(tokens(text))


def check_paywall(ctx: CheckContext) -> Iterator[Finding]:
    """``body.paywall_as_article`` and ``body.paywall_text``."""
    body = ctx.extraction.body or ""
    if not body.strip():
        return
    truth = ctx.fixture.expectation
    true_body = (truth.body or "") if truth.knows("body") else ""

    def new(text: str) -> bool:
        return not (true_body and contains(true_body, text))

    snippets = [s.text for s in truth.must_not_contain if s.kind == "paywall" and contains(body, s.text)]
    phrases = [line for line in paywall_lines(body) if new(line)]
    marked = [line for line in _marked_lines(ctx.fixture.page, body) if new(line)]
    kept: dict[str, None] = {}
    for text in (*snippets, *phrases, *marked):
        # One text once: a line holding a snippet already named (or held by one) adds nothing.
        if not any(fold(text) in fold(other) or fold(other) in fold(text) for other in kept):
            kept[text] = None
    if kept:
        sources = [
            what for what, found in (
                ("the truth's paywall snippets", snippets),
                ("paywall phrases", phrases),
                ("the page's paywall element", marked),
            ) if found
        ]  # fmt: skip
        yield ctx.finding(
            "body.paywall_text",
            f"the paywall's own text is in the body: {listed(list(kept), limit=3, width=60, empty='')}",
            actual=list(kept),
            evidence=f"found by {', '.join(sources)}",
        )

    if truth.knows("free_access") and truth.free_access is False and ctx.extraction.free_access is not False:
        teaser = _words(true_body)
        says = " (it says free_access true)" if ctx.extraction.free_access else ""
        shown = (
            f"only a teaser of {teaser} words" if teaser
            else "no article text" if truth.knows("body")
            else "only a teaser"
        )  # fmt: skip
        yield ctx.finding(
            "body.paywall_as_article",
            f"the page shows {shown} to a reader without a subscription; the extraction returns "
            f"{_words(body)} words and does not flag the article as paywalled{says}",
            expected=False,
            actual=ctx.extraction.free_access,
        )
