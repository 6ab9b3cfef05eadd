"""The reader page in real headless Chromium: one step moves map, words and counter together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_server import start_app
from browser_helpers import (
    ROOT,
    STEP_PROBE,
    assert_step_shown_together,
    drawn_markers,
    drawn_routes,
    open_page,
    reader_frame,
    shoot,
    wait_until,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PLACES = 13
STEPS = 15


def test_arrow_right_moves_the_map_the_words_and_the_counter_in_the_same_frame(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader")
    frame = reader_frame(page)
    narrative = frame.locator("#narrative")
    expect(narrative).to_have_attribute("data-step", "0")
    expect(narrative).to_contain_text("Seluruh tempat dalam cerita")
    assert drawn_markers(frame) == PLACES
    assert frame.locator("#narrative").get_attribute("aria-live") == "polite"
    assert frame.locator(".storymap-narrative").count() == 1
    shoot(page, "reader-first-step")

    frame.evaluate(STEP_PROBE)
    frame.focus("#slider")
    for n in range(1, 9):
        page.keyboard.press("ArrowRight")
        wait_until(frame, f"window.__frames.length === {n}")
    records = frame.evaluate("window.__frames")
    assert [r["step"] for r in records] == list(range(1, 9))
    for record in records:
        assert_step_shown_together(frame, record)
    expect(narrative).to_contain_text("Putin memberi penghormatan")
    assert drawn_markers(frame) >= 2
    # the server hears about the step afterwards, and keeps it in the address
    page.wait_for_url("**event=beijing-tribute**", timeout=10_000)
    wait_until(frame, "window.storyReader.map._animatingZoom !== true")
    shoot(page, "reader-middle-step")

    page.keyboard.press("End")
    expect(narrative).to_contain_text("Akhir cerita")
    assert drawn_markers(frame) == PLACES
    assert watched.errors == []


def test_every_step_runs_and_routes_appear_with_their_event(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader")
    frame = reader_frame(page)
    routes = {}
    for step in range(1, STEPS):
        frame.evaluate(f"window.storyReader.goTo({step}, {{fromUser: true, animate: false}})")
        routes[step] = drawn_routes(frame)
    # the troop route appears in April 2025 (step 5), the flight in July 2025 (step 6)
    assert (routes[4], routes[5], routes[6], routes[STEPS - 1]) == (0, 1, 2, 2)
    tooltip = frame.evaluate("window.storyReader.layers._routeTip(6).textContent")
    assert "Moskow → Pyongyang" in tooltip and "6.430 km" in tooltip
    assert watched.errors == []


def test_the_ends_do_nothing_harmful(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader")
    frame = reader_frame(page)
    assert frame.locator("#prev").is_disabled()
    frame.focus("#slider")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    assert frame.evaluate("document.documentElement.dataset.step") == "0"
    frame.evaluate("window.storyReader.goTo(-5, {fromUser: true})")
    assert frame.evaluate("document.documentElement.dataset.step") == "0"
    page.keyboard.press("End")
    assert frame.locator("#next").is_disabled()
    page.keyboard.press("ArrowRight")
    frame.evaluate("window.storyReader.goTo(999, {fromUser: true})")
    assert frame.evaluate("document.documentElement.dataset.step") == str(STEPS - 1)
    expect(frame.locator("#step-count")).to_have_text(f"{STEPS} / {STEPS}")
    assert watched.errors == []


def test_language_switch_changes_the_text(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader?event=kremlin-meeting")
    frame = reader_frame(page)
    narrative = frame.locator("#narrative")
    expect(narrative).to_contain_text("Putin menerima Menlu Korea Utara di Kremlin")
    page.locator("[data-testid='stButtonGroup'] button", has_text="English").click()
    expect(narrative).to_contain_text("Putin receives North Korea's foreign minister")
    expect(page.locator(".storymap-header h1")).to_have_text("Russia and North Korea, ever closer")
    expect(frame.locator("#slider")).to_have_attribute("aria-label", "Event date")
    expect(frame.locator("#date-label")).to_have_text("27 October 2025")
    assert frame.evaluate("document.documentElement.lang") == "en"
    assert "lang=en" in page.url
    assert watched.errors == []


# Clicks English in the page the moment the reader's step reaches it, so Streamlit takes
# both in one batch of widget changes (the same browser task).
CLICK_ENGLISH_WITH_THE_STEP = """() => window.addEventListener("message", (event) => {
  if (event.data && event.data.type === "streamlit:setComponentValue") {
    [...document.querySelectorAll("[data-testid='stButtonGroup'] button")]
      .find((button) => button.textContent.includes("English")).click();
  }
}, { once: true })"""


def test_a_language_click_that_arrives_with_a_step_is_not_lost(
    browser: object, story_server: object
) -> None:
    """Streamlit sends the widget changes of one moment as one run, and a run that carries
    the reader's step reruns only the reader: the page must still switch language."""
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader?event=road-bridge")
    frame = reader_frame(page)
    expect(frame.locator("#narrative")).to_have_attribute("data-step", "5")
    page.evaluate(CLICK_ENGLISH_WITH_THE_STEP)
    frame.focus("#next")
    page.keyboard.press("Enter")
    expect(frame.locator("#slider")).to_have_attribute("aria-label", "Event date")
    expect(page.locator(".storymap-header h1")).to_have_text("Russia and North Korea, ever closer")
    expect(frame.locator("#narrative")).to_have_attribute("data-step", "6")
    expect(page).to_have_url(re.compile("lang=en"))
    assert "event=direct-flights" in page.url  # the step is kept too
    assert watched.errors == []


def test_deep_link_restores_its_event_and_language(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader?event=direct-flights&lang=en")
    frame = reader_frame(page)
    expect(frame.locator("#narrative")).to_contain_text("Direct Moscow–Pyongyang flights open")
    assert frame.evaluate("document.documentElement.dataset.step") == "6"
    assert frame.evaluate("window.storyReader.root.dataset.currentEvents") == "direct-flights"
    expect(frame.locator("#date-label")).to_have_text("about July 2025")
    assert watched.errors == []


def test_phone_keeps_the_words_in_view_below_the_map(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=390, height=844)
    page = watched.page
    page.goto(f"{story_server.url}/reader?event=road-bridge")
    frame = reader_frame(page)
    iframe = page.locator("iframe[title*='storymap_reader']").bounding_box()
    heading = frame.locator("#narrative h3").first
    expect(heading).to_contain_text("Pyongyang mengakui")
    box = heading.bounding_box()
    top = iframe["y"] + box["y"]
    map_box = frame.locator("#map").bounding_box()
    assert iframe["y"] + map_box["y"] + map_box["height"] <= top  # the map, then the words
    assert top + box["height"] <= 844  # the event's headline is on the first screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    frame.locator("#next").click()
    expect(frame.locator("#narrative h3").first).to_be_in_viewport()
    shoot(page, "reader-phone")
    assert watched.errors == []


def test_hostile_story_runs_no_script(browser: object, tmp_path: Path) -> None:
    server = start_app(ROOT / "tests" / "fixtures" / "html_injection.yaml", tmp_path)
    try:
        watched = open_page(browser)
        page = watched.page
        page.goto(f"{server.url}/reader?event=injected")
        frame = reader_frame(page)
        expect(frame.locator("#narrative")).to_contain_text("<img src=x onerror=alert(1)>")
        expect(page.locator(".storymap-header h1")).to_have_text("<img src=x onerror=alert(1)>")
        frame.hover("#map", position={"x": 10, "y": 10})
        frame.locator("#next").click()
        assert watched.dialogs == []
        assert page.locator("img[src='x']").count() == 0
        assert frame.locator("img[src='x']").count() == 0
        shoot(page, "reader-hostile-story")
    finally:
        server.stop()


def test_timeline_strip_click_and_play_pause(browser: object, story_server: object) -> None:
    watched = open_page(browser)
    page = watched.page
    page.goto(f"{story_server.url}/reader")
    frame = reader_frame(page)
    x = frame.evaluate("window.storyReader.stripX(8)")  # where 3 September 2025 (step 8) is drawn
    frame.locator("#strip").click(position={"x": x, "y": 8})
    expect(frame.locator("#narrative")).to_contain_text("Putin memberi penghormatan")
    frame.click("#play")
    assert frame.get_attribute("#play", "aria-pressed") == "true"
    wait_until(frame, "document.documentElement.dataset.step === '9'", 6)
    frame.click("#play")
    assert frame.get_attribute("#play", "aria-pressed") == "false"
    assert frame.evaluate("window.storyReader.timer") is None  # no step is waiting to happen
    expect(frame.locator("#narrative")).to_have_attribute("data-step", "9")
    assert watched.errors == []


def test_an_edited_story_is_swapped_in_whole_and_a_broken_edit_never_reaches_readers(
    browser: object, tmp_path: Path
) -> None:
    story = tmp_path / "story.yaml"
    original = (ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml").read_text("utf-8")
    story.write_text(original, encoding="utf-8")
    server = start_app(story, tmp_path, tiles="offline")
    try:
        watched = open_page(browser)
        page = watched.page
        page.goto(f"{server.url}/reader?event=kremlin-meeting&lang=en")
        frame = reader_frame(page)
        expect(frame.locator("#narrative")).to_contain_text("Putin receives")
        # the author fixes a title while a reader is on the page
        edited = original.replace(
            "en: Eurasian security conference in Minsk (scheduled)",
            "en: The Minsk conference, edited",
        )
        story.write_text(edited, encoding="utf-8")
        frame.focus("#slider")
        page.keyboard.press("ArrowRight")  # the reader moves on; the page hears of it
        expect(frame.locator("#narrative")).to_contain_text("Eurasian security conference")
        # the page sends the new version; the reader starts again on it, at the same event
        frame = reader_frame(page)
        wait_until(
            page,
            "[...document.querySelectorAll('iframe')].some(f => f.contentDocument &&"
            " (f.contentDocument.getElementById('narrative') || {}).textContent?.includes('edited'))",
        )
        frame = reader_frame(page)
        expect(frame.locator("#narrative")).to_contain_text("The Minsk conference, edited")
        assert "event=minsk-conference" in page.url
        # a broken edit: the reader keeps the last good version, with a notice
        story.write_text(edited.replace("date: 2025-10-27\n", "date: 2025-02-30\n", 1), "utf-8")
        frame.focus("#slider")
        page.keyboard.press("ArrowLeft")
        expect(page.get_by_text("last good version")).to_be_visible(timeout=15_000)
        expect(frame.locator("#narrative")).to_contain_text("Putin receives")
        assert watched.errors == []
    finally:
        server.stop()
