"""Paths and small helpers shared by the library's unit tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests' own frozen copy of the first story (never edited); the published stories in
# geodata/stories/ are checked by tests/test_published_stories.py.
FIRST_STORY = FIXTURES / "first-story-article-reading.yaml"
PUBLISHED_STORIES = sorted((ROOT / "geodata" / "stories").glob("*.yaml"))
DOC = ROOT / "docs" / "story-format.md"
SCHEMA = ROOT / "geodata" / "story.schema.json"


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the only line of ``path`` that contains ``needle``."""
    text = path.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers} of {path.name}, expected one"
    return numbers[0]
