"""The presenter and data pages' logic, with Streamlit's AppTest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from story_helpers import FIRST_STORY, FIXTURES, ROOT
from streamlit.testing.v1 import AppTest

from storymap_ui.page_frame import frame_dir

PRESENTER = str(ROOT / "pages" / "presenter.py")
DATA = str(ROOT / "pages" / "data.py")


@pytest.fixture(autouse=True)
def first_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIRST_STORY))


def run(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(page, default_timeout=90)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def component_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def test_presenter_opens_the_deep_linked_step_in_presenter_mode() -> None:
    at = run(PRESENTER, {"event": "beijing-tribute", "lang": "en"})
    assert not at.exception
    args = component_args(at)
    assert args["mode"] == "presenter" and args["step"] == 8 and args["lang"] == "en"
    assert args["notes"] is False
    assert "Russia and North Korea, ever closer" in "".join(h.proto.body for h in at.get("html"))


def test_the_projected_slide_never_carries_the_notes() -> None:
    """The notes are in the speaker view, a second window; ?notes=1 no longer puts them on
    the slide the class sees."""
    at = run(PRESENTER, {"event": "pyongyang-museum", "notes": "1"})
    assert component_args(at)["notes"] is False


def test_data_page_tables_show_how_places_were_located_and_events_dated() -> None:
    at = run(DATA, {"lang": "en"})
    assert not at.exception
    events, places = at.dataframe[0].value, at.dataframe[1].value
    assert len(events) == 14 and len(places) == 13
    assert set(places["layer"]) == {"GeoNames", "curated point", "country outline"}
    bridge = places[places["id"] == "tumen-bridge"].iloc[0]
    assert bridge["layer"] == "curated point" and bridge["precision_km"] == 2.0
    first = events.iloc[0]
    assert first["start"] == date(1948, 1, 1) and first["precision"] == "year"
    assert "Anadolu Agency" in set(events["sources"])


def test_data_page_speaks_the_page_language_throughout() -> None:
    """Headers and values: no "order", "day" or "military" on the Indonesian page."""
    at = run(DATA, {"lang": "id"})
    events, places = at.dataframe[0].value, at.dataframe[1].value
    assert "category" not in events.columns and "place_ids" not in events.columns
    assert set(events["category_name"]) >= {"Militer", "Diplomasi"}
    assert events.iloc[0]["precision"] == "tahun" and "hari" in set(events["precision"])
    assert "bulan, perkiraan" in set(events["precision"])  # "about July 2025"
    assert set(places["kind"]) == {"kota", "situs", "wilayah", "negara"}
    assert set(places["layer"]) == {"GeoNames", "titik kurasi", "batas negara"}
    kursk = places[places["id"] == "kursk"].iloc[0]
    assert kursk["note"].startswith("Ditandai di kota Kursk")  # the story's own note, in Indonesian
    russia = places[places["id"] == "russia"].iloc[0]
    assert russia["note"].startswith("titik di dalam batas negara")
    for frame in at.dataframe:  # every column shown has a header in the page's language
        config = json.loads(frame.proto.columns)
        unlabelled = [name for name in frame.value.columns if not config.get(name, {}).get("label")]
        assert unlabelled == []
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["order"]["label"] == "Urutan" and config["category_name"]["label"] == "Kategori"
    assert json.loads(at.dataframe[1].proto.columns)["lat"]["label"] == "Lintang"


def test_data_page_filters_by_category_place_and_dates() -> None:
    at = run(DATA, {"lang": "en"})
    at.multiselect[0].set_value(["diplomacy"]).run()
    assert set(at.dataframe[0].value["category_name"]) == {"Diplomacy"}
    assert len(at.dataframe[0].value) == 6
    at.multiselect[0].set_value([]).run()
    at.multiselect[1].set_value(["minsk"]).run()
    assert list(at.dataframe[0].value["id"]) == ["minsk-talks", "minsk-conference"]
    # the folium map of the filtered events: a page of its own, in the page frame's folder
    selected_map = (frame_dir() / component_args(at)["page"]).read_text(encoding="utf-8")
    assert selected_map.count("L.circleMarker(") == 1 and "Minsk" in selected_map
    at.multiselect[1].set_value([]).run()
    at.select_slider[0].set_value((date(2025, 10, 1), date(2025, 10, 31))).run()
    shown = list(at.dataframe[0].value["id"])
    assert "kremlin-meeting" in shown and "tourist-zone" in shown  # "about 2025" may be October
    assert "road-bridge" not in shown
    assert "of 14 events" in at.caption[-1].value


def test_data_page_placeholders_are_translated() -> None:
    for lang, word in (("id", "Pilih…"), ("en", "Choose…")):
        at = run(DATA, {"lang": lang})
        assert at.multiselect[0].proto.placeholder == word


def test_data_page_works_for_dates_before_1684(monkeypatch, tmp_path: Path) -> None:
    """Streamlit's date slider fails before 1684; the format allows years 1 to 9999."""
    story = tmp_path / "old.yaml"
    text = FIRST_STORY.read_text(encoding="utf-8").replace('date: "1948"', 'date: "0622"', 1)
    story.write_text(text, encoding="utf-8")
    monkeypatch.setenv("STORYMAP_STORY", str(story))
    at = run(DATA, {"lang": "en"})
    assert not at.exception
    assert at.dataframe[0].value.iloc[0]["start"] == date(622, 1, 1)
    at.select_slider[0].set_value((date(622, 1, 1), date(1000, 12, 31))).run()
    assert not at.exception


def test_data_page_offers_every_download_and_makes_none_on_load(monkeypatch) -> None:
    made = []
    monkeypatch.setattr("storymap_ui.downloads.export_bytes", lambda *a, **k: made.append(a) or b"")
    at = run(DATA, {"lang": "en"})
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == [
        "Story file (YAML)",
        "Offline single-file page (HTML)",
        "Printable student sheet (HTML)",
        "Printable teacher's sheet (HTML)",
        "Overview map (PNG)",
        "Events (GeoJSON)",
        "Places (GeoJSON)",
        "Events (CSV)",
        "Places (CSV)",
        "Story for StoryMapJS (JSON)",
        "Timeline for TimelineJS (JSON)",
    ]
    assert made == []  # each export is made only when its button is clicked


def test_pages_report_a_broken_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIXTURES / "unknown_place.yaml"))
    for page in (PRESENTER, DATA):
        at = run(page)
        assert not at.exception
        assert "unknown_place.yaml" in at.code[0].value
        assert "unknown place id" in at.code[0].value
