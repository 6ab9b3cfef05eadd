"""Dates as other tools write them, read into the story's notation, never invented.

Two readers:

- ``read_free_date``: a date as free text (StoryMapJS's ``date``, a GeoJSON property):
  the story's own notation, ``1790``, ``1790-2010`` (a range), ``c. 1850``, ``1850s``,
  ``23 August 2005``, ``Aug 23, 2005``, ``August 2005``, an ISO date with a time.
- ``read_timeline_date``: TimelineJS's parts (``{"year": "1963", "month": "8", "day": "9"}``)
  at the precision they give; an hour and minute give ``YYYY-MM-DDTHH:MM``.

What cannot be held (no year, as in ``Aug 23``; a year before 1 or after 9999, as in a
timeline of the universe; words that are not a date) gives no date: the event is
undated, and ``source`` keeps the source's own words for its ``date_note``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from storymap.dates import DateParseError, PartialDate
from storymap.draft.datewords import MONTHS


@dataclass(frozen=True)
class DateReading:
    """A date in the story notation (None: undated), the source's words, and what changed."""

    value: str | None
    source: str = ""  # the source's own words, for date_note when they could not be used
    problem: str | None = None  # one line for the report, if anything was lost or changed

    @property
    def keep_note(self) -> bool:
        """The source said something the date does not hold: keep its words in date_note."""
        return bool(self.source) and self.problem is not None


_MONTH = r"(?P<{}>[A-Za-z]{{3,10}})\.?"
_YEAR_RANGE = re.compile(r"(?P<a>\d{1,4})\s*(?:-|–|—|to|until|/)\s*(?P<b>\d{1,4})", re.I)
_ABOUT = re.compile(r"(?:c\.|ca\.|circa|about|around|approx\.?)\s*(?P<rest>.+)", re.I)
_DECADE = re.compile(r"(?P<decade>\d{3}0)s")
_ISO_TIME = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?"
)
# A year after a month has three or four digits: "Aug 23" is a day without a year.
_DAY_MONTH_YEAR = re.compile(r"(?P<d>\d{1,2})\s+" + _MONTH.format("m") + r",?\s+(?P<y>\d{3,4})")
_MONTH_DAY_YEAR = re.compile(_MONTH.format("m") + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{3,4})")
_MONTH_YEAR = re.compile(_MONTH.format("m") + r",?\s+(?P<y>\d{3,4})")
_NO_YEAR = re.compile(
    r"(?:" + _MONTH.format("m") + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTH.format("m2") + r")"
)
_YEAR_ONLY = re.compile(r"-?\d+")


def read_free_date(text: object) -> DateReading:
    """A free-text date in the story notation, or undated with the reason."""
    words = "" if text is None else " ".join(str(text).split())
    if not words:
        return DateReading(None, "", "no date")
    try:
        return DateReading(str(PartialDate.parse(words)), words)
    except DateParseError:
        pass
    about = _ABOUT.fullmatch(words)
    if about:
        inner = read_free_date(about["rest"])
        if inner.value is not None and not inner.value.endswith("~"):
            return DateReading(inner.value + "~", words, inner.problem)
        return DateReading(None, words, inner.problem or f"'{words}' is not a date it can read")
    reading = _read_plain(words)
    if reading is not None:
        return reading
    if _NO_YEAR.fullmatch(words) and _is_month(words):
        return DateReading(None, words, f"the date '{words}' has no year")
    if _YEAR_ONLY.fullmatch(words):
        if 1 <= int(words) <= 9999:
            return DateReading(f"{int(words):04d}", words)
        return DateReading(None, words, _out_of_range(words))
    return DateReading(None, words, f"'{words}' is not a date it can read")


def _read_plain(words: str) -> DateReading | None:
    """The forms without 'about': ranges of years, decades, written-out days, ISO times."""
    if m := _YEAR_RANGE.fullmatch(words):
        first, last = int(m["a"]), int(m["b"])
        if first < 1 or last < first:
            return DateReading(None, words, f"'{words}' is not a range of years it can read")
        return DateReading(f"{first:04d}/{last:04d}", words)
    if m := _DECADE.fullmatch(words):
        start = int(m["decade"])
        return DateReading(f"{start:04d}/{start + 9:04d}", words)
    if m := _ISO_TIME.fullmatch(words):
        zone = m["zone"] or ""
        if zone and zone != "Z" and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        return _checked(f"{m['day']}T{m['hh']}:{m['mm']}{zone}", words)
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if (m := pattern.fullmatch(words)) and _month(m["m"]):
            return _checked(f"{int(m['y']):04d}-{_month(m['m']):02d}-{int(m['d']):02d}", words)
    if (m := _MONTH_YEAR.fullmatch(words)) and _month(m["m"]):
        return _checked(f"{int(m['y']):04d}-{_month(m['m']):02d}", words)
    return None


def _checked(value: str, words: str) -> DateReading:
    """``value`` if the story notation accepts it (a real day), else undated with why."""
    try:
        return DateReading(str(PartialDate.parse(value)), words)
    except DateParseError as error:
        return DateReading(None, words, f"'{words}' cannot be a story date ({error})")


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _is_month(words: str) -> bool:
    return any(_month(word) for word in re.findall(r"[A-Za-z]+", words))


def _out_of_range(year: str) -> str:
    return f"the year {year} is outside what a story date can hold (years 1 to 9999)"


# --- TimelineJS's date parts ------------------------------------------------------------


def read_timeline_date(start: Any, end: Any = None) -> DateReading:
    """TimelineJS ``start_date``/``end_date`` parts as one story date, at their precision."""
    first = _parts(start)
    if first is None:
        return DateReading(None, "", "no date")
    last = _parts(end)
    words = _parts_text(first) + (f" to {_parts_text(last)}" if last else "")
    problems: list[str] = []
    start_value = _point(first, problems)
    if start_value is None:
        return DateReading(None, words, "; ".join(problems))
    end_value = _point(last, problems) if last else None
    if last is not None and end_value is None:
        return DateReading(None, words, "; ".join(problems))
    value = start_value if end_value is None else f"{start_value}/{end_value}"
    try:
        value = str(PartialDate.parse(value))
    except DateParseError as error:
        problems.append(f"the end date is dropped ({error})")
        value = start_value
    return DateReading(value, words, "; ".join(dict.fromkeys(problems)) or None)


def _parts(value: Any) -> dict[str, str] | None:
    """The non-empty parts as text; None when there is no year."""
    if not isinstance(value, dict):
        return None
    parts = {k: str(v).strip() for k, v in value.items() if v is not None and str(v).strip()}
    return parts if parts.get("year") else None


def _parts_text(parts: dict[str, str]) -> str:
    """The parts as the timeline gave them: 'year -5410', '1985-01-05 6:45:56'."""
    text = "-".join(parts[k] for k in ("year", "month", "day") if k in parts)
    clock = ":".join(parts[k] for k in ("hour", "minute", "second") if k in parts)
    return f"{text} {clock}".strip()


def _number(parts: dict[str, str], key: str, problems: list[str]) -> int | None:
    if key not in parts:
        return None
    try:
        return int(float(parts[key]))
    except ValueError:
        problems.append(f"the {key} '{parts[key]}' is not a number: left out")
        return None


def _point(parts: dict[str, str] | None, problems: list[str]) -> str | None:
    """One end as YYYY[-MM[-DD[THH:MM]]], as precise as its parts; None if it cannot be held."""
    if parts is None:
        return None
    year = _number(parts, "year", problems)
    if year is None or not 1 <= year <= 9999:
        problems.append(_out_of_range(parts["year"]))
        return None
    text = f"{year:04d}"
    month = _number(parts, "month", problems)
    if month is None:
        return text
    if not 1 <= month <= 12:
        problems.append(f"the month {month} is not 1 to 12: the year is kept")
        return text
    text += f"-{month:02d}"
    day = _number(parts, "day", problems)
    if day is None:
        return text
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        problems.append(f"{calendar.month_name[month]} {year} has no day {day}: the month is kept")
        return text
    text += f"-{day:02d}"
    hour, minute = _number(parts, "hour", problems), _number(parts, "minute", problems)
    if hour is None:
        return text
    if minute is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        problems.append(
            f"the time {_parts_text(parts)} has no minute a story can hold: the day is kept"
        )
        return text
    if "second" in parts:
        problems.append("seconds are dropped (a story's times are to the minute)")
    return f"{text}T{hour:02d}:{minute:02d}"


def timeline_sort_key(start: Any) -> tuple[float, ...]:
    """Where TimelineJS puts an event: by its start parts as numbers (any year, even -13.8e9)."""
    parts = _parts(start) or {}
    key: list[float] = []
    for name in ("year", "month", "day", "hour", "minute", "second"):
        try:
            key.append(float(parts.get(name, 0) or 0))
        except ValueError:
            key.append(0.0)
    return tuple(key)
