"""Geocoding: each offline layer alone, disambiguation, the first story's places, the online layer."""

from __future__ import annotations

import json

import pytest
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable
from pyproj import Geod
from shapely.geometry import Point
from story_helpers import FIXTURES

from storymap.geocoding import (
    COUNTRY_OUTLINES,
    CountryLayer,
    CuratedLayer,
    GeocodeUnavailable,
    Location,
    Query,
    StoryCoordinatesLayer,
    UnresolvedPlaces,
    default_layers,
    geocode_story,
    locate,
    normalise,
)
from storymap.geocoding.online import NominatimLayer
from storymap.loading import load_story, parse_story

WGS84 = Geod(ellps="WGS84")


def km_between(location: Location, lat: float, lon: float) -> float:
    return WGS84.inv(location.lon, location.lat, lon, lat)[2] / 1000


@pytest.fixture(scope="module")
def countries() -> CountryLayer:
    return CountryLayer()


@pytest.fixture(scope="module")
def curated() -> CuratedLayer:
    return CuratedLayer()


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Wŏnsan", "wonsan"),
        ("Khasan–Tumangang", "khasan tumangang"),
        ("  MOSCOW ", "moscow"),
        ("Kremlin, Moskow", "kremlin moskow"),
        ("P’yŏngyang", "p yongyang"),
        ("---", ""),
    ],
)
def test_normalise(name, folded):
    assert normalise(name) == folded


def test_query_for_place_tries_english_then_indonesian_then_aliases(story):
    query = Query.for_place(story.place("kursk"))
    assert query.names == ("Kursk region", "Wilayah Kursk", "Kursk")
    assert (query.country, query.kind) == ("RU", "region")
    assert Query.for_place(story.place("pyongyang")).names == ("Pyongyang",)  # no repeats


# --- story coordinates ------------------------------------------------------------------------

WITH_COORDINATES = """
  - id: bridge
    name: {id: Jembatan, en: Friendship Bridge}
    aliases: [Druzhba]
    kind: site
    country: RU
    coordinates: {lat: 42.42, lon: 130.64, precision_km: 1.5, source: my own survey}
"""


@pytest.fixture(scope="module")
def story_with_coordinates():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    return parse_story(text.replace("events:", WITH_COORDINATES.lstrip("\n") + "events:"))


def test_story_coordinates_layer(story_with_coordinates):
    layer = StoryCoordinatesLayer(story_with_coordinates)
    for names in (("Friendship Bridge",), ("jembatan",), ("DRUZHBA",)):
        found = layer.locate(Query(names, "RU", "site"))
        assert found == Location(42.42, 130.64, "story", 1.5, "Friendship Bridge", "my own survey")
    assert layer.locate(Query(("Friendship Bridge",), "KP")) is None  # another country
    assert layer.locate(Query(("Friendship Bridge",))) is not None  # no hint
    assert layer.locate(Query(("Moscow",), "RU")) is None  # no coordinates in the story
    assert layer.suggest(Query(("Friendship Brige",))) == []


def test_story_coordinates_win_over_every_other_layer(story_with_coordinates, gazetteer):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    moved = text.replace(
        "    country: RU\n",
        "    country: RU\n    coordinates: {lat: 55, lon: 40, precision_km: 3, source: a test}\n",
        1,
    )
    located = geocode_story(parse_story(moved))
    assert (located["moscow"].lat, located["moscow"].lon) == (55, 40)
    assert located["moscow"].layer == "story"


# --- curated places ---------------------------------------------------------------------------


def test_curated_layer_by_name_alias_and_id(curated):
    for name in ("Moscow Kremlin", "kremlin", "Kremlin, Moskow", "moscow-kremlin"):
        found = curated.locate(Query((name,), "RU", "site"))
        assert found is not None, name
        assert found.layer == "curated"
        assert found.matched == "Moscow Kremlin"
        assert found.precision_km == 0.5
        assert "OpenStreetMap" in found.note
    assert curated.locate(Query(("Kremlin",), "KP")) is None
    assert curated.locate(Query(("Atlantis",), "RU")) is None


def test_curated_layer_suggests_by_country(curated):
    suggestions = curated.suggest(Query(("Tumen bridge",), "RU"))
    assert "Tumen River road bridge (Khasan–Tumangang)" in suggestions


@pytest.mark.parametrize(
    ("name", "country", "city", "km_from_city", "radius_km"),
    [
        # the guesthouse is 6 km west of Beijing's point, outside the city's 5 km circle
        ("Wisma Negara Diaoyutai, Beijing", "CN", (39.9075, 116.3972), (5.5, 6.5), 0.6),
        # the museum lot, across the Hapjang River from the Kumsusan Palace of the Sun
        ("Memorial Museum of Combat Feats", "KP", (39.0339, 125.7543), (4.0, 5.0), 2.0),
        # between Svobodny and Shimanovsk, the two districts the cosmodrome spans
        ("Vostochny Cosmodrome", "RU", (51.3750, 128.1401), (35.0, 42.0), 50.0),
    ],
)
def test_curated_sites_are_where_their_sources_put_them(
    curated, outlines, name, country, city, km_from_city, radius_km
):
    found = curated.locate(Query((name,), country, "site"))
    assert found is not None and found.layer == "curated"
    low, high = km_from_city
    assert low < km_between(found, *city) < high
    assert found.precision_km == radius_km
    assert found.note  # where the point was read, in the feature's own words
    assert km_to_country(outlines, found, country) == 0


def test_curated_layer_reads_any_geojson(tmp_path):
    path = tmp_path / "places.geojson"
    feature = {
        "type": "Feature",
        "properties": {
            "id": "null-island",
            "name": "Null Island",
            "country": "XX",
            "kind": "site",
            "precision_km": 1,
            "source": "a test",
        },
        "geometry": {"type": "Point", "coordinates": [10.0, 50.0]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    found = CuratedLayer(path).locate(Query(("null island",), "XX"))
    assert (found.lat, found.lon) == (50.0, 10.0)  # GeoJSON is (lon, lat)


# --- countries --------------------------------------------------------------------------------


def test_country_layer_only_answers_for_countries(countries):
    russia = countries.locate(Query(("Russia",), "RU", "country"))
    assert russia.layer == "countries"
    assert russia.matched == "Russia"
    assert 50 < russia.lat < 75 and 30 < russia.lon < 180
    assert 1500 < russia.precision_km < 3000  # a circle as big as Russia: about 2,300 km
    assert countries.locate(Query(("Russia",), "RU", "city")) is None
    assert countries.locate(Query(("Russia",), None, "country")) is None
    assert countries.locate(Query(("Nowhere",), "ZZ", "country")) is None
    assert countries.suggest(Query(("Rusia",), "RU", "country")) == []


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        ("KP", (37.5, 43.1), (124, 131)),
        ("UA", (44, 52.5), (22, 40.3)),
        ("US", (24, 50), (-125, -66)),
    ],
)
def test_country_point_is_inside_the_country(countries, code, lat, lon):
    found = countries.locate(Query((code,), code, "country"))
    assert lat[0] < found.lat < lat[1]
    assert lon[0] < found.lon < lon[1]


# --- the gazetteer ----------------------------------------------------------------------------


def test_moscow_in_russia(gazetteer):
    found = gazetteer.locate(Query(("Moscow",), "RU", "city"))
    assert km_between(found, 55.75, 37.62) < 5
    assert found.layer == "gazetteer"
    assert found.precision_km == 5.0
    assert "GeoNames" in found.note and "(RU)" in found.note


def test_moscow_without_a_hint_is_the_biggest(gazetteer):
    found = gazetteer.locate(Query(("Moscow",)))
    assert km_between(found, 55.75, 37.62) < 5
    countries = [city.country for city in gazetteer.cities(Query(("Moscow",)))]
    assert countries[0] == "RU" and "US" in countries


def test_moscow_in_the_united_states_is_idaho(gazetteer):
    found = gazetteer.locate(Query(("Moscow",), "US", "city"))
    assert km_between(found, 46.73, -117.00) < 10  # Moscow, Idaho


def test_khasan_in_russia_is_not_hassan_in_india(gazetteer):
    assert gazetteer.locate(Query(("Khasan",), "RU", "site")) is None
    without_hint = gazetteer.locate(Query(("Khasan",)))
    assert without_hint is None or "(IN)" in without_hint.note  # why the hint matters


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Moskow", None, 55.75, 37.62),
        ("Moskwa", "RU", 55.75, 37.62),
        ("Moskva", "RU", 55.75, 37.62),
        ("Pyeongyang", None, 39.03, 125.75),
        ("P'yŏngyang", "KP", 39.03, 125.75),
        ("Minsk", "BY", 53.90, 27.57),
        ("Kursk", "RU", 51.73, 36.19),
    ],
)
def test_other_spellings(gazetteer, name, country, lat, lon):
    found = gazetteer.locate(Query((name,), country, "city"))
    assert found is not None, name
    assert km_between(found, lat, lon) < 10


def test_the_gazetteer_never_answers_for_a_country(gazetteer):
    assert gazetteer.locate(Query(("Singapore",), "SG", "country")) is None
    assert gazetteer.locate(Query(("Singapore",), "SG", "city")) is not None


def test_the_gazetteer_suggests_close_names(gazetteer):
    assert "Pyongyang" in gazetteer.suggest(Query(("Pyongyangg",), "KP"))
    assert "Moscow" in gazetteer.suggest(Query(("Moskoww",), "RU"))


def test_the_gazetteer_is_shared(gazetteer):
    assert type(gazetteer).shared() is gazetteer


def test_locate_asks_layers_in_order(curated, gazetteer):
    query = Query(("Kremlin",), "RU", "site")
    assert locate(query, [curated, gazetteer]).layer == "curated"
    assert locate(Query(("Moscow",), "RU"), [curated, gazetteer]).layer == "gazetteer"
    assert locate(Query(("Atlantis",), "RU"), [curated, gazetteer]) is None
    assert locate(query, []) is None


def test_default_layers(story, gazetteer):
    assert [layer.name for layer in default_layers()] == ["curated", "countries", "gazetteer"]
    assert default_layers(story)[0].name == "story"


# --- the first story --------------------------------------------------------------------------


def test_every_place_of_the_first_story_is_located(story, located):
    assert set(located) == {p.id for p in story.places}


@pytest.mark.parametrize(
    ("place_id", "lat", "lon", "within_km"),
    [
        ("moscow", 55.75, 37.62, 5),
        ("kremlin", 55.752, 37.617, 1),
        ("pyongyang", 39.03, 125.75, 5),
        ("kursk", 51.73, 36.19, 40),  # the region (the oblast) is marked inside it, near the city
        ("minsk", 53.90, 27.57, 5),
        ("beijing", 39.90, 116.40, 5),
        ("tumen-bridge", 42.42, 130.64, 3),
        ("wonsan-kalma", 39.15, 127.44, 8),  # Wonsan city; the resort is just south-east
    ],
)
def test_first_story_places_are_where_they_are(located, place_id, lat, lon, within_km):
    assert km_between(located[place_id], lat, lon) < within_km


def test_the_bridge_is_between_russia_and_north_korea(located):
    bridge = located["tumen-bridge"]
    # the Tumen's last few km: Khasan (RU) on the north bank, Tumangang (KP) on the south
    assert 42.2 < bridge.lat < 42.6
    assert 130.5 < bridge.lon < 130.8
    assert bridge.layer == "curated"


def test_wonsan_kalma_is_on_the_coast_east_of_wonsan(located):
    resort = located["wonsan-kalma"]
    assert resort.lon > 127.40
    assert resort.layer == "curated"


@pytest.fixture(scope="module")
def outlines():
    import geopandas

    return geopandas.read_file(COUNTRY_OUTLINES).set_index("iso_a2")


def km_to_country(outlines, location: Location, code: str) -> float:
    """Distance from a location to a Natural Earth outline (0 inside), in a projection centred on it."""
    local = f"+proj=aeqd +lat_0={location.lat} +lon_0={location.lon} +units=m +ellps=WGS84"
    outline = outlines.loc[[code]].to_crs(local).geometry.iloc[0]
    return outline.distance(Point(0, 0)) / 1000


@pytest.mark.parametrize(
    ("place_id", "code"),
    [
        ("moscow", "RU"),
        ("kremlin", "RU"),
        ("kursk", "RU"),
        ("pyongyang", "KP"),
        ("minsk", "BY"),
        ("beijing", "CN"),
        ("ukraine-south-east", "UA"),
        ("ukraine", "UA"),
        ("russia", "RU"),
        ("north-korea", "KP"),
        ("united-states", "US"),
    ],
)
def test_places_are_inside_their_country(located, outlines, place_id, code):
    assert km_to_country(outlines, located[place_id], code) == 0


def test_the_bridge_is_on_the_russia_north_korea_border(located, outlines):
    bridge = located["tumen-bridge"]
    west, south, east, north = outlines.loc["KP"].geometry.bounds
    assert west < bridge.lon < east and south < bridge.lat < north
    assert bridge.lat > outlines.loc["RU"].geometry.bounds[1]  # Russia's southernmost point
    # within a few km of both outlines (Natural Earth 1:110m is generalised by a few km)
    assert km_to_country(outlines, bridge, "RU") < 5
    assert km_to_country(outlines, bridge, "KP") < 5


def test_wonsan_kalma_is_on_the_north_korean_coast(located, outlines):
    assert km_to_country(outlines, located["wonsan-kalma"], "KP") < 5


def test_kursk_is_in_russia_with_the_regions_precision(located):
    kursk = located["kursk"]
    assert kursk.layer == "gazetteer"
    assert "(RU)" in kursk.note
    assert kursk.precision_km == 120  # the place's own precision_km overrides the layer's
    assert km_between(kursk, 51.73, 36.19) < 40  # the oblast's middle, not the city's
    assert kursk.area  # the gazetteer has the oblast's outline


def test_which_layer_placed_each_place(located):
    layers = {place_id: location.layer for place_id, location in located.items()}
    assert layers == {
        "moscow": "gazetteer",
        "kremlin": "curated",
        "pyongyang": "gazetteer",
        "kursk": "gazetteer",
        "minsk": "gazetteer",
        "beijing": "gazetteer",
        "tumen-bridge": "curated",
        "wonsan-kalma": "curated",
        "ukraine": "countries",
        "ukraine-south-east": "curated",
        "russia": "countries",
        "north-korea": "countries",
        "united-states": "countries",
    }


def test_country_places_are_inside_their_countries(located):
    assert 44 < located["ukraine"].lat < 52.5 and 22 < located["ukraine"].lon < 40.3
    assert 37.5 < located["north-korea"].lat < 43.1 and 124 < located["north-korea"].lon < 131
    assert located["united-states"].lon < -66


# --- what cannot be located ---------------------------------------------------------------------


def test_every_unresolved_place_is_listed_at_once_with_suggestions(gazetteer):
    story = load_story(FIXTURES / "misspelled_places.yaml")
    with pytest.raises(UnresolvedPlaces) as caught:
        geocode_story(story)
    unresolved = {item.place_id: item for item in caught.value.unresolved}
    assert set(unresolved) == {"pyongyang", "moscow"}  # Minsk is fine
    assert "Pyongyang" in unresolved["pyongyang"].suggestions
    assert "Moscow" in unresolved["moscow"].suggestions
    assert unresolved["moscow"].country == "RU"
    assert len(unresolved["moscow"].suggestions) <= 5
    message = str(caught.value)
    assert message.startswith("2 place(s) could not be located:")
    assert "place 'pyongyang': 'Pyongyangg' in KP not found (did you mean: Pyongyang" in message
    assert "place 'moscow': 'Moskoww' in RU not found (did you mean: " in message


# --- the online layer, with fake geocoders --------------------------------------------------------


class Answer:
    latitude = 42.4
    longitude = 130.6
    address = "Хасан, Приморский край, Россия"


class FakeGeocoder:
    def __init__(self, answer=None):
        self.answer = answer if answer is not None else Answer()
        self.calls: list[tuple[str, dict]] = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        return self.answer


class NotFoundGeocoder(FakeGeocoder):
    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        return None


class UnreachableGeocoder:
    def __init__(self, error=GeocoderUnavailable):
        self.error = error
        self.calls = 0

    def geocode(self, query, **kwargs):
        self.calls += 1
        raise self.error("Service not available")


def online(geocoder, tmp_path) -> NominatimLayer:
    return NominatimLayer(
        geocoder, cache_path=tmp_path / "cache" / "nominatim.json", min_delay_seconds=0
    )


def test_online_layer_answers_and_writes_its_cache(tmp_path):
    fake = FakeGeocoder()
    layer = online(fake, tmp_path)
    found = layer.locate(Query(("Khasan", "Хасан"), "RU", "site"))
    assert found == Location(
        42.4,
        130.6,
        "nominatim",
        5.0,
        "Khasan",
        "OpenStreetMap Nominatim: Хасан, Приморский край, Россия",
    )
    assert fake.calls == [("Khasan", {"exactly_one": True, "country_codes": "ru"})]
    cache = json.loads((tmp_path / "cache" / "nominatim.json").read_text(encoding="utf-8"))
    assert cache == {"Khasan|RU": {"lat": 42.4, "lon": 130.6, "address": Answer.address}}


def test_online_layer_reuses_its_cache(tmp_path):
    fake = FakeGeocoder()
    first = online(fake, tmp_path).locate(Query(("Khasan",), "RU"))
    again = online(fake, tmp_path)  # a new layer, as in a new run: reads the cache file
    assert again.locate(Query(("Khasan",), "RU")) == first
    assert again.locate(Query(("Khasan",), "RU")) == first
    assert len(fake.calls) == 1
    unreachable = UnreachableGeocoder()
    assert online(unreachable, tmp_path).locate(Query(("Khasan",), "RU")) == first
    assert unreachable.calls == 0


def test_online_layer_remembers_what_it_did_not_find(tmp_path):
    fake = NotFoundGeocoder()
    assert online(fake, tmp_path).locate(Query(("Atlantis",))) is None
    assert online(fake, tmp_path).locate(Query(("Atlantis",))) is None
    assert fake.calls == [("Atlantis", {"exactly_one": True})]  # no country hint given


def test_online_layer_ignores_a_broken_cache(tmp_path):
    path = tmp_path / "cache" / "nominatim.json"
    path.parent.mkdir()
    path.write_text("{not json", encoding="utf-8")
    fake = FakeGeocoder()
    assert online(fake, tmp_path).locate(Query(("Khasan",), "RU")) is not None
    assert len(fake.calls) == 1
    assert json.loads(path.read_text(encoding="utf-8"))  # rewritten


@pytest.mark.parametrize("error", [GeocoderUnavailable, GeocoderTimedOut])
def test_unreachable_online_layer_is_a_clear_error(tmp_path, error):
    layer = online(UnreachableGeocoder(error), tmp_path)
    with pytest.raises(GeocodeUnavailable) as caught:
        layer.locate(Query(("Khasan",), "RU"))
    message = str(caught.value)
    assert "the online geocoder (Nominatim) could not be reached for 'Khasan'" in message
    assert error.__name__ in message
    assert "run without --online" in message
    assert not (tmp_path / "cache" / "nominatim.json").exists()  # nothing cached


def test_online_layer_is_asked_last(story, tmp_path, gazetteer):
    fake = FakeGeocoder()
    layers = default_layers(story, online(fake, tmp_path))
    assert layers[-1].name == "nominatim"
    located = geocode_story(story, layers)
    assert "nominatim" not in {loc.layer for loc in located.values()}
    assert fake.calls == []  # the offline layers knew every place


def test_online_layer_finds_what_offline_layers_cannot(tmp_path, gazetteer):
    story = load_story(FIXTURES / "misspelled_places.yaml")
    fake = FakeGeocoder()
    located = geocode_story(story, default_layers(story, online(fake, tmp_path)))
    assert located["moscow"].layer == "nominatim"
    assert located["minsk"].layer == "gazetteer"
    assert sorted(query for query, _ in fake.calls) == ["Moskoww", "Pyongyangg"]
