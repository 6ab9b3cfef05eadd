"""5,000 events: holding a key down never leaves the reader between two steps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import AppServer, start_app
from browser_helpers import (
    STEP_PROBE,
    assert_step_shown_together,
    open_page,
    reader_frame,
    wait_until,
)

from storymap.cli import main
from storymap.story_writer import story_text
from storymap.synthetic import synthetic_story, write_synthetic_story

pytestmark = pytest.mark.browser
EVENTS = 5000


@pytest.fixture(scope="module")
def big_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_story(EVENTS, tmp_path_factory.mktemp("big") / "big.yaml")


@pytest.fixture(scope="module")
def big_server(big_story: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_app(big_story, tmp_path_factory.mktemp("big-app"), tiles="offline")
    yield server
    server.stop()


def hold_arrow_right(page: object, frame: object, presses: int = 40) -> int:
    """Press ArrowRight ``presses`` times, each as soon as the last was sent (a held key, as
    fast as this machine's browser takes keys: a count, not a time, so a busy machine
    presses as often as an idle one); returns the presses."""
    frame.evaluate(STEP_PROBE)
    frame.focus("#slider")
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    return presses


@pytest.mark.parametrize("path", ["/reader", "/presenter"])
def test_holding_arrow_right_through_5000_events(
    browser: object, big_server: AppServer, path: str
) -> None:
    watched = open_page(browser, width=1280, height=800)
    page = watched.page
    page.goto(big_server.url + path + "?event=event-100")
    frame = reader_frame(page, timeout_s=90)
    start = int(frame.evaluate("document.documentElement.dataset.step"))
    assert start == 101
    presses = hold_arrow_right(page, frame)
    wait_until(frame, f"window.__frames.length >= {presses}", 10)
    last = frame.evaluate("window.__frames.at(-1)")
    assert last["step"] == start + presses
    assert_step_shown_together(frame, last)
    # the server hears the last step afterwards, and the address names its event
    event = frame.evaluate(
        f"window.storyReader.data.events[window.storyReader.data.steps[{last['step']}].events[0]].id"
    )
    page.wait_for_url(f"**event={event}&**", timeout=15_000)
    assert int(frame.evaluate("document.documentElement.dataset.step")) == start + presses
    assert watched.errors == []


def test_holding_arrow_right_in_the_exported_page(
    browser: object, big_story: Path, tmp_path: Path
) -> None:
    page_file = tmp_path / "big.html"
    assert main(["export", str(big_story), "--format", "html", "-o", str(page_file)]) == 0
    watched = open_page(browser, width=1280, height=800)
    page = watched.page
    page.goto(page_file.as_uri() + "#event=event-4000")
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'", 60)
    presses = hold_arrow_right(page, page)
    wait_until(page, f"window.__frames.length >= {presses}", timeout_s=10)
    last = page.evaluate("window.__frames.at(-1)")
    assert last["step"] == min(4001 + presses, EVENTS + 1)
    assert_step_shown_together(page, last)
    assert watched.errors == []


# Each event's dot on a long story's strip: {x, colour, vague} per event, and which of the
# strip's paths have a stroke there (a person sees a dot of that colour, hollow or solid).
STRIP_DOTS = """() => {
  const reader = window.storyReader, data = reader.data;
  const paths = [...document.querySelectorAll('#strip path')];
  const point = (x) => { const p = document.getElementById('strip').createSVGPoint(); p.x = x; p.y = 8; return p; };
  return data.events.map((event) => {
    const x = Math.round(reader.stripX(event.step));
    const drawn = paths.filter((path) => path.isPointInStroke(point(x))).map((path) => path.getAttribute('stroke'));
    return { x, colour: data.colours[event.category], exact: event.exact, drawn };
  });
}"""


def test_a_long_storys_strip_has_a_dot_for_every_event(browser: object, tmp_path: Path) -> None:
    """Past 300 events the strip draws a dot per pixel and colour, not an element per event:
    every event still has a dot of its category's colour, hollow (a white centre) only where
    every event at that pixel has a vague date."""
    story = synthetic_story(EVENTS)
    for n, event in enumerate(story["events"]):
        if 1000 <= n < 1400 or n % 7 == 3:  # a month, not a day: a vague date
            event["date"] = event["date"][:7]
    story_file = tmp_path / "vague.yaml"
    story_file.write_text(story_text(story, "vague dates"), encoding="utf-8")
    page_file = tmp_path / "vague.html"
    assert main(["export", str(story_file), "--format", "html", "-o", str(page_file)]) == 0
    watched = open_page(browser, width=1280, height=800)
    watched.page.goto(page_file.as_uri())
    wait_until(
        watched.page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'", 60
    )
    dots = watched.page.evaluate(STRIP_DOTS)
    assert len(dots) == EVENTS
    assert all(dot["colour"] in dot["drawn"] for dot in dots)
    by_x: dict[int, list[dict]] = {}
    for dot in dots:
        by_x.setdefault(dot["x"], []).append(dot)
    hollow = {x for x, here in by_x.items() if not any(dot["exact"] for dot in here)}
    assert hollow and len(hollow) < len(by_x)  # both kinds are on this strip
    for x, here in by_x.items():
        assert ("#fff" in here[0]["drawn"]) == (x in hollow), x
    assert watched.errors == []
