"""The Content-Security-Policies: the app's pages (a header from our middleware), our
components' frames (a <meta> in their pages), and the pages with inline scripts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from own_loop import run_coroutine
from story_helpers import ROOT

from storymap.basemaps import tile_hosts
from storymap.model import Media
from storymap.web.policy import frame_policy, inline_page_policy, meta, script_hash
from storymap_ui.headers import SCROLL_TO_FOCUS, SecurityHeaders, app_policy


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";")}


@pytest.mark.parametrize("policy", [frame_policy(), app_policy(), inline_page_policy(["x"])])
def test_no_policy_runs_inline_code_or_eval(policy: str) -> None:
    scripts = directives(policy)["script-src"]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "https:"} & set(scripts)
    assert directives(policy)["base-uri"] == ["'none'"]


def test_the_frames_load_only_their_own_files_and_the_tiles() -> None:
    rules = directives(frame_policy())
    assert rules["script-src"] == rules["style-src"] == rules["connect-src"] == ["'self'"]
    assert rules["default-src"] == ["'none'"]
    assert set(tile_hosts()) < set(rules["img-src"])


def test_the_app_allows_streamlits_own_inline_script_by_hash_only() -> None:
    """Each inline script of Streamlit's index.html, as a browser's parser reads it, and our
    one, by hash."""
    import streamlit

    index = (Path(streamlit.__file__).with_name("static") / "index.html").read_text("utf-8")
    reader = _Scripts()
    reader.feed(index)
    inline = [text for attrs, text in reader.scripts if not attrs]
    assert inline, "Streamlit's page has an inline script: the policy must name it"
    scripts = directives(app_policy())["script-src"]
    ours = [SCROLL_TO_FOCUS]  # the author page's scroll to a problem's field
    assert [s for s in scripts if s.startswith("'sha256-")] == [
        script_hash(text) for text in [*inline, *ours]
    ]
    assert "'self'" in scripts


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def test_a_single_file_shows_pictures_on_the_web_as_links_and_loads_nothing_remote() -> None:
    """Its policy allows images inline and from the base maps only, whatever the story's
    pictures: one on the web is a link (issue 21: nothing remote but the base maps)."""
    from storymap.export.html import standalone_html
    from storymap.loading import load_story
    from storymap.located import LocatedStory
    from storymap.single_file import json_block

    story = load_story(ROOT / "tests" / "fixtures" / "minimal.yaml")
    pictures = [
        Media(url="https://upload.wikimedia.org/a.png", kind="image", credit="c"),
        Media(url="https://x.org;script-src-elem/a.png", kind="image", credit="c"),  # syntax
    ]
    event = story.events[0].model_copy(update={"media": pictures})
    story = story.model_copy(update={"events": [event]})
    page = standalone_html(LocatedStory.of(story))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert re.search(r"img-src ([^;]+)", policy).group(1).split() == ["data:", *tile_hosts()]
    assert "upload.wikimedia.org" not in policy and "x.org" not in policy
    narrative = json.loads(json_block(page, "storymap-data"))["text"]["en"]["events"][0]["html"]
    assert '<a href="https://upload.wikimedia.org/a.png"' in narrative and "<img" not in narrative


def test_the_component_frames_pages_carry_the_policy_first(tmp_path, monkeypatch) -> None:
    """The reader's, the speaker view's and the picker's pages as laid out: the policy before
    any script or style."""
    from storymap_ui import component, picker

    monkeypatch.setenv("STORYMAP_FRONTEND_DIR", str(tmp_path / "reader"))
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    component._component.cache_clear()
    picker._component.cache_clear()
    try:
        component._component()
        picker._component()
    finally:
        component._component.cache_clear()
        picker._component.cache_clear()
    pages = [tmp_path / "reader" / "index.html", tmp_path / "reader" / "speaker.html"]
    for page in [*pages, picker.picker_dir() / "index.html"]:
        text = page.read_text("utf-8")
        assert meta(frame_policy()) in text
        first = min(text.index(tag) for tag in ("<script", "<link", "<style") if tag in text)
        assert text.index(meta(frame_policy())) < first
        assert "<script>" not in text and "<style>" not in text and " on" not in text.lower()


def respond(path: str, kind: bytes, own: list[tuple[bytes, bytes]] | None = None) -> list[dict]:
    """What our middleware sends for a response of ``kind`` (and headers ``own``) at ``path``."""

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind), *(own or [])]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    scope = {"type": "http", "path": path, "method": "GET", "headers": []}
    # A thread of its own: an event loop left running in this one (Playwright's, when the
    # browser tests ran first in the same process) makes asyncio.run refuse.
    run_coroutine(SecurityHeaders(app)(scope, receive, send))
    return sent


def headers_of(sent: list[dict]) -> dict[bytes, bytes]:
    return dict(sent[0]["headers"])


def test_every_page_of_the_app_gets_the_policy() -> None:
    for path in ("/", "/presenter", "/data", "/author"):
        headers = headers_of(respond(path, b"text/html; charset=utf-8"))
        assert headers[b"content-security-policy"] == app_policy().encode()
        assert headers[b"x-content-type-options"] == b"nosniff"


def test_a_page_that_names_its_own_policy_keeps_it_alone() -> None:
    """The light page at the app's "/": a second policy would be enforced as well."""
    ours = frame_policy(own_base=True).encode()
    sent = respond("/", b"text/html; charset=utf-8", [(b"content-security-policy", ours)])
    policies = [v for k, v in sent[0]["headers"] if k == b"content-security-policy"]
    assert policies == [ours]
    assert b"base-uri 'self'" in ours and "base-uri 'none'" in frame_policy()


def test_the_components_frames_and_other_files_keep_their_own() -> None:
    frame = headers_of(respond("/component/storymap_ui.component.storymap_reader/index.html",
                               b"text/html"))  # fmt: skip
    assert b"content-security-policy" not in frame  # the page's own <meta> applies
    data = headers_of(respond("/_stcore/health", b"application/json"))
    assert b"content-security-policy" not in data and data[b"x-content-type-options"]


def test_streamlit_run_serves_the_app_through_the_middleware() -> None:
    """``streamlit run streamlit_app.py`` finds ``app`` (an ``st.App`` with our middleware)."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "streamlit_app.py")
    assert found.is_asgi_app and found.import_string == "streamlit_app:app"
    source = (ROOT / "streamlit_app.py").read_text("utf-8")
    assert "middleware=[Middleware(SecurityHeaders)]" in source
