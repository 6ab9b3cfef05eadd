"""Every published StoryMapJS and TimelineJS file in ../shared/fixtures/ imports, validates,
is located offline, renders, and its report says what its README says is interesting."""

from __future__ import annotations

import pytest
from import_helpers import SHARED_FIXTURES, import_fixture, reported

from storymap.export import export_bytes
from storymap.geocoding import geocode_story
from storymap.loading import parse_story
from storymap.located import LocatedStory
from storymap.payload import reader_payload

FIXTURES = {  # each file, and the format it is recognised as
    "storymapjs/demo.json": "storymapjs",
    "storymapjs/sochi.json": "storymapjs",
    "storymapjs/katrina.json": "storymapjs",
    "storymapjs/marktwain.json": "storymapjs",
    "storymapjs/population.json": "storymapjs",
    "storymapjs/football.json": "storymapjs",
    "timelinejs/timeline3.json": "timelinejs",
    "timelinejs/eras.json": "timelinejs",
    "timelinejs/years.json": "timelinejs",
    "timelinejs/welcome.json": "timelinejs",
    "timelinejs/women_in_computing.json": "timelinejs",
    "timelinejs/women_in_computing.csv": "timelinejs-csv",
    "timelinejs/cosmo.json": "timelinejs",
    "storymapjs-csv/storymapjs-template.csv": "storymapjs-csv",
    "storymapjs-csv/storymapjs-template.json": "storymapjs",
}


def test_the_list_holds_every_fixture_file():
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"the shared fixtures are not here: {SHARED_FIXTURES}")
    on_disk = {
        str(p.relative_to(SHARED_FIXTURES))
        for p in SHARED_FIXTURES.rglob("*")
        if p.suffix in (".json", ".csv")
    }
    assert on_disk == set(FIXTURES)


@pytest.mark.parametrize("relative", FIXTURES)
def test_every_fixture_imports_validates_locates_and_renders(relative):
    result = import_fixture(relative)
    assert result.fmt == FIXTURES[relative]
    story = parse_story(result.yaml(), relative)
    located = geocode_story(story)  # offline layers only
    assert set(located) == {p.id for p in story.places}
    located_story = LocatedStory(story, located)
    payload = reader_payload(located_story)
    assert len(payload["map"]["events"]) == len(story.events) > 0
    page = export_bytes(located_story, "html", story.default_language).decode("utf-8")
    assert story.title.get(story.default_language).split("\n")[0][:20] in page.replace("&#39;", "'")
    assert result.report, "every import says something"
    assert all("\n" not in line for line in result.report)


def test_demo_overview_gives_the_title_and_its_free_text_range_is_reported():
    result = import_fixture("storymapjs/demo.json")
    story = result.parsed()
    assert story.title.get("en") == "US Westward Expansion Mean center of United States population"
    assert story.subtitle.get("en").startswith("The mean center of U.S. population")
    assert len(story.events) == 24  # 25 slides: the overview is the title
    assert [str(e.date) for e in story.events[:3]] == ["1790", "1800", "1810"]
    reported(result, "slide 1", "overview", "date '1790-2010' not kept")
    reported(result, "HTML in the text is made plain text")
    reported(result, "the map type 'osm:standard' is not kept")
    reported(result, "24 media item(s) stay on other sites (upload.wikimedia.org, twitter.com")
    reported(result, "slide 25: 'Wright County, Missouri' is at the same point as an earlier place")
    assert story.events[-1].route is None  # no line from a place to the same point
    kinds = {m.kind for e in story.events for m in e.media}
    assert kinds == {"image", "link"}  # YouTube, Vimeo, SoundCloud, Twitter are links
    assert all(m.url.startswith(("http://", "https://")) for e in story.events for m in e.media)
    kent = story.place(story.events[0].places[0])
    assert (kent.name.get("en"), kent.country) == ("Kent County, Maryland", "US")
    assert (
        kent.coordinates.lat == 39.275
        and kent.coordinates.source == "StoryMapJS slide 2, map zoom 10"
    )
    assert story.events[1].route.origin == kent.id  # line: true draws a route from slide 2


def test_sochi_is_a_story_of_undated_slides():
    result = import_fixture("storymapjs/sochi.json")
    story = result.parsed()
    assert len(story.events) == 10 and all(e.date is None for e in story.events)
    reported(result, "slides 2-11: no date: undated")
    reported(result, "custom marker icons are not kept")


def test_katrina_second_overview_is_an_event_and_days_without_a_year_are_undated():
    result = import_fixture("storymapjs/katrina.json")
    story = result.parsed()
    assert story.title.get("en") == "The Path of Hurricane Katrina"
    assert [e.title.get("en") for e in story.events][-1] == "Aug 31"  # the second overview slide
    assert all(e.date is None for e in story.events)
    assert story.events[0].date_note.get("en") == 'The StoryMapJS file gives the date as "Aug 23".'
    reported(result, "slide 2", "the date 'Aug 23' has no year: undated")
    reported(result, "the location's name 'location' is a placeholder")
    reported(result, "slide 2", "country BS from its name 'Bahamas'")
    reported(result, "slide 5: the point is at sea, beyond every country's waters: country XZ")


def test_marktwain_unknown_keys_null_date_and_missing_line_flags():
    result = import_fixture("storymapjs/marktwain.json")
    story = result.parsed()
    reported(result, "unknown keys not kept: test")
    reported(result, "slides 2-15: unknown keys not kept: uniqueid")
    reported(result, "the overview slide gives the title and subtitle; its location")
    reported(result, "slide 5: no date: undated")
    assert story.events[3].date is None  # slide 5, "date": null
    routes = [e.route is not None for e in story.events]
    # slides 11 and 13 have no line flag (and 14 shares slide 4's place): no route there
    assert routes[9] is False and routes[11] is False
    reported(
        result, "a second place named 'Florida, Missouri' is written as 'Florida, Missouri (2)'"
    )


def test_football_stamen_map_empty_dates_and_empty_media():
    result = import_fixture("storymapjs/football.json")
    story = result.parsed()
    reported(result, "the map type 'stamen:watercolor' is not kept")
    reported(result, "display options not kept: call_to_action")
    reported(result, "slides 2-16: no date: undated")
    reported(result, "an empty media address: no media")
    assert sum(1 for e in story.events if not e.media) == 9


def test_population_reads_its_overview_and_its_many_media():
    result = import_fixture("storymapjs/population.json")
    story = result.parsed()
    assert len(story.events) == 23
    reported(result, "date '1790-2010' not kept")
    assert len({m.url.split("/")[2] for e in story.events for m in e.media}) >= 10


def test_timeline3_protocol_and_site_relative_and_empty_media():
    result = import_fixture("timelinejs/timeline3.json")
    story = result.parsed()
    assert story.title.get("en") == "Whitney Houston\n1963 - 2012"
    reported(result, "protocol-relative address", "read as https:")
    reported(
        result,
        "event 1",
        "site-relative media address '/static/img/examples/houston/family.jpg' is left out",
    )
    reported(result, "an empty media address: no media")
    assert str(story.events[0].date) == "1963-08-09"
    assert all(
        m.url.startswith("https://") or m.url.startswith("http://")
        for e in story.events
        for m in e.media
    )


def test_eras_are_reported_and_seventh_century_ranges_kept():
    result = import_fixture("timelinejs/eras.json")
    story = result.parsed()
    reported(result, "the timeline's eras are not kept (3:")
    assert str(story.events[0].date) == "0602/0629"
    assert str(story.events[2].date) == "0622-08-09/0622-08-23"


def test_years_bce_are_undated_with_their_year_kept_and_the_overview_event_is_the_title():
    result = import_fixture("timelinejs/years.json")
    story = result.parsed()
    assert story.title.get("en") == "Geological Timeline Test"
    assert len(story.events) == 4 and all(e.date is None for e in story.events)
    assert story.events[0].date_note.get("en") == 'The TimelineJS file gives the date as "-2520".'
    reported(result, "the year -2520 is outside what a story date can hold")
    reported(result, "type 'overview' gives the title")


def test_cosmo_years_beyond_any_calendar_and_a_timeline_with_no_place():
    result = import_fixture("timelinejs/cosmo.json")
    story = result.parsed()
    assert all(e.date is None for e in story.events)
    reported(result, "the year -13800000000 is outside")
    reported(result, "marked at one 'Place not given'")
    (place,) = story.places
    assert place.name.get("en") == "Place not given" and place.note is not None


def test_welcome_groups_become_categories_and_events_go_in_date_order():
    result = import_fixture("timelinejs/welcome.json")
    story = result.parsed()
    reported(result, "put in date order")
    reported(result, "groups become categories: Goodbye, Hello, Yo")
    assert {c.id for c in story.categories} == {"hello", "goodbye", "yo", "event"}
    reported(result, "'spotify:' address")
    reported(result, "media given as HTML: its words are added to the summary")
    reported(result, "the timeline's scale 'human' is not kept")
    assert str(story.events[-1].date) == "2014"


def test_women_in_computing_json_and_csv_give_the_same_events():
    from_json = import_fixture("timelinejs/women_in_computing.json").parsed()
    sheet = import_fixture("timelinejs/women_in_computing.csv")
    from_csv = sheet.parsed()
    assert [e.title.get("en") for e in from_json.events] == [
        e.title.get("en") for e in from_csv.events
    ]
    assert [str(e.date) for e in from_json.events] == [str(e.date) for e in from_csv.events]
    assert "Rózsa Péter writes recursion" in [e.title.get("en") for e in from_csv.events]
    assert from_csv.title.get("en") == "Women in Computing"
    reported(sheet, "rows", "HTML in the text is made plain text")


def test_the_storymapjs_template_placeholders():
    sheet = import_fixture("storymapjs-csv/storymapjs-template.csv").parsed()
    assert sheet.title.get("en") == "Overview slide"
    (event,) = sheet.events
    assert (
        event.media[0].url
        == "https://objects.lib.uidaho.edu/stonebraker/small/stonebraker623_sm.jpg"
    )
    assert (event.media[0].credit, event.media[0].caption.get("en")) == (
        "media credit",
        "media caption",
    )
    result = import_fixture("storymapjs-csv/storymapjs-template.json")
    (event,) = result.parsed().events
    assert event.media == []
    reported(result, "'url_to_media_file' is left out")
    reported(result, "the embed settings calculate_zoom, font_css, height, width are not kept")
