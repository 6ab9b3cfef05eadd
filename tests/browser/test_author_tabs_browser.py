"""Nothing lost, in a real browser: two tabs of one browser on the same draft, and the
server restarted between edits. A tab holding an older revision never writes over newer
work (the saved file or the draft store) without asking which version to keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import ROOT, AppServer
from author_helpers import SLOW, field, section, start_author_app, type_into, wait_idle
from browser_helpers import shoot, watch
from playwright.sync_api import expect

from storymap.authoring.store import DraftStore
from storymap.loading import parse_story

pytestmark = pytest.mark.browser

STORY = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
TITLE = "Title · en"
ASKED = "changed in another tab or window"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def server(work: Path) -> Iterator[list[AppServer]]:
    """The app in a list, so that the test can restart it (same port, same folders)."""
    running = [start_author_app(STORY, work)]
    yield running
    running[-1].stop()


def restart(running: list[AppServer], work: Path) -> None:
    old = running[-1]
    old.stop()
    running.append(start_author_app(STORY, work, port=int(old.url.rsplit(":", 1)[1])))


def stored_title(work: Path, token: str) -> str:
    saved = DraftStore(work / "cache" / "drafts").load(token)
    assert saved is not None
    return saved.record["data"]["title"]["en"]


def saved_title(work: Path) -> str:
    return parse_story((work / "stories" / "russia-north-korea.yaml").read_text()).title.get("en")


def title_shown(page: object) -> str:
    wait_idle(page)
    box = field(page, TITLE)
    box.wait_for(timeout=SLOW)
    return box.input_value()


def save_here(page: object) -> None:
    section(page, "Download and save")
    wait_idle(page)
    page.get_by_role("button", name="Save as").click()
    wait_idle(page)


def take_the_newer(page: object) -> None:
    page.get_by_role("button", name="Use the other tab's version").click()
    wait_idle(page)


def test_two_tabs_and_a_restart_lose_nothing(browser, server, work, close_pages):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    a = watch(context.new_page())
    a.page.goto(f"{server[-1].url}/author?lang=en")
    a.page.get_by_role("tab", name="An existing story").click(timeout=SLOW)
    a.page.get_by_role("button", name="Open this story").click()
    title_shown(a.page)
    address = a.page.url
    token = address.split("draft=")[1].split("&")[0]
    c = watch(context.new_page())  # the same draft in a second tab of the same browser
    c.page.goto(address)
    assert title_shown(c.page) == stored_title(work, token)

    # an edit in A, then Save in C, which still shows the older title
    type_into(a.page, TITLE, "Edited in tab A")
    assert stored_title(work, token) == "Edited in tab A"
    save_here(c.page)
    expect(c.page.get_by_text(ASKED)).to_be_visible(timeout=SLOW)
    expect(c.page.get_by_text("Not saved")).to_be_visible()
    shoot(c.page, "author-tabs-1-asked-1280")
    assert not (work / "stories" / "russia-north-korea.yaml").exists()
    assert stored_title(work, token) == "Edited in tab A"
    take_the_newer(c.page)
    save_here(c.page)
    expect(c.page.get_by_text("Saved:")).to_be_visible(timeout=SLOW)
    assert saved_title(work) == "Edited in tab A"

    # the server restarts; both tabs reconnect and show the newest version
    restart(server, work)
    for tab in (a, c):
        section(tab.page, "Story")
        expect(field(tab.page, TITLE)).to_have_value("Edited in tab A", timeout=SLOW)
    type_into(a.page, TITLE, "After the restart, in tab A")
    assert stored_title(work, token) == "After the restart, in tab A"
    save_here(c.page)  # C reconnected before A's edit: it is asked again
    expect(c.page.get_by_text(ASKED)).to_be_visible(timeout=SLOW)
    assert saved_title(work) == "Edited in tab A"
    assert stored_title(work, token) == "After the restart, in tab A"
    take_the_newer(c.page)
    save_here(c.page)
    expect(c.page.get_by_text("Saved:")).to_be_visible(timeout=SLOW)
    assert saved_title(work) == "After the restart, in tab A"

    # an edit in C after the restart reaches A, which asks before writing over it
    section(c.page, "Story")
    type_into(c.page, TITLE, "Edited in tab C")
    type_into(a.page, "Subtitle · en", "A subtitle typed in the older tab A")
    expect(a.page.get_by_text(ASKED)).to_be_visible(timeout=SLOW)
    assert stored_title(work, token) == "Edited in tab C"
    take_the_newer(a.page)
    assert title_shown(a.page) == "Edited in tab C"
    for tab in (a, c):  # and a reload finds the newest
        tab.page.reload()
        assert title_shown(tab.page) == "Edited in tab C"

    # a download or an export is made when clicked: a tab gone stale since it was drawn
    # hands out a one-line file that says why, never its older story
    section(a.page, "Download and save")
    wait_idle(a.page)
    type_into(c.page, TITLE, "Edited in tab C, again")
    for label in ("Story file (YAML)", "Events (GeoJSON)"):
        with a.page.expect_download(timeout=SLOW) as got:
            a.page.get_by_role("button", name=label).click()
        text = Path(got.value.path()).read_text("utf-8")
        assert text.startswith("Not downloaded: this draft was changed in another tab"), text
        assert "Edited in tab C" not in text
    # the page's next run asks; a new start in the stale tab writes nothing either
    section(a.page, "Start")
    expect(a.page.get_by_text(ASKED)).to_be_visible(timeout=SLOW)
    expect(a.page.get_by_role("button", name="Story file (YAML)")).to_have_count(0)
    a.page.get_by_role("tab", name="An existing story").click(timeout=SLOW)
    a.page.get_by_role("button", name="Open this story").click()
    wait_idle(a.page)
    expect(a.page.get_by_text(ASKED)).to_be_visible(timeout=SLOW)
    assert stored_title(work, token) == "Edited in tab C, again"
    take_the_newer(a.page)
    section(a.page, "Download and save")
    with a.page.expect_download(timeout=SLOW) as got:
        a.page.get_by_role("button", name="Story file (YAML)").click()
    assert parse_story(Path(got.value.path()).read_text("utf-8")).title.get("en") == (
        "Edited in tab C, again"
    )
    assert a.dialogs == c.dialogs == []
    context.close()
