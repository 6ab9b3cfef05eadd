"""Ask the layers in order for every place of a story: the first that knows a place wins."""

from __future__ import annotations

from collections.abc import Sequence

from storymap.geocoding.base import Layer, Location, Query, Unresolved, UnresolvedPlaces
from storymap.geocoding.gazetteer import GazetteerLayer
from storymap.geocoding.offline import CountryLayer, CuratedLayer, StoryCoordinatesLayer
from storymap.model import Story


def default_layers(story: Story | None = None, online: Layer | None = None) -> list[Layer]:
    """The offline layers in order, plus the online one if the caller switched it on."""
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
    layers = default_layers(story) if layers is None else layers
    located: dict[str, Location] = {}
    missing: list[Unresolved] = []
    for place in story.places:
        query = Query.for_place(place)
        found = locate(query, layers)
        if found is None:
            suggestions = dict.fromkeys(s for layer in layers for s in layer.suggest(query))
            missing.append(Unresolved(place.id, query.names, place.country, tuple(suggestions)[:5]))
            continue
        if place.precision_km is not None:
            found = Location(
                found.lat, found.lon, found.layer, place.precision_km, found.matched, found.note
            )
        located[place.id] = found
    if missing:
        raise UnresolvedPlaces(missing)
    return located
