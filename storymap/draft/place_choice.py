"""Which place a name stands for, by the article's own evidence.

A name may fit towns, regions, lakes and airports in many countries. The choice weighs,
in this order of strength: a kind of place the words around the name give ("Danau Toba"
is the lake, "Kabupaten Intan Jaya" the regency); the countries the article names, and
those its distinctive names point to (a long or regional name found in one country only,
such as "Halmahera Selatan", tells the article is about Indonesia); nearness to the
article's other places; then size. A candidate is kept only when the evidence is there:
it is in one of those countries, near another of the article's places, a big city (a
million people) found by its own name, or a sea; otherwise the name is left out rather
than put on a town of the same name abroad.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from storymap.draft.compare import distance_km
from storymap.draft.place_names import PARTICLES, Run
from storymap.geocoding import Location, normalise
from storymap.geocoding.city_index import City

BIG_CITY = 1_000_000
DOMINANT_CITY = 100_000
NEAR_KM = 300.0
ANCHOR_RADIUS_KM = 150.0  # a place that big says nothing about what is near it
SMALL_TOWN = 1_000  # a town this small is kept only when hinted or near the others
REGION_KINDS = frozenset({"admin1", "admin2", "lake", "sea", "island", "area", "range"})
# The gazetteer's kinds each hint (from place_names.KIND_WORDS) asks for.
HINTED = {
    "lake": {"lake"},
    "sea": {"sea"},
    "island": {"island", "area"},
    "mountain": {"mountain", "range", "city"},
    "airport": {"airport"},
    "region": {"admin1", "admin2", "area", "island"},
    "city": {"city"},
}


@dataclass(frozen=True)
class Candidates:
    """A run and the gazetteer's places for it; ``own`` names the place's own name matched."""

    sentence: int
    run: Run
    places: tuple[City, ...]
    names_asked: tuple[str, ...]
    weak: bool = False  # a word also seen in a longer name ("Spirit Bandung", "Vladimir Putin")
    near: bool = False  # found by a spelling close to the place's name ("Mekah" for Makkah)


def evidence_countries(found: Sequence[Candidates], named: set[str]) -> set[str]:
    """The countries the article names, and those its distinctive names lie in."""
    countries = set(named)
    for item in found:
        fitting = _fitting(item)
        codes = {p.country for p in fitting}
        if len(codes) == 1 and any(_distinctive(item, p) for p in fitting):
            countries |= codes
        elif len(item.run.words) >= 2 and not item.weak and (top := _dominant(fitting)):
            countries.add(top.country)  # "La Ceiba": the city, not the Mexican hamlets
    return countries - {"XZ"}


def _word_count(run: Run) -> int:
    """The run's words less a leading article: "La Vuelta" (a hamlet's name, and a race's)
    is one word and says no more than "Vuelta"."""
    leading = 1 if len(run.words) > 1 and run.words[0].lower() in PARTICLES else 0
    return len(run.words) - leading


def _dominant(places: Sequence[City]) -> City | None:
    """A city of 100,000 people or more, ten times bigger than any namesake abroad: the one
    a reader takes the name for."""
    cities = sorted((p for p in places if p.kind == "city"), key=lambda p: -p.population)
    if not cities or cities[0].population < DOMINANT_CITY:
        return None
    top = cities[0]
    abroad = [p.population for p in places if p.country != top.country]
    return top if all(top.population >= 10 * n for n in abroad) else None


def choose(found: Sequence[Candidates], named: set[str]) -> dict[int, City]:
    """The place each run stands for (index into ``found``), for those the evidence supports."""
    countries = evidence_countries(found, named)
    by_id: dict[int, City] = {}  # distinctive places in the article's countries: the "near" test
    for item in found:
        for place in _fitting(item):
            small = place.radius_km <= ANCHOR_RADIUS_KM
            if place.country in countries and small and _distinctive(item, place):
                by_id[place.geonameid] = place
    anchors = Anchors(list(by_id.values()))
    chosen: dict[int, City] = {}
    for n, item in enumerate(found):
        scored = [(_score(item, p, countries, anchors), p) for p in _fitting(item)]
        scored = [(s, p) for s, p in scored if s is not None]
        if scored:
            chosen[n] = max(scored, key=lambda pair: (pair[0], -pair[1].geonameid))[1]
    return chosen


def _fitting(item: Candidates) -> list[City]:
    """The candidates of the hinted kind when there are any, else all of them."""
    wanted = HINTED.get(item.run.hint or "", set())
    hinted = [p for p in item.places if p.kind in wanted]
    return hinted or list(item.places)


def own_name(item: Candidates, place: City) -> bool:
    """Found by the place's own name, or by it without its unit ('Halmahera Selatan' for
    'Kabupaten Halmahera Selatan'), rather than by one of its alternate names."""
    own = normalise(place.name)
    asked = [normalise(n) for n in item.names_asked]
    return any(
        a == own or (" " in a and (own.endswith(" " + a) or own.startswith(a + " "))) for a in asked
    )


def _distinctive(item: Candidates, place: City) -> bool:
    """A name that by itself says where the article is: several words, or (by its own name)
    a hinted name ("Danau Toba"), an airport's, or a city of 100,000 people; not one word
    that is some region's name ("Zeta" is a storm, and a region of Montenegro)."""
    if item.weak:
        return False  # "Dakar" of "Dakar Rally" says nothing about Senegal
    if _word_count(item.run) >= 2:
        return True
    return own_name(item, place) and (
        item.run.hint is not None
        or place.kind == "airport"
        or (place.kind in ("city", "admin2") and place.population >= 100_000)
    )


class Anchors:
    """The article's distinctive places, sorted by latitude: whether one is near a candidate
    is asked of the few within reach, not of all (an article may name thousands), and once
    per candidate however often the article names it."""

    def __init__(self, places: list[City]) -> None:
        self.places = sorted(places, key=lambda a: a.lat)
        self._lats = [a.lat for a in self.places]
        self._known: dict[int, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.places)

    def near(self, place: City) -> bool:
        if place.geonameid not in self._known:
            reach = (NEAR_KM + ANCHOR_RADIUS_KM) / 111.0  # degrees of latitude
            low = bisect.bisect_left(self._lats, place.lat - reach)
            high = bisect.bisect_right(self._lats, place.lat + reach)
            self._known[place.geonameid] = any(
                a.geonameid != place.geonameid and _km(a, place) <= NEAR_KM + a.radius_km
                for a in self.places[low:high]
            )
        return self._known[place.geonameid]


def _score(item: Candidates, place: City, countries: set[str], anchors: Anchors) -> float | None:
    """How well ``place`` fits the article's evidence; None when nothing supports it."""
    near = anchors.near(place)
    at_home = place.country in countries
    own = own_name(item, place)
    hinted = bool(item.run.hint) and place.kind in HINTED.get(item.run.hint, set())
    one_word = len(item.run.words) == 1
    big = place.population >= BIG_CITY and own
    if not (at_home or near or big or place.kind == "sea"):
        return None
    if one_word and not own and not at_home and place.kind != "sea":
        return None  # "Terasa" is one of Terrassa's other names, but not in this article's Spain
    if one_word and not own and place.kind == "city" and place.population < 100_000:
        return None  # a small town's other names are too often common words
    if place.kind == "city" and place.population < SMALL_TOWN and not (near or hinted):
        return None  # "Middle East" (a hamlet in the US) is not the Middle East
    if item.weak and not (at_home and (place.population >= 100_000 or place.kind != "city")):
        return None  # "Putin" alone is the man; "Bandung" alone, in Indonesia, is the city
    score = 4.0 * at_home + 2.0 * near + 1.0 * own
    score += 3.0 if hinted else 0.0
    score += math.log10(place.population + 1) / 3 if place.kind == "city" else 0.0
    score += math.log10(place.radius_km + 1) / 2 if place.kind != "city" else 0.0
    score += 1.0 if place.kind == "city" and item.run.hint in (None, "city") else 0.0
    if place.kind == "sea" and anchors:  # "l'Atlantique" off Les Sables-d'Olonne: the North
        score -= min(_km(a, place) for a in anchors.places) / 10_000
    return score


def _km(a: City, b: City) -> float:
    return distance_km(_loc(a), _loc(b))


def _loc(city: City) -> Location:
    return Location(city.lat, city.lon, "gazetteer", city.radius_km, city.name)
