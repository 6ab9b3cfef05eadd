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

from storymap.authoring.ids import follow_name
from storymap.geocoding import Location, Query, normalise
from storymap.geocoding.gazetteer_data import STORY_KIND
from storymap.geocoding.place_checks import code_for
from storymap.story_writer import is_placeholder

CLOSE_NAMES = 5  # close names asked of each layer in each country, for a typo
SAME_PLACE_DEGREES = 0.01  # a result this near a place of the story is that place (about 1 km)


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


def chosen(
    data: dict[str, Any], index: int, candidate: Candidate, query: str = ""
) -> dict[str, Any]:
    """``data`` with place ``index`` filled from ``candidate``: its point and precision (with
    where they came from), its country and kind, an id from its name if the page made the
    id, and its name: in every language that has none (or a draft's placeholder), and in
    every language when ``query`` (what was searched for) is none of the place's names (the
    author looked for another place: "Tanzania" becomes "Dar es Salaam")."""
    from storymap.authoring.order import languages_of
    from storymap.authoring.paths import set_at

    place = data["places"][index] if isinstance(data["places"][index], dict) else {}
    name = place.get("name") if isinstance(place.get("name"), dict) else {}
    own = {
        lang: text
        for lang, text in name.items()
        if isinstance(text, str) and text.strip() and not is_placeholder(text)
    }
    if query.strip() and normalise(query) not in {normalise(text) for text in own.values()}:
        own = {}  # another place than the one named
    written = {lang: own.get(lang) or candidate.name for lang in languages_of(data)}
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


def place_named(data: dict[str, Any], name: str) -> tuple[dict[str, Any], str]:
    """``data`` with a new place found by ``name`` (the search's first result, the story's
    countries first), and its id: a place typed into an event's places, as in a search box.

    When places of that very name lie in several countries, the choice goes on the
    draft's to-do list to be checked. A name nothing matches makes a place with that
    name alone, which the checks then ask to place.
    """
    from storymap.authoring.order import add_place
    from storymap.authoring.paths import path_text, set_at

    found = candidates(name, story_countries(data), None)
    same = existing_place(data, name, found[0] if found else None)
    if same is not None:
        return data, same
    data, index = add_place(data)
    if not found:
        data = set_at(data, ("places", index, "name"), dict.fromkeys(_languages(data), name))
        data = follow_name({"places": []}, data, "places", index)
        return data, data["places"][index]["id"]
    data = chosen(data, index, found[0], name)
    namesakes = {c.country for c in found if normalise(c.name) == normalise(found[0].name)}
    draft = data.get("draft")
    if len(namesakes) > 1 and isinstance(draft, dict) and isinstance(draft.get("todo"), list):
        where = f"{found[0].name}, {found[0].country}"
        why = (
            f"{path_text(('places', index))} (the first of several places named {name!r}: {where})"
        )
        data = {**data, "draft": {**draft, "todo": [*draft["todo"], why]}}
    return data, data["places"][index]["id"]


def existing_place(data: dict[str, Any], name: str, found: Candidate | None = None) -> str | None:
    """The id of the story's place that ``name`` names (its id, a name in any language or an
    alias), or that lies where the search found ``name`` (within ``SAME_PLACE_KM``)."""
    wanted = normalise(name)
    places = [p for p in data.get("places") or [] if isinstance(p, dict)]
    for place in places:
        names = place.get("name") if isinstance(place.get("name"), dict) else {}
        aliases = place.get("aliases") if isinstance(place.get("aliases"), list) else []
        known = [place.get("id"), *names.values(), *aliases]
        if wanted in {normalise(str(n).replace("-", " ")) for n in known if n}:
            return place.get("id")
    for place in places if found is not None else []:
        point = place.get("coordinates") if isinstance(place.get("coordinates"), dict) else {}
        lat, lon = point.get("lat"), point.get("lon")
        numbers = isinstance(lat, int | float) and isinstance(lon, int | float)
        if numbers and abs(lat - found.lat) + abs(lon - found.lon) < SAME_PLACE_DEGREES:
            return place.get("id")
    return None


def _languages(data: dict[str, Any]) -> list[str]:
    from storymap.authoring.order import languages_of

    return languages_of(data)
