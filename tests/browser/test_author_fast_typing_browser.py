"""A fast typist loses nothing: each box is left for the next one at once, while the last
box's edit is still on its way to the server (and its run under way), and every text
typed is in the saved draft and in its box at the end."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from app_server import ROOT, AppServer
from author_helpers import SLOW, field, start_author_app, wait_idle
from browser_helpers import shoot, watch
from playwright.sync_api import expect

from storymap.authoring.paths import get_at
from storymap.authoring.store import DraftStore

pytestmark = pytest.mark.browser

STORY = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
# Box after box, as a person fills the story's header without stopping: (label, field).
BOXES = [
    ("Title · en", ("title", "en")),
    ("Title · id", ("title", "id")),
    ("Subtitle · en", ("subtitle", "en")),
    ("Outlet", ("source", "outlet")),
    ("The article's headline", ("source", "title")),
    ("Subtitle · id", ("subtitle", "id")),
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[AppServer]:
    running = start_author_app(STORY, tmp_path)
    yield running
    running.stop()


def stored(work: Path, token: str) -> dict:
    saved = DraftStore(work / "cache" / "drafts").load(token)
    return saved.record["data"] if saved is not None else {}


def wait_for_draft(work: Path, token: str, wanted: dict[tuple, str]) -> dict[tuple, object]:
    """What the draft holds at each field, once it holds all of ``wanted`` (or at the
    deadline): the draft on disk is the state waited on."""
    deadline = time.monotonic() + SLOW / 1000
    while True:
        data = stored(work, token)
        held = {path: get_at(data, path) for path in wanted}
        if held == wanted or time.monotonic() > deadline:
            return held
        time.sleep(0.2)


# Milliseconds between keys, one round each: a paste, a fast typist, a steady one.
KEY_DELAYS = (0, 15, 40)
CARD_BOXES = [
    ("Title · id", ("title", "id")),
    ("Title · en", ("title", "en")),
    ("Summary · id", ("summary", "id")),
    ("Summary · en", ("summary", "en")),
]


def open_story(page: object, url: str) -> str:
    """The story of the stories folder opened on /author; the draft's token."""
    page.goto(f"{url}/author?lang=en")
    page.get_by_role("tab", name="An existing story").click(timeout=SLOW)
    page.get_by_role("button", name="Open this story").click()
    field(page, "Title · en").wait_for(timeout=SLOW)
    wait_idle(page)
    return parse_qs(urlparse(page.url).query)["draft"][0]


def every_event_in_a_row(browser: object, server: AppServer) -> tuple[object, str]:
    """A new tab with the story open on its events, every event in a row; its token."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    watched = watch(context.new_page())
    token = open_story(watched.page, server.url)
    watched.page.locator("[data-testid=stButtonGroup] button", has_text="Events").first.click()
    wait_idle(watched.page)
    watched.page.get_by_role("radio", name="Every event in a row").click()
    wait_idle(watched.page)
    return watched, token


def type_without_waiting(page: object, boxes: list[tuple[object, str]], delay: int) -> None:
    """Click into each box and type its text, the next box at once (the last box's edit
    is still on its way); then leave the last box."""
    for box, text in boxes:
        box.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(text, delay=delay)
    page.keyboard.press("Tab")


def box_in(page: object, label: str, within: object = None) -> object:
    where = within if within is not None else page
    return where.locator(f'input[aria-label="{label}"], textarea[aria-label="{label}"]')


def check_round(page, work, token, wanted: dict, shown: dict, name: str) -> None:
    """The draft holds every text typed, and every box shows it."""
    held = wait_for_draft(work, token, wanted)
    if held != wanted:
        shoot(page, name)
    assert held == wanted, f"{name}: the draft lost what was typed"
    wait_idle(page)
    seen = {path: box.input_value() for path, box in shown.items()}
    assert seen == wanted, f"{name}: a box lost what was typed"


def test_typing_into_the_next_box_at_once_loses_nothing(browser, server, tmp_path, close_pages):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    watched = watch(context.new_page())
    page = watched.page
    token = open_story(page, server.url)
    for number, delay in enumerate(KEY_DELAYS, 1):
        texts = {path: f"{label} typed fast, round {number}" for label, path in BOXES}
        type_without_waiting(
            page, [(box_in(page, label), texts[path]) for label, path in BOXES], delay
        )
        shown = {path: field(page, label) for label, path in BOXES}
        check_round(page, tmp_path, token, texts, shown, f"fast-typing-header-{number}")
    # the story file's text is written only once its box is opened, and holds the edits
    page.get_by_text("The story file's text (YAML)").click()
    yaml_box = page.locator('[data-stale=false] textarea[aria-label="The story file\'s text"]')
    expect(yaml_box).to_have_value(re.compile(re.escape(texts[("title", "en")])), timeout=SLOW)
    assert not watched.errors


def test_typing_through_the_event_cards_at_once_loses_nothing(
    browser, server, tmp_path, close_pages
):
    watched, token = every_event_in_a_row(browser, server)
    page = watched.page
    for number, delay in enumerate(KEY_DELAYS, 1):
        boxes, texts, shown = [], {}, {}
        for index in (0, 1):  # two cards, four boxes each, one after another
            card = page.locator(f".st-key-event-card-{index}")
            for label, path in CARD_BOXES:
                where = ("events", index, *path)
                texts[where] = f"{label} of event {index + 1}, typed fast, round {number}"
                boxes.append((box_in(page, label, card), texts[where]))
                shown[where] = card.locator("[data-stale=false]").locator(
                    f'input[aria-label="{label}"], textarea[aria-label="{label}"]'
                )
        type_without_waiting(page, boxes, delay)
        check_round(page, tmp_path, token, texts, shown, f"fast-typing-cards-{number}")
    assert not watched.errors


def test_typing_right_after_choosing_a_place_loses_nothing(browser, server, tmp_path, close_pages):
    """A place chosen in an event's places (Enter), then its title typed at once: the
    choice's run must not take the title being typed (nor the title the choice)."""
    watched, token = every_event_in_a_row(browser, server)
    page = watched.page
    card = page.locator(".st-key-event-card-0")
    places = card.locator("[data-testid=stMultiSelect] input")
    for number, (place, delay) in enumerate((("Kursk", 0), ("Minsk", 15), ("Wonsan", 40)), 1):
        places.click()
        page.keyboard.type(place)
        chosen = page.locator("[role=option][data-focused=true]")
        expect(chosen).to_contain_text(place, timeout=SLOW)  # the list (in the browser) has it
        page.keyboard.press("Enter")
        texts = {
            ("events", 0, "title", code): f"Title {code} typed after {place}, round {number}"
            for code in ("id", "en")
        }
        type_without_waiting(
            page,
            [(box_in(page, f"Title · {path[3]}", card), text) for path, text in texts.items()],
            delay,
        )
        ids = ["moscow", "pyongyang", *("kursk", "minsk", "wonsan-kalma")[:number]]
        wanted = {**texts, ("events", 0, "places"): ids}
        shown = {
            path: card.locator("[data-stale=false]").locator(
                f'input[aria-label="Title · {path[3]}"]'
            )
            for path in texts
        }
        held = wait_for_draft(tmp_path, token, wanted)
        if held != wanted:
            shoot(page, f"fast-typing-place-{number}")
        assert held == wanted, f"round {number}: the draft lost what was typed or chosen"
        wait_idle(page)
        assert {path: box.input_value() for path, box in shown.items()} == texts
    assert not watched.errors
