"""Leaks found from the page's own structure: text of the page's widgets that ended up in the body.

Where the truth names no ``must_not_contain`` snippets (a crawl with no truth
at all, a corpus that labels the body only), the page still says what is not
the article: elements marked as sponsored or promoted (Taboola, Outbrain and
their peers), related and recommended rails, navigation, newsletter and
cookie boxes, comment sections, the site's header and footer. Each such
element's text blocks (five words or more) stand in for the truth's snippets:
``checks/body.py`` reports those the body holds as ``body.sponsored_leak``
(a sponsored widget's text) or ``body.boilerplate_leak`` (the others, with
their kind), one finding of each however many rules saw it.

A block the truth's body holds, the page's JSON-LD ``articleBody`` holds, or
that is part of the headline (``<h1>``, ``<title>``, ``og:title``), is article
text and never counted; an article's own ``<header>`` and ``<footer>`` are the
article's. An element that holds
the article itself (an ``<article>``, ``<main>``, the ``<h1>``, or more than
a third of the page's words) is a wrapper, not a widget, and is not read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import fold, jsonld_items, listed, nodes, squash
from .page import html_tree

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Page
    from .catalogue import CheckContext

__all__ = ["STRUCTURE", "Widget", "leaked_widgets", "page_widgets", "quoted"]

#: What an element's class, id, role or aria-label says it is, by leak kind (first match wins).
_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sponsored", re.compile(
        r"sponsor|promoted|taboola|outbrain|dianomi|revcontent|plista|ligatus|nativendo|paid-?content",
        re.IGNORECASE)),
    ("cookie", re.compile(r"cookie|consent|gdpr|privacy-?banner", re.IGNORECASE)),
    ("newsletter", re.compile(r"newsletter|signup|sign-up|subscribe-?box", re.IGNORECASE)),
    ("comments", re.compile(r"\bcomments?\b|comment-?(list|section|thread)|disqus|\bcoral\b", re.IGNORECASE)),
    ("related", re.compile(
        r"related|recommend|more-?(stories|from|news|articles)|read-?more|also-?read|most-?(read|popular)"
        r"|trending|mehr-?zum-?thema|weitere-?artikel|ticker|last-?minute|breaking-?news", re.IGNORECASE)),
    ("navigation", re.compile(r"^nav$|navigation|breadcrumb|\bmenu\b|site-?header|site-?footer|^footer$",
                              re.IGNORECASE)),
)  # fmt: skip
#: What a finding resting on the page's structure says of its evidence.
STRUCTURE = "found from the page's structure (the truth names no must_not_contain snippets)"
#: Elements that are navigation or page furniture by their tag alone.
_TAGS = {"nav": "navigation", "footer": "navigation", "header": "navigation", "aside": "related"}
#: Roles that say the same.
_ROLES = {"navigation": "navigation", "contentinfo": "navigation", "banner": "navigation", "complementary": "related"}
_BLOCKS = ["p", "li", "h2", "h3", "h4", "h5", "h6", "a", "blockquote", "figcaption", "dd", "dt", "td"]
#: The blocks that make a block holding one a container of blocks (a link inside a block is the block's).
_INNER = [tag for tag in _BLOCKS if tag != "a"]
#: A class or id with this many hyphens or more is a slug, not a name for what the element is.
_SLUG_HYPHENS = 5
#: A block shorter than this many words could be anywhere: not counted.
_MIN_WORDS = 5
#: An element holding more than this share of the page's words holds the article: a wrapper.
_WRAPPER_SHARE = 1 / 3


@dataclass(frozen=True)
class Widget:
    """A text block of one of the page's widgets: its text, its kind, and what the element is."""

    text: str
    kind: str
    element: str


def _mark(element: Any) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    label = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("aria-label"))))
    kind = _label_mark(label) if label else None
    if kind is not None:
        return kind
    if tag in _TAGS:
        # An article's own <header> (kicker, headline, byline), <footer> and <aside> (an info box, a
        # glossary) are the article's unless their class says otherwise.
        inside = any(a.tag in ("article", "main") for a in element.iterancestors())
        return None if inside else _TAGS[tag]
    return _ROLES.get((element.get("role") or "").lower())


@functools.lru_cache(maxsize=4096)
def _label_mark(label: str) -> str | None:
    """What an element's class, id and aria-label (joined) say it is; None when they say nothing.

    Cached: a page repeats its class names ("nav-item") and a site its pages' (a small bounded cache).
    """
    # A part made of many words is a slug of the headline ("zendaya-promoted-dune-part-two-in-london"),
    # which says nothing about what the element is.
    parts = [part for part in label.split() if part.count("-") < _SLUG_HYPHENS]
    for kind, pattern in _MARKS:
        if any(pattern.search(part) for part in parts):
            return kind
    return None


def _describe(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else "?"
    for attribute in ("id", "class", "role", "aria-label"):
        value = element.get(attribute)
        if value:
            return f"<{tag} {attribute}={squash(value)[:60]!r}>"
    return f"<{tag}>"


def page_widgets(page: Page) -> tuple[Widget, ...]:
    """The text blocks of ``page``'s widgets (read once per page)."""
    return _widgets(page.html)


@functools.lru_cache(maxsize=32)
def _widgets(html: str) -> tuple[Widget, ...]:
    root = html_tree(html)
    if root is None:
        return ()
    total = len(_words(root))
    article = {fold(str(node.get("articleBody") or "")) for node in nodes(jsonld_items(root))}
    article.discard("")
    titles = [fold(squash(h.text_content())) for h in root.iter("h1", "title")]
    titles += [fold(m.get("content") or "") for m in root.iter("meta") if m.get("property") == "og:title"]
    found: list[Widget] = []
    seen: set[str] = set()
    # Each block belongs to its nearest marked ancestor (a comment list inside a navigation bar that
    # a broken page never closed is a comment list); a wrapper of the article is no widget.
    nearest: dict[Any, tuple[str, Any] | None] = {}
    wrappers: dict[Any, bool] = {}
    for block, words in _blocks(root):
        owner = _owner(block, nearest)
        if owner is None:
            continue
        kind, element = owner
        if element not in wrappers:
            wrappers[element] = _is_wrapper(element, total)
        if wrappers[element]:
            continue
        text = " ".join(words)  # squash() of its text, from the words already read
        key = fold(text)
        if key in seen or any(key in t for t in titles) or any(key in body for body in article):
            continue
        seen.add(key)
        found.append(Widget(text, kind, _describe(element)))
    return tuple(found)


def _owner(block: Any, nearest: dict[Any, tuple[str, Any] | None]) -> tuple[str, Any] | None:
    """The nearest marked ancestor of ``block`` (itself included) and its kind; None when none is."""
    walked = []
    owner: tuple[str, Any] | None = None
    for element in block.iterancestors():
        if element in nearest:
            owner = nearest[element]
            break
        walked.append(element)
        kind = _mark(element)
        if kind is not None:
            owner = (kind, element)
            break
    for element in walked:
        nearest[element] = owner
    kind = _mark(block)
    return (kind, block) if kind is not None else owner


def _words(element: Any) -> list[str]:
    return str(element.text_content()).split()


def _is_wrapper(element: Any, total: int) -> bool:
    if element.tag in ("article", "main") or element.get("itemprop") == "articleBody":
        return True
    if element.find(".//h1") is not None or element.find(".//article") is not None:
        return True
    return total > 0 and len(_words(element)) > total * _WRAPPER_SHARE


def _blocks(root: Any) -> Iterator[tuple[Any, list[str]]]:
    """Each innermost block of the page with enough words to be telling, and its words."""
    for block in root.iter(*_BLOCKS):
        if not len(block):  # no children: its text is all of its text, read without an XPath call
            words = (block.text or "").split()
        elif next(block.iterdescendants(*_INNER), None) is not None:
            continue  # a container of blocks: its blocks are read one by one
        else:
            words = block.text_content().split()
        if len(words) >= _MIN_WORDS:
            yield block, words


def leaked_widgets(ctx: CheckContext) -> list[Widget]:
    """The page's widget blocks the body holds, where the truth names no ``must_not_contain``
    snippets (they stand in for them: checks/body.py makes the findings); a block the true body holds
    is the article's."""
    truth = ctx.fixture.expectation
    body = ctx.extraction.body or ""
    if not body or truth.knows("must_not_contain"):
        return []
    widgets = page_widgets(ctx.fixture.page)
    if not widgets:
        return []
    folded = fold(body)
    true_body = fold(truth.body or "") if truth.knows("body") else ""
    return [w for w in widgets if fold(w.text) in folded and fold(w.text) not in true_body]


def quoted(widgets: list[Widget]) -> str:
    """The widgets' texts, shortened, for a message."""
    return listed([w.text for w in widgets], limit=2, width=60, empty="")
