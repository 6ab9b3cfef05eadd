"""Real-browser fixtures: a Streamlit server for the first story and headless Debian Chromium.

In CI a browser test never skips: a missing browser, axe-core or fixture (the shared
article) is a failure, whichever way the test says it cannot run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer, start_app
from author_helpers import start_author_app

FIRST_STORY = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Under ``CI``, a browser test that skipped (a ``skipif``, a ``pytest.skip`` in a
    fixture or the test) is reported as failed, with the reason it gave."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") and item.get_closest_marker("browser"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        reason = str(reason).removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"a browser test may not skip in CI: {reason}"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def story_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_app(FIRST_STORY, tmp_path_factory.mktemp("app"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def author_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app for the author page, with drafts and saves in folders of this module's own."""
    work = tmp_path_factory.mktemp("author")
    server = start_author_app(
        ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml", work
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def exported_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first story as one offline HTML file, made once (``python -m storymap export``)."""
    from storymap.cli import main

    target = tmp_path_factory.mktemp("exported") / "story.html"
    assert main(["export", str(FIRST_STORY), "--format", "html", "-o", str(target)]) == 0
    return target


@pytest.fixture
def close_pages(browser: object) -> Iterator[None]:
    """Close the pages a test opened: idle Streamlit pages and maps still cost the 2 cores."""
    before = set(browser.contexts)
    yield
    for context in set(browser.contexts) - before:
        context.close()
