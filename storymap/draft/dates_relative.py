"""Rules for relative dates: "kemarin", "pekan lalu", "tiga bulan kemudian", "the day before".

Two kinds of anchor. Words about *now* ("bulan lalu", "this month", "yesterday") count from
the article's date. Words about *then* ("kemudian", "sebelumnya", "later", "the day
before") count from the last date the article gave, when it is precise enough for the
unit, else from the article's news day (see ``Reference.anchor``). The result keeps the
precision the words support: "bulan lalu" is a month, "pekan lalu" a range of days,
"tiga bulan kemudian" an approximate month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from storymap.dates import PartialDate
from storymap.draft.dates_absolute import Rule
from storymap.draft.datewords import (
    NUMBER,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    Reading,
    Reference,
    Shift,
    day,
    days,
    from_published,
    month,
    month_end,
    number,
    week_of,
    year,
)

_LAST = {"lalu", "kemarin", "last", "previous", "past"}
_NEXT = {"depan", "mendatang", "next", "coming"}


def _offset_month(value: date, months: int) -> date:
    return value + relativedelta(months=months)


def _which(word: str | None) -> int:
    """-1 for last/lalu, +1 for next/depan, 0 for this/ini."""
    word = (word or "").lower()
    return -1 if word in _LAST else 1 if word in _NEXT else 0


def _today(m: re.Match[str], ref: Reference) -> Reading:
    word = m[0].lower()
    shift = {"kemarin": -1, "yesterday": -1, "besok": 1, "tomorrow": 1, "lusa": 2}.get(word, 0)
    return from_published(day(ref.published + timedelta(days=shift)), ref)


def _weekday(m: re.Match[str], ref: Reference) -> Reading:
    """'Senin', 'on Monday', 'Kamis lalu', 'next Friday': the nearest such day, before by default."""
    target = WEEKDAYS[m["weekday"].lower()]
    which = _which(m["before"] or m["after"]) or (1 if _ahead(m) else 0)
    back = (ref.published.weekday() - target) % 7
    if which > 0:
        ahead = (target - ref.published.weekday()) % 7
        found = ref.published + timedelta(days=ahead or (0 if _ahead(m) else 7))
    else:
        found = ref.published - timedelta(days=back or (7 if which < 0 else 0))
    return from_published(day(found), ref)


_SAID = re.compile(
    r"\b(?:said|says|told|reported|announced|kata|ujar|mengatakan|melaporkan)\b\W*(?:\w+\W+){0,2}$",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|akan|is to|are to|dijadwalkan|scheduled|is expected|are expected|plans? to)\b", re.I
)


def _ahead(m: re.Match[str]) -> bool:
    """'will travel to China on Monday': a weekday in a sentence about the future, not after 'said'."""
    before = m.string[max(0, m.start() - 40) : m.start()]
    return not _SAID.search(before) and _about_the_future(m.string)


@lru_cache(maxsize=8)
def _about_the_future(sentence: str) -> bool:
    """Read once per sentence, not once per weekday in it (a sentence may hold thousands)."""
    return bool(_FUTURE.search(sentence))


def _week(m: re.Match[str], ref: Reference) -> Reading:
    """'pekan lalu', 'this week', 'akhir pekan lalu', 'last weekend': a range of days."""
    monday, sunday = week_of(ref.published + timedelta(weeks=_which(m["which"])))
    if m["weekend"]:
        monday = sunday - timedelta(days=1)
    elif m["earlier"]:
        sunday = ref.published - timedelta(days=1)
    if sunday < monday:
        return from_published(day(ref.published), ref)
    return from_published(days(monday, sunday), ref)


def _month(m: re.Match[str], ref: Reference) -> Reading:
    """'bulan lalu', 'awal bulan ini', 'later this month', 'earlier this month'."""
    first = _offset_month(ref.published.replace(day=1), _which(m["which"]))
    part = (m["part"] or "").lower().replace("-", " ")
    if part in ("earlier", "later") and first.month == ref.published.month:
        end = first.replace(day=month_end(first.year, first.month))
        span = (
            (first, ref.published - timedelta(days=1))
            if part == "earlier"
            else (ref.published + timedelta(days=1), end)
        )
        if span[0] <= span[1]:
            return from_published(days(*span), ref)
    named = _PART_OF.get(part.split()[0] if part else "")
    return from_published(month(first.year, first.month, named), ref)


_PART_OF = {
    "awal": "early",
    "early": "early",
    "beginning": "early",
    "start": "early",
    "pertengahan": "mid",
    "mid": "mid",
    "middle": "mid",
    "akhir": "late",
    "late": "late",
    "end": "late",
}


def _year(m: re.Match[str], ref: Reference) -> Reading:
    """'tahun lalu', 'this year', 'earlier this year' (January to this month)."""
    value = ref.published.year + _which(m["which"])
    if (
        (m["part"] or "").lower() == "earlier"
        and value == ref.published.year
        and ref.published.month > 1
    ):
        first, last = month(value, 1), month(value, ref.published.month)
        return from_published(PartialDate(first.start, last.start), ref)
    return from_published(year(value), ref)


def _ago(m: re.Match[str], ref: Reference) -> Reading | None:
    """'tiga hari lalu', 'two years ago': counted back from the article's date."""
    shift = Shift(-number(m["n"]), UNITS[m["unit"].lower().rstrip("s")])
    return from_published(shift.apply(ref.published_date), ref)


def _then(m: re.Match[str], ref: Reference) -> Reading | None:
    """'tiga bulan kemudian', 'sehari sebelumnya', 'the day before', 'a week later'."""
    amount = number(m["n"]) if m["n"] else 1
    unit = UNITS[(m["unit"] or m["unit2"]).lower().rstrip("s")]
    direction = (m["dir"] or "").lower()
    sign = -1 if direction in ("sebelumnya", "earlier", "before", "previous", "prior") else 1
    shift = Shift(sign * amount, unit)
    anchor, kind = ref.anchor(unit)
    result = shift.apply(anchor)
    words = {
        "id": f"{shift.words('id')} {'sebelum' if sign < 0 else 'setelah'} {anchor.format('id')}",
        "en": f"{shift.words('en')} {'before' if sign < 0 else 'after'} {anchor.format('en')}",
    }
    if amount == 1 and unit == "day":
        words = {
            "id": f"sehari {'sebelum' if sign < 0 else 'setelah'} {anchor.format('id')}",
            "en": f"the day {'before' if sign < 0 else 'after'} {anchor.format('en')}",
        }
    return Reading(result, words, kind, uncertain=kind != "previous")


_UNIT = r"(?P<unit>hari|pekan|minggu|bulan|tahun|days?|weeks?|months?|years?)"
RELATIVE_RULES: list[Rule] = [
    (
        re.compile(
            rf"\b(?:(?P<n>{NUMBER})\s+{_UNIT}|se(?P<unit2>hari|pekan|minggu|bulan|tahun))\s+"
            r"(?P<dir>kemudian|setelahnya|sesudahnya|sebelumnya|later|earlier|afterwards?)\b",
            re.I,
        ),
        _then,
    ),
    (
        re.compile(
            r"\b(?:the|pada)\s+(?:(?P<dir>previous|prior|next|following)\s+(?P<unit>day|week|month|year)"
            r"|(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after))\b(?!\s+(?:yesterday|tomorrow))",
            re.I,
        ),
        lambda m, ref: _then(_directed(m), ref),
    ),
    (
        re.compile(r"\bkeesokan\s+harinya\b", re.I),
        lambda m, ref: _then(_fixed(m, "hari", "kemudian"), ref),
    ),
    (
        re.compile(rf"\b(?P<n>{NUMBER})\s+{_UNIT}\s+(?:yang\s+)?(?:lalu|silam|ago)\b", re.I),
        _ago,
    ),
    (
        re.compile(
            r"\b(?:(?P<part>awal|pertengahan|akhir)\s+)?(?:pekan|minggu)\s+(?P<which>lalu|kemarin|ini|depan)\b"
            r"|\b(?P<earlier>earlier)\s+(?P<which2>this)\s+week\b"
            r"|\b(?P<which3>last|this|next|past)\s+(?:(?P<weekend>weekend)|week)\b"
            r"|\b(?:at|over)\s+the\s+(?P<weekend2>weekend)\b",
            re.I,
        ),
        lambda m, ref: _week(_week_view(m), ref),
    ),
    (
        re.compile(
            r"\b(?:(?:pada\s+)?(?P<part>awal|pertengahan|akhir|early|mid|late|earlier|later)[\s-]+"
            r"|(?:at\s+)?the\s+(?P<part2>beginning|start|middle|end)\s+of\s+)?"
            r"(?:bulan\s+(?P<which>ini|lalu|kemarin|depan)|(?P<which2>this|last|next)\s+month)\b",
            re.I,
        ),
        lambda m, ref: _month(_month_view(m), ref),
    ),
    (
        re.compile(
            r"\b(?:(?P<part>awal|pertengahan|akhir|early|late|earlier|later)\s+)?"
            r"(?:tahun\s+(?P<which>ini|lalu|kemarin|depan)|(?P<which2>this|last|next)\s+year)\b",
            re.I,
        ),
        lambda m, ref: _year(_month_view(m), ref),
    ),
    (re.compile(r"\b(?:kemarin|yesterday|hari\s+ini|today|besok|tomorrow|lusa)\b", re.I), _today),
    (
        re.compile(
            rf"\b(?:(?P<before>last|next|this|on)\s+)?(?:hari\s+)?(?P<weekday>{WEEKDAY})\b"
            r"(?:\s+(?P<after>lalu|kemarin|depan|mendatang))?(?!\s+(?:ini|lalu|depan)\b)"
        ),
        _weekday,
    ),
]


class _View:
    """A match read through other group names, so one handler serves several wordings."""

    def __init__(self, match: re.Match[str], **values: str | None) -> None:
        self._match, self._values = match, values

    def __getitem__(self, key: str | int) -> str | None:
        if isinstance(key, str) and key in self._values:
            return self._values[key]
        return self._match[key]


def _directed(m: re.Match[str]) -> _View:
    direction = m["dir"] or m["dir2"]
    back = direction.lower() in ("previous", "prior", "before")
    return _View(
        m, n=None, unit=m["unit"] or m["unit2"], unit2=None, dir="before" if back else "after"
    )


def _fixed(m: re.Match[str], unit: str, direction: str) -> _View:
    return _View(m, n=None, unit=unit, unit2=None, dir=direction)


def _week_view(m: re.Match[str]) -> _View:
    weekend = m["weekend"] or m["weekend2"]
    weekend = weekend or ("weekend" if (m["part"] or "").lower() == "akhir" else None)
    return _View(m, which=m["which"] or m["which2"] or m["which3"], weekend=weekend)


def _month_view(m: re.Match[str]) -> _View:
    part = m["part"] or (m["part2"] if "part2" in m.re.groupindex else None)
    return _View(m, which=m["which"] or m["which2"], part=part)
