"""Partial and approximate dates, as news stories tell them.

A news article says "1948", "April 2025", "early this month", "27 Oct 2025" or "at
7.58 in the morning". A ``PartialDate`` keeps exactly the precision the source gives:
it never invents a day or a time. Every value has an ``earliest`` and a ``latest`` day
(plain ``datetime.date``, so 1948 and earlier are fine), and sorts by the moments it
may begin and end (counted in minutes): in UTC when it has a time zone, on its own
clock when it has not.

Notation (EDTF-like, documented in docs/story-format.md):

==================  ===========================================
``2025-10-27``      a day
``2004-12-26T07:58`` a minute of a day, with an optional zone: ``Z``, ``+07:00``, ``-03:30``
``2025-10``         a month
``2025``            a year
``2025-10-early``   days 1-10 of a month (``mid``: 11-20, ``late``: 21-end)
``2025-04/2025-07`` a range between two of the above
``...~``            approximate ("about"), after any of the above
==================  ===========================================
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time
from typing import Literal

from storymap.date_format import day_ends, say_date
from storymap.errors import StorymapError
from storymap.messages import quote

Precision = Literal["minute", "day", "part", "month", "year", "range"]
Part = Literal["early", "mid", "late"]

PARTS: dict[str, tuple[int, int | None]] = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}
# [0-9], not \d: \d also matches Arabic-Indic and other digits, which int() would accept.
_POINT = re.compile(
    r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?:(?P<part>early|mid|late)|(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?))?)?$"
)
NOTATION = (
    "use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM (with a zone such as +07:00 or Z "
    "if you know it), YYYY-MM-early|mid|late, a range A/B, and ~ for 'about'"
)
# Clock readings differ from UTC by at most these, so a time without a zone is some
# moment between 14 hours before and 12 hours after the same reading in UTC.
_EARLIEST_ZONE, _LATEST_ZONE = -12 * 60, 14 * 60
_DAY = 24 * 60


class DateParseError(StorymapError, ValueError):
    """A date string that is not in the story notation; the message says why."""


@dataclass(frozen=True)
class DatePoint:
    """One end of a partial date: a year, a month, a part of a month, a day, or a minute.

    ``offset`` is the time zone in minutes east of UTC (``+07:00`` is 420), or None.
    """

    year: int
    month: int | None = None
    day: int | None = None
    part: Part | None = None
    hour: int | None = None
    minute: int | None = None
    offset: int | None = None

    @property
    def precision(self) -> Precision:
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.part is not None:
            return "part"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> date:
        if self.month is None:
            return date(self.year, 1, 1)
        if self.day is not None:
            return date(self.year, self.month, self.day)
        first = PARTS[self.part][0] if self.part else 1
        return date(self.year, self.month, first)

    @property
    def latest(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is not None:
            return date(self.year, self.month, self.day)
        month_end = calendar.monthrange(self.year, self.month)[1]
        last = PARTS[self.part][1] if self.part else None
        return date(self.year, self.month, last or month_end)

    @property
    def time(self) -> time | None:
        return time(self.hour, self.minute or 0) if self.hour is not None else None

    def moments(self) -> tuple[int, int]:
        """The first minute it may be and the minute after its last, on its own clock.

        Minutes are counted from the start of 1 January of year 1 (so year 9999 and
        every zone shift stay in range, which ``datetime`` would not).
        """
        if self.hour is not None:
            first = self.earliest.toordinal() * _DAY + self.hour * 60 + (self.minute or 0)
            return first, first + 1
        return self.earliest.toordinal() * _DAY, (self.latest.toordinal() + 1) * _DAY

    def utc_moments(self) -> tuple[int, int] | None:
        """``moments`` in UTC, when the point has a time zone."""
        if self.offset is None:
            return None
        first, after = self.moments()
        return first - self.offset, after - self.offset

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        elif self.part is not None:
            text += f"-{self.part}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}{_zone_text(self.offset)}"
        return text


def _zone_text(offset: int | None) -> str:
    if offset is None:
        return ""
    if offset == 0:
        return "Z"
    sign = "+" if offset > 0 else "-"
    return f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def _parse_point(text: str, whole: str) -> DatePoint:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateParseError(f"{quote(whole)} is not a story date: {NOTATION}")
    year = int(match["year"])
    if year < 1:
        raise DateParseError(f"{quote(whole)}: year 0000 does not exist")
    month = int(match["month"]) if match["month"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateParseError(f"{quote(whole)}: month {month} is not between 01 and 12")
    if match["part"] is not None:
        return DatePoint(year, month, part=match["part"])  # type: ignore[arg-type]
    if match["day"] is None:
        return DatePoint(year, month)
    day = int(match["day"])
    assert month is not None
    month_end = calendar.monthrange(year, month)[1]
    if not 1 <= day <= month_end:
        raise DateParseError(
            f"{quote(whole)}: {calendar.month_name[month]} {year} has days 1 to {month_end}, not {day}"
        )
    if match["hour"] is None:
        return DatePoint(year, month, day)
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise DateParseError(
            f"{quote(whole)}: {hour:02d}:{minute:02d} is not a time of day (00:00 to 23:59)"
        )
    return DatePoint(year, month, day, None, hour, minute, _parse_zone(match["zone"], whole))


def _parse_zone(zone: str | None, whole: str) -> int | None:
    """Minutes east of UTC: 'Z' is 0, '+07:00' is 420, '-03:30' is -210."""
    if zone is None:
        return None
    if zone == "Z":
        return 0
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    offset = (hours * 60 + minutes) * (1 if zone[0] == "+" else -1)
    if minutes not in (0, 30, 45) or not -12 * 60 <= offset <= 14 * 60:
        raise DateParseError(f"{quote(whole)}: {zone} is not a time zone (UTC-12:00 to UTC+14:00)")
    return offset


@dataclass(frozen=True, eq=True)
class PartialDate:
    """A date with the precision its source gives, from one day to a range of years."""

    start: DatePoint
    end: DatePoint | None = None
    approximate: bool = False

    @classmethod
    def parse(cls, value: str | int | date) -> PartialDate:
        """Read the story notation; YAML may also hand us a bare year as an int."""
        if isinstance(value, date):
            return cls(DatePoint(value.year, value.month, value.day))
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise DateParseError(f"a date must be text like '2025-10-27', not {quote(value)}")
        text = f"{value:04d}" if isinstance(value, int) and value >= 0 else str(value).strip()
        approximate = text.endswith("~")
        body = text[:-1].strip() if approximate else text
        if "/" in body:
            first, _, second = body.partition("/")
            start = _parse_point(first.strip(), text)
            end = _parse_point(second.strip(), text)
            if _ends_before(end, start):
                raise DateParseError(f"{quote(text)}: the range ends before it starts")
            if end == start:
                end = None
            return cls(start, end, approximate)
        return cls(_parse_point(body, text), None, approximate)

    @property
    def earliest(self) -> date:
        return self.start.earliest

    @property
    def latest(self) -> date:
        return (self.end or self.start).latest

    @property
    def precision(self) -> Precision:
        return "range" if self.end is not None else self.start.precision

    @property
    def precision_label(self) -> str:
        """'month', 'month~' (about a month), 'range'…: one spelling for every table and list."""
        return self.precision + ("~" if self.approximate else "")

    @property
    def is_exact_day(self) -> bool:
        """One known day (or a minute of one), not approximate."""
        return self.precision in ("day", "minute") and not self.approximate

    @property
    def is_exact(self) -> bool:
        """Its days are known: one day (or a minute of one), or a range between two known
        days (the UN's two votes, 2 March and 12 October 2022); not approximate. Readers see
        a solid marker for it and a dashed one for a date that leaves its day open."""
        return not self.approximate and all(p.precision in ("day", "minute") for p in self._points)

    @property
    def has_zone(self) -> bool:
        """Every end has a time and a time zone, so the date is fixed in UTC."""
        return all(point.offset is not None for point in self._points)

    @property
    def _points(self) -> tuple[DatePoint, ...]:
        return (self.start,) if self.end is None else (self.start, self.end)

    def moments(self) -> tuple[int, int]:
        """First minute and the minute after the last: in UTC with zones, else on its clock."""
        if self.has_zone:
            first, after = self.start.utc_moments(), (self.end or self.start).utc_moments()
        else:
            first, after = self.start.moments(), (self.end or self.start).moments()
        return first[0], after[1]  # type: ignore[index]

    def sort_key(self) -> tuple[int, int]:
        return self.moments()

    # Order is by (earliest, latest) moment: "2025" and "about 2025" sort together, though
    # not equal; two times with zones are compared in UTC.
    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()

    def certainly_before(self, other: PartialDate) -> bool:
        """True when every moment this date may be falls before every moment ``other`` may be.

        Two dates with zones compare in UTC, two without on the same clock. When only one
        has a zone, the other may be on any clock from UTC-12 to UTC+14, and is widened.
        """
        (_, mine), (theirs, _) = self.moments(), other.moments()
        if self.has_zone == other.has_zone:
            return mine <= theirs
        if not self.has_zone:
            mine -= _EARLIEST_ZONE
        else:
            theirs -= _LATEST_ZONE
        return mine <= theirs

    def __str__(self) -> str:
        text = str(self.start) + (f"/{self.end}" if self.end else "")
        return text + ("~" if self.approximate else "")

    def format(self, lang: str, short: bool = False) -> str:
        """Say the date at its own precision in any story language (Babel's month names)."""
        return say_date(self.start, self.end, self.approximate, lang, short)


def _ends_before(end: DatePoint, start: DatePoint) -> bool:
    """A range's end before its start: in UTC when both have zones, else on their clocks."""
    end_moments, start_moments = end.utc_moments(), start.utc_moments()
    if end_moments is None or start_moments is None:
        end_moments, start_moments = end.moments(), start.moments()
    return end_moments[1] <= start_moments[0]


def date_span(value: PartialDate, lang: str) -> tuple[str, str]:
    """The first and last day a vague date may be, for "any day from … to …"."""
    return day_ends(value.earliest, value.latest, lang)
