"""Dates said in words, in any story language: Babel's month names and date patterns.

``PartialDate.format`` calls ``say_date``: "27 Oktober 2025", "principios de octubre de
1519", "26 December 2004, 07:58 UTC+7". Babel (CLDR) has no words for parts of a month
or for "about": the app has its own for Indonesian, English and Spanish, and uses the
English words for other languages.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time

from storymap.languages import babel_locale

if TYPE_CHECKING:
    from storymap.dates import DatePoint

_PART_WORDS = {
    "id": {"early": "awal", "mid": "pertengahan", "late": "akhir"},
    "en": {"early": "early", "mid": "mid", "late": "late"},
    "es": {"early": "principios de", "mid": "mediados de", "late": "finales de"},
}
_APPROX_WORD = {"id": "sekitar", "en": "about", "es": "hacia"}


def say_date(
    start: DatePoint, end: DatePoint | None, approximate: bool, lang: str, short: bool
) -> str:
    text = (
        _format_point(start, lang, short) if end is None else _format_range(start, end, lang, short)
    )
    return f"{_words(_APPROX_WORD, lang)} {text}" if approximate else text


def zone_name(offset: int) -> str:
    """'UTC', 'UTC+7', 'UTC+5:30', 'UTC-3:30': how a time zone is shown."""
    if offset == 0:
        return "UTC"
    sign = "+" if offset > 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


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
    if point.precision == "minute":
        return _day_and_time(point, lang, short)
    if point.precision == "day":
        return _day(point.earliest, lang, short)
    month = _month(point.earliest, lang, short)
    if point.part is None:
        return month
    return f"{_words(_PART_WORDS, lang)[point.part]} {month}"


def _day_and_time(point: DatePoint, lang: str, short: bool) -> str:
    """'26 Desember 2004 07.58' / '26 December 2004, 07:58', as the language joins them."""
    locale = _locale(lang)
    clock = format_time(point.time, "short", locale=locale)
    if point.offset is not None:
        clock += f" {zone_name(point.offset)}"
    joined = str(locale.datetime_formats["medium"])
    return joined.replace("{1}", _day(point.earliest, lang, short)).replace("{0}", clock)


def _format_range(start: DatePoint, end: DatePoint, lang: str, short: bool) -> str:
    """'27–31 Oktober 2025', 'April – Juli 2025', '2024 – 2025': shared parts said once.

    Shared parts are left out only where the language puts them last ("27–31 de
    octubre de 2025"); a language that writes the month or year first gets both ends whole.
    """
    first, last = start.earliest, end.latest
    if start.precision == end.precision == "day":
        low, high = day_ends(first, last, lang, short)
        return f"{low}–{high}" if low.isdigit() else f"{low} – {high}"
    if start.precision == end.precision == "month" and first.year == last.year:
        whole = _month(last, lang, short)
        if whole.endswith(str(last.year)):
            return f"{_month(first, lang, short, year=False)} – {whole}"
    if start.precision == end.precision == "year":
        return f"{first.year} – {last.year}"
    return f"{_format_point(start, lang, short)} – {_format_point(end, lang, short)}"


def day_ends(first: date, last: date, lang: str, short: bool = False) -> tuple[str, str]:
    """Two days as words, the month and year they share said once where the language puts
    them last: ('1', '10 Oktober 2025'), ('1 January', '31 December 1948')."""
    whole = _day(last, lang, short)
    if (first.year, first.month) == (last.year, last.month) and whole.startswith(str(last.day)):
        return str(first.day), whole
    if first.year == last.year and whole.endswith(str(last.year)):
        without_year = format_skeleton("MMMd" if short else "MMMMd", first, locale=_locale(lang))
        if without_year.startswith(str(first.day)):
            return without_year, whole
    return _day(first, lang, short), whole
