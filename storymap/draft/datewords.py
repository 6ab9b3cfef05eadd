"""The small date arithmetic the date rules share, and what they read dates against.

The words themselves (month and weekday names, "kemarin", "la semana pasada") are in
``date_vocabulary``, per language.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from storymap.dates import DatePoint, PartialDate

UNIT_ID = {"day": "hari", "week": "pekan", "month": "bulan", "year": "tahun"}


def __getattr__(name: str) -> object:
    """``MONTHS``: Indonesian and English month names (for the importers), read when asked."""
    if name == "MONTHS":
        from storymap.draft.date_vocabulary import vocabulary

        return vocabulary("id").months
    raise AttributeError(name)


def day(value: date) -> PartialDate:
    return PartialDate(DatePoint(value.year, value.month, value.day))


def month(year: int, month_: int, part: str | None = None) -> PartialDate:
    return PartialDate(DatePoint(year, month_, part=part))  # type: ignore[arg-type]


def year(value: int, approximate: bool = False) -> PartialDate:
    return PartialDate(DatePoint(value), approximate=approximate)


def days(first: date, last: date) -> PartialDate:
    """A range of days (one day when both ends are the same)."""
    if first == last:
        return day(first)
    return PartialDate(
        DatePoint(first.year, first.month, first.day), DatePoint(last.year, last.month, last.day)
    )


def between(first: PartialDate, last: PartialDate, approximate: bool = False) -> PartialDate:
    end = last.end or last.start
    if end == first.start:
        return PartialDate(first.start, None, approximate)
    return PartialDate(first.start, end, approximate)


def week_of(value: date) -> tuple[date, date]:
    """Monday to Sunday of the week holding ``value``."""
    monday = value - timedelta(days=value.weekday())
    return monday, monday + timedelta(days=6)


def month_end(year_: int, month_: int) -> int:
    return calendar.monthrange(year_, month_)[1]


@dataclass(frozen=True)
class Shift:
    """How far a relative expression moves from its anchor: ``amount`` units, signed."""

    amount: int
    unit: str  # day, week, month, year

    def apply(self, anchor: PartialDate) -> PartialDate:
        """The anchor moved, at the precision the anchor and the unit both support, never more."""
        moved = anchor.start.earliest + relativedelta(**{f"{self.unit}s": self.amount})
        precision = anchor.start.precision
        if self.unit in ("day", "week") and precision == "day":
            result = day(moved)
            approximate = self.unit == "week" or anchor.approximate
            return PartialDate(result.start, None, approximate)
        if self.unit == "year" or precision == "year":
            return year(moved.year, approximate=True)
        return PartialDate(DatePoint(moved.year, moved.month), None, True)

    def words(self, lang: str) -> str:
        size = abs(self.amount)
        if lang == "id":
            return f"{size} {UNIT_ID[self.unit]}"
        return f"{size} {self.unit}{'s' if size != 1 else ''}"


@dataclass
class Reference:
    """What relative dates are read against: the article's date, its news day, the last date."""

    published: date
    lang: str = "id"  # the article's language: which words the rules read
    lead: PartialDate | None = None  # the first day the article gives: its news day
    current: PartialDate | None = None  # the last date the article gave, moving as it reads

    @property
    def published_date(self) -> PartialDate:
        return day(self.published)

    def anchor(self, unit: str) -> tuple[PartialDate, str]:
        """The date "later"/"before" counts from: the last date, if precise enough for the unit.

        "Sehari sebelumnya" after "three months later" cannot count a day from a month, so
        it falls back to the article's news day, then to its publication date.
        """
        needs_day = unit in ("day", "week")
        for anchor, kind in ((self.current, "previous"), (self.lead, "lead")):
            if anchor is not None and (not needs_day or anchor.is_exact_day):
                return anchor, kind
        return self.published_date, "published"


@dataclass(frozen=True)
class Reading:
    """A date read from words: the date, how it was worked out (per language), and from what."""

    date: PartialDate
    relation: dict[str, str] | None = None  # "the day before 27 October 2025", in id and en
    anchor: str = "explicit"  # explicit, published, previous, lead
    uncertain: bool = False  # the year or the anchor was guessed: the author must check
    why: str | None = None  # what to check, for draft.todo: "the year is a guess"


def from_published(result: PartialDate, ref: Reference) -> Reading:
    """A date counted from the article's own date ("kemarin", "bulan lalu")."""
    said_id, said_en = _counted_from(ref.published_date)
    return Reading(result, {"id": said_id, "en": said_en}, "published")


@lru_cache(maxsize=16)
def _counted_from(published: PartialDate) -> tuple[str, str]:
    """The words for the article's date, written once per article, not once per date read."""
    return (
        f"dihitung dari tanggal artikel, {published.format('id')}",
        f"counted from the article's date, {published.format('en')}",
    )
