"""The reader: slider steps, the browser payload, and narrative HTML that never runs a story."""

from __future__ import annotations

import html
import json
import re

import pytest
from story_helpers import FIXTURES

from storymap.dates import PartialDate
from storymap.geocoding import Location, geocode_story
from storymap.loading import load_story
from storymap.model import CATEGORIES, LANGS, Story
from storymap.reader import (
    BROWSER_UI_KEYS,
    credits_html,
    date_span,
    event_list_html,
    narrative_html,
    reader_payload,
)
from storymap.sanitise import clean
from storymap.steps import Step, step_for_event, story_steps
from storymap.style import CATEGORY_COLOURS, PALETTE_COLOURS

# Okabe & Ito (2008), "Color Universal Design": the eight colours of the palette.
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
ESCAPED_HOSTILE_TITLE = "&lt;img src=x onerror=alert(1)&gt;"


def index_of(story: Story, event_id: str) -> int:
    return next(i for i, event in enumerate(story.events) if event.id == event_id)


def step_with(steps: list[Step], story: Story, event_id: str) -> Step:
    i = index_of(story, event_id)
    return next(step for step in steps if i in step.events)


def place_index(story: Story, place_id: str) -> int:
    return next(i for i, place in enumerate(story.places) if place.id == place_id)


def shown(text: str) -> str:
    """How story text appears in the cleaned HTML (nh3 writes quotes as themselves)."""
    return html.escape(text, quote=False)


@pytest.fixture(scope="module")
def steps(story: Story) -> list[Step]:
    return story_steps(story)


@pytest.fixture(scope="module")
def payload(story: Story, located: dict[str, Location]) -> dict:
    return reader_payload(story, located)


# --- story_steps ------------------------------------------------------------------------------


def test_steps_start_and_end_with_an_overview(steps):
    assert steps[0].kind == "overview-start"
    assert steps[0].events == ()
    assert steps[-1].kind == "overview-end"
    assert steps[-1].events == ()
    assert all(step.kind == "events" and step.events for step in steps[1:-1])


def test_steps_are_numbered_in_order(steps):
    assert [step.index for step in steps] == list(range(len(steps)))


def test_first_story_has_15_steps(steps):
    assert len(steps) == 15


def test_the_two_april_2025_events_share_one_step(story, steps):
    kursk = step_with(steps, story, "kursk-acknowledged")
    bridge = step_with(steps, story, "road-bridge")
    assert kursk == bridge
    assert kursk.events == (index_of(story, "kursk-acknowledged"), index_of(story, "road-bridge"))
    assert {str(story.events[i].date) for i in kursk.events} == {"2025-04"}


def test_every_event_is_in_exactly_one_step_in_story_order(story, steps):
    shown_events = [i for step in steps for i in step.events]
    assert shown_events == list(range(len(story.events)))


def test_events_of_one_step_share_their_date(story, steps):
    for step in steps[1:-1]:
        assert len({story.events[i].date for i in step.events}) == 1


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [
        ("soviet-recognition", 1),
        ("kursk-acknowledged", 5),
        ("road-bridge", 5),
        ("kremlin-meeting", 11),
    ],
)
def test_step_for_a_known_event(story, steps, event_id, expected):
    assert step_for_event(steps, story, event_id) == expected


def test_step_for_every_event_is_the_step_showing_it(story, steps):
    for i, event in enumerate(story.events):
        assert i in steps[step_for_event(steps, story, event.id)].events


@pytest.mark.parametrize("event_id", ["no-such-event", "", None])
def test_step_for_an_unknown_or_missing_event_is_the_first(story, steps, event_id):
    assert step_for_event(steps, story, event_id) == 0


# --- reader_payload ---------------------------------------------------------------------------


def test_payload_is_json_serialisable(payload):
    text = json.dumps(payload, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == payload


def test_places_are_lat_lon(payload):
    moscow = next(place for place in payload["places"] if place["id"] == "moscow")
    lat, lon = moscow["latlng"]
    assert lat == pytest.approx(55.75, abs=0.05)
    assert lon == pytest.approx(37.62, abs=0.05)


def test_every_place_is_at_its_located_point(story, located, payload):
    assert [place["id"] for place in payload["places"]] == [place.id for place in story.places]
    for place in payload["places"]:
        location = located[place["id"]]
        assert place["latlng"] == pytest.approx([location.lat, location.lon], abs=1e-4)
        assert place["radius_km"] == location.precision_km
        assert set(place["name"]) == set(LANGS)


def test_bounds_are_south_west_then_north_east_in_lat_lon(payload):
    (south, west), (north, east) = payload["bounds"]
    for place in payload["places"]:
        lat, lon = place["latlng"]
        assert south - 1e-5 <= lat <= north + 1e-5
        assert west - 1e-5 <= lon <= east + 1e-5


def test_each_events_step_agrees_with_story_steps(story, steps, payload):
    assert [event["id"] for event in payload["events"]] == [event.id for event in story.events]
    for i, event in enumerate(payload["events"]):
        assert i in steps[event["step"]].events
    assert [step["events"] for step in payload["steps"]] == [list(step.events) for step in steps]


def test_the_flight_route_runs_from_moscow_to_pyongyang_in_lat_lon(story, located, payload):
    route = payload["events"][index_of(story, "direct-flights")]["route"]
    assert route["mode"] == "flight"
    assert route["from"] == place_index(story, "moscow")
    assert route["to"] == place_index(story, "pyongyang")
    moscow, pyongyang = located["moscow"], located["pyongyang"]
    latlngs = route["latlngs"]
    assert len(latlngs) > 2  # a great circle, not a straight segment
    assert latlngs[0] == pytest.approx([moscow.lat, moscow.lon], abs=1e-3)
    assert latlngs[-1] == pytest.approx([pyongyang.lat, pyongyang.lon], abs=1e-3)
    assert latlngs[0][0] == pytest.approx(55.75, abs=0.05)  # latitude first
    assert latlngs[0][1] == pytest.approx(37.62, abs=0.05)
    assert latlngs[-1][0] == pytest.approx(39.03, abs=0.05)
    assert latlngs[-1][1] == pytest.approx(125.75, abs=0.05)
    assert route["km"] == {"id": "6.430 km", "en": "6,430 km"}


def test_the_troop_route_runs_from_north_korea_to_kursk(story, located, payload):
    route = payload["events"][index_of(story, "kursk-acknowledged")]["route"]
    assert route["mode"] == "deployment"  # the file says troop_deployment, the old name
    assert route["from"] == place_index(story, "north-korea")
    assert route["to"] == place_index(story, "kursk")
    kursk = located["kursk"]
    assert route["latlngs"][-1] == pytest.approx([kursk.lat, kursk.lon], abs=1e-3)


def test_only_events_with_a_route_carry_one(story, payload):
    with_route = {event["id"] for event in payload["events"] if "route" in event}
    assert with_route == {event.id for event in story.events if event.route}
    assert with_route == {"kursk-acknowledged", "direct-flights"}


@pytest.mark.parametrize(
    ("event_id", "exact"),
    [
        ("kremlin-meeting", True),  # 2025-10-27
        ("beijing-tribute", True),  # 2025-09-03
        ("minsk-talks", True),  # 2025-10-26
        ("direct-flights", False),  # 2025-07~
        ("road-bridge", False),  # 2025-04
        ("pyongyang-museum", False),  # 2025-10-early
        ("soviet-recognition", False),  # 1948
        ("us-ukraine-concerns", False),  # 2025-10~
    ],
)
def test_exact_only_for_an_exact_day(story, payload, event_id, exact):
    assert payload["events"][index_of(story, event_id)]["exact"] is exact


def test_exact_matches_precision_and_approximation_for_every_event(story, payload):
    for event, item in zip(story.events, payload["events"], strict=True):
        expected = event.date.precision == "day" and not event.date.approximate
        assert item["exact"] is expected


def test_an_approximate_day_is_not_exact(story, located):
    i = index_of(story, "kremlin-meeting")
    about = story.events[i].model_copy(update={"date": PartialDate.parse("2025-10-27~")})
    events = [*story.events[:i], about, *story.events[i + 1 :]]
    changed = story.model_copy(update={"events": events})
    assert reader_payload(changed, located)["events"][i]["exact"] is False


def test_categories_carry_palette_colours(payload, story):
    categories = payload["categories"]
    assert set(categories) == set(CATEGORIES)
    colours = [categories[name]["colour"] for name in {e.category for e in story.events}]
    assert len(set(colours)) == len(colours)
    for name, category in categories.items():
        assert category["colour"] in PALETTE_COLOURS, name
        assert category["colour"] == CATEGORY_COLOURS[name]
        assert all(category["label"][lang] for lang in LANGS)


def test_every_events_category_has_a_colour(payload):
    assert {event["category"] for event in payload["events"]} <= set(payload["categories"])


def test_every_browser_ui_key_has_both_languages(payload):
    assert set(payload["ui"]) == set(BROWSER_UI_KEYS)
    for key in BROWSER_UI_KEYS:
        assert set(payload["ui"][key]) == set(LANGS), key
        assert all(isinstance(text, str) and text for text in payload["ui"][key].values()), key


def test_steps_carry_a_short_label_and_a_long_title_in_both_languages(story, steps, payload):
    for step in payload["steps"]:
        for field in ("label", "title"):
            assert set(step[field]) == set(LANGS)
            assert all(step[field].values())
    kremlin = payload["steps"][step_with(steps, story, "kremlin-meeting").index]
    assert kremlin["label"] == {"id": "27 Okt 2025", "en": "27 Oct 2025"}
    assert kremlin["title"] == {"id": "27 Oktober 2025", "en": "27 October 2025"}
    overview = {"id": "Ikhtisar", "en": "Overview"}
    for step in (payload["steps"][0], payload["steps"][-1]):
        assert step["label"] == step["title"] == overview


def test_event_titles_and_dates_in_both_languages(story, payload):
    for event, item in zip(story.events, payload["events"], strict=True):
        assert item["title"] == {"id": event.title.get("id"), "en": event.title.get("en")}
        assert item["date"] == {lang: event.date.format(lang, short=True) for lang in LANGS}


# --- narrative_html ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_step_shows_its_event_titles(story, steps, lang):
    for step in steps[1:-1]:
        markup = narrative_html(story, step, lang)
        for i in step.events:
            assert shown(story.events[i].title.get(lang)) in markup, (step.index, i)


def test_the_shared_april_step_shows_both_events_in_order(story, steps):
    step = step_with(steps, story, "road-bridge")
    markup = narrative_html(story, step, "en")
    first = markup.index(shown(story.events[step.events[0]].title.get("en")))
    second = markup.index(shown(story.events[step.events[1]].title.get("en")))
    assert first < second


@pytest.mark.parametrize(
    ("lang", "span"), [("id", "rentang 1–30 April 2025"), ("en", "span 1–30 April 2025")]
)
def test_a_vague_date_shows_its_span(story, steps, lang, span):
    markup = narrative_html(story, step_with(steps, story, "kursk-acknowledged"), lang)
    assert span in markup
    assert 'class="date vague"' in markup


@pytest.mark.parametrize(("lang", "word"), [("id", "rentang"), ("en", "span ")])
def test_an_exact_date_shows_no_span(story, steps, lang, word):
    markup = narrative_html(story, step_with(steps, story, "kremlin-meeting"), lang)
    assert word not in markup
    assert 'class="date exact"' in markup


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2025-04", "id", "1–30 April 2025"),
        ("2025-04", "en", "1–30 April 2025"),
        ("2025-10-late", "en", "21–31 October 2025"),
        ("1948", "en", "1 January – 31 December 1948"),
        ("1948", "id", "1 Januari – 31 Desember 1948"),
        ("2024/2025", "en", "1 January 2024 – 31 December 2025"),
        ("2025-10-27", "en", "27 October 2025"),
    ],
)
def test_date_span(text, lang, expected):
    assert date_span(PartialDate.parse(text), lang) == expected


def test_a_translated_quote_is_marked_in_english_only(story, steps):
    step = step_with(steps, story, "beijing-tribute")
    english = narrative_html(story, step, "en")
    indonesian = narrative_html(story, step, "id")
    quote = story.events[index_of(story, "beijing-tribute")].quote
    assert shown(quote.text.get("en")) in english
    assert shown(quote.text.get("id")) in indonesian
    assert "(our translation from the Indonesian article)" in english
    assert "our translation" not in indonesian
    assert "(terjemahan kami)" not in indonesian
    assert "<blockquote>" in english
    assert "<blockquote>" in indonesian


@pytest.mark.parametrize(
    ("lang", "outlets", "absent"),
    [
        ("en", ["Russian state media", "CNA"], "Media pemerintah Rusia"),
        ("id", ["Media pemerintah Rusia", "CNA"], "Russian state media"),
    ],
)
def test_sources_name_the_outlets_in_the_language(story, steps, lang, outlets, absent):
    markup = narrative_html(story, step_with(steps, story, "kremlin-meeting"), lang)
    for outlet in outlets:
        assert outlet in markup
    assert absent not in markup


@pytest.mark.parametrize(
    ("lang", "counts"),
    [("id", "13 tempat dan 14 peristiwa"), ("en", "13 places and 14 events")],
)
def test_the_overview_counts_places_and_events(story, steps, lang, counts):
    assert len(story.places) == 13
    assert len(story.events) == 14
    assert counts in narrative_html(story, steps[0], lang)


@pytest.mark.parametrize(("lang", "text"), [("id", "Semua 14 peristiwa"), ("en", "All 14 events")])
def test_the_closing_overview_counts_events(story, steps, lang, text):
    assert text in narrative_html(story, steps[-1], lang)


def test_a_route_is_named_in_the_narrative(story, steps):
    step = step_with(steps, story, "kursk-acknowledged")
    assert "North Korea → Kursk region (deployment)" in narrative_html(story, step, "en")
    assert "Korea Utara → Wilayah Kursk (pengerahan pasukan)" in narrative_html(story, step, "id")


# --- event_list_html and credits_html ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_event_list_lists_every_event_in_story_order(story, lang):
    markup = event_list_html(story, lang)
    assert markup.startswith('<ol class="event-list">')
    items = re.findall(r"<li>(.*?)</li>", markup, flags=re.S)
    assert len(items) == len(story.events)
    for item, event in zip(items, story.events, strict=True):
        assert shown(event.title.get(lang)) in item
        assert event.date.format(lang) in item


@pytest.mark.parametrize("lang", LANGS)
def test_credits_name_the_outlets_and_map_data(story, lang):
    markup = credits_html(story, lang)
    for name in (
        "IDN Times",
        "CNA",
        "Al Jazeera",
        "Anadolu Agency",
        "OpenStreetMap",
        "Natural Earth",
    ):
        assert name in markup, name


def test_credits_say_the_text_is_our_own(story):
    assert "retold in our own words" in credits_html(story, "en")
    assert "ditulis ulang dengan kata-kata kami sendiri" in credits_html(story, "id")


def test_credits_name_each_cited_outlet_once(story):
    markup = credits_html(story, "en")
    cited = next(line for line in markup.splitlines() if "Outlets the article cites" in line)
    for outlet in ("IDN Times", "CNA", "Al Jazeera", "Anadolu Agency", "Russian state media"):
        assert cited.count(outlet) == 1, outlet


# --- a hostile story --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(gazetteer) -> tuple[Story, dict[str, Location]]:
    story = load_story(FIXTURES / "html_injection.yaml")
    return story, geocode_story(story)


def assert_inert(markup: str) -> None:
    """No element or attribute from the story: its HTML may only appear as escaped text."""
    lowered = markup.lower()
    for tag in ("<script", "<img", "<svg", "<iframe", "<b ", "<i>"):
        assert tag not in lowered, tag
    # The story's text is shown escaped, so "onerror" may be read on the page; it must
    # never be inside a tag, where it would be an attribute.
    tags = " ".join(re.findall(r"<[^>]*>", lowered))
    for word in ("onerror", "onload", "onmouseover", "javascript:"):
        assert word not in tags, word


def hostile_pages(story: Story) -> list[tuple[str, str]]:
    pages = []
    for lang in LANGS:
        pages += [
            (f"step {s.index} {lang}", narrative_html(story, s, lang)) for s in story_steps(story)
        ]
        pages.append((f"event list {lang}", event_list_html(story, lang)))
        pages.append((f"credits {lang}", credits_html(story, lang)))
    return pages


def test_the_hostile_story_geocodes_offline(hostile):
    _, located = hostile
    assert located["moscow"].lat == pytest.approx(55.75, abs=0.05)
    assert located["moscow"].lon == pytest.approx(37.62, abs=0.05)


def test_no_story_html_reaches_the_page(hostile):
    story, _ = hostile
    for name, markup in hostile_pages(story):
        try:
            assert_inert(markup)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}\n{markup}") from exc


@pytest.mark.parametrize("lang", LANGS)
def test_the_hostile_title_is_shown_as_text(hostile, lang):
    story, _ = hostile
    event_step = story_steps(story)[1]
    assert ESCAPED_HOSTILE_TITLE in narrative_html(story, event_step, lang)
    assert ESCAPED_HOSTILE_TITLE in event_list_html(story, lang)


def test_hostile_summary_and_outlet_are_shown_as_text(hostile):
    story, _ = hostile
    markup = narrative_html(story, story_steps(story)[1], "en")
    assert "Before &lt;script&gt;alert" in markup
    assert "&lt;a href=" in markup


def test_clean_drops_a_javascript_link_and_keeps_https():
    dropped = clean('<a href="javascript:alert(1)">x</a>')
    assert "javascript:" not in dropped.lower()
    assert "href" not in dropped
    assert ">x</a>" in dropped
    kept = clean('<a href="https://example.org/page">y</a>')
    assert 'href="https://example.org/page"' in kept


def test_clean_drops_scripts_and_handlers():
    markup = clean(
        '<p onclick="alert(1)">a<script>alert(2)</script><img src=x onerror=alert(3)></p>'
    )
    lowered = markup.lower()
    assert "<script" not in lowered
    assert "onclick" not in lowered
    assert "onerror" not in lowered


def test_the_payload_keeps_hostile_strings_as_data(hostile):
    story, located = hostile
    payload = reader_payload(story, located)
    json.dumps(payload)
    assert payload["story"]["title"] == {"id": HOSTILE_TITLE, "en": HOSTILE_TITLE}
    assert payload["events"][0]["title"] == {"id": HOSTILE_TITLE, "en": HOSTILE_TITLE}
    assert payload["places"][0]["name"]["id"] == "<svg onload=alert(1)>"
