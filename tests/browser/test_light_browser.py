"""The light reader page (``/read/<story-id>/``): the story without Streamlit's page, served
by the app from the reader cache, walked from the first event to the last at laptop and
phone sizes, in both languages; ids and names it does not know get a one-line 404."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import AppServer, fresh_cache, start_app
from browser_helpers import (
    STEP_PROBE,
    assert_step_shown_together,
    drawn_markers,
    open_page,
    shoot,
    wait_until,
)
from playwright.sync_api import expect

from storymap.web.policy import script_hash

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
READY = "window.storyReader && window.storyReader.root.dataset.state === 'ready'"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on a folder of two stories (the first story and Magellan's, in Spanish and
    English, under a file name that is not its id), with a cache folder of its own."""
    work = tmp_path_factory.mktemp("light")
    stories = work / "stories"
    stories.mkdir()
    (stories / "russia-north-korea.yaml").write_bytes(
        (FIXTURES / "first-story-article-reading.yaml").read_bytes()
    )
    (stories / "voyage.yaml").write_bytes((FIXTURES / "magellan.yaml").read_bytes())
    env = {"STORYMAP_CACHE": str(fresh_cache(work / "cache")), "STORYMAP_STORIES": str(stories)}
    app = start_app(stories / "russia-north-korea.yaml", work, env=env)
    yield app
    app.stop()


def walk_to_the_end(page: object) -> int:
    """▶▶ from the first step to the last; at each, the map, the words, the slider and the
    counter show the same step (one keydown's frame, as a reader sees it). Returns the steps."""
    page.evaluate(STEP_PROBE)
    last = page.evaluate("window.storyReader.lastStep")
    for step in range(1, last + 1):
        page.focus("#slider")
        page.keyboard.press("ArrowRight")
        wait_until(page, f"window.__frames.length === {step}")
        record = page.evaluate(f"window.__frames[{step - 1}]")
        assert record["step"] == step, record
        assert_step_shown_together(page, record)
    return last + 1


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["laptop", "phone"])
def test_the_light_page_steps_from_first_to_last(browser, server, size, close_pages) -> None:
    watched = open_page(browser, *size)
    page = watched.page
    page.goto(f"{server.url}/read/russia-north-korea/")
    wait_until(page, READY)
    expect(page.locator("h1")).to_have_text("Rusia dan Korea Utara, makin rapat")
    expect(page.locator("#narrative")).to_contain_text("Seluruh tempat dalam cerita")
    assert drawn_markers(page) == 13
    # the page's words below the reader come once it is on screen, the list in full
    expect(page.locator("#list-heading")).to_have_text("Semua peristiwa (daftar teks)")
    expect(page.locator("#credits-heading")).to_have_text("Sumber dan kredit")
    expect(page.locator("#event-list li")).to_have_count(14)
    assert walk_to_the_end(page) == page.evaluate("window.storyReader.data.steps.length") > 5
    assert page.evaluate("location.hash") == "#step=end&lang=id"
    steps = page.evaluate("window.storyReader.data.steps.length")
    expect(page.locator("#step-count")).to_have_text(f"{steps} / {steps}")
    # the map is on the first screen, beside or above the words
    box = page.locator("#map").bounding_box()
    assert box["width"] > size[0] * 0.5 and box["height"] > 250 and box["y"] < size[1] / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]  # nothing sideways
    shoot(page, f"light-{size[0]}x{size[1]}")
    assert watched.errors == [] and watched.dialogs == []


def test_a_deep_link_and_the_other_language(browser, server, close_pages) -> None:
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.goto(f"{server.url}/read/magellan-elcano/#event=mactan&lang=en")
    wait_until(page, READY)
    assert page.evaluate("window.storyReader.lang") == "en"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    title = page.evaluate("window.storyReader.text.title")
    expect(page.locator("h1")).to_have_text(title)
    page.locator("[data-lang=es]").click()
    wait_until(page, "window.storyReader.lang === 'es' && document.documentElement.lang === 'es'")
    expect(page.locator("h1")).not_to_have_text(title)
    assert "lang=es" in page.evaluate("location.hash")
    page.locator("#list-heading").click()
    expect(page.locator("#event-list")).to_be_visible()
    assert watched.errors == [] and watched.dialogs == []


def answer(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return (
                response.status,
                response.read().decode("utf-8", "replace"),
                dict(response.headers),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


@pytest.mark.parametrize(
    "path",
    [
        "/read/no-such-story/",
        "/read/NOPE/",
        "/read/_/../../../../etc/passwd",
        "/read/_/reader.py",
        "/read/russia-north-korea/..%2F..%2F..%2Fetc%2Fpasswd",
        "/read/russia-north-korea/map.json",  # data only under its version's name
        "/read/russia-north-korea/reader/x.json",
        "/read/russia-north-korea/light/0/picture-0.jpg",
        "/read/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/read/voyage/",  # a file's name is not its story's id
    ],
)
def test_an_unknown_or_hostile_address_gets_a_one_line_404(server, path: str) -> None:
    status, body, headers = answer(server.url + path)
    # Streamlit's own guard answers a path that climbs out with a 400 before our route
    assert status in (400, 404), (path, status)
    if status == 404:
        assert body.startswith("not found: ") and body.count("\n") == 1, body
        assert "<" not in body and "passwd" not in body
        assert headers["content-type"].startswith("text/plain")
    assert "root:" not in body


def test_the_page_and_its_files_carry_the_frames_policy(server) -> None:
    status, page, headers = answer(f"{server.url}/read/russia-north-korea/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "<script>" not in page  # data only as JSON, scripts only as files
    # its own style sheets are in it, allowed by hash (and no other inline style)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert len(styles) == 3 and ".leaflet-container" in styles[0]
    wanted = " ".join(["style-src 'self'", *(script_hash(style) for style in styles)])
    assert wanted + ";" in headers["content-security-policy"]
    status, _, headers = answer(f"{server.url}/read/_/core.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")


def fetched(url: str, accept_encoding: str | None) -> tuple[bytes, dict[str, str]]:
    """The body as sent (not decompressed) and the headers, asking with ``accept_encoding``."""
    request = urllib.request.Request(url)
    if accept_encoding is not None:
        request.add_header("Accept-Encoding", accept_encoding)
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read(), {k.lower(): v for k, v in response.headers.items()}


def test_a_browser_that_takes_gzip_gets_the_kept_gzip_and_others_the_file(server) -> None:
    page, _ = fetched(f"{server.url}/read/russia-north-korea/", None)
    files = json.loads(re.search(rb'id="storymap-light">(.*?)</script>', page)[1])
    data = server.log.parent / "frontend" / "data"  # the app's reader files (start_app)
    base = f"{server.url}/read/russia-north-korea/"
    kept = {
        base: data / files["map"].split("/")[0] / "index.html.gz",
        base + files["map"]: data / (files["map"] + ".gz"),
        base + files["text"]["id"]: data / (files["text"]["id"] + ".gz"),
        f"{server.url}/read/_/engine.js": None,
        f"{server.url}/read/_/countries-110m.geojson": None,
    }
    for name, stored in kept.items():
        raw, plain = fetched(name, None)
        packed, headers = fetched(name, "gzip, deflate, br")
        # (Streamlit's gzip middleware adds its own Vary to a response it leaves as it is)
        assert "content-encoding" not in plain and "Accept-Encoding" in plain["vary"], name
        assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
        assert gzip.decompress(packed) == raw and len(packed) < len(raw) / 2, name
        if stored is not None:  # the file compressed once, sent as it is kept
            assert packed == stored.read_bytes(), name
        refused, headers = fetched(name, "br, identity")
        assert refused == raw and "content-encoding" not in headers, name
    # the engine in one file: Leaflet and the page's scripts, whole and in their order
    engine = fetched(f"{server.url}/read/_/engine.js", None)[0].decode("utf-8")
    scripts = ("leaflet.js", "core.js", "storymap-layers.js", "slides.js", "reader.js",
               "speaker.js", "standalone.js")  # fmt: skip
    places = [engine.index(fetched(f"{server.url}/read/_/{name}", None)[0].decode("utf-8"))
              for name in scripts]  # fmt: skip
    assert places[0] == 0 and places == sorted(places)
