"""Every page, first step to last and back, with each input (issue 19): the story can end.

The reader, the presenter, the author's preview (as a reader and as a class), the single
file from disk (as a reader and presenting) and the static site's presentation, each
walked to the end and back with arrow keys, a clicker's PageDown/PageUp, the on-screen
buttons and the slider. After each walk the counter, the words and the address say the
end (``step=end``) or the start; in the app, once the server's answer to the reader's
last step has come back to the reader, it is still there (it used to jump back to step 1
about 200 ms later). The end's address opens the end again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from author_helpers import SLOW, open_author, section, wait_idle
from browser_helpers import ROOT, open_file, open_page, reader_frame, wait_until
from class_helpers import (
    INPUTS,
    assert_at_end,
    assert_at_start,
    assert_walk_in_order,
    position,
    stays,
    walk,
)
from conftest import FIRST_STORY
from playwright.sync_api import expect

from storymap.export.site import export_site
from storymap.located import locate_file

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("close_pages")]


def walk_both_ways(page: object, frame: object, app: bool, what: str) -> None:
    """Each input to the end and back; the ends checked, and checked again once the page
    has answered."""
    for how in INPUTS:
        last = position(frame)["last"]
        seen = walk(page, frame, how, forward=True)
        assert_walk_in_order(seen, True, last)
        stays(page, frame, app, last)
        assert_at_end(page, frame, f"{what}, {how}")
        seen = walk(page, frame, how, forward=False)
        assert_walk_in_order(seen, False, last)
        stays(page, frame, app, 0)
        assert_at_start(page, frame, f"{what}, {how}")


@pytest.mark.parametrize("path", ["/reader", "/presenter"])
def test_the_app_pages_walk_to_the_end_and_back(browser, story_server, path) -> None:
    watched = open_page(browser, 1280, 720)
    page = watched.page
    page.goto(f"{story_server.url}{path}?lang=en")
    frame = reader_frame(page)
    walk_both_ways(page, frame, True, path)  # the keys first: no click into the page before
    # the end's address opens the end, and it stays there
    page.goto(f"{story_server.url}{path}?step=end&lang=en")
    frame = reader_frame(page)
    expect(frame.locator("#step-count")).to_have_text("15 / 15")
    stays(page, frame, True, 14)
    assert_at_end(page, frame, f"{path}?step=end")
    assert watched.errors == []


@pytest.mark.parametrize("mode", ["A reader", "A class (presenter)"])
def test_the_authors_preview_walks_to_the_end_and_back(browser, author_server, mode) -> None:
    watched = open_author(browser, author_server, 1280, 800)
    page = watched.page
    page.get_by_role("tab", name="Upload a file").click()
    upload = page.get_by_test_id("stFileUploader").filter(has_text="Story file")
    upload.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(FIRST_STORY))
    page.get_by_role("button", name="Open this file").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("The story is valid")).to_be_visible(
        timeout=SLOW
    )
    section(page, "Preview")
    wait_idle(page)
    if mode != "A reader":
        page.locator("[data-testid=stButtonGroup] button", has_text=mode).click()
        wait_idle(page)
    frame = reader_frame(page, timeout_s=SLOW / 1000)
    wait_idle(page)
    # the last click left the focus on the page's "See it as" switch, whose own keys those
    # are; away from it (as after a click on the page), the keys go to the preview
    page.evaluate("document.activeElement.blur()")
    for how in INPUTS:
        last = position(frame)["last"]
        for forward in (True, False):
            seen = walk(page, frame, how, forward)
            assert_walk_in_order(seen, forward, last)
            stays(page, frame, True, last if forward else 0)
    assert watched.errors == []


@pytest.mark.parametrize("link", ["#lang=en", "#present&lang=en"])
def test_the_single_file_walks_to_the_end_and_back(browser, exported_story: Path, link) -> None:
    watched = open_file(browser, exported_story, link)
    page = watched.page
    walk_both_ways(page, page, False, link)
    again = open_file(browser, exported_story, link.replace("lang=en", "step=end&lang=en"))
    assert again.page.evaluate("window.storyReader.step") == 14
    assert_at_end(again.page, again.page, "the end's address")
    assert watched.requests == again.requests == [] and watched.errors == again.errors == []


def test_the_sites_presentation_walks_to_the_end_and_back(browser, tmp_path) -> None:
    site = tmp_path / "site"
    export_site(
        [locate_file(ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml")], site
    )
    watched = open_file(browser, site / "index.html", reader=False)
    page = watched.page
    page.locator("section[lang=en] a", has_text="Present").click()
    page.wait_for_url("**#present&lang=en")  # the story's page, loaded
    # polled from here: the file's Content-Security-Policy refuses wait_for_function's eval
    wait_until(page, "Boolean(window.storyReader) && window.storyReader.mode === 'presenter'")
    assert page.evaluate("document.documentElement.scrollHeight") <= 720  # nothing scrolls
    walk_both_ways(page, page, False, "site")
    assert watched.requests == [] and watched.errors == []
