"""The presenter and data pages' logic, with Streamlit's AppTest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PRESENTER = str(ROOT / "pages" / "presenter.py")
DATA = str(ROOT / "pages" / "data.py")
STORY = ROOT / "geodata" / "stories" / "russia-north-korea.yaml"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def real_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(STORY))


def run(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(page, default_timeout=90)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def markdown_with(at: AppTest, needle: str) -> str:
    return next(m.value for m in at.markdown if needle in m.value)


def test_presenter_shows_one_step_with_progress_from_a_deep_link() -> None:
    at = run(PRESENTER, {"event": "beijing-tribute", "lang": "en"})
    assert not at.exception
    assert markdown_with(at, "storymap-progress").endswith(">9 / 15</p>")
    assert "Putin pays tribute to North Korean troops" in markdown_with(at, "storymap-narrative")
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert args["mode"] == "presenter" and args["step"] == 8 and args["lang"] == "en"


def test_presenter_speaker_notes_are_hidden_until_asked_for() -> None:
    at = run(PRESENTER, {"event": "kursk-acknowledged"})
    assert not any("speaker-notes" in m.value for m in at.markdown)
    at.toggle(key="notes").set_value(True).run()
    notes = markdown_with(at, "speaker-notes")
    assert "Data Korea Selatan dan Kyiv" in notes
    assert "Mengapa angka pasukan dan korban dikutip dari Korea Selatan dan Kyiv" in notes
    at.toggle(key="notes").set_value(False).run()
    assert not any("speaker-notes" in m.value for m in at.markdown)


def test_presenter_notes_can_start_open_from_the_link() -> None:
    at = run(PRESENTER, {"event": "pyongyang-museum", "notes": "1", "lang": "en"})
    assert "How can a museum serve as a tool of diplomacy?" in markdown_with(at, "speaker-notes")


def test_presenter_every_step_runs() -> None:
    at = run(PRESENTER, {"notes": "1"})
    for step in range(15):
        at.session_state["step"] = step
        at.run()
        assert not at.exception, step
        assert markdown_with(at, "storymap-progress").endswith(f">{step + 1} / 15</p>")


def test_data_page_tables_show_how_places_were_located_and_events_dated() -> None:
    at = run(DATA, {"lang": "en"})
    assert not at.exception
    events, places = at.dataframe[0].value, at.dataframe[1].value
    assert len(events) == 14 and len(places) == 13
    assert set(places["layer"]) == {"gazetteer", "curated", "countries"}
    bridge = places[places["id"] == "tumen-bridge"].iloc[0]
    assert bridge["layer"] == "curated" and bridge["precision_km"] == 2.0
    first = events.iloc[0]
    assert first["start"] == date(1948, 1, 1) and first["precision"] == "year"
    assert "Anadolu Agency" in set(events["sources"])


def test_data_page_filters_by_category_place_and_dates() -> None:
    at = run(DATA, {"lang": "en"})
    at.multiselect[0].set_value(["diplomacy"]).run()
    assert set(at.dataframe[0].value["category"]) == {"diplomacy"}
    assert len(at.dataframe[0].value) == 6
    at.multiselect[0].set_value([]).run()
    at.multiselect[1].set_value(["minsk"]).run()
    assert list(at.dataframe[0].value["id"]) == ["minsk-talks", "minsk-conference"]
    selected_map = at.get("iframe")[0].proto.srcdoc  # the folium map of the filtered events
    assert selected_map.count("L.circleMarker(") == 1 and "Minsk" in selected_map
    at.multiselect[1].set_value([]).run()
    at.slider[0].set_value((date(2025, 10, 1), date(2025, 10, 31))).run()
    shown = list(at.dataframe[0].value["id"])
    assert "kremlin-meeting" in shown and "tourist-zone" in shown  # "about 2025" may be October
    assert "road-bridge" not in shown
    assert "of 14 events" in at.caption[-1].value


def test_data_page_offers_every_download() -> None:
    at = run(DATA, {"lang": "en"})
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == [
        "Story file (YAML)",
        "Offline single-file page (HTML)",
        "Printable handout (HTML)",
        "Overview map (PNG)",
        "Events (GeoJSON)",
        "Places (GeoJSON)",
        "Events (CSV)",
        "Places (CSV)",
    ]


def test_pages_report_a_broken_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIXTURES / "unknown_place.yaml"))
    for page in (PRESENTER, DATA):
        at = run(page)
        assert not at.exception
        assert "unknown_place.yaml" in at.error[0].value
        assert "unknown place id" in at.code[0].value
