"""Every screen size (issue 11): nothing clipped, nothing covering the controls, the map leads.

The reader page, the presenter page, the data page and the single-file export, at a laptop,
a wide laptop, a desktop, a tablet and a phone (and a projector for the presenter). At each
size: no horizontal scroll, the language switch and every control of the reader inside the
viewport with nothing on top of it, the timeline's years apart, and on a phone the current
event's headline and first lines on the first screen while stepping. Each size leaves a
screenshot in test-artifacts/ and its measures in test-artifacts/screens.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from browser_helpers import (
    ARTIFACTS,
    Watched,
    open_file,
    open_page,
    reader_frame,
    shoot,
    wait_until,
)
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("close_pages")]

SCREENS = {
    "laptop": (1280, 800),
    "laptop-wide": (1366, 768),
    "desktop": (1920, 1080),
    "tablet": (768, 1024),
    "phone": (390, 844),
}
PROJECTOR = (1280, 720)
WIDE = ("laptop", "laptop-wide", "desktop", "projector")  # the map beside the narrative
STEPS = 15
READER_CONTROLS = ["#prev", "#play", "#next", "#slider", "#step-count", ".leaflet-control-zoom-in",
                   ".leaflet-control-zoom-out", ".leaflet-control-layers-toggle", ".legend summary"]  # fmt: skip
PRESENTER_CONTROLS = [*READER_CONTROLS, "#question-toggle", "#blank-toggle", "#speaker-open"]
APP_SWITCH = "[data-testid='stButtonGroup'] button"
EXPORT_SWITCH = ".languages button"

# Where each element matched by a selector is, and whether a person can see and hit it: its
# box, the element at its centre (it or a child must be there, not something on top), the
# first ancestor that clips it (overflow other than visible), and the viewport's size.
PLACES = """(selectors) => {
  const name = (e) => !e ? 'nothing' : e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  return selectors.map((selector) => [...document.querySelectorAll(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    let clippedBy = null;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
        clippedBy = name(a); break;
      }
    }
    return {selector, element: name(el), x: r.left, y: r.top, w: r.width, h: r.height,
            onTop: Boolean(hit) && (hit === el || el.contains(hit)), hit: name(hit), clippedBy};
  }));
}"""

# Widths that scroll sideways: the document's, and Streamlit's main area (its scroll container).
SIDEWAYS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  return {viewport: window.innerWidth, document: document.documentElement.scrollWidth,
          main: main ? main.scrollWidth : 0, mainClient: main ? main.clientWidth : 0};
}"""

# The timeline's year labels, as drawn (their boxes), left to right.
YEAR_BOXES = """() => [...document.querySelectorAll('#strip text')].map((t) => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
}).sort((a, b) => a.left - b.left)"""

# The current step's first headline and the paragraph of text after it (its date and places
# skipped), with the text's line height.
FIRST_WORDS = """() => {
  const narrative = document.getElementById('narrative');
  const heading = narrative.querySelector('h3');
  let text = heading.nextElementSibling;
  while (text && (text.tagName !== 'P' || text.classList.contains('places'))) text = text.nextElementSibling;
  const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const hit = document.elementFromPoint(box(heading).x + 10, box(heading).y + box(heading).h / 2);
  return {step: Number(narrative.dataset.step), heading: box(heading), text: box(text),
          line: parseFloat(getComputedStyle(text).lineHeight), headingOnTop: narrative.contains(hit),
          panelTop: document.getElementById('panel').scrollTop};
}"""

# The date in the control bar: whole (no line of it outside its box).
DATE_FITS = """() => {
  const d = document.getElementById('date-label');
  return {text: d.textContent, fits: d.scrollWidth <= d.clientWidth + 1 && d.scrollHeight <= d.clientHeight + 1};
}"""

measures: dict[str, dict] = {}


@pytest.fixture(scope="module", autouse=True)
def write_measures() -> Iterator[None]:
    """The sizes measured at every screen, for the report and the README."""
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "screens.json").write_text(json.dumps(measures, indent=1, sort_keys=True))


def places(frame: object, selectors: list[str]) -> list[dict]:
    found = frame.evaluate(PLACES, selectors)
    for selector, matches in zip(selectors, found, strict=True):
        assert matches, f"nothing matches {selector}"
    return [place for matches in found for place in matches]


def assert_no_sideways_scroll(frame: object, where: str) -> None:
    widths = frame.evaluate(SIDEWAYS)
    assert widths["document"] <= widths["viewport"], (where, widths)
    assert widths["main"] <= widths["mainClient"], (where, widths)


def assert_seen_and_free(
    found: list[dict], width: int, height: int, offset: dict | None = None
) -> None:
    """Each element lies inside the viewport, unclipped, with nothing on top of it."""
    dx, dy = (offset["x"], offset["y"]) if offset else (0, 0)
    for place in found:
        assert place["w"] > 0 and place["h"] > 0, place
        assert place["x"] + dx >= -0.5 and place["y"] + dy >= -0.5, place
        assert place["x"] + dx + place["w"] <= width + 0.5, (width, place)
        assert place["y"] + dy + place["h"] <= height + 0.5, (height, place)
        assert place["clippedBy"] is None, place
        assert place["onTop"], place


def assert_frame_not_covered(page: object, frame_box: dict, found: list[dict]) -> None:
    """Nothing of the page (a header, a toolbar) lies over the reader's frame at a control."""
    for place in found:
        x = frame_box["x"] + place["x"] + place["w"] / 2
        y = frame_box["y"] + place["y"] + place["h"] / 2
        tag = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); return e && e.tagName; }", [x, y])  # fmt: skip
        assert tag == "IFRAME", (place, tag)


def assert_years_apart(frame: object) -> list[str]:
    years = frame.evaluate(YEAR_BOXES)
    assert years, "the timeline shows no year"
    width = frame.evaluate("window.innerWidth")
    for left, right in pairwise(years):
        assert left["right"] + 2 <= right["left"], (left, right)
    assert years[0]["left"] >= 0 and years[-1]["right"] <= width, years
    return [year["text"] for year in years]


def assert_legend_clear(frame: object) -> None:
    """The map's attribution never lies over the legend's Categories button."""
    boxes = frame.evaluate(
        "['.legend summary', '.leaflet-control-attribution'].map((s) => {"
        " const r = document.querySelector(s).getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })"
    )
    legend, attribution = boxes
    apart = (legend[2] <= attribution[0] or attribution[2] <= legend[0]
             or legend[3] <= attribution[1] or attribution[3] <= legend[1])  # fmt: skip
    assert apart, boxes


def assert_first_words_visible(frame: object, frame_box: dict, height: int) -> dict:
    """The headline and two lines of the current event's text on the first screen."""
    words = frame.evaluate(FIRST_WORDS)
    assert words["headingOnTop"], words
    assert words["panelTop"] == 0, words
    top = frame_box["y"] if frame_box else 0
    assert top + words["heading"]["y"] >= 0, words
    assert top + words["heading"]["y"] + words["heading"]["h"] <= height, words
    assert top + words["text"]["y"] + 2 * words["line"] <= height, words
    return words


def check_reader(watched: Watched, name: str, controls: list[str], switch: str, frame: object,
                 frame_box: dict | None) -> dict:  # fmt: skip
    """Everything every reader must pass at every size; returns the map's box."""
    page = watched.page
    shoot(page, f"screen-{name}")
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert_no_sideways_scroll(page, f"{name}: page")
    if frame is not page:
        assert_no_sideways_scroll(frame, f"{name}: reader frame")
    assert_seen_and_free(places(page, [switch]), width, height)
    found = places(frame, controls)
    assert_seen_and_free(found, width, height, frame_box)
    if frame_box:
        assert_frame_not_covered(page, frame_box, found)
    assert_legend_clear(frame)
    years = assert_years_apart(frame)
    map_box = frame.locator("#map").bounding_box()  # in the page's viewport, frame or not
    measures[name] = {"viewport": [width, height], "map": [round(map_box["width"]), round(map_box["height"])],
                      "map_top_left": [round(map_box["x"]), round(map_box["y"])], "years": years}  # fmt: skip
    return map_box


def assert_dates_whole(frame: object) -> None:
    """The date in the control bar is never cut, at any step (it was: "3 September 20…")."""
    for step in range(STEPS):
        frame.evaluate(f"window.storyReader.goTo({step}, {{animate: false}})")
        date = frame.evaluate(DATE_FITS)
        assert date["fits"], ("the date is cut off", step, date)


def assert_map_leads(name: str, screen: str, map_box: dict, width: int, height: int) -> None:
    """Beside the narrative, the map takes most of the width and the height (the presenter half
    the width: the projector's large type needs a wider panel); above it, the full width and at
    least a third of the height."""
    if screen in WIDE:
        least = ((0.5 if name == "presenter" else 0.6) * width, 0.6 * height)
    else:
        least = (0.9 * width - 40, 0.3 * height)
    assert map_box["width"] >= least[0] and map_box["height"] >= least[1], (name, map_box, least)


def open_app(browser: object, url: str, size: tuple[int, int]) -> tuple[Watched, object, dict]:
    watched = open_page(browser, *size)
    watched.page.goto(url)
    frame = reader_frame(watched.page)
    wait_until(frame, "window.storyReader.map._animatingZoom !== true")
    return watched, frame, watched.page.locator("iframe[title*='storymap_reader']").bounding_box()


@pytest.mark.parametrize("screen", SCREENS)
def test_reader_page_fits_every_screen(browser: object, story_server: object, screen: str) -> None:
    width, height = SCREENS[screen]
    watched, frame, frame_box = open_app(browser, f"{story_server.url}/reader?event=road-bridge", (width, height))  # fmt: skip
    map_box = check_reader(watched, f"reader-{screen}", READER_CONTROLS, APP_SWITCH, frame, frame_box)  # fmt: skip
    assert_map_leads("reader", screen, map_box, width, height)
    assert frame_box["y"] + frame_box["height"] <= height + 1  # the whole reader on the screen
    assert_dates_whole(frame)
    if screen == "phone":  # the words stay in view below the map while stepping
        frame.evaluate("window.storyReader.goTo(0, {fromUser: true, animate: false})")
        for step in range(STEPS):
            words = assert_first_words_visible(frame, frame_box, height)
            assert words["step"] == step
            if step < STEPS - 1:
                frame.locator("#next").click()
                expect(frame.locator("#narrative")).to_have_attribute("data-step", str(step + 1))
    assert watched.errors == []


@pytest.mark.parametrize("screen", [*SCREENS, "projector"])
def test_presenter_page_fits_every_screen(browser: object, story_server: object, screen: str) -> None:  # fmt: skip
    width, height = PROJECTOR if screen == "projector" else SCREENS[screen]
    url = f"{story_server.url}/presenter?event=road-bridge"
    watched, frame, frame_box = open_app(browser, url, (width, height))
    map_box = check_reader(watched, f"presenter-{screen}", PRESENTER_CONTROLS, APP_SWITCH, frame, frame_box)  # fmt: skip
    assert_map_leads("presenter", screen, map_box, width, height)
    assert frame_box["y"] + frame_box["height"] <= height + 1
    assert_dates_whole(frame)
    assert watched.errors == []


def test_data_page_fits_every_screen(browser: object, story_server: object) -> None:
    """One page, resized through every screen (nothing on it is laid out once at load)."""
    watched = open_page(browser, *SCREENS["laptop"])
    page = watched.page
    page.goto(f"{story_server.url}/data")
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2, timeout=30_000)
    for screen, (width, height) in SCREENS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)  # Streamlit's columns settle after a resize
        assert_no_sideways_scroll(page, f"data-{screen}")
        assert_seen_and_free(places(page, [APP_SWITCH]), width, height)
        shoot(page, f"screen-data-{screen}")
    assert watched.errors == []


@pytest.mark.parametrize("screen", SCREENS)
def test_export_fits_every_screen(browser: object, exported_story: Path, screen: str) -> None:
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    watched = Watched(page)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())  # fmt: skip
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.goto(exported_story.as_uri() + "#event=road-bridge")
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    map_box = check_reader(watched, f"export-{screen}", READER_CONTROLS, EXPORT_SWITCH, page, None)
    assert_map_leads("export", screen, map_box, width, height)
    assert_dates_whole(page)
    if screen == "phone":
        page.evaluate("window.storyReader.goTo(0, {fromUser: true, animate: false})")
        for step in range(STEPS):
            assert assert_first_words_visible(page, None, height)["step"] == step
            if step < STEPS - 1:
                page.locator("#next").click()
    assert watched.errors == []


@pytest.mark.parametrize("size", [PROJECTOR, (1024, 768)])
def test_the_export_presents_at_projector_scale_without_scrolling(
    browser: object, exported_story: Path, size: tuple[int, int]
) -> None:
    """The single file opened with #present: the whole window is the slide, nothing scrolls."""
    width, height = size
    watched = open_file(browser, exported_story, "#present&event=road-bridge", width, height)
    page = watched.page
    assert page.evaluate("window.storyReader.mode") == "presenter"
    sizes = page.evaluate(
        "[document.documentElement.scrollHeight, document.documentElement.scrollWidth]"
    )
    assert sizes[0] <= height and sizes[1] <= width, sizes
    found = places(page, PRESENTER_CONTROLS)
    assert_seen_and_free(found, width, height)
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#narrative p')).fontSize)") >= 24  # fmt: skip
    assert_dates_whole(page)
    shoot(page, f"export-present-{width}x{height}")
    assert watched.errors == []
