"""Helpers for the real-browser tests: an offline page that records errors, the map frame.

No test here reaches the internet: every request that does not go to our own
server is answered locally (map tiles get a blank PNG) or refused. In CI a missing
browser is a failure, not a skip.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from app_server import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def _transparent_tile() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (256, 256), (0, 0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


BLANK_TILE = _transparent_tile()
# Chromium's notes about sandbox features it does not know; not errors of ours.
HARMLESS_CONSOLE = ("Unrecognized feature:", "can escape its sandboxing")


@dataclass
class Watched:
    """A page with its console errors, page errors and dialogs recorded."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _offline_routes(route: object) -> None:
    url = route.request.url
    if url.startswith(("http://127.0.0.1", "http://localhost", "file:")):
        route.continue_()
    elif "tile" in url or "basemaps" in url:
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    else:
        route.abort()


def open_page(browser: object, width: int = 1400, height: int = 900) -> Watched:
    return watch(browser.new_page(viewport={"width": width, "height": height}))


def watch(page: object) -> Watched:
    """``page`` kept offline, its errors and dialogs recorded (a tab of a shared context)."""
    watched = Watched(page)
    page.route("**/*", _offline_routes)

    def on_console(message: object) -> None:
        if message.type != "error" or any(h in message.text for h in HARMLESS_CONSOLE):
            return
        if "/_stcore/" in message.location.get("url", "") and "404" in message.text:
            return  # Streamlit probing for its base path when a page is opened by its own URL
        watched.errors.append(message.text)

    def on_dialog(dialog: object) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("dialog", on_dialog)
    return watched


def component_frame(
    page: object, component: str, ready: str, timeout_s: float, what: str
) -> object:
    """The frame of our Streamlit ``component`` (by name in its address), once ``ready`` is true."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if component in frame.url:
                try:
                    if frame.evaluate(ready):
                        return frame
                except Exception:  # the frame may be replaced while the page settles
                    pass
        page.wait_for_timeout(200)
    raise AssertionError(f"{what} did not load in the page")


def reader_frame(page: object, timeout_s: float = 30) -> object:
    """The map component's frame, once its reader has drawn the first step."""
    return component_frame(
        page, "storymap_reader", "Boolean(window.storyReader)", timeout_s, "the story map"
    )


def drawn_markers(frame: object) -> int:
    """Circle markers on the map right now (precision circles excluded), by Leaflet's API.

    ``frame`` is the app's map frame, or a page running the reader itself (an export).
    """
    return frame.evaluate(
        "(() => { let n = 0; window.storyReader.map.eachLayer(l => {"
        " if (l instanceof L.CircleMarker && !(l instanceof L.Circle)) n++; }); return n; })()"
    )


def drawn_routes(frame: object) -> int:
    """Route lines on the map right now (polylines that are not polygons), by Leaflet's API."""
    return frame.evaluate(
        "(() => { let n = 0; window.storyReader.map.eachLayer(l => {"
        " if (l instanceof L.Polyline && !(l instanceof L.Polygon)) n++; }); return n; })()"
    )


# Records, in the first animation frame after each keydown, what every part of the reader
# shows: a step is done when the map, the narrative, the slider and the counter all agree.
STEP_PROBE = """() => {
  window.__frames = [];
  document.addEventListener('keydown', () => requestAnimationFrame(() => {
    const reader = window.storyReader;
    const narrative = document.getElementById('narrative');
    window.__frames.push({
      step: Number(document.documentElement.dataset.step),
      narrative: Number(narrative.dataset.step),
      slider: Number(document.getElementById('slider').value),
      count: document.getElementById('step-count').textContent,
      mapEvents: reader.root.dataset.currentEvents,
      titles: [...narrative.querySelectorAll('h3')].map(h => h.textContent),
    });
  }), true);
}"""

# What a step should show, from the reader's own payload.
EXPECTED_STEP = """(step) => {
  const reader = window.storyReader;
  const events = reader.data.steps[step].events;
  return {
    mapEvents: events.map(i => reader.data.events[i].id).join(' '),
    titles: events.length ? events.map(i => reader.text.events[i].title)
      : [step === 0 ? 'overview-start' : 'overview-end'],
    count: `${step + 1} / ${reader.data.steps.length}`,
  };
}"""


def assert_step_shown_together(frame: object, record: dict) -> None:
    """The map, the narrative, the slider and the counter show one and the same step."""
    step = record["step"]
    expected = frame.evaluate(EXPECTED_STEP, step)
    assert record["narrative"] == record["slider"] == step, record
    assert record["count"] == expected["count"], record
    assert record["mapEvents"] == expected["mapEvents"], record
    if expected["titles"][0].startswith("overview"):
        assert len(record["titles"]) == 1, record
    else:
        assert record["titles"] == expected["titles"], record


def shoot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_until(target: object, expression: str, timeout_s: float = 30) -> None:
    """Wait until ``expression`` is true in ``target`` (a page or frame), polled from here.

    Playwright's ``wait_for_function`` re-evaluates its string with ``eval`` on each
    animation frame, which an export's Content-Security-Policy (no 'unsafe-eval') refuses
    whenever the first check is false. ``evaluate`` goes through DevTools and is exempt.
    """
    deadline = time.monotonic() + timeout_s
    while not target.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout_s:g} s: {expression}")
        time.sleep(0.02)


def open_file(
    browser: object, path: Path, link: str = "", width: int = 1280, height: int = 720,
    clock: bool = False, reader: bool = True,
) -> Watched:  # fmt: skip
    """A page of a file on disk (an export) that may read local files and nothing else;
    every other request is refused and recorded; with ``reader``, once its reader is ready.
    With ``clock``, the page's timers run only when the test says (Playwright's clock)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    if clock:
        page.clock.install()
    watched = Watched(page)

    def only_files(route: object) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            watched.requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (watched.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri() + link)
    if reader:
        wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    return watched
