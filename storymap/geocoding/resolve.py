"""Ask the layers in order for every place of a story: the first that knows a place wins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storymap.geocoding import place_checks
from storymap.geocoding.base import Layer, Location, Query, Unresolved, UnresolvedPlaces
from storymap.geocoding.city_index import City
from storymap.geocoding.gazetteer import GazetteerLayer
from storymap.geocoding.names import normalise
from storymap.geocoding.offline import CountryLayer, CuratedLayer, StoryCoordinatesLayer
from storymap.model import Place, Story


def default_layers(
    story: Story | Sequence[Place] | None = None, online: Layer | None = None
) -> list[Layer]:
    """The offline layers in order, plus the online one if the caller switched it on.

    ``story`` (or just its places) gives the coordinates written in the file.
    """
    layers: list[Layer] = [StoryCoordinatesLayer(story)] if story else []
    layers += [CuratedLayer(), CountryLayer(), GazetteerLayer.shared()]
    if online is not None:
        layers.append(online)
    return layers


def locate(query: Query, layers: Sequence[Layer]) -> Location | None:
    """Ask each layer in turn; the first answer wins."""
    for layer in layers:
        found = layer.locate(query)
        if found is not None:
            return found
    return None


def geocode_story(story: Story, layers: Sequence[Layer] | None = None) -> dict[str, Location]:
    """Locate every place of the story, or raise ``UnresolvedPlaces`` listing all misses."""
    located, missing = locate_places(
        story.places, default_layers(story) if layers is None else layers
    )
    if missing:
        raise UnresolvedPlaces(missing)
    return located


def locate_places(
    places: Sequence[Place], layers: Sequence[Layer]
) -> tuple[dict[str, Location], list[Unresolved]]:
    """Locate each place, checked against its country: where each is, and what went wrong."""
    located: dict[str, Location] = {}
    missing: list[Unresolved] = []
    for place in places:
        query = Query.for_place(place)
        found, reason = _locate_checked(place, query, layers)
        if found is None or reason:
            suggestions = () if reason else _suggestions(query, layers)
            missing.append(Unresolved(place.id, query.names, place.country, suggestions, reason))
            continue
        if place.precision_km is not None:
            found = replace(found, precision_km=place.precision_km)
        located[place.id] = found
    return located, missing


def _locate_checked(
    place: Place, query: Query, layers: Sequence[Layer]
) -> tuple[Location | None, str]:
    if place.country not in place_checks.country_names():
        return None, place_checks.unknown_code(
            place.country, query.names, same_name_place(query, layers)
        )
    if place.kind == "country":
        reason = place_checks.wrong_country(place.country, query.names)
        if reason:
            return None, reason
    found = locate(query, layers)
    if found is None:
        city = same_name_place(query, layers)
        if city is None:
            return None, ""
        return None, (
            f"not found in {place_checks.named(place.country)}; "
            f"{city.name} is in {place_checks.named(city.country)}"
        )
    return found, place_checks.outside_country(found, place.country) or ""


def same_name_place(query: Query, layers: Sequence[Layer]) -> City | None:
    """The biggest place, in any country, whose own name is one of the names asked
    (for "not found in MZ; Dar es Salaam is in TZ")."""
    asked = set(map(normalise, query.names))
    for layer in layers:
        if isinstance(layer, GazetteerLayer) and query.kind != "country":
            for city in layer.cities(replace(query, country=None)):
                if normalise(city.name) in asked:
                    return city
    return None


def _suggestions(query: Query, layers: Sequence[Layer]) -> tuple[str, ...]:
    """Close names from the place's own country, in a fixed order (best first)."""
    return tuple(dict.fromkeys(s for layer in layers for s in layer.suggest(query)))[:5]
