"""Rules for dates counted from *now*, the article's own date: "kemarin", "pekan ini",
"bulan lalu", "this year", "ayer", "la semana pasada". Each keeps the precision its words
give: a day, a week (a range of days), a month, a year. "This week" starts on the news day
the article gives when that day is just before the week's Monday ("Pekan ini … Pada Minggu
(20/8) … memulai perjalanan")."""

from __future__ import annotations

import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from storymap.dates import PartialDate
from storymap.draft.date_vocabulary import Vocabulary
from storymap.draft.datewords import (
    Reading,
    Reference,
    day,
    days,
    from_published,
    month,
    month_end,
    week_of,
    year,
)


def today(v: Vocabulary):
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        amount, unit = v.now[" ".join(m[0].lower().split())]
        if len(m[0].split()) == 1 and _after_article(m, v):
            return None  # "por la mañana" is the morning, not tomorrow
        if unit == "day":
            return from_published(day(ref.published + timedelta(days=amount)), ref)
        if unit == "week":
            return _week_of(ref, amount, None, m)
        if unit == "month":
            first = ref.published.replace(day=1) + relativedelta(months=amount)
            return from_published(month(first.year, first.month), ref)
        return from_published(year(ref.published.year + amount), ref)

    return read


def _after_article(m: re.Match[str], v: Vocabulary) -> bool:
    before = m.string[: m.start()].split()
    return bool(before) and before[-1].lower() in v.words("articles")


def _week_of(ref: Reference, which: int, m_part: str | None, m: re.Match[str]) -> Reading:
    """A week; this week starts on the article's news day when that is just before Monday."""
    monday, sunday = week_of(ref.published + timedelta(weeks=which))
    if m_part == "weekend":
        monday = sunday - timedelta(days=1)
    elif m_part == "earlier":
        sunday = ref.published - timedelta(days=1)
    if which == 0 and m_part is None and ref.lead is not None and ref.lead.is_exact_day:
        news_day = ref.lead.earliest
        if monday - timedelta(days=6) <= news_day < monday:
            reading = from_published(days(news_day, sunday), ref)
            return Reading(
                reading.date, reading.relation, reading.anchor, True,
                f"this week taken to start on the news day, {ref.lead.format('en')}",
            )  # fmt: skip
    if sunday < monday:
        return from_published(day(ref.published), ref)
    return from_published(days(monday, sunday), ref)


def week(m: re.Match[str], ref: Reference) -> Reading:
    """'pekan lalu', 'this week', 'akhir pekan lalu', 'last weekend': a range of days."""
    word = (m["which"] or m["which2"] or m["which3"] or "").lower()
    which = (
        -1 if word in ("lalu", "kemarin", "last", "past") else 1 if word in ("depan", "next") else 0
    )
    weekend = (
        m["weekend"]
        or m["weekend2"]
        or ("weekend" if (m["part"] or "").lower() == "akhir" else None)
    )
    part = "weekend" if weekend else "earlier" if m["earlier"] else None
    return _week_of(ref, which, part, m)


def month_of(m: re.Match[str], ref: Reference) -> Reading:
    """'bulan lalu', 'awal bulan ini', 'later this month', 'earlier this month'."""
    word = (m["which"] or m["which2"] or "").lower()
    which = -1 if word in ("lalu", "kemarin", "last") else 1 if word in ("depan", "next") else 0
    first = ref.published.replace(day=1) + relativedelta(months=which)
    part = (m["part"] or m["part2"] or "").lower().replace("-", " ")
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
    "awal": "early", "early": "early", "beginning": "early", "start": "early",
    "pertengahan": "mid", "mid": "mid", "middle": "mid",
    "akhir": "late", "late": "late", "end": "late",
}  # fmt: skip


def year_of(m: re.Match[str], ref: Reference) -> Reading:
    """'tahun lalu', 'this year', 'earlier this year' (January to this month)."""
    word = (m["which"] or m["which2"] or "").lower()
    value = ref.published.year + (
        -1 if word in ("lalu", "kemarin", "last") else 1 if word in ("depan", "next") else 0
    )
    if (
        (m["part"] or "").lower() == "earlier"
        and value == ref.published.year
        and ref.published.month > 1
    ):
        first, last = month(value, 1), month(value, ref.published.month)
        return from_published(PartialDate(first.start, last.start), ref)
    return from_published(year(value), ref)
