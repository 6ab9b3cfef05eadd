"""Regions drawn as regions: a province, lake or sea with an outline is drawn as its area.

The test is the Kursk region of the first story (its frozen copy in tests/fixtures/): it is
located as the Kursk oblast, and the reader's payload, the exports and the overview picture
carry the oblast's outline, which holds the city of Kursk and the oblast's own middle.
"""

from __future__ import annotations

from shapely.geometry import Point, shape

from storymap.export.picture.marks import story_areas
from storymap.geocoding import geocode_story
from storymap.geocoding.outlines import draws_outline, place_outline
from storymap.located import LocatedStory
from storymap.model import Story
from storymap.payload import map_payload, shifted

KURSK_CITY = Point(36.19, 51.73)
OTHER_TOWNS = [
    Point(34.68, 51.57),
    Point(35.37, 52.33),
    Point(36.91, 51.88),
]  # Rylsk, Zheleznogorsk, Shchigry
KHARKIV = Point(36.23, 49.99)  # over the border: not in the oblast


def test_the_kursk_region_is_drawn_as_the_oblast(located_story: LocatedStory):
    payload = map_payload(located_story)
    kursk = next(p for p in payload["places"] if p["id"] == "kursk")
    area = shape(kursk["outline"])
    assert area.geom_type in ("Polygon", "MultiPolygon")
    assert area.contains(KURSK_CITY) and all(area.contains(town) for town in OTHER_TOWNS)
    assert not area.contains(KHARKIV)
    assert 20_000 < area.area * 111 * 111 * 0.62 < 45_000  # about 30,000 km²


def test_cities_and_countries_stay_points(located_story: LocatedStory):
    payload = map_payload(located_story)
    with_outline = [p["id"] for p in payload["places"] if "outline" in p]
    assert with_outline == ["kursk"]


def _story(places: list[dict]) -> Story:
    return Story.model_validate(
        {
            "id": "areas",
            "title": {"en": "t"},
            "subtitle": {"en": "s"},
            "source": {"outlet": "Example", "title": "t", "language": "en"},
            "places": places,
            "events": [
                {
                    "id": "sinking",
                    "date": "2018-06-18",
                    "places": [p["id"] for p in places],
                    "category": "disaster",
                    "title": {"en": "t"},
                    "summary": {"en": "s"},
                    "sources": [{"outlet": "Example"}],
                }
            ],
        }
    )


def test_a_lake_and_a_sea_are_areas_unless_the_story_says_point(gazetteer):
    story = _story(
        [
            {"id": "toba", "name": {"en": "Danau Toba"}, "kind": "region", "country": "ID"},
            {"id": "weddell", "name": {"en": "Weddell Sea"}, "kind": "region", "country": "XZ"},
            {
                "id": "maluku",
                "name": {"en": "Maluku Utara"},
                "kind": "region",
                "country": "ID",
                "outline": False,
            },
        ]
    )
    located = geocode_story(story)
    toba = place_outline(story.place("toba"), located["toba"])
    assert shape(toba).buffer(0.05).contains(Point(98.85, 2.62))  # the lake, by Samosir
    assert place_outline(story.place("weddell"), located["weddell"]) is not None
    assert located["maluku"].area and not draws_outline(story.place("maluku"), located["maluku"])
    areas = story_areas(story, located)
    assert len(areas) == 2 and areas[0][1] == areas[1][1]  # the event's colour, for both


def test_an_outline_moves_with_its_point_across_the_antimeridian():
    square = {"type": "Polygon", "coordinates": [[[179, 1], [179.5, 1], [179.5, 2], [179, 1]]]}
    moved = shifted(square, -360)
    assert moved["coordinates"][0][0] == [-181, 1]
    assert shifted(square, 0) is square
