"""Finding a place by name, as a search box does: one search over every country.

Places of this very name, anywhere: those in the story's own countries first, then the
rest of the world. Only when there are none, close names (a typo: "Dar es Salam"), from
the story's countries (the whole world's 300,000 names take seconds to compare).
Every offline layer answers: country names in many languages ("Mozambik"), curated
sites, and the gazetteer's towns, regions, islands, lakes, seas, mountains and
airports. Each candidate carries everything a place needs: its name, country, kind,
point and precision, so choosing one fills the whole place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from storymap.authoring.texts import PLACEHOLDERS
from storymap.geocoding import Location, Query
from storymap.geocoding.checks import code_for
from storymap.geocoding.gazetteer_data import STORY_KIND

CLOSE_NAMES = 5  # close names asked of each layer in each country, for a typo


@dataclass(frozen=True)
class Candidate:
    """A place a name may mean: where, in which country, and which layer knows it."""

    name: str
    lat: float
    lon: float
    country: str | None
    layer: str
    precision_km: float
    note: str = ""
    kind: str = "city"  # as a story writes it: city, site, region or country


@cache
def _layers() -> dict[str, Any]:
    from storymap.geocoding import CountryLayer, CuratedLayer, GazetteerLayer

    return {
        "curated": CuratedLayer(),
        "countries": CountryLayer(),
        "gazetteer": GazetteerLayer.shared(),
    }


def candidates(
    name: str,
    countries: str | Sequence[str] | None = None,
    kind: str | None = None,
    limit: int = 8,
) -> list[Candidate]:
    """What ``name`` may be, anywhere: in ``countries`` (the story's) first, then the world.

    ``kind`` (the place's kind) orders namesakes: the region Kursk before the town.
    """
    name = name.strip()[:200]
    if not name:
        return []
    hints = [countries] if isinstance(countries, str) else [c for c in countries or () if c]
    found = _exact(name, hints, kind) or _close(name, hints, kind)
    ranked = sorted(
        enumerate(found),
        key=lambda item: (item[1][0], item[1][1].country not in hints, item[0]),
    )
    unique: dict[tuple[float, float], Candidate] = {}
    for _, (_, candidate) in ranked:
        unique.setdefault((round(candidate.lat, 2), round(candidate.lon, 2)), candidate)
    return list(unique.values())[:limit]


def _exact(name: str, hints: list[str], kind: str | None) -> list[tuple[int, Candidate]]:
    """(0, candidate) for every place of this very name, in any country."""
    layers = _layers()
    found: list[tuple[int, Candidate]] = []
    code = code_for([name])  # a country's name, in one of many languages
    if code:
        location = layers["countries"].locate(Query((name,), code, "country"))
        if location:
            found.append((0, _candidate(location, code, "country")))
    for hint in dict.fromkeys([*hints, None]):
        location = layers["curated"].locate(Query((name,), hint))
        if location:
            found.append((0, _candidate(location, hint or _country_at(location), "site")))
    gazetteer = layers["gazetteer"]
    for place in gazetteer.cities(Query((name,), None, kind)):
        location = gazetteer.location(place, Query((name,), place.country))
        found.append((0, _candidate(location, place.country, _kind(place.kind))))
    return found


def _close(name: str, hints: list[str], kind: str | None) -> list[tuple[int, Candidate]]:
    """(1, candidate) for close names (a typo) in the story's countries."""
    layers = _layers()
    gazetteer = layers["gazetteer"]
    found: list[tuple[int, Candidate]] = []
    for hint in hints:
        for close in layers["curated"].suggest(Query((name,), hint), CLOSE_NAMES):
            location = layers["curated"].locate(Query((close,), hint))
            if location:
                found.append((1, _candidate(location, hint, "site")))
        for close in gazetteer.suggest(Query((name,), hint), CLOSE_NAMES):
            for place in gazetteer.cities(Query((close,), hint, kind))[:1]:
                location = gazetteer.location(place, Query((close,), place.country))
                found.append((1, _candidate(location, place.country, _kind(place.kind))))
    return found


def _kind(gazetteer_kind: str) -> str:
    return STORY_KIND.get(gazetteer_kind, "city")


def _candidate(location: Location, country: str | None, kind: str) -> Candidate:
    return Candidate(
        location.matched, location.lat, location.lon, country, location.layer,
        location.precision_km, location.note, kind,
    )  # fmt: skip


def _country_at(location: Location) -> str | None:
    from storymap.authoring.placing import country_at

    return country_at(location.lat, location.lon)


def story_countries(data: dict[str, Any], first: str | None = None) -> list[str]:
    """The countries the story's places are in, in the order they first appear (``first``,
    the place's own, before them): where a search looks first."""
    places = data.get("places") if isinstance(data.get("places"), list) else []
    codes = [p.get("country") for p in places if isinstance(p, dict)]
    return list(dict.fromkeys(c for c in (first, *codes) if isinstance(c, str) and c))


def chosen(data: dict[str, Any], index: int, candidate: Candidate) -> dict[str, Any]:
    """``data`` with place ``index`` filled from ``candidate``: its point and precision (with
    where they came from), its country and kind, its name in every language that has none
    yet (or a draft's placeholder), and an id from that name if the page made its id."""
    from storymap.authoring.ids import follow_name
    from storymap.authoring.order import languages_of
    from storymap.authoring.paths import set_at

    place = data["places"][index] if isinstance(data["places"][index], dict) else {}
    name = place.get("name") if isinstance(place.get("name"), dict) else {}
    filled = {
        lang: text
        for lang in languages_of(data)
        if (text := name.get(lang)) and isinstance(text, str) and text.strip()
        and not text.lstrip().startswith(PLACEHOLDERS)
    }  # fmt: skip
    written = {lang: filled.get(lang) or candidate.name for lang in languages_of(data)}
    coordinates = {
        "lat": round(candidate.lat, 5),
        "lon": round(candidate.lon, 5),
        "precision_km": candidate.precision_km,
        "source": f"{candidate.layer}: {candidate.name} ({candidate.note})"[:300],
    }
    new = set_at(data, ("places", index, "name"), {**name, **written})
    new = set_at(new, ("places", index, "coordinates"), coordinates)
    new = set_at(new, ("places", index, "kind"), candidate.kind)
    if candidate.country:
        new = set_at(new, ("places", index, "country"), candidate.country)
    return follow_name(data, new, "places", index)
