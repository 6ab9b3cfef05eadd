"""The importers' shared pieces: HTML as text, dates as other tools write them, media,
countries from points, the report, the YAML in the format's field order."""

from __future__ import annotations

import pytest

from storymap.importers.field_order import in_field_order
from storymap.importers.html_text import plain_text
from storymap.importers.media import read_media
from storymap.importers.point_country import AT_SEA, country_at
from storymap.importers.points import zoom_precision_km
from storymap.importers.report import Report
from storymap.importers.result import ImportResult
from storymap.importers.source_dates import read_free_date, read_timeline_date


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two <b>bold</b></p>", "One\nTwo bold"),
        ('<a href="javascript:alert(1)">the link text</a> stays', "the link text stays"),
        ("<img src=x onerror=alert(1)>after", "after"),
        ("<script>alert(1)</script>safe<style>p{}</style>", "safe"),
        ("<ul><li>one</li><li> two </li></ul>", "one\ntwo"),
        ("A<br/>B<br>C", "A\nB\nC"),
        ("a &lt;b&gt; &amp; c", "a <b> & c"),
        ("US Expansion <small>Mean center</small>", "US Expansion Mean center"),
        ("plain  text\r\nwith lines", "plain text\nwith lines"),
        ("x < y and y > z", "x < y and y > z"),
        (None, ""),
    ],
)
def test_html_becomes_plain_text_with_paragraphs_as_lines(html, text):
    assert plain_text(html).text == text


def test_plain_text_says_whether_there_was_markup():
    assert plain_text("<p>x</p>").had_markup
    assert not plain_text("no markup here").had_markup


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("1790", "1790"),
        ("1790-2010", "1790/2010"),
        ("1790 – 2010", "1790/2010"),
        ("790", "0790"),
        ("c. 1850", "1850~"),
        ("1850s", "1850/1859"),
        ("23 August 2005", "2005-08-23"),
        ("Aug 23, 2005", "2005-08-23"),
        ("August 2005", "2005-08"),
        ("5 Mei 2020", "2020-05-05"),
        ("2005-08-29T05:10:00-05:00", "2005-08-29T05:10-05:00"),
        ("2005-08-29 05:10", "2005-08-29T05:10"),
        ("2025-10-early", "2025-10-early"),
    ],
)
def test_free_text_dates_are_read_at_their_precision(words, value):
    reading = read_free_date(words)
    assert (reading.value, reading.problem) == (value, None)


@pytest.mark.parametrize(
    ("words", "problem"),
    [
        ("Aug 23", "the date 'Aug 23' has no year"),
        ("23 August", "has no year"),
        ("", "no date"),
        (None, "no date"),
        ("-500", "outside what a story date can hold"),
        ("12000", "outside what a story date can hold"),
        ("Feb 30, 2005", "February 2005 has days 1 to 28, not 30"),
        ("sometime in spring", "is not a date it can read"),
    ],
)
def test_a_date_that_cannot_be_held_is_never_invented(words, problem):
    reading = read_free_date(words)
    assert reading.value is None
    assert problem in reading.problem


def test_timeline_parts_keep_their_precision():
    assert read_timeline_date({"year": "1963", "month": "8", "day": "9"}).value == "1963-08-09"
    assert read_timeline_date({"year": "602"}, {"year": "629"}).value == "0602/0629"
    both = read_timeline_date(
        {"year": "1950", "month": "2", "day": "7"}, {"year": "1955", "month": ""}
    )
    assert both.value == "1950-02-07/1955"
    empty_parts = {"year": "1851", "month": "", "day": "", "hour": "", "format": ""}
    assert read_timeline_date(empty_parts).value == "1851"


def test_a_timeline_time_keeps_its_minute_and_says_the_seconds_went():
    reading = read_timeline_date(
        {"year": "1985", "month": "01", "day": "05", "hour": "6", "minute": "45", "second": "56"}
    )
    assert reading.value == "1985-01-05T06:45"
    assert reading.problem == "seconds are dropped (a story's times are to the minute)"
    assert reading.keep_note and reading.source == "1985-01-05 6:45:56"


def test_bce_and_cosmological_years_leave_the_event_undated():
    for year in ("-5410", "-13800000000", "0"):
        reading = read_timeline_date({"year": year})
        assert reading.value is None
        assert f"the year {year} is outside" in reading.problem
        assert reading.source == year


def test_an_impossible_day_keeps_the_month_and_a_backwards_range_its_start():
    assert read_timeline_date({"year": "2023", "month": "2", "day": "30"}).value == "2023-02"
    backwards = read_timeline_date({"year": "2000"}, {"year": "1990"})
    assert backwards.value == "2000" and "the end date is dropped" in backwards.problem


def test_media_addresses_are_made_https_or_left_out_with_a_reason():
    relative = read_media({"url": "//www.flickr.com/photos/x/", "credit": "flickr"}, "en", "T")
    assert relative.entry == {
        "url": "https://www.flickr.com/photos/x/",
        "kind": "link",
        "credit": "flickr",
    }
    assert "read as https:" in relative.notes[0]
    for url, reason in [
        ("/static/img/family.jpg", "site-relative"),
        ("javascript:alert(1)", "'javascript:' address"),
        ("spotify:track:1", "'spotify:' address"),
        ("url_to_media_file", "not a web address"),
        ('https://x.org/a.png" onerror="alert(1)', "not a web address"),
    ]:
        reading = read_media({"url": url, "credit": "c"}, "en", "T")
        assert reading.entry is None and reason in reading.notes[0], url
    assert read_media({"url": ""}, "en", "T").notes == ("an empty media address: no media",)


def test_media_kinds_captions_and_missing_credits():
    image = read_media(
        {"url": "https://upload.wikimedia.org/a/B.PNG", "caption": "<i>Map</i>"}, "en", "StoryMapJS"
    )
    assert image.entry["kind"] == "image"
    assert image.entry["caption"] == {"en": "Map"}
    assert image.entry["credit"] == "unknown (imported from StoryMapJS)"
    assert "has no credit" in image.notes[0]
    assert (
        read_media({"url": "https://youtu.be/x", "credit": "c"}, "en", "T").entry["kind"] == "link"
    )
    assert (
        read_media({"url": "https://x.org/clip.mp4", "credit": "c"}, "en", "T").entry["kind"]
        == "video"
    )
    quote = read_media({"url": "<blockquote>Brains</blockquote>", "credit": "Dr. Seuss"}, "en", "T")
    assert quote.entry is None and quote.text == "Brains (Dr. Seuss)"


@pytest.mark.parametrize(
    ("lat", "lon", "code", "how"),
    [
        (39.275, -76.18667, "US", "inside"),  # Kent County, Maryland
        (32.76, -16.96, "PT", "city"),  # Madeira: off the 1:110m outlines, Funchal is near
        (78.12, 56.74, "RU", "near"),  # the Barents Sea, 294 km from Russia's outline
        (25.1, -86.8, AT_SEA, "at sea"),  # the Gulf of Mexico
        (0.0, 0.0, AT_SEA, "at sea"),
    ],
)
def test_a_point_gets_the_country_it_is_in_or_near(lat, lon, code, how):
    found = country_at(lat, lon)
    assert (found.code, found.how) == (code, how)


def test_zoom_gives_a_quarter_of_a_tile_as_the_precision():
    assert zoom_precision_km(10) == 9.8
    assert zoom_precision_km(12) == 2.4
    assert zoom_precision_km(3) == 1250.0
    assert zoom_precision_km(None) == zoom_precision_km(10)


def test_the_report_says_one_line_per_message_naming_its_items():
    report = Report("slide")
    for n in (2, 3, 4, 7):
        report.note("no date: undated", n)
    report.note("the map type is not kept")
    report.note("no headline", 5)
    assert report.lines() == [
        "slides 2-4, 7: no date: undated",
        "the map type is not kept",
        "slide 5: no headline",
    ]


def test_the_yaml_is_in_the_formats_field_order_with_the_schema_line():
    data = {
        "events": [{"summary": {"en": "S"}, "id": "e", "date": "1790", "places": ["p"]}],
        "title": {"en": "T"},
        "id": "s",
    }
    assert list(in_field_order(data)) == ["id", "title", "events"]
    assert list(in_field_order(data)["events"][0]) == ["id", "date", "places", "summary"]
    text = ImportResult(data, [], "storymapjs", "demo.json").yaml()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../story.schema.json"
    assert "date: '1790'" in text  # a year stays text, as the format asks


def test_the_story_check_knows_international_waters_and_islands_off_the_outlines():
    from storymap.geocoding import Location
    from storymap.geocoding.place_checks import named, outside_country

    def at(lat: float, lon: float) -> Location:
        return Location(lat, lon, "story", 1.0, "")

    assert outside_country(at(25.1, -86.8), AT_SEA) is None  # the Gulf of Mexico
    assert "XZ is for a place at sea" in outside_country(at(39.27, -76.18), AT_SEA)
    assert named(AT_SEA) == "XZ (international waters)"
    assert (
        outside_country(at(32.65, -16.91), "PT") is None
    )  # Funchal, Madeira: 900 km off the outline
    assert "outside ES (Spain)" in outside_country(at(32.65, -16.91), "ES")
