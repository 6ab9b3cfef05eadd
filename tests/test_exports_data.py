"""Exports: GeoJSON and CSV that read back, the overview PNG (the sheets: test_handout.py)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import re
from datetime import date

import geopandas as gpd
import pytest
from PIL import Image
from story_helpers import FIXTURES, ROOT

from storymap.errors import StorymapError
from storymap.export.data import events_csv, events_geojson, places_csv, places_geojson
from storymap.export.picture import overview_png
from storymap.loading import load_story
from storymap.located import LocatedStory
from storymap.model import Text

ARTIFACTS = ROOT / "test-artifacts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def events_read_back(story, located, tmp_path_factory, located_story) -> gpd.GeoDataFrame:
    path = tmp_path_factory.mktemp("export") / "events.geojson"
    path.write_text(events_geojson(located_story), encoding="utf-8")
    # GDAL turns ISO date strings into dates unless asked to keep the text as written.
    return gpd.read_file(path, DATE_AS_STRING="YES")


@pytest.fixture(scope="module")
def places_read_back(story, located, tmp_path_factory, located_story) -> gpd.GeoDataFrame:
    path = tmp_path_factory.mktemp("export") / "places.geojson"
    path.write_text(places_geojson(located_story), encoding="utf-8")
    return gpd.read_file(path)


@pytest.fixture(scope="module")
def overview(story, located, located_story) -> bytes:
    png = overview_png(located_story, "en")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "overview-en.png").write_bytes(png)
    return png


# --- GeoJSON ---------------------------------------------------------------------------


def test_events_geojson_reads_back_one_row_per_event_in_wgs84(story, events_read_back):
    assert len(events_read_back) == len(story.events) == 14
    assert events_read_back.crs.to_epsg() == 4326
    assert list(events_read_back["id"]) == [e.id for e in story.events]
    assert list(events_read_back["order"]) == list(range(14))


def test_events_geojson_dates_are_iso_days_spanning_the_story_dates(story, events_read_back):
    for row, event in zip(events_read_back.itertuples(), story.events, strict=True):
        assert isinstance(row.start, str) and isinstance(row.end, str)
        assert date.fromisoformat(row.start) == event.date.earliest
        assert date.fromisoformat(row.end) == event.date.latest
        assert row.date == str(event.date)
        assert row.precision == event.date.precision
    first = events_read_back.iloc[0]
    assert (first["start"], first["end"], first["precision"]) == (
        "1948-01-01",
        "1948-12-31",
        "year",
    )
    flights = events_read_back.set_index("id").loc["direct-flights"]
    assert (flights["date"], flights["approximate"]) == ("2025-07~", True)


def test_events_geojson_dates_are_recognised_as_dates_by_gdal(
    story, located, tmp_path, located_story
):
    path = tmp_path / "events.geojson"
    path.write_text(events_geojson(located_story), encoding="utf-8")
    frame = gpd.read_file(path)
    assert [d.date() for d in frame["start"]] == [e.date.earliest for e in story.events]
    assert [d.date() for d in frame["end"]] == [e.date.latest for e in story.events]


def test_events_geojson_geometry_is_lon_lat(events_read_back):
    by_id = events_read_back.set_index("id")
    kremlin = by_id.loc["kremlin-meeting"].geometry
    assert kremlin.geom_type == "Point"
    assert kremlin.x == pytest.approx(37.6175, abs=1e-4)  # x is longitude
    assert kremlin.y == pytest.approx(55.752, abs=1e-4)  # y is latitude
    flight = by_id.loc["direct-flights"]
    assert flight.geometry.geom_type == "LineString"
    assert flight.geometry.coords[0] == pytest.approx((37.6178, 55.7520), abs=1e-3)
    assert flight["route_mode"] == "flight"
    assert flight["route_km"] == pytest.approx(6430, abs=15)
    assert flight["route_km"] == round(flight["route_km"], 1)
    assert by_id.loc["soviet-recognition"].geometry.geom_type == "MultiPoint"


def test_events_geojson_keeps_both_languages_and_sources(events_read_back):
    by_id = events_read_back.set_index("id")
    assert by_id.loc["kremlin-meeting", "title_id"].startswith("Putin menerima Menlu")
    assert by_id.loc["kremlin-meeting", "title_en"].startswith("Putin receives")
    assert by_id.loc["kremlin-meeting", "sources"] == "Russian state media; CNA"
    assert by_id.loc["soviet-recognition", "places"] == "moscow,pyongyang"


def test_places_geojson_reads_back_one_point_per_place(story, places_read_back):
    assert len(places_read_back) == len(story.places) == 13
    assert places_read_back.crs.to_epsg() == 4326
    assert set(places_read_back.geom_type) == {"Point"}
    moscow = places_read_back.set_index("id").loc["moscow"]
    assert moscow.geometry.x == pytest.approx(37.62, abs=0.01)
    assert moscow.geometry.y == pytest.approx(55.75, abs=0.01)
    assert (moscow["name_id"], moscow["name_en"], moscow["layer"]) == (
        "Moskow",
        "Moscow",
        "gazetteer",
    )
    for column in ("kind", "country", "precision_km", "location_note"):
        assert column in places_read_back.columns


# --- CSV -------------------------------------------------------------------------------


def test_events_csv_has_the_documented_columns_and_one_row_per_event(story, located, located_story):
    reader = csv.DictReader(io.StringIO(events_csv(located_story)))
    rows = list(reader)
    assert reader.fieldnames == [
        "order", "id", "date", "start", "end", "precision", "approximate", "category",
        "title_id", "title_en", "places", "route_mode", "route_km", "sources",
        "summary_id", "summary_en", "date_note_id", "date_note_en",
        "route_origin", "route_via", "route_destination",
    ]  # fmt: skip
    assert len(rows) == 14
    assert (rows[0]["id"], rows[0]["start"], rows[0]["end"]) == (
        "soviet-recognition",
        "1948-01-01",
        "1948-12-31",
    )
    flights = next(r for r in rows if r["id"] == "direct-flights")
    assert re.fullmatch(r"\d+\.\d", flights["route_km"])
    assert next(r for r in rows if r["id"] == "kremlin-meeting")["route_km"] == ""


def test_places_csv_has_lat_and_lon_columns(story, located, located_story):
    reader = csv.DictReader(io.StringIO(places_csv(located_story)))
    rows = list(reader)
    assert reader.fieldnames == [
        "id", "name_id", "name_en", "kind", "country", "lat", "lon", "layer", "precision_km", "location_note",
    ]  # fmt: skip
    assert len(rows) == 13
    kremlin = next(r for r in rows if r["id"] == "kremlin")
    assert float(kremlin["lat"]) == pytest.approx(55.752)
    assert float(kremlin["lon"]) == pytest.approx(37.6175)
    assert kremlin["name_id"] == "Kremlin, Moskow"  # a comma inside a quoted field


# --- Overview picture ------------------------------------------------------------------


def test_overview_png_is_a_wide_png(overview):
    assert overview.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(overview)) as image:
        assert image.format == "PNG"
        assert image.width >= 1000
        assert image.width == 1800  # 12 in at 150 dpi
        assert image.width > image.height


def test_overview_png_takes_dollar_signs_as_text(story, located):
    """Matplotlib would read '$...$' as mathematics; a story title is text."""
    priced = story.model_copy(update={"title": Text(id="$5 atau $6", en="$5 or $6")})
    png = overview_png(LocatedStory(priced, located), "id", width_in=6, dpi=80)
    assert png.startswith(PNG_SIGNATURE)


# --- Hostile values: formulas, non-finite numbers --------------------------------------


@pytest.fixture(scope="module")
def hostile_story() -> LocatedStory:
    return LocatedStory.of(load_story(FIXTURES / "hostile_names.yaml"))


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_that_would_be_formulas_are_text(hostile_story: LocatedStory) -> None:
    places = {row["id"]: row for row in csv_rows(places_csv(hostile_story))}
    assert places["formula"]["name_id"] == '\'=HYPERLINK("http://x","y")'
    assert places["formula"]["name_en"] == "'+1+1"
    assert places["separators"]["name_en"] == "'-2-3"
    assert places["west"]["name_id"] == "'@SUM(A1)"
    assert places["backslash"]["name_id"] == "C:\\users\\x"  # not a formula: as it is
    events = {row["id"]: row for row in csv_rows(events_csv(hostile_story))}
    assert (events["two"]["title_id"], events["two"]["title_en"]) == ("'=1+1", "'-1")
    assert events["two"]["sources"] == "'@Example"


def test_numbers_in_csv_stay_numbers(hostile_story: LocatedStory) -> None:
    west = next(r for r in csv_rows(places_csv(hostile_story)) if r["id"] == "west")
    assert float(west["lon"]) == pytest.approx(-99.3)  # a negative number, not "'-99.3"
    flight = next(r for r in csv_rows(events_csv(hostile_story)) if r["id"] == "one")
    assert float(flight["route_km"]) > 0


def test_no_csv_cell_starts_like_a_formula(hostile_story: LocatedStory) -> None:
    """Tab and carriage return too (OWASP), in every text cell of both files."""
    story = hostile_story.story
    tabbed = [
        place.model_copy(update={"name": Text(id="\tTab", en="\rReturn")}) for place in story.places
    ]
    item = LocatedStory(story.model_copy(update={"places": tabbed}), hostile_story.located)
    for text in (places_csv(item), events_csv(item), places_csv(hostile_story)):
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                try:
                    float(cell)
                except ValueError:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    rows = csv_rows(places_csv(item))
    assert [(r["name_id"], r["name_en"]) for r in rows] == [("'\tTab", "'\rReturn")] * len(tabbed)


@pytest.mark.parametrize("field", ["precision_km", "lat"])
@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_a_non_finite_number_is_a_clear_error_not_infinity_in_a_file(
    located_story: LocatedStory, field: str, value: float
) -> None:
    located = dict(located_story.located)
    located["minsk"] = dataclasses.replace(located["minsk"], **{field: value})
    item = LocatedStory(located_story.story, located)
    writers = [places_geojson, places_csv]
    if field == "lat":
        writers += [events_geojson, events_csv]
    for writer in writers:
        with pytest.raises(StorymapError, match=rf"place 'minsk': {field} is .*not a finite"):
            writer(item)


def test_geojson_is_strict_json(located_story: LocatedStory) -> None:
    """Missing values are null; the files parse with a parser that refuses NaN/Infinity."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the GeoJSON")

    for text in (events_geojson(located_story), places_geojson(located_story)):
        data = json.loads(text, parse_constant=refuse)
        assert data["type"] == "FeatureCollection"
    kremlin = json.loads(events_geojson(located_story), parse_constant=refuse)["features"][1]
    assert kremlin["properties"]["route_km"] is None


def test_the_json_writer_itself_refuses_infinity() -> None:
    """The second line of defence, for a number no check above has seen."""
    from shapely.geometry import Point

    from storymap.export import data

    frame = gpd.GeoDataFrame({"route_km": [math.inf]}, geometry=[Point(0, 0)], crs="EPSG:4326")
    with pytest.raises(data.NotFinite, match="cannot write the events as GeoJSON: Out of range"):
        data._json(frame, "events")
