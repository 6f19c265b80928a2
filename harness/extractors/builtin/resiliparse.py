"""Adapter for Resiliparse's ``extract_plain_text`` in main-content mode, plus the <title>."""

from __future__ import annotations

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from .shape import clean, lines_as_paragraphs


def extract(html: str, url: str) -> dict[str, object]:
    """Run Resiliparse on ``html`` and map title and main text onto the extraction shape."""
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
    return {
        "title": clean(tree.title),
        # With preserve_formatting, blocks are separated by a blank line, but list
        # items, <br> lines and some block changes by a single newline: every
        # line is taken as a paragraph, the way the text-line extractors are read.
        "body": lines_as_paragraphs(text),
    }
