"""Parsing and zoning the timestamps of extractions and expectations: the one RFC 3339 pattern.

A value is an RFC 3339 date-time with an offset ("aware"), a date-time
without one ("naive"), or a date alone. Days are compared in the site's
timezone when the value has an offset, else as written. The schemas in
``schemas/`` spell the same pattern for JSON; a test holds them together.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from typing import Literal

__all__ = ["OFFSET", "RFC3339", "Stamp", "as_stated", "offset_name", "parse_stamp", "zone"]

#: A UTC offset as written at the end of a timestamp or as a timezone: "+02:00", "-0500".
OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
#: A date, optionally with a time and an offset: what the schemas accept for published and modified.
RFC3339 = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<zone>[Zz]|[+-]\d{2}:?\d{2})?)?"
)


@functools.cache
def zone(name: str) -> dt.tzinfo:
    """A timezone by IANA name, or a fixed offset written '+02:00' (or '+0200').

    Raises:
        ValueError: neither.
    """
    match = OFFSET.fullmatch(name)
    if match:
        sign, hours, minutes = match.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-delta if sign == "-" else delta)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        msg = f"unknown timezone {name!r}"
        raise ValueError(msg) from None


def offset_name(moment: dt.datetime) -> str:
    """The UTC offset ``moment`` is written in, as a timezone is named: "UTC" for none or zero, else
    "+05:30" or "-04:00" (what :func:`zone` reads back). A naive moment is taken as UTC."""
    offset = moment.utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    return f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass(frozen=True)
class Stamp:
    """A parsed timestamp: ``kind`` says how much it states."""

    kind: Literal["date", "naive", "aware"]
    value: dt.datetime | dt.date
    text: str

    def day(self, timezone: str) -> dt.date:
        """The calendar day, in ``timezone`` for an aware value, else as written."""
        if isinstance(self.value, dt.datetime):
            if self.kind == "aware":
                return self.value.astimezone(zone(timezone)).date()
            return self.value.date()
        return self.value

    def instant(self, timezone: str) -> dt.datetime | None:
        """The instant, reading a naive value as wall time in ``timezone``; None for a date."""
        if not isinstance(self.value, dt.datetime):
            return None
        if self.kind == "aware":
            return self.value
        return self.value.replace(tzinfo=zone(timezone))

    @property
    def has_time(self) -> bool:
        """Whether a time of day is stated."""
        return self.kind != "date"


def parse_stamp(text: str | None) -> Stamp | None:
    """Parse an RFC 3339-like timestamp; None when ``text`` is not one (or a real date)."""
    if not text:
        return None
    match = RFC3339.fullmatch(text.strip())
    if not match:
        return None
    try:
        if match["time"] is None:
            return Stamp("date", dt.date.fromisoformat(match["date"]), text)
        zone = match["zone"]
        if zone and zone not in "Zz" and ":" not in zone:
            zone = zone[:3] + ":" + zone[3:]
        clock = match["time"]
        if "." in clock:  # Python 3.10's fromisoformat takes 3 or 6 fraction digits only
            whole, fraction = clock.split(".")
            clock = f"{whole}.{fraction[:6].ljust(6, '0')}"
        iso = f"{match['date']}T{clock}{'+00:00' if zone in ('Z', 'z') else zone or ''}"
        value = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    return Stamp("aware" if value.tzinfo else "naive", value, text)


def as_stated(stamp: Stamp) -> Stamp:
    """An extracted value as the extractor knew it: a naive midnight is a day.

    Extractors that find a date alone (in a URL, a ``<time datetime="2025-10-19">``)
    return it as a datetime at 00:00 with no offset; that states a day, not the
    first minute of it, and is graded as a day.
    """
    value = stamp.value
    if stamp.kind == "naive" and isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return Stamp("date", value.date(), stamp.text)
    return stamp
