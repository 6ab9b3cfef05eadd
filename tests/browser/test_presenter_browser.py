"""The presenter page in Chromium at projector size: clicker keys, large type that fits, notes."""

from __future__ import annotations

import pytest
from browser_helpers import (
    STEP_PROBE,
    assert_step_shown_together,
    drawn_markers,
    open_page,
    reader_frame,
    shoot,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
STEPS = 15


def px(frame: object, selector: str) -> float:
    return frame.evaluate(
        f"parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)"
    )


def test_clicker_keys_move_everything_together_and_the_type_is_large(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=kursk-acknowledged")
    frame = reader_frame(page)
    narrative = frame.locator("#narrative")
    expect(narrative).to_have_attribute("data-step", "5")
    expect(frame.locator("#step-count")).to_have_text("6 / 15")
    assert drawn_markers(frame) >= 2
    # large type, readable from the back of a classroom
    assert px(frame, "#step-count") >= 24
    assert px(frame, "#date-label") >= 28
    assert px(frame, "#narrative h3") >= 36 * 0.6
    shoot(page, "presenter")

    # a presentation clicker sends PageDown / PageUp to the page, not to the map's frame
    frame.evaluate(STEP_PROBE)
    page.mouse.click(640, 10)
    page.keyboard.press("PageDown")
    expect(narrative).to_have_attribute("data-step", "6")
    expect(frame.locator("#step-count")).to_have_text("7 / 15")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    expect(narrative).to_have_attribute("data-step", "4")
    page.keyboard.press("End")
    expect(narrative).to_have_attribute("data-step", "14")
    page.keyboard.press("Home")
    expect(narrative).to_have_attribute("data-step", "0")
    frame.focus("#slider")
    page.keyboard.press("ArrowRight")
    expect(narrative).to_have_attribute("data-step", "1")
    frame.wait_for_function("window.__frames.length > 0")
    assert_step_shown_together(frame, frame.evaluate("window.__frames.at(-1)"))
    page.wait_for_url("**event=soviet-recognition**", timeout=10_000)
    assert watched.errors == []


def test_every_step_fits_the_projector(browser: object, story_server: object) -> None:
    """A step with several events or a long text shrinks its type; nothing is cut off."""
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?notes=1")
    frame = reader_frame(page)
    frame.locator("#question-toggle").click()
    for step in range(STEPS):
        frame.evaluate(f"window.storyReader.goTo({step}, {{animate: false}})")
        panel = frame.evaluate(
            "(() => { const p = document.getElementById('panel');"
            " return [p.scrollHeight, p.clientHeight, Number(window.storyReader.root.dataset.fit)]; })()"
        )
        scroll, client, fit = panel
        assert scroll <= client + 1 or fit == pytest.approx(0.6), (step, panel)
        assert fit >= 0.6
    iframe = page.locator("iframe[title*='storymap_reader']").bounding_box()
    assert iframe["y"] + iframe["height"] <= 720 + 1  # the whole reader is on the screen
    assert watched.errors == []


def test_speaker_notes_and_the_question_on_request(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=pyongyang-museum&lang=en")
    frame = reader_frame(page)
    notes = frame.locator("#notes")
    expect(notes).to_be_hidden()
    question = frame.locator("#narrative .question")
    expect(question).to_be_hidden()
    frame.locator("#notes-toggle").click()
    expect(notes).to_contain_text("How can a museum serve as a tool of diplomacy?")
    expect(notes).to_contain_text("North Korean state media")
    frame.locator("#question-toggle").click()
    expect(question).to_be_visible()
    page.keyboard.press("PageDown")  # the notes follow the step at once
    expect(notes).to_contain_text("Lavrov and Choe discuss")
    shoot(page, "presenter-notes")
    frame.locator("#notes-toggle").click()
    expect(notes).to_be_hidden()
    assert watched.errors == []


def test_notes_open_from_the_link(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=kursk-acknowledged&notes=1")
    frame = reader_frame(page)
    expect(frame.locator("#notes")).to_contain_text("Data Korea Selatan dan Kyiv")
    assert watched.errors == []


def test_data_page_renders_tables_and_downloads(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1400, height=1000)
    page = watched.page
    page.goto(f"{story_server.url}/data?lang=en")
    expect(page.locator(".storymap-header h1")).to_have_text("Story data", timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2)
    expect(page.locator("[data-testid='stDownloadButton']")).to_have_count(10, timeout=30_000)
    shoot(page, "data-page")
    assert watched.errors == []
