"""A whole lesson, as a teacher gives it (issue 19's "done when").

A 1280×720 projector and no internet (every request off the machine is refused): the
presenter opens, the speaker view is opened with its key and follows every slide, every
step is walked to the end with a clicker's PageDown, each slide fits (no line cut, no type
under 24 px), the screen is blanked and brought back, the end stays the end, and the
student sheet prints on at most two pages of A4 and of Letter. The same lesson runs in
the app and on the single file opened from disk, for the first story, the tsunami (one
day) and Magellan's voyage (three years). The PDFs are kept in test-artifacts/.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import AppServer, start_app
from browser_helpers import ARTIFACTS, ROOT, reader_frame, shoot, wait_until
from class_helpers import SLIDE, position, settled
from playwright.sync_api import expect
from pypdf import PdfReader

from storymap.export import FORMATS
from storymap.export.site import export_site
from storymap.i18n import interface_language, t
from storymap.located import locate_file

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("close_pages")]
STORIES = ["first-story-article-reading.yaml", "tsunami-2004.yaml", "magellan.yaml"]
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture(scope="module", params=STORIES)
def story_file(request: pytest.FixtureRequest) -> Path:
    return ROOT / "tests" / "fixtures" / request.param


@pytest.fixture(scope="module")
def lesson_server(story_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:  # fmt: skip
    server = start_app(story_file, tmp_path_factory.mktemp("lesson"), tiles="offline")
    yield server
    server.stop()


def offline_context(browser: object, refused: list[str]) -> object:
    """A browser window of its own for the lesson; only this machine answers."""
    context = browser.new_context(viewport=PROJECTOR, accept_downloads=True)

    def local_only(route: object) -> None:
        url = route.request.url
        if url.startswith(("file:", "http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    context.route("**/*", local_only)
    return context


def teach(page: object, frame: object, context: object, app: bool, name: str) -> dict:
    """Open the speaker view, walk every slide with the clicker, blank the screen; the
    figures seen (slides, smallest type)."""
    with context.expect_page() as opened:
        page.keyboard.press("s")  # no click into the page first
    speaker = opened.value
    view = speaker.locator("#speaker")
    slides, smallest = 0, float("inf")
    while True:
        here = position(frame)
        expect(view).to_have_attribute("data-step", str(here["step"]))  # the speaker follows
        expect(view).to_have_attribute("data-page", str(here["page"]))
        slide = frame.evaluate(SLIDE)
        assert slide["cut"] == [] and slide["lines"] > 0, (name, slide)
        assert slide["dateCut"] is None and slide["inView"], (name, slide)
        slides, smallest = slides + 1, min(smallest, slide["smallest"])
        if here["step"] == 1 and here["page"] == 0:
            shoot(speaker, f"lesson-{name}-speaker")
            page.keyboard.press("b")  # a black screen, from the clicker
            expect(view).to_have_attribute("data-blank", "true")
            cover = page.locator("[data-storymap-blank]") if app else page.locator("#blank")
            expect(cover).to_be_visible()
            shoot(page, f"lesson-{name}-blank")
            page.keyboard.press("b")
            expect(view).to_have_attribute("data-blank", "false")
            expect(cover).to_be_hidden() if not app else expect(cover).to_have_count(0)
        if here["atEnd"]:
            break
        page.keyboard.press("PageDown")
        wait_until(
            frame,
            f"window.storyReader.step !== {here['step']} || window.storyReader.slides.page !== {here['page']}",
        )
    assert smallest >= 24, (name, smallest)
    settled(page, frame, app)
    end = position(frame)
    assert end["step"] == end["last"] and end["count"] == f"{end['last'] + 1} / {end['last'] + 1}"
    assert "step=end" in page.url
    shoot(page, f"lesson-{name}-end")
    return {"slides": slides, "smallest": smallest}


def print_sheet(context: object, sheet: Path, name: str) -> dict[str, int]:
    """The student sheet printed by Chromium to A4 and to Letter: its pages, counted."""
    page = context.new_page()
    page.goto(sheet.as_uri())
    pages = {}
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper, print_background=True)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"lesson-{name}-sheet-{paper}.pdf").write_bytes(pdf)
        pages[paper] = len(PdfReader(io.BytesIO(pdf)).pages)
    page.close()
    return pages


def test_a_lesson_in_the_app(browser, lesson_server, story_file, tmp_path) -> None:
    refused: list[str] = []
    context = offline_context(browser, refused)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{lesson_server.url}/presenter")
    frame = reader_frame(page)
    name = f"app-{story_file.stem}"
    seen = teach(page, frame, context, True, name)
    # the student sheet, as the data page hands it out
    page.goto(f"{lesson_server.url}/data")
    lang = interface_language(locate_file(story_file).story.default_language)
    label = t(FORMATS["handout"].label, lang)
    button = page.locator("[data-testid='stDownloadButton'] button", has_text=label)
    with page.expect_download(timeout=120_000) as download:
        button.click()
    sheet = tmp_path / "sheet.html"
    download.value.save_as(sheet)
    pages = print_sheet(context, sheet, name)
    assert pages["A4"] <= 2 and pages["Letter"] <= 2, (name, pages)
    print(f"{name}: {seen['slides']} slides, smallest type {seen['smallest']} px, sheet {pages}")
    assert errors == [] and [url for url in refused if "tile" not in url] == []
    context.close()


def test_a_lesson_from_the_single_file(browser, story_file, tmp_path) -> None:
    located = locate_file(story_file)
    site = tmp_path / "site"
    export_site([located], site)
    lang = located.story.default_language
    refused: list[str] = []
    context = offline_context(browser, refused)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / f"{located.story.id}.html").as_uri() + f"#present&lang={lang}")
    wait_until(page, "window.storyReader && window.storyReader.root.dataset.state === 'ready'")
    assert page.evaluate("document.documentElement.scrollHeight") <= PROJECTOR["height"]
    name = f"file-{story_file.stem}"
    seen = teach(page, page, context, False, name)
    pages = print_sheet(context, site / f"{located.story.id}-handout-{lang}.html", name)
    assert pages["A4"] <= 2 and pages["Letter"] <= 2, (name, pages)
    print(f"{name}: {seen['slides']} slides, smallest type {seen['smallest']} px, sheet {pages}")
    assert errors == [] and refused == []
    context.close()
