"""Rules for relative dates: "kemarin", "pekan lalu", "tiga bulan kemudian", "the day before".

Two kinds of anchor. Words about *now* ("bulan lalu", "this month", "ayer", "hier") count
from the article's date. Words about *then* ("kemudian", "sebelumnya", "later", "the day
before", "después", "plus tard") count from the last date the article gave, when it is
precise enough for the unit, else from the article's news day (see
``Reference.anchor``). The result keeps the precision the words support: "bulan lalu" is
a month, "pekan lalu" a range of days, "tiga bulan kemudian" an approximate month,
"nearly three weeks after" an approximate day.
"""

from __future__ import annotations

import re
from datetime import timedelta

from storymap.dates import PartialDate
from storymap.draft.date_vocabulary import Vocabulary, alternation
from storymap.draft.dates_absolute import Rule
from storymap.draft.dates_now import month_of, today, week, year_of
from storymap.draft.datewords import (
    Reading,
    Reference,
    Shift,
    day,
    from_published,
)
from storymap.draft.reasons import reason


def _number(word: str, v: Vocabulary) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else v.numbers[" ".join(word.split())]


def _weekday(v: Vocabulary):
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'Senin', 'on Monday', 'Kamis lalu', 'next Friday', 'earlier on Thursday'."""
        target = v.weekdays[m["weekday"].lower()]
        word = (m["before"] or m["after"] or "").lower()
        back = m["earlier"] or word in v.words("last")
        ahead = not back and (word in v.words("next_one") or _ahead(m, v))
        if ahead:
            found = ref.published + timedelta(days=(target - ref.published.weekday()) % 7 or 7)
            why = reason("weekday_forward", weekday=m["weekday"])
        else:
            step = (ref.published.weekday() - target) % 7 or (7 if word in v.words("last") else 0)
            found = ref.published - timedelta(days=step)
            why = reason("weekday_back", weekday=m["weekday"])
        reading = from_published(day(found), ref)
        return Reading(reading.date, reading.relation, reading.anchor, True, why)

    return read


_SAID = re.compile(
    r"\b(?:said|says|told|reported|announced|kata|ujar|mengatakan|melaporkan|dijo|afirmó|"
    r"declaró|a\s++déclaré|a\s++dit|a\s++affirmé)\b\W*(?:\w+\W+){0,2}$",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|akan|is to|are to|dijadwalkan|scheduled|is expected|are expected|plans? to|"
    r"prevé|previsto|está previsto|sera|seront|doit|doivent|prévu)\b",
    re.I,
)


def _ahead(m: re.Match[str], v: Vocabulary) -> bool:
    """'will travel to China on Monday': a weekday in a clause about the future, not after 'said'."""
    text = m.string
    low, high = max(0, m.start() - 300), m.end() + 300
    start = max(text.rfind(",", low, m.start()), text.rfind(";", low, m.start()), low - 1) + 1
    ends = [i for i in (text.find(",", m.end(), high), text.find(";", m.end(), high)) if i >= 0]
    clause = text[start : min(ends) if ends else high]
    before = text[max(0, m.start() - 40) : m.start()]
    return not _SAID.search(before) and bool(_FUTURE.search(clause))


def _ago(v: Vocabulary):
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'tiga hari lalu', 'two years ago', 'hace tres días': counted back from the article."""
        shift = Shift(-_number(m["n"], v), v.units[m["unit"].lower()])
        return from_published(shift.apply(ref.published_date), ref)

    return read


def _then(v: Vocabulary):
    def read(m: re.Match[str], ref: Reference) -> Reading | None:
        """'tiga bulan kemudian', 'sehari sebelumnya', 'the day before', 'nearly three weeks after'."""
        groups = m.groupdict()
        amount = _number(m["n"], v) if groups.get("n") else 1
        unit = v.units[(groups.get("unit") or groups.get("unit2") or "day").lower()]
        direction = (groups.get("dir") or "").lower()
        back = direction in v.words("earlier") or direction in v.words("previous")
        if groups.get("one"):
            back = v.one_day[" ".join(m["one"].lower().split())] < 0
        reading = _count(Shift(-amount if back else amount, unit), ref, bool(groups.get("about")))
        if direction in _PREPOSITIONS and re.match(r"\s++[^\W\d_]", m.string[m.end() :]):
            why = reason("counted_what", words=m[0])  # "three months after the war"
            return Reading(reading.date, reading.relation, reading.anchor, True, why)
        return reading

    return read


_PREPOSITIONS = {
    "after",
    "before",
    "setelah",
    "sesudah",
    "sebelum",
    "después",
    "antes",
    "après",
    "avant",
}


def _count(shift: Shift, ref: Reference, about: bool) -> Reading:
    anchor, kind = ref.anchor(shift.unit)
    result = shift.apply(anchor)
    if about:
        result = PartialDate(result.start, result.end, True)
    back = shift.amount < 0
    words = {
        "id": f"{shift.words('id')} {'sebelum' if back else 'setelah'} {anchor.format('id')}",
        "en": f"{shift.words('en')} {'before' if back else 'after'} {anchor.format('en')}",
    }
    if abs(shift.amount) == 1 and shift.unit == "day":
        words = {
            "id": f"sehari {'sebelum' if back else 'setelah'} {anchor.format('id')}",
            "en": f"the day {'before' if back else 'after'} {anchor.format('en')}",
        }
    why = None
    if kind != "previous":
        if kind == "lead":
            why = reason("counted_back_news_day") if back else reason("counted_on_news_day")
        else:
            why = reason("counted_back_article_date") if back else reason("counted_on_article_date")
    return Reading(result, words, kind, kind != "previous", why)


def relative_rules(v: Vocabulary) -> list[Rule]:
    """The rules for relative dates in ``v``'s language (and English)."""
    number = r"(?:\d{1,3}|" + alternation(v.numbers) + ")"
    unit = alternation(v.units)
    later = alternation((*v.words("later"), *v.words("earlier")))
    about = alternation(v.words("about"))
    side = alternation((*v.words("next"), *v.words("previous")))
    then = alternation(v.words("then"))
    weekday = alternation(v.weekdays, v.cased)
    last_next = alternation((*v.words("last"), *v.words("next_one")))
    rules: list[Rule] = [
        (
            re.compile(
                rf"(?:\b(?P<about>{about})\s++)?\b(?:(?P<n>{number})\s++(?P<unit>{unit})"
                rf"|(?i:se)(?P<unit2>(?i:hari|pekan|minggu|bulan|tahun)))\s++(?P<dir>{later})\b"
            ),
            _then(v),
        ),
        (  # the previous day, the day before, el año anterior, tahun sebelumnya, l'année suivante
            re.compile(
                rf"\b(?:(?P<dir>{side})\s++(?P<unit>{unit})|(?P<unit2>{unit})\s++(?P<dir2>{side})"
                rf"|(?:{then}|l')\s*+(?P<unit3>{unit})\s++(?P<dir3>{later}))\b"
                r"(?!\s++(?:yesterday|tomorrow|\d))"
            ),
            lambda m, ref: _then(v)(_Directed(m), ref),
        ),
        (re.compile(rf"\b(?P<one>{alternation(v.one_day)})\b"), _then(v)),
        (
            re.compile(
                rf"\b(?P<n>{number})\s++(?P<unit>{unit})\s++(?:yang\s++)?{alternation(v.ago_after)}\b"
                rf"|\b{alternation(v.ago_before)}\s++(?P<n2>{number})\s++(?P<unit_b>{unit})\b"
            ),
            lambda m, ref: _ago(v)(_Ago(m), ref),
        ),
        (
            re.compile(
                r"\b(?:(?P<part>awal|pertengahan|akhir)\s++)?(?:pekan|minggu)\s++(?P<which>lalu|kemarin|ini|depan)\b"
                r"|\b(?P<earlier>earlier)\s++(?P<which2>this)\s++week\b"
                r"|\b(?P<which3>last|this|next|past)\s++(?:(?P<weekend>weekend)|week)\b"
                r"|\b(?:at|over)\s++the\s++(?P<weekend2>weekend)\b",
                re.I,
            ),
            week,
        ),
        (
            re.compile(
                r"\b(?:(?:pada\s++)?(?P<part>awal|pertengahan|akhir|early|mid|late|earlier|later)[\s-]++"
                r"|(?:at\s++)?the\s++(?P<part2>beginning|start|middle|end)\s++of\s++)?"
                r"(?:bulan\s++(?P<which>ini|lalu|kemarin|depan)|(?P<which2>this|last|next)\s++month)\b",
                re.I,
            ),
            month_of,
        ),
        (
            re.compile(
                r"\b(?:(?P<part>awal|pertengahan|akhir|early|late|earlier|later)\s++)?"
                r"(?:tahun\s++(?P<which>ini|lalu|kemarin|depan)|(?P<which2>this|last|next)\s++year)\b",
                re.I,
            ),
            year_of,
        ),
        (re.compile(rf"\b{alternation(v.now)}\b"), today(v)),
        (
            re.compile(
                rf"(?:\b(?P<earlier>{alternation(v.words('earlier'))})\s++(?:on\s++|pada\s++)?)?"
                rf"(?:\b(?P<before>{last_next}|this|on|el|le)\s++)?(?:hari\s++)?\b(?P<weekday>{weekday})\b"
                rf"(?:\s++(?P<after>{last_next}))?(?!\s++(?:ini|lalu|depan)\b)"
            ),
            _weekday(v),
        ),
    ]
    return rules


class _View:
    """A match read through other group names, so one handler serves several wordings."""

    def __init__(self, match: re.Match[str], **values: str | None) -> None:
        self._match, self._values = match, values
        self.string = match.string

    def __getitem__(self, key: str | int) -> str | None:
        if isinstance(key, str) and key in self._values:
            return self._values[key]
        return self._match[key]

    def start(self) -> int:
        return self._match.start()

    def end(self) -> int:
        return self._match.end()

    def groupdict(self) -> dict[str, str | None]:
        return {**self._match.groupdict(), **self._values}


def _Directed(m: re.Match[str]) -> _View:
    direction = m["dir"] or m["dir2"] or m["dir3"]
    unit = m["unit"] or m["unit2"] or m["unit3"]
    return _View(m, n=None, unit=unit, unit2=None, dir=direction, about=None)


def _Ago(m: re.Match[str]) -> _View:
    return _View(m, n=m["n"] or m["n2"], unit=m["unit"] or m["unit_b"])
