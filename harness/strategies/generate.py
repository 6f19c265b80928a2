"""Rendering generated news pages from explicit choices, with their truth.

:mod:`harness.strategies` draws the choices; this module turns them into
HTML and an expectation document. Every form here is one a real site uses;
each states exactly what the right extraction of it is.
"""

from __future__ import annotations

import html
import json
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "BYLINE_FORMS",
    "DATE_FORMS",
    "DECOY_KINDS",
    "LAYOUTS",
    "Byline",
    "Dateline",
    "PageSpec",
    "Rendered",
    "Widget",
    "render",
    "zone_of",
]

BYLINE_FORMS = (
    "by", "by_and", "by_list", "upper_agency", "pipe_agency", "role", "rel_author", "von", "por", "par",
    "jsonld_only", "jsonld_type_list", "meta_only", "written_by",
)  # fmt: skip
DATE_FORMS = (
    "time_element", "us_numeric", "day_first", "month_name_abbr", "uk_long", "german", "spanish", "french",
    "weekday_24h", "updated_pair", "relative", "meta_only", "jsonld_only", "iso_visible", "date_only",
    "dotted_24h",
)  # fmt: skip
DECOY_KINDS = ("related", "sponsored", "paid", "newsletter", "caption", "comments", "cookie")
LAYOUTS = ("cms", "syndicated", "amp", "liveblog", "paywall", "index")

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}  # fmt: skip
_JOINERS = {"von": " und ", "por": " y ", "par": " et "}
_PREFIX = {"von": "Von", "por": "Por", "par": "Par"}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _listed(names: tuple[str, ...], joiner: str = " and ") -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + joiner + names[-1]


@dataclass(frozen=True)
class Byline:
    """Who wrote it, and how the page says so."""

    form: str
    people: tuple[str, ...]
    agency: str | None = None

    def visible(self) -> str:
        """The byline as the page shows it ('' when it is only in metadata)."""
        people = self.people
        if self.form in ("jsonld_only", "jsonld_type_list", "meta_only"):
            return ""
        if self.form == "rel_author":
            links = [f'<a rel="author" href="/staff/{i}">{_e(n)}</a>' for i, n in enumerate(people)]
            return f'<p class="byline">By {_listed(tuple(links))}</p>'
        if self.form == "role":
            parts = [
                f'<span class="author-name">{_e(n)}</span>, <span class="role">Staff Writer</span>' for n in people
            ]
            return f'<div class="byline">{"; ".join(parts)}</div>'
        if self.form in _JOINERS:
            text = f"{_PREFIX[self.form]} {_listed(people, _JOINERS[self.form])}"
        elif self.form == "upper_agency":
            text = f"BY {_listed(people, ' AND ')}".upper() + (f", {self.agency.upper()}" if self.agency else "")
        elif self.form == "pipe_agency":
            text = f"By {_listed(people)}" + (f" | {self.agency}" if self.agency else "")
        elif self.form == "written_by":
            text = f"Written by {_listed(people)}"
        else:
            text = f"By {_listed(people)}"
        return f'<p class="byline">{_e(text)}</p>'

    def jsonld(self) -> list[dict[str, Any]]:
        """JSON-LD author entries (the agency as an Organization)."""
        kind: Any = ["Person"] if self.form == "jsonld_type_list" else "Person"
        entries = [{"@type": kind, "name": n} for n in self.people]
        if self.agency:
            entries.append({"@type": "Organization", "name": self.agency})
        return entries

    def meta(self) -> str | None:
        """``<meta name="author">`` content, for the meta-only form."""
        return ", ".join(self.people) if self.form == "meta_only" else None


def _ampm(moment: dt.datetime, dots: bool = False) -> str:
    hour = moment.hour % 12 or 12
    suffix = ("a.m." if moment.hour < 12 else "p.m.") if dots else ("AM" if moment.hour < 12 else "PM")
    return f"{hour}:{moment.minute:02d} {suffix}"


@dataclass(frozen=True)
class Dateline:
    """When it was published (and updated), and how the page says so."""

    form: str
    published: dt.datetime  # aware, in the site's zone
    modified: dt.datetime | None = None

    @property
    def zone(self) -> str:
        return str(self.published.tzinfo)

    def has_time(self) -> bool:
        """Whether the page states a time of day (visibly or in metadata)."""
        return self.form != "date_only"

    def truth(self) -> tuple[str, str | None]:
        """The true published and modified values, as expected.schema.json writes them."""
        published = self.published.isoformat() if self.has_time() else self.published.date().isoformat()
        modified = self.modified.isoformat() if self.modified is not None else None
        return published, modified

    def visible(self, captured: dt.datetime) -> str:
        p = self.published
        month = _MONTHS["en"][p.month - 1]
        zone = p.tzname() or ""
        iso = p.isoformat()
        forms = {
            "time_element": f'<time class="published" datetime="{iso}">{month} {p.day}, {p.year}</time>',
            "us_numeric": f'<span class="date">{p:%m/%d/%Y} {_ampm(p)} {zone}</span>',
            "day_first": f'<span class="date">{p:%d/%m/%Y %H:%M} {zone}</span>',
            "month_name_abbr": f'<span class="date">{month} {p.day}, {p.year} at {_ampm(p, True)} {zone}</span>',
            "uk_long": f'<span class="date">{p.day} {month} {p.year}, {p:%H:%M} {zone}</span>',
            "german": f'<span class="date">Veröffentlicht am {p.day}. {_MONTHS["de"][p.month - 1]} {p.year}, '
            f"{p:%H:%M} Uhr</span>",
            "spanish": f'<span class="date">{p.day} de {_MONTHS["es"][p.month - 1]} de {p.year}, {p:%H:%M} '
            f"({zone})</span>",
            "french": f'<span class="date">Publié le {p.day} {_MONTHS["fr"][p.month - 1]} {p.year} à '
            f"{p.hour}h{p.minute:02d}</span>",
            "weekday_24h": f'<span class="date">Published: {p:%a} {p.day} {month[:3]} {p.year} {p:%H.%M} {zone}</span>',
            "relative": f'<time class="ago" datetime="{iso}" title="{iso}">{_ago(captured - p)}</time>',
            "meta_only": "",
            "jsonld_only": "",
            "iso_visible": f'<span class="date">{iso}</span>',
            "date_only": f'<span class="date">{month} {p.day}, {p.year}</span>',
            "dotted_24h": f'<span class="date">{p:%H:%M}, {p.day}.{p.month}.{p.year} ({zone})</span>',
        }
        if self.form == "updated_pair" and self.modified is not None:
            m = self.modified
            return (
                f'<div class="updated"><strong>Updated {_ampm(m, True)} {m.tzname()} '
                f"{_MONTHS['en'][m.month - 1]} {m.day}, {m.year}</strong></div>"
                f'<p class="published-small">Published <time datetime="{iso}">{_ampm(p, True)} {zone} '
                f"{month} {p.day}, {p.year}</time></p>"
            )
        return forms.get(self.form, forms["time_element"])

    def meta(self) -> list[tuple[str, str]]:
        out = []
        if self.form in ("meta_only", "updated_pair"):
            out.append(("article:published_time", self.published.isoformat()))
            if self.modified is not None:
                out.append(("article:modified_time", self.modified.isoformat()))
        return out

    def jsonld(self) -> dict[str, str]:
        out = {"datePublished": self.published.isoformat()} if self.form == "jsonld_only" else {}
        if self.form == "jsonld_only" and self.modified is not None:
            out["dateModified"] = self.modified.isoformat()
        return out


def _ago(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} minutes ago"
    if minutes < 60 * 24:
        return f"{minutes // 60} hours ago"
    return f"{minutes // (60 * 24)} days ago"


@dataclass(frozen=True)
class Widget:
    """Something around the article that must stay out of it: a teaser, an ad, a banner.

    Not the model's :class:`~harness.core.Decoy`, which is a decoy date in a truth.
    """

    kind: str
    headline: str
    names: tuple[str, ...] = ()
    moment: dt.datetime | None = None
    inside: bool = False  # inside the article container (as Taboola and paid cards often are)
    before: bool = False  # above the article (a "Latest" bar, a cookie banner), else after it


@dataclass(frozen=True)
class PageSpec:
    """Every choice a generated page is made of."""

    layout: str
    site: tuple[str, str]
    title: str
    paragraphs: tuple[str, ...]
    byline: Byline
    dateline: Dateline
    captured: dt.datetime
    decoys: tuple[Widget, ...] = ()
    slug: str = "story"
    language: str = "en"
    dated_url: bool = False
    #: The first paragraph opens with a drop cap, <span class="dropcap">T</span>he…: the reader sees "The".
    drop_cap: bool = False


@dataclass
class Rendered:
    """A generated page: its URL, HTML and expectation document."""

    url: str
    html: str
    truth: dict[str, Any] = field(default_factory=dict)


def _decoy_html(decoy: Widget, captured: dt.datetime, truth: dict[str, Any]) -> str:
    snippets = truth.setdefault("must_not_contain", [])
    decoy_authors = truth.setdefault("decoys", {}).setdefault("authors", [])
    decoy_dates = truth["decoys"].setdefault("dates", [])
    head = _e(decoy.headline)
    if decoy.kind == "related":
        when = decoy.moment or captured
        ago = _ago(captured - when)
        decoy_dates.append({"text": ago, "value": when.isoformat(), "source": "a related teaser"})
        decoy_authors.extend(n for n in decoy.names if n not in decoy_authors)
        snippets.append({"text": decoy.headline, "kind": "related"})
        by = _e(_listed(decoy.names))
        return (
            f'<aside class="related"><h3>More News</h3><div class="teaser"><h4><a href="/news/teaser">{head}</a></h4>'
            f'<span class="teaser-byline">{by}</span> <time class="teaser-time">{ago}</time></div></aside>'
        )
    if decoy.kind == "sponsored":
        advertiser = _e(decoy.names[0] if decoy.names else "Sponsor")
        snippets.append({"text": decoy.headline, "kind": "sponsored"})
        return (
            f'<div class="trc_related_container" data-widget="taboola"><span class="trc_header">Sponsored Links</span>'
            f'<div class="trc_item"><a href="https://ads.invalid/c">{head}</a>'
            f'<span class="branding">{advertiser}</span></div></div>'
        )
    if decoy.kind == "paid":
        snippets.append({"text": decoy.headline, "kind": "sponsored"})
        sponsor = _e(decoy.names[0] if decoy.names else "Partner")
        return (
            f'<div class="partner-card"><span class="label">Paid content</span><h4>{head}</h4>'
            f"<p>Presented by {sponsor}</p></div>"
        )
    if decoy.kind == "newsletter":
        snippets.append({"text": decoy.headline, "kind": "newsletter"})
        return (
            f'<div class="newsletter-signup"><h4>{head}</h4><form><input type="email" placeholder="Email">'
            "<button>Subscribe</button></form></div>"
        )
    if decoy.kind == "caption":
        credit = _e(decoy.names[0] if decoy.names else "Staff")
        snippets.append({"text": decoy.headline, "kind": "caption"})
        decoy_authors.extend(n for n in decoy.names if n not in decoy_authors)
        return (
            f'<figure><img src="/img/photo.jpg" alt=""><figcaption>{head} '
            f'<span class="credit">(Photo: {credit})</span></figcaption></figure>'
        )
    if decoy.kind == "comments":
        snippets.append({"text": decoy.headline, "kind": "comments"})
        when = decoy.moment or captured
        decoy_dates.append({"text": f"{when:%m/%d/%Y}", "value": when.date().isoformat(), "source": "a comment"})
        who = _e(decoy.names[0] if decoy.names else "reader")
        return (
            f'<section class="comments"><h3>Comments</h3><div class="comment"><span class="comment-author">{who}</span>'
            f' <span class="comment-date">{when:%m/%d/%Y}</span><p>{head}</p></div></section>'
        )
    snippets.append({"text": decoy.headline, "kind": "cookie"})
    return f'<div id="cookie-banner" class="cookie-consent"><p>{head}</p><button>Accept all</button></div>'


def _drop_cap(paragraph: str) -> str:
    """``paragraph`` as HTML, its first letter in a drop cap when its first word has two letters or more."""
    if len(paragraph) < 2 or not (paragraph[0].isalpha() and paragraph[1].isalpha()):
        return _e(paragraph)
    return f'<span class="dropcap">{_e(paragraph[0])}</span>{_e(paragraph[1:])}'


def render(spec: PageSpec) -> Rendered:
    """The page's HTML and its expectation document (valid under expected.schema.json)."""
    site_name, host = spec.site
    captured = spec.captured
    dated = f"{spec.dateline.published:%Y/%m/%d}/" if spec.dated_url else ""
    url = f"https://www.{host}.example/news/{dated}{spec.slug}"
    article = spec.layout != "index"
    published, modified = spec.dateline.truth()
    truth: dict[str, Any] = {
        "url": url,
        "captured_at": captured.isoformat(),
        "timezone": spec.dateline.zone,
        "site_name": site_name,
        "language": spec.language,
        "is_article": article,
    }
    paragraphs = list(spec.paragraphs)
    if spec.layout == "paywall":
        paragraphs = paragraphs[:2]
        truth["free_access"] = False  # a reader without a subscription sees these two paragraphs only
    if article:
        truth.update({
            "title": spec.title,
            "authors": list(spec.byline.people),
            "organizations": [spec.byline.agency] if spec.byline.agency else [],
            "published": published,
            "modified": modified,
            "body": "\n\n".join(paragraphs),
            "must_contain": [paragraphs[0][:60].rsplit(" ", 1)[0], paragraphs[-1][:60].rsplit(" ", 1)[0]],
        })  # fmt: skip
    else:
        truth.update({"title": spec.title, "authors": [], "published": None, "modified": None, "body": None})
    outside: list[str] = []
    inside: list[str] = []
    above: list[str] = []
    for decoy in spec.decoys:
        rendered = _decoy_html(decoy, captured, truth)
        if decoy.inside and article:
            inside.append(rendered)
        elif decoy.before:
            above.append(rendered)
        else:
            outside.append(rendered)
    if "decoys" in truth:
        truth["decoys"]["authors"] = [a for a in truth["decoys"].get("authors", []) if a not in spec.byline.people]
        if not truth["decoys"]["authors"]:
            del truth["decoys"]["authors"]
    head = [
        f"<title>{_e(spec.title)} | {_e(site_name)}</title>",
        f'<meta property="og:site_name" content="{_e(site_name)}">',
    ]
    if spec.layout != "syndicated":
        head.append(f'<meta property="og:title" content="{_e(spec.title)}">')
    for prop, value in spec.dateline.meta():
        head.append(f'<meta property="{prop}" content="{value}">')
    if spec.byline.meta():
        head.append(f'<meta name="author" content="{_e(spec.byline.meta() or "")}">')
    if article and (spec.layout in ("cms", "amp", "liveblog", "paywall") or spec.byline.form.startswith("jsonld")
                    or spec.dateline.form == "jsonld_only"):  # fmt: skip
        kind = {"liveblog": "LiveBlogPosting"}.get(spec.layout, "NewsArticle")
        document: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "headline": spec.title}
        if spec.layout != "syndicated" or spec.byline.form.startswith("jsonld"):
            document["author"] = spec.byline.jsonld()
        document.update(spec.dateline.jsonld())
        if spec.layout == "paywall":
            document["isAccessibleForFree"] = False
        head.append(f'<script type="application/ld+json">{json.dumps(document, ensure_ascii=False)}</script>')
    html_tag = '<html lang="{0}" amp>' if spec.layout == "amp" else '<html lang="{0}">'
    body_parts = [f'<header class="site-header"><a href="/">{_e(site_name)}</a><nav><a href="/news">News</a> '
                  '<a href="/sports">Sports</a> <a href="/weather">Weather</a></nav></header>']  # fmt: skip
    body_parts.extend(above)
    if spec.layout == "index":
        body_parts.append(f"<main><h1>{_e(spec.title)}</h1>{''.join(outside)}</main>")
    else:
        content: list[str] = []
        for number, paragraph in enumerate(paragraphs):
            content.append(f"<p>{_drop_cap(paragraph) if number == 0 and spec.drop_cap else _e(paragraph)}</p>")
            # The first in-article widget after the second paragraph (the first, on a two-paragraph teaser), as
            # regional sites place a newsletter box or an ad: a body cut there has its start and lacks its end.
            if number == min(1, len(paragraphs) - 2) and inside:
                content.append(inside[0])
        content.extend(inside[1:])
        if spec.layout == "paywall":
            content.append('<div class="paywall"><h3>Subscribe to continue reading</h3>'
                           "<p>Get unlimited access for $1 a week.</p>"
                           '<p>Already a subscriber? <a href="/login">Log in</a></p></div>')  # fmt: skip
            truth["must_not_contain"] = [
                *truth.get("must_not_contain", []),
                {"text": "Subscribe to continue reading", "kind": "paywall"},
                {"text": "Get unlimited access for $1 a week.", "kind": "paywall"},
            ]
        live = '<span class="live-badge">Live</span>' if spec.layout == "liveblog" else ""
        body_parts.append(
            f'<main><article class="story">{live}<h1 class="headline">{_e(spec.title)}</h1>'
            f"{spec.byline.visible()}{spec.dateline.visible(captured)}"
            f'<div class="story-body">{"".join(content)}</div></article>{"".join(outside)}</main>'
        )
    body_parts.append(f"<footer><p>© {captured.year} {_e(site_name)}. All rights reserved.</p></footer>")
    truth.setdefault("decoys", {}).setdefault("dates", []).append(
        {"text": f"© {captured.year}", "source": "the copyright line"}
    )
    page = (
        "<!DOCTYPE html>" + html_tag.format(spec.language) + f'<head><meta charset="utf-8">{"".join(head)}</head>'
        f"<body>{''.join(body_parts)}</body></html>"
    )
    truth["tags"] = [spec.layout, f"byline:{spec.byline.form}", f"date:{spec.dateline.form}",
                     *(f"decoy:{d.kind}" for d in spec.decoys), *(["drop-cap"] if spec.drop_cap else [])]  # fmt: skip
    return Rendered(url, page, truth)


def zone_of(name: str) -> dt.tzinfo:
    """A site timezone by IANA name."""
    return zoneinfo.ZoneInfo(name)
