"""One story writer: every story file storymap writes comes from ``story_writer.story_text``."""

from __future__ import annotations

import re

import yaml
from story_helpers import FIRST_STORY, ROOT

from storymap.authoring.exports import story_file_text
from storymap.importers.result import ImportResult
from storymap.loading import parse_story
from storymap.story_writer import SCHEMA_LINE, story_text
from storymap.story_yaml import read_yaml
from storymap.synthetic import synthetic_story_text

TWO_LINES = {"id": "two-lines", "subtitle": {"en": "First line.\nSecond line."}}


def test_only_the_writer_dumps_yaml() -> None:
    writers = [
        str(path.relative_to(ROOT))
        for package in ("storymap", "storymap_ui")
        for path in ROOT.joinpath(package).rglob("*.py")
        if re.search(r"yaml\.(safe_)?dump\(|Dumper\)", path.read_text(encoding="utf-8"))
    ]
    assert writers == ["storymap/story_writer.py"]


def test_every_kind_of_file_has_the_schema_line_its_note_and_literal_text() -> None:
    made = {
        "author": story_file_text(TWO_LINES),
        "import": ImportResult(dict(TWO_LINES), fmt="csv", name="sheet.csv").yaml(),
        "synthetic": synthetic_story_text(3),
        "plain": story_text(TWO_LINES, "first note\nsecond note"),
    }
    for kind, text in made.items():
        lines = text.splitlines()
        assert lines[0] == SCHEMA_LINE, kind
        assert lines[1].startswith("# "), kind
    for kind in ("author", "import", "plain"):
        assert "subtitle:\n  en: |-\n    First line.\n    Second line.\n" in made[kind], kind
    assert made["plain"].splitlines()[1:3] == ["# first note", "# second note"]


def test_the_first_story_reads_back_the_same() -> None:
    data = yaml.safe_load(FIRST_STORY.read_text(encoding="utf-8"))
    text = story_text(data, "written again")
    assert yaml.safe_load(text) == data
    assert parse_story(text, "again") == parse_story(FIRST_STORY.read_text(encoding="utf-8"), "x")


def test_text_that_looks_like_a_number_is_written_so_it_reads_back_as_text() -> None:
    """The loader reads a plain 09 as the number 9 (YAML 1.2), so the writer quotes it: an
    id or a title "09" typed on the author page is still text in the saved file."""
    values = {"id": "09", "code": "-12", "plus": "+3", "number": 9, "time": "08:30"}
    assert read_yaml(story_text(values), "story").raw == values
