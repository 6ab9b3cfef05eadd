"""The reader page in real headless Chromium: the map draws, the slider reveals, nothing breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import ROOT, drawn_markers, open_page, reader_frame, shoot
from playwright.sync_api import expect

from storymap_ui.serve import start_app

pytestmark = pytest.mark.browser
PLACES = 13
STEPS = 15


def narrative(page: object) -> object:
    return page.locator(".storymap-narrative")


def press_right(page: object, frame: object) -> None:
    frame.focus("#slider")
    page.keyboard.press("ArrowRight")


def test_first_step_draws_every_place_and_arrow_right_reveals_the_next_event(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(story_server.url)
    frame = reader_frame(page)
    expect(narrative(page)).to_have_attribute("data-step", "0")
    assert drawn_markers(frame) == PLACES
    assert frame.evaluate("document.getElementById('date-label').textContent") == "Ikhtisar"
    shoot(page, "reader-first-step")

    press_right(page, frame)
    # the map changes in the browser at once: 1948 shows Moscow and Pyongyang only
    assert frame.evaluate("document.documentElement.dataset.step") == "1"
    assert drawn_markers(frame) == 2
    assert frame.evaluate("window.storyReader.root.dataset.currentEvents") == "soviet-recognition"
    # ...and the narrative follows from the server
    expect(narrative(page)).to_have_attribute("data-step", "1", timeout=10_000)
    expect(narrative(page)).to_contain_text("Uni Soviet jadi negara pertama")
    assert "event=soviet-recognition" in page.url

    for _ in range(7):
        press_right(page, frame)
    expect(narrative(page)).to_have_attribute("data-step", "8", timeout=10_000)
    expect(narrative(page)).to_contain_text("Putin memberi penghormatan")
    page.wait_for_timeout(1200)  # let the fly-to finish before the picture
    shoot(page, "reader-middle-step")

    frame.focus("#slider")
    page.keyboard.press("End")
    expect(narrative(page)).to_have_attribute("data-step", str(STEPS - 1), timeout=10_000)
    expect(narrative(page)).to_contain_text("Akhir cerita")
    assert drawn_markers(frame) == PLACES
    page.wait_for_timeout(1200)
    shoot(page, "reader-last-step")
    assert watched.errors == []


def test_every_step_runs_without_console_errors_and_routes_appear_with_their_event(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(story_server.url)
    frame = reader_frame(page)
    routes_seen = {}
    for step in range(1, STEPS):
        frame.evaluate(f"window.storyReader.goTo({step}, {{fromUser: true, animate: false}})")
        routes_seen[step] = frame.evaluate(
            "Object.values(window.storyReader.map._layers).filter(l => l instanceof L.Polyline"
            " && !(l instanceof L.Polygon)).length"
        )
    # the troop route appears at April 2025 (step 5), the flight route at July 2025 (step 6)
    assert routes_seen[4] == 0
    assert routes_seen[5] == 1
    assert routes_seen[6] == 2
    assert routes_seen[STEPS - 1] == 2
    tooltip = frame.evaluate("window.storyReader._routeTip(6)")
    assert "Moskow → Pyongyang" in tooltip and "6.430 km" in tooltip
    expect(narrative(page)).to_have_attribute("data-step", str(STEPS - 1), timeout=10_000)
    assert watched.errors == []


def test_language_switch_changes_the_text(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/?event=kremlin-meeting")
    frame = reader_frame(page)
    expect(narrative(page)).to_contain_text("Putin menerima Menlu Korea Utara di Kremlin")
    page.locator("[data-testid='stButtonGroup'] button", has_text="English").click()
    expect(narrative(page)).to_contain_text("Putin receives North Korea's foreign minister")
    expect(page.get_by_role("heading", level=1)).to_have_text("Russia and North Korea, ever closer")
    expect(frame.locator("#slider")).to_have_attribute("aria-label", "Event date", timeout=10_000)
    assert frame.evaluate("document.getElementById('date-label').textContent") == "27 October 2025"
    assert "lang=en" in page.url
    assert watched.errors == []


def test_deep_link_restores_its_event_and_language(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/?event=direct-flights&lang=en")
    frame = reader_frame(page)
    expect(narrative(page)).to_contain_text("Direct Moscow–Pyongyang flights open")
    assert frame.evaluate("document.documentElement.dataset.step") == "6"
    assert frame.evaluate("window.storyReader.root.dataset.currentEvents") == "direct-flights"
    assert frame.evaluate("document.getElementById('date-label').textContent") == "about July 2025"
    assert watched.errors == []


def test_phone_viewport_puts_the_map_above_the_narrative(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser, width=390, height=844)
    page = watched.page
    page.goto(f"{story_server.url}/?event=road-bridge")
    frame = reader_frame(page)
    expect(narrative(page)).to_contain_text("jembatan")
    map_box = page.locator("iframe[title*='storymap_reader']").bounding_box()
    text_box = narrative(page).bounding_box()
    assert map_box["y"] + map_box["height"] <= text_box["y"] + 1
    assert map_box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert drawn_markers(frame) >= 2
    shoot(page, "reader-phone")
    assert watched.errors == []


def test_hostile_story_runs_no_script(browser: object, tmp_path: Path) -> None:
    server = start_app(ROOT / "tests" / "fixtures" / "html_injection.yaml", tmp_path)
    try:
        watched = open_page(browser)
        page = watched.page
        page.goto(f"{server.url}/?event=injected")
        frame = reader_frame(page)
        expect(narrative(page)).to_contain_text("<img src=x onerror=alert(1)>")
        expect(page.get_by_role("heading", level=1)).to_have_text("<img src=x onerror=alert(1)>")
        frame.hover("#map", position={"x": 10, "y": 10})
        page.wait_for_timeout(500)
        assert watched.dialogs == []
        assert page.locator("img[src='x']").count() == 0
        assert frame.locator("img[src='x']").count() == 0
        shoot(page, "reader-hostile-story")
    finally:
        server.stop()


def test_timeline_strip_click_and_play_pause(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(story_server.url)
    frame = reader_frame(page)
    # click the strip where the 3 September 2025 event (step 8) is drawn
    x = frame.evaluate("window.storyReader.stripX(8)")
    frame.locator("#strip").click(position={"x": x, "y": 8})
    assert frame.evaluate("document.documentElement.dataset.step") == "8"
    expect(narrative(page)).to_contain_text("Putin memberi penghormatan", timeout=10_000)

    frame.click("#play")
    assert frame.get_attribute("#play", "aria-pressed") == "true"
    frame.wait_for_function("document.documentElement.dataset.step === '9'", timeout=6_000)
    frame.click("#play")
    assert frame.get_attribute("#play", "aria-pressed") == "false"
    page.wait_for_timeout(4_000)
    assert frame.evaluate("document.documentElement.dataset.step") == "9"
    expect(narrative(page)).to_have_attribute("data-step", "9", timeout=10_000)
    assert watched.errors == []
