"""Two app processes on one machine, sharing one cache folder (the reader's data, drafts),
as behind a proxy with sticky sessions: both serve the story, a story version is built
once for both, and a draft written through one is read whole through the other (by the
same browser: its owner cookie, signed by one process, is good for the other), and never
silently overwritten by it.

The sessions speak Streamlit's protocol (benchmarks/st_client.py), as a browser tab does.
"""

from __future__ import annotations

import asyncio
import json
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from app_server import AppServer, fresh_cache, start_app
from own_loop import run_coroutine
from story_helpers import FIRST_STORY, ROOT
from streamlit.proto.WidgetStates_pb2 import WidgetState

from storymap.authoring.store import DraftStore

sys.path.insert(0, str(ROOT / "benchmarks"))
from st_client import Tab, text, trigger

TITLE = "Title · en"


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[tuple[AppServer, AppServer, Path]]:
    work = tmp_path_factory.mktemp("two-processes")
    cache = fresh_cache(work / "cache")
    env = {"STORYMAP_CACHE": str(cache), "STORYMAP_AUTHOR_SAVE_DIR": "off"}
    first = start_app(FIRST_STORY, work, env=env)
    try:
        second = start_app(FIRST_STORY, work, env=env)
    except Exception:
        first.stop()
        raise
    try:
        yield first, second, cache
    finally:
        first.stop()
        second.stop()


def served_file(server: AppServer, tab: Tab, url: str) -> dict:
    component = tab.key("reader_map").component
    with urllib.request.urlopen(f"{server.url}/component/{component}/{url}", timeout=60) as got:
        return json.loads(got.read())


def test_both_serve_the_story_from_one_build(servers) -> None:
    first, second, cache = servers

    async def read(server: AppServer) -> dict:
        tab = await Tab.open(server.url, "", "lang=en")
        try:
            args = tab.key("reader_map").args
            assert tab.errors == []
            return {
                "args": args,
                "map": served_file(server, tab, args["map_url"]),
                "words": served_file(server, tab, args["text_urls"]["en"]),
            }
        finally:
            await tab.close()

    async def both() -> list[dict]:
        return await asyncio.gather(read(first), read(second))

    one, two = run_coroutine(both())
    assert one["args"]["map_url"] == two["args"]["map_url"]
    assert one["map"] == two["map"] and one["map"]["events"]
    assert one["words"] == two["words"]
    assert one["words"]["title"] == "Russia and North Korea, ever closer"
    records = list((cache / "reader").glob("*.json"))
    assert len(records) == 1, "the story version was built more than once"


def test_a_draft_crosses_processes_whole_and_is_never_overwritten_unasked(servers) -> None:
    first, second, cache = servers
    store = DraftStore(cache / "drafts")

    def stored_title(token: str) -> str:
        return store.load(token).record["data"]["title"]["en"]

    async def scenario() -> None:
        here = await Tab.open(first.url, "author", "lang=en")
        await here.run({here.key("author-open-file").id: trigger()})
        token = parse_qs(here.query)["draft"][0]
        await here.run({here.widget(TITLE).id: text("Written through the first server")})
        assert stored_title(token) == "Written through the first server"
        written = store.load(token).record

        # The same draft through the other process (a reload routed elsewhere), from the same
        # browser: its owner cookie, which the first process signed, is good for the second.
        cookie = here.key("author-owner-cookie").args["value"]
        there = await Tab.open(
            second.url, "author", f"lang=en&draft={token}", cookies={"storymap_owner": cookie}
        )
        assert parse_qs(there.query)["draft"] == [token]
        await there.run({there.key("author_section").id: choice("Story")})
        assert there.value(TITLE).string_value == "Written through the first server"
        assert store.load(token).record == written  # reading it changed nothing

        await there.run({there.widget(TITLE).id: text("Written through the second server")})
        assert stored_title(token) == "Written through the second server"

        # The first tab, unaware, edits again: it is asked, and the newer draft stays.
        await here.run({here.widget(TITLE).id: text("A late edit through the first server")})
        assert stored_title(token) == "Written through the second server"
        assert here.shows("author-take-newer") and here.shows("author-keep-mine")
        await here.run({here.key("author-keep-mine").id: trigger()})  # the author chooses
        assert stored_title(token) == "A late edit through the first server"
        for tab in (here, there):
            assert tab.errors == []
            await tab.close()

    run_coroutine(scenario())


def choice(option: str) -> WidgetState:
    """A segmented control's option clicked (its label, as the page sends it)."""
    return WidgetState(string_array_value={"data": [option]})
