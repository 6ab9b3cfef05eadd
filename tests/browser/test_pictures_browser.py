"""Pictures that travel, in Chromium: Magellan's voyage with a photo and a drawing kept beside
the story, a picture on the web and a video. The single file opened from disk with every
request refused shows its pictures (as a reader on a laptop and a phone, and as a presenter
on a projector) and asks the network for nothing but tiles; the student sheet prints them;
the app's reader and presenter show them from its own files."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_server import start_app
from browser_helpers import open_file, open_page, reader_frame, shoot, wait_until
from picture_helpers import story_with_pictures
from playwright.sync_api import expect

from storymap.cli import main

pytestmark = pytest.mark.browser

PICTURES = "#narrative img[data-picture]"
# every picture of the narrative has loaded and has pixels
ALL_LOADED = (
    f"[...document.querySelectorAll('{PICTURES}')].every(i => i.complete && i.naturalWidth > 0)"
    f" && document.querySelectorAll('{PICTURES}').length > 0"
)


# the picture and its caption lie wholly inside the slide on the screen
ON_SLIDE = (
    "(() => { const f = document.querySelector('#narrative figure').getBoundingClientRect();"
    " const p = document.querySelector('.panel').getBoundingClientRect();"
    " return f.left >= p.left - 1 && f.right <= p.right + 1 && f.top >= p.top - 1"
    " && f.bottom <= p.bottom + 1; })()"
)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return story_with_pictures(tmp_path_factory.mktemp("pictures"))


def export(story: Path, fmt: str, *options: str) -> Path:
    target = story.parent / f"{story.stem}-{fmt}{'-'.join(options)}.html"
    assert main(["export", str(story), "--format", fmt, "-o", str(target), *options]) == 0
    return target


def shown_pictures(page: object) -> list[dict]:
    return page.evaluate(
        f"[...document.querySelectorAll('{PICTURES}')].map(i => ({{name: i.dataset.picture,"
        " width: i.naturalWidth, alt: i.alt, shownWidth: i.getBoundingClientRect().width,"
        " inline: i.src.startsWith('data:image/')}))"
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_single_file_shows_its_pictures_with_no_network(
    browser: object, story: Path, width: int, height: int
) -> None:
    page_file = export(story, "html")
    watched = open_file(browser, page_file, "#event=departure&lang=en", width, height)
    page = watched.page
    wait_until(page, ALL_LOADED)
    [photo] = shown_pictures(page)
    assert photo == {"name": "sanlucar-harbour.jpg", "width": 1600, "inline": True,
                     "alt": "A harbour at dusk under a yellow sun", "shownWidth": photo["shownWidth"]}  # fmt: skip
    assert 100 < photo["shownWidth"] <= width  # fits its column
    expect(page.locator("#narrative figcaption")).to_have_text(
        "The harbour at Sanlúcar © storymap contributors (drawn for the tests)"
    )
    shoot(page, f"pictures-file-{width}")
    page.evaluate("window.storyReader.goTo(4, {fromUser: true, animate: false})")  # the strait
    wait_until(page, ALL_LOADED)
    assert [p["name"] for p in shown_pictures(page)] == ["strait-drawing.png"]
    expect(page.locator("#narrative figcaption")).to_contain_text("© <img src=x onerror=")
    page.evaluate("window.storyReader.goTo(5, {fromUser: true, animate: false})")  # Guam
    expect(
        page.locator("#narrative a", has_text="Picture on the web: Guam in an engraving")
    ).to_be_visible()
    expect(page.locator("#narrative a", has_text="The voyage on video")).to_be_visible()
    assert page.locator("#narrative img").count() == 0  # a picture on the web is a link here
    assert watched.requests == [] and watched.dialogs == []
    assert watched.errors == []


def test_online_tiles_are_the_only_request_the_single_file_makes(
    browser: object, story: Path
) -> None:
    watched = open_file(browser, export(story, "html", "--tiles", "carto"), "#event=departure")
    page = watched.page
    wait_until(page, ALL_LOADED)
    wait_until(page, "document.querySelectorAll('.leaflet-tile').length > 0")
    assert watched.requests, "the tiles were asked for"
    assert all(
        url.startswith("https://") and ".basemaps.cartocdn.com/" in url for url in watched.requests
    )
    assert watched.dialogs == []


def test_the_presenter_shows_the_picture_on_its_slide(browser: object, story: Path) -> None:
    watched = open_file(
        browser, export(story, "html"), "#present&event=departure&lang=es", 1280, 720
    )
    page = watched.page
    wait_until(page, ALL_LOADED)
    for _ in range(4):  # the clicker: the event's words first, its picture on its slide
        if page.evaluate(ON_SLIDE):
            break
        page.keyboard.press("PageDown")
    assert page.evaluate(ON_SLIDE)
    assert page.evaluate("window.storyReader.slides.event()") == "departure"
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#narrative figcaption')).fontSize)"
    )
    assert size >= 24  # read from the back of the class
    shoot(page, "pictures-presenter-1280x720")
    assert watched.requests == [] and watched.errors == []


def test_the_student_sheet_prints_the_pictures(browser: object, story: Path) -> None:
    watched = open_file(browser, export(story, "handout", "--lang", "es"), reader=False)
    page = watched.page
    pictures = page.locator(".pictures img")
    expect(pictures).to_have_count(2)
    wait_until(
        page,
        "[...document.querySelectorAll('.pictures img')].every(i => i.complete && i.naturalWidth > 0)",
    )
    shoot(page, "pictures-handout")
    assert watched.requests == [] and watched.errors == []


def test_the_apps_reader_and_presenter_show_the_pictures(
    browser: object, story: Path, tmp_path: Path
) -> None:
    server = start_app(story, tmp_path, tiles="offline")
    try:
        for path, name in (("/reader", "reader"), ("/presenter", "presenter")):
            watched = open_page(browser, 1280, 800 if name == "reader" else 720)
            page = watched.page
            page.goto(f"{server.url}{path}?event=departure&lang=en")
            frame = reader_frame(page, timeout_s=90)
            wait_until(frame, ALL_LOADED, timeout_s=60)
            [photo] = shown_pictures(frame)
            assert photo["width"] == 1600 and not photo["inline"]  # the app serves the file
            shoot(page, f"pictures-app-{name}")
            assert watched.errors == [] and watched.dialogs == []
            page.close()
    finally:
        server.stop()
