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
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date, format_skeleton

from storymap.errors import StorymapError
from storymap.languages import babel_locale

Precision = Literal["day", "part", "month", "year", "range"]
Part = Literal["early", "mid", "late"]

PARTS: dict[str, tuple[int, int | None]] = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}
# Babel (CLDR) has no words for parts of a month or for "about": our own, for the languages
# we can check; other languages get the English words.
_PART_WORDS = {
    "id": {"early": "awal", "mid": "pertengahan", "late": "akhir"},
    "en": {"early": "early", "mid": "mid", "late": "late"},
    "es": {"early": "principios de", "mid": "mediados de", "late": "finales de"},
}
_APPROX_WORD = {"id": "sekitar", "en": "about", "es": "hacia"}
_POINT = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}|early|mid|late))?)?$")


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
            f"'{whole}' is not a story date: use YYYY, YYYY-MM, YYYY-MM-DD, "
            "YYYY-MM-early|mid|late, a range A/B, and ~ for 'about'"
        )
    year = int(match["year"])
    if year < 1:
        raise DateParseError(f"'{whole}': year 0000 does not exist")
    month = int(match["month"]) if match["month"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateParseError(f"'{whole}': month {month} is not between 01 and 12")
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
            f"'{whole}': {calendar.month_name[month]} {year} has days 1 to {month_end}, not {day}"
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
            raise DateParseError(f"a date must be text like '2025-10-27', not {value!r}")
        text = f"{value:04d}" if isinstance(value, int) and value >= 0 else str(value).strip()
        approximate = text.endswith("~")
        body = text[:-1].strip() if approximate else text
        if "/" in body:
            first, _, second = body.partition("/")
            start = _parse_point(first.strip(), text)
            end = _parse_point(second.strip(), text)
            if end.latest < start.earliest:
                raise DateParseError(f"'{text}': the range ends before it starts")
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
        """Say the date at its own precision in any story language (Babel's month names)."""
        text = (
            _format_point(self.start, lang, short)
            if self.end is None
            else _format_range(self.start, self.end, lang, short)
        )
        return f"{_words(_APPROX_WORD, lang)} {text}" if self.approximate else text


def _locale(lang: str) -> Locale:
    """Babel's locale for a story language; English dates are day-first, as the stories write them."""
    return babel_locale("en-GB" if lang == "en" else lang)


def _words(table: dict[str, dict[str, str]] | dict[str, str], lang: str) -> Any:
    """A word table's entry for ``lang``, its base language (pt for pt-BR), or English."""
    return table.get(lang) or table.get(lang.split("-")[0]) or table["en"]


def _day(day: date, lang: str, short: bool) -> str:
    return format_skeleton("yMMMd" if short else "yMMMMd", day, locale=_locale(lang))


def _month(day: date, lang: str, short: bool, year: bool = True) -> str:
    if not year:  # the month's own name ("LLLL"): Babel's "MMMM" skeleton abbreviates it
        return format_date(day, "LLL" if short else "LLLL", locale=_locale(lang))
    return format_skeleton("yMMM" if short else "yMMMM", day, locale=_locale(lang))


def _format_point(point: DatePoint, lang: str, short: bool) -> str:
    if point.precision == "year":
        return str(point.year)
    if point.precision == "day":
        return _day(point.earliest, lang, short)
    month = _month(point.earliest, lang, short)
    if point.part is None:
        return month
    return f"{_words(_PART_WORDS, lang)[point.part]} {month}"


def _format_range(start: DatePoint, end: DatePoint, lang: str, short: bool) -> str:
    """'27–31 Oktober 2025', 'April – Juli 2025', '2024 – 2025': shared parts said once.

    Shared parts are left out only where the language puts them last ("27–31 de
    octubre de 2025"); a language that writes the month or year first gets both ends whole.
    """
    first, last = start.earliest, end.latest
    if start.precision == end.precision == "day":
        whole = _day(last, lang, short)
        if (first.year, first.month) == (last.year, last.month) and whole.startswith(str(last.day)):
            return f"{first.day}–{whole}"
        if first.year == last.year and whole.endswith(str(last.year)):
            without_year = format_skeleton(
                "MMMd" if short else "MMMMd", first, locale=_locale(lang)
            )
            if without_year.startswith(str(first.day)):
                return f"{without_year} – {whole}"
    if start.precision == end.precision == "month" and first.year == last.year:
        whole = _month(last, lang, short)
        if whole.endswith(str(last.year)):
            return f"{_month(first, lang, short, year=False)} – {whole}"
    if start.precision == end.precision == "year":
        return f"{first.year} – {last.year}"
    return f"{_format_point(start, lang, short)} – {_format_point(end, lang, short)}"
