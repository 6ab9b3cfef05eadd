"""The data page's folium map in a real browser: names full of backslashes, quotes,
``</script>``, backticks and ``${}`` are drawn as text, and every marker is on the map.

Before, a place named ``C:\\users\\x`` was a JavaScript syntax error ("Invalid Unicode
escape sequence") and the map drew 0 markers (issue 10).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_server import ROOT
from browser_helpers import Watched, shoot

from storymap.folium_map import events_map, offline_html
from storymap.loading import load_story
from storymap.located import LocatedStory

HOSTILE = ROOT / "tests" / "fixtures" / "hostile_names.yaml"

# Leaflet's public API: the folium map is the one L.Map among the page's globals.
MAP_LAYERS = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const markers = [], lines = [];
  map.eachLayer(layer => {
    if (layer instanceof L.CircleMarker) markers.push(layer);
    else if (layer instanceof L.Polyline && !(layer instanceof L.Polygon)) lines.push(layer);
  });
  const text = layer => layer.getTooltip().getContent().textContent;  // a text node's box
  return {markers: markers.map(text), lines: lines.map(text),
          scripts: document.querySelectorAll('script').length,
          alerted: Boolean(window.__alerted)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["id", "en"])
def test_hostile_names_are_text_and_every_marker_is_drawn(
    browser: object, tmp_path: Path, lang: str
) -> None:
    story = load_story(HOSTILE)
    located = LocatedStory.of(story).located
    page_file = tmp_path / f"folium-{lang}.html"
    page_file.write_text(
        offline_html(events_map(story, located, range(len(story.events)), lang)), encoding="utf-8"
    )
    watched = Watched(browser.new_page(viewport={"width": 1000, "height": 700}))
    page = watched.page
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (watched.dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script("window.alert = () => { window.__alerted = true; };")
    page.goto(page_file.as_uri(), wait_until="load")  # folium's scripts are inline
    shoot(page, f"folium-hostile-{lang}")
    assert watched.errors == []
    drawn = page.evaluate(MAP_LAYERS)
    assert watched.dialogs == [] and not drawn["alerted"]
    names = sorted(place.name.get(lang) for place in story.places)
    assert sorted(drawn["markers"]) == names
    route = story.events[0]
    km = {"id": "6.430 km", "en": "6,430 km"}[lang]  # the reader's way of writing numbers
    assert drawn["lines"] == [f"{route.title.get(lang)} · {km}"]
