"""Shape helpers shared by the built-in adapters.

HTML to plain text, text re-cut into blank-line paragraphs, and the mapping
of extractor values (sentinels, dates, language codes) onto the fields of
``schemas/extraction.schema.json``. Everything here changes shape only: no
helper repairs what an extractor got wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import lxml.etree
import lxml.html

from ...core import RFC3339
from ..normalize import LANGUAGE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement

__all__ = [
    "absent",
    "blocks_as_paragraphs",
    "clean",
    "document_lang",
    "html_to_text",
    "join_paragraphs",
    "language_tag",
    "lines_as_paragraphs",
    "parse_html",
    "set_language",
    "set_timestamp",
]

_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

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

# Strings extractors use for "nothing found".
_SENTINELS = frozenset({"", "[no-title]", "[no-author]"})


def absent(value: object) -> bool:
    """Whether ``value`` is one of the extractors' "not found" values."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in _SENTINELS
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value) == 0
    return False


def clean(value: object) -> str | None:
    """A string stripped of surrounding whitespace, or None for a sentinel or a non-string."""
    if not isinstance(value, str) or absent(value):
        return None
    return value.strip()


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


def document_lang(html: str) -> str | None:
    """The ``lang`` attribute of the page's ``<html>`` element, as written (stripped)."""
    root = parse_html(html)
    if root is None:
        return None
    tree_root = root.getroottree().getroot()
    if not isinstance(tree_root.tag, str) or tree_root.tag.lower() != "html":
        return None
    return clean(tree_root.get("lang"))


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
    root = parse_html(html)
    if root is None:
        return ""
    out = _Paragraphs()
    _walk(root, out, in_pre=False)
    out.flush()
    return "\n\n".join(out.paragraphs)


def join_paragraphs(paragraphs: Iterable[str]) -> str | None:
    """Whitespace-folded, non-empty paragraphs joined by a blank line; None when there are none."""
    kept = [_SPACE.sub(" ", paragraph).strip() for paragraph in paragraphs]
    body = "\n\n".join(paragraph for paragraph in kept if paragraph)
    return body or None


def lines_as_paragraphs(text: str | None) -> str | None:
    """Re-cut text whose paragraphs are single lines (trafilatura, boilerpy3, resiliparse)."""
    if not text:
        return None
    return join_paragraphs(text.splitlines())


def blocks_as_paragraphs(text: str | None) -> str | None:
    """Re-cut text whose paragraphs are already separated by blank lines (newspaper4k, goose3).

    A single newline inside a paragraph (from a ``<br>`` or a list) stays;
    spaces fold and each line is stripped.
    """
    if not text:
        return None
    paragraphs = []
    for block in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) or None


def _iso(value: object) -> tuple[str | None, str | None]:
    """(ISO string or None, raw string worth keeping or None) for a date value."""
    if isinstance(value, (dt.datetime, dt.date)):
        # isoformat keeps a naive value naive and an aware one at its own offset.
        iso = value.isoformat()
        return (iso, None) if RFC3339.fullmatch(iso) else (None, iso)
    if isinstance(value, str):
        if absent(value):
            return None, None
        stripped = value.strip()
        if RFC3339.fullmatch(stripped):
            return stripped, (value if stripped != value else None)
        return None, value
    if value is None:
        return None, None
    return None, repr(value)


def set_timestamp(result: dict[str, object], extra: dict[str, object], field: str, value: object) -> None:
    """Put a datetime, date or date string into ``result[field]``.

    A value the schema cannot hold (``"41 minutes ago"``, ``"Oct 19, 2024"``)
    leaves the field None and is kept verbatim in ``extra[f"{field}_raw"]``,
    where the date checks read it.
    """
    iso, raw = _iso(value)
    result[field] = iso
    if raw is not None:
        extra[f"{field}_raw"] = raw


def language_tag(value: object) -> str | None:
    """``value`` stripped if it is a language tag the schema accepts, else None."""
    text = clean(value)
    return text if text is not None and LANGUAGE.fullmatch(text) else None


def set_language(result: dict[str, object], extra: dict[str, object], value: object) -> None:
    """Put a language code into ``result["language"]``; keep any other string in ``extra``."""
    result["language"] = language_tag(value)
    if result["language"] is None and clean(value) is not None:
        extra["language_raw"] = value
