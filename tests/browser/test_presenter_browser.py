"""The presenter page in Chromium at projector size: slides that fit, clicker keys, the
black screen, the question, and the speaker view in a second window.
"""

from __future__ import annotations

import json
import re

import pytest
from browser_helpers import (
    ARTIFACTS,
    STEP_PROBE,
    assert_step_shown_together,
    drawn_markers,
    open_page,
    reader_frame,
    shoot,
    wait_until,
)
from class_helpers import SLIDE, position, settled
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("close_pages")]
STEPS = 15
slides_seen: dict[str, dict] = {}


def px(frame: object, selector: str) -> float:
    return frame.evaluate(
        f"parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)"
    )


def test_clicker_keys_turn_the_slides_and_the_type_is_large(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=kursk-acknowledged&lang=en")
    frame = reader_frame(page)
    narrative = frame.locator("#narrative")
    expect(narrative).to_have_attribute("data-step", "5")
    expect(frame.locator("#step-count")).to_have_text("6 / 15")
    assert drawn_markers(frame) >= 2
    assert px(frame, "#step-count") >= 24 and px(frame, "#date-label") >= 28
    assert px(frame, "#narrative h3") >= 36 and px(frame, "#narrative p") >= 24
    shoot(page, "presenter")

    # two events on one date: a slide each; a clicker's keys reach it with no click first
    frame.evaluate(STEP_PROBE)
    assert position(frame)["pages"] == 2
    expect(frame.locator("#page-count")).to_have_text("1/2")
    page.keyboard.press("PageDown")
    expect(frame.locator("#page-count")).to_have_text("2/2")
    expect(narrative).to_have_attribute("data-step", "5")
    page.wait_for_url("**event=road-bridge**", timeout=10_000)  # the slide's own event
    page.keyboard.press("PageDown")
    expect(narrative).to_have_attribute("data-step", "6")
    page.keyboard.press("PageUp")  # back into the step at its last slide
    expect(narrative).to_have_attribute("data-step", "5")
    assert position(frame)["page"] == 1
    page.keyboard.press("End")
    expect(narrative).to_have_attribute("data-step", "14")
    page.wait_for_url("**step=end**", timeout=10_000)
    settled(page, frame, app=True)
    assert position(frame)["step"] == 14  # the end stays the end
    page.keyboard.press("Home")
    expect(narrative).to_have_attribute("data-step", "0")
    frame.focus("#slider")
    page.keyboard.press("ArrowRight")
    expect(narrative).to_have_attribute("data-step", "1")
    wait_until(frame, "window.__frames.length > 0")
    assert_step_shown_together(frame, frame.evaluate("window.__frames.at(-1)"))
    page.wait_for_url("**event=soviet-recognition**", timeout=10_000)
    # the address of a second slide opens that slide
    page.goto(f"{story_server.url}/presenter?event=road-bridge&lang=en")
    frame = reader_frame(page)
    wait_until(frame, "window.storyReader.slides.page === 1")
    assert watched.errors == []


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_slide_fits_with_the_question_and_nothing_is_small(
    browser: object, story_server: object, size: tuple[int, int], lang: str
) -> None:
    """Every slide of every step, the questions on: no line of text outside the panel, no
    type under 24 px, no empty slide, the date in the control bar whole."""
    width, height = size
    watched = open_page(browser, width=width, height=height)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?lang={lang}")
    frame = reader_frame(page)
    page.keyboard.press("q")
    wait_until(frame, "window.storyReader.slides.question === true")
    found = []
    while True:
        slide = frame.evaluate(SLIDE)
        found.append(slide)
        assert slide["cut"] == [], slide
        assert slide["lines"] > 0, ("an empty slide", slide)
        assert slide["smallest"] >= 24, slide
        assert slide["dateCut"] is None, slide
        assert slide["inView"], slide
        if frame.evaluate("document.getElementById('next').disabled"):
            break
        before = (slide["step"], slide["page"])
        page.keyboard.press("PageDown")
        wait_until(
            frame,
            f"[window.storyReader.step, window.storyReader.slides.page].join() !== '{before[0]},{before[1]}'",
        )
    assert [s["step"] for s in found][-1] == STEPS - 1
    iframe = page.locator("iframe[title*='storymap_reader']").bounding_box()
    assert iframe["y"] + iframe["height"] <= height + 1  # the whole reader is on the screen
    shoot(page, f"presenter-end-{width}x{height}-{lang}")
    slides_seen[f"{width}x{height}-{lang}"] = {
        "slides": len(found), "smallest_px": min(s["smallest"] for s in found),
        "steps_with_more_than_one_slide": sorted({s["step"] for s in found if s["page"] > 0}),
    }  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "slides.json").write_text(json.dumps(slides_seen, indent=1, sort_keys=True))
    assert watched.errors == []


def test_the_slide_never_shows_the_notes(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=pyongyang-museum&lang=en&notes=1")
    frame = reader_frame(page)
    expect(frame.locator("#notes")).to_be_hidden()
    for hidden in (".fact-check", ".sources", ".note"):
        for node in frame.locator(f"#narrative {hidden}").all():
            expect(node).to_be_hidden()
    question = frame.locator("#narrative .question")
    expect(question).to_be_hidden()
    page.keyboard.press("q")  # the question on a slide of its own
    expect(question).to_be_in_viewport()
    expect(question).to_contain_text("How can a museum serve as a tool of diplomacy?")
    expect(frame.locator("#narrative h3")).not_to_be_in_viewport()
    page.keyboard.press("q")
    expect(frame.locator("#narrative h3")).to_be_in_viewport()
    assert watched.errors == []


def test_black_screen_from_the_clicker_covers_the_whole_page(
    browser: object, story_server: object
) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=kremlin-meeting")
    frame = reader_frame(page)
    page.keyboard.press("b")
    cover = page.locator("[data-storymap-blank]")
    expect(cover).to_be_visible()
    # the title above the slide is covered too: black is what the page shows at its corners
    for x, y in ((5, 5), (640, 30), (1275, 715)):
        hit = page.evaluate(f"document.elementFromPoint({x}, {y}).dataset.storymapBlank")
        assert hit == "1", (x, y)
    shoot(page, "presenter-blank")
    page.keyboard.press("PageDown")  # the clicker still moves the slides behind the black
    expect(frame.locator("#narrative")).to_have_attribute("data-step", "12")
    page.keyboard.press(".")
    expect(cover).to_have_count(0)
    assert watched.errors == []


def test_the_speaker_view_follows_the_slides_and_drives_them(
    browser: object, story_server: object
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort())  # fmt: skip
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{story_server.url}/presenter?event=pyongyang-museum&lang=en")
    frame = reader_frame(page)
    with context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.on("pageerror", lambda error: errors.append(f"speaker: {error}"))
    speaker.set_viewport_size({"width": 1200, "height": 800})
    view = speaker.locator("#speaker")
    expect(view).to_have_attribute("data-step", "9")
    expect(speaker.locator(".speaker-now")).to_contain_text("museum")
    expect(speaker.locator(".speaker-notes")).to_contain_text("Discussion question")
    expect(speaker.locator(".speaker-notes")).to_contain_text("Sources")
    expect(speaker.locator(".speaker-clock")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    # the slide moves: the speaker view follows
    page.keyboard.press("PageDown")
    expect(view).to_have_attribute("data-step", str(frame.evaluate("window.storyReader.step")))
    # the speaker view moves the slides (its own keys and buttons)
    step = frame.evaluate("window.storyReader.step")
    speaker.keyboard.press("PageDown")
    wait_until(frame, f"window.storyReader.step === {step + 1}")
    expect(view).to_have_attribute("data-step", str(step + 1))
    speaker.locator(".speaker-prev").click()
    wait_until(frame, f"window.storyReader.step === {step}")
    speaker.locator(".speaker-blank").click()
    expect(page.locator("[data-storymap-blank]")).to_be_visible()
    expect(view).to_have_attribute("data-blank", "true")
    speaker.keyboard.press("b")
    expect(page.locator("[data-storymap-blank]")).to_have_count(0)
    speaker.keyboard.press("q")
    wait_until(frame, "window.storyReader.slides.question === true")
    # the button opens the speaker view too; the notes are for the teacher, never the slide
    page.goto(f"{story_server.url}/presenter?event=kursk-acknowledged&lang=en")
    frame = reader_frame(page)
    with context.expect_page() as opened:
        frame.locator("#speaker-open").click()
    speaker = opened.value
    notes = speaker.locator(".speaker-notes")
    expect(notes).to_contain_text("About the date: The article gives no date for the deployment")
    expect(frame.locator("#narrative .note").first).to_be_hidden()  # on the slide: hidden
    shoot(speaker, "speaker-view")
    assert errors == []
    context.close()


def test_data_page_renders_tables_and_downloads(browser: object, story_server: object) -> None:
    watched = open_page(browser, width=1400, height=1000)
    page = watched.page
    page.goto(f"{story_server.url}/data?lang=en")
    expect(page.locator(".storymap-header h1")).to_have_text("Story data", timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2, timeout=30_000)
    expect(page.locator("[data-testid='stDownloadButton']")).to_have_count(11, timeout=30_000)
    shoot(page, "data-page")
    assert watched.errors == []
