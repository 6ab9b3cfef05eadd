"""The presenter page in Chromium at projector size: keys move it, type is large."""

from __future__ import annotations

import pytest
from browser_helpers import drawn_markers, open_page, reader_frame, shoot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def px(page: object, selector: str) -> float:
    return page.evaluate(
        f"parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)"
    )


def test_clicker_keys_move_the_step_and_the_type_is_large(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=kursk-acknowledged")
    frame = reader_frame(page)
    narrative = page.locator(".storymap-narrative")
    expect(narrative).to_have_attribute("data-step", "5")
    expect(page.locator("p.storymap-progress")).to_have_text("6 / 15")
    assert drawn_markers(frame) >= 2

    # large type, readable from the back of a classroom
    assert px(page, ".storymap-narrative h3") >= 32
    assert px(page, ".storymap-narrative p") >= 22
    assert px(page, "p.storymap-progress") >= 24
    assert (
        frame.evaluate(
            "parseFloat(getComputedStyle(document.getElementById('date-label')).fontSize)"
        )
        >= 28
    )
    shoot(page, "presenter")

    # a presentation clicker sends PageDown / PageUp to the page, not to the map's frame
    page.mouse.click(640, 30)
    page.keyboard.press("PageDown")
    expect(narrative).to_have_attribute("data-step", "6", timeout=10_000)
    expect(page.locator("p.storymap-progress")).to_have_text("7 / 15")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    expect(narrative).to_have_attribute("data-step", "4", timeout=10_000)
    page.keyboard.press("End")
    expect(narrative).to_have_attribute("data-step", "14", timeout=10_000)
    page.keyboard.press("Home")
    expect(narrative).to_have_attribute("data-step", "0", timeout=10_000)
    page.keyboard.press("ArrowRight")
    expect(narrative).to_have_attribute("data-step", "1", timeout=10_000)
    assert "event=soviet-recognition" in page.url
    assert watched.errors == []


def test_speaker_notes_toggle(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=pyongyang-museum&lang=en")
    reader_frame(page)
    expect(page.locator(".speaker-notes")).to_have_count(0)
    page.get_by_text("Speaker notes").click()
    expect(page.locator(".speaker-notes")).to_contain_text("How can a museum serve")
    shoot(page, "presenter-notes")
    page.get_by_text("Speaker notes").click()
    expect(page.locator(".speaker-notes")).to_have_count(0)
    assert watched.errors == []


def test_data_page_renders_tables_and_downloads(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1400, height=1000)
    page = watched.page
    page.goto(f"{story_server.url}/data?lang=en")
    expect(page.get_by_role("heading", name="Story data")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2)
    expect(page.locator("[data-testid='stDownloadButton']")).to_have_count(8, timeout=30_000)
    shoot(page, "data-page")
    assert watched.errors == []
