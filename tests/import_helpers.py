"""Where the third-party fixtures are, and how a test imports one.

The published StoryMapJS and TimelineJS files live beside the repository, in
``../shared/fixtures/`` (byte for byte, never edited or committed here). A worktree kept
elsewhere can point at them with ``STORYMAP_SHARED_FIXTURES``; tests skip without them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from story_helpers import shared

from storymap.importers import ImportResult, import_story

SHARED_FIXTURES = Path(os.environ.get("STORYMAP_SHARED_FIXTURES") or shared("fixtures"))


def fixture_path(relative: str) -> Path:
    path = SHARED_FIXTURES / relative
    if not path.is_file():
        pytest.skip(f"the shared fixture is not here: {path}")
    return path


def import_fixture(relative: str, **options: object) -> ImportResult:
    path = fixture_path(relative)
    return import_story(path.read_bytes(), None, path.name, **options)  # type: ignore[arg-type]


def reported(result: ImportResult, *needles: str) -> list[str]:
    """The report lines holding every one of ``needles``; fails when there are none."""
    lines = [line for line in result.report if all(n in line for n in needles)]
    assert lines, f"nothing in the report says {needles}:\n" + "\n".join(result.report)
    return lines
