"""Accessibility (issue 11): axe-core finds nothing serious, the keyboard does everything, the
focus shows, and a reader who asked for less motion gets no flying map.

axe-core comes from npm (``make test`` installs it into node_modules/); it is injected into
the page and into the reader's frame, since axe must run in each frame it checks. Its
moderate and minor findings are written to test-artifacts/axe.json for the report.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import ARTIFACTS, ROOT, Watched, open_page, reader_frame, wait_until
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("close_pages")]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
findings: dict[str, list[dict]] = {}

# The whole page, frames included; what each rule found, and whether the reader's frame was
# looked into (some checked node's target is a path through a frame: [iframe, selector]).
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations', 'passes']});
  const brief = (v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary}))});
  const framed = result.passes.some((rule) => rule.nodes.some((n) => n.target.length > 1));
  return {violations: result.violations.map(brief), framed};
}"""

# The focused element (in whichever document has it), and how its focus is drawn.
FOCUSED = """() => {
  let doc = document, el = document.activeElement;
  while (el && el.tagName === 'IFRAME' && el.contentDocument) { doc = el.contentDocument; el = doc.activeElement; }
  if (!el || el === doc.body) return null;
  const style = doc.defaultView.getComputedStyle(el);
  const name = el.id ? '#' + el.id : el.tagName.toLowerCase()
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return {name, outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          boxShadow: style.boxShadow, hidden: el.closest('[aria-hidden=true]') !== null};
}"""


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.exists():
        message = f"axe-core is not at {AXE}: `make test` installs it (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.fixture(scope="module", autouse=True)
def write_findings() -> Iterator[None]:
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(findings, indent=1, ensure_ascii=False))


def check_with_axe(page: object, frames: list[object], name: str, axe: Path) -> None:
    """No serious or critical violation in the page and its reader frame."""
    for frame in frames:
        if not frame.evaluate("Boolean(window.axe)"):
            # through DevTools: the pages' Content-Security-Policy refuses an added inline script
            frame.evaluate(axe.read_text(encoding="utf-8"))
    result = page.evaluate(RUN_AXE)
    if len(frames) > 1:
        assert result["framed"], f"{name}: axe did not look into the reader's frame"
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    findings[name] = [v for v in result["violations"] if v["impact"] not in BLOCKING]
    assert blocking == [], f"{name}: {json.dumps(blocking, indent=1, ensure_ascii=False)}"


def open_export(browser: object, path: Path, width: int = 1280, height: int = 800, link: str = "") -> Watched:  # fmt: skip
    """The export from disk, nothing else reachable. Its Content-Security-Policy admits only its
    own scripts (by hash), so the context bypasses it to let the test inject axe-core."""
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    watched = Watched(page)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())  # fmt: skip
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.goto(path.as_uri() + link)
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")  # fmt: skip
    return watched


def switch_to_english(page: object) -> None:
    page.locator("[data-testid='stButtonGroup'] button", has_text="English").click()
    page.wait_for_url("**lang=en**")


def test_axe_reader_page_in_both_languages(browser: object, story_server: object, axe: Path) -> None:  # fmt: skip
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.goto(f"{story_server.url}/reader?event=beijing-tribute")  # a step with a quotation
    frame = reader_frame(page)
    check_with_axe(page, [page.main_frame, frame], "reader-id-1280x800", axe)
    switch_to_english(page)
    expect(frame.locator("#narrative")).to_contain_text("Putin pays tribute")
    page.set_viewport_size({"width": 390, "height": 844})  # the phone's layout, same words
    frame.evaluate("document.querySelector('.legend').open = true")
    check_with_axe(page, [page.main_frame, frame], "reader-en-390x844", axe)
    assert watched.errors == []


def test_axe_front_door_in_both_languages(browser: object, story_server: object, axe: Path) -> None:  # fmt: skip
    """The app's "/", the light page readers meet first, with its links to the app's pages."""
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.goto(f"{story_server.url}/")
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    page.locator("#list-heading").click()  # the list of events open, the links below it
    expect(page.locator("nav.app-pages a")).to_have_count(3)
    check_with_axe(page, [page.main_frame], "front-door-id-1280x800", axe)
    page.locator("[data-lang=en]").click()
    wait_until(page, "window.storyReader.lang === 'en' && document.documentElement.lang === 'en'")
    page.set_viewport_size({"width": 390, "height": 844})
    check_with_axe(page, [page.main_frame], "front-door-en-390x844", axe)
    assert watched.errors == []


def test_axe_presenter_page_and_speaker_view_in_both_languages(browser: object, story_server: object, axe: Path) -> None:  # fmt: skip
    watched = open_page(browser, 1280, 720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=pyongyang-museum")
    frame = reader_frame(page)
    frame.locator("#question-toggle").click()  # the question on a slide of its own
    expect(frame.locator("#narrative .question")).to_be_in_viewport()
    check_with_axe(page, [page.main_frame, frame], "presenter-id", axe)
    switch_to_english(page)
    expect(frame.locator("#narrative .question")).to_contain_text("How can a museum serve")
    check_with_axe(page, [page.main_frame, frame], "presenter-en", axe)
    with page.context.expect_page() as opened:
        frame.locator("#speaker-open").click()
    speaker = opened.value
    expect(speaker.locator(".speaker-notes")).to_contain_text("How can a museum serve")
    check_with_axe(speaker, [speaker.main_frame], "speaker-view-en", axe)
    assert watched.errors == []


def test_axe_data_page_in_both_languages(browser: object, story_server: object, axe: Path) -> None:  # fmt: skip
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.goto(f"{story_server.url}/data")
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2, timeout=30_000)
    check_with_axe(page, [page.main_frame], "data-id", axe)
    switch_to_english(page)
    expect(page.locator(".storymap-header h1")).to_have_text("Story data")
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(2)
    check_with_axe(page, [page.main_frame], "data-en", axe)
    assert watched.errors == []


def test_axe_export_in_both_languages(browser: object, exported_story: Path, axe: Path) -> None:
    watched = open_export(
        browser, exported_story, link="#event=beijing-tribute"
    )  # with a quotation
    page = watched.page
    page.locator("details summary").first.click()  # the text list of every event, open
    check_with_axe(page, [page.main_frame], "export-id-1280x800", axe)
    page.click("button[data-lang=en]")
    expect(page.locator("#narrative")).to_contain_text("Putin pays tribute")
    page.set_viewport_size({"width": 390, "height": 844})
    check_with_axe(page, [page.main_frame], "export-en-390x844", axe)
    assert watched.errors == []


def test_axe_light_page_in_both_languages(browser: object, story_server: object, axe: Path) -> None:  # fmt: skip
    """The light page (/read/<story-id>/): the export's page served by the app."""
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.goto(f"{story_server.url}/read/russia-north-korea/#event=beijing-tribute")
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")  # fmt: skip
    page.locator("details summary").first.click()
    check_with_axe(page, [page.main_frame], "light-id-1280x800", axe)
    page.click("button[data-lang=en]")
    expect(page.locator("#narrative")).to_contain_text("Putin pays tribute")
    page.set_viewport_size({"width": 390, "height": 844})
    check_with_axe(page, [page.main_frame], "light-en-390x844", axe)
    assert watched.errors == []


def tab_through(page: object, stop: str, limit: int = 40) -> list[dict]:
    """Press Tab until the element named ``stop`` has the focus; what had it, in order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused:
            seen.append(focused)
            if focused["name"] == stop:
                return seen
    raise AssertionError(f"Tab never reached {stop}: {[f['name'] for f in seen]}")


def assert_focus_drawn(seen: list[dict]) -> None:
    for focused in seen:
        assert not focused["hidden"], f"{focused['name']} is focusable inside aria-hidden"
        outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2
        assert outline or focused["boxShadow"] != "none", f"no visible focus on {focused}"


# Leaflet's layer list cancels clicks in it until the timer it set on opening has run
# (L.Control.Layers._expandSafely); a timer set after that one runs after it.
LEAFLET_TIMER_TURN = "new Promise((done) => setTimeout(done))"
# The base maps on the map now, by name.
SHOWN_BASES = "(() => { const r = window.storyReader; return Object.keys(r.layers.bases).filter((n) => r.map.hasLayer(r.layers.bases[n])); })()"

READER_STOPS = ["#map", "a.leaflet-control-zoom-in", "a.leaflet-control-zoom-out",
                "a.leaflet-control-layers-toggle", "summary", "#panel", "#prev", "#play", "#next", "#slider"]  # fmt: skip


def test_keyboard_reaches_and_uses_every_reader_control(browser: object, story_server: object) -> None:  # fmt: skip
    """Tab from the language switch through the reader: each control shows its focus, and
    Enter or Space does what a click does."""
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.goto(f"{story_server.url}/reader?event=road-bridge")
    frame = reader_frame(page)
    step = frame.locator("#narrative")
    page.locator("[data-testid='stButtonGroup'] button").first.focus()
    seen = tab_through(page, "#slider")
    names = [focused["name"] for focused in seen]
    for stop in READER_STOPS:
        assert any(name.startswith(stop) for name in names), (stop, names)
    assert_focus_drawn(seen)

    zoom = frame.evaluate("window.storyReader.map.getZoom()")
    frame.focus(".leaflet-control-zoom-in")
    page.keyboard.press("Enter")
    wait_until(frame, f"window.storyReader.map.getZoom() > {zoom}")
    frame.focus(".legend summary")
    was_open = frame.evaluate("document.querySelector('.legend').open")
    page.keyboard.press("Enter")
    assert frame.evaluate("document.querySelector('.legend').open") is not was_open
    frame.focus(".leaflet-control-layers-toggle")  # the base maps: open the list, pick another
    page.keyboard.press("Enter")
    expect(frame.locator(".leaflet-control-layers")).to_have_class(re.compile("expanded"))
    frame.evaluate(LEAFLET_TIMER_TURN)  # until then Leaflet cancels clicks in the list it opened
    frame.focus(".leaflet-control-layers-base input:checked")
    before = frame.evaluate(SHOWN_BASES)
    page.keyboard.press("ArrowDown")
    wait_until(frame, f"JSON.stringify({SHOWN_BASES}) !== {json.dumps(json.dumps(before))}")

    frame.focus("#next")
    page.keyboard.press("Enter")
    expect(step).to_have_attribute("data-step", "6")
    page.keyboard.press("Space")
    expect(step).to_have_attribute("data-step", "7")
    frame.focus("#prev")
    page.keyboard.press("Space")
    expect(step).to_have_attribute("data-step", "6")
    frame.focus("#slider")
    page.keyboard.press("ArrowRight")
    expect(step).to_have_attribute("data-step", "7")
    frame.focus("#play")
    page.keyboard.press("Space")
    expect(frame.locator("#play")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(frame.locator("#play")).to_have_attribute("aria-pressed", "false")
    assert frame.evaluate("window.storyReader.timer") is None
    assert frame.locator("#strip").get_attribute("aria-hidden") == "true"  # the slider does its job
    page.locator("[data-testid='stButtonGroup'] button", has_text="English").focus()
    page.keyboard.press("Space")  # the language switch, by keyboard too
    expect(frame.locator("#slider")).to_have_attribute("aria-label", "Event date")
    expect(frame.locator("#panel-heading")).to_have_text("Current event")
    assert watched.errors == []


def test_keyboard_presenter_toggles_and_focus(browser: object, story_server: object) -> None:
    watched = open_page(browser, 1280, 720)
    page = watched.page
    page.goto(f"{story_server.url}/presenter?event=pyongyang-museum")
    frame = reader_frame(page)
    frame.focus("#slider")
    seen = []
    for _ in range(3):  # back from the slider over the presenter's own buttons
        page.keyboard.press("Shift+Tab")
        seen.append(page.evaluate(FOCUSED))
    assert [focused["name"] for focused in seen] == ["#speaker-open", "#blank-toggle", "#question-toggle"]  # fmt: skip
    assert_focus_drawn(seen)
    page.keyboard.press("Enter")
    expect(frame.locator("#narrative .question")).to_be_in_viewport()
    frame.focus("#blank-toggle")
    page.keyboard.press("Space")
    expect(page.locator("[data-storymap-blank]")).to_be_visible()
    page.keyboard.press("b")
    expect(page.locator("[data-storymap-blank]")).to_have_count(0)
    frame.focus("#speaker-open")
    with page.context.expect_page() as opened:
        page.keyboard.press("Space")
    expect(opened.value.locator(".speaker-notes")).to_contain_text("museum")
    assert watched.errors == []


def test_keyboard_in_the_export(browser: object, exported_story: Path) -> None:
    watched = open_export(
        browser, exported_story, link="#event=road-bridge"
    )  # ‹ is on (not step 0)
    page = watched.page
    seen = tab_through(page, "#slider")
    names = [focused["name"] for focused in seen]
    # the Present button, then the language switch, come first
    assert names[:3] == ["#present", "button", "button"], names
    for stop in READER_STOPS:
        assert any(name.startswith(stop) for name in names), (stop, names)
    assert_focus_drawn(seen)
    page.focus("button[data-lang=en]")
    page.keyboard.press("Enter")
    expect(page.locator("#title")).to_have_text("Russia and North Korea, ever closer")
    page.focus("#next")
    page.keyboard.press("Enter")
    expect(page.locator("#narrative")).to_have_attribute("data-step", "6")
    seen = tab_through(page, "#list-heading", limit=60)  # on, to the list of events
    assert_focus_drawn(seen[-1:])
    page.keyboard.press("Enter")
    expect(page.locator("#event-list li")).to_have_count(14)
    assert watched.errors == []


# Where the map is right after a click on › has been handled (in the same task), and whether
# a fly animation is running then.
WATCH_NEXT = """() => {
  const map = window.storyReader.map;
  document.getElementById('next').addEventListener('click', () => {
    window.__afterStep = {centre: map.getCenter(), zoom: map.getZoom(), flying: Boolean(map._flyToFrame)};
  });
}"""
SETTLED = "(() => { const m = window.storyReader.map; return {centre: m.getCenter(), zoom: m.getZoom()}; })()"


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_steps_without_flying(browser: object, story_server: object, motion: str) -> None:  # fmt: skip
    """Asked for less motion, a step puts the map at once where it ends; otherwise it flies."""
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.emulate_media(reduced_motion=motion)
    page.goto(f"{story_server.url}/reader?event=soviet-recognition")
    frame = reader_frame(page)
    frame.evaluate(WATCH_NEXT)
    frame.focus("#next")
    page.keyboard.press("Enter")
    expect(frame.locator("#narrative")).to_have_attribute("data-step", "2")
    after = frame.evaluate("window.__afterStep")
    page.wait_for_timeout(1500)  # longer than the 0.9 s flight
    settled = frame.evaluate(SETTLED)
    moved_later = after["zoom"] != settled["zoom"] or abs(after["centre"]["lat"] - settled["centre"]["lat"]) > 0.01 or abs(after["centre"]["lng"] - settled["centre"]["lng"]) > 0.01  # fmt: skip
    if motion == "reduce":
        assert not after["flying"] and not moved_later, (after, settled)
    else:  # the control: the same step does fly when motion is welcome
        assert after["flying"] and moved_later, (after, settled)
    assert watched.errors == []
