"""Metamorphic mutations of a recorded page, each stating how the truth changes.

A mutation changes the page in a way a real site does (a new ad widget, a
redesign that renames classes, a CMS that drops its JSON-LD) and says what
the right extraction of the new page is. Most leave the truth unchanged;
stripping or breaking JSON-LD makes the fields that may have lived only
there silent.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import html as html_module
import random
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..core import Fixture, contains, fold, parse_stamp, zone
from ..fixtures import expectation_from_dict, interaction, page_from_interactions

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MUTATIONS", "Mutated", "mutate"]

_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_ARTICLE_END = re.compile(r"</article\s*>", re.IGNORECASE)
_CLASS = re.compile(r'\b(class|id)\s*=\s*("[^"]*"|\'[^\']*\')', re.IGNORECASE)
_JSONLD = re.compile(r'<script[^>]*type\s*=\s*["\']application/ld\+json["\'][^>]*>(.*?)</script>', re.IGNORECASE | re.S)
_META_CHARSET = re.compile(r"<meta[^>]+charset[^>]*>", re.IGNORECASE)
_TAG_GAP = re.compile(r">(\s*)<")


@dataclass(frozen=True)
class Mutated:
    """A mutated fixture, the mutation's name, and how its truth changed."""

    mutation: str
    fixture: Fixture
    truth_change: str
    original: Fixture = field(repr=False)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(
            f"Mutated({self.mutation!r}, of={self.original.name!r}, seed-dependent page {self.fixture.page.url!r})"
        )


def _after_article(html: str, block: str) -> str:
    """``block`` after the article (or before </body>): outside the story, as rails are."""
    for pattern in (_ARTICLE_END, _BODY_END):
        match = pattern.search(html)
        if match:
            at = match.end() if pattern is _ARTICLE_END else match.start()
            return html[:at] + block + html[at:]
    return html + block


@dataclass
class _Draft:
    """A page being mutated: its HTML and truth (a copy), and what a mutation may draw on."""

    html: str
    truth: dict[str, Any]
    rng: random.Random
    captured: dt.datetime
    token: str
    seed: int
    #: Response headers the mutation sets on the page's final response (by name, replacing any of that name).
    headers: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, value: Any) -> None:
        self.truth.setdefault(key, []).append(value)

    def add_decoys(self, kind: str, values: list[Any]) -> None:
        decoys = dict(self.truth.get("decoys", {}))
        decoys[kind] = [*decoys.get(kind, []), *values]
        self.truth["decoys"] = decoys


def _inject_sponsored(page: _Draft) -> str:
    headline = f"Homeowners in {page.rng.choice(['Ohio', 'Utah', 'Kent', 'Texas'])} are switching plans ({page.token})"
    page.html = _after_article(page.html, (
        '<div class="OUTBRAIN" data-widget-id="AR_1"><span class="ob_what">Promoted Links</span>'
        f'<a class="ob-dynamic-rec-link" href="https://ads.invalid/{page.token}">{headline}</a>'
        '<span class="ob-rec-source">Summit Windows</span></div>'
    ))  # fmt: skip
    page.add("must_not_contain", {"text": headline, "kind": "sponsored"})
    return "a sponsored snippet must not be extracted"


def _paywall_box(page: _Draft) -> str:
    # A subscription box after the story, as Piano and the CMS paywalls put one: the article is still whole.
    offer = f"Get unlimited digital access for $1 a week ({page.token})"
    title = page.rng.choice(["Subscribe to keep reading", "Subscribe to continue reading"])
    page.html = _after_article(page.html, (
        f'<div class="paywall-box" id="paywall-{page.token}"><h3 class="paywall-box__title">{title}</h3>'
        f'<p class="paywall-box__offer">{offer}</p><a class="paywall-box__cta" href="/subscribe/">Subscribe now</a>'
        '<p class="paywall-box__login">Already a subscriber? <a href="/login/">Log in</a></p></div>'
    ))  # fmt: skip
    page.add("must_not_contain", {"text": offer, "kind": "paywall"})
    if not contains(page.truth.get("body") or "", title):
        page.add("must_not_contain", {"text": title, "kind": "paywall"})
    return "a paywall box's text must not be extracted; the body is unchanged"


def _inject_related(page: _Draft) -> str:
    headline = f"Ferry service resumes after repairs ({page.token})"
    person = page.rng.choice(["Lena Hoffmann", "Carlos Medina", "Grace Adeyemi"])
    minutes = page.rng.randint(5, 600)
    page.html = _after_article(page.html, (
        f'<aside class="related"><h3>Latest</h3><article class="teaser"><h2>{headline}</h2>'
        f'<span class="author">By {person}</span> <time>{minutes} minutes ago</time></article></aside>'
    ))  # fmt: skip
    page.add("must_not_contain", {"text": headline, "kind": "related"})
    when = (page.captured - dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    page.add_decoys("authors", [person])
    page.add_decoys("dates", [{"text": f"{minutes} minutes ago", "value": when.isoformat(),
                               "source": "an injected related teaser"}])  # fmt: skip
    return "a related teaser's headline, byline and time are decoys"


#: A paragraph of the page and a tag in it, for placing a break between two article paragraphs.
_ARTICLE_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p\s*>", re.IGNORECASE | re.S)
_MARKUP = re.compile(r"<[^>]*>")


def _read_more_break(page: _Draft) -> str:
    # Between two paragraphs of the article, as regional sites place a newsletter box or a "Read more" teaser.
    body = page.truth.get("body") or ""
    ends = []
    for match in _ARTICLE_PARAGRAPH.finditer(page.html):
        text = html_module.unescape(_MARKUP.sub("", match.group(1))).strip()
        if len(text) >= 20 and contains(body, text):
            ends.append(match.end())
    if len(ends) < 2:
        return "no two article paragraphs found to put a break between: the page is unchanged"
    at = page.rng.choice(ends[:-1])
    if page.rng.random() < 0.5:
        text, kind = f"Sign up for our morning newsletter ({page.token})", "newsletter"
        block = (f'<div class="newsletter-inline"><p class="newsletter-inline__title">{text}</p>'
                 '<form action="/newsletters"><input type="email" placeholder="Email address">'
                 "<button>Sign up</button></form></div>")  # fmt: skip
    else:
        text, kind = f"Council budget vote delayed again ({page.token})", "related"
        block = f'<aside class="read-more"><strong>Read more:</strong> <a href="/news/{page.token}">{text}</a></aside>'
    page.html = page.html[:at] + block + page.html[at:]
    page.add("must_not_contain", {"text": text, "kind": kind})
    what = "a newsletter box" if kind == "newsletter" else "a 'Read more' teaser"
    return f"{what} between two paragraphs of the article: the whole body is still the body, the break's text is not"


def _decoy_byline(page: _Draft) -> str:
    person = page.rng.choice(["Dana Whitcomb", "Oskar Lindgren", "Ana Beltrán"])
    page.html = _after_article(page.html, f'<div class="sidebar"><p class="byline">By {person}</p><p>Opinion</p></div>')
    page.add_decoys("authors", [person])
    return f"{person!r} is a decoy author"


def _decoy_date(page: _Draft) -> str:
    when = (page.captured - dt.timedelta(days=page.rng.randint(2, 400))).replace(second=0, microsecond=0)
    page.html = _after_article(
        page.html, f'<div class="sidebar"><time datetime="{when.isoformat()}">{when:%B %d, %Y}</time></div>'
    )
    page.add_decoys("dates", [{"text": f"{when:%B %d, %Y}", "value": when.date().isoformat(),
                               "source": "an injected sidebar date"}])  # fmt: skip
    return "a sidebar date is a decoy"


#: The labels a dated line starts with: an update (in the languages of the bundled and generated pages)
#: and a publication. A line is an element whose text holds one label and a digit (a day or a time).
_UPDATE_LABEL = re.compile(r"(?:last\s+)?(?:updated|actualizado|aktualisiert|mis\s+à\s+jour|atualizado|aggiornato)\b",
                           re.IGNORECASE)  # fmt: skip
_PUBLISHED_LABEL = re.compile(r"(?:published|posted|publicado|veröffentlicht|publié)\b", re.IGNORECASE)
#: A publication line told by its class alone ("entry-dates__published", "b-date--published", "published").
_PUBLISHED_CLASS = re.compile(r"(?:^|[-_])(?:published|posted|date-?published|pubdate)$", re.IGNORECASE)
#: An element with no element of its own tag inside it (a tempered match: nested ones are left out).
_LINE = re.compile(
    r"<(?P<tag>div|p|span|time|li)\b(?P<attrs>[^>]*)>(?P<inner>(?:(?!<(?P=tag)\b|</(?P=tag)\s*>).)*)</(?P=tag)\s*>",
    re.IGNORECASE | re.S,
)
_OPENING = re.compile(r"<(?:div|p|span|time|li)\b", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


def _dated_lines(html: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The page's first update line and first publication line (outermost first), each None when
    there is none; an update line never holds the publication line, nor the other way round."""
    updates: list[re.Match[str]] = []
    published = None
    for opening in _OPENING.finditer(html):
        line = _LINE.match(html, opening.start())
        if line is None:
            continue
        text = " ".join(_TAGS.sub(" ", line["inner"]).split())
        if not any(c.isdigit() for c in text):
            continue
        classes = " ".join(re.findall(r'class\s*=\s*["\']([^"\']*)', line["attrs"], re.IGNORECASE)).split()
        if _UPDATE_LABEL.match(text) and not _PUBLISHED_LABEL.search(text):
            updates.append(line)
        elif (
            published is None
            and (_PUBLISHED_LABEL.match(text) or any(_PUBLISHED_CLASS.search(token) for token in classes))
            and not _UPDATE_LABEL.search(text)
        ):
            published = line
    if published is None:
        return (updates[0] if updates else None), None
    apart = [u for u in updates if u.end() <= published.start() or u.start() >= published.end()]
    return (apart[0] if apart else None), published


def _update_text(modified: Any, timezone: Any) -> str | None:
    """The true modified time as an "Updated" line says it, in the site's zone (None for no time)."""
    stamp = parse_stamp(modified) if isinstance(modified, str) else None
    if stamp is None:
        return None
    if not isinstance(stamp.value, dt.datetime):
        return f"Updated {stamp.value:%B} {stamp.value.day}, {stamp.value.year}"
    moment = stamp.value
    if stamp.kind == "aware" and isinstance(timezone, str):
        moment = moment.astimezone(zone(timezone))
    clock = f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return f"Updated {moment:%B} {moment.day}, {moment.year} {clock} {moment.tzname() or ''}".rstrip()


def _move_update_line(page: _Draft) -> str:
    update, published = _dated_lines(page.html)
    if published is None:
        return "no publication line found: the page is unchanged"
    html = page.html
    if update is not None:
        if update.start() < published.start():
            return "the update line is already above the publication line: the page is unchanged"
        line = update.group()
        page.html = (
            html[: published.start()] + line + " " + html[published.start() : update.start()] + html[update.end() :]
        )
        return "the update line moved above the publication line: the truth is unchanged"
    modified, true_published = page.truth.get("modified"), page.truth.get("published")
    said = _update_text(modified, page.truth.get("timezone"))
    same = said is not None and said == _update_text(true_published, page.truth.get("timezone"))
    if said is None or same:
        return "no update line and no modified time apart from the publication: the page is unchanged"
    line = f'<div class="updated">{said}</div>'
    page.html = html[: published.start()] + line + html[published.start() :]
    return f"{said!r} (the true modified time) added above the publication line: the truth is unchanged"


def _reformat_date(page: _Draft) -> str:
    published = page.truth.get("published")
    stamp = parse_stamp(published) if isinstance(published, str) else None
    if (
        stamp is None
        or not isinstance(stamp.value, dt.datetime)
        or stamp.kind != "aware"
        or stamp.text not in page.html
    ):
        return "no machine-readable publication time to rewrite: the page is unchanged"
    other = page.rng.choice(["UTC", "Asia/Tokyo", "America/Los_Angeles", "+05:30"])
    page.html = page.html.replace(stamp.text, stamp.value.astimezone(zone(other)).isoformat())
    return f"the machine-readable publication time is written in {other}: the same instant"


def _rename_classes(page: _Draft) -> str:
    def opaque(match: re.Match[str]) -> str:
        value = match.group(2)[1:-1]
        hashed = " ".join("c" + hashlib.sha1(f"{part}{page.seed}".encode()).hexdigest()[:7] for part in value.split())
        return f'{match.group(1)}="{hashed}"'

    page.html = _CLASS.sub(opaque, page.html)
    return "class names and ids are opaque hashes: the truth is unchanged"


def _transcode(page: _Draft) -> str:
    charset = page.rng.choice(["windows-1252", "iso-8859-1"])
    encoded = page.html.encode(charset, errors="xmlcharrefreplace").decode(charset)
    declaration = f'<meta charset="{charset}">'
    page.html = (
        _META_CHARSET.sub(declaration, encoded, count=1)
        if _META_CHARSET.search(encoded)
        else encoded.replace("<head>", f"<head>{declaration}", 1)
    )
    return f"declared {charset}; characters outside it become character references: the text is unchanged"


#: What declares a page's charset inside it: <meta charset>, <meta http-equiv> and an XML declaration's encoding.
_XML_ENCODING = re.compile(r"(<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']", re.IGNORECASE)
_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script\s*>)", re.IGNORECASE | re.S)


def _js_escape(char: str) -> str:
    """``char`` as a JSON and JavaScript string escape (a surrogate pair beyond the BMP)."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _reencode_undeclared(page: _Draft) -> str:
    # A site that serves windows-1252 or ISO-8859-1 and declares it in its Content-Type header only. Stored
    # as the recorder stores a page that is not UTF-8: the text its bytes decode to, declared UTF-8 (vcrpy
    # replays a text body as UTF-8), the site's charset kept in X-Harness-Original-Charset. As raw bytes with
    # no declaration left, the page would not decode (the decoder tries the header's charset, UTF-8, then
    # the <meta>). An extractor gets the same text, without its declaration.
    charset = page.rng.choice(["windows-1252", "iso-8859-1"])

    def fits(text: str, *, script: bool) -> str:
        # Characters the charset has not: character references in markup, \u escapes in scripts (JSON-LD
        # reads them back; a reference there would stay as it is).
        if script:
            return "".join(c if c.encode(charset, errors="ignore") else _js_escape(c) for c in text)
        return text.encode(charset, errors="xmlcharrefreplace").decode(charset)

    parts, at = [], 0
    for match in _SCRIPT.finditer(page.html):
        parts.append(fits(page.html[at : match.start(2)], script=False))
        parts.append(fits(match.group(2), script=True))
        at = match.end(2)
    parts.append(fits(page.html[at:], script=False))
    page.html = _XML_ENCODING.sub(r"\1", _META_CHARSET.sub("", "".join(parts)))
    page.headers["Content-Type"] = ["text/html; charset=utf-8"]
    page.headers["X-Harness-Original-Charset"] = [charset]
    return (
        f"served as {charset} with no charset declared in the page; characters outside it become references: "
        "the text is unchanged"
    )


#: The drop caps real sites put on an article's first letter: the form, and the markup around the initial.
_DROP_CAPS = {
    "span": ('<span class="dropcap">{initial}</span>', "{rest}"),
    "small_caps": ('<span class="dropcap">{initial}</span>', '<small class="lead-in">{word}</small>{after}'),
    "nested": ('<span class="drop-cap"><span class="drop-cap__inner">{initial}</span></span>', "{rest}"),
    # taz's markup: a space between the initial and the rest, which CSS hides (the initial floats).
    "spaced": ('<span class="initial-letter-outer"><span class="initial-letter">{initial}</span></span> ', "{rest}"),
}
_PARAGRAPH = re.compile(r"(<p\b[^>]*>)(.*?)(</p\s*>)", re.IGNORECASE | re.S)
_LEADING_WORD = re.compile(r"(\s*)([^\W\d_])(\w+)")


def _drop_cap(page: _Draft) -> str:
    # On the first paragraph of the article that opens with a word (one that opens with a dateline,
    # "(CNN) —", gets none, as on real sites).
    starts = {fold(paragraph)[:30] for paragraph in (page.truth.get("body") or "").split("\n\n")}
    for match in _PARAGRAPH.finditer(page.html):
        inner = match.group(2)
        text = html_module.unescape(re.sub(r"<[^>]*>", "", inner)).strip()
        word = _LEADING_WORD.match(inner)
        if len(text) < 20 or fold(text)[:30] not in starts or word is None:
            continue
        form = page.rng.choice(sorted(_DROP_CAPS))
        initial, rest = _DROP_CAPS[form]
        after = inner[word.end() :]
        cap = initial.format(initial=word.group(2))
        opened = word.group(1) + cap + rest.format(rest=word.group(3) + after, word=word.group(3), after=after)
        page.html = page.html[: match.start(2)] + opened + page.html[match.end(2) :]
        return (
            f"a drop cap on the first letter of an article paragraph ({form}: {cap}): the reader sees the word "
            "whole, the truth is unchanged"
        )
    return "no paragraph of the article opens with a word of two letters or more: the page is unchanged"


def _forget_metadata_fields(page: _Draft) -> str:
    for key in ("authors", "organizations", "published", "modified"):
        page.truth.pop(key, None)
    return "JSON-LD gone or broken: authors and dates may have lived only there, so they are not graded"


def _strip_jsonld(page: _Draft) -> str:
    page.html = _JSONLD.sub("", page.html)
    return _forget_metadata_fields(page)


def _corrupt_jsonld(page: _Draft) -> str:
    page.html = _JSONLD.sub(lambda m: m.group(0).replace(m.group(1), m.group(1).rstrip()[:-1] + ",}"), page.html)
    return _forget_metadata_fields(page)


def _comments_whitespace(page: _Draft) -> str:
    page.html = _TAG_GAP.sub(lambda m: f">{m.group(1)}\n  <!-- {page.token} -->\n\t<", page.html, count=40)
    return "comments and whitespace between tags: the truth is unchanged"


#: Each mutation by name: it changes the page in place and says how the truth changed.
_MUTATORS: dict[str, Callable[[_Draft], str]] = {
    "inject_sponsored": _inject_sponsored,
    "paywall_box": _paywall_box,
    "inject_related": _inject_related,
    "read_more_break": _read_more_break,
    "decoy_byline": _decoy_byline,
    "decoy_date": _decoy_date,
    "move_update_line": _move_update_line,
    "reformat_date": _reformat_date,
    "rename_classes": _rename_classes,
    "transcode": _transcode,
    "reencode_undeclared": _reencode_undeclared,
    "drop_cap": _drop_cap,
    "strip_jsonld": _strip_jsonld,
    "corrupt_jsonld": _corrupt_jsonld,
    "comments_whitespace": _comments_whitespace,
}
MUTATIONS = tuple(_MUTATORS)


def _rebuild(
    original: Fixture, html: str, truth: dict[str, Any], name: str, headers: dict[str, list[str]] | None = None
) -> Fixture:
    interactions = [dict(i) for i in original.page.interactions] or [interaction(original.page.url, html)]
    final = next((i for i in interactions if i["request"]["uri"] == original.page.url), interactions[-1])
    kept = {k: v for k, v in (final["response"].get("headers") or {}).items() if k.lower() not in
            {h.lower() for h in headers or {}}}  # fmt: skip
    final["response"] = {**final["response"], "body": {"string": html}, "headers": {**kept, **(headers or {})}}
    # An unknown capture time is read from the mutated page, as it was from the recorded one.
    expectation = expectation_from_dict(truth, source=f"<mutation {name}>", page_html=html)
    page = page_from_interactions(interactions, expectation.captured_at)
    return Fixture(f"{original.name}+{name}", page, expectation, cassette_path=None)


def mutate(fixture: Fixture, name: str, seed: int) -> Mutated:
    """Apply mutation ``name`` (with randomness from ``seed``) to ``fixture``.

    Raises:
        ValueError: ``name`` is not one of :data:`MUTATIONS`.
    """
    mutator = _MUTATORS.get(name)
    if mutator is None:
        msg = f"Unknown mutation {name!r}; known: {', '.join(MUTATIONS)}"
        raise ValueError(msg)
    page = _Draft(
        html=fixture.page.html,
        truth=copy.deepcopy(dict(fixture.expectation.raw)),  # never touch the recorded truth
        rng=random.Random(seed),
        captured=fixture.expectation.captured_at,
        token=hashlib.sha1(f"{name}{seed}".encode()).hexdigest()[:6],
        seed=seed,
    )
    change = mutator(page)
    mutated = _rebuild(fixture, page.html, page.truth, name, page.headers)
    return Mutated(name, replace(mutated, name=f"{fixture.name}+{name}"), change, fixture)
