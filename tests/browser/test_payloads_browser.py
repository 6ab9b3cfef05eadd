"""Every known payload in every text field of a story, through every page and every export,
in Chromium, to the last step: nothing runs, nothing is fetched, nothing is refused (issue 18).

The story (``tests/payload_story.py``) puts ``<img onerror>``, ``<svg onload>``, ``<details
ontoggle>``, ``<iframe srcdoc>``, ``javascript:`` links, attribute, script, style and
template-literal breakouts, Markdown links and images and template expressions into each
of its ~80 texts. Each page is walked as a reader walks it: every step to the last, the
places' labels at each step, every tooltip opened and one hovered, both languages; the
presenter with its notes and question; the data page's map, filters and fact checks; the
author page with the story opened, edited sections and the preview. A page passes when no
dialog opened in any frame, no frame holds a payload's mark (``window.__pwned``) or an
element carrying its handler, no request went to the payloads' host, no template computed
our text, and no Content-Security-Policy was violated (a violation would mean markup got
through and only the policy stopped it, or that the policy refuses what the app needs).

Before the fix, the place names ran as HTML in the map's labels: dialogs opened on the
reader, the presenter and the author's preview (field ``places[…].name``, ``img onerror``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from app_server import AppServer
from author_helpers import SLOW, section, start_author_app, wait_idle
from browser_helpers import component_frame, reader_frame, shoot, wait_until
from payload_helpers import follow, traces, walk, watch
from payload_story import payload_story
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from storymap.cli import main

pytestmark = pytest.mark.browser

STORY, FIELDS = payload_story()


@pytest.fixture(scope="module")
def story_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payload-story") / "stories"
    folder.mkdir()
    path = folder / "payloads.yaml"
    path.write_text(yaml.safe_dump(STORY, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def server(story_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on the payload story, its drafts and saves in this module's own folders."""
    app = start_author_app(story_file, tmp_path_factory.mktemp("payload-app"))
    yield app
    app.stop()


def open_app(browser: object, server: AppServer, path: str) -> object:
    watched = watch(browser)
    watched.page.goto(f"{server.url}{path}")
    return watched


def reader_as(page: object, condition: str) -> object:
    """The reader's frame once ``condition`` holds in it (the frame may start again first)."""
    ready = f"Boolean(window.storyReader) && {condition}"
    return component_frame(page, "storymap_reader", ready, SLOW / 1000, "the reader")


def choose_language(page: object, label: str) -> None:
    page.locator("[data-testid=stButtonGroup] button", has_text=label).first.click()


def test_the_reader_in_both_languages(browser, server, close_pages) -> None:
    watched, wrong = open_app(browser, server, "/reader?lang=id"), []
    page = watched.page
    steps = walk(reader_frame(page, SLOW / 1000), wrong)
    choose_language(page, "English")
    frame = reader_as(page, "window.storyReader.lang === 'en'")
    assert walk(frame, wrong) == steps == 6
    for name in ("Semua peristiwa", "All events", "Sumber dan kredit", "Sources and credits"):
        opener = page.get_by_text(name, exact=True)
        if opener.count():
            opener.first.click()
    wait_idle(page)
    shoot(page, "payloads-reader")
    assert traces(watched, FIELDS) + wrong == []


# The speaker view's words: where it is, its slides' titles, the step's notes.
SPEAKER = """() => ({
  step: document.getElementById('speaker').dataset.step,
  now: document.querySelector('.speaker-now').textContent,
  notes: document.querySelector('.speaker-notes').textContent,
})"""


def test_the_presenter_its_question_and_its_speaker_view(browser, server, close_pages) -> None:
    watched, wrong = open_app(browser, server, "/presenter?lang=en"), []
    page = watched.page
    frame = reader_frame(page, SLOW / 1000)
    with page.context.expect_page() as opened:
        frame.locator("#speaker-open").click()
    speaker = follow(opened.value)
    frame.locator("#question-toggle").click()  # each question on a slide of its own
    wait_until(frame, "window.storyReader.slides.question === true")
    walk(frame, wrong)
    frame.evaluate("window.storyReader.goTo(1, {fromUser: true})")  # the fullest event
    wait_until(speaker.page, "document.getElementById('speaker').dataset.step === '1'")
    shown = speaker.page.evaluate(SPEAKER)
    assert "<img src=x onerror" in shown["now"] and "<img src=x onerror" in shown["notes"]
    choose_language(page, "Bahasa Indonesia")
    frame = reader_as(page, "window.storyReader.lang === 'id'")
    walk(frame, wrong)
    shoot(page, "payloads-presenter")
    assert traces(watched, FIELDS) + traces(speaker, FIELDS) + wrong == []


FOLIUM_TIPS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const tips = [];
  map.eachLayer((layer) => {
    const tip = layer.getTooltip && layer.getTooltip();
    if (!tip) return;
    layer.openTooltip();
    tips.push(tip.getElement().textContent);
    layer.closeTooltip();
  });
  return tips;
}"""


def folium_frame(page: object) -> object:
    """The data page's folium map (the frame holding one), once Leaflet drew it."""
    for _ in range(SLOW // 200):
        for frame in page.frames:
            try:
                if frame.evaluate(
                    "typeof L !== 'undefined' && Boolean(document.querySelector('.folium-map'))"
                    " && document.readyState === 'complete'"
                ):
                    return frame
            except PlaywrightError:  # replaced while the page settles
                pass
        page.wait_for_timeout(200)
    raise AssertionError("the data page's map did not load")


def test_the_data_page_map_filters_and_fact_checks(browser, server, close_pages) -> None:
    watched = open_app(browser, server, "/data?lang=en")
    page = watched.page
    for label in ("Bahasa Indonesia", None):
        wait_idle(page)
        tips = folium_frame(page).evaluate(FOLIUM_TIPS)
        assert len(tips) == 5 and all(tip.startswith("T") for tip in tips), (
            tips
        )  # 4 places, 1 route
        for box in page.locator("[data-testid=stMultiSelect]").all():
            box.click()
            names = page.get_by_role("option").filter(has_text="<img src=x onerror")
            expect(names.first).to_be_visible(timeout=SLOW)
            page.keyboard.press("Escape")
        page.locator("[data-testid=stExpander] summary").first.click()
        expect(page.locator("[data-testid=stExpander]").first).to_contain_text("<img src=x")
        if label:
            choose_language(page, label)
    shoot(page, "payloads-data")
    assert traces(watched, FIELDS) == []


# The story's text is in the section's fields, as text.
SHOWN_IN_FIELDS = """[...document.querySelectorAll('[data-testid=stMain] input, [data-testid=stMain] textarea')]
  .some((field) => field.value.includes('<img src=x onerror'))"""


def test_the_author_page_and_its_preview(browser, server, story_file, close_pages) -> None:
    watched, wrong = open_app(browser, server, "/author?lang=en"), []
    page = watched.page
    page.get_by_text("Write a story map").wait_for(timeout=SLOW)
    page.get_by_role("tab", name="Upload a file").click()
    upload = page.get_by_test_id("stFileUploader").filter(has_text="Story file")
    upload.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(story_file))
    page.get_by_role("button", name="Open this file").click()
    expect(page.get_by_text("The story was opened from")).to_be_visible(timeout=SLOW)
    for name in ("Story", "Places", "Events"):
        section(page, name)
        wait_idle(page)
        wait_until(page, SHOWN_IN_FIELDS, SLOW / 1000)
    section(page, "Preview")
    page.get_by_text("Speaker notes", exact=True).click()  # the switch's label: under the words
    wait_idle(page)
    frame = reader_as(page, "window.storyReader.notes === true")
    walk(frame, wrong)
    assert traces(watched, FIELDS) + wrong == []  # as a reader sees it
    page.locator("[data-testid=stButtonGroup] button", has_text="A class (presenter)").click()
    wait_idle(page)
    frame = reader_as(page, "window.storyReader.mode === 'presenter'")  # the frame starts again
    walk(frame, wrong)
    shoot(page, "payloads-author-preview")
    assert traces(watched, FIELDS) + wrong == []


def export(story: Path, fmt: str, target: Path) -> Path:
    assert main(["export", str(story), "--format", fmt, "-o", str(target)]) == 0
    return target


def open_file(browser: object, path: Path) -> object:
    watched = watch(browser)
    watched.page.goto(path.as_uri())
    return watched


def test_the_single_file_page_from_disk(browser, story_file, tmp_path, close_pages) -> None:
    watched, wrong = open_file(browser, export(story_file, "html", tmp_path / "story.html")), []
    page = watched.page
    wait_until(page, "Boolean(window.storyReader)")
    walk(page.main_frame, wrong)
    page.click("button[data-lang=en]")
    walk(page.main_frame, wrong)
    shoot(page, "payloads-single-file")
    assert traces(watched, FIELDS) + wrong == []


def test_the_static_site_and_the_handout(browser, story_file, tmp_path, close_pages) -> None:
    site = export(story_file.parent, "site", tmp_path / "site")
    handout = export(story_file, "handout", tmp_path / "handout.html")
    index = open_file(browser, site / "index.html")
    links = index.page.eval_on_selector_all(
        "a[href$='.html'], a[href*='.html#']", "as => as.map(a => a.href)"
    )
    assert traces(index, FIELDS) == [] and len(links) >= 2
    pages = [*sorted({link.split("#")[0] for link in links}), handout.as_uri()]
    for address in pages:
        watched, wrong = watch(browser), []
        watched.page.goto(address)
        watched.page.wait_for_load_state("load")
        if watched.page.evaluate("Boolean(window.storyReader)"):
            walk(watched.page.main_frame, wrong)
        else:
            expect(watched.page.locator("body")).to_contain_text("<img src=x")
        assert traces(watched, FIELDS) + wrong == [], address


def test_the_light_page_in_both_languages(browser, server, close_pages) -> None:
    """``/read/payloads/``: the same reader without Streamlit's page, its list and credits."""
    watched, wrong = open_app(browser, server, "/read/payloads/#lang=id"), []
    page = watched.page
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    steps = walk(page, wrong)
    page.locator("[data-lang=en]").click()
    wait_until(page, "window.storyReader.lang === 'en' && document.documentElement.lang === 'en'")
    assert walk(page, wrong) == steps == 6
    for opener in page.locator("summary").all():
        opener.click()
    shoot(page, "payloads-light")
    assert traces(watched, FIELDS) + wrong == []
