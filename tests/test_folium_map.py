"""The folium map of chosen events: offline, the right places and routes, story text inert."""

from __future__ import annotations

import re

from story_helpers import FIXTURES

from storymap.folium_map import events_map, offline_html, safe_text
from storymap.geocoding import geocode_story
from storymap.loading import load_story
from storymap.model import Story


def ids_of(story: Story, *event_ids: str) -> list[int]:
    return [i for i, e in enumerate(story.events) if e.id in event_ids]


def test_page_needs_no_network(story: Story, located: dict) -> None:
    page = offline_html(events_map(story, located, range(len(story.events)), "en"))
    assert not re.search(r'<script[^>]+src="https?:', page)
    assert not re.search(r'<link[^>]+href="https?:', page)
    assert 'src="data:text/javascript;base64,' in page
    assert '"Natural Earth"' in page


def test_draws_the_places_and_routes_of_the_chosen_events(story: Story, located: dict) -> None:
    chosen = ids_of(story, "kursk-acknowledged", "direct-flights")
    page = offline_html(events_map(story, located, chosen, "en"))
    # kursk, moscow, pyongyang and the troop route's origin, north-korea
    assert page.count("L.circleMarker(") == 4
    assert page.count("L.polyline(") == 2
    assert "Direct Moscow–Pyongyang flights open · 6,430 km" in page
    assert "Kursk region" in page and "Minsk" not in page


def test_language_of_the_labels(story: Story, located: dict) -> None:
    page = offline_html(events_map(story, located, ids_of(story, "soviet-recognition"), "id"))
    assert "Moskow" in page and "Pyongyang" in page


def test_no_events_gives_an_empty_map(story: Story, located: dict) -> None:
    page = offline_html(events_map(story, located, [], "en"))
    assert page.count("L.circleMarker(") == 0


def test_hostile_names_are_text() -> None:
    story = load_story(FIXTURES / "html_injection.yaml")
    page = offline_html(events_map(story, geocode_story(story), [0], "id"))
    assert "<svg onload" not in page
    assert "&lt;svg onload=alert(1)&gt;" in page


def test_safe_text_is_inert_in_template_literals() -> None:
    text = safe_text("`${alert(1)}` <b>")
    assert "`" not in text and "$" not in text and "<" not in text
