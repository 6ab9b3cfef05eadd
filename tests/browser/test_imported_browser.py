"""An imported StoryMapJS story opens in the reader: undated slides, a point at sea, every step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from app_server import start_app
from browser_helpers import ROOT, drawn_markers, open_page, reader_frame, shoot
from playwright.sync_api import expect

from storymap.importers import import_story

sys.path.insert(0, str(ROOT / "tests"))
from import_helpers import fixture_path

pytestmark = pytest.mark.browser


def test_imported_katrina_opens_in_the_reader_and_steps_through_its_undated_slides(
    browser: object, tmp_path: Path
) -> None:
    source = fixture_path("storymapjs/katrina.json")
    result = import_story(source.read_bytes(), None, source.name)
    story_file = tmp_path / "katrina.yaml"
    story_file.write_text(result.yaml(), encoding="utf-8")
    server = start_app(story_file, tmp_path, tiles="offline")
    try:
        watched = open_page(browser)
        page = watched.page
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(f"{server.url}/reader?lang=en")
        frame = reader_frame(page)
        narrative = frame.locator("#narrative")
        expect(narrative).to_contain_text("7 undated events")
        assert drawn_markers(frame) == 6
        steps = frame.evaluate("window.storyReader.data.steps.length")
        assert steps == 9  # an overview, one step per undated slide, an overview
        for step in range(1, steps - 1):
            frame.evaluate(f"window.storyReader.goTo({step}, {{fromUser: true, animate: false}})")
            expect(narrative).to_have_attribute("data-step", str(step))
            expect(narrative.locator(".date")).to_contain_text("Undated")
        expect(narrative).to_contain_text("Aug 31")
        assert frame.locator("#narrative script").count() == 0
        shoot(page, "imported-katrina")
        # offline, the slides' remote pictures cannot load; nothing else may fail
        media = {m.url for e in result.parsed().events for m in e.media}
        assert failed and set(failed) <= media, set(failed) - media
        assert [e for e in watched.errors if "Failed to load resource" not in e] == []
    finally:
        server.stop()
