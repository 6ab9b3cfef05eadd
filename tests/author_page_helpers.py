"""What the author page's AppTests share: folders of the test's own for drafts and stories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from story_helpers import FIRST_STORY


def author_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Drafts in ``tmp_path/cache``, and a stories folder (with the first story) to open and
    save into; the stories folder is returned."""
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path / "cache"))
    stories = tmp_path / "stories"
    stories.mkdir()
    shutil.copyfile(FIRST_STORY, stories / "russia-north-korea.yaml")
    monkeypatch.setenv("STORYMAP_STORIES", str(stories))
    monkeypatch.setenv("STORYMAP_AUTHOR_SAVE_DIR", str(stories))
    return stories
