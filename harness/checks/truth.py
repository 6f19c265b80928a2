"""The truth audit: each truth (expected.json) judged against its own page, before any extractor is.

A wrong truth makes every extractor look wrong on that page, so the audit
says where a truth disagrees with what its page states: a snippet the page
does not have, a body that is not the page's, an author or title the page
names nowhere, an organization listed as a person, a publication date the
page does not state or that is the page's modified time. An audit finding
that is itself wrong would defeat the point, so each rule only fires when
the page gives no reading under which the truth holds (the text, the
metadata, the page's source, every reasonable timezone), and each finding
names what the page says instead.

The extractor findings that rest on a doubted truth are marked with
:func:`harness.checks.mark_suspects` (``suspects.py``); ``check``, ``score`` and the pytest plugin show the mark.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..core import Stamp, contains, fold, name_key, parse_stamp, quoted, shingle_overlap
from .catalogue import make_finding
from .dates import day_readings
from .organizations import organizations_of
from .page import PageText, page_facts, search_key

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..core import Expectation, Finding, Fixture
    from .dates import DayReadings
    from .page import PageFacts, Stated

__all__ = [
    "AUDITOR",
    "BODY_FLOOR",
    "audit_fixture",
]

#: The name audit findings carry where an extractor's name would be.
AUDITOR = "truth"
#: Under this share of its paragraphs on the page, a true body is not the page's body.
BODY_FLOOR = 0.8
#: A paragraph the page shows with a few words more or less (a hidden "opens in a new window",
#: a footnote mark) still counts as shown when this share of its 4-token shingles is on the page.
_PARAGRAPH_RECALL = 0.75
#: Page times within this of the truth name the same instant (pages round to the minute).
_TOLERANCE = dt.timedelta(seconds=60)


def _quote(text: str, limit: int = 80) -> str:
    return quoted(fold(text), limit)


def _stated(values: Sequence[Stated], limit: int = 3) -> str:
    shown = [f"{s.source} {_quote(s.value, 60)}" for s in values[:limit]]
    return "; ".join(shown) + (f" and {len(values) - limit} more" if len(values) > limit else "")


# -- the audit ---------------------------------------------------------------------------------


def audit_fixture(fixture: Fixture, *, body_floor: float = BODY_FLOOR) -> list[Finding]:
    """Every doubt about ``fixture``'s truth, judged against its own page (findings of extractor "truth").

    Only what the truth states is audited: a silent field is not doubted.
    """
    truth = fixture.expectation
    page = PageText(page_facts(fixture.page), fixture.page, organizations_of(fixture))
    findings: list[Finding] = []
    for rule in (_snippets, _body, _authors, _dates, _title):
        findings.extend(rule(fixture.name, truth, page, body_floor))
    return findings


def _finding(fixture: str, check: str, message: str, **details: Any) -> Finding:
    return make_finding(fixture, AUDITOR, check, message, **details)


def _snippets(name: str, truth: Expectation, page: PageText, floor: float) -> Iterator[Finding]:
    for snippet in truth.must_contain:
        key = search_key(snippet)
        if not key or key in page.text_key or key in page.source_key:
            continue
        other_case = key.casefold() in page.text_key.casefold()
        yield _finding(
            name, "truth.snippet_absent",
            f"must_contain snippet {_quote(snippet)} is not in the page's text"
            + (" (the page has it in another letter case)" if other_case else ""),
            expected=snippet,
            evidence="searched the page's visible text and its source, folded, spaces ignored",
        )  # fmt: skip
    if not truth.body:
        return
    paragraphs = _paragraphs(truth.body)
    for unwanted in truth.must_not_contain:
        if not contains(truth.body, unwanted.text):
            continue
        where = next((n for n, p in enumerate(paragraphs, 1) if contains(p, unwanted.text)), None)
        yield _finding(
            name, "truth.snippet_in_truth",
            f"must_not_contain snippet {_quote(unwanted.text)} ({unwanted.kind}) is inside the true body"
            + (f", paragraph {where}" if where else ""),
            expected=unwanted.text,
            evidence=f"true body paragraph {where}: {_quote(paragraphs[where - 1])}" if where else None,
        )  # fmt: skip


def _paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def _body(name: str, truth: Expectation, page: PageText, floor: float) -> Iterator[Finding]:
    if not truth.knows("body") or not truth.body:
        return
    paragraphs = _paragraphs(truth.body)
    counts = Counter(search_key(p) for p in paragraphs)
    for paragraph in dict.fromkeys(paragraphs):
        key = search_key(paragraph)
        times = counts.pop(key, 0)
        if not key:  # nothing visible: zero-width characters, a soft hyphen
            continue
        shown = max(page.text_key.count(key), page.source_key.count(key)) if key else 0
        if times > 1 and shown < times:
            numbers = [n for n, p in enumerate(paragraphs, 1) if search_key(p) == key]
            yield _finding(
                name, "truth.body_duplicate",
                f"the true body has the paragraph {_quote(paragraph)} {times} times; the page shows it "
                f"{_times(shown)}",
                expected=paragraph,
                evidence=f"true body paragraphs {', '.join(map(str, numbers))}",
            )  # fmt: skip
    missing = [p for p in paragraphs if not _on_page(p, page)]
    if not missing:
        return
    share = 1 - len(missing) / len(paragraphs)
    if share < floor:
        yield _finding(
            name, "truth.body_not_on_page",
            f"only {len(paragraphs) - len(missing)} of the true body's {len(paragraphs)} paragraphs are on the "
            f"page ({share:.0%}, under {floor:.0%})",
            expected=floor,
            actual=round(share, 4),
            evidence=f"first one missing: {_quote(missing[0])}",
        )  # fmt: skip


def _times(count: int) -> str:
    return {0: "nowhere", 1: "once", 2: "twice"}.get(count, f"{count} times")


def _on_page(paragraph: str, page: PageText) -> bool:
    key = search_key(paragraph)
    if not key or key in page.text_key or key in page.source_key:
        return True
    tp, _, fn = shingle_overlap(paragraph, page.facts.text)
    return bool(tp + fn) and tp / (tp + fn) >= _PARAGRAPH_RECALL


# -- authors -----------------------------------------------------------------------------------


def _authors(name: str, truth: Expectation, page: PageText, floor: float) -> Iterator[Finding]:
    if not truth.knows("authors"):
        return
    facts = page.facts
    text = name_key(facts.text)
    metadata = [name_key(s.value) for s in facts.authors]
    for author in truth.authors:
        key = name_key(author)
        if key and key not in text and not any(key in m for m in metadata) and key not in page.source_names:
            said = f"metadata authors: {_stated(facts.authors)}" if facts.authors else "the metadata names no author"
            shown = f"; bylines shown: {_stated(facts.bylines)}" if facts.bylines else ""
            yield _finding(
                name, "truth.author_not_on_page",
                f"{author!r} is not in the page's text nor its metadata ({said}{shown})",
                expected=author,
                actual=[s.value for s in facts.authors],
                evidence=said + shown,
            )  # fmt: skip
        reason = page.organizations.reason(author)
        if reason:
            yield _finding(
                name, "truth.organization_as_author",
                f"the truth lists {author!r} as an author, but {reason}; it belongs in organizations",
                expected=author,
                evidence=reason,
            )  # fmt: skip


# -- dates -------------------------------------------------------------------------------------

_MONTHS: tuple[tuple[str, ...], ...] = (
    # English, German, French, Spanish, Italian, Portuguese, Dutch, Danish/Norwegian/Swedish,
    # Polish and Russian (genitive, as dates write them), Turkish.
    ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari",
     "stycznia", "января", "ocak"),
    ("february", "feb", "februar", "février", "févr", "febrero", "febbraio", "fevereiro", "fev", "februari", "lutego",
     "февраля", "şubat"),
    ("march", "mar", "märz", "mär", "mars", "marzo", "março", "maart", "marts", "marca", "марта", "mart"),
    ("april", "apr", "avril", "abril", "abr", "aprile", "kwietnia", "апреля", "nisan"),
    ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "мая", "mayıs"),
    ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "июня", "haziran"),
    ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "июля", "temmuz"),
    ("august", "aug", "août", "agosto", "ago", "augustus", "augusti", "sierpnia", "августа", "ağustos"),
    ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "september",
     "września", "сентября", "eylül"),
    ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "października",
     "октября", "ekim"),
    ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "ноября", "kasım"),
    ("december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "grudnia",
     "декабря", "aralık"),
)  # fmt: skip


def _day_pattern(day: dt.date) -> re.Pattern[str]:
    """The common written forms of ``day``, to search in casefolded text.

    Numeric forms with dots are read day first (as Europe writes them), so a
    truth whose day and month are swapped is not found in "05.04.2025"; forms
    with slashes or dashes are ambiguous and accepted in either order.
    """
    d, m, y = rf"0?{day.day}", rf"0?{day.month}", str(day.year)
    year = rf"(?:{y}|{y[2:]})"
    names = "|".join(re.escape(n) for n in sorted(_MONTHS[day.month - 1], key=len, reverse=True))
    ordinal = r"(?:st|nd|rd|th|er|º|\.)?"
    forms = (
        rf"{y}\s?[-./]\s?{m}\s?[-./]\s?{d}",  # 2024-05-03, 2024.05.03, 2024/5/3
        rf"{d}\.\s?{m}\.\s?{year}",  # 03.05.2024, 3. 5. 24
        rf"{d}[-/]{m}[-/]{year}|{m}[-/]{d}[-/]{year}",  # 03/05/2024, 5/3/24
        rf"{y}\s?[年년]\s?{m}\s?[月월]\s?{d}\s?[日일]?",  # 2024年5月3日, 2024년 5월 3일
        rf"{d}{ordinal}\s*(?:of\s+|de\s+)?(?:{names})\.?,?\s*(?:de\s+|del\s+)?'?{year}",  # 3 May 2024, 3. Mai 2024
        rf"(?:{names})\.?\s*{d}{ordinal},?\s*{year}",  # May 3, 2024
        # Fri May 3 10:00:00 CEST 2024: how Java and C print a time
        rf"(?:{names})\s+{d}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s+[a-z]{{2,5}})?\s+{y}",
    )
    return re.compile("|".join(rf"(?<!\d)(?:{form})(?!\d)" for form in forms))


def _page_stamp(text: str) -> Stamp | None:
    """A date the page states, read leniently: RFC 3339, with a space before the offset
    ("2024-04-30 16:17:29 +02:00"), or RFC 2822 ("Fri, 03 May 2024 15:47:42 GMT")."""
    stamp = parse_stamp(text)
    if stamp is not None:
        return stamp
    joined = re.sub(r"\s+(?=(?:[+-]\d{2}:?\d{2}|Z)$)", "", text.strip())
    joined = re.sub(r"\s*(?:UTC|GMT)$", "Z", joined)
    stamp = parse_stamp(joined)
    if stamp is not None:
        return Stamp(stamp.kind, stamp.value, text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return Stamp("aware" if moment.tzinfo else "naive", moment, text)


def _dated(facts: PageFacts) -> list[tuple[Stated, Stamp | None]]:
    return [(s, _page_stamp(s.value)) for s in (*facts.published, *facts.modified, *facts.times)]


def _dates(name: str, truth: Expectation, page: PageText, floor: float) -> Iterator[Finding]:
    true_stamp = parse_stamp(truth.published) if truth.knows("published") else None
    if true_stamp is None:
        return
    readings = day_readings(truth, page.page, true_stamp)
    dated = _dated(page.facts)
    modified = _modified_match(truth, page.facts, readings, true_stamp)
    if modified is not None:
        yield _finding(name, "truth.date_is_modified", modified, expected=truth.published,
                       evidence=modified)  # fmt: skip
        return
    if any(stamp is not None and _same_day(stamp, readings) for _, stamp in dated):
        return
    pattern = _day_pattern_of(true_stamp, readings)
    text = name_key(page.facts.text)
    unparsed = " ".join(s.value for s, stamp in dated if stamp is None)
    if pattern.search(text) or pattern.search(name_key(unparsed)):
        return
    if any(form in page.page.html or form in page.page.url for form in _iso_forms(true_stamp, readings)):
        return
    if dated:
        said = f"the page's dates: {_stated([s for s, _ in dated], limit=4)}"
    else:
        said = "the page states no date in its metadata or <time> elements"
    swapped = _swapped(true_stamp, readings, text)
    shows = (
        f"its text shows {swapped!r}, that day with day and month swapped"
        if swapped
        else "its text shows no written form of that day"
    )
    yield _finding(
        name, "truth.date_not_on_page",
        f"the truth says {truth.published}, a day the page states nowhere ({said}; {shows})",
        expected=truth.published,
        actual=swapped or [s.value for s, _ in dated],
        evidence=f"{said}; {shows}",
    )  # fmt: skip


def _swapped(true_stamp: Stamp, readings: DayReadings, text: str) -> str | None:
    """The page's written form of the true day with day and month swapped, if it shows one: the
    mark of a truth that read "06.01.2026" month first."""
    for day in _true_days(true_stamp, readings):
        if day.day <= 12 and day.day != day.month:
            match = _day_pattern(day.replace(month=day.day, day=day.month)).search(text)
            if match:
                return match.group(0)
    return None


def _same_day(stamp: Stamp, readings: DayReadings) -> bool:
    if stamp.has_time and readings.truth.has_time and readings.instant(stamp, _TOLERANCE) is not None:
        return True
    return readings.day(stamp) is not None


def _true_days(true_stamp: Stamp, readings: DayReadings) -> list[dt.date]:
    days = [true_stamp.day(zone) for zone in readings.zones]
    if isinstance(true_stamp.value, dt.datetime):
        days.append(true_stamp.value.date())  # as written, in its own offset
    return list(dict.fromkeys(days))


def _day_pattern_of(true_stamp: Stamp, readings: DayReadings) -> re.Pattern[str]:
    patterns = [_day_pattern(day).pattern for day in _true_days(true_stamp, readings)]
    return re.compile("|".join(patterns))


def _iso_forms(true_stamp: Stamp, readings: DayReadings) -> list[str]:
    """The day as machines write it anywhere in the source ("2024-05-03") or a URL ("/2024/05/03/")."""
    days = _true_days(true_stamp, readings)
    return [form for day in days for form in (day.isoformat(), day.strftime("/%Y/%m/%d/"))]


def _day_list(true_stamp: Stamp, readings: DayReadings) -> str:
    return " or ".join(day.isoformat() for day in _true_days(true_stamp, readings))


def _modified_match(truth: Expectation, facts: PageFacts, readings: DayReadings, true_stamp: Stamp) -> str | None:
    """What shows the true published time to be the page's modified time, or None.

    Only when the truth has a time, a modified value names that instant, and
    the page states a published time that does not: a page that states no
    published time, or the same time for both, does not tell them apart.
    """
    if not true_stamp.has_time:
        return None
    modified = [(s, _page_stamp(s.value)) for s in facts.modified]
    published = [(s, stamp) for s in facts.published if (stamp := _page_stamp(s.value)) and stamp.has_time]
    same = next((s for s, stamp in modified if stamp and stamp.has_time and readings.instant(stamp, _TOLERANCE)), None)
    if same is None or not published or any(readings.instant(stamp, _TOLERANCE) for _, stamp in published):
        return None
    first = published[0][0]
    return (
        f"the truth's published time {truth.published} is the page's {same.source} {same.value}; "
        f"the page's {first.source} is {first.value}"
    )


# -- title -------------------------------------------------------------------------------------


def _title(name: str, truth: Expectation, page: PageText, floor: float) -> Iterator[Finding]:
    if not truth.knows("title") or not truth.title:
        return
    key = search_key(truth.title)
    if not key or key in page.text_key or key in page.source_key:
        return
    if any(key in search_key(s.value) for s in page.facts.titles):
        return
    titles = page.facts.titles
    other_case = any(key.casefold() in search_key(s.value).casefold() for s in titles)
    said = f"the page's titles: {_stated(titles)}" if titles else "the page states no title"
    yield _finding(
        name, "truth.title_not_on_page",
        f"the title {_quote(truth.title)} is neither in the page's text nor its metadata"
        + (", except in another letter case" if other_case else "") + f" ({said})",
        expected=truth.title,
        actual=[s.value for s in titles],
        evidence=said,
    )  # fmt: skip
