"""Places named in words (a timeline has no coordinates), found by the layers the geocoder has.

``in_text`` reads headlines and texts with the draft's ``PlaceFinder`` (country names,
curated places, GeoNames cities, with its care for common words and people's names);
``by_name`` reads a spreadsheet's place column, where the whole cell is a place's name.
Every place returned is located by the same offline layers ``geocode_story`` uses, so
a story written with it validates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from storymap.draft.country_names import country
from storymap.draft.places import Mention, PlaceFinder
from storymap.geocoding import CountryLayer, CuratedLayer, GazetteerLayer, Layer, Query, locate
from storymap.languages import babel_locale

# Quotation marks around words ('Whitney'), not apostrophes inside them (Houston's).
_QUOTES = re.compile(r"(?<![\w])['‘’\"“”]|['‘’\"“”](?![\w])")


@dataclass(frozen=True)
class NamedPlace:
    """A place found by its name, as a story place: name, kind, country, how it was found."""

    key: str  # one place per key: "country:RU", "city:524901", "curated:moscow-kremlin"
    name: str
    kind: str
    country: str
    words: str  # the words that named it
    layer: str  # the geocoding layer that locates it


class PlaceNamer:
    """Finds and checks places named in an imported story's words, in one story language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.finder = PlaceFinder(lang if lang in ("id", "en") else "en")

    @cached_property
    def layers(self) -> list[Layer]:
        return [CuratedLayer(), CountryLayer(), GazetteerLayer.shared()]

    def in_texts(self, groups: list[list[str]], limit: int = 5) -> list[list[NamedPlace]]:
        """The places each group of texts (an event's headline and text) names, read together.

        Read together, a name written as a person's elsewhere in the story ("Whitney
        Houston") is not taken for a city when it stands alone ("Houston is signed").
        """
        sentences: list[str] = []
        owner: list[int] = []
        for number, texts in enumerate(groups):
            for text in texts:
                if text:
                    sentences.append(_QUOTES.sub(" ", text))
                    owner.append(number)
        found: list[dict[str, NamedPlace]] = [{} for _ in groups]
        for mention in self.finder.find(sentences):
            place = self._place(mention)
            if place is not None:
                found[owner[mention.sentence]].setdefault(place.key, place)
        return [_most_precise(list(places.values()))[:limit] for places in found]

    def in_text(self, texts: list[str], limit: int = 5) -> list[NamedPlace]:
        """The places the texts name, in order, each once."""
        return self.in_texts([texts], limit)[0]

    def by_name(self, name: str) -> NamedPlace | None:
        """The place a cell names ('Seoul', 'Newark, New Jersey', 'Japan'), if a layer knows it."""
        places = self.in_text([name])
        if places:
            return places[0]
        head = name.split(",")[0].strip()
        cities = self.finder.gazetteer.cities(Query((head,), None))
        if not cities:
            return None
        city = cities[0]
        return self._checked(f"city:{city.geonameid}", city.name, "city", city.country, name)

    def _place(self, mention: Mention) -> NamedPlace | None:
        hit = mention.hit
        if hit.kind != "country" and mention.words.isupper() and len(mention.words) > 1:
            return None  # an acronym ("BASIC") found as a city's alternate name
        name = self.country_name(hit.country) if hit.kind == "country" else hit.name
        return self._checked(hit.key, name, hit.kind, hit.country, mention.words)

    def _checked(self, key: str, name: str, kind: str, code: str, words: str) -> NamedPlace | None:
        where = locate(Query((name,), code, kind), self.layers)
        if where is None:
            return None
        return NamedPlace(key, name, kind, code, words, where.layer)

    def country_name(self, code: str) -> str:
        """The country's name in the story's language (Babel), else in English."""
        try:
            name = babel_locale(self.lang).territories.get(code)
        except ValueError:
            name = None
        return name or country(code).name_en


def _most_precise(places: list[NamedPlace]) -> list[NamedPlace]:
    """A country gives way to a place inside it ("Seoul, Korea" is Seoul)."""
    inside = {p.country for p in places if p.kind != "country"}
    return [p for p in places if p.kind != "country" or p.country not in inside]
