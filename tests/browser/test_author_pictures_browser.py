"""A picture added to an event on the author page in a real browser: chosen with the file
picker, captioned, described and credited in the event's media fold, then seen in the
preview's reader; a drawing that is not a picture is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from author_helpers import SLOW, open_author, section, type_into, wait_idle
from browser_helpers import reader_frame, shoot, wait_until
from picture_helpers import photo_jpeg
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOWN = (
    "[...document.querySelectorAll('#narrative img[data-picture]')]"
    ".some(i => i.complete && i.naturalWidth === 1600)"
)


def media_fold(page: object) -> None:
    page.get_by_role("tab", name="An existing story").click()
    page.get_by_role("button", name="Open this story").click()
    expect(page.get_by_text("The story was opened from")).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("radio", name="Story", exact=True)).to_be_checked(
        timeout=SLOW
    )  # where it opens
    wait_idle(page)
    section(page, "Events")
    expect(page.get_by_role("radio", name="Events", exact=True)).to_be_checked(timeout=SLOW)
    wait_idle(page)
    fold = page.get_by_text("Media (pictures, videos, links)")
    expect(fold).to_be_visible(timeout=SLOW)
    fold.click()
    expect(page.get_by_text("Add a picture kept with the story")).to_be_visible(timeout=SLOW)


def choose(page: object, path: Path) -> None:
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Picture file")
    uploader.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    expect(uploader.get_by_text(path.name)).to_be_visible(timeout=SLOW)  # sent to the server
    wait_idle(page)


def test_a_picture_added_to_an_event_shows_in_the_preview(browser, author_server, tmp_path):
    watched = open_author(browser, author_server)
    page = watched.page
    media_fold(page)
    drawing = tmp_path / "logo.png"  # an SVG named as a PNG: the picker lets it through
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    photo = tmp_path / "harbour.jpg"
    photo.write_bytes(photo_jpeg())
    for label, text in (
        ("Caption · id", "Pelabuhan saat senja"),
        ("Caption · en", "The harbour at dusk"),
        ("Alt text (what it shows) · id", "Pelabuhan di bawah matahari kuning"),
        ("Alt text (what it shows) · en", "A harbour under a yellow sun"),
        ("Credit (photographer, agency, outlet)", "storymap contributors (drawn for the tests)"),
    ):
        type_into(page, label, text)
    choose(page, drawing)
    page.get_by_role("button", name="Add the picture").click()
    expect(page.get_by_text("logo.png is an SVG drawing")).to_be_visible(timeout=SLOW)
    shoot(page, "author-picture-refused-1280")
    choose(page, photo)
    page.get_by_role("button", name="Add the picture").click()
    expect(page.get_by_text("The picture harbour.jpg was added to this event.")).to_be_visible(
        timeout=SLOW
    )
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)
    section(page, "Preview")
    frame = reader_frame(page, timeout_s=SLOW / 1000)
    frame.evaluate("window.storyReader.goTo(1, {fromUser: true, animate: false})")
    wait_until(frame, SHOWN, timeout_s=SLOW / 1000)
    frame.evaluate("document.querySelector('#narrative figure').scrollIntoView()")
    shoot(page, "author-picture-preview-1280")
    assert watched.dialogs == [] and watched.errors == []
