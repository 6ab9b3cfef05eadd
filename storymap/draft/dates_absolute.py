"""Rules for dates the article writes out: "Senin (27/10/2025)", "3 September 2025", "1948".

Each rule is a regular expression and a function from its match to a ``Reading``; the
expressions are built from one language's words (``date_vocabulary``). A day or month
without a year takes the article's year (the year before, when that would put it more
than half a year after the article), and says so: the author must check it.

A bare number is a year only where a reader would take it for one: not a count ("2000
orang"), not part of a number ("10.2025"), and not a name's number ("Kodim 1509",
"Flight 1509"): after a capitalised word only a year of the last 150 is a year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from storymap.draft.date_vocabulary import Vocabulary, alternation
from storymap.draft.datewords import (
    Reading,
    Reference,
    between,
    day,
    days,
    month,
    month_end,
    year,
)
from storymap.draft.reasons import reason

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Reference], Reading | None]]
_UNIT_AFTER_YEAR = re.compile(
    r"\s++(orang|jiwa|people|tentara|troops|soldiers|prajurit|personel|personnel|pasukan|unit|units"
    r"|ton|tons|tonnes|km|kilometer|kilometers|meter|meters|dolar|dollars|rupiah|kali|times|warga"
    r"|rumah|houses|hektare|hectares|kendaraan|vehicles|rudal|missiles|pesawat|aircraft"
    r"|personas|soldados|casas|muertos|habitantes|personnes|morts|habitants|maisons)\b",
    re.IGNORECASE,
)
# A clock time in four digits, as wires write it: "at 1:42 p.m. ET (1742 GMT)", "0830 WIB".
_CLOCK_AFTER = re.compile(
    r"\s*+(?:GMT|UTC|WIB|WITA|WIT|ET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST|BST|IST|JST"
    r"|AEST|AEDT|hrs|hours|horas|heures|h)\b"
)
_NAME_NUMBER = re.compile(r"(?:\b[A-Z][\w.-]*|\b(?:no|nomor|number|núm|n°|nr)\.?)\s*+$")
_YEAR_SPAN_BEHIND_NAME = 150  # years; "KTT BRICS 2023" is a year, "Kodim 1509" a number


def _year_for(month_: int, day_: int | None, ref: Reference) -> tuple[int, bool]:
    """A year the article leaves out: its own, or the one before when that is far ahead."""
    guess = date(ref.published.year, month_, min(day_ or 1, month_end(ref.published.year, month_)))
    if (guess - ref.published).days > 183:
        return ref.published.year - 1, True
    return ref.published.year, True


def _guessed(result: Reading | None, guessed: bool) -> Reading | None:
    if result is None or not guessed:
        return result
    return Reading(result.date, result.relation, result.anchor, True, "the year is a guess")


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
    return _guessed(Reading(day(date(year_, month_, day_))), guessed)


def _day_month(v: Vocabulary) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'3 September 2025', '27-31 Oktober', 'September 3, 2025', '3 de septiembre'."""
        month_ = v.months[m["month"].rstrip(".").lower()]
        first = int(m["d1"])
        last = int(m["d2"]) if m["d2"] else first
        year_, guessed = (int(m["y"]), False) if m["y"] else _year_for(month_, first, ref)
        if not 1 <= first <= last <= month_end(year_, month_):
            return None
        return _guessed(
            Reading(days(date(year_, month_, first), date(year_, month_, last))), guessed
        )

    return read


def _day_to_day(v: Vocabulary) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'18 April hingga 23 April 2024', 'from 30 March to 2 April', 'del 3 al 9 de mayo'."""
        last_month = v.months[m["m2"].rstrip(".").lower()]
        first_month = v.months[m["m1"].rstrip(".").lower()] if m["m1"] else last_month
        if m["y"]:
            last_year, guessed = int(m["y"]), False
        else:
            last_year, guessed = _year_for(last_month, int(m["d2"]), ref)
        first_year = last_year if first_month <= last_month else last_year - 1
        try:
            first = date(first_year, first_month, int(m["d1"]))
            last = date(last_year, last_month, int(m["d2"]))
        except ValueError:
            return None
        return _guessed(Reading(days(first, last)), guessed) if first <= last else None

    return read


def _until(v: Vocabulary) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'bertahap hingga 9 September', 'until 9 September': a span that ends that day."""
        end = _day_month(v)(m, ref)
        if end is None:
            return None
        last = end.date.latest
        for start, said, key in (
            (ref.current, "the date before", "span_from_date_before"),
            (ref.published_date, "the article's date", "span_from_article_date"),
        ):
            if start is not None and start.earliest < last:
                first = start.earliest
                why = reason(key, end=end.date.format("en"))
                relation = {
                    "id": f"hingga {end.date.format('id')}, mulai tanggal sebelumnya",
                    "en": f"up to {end.date.format('en')}, from {said}",
                }
                return Reading(days(first, last), relation, "previous", True, why)
        return end

    return read


def _part_month(
    v: Vocabulary, parts: dict[str, str]
) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'awal April 2025', 'mid-April', 'the end of October 2025', 'finales de octubre'."""
        month_ = v.months[m["month"].rstrip(".").lower()]
        year_, guessed = (int(m["y"]), False) if m["y"] else _year_for(month_, None, ref)
        part = parts[" ".join(m["part"].lower().replace("-", " ").split())]
        return _guessed(Reading(month(year_, month_, part)), guessed)

    return read


def _month_range(v: Vocabulary) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'April-Juli 2025', 'between May and July 2025', 'de abril a julio de 2025'."""
        first = v.months[(m["m1"] or m["m1b"]).rstrip(".").lower()]
        last = v.months[m["m2"].rstrip(".").lower()]
        year_ = int(m["y"])
        start_year = year_ if first <= last else year_ - 1
        return Reading(between(month(start_year, first), month(year_, last)))

    return read


def _month_year(v: Vocabulary) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'April 2025', 'Februari 2022', 'septiembre de 2025'."""
        return Reading(month(int(m["y"]), v.months[m["month"].rstrip(".").lower()]))

    return read


def _bare_month(v: Vocabulary) -> Callable[[re.Match[str], Reference], Reading | None]:
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'pada April', 'in May', 'en septiembre': a month of the article's year, or the one before."""
        month_ = v.months[m["month"].rstrip(".").lower()]
        year_, _ = _year_for(month_, None, ref)
        if year_ == ref.published.year and month_ > ref.published.month:
            year_ -= 1  # past tense is the rule in news; the author checks
        return Reading(month(year_, month_), uncertain=True, why=reason("year_guess"))

    return read


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
    """'pada 2024', 'sejak 1948', 'in 2024', 'sekitar 1950' (about); not 'Kodim 1509'."""
    value = int(m["y"])
    if not _plausible(value, ref) or _UNIT_AFTER_YEAR.match(m.string, m.end()):
        return None
    if value % 100 < 60 and value // 100 < 24 and _CLOCK_AFTER.match(m.string, m.end()):
        return None  # "1742 GMT" is a time of day
    before = m.string[max(0, m.start() - 60) : m.start()]
    if re.search(r"[\d.,]$", before) or re.match(r"[.,:]\d", m.string[m.end() :]):
        return None  # part of a number such as 10.2025, 1,948 or 1509.5
    if (
        not m["lead"]
        and _NAME_NUMBER.search(before)
        and value < ref.published.year - _YEAR_SPAN_BEHIND_NAME
    ):
        return None  # "Kodim 1509", "No. 1945": a name's number
    return Reading(year(value, approximate=bool(m["about"])))


def _plausible(value: int, ref: Reference) -> bool:
    return 1000 <= value <= ref.published.year + 10


def absolute_rules(v: Vocabulary) -> list[Rule]:
    """The rules for written-out dates in ``v``'s language (and English)."""
    month_ = alternation(v.months, v.cased) + r"\.?"
    weekday = alternation(v.weekdays, v.cased)
    join = r"(?:(?:\s*+,\s*+|\s++)(?:" + alternation(v.words("joiners")) + r"\s++)*+|\s*+-\s*+)"
    join_year = r"(?:(?:\s*+,\s*+|\s++)(?:" + alternation(v.words("joiners")) + r"\s++)*+)"
    d1 = r"(?P<d1>\d{1,2})(?:st|nd|rd|th|er|º|°|\.(?=\s))?"
    d2 = r"(?P<d2>\d{1,2})(?:st|nd|rd|th|er|º|°|\.(?=\s))?"
    y = r"(?P<y>\d{4})"
    until = alternation(w for w in v.words("until") if len(w) >= 4)
    to = alternation((*v.words("until"), "-", "–"))
    and_ = alternation((*v.words("and"), *v.words("until"), "-", "–"))
    opening = alternation(v.words("between"))
    parts = {p: part for part in ("early", "mid", "late") for p in v.words(part)}
    part_words = alternation(parts)
    about = alternation(v.words("about"))
    at = alternation(v.words("at"))
    then = alternation(v.words("joiners"))
    lead = alternation((*v.words("at"), *v.words("since"), "tahun", "year", "año", "an", "année"))
    return [
        (
            re.compile(
                rf"(?:{weekday}(?:\s*+,\s*+|\s*+))?\(\s*+(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?\s*+\)"
            ),
            _numeric,
        ),
        (
            re.compile(
                rf"(?:{weekday}(?:\s*+,\s*+|\s*+))?\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})\b"
            ),
            _numeric,
        ),
        (  # 18 April hingga 23 April 2024; 27-31 Oktober
            re.compile(
                rf"\b{d1}(?:{join}(?P<m1>{month_}))?\s*+{to}\s*+"
                rf"(?:{then}\s++)?{d2}{join}(?P<m2>{month_})(?:{join_year}{y})?\b"
            ),
            _day_to_day(v),
        ),
        (  # between 20 and 25 August; del 3 al 9 de mayo; du 3 au 9 mai
            re.compile(
                rf"\b{opening}\s++(?:{then}\s++)?\b{d1}(?:{join}(?P<m1>{month_}))?\s*+{and_}\s*+"
                rf"(?:{then}\s++)?{d2}{join}(?P<m2>{month_})(?:{join_year}{y})?\b"
            ),
            _day_to_day(v),
        ),
        (  # hingga 9 September: a span up to that day
            re.compile(
                rf"\b{until}\s++(?:{then}\s++)?{d1}{join}(?P<month>{month_})(?:{join_year}{y})?\b(?P<d2>)"
            ),
            _until(v),
        ),
        (
            re.compile(
                rf"(?:{weekday}(?:\s*+,\s*+|\s++))?(?:{then}\s++)?\b{d1}(?:\s*+[-–]\s*+{d2})?{join}(?P<month>{month_})(?:{join_year}{y})?\b"
            ),
            _day_month(v),
        ),
        (
            re.compile(
                rf"(?:{weekday}(?:\s*+,\s*+|\s++))?\b(?P<month>{month_})\s++{d1}(?:\s*+[-–]\s*+{d2})?(?:(?:\s*+,\s*+|\s++){y})?\b(?!\s*+[,.]?\d)"
            ),
            _day_month(v),
        ),
        (
            re.compile(
                rf"\b(?P<part>{part_words})[\s-]++(?:(?:bulan|{then})\s++)?(?P<month>{month_})(?:{join_year}{y})?\b"
            ),
            _part_month(v, parts),
        ),
        (
            re.compile(
                rf"\b(?:{opening}\s++(?P<m1>{month_})\s*+{and_}|(?P<m1b>{month_})\s*+{to})\s*+(?P<m2>{month_}){join_year}{y}\b"
            ),
            _month_range(v),
        ),
        (re.compile(rf"\b(?:bulan\s++)?(?P<month>{month_}){join_year}{y}\b"), _month_year(v)),
        (
            re.compile(
                rf"\b{at}\s++(?:(?:bulan|the\s++month\s++of)\s++)?(?P<month>{month_})\b(?!\s++\d)"
            ),
            _bare_month(v),
        ),
        (
            re.compile(
                r"\b(?:(?:tahun|the|los|les|années)\s++)?(?P<decade>1[0-9]{2}0|20[0-9]0)(?:-an|an|'?s)\b",
                re.I,
            ),
            _decade,
        ),
        (
            re.compile(
                rf"\b(?:(?:dari|from|de|desde|du)\s++)?(?:tahun\s++)?(?P<y1>\d{{4}})\s*+{to}\s*+(?P<y2>\d{{4}})\b"
            ),
            _year_range,
        ),
        (
            re.compile(rf"\b{opening}\s++(?P<y1>\d{{4}})\s++{and_}\s++(?P<y2>\d{{4}})\b"),
            _year_range,
        ),
        (
            re.compile(
                rf"(?:\b(?P<about>{about})\s++)?(?:\b(?P<lead>{lead})\s++)?(?:\b{part_words}[\s-]++)?(?:\btahun\s++)?\b{y}\b(?!\s*+[/.,]\d|-an\b|'?s\b)"
            ),
            _plain_year,
        ),
    ]
