"""A single file travels both ways through the author page: the file a reader was sent
(Magellan's voyage, with a photo and a drawing kept beside it) opens under "Upload a file"
with its pictures, previews with them, and the page's own export of it is the same file."""

from __future__ import annotations

from pathlib import Path

import pytest
from author_helpers import SLOW, open_author, section, wait_idle
from browser_helpers import reader_frame, shoot, wait_until
from picture_helpers import story_with_pictures
from playwright.sync_api import expect

from storymap.cli import main

pytestmark = pytest.mark.browser


def test_an_exported_single_file_reopens_on_the_author_page_and_round_trips(
    browser, author_server, tmp_path
):
    story = story_with_pictures(tmp_path)
    original = tmp_path / "voyage.html"
    assert main(["export", str(story), "--format", "html", "-o", str(original)]) == 0
    watched = open_author(browser, author_server)
    page = watched.page
    page.get_by_role("tab", name="Upload a file").click()
    upload = page.get_by_test_id("stFileUploader").filter(has_text="Story file")
    upload.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(original))
    page.get_by_role("button", name="Open this file").click()
    expect(page.get_by_text("The story was opened from voyage.html")).to_be_visible(timeout=SLOW)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)

    section(page, "Preview")
    frame = reader_frame(page, timeout_s=SLOW / 1000)
    frame.evaluate("window.storyReader.goTo(1, {fromUser: true, animate: false})")
    wait_until(
        frame,
        "[...document.querySelectorAll('#narrative img[data-picture]')]"
        ".some(i => i.complete && i.naturalWidth === 1600)",
        timeout_s=SLOW / 1000,
    )
    shoot(page, "author-single-file-preview-1280")

    section(page, "Download and save")
    wait_idle(page)
    with page.expect_download(timeout=SLOW) as info:
        page.get_by_role("button", name="Offline single-file page (HTML)", exact=True).click()
    again = Path(info.value.path()).read_bytes()
    assert again == original.read_bytes()  # the page's export of the file is the file
    assert watched.dialogs == [] and watched.errors == []
