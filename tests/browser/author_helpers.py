"""The author page in a real browser: opening it, its parts, and typing as a person does."""

from __future__ import annotations

import os
from pathlib import Path

from app_server import PAGE_IDLE, AppServer, start_app
from browser_helpers import Watched, open_page, wait_until
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

SLOW = 90_000  # ms: drafting and the first checks on a busy machine


def open_author(
    browser: object, server: AppServer, width: int = 1280, height: int = 800
) -> Watched:
    watched = open_page(browser, width, height)
    watched.page.goto(f"{server.url}/author?lang=en")
    watched.page.get_by_text("Write a story map").wait_for(timeout=SLOW)
    return watched


def section(page: object, name: str) -> None:
    """Open a part of the page once the last run is drawn (a click on a switch that run is
    still replacing can be lost), and wait until the switch shows it."""
    wait_idle(page)
    page.locator("[data-testid=stButtonGroup] button", has_text=name).first.click()
    chosen = page.locator("[data-testid=stButtonGroup]").get_by_role(
        "radio", name=name, checked=True
    )
    expect(chosen.first).to_be_visible(timeout=SLOW)


# Also no run asked for and not yet begun (Streamlit shows its status only after a while).
NOT_RUNNING = (
    f"{PAGE_IDLE} && document.querySelector('[data-testid=stApp]')"
    "?.dataset.testScriptState === 'notRunning'"
)


def wait_idle(page: object) -> None:
    """Until Streamlit has run the page and replaced every element of the last run."""
    page.wait_for_timeout(300)
    wait_until(page, NOT_RUNNING, SLOW / 1000)


def choose(page: object, box: object, option: int) -> None:
    """Choose a select box's ``option``-th entry, opening its list again as a person would
    if the first click only focused the box (a click while its panel is still unfolding
    does) or the list closed before the choice (on a busy machine, once in a full run)."""
    for _ in range(3):
        box.click()
        try:
            page.get_by_role("listbox").wait_for(timeout=5_000)
            page.get_by_role("option").nth(option).click(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError("the select box's list did not open and take a choice after three clicks")


def field(page: object, label: str) -> object:
    """The one input with this label in the page as it is now (not an element being replaced)."""
    return page.locator(f'[data-stale=false] input[aria-label="{label}"]')


def type_into(page: object, label: str, text: str) -> None:
    wait_idle(page)
    box = field(page, label)
    box.fill(text)
    box.press("Enter")
    wait_idle(page)


def start_author_app(story: Path, work: Path, port: int = 0) -> AppServer:
    """The app on ``story``, its drafts (cache) and saved stories in folders of ``work``
    (on ``port``: the same port as a server stopped, so that its open pages reconnect)."""
    (work / "stories").mkdir(exist_ok=True)
    saved = {name: os.environ.get(name) for name in ("STORYMAP_CACHE", "STORYMAP_AUTHOR_SAVE_DIR")}
    os.environ["STORYMAP_CACHE"] = str(work / "cache")
    os.environ["STORYMAP_AUTHOR_SAVE_DIR"] = str(work / "stories")
    try:
        return start_app(story, work, port=port)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
