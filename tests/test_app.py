"""The reader page's logic, driven with Streamlit's AppTest (no browser).

The reader itself runs in the browser (see tests/browser/ and tests/js/); here we check
what the page decides and serves: the story's payload files, the language, the event
from a deep link, plain-text titles, and what happens when the story file is bad,
missing or edited while readers are connected.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
import streamlit as st
from story_helpers import FIRST_STORY, FIXTURES, ROOT
from streamlit.testing.v1 import AppTest

from storymap_ui.component import frontend_dir
from storymap_ui.state import link_from

APP = str(ROOT / "streamlit_app.py")


def run_app(query: dict[str, str] | None = None, app: str = APP) -> AppTest:
    at = AppTest.from_file(app, default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def component_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def served(url: str) -> dict:
    """A payload file as the browser would fetch it from the component's folder."""
    return json.loads((frontend_dir() / url).read_text(encoding="utf-8"))


def header(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if "storymap-header" in h.proto.body)


@pytest.fixture(autouse=True)
def first_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIRST_STORY))


def test_first_view_is_the_overview_in_indonesian() -> None:
    at = run_app()
    assert not at.exception
    assert "<h1>Rusia dan Korea Utara, makin rapat</h1>" in header(at)
    args = component_args(at)
    assert args["step"] == 0 and args["lang"] == "id" and args["mode"] == "reader"


def test_the_payload_is_served_as_files_not_sent_in_the_page() -> None:
    at = run_app()
    args = component_args(at)
    assert len(at.get("component_instance")[0].proto.json_args) < 1024
    mapped = served(args["map_url"])
    assert [e["id"] for e in mapped["events"]][-1] == "us-ukraine-concerns"
    assert set(args["text_urls"]) == {"id", "en"}
    assert served(args["text_urls"]["id"])["title"] == "Rusia dan Korea Utara, makin rapat"
    # the words of another language are written when a reader first asks for them
    english = frontend_dir() / args["text_urls"]["en"]
    english.unlink(missing_ok=True)
    at.button_group(key="lang").set_value("en").run()
    words = served(args["text_urls"]["en"])
    assert words["title"] == "Russia and North Korea, ever closer"
    assert "Putin receives North Korea" in words["events"][11]["html"]


def test_a_restarted_server_reads_back_the_version_built_before(monkeypatch) -> None:
    """A new process (nothing in memory) neither reads the file's YAML nor locates its
    places again: the version built before is read back from the cache folder."""
    before = component_args(run_app())

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the story was read or located again")

    st.cache_resource.clear()  # what a restarted server starts with
    monkeypatch.setattr("storymap.loading.read_yaml", never)
    monkeypatch.setattr("storymap.located.geocode_story", never)
    at = run_app({"lang": "en"})
    assert not at.exception and not at.error
    args = component_args(at)
    assert args["map_url"] == before["map_url"]
    assert served(args["text_urls"]["en"])["title"] == "Russia and North Korea, ever closer"
    assert "Russia and North Korea, ever closer" in header(at)
    st.cache_resource.clear()  # the next tests read the story as usual


def test_language_switch_changes_the_header_the_reader_and_the_lists() -> None:
    at = run_app({"event": "kremlin-meeting"})
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert "Russia and North Korea, ever closer" in header(at)
    assert component_args(at)["lang"] == "en"
    assert at.query_params["lang"] in ("en", ["en"])
    assert at.expander[0].label == "All events (text list)"


def test_deep_link_restores_event_and_language() -> None:
    at = run_app({"event": "pyongyang-museum", "lang": "en"})
    assert not at.exception
    args = component_args(at)
    assert args["step"] == 9 and args["lang"] == "en"


@pytest.mark.parametrize("event", ["no-such-event", "<script>alert(1)</script>", "", "../../etc"])
def test_an_unknown_deep_link_falls_back_to_the_overview(event: str) -> None:
    at = run_app({"event": event, "lang": "xx"})
    assert not at.exception
    assert component_args(at)["step"] == 0 and component_args(at)["lang"] == "id"


def test_the_page_follows_the_event_the_browser_shows() -> None:
    at = run_app()
    at.session_state["reader_link"] = {"event": "beijing-tribute"}
    at.run()
    assert component_args(at)["step"] == 8 and component_args(at)["event"] == "beijing-tribute"


def test_the_end_of_the_story_stays_the_end() -> None:
    """The closing overview has no event: the browser says "end", and the page keeps it
    (it used to read "no event" as the first step and send the reader back there)."""
    at = run_app()
    at.session_state["reader_link"] = link_from({"step": 14, "event": None, "end": True, "seq": 3})
    at.run()
    assert component_args(at)["step"] == 14


def test_the_end_has_an_address() -> None:
    at = run_app({"step": "end", "lang": "en"})
    assert not at.exception
    assert component_args(at)["step"] == 14
    assert at.query_params["step"] in ("end", ["end"])
    at = run_app({"step": "end", "event": "kremlin-meeting"})  # an event the story knows wins
    assert component_args(at)["step"] == 11


def test_what_the_browser_reports_becomes_a_link() -> None:
    assert link_from({"step": 8, "event": "beijing-tribute", "end": False, "seq": 1}) == {
        "event": "beijing-tribute"
    }
    assert link_from({"step": 14, "event": None, "end": True, "seq": 2}) == {"step": "end"}
    assert link_from({"step": 0, "event": None, "end": False, "seq": 3}) == {}
    assert link_from({"step": 14, "event": None, "end": "yes", "seq": 4}) == {}
    assert link_from({"step": 3, "event": "x"}) is None  # no seq: not a step report
    assert link_from("end") is None


def test_text_list_and_credits() -> None:
    at = run_app({"lang": "en"})
    page = "\n".join(h.proto.body for h in at.get("html"))
    assert page.index("The Soviet Union becomes") < page.index("Putin receives North Korea")
    for source in ("IDN Times", "CNA", "Al Jazeera", "Anadolu Agency", "OpenStreetMap"):
        assert source in page


def test_story_titles_are_plain_text_never_markdown(monkeypatch, tmp_path: Path) -> None:
    story = tmp_path / "tracker.yaml"
    text = FIRST_STORY.read_text(encoding="utf-8")
    text = text.replace(
        "en: Russia and North Korea, ever closer",
        'en: "![x](http://other-host/pixel.png) :red[Red] $x^2$"',
        1,
    )
    story.write_text(text, encoding="utf-8")
    monkeypatch.setenv("STORYMAP_STORY", str(story))
    at = run_app({"lang": "en"})
    assert not at.exception
    title = header(at)
    assert "<img" not in title and "![x](http://other-host/pixel.png) :red[Red] $x^2$" in title
    assert not any("other-host" in m.value for m in at.markdown)


def test_broken_story_gives_a_clear_message_and_the_app_keeps_running(monkeypatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIXTURES / "impossible_date.yaml"))
    at = run_app()
    assert not at.exception
    assert "The story cannot be opened" in at.error[0].value
    assert "impossible_date.yaml" in at.code[0].value
    assert "February 2025 has days 1 to 28" in at.code[0].value


def test_missing_story_file_is_reported(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(tmp_path / "nowhere.yaml"))
    at = run_app()
    assert not at.exception
    assert "nowhere.yaml" in at.code[0].value


def test_an_empty_stories_folder_gets_a_clear_page(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STORYMAP_STORY")
    monkeypatch.setenv("STORYMAP_STORIES", str(tmp_path / "stories"))
    at = run_app()
    assert not at.exception
    assert "no story files" in at.code[0].value


def test_hostile_story_text_is_shown_as_text(monkeypatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(FIXTURES / "html_injection.yaml"))
    at = run_app()
    assert not at.exception
    page = "\n".join(h.proto.body for h in at.get("html")) + "\n".join(m.value for m in at.markdown)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page.lower()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time_ns() + 2_000_000_000  # a newer modification time, even on coarse clocks
    os.utime(path, ns=(later, later))


def test_a_story_edited_while_read_is_swapped_in_whole_or_kept(monkeypatch, tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    shutil.copyfile(FIRST_STORY, story)
    monkeypatch.setenv("STORYMAP_STORY", str(story))
    at = run_app({"event": "kremlin-meeting"})
    first = component_args(at)["map_url"]
    original = story.read_text(encoding="utf-8")
    # A valid edit: the new version is served whole, at the reader's event.
    _touch(
        story,
        original.replace(
            "id: Putin menerima Menlu Korea Utara di Kremlin", "id: Judul yang disunting", 1
        ),
    )
    at.run()
    args = component_args(at)
    assert args["map_url"] != first and args["step"] == 11
    assert served(args["text_urls"]["id"])["events"][11]["title"] == "Judul yang disunting"
    # An invalid edit: readers keep the last good version, with a notice, never a traceback.
    _touch(story, original.replace("date: 2025-10-27\n", "date: 2025-02-30\n", 1))
    at.run()
    assert not at.exception
    assert component_args(at)["map_url"] == args["map_url"]
    assert "last good version" in at.warning[0].value


def test_the_reader_links_its_light_page_in_its_language() -> None:
    at = run_app({"lang": "en"})
    links = [m.value for m in at.markdown if "read/" in m.value]
    assert links == ["[Light page: opens fast, for sharing](read/russia-north-korea/#lang=en)"]
