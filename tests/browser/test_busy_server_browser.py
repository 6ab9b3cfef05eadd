"""No input can stop the server: while one session drafts a 5 MB article, another session's
reader still steps (its step reaches the server, which writes it into the address) and
``/_stcore/health`` still answers, both before the draft is done."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from author_helpers import SLOW, open_author, wait_idle
from browser_helpers import open_page, reader_frame
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
DRAFTING = "Reading the article: dates, places, sources…"
MEGABYTES = 5 * 1024 * 1024


def five_megabyte_page(path: Path) -> Path:
    """A saved web page of 5 MB (the most an upload may be): an article of about 270,000
    characters made of the words the draft's rules work hardest on, in 4.7 MB of markup."""
    words = ["Moscow", "Januari", "Senin", "1948", "Putin", "said", "Rusia", "“a"]
    text = " ".join(words[n % len(words)] for n in range(45_000))
    paragraphs = "".join(
        f"<p>Pada Senin (27/10/2025) di Moskow. {text[at : at + 5000]}.</p>\n"
        for at in range(0, len(text), 5000)
    )
    head = f"<!doctype html><html><head><title>Big</title></head><body><article><h1>Big</h1>{paragraphs}</article>"
    tail = "</body></html>"
    filler = "<div class='nav'><a href='/x'>Menu item</a></div>\n"
    count = (MEGABYTES - len(head.encode()) - len(tail)) // len(filler)
    path.write_bytes((head + filler * count + tail).encode())
    assert MEGABYTES - 100 < path.stat().st_size <= MEGABYTES
    return path


def health(server: object) -> int:
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=SLOW / 1000) as answer:
        return answer.status


def test_a_reader_steps_and_the_server_answers_while_a_big_article_is_drafted(
    browser, author_server, close_pages, tmp_path
):
    reader = open_page(browser, 1280, 800).page
    reader.goto(f"{author_server.url}/reader?lang=en")
    frame = reader_frame(reader, timeout_s=SLOW / 1000)
    step_events = frame.evaluate(
        "window.storyReader.data.steps.map(s => s.events.map(i =>"
        " window.storyReader.data.events[i].id)[0] || null)"
    )

    author = open_author(browser, author_server).page
    upload = author.get_by_test_id("stFileUploader").filter(has_text="upload the article")
    upload.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        str(five_megabyte_page(tmp_path / "big-article.html"))
    )
    expect(author.get_by_text("big-article.html")).to_be_visible(timeout=SLOW)
    wait_idle(author)  # the upload's own run is over
    author.get_by_role("button", name="Make a draft from the article").click()
    drafting = author.get_by_text(DRAFTING)
    expect(drafting).to_be_visible(timeout=SLOW)

    # while the draft is made: the health check answers, and a reader's steps reach the server
    assert health(author_server) == 200
    frame.focus("#slider")
    for step in (1, 2):
        reader.keyboard.press("ArrowRight")
        reader.wait_for_url(f"**event={step_events[step]}**", timeout=SLOW)
    assert health(author_server) == 200
    assert drafting.is_visible(), "the draft ended before the checks: they prove nothing"

    # the draft itself ends in a story or in one line saying why not, never a traceback
    expect(drafting).to_be_hidden(timeout=180_000)
    outcome = author.get_by_text("The story was opened from big-article.html").or_(
        author.get_by_test_id("stAlertContentError")
    )
    expect(outcome.first).to_be_visible(timeout=SLOW)
    assert author.get_by_test_id("stException").count() == 0
