"""A site-specific scraper for KSL TV article pages (lxml and CSS selectors).

It is the kind of scraper a newsroom maintains for one site; news-harness
tests it on recorded pages of that site (see README.md).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from lxml import html as lxml_html

SITE_ZONE = zoneinfo.ZoneInfo("America/Denver")  # KSL prints local times with no zone
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_JOIN = re.compile(r",\s*|\s+and\s+", re.IGNORECASE)
_AGENCIES = {"cnn", "associated press", "ap", "reuters", "cnn newsource"}

fields = {"title", "authors", "published", "modified", "body"}


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _authors(byline: str) -> list[str]:
    """'BY A, B AND C, CNN' -> ['A', 'B', 'C']: the agency is an organization, not an author."""
    names = [name.strip() for name in _JOIN.split(_BY.sub("", byline)) if name.strip()]
    return [name for name in names if name.casefold() not in _AGENCIES]


def _published(text: str) -> dt.datetime | None:
    try:
        naive = dt.datetime.strptime(text.strip(), "%b %d, %Y, %I:%M %p")
    except ValueError:
        return None
    return naive.replace(tzinfo=SITE_ZONE)


def _updated(text: str, published: dt.datetime | None) -> dt.datetime | None:
    """'Updated: 7:39 pm' names a time on the publication day."""
    match = re.search(r"(\d{1,2}:\d{2}\s*[ap]m)", text, re.IGNORECASE)
    if not match or published is None:
        return None
    clock = dt.datetime.strptime(match.group(1).upper().replace(" ", ""), "%I:%M%p").time()
    return dt.datetime.combine(published.date(), clock, tzinfo=SITE_ZONE)


def extract(html: str, url: str) -> dict[str, object]:
    """The article's title, authors, dates and body; nothing from the rails around it."""
    tree = lxml_html.fromstring(html)
    article = tree.cssselect("article")[0]
    title = article.cssselect("h1.entry-title")
    byline = article.cssselect(".entry-byline .byline")
    published_node = article.cssselect(".entry-dates__published")
    updated_node = article.cssselect(".entry-dates__updated")
    published = _published(_text(published_node[0])) if published_node else None
    modified = _updated(_text(updated_node[0]), published) if updated_node else None
    paragraphs = [_text(node) for node in article.cssselect(".entry-content > p, .entry-content > h2") if _text(node)]
    return {
        "title": _text(title[0]) if title else None,
        "authors": _authors(_text(byline[0])) if byline else [],
        "published": published.isoformat() if published else None,
        "modified": modified.isoformat() if modified else None,
        "body": "\n\n".join(paragraphs) or None,
    }
