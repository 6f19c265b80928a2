"""The page itself in the HTML report's drill-down: its text-bearing markup only, inert by construction.

The recorded page is parsed with lxml and written out again from an allow-list: block elements
(and links, without their target) with no attribute at all, and their text, escaped. Everything
else is dropped with its content (scripts, styles, heads, images, media, embedded documents, form
fields) or unwrapped (inline and unknown elements keep their text). No attribute survives, so no
event handler, no ``src``/``srcset``/``href``, no ``style`` with ``url(...)``; no ``<meta>``,
``<base>`` or ``<link>`` either. The report shows it in ``<iframe sandbox srcdoc>`` (issue 14, item 11).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["MAX_MARKUP", "text_markup"]

#: Characters of markup kept per page (a page is cut at an element's end past it).
MAX_MARKUP = 60_000

#: Written out, without attributes (``a`` shows where the links, often navigation, are). Others are
#: unwrapped: their text stays (``<details>`` would hide it, ``<dialog>`` and ``<button>`` hold
#: cookie banners' text, a leak kind).
_KEEP = frozenset(
    {
        "p", "div", "a", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
        "pre", "figure", "figcaption", "article", "section", "header", "footer", "nav", "aside", "main",
        "address", "table", "caption", "tr", "td", "th",
    }
)  # fmt: skip
_VOID = frozenset({"br"})
#: Dropped with everything inside (no text a reader would see, or a way to fetch or run something).
_DROP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "iframe", "frame",
        "frameset", "object", "embed", "applet", "img", "picture", "source", "video", "audio", "track", "canvas",
        "svg", "math", "map", "area", "input", "select", "textarea", "option", "datalist", "param", "portal",
    }
)  # fmt: skip
#: Dropped, but not what follows them: libxml2 nests the rest of the page inside an ``<embed>``.
_EMPTY = frozenset({"embed", "img", "source", "track", "area", "param", "input", "link", "meta", "base"})
_SPACE = re.compile(r"\s+")
_AROUND_BLOCKS = re.compile(r" ?(</?(?:{})>) ?".format("|".join(sorted(_KEEP - {"a"}))))


class _Writer:
    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.written = 0  # pieces of visible text so far

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def text(self, value: str | None, *, pre: bool) -> None:
        if value:
            self.add(html.escape(value if pre else _SPACE.sub(" ", value), quote=False))
            self.written += not value.isspace()

    def undo(self, start: int) -> None:
        """Drops what was written since ``start`` (an element without visible text), but a space."""
        self.size -= sum(len(p) for p in self.parts[start:])
        del self.parts[start:]
        self.add(" ")


def _write(element: HtmlElement, out: _Writer, *, pre: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if (tag in _DROP and tag not in _EMPTY) or not tag:  # a comment's or a PI's tag is a function
        out.text(element.tail, pre=pre)
        return
    if tag in _VOID:
        out.add(f"<{tag}>")
        out.text(element.tail, pre=pre)
        return
    kept = tag in _KEEP  # else unwrapped: inline, unknown, or an empty element lxml gave children
    start, written = len(out.parts), out.written
    pre = pre or tag == "pre"
    if kept:
        out.add(f"<{tag}>")
    out.text(element.text, pre=pre)
    for child in element:
        if out.size > out.limit:
            break
        _write(child, out, pre=pre)
    if kept:
        out.add(f"</{tag}>")
        if out.written == written:
            out.undo(start)
    out.text(element.tail, pre=pre)


def text_markup(page_html: str, *, limit: int = MAX_MARKUP) -> str:
    """The page's text-bearing markup: allowed elements without attributes, and escaped text.

    Returns "" for a page with no HTML (saved predictions scored without their pages).
    """
    if not page_html or not page_html.strip():
        return ""
    from lxml import etree
    from lxml.html import document_fromstring

    try:
        root = document_fromstring(page_html)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        return ""
    out = _Writer(limit)
    out.text(body.text, pre=False)
    for child in body:
        if out.size > limit:
            break
        _write(child, out, pre=False)
    markup = "".join(out.parts)
    if "<pre>" not in markup:  # spaces between blocks are not text (and would be text nodes)
        markup = _AROUND_BLOCKS.sub(r"\1", _SPACE.sub(" ", markup))
    return markup.strip()
