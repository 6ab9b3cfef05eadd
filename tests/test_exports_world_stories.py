"""Every export of the two stories that broke the old renderers: the 2004 tsunami (the
story's own categories) and Magellan–Elcano (Spanish and English, round the world,
across the Pacific). The picture, the handout that embeds it, the folium map, the
GeoJSON and CSV and the static site. Their pictures are saved to test-artifacts/ to
be looked at."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from itertools import pairwise
from pathlib import Path

import geopandas as gpd
import pytest
from PIL import Image
from shapely.geometry import Point, shape
from story_helpers import FIXTURES, PUBLISHED_STORIES, ROOT
from test_folium_map import tooltips

from storymap.export import export_bytes
from storymap.export.data import events_csv, events_geojson, places_csv, places_geojson
from storymap.export.handout import MAP_DPI, MAP_WIDTH_IN
from storymap.export.site import export_site
from storymap.folium_map import events_map, offline_html
from storymap.i18n import number, t
from storymap.located import LocatedStory, locate_file
from storymap.style import category_styles

ARTIFACTS = ROOT / "test-artifacts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STORIES = ["tsunami-2004.yaml", "magellan.yaml"]


@pytest.fixture(scope="module", params=STORIES)
def item(request: pytest.FixtureRequest) -> LocatedStory:
    return locate_file(FIXTURES / request.param)


@pytest.fixture(scope="module")
def site(item: LocatedStory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The story's static site: its page, picture, handouts and data files."""
    out = tmp_path_factory.mktemp("site") / "site"
    export_site([item], out)
    return out


def embedded_png(handout: str) -> bytes:
    found = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', handout)
    assert found, "the handout embeds no picture"
    return base64.b64decode(found[1])


def test_the_picture_is_made_in_every_story_language(item: LocatedStory, site: Path) -> None:
    """The site's picture is in the default language; each handout embeds the picture
    in its own language. Each is saved to test-artifacts/ to be looked at."""
    story = item.story
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in story.languages:
        handout = (site / f"{story.id}-handout-{lang}.html").read_text(encoding="utf-8")
        png = embedded_png(handout)
        assert png.startswith(PNG_SIGNATURE)
        with Image.open(io.BytesIO(png)) as image:  # the map alone, sized for the student sheet
            assert image.format == "PNG" and image.width == round(MAP_WIDTH_IN * MAP_DPI)
            assert image.width > image.height
        (ARTIFACTS / f"overview-{story.id}-{lang}.png").write_bytes(png)
    picture = (site / f"{story.id}-overview.png").read_bytes()
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == "PNG" and image.width == 1800


def test_the_handout_is_in_each_story_language(item: LocatedStory, site: Path) -> None:
    story = item.story
    for lang in story.languages:
        page = (site / f"{story.id}-handout-{lang}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}" dir="ltr">' in page
        assert html.escape(story.title.get(lang), quote=False) in page
        for event in story.events:
            assert html.escape(event.title.get(lang), quote=False) in page, (lang, event.id)
        assert "<script" not in page.lower()


def test_the_geojson_reads_back_with_every_route_within_180_degrees(
    item: LocatedStory, tmp_path: Path
) -> None:
    story = item.story
    path = tmp_path / "events.geojson"
    path.write_text(events_geojson(item), encoding="utf-8")
    events = gpd.read_file(path)
    assert list(events["id"]) == [e.id for e in story.events]
    for lang in story.languages:
        assert list(events[f"title_{lang}"]) == [e.title.get(lang) for e in story.events]
    routes = events[events["route_mode"].notna()]
    assert len(routes) == sum(1 for e in story.events if e.route)
    for row in routes.itertuples():
        assert row.route_km > 0
        lons = [lon for lon, _ in _coords(row.geometry)]
        assert all(-180 <= lon <= 180 for lon in lons)
    places = json.loads(places_geojson(item))["features"]
    assert [f["properties"]["id"] for f in places] == [p.id for p in story.places]


def _coords(geometry) -> list[tuple[float, float]]:
    parts = getattr(geometry, "geoms", [geometry])
    return [c for part in parts for c in part.coords]


def test_the_pacific_crossing_is_split_at_the_antimeridian_in_geojson(tmp_path: Path) -> None:
    item = locate_file(FIXTURES / "magellan.yaml")
    path = tmp_path / "events.geojson"
    path.write_text(events_geojson(item), encoding="utf-8")
    pacific = gpd.read_file(path).set_index("id").loc["guam"]
    assert pacific.geometry.geom_type == "MultiLineString"
    east, west = pacific.geometry.geoms  # from the Strait of Magellan to the dateline, then on
    assert east.coords[-1][0] == -180.0 and west.coords[0][0] == 180.0
    assert 16_000 < pacific.route_km < 16_500


def test_the_csv_has_a_column_per_story_language_and_a_row_per_event(item: LocatedStory) -> None:
    story = item.story
    reader = csv.DictReader(io.StringIO(events_csv(item)))
    rows = list(reader)
    assert [f"title_{lang}" for lang in story.languages] == [
        name for name in reader.fieldnames if name.startswith("title_")
    ]
    assert [row["id"] for row in rows] == [e.id for e in story.events]
    assert {row["category"] for row in rows} == {e.category for e in story.events}
    places = list(csv.DictReader(io.StringIO(places_csv(item))))
    assert [row["id"] for row in places] == [p.id for p in story.places]


def test_the_site_lists_the_story_in_each_of_its_languages(item: LocatedStory, site: Path) -> None:
    story = item.story
    index = (site / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section lang="([^"]+)" dir="(?:ltr|rtl)">', index)
    assert sections == [story.default_language] + [
        lang for lang in story.languages if lang != story.default_language
    ]
    for lang in story.languages:
        assert html.escape(story.title.get(lang), quote=False) in index
    heading = re.search(r"<h1>(.*)</h1>", index)[1]
    # the heading in the interface's languages, each once (Spanish readers get English)
    expected = {"id": "Peta cerita / Story maps", "es": "Story maps"}[story.languages[0]]
    assert heading == expected
    for link in re.findall(r'href="([^"#]+)', index):
        assert (site / link).is_file(), link


def test_the_folium_map_draws_every_route_in_its_style_and_language(item: LocatedStory) -> None:
    story, located = item.story, item.located
    styles = category_styles(story)
    for lang in story.languages:
        page = offline_html(events_map(story, located, range(len(story.events)), lang))
        texts = tooltips(page)
        used = {p for e in story.events for p in [*e.places, *(e.route.stops if e.route else [])]}
        assert page.count("L.circleMarker(") == len(used)
        for place in story.places:
            assert (place.name.get(lang) in texts) == (place.id in used)
        for event in story.events:
            if event.route:
                assert any(text.startswith(f"{event.title.get(lang)} · ") for text in texts)
        colours = set(re.findall(r'"fillColor": "(#[0-9A-Fa-f]{6})"', page))
        assert colours <= {style.colour for style in styles.values()} | {"#f4f1ea"}


def polylines(page: str) -> list[list[list[float]]]:
    return [json.loads(m) for m in re.findall(r"L\.polyline\(\s*(\[\[.*?\]\])", page, re.S)]


def markers(page: str) -> list[list[float]]:
    return [json.loads(m) for m in re.findall(r"L\.circleMarker\(\s*(\[[^\]]*\])", page)]


def test_the_folium_map_crosses_the_pacific_the_short_way() -> None:
    item = locate_file(FIXTURES / "magellan.yaml")
    story, located = item.story, item.located
    pacific = [i for i, e in enumerate(story.events) if e.id == "guam"]
    page = offline_html(events_map(story, located, pacific, "en"))
    (line,) = polylines(page)
    steps = [abs(b[1] - a[1]) for a, b in pairwise(line)]
    assert max(steps) < 5  # no jump round the world
    # west from the Strait of Magellan (-71°, drawn at 289°) over 180° to Guam (144.79°)
    assert line[0][1] == pytest.approx(-71.0 + 360) and line[-1][1] == pytest.approx(144.79)
    # the markers are in the same copy of the world as the line
    points = markers(page)
    assert sorted(lng for _, lng in points) == pytest.approx([144.79, -138.81 + 360, -71.0 + 360])
    km = number(16_209, "en")
    assert (
        f"{story.events[pacific[0]].title.get('en')} · {t('distance_km', 'en', km=km)}"
        in tooltips(page)
    )


def country_layers(page: str) -> list[list]:
    """The shapes of every GeoJSON layer of the page."""
    decoder = json.JSONDecoder()
    layers = []
    for found in re.finditer(r"geo_json_[0-9a-f]+_add\(", page):
        data, _ = decoder.raw_decode(page, found.end())
        layers.append([shape(feature["geometry"]) for feature in data["features"]])
    return layers


def test_the_land_is_drawn_where_the_view_runs_past_180_degrees() -> None:
    """Leaflet draws one copy of the outlines: the Strait of Magellan's marker at 289°
    needs South America drawn a turn east of itself."""
    item = locate_file(FIXTURES / "magellan.yaml")
    story = item.story
    pacific = [i for i, e in enumerate(story.events) if e.id == "guam"]
    layers = country_layers(offline_html(events_map(story, item.located, pacific, "en")))
    argentina, australia = Point(-65 + 360, -35), Point(135, -25)
    assert [any(s.contains(argentina) for s in layer) for layer in layers] == [False, True]
    assert [any(s.contains(australia) for s in layer) for layer in layers] == [True, False]


def test_a_route_over_the_maps_edge_leaves_one_side_and_comes_back_on_the_other() -> None:
    """Round the world, the Victoria's crossing from Tidore to the Cape of Good Hope
    leaves the view's west edge; a copy a turn away arrives at the Cape's marker."""
    item = locate_file(FIXTURES / "magellan.yaml")
    story, located = item.story, item.located
    page = offline_html(events_map(story, located, range(len(story.events)), "es"))
    lines = polylines(page)
    assert len(lines) == sum(1 for e in story.events if e.route) + 1
    points = {tuple(p) for p in markers(page)}
    for line in lines:
        assert max(abs(b[1] - a[1]) for a, b in pairwise(line)) < 5
    starts = {tuple(line[0]) for line in lines}
    ends = {tuple(line[-1]) for line in lines}
    for event in (e for e in story.events if e.route):
        origin, destination = located[event.route.origin], located[event.route.destination]
        assert any(_same(p, origin) for p in starts & points), event.id
        assert any(_same(p, destination) for p in ends & points), event.id


def _same(latlng: tuple[float, float], where) -> bool:
    lat, lng = latlng
    return abs(lat - where.lat) < 1e-6 and abs((lng - where.lon + 180) % 360 - 180) < 1e-6


def test_the_first_storys_picture_is_saved_to_look_at() -> None:
    (first,) = PUBLISHED_STORIES
    item = locate_file(first)
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in item.story.languages:
        png = export_bytes(item, "png", lang)
        assert png.startswith(PNG_SIGNATURE)
        (ARTIFACTS / f"overview-{item.story.id}-{lang}.png").write_bytes(png)
