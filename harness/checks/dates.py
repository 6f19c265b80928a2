"""Date checks: the published time (missing, wrong day or time, imprecise, naive,
updated-as-published, decoys, future) and the modified time (missing, wrong, the
published time given as modified).

Days are read, not assumed. When the truth names the site's timezone, a day
is read there. When it does not (a corpus that gave only an instant, or no
time at all), every reasonable reading is tried: the truth's own offset, the
offsets the page itself states for its dates, and the extracted value's own
offset (or the naive date as written); a day is wrong only when no reading
matches, and the finding names the readings it tried.

The modified time is graded only for an extractor that declares ``modified``,
and only where the truth speaks to it (a truth without the key is silent;
``null`` says the page shows no modification). The page's modification counts
as separate when it is another instant than the publication (beyond the
tolerance; another day when either has no time). Then no value is
``date.modified_missing``, the publication time is
``date.modified_as_published`` (news-please's empty ``date_modify``, htmldate's
updated-date mode returning the first date), and any other value that is not
the modification under the readings above is ``date.modified_wrong``. Where
the page shows no separate modification, the publication time given as the
modified time is right (many sites set ``dateModified`` to
``datePublished``), and anything else is wrong. A decoy's date, a time later
than the capture and a naive or day-only value read as for the published time
give ``date.decoy``, ``date.future``, ``date.naive`` and ``date.imprecise``
with ``field="modified"``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core import Stamp, as_stated, fold, offset_name, parse_stamp
from ..core import zone as tz
from .page import page_facts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Decoy, Expectation, Finding, Page
    from .catalogue import CheckContext

__all__ = ["DayReadings", "check_dates", "day_readings"]

#: What a reading is called when a value is taken as it is written: its own offset, or no zone at all.
AS_WRITTEN = "as written"


class DayReadings:
    """The timezones a day of ``truth`` may be read in, for one fixture.

    With a stated timezone, that zone alone. Without one: the true value's own
    offset, the offsets the page states for its own dates (read lazily: it means
    parsing the page), and then each extracted value as written.
    """

    def __init__(self, truth: Expectation, page: Page | None, true_stamp: Stamp) -> None:
        self.known = truth.timezone_known
        self.truth = true_stamp
        zones = [truth.timezone] if self.known else []
        if not self.known and isinstance(true_stamp.value, dt.datetime) and true_stamp.kind == "aware":
            zones.append(offset_name(true_stamp.value))
        if not self.known and page is not None:
            facts = page_facts(page)
            for stated in (*facts.published, *facts.modified, *facts.times):
                found = parse_stamp(stated.value)
                if found is not None and found.kind == "aware" and isinstance(found.value, dt.datetime):
                    zones.append(offset_name(found.value))
        self.zones: tuple[str, ...] = tuple(dict.fromkeys(zones)) or ("UTC",)

    @property
    def main(self) -> str:
        """The zone messages speak of: the stated one, else the first reading."""
        return self.zones[0]

    def day(self, value: Stamp) -> str | None:
        """The reading under which ``value`` falls on the truth's day; None when none does."""
        for zone in self.zones:
            if value.day(zone) == self.truth.day(zone):
                return zone
        if not self.known:
            own = offset_name(value.value) if value.kind == "aware" and isinstance(value.value, dt.datetime) else None
            written = value.value.date() if isinstance(value.value, dt.datetime) else value.value
            if written == (self.truth.day(own) if own else self.truth.day(self.main)):
                return f"its own offset ({own})" if own else AS_WRITTEN
        return None

    def instant(self, value: Stamp, tolerance: dt.timedelta) -> str | None:
        """The reading under which ``value`` names the truth's instant (naive values are read in each zone)."""
        for zone in self.zones if value.kind == "naive" else self.zones[:1]:
            if _same_instant(value, self.truth, zone, tolerance):
                return zone
        return None

    def describe(self) -> str:
        """The readings tried, for a message."""
        if self.known:
            return f"in {self.main}"
        return f"in {', '.join(self.zones)} or as written"


def day_readings(truth: Expectation, page: Page | None, true_stamp: Stamp) -> DayReadings:
    """The readings of ``truth``'s days on ``page`` (see :class:`DayReadings`)."""
    return DayReadings(truth, page, true_stamp)


def _same_instant(a: Stamp, b: Stamp, timezone: str, tolerance: dt.timedelta) -> bool:
    left, right = a.instant(timezone), b.instant(timezone)
    return left is not None and right is not None and abs(left - right) <= tolerance


def _matches(value: Stamp, other: Stamp | None, timezone: str, tolerance: dt.timedelta) -> bool:
    """Whether ``value`` names ``other``: the same instant when both have times, else the same day."""
    if other is None:
        return False
    if value.has_time and other.has_time:
        return _same_instant(value, other, timezone, tolerance)
    return value.day(timezone) == other.day(timezone)


def _raw(ctx: CheckContext, field: str) -> str | None:
    raw = ctx.extraction.extra.get(f"{field}_raw")
    return raw if isinstance(raw, str) and raw.strip() else None


def _decoy_by_text(truth: Expectation, raw: str | None) -> str | None:
    if not raw:
        return None
    key = fold(raw).casefold()
    for decoy in truth.decoy_dates:
        if fold(decoy.text).casefold() == key:
            return decoy.source or "elsewhere on the page"
    return None


def check_dates(ctx: CheckContext) -> Iterator[Finding]:
    """Grade the published and modified times, each for an extractor that declares it."""
    if "published" in ctx.fields:
        yield from _check_published(ctx)
    if "modified" in ctx.fields:
        yield from _check_modified(ctx)


def _stated(ctx: CheckContext, field: str) -> tuple[str | None, Stamp | None, str | None]:
    """The extracted value of ``field``, its stamp as stated, and the raw string the checks may name."""
    text: str | None = getattr(ctx.extraction, field)
    parsed = parse_stamp(text)
    stamp = as_stated(parsed) if parsed is not None else None
    # A value that is not a timestamp is reported by schema.invalid; it can still be a decoy's text.
    raw = _raw(ctx, field) or (text if stamp is None and text else None)
    return text, stamp, raw


def _future(ctx: CheckContext, field: str, text: str | None, stamp: Stamp, tolerance: dt.timedelta) -> Finding | None:
    """``date.future`` when ``stamp`` is later than the page's capture, else None."""
    truth = ctx.fixture.expectation
    captured = truth.captured_at
    # Without a known timezone a wall time or a day could be anywhere: it is later than the
    # capture only if it is so even read in the zone furthest ahead (UTC+14).
    ahead = truth.timezone if truth.timezone_known or stamp.kind == "aware" else "+14:00"
    instant = stamp.instant(ahead)
    if (instant is not None and instant > captured + tolerance) or (
        instant is None and stamp.day(ahead) > captured.astimezone(tz(ahead)).date()
    ):
        return ctx.finding(
            "date.future",
            f"{field} {text} is later than the page's capture ({captured.isoformat()})"
            + (
                ""
                if truth.captured_at_known
                else " (captured_at unknown: compared with the page's latest stated date, plus a day)"
            ),
            expected=getattr(truth, field),
            actual=text,
            field=field,
        )
    return None


def _tolerance(ctx: CheckContext) -> dt.timedelta:
    return dt.timedelta(seconds=float(ctx.option("date_tolerance_seconds", 60)))


def _check_published(ctx: CheckContext) -> Iterator[Finding]:
    field = "published"
    truth = ctx.fixture.expectation
    tolerance = _tolerance(ctx)
    text, stamp, raw = _stated(ctx, field)
    true_text = truth.published
    true_stamp = parse_stamp(true_text)

    if stamp is None:
        source = _decoy_by_text(truth, raw)
        if source:
            yield ctx.finding(
                "date.decoy",
                f"{field} is {raw!r}, the time of {source}, not of this article",
                expected=true_text,
                actual=raw,
                field=field,
            )
        elif truth.knows(field) and true_stamp is not None and not text:
            also = f" (it returned the unparsed string {raw!r})" if raw else ""
            yield ctx.finding(
                "date.missing",
                f"no publication time extracted; the page shows {true_text}{also}",
                expected=true_text,
                actual=raw,
                field=field,
            )
        return

    future = _future(ctx, field, text, stamp, tolerance)
    if future is not None:
        yield future
        return

    if not truth.knows(field) or true_stamp is None:
        return

    other = parse_stamp(truth.modified)
    readings = day_readings(truth, ctx.fixture.page, true_stamp)
    zone = readings.main
    right_day = readings.day(stamp) is not None
    if right_day and _right_instant(readings, stamp, tolerance):
        yield from _precision(ctx, field, text, stamp, true_stamp)
        return

    decoy = _decoy_by_value(truth, stamp, zone, tolerance)
    if (
        other is not None
        and _matches(stamp, other, zone, tolerance)
        and not (_matches(stamp, true_stamp, zone, tolerance))
    ):
        yield ctx.finding(
            "date.updated_as_published",
            f"published {text} is the page's modified time ({other.text}); it was published {true_text}",
            expected=true_text,
            actual=text,
            field=field,
        )
    else:
        yield _misread(ctx, field, text, raw, stamp, readings, decoy, tolerance)


def _right_instant(readings: DayReadings, stamp: Stamp, tolerance: dt.timedelta) -> bool:
    """Whether ``stamp`` names the truth's instant under a reading (a day alone cannot be off)."""
    return not (stamp.has_time and readings.truth.has_time) or readings.instant(stamp, tolerance) is not None


def _names(readings: DayReadings, stamp: Stamp, tolerance: dt.timedelta) -> bool:
    """Whether ``stamp`` names the truth's value: the same day, and the same instant when both have times."""
    return readings.day(stamp) is not None and _right_instant(readings, stamp, tolerance)


def _precision(ctx: CheckContext, field: str, text: str | None, stamp: Stamp, true: Stamp) -> Iterator[Finding]:
    """``date.naive`` or ``date.imprecise`` for a value that names the true one with less than it states."""
    if stamp.kind == "naive" and true.kind == "aware":
        yield ctx.finding(
            "date.naive",
            f"{field} {text} has no UTC offset; the page states {true.text}",
            expected=true.text,
            actual=text,
            field=field,
        )
    elif not stamp.has_time and true.has_time:
        yield ctx.finding(
            "date.imprecise",
            f"{field} {text} gives the day only; the page states {true.text}",
            expected=true.text,
            actual=text,
            field=field,
        )


def _decoy_by_value(truth: Expectation, stamp: Stamp, zone: str, tolerance: dt.timedelta) -> Decoy | None:
    return next((d for d in truth.decoy_dates if _matches(stamp, parse_stamp(d.value), zone, tolerance)), None)


def _decoy_finding(
    ctx: CheckContext, field: str, text: str | None, decoy: Decoy | None, raw: str | None, *, instead: str | None = None
) -> Finding:
    """``date.decoy``; ``instead`` says what the page has (the article's date, by default)."""
    what = decoy.text if decoy else raw
    source = (decoy.source if decoy else None) or "elsewhere on the page"
    true_text = getattr(ctx.fixture.expectation, field)
    article = "the article's" if field == "published" else "the article's modification"
    return ctx.finding(
        "date.decoy",
        f"{field} {text} is {what!r}, the date of {source}; {instead or f'{article} is {true_text}'}",
        expected=true_text,
        actual=text,
        field=field,
    )


def _naive_utc(ctx: CheckContext, field: str, text: str | None, true_text: str | None) -> Finding:
    return ctx.finding(
        "date.naive",
        f"{field} {text} is the UTC wall time with the offset dropped; the page states {true_text}",
        expected=true_text,
        actual=text,
        field=field,
    )


def _check_modified(ctx: CheckContext) -> Iterator[Finding]:
    field = "modified"
    truth = ctx.fixture.expectation
    page = ctx.fixture.page
    tolerance = _tolerance(ctx)
    text, stamp, raw = _stated(ctx, field)
    knows = truth.knows(field)
    true_text = truth.modified if knows else None
    true_stamp = parse_stamp(true_text)
    published = parse_stamp(truth.published) if truth.knows("published") else None
    # The page's modification apart from its publication: another instant, or another day where
    # either states no time. A dateModified equal to datePublished is no modification.
    separate = true_stamp is not None and not (
        published is not None and _matches(true_stamp, published, day_readings(truth, page, true_stamp).main, tolerance)
    )

    if stamp is None:
        source = _decoy_by_text(truth, raw)
        if source:
            yield ctx.finding(
                "date.decoy",
                f"{field} is {raw!r}, the time of {source}, not of this article's modification",
                expected=true_text,
                actual=raw,
                field=field,
            )
        elif separate and not text:
            also = f" (it returned the unparsed string {raw!r})" if raw else ""
            since = f", apart from its publication {published.text}" if published is not None else ""
            yield ctx.finding(
                "date.modified_missing",
                f"no modification time extracted; the page shows {true_text}{since}{also}",
                expected=true_text,
                actual=raw,
                field=field,
            )
        return

    future = _future(ctx, field, text, stamp, tolerance)
    if future is not None:
        yield future
        return
    if not knows:
        return

    if true_stamp is None or not separate:
        # The page shows no modification of its own: the publication time is the right answer.
        if published is None:
            return  # nothing the page states to hold the value against
        readings = day_readings(truth, page, published)
        if _names(readings, stamp, tolerance):
            return
        shows = f"the page shows no modification apart from its publication ({published.text})"
        decoy = _decoy_by_value(truth, stamp, readings.main, tolerance)
        if decoy is not None or _decoy_by_text(truth, raw):
            yield _decoy_finding(ctx, field, text, decoy, raw, instead=shows)
            return
        yield ctx.finding(
            "date.modified_wrong",
            f"{field} {text} is no time the page gives: {shows}",
            expected=true_text,
            actual=text,
            field=field,
        )
        return

    readings = day_readings(truth, page, true_stamp)
    zone = readings.main
    right_day = readings.day(stamp) is not None
    if right_day and _right_instant(readings, stamp, tolerance):
        yield from _precision(ctx, field, text, stamp, true_stamp)
        return
    if published is not None and _names(day_readings(truth, page, published), stamp, tolerance):
        yield ctx.finding(
            "date.modified_as_published",
            f"{field} {text} is the page's publication time ({published.text}); it was modified {true_text}",
            expected=true_text,
            actual=text,
            field=field,
        )
        return
    decoy = _decoy_by_value(truth, stamp, zone, tolerance)
    yield _misread(ctx, field, text, raw, stamp, readings, decoy, tolerance)


#: The ids a value that names another instant gets, by field: (another day, the right day at another time).
_WRONG = {"published": ("date.wrong_day", "date.wrong_time"), "modified": ("date.modified_wrong",) * 2}
#: What the true value is called in a message, by field.
_TRUE = {"published": "the page's", "modified": "the page's modification time"}


def _misread(
    ctx: CheckContext, field: str, text: str | None, raw: str | None, stamp: Stamp, readings: DayReadings,
    decoy: Decoy | None, tolerance: dt.timedelta,
) -> Finding:  # fmt: skip
    """The finding on a value that names neither the true time nor the other field's (for published,
    the modified time; for modified, the publication): the UTC day of a lost zone, a decoy, the UTC
    wall time with its offset dropped, another day, or the right day at another time."""
    truth_text = str(getattr(ctx.fixture.expectation, field))
    true_stamp, zone = readings.truth, readings.main
    right_day = readings.day(stamp) is not None
    wrong_day, wrong_time = _WRONG[field]
    if not right_day and stamp.kind == "date" and stamp.day("UTC") == true_stamp.day("UTC"):
        # trafilatura and htmldate return a bare day, and for a late-evening or early-morning
        # time it is the UTC day: the zone was lost, not a teaser's date taken.
        message = f"{field} {text} is the UTC day of {truth_text}; in {zone} it is {true_stamp.day(zone)}"
        return ctx.finding(wrong_day, message, expected=truth_text, actual=text, field=field)
    if decoy is not None or _decoy_by_text(ctx.fixture.expectation, raw):
        return _decoy_finding(ctx, field, text, decoy, raw)
    if stamp.kind == "naive" and _same_instant(stamp, true_stamp, "UTC", tolerance):
        return _naive_utc(ctx, field, text, truth_text)
    if not right_day:
        day = "day" if field == "published" else "modification day"
        message = (
            f"{field} {text} falls on {stamp.day(zone)}; the page's {day} is {true_stamp.day(zone)} "
            f"({truth_text}), read {readings.describe()}"
        )
        return ctx.finding(wrong_day, message, expected=truth_text, actual=text, field=field)
    message = f"{field} {text} is off by {_delta(stamp, true_stamp, zone)} from {_TRUE[field]} {truth_text}"
    return ctx.finding(wrong_time, message, expected=truth_text, actual=text, field=field)


def _delta(a: Stamp, b: Stamp, zone: str) -> str:
    left, right = a.instant(zone), b.instant(zone)
    if left is None or right is None:
        return "an unknown amount"
    seconds = int((left - right).total_seconds())
    sign = "+" if seconds >= 0 else "-"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}h{rest // 60:02d}m"
