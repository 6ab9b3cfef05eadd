"""Round trips: our story exported as StoryMapJS, TimelineJS or our CSV and imported again
keeps its headlines, texts, dates, coordinates, media and credits."""

from __future__ import annotations

import json

import pytest
from story_helpers import FIXTURES

from storymap.export import FORMATS, export_bytes
from storymap.importers import import_story
from storymap.located import LocatedStory, locate_file
from storymap.model import Media, Text

STORIES = ["first-story-article-reading.yaml", "magellan.yaml", "tsunami-2004.yaml"]


def with_media(located: LocatedStory) -> LocatedStory:
    """The story with a picture on its first event and a credited link on its last."""
    story = located.story
    lang = story.default_language
    picture = Media(
        url="https://upload.wikimedia.org/wikipedia/commons/a/a0/Map.png",
        kind="image",
        caption=Text({code: f"A map <{code}> & more" for code in story.languages}),
        credit="Wikimedia Commons / CC BY-SA",
    )
    page = Media(url="https://www.youtube.com/watch?v=abc", kind="link", credit="Some Channel")
    events = list(story.events)
    events[0] = events[0].model_copy(update={"media": [picture]})
    events[-1] = events[-1].model_copy(update={"media": [page]})
    assert lang in story.languages
    return LocatedStory(story.model_copy(update={"events": events}), located.located)


@pytest.fixture(scope="module", params=STORIES)
def original(request) -> LocatedStory:
    return with_media(locate_file(FIXTURES / request.param))


def round_trip(original: LocatedStory, fmt: str):
    lang = original.story.default_language
    data = export_bytes(original, fmt, lang)
    result = import_story(data, None, f"{original.story.id}-{fmt}.json", lang=lang)
    assert result.fmt == fmt
    return result.parsed(), lang


@pytest.mark.parametrize("fmt", ["storymapjs", "timelinejs"])
def test_knight_lab_round_trips_keep_headlines_texts_dates_points_media_and_credits(original, fmt):
    back, lang = round_trip(original, fmt)
    story = original.story
    assert back.title.get(lang) == story.title.get(lang)
    assert back.subtitle.get(lang) == " ".join(story.subtitle.get(lang).split())
    assert len(back.events) == len(story.events)
    for before, after in zip(story.events, back.events, strict=True):
        assert after.title.get(lang) == before.title.get(lang)
        assert after.summary.get(lang) == before.summary.get(lang)
        assert str(after.date) == str(before.date), before.id
        first, again = original.located[before.places[0]], back.place(after.places[0]).coordinates
        assert (again.lat, again.lon) == pytest.approx((first.lat, first.lon), abs=1e-6)
        assert back.place(after.places[0]).name.get(lang) == story.place(before.places[0]).name.get(
            lang
        )
        assert [(m.url, m.kind, m.credit) for m in after.media] == [
            (m.url, m.kind, m.credit) for m in before.media
        ]
        assert [m.caption.get(lang) if m.caption else None for m in after.media] == [
            m.caption.get(lang) if m.caption else None for m in before.media
        ]


def test_timelinejs_round_trip_also_keeps_every_place_and_category(original):
    back, lang = round_trip(original, "timelinejs")
    for before, after in zip(original.story.events, back.events, strict=True):
        assert after.id == before.id  # unique_id
        assert after.category == before.category
        names = [back.place(p).name.get(lang) for p in after.places]
        assert names == [original.story.place(p).name.get(lang) for p in before.places]


def test_storymapjs_export_is_storymapjs_json_with_an_overview_and_a_slide_per_event(original):
    lang = original.story.default_language
    document = json.loads(export_bytes(original, "storymapjs", lang))
    slides = document["storymap"]["slides"]
    assert slides[0]["type"] == "overview" and "location" not in slides[0]
    assert len(slides) == len(original.story.events) + 1
    assert all({"lat", "lon", "zoom", "name", "line"} <= set(s["location"]) for s in slides[1:])
    caption = slides[1]["media"]["caption"]
    assert "&lt;" in caption and "<" + lang not in caption  # text is escaped HTML


def test_timelinejs_export_writes_dates_as_parts_at_their_precision():
    located = locate_file(FIXTURES / "magellan.yaml")
    document = json.loads(export_bytes(located, "timelinejs", "en"))
    by_id = {event["unique_id"]: event for event in document["events"]}
    assert by_id["strait"]["start_date"] == {"year": "1520", "month": "10", "day": "21"}
    assert by_id["strait"]["end_date"] == {"year": "1520", "month": "11", "day": "28"}
    assert by_id["rio-de-la-plata"]["start_date"] == {"year": "1520", "month": "1"}
    assert by_id["rio-de-la-plata"]["display_date"] == "early January 1520"
    assert by_id["strait"]["group"] == "Exploration"


def test_timelinejs_export_leaves_undated_events_out():
    located = locate_file(FIXTURES / "magellan.yaml")
    events = list(located.story.events)
    events[1] = events[1].model_copy(update={"date": None})
    undated = LocatedStory(located.story.model_copy(update={"events": events}), located.located)
    document = json.loads(export_bytes(undated, "timelinejs", "en"))
    assert len(document["events"]) == len(events) - 1
    slides = json.loads(export_bytes(undated, "storymapjs", "en"))["storymap"]["slides"]
    assert slides[2]["date"] == ""


def test_a_timeline_edited_in_timelinejs_follows_its_parts_not_the_stored_date():
    located = locate_file(FIXTURES / "magellan.yaml")
    document = json.loads(export_bytes(located, "timelinejs", "en"))
    document["events"][0]["start_date"] = {"year": "1519", "month": "9"}  # was 1519-09-20
    back = import_story(
        json.dumps(document).encode(), "timelinejs", "edited.json", lang="en"
    ).parsed()
    assert str(back.events[0].date) == "1519-09"


@pytest.mark.parametrize("name", ["first-story-article-reading.yaml", "magellan.yaml"])
def test_our_csv_export_imports_back_into_the_same_events_in_every_language(name):
    located = locate_file(FIXTURES / name)
    story = located.story
    events_csv = export_bytes(located, "csv", story.default_language)
    places_csv = export_bytes(located, "places-csv", story.default_language)
    result = import_story(events_csv, None, f"{story.id}-events.csv", places=places_csv)
    assert result.fmt == "csv"
    back = result.parsed()
    assert back.languages == story.languages
    for before, after in zip(story.events, back.events, strict=True):
        assert (after.id, str(after.date), after.places, after.category) == (
            before.id, str(before.date), before.places, before.category,
        )  # fmt: skip
        assert after.route == before.route
        for lang in story.languages:
            assert after.title.get(lang) == before.title.get(lang)
            assert after.summary.get(lang) == before.summary.get(lang)
            assert (after.date_note.get(lang) if after.date_note else None) == (
                before.date_note.get(lang) if before.date_note else None
            )
    for place in story.places:
        again = back.place(place.id)
        assert again.name == place.name and (again.kind, again.country) == (
            place.kind,
            place.country,
        )
        where = located.located[place.id]
        assert (again.coordinates.lat, again.coordinates.lon) == pytest.approx(
            (where.lat, where.lon), abs=1e-5
        )
    assert any("no quotes, media" in line for line in result.report)


def test_the_events_csv_alone_says_it_needs_its_places():
    located = locate_file(FIXTURES / "minimal.yaml")
    with pytest.raises(Exception, match="give its places CSV too"):
        import_story(export_bytes(located, "csv", "en"), "csv", "minimal-events.csv")


def test_the_new_formats_are_in_the_registry_with_their_labels():
    for name in ("storymapjs", "timelinejs"):
        export = FORMATS[name]
        assert export.mime == "application/json" and export.per_language
        assert export.file_name("magellan", "es") == f"magellan-{name}-es.json"
