"""Partial and approximate dates, as news stories tell them.

A news article says "1948", "April 2025", "early this month" or "27 Oct 2025". A
``PartialDate`` keeps exactly the precision the source gives: it never invents a
day. Every value has an ``earliest`` and a ``latest`` day (plain ``datetime.date``,
so 1948 and earlier are fine) and sorts by them.

Notation (EDTF-like, documented in docs/story-format.md):

==================  ===========================================
``2025-10-27``      a day
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
from datetime import date
from typing import Literal

from babel.dates import format_date

from storymap.errors import StorymapError
from storymap.messages import quote

Precision = Literal["day", "part", "month", "year", "range"]
Part = Literal["early", "mid", "late"]

PARTS: dict[str, tuple[int, int | None]] = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}
_PART_WORDS = {
    "id": {"early": "awal", "mid": "pertengahan", "late": "akhir"},
    "en": {"early": "early", "mid": "mid", "late": "late"},
}
_APPROX_WORD = {"id": "sekitar", "en": "about"}
# [0-9], not \d: \d also matches Arabic-Indic and other digits, which int() would accept.
_POINT = re.compile(
    r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}|early|mid|late))?)?$"
)


class DateParseError(StorymapError, ValueError):
    """A date string that is not in the story notation; the message says why."""


@dataclass(frozen=True)
class DatePoint:
    """One end of a partial date: a year, a month, a part of a month, or a day."""

    year: int
    month: int | None = None
    day: int | None = None
    part: Part | None = None

    @property
    def precision(self) -> Precision:
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

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        elif self.part is not None:
            text += f"-{self.part}"
        return text


def _parse_point(text: str, whole: str) -> DatePoint:
    match = _POINT.match(text)
    if not match:
        raise DateParseError(
            f"{quote(whole)} is not a story date: use YYYY, YYYY-MM, YYYY-MM-DD, "
            "YYYY-MM-early|mid|late, a range A/B, and ~ for 'about'"
        )
    year = int(match["year"])
    if year < 1:
        raise DateParseError(f"{quote(whole)}: year 0000 does not exist")
    month = int(match["month"]) if match["month"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateParseError(f"{quote(whole)}: month {month} is not between 01 and 12")
    day_text = match["day"]
    if day_text is None:
        return DatePoint(year, month)
    if day_text in PARTS:
        return DatePoint(year, month, part=day_text)  # type: ignore[arg-type]
    day = int(day_text)
    assert month is not None
    month_end = calendar.monthrange(year, month)[1]
    if not 1 <= day <= month_end:
        raise DateParseError(
            f"{quote(whole)}: {calendar.month_name[month]} {year} has days 1 to {month_end}, not {day}"
        )
    return DatePoint(year, month, day)


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
            if end.latest < start.earliest:
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
    def is_exact_day(self) -> bool:
        return self.precision == "day" and not self.approximate

    def sort_key(self) -> tuple[date, date]:
        return (self.earliest, self.latest)

    # Order is by (earliest, latest): "2025" and "about 2025" sort together, though not equal.
    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()

    def certainly_before(self, other: PartialDate) -> bool:
        """True when every day this date may be falls before every day ``other`` may be."""
        return self.latest < other.earliest

    def __str__(self) -> str:
        text = str(self.start) + (f"/{self.end}" if self.end else "")
        return text + ("~" if self.approximate else "")

    def format(self, lang: str, short: bool = False) -> str:
        """Say the date at its own precision, in Indonesian or English (Babel)."""
        text = (
            _format_point(self.start, lang, short)
            if self.end is None
            else _format_range(self.start, self.end, lang, short)
        )
        return f"{_APPROX_WORD[lang]} {text}" if self.approximate else text


def _format_point(point: DatePoint, lang: str, short: bool) -> str:
    month_pattern = "MMM" if short else "MMMM"
    if point.precision == "year":
        return str(point.year)
    if point.precision == "day":
        return format_date(point.earliest, f"d {month_pattern} y", locale=lang)
    month = format_date(point.earliest, f"{month_pattern} y", locale=lang)
    if point.part is None:
        return month
    return f"{_PART_WORDS[lang][point.part]} {month}"


def _format_range(start: DatePoint, end: DatePoint, lang: str, short: bool) -> str:
    """'27–31 Oktober 2025', 'April – Juli 2025', '2024 – 2025': shared parts said once."""
    month = "MMM" if short else "MMMM"
    first, last = start.earliest, end.latest
    if start.precision == end.precision == "day":
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{format_date(last, f'd {month} y', locale=lang)}"
        if first.year == last.year:
            return f"{format_date(first, f'd {month}', locale=lang)} – {format_date(last, f'd {month} y', locale=lang)}"
    if start.precision == end.precision == "month" and first.year == last.year:
        return f"{format_date(first, month, locale=lang)} – {format_date(last, f'{month} y', locale=lang)}"
    if start.precision == end.precision == "year":
        return f"{first.year} – {last.year}"
    return f"{_format_point(start, lang, short)} – {_format_point(end, lang, short)}"
