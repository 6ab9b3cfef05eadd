"""What the browser gets: the map part and each language's words (storymap.payload)."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from story_helpers import FIXTURES

from storymap.basemaps import TILES
from storymap.dates import PartialDate
from storymap.located import LocatedStory, locate_file
from storymap.model import UI_LANGUAGES, Story
from storymap.payload import BROWSER_UI_KEYS, map_payload, reader_payload, text_payload
from storymap.style import category_styles

HOSTILE_TITLE = "<img src=x onerror=alert(1)>"


def index_of(story: Story, event_id: str) -> int:
    return next(i for i, event in enumerate(story.events) if event.id == event_id)


def place_index(story: Story, place_id: str) -> int:
    return next(i for i, place in enumerate(story.places) if place.id == place_id)


@pytest.fixture(scope="module")
def payload(located_story: LocatedStory) -> dict:
    return reader_payload(located_story)


@pytest.fixture(scope="module")
def mapped(payload: dict) -> dict:
    return payload["map"]


def test_payload_is_strict_json(payload):
    text = json.dumps(payload, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == payload


def test_the_map_part_has_no_words_and_each_language_has_them_all(payload):
    assert set(payload["text"]) == set(UI_LANGUAGES)
    mapped = json.dumps(payload["map"], ensure_ascii=False)
    assert "Moscow" not in mapped and "Moskow" not in mapped
    for lang in UI_LANGUAGES:
        assert set(payload["text"][lang]["ui"]) == set(BROWSER_UI_KEYS)
        assert all(payload["text"][lang]["ui"].values())


def test_places_are_lat_lon_at_their_located_point(story, located, mapped):
    assert [place["id"] for place in mapped["places"]] == [place.id for place in story.places]
    for place in mapped["places"]:
        location = located[place["id"]]
        assert place["latlng"] == pytest.approx([location.lat, location.lon], abs=1e-4)
        assert place["radius_km"] == location.precision_km
    moscow = mapped["places"][place_index(story, "moscow")]
    assert moscow["latlng"] == pytest.approx([55.75, 37.62], abs=0.05)


def test_bounds_are_south_west_then_north_east_in_lat_lon(mapped):
    (south, west), (north, east) = mapped["bounds"]
    for place in mapped["places"]:
        lat, lon = place["latlng"]
        assert south - 1e-5 <= lat <= north + 1e-5
        assert west - 1e-5 <= lon <= east + 1e-5


def test_each_events_step_agrees_with_story_steps(story, located_story, mapped):
    steps = located_story.steps
    assert [event["id"] for event in mapped["events"]] == [event.id for event in story.events]
    for i, event in enumerate(mapped["events"]):
        assert i in steps[event["step"]].events
    assert [step["events"] for step in mapped["steps"]] == [list(step.events) for step in steps]


def test_the_flight_route_runs_from_moscow_to_pyongyang_in_lat_lon(story, located, payload):
    i = index_of(story, "direct-flights")
    route = payload["map"]["events"][i]["route"]
    assert route["mode"] == "flight"
    assert route["from"] == place_index(story, "moscow")
    assert route["to"] == place_index(story, "pyongyang")
    latlngs = route["latlngs"]
    assert len(latlngs) > 2  # a great circle, not a straight segment
    assert latlngs[0] == pytest.approx([55.75, 37.62], abs=0.05)  # latitude first
    assert latlngs[-1] == pytest.approx([39.03, 125.75], abs=0.05)
    assert payload["text"]["id"]["events"][i]["km"] == "6.430 km"
    assert payload["text"]["en"]["events"][i]["km"] == "6,430 km"


def test_only_events_with_a_route_carry_one(story, mapped):
    with_route = {event["id"] for event in mapped["events"] if "route" in event}
    assert with_route == {event.id for event in story.events if event.route}


def test_exact_matches_precision_and_approximation_for_every_event(story, mapped):
    for event, item in zip(story.events, mapped["events"], strict=True):
        assert item["exact"] is (event.date.precision == "day" and not event.date.approximate)


def test_an_approximate_day_is_not_exact(story, located):
    i = index_of(story, "kremlin-meeting")
    about = story.events[i].model_copy(update={"date": PartialDate.parse("2025-10-27~")})
    changed = story.model_copy(
        update={"events": [*story.events[:i], about, *story.events[i + 1 :]]}
    )
    assert map_payload(LocatedStory.of(changed))["events"][i]["exact"] is False


def test_every_category_the_story_uses_has_its_colour_and_name(story, payload):
    styles = category_styles(story)
    assert payload["map"]["colours"] == {name: style.colour for name, style in styles.items()}
    assert set(payload["map"]["colours"]) == {event.category for event in story.events}
    for lang in story.languages:
        assert payload["text"][lang]["categories"] == {
            n: s.name.get(lang) for n, s in styles.items()
        }


def test_a_story_in_other_languages_gets_its_own_words_and_english_interface(gazetteer):
    magellan = reader_payload(locate_file(FIXTURES / "magellan.yaml"))
    assert magellan["map"]["languages"] == ["es", "en"] and set(magellan["text"]) == {"es", "en"}
    assert magellan["text"]["es"]["ui"]["next"] == "Next"  # the interface falls back to English
    assert "1519" in magellan["text"]["es"]["steps"][1]["title"]


def test_a_route_across_the_pacific_is_drawn_the_short_way(gazetteer):
    magellan = locate_file(FIXTURES / "magellan.yaml")
    mapped = map_payload(magellan)
    for event in mapped["events"]:
        if "route" not in event:
            continue
        lngs = [lng for _, lng in event["route"]["latlngs"]]
        assert all(abs(b - a) < 10 for a, b in pairwise(lngs)), event["id"]  # never jumps 360°
        first = mapped["places"][event["route"]["from"]]["latlng"][1]
        assert lngs[0] == pytest.approx(first, abs=1e-3)  # starts where its place is drawn


def test_the_base_maps_come_from_the_one_table(mapped):
    assert set(mapped["tiles"]) == set(TILES)
    assert mapped["tiles"]["offline"]["url"] is None
    assert mapped["tiles"]["carto"]["url"].startswith("https://")


def test_steps_carry_a_short_label_a_long_title_and_a_tick(story, located_story, payload):
    kremlin = next(
        s.index for s in located_story.steps if index_of(story, "kremlin-meeting") in s.events
    )
    assert payload["text"]["id"]["steps"][kremlin]["label"] == "27 Okt 2025"
    assert payload["text"]["en"]["steps"][kremlin]["title"] == "27 October 2025"
    assert payload["text"]["en"]["steps"][kremlin]["tick"] == "2025"  # 1948-2025: ticks are years
    assert payload["text"]["en"]["steps"][0]["title"] == "Overview"
    assert payload["text"]["en"]["steps"][0]["tick"] == ""


def test_each_event_carries_its_narrative_and_notes(story, payload):
    for lang in UI_LANGUAGES:
        for event, item in zip(story.events, payload["text"][lang]["events"], strict=True):
            assert item["title"] == event.title.get(lang)
            assert item["date"] == event.date.format(lang, short=True)
            assert item["html"].startswith('<div class="event">')
            assert "<h3>" in item["html"]
            assert "<h4>" in item["notes"]


def test_a_narrative_is_shipped_once_per_event_and_language(story, payload):
    """Lean: the words of each event travel once per language, not once per step as well."""
    for lang in UI_LANGUAGES:
        text = json.dumps(payload["text"][lang], ensure_ascii=False)
        summary = json.dumps(story.events[0].summary.get(lang), ensure_ascii=False)[1:-1]
        assert text.count(summary) == 1


def test_a_draft_story_carries_its_banner(story, located):
    draft = story.model_copy(update={"draft": {"made_by": "test", "todo": []}})
    assert text_payload(LocatedStory.of(draft), "en")["draft"].startswith("DRAFT")
    assert text_payload(LocatedStory(story, located), "en")["draft"] is None


def test_the_payload_keeps_hostile_strings_as_data():
    hostile = locate_file(FIXTURES / "html_injection.yaml")
    payload = reader_payload(hostile)
    json.dumps(payload)
    assert payload["text"]["en"]["title"] == HOSTILE_TITLE
    assert payload["text"]["en"]["events"][0]["title"] == HOSTILE_TITLE
    assert payload["text"]["id"]["places"][0] == "<svg onload=alert(1)>"
    assert "<img" not in payload["text"]["en"]["events"][0]["html"]


def test_a_place_no_event_names_is_not_drawn(located_story):
    story = located_story.story
    used = {p for e in story.events for p in e.places}
    copied = next(p for p in story.places if p.id in used)
    unused = copied.model_copy(update={"id": "leftover"})
    more = story.model_copy(update={"places": [unused, *story.places]})
    located = {**located_story.located, "leftover": located_story.located[copied.id]}
    drawn = LocatedStory(more, located)
    ids = [p["id"] for p in map_payload(drawn)["places"]]
    assert "leftover" not in ids and ids == [p["id"] for p in map_payload(located_story)["places"]]
    names = text_payload(drawn, "en")["places"]
    assert len(names) == len(ids)  # the words' list matches the map's, index for index
    for event in map_payload(drawn)["events"]:  # every index still names the event's place
        assert all(0 <= i < len(ids) for i in event["places"])
    overview = text_payload(drawn, "en")["overview"]["overview-start"]
    assert f"{len(ids)} places" in overview  # the words count what the map draws
