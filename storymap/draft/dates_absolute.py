"""Rules for dates the article writes out: "Senin (27/10/2025)", "3 September 2025", "1948".

Each rule is a regular expression and a function from its match to a ``Reading``. A day or
month without a year takes the article's year (the year before, when that would put it
more than half a year after the article), and says so: the author must check it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from storymap.draft.datewords import (
    MONTH,
    WEEKDAY,
    Reading,
    Reference,
    between,
    day,
    days,
    month,
    month_end,
    month_number,
    year,
)

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Reference], Reading | None]]
PARTS = {
    "awal": "early",
    "early": "early",
    "beginning of": "early",
    "the beginning of": "early",
    "start of": "early",
    "the start of": "early",
    "pertengahan": "mid",
    "mid": "mid",
    "middle of": "mid",
    "the middle of": "mid",
    "akhir": "late",
    "late": "late",
    "end of": "late",
    "the end of": "late",
}
PART = r"(?P<part>awal|pertengahan|akhir|early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
APPROX = r"(?P<about>sekitar|kira-kira|around|about|circa|c\.)"
_UNIT_AFTER_YEAR = re.compile(
    r"\s+(orang|jiwa|people|tentara|troops|soldiers|prajurit|personel|personnel|pasukan|unit|units"
    r"|ton|tons|tonnes|km|kilometer|kilometers|meter|meters|dolar|dollars|rupiah|kali|times|warga"
    r"|rumah|houses|hektare|hectares|kendaraan|vehicles|rudal|missiles|pesawat|aircraft)\b",
    re.IGNORECASE,
)


def _year_for(month_: int, day_: int | None, ref: Reference) -> tuple[int, bool]:
    """A year the article leaves out: its own, or the one before when that is far ahead."""
    guess = date(ref.published.year, month_, min(day_ or 1, month_end(ref.published.year, month_)))
    if (guess - ref.published).days > 183:
        return ref.published.year - 1, True
    return ref.published.year, True


def _two_digit_year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _numeric(m: re.Match[str], ref: Reference) -> Reading | None:
    """'Senin (27/10/2025)', '27/10/2025', '(27/10)': day/month, as Indonesian papers write."""
    first, second = int(m["a"]), int(m["b"])
    day_, month_ = (second, first) if first <= 12 < second else (first, second)
    if not 1 <= month_ <= 12:
        return None
    if m["y"]:
        year_, guessed = _two_digit_year(m["y"]), False
    else:
        year_, guessed = _year_for(month_, day_, ref)
    if not 1 <= day_ <= month_end(year_, month_):
        return None
    return Reading(day(date(year_, month_, day_)), uncertain=guessed)


def _day_month(m: re.Match[str], ref: Reference) -> Reading | None:
    """'3 September 2025', '27-31 Oktober 2025', 'September 3, 2025', 'Oct. 27'."""
    month_ = month_number(m["month"])
    first = int(m["d1"])
    last = int(m["d2"]) if m["d2"] else first
    if m["y"]:
        year_, guessed = int(m["y"]), False
    else:
        year_, guessed = _year_for(month_, first, ref)
    end = month_end(year_, month_)
    if not 1 <= first <= last <= end:
        return None
    return Reading(days(date(year_, month_, first), date(year_, month_, last)), uncertain=guessed)


def _day_to_day(m: re.Match[str], ref: Reference) -> Reading | None:
    """'18 April hingga 23 April 2024', 'from 30 March to 2 April 2025': a range of days."""
    first_month, last_month = month_number(m["m1"]), month_number(m["m2"])
    last_year = int(m["y"])
    first_year = last_year if first_month <= last_month else last_year - 1
    try:
        first = date(first_year, first_month, int(m["d1"]))
        last = date(last_year, last_month, int(m["d2"]))
    except ValueError:
        return None
    return Reading(days(first, last)) if first <= last else None


def _part_month(m: re.Match[str], ref: Reference) -> Reading | None:
    """'awal April 2025', 'mid-April', 'the end of October 2025'."""
    month_ = month_number(m["month"])
    year_, guessed = (int(m["y"]), False) if m["y"] else _year_for(month_, None, ref)
    part = PARTS[" ".join(m["part"].lower().split())]
    return Reading(month(year_, month_, part), uncertain=guessed)


def _month_range(m: re.Match[str], ref: Reference) -> Reading | None:
    """'April-Juli 2025', 'April to July 2025'."""
    first, last = month_number(m["m1"]), month_number(m["m2"])
    year_ = int(m["y"])
    start_year = year_ if first <= last else year_ - 1
    return Reading(between(month(start_year, first), month(year_, last)))


def _month_year(m: re.Match[str], ref: Reference) -> Reading | None:
    """'April 2025', 'Februari 2022'."""
    return Reading(month(int(m["y"]), month_number(m["month"])))


def _bare_month(m: re.Match[str], ref: Reference) -> Reading | None:
    """'pada April', 'in May': a month of the article's year, or the year before."""
    month_ = month_number(m["month"])
    year_, _ = _year_for(month_, None, ref)
    if year_ == ref.published.year and month_ > ref.published.month:
        year_ -= 1  # past tense is the rule in news; the author checks
    return Reading(month(year_, month_), uncertain=True)


def _decade(m: re.Match[str], ref: Reference) -> Reading | None:
    """'1990-an', 'the 1990s': the ten years."""
    start = int(m["decade"])
    return Reading(between(year(start), year(start + 9)))


def _year_range(m: re.Match[str], ref: Reference) -> Reading | None:
    """'2022-2024', 'dari 2022 hingga 2024', 'between 2022 and 2024'."""
    first, last = int(m["y1"]), int(m["y2"])
    if not _plausible(first, ref) or not _plausible(last, ref) or last <= first:
        return None
    return Reading(between(year(first), year(last)))


def _plain_year(m: re.Match[str], ref: Reference) -> Reading | None:
    """'pada 2024', 'sejak 1948', 'in 2024', 'sekitar 1950' (about), 'akhir 2024' (a year)."""
    value = int(m["y"])
    if not _plausible(value, ref) or _UNIT_AFTER_YEAR.match(m.string, m.end()):
        return None
    if _NUMBER_BEFORE.match(m.string, max(0, m.start() - 2), m.start()):
        return None  # part of a number such as 10.2025 or 1,948
    return Reading(year(value, approximate=bool(m["about"])))


_NUMBER_BEFORE = re.compile(r".?[\d.,]\n?\Z", re.DOTALL)  # what ends the text before


def _plausible(value: int, ref: Reference) -> bool:
    return 1000 <= value <= ref.published.year + 10


YEAR = r"(?P<y>\d{4})"
ABSOLUTE_RULES: list[Rule] = [
    (
        re.compile(
            rf"(?:{WEEKDAY}\s*,?\s*)?\(\s*(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?\s*\)"
        ),
        _numeric,
    ),
    (
        re.compile(rf"(?:{WEEKDAY}\s*,?\s*)?\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})\b"),
        _numeric,
    ),
    (
        re.compile(
            rf"\b(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH})\s*(?:[-–]|hingga|sampai|to|until)\s*"
            rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}),?\s+{YEAR}\b"
        ),
        _day_to_day,
    ),
    (
        re.compile(
            rf"(?:{WEEKDAY}\s*,?\s+)?(?:tanggal\s+)?\b(?P<d1>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?"
            rf"\s+(?P<month>{MONTH})(?:,?\s+{YEAR})?\b"
        ),
        _day_month,
    ),
    (
        re.compile(
            rf"(?:{WEEKDAY}\s*,?\s+)?\b(?P<month>{MONTH})\s+(?P<d1>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?"
            rf"(?:,?\s+{YEAR})?\b(?!\s*[,.]?\d)"
        ),
        _day_month,
    ),
    (
        re.compile(rf"\b{PART}[\s-]+(?:bulan\s+)?(?P<month>{MONTH})(?:\s+{YEAR})?\b", re.I),
        _part_month,
    ),
    (
        re.compile(
            rf"\b(?P<m1>{MONTH})\s*(?:[-–]|hingga|sampai|to|until)\s*(?P<m2>{MONTH})\s+{YEAR}\b",
            re.I,
        ),
        _month_range,
    ),
    (re.compile(rf"\b(?:bulan\s+)?(?P<month>{MONTH})\s+{YEAR}\b", re.I), _month_year),
    (
        re.compile(
            rf"\b(?:pada|sejak|bulan|hingga|sampai|selama|in|since|during|until|by|before|after)\s+"
            rf"(?:(?:bulan|the\s+month\s+of)\s+)?(?P<month>{MONTH})\b(?!\s+\d)",
            re.I,
        ),
        _bare_month,
    ),
    (
        re.compile(r"\b(?:(?:tahun|the)\s+)?(?P<decade>1[0-9]{2}0|20[0-9]0)(?:-an|an|'?s)\b", re.I),
        _decade,
    ),
    (
        re.compile(
            r"\b(?:(?:dari|from)\s+)?(?:tahun\s+)?(?P<y1>\d{4})\s*(?:[-–]|hingga|sampai|to|until)\s*(?P<y2>\d{4})\b",
            re.I,
        ),
        _year_range,
    ),
    (
        re.compile(r"\b(?:between|antara)\s+(?P<y1>\d{4})\s+(?:and|dan)\s+(?P<y2>\d{4})\b", re.I),
        _year_range,
    ),
    (
        re.compile(
            rf"(?:\b{APPROX}\s+)?(?:\b(?:awal|pertengahan|akhir|early|mid|late)[\s-]+)?(?:\btahun\s+)?\b{YEAR}\b(?!\s*[/.,]\d)",
            re.I,
        ),
        _plain_year,
    ),
]
