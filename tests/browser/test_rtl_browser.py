"""A story in a right-to-left language reads right to left: in the app's reader, the
presenter and the single-file export; the map and the time controls keep working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import AppServer, start_app
from browser_helpers import ROOT, open_page, reader_frame, shoot, wait_until
from playwright.sync_api import expect

from storymap.cli import main

pytestmark = pytest.mark.browser
ARABIC = ROOT / "tests" / "fixtures" / "arabic_rtl.yaml"


@pytest.fixture(scope="module")
def arabic_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_app(ARABIC, tmp_path_factory.mktemp("rtl"))
    yield server
    server.stop()


def direction(frame: object, selector: str) -> str:
    return frame.evaluate(f"getComputedStyle(document.querySelector({selector!r})).direction")


def assert_reads_right_to_left(frame: object) -> None:
    wait_until(frame, "document.documentElement.dir === 'rtl'")
    assert direction(frame, "#narrative") == "rtl"
    assert direction(frame, "#map") == "ltr"  # Leaflet's controls stay where they belong
    assert direction(frame, "#slider") == "ltr"  # the arrow keys go forward in time
    heading = frame.locator("#narrative h3")
    box, panel = heading.bounding_box(), frame.locator("#narrative").bounding_box()
    assert box and panel and box["x"] + box["width"] >= panel["x"] + panel["width"] - 24


def test_the_reader_reads_right_to_left_and_steps(
    browser: object, arabic_server: AppServer
) -> None:
    watched = open_page(browser, width=1280, height=800)
    page = watched.page
    page.goto(f"{arabic_server.url}/reader?event=reaches-cairo")
    frame = reader_frame(page)
    narrative = frame.locator("#narrative")
    expect(narrative).to_have_attribute("data-step", "2")
    expect(narrative.locator("h3")).to_have_text("الوصول إلى القاهرة")
    assert_reads_right_to_left(frame)
    header = page.locator(".storymap-header")
    assert header.evaluate("node => getComputedStyle(node).direction") == "rtl"
    shoot(page, "reader-rtl")
    frame.locator("#next").click()
    expect(narrative).to_have_attribute("data-step", "3")
    expect(narrative.locator("h3")).to_have_text("حجه الأول في مكة")
    assert watched.errors == []


def test_the_presenter_reads_right_to_left(browser: object, arabic_server: AppServer) -> None:
    watched = open_page(browser, width=1280, height=720)
    page = watched.page
    page.goto(f"{arabic_server.url}/presenter?event=leaves-tangier")
    frame = reader_frame(page)
    expect(frame.locator("#narrative")).to_have_attribute("data-step", "1")
    assert_reads_right_to_left(frame)
    shoot(page, "presenter-rtl")
    assert watched.errors == []


def test_the_export_reads_right_to_left_and_english_left_to_right(
    browser: object, tmp_path: Path
) -> None:
    target = tmp_path / "story.html"
    assert main(["export", str(ARABIC), "--format", "html", "-o", str(target)]) == 0
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    page.goto(target.as_uri())
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    page.locator("#next").click()
    assert_reads_right_to_left(page)
    assert page.evaluate("getComputedStyle(document.querySelector('#title')).direction") == "rtl"
    shoot(page, "export-rtl")
    page.locator("button[data-lang='en']").click()
    wait_until(page, "document.documentElement.dir === 'ltr'")
    assert direction(page, "#narrative") == "ltr"
    page.close()
