"""A deep link is the first thing a fresh server sees: the page still comes with the app's
own navigation (top bar, page titles), never Streamlit's old sidebar of file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_server import start_app
from browser_helpers import open_page
from conftest import FIRST_STORY
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("close_pages")]


def test_a_deep_link_first_after_start_gets_the_apps_navigation(
    browser: object, tmp_path: Path
) -> None:
    server = start_app(FIRST_STORY, tmp_path)  # its own server: nobody has opened / yet
    try:
        watched = open_page(browser, 1280, 800)
        page = watched.page
        page.goto(f"{server.url}/data?lang=en")
        expect(page.get_by_role("heading", name="Story data")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("link", name="Peta cerita · Story map")).to_be_visible()
        expect(page.get_by_role("link", name="Data")).to_be_visible()
        assert page.locator("[data-testid=stSidebarNav]").count() == 0
        assert "/data" in page.url and "lang=en" in page.url
        assert watched.errors == []
    finally:
        server.stop()
