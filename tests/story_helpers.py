"""Paths and small helpers shared by the library's unit tests (fixtures are in conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests' own frozen copy of the first story (never edited); the published stories in
# geodata/stories/ are checked by tests/test_published_stories.py.
FIRST_STORY = FIXTURES / "first-story-article-reading.yaml"
PUBLISHED_STORIES = sorted((ROOT / "geodata" / "stories").glob("*.yaml"))
DOC = ROOT / "docs" / "story-format.md"
SCHEMA = ROOT / "geodata" / "story.schema.json"


def shared(*parts: str) -> Path:
    """``shared/<parts>``: the team's shared folder (the seed article, the Knight Lab
    fixtures), never copied into the repository. ``STORYMAP_SHARED`` names it; otherwise
    it is beside the repository or beside a folder above it (a worktree), else the
    machine's own ``/work/shared``. Tests that need it skip without it."""
    named = os.environ.get("STORYMAP_SHARED")
    bases = (
        [Path(named)] if named else [*(p / "shared" for p in ROOT.parents), Path("/work/shared")]
    )
    return next(
        (b.joinpath(*parts) for b in bases if b.joinpath(*parts).exists()),
        bases[0].joinpath(*parts),
    )


FIRST_ARTICLE = shared("seed", "000_b4ed06f6648d6672.txt")


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the only line of ``path`` that contains ``needle``."""
    text = path.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers} of {path.name}, expected one"
    return numbers[0]
