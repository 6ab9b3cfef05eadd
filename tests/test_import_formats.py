"""Importing as an author would: formats guessed or named, GeoJSON, spreadsheets with a
place column, and one clear line for every file that cannot be imported."""

from __future__ import annotations

import csv
import json

import pytest

from storymap.importers import FORMATS, ImportFailed, import_story
from storymap.loading import MAX_STORY_BYTES
from storymap.located import LocatedStory
from storymap.payload import reader_payload


def slides(*extra: dict, overview: dict | None = None) -> bytes:
    first = overview or {"type": "overview", "text": {"headline": "A title", "text": "A subtitle"}}
    return json.dumps({"storymap": {"slides": [first, *extra]}}).encode()


def slide(lat: float, lon: float, date: object = "2020", headline: str = "Here", **more) -> dict:
    return {
        "date": date,
        "text": {"headline": headline, "text": "Words."},
        "location": {"lat": lat, "lon": lon, "zoom": 10, **more.pop("location", {})},
        **more,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe\x00binary", "is UTF-16 text: save it as UTF-8"),
        ("café".encode("latin-1"), "is not UTF-8 text (byte 3 is not valid): save it as UTF-8"),
        (b'{"storymap": {"slides": [', "looks like JSON but is not valid JSON (line 1, column 26"),
        (
            b'{"hello": 1}',
            "JSON, but not a StoryMapJS, TimelineJS or GeoJSON story (its keys: hello)",
        ),
        (b"[1, 2]", "JSON, but a list, not a story's object"),
        (b"name,age\nx,1\n", "a CSV without the expected columns"),
        (b"id,name_en,kind,country,lat,lon,layer\n", "this is storymap's places CSV"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_a_story_gets_one_clear_line(data, message):
    with pytest.raises(ImportFailed) as caught:
        import_story(data, None, "upload.bin")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_named_format_that_does_not_fit_says_so():
    with pytest.raises(ImportFailed, match="not TimelineJS JSON: no 'events' list"):
        import_story(slides(slide(1, 1)), "timelinejs", "x.json")
    with pytest.raises(ImportFailed, match="unknown format 'kml'"):
        import_story(b"{}", "kml", "x.kml")
    with pytest.raises(
        ImportFailed,
        match="a TimelineJS sheet needs the columns Year and Headline; missing: Headline",
    ):
        import_story(b"Year,Text\n2020,x\n", "timelinejs-csv", "x.csv")


def test_sizes_are_capped():
    with pytest.raises(ImportFailed, match="too big to import"):
        import_story(b" " * (MAX_STORY_BYTES + 1), None, "big.json")


def test_a_map_as_image_story_and_a_story_without_points_are_refused():
    image = json.dumps({"storymap": {"map_as_image": True, "slides": []}}).encode()
    with pytest.raises(ImportFailed, match=r"'map as image' .*cannot be a story map"):
        import_story(image, None, "giga.json")
    with pytest.raises(ImportFailed, match="no slide has a location on the map"):
        import_story(slides({"text": {"headline": "Nowhere"}}), None, "x.json")


def test_storymapjs_dates_out_of_order_are_kept_as_notes_not_moved():
    result = import_story(
        slides(slide(48.85, 2.35, "1900"), slide(51.5, -0.12, "1800")), None, "x.json"
    )
    story = result.parsed()
    assert [str(e.date) if e.date else None for e in story.events] == ["1900", None]
    assert story.events[1].date_note.get("en") == 'The StoryMapJS file gives the date as "1800".'
    assert any("its date 1800 is before 1900 above it" in line for line in result.report)


def test_storymapjs_route_modes_are_guessed_only_from_movement_words():
    sailed = slide(51.5, -0.12, "1801", headline="They sailed to London")
    result = import_story(
        slides(
            slide(48.85, 2.35, "1800", location={"line": True}),
            {**sailed, "location": {**sailed["location"], "line": True}},
        ),
        None,
        "x.json",
    )
    story = result.parsed()
    assert story.events[1].route.mode == "sea"
    assert any("route mode 'sea' guessed from the word 'sailed'" in line for line in result.report)


def test_the_language_comes_from_the_option_or_the_file():
    data = json.dumps({"storymap": {"language": "es", "slides": [slide(40.4, -3.7)]}}).encode()
    assert import_story(data, None, "x.json").parsed().languages == ["es"]
    assert import_story(data, None, "x.json", lang="id").parsed().default_language == "id"
    assert import_story(data, None, "x.json", story_id="Mi Historia").parsed().id == "mi-historia"


GEOJSON = {
    "type": "FeatureCollection",
    "name": "Quakes",
    "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [95.3, 5.55]},
         "properties": {"name": "Banda Aceh", "summary": "The wave.", "start": "2004-12-26T08:30:00+07:00", "precision_km": 3}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [98.3, 7.9]},
         "properties": {"title": "Phuket <b>hit</b>", "description": "Beaches.", "date": "26 December 2004"}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": {"title": "a line"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [80.2, 13.0]},
         "properties": {"headline": "Chennai", "time": "", "category": "Response"}},
    ],
}  # fmt: skip


def test_geojson_points_with_time_properties_become_events():
    result = import_story(json.dumps(GEOJSON).encode(), None, "quakes.geojson")
    assert result.fmt == "geojson"
    story = result.parsed()
    assert story.title.get("en") == "Quakes"
    assert [str(e.date) if e.date else None for e in story.events] == [
        "2004-12-26T08:30+07:00",
        "2004-12-26",
        None,
    ]
    assert story.events[1].title.get("en") == "Phuket hit"
    aceh = story.place(story.events[0].places[0])
    assert (aceh.country, aceh.coordinates.precision_km) == ("ID", 3.0)
    assert {c.id for c in story.categories} >= {"response"}
    assert any("feature 3: a LineString geometry is not a point" in line for line in result.report)
    LocatedStory.of(story)


TIMELINE_SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,Place\r\n"
    ',,,,,,,,,Trips,"<p>Two trips</p>",,,,,title,,,\r\n'
    '2019,6,30,3:45 PM,,,,,,Trump meets Kim,"Line one\r\nLine two",,,,,,Diplomacy,,Panmunjom\r\n'
    "2018,6,12,,,,,,,Singapore summit,The first summit.,https://youtu.be/x,CNN,,,,Diplomacy,,Singapore\r\n"
    "2019,2,27,,2019,2,28,,,Hanoi summit,No deal.,,,,,,Diplomacy,,Atlantis City\r\n"
)


def test_a_timeline_sheet_with_a_place_column_places_each_row():
    result = import_story(TIMELINE_SHEET.encode(), None, "trips.csv")
    assert result.fmt == "timelinejs-csv"
    story = result.parsed()
    assert story.title.get("en") == "Trips"
    assert [e.title.get("en") for e in story.events] == [
        "Singapore summit",
        "Hanoi summit",
        "Trump meets Kim",
    ]
    assert [str(e.date) for e in story.events] == [
        "2018-06-12",
        "2019-02-27/2019-02-28",
        "2019-06-30T15:45",
    ]
    assert story.events[2].summary.get("en") == "Line one\nLine two"
    assert story.place(story.events[0].places[0]).country == "SG"
    assert any(
        "the place 'Atlantis City' is not known to the offline geocoder" in line
        for line in result.report
    )
    assert any("put in date order" in line for line in result.report)
    reader_payload(LocatedStory.of(story))


def test_every_import_format_has_a_reader():
    assert set(FORMATS) == {
        "storymapjs",
        "storymapjs-csv",
        "timelinejs",
        "timelinejs-csv",
        "geojson",
        "csv",
        "storymap-html",
    }
    for fmt in FORMATS.values():
        assert callable(fmt.reader())


def test_too_many_slides_or_features_are_refused_in_one_line():
    many = json.dumps({"storymap": {"slides": [{}] * 20_001}}).encode()
    with pytest.raises(ImportFailed, match="20,001 slides are more than 20,000"):
        import_story(many, None, "many.json")
    features = {"type": "FeatureCollection", "features": [{}] * 20_001}
    with pytest.raises(ImportFailed, match="features are more than"):
        import_story(json.dumps(features).encode(), None, "many.geojson")


def test_more_groups_than_colours_share_other_and_the_story_still_validates():
    groups = [f"Group {n}" for n in range(9)] + ["", ""]
    events = [
        {
            "start_date": {"year": str(2000 + n)},
            "text": {"headline": f"In Paris {n}"},
            "group": group,
        }
        for n, group in enumerate(groups)
    ]
    result = import_story(json.dumps({"events": events}).encode(), None, "many-groups.json")
    story = result.parsed()  # at most seven categories, so every one gets a colour
    assert len({e.category for e in story.events}) == 7
    assert {"event", "other"} <= {c.id for c in story.categories}
    assert any("9 groups are more than the 6 colours left" in line for line in result.report)


def test_a_cell_too_long_for_csv_is_one_line_and_the_process_limit_is_untouched():
    limit = csv.field_size_limit()
    text = "Year,Headline,Text\n2020,Long," + "x" * (limit + 1) + "\n"
    with pytest.raises(
        ImportFailed, match=r"^x\.csv: row 2 has a cell longer than [\d,]+ characters$"
    ):
        import_story(text.encode(), "timelinejs-csv", "x.csv")
    assert csv.field_size_limit() == limit
