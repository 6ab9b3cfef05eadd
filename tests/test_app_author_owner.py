"""A draft belongs to the browser that made it (AppTest): a link opened in another browser
neither shows nor changes it, a token planted in a link is never adopted, sharing is a
read-only or an edit link its owner makes and withdraws, and the limits say what they
refused in one line. A browser is its signed owner cookie (``author_owner._cookie``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from author_page_helpers import author_folders
from story_helpers import ROOT
from streamlit.testing.v1 import AppTest

from storymap.authoring.owners import mint, signing_key
from storymap.authoring.starts import MAX_ARTICLE_CHARS
from storymap.authoring.store import DraftStore, new_token

PAGE = str(ROOT / "pages" / "author.py")


class Browsers:
    """Which browser the next page is opened in: each its own signed cookie."""

    def __init__(self, cache: Path) -> None:
        self.key = signing_key(cache)
        self.cookies: dict[str, str | None] = {}
        self.current = "first"

    def cookie(self) -> str | None:
        if self.current not in self.cookies:
            self.cookies[self.current] = mint(self.key)
        return self.cookies[self.current]


@pytest.fixture(autouse=True)
def browsers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Browsers:
    author_folders(monkeypatch, tmp_path)
    chosen = Browsers(tmp_path / "cache")
    monkeypatch.setattr("storymap_ui.author_owner._cookie", chosen.cookie)
    return chosen


def open_page(browsers: Browsers, who: str, **query: str) -> AppTest:
    browsers.current = who
    at = AppTest.from_file(PAGE, default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def token(at: AppTest) -> str:
    value = at.query_params["draft"]
    return value[0] if isinstance(value, list) else value


def drafts() -> DraftStore:
    return DraftStore(Path(os.environ["STORYMAP_CACHE"]) / "drafts")


def start_first_story(at: AppTest) -> AppTest:
    at.button(key="author-open-file").click().run()
    assert not at.exception and at.session_state["author"].data["id"] == "russia-north-korea"
    return at


def set_title(at: AppTest, text: str) -> AppTest:
    generation = at.session_state["author"].generation
    at.text_input(key=f"a{generation}:title:en").set_value(text).run()
    assert not at.exception
    return at


def test_a_drafts_link_opened_in_another_browser_neither_shows_nor_changes_it(browsers):
    mine = set_title(start_first_story(open_page(browsers, "author", lang="en")), "My own title")
    link = token(mine)
    assert drafts().load(link).record["data"]["title"]["en"] == "My own title"
    reload = open_page(browsers, "author", draft=link, lang="en")  # the owner: a reload
    assert reload.session_state["author"].data["title"]["en"] == "My own title"

    other = open_page(browsers, "colleague", draft=link, lang="en")
    assert "This draft belongs to another browser; ask its author for a share link" in (
        other.warning[0].value
    )
    assert token(other) != link and other.session_state["author"].data is None
    other.run()  # a rerun (the owner cookie's report) keeps the line until a draft begins
    assert other.warning and "belongs to another browser" in other.warning[0].value
    set_title(start_first_story(other), "Written by the colleague")
    assert not [w for w in other.warning if "belongs to another browser" in w.value]
    assert drafts().load(link).record["data"]["title"]["en"] == "My own title"
    assert drafts().load(token(other)).record["data"]["title"]["en"] == "Written by the colleague"


def test_a_token_planted_in_a_link_is_never_adopted(browsers):
    attacker = set_title(start_first_story(open_page(browsers, "attacker", lang="en")), "Bait")
    planted = token(attacker)
    victim = open_page(browsers, "victim", draft=planted, lang="en")
    assert token(victim) != planted
    set_title(start_first_story(victim), "The victim's secret work")
    victims = token(victim)
    again = open_page(browsers, "attacker", draft=planted, lang="en")
    assert again.session_state["author"].data["title"]["en"] == "Bait"
    assert drafts().load(planted).record["data"]["title"]["en"] == "Bait"
    stolen = open_page(browsers, "attacker", draft=victims, lang="en")  # even knowing the token
    assert token(stolen) != victims and stolen.session_state["author"].data is None
    # a token nobody has used: a fresh draft of the server's own, nothing under the name
    chosen = open_page(browsers, "victim", draft="ATTACKERCHOSEN-0002", lang="en")
    start_first_story(chosen)
    assert token(chosen) != "ATTACKERCHOSEN-0002"
    assert not (Path(os.environ["STORYMAP_CACHE"]) / "drafts" / "ATTACKERCHOSEN-0002.json").exists()
    newline = open_page(browsers, "victim", draft="NEWLINETOKEN0000\n", lang="en")
    start_first_story(newline)
    assert all(
        "\n" not in p.name for p in (Path(os.environ["STORYMAP_CACHE"]) / "drafts").iterdir()
    )


def test_an_unsigned_cookie_is_a_new_browser(browsers):
    mine = start_first_story(open_page(browsers, "author", lang="en"))
    browsers.cookies["forger"] = browsers.cookies["author"].split(".")[0] + ".forged"
    forged = open_page(browsers, "forger", draft=token(mine), lang="en")
    assert token(forged) != token(mine) and forged.session_state["author"].data is None


def test_read_and_edit_links_open_the_draft_until_its_owner_withdraws_them(browsers):
    mine = set_title(start_first_story(open_page(browsers, "author", lang="en")), "Shared")
    link = token(mine)
    mine.segmented_control(key="author_section").set_value("save").run()
    mine.button(key="author-share-read").click().run()
    mine.button(key="author-share-edit").click().run()
    shares = drafts().load(link).shares
    assert set(shares) == {"read", "edit"}
    shown = [box.value for box in mine.text_input if box.key.startswith("author-share-")]
    assert shown == [
        f"/author?draft={link}&key={shares['read']}&lang=en",
        f"/author?draft={link}&key={shares['edit']}&lang=en",
    ]

    reader = open_page(browsers, "colleague", draft=link, key=shares["read"], lang="en")
    assert "A draft shared with you to read" in reader.info[0].value
    assert token(reader) == link
    assert "author_section" not in [c.key for c in reader.segmented_control]  # no parts to edit
    assert [b.key for b in reader.get("download_button")] == ["author-download-yaml"]

    editor = open_page(browsers, "colleague", draft=link, key=shares["edit"], lang="en")
    set_title(editor, "Edited through the link")
    assert drafts().load(link).record["data"]["title"]["en"] == "Edited through the link"
    assert drafts().load(link).owner == mine.session_state["author"].owner

    mine.button(key="author-unshare-edit").click().run()
    editor.run()
    assert "withdrawn by its author" in editor.warning[0].value
    assert token(editor) != link and editor.session_state["author"].data is None
    assert drafts().load(link).record["data"]["title"]["en"] == "Edited through the link"


def test_a_paste_longer_than_an_article_is_refused_in_one_line_and_not_kept(browsers):
    at = open_page(browsers, "author", lang="en")
    at.text_area(key="author-article").set_value("😀" * 5_000_000)
    at.button(key="author-make-draft").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The pasted text is 5,000,000 characters; an article may be at most 300,000: it was "
        "not kept. Paste a shorter part."
    ]
    assert at.text_area(key="author-article").value == ""
    assert drafts().load(token(at)) is None  # nothing kept: no draft was even made
    at.text_area(key="author-article").set_value("😀" * MAX_ARTICLE_CHARS)  # the most there is
    at.button(key="author-make-draft").click().run()
    assert not at.error[0].value.startswith("The pasted text")
    assert len(drafts().load(token(at)).record["article"]) == MAX_ARTICLE_CHARS


def test_old_drafts_are_removed_while_the_server_runs_at_most_hourly(browsers, monkeypatch):
    from storymap_ui import author_state

    monkeypatch.setattr(author_state, "_pruned", {"at": 0.0})
    folder = Path(os.environ["STORYMAP_CACHE"]) / "drafts"

    def old_draft() -> str:
        token = new_token()
        drafts().save(token, {"data": None}, 0, owner="a" * 64)
        long_ago = time.time() - 40 * 86400
        os.utime(folder / f"{token}.json", (long_ago, long_ago))
        return token

    first = old_draft()
    author_state.prune_now_and_then(now=1_000_000.0)
    assert drafts().load(first) is None
    second = old_draft()
    author_state.prune_now_and_then(now=1_000_060.0)  # a minute later: not yet
    assert drafts().load(second) is not None
    author_state.prune_now_and_then(now=1_003_601.0)  # an hour later
    assert drafts().load(second) is None


def test_the_owner_components_page_runs_only_its_own_script():
    """Its frame, like every frame of ours, carries a policy first: no inline script, no
    other origin (the app's header is not sent to components' frames)."""
    page = (ROOT / "storymap_ui" / "owner" / "index.html").read_text(encoding="utf-8")
    head = page.split("<head>", 1)[1]
    first = head.strip().splitlines()[1]  # after the charset
    assert first == (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'self'; base-uri 'none'; form-action 'none'\">"
    )
    assert page.count("<script") == 1 and '<script src="owner.js"></script>' in page
