"""The author page in a real browser: the first article to a valid, previewed, downloaded
story without a text editor; tables, the map picker and the problem links; and nothing
from a hostile story runs, in the preview or in any export made from the page."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from app_server import ROOT
from author_helpers import SLOW, choose, open_author, section, type_into, wait_idle
from browser_helpers import (
    ARTIFACTS,
    component_frame,
    drawn_markers,
    open_page,
    reader_frame,
    shoot,
)
from playwright.sync_api import expect
from story_helpers import FIRST_ARTICLE

from storymap.loading import parse_story

pytestmark = pytest.mark.browser

HOSTILE = ROOT / "tests" / "fixtures" / "author_hostile.yaml"


def picker_frame(page: object) -> object:
    """The place picker's frame, once its map is drawn."""
    return component_frame(
        page, "storymap_picker", "Boolean(window.placePickerReady)", SLOW / 1000, "the place picker"
    )


def click_map(page: object, lat: float, lon: float, zoom: int) -> None:
    """Click the picker's map at a point, as a person would after zooming there."""
    wait_idle(page)
    page.locator("iframe[title*='storymap_picker']").scroll_into_view_if_needed()
    frame = picker_frame(page)
    x, y = frame.evaluate(
        "([lat, lon, zoom]) => { const m = window.placePicker; m.setView([lat, lon], zoom,"
        " {animate: false}); const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon, zoom],
    )
    frame.locator("#map").click(position={"x": x, "y": y})
    wait_idle(page)


def download(page: object, label: str) -> bytes:
    with page.expect_download(timeout=SLOW) as info:
        page.get_by_role("button", name=label, exact=True).click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.skipif(not FIRST_ARTICLE.exists(), reason=f"the article is not here: {FIRST_ARTICLE}")
def test_the_first_article_to_a_valid_previewed_downloaded_story(browser, author_server):
    watched = open_author(browser, author_server)
    page = watched.page
    page.get_by_label("Paste the article's text here").fill(FIRST_ARTICLE.read_text("utf-8"))
    for part, value in (("year", "2025"), ("month", "10"), ("day", "27")):
        page.get_by_role("spinbutton", name=f"{part}, The day the article was published").click()
        page.keyboard.type(value)
    page.get_by_role("button", name="Make a draft from the article").click()
    expect(page.get_by_text("The story was opened from the pasted article")).to_be_visible(
        timeout=SLOW
    )
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)
    todo = sidebar.get_by_role("button", name="Title · EN: to write or check", exact=True)
    expect(todo).to_be_visible()
    shoot(page, "author-1-draft-1280")

    # fix a few fields, as a new author would, in the forms
    type_into(page, "Title · id", "Rusia dan Korea Utara, makin rapat")
    type_into(page, "Title · en", "Russia and North Korea, ever closer")
    type_into(
        page, "Subtitle · id", "Dari pakta militer 2024 sampai kunjungan Menlu Korut ke Moskow"
    )
    type_into(
        page,
        "Subtitle · en",
        "From the 2024 military pact to North Korea's foreign minister in Moscow",
    )
    wait_idle(page)
    expect(todo).to_have_count(0, timeout=SLOW)

    # a problem link opens its field: break a date in the events, then follow the link
    section(page, "Events")
    type_into(page, "Date", "27/10/2025")
    link = sidebar.get_by_role("button", name="'27/10/2025' is not a story date")
    expect(link).to_be_visible(timeout=SLOW)
    shoot(page, "author-2-problem-1280")
    section(page, "Story")
    wait_idle(page)
    link.click()
    mark = page.locator(".author-focus")
    expect(mark).to_be_visible(timeout=SLOW)
    expect(mark).to_be_in_viewport()
    type_into(page, "Date", "1948")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)

    # the preview: the reader itself, on the edits
    section(page, "Preview")
    frame = reader_frame(page, timeout_s=SLOW / 1000)
    assert drawn_markers(frame) > 5
    assert frame.evaluate("window.storyReader.text.title") == "Rusia dan Korea Utara, makin rapat"
    overview = frame.locator("#narrative")
    expect(overview).to_contain_text(re.compile(r"Peta ini menampilkan \d+ tempat"))
    shown = int(re.search(r"menampilkan (\d+) tempat", overview.inner_text()).group(1))
    shoot(page, "author-3-preview-1280")

    section(page, "Download and save")
    text = download(page, "Story file (YAML)").decode("utf-8")
    story = parse_story(text)
    assert story.title.get("en") == "Russia and North Korea, ever closer"
    named = {p for e in story.events for p in e.places} | {
        p for e in story.events if e.route for p in e.route.stops
    }
    assert shown == len(named)  # the preview showed every place an event names
    assert (
        story.source.date.earliest.isoformat() == "2025-10-27"
        and story.events[0].date.earliest.year == 1948
    )
    shoot(page, "author-4-save-1280")
    assert watched.dialogs == [] and watched.errors == []


def test_the_page_at_phone_width(browser, author_server):
    watched = open_author(browser, author_server, 390, 844)
    page = watched.page
    page.get_by_role("tab", name="An existing story").click()
    page.get_by_role("button", name="Open this story").click()
    expect(page.get_by_text("The story was opened from")).to_be_visible(timeout=SLOW)
    shoot(page, "author-5-story-390")
    section(page, "Places")
    expect(page.get_by_text("Place being edited")).to_be_visible(timeout=SLOW)
    shoot(page, "author-6-places-390")
    assert watched.dialogs == [] and watched.errors == []


def test_a_click_on_the_map_places_the_place_and_a_wrong_country_is_flagged(browser, author_server):
    watched = open_author(browser, author_server)
    page = watched.page
    page.get_by_role("tab", name="An existing story").click()
    page.get_by_role("button", name="Open this story").click()
    expect(page.get_by_text("The story was opened from")).to_be_visible(timeout=SLOW)
    section(page, "Places")
    sidebar = page.get_by_test_id("stSidebar")
    click_map(page, 55.75, 37.62, 9)  # the middle of Moscow, as Leaflet sees it
    expect(page.get_by_text("Located at: story: 55.75")).to_be_visible(timeout=SLOW)
    shoot(page, "author-7-map-click-1280")
    # offline at zoom 9 the picker shows enough to click by: the 1:10m map of the cells in view
    frame = picker_frame(page)
    frame.wait_for_function(
        "(document.getElementById('map').dataset.detailCells || '').includes('30,50|0')"
    )
    assert frame.locator(".leaflet-detail-pane path").count() >= 4  # land, shore, rivers, lines
    frame.evaluate("window.placePicker.setView([-6.82, 39.29], 9, {animate: false})")
    frame.wait_for_function(
        "document.getElementById('map').dataset.detailCells.includes('30,-10|0')"
    )
    page.locator("iframe[title*='storymap_picker']").screenshot(
        path=str(ARTIFACTS / "author-7b-picker-dar-es-salaam-z9.png")
    )
    click_map(page, 40, -30, 4)  # far out in the Atlantic
    flagged = sidebar.get_by_role("button", name="outside Russia (RU), at sea")
    expect(flagged).to_be_visible(timeout=SLOW)
    assert watched.dialogs == []


def test_nothing_from_a_hostile_story_runs_in_the_preview_or_any_export(
    browser, author_server, tmp_path
):
    watched = open_author(browser, author_server)
    page = watched.page
    page.get_by_role("tab", name="Upload a file").click()
    upload = page.get_by_test_id("stFileUploader").filter(has_text="Story file")
    upload.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(HOSTILE))
    page.get_by_role("button", name="Open this file").click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("The story is valid")).to_be_visible(timeout=SLOW)
    for name in ("Story", "Places", "Events"):
        section(page, name)
        wait_idle(page)
    section(page, "Preview")
    frame = reader_frame(page, timeout_s=SLOW / 1000)
    frame.evaluate("window.storyReader.goTo(1)")
    page.wait_for_timeout(1500)
    expect(frame.locator("#narrative")).to_contain_text("<img src=x onerror=alert(1)>")
    shoot(page, "author-8-hostile-preview-1280")
    section(page, "Download and save")
    files = {
        "page.html": download(page, "Offline single-file page (HTML)"),
        "handout.html": download(page, "Printable student sheet (HTML)"),
        "teacher.html": download(page, "Printable teacher's sheet (HTML)"),
    }
    with zipfile.ZipFile(io.BytesIO(download(page, "Static site (zip)"))) as site:
        site.extractall(tmp_path / "site")
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    pages = [tmp_path / name for name in files]
    pages += [tmp_path / "site" / "index.html", tmp_path / "site" / "author-hostile.html"]
    assert watched.dialogs == []
    for path in pages:
        export = open_page(browser)
        export.page.goto(path.as_uri())
        export.page.wait_for_timeout(1500)
        if export.page.evaluate("Boolean(window.storyReader)"):
            export.page.evaluate("window.storyReader.goTo(1)")
            export.page.wait_for_timeout(800)
        assert export.dialogs == [], path.name
        export.page.close()
    assert ARTIFACTS.is_dir()


def test_the_route_panel_stays_open_while_its_three_fields_are_chosen(browser, author_server):
    watched = open_author(browser, author_server)
    page = watched.page
    page.get_by_role("tab", name="An existing story").click()
    page.get_by_role("button", name="Open this story").click()
    expect(page.get_by_text("The story was opened from")).to_be_visible(timeout=SLOW)
    section(page, "Events")
    wait_idle(page)
    panel = page.locator(".st-key-part-0-route")  # the first event's route panel
    panel.locator("summary").click()  # opened once
    mode = panel.get_by_role("combobox", name="How it moved")
    expect(mode).to_be_visible(timeout=SLOW)
    for label, option in (("From", 0), ("To", 1), ("How it moved", 0)):
        choose(page, panel.get_by_role("combobox", name=label), option)
        wait_idle(page)
        expect(mode).to_be_visible()  # still open: never opened again
    expect(panel.locator("summary")).to_contain_text("Route ✓")
    shoot(page, "author-8-route-panel-1280")
    assert watched.dialogs == [] and watched.errors == []
