"""Adapter for Resiliparse's ``extract_plain_text`` in main-content mode, plus the <title>."""

from __future__ import annotations

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from .shape import Raw, lines_as_paragraphs, set_title


def read(html: str, url: str) -> Raw[str]:
    """Run Resiliparse on ``html``; the main text, and the <title> untouched."""
    tree = HTMLTree.parse(html)
    # Every option is given: main_content defaults to False (the whole page),
    # alt_texts to True (image alt text in the body) and comments to True
    # (comment sections count as main content).
    text = extract_plain_text(
        tree,
        preserve_formatting=True,  # blocks on their own lines, not one long line
        main_content=True,
        list_bullets=True,
        alt_texts=False,
        links=False,
        form_fields=False,
        noscript=False,
        comments=False,
        post_meta=True,
        hidden_elements=False,
        skip_elements=None,
    )
    return Raw(text, title=tree.title)


def convert(raw: Raw[str]) -> dict[str, object]:
    """Map title and main text onto the extraction shape."""
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_title(result, extra, raw.title)
    # With preserve_formatting, blocks are separated by a blank line, but list
    # items, <br> lines and some block changes by a single newline: every
    # line is taken as a paragraph, the way the text-line extractors are read.
    result["body"] = lines_as_paragraphs(raw.source)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run Resiliparse on ``html`` and map title and main text onto the extraction shape."""
    return convert(read(html, url))
