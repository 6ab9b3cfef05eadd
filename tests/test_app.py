"""The reader page's logic, driven with Streamlit's AppTest (no browser).

The map itself runs in the browser (see tests/browser/); here we check what the
page decides: which step is shown, in which language, from which deep link, and
that bad or hostile stories give a clear message and run nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storymap.loading import load_story
from storymap.steps import story_steps

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
STORY = ROOT / "geodata" / "stories" / "russia-north-korea.yaml"
FIXTURES = Path(__file__).parent / "fixtures"


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def narrative(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "storymap-narrative" in m.value)


def component_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


@pytest.fixture(autouse=True)
def real_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(STORY))


def test_first_view_is_the_overview_in_indonesian() -> None:
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Rusia dan Korea Utara, makin rapat"
    assert "Seluruh tempat dalam cerita" in narrative(at)
    assert "13 tempat dan 14 peristiwa" in narrative(at)
    assert component_args(at)["step"] == 0
    assert component_args(at)["lang"] == "id"


def test_every_step_shows_its_events_without_error() -> None:
    story = load_story(STORY)
    steps = story_steps(story)
    at = run_app()
    for step in steps:
        at.session_state["step"] = step.index
        at.run()
        assert not at.exception, f"step {step.index}"
        text = narrative(at)
        assert f'data-step="{step.index}"' in text
        for i in step.events:
            assert story.events[i].title.get("id") in text
        assert component_args(at)["step"] == step.index


def test_a_step_with_two_events_on_one_date_shows_both() -> None:
    at = run_app({"event": "road-bridge"})
    text = narrative(at)
    assert "Pyongyang mengakui tentaranya bertempur di Kursk" in text
    assert "Pembangunan jembatan jalan raya di perbatasan dimulai" in text


def test_language_switch_changes_interface_and_story_text() -> None:
    at = run_app({"event": "kremlin-meeting"})
    assert "Putin menerima Menlu Korea Utara di Kremlin" in narrative(at)
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Russia and North Korea, ever closer"
    assert "Putin receives North Korea's foreign minister in the Kremlin" in narrative(at)
    assert "27 October 2025" in narrative(at)
    assert component_args(at)["lang"] == "en"
    assert at.query_params["lang"] in ("en", ["en"])
    assert at.expander[0].label == "All events (text list)"


def test_deep_link_restores_event_and_language() -> None:
    at = run_app({"event": "pyongyang-museum", "lang": "en"})
    assert not at.exception
    text = narrative(at)
    assert "Kim opens a museum to fallen soldiers" in text
    assert "early October 2025" in text
    assert component_args(at)["step"] == at.session_state["step"] == 9


def test_unknown_deep_link_falls_back_to_the_overview() -> None:
    at = run_app({"event": "no-such-event", "lang": "xx"})
    assert not at.exception
    assert "Seluruh tempat dalam cerita" in narrative(at)


def test_text_list_has_every_event_in_order() -> None:
    at = run_app()
    listing = next(m.value for m in at.markdown if "event-list" in m.value)
    story = load_story(STORY)
    positions = [listing.index(e.title.get("id")) for e in story.events]
    assert positions == sorted(positions)


def test_credits_name_the_article_and_the_outlets_it_cites() -> None:
    at = run_app({"lang": "en"})
    credits = next(m.value for m in at.markdown if "Source article" in m.value)
    for outlet in ("IDN Times", "CNA", "Al Jazeera", "Anadolu Agency"):
        assert outlet in credits
    assert "OpenStreetMap" in credits and "Natural Earth" in credits


def test_payload_is_sent_by_url_not_in_the_page() -> None:
    at = run_app()
    args = component_args(at)
    assert args["payload_url"].startswith("data/") and args["payload_url"].endswith(".json")
    assert len(at.get("component_instance")[0].proto.json_args) < 1024


def test_broken_story_gives_a_clear_message_and_the_app_keeps_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIXTURES / "impossible_date.yaml"))
    at = run_app()
    assert not at.exception
    assert "impossible_date.yaml" in at.error[0].value
    assert "February 2025 has days 1 to 28" in at.code[0].value


def test_missing_story_file_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(tmp_path / "nowhere.yaml"))
    at = run_app()
    assert not at.exception
    assert "nowhere.yaml" in at.error[0].value


def test_hostile_story_text_is_shown_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIXTURES / "html_injection.yaml"))
    at = run_app()
    assert not at.exception
    at.session_state["step"] = 1
    at.run()
    page = "\n".join(m.value for m in at.markdown)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
