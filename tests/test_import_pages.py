"""An imported story on the app's pages (AppTest): undated slides, its own category, routes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from story_helpers import ROOT
from streamlit.testing.v1 import AppTest

from storymap.importers import import_story

DATA = str(ROOT / "pages" / "data.py")
UNDATED = {
    "storymap": {
        "slides": [
            {"type": "overview", "date": "", "text": {"headline": "A relay", "text": "Undated legs"}},
            *[
                {"date": "", "text": {"headline": name, "text": "A leg."},
                 "location": {"lat": lat, "lon": lon, "zoom": 6, "line": True}}
                for name, lat, lon in [("Moscow", 55.75, 37.62), ("Kazan", 55.79, 49.12), ("Sochi", 43.6, 39.73)]
            ],
        ]
    }
}  # fmt: skip


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "relay.yaml"
    path.write_text(
        import_story(json.dumps(UNDATED).encode(), None, "relay.json").yaml(), encoding="utf-8"
    )
    monkeypatch.setenv("STORYMAP_STORY", str(path))
    return path


def test_the_data_page_shows_an_undated_story_without_a_date_filter(imported: Path) -> None:
    at = AppTest.from_file(DATA, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.select_slider == []  # no dated event, no date filter
    table = at.dataframe[0].value
    assert list(table["date"]) == ["Undated", "Undated", "Undated"]
    assert list(table["precision"]) == ["undated"] * 3


def test_the_picture_and_handout_draw_an_imported_story_in_its_own_category() -> None:
    from storymap.export import export_bytes
    from storymap.export.picture.marks import story_marks, story_routes
    from storymap.located import LocatedStory
    from storymap.style import category_styles

    story = import_story(json.dumps(UNDATED).encode(), None, "relay.json").parsed()
    located = LocatedStory.of(story)
    colour = category_styles(story)["event"].colour
    assert {m.colour for m in story_marks(story, located.located, "en")} == {colour}
    assert [r.colour for r in story_routes(story, located.located)] == [colour, colour]
    assert export_bytes(located, "png", "en").startswith(b"\x89PNG")
    assert "Undated" in export_bytes(located, "handout", "en").decode("utf-8")
