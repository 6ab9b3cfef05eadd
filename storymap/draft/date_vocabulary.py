"""The words a language writes dates with, from dateparser's locale data (200+ locales).

Month and weekday names, the units (day, week, month, year) and the words for *now*
("ayer", "la semana pasada", "hier", "bulan lalu") come from dateparser, which keeps
them from the CLDR; whether a language writes its month names with a capital comes from
Babel. Numbers written in words are read by ``text2num`` (English, French, Spanish,
Portuguese, German, Dutch, Danish, Italian) and by our own short Indonesian list.

Our own short lists (``OWN``) hold only what neither library has: the words that count
from the date before ("kemudian", "later", "después", "plus tard"), the words that open
a span ("hingga", "until", "hasta", "jusqu'au"), parts of a month ("awal", "early",
"principios de", "début"), "about", and the small words that join a day, its month and
its year ("3 de septiembre de 2025", "le 3 septembre").

A vocabulary always holds English too: wire copy and quoted titles mix it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel.dates import get_month_names

from storymap.languages import babel_locale

_UNITS = ("day", "week", "month", "year")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# What neither library says, per language: {kind: words}. Multi-word entries are phrases.
OWN: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "later": ("later", "afterwards", "afterward", "after", "on"),
        "earlier": ("earlier", "before", "previously", "prior"),
        "next": ("next", "following"),
        "previous": ("previous", "prior", "preceding"),
        "until": ("until", "till", "to", "through", "by"),
        "between": ("between",),
        "and": ("and",),
        "about": ("about", "around", "nearly", "almost", "some", "roughly", "circa", "c."),
        "early": ("early", "beginning of", "the beginning of", "start of", "the start of"),
        "mid": ("mid", "middle of", "the middle of"),
        "late": ("late", "end of", "the end of"),
        "since": ("since",),
        "at": ("on", "in", "at", "of", "during", "by", "before", "after", "from"),
        "joiners": ("of", "the"),
        "then": ("the",),
        "last": ("last", "past"),
        "next_one": ("next", "coming"),
        "articles": ("the", "a", "this"),
    },
    "id": {
        "later": ("kemudian", "setelahnya", "sesudahnya", "berikutnya", "setelah", "sesudah"),
        "earlier": ("sebelumnya", "sebelum"),
        "next": ("berikutnya", "selanjutnya"),
        "previous": ("sebelumnya",),
        "until": ("hingga", "sampai", "sampai dengan", "s.d.", "s/d"),
        "between": ("antara",),
        "and": ("dan", "hingga", "sampai"),
        "about": ("sekitar", "kira-kira", "hampir", "kurang lebih", "lebih dari"),
        "early": ("awal",),
        "mid": ("pertengahan",),
        "late": ("akhir",),
        "since": ("sejak", "semenjak"),
        "at": ("pada", "pada bulan", "bulan", "sejak", "hingga", "sampai", "selama", "tahun"),
        "joiners": ("tanggal",),
        "then": ("pada",),
        "last": ("lalu", "kemarin"),
        "next_one": ("depan", "mendatang"),
        "articles": (),
    },
    "es": {
        "later": ("después", "más tarde", "luego"),
        "earlier": ("antes",),
        "next": ("siguiente",),
        "previous": ("anterior",),
        "until": ("hasta", "hasta el", "al"),
        "between": ("entre", "entre el", "del"),
        "and": ("y", "y el", "al"),
        "about": ("casi", "unos", "unas", "cerca de", "alrededor de", "aproximadamente"),
        "early": ("principios de", "inicios de", "comienzos de"),
        "mid": ("mediados de",),
        "late": ("finales de", "fines de"),
        "since": ("desde",),
        "at": ("en", "de", "desde", "hasta", "durante", "el", "del"),
        "joiners": ("de", "del", "el"),
        "then": ("el", "al"),
        "last": ("pasado", "pasada"),
        "next_one": ("próximo", "próxima", "que viene"),
        "articles": ("la", "el", "una", "esta"),
    },
    "fr": {
        "later": ("plus tard", "après"),
        "earlier": ("plus tôt", "avant", "auparavant"),
        "next": ("suivant", "suivante"),
        "previous": ("précédent", "précédente"),
        "until": ("jusqu'au", "jusqu'à", "jusqu'en", "au"),
        "between": ("entre le", "entre", "du"),
        "and": ("et le", "et", "au"),
        "about": ("environ", "près de", "presque", "quelque", "quelques"),
        "early": ("début", "début de", "au début de"),
        "mid": ("mi", "la mi", "à la mi"),
        "late": ("fin", "fin de", "à la fin de"),
        "since": ("depuis",),
        "at": ("en", "le", "depuis", "jusqu'en", "pendant", "de", "du"),
        "joiners": ("le", "de", "du", "er"),
        "then": ("le", "la", "l'"),
        "last": ("dernier", "dernière", "passé", "passée"),
        "next_one": ("prochain", "prochaine"),
        "articles": ("le", "la", "un", "une", "ce", "cette"),
    },
}
_ONE_DAY = {  # single words for the day before and after, where a language has them
    "fr": {"la veille": -1, "le lendemain": 1},
    "id": {"keesokan harinya": 1},
    "es": {"al día siguiente": 1, "el día anterior": -1},
}
# Parts of the day of publication that dateparser has no words for ("pagi tadi", "this
# morning"): the day itself. "Tadi malam" and "last night" may be the day before: left out.
_TODAY_PARTS = {
    "id": ("pagi tadi", "tadi pagi", "siang tadi", "tadi siang", "sore tadi", "tadi sore",
           "pagi ini", "siang ini", "sore ini", "malam ini", "dini hari tadi"),
    "en": ("this morning", "this afternoon", "this evening", "tonight"),
    "es": ("esta mañana", "esta tarde", "esta noche"),
    "fr": ("ce matin", "cet après-midi", "ce soir"),
}  # fmt: skip
_ID_NUMBERS = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_TEXT2NUM = {"en", "fr", "es", "pt", "de", "nl", "da", "it"}


@dataclass(frozen=True)
class Vocabulary:
    """Every word the date rules of one language (with English) use."""

    lang: str
    months: dict[str, int]  # lower-case name -> 1..12
    weekdays: dict[str, int]  # lower-case name -> 0 (Monday)..6
    cased: frozenset[str]  # month and weekday names that must be written with a capital
    units: dict[str, str]  # lower-case word -> day, week, month or year
    now: dict[str, tuple[int, str]]  # "ayer" -> (-1, "day"), "el mes pasado" -> (-1, "month")
    ago_before: tuple[str, ...]  # "hace", "il y a": before "3 días"
    ago_after: tuple[str, ...]  # "ago", "lalu", "silam": after "3 days"
    numbers: dict[str, int]  # number words our own list reads (text2num reads the rest)
    one_day: dict[str, int]  # "la veille" -> -1
    own: dict[str, tuple[str, ...]]

    def words(self, kind: str) -> tuple[str, ...]:
        return self.own.get(kind, ())

    @property
    def number_language(self) -> str:
        """The language ``text2num`` reads this vocabulary's numbers in (English otherwise)."""
        return self.lang if self.lang in _TEXT2NUM else "en"


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The date words of ``lang`` (a BCP 47 code) and English; English alone if dateparser
    has no data for the language."""
    base = _base(lang)
    langs = list(dict.fromkeys([base, "en"]))
    infos = []
    for code in langs:
        info = _info(code)
        if info is not None:
            infos.append((code, info))
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    cased: set[str] = set()
    units: dict[str, str] = {}
    now: dict[str, tuple[int, str]] = {}
    ago_before: list[str] = []
    ago_after: list[str] = []
    for code, info in infos:
        capital = _capitalises(code)
        for number, key in enumerate(_MONTHS, 1):
            for name in info.get(key, []):
                if _usable(name, full=True):
                    months[name.lower()] = number
                    if capital:
                        cased.add(name.lower())
        for number, key in enumerate(_WEEKDAYS):
            for name in info.get(key, []):
                if _usable(name, full=False) and len(name) >= 4:
                    weekdays[name.lower()] = number
                    if capital:
                        cased.add(name.lower())
        for unit in _UNITS:
            for word in info.get(unit, []):
                if len(word) > 2:
                    units.setdefault(word.lower(), unit)
        for phrase, amount, unit in _relative(info):
            now.setdefault(phrase.lower(), (amount, unit))
        for phrase in _TODAY_PARTS.get(code, ()):
            now.setdefault(phrase, (0, "day"))
        for word in info.get("ago", []):
            (ago_after if code in ("en", "id") else ago_before).append(word.lower())
    units |= {"pekan": "week"} if base == "id" else {}
    own: dict[str, tuple[str, ...]] = {}
    for code in reversed(langs):  # the article's language first within each kind
        for kind, words in OWN.get(code, {}).items():
            own[kind] = tuple(dict.fromkeys([*words, *own.get(kind, ())]))
    numbers = {"a": 1, "an": 1, "se": 1, "un": 1, "una": 1, "une": 1, "dua belas": 12}
    numbers |= {w: n for n, w in enumerate(_ID_NUMBERS)} if base == "id" else {}
    ago_after += ["lalu", "silam"] if base == "id" else []
    one_day = {k: v for code in langs for k, v in _ONE_DAY.get(code, {}).items()}
    return Vocabulary(
        base, months, weekdays, frozenset(cased), units, now,
        tuple(dict.fromkeys(ago_before)), tuple(dict.fromkeys(ago_after)),
        numbers, one_day, own,
    )  # fmt: skip


def _info(code: str) -> dict | None:
    from dateparser.languages.loader import default_loader

    try:
        return default_loader.get_locale(code).info
    except ValueError:
        return None


def _capitalises(code: str) -> bool:
    """Whether the language writes month names with a capital (Indonesian, English, German)."""
    try:
        name = get_month_names("wide", locale=babel_locale(code))[1]
    except Exception:
        return False
    return name[:1].isupper()


def _usable(name: str, full: bool) -> bool:
    """A name the rules may look for: letters, not a one- or two-letter abbreviation."""
    return len(name) > 2 and not re.search(r"[\d.\s]", name) if full else len(name) > 2


_RELATIVE = re.compile(r"^(?:(?P<n>\d+) (?P<u>\w+) ago|in (?P<n2>\d+) (?P<u2>\w+))$")


def _relative(info: dict) -> list[tuple[str, int, str]]:
    """dateparser's words for now: ('kemarin', -1, 'day'), ('bulan ini', 0, 'month')…"""
    found = []
    for key, phrases in info.get("relative-type", {}).items():
        match = _RELATIVE.match(key)
        if not match:
            continue
        unit = match["u"] or match["u2"]
        if unit not in _UNITS:
            continue
        amount = -int(match["n"]) if match["n"] else int(match["n2"])
        found += [(p, amount, unit) for p in phrases if len(p) >= 3]
    return found


def alternation(words: object, cased: frozenset[str] = frozenset()) -> str:
    """A regex alternation of ``words``, longest first; names in ``cased`` need a capital."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):  # type: ignore[call-overload]
        escaped = r"\s+".join(re.escape(w) for w in word.split())
        if word in cased:
            parts.append(
                f"(?-i:{escaped[:1].upper() if escaped[:1].isalpha() else escaped[:1]}"
                f"{escaped[1:]})"
            )
        else:
            parts.append(f"(?i:{escaped})")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"
