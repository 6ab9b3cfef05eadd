"""A draft belongs to the browser that made it, in a real browser: its link opened in
another browser (another context: other cookies) neither shows nor changes it, a token an
attacker plants in a link is never adopted, and a read-only link shows the draft to a
colleague without letting them change it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from author_helpers import SLOW, field, open_author, section, type_into, wait_idle
from browser_helpers import open_page
from playwright.sync_api import expect

from storymap.authoring.owners import COOKIE
from storymap.authoring.store import DraftStore

pytestmark = pytest.mark.browser
TITLE = "Title · en"
NOT_YOURS = "This draft belongs to another browser; ask its author for a share link"


def draft_token(page: object) -> str:
    return parse_qs(urlsplit(page.url).query)["draft"][0]


def drafts(server: object) -> DraftStore:
    return DraftStore(Path(server.log).parent / "cache" / "drafts")


def owned_cookie(page: object) -> str:
    """The owner cookie, once the page's component has written it."""
    for _ in range(SLOW // 100):
        found = [c["value"] for c in page.context.cookies() if c["name"] == COOKIE]
        if found:
            return found[0]
        page.wait_for_timeout(100)
    raise AssertionError("the page wrote no owner cookie")


def start_with_title(page: object, title: str) -> str:
    """Open the story in the folder, write its English title; the draft's token."""
    page.get_by_role("tab", name="An existing story").click(timeout=SLOW)
    page.get_by_role("button", name="Open this story").click()
    field(page, TITLE).wait_for(timeout=SLOW)
    type_into(page, TITLE, title)
    return draft_token(page)


def open_link(browser: object, url: str) -> object:
    """``url`` in a browser of its own (a new context: no cookies of the first)."""
    watched = open_page(browser, 1280, 800)
    watched.page.goto(url)
    watched.page.get_by_text("Write a story map").wait_for(timeout=SLOW)
    wait_idle(watched.page)
    return watched


def test_a_drafts_link_in_another_browser_neither_shows_nor_changes_it(
    browser, author_server, close_pages
):
    owner = open_author(browser, author_server).page
    owned_cookie(owner)
    token = start_with_title(owner, "The owner's own title")
    link = owner.url

    other = open_link(browser, link).page
    expect(other.get_by_text(NOT_YOURS)).to_be_visible(timeout=SLOW)
    assert draft_token(other) != token
    assert other.get_by_text("The owner's own title").count() == 0
    assert other.locator('input[value="The owner\'s own title"]').count() == 0
    start_with_title(other, "Written in the other browser")

    owner.reload()  # the owner's reload still finds the draft, unchanged
    box = field(owner, TITLE)
    box.wait_for(timeout=SLOW)
    expect(box).to_have_value("The owner's own title")
    assert drafts(author_server).load(token).record["data"]["title"]["en"] == (
        "The owner's own title"
    )


def test_a_token_planted_in_a_link_is_never_adopted(browser, author_server, close_pages):
    attacker = open_author(browser, author_server).page
    owned_cookie(attacker)
    planted = start_with_title(attacker, "Bait")

    victim = open_link(browser, f"{author_server.url}/author?draft={planted}&lang=en").page
    expect(victim.get_by_text(NOT_YOURS)).to_be_visible(timeout=SLOW)
    owned_cookie(victim)
    mine = start_with_title(victim, "The victim's secret work")
    assert mine != planted

    attacker.goto(f"{author_server.url}/author?draft={planted}&lang=en")
    box = field(attacker, TITLE)
    box.wait_for(timeout=SLOW)
    expect(box).to_have_value("Bait")  # the attacker's own draft, and nothing else
    attacker.goto(f"{author_server.url}/author?draft={mine}&lang=en")  # even knowing the token
    expect(attacker.get_by_text(NOT_YOURS)).to_be_visible(timeout=SLOW)
    assert attacker.get_by_text("The victim's secret work").count() == 0
    assert drafts(author_server).load(mine).record["data"]["title"]["en"] == (
        "The victim's secret work"
    )

    chosen = open_link(browser, f"{author_server.url}/author?draft=ATTACKERCHOSEN-0002&lang=en")
    assert draft_token(chosen.page) != "ATTACKERCHOSEN-0002"


def test_a_read_only_link_shows_the_draft_and_changes_nothing(browser, author_server, close_pages):
    owner = open_author(browser, author_server).page
    owned_cookie(owner)
    token = start_with_title(owner, "Shown to a colleague")
    section(owner, "Download and save")
    owner.get_by_role("button", name="Make a read-only link").click()
    link = owner.get_by_label("Read-only link")
    link.wait_for(timeout=SLOW)
    url = link.input_value()
    assert url.startswith(f"{author_server.url}/author?draft={token}&key=") and url.endswith(
        "&lang=en"
    )

    colleague = open_link(browser, url).page
    expect(colleague.get_by_text("A draft shared with you to read")).to_be_visible(timeout=SLOW)
    expect(colleague.get_by_role("button", name="Story file (YAML)")).to_be_visible()
    assert colleague.get_by_role("textbox", name=TITLE).count() == 0
    assert drafts(author_server).load(token).record["data"]["title"]["en"] == (
        "Shown to a colleague"
    )
