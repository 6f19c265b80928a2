"""HTML as the harness reads it: one lenient parse, and the page's text in paragraphs.

Used by the adapters (readability's summary to text), the checks (what the
page shows) and the truth audit; nothing here repairs or judges anything.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import lxml.etree
import lxml.html

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["html_to_text", "meta_key", "parse_html", "tree_text"]

_SPACE = re.compile(r"\s+")

# Dropped with everything inside them (their tail text stays).
_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})
# Each starts and ends a paragraph; inline text directly inside one (a <div>
# holding bare text) becomes a paragraph of its own.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
_CELLS = frozenset({"td", "th"})


def parse_html(html: str) -> HtmlElement | None:
    """Parse a document or fragment with lxml; None when there is nothing to parse.

    The text is handed over as UTF-8 bytes with the encoding forced, because
    lxml refuses a ``str`` that carries an XML encoding declaration and would
    otherwise obey a ``<meta charset>`` that no longer describes the string.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root: HtmlElement = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except lxml.etree.ParserError:  # "Document is empty"
        return None
    return root


@functools.lru_cache(maxsize=8)
def shared_tree(html: str) -> HtmlElement | None:
    """:func:`parse_html` once per page, shared by every reader of the page in this process: the loader
    that dates a fixture from its page and the checks that grade it get the same tree. Read it, never
    change it."""
    return parse_html(html)


def meta_key(element: HtmlElement) -> str:
    """The name a ``<meta>`` goes by, lowercased: its property (Open Graph), else its name, else its itemprop."""
    return (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()


class _Paragraphs:
    """Collects text into paragraphs while an element tree is walked."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._pieces: list[str] = []

    def text(self, text: str | None, in_pre: bool) -> None:
        if not text:
            return
        if in_pre:
            # Inside <pre> a newline is a line break; other whitespace still folds.
            self._pieces.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        else:
            self._pieces.append(_SPACE.sub(" ", text))

    def line_break(self) -> None:
        self._pieces.append("\n")

    def flush(self) -> None:
        """End the current paragraph; an empty line inside it (``<br><br>``) splits it."""
        text = "".join(self._pieces)
        self._pieces = []
        lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
        current: list[str] = []
        for line in [*lines, ""]:
            if line:
                current.append(line)
            elif current:
                self.paragraphs.append("\n".join(current))
                current = []


def _walk(element: HtmlElement, out: _Paragraphs, in_pre: bool) -> None:
    # Recursion is safe: lxml's HTML parser (without huge_tree) stops nesting at depth 255.
    tag = element.tag
    name = tag.lower() if isinstance(tag, str) else ""  # comments and PIs have no str tag
    if not name or name in _DROPPED:
        pass
    elif name == "br":
        out.line_break()
    else:
        block = name in _BLOCKS
        pre = in_pre or name == "pre"
        if block:
            out.flush()
        out.text(element.text, pre)
        for child in element:
            _walk(child, out, pre)
        if block:
            out.flush()
        elif name in _CELLS:
            out.text(" ", pre)
    out.text(element.tail, in_pre)


def html_to_text(html: str) -> str:
    """Plain text of an HTML document or fragment, paragraphs separated by one blank line.

    Block elements (p, h1-h6, li, blockquote, pre, div, ...) start and end a
    paragraph; whitespace folds inside a paragraph; one ``<br>`` is a line
    break inside a paragraph, two or more in a row end it; ``<pre>`` keeps its
    line breaks; script, style, noscript, template and the head are dropped.
    Returns ``""`` when there is no text.
    """
    return tree_text(parse_html(html))


def tree_text(root: HtmlElement | None) -> str:
    """:func:`html_to_text` of a page already parsed (the tree is read, never changed).

    The walk above is the rule; :data:`_TEXT` is its fast form, run in libxslt
    over the tree in C (a Python walk is most of the cost of reading a page:
    issue 16), and gives the same text. The walk runs instead where the fast
    form cannot follow it: a root that is not an element, and a carriage
    return inside a ``<pre>`` (only a character reference leaves one in the
    tree: the parser turns the raw ones into newlines), which the walk turns
    into a line break by itself.
    """
    if root is None:
        return ""
    if isinstance(root.tag, str):
        # The stylesheet reads the element without its tail; the walk reads the tail as text outside <pre>.
        marked = str(_TEXT(root)) + (root.tail or "").replace("\n", " ").replace("\r", " ")
        if "\r" not in marked:
            return _paragraphs(marked)
    out = _Paragraphs()
    _walk(root, out, in_pre=False)
    out.flush()
    return "\n\n".join(out.paragraphs)


def _paragraphs(marked: str) -> str:
    """The text :data:`_TEXT` marked up (a newline for each line break, two for each paragraph's end),
    as :class:`_Paragraphs` gives it: each line's whitespace folded, paragraphs one blank line apart."""
    text = "\n".join(" ".join(line.split()) for line in marked.split("\n"))
    return _BLANK_LINES.sub("\n\n", text.strip("\n"))


_BLANK_LINES = re.compile(r"\n{3,}")


def _stylesheet() -> lxml.etree.XSLT:
    """:func:`_walk` as XSLT: each block ends the paragraph before and after it (two newlines), a
    ``<br>`` is a newline, a table cell is followed by a space, the dropped elements give nothing.
    Outside a ``<pre>`` a newline or carriage return in the text is a space (the walk folds it);
    inside (mode ``pre``) a newline is a line break. What is left (whitespace folded, paragraphs
    split) :func:`_paragraphs` does."""
    blocks = "|".join(sorted(_BLOCKS - {"pre"}))
    dropped = "|".join(sorted(_DROPPED))
    cells = "|".join(sorted(_CELLS))
    rules = []
    for mode in ("", ' mode="pre"'):
        rules += [
            f'<xsl:template match="{dropped}"{mode}/>',
            f'<xsl:template match="br"{mode}><xsl:text>&#10;</xsl:text></xsl:template>',
            f'<xsl:template match="{blocks}"{mode}><xsl:text>&#10;&#10;</xsl:text>'
            f"<xsl:apply-templates{mode}/><xsl:text>&#10;&#10;</xsl:text></xsl:template>",
            f'<xsl:template match="pre"{mode}><xsl:text>&#10;&#10;</xsl:text>'
            '<xsl:apply-templates mode="pre"/><xsl:text>&#10;&#10;</xsl:text></xsl:template>',
            f'<xsl:template match="{cells}"{mode}><xsl:apply-templates{mode}/><xsl:text> </xsl:text></xsl:template>',
        ]
    stylesheet = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
        <xsl:output method="text" encoding="utf-8"/>
        <xsl:template match="/"><xsl:apply-templates select="*"/></xsl:template>
        {"".join(rules)}
        <xsl:template match="*" mode="pre"><xsl:apply-templates mode="pre"/></xsl:template>
        <xsl:template match="text()"><xsl:value-of select="translate(., '&#10;&#13;', '  ')"/></xsl:template>
        <xsl:template match="text()" mode="pre"><xsl:value-of select="."/></xsl:template>
    </xsl:stylesheet>"""
    return lxml.etree.XSLT(lxml.etree.fromstring(stylesheet), access_control=lxml.etree.XSLTAccessControl.DENY_ALL)


#: The page's text marked up for :func:`_paragraphs`, made in one pass in C.
_TEXT = _stylesheet()
