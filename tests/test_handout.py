"""The printed sheets: the student's (map, timeline, one line per event, questions with room
to answer) and the teacher's (sources, date notes, fact checks, credits), as HTML.

How many pages they print to is checked by printing them with Chromium:
tests/browser/test_class_browser.py.
"""

from __future__ import annotations

import base64
import html
import io
import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from PIL import Image
from story_helpers import FIXTURES, ROOT

from storymap.export.handout import MAP_DPI, MAP_WIDTH_IN, handout_html, teacher_html
from storymap.export.timeline_svg import CHAR, timeline_drawing
from storymap.loading import load_story
from storymap.located import LocatedStory, locate_file

ARTIFACTS = ROOT / "test-artifacts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HOSTILE_TITLE = "&lt;img src=x onerror=alert(1)&gt;"


def _text(value: str) -> str:
    """A story string as it appears in the sheet's text (nh3 leaves quotes as they are)."""
    return html.escape(value, quote=False)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def students(located_story) -> dict[str, str]:
    pages = {lang: handout_html(located_story, lang) for lang in ("id", "en")}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "handout-en.html").write_text(pages["en"], encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def teachers(located_story) -> dict[str, str]:
    return {lang: teacher_html(located_story, lang) for lang in ("id", "en")}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_student_sheet_has_one_line_per_event_and_every_question(students, story, lang):
    page = students[lang]
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    assert len(rows) == 1 + len(story.events)  # the header, then one row per event
    for number, (event, row) in enumerate(zip(story.events, rows[1:], strict=True), start=1):
        assert f'<td class="number">{number}</td>' in row
        assert _text(event.title.get(lang)) in row, event.id
        for place in event.places:
            assert _text(story.place(place).name.get(lang)) in row, (event.id, place)
    asked = [event for event in story.events if event.question]
    assert page.count('<div class="question">') == len(asked)
    assert page.count('<div class="answer"></div>') == 2 * len(asked)  # room to answer
    for event in asked:
        assert _text(event.question.get(lang)) in page, event.id
    # the teacher's material is not on the student's sheet
    assert 'class="fact-check' not in page and _text(story.events[0].summary.get(lang)) not in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_student_sheet_is_self_contained_and_prints_on_any_paper(students, story, lang):
    page = students[lang]
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}" dir="ltr">' in page
    assert "<script" not in page.lower() and 'src="http' not in page
    assert "default-src 'none'" in page.replace("&#39;", "'")
    assert "@page { margin:" in page and "size: A4" not in page  # the printer's paper: A4 or Letter
    assert _text(story.title.get(lang)) in page and "IDN Times" in page
    heading = {"id": "Pertanyaan diskusi", "en": "Discussion questions"}[lang]
    assert f"<h2>{heading}</h2>" in page


def test_the_student_sheet_shows_the_map_alone(students):
    encoded = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', students["en"])[1]
    png = base64.b64decode(encoded)
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        assert image.width == round(MAP_WIDTH_IN * MAP_DPI) and image.width > image.height


def test_the_timeline_marks_every_step_by_its_events_numbers(students, located_story):
    drawing = timeline_drawing(located_story, "en")
    steps = [step for step in located_story.steps if step.events]
    assert [m.label for m in drawing.marks] == [
        str(s.events[0] + 1) if len(s.events) == 1 else f"{s.events[0] + 1}–{s.events[-1] + 1}"
        for s in steps
    ]
    xs = [m.x for m in drawing.marks]
    assert xs == sorted(xs) and xs[0] >= 0 and xs[-1] <= drawing.width
    assert len(drawing.breaks) == 1  # 1948 ... 2022
    for row in {m.row for m in drawing.marks}:  # numbers in one row never touch
        in_row = [m for m in drawing.marks if m.row == row]
        for left, right in pairwise(in_row):
            room = (len(left.label) + len(right.label)) * CHAR / 2
            assert right.x - left.x >= room, (left, right)
    assert [text for _, text in drawing.ticks] == ["1948", "2022", "2024", "2025"]
    page = students["en"]
    assert page.count('<svg class="timeline-svg"') == 1
    assert page.count("<circle ") == len(drawing.marks)


@pytest.mark.parametrize("name", ["tsunami-2004.yaml", "magellan.yaml"])
def test_the_sheets_of_other_stories(name: str) -> None:
    located = locate_file(FIXTURES / name)
    story = located.story
    for lang in story.languages:
        student, teacher = handout_html(located, lang), teacher_html(located, lang)
        assert (
            f'<html lang="{lang}" dir="ltr">' in student
            and f'<html lang="{lang}" dir="ltr">' in teacher
        )
        for event in story.events:
            assert _text(event.title.get(lang)) in student, (name, lang, event.id)
            assert _text(event.title.get(lang)) in teacher, (name, lang, event.id)
            if event.fact_check:
                assert _text(event.fact_check.record.get(lang)) in teacher


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_teacher_sheet_has_sources_date_notes_and_fact_checks(teachers, story, lang):
    page = teachers[lang]
    assert "<script" not in page.lower()
    for event in story.events:
        assert _text(event.title.get(lang)) in page
        assert _text(event.summary.get(lang)) in page
        for source in event.sources:
            assert _text(source.outlet_in(lang)) in page
        if event.date_note:
            assert _text(event.date_note.get(lang)) in page
        if event.fact_check:
            assert _text(event.fact_check.article.get(lang)) in page
            assert _text(event.fact_check.record.get(lang)) in page
        if event.question:
            assert _text(event.question.get(lang)) in page
    assert {"id": "Sumber dan kredit", "en": "Sources and credits"}[lang] in page
    assert "<svg" not in page and "<img" not in page  # words only


def test_the_sheets_of_a_hostile_story_show_its_text_and_run_nothing(gazetteer):
    located = LocatedStory.of(load_story(FIXTURES / "html_injection.yaml"))
    for page in (handout_html(located, "en"), teacher_html(located, "en")):
        assert "<script" not in page.lower() and "<img src=x" not in page and "<iframe" not in page
        assert HOSTILE_TITLE in page
        assert page.count("onerror=") == page.count(HOSTILE_TITLE)  # only inside the text
        parser = _Elements()
        parser.feed(page)
        tags = [tag for tag, _ in parser.tags]
        assert "script" not in tags and "iframe" not in tags and "foreignobject" not in tags
        assert tags.count("svg") <= 1  # our own timeline, no other
        for tag, attrs in parser.tags:
            assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").lower().startswith("javascript:"), (tag, attrs)
        images = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
        assert all(src.startswith("data:image/png;base64,") for src in images) and len(images) <= 1


def test_a_long_storys_timeline_keeps_to_three_rows_of_numbers(tmp_path) -> None:
    """1,000 events: every step has its dot; numbers only where they find room."""
    from storymap.synthetic import write_synthetic_story

    located = locate_file(write_synthetic_story(1000, tmp_path / "big.yaml"))
    drawing = timeline_drawing(located, "en")
    assert len(drawing.marks) == sum(1 for step in located.steps if step.events)
    assert {m.row for m in drawing.marks} <= {0, 1, 2}
    labelled = [m for m in drawing.marks if m.label]
    assert 0 < len(labelled) < len(drawing.marks)
