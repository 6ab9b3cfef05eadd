"""The single-file export opened from disk with every network request blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import (
    ROOT,
    STEP_PROBE,
    Watched,
    assert_step_shown_together,
    drawn_markers,
    open_file,
    shoot,
    wait_until,
)
from playwright.sync_api import expect

from storymap.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "story.html"
    story = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
    assert main(["export", str(story), "--format", "html", "-o", str(target)]) == 0
    return target


def open_offline(
    browser: object, path: Path, width: int = 1400, height: int = 900, clock: bool = False
) -> Watched:
    """The export from disk at a laptop's size (browser_helpers.open_file)."""
    return open_file(browser, path, width=width, height=height, clock=clock)


def test_export_works_with_no_network(browser: object, exported: Path) -> None:
    watched = open_offline(browser, exported)
    page = watched.page
    assert drawn_markers(page) == 13
    # the offline base layer: Natural Earth outlines, drawn in their own pane under the tiles,
    # in the world's copy and one either side (for stories across ±180°)
    copies = page.evaluate(
        "window.storyReader.map.hasLayer(window.storyReader.layers.countriesLayer) && "
        "window.storyReader.layers.countriesLayer.getLayers().map(g => g.getLayers().length)"
    )
    assert len(copies) == 3 and min(copies) > 150
    assert page.locator(".leaflet-offline-base-pane canvas").count() == 1
    expect(page.locator("#narrative")).to_contain_text("Seluruh tempat dalam cerita")

    page.evaluate(STEP_PROBE)
    page.focus("#slider")
    page.keyboard.press("ArrowRight")
    wait_until(page, "window.__frames.length === 1")
    assert_step_shown_together(page, page.evaluate("window.__frames[0]"))
    assert page.evaluate("document.documentElement.dataset.step") == "1"
    assert drawn_markers(page) == 2
    expect(page.locator("#narrative")).to_contain_text("Uni Soviet jadi negara pertama")
    assert "event=soviet-recognition" in page.url

    page.click("button[data-lang=en]")
    expect(page.locator("#narrative")).to_contain_text(
        "The Soviet Union becomes the first state to recognise North Korea"
    )
    expect(page.locator("#title")).to_have_text("Russia and North Korea, ever closer")
    assert page.evaluate("document.getElementById('date-label').textContent") == "1948"
    page.click("button[data-lang=id]")
    expect(page.locator("#narrative")).to_contain_text("Uni Soviet")
    page.locator("details summary").first.click()
    expect(page.locator("#event-list li")).to_have_count(14)
    shoot(page, "export-offline")
    assert watched.requests == []
    assert watched.errors == []
    assert watched.dialogs == []


def test_export_deep_link_in_the_hash(browser: object, exported: Path, tmp_path: Path) -> None:
    watched = open_offline(browser, exported)
    page = watched.page
    page.goto(exported.as_uri() + "#event=kremlin-meeting&lang=en")
    page.reload()
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    expect(page.locator("#narrative")).to_contain_text("Putin receives North Korea")
    assert page.evaluate("document.documentElement.dataset.step") == "11"
    assert watched.errors == []


def test_export_play_pause_and_the_ends(browser: object, exported: Path) -> None:
    watched = open_offline(browser, exported, clock=True)
    page = watched.page
    assert page.locator("#prev").is_disabled()
    page.click("#play")
    page.clock.run_for(3_600)  # one step every 3.5 s of reading
    assert page.evaluate("document.documentElement.dataset.step") == "1"
    page.clock.run_for(3_600)
    assert page.evaluate("document.documentElement.dataset.step") == "2"
    page.click("#play")  # pause: no step happens however long we wait
    page.clock.run_for(20_000)
    assert page.evaluate("document.documentElement.dataset.step") == "2"
    expect(page.locator("#narrative")).to_have_attribute("data-step", "2")
    page.keyboard.press("End")
    page.click("#next", force=True)
    assert page.locator("#next").is_disabled()
    expect(page.locator("#step-count")).to_have_text("15 / 15")
    assert "event=" not in page.url  # the closing overview links to no event
    assert watched.errors == []


def test_export_on_a_phone(browser: object, exported: Path) -> None:
    watched = open_offline(browser, exported, width=390, height=844)
    page = watched.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    map_box = page.locator("#map").bounding_box()
    text_box = page.locator("#narrative").bounding_box()
    assert map_box["y"] + map_box["height"] <= text_box["y"]
    shoot(page, "export-phone")
    assert watched.errors == []


def test_static_site_index_opens_each_story_offline(browser: object, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert (
        main(["export", str(ROOT / "geodata" / "stories"), "--format", "site", "-o", str(site)])
        == 0
    )
    watched = Watched(browser.new_page(viewport={"width": 1000, "height": 700}))
    page = watched.page
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.goto((site / "index.html").as_uri())
    expect(page.locator("h2").first).to_contain_text("Rusia dan Korea Utara")
    shoot(page, "site-index")
    page.get_by_role("link", name="Russia and North Korea, ever closer").click()
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    expect(page.locator("#title")).to_have_text("Russia and North Korea, ever closer")
    assert watched.errors == []


def test_the_kursk_region_is_drawn_as_its_area(browser: object, exported: Path) -> None:
    """A region with an outline is an area on the map, not a dot: faint in the overview,
    filled in its event's colour at its step, faint again once past."""
    watched = open_offline(browser, exported)
    page = watched.page
    areas = ".leaflet-story-areas-pane path"
    assert page.locator(areas).count() == 1  # the overview shows every place, the area too
    assert page.locator(areas).first.get_attribute("fill-opacity") == "0.07"
    page.goto(exported.as_uri() + "#event=kursk-acknowledged&lang=en")
    page.reload()
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    expect(page.locator("#narrative")).to_contain_text("Kursk")
    wait_until(page, f"document.querySelectorAll('{areas}').length === 1")
    area = page.locator(areas).first
    box = area.bounding_box()
    assert box is not None and box["width"] > 20 and box["height"] > 15  # an area, not a dot
    assert float(area.get_attribute("fill-opacity")) == 0.2  # current: its colour, filled
    shoot(page, "export-kursk-area")
    page.focus("#slider")
    page.keyboard.press("ArrowRight")
    wait_until(page, f"document.querySelector('{areas}').getAttribute('fill-opacity') === '0.07'")
    assert watched.errors == []
