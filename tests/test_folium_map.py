"""The folium map of chosen events: offline, the right places and routes, story text inert."""

from __future__ import annotations

import json
import re

import pytest
from story_helpers import FIXTURES

from storymap.folium_map import events_map, offline_html
from storymap.geocoding import geocode_story
from storymap.loading import load_story
from storymap.model import Story
from storymap.web.policy import inline_scripts, script_hash


def ids_of(story: Story, *event_ids: str) -> list[int]:
    return [i for i, e in enumerate(story.events) if e.id in event_ids]


def test_page_needs_no_network(story: Story, located: dict) -> None:
    page = offline_html(events_map(story, located, range(len(story.events)), "en"))
    assert not re.search(r'<script[^>]+src="https?:', page)
    assert not re.search(r'<link[^>]+href="https?:', page)
    assert "Leaflet 1.9" in inline_scripts(page)[0]  # inlined, as the page's first script
    assert '"Natural Earth"' in page


def test_the_page_runs_only_its_own_scripts(story: Story, located: dict) -> None:
    """Its Content-Security-Policy, the first thing in its head, names each of its inline
    scripts by hash and nothing else: no source address, no inline handler, no eval."""
    page = offline_html(events_map(story, located, range(len(story.events)), "en"))
    head = page.split("<head>", 1)[1].lstrip()
    policy = re.match(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert policy, head[:200]
    directives = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
    hashes = directives["script-src"].split()
    assert hashes == [script_hash(script) for script in inline_scripts(page)] and len(hashes) >= 2
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)  # nothing a hash cannot name


def test_draws_the_places_and_routes_of_the_chosen_events(story: Story, located: dict) -> None:
    chosen = ids_of(story, "kursk-acknowledged", "direct-flights")
    page = offline_html(events_map(story, located, chosen, "en"))
    # kursk, moscow, pyongyang and the troop route's origin, north-korea
    assert page.count("L.circleMarker(") == 4
    assert page.count("L.polyline(") == 2
    texts = tooltips(page)
    assert "Direct Moscow–Pyongyang flights open · 6,430 km" in texts
    assert "Kursk region" in texts and "Minsk" not in texts


def test_language_of_the_labels(story: Story, located: dict) -> None:
    page = offline_html(events_map(story, located, ids_of(story, "soviet-recognition"), "id"))
    assert sorted(tooltips(page)) == ["Moskow", "Pyongyang"]


def test_no_events_gives_an_empty_map(story: Story, located: dict) -> None:
    page = offline_html(events_map(story, located, [], "en"))
    assert page.count("L.circleMarker(") == 0


def tooltips(page: str) -> list[str]:
    """The text of every tooltip in the page, as a reader sees it: each is a JSON string
    that the page makes into a text node."""
    found = re.findall(r'\.bindTooltip\(\s*storymapTextNode\(("(?:[^"\\]|\\.)*")\)', page)
    return [json.loads(text) for text in found]


def test_hostile_names_are_text() -> None:
    story = load_story(FIXTURES / "html_injection.yaml")
    page = offline_html(events_map(story, geocode_story(story), [0], "id"))
    assert "<svg onload" not in page
    assert tooltips(page) == ["<svg onload=alert(1)>"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_backslashes_quotes_and_template_syntax_stay_text(lang: str) -> None:
    """Each tooltip is a JSON string (folium's ``tojavascript``), not a template literal."""
    story = load_story(FIXTURES / "hostile_names.yaml")
    page = offline_html(events_map(story, geocode_story(story), range(2), lang))
    names = [place.name.get(lang) for place in story.places]
    km = {"id": "6.430 km", "en": "6,430 km"}[lang]  # in the reader's way of writing numbers
    route = f"{story.events[0].title.get(lang)} · {km}"
    assert sorted(tooltips(page)) == sorted([route, *names])
    assert "<script>alert(1)" not in page
    assert "bindTooltip(\n                `" not in page  # folium's template literal is gone
